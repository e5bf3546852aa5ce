"""The preview's in-place section updates (ui/panels/preview_sections.py, issue 18): after any
edits, replacing only the changed sections leaves the same document a full ``setHtml`` of the
whole issue would (same ``toHtml``, same anchors where ``scrollToAnchor`` finds them), and it
refuses, rather than guessing, when the document is not the one it mapped."""

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextDocument

from talkeditor.model import Section
from talkeditor.render.html import HtmlCache
from talkeditor.storage import yaml_format
from talkeditor.ui.panels.preview import PreviewPane, anchor_name
from talkeditor.ui.panels.preview_sections import SectionMap

from .conftest import FIXTURES

BASE = yaml_format.loads((FIXTURES / "issue-004.yaml").read_bytes())
STYLE = ("h1 { font-size: 22px; margin-top: 22px; } p { margin-top: 4px; margin-bottom: 8px; }"
         " a { color: #0b63c5; } h1 a, h2 a { text-decoration: none; }")

# Markdown a host puts at the start or the end of a section's body
PIECES = [
    "", "一段话。", "- 一\n- 二\n  - 二点一", "1. 甲\n2. 乙", "> 引用\n> 第二行",
    "```python\nprint('x')\n```", "| 名 | 值 |\n|---|---|\n| a | 1 |", "---",
    "![图](images/a.png)", "【主持人】：某某", "### 小标题\n正文", "<https://example.com>",
    "**粗体** 和 `代码`", "- [ ] 待办\n- [x] 完成", "脚注[^1]\n\n[^1]: 注释",
    "| 标题 | 链接 |\n|---|---|\n| 论文 |  |", "> ", "- ", "#", "<hr>", "***",
]


def _document(html: str) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultStyleSheet(STYLE)
    document.setUndoRedoEnabled(False)
    document.setHtml(html)
    return document


def _anchors(document: QTextDocument) -> list[tuple[int, list[str]]]:
    """Every anchor name with its position: in block char formats and in fragments."""
    found = []
    block = document.begin()
    while block.isValid():
        if block.charFormat().anchorNames():
            found.append((block.position(), block.charFormat().anchorNames()))
        fragment = block.begin()
        while not fragment.atEnd():
            names = fragment.fragment().charFormat().anchorNames()
            if names:
                found.append((fragment.fragment().position(), names))
            fragment += 1
        block = block.next()
    return found


class View:
    """A document kept up to date the way the preview keeps its own."""

    def __init__(self, issue):
        self.cache = HtmlCache(decorate=PreviewPane._decorate)
        self.map = SectionMap()
        update = self.cache.update(issue)
        self.document = _document(update.html())
        self.map.reset(self.document, [anchor_name(key) for key, _h in update.parts])

    def refresh(self, issue) -> bool:
        update = self.cache.update(issue)
        assert update.runs is not None
        runs = []
        for old_start, old_end, new_start, new_end in update.runs:
            parts = update.parts[new_start:new_end]
            runs.append((old_start, old_end, [anchor_name(key) for key, _h in parts],
                         "\n".join(html for _key, html in parts)))
        return self.map.replace(self.document, runs)

    def refresh_or_set_whole(self, issue) -> bool:
        """What the preview does: in place if it can, else the whole document again;
        whether it was in place."""
        if self.refresh(issue):
            return True
        parts = self.cache.shown_parts()
        self.document.setHtml("\n".join(html for _key, html in parts))
        self.map.reset(self.document, [anchor_name(key) for key, _h in parts])
        return False

    def assert_same_as_full(self, issue) -> None:
        full = _document(HtmlCache(decorate=PreviewPane._decorate).issue_html(issue))
        assert self.document.toHtml() == full.toHtml()
        assert _anchors(self.document) == _anchors(full)


@pytest.fixture
def issue():
    return copy.deepcopy(BASE)


def test_typing_in_one_section_leaves_the_document_a_full_render_would(qapp, issue):
    view = View(issue)
    section = issue.find_path("本周新闻", "学术")
    for text in ("\n新的一条", "，续写", "\n\n- 列表项"):
        section.body += text
        assert view.refresh(issue)
        view.assert_same_as_full(issue)


def test_the_title_section_first_in_the_document_is_replaced_faithfully(qapp, issue):
    view = View(issue)
    issue.number = "123"
    assert view.refresh(issue)
    view.assert_same_as_full(issue)


