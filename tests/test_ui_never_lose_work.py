"""The window tells the host, visibly and without stopping them, when work is at risk
(issue 14): autosave failing and working again, the open file deleted or its folder moved,
an external change it cannot read, a save that failed half-way."""

import errno
import shutil

import pytest

from talkeditor.errors import WriteError
from talkeditor.storage import files as storage

from .test_ui_window import _body, type_text


def _disk_full(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_autosave_failing_is_told_once_and_again_when_it_works(qtbot, window, monkeypatch):
    changes = []
    window.autosaver.protectionChanged.connect(lambda on, msg: changes.append(on))
    window.select_section("参考资料")
    type_text(qtbot, _body(window), "a")
    real_write = window.autosaver.store.write
    monkeypatch.setattr(window.autosaver.store, "write", _disk_full)
    for text in ("b", "c", "d"):
        type_text(qtbot, _body(window), text)
        window.autosaver.flush()
    assert changes == [False]
    notice = window.notice_bar.text("autosave")
    assert "crash protection is OFF" in notice and "No space left" in notice
    assert window.notice_bar.isVisible()
    monkeypatch.setattr(window.autosaver.store, "write", real_write)
    type_text(qtbot, _body(window), "e")
    window.autosaver.flush()
    window.autosaver.flush()
    assert changes == [False, True]
    assert "back on" in window.notice_bar.text("autosave")
    assert "abcde" in window.autosaver.store.entries()[0].load().find_path("参考资料").body


def test_autosave_retries_on_its_own_while_failing(qtbot, window, monkeypatch):
    from talkeditor.ui.document import autosave

    window.select_section("参考资料")
    type_text(qtbot, _body(window), "x")
    real_write = window.autosaver.store.write
    monkeypatch.setattr(window.autosaver.store, "write", _disk_full)
    window.autosaver.flush()
    assert window.autosaver._timer.isActive()
    assert window.autosaver._timer.interval() == autosave.RETRY_MS
    monkeypatch.setattr(window.autosaver.store, "write", real_write)
    window.autosaver._timer.timeout.emit()
    assert window.autosaver.protected and "back on" in window.notice_bar.text("autosave")


@pytest.mark.parametrize("how", ["delete", "move the folder", "rename the file"])
def test_a_vanished_file_is_told_and_save_does_not_recreate_it(qtbot, window, no_dialogs,
                                                               issue_copy, how):
    window.select_section("参考资料")
    type_text(qtbot, _body(window), "keep me")
    if how == "delete":
        issue_copy.unlink()
    elif how == "move the folder":
        shutil.move(issue_copy.parent, issue_copy.parent.with_name("moved"))
    else:
        issue_copy.rename(issue_copy.with_name("other.yaml"))
    qtbot.waitUntil(lambda: window.notice_bar.text("file-missing") is not None, timeout=10000)
    assert str(issue_copy) in window.notice_bar.text("file-missing")
    assert "keep me" in window.issue().find_path("参考资料").body
    assert window.isWindowModified()
    assert not window.save()  # no path chosen in the Save As dialog: nothing written
    assert not issue_copy.exists()
    no_dialogs["answers"]["save_path"] = issue_copy.parent.parent / "elsewhere" / "issue.yaml"
    assert window.save()
    assert "keep me" in storage.load_yaml_issue(
        issue_copy.parent.parent / "elsewhere" / "issue.yaml").find_path("参考资料").body
    assert window.notice_bar.text("file-missing") is None


def test_save_here_again_recreates_the_vanished_file_when_the_host_says_so(qtbot, window,
                                                                         issue_copy):
    issue_copy.unlink()
    qtbot.waitUntil(lambda: window.notice_bar.text("file-missing") is not None, timeout=10000)
    window.notice_bar.trigger("file-missing", "Save here again")
    assert issue_copy.exists() and not window.isWindowModified()


@pytest.mark.parametrize("content", [b"format: 1\nsections: [\n", b"\x00\x01binary",
                                     b"format: 1\nminutes: " + b"9" * 5000 + b"\n"])
def test_an_unreadable_external_change_is_told_and_the_text_kept(qtbot, window, issue_copy,
                                                                 content):
    window.select_section("参考资料")
    type_text(qtbot, _body(window), "mine")
    issue_copy.write_bytes(content)
    qtbot.waitUntil(lambda: window.notice_bar.text("file-unreadable") is not None,
                    timeout=10000)
    assert "cannot be read" in window.notice_bar.text("file-unreadable")
    assert "mine" in window.issue().find_path("参考资料").body


def test_a_save_that_fails_half_way_says_what_was_written(qtbot, window, no_dialogs,
                                                         monkeypatch, issue_copy):
    def half(issue, path):
        raise WriteError(path.with_suffix(".md"), "Input/output error", written=(path,))

    real_save = storage.save_issue
    monkeypatch.setattr(storage, "save_issue", half)
    window.select_section("参考资料")
    type_text(qtbot, _body(window), "z")
    assert not window.save()
    title, text, _details = no_dialogs["errors"][-1]
    assert "half-way" in text and str(issue_copy) in text
    monkeypatch.setattr(storage, "save_issue", real_save)
    monkeypatch.setattr(storage, "_write_temp", _disk_full)
    assert not window.save()
    assert "unchanged" in no_dialogs["errors"][-1][1]


def test_save_as_onto_a_symlink_keeps_the_link(qtbot, window, no_dialogs, tmp_path):
    real = tmp_path / "real" / "issue.yaml"
    real.parent.mkdir()
    real.write_text("format: 1\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    window.select_section("参考资料")
    type_text(qtbot, _body(window), "linked")
    no_dialogs["answers"]["save_path"] = link
    assert window.manager.save_as()
    assert link.is_symlink() and "linked" in real.read_text(encoding="utf-8")
