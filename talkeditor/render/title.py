"""The published title line of an issue: ``【OpenLLM Talk 004】本期提要：a；b``.

It is the Zhihu post's title (``zhihu.export``) and the line 往期精彩 lists for each past issue
(``reuse.past_issues``, which puts ``【series number】`` in front of a title that does not start
with ``【``, so that it can recognise its entries); both use :func:`published_title`.
"""

from __future__ import annotations

from ..model import Issue

HIGHLIGHTS_LABEL = "本期提要："


def one_line(text: str) -> str:
    """``text`` on one line: every run of whitespace (line breaks included) made one space,
    none at the ends."""
    return " ".join(text.split())


def title_parts(issue: Issue, series: str | None = None) -> tuple[str, list[str]]:
    """``(head, highlights)``: ``【series number】`` (``【series】`` without a number; ``""``
    when both are empty; ``series`` is used when the issue has none) and the highlights on one
    line each, without a trailing ``；``, empty ones dropped."""
    name = one_line(f"{issue.series.strip() or series or ''} {issue.number}")
    head = f"【{name}】" if name else ""
    highlights = [one_line(h).strip("；;") for h in issue.highlights]
    return head, [h for h in highlights if h]


def series_title(issue: Issue, series: str | None = None) -> str:
    """The title in the series' pattern, ignoring an explicit ``issue.title``:
    ``【OpenLLM Talk 004】本期提要：a；b``, or the head alone without highlights."""
    head, highlights = title_parts(issue, series)
    return head + (HIGHLIGHTS_LABEL + "；".join(highlights) if highlights else "")


def published_title(issue: Issue, series: str | None = None) -> str:
    """The issue's title line, on one line: an explicit ``issue.title`` as written (special
    issues: ``【OpenLLM Talk】番外02：…``; a title off the series' pattern is for the Zhihu check
    to flag, not to hide), otherwise :func:`series_title`."""
    return one_line(issue.title) or series_title(issue, series)
