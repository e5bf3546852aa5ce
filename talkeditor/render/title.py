"""The published title line of an issue: ``【OpenLLM Talk 004】本期提要：a；b``.

It is the Zhihu post's title (``zhihu.export``) and the line 往期精彩 lists for each past issue
(``reuse.past_issues``); both use :func:`published_title`, so they always agree.
"""

from __future__ import annotations

from ..model import Issue

HIGHLIGHTS_LABEL = "本期提要："


def one_line(text: str) -> str:
    """``text`` on one line: every run of whitespace (line breaks included) made one space,
    none at the ends."""
    return " ".join(text.split())


def published_title(issue: Issue, series: str | None = None) -> str:
    """The issue's title line, on one line.

    - An explicit ``issue.title`` that starts with ``【`` is used as is (special issues:
      ``【OpenLLM Talk】番外02：…``); any other explicit title follows the head
      (``【OpenLLM Talk 000】我们做了一个…``, as issue 000 was published).
    - Otherwise ``【series number】本期提要：`` and the highlights joined with ``；`` (each without
      a trailing ``；``; empty ones dropped), or the head alone without highlights.

    The head is ``【series number】`` (``【series】`` without a number; nothing when both are
    empty). ``series`` is used when the issue has none.
    """
    name = one_line(f"{issue.series.strip() or series or ''} {issue.number}")
    head = f"【{name}】" if name else ""
    title = one_line(issue.title)
    if title.startswith("【"):
        return title
    if title:
        return head + title
    highlights = [one_line(h).strip("；;") for h in issue.highlights]
    highlights = [h for h in highlights if h]
    if highlights:
        return head + HIGHLIGHTS_LABEL + "；".join(highlights)
    return head
