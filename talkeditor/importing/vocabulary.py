"""Recognising an issue's vocabulary and metadata in imported text.

Two jobs, both pure string work used by the importer:

* ``Vocabulary``: which section titles, subsection titles and field labels a document of this
  family may use, learned from the template (``resources/templates/*.yaml``), from titles the
  caller knows from the archive, and from a few renamed subsections seen in real issues
  (工业界 → 工业, 杂项 ↔ 其他, refs).
* Field lines and metadata: ``【label】：value`` lines, the issue title (``OpenLLM Talk 004``,
  ``【OpenLLM Talk】番外02：…``), and the header fields 【编号】【时间】【本期提要】
  【主持人】【编辑】【版块负责人】【talk 视频】【贡献者】, which become fields bound to the
  issue's metadata — but
  only when rendering the bound field gives the same line back (whitespace aside); otherwise
  the field keeps its text unbound, so nothing written in the source is lost.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from ..credits.names import split_names
from ..model import Field, Issue, Section, split_optional, title_key, walk_paths
from ..render.issue_markdown import bound_value
from .findings import Finding

#: Subsection names seen in real issues besides the template's own (renamed or added ones).
EXTRA_SUBSECTIONS = ("工业", "工业界", "其他", "杂项", "资料", "refs", "线上讨论", "群里讨论")
#: Names that sit below a subsection (``### refs:`` under ``## 杂项``).
DEEP_SUBSECTIONS = ("refs",)
#: Labels bound to metadata besides the template's own bound labels.
EXTRA_BINDINGS = {"板块负责人": "owners", "版块负责人": "owners", "talk视频": "video",
                  "视频": "video", "编号": "number", "时间": "datetime", "本期提要": "highlights",
                  "主持人": "host", "编辑": "editors", "贡献者": "contributors"}
#: The metadata an import can recognise, in the order the summary lists it (the app and the
#: command line word each key).
METADATA_KEYS = ("number", "title", "datetime", "highlights", "host", "editors", "video")

_WS = re.compile(r"\s+")
_URL = re.compile(r"https?://[^\s<>()（）\]]+")
_FIELD = re.compile(r"^【([^【】\n]{1,40})】(.*)$")
_SEP = re.compile(r"^(\s*(?:[-—–]+[^【】：:\n]{0,24}?)?[：:][ \t\u3000]*)")
_SENTENCE_END = tuple("。！？!?；;，,、")


def squash(text: str) -> str:
    """Text with all whitespace removed (how header lines are compared)."""
    return _WS.sub("", text)


def looks_like_title(text: str, heading: bool = False) -> bool:
    """Short, one phrase, no URL, not a sentence: could be a section heading. A bare line
    must not look like a list item either (a Markdown heading may: ``## 2. 关于…``)."""
    t = text.strip()
    if not t or len(t) > 40 or _URL.search(t) or "www." in t or t.startswith(("【", "![", "<")):
        return False
    if not heading and re.match(r"^([-*+]\s|\d+[.)、]\s|>)", t):
        return False
    return not t.endswith(_SENTENCE_END)


@dataclass
class Vocabulary:
    """What this family of documents calls its sections and metadata fields."""

    series: str = "OpenLLM Talk"
    template: str = ""
    opening: str = "序章"
    top: dict[str, str] = field(default_factory=dict)          # norm -> title
    children: dict[str, set[str]] = field(default_factory=dict)  # norm top -> norm children
    sub: set[str] = field(default_factory=set)
    deep: set[str] = field(default_factory=set)
    bindings: dict[str, str] = field(default_factory=dict)      # title_key(label) -> bind
    ids: dict[tuple[str, ...], str] = field(default_factory=dict)
    body_kinds: dict[str, str] = field(default_factory=dict)    # norm top -> body_kind

    @classmethod
    def from_template(cls, template: Issue | None, name: str = "",
                      known_titles: set[str] | None = None) -> Vocabulary:
        v = cls(template=name)
        if template is not None:
            v.series = template.series or v.series
            if template.sections:
                v.opening = template.sections[0].title
            for top in template.sections:
                key = title_key(top.title)
                v.top[key] = top.title
                v.body_kinds[key] = top.body_kind
                v.children[key] = set()
                for sec, depth in top.walk():
                    if depth > 1:
                        v.sub.add(title_key(sec.title))
                        if depth == 2:
                            v.children[key].add(title_key(sec.title))
                for sec, _depth in top.walk():
                    for f in sec.fields:
                        if f.bind:
                            v.bindings[title_key(f.label)] = f.bind
            for sec, path in walk_paths(template.sections):
                v.ids[tuple(title_key(t) for t in path)] = sec.id
        v.sub.update(title_key(t) for t in EXTRA_SUBSECTIONS)
        v.deep.update(title_key(t) for t in DEEP_SUBSECTIONS)
        for label, bind in EXTRA_BINDINGS.items():
            v.bindings.setdefault(title_key(label), bind)
        for title in known_titles or ():
            key = title_key(title)
            if key and key not in v.sub and key not in v.top:
                v.top[key] = split_optional(title)[0]
        return v

    def is_top(self, title: str) -> bool:
        return title_key(title) in self.top

    def is_sub(self, title: str) -> bool:
        return title_key(title) in self.sub

    def is_child_of(self, title: str, parent: str) -> bool:
        return title_key(title) in self.children.get(title_key(parent), ())

    def binding(self, label: str) -> str | None:
        return self.bindings.get(title_key(label))

    def series_pattern(self) -> str:
        return r"\s*".join(re.escape(part) for part in self.series.split())


# ---------------------------------------------------------------- field lines


def parse_field_line(line: str, section_title: str = "") -> Field | None:
    """``【label】：value`` as a Field, or None when the line is not a field line.

    The separator is kept as written (``：``, ``: ``, `` - 排名不分先后：``); a line with no
    separator (``【Free Talk】自由提问…``) is a field only when its label is the section's own
    title, otherwise it is ordinary text that happens to start with 【…】.
    """
    m = _FIELD.match(line.strip())
    if not m:
        return None
    label, rest = m.group(1).strip(), m.group(2)
    if not label:
        return None
    sep = _SEP.match(rest)
    if sep:
        return Field(label=label, value=rest[sep.end():].rstrip(), sep=sep.group(1))
    if section_title and title_key(label) == title_key(section_title):
        return Field(label=label, value=rest.rstrip(), sep="")
    return None


# ---------------------------------------------------------------- the title


@dataclass
class TitleInfo:
    number: str
    title: str  # the explicit title ('' when it is just "{series} {number}")


def parse_title(line: str, vocab: Vocabulary) -> TitleInfo | None:
    """The number in an issue's title line, or None if the line is not an issue title.

    ``OpenLLM Talk 004`` -> 004 (no explicit title); ``【OpenLLM Talk】番外02：…`` -> 番外02
    with the whole line as the title. A title that differs from ``{series} {number}`` in any
    way (even a typo such as ``tOpenLLM Talk 005``) is kept as written.
    """
    text = line.strip().lstrip("#").strip()
    m = re.search(vocab.series_pattern() + r"\s*[】\]]?\s*[:：]?\s*(番外\s*\d+|\d{1,4})(?!\d)",
                  text, re.IGNORECASE)
    if not m or len(text[: m.start()].strip()) > 3:
        return None
    number = squash(m.group(1))
    canonical = f"{vocab.series} {number}"
    title = "" if squash(text) == squash(canonical) else text
    return TitleInfo(number=number, title=title)


# ---------------------------------------------------------------- values

_CN_NUM = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9, "十": 10}
_PERIODS = "凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里|夜间|晚间"
_DATE = re.compile(r"^\s*(\d{4})(?:[-./年]?)(\d{1,2})(?:[-./月]?)(\d{1,2})日?")
_TIME = re.compile(rf"^\s*(?:({_PERIODS})\s*)?([零〇一二两三四五六七八九十]{{1,3}}|\d{{1,2}})\s*"
                   rf"(?:[点點时時]|[:：](?=\d))\s*(半|\d{{1,2}}\s*分?|[零一二三四五六七八九十]{{1,3}}分)?")


