"""The host's daily path (issue 13): changing issue never crashes, renaming is not undone,
looking never changes text, the modified flag means "differs from disk", and the small things
a host hits at once (redo keys, find fields, first Save, language, error dialog)."""

import subprocess
import sys
import textwrap

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from talkeditor.storage import files as storage

from .conftest import FIXTURES

SPECIAL = "不换行\u00a0空格\u2028行分隔\t制表\u200b零宽\u3000全角  \n"


def _deliver():
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def _commit(widget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _run_child(code: str, tmp_path) -> subprocess.CompletedProcess:
    script = tmp_path / "child.py"
    script.write_text(textwrap.dedent(code), encoding="utf-8")
    return subprocess.run([sys.executable, str(script), str(FIXTURES / "issue-004.yaml")],
                          capture_output=True, text=True, timeout=180)


CHILD_PRELUDE = """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QCoreApplication, QEvent
    from talkeditor.ui import dialogs
    from talkeditor.ui.app import create_main_window
    dialogs.ask_save_changes = lambda *a: "discard"
    dialogs.ask_recover = lambda *a: ("later", -1)
    def deliver():
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
    window = create_main_window(sys.argv[1], lang="en")
    deliver()
"""


def test_changing_issue_then_clicking_a_section_does_not_crash(tmp_path):
    """New from Template, New from Past Issue, Open and an archive hit each drop the document
    the editor showed; deleting it (DeferredDelete) must not leave a widget pointing at it."""
    run = _run_child(CHILD_PRELUDE + """
    for change in ("template", "past", "open", "hit"):
        window.select_section("本周新闻", "学术")
        deliver()
        if change == "template":
            window.actions_["actionNew"].trigger()
        elif change == "past":
            window.archive_actions.new_next_from(sys.argv[1])
        elif change == "open":
            window.open_path(sys.argv[1])
        else:  # a search hit in the archive panel, read in the background
            from pathlib import Path
            sid = window.document.issue.find_path("本周新闻", "学术").id
            window.archive_actions.open_from_archive(Path(sys.argv[1]), sid, 2)
            while window.manager.tasks.running("open") is not None:
                QCoreApplication.processEvents()
        deliver()
        window.select_section("本周新闻", "学术")
        deliver()
        window.select_section("本周新闻")
        deliver()
        print("ok", change, flush=True)
    """, tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr[-2000:]
    assert run.stdout.split() == ["ok", "template", "ok", "past", "ok", "open", "ok", "hit"]


def test_only_selecting_sections_after_opening_does_not_crash(tmp_path):
    run = _run_child(CHILD_PRELUDE + """
    for section, _depth in list(window.document.issue.walk()):
        window.tree.select(section.id)
        deliver()
    print("alive", flush=True)
    """, tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "alive"


def _name_in_tree(window, action: str, name: str) -> None:
    """Trigger ``action`` (it opens the tree's name editor), type ``name``, press Enter."""
    window.actions_[action].trigger()
    _deliver()
    editor = window.tree.viewport().findChild(QLineEdit)
    editor.selectAll()
    editor.insert(name)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    _deliver()  # the delegate commits through a queued call, as in the event loop


def test_renaming_in_the_tree_updates_the_title_box_and_is_not_written_back(qtbot, window):
    window.select_section("本周新闻", "学术")
    pane = window.editor.pane
    pane.title.setFocus()  # the host had clicked into the title box before
    window.tree.setFocus()
    _name_in_tree(window, "actionRenameSection", "学术研究")
    assert pane.title.text() == "学术研究"
    pane.title.setFocus()
    pane.body.setFocus()  # leaving the title box must not write the old name back
    pane.title.editingFinished.emit()
    assert window.document.issue.find("news-academic").title == "学术研究"


def test_add_section_then_typing_its_name_shows_it_in_the_title_box(qtbot, window):
    window.select_section("本周新闻")
    _name_in_tree(window, "actionAddSection", "本周八卦")
    sid = window.editor.current_id
    assert window.document.issue.find(sid).title == "本周八卦"
    assert window.editor.pane.title.text() == "本周八卦"


def test_viewing_a_section_never_changes_its_text(qtbot, window, issue_copy):
    issue = storage.load_yaml_issue(issue_copy)
    issue.find("news-academic").body += SPECIAL
    storage.save_issue(issue, issue_copy)
    before = issue_copy.read_bytes()
    window.open_path(issue_copy)
    window.select_section("本周新闻", "学术")
    window.select_section("本周新闻")
    window.select_section("本周新闻", "学术")
    qtbot.wait(400)  # typing-pause timer, highlighter
    assert not window.document.is_modified()
    assert window.save()
    assert issue_copy.read_bytes() == before


def test_an_edit_elsewhere_keeps_special_characters_byte_for_byte(qtbot, window, issue_copy):
    issue = storage.load_yaml_issue(issue_copy)
    issue.find("news-academic").body = "a\u00a0b\u2028c\td\u200be\u3000f\n"
    storage.save_issue(issue, issue_copy)
    window.open_path(issue_copy)
    window.select_section("本周新闻", "学术")
    body = window.editor.pane.body
    body.moveCursor(body.textCursor().MoveOperation.End)
    _commit(body, "新")
    assert window.issue().find("news-academic").body == "a\u00a0b\u2028c\td\u200be\u3000f\n新"


def test_modified_means_differs_from_disk_and_undo_back_clears_it(qtbot, window):
    assert not window.document.is_modified()
    window.select_section("本周新闻")
    window.actions_["actionAddSection"].trigger()
    assert window.document.is_modified()
    window.tree.setFocus()
    window.document.undo_stack.undo()
    assert not window.document.is_modified()
    window.select_section("本周新闻", "学术")
    body = window.editor.pane.body
    _commit(body, "字")
    assert window.document.is_modified()
    window.actions_["actionUndo"].trigger()
    assert not window.document.is_modified()
    assert not window.isWindowModified()


def test_undo_and_redo_are_disabled_on_a_freshly_opened_issue(qtbot, window, issue_copy):
    window.open_path(issue_copy)
    window.select_section("本周新闻", "学术")
    assert not window.actions_["actionUndo"].isEnabled()
    assert not window.actions_["actionRedo"].isEnabled()
    window.document.set_meta("number", "099")
    assert window.actions_["actionUndo"].isEnabled()
    window.actions_["actionUndo"].trigger()
    assert window.actions_["actionRedo"].isEnabled()
    assert not window.actions_["actionUndo"].isEnabled()


def test_ctrl_y_and_ctrl_shift_z_redo(window):
    keys = [k.toString() for k in window.actions_["actionRedo"].shortcuts()]
    assert QKeySequence("Ctrl+Y").toString() in keys
    assert QKeySequence("Ctrl+Shift+Z").toString() in keys


def test_find_and_replace_fields_are_readable_at_1366_by_768(qtbot, window):
    window.resize(1366, 768)
    window.actions_["actionFind"].trigger()
    qtbot.waitUntil(lambda: window.find_panel.isVisible())
    QApplication.processEvents()
    minimum = window.find_panel.fontMetrics().horizontalAdvance("M" * 12)
    assert window.find_panel.find_edit.width() >= minimum
    assert window.find_panel.replace_edit.width() >= minimum


def test_the_first_save_of_a_new_issue_starts_in_the_archive(qtbot, window, monkeypatch,
                                                               tmp_path):
    from talkeditor.ui import dialogs

    asked = []
    monkeypatch.setattr(dialogs, "save_issue_path",
                        lambda parent, suggested: asked.append(suggested) or None)
    window.new_from_template()
    assert not window.save()
    archive = window.archive.folder.resolve()
    assert asked and asked[0].parent.parent.resolve() == archive
    assert not asked[0].parent.exists()  # the folder made for the dialog was not kept


def test_the_language_setting_offers_chinese_english_and_the_system(qtbot, window):
    from PySide6.QtWidgets import QMenu

    from talkeditor.settings import Settings
    from talkeditor.ui.app import ui_language

    menu = window.findChild(QMenu, "menuLanguage")
    names = [a.objectName() for a in menu.actions()]
    assert names == ["actionLanguage_system", "actionLanguage_zh_CN", "actionLanguage_en"]
    next(a for a in menu.actions() if a.objectName() == "actionLanguage_zh_CN").trigger()
    assert ui_language(None, Settings()) == "zh_CN"  # what the next start uses
    next(a for a in menu.actions() if a.objectName() == "actionLanguage_en").trigger()
    assert ui_language(None, Settings()) == "en"


def test_an_unexpected_error_is_logged_and_shown_not_swallowed(qtbot, window, no_dialogs):
    from talkeditor import paths
    from talkeditor.ui import crash

    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        crash.handle(*sys.exc_info())
    assert "boom in a slot" in paths.log_path().read_text(encoding="utf-8")
    title, text, details = no_dialogs["errors"][-1]
    assert str(paths.log_path()) in text and "RuntimeError" in details


def test_the_hidden_preview_does_not_render_and_catches_up_when_shown(qtbot, window):
    window.toggle_preview(False)
    window.preview.setHtml("")
    window.document.set_meta("number", "123")
    qtbot.wait(700)
    assert "123" not in window.preview.toPlainText()
    window.toggle_preview(True)
    qtbot.waitUntil(lambda: "123" in window.preview.toPlainText(), timeout=3000)


def test_the_zhihu_dialog_and_qts_file_dialogs_speak_chinese_in_the_chinese_ui(qtbot):
    from talkeditor.ui.app import ensure_app, install_translations

    app = ensure_app("en")
    translate = QCoreApplication.translate
    try:
        install_translations(app, "zh_CN")
        assert translate("ZhihuExportDialog", "Export for Zhihu") == "导出到知乎"
        assert translate("ZhihuExportDialog", "Choose…") != "Choose…"
        assert translate("QFileDialog", "Look in:") != "Look in:"  # qtbase_zh_CN.qm
    finally:
        install_translations(app, "en")
    assert translate("ZhihuExportDialog", "Export for Zhihu") == "Export for Zhihu"


def test_typing_copies_the_body_to_the_model_when_typing_pauses_not_per_key(qtbot, window):
    window.select_section("本周新闻", "学术")
    before = window.document.issue.find("news-academic").body
    body = window.editor.pane.body
    body.moveCursor(body.textCursor().MoveOperation.End)
    _commit(body, "一")
    _commit(body, "二")
    assert window.document.issue.find("news-academic").body == before  # not yet copied
    assert window.document.is_modified()
    with qtbot.waitSignal(window.document.changesStopped, timeout=3000):
        pass
    assert window.document.issue.find("news-academic").body == before + "一二"


def test_the_hidden_credits_panel_refreshes_only_when_shown(qtbot, window):
    panel = window.credits_panel
    QApplication.processEvents()
    assert not panel.on_screen()  # tabbed behind the section tree
    window.document.set_meta("host", ["新主持"])
    qtbot.wait(800)
    names = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert "新主持" not in names
    window.credits_dock.raise_()
    qtbot.waitUntil(lambda: any(panel.tree.topLevelItem(i).text(0) == "新主持"
                                for i in range(panel.tree.topLevelItemCount())), timeout=3000)


def test_the_manager_reports_the_open_file_deleted_on_disk(qtbot, window, issue_copy):
    window.open_path(issue_copy)
    with qtbot.waitSignal(window.manager.fileMissing, timeout=5000) as missing:
        issue_copy.unlink()
    assert missing.args == [issue_copy.resolve()]
    assert "deleted or its folder moved" in window.notice_bar.text("file-missing")


def test_credits_roles_wrap_in_a_narrow_dock_instead_of_being_cut(qtbot, window):
    panel = window.credits_panel
    window.credits_dock.raise_()
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() > 0)
    window.resizeDocks([window.credits_dock], [250], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    tree = panel.tree
    item = max((tree.topLevelItem(i) for i in range(tree.topLevelItemCount())),
               key=lambda it: len(it.text(1)))
    metrics = tree.fontMetrics()
    assert tree.columnWidth(0) >= metrics.horizontalAdvance(item.text(0))
    assert metrics.horizontalAdvance(item.text(1)) > tree.columnWidth(1)  # too long for a line
    assert tree.visualItemRect(item).height() > 1.5 * metrics.height()  # so it wraps


def test_archive_hits_wrap_their_text_in_a_narrow_dock(qtbot, window, tmp_path, monkeypatch):
    import shutil

    from talkeditor.archive.folder import Archive

    archive = tmp_path / "archive"
    (archive / "004").mkdir(parents=True)
    shutil.copy(FIXTURES / "issue-004.yaml", archive / "004" / "issue.yaml")
    panel = window.archive_panel
    panel.set_archive(Archive(archive))
    window.archive_dock.raise_()
    window.resizeDocks([window.archive_dock], [250], Qt.Orientation.Horizontal)
    panel.search.setText("LoRA")
    qtbot.waitUntil(lambda: panel.hits.topLevelItemCount() > 0, timeout=5000)
    QApplication.processEvents()
    hits = panel.hits
    item = max((hits.topLevelItem(i) for i in range(hits.topLevelItemCount())),
               key=lambda it: len(it.text(2)))
    text_width = hits.columnWidth(2)
    assert text_width >= hits.fontMetrics().horizontalAdvance("汉" * 8)
    assert hits.fontMetrics().horizontalAdvance(item.text(2)) > text_width
    assert hits.visualItemRect(item).height() > 1.5 * hits.fontMetrics().height()


def test_typing_in_a_section_keeps_the_other_lines_trailing_special_characters(qtbot, window,
                                                                                issue_copy):
    # Lines ending in a no-break, full-width or line-separator character, or a tab, are the
    # host's text: an edit in the section must not trim them on save (nor, on the edited
    # line, anything but the ASCII blanks typed at its end).
    lines = ["尾不换行\u00a0", "尾全角\u3000", "尾制表\t", "尾行分隔\u2028", "中\u200b间"]
    issue = storage.load_yaml_issue(issue_copy)
    issue.find("news-academic").body = "\n".join(lines) + "\n"
    storage.save_issue(issue, issue_copy)
    window.open_path(issue_copy)
    window.select_section("本周新闻", "学术")
    body = window.editor.pane.body
    body.moveCursor(body.textCursor().MoveOperation.Start)
    _commit(body, "新")
    qtbot.wait(400)  # the typing pause copies the text into the model
    assert window.save()
    saved = storage.load_yaml_issue(issue_copy).find("news-academic").body
    assert saved == "\n".join(["新" + lines[0], *lines[1:]]) + "\n"


def test_a_line_typed_with_trailing_spaces_is_still_trimmed_on_save(qtbot, window, issue_copy):
    window.select_section("本周新闻", "学术")
    body = window.editor.pane.body
    body.moveCursor(body.textCursor().MoveOperation.End)
    _commit(body, "\n新的一行   ")
    assert window.save()
    saved = storage.load_yaml_issue(issue_copy).find("news-academic").body
    assert saved.endswith("\n新的一行")


def test_every_label_of_qts_file_dialog_is_chinese_in_the_chinese_ui(qtbot):
    # Qt 6 words the labels "&Look in:" and "Files of &type:", which qtbase_zh_CN.qm lacks.
    from PySide6.QtWidgets import QFileDialog, QLabel

    from talkeditor.ui.app import ensure_app, install_translations

    app = ensure_app("en")
    try:
        install_translations(app, "zh_CN")
        for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
            dialog = QFileDialog(None, "t")
            dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
            dialog.setAcceptMode(mode)
            qtbot.addWidget(dialog)
            labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
            assert labels and all(any("\u4e00" <= c <= "\u9fff" for c in text)
                                  for text in labels), labels
    finally:
        install_translations(app, "en")


def test_undoing_typing_in_another_section_shows_that_section(qtbot, window):
    # Type in 学术, then in 工业界; the second Undo takes back 学术's typing: the host must see
    # where, not have text vanish out of sight in a section they are not looking at.
    body = window.editor.pane.body
    academic = window.select_section("本周新闻", "学术")
    body.moveCursor(body.textCursor().MoveOperation.End)
    _commit(body, "学术新")
    industry = window.select_section("本周新闻", "工业界")
    body.moveCursor(body.textCursor().MoveOperation.End)
    _commit(body, "工业新")
    undo, redo = window.actions_["actionUndo"], window.actions_["actionRedo"]
    undo.trigger()
    assert window.current_section() == industry
    undo.trigger()
    assert window.current_section() == academic
    assert "学术新" not in body.toPlainText()
    window.select_section("本周新闻", "工业界")
    redo.trigger()
    assert window.current_section() == academic
    assert body.toPlainText().endswith("学术新")


def test_emptying_the_title_box_shows_the_kept_title_again(qtbot, window):
    # A section keeps its title when the box is emptied: the box must not go on showing
    # nothing while the tree shows the title (two views of one value).
    section_id = window.select_section("本周新闻", "学术")
    title = window.editor.pane.title
    title.setFocus()
    title.selectAll()
    QTest.keyClick(title, Qt.Key.Key_Delete)
    QTest.keyClick(title, Qt.Key.Key_Return)
    assert window.document.issue.find(section_id).title == "学术"
    assert title.text() == "学术"


def test_the_first_window_fits_on_the_screen(qtbot, window):
    # A first start (no saved geometry) on a 1366×768 laptop: the window must not be larger
    # than the screen, or the status bar, the dock tabs and the find bar are out of sight.
    available = window.screen().availableGeometry()
    assert window.width() <= available.width()
    assert window.height() <= available.height()


def test_after_keeping_my_version_undoing_my_edits_still_differs_from_disk(qtbot, window,
                                                                           no_dialogs,
                                                                           issue_copy):
    # Another program changed the file while the host had edits; the host kept theirs on
    # screen ("mine"). Undoing those edits gives the old file, which is no longer what is on
    # disk: the window must still say modified (and closing must ask).
    window.select_section("本周新闻", "学术")
    body = window.editor.pane.body
    body.moveCursor(body.textCursor().MoveOperation.End)
    _commit(body, "我的")
    qtbot.wait(400)
    theirs = storage.load_yaml_issue(issue_copy)
    theirs.find("news-academic").body += "\n别人的"
    storage.save_issue(theirs, issue_copy)
    qtbot.waitUntil(lambda: any(isinstance(a, tuple) and a[0] == "external"
                                for a in no_dialogs["asked"]), timeout=10000)
    window.actions_["actionUndo"].trigger()
    assert "我的" not in window.issue().find("news-academic").body
    assert window.document.is_modified() and window.isWindowModified()


def test_undoing_a_deletion_shows_the_section_that_came_back(qtbot, window):
    section_id = window.select_section("本周新闻", "学术")
    window.actions_["actionDeleteSection"].trigger()
    assert window.current_section() != section_id
    window.actions_["actionUndo"].trigger()
    assert window.current_section() == section_id
    assert window.tree.current_id() == section_id


def test_composing_in_the_input_method_then_cancelling_leaves_nothing_to_undo(qtbot, window):
    # Pinyin shown while composing is not in the text yet; cancelling it (Esc) changed
    # nothing, so there is no undo step and the issue is not modified.
    from PySide6.QtGui import QInputMethodEvent as Event

    window.select_section("本周新闻", "学术")
    body = window.editor.pane.body
    body.setFocus()
    for preedit in ("j", "ji", ""):
        QApplication.sendEvent(body, Event(preedit, []))
    qtbot.wait(400)
    assert not window.document.is_modified()
    assert not window.actions_["actionUndo"].isEnabled()
    _commit(body, "今天")
    assert window.actions_["actionUndo"].isEnabled()
    window.actions_["actionUndo"].trigger()
    assert not window.document.is_modified()


def test_no_two_commands_share_a_shortcut(window):
    window.build_rest()
    owners: dict[str, str] = {}
    for name, action in window.actions_.items():
        for key in action.shortcuts():
            text = key.toString()
            assert text not in owners, f"{text}: {owners[text]} and {name}"
            owners[text] = name
    assert owners[QKeySequence("F5").toString()] == "actionSync"
    assert owners[QKeySequence("Ctrl+Alt+S").toString()] == "actionSignLine"
