"""Inline signatures: who asked, answered or shared a line, written after it in the text.

The issues sign with no fixed separator. ``find_signatures`` recognises a marker and a name
at the end of a line (the name optionally followed by ``？ ? ！ ! 。 . ~ …``, a closing ``**``
and spaces), or just before a ``；``/``;`` that goes on with the line. Styles (``style``):

- ``dash``: ``…之处？—羨鱼``, ``—— 羡鱼``; marker ``—`` or ``——`` (``―`` too), one space
  allowed after it.
- ``double-hyphen``: ``fastchat 的实现-avg：--群友``, ``…问题？--符尧``; one space allowed.
- ``hyphen``: ``哪家好？ -qingwang``, ``-Dark Flame Master`` on a line of its own,
  ``…比较相关-煮鱼；ChatGPT…``; a single ``-`` with no space after it.
- ``from``: ``…；-from 羡鱼`` (any marker, then ``from`` and spaces).
- ``via``: ``--来自何枝大佬的分享`` (any marker, then ``来自X(大佬|老师|同学…)的分享``;
  the name is ``X``, 何枝).
- ``by``: ``(by 羡鱼)``, ``（by 羡鱼）``.
- ``split``: a marker left at the end of a line and the name alone on the next non-blank one
  (the PDF copies break lines there): ``… packed。 -`` / ``qingwang``;
  ``… memory nets; -`` / ``-记不清出处了``.

A name is one to four words (a run of CJK characters, or a Latin word such as ``suc16``;
full-width letters count as Latin), at most 24 characters of which at most 8 CJK; not a known
annotation (``NOT_NAMES``: ``optional``, ``强烈推荐``, ``知乎``, ``已确认`` …), not a template
placeholder (``XX``), and containing none of ``的 我们 你们 或许 但是 如果 因为 所以`` (those
make it a phrase: Zhihu authors ``羡鱼智能的文章``, the 【缘起】 slogan ``——我们或许不够 AI``).

What is *not* a signature, by construction:

- A single ``-`` right after a Latin letter or a digit: ``GPT-4``, ``MOSS-RLHF``, ``LLaMA-2``,
  ``p-tuning``, ``2023-07-15``, ``1-2 人``, ``2k-3k``, ``40-50 行``, ``chatgpt-16k``.
- A single ``-`` right after a CJK character, unless 2–4 CJK characters follow and end the
  line or the clause (``相关-煮鱼；``): so not ``本周经典-optional``, ``羡鱼智能-OpenLLM 技术``,
  ``初七-stackexchange的数据``, ``位置编码-万字长文…``, ``时间关系-本期就先到这儿，``.
- A ``-`` followed by a space: Markdown list items and Zhihu share titles
  (``… - 羡鱼智能的文章 - 知乎``, ``- 知乎``, ``混合专家模型 - 已确认``).
- ``---`` and longer runs (rules, tables), ``-》``/``--》``/``->`` arrows.
- A dash inside a sentence, where the would-be name does not end the line or the clause:
  ``——**我们或许不够 AI…**``, ``组件——扩张注意力(dilated attention)``, ``**DPO——RLHF** **的…``.
- Digits: ``Representations--2023``, ``19:00-20:00``.
- Anything in fenced code, command lines (``$ …``, ``pip …``, ``python …``), inline code,
  HTML comments and URLs (``<https://…>``, bare ``https://…``, link targets ``](…)``): so
  ``from-<https://hub.baai.ac.cn/view/27697>`` is a source, not a person, and is not reported.

Offsets are indices into the text given; ``line`` is the 1-based line of the name.
``sign_line`` writes or replaces the signature that ends a line; ``rename_in_text`` changes
signature names and nothing else.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .. import errors
from ..errors import IssueFormatError
from .names import clean_name, is_placeholder, name_key

STYLE_DASH = "dash"
STYLE_DOUBLE_HYPHEN = "double-hyphen"
STYLE_HYPHEN = "hyphen"
STYLE_FROM = "from"
STYLE_VIA = "via"
STYLE_BY = "by"
STYLE_SPLIT = "split"
STYLES = (STYLE_DASH, STYLE_DOUBLE_HYPHEN, STYLE_HYPHEN, STYLE_FROM, STYLE_VIA, STYLE_BY,
          STYLE_SPLIT)

#: Words that follow a dash without being anyone's name.
NOT_NAMES = frozenset({
    "optional", "强烈推荐", "推荐", "强推", "必读", "必看", "已确认", "待确认", "待补充", "补充",
    "持续更新", "更新", "未完待续", "待续", "知乎", "完", "略", "同上", "end", "fin", "todo", "tbd",
})
_NOT_NAME_SUFFIXES = ("推荐", "必读", "必看")
_PHRASE_PARTS = ("的", "我们", "你们", "或许", "但是", "如果", "因为", "所以")

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"
_LAT0 = "A-Za-z\uff21-\uff3a\uff41-\uff5a"
_LAT = _LAT0 + "0-9\uff10-\uff19_"
_TOKEN = rf"(?:[{_CJK}]+|[{_LAT0}][{_LAT}]*(?:\.[{_LAT}]+)*)"
_NAME = rf"{_TOKEN}(?:[ ·]?{_TOKEN}){{0,3}}"
_NAME_RE = re.compile(_NAME)
_GLUED_NAME_RE = re.compile(rf"[{_CJK}]{{2,4}}")
_CJK_CHAR_RE = re.compile(rf"[{_CJK}]")

_MARKER_RE = re.compile(r"(?<![-—―])(?:[—―]{1,2}|-{1,2})(?![-—―])")
_FROM_RE = re.compile(r"from[ \t]+", re.I)
_VIA_RE = re.compile(
    rf"来自[ ]?(?P<name>[{_CJK}]{{1,8}}?|[{_LAT0}][{_LAT}]*(?: [{_LAT0}][{_LAT}]*){{0,2}}?)"
    r"[ ]?(?:大佬|老师|同学|老哥|大神|兄)?的(?:分享|回答|文章|观点|讨论|总结|整理)")
_BY_RE = re.compile(rf"[(（][ \t]*by[ \t]+(?P<name>{_NAME})[ \t]*[)）]", re.I)
_LINE_END_RE = re.compile(r"(?P<punct>[？?！!。.~～…]*)(?:\*\*)?[ \t\r]*$")
_CLAUSE_END_RE = re.compile(r"[；;]")
_AT_END_RE = re.compile(r"(?:\*\*)?[ \t\r]*$")
_DANGLING_RE = re.compile(r"(?:^|(?<=[\s，。；;：:？?！!、）)]))(?:-{1,2}|[—―]{1,2})[ \t\r]*$")
_ZHIHU_TAIL_RE = re.compile(r"(?:的文章|的回答|的想法|知乎)\s*$")
_FENCE_RE = re.compile(r"^\s*(?:```|~~~)")
_COMMAND_RE = re.compile(r"^\s*(?:\$ |(?:pip3?|python3?|git|conda|npm|bash|sh|torchrun|deepspeed|"
                         r"accelerate|docker|huggingface-cli|cd|export|make|curl|wget) )")
_MASK_RE = re.compile("|".join([
    r"<!--.*?-->",
    r"`[^`]*`",
    r"\]\([^)\s]*\)",
    r"<[A-Za-z][A-Za-z0-9+.-]*:[^>\s]*>",
    rf"(?:https?|ftp)://[^\s<>\"'（）【】《》「」，。；！？、{_CJK}]+",
    rf"\bwww\.[^\s<>\"'（）【】《》「」，。；！？、{_CJK}]+",
]), re.I)
_MASK = "\x00"


@dataclass(frozen=True)
class Signature:
    """One signature: ``text[start:end]`` is all of it, ``text[name_start:name_end]`` the name.

    ``marker`` is ``text[start:name_start]`` (``—``, ``--``, ``-from ``, ``--来自``, ``-\\n\\n``…).
    ``end`` includes trailing ``？``/``。`` (``--永乐？``) but not a closing ``**`` or spaces.
    """

    name: str
    start: int
    end: int
    name_start: int
    name_end: int
    style: str
    marker: str
    line: int


def is_signature_name(name: str) -> bool:
    """Whether ``name`` reads as a signature's name (see the module docstring)."""
    if not name or name != name.strip() or not _NAME_RE.fullmatch(name):
        return False
    if len(name) > 24 or len(_CJK_CHAR_RE.findall(name)) > 8 or len(name.split()) > 4:
        return False
    key = name_key(name)
    if key in NOT_NAMES or key.endswith(_NOT_NAME_SUFFIXES) or is_placeholder(name):
        return False
    return not any(part in name for part in _PHRASE_PARTS)


