"""File › Sync with the window open: it runs in the background, the open issue takes the other
contributor's items in place while keeping unsaved typing and the cursor, conflicts show in the
tree and the Conflicts panel and resolve with Take Mine / Take Theirs / Keep Both, failures
are a dialog, and the author's name is the default signature."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QPushButton

from talkeditor.storage import files as storage
from talkeditor.ui import dialogs

from .conftest import FIXTURES, run_cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@pytest.fixture
def archives(tmp_path, monkeypatch):
    """A shared archive (bare remote) with two clones: ``mine`` (opened in the window) and
    ``bob`` (another contributor using the command line)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "tester@example.org")
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    host = tmp_path / "host"
    (host / "004").mkdir(parents=True)
    shutil.copy(FIXTURES / "issue-004.yaml", host / "004" / "issue.yaml")
    assert run_cli("sync", host, "--init", "--remote", remote.as_uri(),
                   "--author", "host").returncode == 0
    clones = {}
    for name in ("mine", "bob"):
        clones[name] = tmp_path / name
        subprocess.run(["git", "clone", "-q", remote.as_uri(), str(clones[name])], check=True)
    return clones


@pytest.fixture
def sync_window(qtbot, no_dialogs, archives):
    from talkeditor.ui.app import create_main_window

    win = create_main_window(archives["mine"] / "004" / "issue.yaml", lang="en")
    win.settings.set_author("Alice")
    qtbot.addWidget(win)
    yield win
    win.document.set_modified(False)


def bob_edits(archives, change) -> None:
    path = archives["bob"] / "004" / "issue.yaml"
    issue = storage.load_yaml_issue(path)
    change(issue)
    storage.save_issue(issue, path)
    out = run_cli("sync", archives["bob"], "--author", "Bob")
    assert out.returncode == 0, out.stderr


