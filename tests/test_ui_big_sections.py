"""Big sections: selecting and typing in a 10,000-line section highlights only what is near
the view (the rest as it scrolls into view, fences included), and the tree's unclaimed marks
need no scan of the bodies' lines."""

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from talkeditor.credits import places
from talkeditor.model import Section
from talkeditor.storage import files as storage
from talkeditor.ui.editor.highlighter import WINDOW_BLOCKS

from .conftest import FIXTURES
from .test_ui_window import type_text

LINES = 10_000


def _long_body() -> str:
    lines = [f"- 第 {i} 行 **重点** https://example.com/{i}" for i in range(LINES)]
    lines[LINES - 20] = "```"
    lines[LINES - 19] = "code line, not a list"
    lines[LINES - 18] = "```"
    return "\n".join(lines)


def test_a_long_section_is_highlighted_near_the_view_and_as_it_scrolls(
        qtbot, window, tmp_path):
    issue = storage.load_yaml_issue(FIXTURES / "issue-004.yaml")
    issue.sections.append(Section(title="长文", id="long", body=_long_body()))
    path = storage.save_issue(issue, tmp_path / "long" / "issue.yaml")
    assert window.open_path(path)
    window.select_section("长文")
    body = window.editor.pane.body
    doc = body.document()
    assert doc.blockCount() == LINES > WINDOW_BLOCKS
    assert doc.findBlockByNumber(0).layout().formats()
    far = doc.findBlockByNumber(LINES - 19)
    assert not far.layout().formats(), "a line far out of view is left for later"

    cursor = QTextCursor(doc)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    body.setTextCursor(cursor)
    body.ensureCursorVisible()
    body.viewport().repaint()
    qtbot.waitUntil(lambda: bool(doc.findBlockByNumber(LINES - 19).layout().formats()))
    code = doc.findBlockByNumber(LINES - 19).layout().formats()
    listed = doc.findBlockByNumber(LINES - 5).layout().formats()
    assert len(code) == 1 and code[0].length == len("code line, not a list"), \
        "inside the fence the whole line is code"
    assert code[0].format.fontFamilies() == ["monospace"]
    assert listed and listed[0].format.fontFamilies() != ["monospace"]

    type_text(qtbot, body, " 新")
    QApplication.processEvents()
    assert window.issue().find("long").body.endswith("https://example.com/9999 新")
    window.document.set_modified(False)


def test_the_trees_unclaimed_marks_do_not_scan_signatures(monkeypatch):
    issue = storage.load_yaml_issue(FIXTURES / "issue-004.yaml")
    claimable = places.claimable_sections(issue)
    claimable[0].owners = ["羡鱼"]
    claimable[1].body += "\n整理 —— 何枝"  # a signature is a credit, not an owner
    expected = [s.id for s in places.unclaimed_sections(issue)]
    assert claimable[0].id not in expected and claimable[1].id in expected
    from talkeditor.credits import signatures

    def refuse(_text):
        raise AssertionError("the owners of a section never come from a signature")

    monkeypatch.setattr(signatures, "find_signatures", refuse)
    assert [s.id for s in places.unclaimed_sections(issue)] == expected
    assert places.owned_section_ids(issue) == {claimable[0].id}

