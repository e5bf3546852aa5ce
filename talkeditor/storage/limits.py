"""The one size policy for an issue: what import, load, recovery and save all accept.

Real issues of the talk are about 15 KB with 30-60 sections (see /work/shared/samples); the
limits below are hundreds of times above that, so a real issue never meets them, while a
hostile or broken file gets a clear refusal within a second instead of minutes of work, a
gigabyte of memory or a RecursionError. Every check here is one linear pass.

Import, load and save all call :func:`check_issue` (after building the issue, before writing
it), and :func:`check_yaml_size` on the text they are about to write, so an import never
writes a file that load would then refuse.
"""

from __future__ import annotations

import functools
import re

from .. import errors
from ..errors import IssueFormatError
from ..model import Issue

#: issue.yaml on disk (bytes). Real issues: ~15 KB.
MAX_FILE_BYTES = 8 * 1024 * 1024
#: Sections in one issue, all levels together. Real issues: 30-60.
MAX_SECTIONS = 5_000
#: Section levels (1 = top level). Real issues: 3.
MAX_SECTION_DEPTH = 16
#: Items of any one list (highlights, host, owners, fields…). Real issues: under 30.
MAX_LIST_ITEMS = 10_000
#: Nested YAML collections (mappings and lists) in the file.
MAX_YAML_NESTING = 64
#: Characters on one line of text. Real issues: a few hundred (long URLs).
MAX_LINE_CHARS = 100_000
#: Nested Markdown blocks (list levels plus quote levels) at any point of a body; counted as
#: the renderer counts them (render/markdown_tree.py, a list level counts two) this stays
#: within its MAX_NESTING, so whatever loads also renders.
MAX_MARKDOWN_NESTING = 24
#: A section's minutes: a whole number from 0 to a week.
MAX_MINUTES = 7 * 24 * 60
#: Digits of any whole number in the file (bigger numbers are refused before conversion).
MAX_INT_DIGITS = 18

_LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")


def too_large(what: str, size: int, limit: int, unit: str = "") -> IssueFormatError:
    """The refusal for a count of ``unit`` (``items`` or ``sections``) over its limit
    (code ``errors.TOO_MANY``)."""
    suffix = f" {unit}" if unit else ""
    return IssueFormatError(f"{what} is too large ({size:,}{suffix}; the limit is "
                            f"{limit:,}{suffix})", code=errors.TOO_MANY,
                            data={"what": unit, "count": size, "limit": limit})


def check_yaml_size(size: int) -> None:
    """Refuse an issue file of ``size`` bytes above MAX_FILE_BYTES (IssueFormatError)."""
    if size > MAX_FILE_BYTES:
        raise IssueFormatError(
            f"the issue is too large ({size // 1024:,} KiB; the limit is "
            f"{MAX_FILE_BYTES // 1024 // 1024} MiB)", code=errors.ISSUE_TOO_LARGE,
            data={"size": size, "limit": MAX_FILE_BYTES})


def longest_line(text: str) -> tuple[int, int]:
    """``(line number from 1, length)`` of the longest line of ``text``; linear."""
    best_line, best_len, number, start = 1, 0, 1, 0
    while True:
        end = text.find("\n", start)
        stop = len(text) if end < 0 else end
        if stop - start > best_len:
            best_line, best_len = number, stop - start
        if end < 0:
            return best_line, best_len
        start, number = end + 1, number + 1


def check_lines(text: str, where: str = "") -> None:
    """Refuse text with a line longer than MAX_LINE_CHARS, naming the line."""
    line, length = longest_line(text)
    if length > MAX_LINE_CHARS:
        raise IssueFormatError(f"line {line} is too long ({length:,} characters; the limit "
                               f"is {MAX_LINE_CHARS:,})", where, code=errors.LINE_TOO_LONG,
                               data={"line": line, "length": length, "limit": MAX_LINE_CHARS})


def markdown_nesting(text: str) -> tuple[int, int]:
    """``(deepest nesting, its line number)`` of quotes and lists in Markdown ``text``.

    Counts, for each line, the ``>`` quote markers and list markers at its start plus one
    level per four columns of indentation (how Python-Markdown nests). Linear in the text.
    """
    deepest, where = 0, 0
    for number, line in enumerate(text.split("\n"), 1):
        depth = _prefix(line)
        if depth > deepest:
            deepest, where = depth, number
    return deepest, where


