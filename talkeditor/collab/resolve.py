"""Settling a recorded merge conflict: Take Mine, Take Theirs or Keep Both (no Qt).

The conflicts and what the issue holds while they are open are described in
:mod:`talkeditor.collab.merge` and docs/format.md.
"""

from __future__ import annotations

from typing import Any

from ..model import Conflict, Issue
from .blocks import replace_block
from .merge import ISSUE_SCALARS, SECTION_SCALARS

MINE, THEIRS, BOTH = "mine", "theirs", "both"


def _parse_scalar(attr: str, text: str) -> Any:
    if attr == "minutes":
        return int(text) if text.strip().lstrip("-").isdigit() else None
    if attr == "optional":
        return text == "true"
    return text


def resolve(issue: Issue, section_id: str, index: int, choice: str) -> None:
    """Settle conflict ``index`` of the section (``''``: of the issue) in place.

    ``choice`` is :data:`MINE`, :data:`THEIRS` or :data:`BOTH` (both blocks of a body, both
    texts of a title or field joined with " / "; for a yes/no or a number, Keep Both keeps
    mine). Raises KeyError for an unknown section, IndexError for an unknown conflict,
    ValueError for an unknown choice.
    """
    if choice not in (MINE, THEIRS, BOTH):
        raise ValueError(f"unknown choice {choice!r}")
    if not section_id:
        conflict = issue.conflicts.pop(index)
        if choice != MINE and conflict.part in ISSUE_SCALARS:
            value = conflict.theirs if choice == THEIRS else _both(conflict)
            setattr(issue, conflict.part, value)
        return
    section = issue.find(section_id)
    if section is None:
        raise KeyError(section_id)
    conflict = section.conflicts.pop(index)
    part = conflict.part
    if part == "body":
        kept = conflict.ours or conflict.theirs
        wanted = {MINE: [conflict.ours], THEIRS: [conflict.theirs],
                  BOTH: [conflict.ours, conflict.theirs]}[choice]
        section.body = replace_block(section.body, kept, wanted)
    elif part == "section":
        chosen = conflict.ours if choice == MINE else conflict.theirs
        if choice != BOTH and chosen == "":
            issue.siblings_of(section_id).remove(section)
    elif part in SECTION_SCALARS:
        if choice == THEIRS or (choice == BOTH and part == "title"):
            value = conflict.theirs if choice == THEIRS else _both(conflict)
            setattr(section, part, _parse_scalar(part, value))
    elif part.startswith("field:") and choice != MINE:
        label, _, attr = part[len("field:"):].partition(":")
        target = section.field_named(label)
        attr = attr or "value"
        if target is not None and attr in ("value", "note", "sep"):
            setattr(target, attr, conflict.theirs if choice == THEIRS else _both(conflict))
        elif target is not None and attr == "keep" and choice == THEIRS:
            target.keep = conflict.theirs == "true"
        elif target is not None and attr == "bind" and choice == THEIRS:
            target.bind = conflict.theirs or None


def _both(conflict: Conflict) -> str:
    return " / ".join(x for x in (conflict.ours, conflict.theirs) if x)
