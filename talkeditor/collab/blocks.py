"""Three-way merges of the small pieces of an issue: one value, an ordered set (highlights,
editors, owners, the order of sections and fields) and a body as a sequence of blocks
(paragraphs separated by blank lines, each list item, each fenced code block). No Qt.

Used by :mod:`talkeditor.collab.merge`; the rules are in its docstring.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Conflict


def pick(base: Any, ours: Any, theirs: Any) -> tuple[Any, bool]:
    """Three-way merge of one value: (result, conflicted). On conflict the result is ours."""
    if ours == theirs or theirs == base:
        return ours, False
    if ours == base:
        return theirs, False
    return ours, True


def merge_ordered(base: Sequence[Hashable], ours: Sequence[Hashable],
                  theirs: Sequence[Hashable], keep: set | None = None) -> list:
    """Three-way merge of ordered sets (no repeats in the result).

    An item is kept when both sides have it or one side added it (absent from ``base``);
    ``keep`` overrides that choice. The order is the side that reordered (ours if both did);
    the other side's additions go after their predecessor there, after ours at the same place.
    """
    if keep is None:
        if ours == theirs or theirs == base:
            return list(dict.fromkeys(ours))
        if ours == base:
            return list(dict.fromkeys(theirs))
    b, o, t = set(base), set(ours), set(theirs)
    if keep is None:
        keep = {x for x in o | t if (x in o and x in t) or x not in b}
    common = set(base) & o & t
    base_order = [x for x in dict.fromkeys(base) if x in common]
    ours_order = [x for x in dict.fromkeys(ours) if x in common]
    ours_primary = not (ours_order == base_order
                        and [x for x in dict.fromkeys(theirs) if x in common] != base_order)
    primary, secondary = (ours, theirs) if ours_primary else (theirs, ours)
    result: list = []
    placed: set = set()
    for x in primary:
        if x in keep and x not in placed:
            result.append(x)
            placed.add(x)
    previous = None
    for x in secondary:
        if x in placed:
            previous = x
            continue
        if x not in keep:
            continue
        at = 0 if previous is None else result.index(previous) + 1
        if ours_primary:  # ours first at the same place: skip past ours' own additions
            while at < len(result) and result[at] not in b and result[at] in o \
                    and result[at] not in t:
                at += 1
        result.insert(at, x)
        placed.add(x)
        previous = x
    return result


# ---------------------------------------------------------------- bodies as blocks

_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_FENCE = re.compile(r"\s{0,3}(```|~~~)")
_ITEM_STARTS = frozenset("-*+0123456789")


@dataclass
class _Block:
    text: str
    sep: str | None = None  # what followed it in its source (None: it was last)
    next_text: str | None = None  # the block that followed it there


@dataclass
class _Body:
    blocks: list[_Block]
    leading: str
    trailing: str


def split_blocks(text: str) -> list[str]:
    """The blocks of a body in order: paragraphs, list items and fenced code blocks."""
    return [b.text for b in _split(text).blocks]


def _split(text: str) -> _Body:
    spans: list[list[int]] = []  # [start, end) character offsets of each block
    fence: str | None = None
    ended = True
    pos = 0
    for line in text.split("\n"):
        line_end = pos + len(line)
        if fence is not None:
            spans[-1][1] = line_end
            if line.strip().startswith(fence):
                fence = None
        elif line.strip():
            opens = _FENCE.match(line) if ("```" in line or "~~~" in line) else None
            if ended or opens or (line[0] in _ITEM_STARTS and _LIST_ITEM.match(line)):
                spans.append([pos, line_end])
            else:
                spans[-1][1] = line_end
            ended = False
            if opens:
                fence = opens.group(1)
                ended = True  # the text after a fenced block starts a new block
        else:
            ended = True
        pos = line_end + 1
    if not spans:
        return _Body([], text, "")
    blocks = []
    for k, (first, last) in enumerate(spans):
        if k + 1 < len(spans):
            nxt = spans[k + 1]
            blocks.append(_Block(text[first:last], text[last:nxt[0]], text[nxt[0]:nxt[1]]))
        else:
            blocks.append(_Block(text[first:last]))
    return _Body(blocks, text[:spans[0][0]], text[spans[-1][1]:])


def _join(blocks: list[_Block], leading: str, trailing: str) -> str:
    parts = [leading]
    for k, block in enumerate(blocks):
        parts.append(block.text)
        if k + 1 < len(blocks):
            nxt = blocks[k + 1].text
            if block.sep is not None and block.next_text == nxt:
                parts.append(block.sep)
            elif _LIST_ITEM.match(block.text) and _LIST_ITEM.match(nxt):
                parts.append("\n")
            else:
                parts.append("\n\n")
    if blocks:
        parts.append(trailing)
    return "".join(parts)


_KEPT, _DELETED = "kept", "deleted"


def _align(base: list[str], side: list[_Block]):
    """What a side did to each base block (kept / deleted / the edited block) and what it
    inserted before each base block (index len(base): at the end)."""
    status: list[Any] = [_DELETED] * len(base)
    gaps: list[list[_Block]] = [[] for _ in range(len(base) + 1)]
    texts = [b.text for b in side]
    matcher = difflib.SequenceMatcher(None, base, texts, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                status[i1 + k] = (_KEPT, side[j1 + k])
        elif op == "insert":
            gaps[i1].extend(side[j1:j2])
        elif op == "replace":
            j = j1
            for i in range(i1, i2):
                best, best_ratio = None, 0.3
                for k in range(j, j2):
                    ratio = difflib.SequenceMatcher(None, base[i], texts[k],
                                                    autojunk=False).ratio()
                    if ratio > best_ratio:
                        best, best_ratio = k, ratio
                if best is None:
                    continue
                gaps[i].extend(side[j:best])
                status[i] = side[best]
                j = best + 1
            gaps[i2].extend(side[j:j2])
    return status, gaps


def merge_bodies(base: str, ours: str, theirs: str) -> tuple[str, list[Conflict]]:
    """Three-way merge of two edits of one body; see the module docstring."""
    if ours == theirs or theirs == base:
        return ours, []
    if ours == base:
        return theirs, []
    b, o, t = _split(base), _split(ours), _split(theirs)
    base_texts = [x.text for x in b.blocks]
    o_status, o_gaps = _align(base_texts, o.blocks)
    t_status, t_gaps = _align(base_texts, t.blocks)
    out: list[_Block] = []
    conflicts: list[Conflict] = []
    for i in range(len(base_texts) + 1):
        mine = o_gaps[i]
        out.extend(mine)
        mine_texts = {x.text for x in mine}
        out.extend(x for x in t_gaps[i] if x.text not in mine_texts)
        if i == len(base_texts):
            break
        so, st = o_status[i], t_status[i]
        o_kept = isinstance(so, tuple)
        t_kept = isinstance(st, tuple)
        if o_kept and t_kept:
            out.append(so[1])
        elif o_kept and st == _DELETED or so == _DELETED and t_kept:
            continue
        elif so == _DELETED and st == _DELETED:
            continue
        elif o_kept:  # theirs edited
            out.append(st)
        elif t_kept:  # ours edited
            out.append(so)
        elif so == _DELETED:  # deleted by us, edited by them: keep their edit
            out.append(st)
            conflicts.append(Conflict("body", "", st.text))
        elif st == _DELETED:
            out.append(so)
            conflicts.append(Conflict("body", so.text, ""))
        elif so.text == st.text:
            out.append(so)
        else:
            out.append(so)
            conflicts.append(Conflict("body", so.text, st.text))
    leading, _ = pick(b.leading, o.leading, t.leading)
    trailing, _ = pick(b.trailing, o.trailing, t.trailing)
    return _join(out, leading, trailing), conflicts



def replace_block(body: str, kept: str, replacement: list[str]) -> str:
    """``body`` with its first block equal to ``kept`` replaced by the ``replacement`` blocks
    (empty ones dropped); unchanged when no block equals ``kept``."""
    parsed = _split(body)
    for k, block in enumerate(parsed.blocks):
        if block.text == kept:
            new = [_Block(text) for text in replacement if text]
            blocks = parsed.blocks[:k] + new + parsed.blocks[k + 1:]
            return _join(blocks, parsed.leading, parsed.trailing)
    return body
