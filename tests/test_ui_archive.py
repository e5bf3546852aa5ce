"""The archive in the window: list and search past issues, open a hit at its place, start the
next issue from the panel, repeated links flagged while typing, copy a past issue's format."""

import json
import shutil
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QTreeWidget

from talkeditor import paths

from .conftest import FIXTURES
from .test_ui_window import _body, type_text


def _archive_in_the_settings(tmp_path):
    """A copy of the fixture archive, made the archive folder of the settings."""
    archive = tmp_path / "archive"
    shutil.copytree(FIXTURES / "archive", archive)
    config = paths.config_dir()
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"archive_dir": str(archive)}))


@pytest.fixture
def archive_window(qtbot, no_dialogs, tmp_path):
    from talkeditor.ui.app import create_main_window

    _archive_in_the_settings(tmp_path)
    win = create_main_window(lang="en")
    qtbot.addWidget(win)
    panel = win.archive_panel
    qtbot.waitUntil(lambda: panel.index is not None and not panel.is_scanning(), timeout=10000)
    yield win
    win.document.set_modified(False)


def _numbers(tree: QTreeWidget) -> list[str]:
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_the_panel_lists_past_issues_newest_first(archive_window):
    panel = archive_window.archive_panel
    assert panel.objectName() == "archivePanel"
    assert _numbers(panel.issues) == ["番外02", "004", "003", "002"]
    assert "检索+LLM" in panel.issues.topLevelItem(1).text(3)


def test_searching_filters_as_you_type_and_opening_a_hit_goes_to_its_section(
        qtbot, archive_window):
    panel = archive_window.archive_panel
    panel.search.setText("Lost in the Middle")
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.hits)
    assert sorted(set(_numbers(panel.hits))) == ["003", "004"]
    hit = next(panel.hits.topLevelItem(i) for i in range(panel.hits.topLevelItemCount())
               if panel.hits.topLevelItem(i).text(0) == "003")
    assert "学术" in hit.text(1)
    panel.hits.itemActivated.emit(hit, 0)  # read in the background, like File › Open
    qtbot.waitUntil(lambda: archive_window.document.issue.number == "003", timeout=10000)
    assert archive_window.editor.current_id == archive_window.document.issue.find_path(
        "本周新闻", "学术").id
    assert "Lost in the Middle" in _body(archive_window).textCursor().selectedText()
    panel.search.clear()
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.issues)


def test_the_next_issue_is_created_from_the_panel(qtbot, archive_window):
    panel = archive_window.archive_panel
    panel.issues.setCurrentItem(panel.issues.topLevelItem(1))  # 004
    panel.next_button.click()
    issue = archive_window.document.issue
    assert issue.number == "005"
    assert issue.date > "2023-07-15" and issue.time == "21:00"
    assert issue.highlights == [] and archive_window.isWindowModified()
    assert issue.find_path("本周新闻", "学术").body.strip() == ""
    assert "OpenLLM Talk 004" in issue.find("past").body


def test_new_from_past_issue_uses_the_latest_when_nothing_is_selected(qtbot, archive_window):
    assert archive_window.findChild(type(archive_window.actions_["actionSave"]),
                                    "actionNewFromIssue")
    archive_window.actions_["actionNewFromIssue"].trigger()
    assert archive_window.document.issue.number == "005"


def test_a_link_that_appeared_before_is_flagged_while_typing(qtbot, archive_window):
    archive_window.archive_actions.new_next_from(archive_window.archive.latest().path)
    archive_window.select_section("本周推荐", "资料")
    type_text(qtbot, _body(archive_window), "https://github.com/dair-ai/ML-Papers-of-the-Week")
    repeats = archive_window.editor.pane.repeats
    qtbot.waitUntil(lambda: repeats.count() == 1, timeout=3000)
    assert "002" in repeats.item(0).text() and "本周推荐" in repeats.item(0).text()
    assert repeats.isVisibleTo(archive_window)


