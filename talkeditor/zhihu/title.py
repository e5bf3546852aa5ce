"""The Zhihu post's title: the full series title, shortened to Zhihu's 100 characters, and its
checks.

``zhihu_title`` is the issue's published title line (:mod:`talkeditor.render.title`, shared
with 往期精彩); ``proposed_title`` is what fits (whole 本期提要 items, in order);
``check_full_title`` / ``check_issue_title`` are the title findings of ``talkeditor check`` and
of the export's pre-publish check (with an empty 本期提要 named by ``check_highlights``).
"""

from __future__ import annotations

import unicodedata

from ..model import Issue
from ..render.title import (
    HIGHLIGHTS_LABEL,
    one_line,
    published_title,
    series_title,
    title_parts,
)
from . import check as zhihu_check
from .check import ZhihuWarning

_CLEAN_ENDS = "；;，,、。：: "


def zhihu_title(issue: Issue) -> str:
    """The full title: the issue's published title line
    (:func:`talkeditor.render.title.published_title`), e.g.
    ``【OpenLLM Talk 004】本期提要：检索+LLM；抱抱脸 daily papers；…``. It may be longer than
    Zhihu allows; :func:`proposed_title` is what fits."""
    return published_title(issue)


def shorten_title(title: str, limit: int = zhihu_check.TITLE_LIMIT) -> str:
    """``title`` cut to at most ``limit`` characters, as a prefix of it ending cleanly.

    A series title keeps whole 本期提要 items in order (``【…】本期提要：a；b；c`` → ``…：a；b``,
    or ``【…】`` when not even the first item fits); any other title is cut after the last
    separator (；，、。：space) that fits, and hard at ``limit`` when there is none. A title
    within the limit is returned unchanged. The result is always ``title[:n]`` for some n,
    never ends with a separator, and is never empty unless ``title`` is.
    """
    if zhihu_check.title_length(title) <= limit:
        return title
    title = unicodedata.normalize("NFC", title)
    at = title.find(HIGHLIGHTS_LABEL)
    if at >= 0:
        head, rest = title[:at], title[at + len(HIGHLIGHTS_LABEL):]
        kept_end, start = 0, 0  # whole items: rest[:kept_end] ends where an item ends
        for item in rest.split("；"):
            end = start + len(item)
            if len(head) + len(HIGHLIGHTS_LABEL) + end > limit:
                break
            kept_end, start = end, end + 1
        kept = rest[:kept_end].rstrip(_CLEAN_ENDS)
        if kept:
            return head + HIGHLIGHTS_LABEL + kept
        if head.strip() and len(head) <= limit:
            return head.rstrip(_CLEAN_ENDS) or head
    window = title[:limit + 1]
    cut = max(window.rfind(ch) for ch in _CLEAN_ENDS)
    short = title[:cut].rstrip(_CLEAN_ENDS) if cut > 0 else ""
    return short or title[:limit]


def _pattern_number(issue: Issue) -> str:
    return issue.number if issue.number.strip().isdigit() else ""


def _off_pattern(issue: Issue, title: str) -> bool:
    return bool(issue.series.strip()) and not zhihu_check.follows_series_pattern(
        title, issue.series, _pattern_number(issue))


def proposed_title(issue: Issue) -> str:
    """The title to publish: :func:`zhihu_title`, shortened to Zhihu's 100 characters by
    :func:`shorten_title` when longer; when that title is off the series' pattern (the 005
    sample's ``tOpenLLM Talk 005``), the title in the pattern
    (:func:`talkeditor.render.title.series_title`) instead, the one the check suggests."""
    full = zhihu_title(issue)
    if _off_pattern(issue, full):
        return shorten_title(series_title(issue))
    return shorten_title(full)


def check_highlights(issue: Issue) -> list[ZhihuWarning]:
    """A ``highlights-empty`` finding (about the title) when the issue has a 本期提要 field
    (bound to ``highlights``) with nothing in it and the title is made from the series'
    pattern (no title of its own, or one off the pattern), so the title would be
    ``【OpenLLM Talk 005】`` alone."""
    head, highlights = title_parts(issue)
    if highlights or (issue.title.strip() and not _off_pattern(issue, zhihu_title(issue))):
        return []
    if not any(f.bind == "highlights" for section, _depth in issue.walk()
               for f in section.fields):
        return []
    return [zhihu_check.warning("highlights-empty", head or "", in_title=True)]


def check_full_title(issue: Issue) -> list[ZhihuWarning]:
    """The issue's own title as ``talkeditor check`` sees it: the full :func:`zhihu_title`
    over Zhihu's limit (offering :func:`proposed_title`), not in the series' pattern, or
    without 本期提要 (:func:`check_highlights`)."""
    return zhihu_check.check_title(zhihu_title(issue), series=issue.series,
                                   number=_pattern_number(issue),
                                   proposal=proposed_title(issue),
                                   suggestion=shorten_title(series_title(issue))) \
        + check_highlights(issue)


def check_issue_title(issue: Issue, title: str | None = None) -> list[ZhihuWarning]:
    """The title findings of the pre-publish check for the ``title`` chosen (default: the
    proposal): over the limit, shortened from the full title, not in the series' pattern."""
    full = zhihu_title(issue)
    chosen = proposed_title(issue) if title is None else one_line(title)
    suggestion = shorten_title(series_title(issue))
    found = zhihu_check.check_title(chosen, full=full, series=issue.series,
                                    number=_pattern_number(issue),
                                    proposal=proposed_title(issue), suggestion=suggestion)
    if _off_pattern(issue, full) and "title-pattern" not in {w.code for w in found}:
        # The proposal was corrected; the issue's own title still has the slip to fix.
        found += [w for w in zhihu_check.check_title(full, series=issue.series,
                                                     number=_pattern_number(issue),
                                                     suggestion=suggestion)
                  if w.code == "title-pattern"]
    return found + check_highlights(issue)