def _is_cjk(ch: str) -> bool:
    return bool(_CJK_CHAR_RE.match(ch))


def _is_open(ch: str) -> bool:
    """Whether a single ``-`` after ``ch`` may start a signature: line start, space, punctuation
    or the end of a URL or code span."""
    return ch in ("", _MASK) or ch.isspace() or unicodedata.category(ch).startswith("P")


def _masked_lines(lines: list[str]) -> list[str]:
    """Each line with code, comments and URLs replaced by NULs (offsets unchanged)."""
    out = []
    fenced = False
    for line in lines:
        if _FENCE_RE.match(line):
            fenced = not fenced
            out.append(_MASK * len(line))
        elif fenced or _COMMAND_RE.match(line):
            out.append(_MASK * len(line))
        else:
            out.append(_MASK_RE.sub(lambda m: _MASK * len(m.group()), line))
    return out


@dataclass(frozen=True)
class _Hit:
    start: int
    name_start: int
    name_end: int
    end: int
    style: str


def _ending(line: str, pos: int) -> int | None:
    """Where a signature whose name ends at ``pos`` ends, or None if the line goes on."""
    m = _LINE_END_RE.match(line, pos)
    if m:
        return pos + len(m.group("punct"))
    if _CLAUSE_END_RE.match(line, pos):
        return pos
    return None


