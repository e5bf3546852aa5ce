"""Typing as steps of the issue's one history, with the body copied into the model lazily:
one undo step per typing run, no copy of the body per keystroke, exact text through undo."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from talkeditor.model import Issue, Section
from talkeditor.ui.document.bodies import SectionBodies
from talkeditor.ui.document.issue_document import IssueDocument


def _document() -> IssueDocument:
    issue = Issue(number="004", sections=[
        Section(title="学术", id="a", body="第一行\u00a0不换行\u2028行分隔\n"),
        Section(title="产品", id="b", body="产品一\n")])
    return IssueDocument(issue)


def _type(document: IssueDocument, section_id: str, text: str) -> None:
    doc = document.body_document(section_id)
    cursor = QTextCursor(doc)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    for ch in text:  # one edit per character, as keystrokes come
        cursor.insertText(ch)


def test_a_typing_run_is_one_undo_step_however_many_keys(qapp):
    document = _document()
    _type(document, "a", "大模型周报")
    assert document.undo_stack.count() == 1
    document.end_typing_run()  # a pause
    _type(document, "a", "！")
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    assert document.sync().find("a").body.endswith("大模型周报")
    document.undo_stack.undo()
    assert document.sync().find("a").body == "第一行\u00a0不换行\u2028行分隔\n"


def test_keystrokes_do_not_copy_the_body_until_the_model_is_read(qapp, monkeypatch):
    document = _document()
    document.body_document("a")
    reads = []
    original = SectionBodies._text_of
    monkeypatch.setattr(SectionBodies, "_text_of",
                        staticmethod(lambda doc: reads.append(1) or original(doc)))
    _type(document, "a", "一二三四五六七八九十")
    assert reads == []
    assert document.sync().find("a").body.endswith("一二三四五六七八九十")
    assert len(reads) == 1


def test_undo_while_a_run_is_open_takes_back_the_whole_run(qapp):
    document = _document()
    _type(document, "b", "新的一条")
    assert document.is_modified()
    document.undo_stack.undo()  # before any pause
    assert document.sync().find("b").body == "产品一\n"
    assert document.body_document("b").toPlainText() == "产品一\n"
    assert not document.is_modified()
    document.undo_stack.redo()
    assert document.sync().find("b").body == "产品一\n新的一条"


def test_typing_in_another_section_starts_a_new_step(qapp):
    document = _document()
    _type(document, "a", "甲")
    _type(document, "b", "乙")
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    issue = document.sync()
    assert issue.find("b").body == "产品一\n" and issue.find("a").body.endswith("甲")


def test_a_structural_change_ends_the_run_and_undo_keeps_both_apart(qapp):
    document = _document()
    _type(document, "a", "甲")
    document.rename_section("b", "产品动态")
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    assert document.sync().find("b").title == "产品"
    assert document.issue.find("a").body.endswith("甲")


def test_no_break_spaces_and_line_separators_survive_undo_and_redo(qapp):
    document = _document()
    _type(document, "a", "x")
    document.undo_stack.undo()
    document.undo_stack.redo()
    document.undo_stack.undo()
    raw = document.body_document("a").toRawText().replace("\u2029", "\n")
    assert raw == "第一行\u00a0不换行\u2028行分隔\n"
    assert document.sync().find("a").body == raw
    assert not document.is_modified()


def test_typing_then_erasing_it_is_not_modified(qapp):
    document = _document()
    _type(document, "b", "z")
    doc = document.body_document("b")
    cursor = QTextCursor(doc)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.deletePreviousChar()
    assert not document.is_modified()  # asked, the answer is exact even mid-run
