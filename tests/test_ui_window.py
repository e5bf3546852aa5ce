"""The main window driven as a host would: select a section, type, watch the preview, undo,
restructure, save and reopen."""

from PySide6.QtCore import QMimeData, QModelIndex, QUrl
from PySide6.QtGui import QInputMethodEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTabBar

from talkeditor.storage import files as storage
from talkeditor.ui.app import create_main_window
from talkeditor.ui.editor.highlighter import MarkdownHighlighter
from talkeditor.ui.panels.section_tree import MIME, SectionTreeModel


def type_text(qtbot, widget, text: str) -> None:
    """Type as a host does: ASCII key by key, Chinese committed by the input method."""
    run = ""
    for ch in text + "\0":
        if ch.isascii() and ch != "\0":
            if run:
                event = QInputMethodEvent()
                event.setCommitString(run)
                QApplication.sendEvent(widget, event)
                run = ""
            qtbot.keyClicks(widget, ch)
        elif ch != "\0":
            run += ch
    if run:
        event = QInputMethodEvent()
        event.setCommitString(run)
        QApplication.sendEvent(widget, event)


def _body(window) -> QPlainTextEdit:
    return window.findChild(QPlainTextEdit, "bodyEditor")


def _focus_body(qtbot, window):
    window.activateWindow()
    _body(window).setFocus()
    qtbot.waitUntil(lambda: _body(window).hasFocus())


def test_the_contract_widgets_and_actions_carry_their_object_names(window):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QWidget

    for name in ("sectionTree", "bodyEditor", "fieldTable", "preview"):
        assert window.findChild(QWidget, name) is not None, name
    for name in ("actionNew", "actionOpen", "actionSave", "actionSaveAs", "actionAddSection",
                 "actionAddSubsection", "actionDeleteSection", "actionMoveUp", "actionMoveDown",
                 "actionUndo", "actionRedo", "actionFind"):
        assert window.findChild(QAction, name) is not None, name


def test_typing_chinese_shows_in_the_preview_and_undo_removes_it(qtbot, window):
    window.select_section("本周新闻", "学术")
    _focus_body(qtbot, window)
    _body(window).moveCursor(_body(window).textCursor().MoveOperation.End)
    type_text(qtbot, _body(window), "检索增强的新论文")
    qtbot.waitUntil(lambda: "检索增强的新论文" in window.preview.toPlainText())
    assert "检索增强的新论文" in window.issue().find_path("本周新闻", "学术").body
    assert window.isWindowModified()
    window.findChild(type(window.actions_["actionUndo"]), "actionUndo").trigger()
    assert "检索增强的新论文" not in window.issue().find_path("本周新闻", "学术").body
    qtbot.waitUntil(lambda: "检索增强的新论文" not in window.preview.toPlainText())


def test_the_preview_converts_only_the_edited_section(qtbot, window):
    window.preview.refresh()
    before = window.preview.cache.conversions
    window.select_section("Free Talk")
    type_text(qtbot, _body(window), "新问题")
    qtbot.waitUntil(lambda: "新问题" in window.preview.toPlainText())
    assert window.preview.cache.conversions - before == 1


def test_each_section_keeps_its_cursor_and_undo_is_one_history_across_sections(qtbot, window):
    window.select_section("本周新闻", "项目")
    type_text(qtbot, _body(window), "项目一")
    position = _body(window).textCursor().position()
    window.select_section("本周推荐", "模型")
    type_text(qtbot, _body(window), "模型一")
    window.select_section("本周新闻", "项目")
    assert _body(window).textCursor().position() == position
    window.actions_["actionUndo"].trigger()  # the last change, though it was in another section
    assert "项目一" in window.issue().find_path("本周新闻", "项目").body
    assert "模型一" not in window.issue().find_path("本周推荐", "模型").body
    window.actions_["actionUndo"].trigger()
    assert "项目一" not in window.issue().find_path("本周新闻", "项目").body
    window.actions_["actionRedo"].trigger()
    window.actions_["actionRedo"].trigger()
    assert "项目一" in window.issue().find_path("本周新闻", "项目").body
    assert "模型一" in window.issue().find_path("本周推荐", "模型").body