def _hit_at(line: str, marker: re.Match) -> _Hit | None:
    text = marker.group()
    start = marker.start()
    prev = line[start - 1] if start else ""
    pos = marker.end()
    glued = False
    if text[0] in "—―":
        style = STYLE_DASH
    elif text == "--":
        style = STYLE_DOUBLE_HYPHEN
    else:
        style = STYLE_HYPHEN
        if _is_cjk(prev):
            glued = True
        elif not _is_open(prev):
            return None
    if style != STYLE_HYPHEN and line.startswith(" ", pos):
        pos += 1
    from_match = _FROM_RE.match(line, pos)
    if from_match:
        style, glued, pos = STYLE_FROM, False, from_match.end()
    via = _VIA_RE.match(line, pos)
    if via:
        if style != STYLE_FROM:
            style = STYLE_VIA
        name_start, name_end, tail = via.start("name"), via.end("name"), via.end()
    else:
        name = (_GLUED_NAME_RE if glued else _NAME_RE).match(line, pos)
        if not name:
            return None
        name_start, name_end = name.span()
        tail = name_end
    end = _ending(line, tail)
    if end is None or not is_signature_name(line[name_start:name_end]):
        return None
    return _Hit(start, name_start, name_end, end, style)


def _line_hits(line: str) -> list[_Hit]:
    hits = []
    for m in _BY_RE.finditer(line):
        end = _ending(line, m.end())
        if end is not None and is_signature_name(m.group("name")):
            hits.append(_Hit(m.start(), m.start("name"), m.end("name"), end, STYLE_BY))
    taken = [(h.start, h.end) for h in hits]
    for m in _MARKER_RE.finditer(line):
        if any(a <= m.start() < b for a, b in taken):
            continue
        hit = _hit_at(line, m)
        if hit is not None:
            hits.append(hit)
            taken.append((hit.start, hit.end))
    return sorted(hits, key=lambda h: h.start)


def _dangling_start(line: str) -> int | None:
    """Where a marker left alone at the end of a line starts (``… packed。 -``)."""
    m = _DANGLING_RE.search(line)
    if not m or not line[:m.start()].strip() or _ZHIHU_TAIL_RE.search(line[:m.start()]):
        return None
    return m.start()


def find_signatures(text: str) -> list[Signature]:
    """Every signature in ``text``, in order (rules in the module docstring)."""
    lines = text.split("\n")
    masked = _masked_lines(lines)
    starts = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    per_line = [_line_hits(m) if m.strip(_MASK + " \t\r") else [] for m in masked]
    sigs: dict[int, Signature] = {}
    for i, hits in enumerate(per_line):
        for h in hits:
            sigs[starts[i] + h.start] = _signature(text, starts[i], h, i)
    for i, line in enumerate(masked):
        dangling = _dangling_start(line)
        if dangling is None:
            continue
        split = _split_signature(text, masked, starts, per_line, i, starts[i] + dangling)
        if split is not None:
            sigs.pop(split[0], None)
            sigs[split[1].start] = split[1]
    return [sigs[k] for k in sorted(sigs)]