def test_several_sections_changed_at_once_are_all_replaced(qapp, issue):
    view = View(issue)
    sections = [section for section, _depth in issue.walk()]
    for section in (sections[0], sections[3], sections[-1]):
        section.body = section.body + "\n\n新增"
    assert view.refresh(issue)
    view.assert_same_as_full(issue)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(min_value=0), st.sampled_from(PIECES),
                                st.sampled_from(PIECES), st.booleans()),
                      min_size=1, max_size=4))
def test_any_edits_at_the_start_or_end_of_any_section_match_a_full_render(qapp, edits):
    issue = copy.deepcopy(BASE)
    view = View(issue)
    sections = [section for section, _depth in issue.walk()]
    for index, head, tail, replace_body in edits:
        section = sections[index % len(sections)]
        body = "" if replace_body else section.body
        section.body = "\n\n".join(piece for piece in (head, body, tail) if piece)
        view.refresh_or_set_whole(issue)
    view.assert_same_as_full(issue)


def _restructure(issue, operation: str, where: int, serial: int) -> None:
    """Add, remove, move or rename a section somewhere in the tree, as the host does."""
    parents = [issue.sections] + [section.children for section, _d in issue.walk()]
    siblings = [group for group in parents if group]
    group = siblings[where % len(siblings)]
    position = where % len(group)
    if operation == "add":
        group.insert(position, Section(title=f"新版块{serial}", id=f"new{serial}",
                                       body=PIECES[where % len(PIECES)]))
    elif operation == "remove" and sum(1 for _ in issue.walk()) > 1:
        del group[position]
    elif operation == "move" and len(group) > 1:
        group.insert((position + 1) % len(group), group.pop(position))
    else:
        group[position].title += "（改）"


@settings(max_examples=60, deadline=None)
@given(steps=st.lists(st.tuples(st.sampled_from(["add", "remove", "move", "rename", "type"]),
                                st.integers(min_value=0, max_value=10_000)),
                      min_size=1, max_size=6))
def test_adding_removing_moving_and_renaming_sections_match_a_full_render(qapp, steps):
    issue = copy.deepcopy(BASE)
    view = View(issue)
    for serial, (operation, where) in enumerate(steps):
        if operation == "type":
            sections = [section for section, _depth in issue.walk()]
            sections[where % len(sections)].body += "\n\n新的一段"
        else:
            _restructure(issue, operation, where, serial)
        view.refresh_or_set_whole(issue)
    view.assert_same_as_full(issue)


def test_removing_the_first_section_after_the_title_and_the_last_one(qapp, issue):
    view = View(issue)
    del issue.sections[0]
    assert view.refresh(issue)
    del issue.sections[-1]
    assert view.refresh(issue)
    view.assert_same_as_full(issue)


def test_a_table_ending_in_an_empty_cell_keeps_the_next_sections_in_place(qapp, issue):
    view = View(issue)
    issue.find_path("本周新闻", "学术").body += "\n\n| 标题 | 链接 |\n|---|---|\n| 论文 |  |\n"
    view.refresh_or_set_whole(issue)  # a section ending in a table is set whole
    view.assert_same_as_full(issue)
    issue.find_path("本周新闻", "工业界").body += "x"
    assert view.refresh(issue)  # found every section again, no fallback to a full render
    view.assert_same_as_full(issue)


def test_emptying_a_section_that_ended_in_a_table_matches_a_full_render(qapp, issue):
    view = View(issue)
    section = next(section for section, _depth in issue.walk())
    section.body += "\n\n| 标题 | 链接 |\n|---|---|\n| 论文 |  |"
    view.refresh_or_set_whole(issue)
    section.body = ""
    view.refresh_or_set_whole(issue)
    view.assert_same_as_full(issue)


def test_a_section_without_a_title_is_left_to_a_full_render(qapp, issue):
    view = View(issue)
    issue.find_path("本周新闻", "学术").title = ""
    assert not view.refresh(issue)


def test_a_document_set_by_someone_else_is_refused_not_patched(qapp, issue):
    view = View(issue)
    view.document.setHtml("<p>别的内容</p>")
    issue.find_path("本周新闻", "学术").body += "x"
    assert not view.refresh(issue)
    assert view.document.toPlainText() == "别的内容"


def test_a_missing_anchor_is_refused(qapp, issue):
    view = View(issue)
    view.map.reset(view.document, ["sec-title", "sec-nowhere"])
    assert not view.map.replace(view.document, [(1, 2, ["sec-nowhere"], "<p>x</p>")])
