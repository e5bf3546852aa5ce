"""The issue as the Markdown a Zhihu post is made from, knowing where each line came from.

Every section as :mod:`talkeditor.render.issue_markdown` renders it, without the title line (on
Zhihu it is a separate field) and without optional sections left empty (reported as
``omitted-section``; an empty section is ``empty-section``). ``IssueText.where(line)`` names the
section (``本周新闻 › 学术``) and the body line a line of the text came from, so the export's
findings can say where to look.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Issue, Section
from ..render.issue_markdown import field_value, section_markdown
from .check import ZhihuWarning, warning

SECTION_SEP = " › "


def _own_empty(issue: Issue, section: Section) -> bool:
    return not section.body.strip() and not any(
        field_value(issue, section, f).strip() for f in section.fields)


def _is_empty(issue: Issue, section: Section) -> bool:
    return _own_empty(issue, section) and all(_is_empty(issue, c) for c in section.children)


@dataclass
class _Part:
    where: str
    start: int
    body_start: int | None


@dataclass
class IssueText:
    text: str
    parts: list[_Part]
    warnings: list[ZhihuWarning]

    def where(self, index: int) -> tuple[str, int | None]:
        part = None
        for candidate in self.parts:
            if candidate.start > index:
                break
            part = candidate
        if part is None:
            return "", None
        if part.body_start is not None and index >= part.body_start:
            return part.where, index - part.body_start + 1
        return part.where, None


def issue_text(issue: Issue) -> IssueText:
    blocks: list[str] = []
    parts: list[_Part] = []
    warnings: list[ZhihuWarning] = []
    line = 0

    def visit(section: Section, depth: int, path: list[str]) -> None:
        nonlocal line
        path = path + [section.title]
        where = SECTION_SEP.join(path)
        if section.optional and _is_empty(issue, section):
            warnings.append(warning("omitted-section", section=where))
            return
        if _own_empty(issue, section) and not section.children:
            warnings.append(warning("empty-section", section=where))
        text = section_markdown(issue, section, depth)
        body = section.body.strip("\n")
        body_start = None
        if body.strip() and text.endswith(body):
            body_start = line + text[:len(text) - len(body)].count("\n")
        parts.append(_Part(where, line, body_start))
        blocks.append(text)
        line += text.count("\n") + 2
        for child in section.children:
            visit(child, depth + 1, path)

    for section in issue.sections:
        visit(section, 1, [])
    return IssueText("\n\n".join(blocks) + "\n", parts, warnings)


def issue_body_markdown(issue: Issue) -> str:
    """The Markdown that is exported: every section, no title line, empty optional sections
    left out."""
    return issue_text(issue).text