def _signature(text: str, base: int, h: _Hit, index: int) -> Signature:
    return Signature(name=text[base + h.name_start:base + h.name_end], start=base + h.start,
                     end=base + h.end, name_start=base + h.name_start,
                     name_end=base + h.name_end, style=h.style,
                     marker=text[base + h.start:base + h.name_start], line=index + 1)


def _split_signature(text, masked, starts, per_line, i, start) -> tuple[int, Signature] | None:
    """The signature begun by a dangling marker on line ``i``: (replaced start, signature)."""
    j = i + 1
    while j < len(masked) and j <= i + 3 and not masked[j].strip():
        j += 1
    if j >= len(masked) or j > i + 3:
        return None
    line = masked[j]
    first = len(line) - len(line.lstrip())
    own = next((h for h in per_line[j] if h.start == first), None)
    if own is not None:
        h = own
    else:
        name = _NAME_RE.match(line, first)
        if not name:
            return None
        end = _LINE_END_RE.match(line, name.end())
        if not end or not is_signature_name(name.group()):
            return None
        h = _Hit(first, name.start(), name.end(), name.end() + len(end.group("punct")), "")
    base = starts[j]
    sig = Signature(name=text[base + h.name_start:base + h.name_end], start=start,
                    end=base + h.end, name_start=base + h.name_start,
                    name_end=base + h.name_end, style=STYLE_SPLIT,
                    marker=text[start:base + h.name_start], line=j + 1)
    return base + h.start, sig


def signature_at_end(line: str) -> Signature | None:
    """The signature that ends ``line`` (a single line), if any."""
    for sig in reversed(find_signatures(line)):
        if _AT_END_RE.fullmatch(line, sig.end):
            return sig
    return None


def sign_line(line: str, name: str, style: str = "—") -> str:
    """``line`` signed by ``name``: an existing signature at its end is replaced, not doubled.

    ``style`` is the marker written before the name: ``—`` (default), ``——``, ``—— ``, ``--``,
    ``-``, ``-from `` … Before a single ``-`` a space is put when the line ends in a letter,
    digit or CJK character, so that the result reads back as a signature (``GPT-4`` does not);
    dashes left at the end of the line (``… packed。 -``) are replaced by the marker.
    Signing twice with the same name and style gives the same line. Raises ValueError for a
    multi-line ``line``, and IssueFormatError (a ValueError) for a name or style that would not
    read back as this signature.
    """
    if "\n" in line or "\n" in style:
        raise ValueError("sign_line signs a single line")
    name = clean_name(name)
    if not is_signature_name(name):
        raise IssueFormatError(f"{name!r} would not read back as a signature's name",
                               code=errors.NOT_A_SIGNATURE_NAME, data={"name": name})
    existing = signature_at_end(line)
    if existing is not None:
        base, tail = line[:existing.start], line[existing.end:]
    else:
        base, tail = line.rstrip(), ""
        dangling = _dangling_start(base)
        if dangling is not None:
            base = base[:dangling]
        base = base.rstrip().rstrip("-—―").rstrip()
    marker = style.lstrip() if not base.strip() else style
    if base[-1:].isspace():
        marker = marker.lstrip()
    if marker[:1] == "-" and marker[1:2] != "-" and base and not _is_open(base[-1]):
        marker = " " + marker
    signed = base + marker + name + tail
    check = signature_at_end(signed)
    if check is None or check.name != name:
        raise IssueFormatError(f"the style {style!r} does not make a signature here",
                               code=errors.NOT_A_SIGNATURE_STYLE, data={"style": style})
    return signed


def rename_in_text(text: str, old: str, new: str) -> tuple[str, int]:
    """``text`` with the name of every signature signed ``old`` (by ``name_key``) made ``new``.

    Only signature names change, never other occurrences of the same string. A signature glued
    to a CJK character with a single ``-`` (``相关-煮鱼；``) gets a space before the ``-`` when the
    new name is not 2–4 CJK characters, so that it still reads as a signature.
    Returns the new text and the number of names changed.
    """
    key = name_key(old)
    count = 0
    out = text
    for sig in reversed(find_signatures(text)):
        if name_key(sig.name) != key or sig.name == new:
            continue
        glued = (sig.style == STYLE_HYPHEN and sig.start > 0 and _is_cjk(text[sig.start - 1])
                 and not _GLUED_NAME_RE.fullmatch(new))
        head = out[:sig.start] + (" " if glued else "") + out[sig.start:sig.name_start]
        out = head + new + out[sig.name_end:]
        count += 1
    return out, count
