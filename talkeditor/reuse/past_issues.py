"""往期精彩: the list of past issues at the end of an issue, regenerated from the archive.

The section holds one entry per past issue, newest first: the Zhihu title line
(``【OpenLLM Talk 003】本期提要：…``), then its link, sometimes a video line
(``【【OpenLLM Talk 003】…】 【精准空降到 10:10】 <bilibili…>``), then lines that are not about
an issue (``【OpenLLM Talk 模版】…`` and its link), which are kept as they are. Imported
issues may hold the title lines as ``【…】`` fields; they are read the same way.

``regenerate(section, series, issues)`` rewrites the section's body: every issue given
(an archive's plus the one just finished), merged with the entries already there (their
published title lines are kept; a Zhihu link the archive knows is added), newest first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..archive.folder import regular_number
from ..model import Field, Issue, Section
from ..render.title import published_title, title_parts

SECTION_TITLES = ("往期精彩", "往期回顾", "往期内容", "往期")
SECTION_IDS = ("past",)

_BLANK_LINES = re.compile(r"\n[ \t]*\n+")


def _ref_pattern(series: str) -> re.Pattern:
    return re.compile(r"^【+\s*" + re.escape(series.strip()) + r"\s*([^】]*?)\s*】(.*)$", re.S)


def past_list_title(issue: Issue, series: str | None = None) -> str:
    """An issue's line in 往期精彩: its published title (``render.title.published_title``),
    with ``【series number】`` in front when it does not start with ``【`` (the list knows its
    entries by that head): ``【OpenLLM Talk 000】我们做了一个…``, as issue 000 is listed."""
    title = published_title(issue, series)
    if title.startswith("【"):
        return title
    return title_parts(issue, series)[0] + title


def find_past_section(issue: Issue) -> Section | None:
    """The issue's 往期精彩 section: by id or title, else the section listing most past
    issues (``【<series> 003】`` lines); None if there is none."""
    for section, _depth in issue.walk():
        if section.id in SECTION_IDS or section.title.strip() in SECTION_TITLES:
            return section
    pattern = _ref_pattern(issue.series)
    best, best_count = None, 0
    for section, _depth in issue.walk():
        count = sum(1 for block in _section_blocks(section, pattern)[0]
                    if _ref(block, pattern, ()) is not None)
        if count > best_count:
            best, best_count = section, count
    return best


@dataclass
class _Entry:
    key: object  # int for a regular issue, str for a special one, None for other lines
    blocks: list[str] = field(default_factory=list)


def _ref(block: str, pattern: re.Pattern, specials: Iterable[str]) -> object:
    """The issue a ``【series NNN】…`` block is about: int, special-issue str, or None."""
    match = pattern.match(block)
    if not match:
        return None
    token, rest = match.group(1).strip(), match.group(2)
    value = regular_number(token)
    if value is not None:
        return value
    specials = tuple(specials)
    if token in specials:
        return token
    if not token:
        for special in specials:
            if rest.startswith(special):
                return special
    return None


def _section_blocks(section: Section, pattern: re.Pattern) -> tuple[list[str], list[Field]]:
    """The section's text as blocks (fields that are title lines first, then the body's
    paragraphs), and the fields that stay fields."""
    blocks, kept = [], []
    for f in section.fields:
        line = f"【{f.label}】{f.sep}{f.value}{f.note}"
        if f.bind is None and pattern.match(line):
            blocks.append(line)
        else:
            kept.append(f)
    blocks.extend(b.strip() for b in _BLANK_LINES.split(section.body.strip()) if b.strip())
    return blocks, kept


def _entries(blocks: list[str], pattern, specials) -> tuple[list[str], list[_Entry]]:
    preamble: list[str] = []
    entries: list[_Entry] = []
    for block in blocks:
        if block.startswith("【"):
            key = _ref(block, pattern, specials)
            if entries and key is not None and entries[-1].key == key:
                entries[-1].blocks.append(block)  # the video line of the same issue
            else:
                entries.append(_Entry(key, [block]))
        elif entries:
            entries[-1].blocks.append(block)
        else:
            preamble.append(block)
    return preamble, entries


def _order(keys: list[object], dates: dict[object, str]) -> list[object]:
    """Regular issues by number, newest first; special issues placed by their date."""
    ordered = sorted((k for k in keys if isinstance(k, int)), reverse=True)
    for special in sorted((k for k in keys if isinstance(k, str)),
                          key=lambda k: dates.get(k, ""), reverse=True):
        day = dates.get(special, "")
        at = len(ordered)
        if day:
            at = next((i for i, k in enumerate(ordered) if dates.get(k, "") and
                       dates[k] < day), len(ordered))
        ordered.insert(at, special)
    return ordered


def regenerate(section: Section, series: str, issues: Iterable[Issue]) -> None:
    """Rewrite ``section``'s body (in place) to list ``issues`` and the entries it had."""
    issues = [i for i in issues if i.number.strip()]
    specials = [i.number.strip() for i in issues if regular_number(i.number) is None]
    pattern = _ref_pattern(series)
    blocks, kept_fields = _section_blocks(section, pattern)
    preamble, old = _entries(blocks, pattern, specials)
    known: dict[object, Issue] = {}
    for issue in issues:
        value = regular_number(issue.number)
        known.setdefault(issue.number.strip() if value is None else value, issue)
    old_by_key: dict[object, list[str]] = {}
    for entry in old:
        if entry.key is not None:
            old_by_key.setdefault(entry.key, []).extend(entry.blocks)
    dates = {k: i.date for k, i in known.items()}
    out = list(preamble)
    for key in _order(list(set(known) | set(old_by_key)), dates):
        issue = known.get(key)
        entry = list(old_by_key.get(key, ()))
        if not entry and issue is not None:
            entry = [past_list_title(issue, series)]
        if issue is not None and issue.zhihu.strip() and issue.zhihu.strip() not in \
                "\n".join(entry):
            entry.insert(1, f"<{issue.zhihu.strip()}>")
        out.extend(entry)
    for entry in old:
        if entry.key is None:
            out.extend(entry.blocks)
    section.fields = kept_fields
    section.body = "\n\n".join(out)


def past_issue_lines(section: Section, series: str) -> list[str]:
    """The title lines of the past issues a 往期精彩 section lists, in order (for display)."""
    pattern = _ref_pattern(series)
    blocks, _fields = _section_blocks(section, pattern)
    return [b for b in blocks if _ref(b, pattern, ()) is not None]