def test_adding_moving_and_deleting_sections_are_single_undo_steps(qtbot, window):
    news = window.document.issue.find("news")
    titles = lambda: [s.title for s in window.document.issue.find("news").children]  # noqa: E731
    assert titles() == ["学术", "项目", "工业界"]
    window.select_section("本周新闻", "项目")
    window.actions_["actionAddSection"].trigger()
    new_id = window.tree.current_id()
    window.tree_model.setData(window.tree_model.index_of(new_id), "资料")
    assert titles() == ["学术", "项目", "资料", "工业界"]
    window.actions_["actionMoveUp"].trigger()
    window.actions_["actionMoveUp"].trigger()
    assert titles() == ["资料", "学术", "项目", "工业界"]
    window.actions_["actionDeleteSection"].trigger()
    assert titles() == ["学术", "项目", "工业界"]
    stack = window.document.undo_stack
    stack.undo()
    assert titles() == ["资料", "学术", "项目", "工业界"]
    stack.undo()
    stack.undo()
    assert titles() == ["学术", "项目", "资料", "工业界"]
    stack.undo()
    assert titles() == ["学术", "项目", "New section", "工业界"]
    stack.undo()
    assert titles() == ["学术", "项目", "工业界"]
    assert news.id == "news"


def test_undo_goes_back_through_typing_and_structure_in_the_order_they_were_made(qtbot,
                                                                                 window):
    window.select_section("本周新闻")
    window.actions_["actionAddSubsection"].trigger()
    window.select_section("本周新闻", "学术")
    type_text(qtbot, _body(window), "之后输入")
    window.actions_["actionUndo"].trigger()
    assert "之后输入" not in window.issue().find_path("本周新闻", "学术").body
    assert len(window.issue().find("news").children) == 4
    window.actions_["actionUndo"].trigger()
    assert [s.title for s in window.issue().find("news").children] == ["学术", "项目", "工业界"]


def test_drag_and_drop_moves_a_section_under_another(qtbot, window):
    model = window.tree_model
    data = QMimeData()
    data.setData(MIME, b"rec-misc")
    parent = model.index_of("news")
    assert model.canDropMimeData(data, model.supportedDropActions(), 0, 0, parent)
    model.dropMimeData(data, model.supportedDropActions(), 1, 0, parent)
    assert [s.id for s in window.document.issue.find("news").children] == \
        ["news-academic", "rec-misc", "news-projects", "news-industry"]
    data.setData(MIME, b"news")
    assert not model.dropMimeData(data, model.supportedDropActions(), 0, 0,
                                  model.index_of("news-academic"))
    assert window.document.issue.find("news") in window.document.issue.sections


def test_save_then_reopen_gives_back_what_was_typed(qtbot, window, issue_copy, no_dialogs):
    window.select_section("Free Talk")
    type_text(qtbot, _body(window), "Q：长上下文怎么评测？—新人")
    window.select_section()
    window.editor.meta.number.setText("005")
    window.editor.meta.number.textEdited.emit("005")
    assert window.save()
    assert not window.isWindowModified()
    expected = window.issue()
    markdown = (issue_copy.parent / "issue.md").read_text(encoding="utf-8")
    assert markdown.count("长上下文怎么评测") == 1
    again = create_main_window(issue_copy, lang="en")
    qtbot.addWidget(again)
    assert again.issue() == expected
    assert again.issue().number == "005"
    assert storage.load_yaml_issue(issue_copy) == expected


def test_the_metadata_form_drives_the_generated_header(qtbot, window):
    window.select_section()
    meta = window.editor.meta
    meta.host.setText("suc16、初七")
    meta.host.textEdited.emit("suc16、初七")
    assert window.document.issue.host == ["suc16", "初七"]
    qtbot.waitUntil(lambda: "【主持人】：suc16、初七" in window.preview.toPlainText())
    window.document.undo_stack.undo()
    assert window.document.issue.host == ["羡鱼"]
    assert meta.host.text() == "羡鱼"