def cn_number(text: str) -> int | None:
    """一 … 二十九 (or digits) as an int."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_NUM for ch in text):
        return None
    if "十" not in text:
        return _CN_NUM[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    return (_CN_NUM.get(tens, 0) if tens else 1) * 10 + (_CN_NUM.get(ones, 0) if ones else 0)


def parse_datetime(value: str) -> tuple[str, str, str] | None:
    """``20230715 晚上九点（每周六…）`` -> ('2023-07-15', '21:00', '（每周六…）'); the third
    item is whatever follows the time (the note). None when no date leads the value."""
    m = _DATE.match(value)
    if not m:
        return None
    try:
        date = _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    rest = value[m.end():]
    t = _TIME.match(rest)
    if not t:
        return date.isoformat(), "", rest
    hour = cn_number(t.group(2))
    minute_text = (t.group(3) or "").strip().rstrip("分")
    minute = 30 if minute_text == "半" else (cn_number(minute_text) if minute_text else 0)
    if hour is None or minute is None or hour > 24 or minute > 59:
        return date.isoformat(), "", rest
    period = t.group(1) or ""
    if period in ("下午", "傍晚", "晚上", "夜里", "夜间", "晚间") and hour < 12:
        hour += 12
    elif period == "中午" and hour < 11:
        hour += 12
    elif period == "凌晨" and hour == 12:
        hour = 0
    hour %= 24
    return date.isoformat(), f"{hour:02d}:{minute:02d}", rest[t.end():]


def split_highlights(value: str) -> list[str]:
    """本期提要 split on ``；``/``;``, empty items (the trailing one) dropped."""
    return [item.strip() for item in re.split(r"[；;]", value) if item.strip()]


def split_note(value: str) -> tuple[str, str]:
    """``羡鱼、suc16（最好由主持人兼任）`` -> (``羡鱼、suc16``, ``（最好由主持人兼任）``); the note
    keeps the spaces before its parenthesis."""
    m = re.search(r"\s*[（(][^（()）]*[)）]\s*$", value)
    if not m:
        return value.strip(), ""
    return value[: m.start()].strip(), value[m.start():]


#: Words written where names go that are not people.
PLACEHOLDER_NAMES = {"多人", "XX", "xx", "无", "暂无", "待定", "群友", "若干"}
_NAME = re.compile(r"^[^\s（）()+:：；;【】<>\[\]]{1,24}$")


# ---------------------------------------------------------------- binding


@dataclass
class MetaReport:
    """What metadata was recognised, for the import summary."""

    #: What metadata was found, as keys in the order of :data:`METADATA_KEYS`.
    recognised: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    #: ``number_differs`` findings (the title's number wins).
    findings: list[Finding] = field(default_factory=list)
    header_lines_in_body: list[str] = field(default_factory=list)

    def add(self, name: str) -> None:
        if name not in self.recognised:
            self.recognised.append(name)
            self.recognised.sort(key=METADATA_KEYS.index)

    def person(self, *names: str) -> None:
        for n in names:
            if n and n not in self.people:
                self.people.append(n)


def _try_bind(issue: Issue, section: Section, f: Field, bind: str, value: str = "",
              note: str = "") -> bool:
    """Bind ``f`` with this fallback value and note if it then renders its line as before;
    otherwise leave it as it was (unbound, its text intact)."""
    original = f.value + f.note
    saved = (f.bind, f.value, f.note)
    f.bind, f.value, f.note = bind, value, note
    shown = (bound_value(issue, section, f) or f.value) + f.note
    if squash(shown) == squash(original):
        return True
    f.bind, f.value, f.note = saved
    return False


def recognise_metadata(issue: Issue, vocab: Vocabulary, title: TitleInfo | None) -> MetaReport:
    """Fill the issue's metadata from its title and header fields, binding the fields.

    Issue-level metadata comes from the first field carrying each label; 【贡献者】 is bound in
    every section. When the opening section has no such fields (issue 000 writes its header
    after a plain ``缘起：`` paragraph, so it stays body text) the metadata is read from those
    body lines, which are left where they are.
    """
    report = MetaReport()
    if title is not None:
        issue.number = title.number
        issue.title = title.title
        if title.number:
            report.add("number")
        if title.title:
            report.add("title")
    seen: set[str] = set()
    for section, _depth in issue.walk():
        for f in section.fields:
            bind = vocab.binding(f.label)
            if bind is None:
                continue
            if bind == "contributors":
                _bind_contributors(issue, section, f, report)
                continue
            if bind in seen:
                continue
            seen.add(bind)
            _bind_issue_field(issue, section, f, bind, report)
    if issue.sections:
        opening = [s for s, _d in issue.sections[0].walk()]
        for section in opening:
            for line in section.body.split("\n"):
                f = parse_field_line(line)
                bind = vocab.binding(f.label) if f else None
                if f is None or bind is None or bind in seen or bind == "contributors":
                    continue
                seen.add(bind)
                probe = Field(label=f.label, value=f.value, sep=f.sep)
                _bind_issue_field(issue, section, probe, bind, report)
                report.header_lines_in_body.append(line.strip())
    return report


def _bind_contributors(issue: Issue, section: Section, f: Field, report: MetaReport) -> None:
    """【贡献者】 is cleared for the next issue; plain ``a、b`` lists become the section's
    contributors, anything else (``羡鱼（编辑）+OpenLLM 群友``) stays the field's text."""
    f.keep = False
    f.bind = "contributors"
    names = split_names(f.value)
    if names and all(_NAME.match(n) for n in names) and "、".join(names) == f.value.strip():
        section.contributors = names
        f.value = ""
    report.person(*section.contributors)


