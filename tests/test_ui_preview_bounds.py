"""The preview with input a host can paste: huge sections convert off the GUI thread, and a
section beyond the renderer's limits shows a notice while the rest of the issue is shown."""

from talkeditor.render import markdown_tree
from talkeditor.ui.panels import preview as preview_module


def test_a_huge_pasted_section_converts_in_the_background_then_shows(qtbot, window):
    pane = window.preview
    pane.refresh()
    before = pane.toPlainText()
    section = window.document.issue.find_path("本周新闻", "学术")
    section.body = "长文本" * (preview_module.BACKGROUND_COST // 3) + "\n\n粘贴的结尾"
    pane.refresh()
    # refresh() returned without converting: the old preview is still there
    assert pane.converting
    assert pane.toPlainText() == before
    qtbot.waitUntil(lambda: "粘贴的结尾" in pane.toPlainText(), timeout=30_000)
    assert not pane.converting
    assert "本周推荐" in pane.toPlainText()  # the other sections are still shown


def test_small_edits_still_convert_on_the_gui_thread_at_once(qtbot, window):
    pane = window.preview
    window.document.issue.find_path("本周新闻", "学术").body += "\n小改动\n"
    pane.refresh()
    assert not pane.converting
    assert "小改动" in pane.toPlainText()


def test_a_section_nested_too_deeply_shows_its_heading_and_a_notice(qtbot, window):
    pane = window.preview
    window.document.issue.find_path("本周新闻", "学术").body = "> " * 200 + "藏得太深"
    pane.refresh()
    text = pane.toPlainText()
    assert f"more than {markdown_tree.MAX_NESTING} levels deep" in text
    assert "学术" in text and "本周推荐" in text
    assert "藏得太深" not in text


def test_a_section_beyond_the_size_limit_shows_a_notice_after_the_background_job(
        qtbot, window, monkeypatch):
    monkeypatch.setattr(markdown_tree, "MAX_CHARS", 100_000)
    pane = window.preview
    window.document.issue.find_path("本周新闻", "学术").body = "字" * 150_000
    pane.refresh()
    qtbot.waitUntil(lambda: "the preview shows sections of up to 100,000 characters"
                    in pane.toPlainText(), timeout=30_000)
    assert "本周推荐" in pane.toPlainText()


def test_a_short_paste_of_thousands_of_brackets_also_converts_in_the_background(qtbot, window):
    pane = window.preview
    pane.refresh()
    window.document.issue.find_path("本周新闻", "学术").body = "[" * 6000 + "括号之后"
    pane.refresh()
    assert pane.converting
    qtbot.waitUntil(lambda: "括号之后" in pane.toPlainText(), timeout=30_000)
    assert "[" * 100 in pane.toPlainText()


def test_a_paste_of_thousands_of_short_list_lines_converts_in_the_background(qtbot, window):
    """4,400 lines of ``- 第N项`` (38,000 characters) took 3 s to parse: counted by characters
    alone they looked cheap and froze the window; every line counts now."""
    pane = window.preview
    pane.refresh()
    qtbot.waitUntil(lambda: not pane.converting)
    window.document.issue.find_path("本周新闻", "学术").body = "".join(
        f"- 第{i}项\n" for i in range(4400)) + "\n列表之后"
    pane.refresh()
    assert pane.converting
    qtbot.waitUntil(lambda: "列表之后" in pane.toPlainText(), timeout=60_000)
    assert "第4399项" in pane.toPlainText()


def test_a_refresh_that_changes_nothing_visible_lays_nothing_out_again(qtbot, window):
    pane = window.preview
    pane.refresh()
    calls = []
    pane.setHtml = lambda text: calls.append(text)  # the real one lays the whole issue out
    pane.refresh()
    window.document.set_section_attr(window.document.issue.find_path("本周新闻").id,
                                     "minutes", 12)  # not part of the published text
    pane.refresh()
    assert calls == []
    window.document.issue.find_path("本周新闻", "学术").body += "\n新的一条\n"
    pane.refresh()  # one section changed: replaced in place, the issue is not set again
    assert calls == [] and "新的一条" in pane.toPlainText()
    pane.set_dark(True)  # another style sheet: the same HTML is set again
    pane.refresh()
    assert len(calls) == 1 and "新的一条" in calls[0]


def _count_set_html(pane) -> list[str]:
    """The texts the pane's setHtml is called with from now on (a full render each)."""
    calls: list[str] = []
    real_set_html = pane.setHtml
    pane.setHtml = lambda text: (calls.append(text), real_set_html(text))
    return calls


def _assert_as_a_full_render(pane) -> None:
    from PySide6.QtGui import QTextDocument

    full = QTextDocument()
    full.setDefaultStyleSheet(pane.document().defaultStyleSheet())
    full.setDefaultFont(pane.document().defaultFont())
    full.setHtml(pane.html())
    assert pane.document().toHtml() == full.toHtml()


def test_typing_updates_the_preview_in_place_exactly_as_a_full_render_and_keeps_no_history(
        qtbot, window):
    pane = window.preview
    pane.refresh()
    window.select_section("本周新闻", "学术")
    body = window.editor.pane.body
    calls = _count_set_html(pane)
    for text in ("新的一条", "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n表后一段", "\n\n- 列表项"):
        cursor = body.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.insertText(text)
        body.setTextCursor(cursor)
        pane.refresh()
    assert calls == []
    _assert_as_a_full_render(pane)
    assert "列表项" in pane.toPlainText()
    assert pane.document().availableUndoSteps() == 0


def test_adding_moving_and_deleting_sections_update_the_preview_in_place(qtbot, window):
    pane = window.preview
    pane.refresh()
    calls = _count_set_html(pane)
    window.select_section("本周新闻", "学术")
    count = len(pane.cache.shown_parts())
    window.actions_["actionAddSection"].trigger()
    pane.refresh()
    assert len(pane.cache.shown_parts()) == count + 1
    order = [key for key, _html in pane.cache.shown_parts()]
    window.actions_["actionMoveUp"].trigger()
    pane.refresh()
    assert [key for key, _html in pane.cache.shown_parts()] != order
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    pane.refresh()
    assert calls == []
    _assert_as_a_full_render(pane)