def type_text(widget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def run_sync(qtbot, window) -> None:
    controller = window.sync_controller
    with qtbot.waitSignal(controller.finished, timeout=60000):
        window.actions_["actionSync"].trigger()
        assert controller.running()  # in the background: the window goes on
        assert not window.actions_["actionSync"].isEnabled()
    qtbot.waitUntil(lambda: not controller.running(), timeout=10000)


def test_sync_pulls_in_place_keeping_unsaved_typing_and_the_cursor(qtbot, sync_window,
                                                                  archives):
    window = sync_window
    bob_edits(archives, lambda i: setattr(i.find("freetalk"), "body",
                                          i.find("freetalk").body + "\n\nBob：新问题"))
    window.select_section("本周新闻", "学术")
    body = window.editor.pane.body
    body.moveCursor(QTextCursor.MoveOperation.Start)
    type_text(body, "未保存的字")
    position = body.textCursor().position()
    run_sync(qtbot, window)
    issue = window.issue()
    assert issue.find("freetalk").body.endswith("Bob：新问题")
    assert issue.find("news-academic").body.startswith("未保存的字注：论文+重点")
    assert window.document.is_modified()  # the typing is still unsaved
    assert window.editor.current_id == "news-academic"
    assert body.textCursor().position() == position
    on_disk = storage.load_yaml_issue(archives["mine"] / "004" / "issue.yaml")
    assert on_disk.find("freetalk").body.endswith("Bob：新问题")
    assert "未保存的字" not in on_disk.find("news-academic").body
    assert "local changes" in window.sync_controller.status_label.text()


def test_a_clean_window_stays_unmodified_after_a_pull_and_pushes_its_saved_work(
        qtbot, sync_window, archives):
    window = sync_window
    bob_edits(archives, lambda i: i.highlights.append("Bob 的提要"))
    window.select_section("后续计划")
    window.editor.pane.body.moveCursor(QTextCursor.MoveOperation.End)
    type_text(window.editor.pane.body, "\n\nAlice 的计划")
    assert window.save()
    run_sync(qtbot, window)
    assert not window.document.is_modified()
    assert window.issue().highlights[-1] == "Bob 的提要"
    assert "synced" in window.sync_controller.status_label.text()
    assert "no local changes" in window.sync_controller.status_label.text()
    assert run_cli("sync", archives["bob"]).returncode == 0
    bob = storage.load_yaml_issue(archives["bob"] / "004" / "issue.yaml")
    assert bob.find("plans").body.endswith("Alice 的计划")


def test_conflicts_show_in_the_tree_and_panel_and_take_theirs_resolves_one(qtbot, sync_window,
                                                                          archives):
    window = sync_window
    bob_edits(archives, lambda i: setattr(i.find("plans"), "title", "下期安排"))
    window.document.rename_section("plans", "我的计划")
    assert window.save()
    run_sync(qtbot, window)
    section = window.document.issue.find("plans")
    assert section.title == "我的计划" and len(section.conflicts) == 1
    index = window.tree_model.index_of("plans")
    assert window.tree_model.data(index, 1) is not None  # the warning icon (DecorationRole)
    assert "merge conflict" in window.tree_model.data(index, 3)  # tooltip
    window.tree.select("plans")
    dock = window.sync_controller.dock
    assert dock.isVisible()
    assert dock in window.tabifiedDockWidgets(window.preview_dock)  # a tab beside the preview
    group = window.sync_controller.panel.groups[0]
    texts = [w.toPlainText() for w in group.findChildren(QPlainTextEdit)]
    assert texts == ["我的计划", "下期安排"]
    group.findChild(QPushButton, "takeTheirs").click()
    section = window.document.issue.find("plans")
    assert section.title == "下期安排" and section.conflicts == []
    assert window.sync_controller.panel.groups == []
    window.document.undo_stack.undo()
    assert len(window.document.issue.find("plans").conflicts) == 1


def test_a_body_conflict_keep_both_keeps_both_items(qtbot, sync_window, archives):
    window = sync_window
    first = window.issue().find("news-projects").body.split("\n\n")[0]
    bob_edits(archives, lambda i: setattr(i.find("news-projects"), "body",
                                          i.find("news-projects").body.replace(
                                              first, first + "（Bob 补充）", 1)))
    window.select_section("本周新闻", "项目")
    body = window.editor.pane.body
    cursor = body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    body.setTextCursor(cursor)
    type_text(body, "（Alice 补充）")
    run_sync(qtbot, window)  # unsaved typing against Bob's pushed edit of the same item
    section = window.document.issue.find("news-projects")
    assert len(section.conflicts) == 1
    window.sync_controller.panel.groups[0].findChild(QPushButton, "keepBoth").click()
    text = window.issue().find("news-projects").body
    assert first + "（Alice 补充）\n\n" + first + "（Bob 补充）" in text


def test_a_failed_sync_is_a_dialog_and_the_window_goes_on(qtbot, sync_window, archives,
                                                          no_dialogs):
    window = sync_window
    subprocess.run(["git", "-C", str(archives["mine"]), "remote", "remove", "origin"],
                   check=True)
    with qtbot.waitSignal(window.sync_controller.finished, timeout=60000) as blocker:
        window.actions_["actionSync"].trigger()
    assert blocker.args == [False]
    qtbot.waitUntil(lambda: window.actions_["actionSync"].isEnabled(), timeout=10000)
    (title, _text, details) = no_dialogs["errors"][-1]
    assert title == "Sync failed" and "no remote" in details


def test_syncing_an_unshared_archive_asks_for_the_remote_and_cancel_does_nothing(
        qtbot, window, monkeypatch):
    asked = []
    monkeypatch.setattr(dialogs, "ask_text", lambda *a: asked.append(a[1]) or None)
    assert window.sync_controller.sync_archive() is False
    assert asked == ["Share the archive"]
    window.sync_controller.update_status()
    assert window.sync_controller.status_label.text() == "Archive not shared"


def test_the_author_name_is_a_setting_and_the_default_signature(qtbot, window, no_dialogs,
                                                                monkeypatch):
    monkeypatch.setattr(dialogs, "ask_text", lambda *a: "初七")
    window.actions_["actionAuthorName"].trigger()
    assert window.settings.author() == "初七"
    seen = []
    monkeypatch.setattr(dialogs, "ask_name",
                        lambda parent, title, label, names, default="": seen.append(default))
    window.select_section("本周新闻", "项目")
    window.actions_["actionSignLine"].trigger()
    assert seen == ["初七"]


def test_the_panel_names_the_sections_with_conflicts_when_the_selected_one_has_none(
        qtbot, sync_window, archives):
    window = sync_window
    bob_edits(archives, lambda i: setattr(i.find("plans"), "title", "下期安排"))
    window.document.rename_section("plans", "我的计划")
    assert window.save()
    run_sync(qtbot, window)
    window.tree.select("join")
    window.sync_controller.show_conflicts("join")
    header = window.sync_controller.panel.header.text()
    assert "No merge conflicts in" in header and "我的计划" in header