def test_copy_format_keeps_the_drafts_content(qtbot, archive_window, no_dialogs, monkeypatch):
    from talkeditor.ui import dialogs

    archive_window.new_from_template()
    archive_window.select_section("本周新闻", "学术")
    type_text(qtbot, _body(archive_window), "draft news")
    archive_window.document.delete_section("classic")
    past = archive_window.archive.latest().path
    monkeypatch.setattr(dialogs, "open_issue_path", lambda parent, start=None: past)
    assert archive_window.archive_actions.copy_format()
    issue = archive_window.issue()
    assert "draft news" in issue.find_path("本周新闻", "学术").body
    assert issue.find_path("本周经典") is not None
    archive_window.document.undo_stack.undo()
    assert archive_window.issue().find_path("本周经典") is None


def test_while_the_archive_is_read_a_tabbed_away_list_waits_and_catches_up_when_shown(
        qtbot, archive_window):
    window, panel = archive_window, archive_window.archive_panel
    window.show()
    qtbot.waitExposed(window)
    window.tree_dock.raise_()  # Sections in front, Past Issues behind its tab
    qtbot.waitUntil(lambda: panel.visibleRegion().isEmpty())
    panel.issues.clear()  # what a list filled before the reading found these issues shows
    panel._scan_progress(2, 4)  # the reading thread committed some issues
    assert _numbers(panel.issues) == []  # nothing laid out for a list nobody sees
    window.archive_dock.raise_()
    qtbot.waitUntil(lambda: _numbers(panel.issues) == ["番外02", "004", "003", "002"])


def test_quitting_while_the_archive_is_read_ends_quietly_and_waits_for_the_reader(tmp_path):
    """The reader thread is stopped and joined at quit: no traceback from a signal whose
    relay Qt already deleted, no write cut off by the interpreter's exit."""
    _archive_in_the_settings(tmp_path)
    script = tmp_path / "child.py"
    script.write_text(textwrap.dedent("""
        import os, threading, time
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from talkeditor.archive.index import ArchiveIndex
        from talkeditor.ui import app as ui_app

        parse = ArchiveIndex._parse
        def slow_parse(self, path):  # a cold archive of hundreds of issues
            time.sleep(0.3)
            return parse(self, path)
        ArchiveIndex._parse = slow_parse
        window = ui_app.start(None, "en")
        def quit_while_reading():
            print("reading", window.archive_panel.is_scanning(), flush=True)
            window.close()
        QTimer.singleShot(600, quit_while_reading)
        QApplication.instance().exec()
        print("readers", [t.name for t in threading.enumerate() if t.name == "archive-index"])
    """), encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split("\n")[:2] == ["reading True", "readers []"]
    assert "Traceback" not in run.stderr, run.stderr[-2000:]


def test_a_reader_whose_relay_was_deleted_stops_at_the_next_file_without_a_traceback(
        tmp_path, monkeypatch):
    import threading
    import time

    import shiboken6

    from talkeditor.archive.index import ArchiveIndex
    from talkeditor.ui.panels.archive_panel import ArchiveScan

    archive = tmp_path / "archive"
    shutil.copytree(FIXTURES / "archive", archive)
    parse, parsed = ArchiveIndex._parse, []

    def slow_parse(self, path):
        parsed.append(path)
        time.sleep(0.3)
        return parse(self, path)

    errors = []
    monkeypatch.setattr(ArchiveIndex, "_parse", slow_parse)
    monkeypatch.setattr(threading, "excepthook", errors.append)
    scan = ArchiveScan(archive)
    scan.start()
    while not parsed:
        time.sleep(0.01)
    time.sleep(0.35)  # past the first batch: its progress() goes to the deleted relay
    shiboken6.delete(scan.relay)
    scan.thread.join(10)
    assert not scan.thread.is_alive()
    assert errors == []
    assert len(parsed) < 4
