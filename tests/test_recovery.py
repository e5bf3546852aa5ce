"""Never lose work: autosave to the recovery folder, restore after a crash (a real SIGKILL),
failed saves, and changes made to the open file by another program."""

import json
import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from talkeditor.model import Issue, Section
from talkeditor.storage import files as storage
from talkeditor.storage.recovery import CHANGED, NEVER_SAVED, RecoveryStore, compare_draft

ROOT = Path(__file__).resolve().parent.parent


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_entries_of_running_processes_are_not_offered_but_orphans_are(tmp_path):
    store = RecoveryStore(tmp_path)
    store.write("mine", Issue(number="001"), None)
    store.write("lost", Issue(number="002"), tmp_path / "issue.yaml")
    meta = tmp_path / "lost.json"
    data = json.loads(meta.read_text())
    data["pid"] = _dead_pid()
    meta.write_text(json.dumps(data))
    assert {e.id for e in store.entries()} == {"mine", "lost"}
    (orphan,) = store.orphans()
    assert orphan.id == "lost" and orphan.load().number == "002"
    assert orphan.original == tmp_path / "issue.yaml"
    store.remove("lost")
    assert [e.id for e in store.entries()] == ["mine"]


def test_the_difference_from_the_saved_file_is_described(tmp_path):
    saved = Issue(number="004", sections=[Section(title="本周新闻", id="n", body="旧"),
                                          Section(title="Free Talk", id="f")])
    path = storage.save_issue(saved, tmp_path / "issue.yaml")
    store = RecoveryStore(tmp_path / "rec")
    draft = saved.clone()
    draft.sections[0].body = "旧，加上新的一条"
    store.write("d", draft, path)
    (entry,) = store.entries()
    diff = compare_draft(entry)
    assert (diff.kind, diff.changed, diff.removed, diff.char_delta) == (CHANGED, ["本周新闻"], 0, 7)
    store.write("d", draft, None)
    assert compare_draft(store.entries()[0]).kind == NEVER_SAVED


def test_typing_is_autosaved_within_two_seconds_and_saving_clears_the_copy(qtbot, window):
    from tests.test_ui_window import _body, type_text

    window.select_section("本周新闻", "工业界")
    type_text(qtbot, _body(window), "自动保存的内容")
    store = window.autosaver.store
    qtbot.waitUntil(lambda: any("自动保存的内容" in e.yaml_path.read_text(encoding="utf-8")
                                for e in store.entries()), timeout=4000)
    assert window.document.path.read_text(encoding="utf-8").count("自动保存的内容") == 0
    assert window.save()
    assert store.entries() == []


def test_a_never_saved_draft_is_autosaved_too(qtbot, window):
    from tests.test_ui_window import _body, type_text

    window.new_from_template()
    assert window.document.path is None
    window.select_section("本周新闻", "学术")
    type_text(qtbot, _body(window), "新草稿")
    qtbot.waitUntil(lambda: len(window.autosaver.store.entries()) == 1, timeout=4000)
    (entry,) = window.autosaver.store.entries()
    assert entry.original is None and "新草稿" in entry.load().find("news-academic").body


def test_a_failed_save_keeps_the_draft_dirty_and_its_recovery_copy(qtbot, window, issue_copy,
                                                                   no_dialogs):
    from tests.test_ui_window import _body, type_text

    if os.geteuid() == 0:
        pytest.skip("root can write to read-only folders")
    window.select_section("参考资料")
    type_text(qtbot, _body(window), "ref")
    window.autosaver.flush()
    issue_copy.parent.chmod(0o500)
    try:
        assert not window.save()
    finally:
        issue_copy.parent.chmod(0o700)
    assert window.isWindowModified() and no_dialogs["errors"]
    assert window.autosaver.store.entries()


def test_a_failed_save_is_reported_and_nothing_is_lost(qtbot, window, no_dialogs, monkeypatch):
    from tests.test_ui_window import _body, type_text

    window.select_section("参考资料")
    type_text(qtbot, _body(window), "ref")
    window.autosaver.flush()

    def disk_full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage, "_write_temp", disk_full)
    assert not window.save()
    assert "No space left on device" in no_dialogs["errors"][0][1]
    assert window.isWindowModified()
    assert "ref" in window.autosaver.store.entries()[0].load().find("references").body