def test_a_slash_separates_names_in_the_owner_box_as_in_an_imported_file(qtbot, window):
    section_id = window.select_section("本周新闻")
    owners = window.editor.pane.owners
    owners.setText("羡鱼/suc16")
    owners.textEdited.emit("羡鱼/suc16")
    assert window.document.issue.find(section_id).owners == ["羡鱼", "suc16"]


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_window(qtbot, window,
                                                                        no_dialogs):
    window.select_section("参考资料")
    type_text(qtbot, _body(window), "x")
    no_dialogs["answers"]["save_changes"] = "cancel"
    assert not window.close()
    assert window.isVisible() and no_dialogs["asked"]
    no_dialogs["answers"]["save_changes"] = "discard"
    assert window.close()


def test_find_and_replace_work_across_all_sections(qtbot, window):
    window.actions_["actionFind"].trigger()
    panel = window.find_panel
    panel.find_edit.setText("lora")
    assert panel.find_next()
    assert window.editor.current_id == "news-academic"  # AdaLoRA comes first
    assert _body(window).textCursor().selectedText().lower() == "lora"
    panel.replace_edit.setText("LoRA")
    panel.case.setChecked(True)
    count = panel.replace_all()
    assert count >= 3
    assert "lora" not in "".join(s.body for s, _ in window.document.issue.walk())
    window.document.undo_stack.undo()
    assert "lora" in window.issue().find("freetalk").body


def test_clicking_a_heading_in_the_preview_selects_its_section(qtbot, window):
    window.preview.refresh()
    assert 'href="section:recommend"' in window.preview.html()
    window.preview.anchorClicked.emit(QUrl("section:recommend"))
    assert window.tree.current_id() == "recommend"
    assert window.editor.current_id == "recommend"


def test_the_preview_loads_nothing_remote_and_opens_only_web_links(qtbot, window, monkeypatch):
    opened = []
    from talkeditor.ui.panels import preview as preview_module

    monkeypatch.setattr(preview_module.QDesktopServices, "openUrl", lambda url: opened.append(url))
    kind = QTextDocument.ResourceType.ImageResource
    for url, reason in (("https://example.com/x.png", "remote"),
                        ("../../etc/passwd", "outside the issue's folder")):
        placeholder = window.preview.loadResource(kind, QUrl(url))
        assert placeholder is not None and placeholder.size().width() == 420  # never None
        assert reason in window.preview.refused[url]
    window.preview.anchorClicked.emit(QUrl("file:///etc/passwd"))
    window.preview.anchorClicked.emit(QUrl("javascript:alert(1)"))
    window.preview.anchorClicked.emit(QUrl("https://zhuanlan.zhihu.com/p/1"))
    assert [u.toString() for u in opened] == ["https://zhuanlan.zhihu.com/p/1"]


def test_the_preview_shows_images_from_the_issue_folder(qtbot, window, issue_copy, samples):
    import shutil

    assets = issue_copy.parent / "assets"
    assets.mkdir()
    shutil.copy(samples / "issues" / "talk-003-media" / "p08-1.png", assets / "p08-1.png")
    kind = QTextDocument.ResourceType.ImageResource
    image = window.preview.loadResource(kind, QUrl("assets/p08-1.png"))
    assert image is not None and image.width() > 10


def test_the_status_bar_counts_each_chinese_character_once(qtbot, window):
    window.select_section("参考资料")
    type_text(qtbot, _body(window), "中文 ab")
    qtbot.waitUntil(lambda: window.status_counts.section_count.text() == "Section: 4 chars")
    assert "Talk time: 55 min" == window.status_counts.minutes_label.text()


def test_the_section_tree_model_passes_the_model_tester(qtmodeltester, window):
    qtmodeltester.check(window.tree_model, force_py=True)