_BLANKS = re.compile(r"[ \t]*")
#: A run of markers one level each, matched in one go (``> > > …`` and ``- - - …`` lines of
#: 50,000 characters are checked in milliseconds, not seconds): ``>``, a bullet followed by
#: one space, and a single space between markers (a blank run shorter than four columns).
_MARKER_RUN = re.compile(r"(?:>|[-*+] (?=[>*+-])| (?=[>*+-]))+")


def _prefix(line: str) -> int:
    """Levels of a line's nesting prefix (quote markers, list markers, 4-column indents)."""
    depth, i, n = 0, 0, len(line)
    while i < n:
        run = _MARKER_RUN.match(line, i)
        if run:
            j = run.end()
            depth += sum(line.count(mark, i, j) for mark in ">-*+")
            i = j
            continue
        ch = line[i]
        if ch == ">":
            depth += 1
            i += 1
            continue
        if ch in " \t":
            j = _BLANKS.match(line, i).end()
            depth += ((j - i) + 3 * line.count("\t", i, j)) // 4
            i = j
            continue
        match = _LIST_MARKER.match(line, i)
        if not match:
            break
        depth += 1
        i = match.end()
    return depth


def check_issue(issue: Issue) -> None:
    """Refuse an issue beyond the limits (IssueFormatError naming the place); linear.

    Checks the count and depth of sections, every list's length, each section body's Markdown
    nesting and line length, and minutes.
    """
    count = 0
    for key in ("highlights", "host", "editors"):
        values = getattr(issue, key)
        if len(values) > MAX_LIST_ITEMS:
            raise _at(too_large(f"the list {key}", len(values), MAX_LIST_ITEMS, "items"), key)
    if len(issue.sections) > MAX_SECTIONS:
        raise _at(too_large("the issue", len(issue.sections), MAX_SECTIONS, "sections"),
                  "sections")
    stack = [(s, 1, f"sections[{i}]") for i, s in enumerate(issue.sections)]
    stack.reverse()
    while stack:
        section, depth, where = stack.pop()
        count += 1
        if count > MAX_SECTIONS:
            raise _at(too_large("the issue", count, MAX_SECTIONS, "sections"), where)
        if depth > MAX_SECTION_DEPTH:
            raise IssueFormatError(f"sections are nested too deep (more than "
                                   f"{MAX_SECTION_DEPTH} levels)", where,
                                   code=errors.SECTIONS_TOO_DEEP,
                                   data={"limit": MAX_SECTION_DEPTH})
        for key in ("owners", "contributors", "fields", "children"):
            values = getattr(section, key)
            if len(values) > MAX_LIST_ITEMS:
                raise _at(too_large(f"the list {key}", len(values), MAX_LIST_ITEMS, "items"),
                          f"{where}.{key}")
        if section.minutes is not None and not 0 <= section.minutes <= MAX_MINUTES:
            raise IssueFormatError(f"minutes must be from 0 to {MAX_MINUTES}, got "
                                   f"{section.minutes}", f"{where}.minutes",
                                   code=errors.OUT_OF_RANGE,
                                   data={"low": 0, "high": MAX_MINUTES,
                                         "value": section.minutes})
        if section.body:
            (_line, length), (nesting, line) = _body_measures(section.body)
            if length > MAX_LINE_CHARS:
                check_lines(section.body, f"{where}.body")  # raises, naming the line
            if nesting > MAX_MARKDOWN_NESTING:
                raise IssueFormatError(
                    f"line {line} of the text is nested {nesting} levels deep (lists and "
                    f"quotes; the limit is {MAX_MARKDOWN_NESTING})", f"{where}.body",
                    code=errors.TEXT_TOO_DEEP,
                    data={"line": line, "depth": nesting, "limit": MAX_MARKDOWN_NESTING})
        for i in range(len(section.children) - 1, -1, -1):
            stack.append((section.children[i], depth + 1, f"{where}.children[{i}]"))


@functools.lru_cache(maxsize=1024)
def _body_measures(body: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """``(longest_line(body), markdown_nesting(body))``, kept for the bodies seen last: a
    save checks every body, and between two saves most bodies are the same strings."""
    return longest_line(body), markdown_nesting(body)


def _at(error: IssueFormatError, where: str) -> IssueFormatError:
    error.where = where
    return error