def test_a_draft_survives_sigkill_and_is_restored_on_the_next_start(tmp_path, issue_copy):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    typed = "被杀掉之前 输入的 每一个字 abc"
    child = subprocess.Popen([sys.executable, str(ROOT / "tests" / "app_driver.py"), "type",
                              str(issue_copy), "Free Talk", typed], env=env, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        ready, _w, _x = select.select([child.stdout], [], [], 120)  # a hang guard, not a timing
        assert ready, "the app never reported its autosave"
        line = child.stdout.readline()
        assert line.strip() == "AUTOSAVED"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    out = subprocess.run([sys.executable, str(ROOT / "tests" / "app_driver.py"), "restore",
                          "Free Talk"], env=env, cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["body"].rstrip().endswith(typed)
    assert result["modified"] is True
    assert result["path"] == str(issue_copy.resolve())


def test_recovery_is_offered_at_start_and_can_be_discarded(qtbot, no_dialogs, issue_copy):
    from talkeditor.paths import recovery_dir
    from talkeditor.ui.app import create_main_window

    store = RecoveryStore(recovery_dir())
    draft = storage.load_yaml_issue(issue_copy)
    draft.find("freetalk").body += "\n找回来的问题\n"
    store.write("x", draft, issue_copy)
    meta = recovery_dir() / "x.json"
    meta.write_text(meta.read_text().replace(f'"pid": {os.getpid()}', f'"pid": {_dead_pid()}'))
    no_dialogs["answers"]["recover"] = ("discard", -1)
    window = create_main_window(issue_copy, lang="en")
    qtbot.addWidget(window)
    (_recover, rows), = [a for a in no_dialogs["asked"] if a[0] == "recover"]
    assert "Free Talk" in rows[0][2]
    assert "找回来的问题" not in window.issue().find("freetalk").body
    assert store.entries() == [] or all(e.id != "x" for e in store.entries())


def test_an_external_change_reloads_silently_without_local_edits(qtbot, window, issue_copy):
    changed = storage.load_yaml_issue(issue_copy)
    changed.find("freetalk").body += "\n来自 git pull 的新问题\n"
    storage.save_issue(changed, issue_copy)
    qtbot.waitUntil(lambda: "来自 git pull 的新问题" in window.issue().find("freetalk").body,
                    timeout=5000)
    assert not window.isWindowModified()


def test_an_external_change_with_local_edits_asks_and_can_keep_mine(qtbot, window, issue_copy,
                                                                    no_dialogs):
    from tests.test_ui_window import _body, type_text

    window.select_section("参考资料")
    type_text(qtbot, _body(window), "我的改动")
    changed = storage.load_yaml_issue(issue_copy)
    changed.find("freetalk").body += "\n他们的改动\n"
    storage.save_issue(changed, issue_copy)
    qtbot.waitUntil(lambda: any(a[0] == "external" for a in no_dialogs["asked"]
                                if isinstance(a, tuple)), timeout=5000)
    (_kind, _name, difference), = [a for a in no_dialogs["asked"]
                                   if isinstance(a, tuple) and a[0] == "external"]
    assert "他们的改动" in difference and "我的改动" in difference
    assert "我的改动" in window.issue().find("references").body
    assert window.isWindowModified()


def test_an_external_change_with_local_edits_can_take_theirs(qtbot, window, issue_copy,
                                                             no_dialogs):
    from tests.test_ui_window import _body, type_text

    no_dialogs["answers"]["external"] = "theirs"
    window.select_section("参考资料")
    type_text(qtbot, _body(window), "我的改动")
    changed = storage.load_yaml_issue(issue_copy)
    changed.find("freetalk").body += "\n他们的改动\n"
    storage.save_issue(changed, issue_copy)
    qtbot.waitUntil(lambda: "他们的改动" in window.issue().find("freetalk").body, timeout=5000)
    assert "我的改动" not in window.issue().find("references").body
    assert not window.isWindowModified()


def test_the_apps_own_saves_are_not_taken_for_external_changes(qtbot, window, no_dialogs):
    from tests.test_ui_window import _body, type_text

    window.select_section("参考资料")
    type_text(qtbot, _body(window), "one")
    assert window.save()
    type_text(qtbot, _body(window), "two")
    with qtbot.assertNotEmitted(window.watcher.changedOnDisk, wait=600):
        assert window.save()
    assert not [a for a in no_dialogs["asked"] if isinstance(a, tuple) and a[0] == "external"]
