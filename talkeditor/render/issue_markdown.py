"""An Issue as Markdown in the issues' own layout.

The layout follows the published issues: ``# 本周新闻`` / ``## 学术`` headings (an
optional section is titled ``本周经典-optional``), one ``【label】：value`` paragraph per field,
then the body, with a blank line between blocks.
"""

from __future__ import annotations

from ..model import OPTIONAL_SUFFIX, Field, Issue, Section

_CN_DIGITS = "零一二三四五六七八九十"


def chinese_hour(hour: int) -> str:
    """1..12 as Chinese numerals (一 … 十二)."""
    if hour <= 10:
        return _CN_DIGITS[hour]
    return "十" + _CN_DIGITS[hour - 10]


def chinese_time(hhmm: str) -> str:
    """``21:00`` -> ``晚上九点``, ``21:30`` -> ``晚上九点半``, ``14:15`` -> ``下午两点15分``."""
    hour, minute = (int(p) for p in hhmm.split(":"))
    if hour < 6:
        period = "凌晨"
    elif hour < 9:
        period = "早上"
    elif hour < 12:
        period = "上午"
    elif hour < 13:
        period = "中午"
    elif hour < 18:
        period = "下午"
    else:
        period = "晚上"
    h12 = hour % 12 or 12
    words = "两" if h12 == 2 else chinese_hour(h12)
    if minute == 0:
        tail = "点"
    elif minute == 30:
        tail = "点半"
    else:
        tail = f"点{minute}分"
    return f"{period}{words}{tail}"


def issue_datetime_text(issue: Issue) -> str:
    """``20230715 晚上九点`` as the issues write 【时间】."""
    parts = []
    if issue.date:
        parts.append(issue.date.replace("-", ""))
    if issue.time:
        parts.append(chinese_time(issue.time))
    return " ".join(parts)


def bound_value(issue: Issue, section: Section, f: Field) -> str:
    """What a metadata-bound field shows; empty when the metadata is empty."""
    if f.bind == "number":
        return f"{issue.series} {issue.number}".strip() if issue.number else ""
    if f.bind == "datetime":
        return issue_datetime_text(issue)
    if f.bind == "highlights":
        return "；".join(issue.highlights) + "；" if issue.highlights else ""
    if f.bind == "host":
        return "、".join(issue.host)
    if f.bind == "editors":
        return "、".join(issue.editors)
    if f.bind == "owners":
        return "；".join(f"{s.title}：{'、'.join(o)}" for s, o in issue.section_owners())
    if f.bind == "video":
        return issue.video
    if f.bind == "contributors":
        return "、".join(section.contributors)
    if f.bind == "content_contributors":
        from ..credits.places import credits_block

        return dict(credits_block(issue))["具体内容贡献者"]
    return ""


#: bindings whose value depends on the section, not only on the issue
_PER_SECTION_BINDS = frozenset({"contributors"})


def field_value(issue: Issue, section: Section, f: Field, memo: dict | None = None) -> str:
    """The value text of a field as rendered (metadata for bound fields, then the note).

    ``memo`` (a dict kept by the caller for one pass over one unchanged issue) keeps the
    issue-wide bound values, so that rendering every section computes each once (``owners``
    and ``content_contributors`` walk the whole issue)."""
    if not f.bind:
        bound = ""
    elif memo is None or f.bind in _PER_SECTION_BINDS:
        bound = bound_value(issue, section, f)
    else:
        bound = memo.get(f.bind)
        if bound is None:
            bound = memo[f.bind] = bound_value(issue, section, f)
    return (bound or f.value) + f.note


def field_line(issue: Issue, section: Section, f: Field, memo: dict | None = None) -> str:
    return f"【{f.label}】{f.sep}{field_value(issue, section, f, memo)}"


def heading_text(section: Section) -> str:
    return section.title + (OPTIONAL_SUFFIX if section.optional else "")


def section_markdown(issue: Issue, section: Section, depth: int,
                     memo: dict | None = None) -> str:
    """One section's own Markdown: heading, fields, body (not its children); ``memo`` as
    for :func:`field_value`."""
    blocks = ["#" * min(depth, 6) + " " + heading_text(section)]
    blocks.extend(field_line(issue, section, f, memo) for f in section.fields)
    body = section.body.strip("\n")
    if body.strip():
        blocks.append(body)
    return "\n\n".join(blocks)


def title_markdown(issue: Issue) -> str:
    return "# " + issue.display_title() if issue.display_title() else ""


def issue_markdown(issue: Issue) -> str:
    """The whole issue as Markdown, ending with one newline."""
    blocks = [title_markdown(issue)] if title_markdown(issue) else []
    memo: dict = {}
    blocks.extend(section_markdown(issue, s, d, memo) for s, d in issue.walk())
    return "\n\n".join(blocks) + "\n"