def test_the_model_tester_passes_after_restructuring(qtmodeltester, window):
    window.document.add_section("news", "new", as_child=True)
    window.document.move_section("news", 1)
    window.document.delete_section("preface")
    qtmodeltester.check(SectionTreeModel(window.document), force_py=True)
    assert window.tree_model.rowCount(QModelIndex()) == len(window.document.issue.sections) + 1


def test_highlighting_a_3000_line_section_does_not_crash(qtbot):
    doc = QTextDocument()
    from PySide6.QtWidgets import QPlainTextDocumentLayout

    doc.setDocumentLayout(QPlainTextDocumentLayout(doc))
    lines = []
    for i in range(3000):
        lines.append([f"## 标题 {i}", "【贡献者】：羡鱼 **重点** `code`",
                      "- 列表 https://github.com/x/y", "```", "code line", "```"][i % 6])
    doc.setPlainText("\n".join(lines))
    highlighter = MarkdownHighlighter(doc)
    highlighter.rehighlight()
    last = doc.lastBlock()
    assert doc.blockCount() == 3000
    assert last.layout().formats(), "the last block was not highlighted"


def test_docks_and_geometry_are_restored_on_the_next_start(qtbot, window, issue_copy):
    window.preview_dock.hide()
    window.resize(1000, 700)
    window.close()
    again = create_main_window(issue_copy, lang="en")
    qtbot.addWidget(again)
    assert not again.preview_dock.isVisible()
    assert not again.actions_["actionTogglePreview"].isChecked()
    again.actions_["actionTogglePreview"].setChecked(True)
    assert again.preview_dock.isVisible()


def test_no_argument_opens_the_last_issue(qtbot, window, issue_copy):
    window.close()
    again = create_main_window(lang="en")
    qtbot.addWidget(again)
    assert again.document.path == issue_copy.resolve()


def test_a_broken_file_shows_a_message_and_keeps_the_current_issue(qtbot, window, tmp_path,
                                                                   no_dialogs):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"format: 1\nsections: [\n")
    before = window.issue()
    assert not window.open_path(bad)
    assert no_dialogs["errors"] and "malformed YAML" in no_dialogs["errors"][0][2]
    assert window.issue() == before


def test_the_chinese_translation_is_used_for_lang_zh(qtbot, no_dialogs):
    win = create_main_window(lang="zh_CN")
    qtbot.addWidget(win)
    assert win.actions_["actionSave"].text() == "保存(&S)"
    assert win.menus["file"].title() == "文件(&F)"
    from talkeditor.ui.app import install_translations

    install_translations(QApplication.instance(), "en")


def test_help_shows_the_version_and_the_user_guide_with_its_pictures(qtbot, window,
                                                                     no_dialogs):
    window.actions_["actionAbout"].trigger()
    assert "about" in no_dialogs["asked"]
    guide = window.help_actions.show_guide()
    qtbot.addWidget(guide)
    from PySide6.QtWidgets import QTextBrowser

    browser = guide.findChild(QTextBrowser)
    assert "五分钟上手" in browser.toPlainText()
    image = browser.document().resource(QTextDocument.ResourceType.ImageResource,
                                        QUrl("images/credits.png"))
    assert image is not None and not image.isNull()
    assert window.windowIcon().availableSizes()


def _highlighted(text: str) -> list[list[str]]:
    """Each line's runs of link-coloured characters, after MarkdownHighlighter."""
    from PySide6.QtWidgets import QPlainTextDocumentLayout

    doc = QTextDocument()
    doc.setDocumentLayout(QPlainTextDocumentLayout(doc))
    doc.setPlainText(text)
    highlighter = MarkdownHighlighter(doc)
    highlighter.rehighlight()
    link = highlighter._formats["link"].foreground().color()
    fence = highlighter._formats["fence"].fontFamilies()
    out = []
    block = doc.firstBlock()
    while block.isValid():
        runs = []
        for fmt in block.layout().formats():
            line = block.text()[fmt.start:fmt.start + fmt.length]
            if fmt.format.fontFamilies() == fence and line == block.text():
                runs.append("fence:" + line)
            elif fmt.format.foreground().color() == link:
                runs.append(line)
        out.append(runs)
        block = block.next()
    return out


