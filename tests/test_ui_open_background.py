"""The host's opens read big files off the GUI thread, with a progress dialog and Cancel
(issue 14: "opening a 7.9 MB issue freezes the window"; ui/document/opening.py).

Each test drives the real window: File › Open (the file chooser answered by ``no_dialogs``)
starts the read in a worker thread; the window keeps its issue until the new one is read,
and keeps it on Cancel or on an error. The progress dialog's delay is set to 0 here so that
the dialog is on screen before the read can end (tests/test_ui_background.py tests the
delay itself); a result that arrives after Cancel is dropped, so the outcome does not depend
on the machine's speed.
"""

from PySide6.QtCore import QCoreApplication, QEvent, Qt

from talkeditor.importing.importer import import_file
from talkeditor.model import Issue
from talkeditor.render.issue_markdown import issue_markdown
from talkeditor.storage import files as storage

from .test_progress_hooks import big_issue

WAIT = 60_000  # ms: a guard against a hang


def big_file(tmp_path, times=40):
    return storage.save_issue(big_issue(times), tmp_path / "big" / "issue.yaml")


def start_open(qtbot, window, no_dialogs, path):
    window.manager.tasks.delay_ms = 0
    no_dialogs["answers"]["open_path"] = path
    window.actions_["actionOpen"].trigger()
    task = window.manager.tasks.running("open")
    assert task is not None, "File › Open reads in the background"
    return task


def test_cancel_while_a_big_issue_is_read_keeps_the_open_issue_untouched(
        qtbot, window, no_dialogs, tmp_path, issue_copy):
    big = big_file(tmp_path)
    document, before = window.document, window.issue().clone()
    on_disk = issue_copy.read_bytes()
    task = start_open(qtbot, window, no_dialogs, big)
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=WAIT)
    assert task.dialog.label.text() == "Reading “issue.yaml”…"
    qtbot.mouseClick(task.dialog.cancel_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(task.ended, timeout=WAIT) as ended:
        pass
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert ended.args == ["cancelled"]
    assert window.document is document and window.issue() == before
    assert window.document.path == issue_copy.resolve() and not window.document.is_modified()
    assert issue_copy.read_bytes() == on_disk and no_dialogs["errors"] == []
    assert window.manager.tasks.running("open") is None
    window.select_section("本周新闻", "学术")  # the window still works on its issue
    assert window.editor.pane.body.toPlainText() == before.find_path("本周新闻", "学术").body


def test_a_big_issue_read_in_the_background_replaces_the_open_one(qtbot, window, no_dialogs,
                                                                  tmp_path):
    big = big_file(tmp_path, times=10)
    task = start_open(qtbot, window, no_dialogs, big)
    heard = []
    task.progressed.connect(heard.append)
    with qtbot.waitSignal(task.ended, timeout=WAIT) as ended:
        pass
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert ended.args == ["done"] and heard == sorted(heard)
    assert window.document.path == big.resolve()
    assert window.issue() == storage.load_yaml_issue(big)
    assert str(big.resolve()) in window.manager.recent_files()


def test_a_big_past_issue_is_imported_in_the_background_as_a_new_draft(qtbot, window,
                                                                        no_dialogs, tmp_path):
    source = tmp_path / "past.md"
    source.write_text(issue_markdown(big_issue(10)), encoding="utf-8")
    task = start_open(qtbot, window, no_dialogs, source)
    with qtbot.waitSignal(task.ended, timeout=WAIT) as ended:
        pass
    assert ended.args == ["done"]
    assert window.document.path is None and window.document.is_modified()
    expected = import_file(source, archive_issues=window.archive.issues()).issue
    assert issue_markdown(window.issue()) == issue_markdown(expected)


def test_a_broken_file_read_in_the_background_shows_a_dialog_and_keeps_the_issue(
        qtbot, window, no_dialogs, tmp_path):
    bad = tmp_path / "bad" / "issue.yaml"
    bad.parent.mkdir()
    bad.write_text("format: 1\nsections: [\n", encoding="utf-8")
    before = window.issue().clone()
    task = start_open(qtbot, window, no_dialogs, bad)
    with qtbot.waitSignal(task.ended, timeout=WAIT) as ended:
        pass
    assert ended.args == ["failed"] and window.issue() == before
    (title, text, details), = no_dialogs["errors"]
    assert title == "Cannot open the issue" and "issue.yaml" in text
    assert "malformed YAML" in details


def test_edits_made_while_the_file_is_read_are_asked_about_again(qtbot, window, no_dialogs,
                                                                 tmp_path):
    big = big_file(tmp_path, times=10)
    task = start_open(qtbot, window, no_dialogs, big)
    window.document.set_meta("title", "改了标题")  # before the read can be delivered
    no_dialogs["answers"]["save_changes"] = "cancel"
    with qtbot.waitSignal(task.ended, timeout=WAIT):
        pass
    assert no_dialogs["asked"][-1] == window.document.display_name()
    assert window.issue().title == "改了标题", "Cancel in the question keeps the edited issue"
    assert isinstance(window.issue(), Issue) and window.document.path != big.resolve()
    window.document.set_modified(False)