def _bind_issue_field(issue: Issue, section: Section, f: Field, bind: str,
                      report: MetaReport) -> None:
    value = f.value + f.note
    if bind == "number":
        info = re.search(r"(番外\s*\d+|\d{1,4})(?!\d)", value)
        if info is None:
            return
        number = squash(info.group(1))
        if not issue.number:
            issue.number = number
        elif issue.number != number:
            report.findings.append(Finding("number_differs", {
                "label": f.label, "written": number, "number": issue.number}))
        report.add("number")
        if squash(value[: info.start()]).lower() == squash(issue.series).lower():
            _try_bind(issue, section, f, "number", "", value[info.end():])
    elif bind == "datetime":
        parsed = parse_datetime(value)
        if parsed is None:
            return
        issue.date, issue.time, note = parsed
        report.add("datetime")
        _try_bind(issue, section, f, "datetime", "", note)
    elif bind == "highlights":
        issue.highlights = split_highlights(value)
        if issue.highlights:
            report.add("highlights")
        _try_bind(issue, section, f, "highlights")
    elif bind in ("host", "editors"):
        names_text, note = split_note(value)
        names = split_names(names_text)
        setattr(issue, bind, names)
        if names:
            report.add(bind)
            report.person(*[n for n in names if n not in PLACEHOLDER_NAMES])
        _try_bind(issue, section, f, bind, "", note)
    elif bind == "owners":
        names_text, note = split_note(value)
        report.person(*[n for n in split_names(names_text)
                        if _NAME.match(n) and n not in PLACEHOLDER_NAMES])
        _try_bind(issue, section, f, "owners", names_text, note)
    elif bind == "video":
        url = _URL.search(value)
        if url:
            issue.video = url.group(0)
            report.add("video")
        if not _try_bind(issue, section, f, "video"):
            _try_bind(issue, section, f, "video", value)