def test_the_editor_highlights_a_bare_url_where_the_preview_links_it(qtbot):
    assert _highlighted(
        "论文见 https://example.com/paper。下一句；符尧：https://github.com/a/MNBVC，好\n"
        "见 https://en.wikipedia.org/wiki/Python_(programming_language)，完。\n"
        "句末 https://a.com/x. 与 <https://b.com/y>") == [
        ["https://example.com/paper", "https://github.com/a/MNBVC"],
        ["https://en.wikipedia.org/wiki/Python_(programming_language)"],
        ["https://a.com/x", "<https://b.com/y>"]]


def test_the_editor_highlights_tilde_fences_and_not_one_line_triple_backtick_code(qtbot):
    runs = _highlighted("~~~md\n# 不是标题\n```\n~~~\n```code``` 之后\n- 项\n  ```\n  代码\n  ```")
    assert [r[0].startswith("fence:") if r else None for r in runs] == [
        True, True, True, True, None, None, True, True, True]


def test_the_hidden_conflicts_dock_leaves_no_tab_bar_over_the_status_bar(qtbot, window):
    """The hidden Conflicts dock is tabbed with the preview only when it is first shown; tabbed
    while hidden at start-up, QMainWindow left a stale Preview | Conflicts tab bar over the
    status bar."""
    window.resize(1400, 860)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    assert_no_tab_bar_over_the_status_bar(window)


def test_no_stale_tab_bar_after_restoring_a_conflicts_dock_that_was_shown_then_closed(
        qtbot, window, issue_copy):
    window.show()
    dock = window.sync_controller.dock
    dock.show()
    assert dock in window.tabifiedDockWidgets(window.preview_dock)
    dock.hide()
    window.close()
    again = create_main_window(issue_copy, lang="en")
    qtbot.addWidget(again)
    again.resize(1400, 860)
    again.show()
    qtbot.waitExposed(again)
    QApplication.processEvents()
    assert_no_tab_bar_over_the_status_bar(again)
    again.document.set_modified(False)


def assert_no_tab_bar_over_the_status_bar(window) -> None:
    """Every tab bar drawn in the window (unused ones Qt parks off-window are not drawn)
    stays clear of the status bar."""
    status = window.statusBar().geometry()
    for bar in window.findChildren(QTabBar):
        if bar.isVisible() and bar.geometry().intersects(window.rect()):
            assert not bar.geometry().intersects(status), [bar.tabText(i)
                                                           for i in range(bar.count())]


def test_a_section_selected_before_the_first_preview_render_is_in_view_once_it_renders(
        qtbot, window):
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.select_section("Free Talk")  # before the debounced first render
    preview = window.preview
    qtbot.waitUntil(lambda: "Free Talk" in preview.toPlainText())
    QApplication.processEvents()
    assert preview.verticalScrollBar().value() > 0
    top = preview.cursorForPosition(preview.viewport().rect().topLeft()).block().text()
    assert "Free Talk" in top


def test_a_section_just_added_is_scrolled_to_once_the_preview_shows_it(qtbot, window):
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    preview = window.preview
    window.select_section("Free Talk")
    qtbot.waitUntil(lambda: preview.verticalScrollBar().value() > 0)
    window.actions_["actionAddSection"].trigger()  # selects the new section
    assert preview.verticalScrollBar().value() > 0  # no jump to the top before it renders
    new_id = window.editor.current_id
    qtbot.waitUntil(lambda: preview.sections.has(f"sec-{new_id}"))
    QApplication.processEvents()
    title = window.document.issue.find(new_id).title
    top = preview.cursorForPosition(preview.viewport().rect().topLeft()).block().text()
    assert title in top
