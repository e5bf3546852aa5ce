"""Structural three-way merge of two edits of one issue (no Qt, no git).

``merge_issues(base, ours, theirs)`` merges by the issue's structure, never by lines of YAML
(git's line merge or ``merge=union`` would write one YAML key twice or break a ``|`` block):

- sections are matched by their stable ``id``: renames, moves (to another place or another
  parent), additions and deletions on either side merge; a section deleted on one side and
  edited on the other is kept with a ``section`` conflict;
- a section's fields are matched by label (attribute by attribute), the issue's metadata key
  by key, unknown keys key by key;
- lists (highlights, host, editors, owners, contributors, the order of sections and fields)
  merge as ordered sets: what either side added is kept, what one side removed and the other
  did not re-add goes, and a reorder on one side is kept;
- a body merges as a sequence of blocks (paragraphs separated by blank lines, each list item,
  each fenced code block): blocks both sides insert at the same place are both kept (ours
  first), a block edited on one side takes the edit, and only a block changed differently on
  both sides (or edited on one side and deleted on the other) is a conflict.

A conflict never writes markers into the text: the issue keeps our version (or theirs when we
deleted it), so it stays complete and loads, and records a :class:`~talkeditor.model.Conflict`
(``part``, ``ours``, ``theirs``) in the section (or in the issue, for metadata); the format is
documented in docs/format.md. :func:`talkeditor.collab.resolve.resolve` applies Take Mine /
Take Theirs / Keep Both; the small merges (values, ordered sets, bodies) are in blocks.py.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..model import Conflict, Field, Issue, Section
from .blocks import merge_bodies, merge_ordered, pick

ISSUE_SCALARS = ("series", "number", "title", "date", "time", "timezone", "video", "zhihu",
                 "template")
ISSUE_LISTS = ("highlights", "host", "editors")
SECTION_SCALARS = ("title", "optional", "minutes", "body_kind")
FIELD_ATTRS = ("value", "sep", "bind", "note", "keep")


@dataclass
class MergeResult:
    """The merged issue and the conflicts this merge recorded in it (older ones not counted)."""

    issue: Issue
    conflicts: list[tuple[str, Conflict]]  # (section id, '' for the issue's metadata; conflict)

    @property
    def clean(self) -> bool:
        return not self.conflicts

# ---------------------------------------------------------------- fields and sections


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _field_keys(fields: Iterable[Field]) -> dict[tuple[str, int], Field]:
    out: dict[tuple[str, int], Field] = {}
    seen: dict[str, int] = {}
    for f in fields:
        n = seen.get(f.label, 0)
        seen[f.label] = n + 1
        out[(f.label, n)] = f
    return out


def _merge_extra(base: dict, ours: dict, theirs: dict, prefix: str,
                 conflicts: list[Conflict]) -> dict:
    out: dict = {}
    missing = object()
    for key in list(dict.fromkeys([*ours, *theirs])):
        value, clash = pick(base.get(key, missing), ours.get(key, missing),
                             theirs.get(key, missing))
        if clash:
            conflicts.append(Conflict(f"{prefix}{key}", _as_text(ours.get(key, "")),
                                      _as_text(theirs.get(key, ""))))
        if value is not missing:
            out[key] = copy.deepcopy(value)
    return out


def _merge_fields(base: list[Field], ours: list[Field], theirs: list[Field],
                  conflicts: list[Conflict]) -> list[Field]:
    if ours == theirs or theirs == base:
        return [_copy_field(f) for f in ours]
    if ours == base:
        return [_copy_field(f) for f in theirs]
    b, o, t = _field_keys(base), _field_keys(ours), _field_keys(theirs)
    keep = set()
    for key in set(o) | set(t):
        if key in o and key in t:
            keep.add(key)
        elif key not in b:
            keep.add(key)
        else:  # deleted on one side: gone unless the other side edited it
            survivor = o.get(key) or t.get(key)
            if survivor != b[key]:
                keep.add(key)
    order = merge_ordered(list(b), list(o), list(t), keep)
    out = []
    for key in order:
        fo, ft, fb = o.get(key), t.get(key), b.get(key)
        if fo is None or ft is None:
            out.append(_copy_field(fo or ft))
            continue
        fb = fb or Field(label=key[0])
        merged = Field(label=key[0])
        for attr in FIELD_ATTRS:
            value, clash = pick(getattr(fb, attr), getattr(fo, attr), getattr(ft, attr))
            setattr(merged, attr, value)
            if clash:
                part = f"field:{key[0]}" if attr == "value" else f"field:{key[0]}:{attr}"
                conflicts.append(Conflict(part, _as_text(getattr(fo, attr)),
                                          _as_text(getattr(ft, attr))))
        merged.extra = _merge_extra(fb.extra, fo.extra, ft.extra, f"field:{key[0]}:",
                                    conflicts)
        out.append(merged)
    return out


def _own(section: Section) -> tuple:
    """What "edited" compares: the section without its children and conflicts."""
    s = section
    return (s.title, s.optional, s.minutes, s.owners, s.contributors, s.fields, s.body,
            s.body_kind, s.extra)


def _copy_field(f: Field) -> Field:
    return dataclasses.replace(f, extra=copy.deepcopy(f.extra) if f.extra else {})


def _copy_own(s: Section) -> Section:
    """A copy of the section without children or conflicts (strings are shared: immutable)."""
    return Section(title=s.title, id=s.id, optional=s.optional, minutes=s.minutes,
                   owners=list(s.owners), contributors=list(s.contributors),
                   fields=[_copy_field(f) for f in s.fields], body=s.body,
                   body_kind=s.body_kind, extra=copy.deepcopy(s.extra) if s.extra else {})


def _conflict_union(*lists: list[Conflict]) -> list[Conflict]:
    out: list[Conflict] = []
    for items in lists:
        for c in items:
            if c not in out:
                out.append(dataclasses.replace(c))
    return out


def _merge_section(base: Section | None, ours: Section, theirs: Section) -> Section:
    """One section's own content (not its children); conflicts added to its list."""
    if base is None:
        base = Section(title="", id=ours.id)
    own_o, own_t = _own(ours), _own(theirs)
    if own_o == own_t or own_t == _own(base):
        merged = _copy_own(ours)
    elif own_o == _own(base):
        merged = _copy_own(theirs)
    else:
        new: list[Conflict] = []
        merged = Section(title=ours.title, id=ours.id)
        for attr in SECTION_SCALARS:
            value, clash = pick(getattr(base, attr), getattr(ours, attr),
                                 getattr(theirs, attr))
            setattr(merged, attr, value)
            if clash:
                new.append(Conflict(attr, _as_text(getattr(ours, attr)),
                                    _as_text(getattr(theirs, attr))))
        merged.owners = merge_ordered(base.owners, ours.owners, theirs.owners)
        merged.contributors = merge_ordered(base.contributors, ours.contributors,
                                            theirs.contributors)
        merged.fields = _merge_fields(base.fields, ours.fields, theirs.fields, new)
        merged.body, body_conflicts = merge_bodies(base.body, ours.body, theirs.body)
        new.extend(body_conflicts)
        merged.extra = _merge_extra(base.extra, ours.extra, theirs.extra, "extra:", new)
        merged.conflicts = new
    return _with_old_conflicts(merged, base, ours, theirs)


def _with_old_conflicts(merged: Section, base: Section, ours: Section,
                        theirs: Section) -> Section:
    """Conflicts already recorded: one side resolving one (removing it) resolves it."""
    old = [c for c in _conflict_union(ours.conflicts, theirs.conflicts)
           if not (c in base.conflicts and (c not in ours.conflicts
                                            or c not in theirs.conflicts))]
    merged.conflicts = _conflict_union(old, merged.conflicts)
    return merged


def _index(issue: Issue) -> tuple[dict[str, Section], dict[str, str], dict[str, list[str]]]:
    """Every section by id, the parent id of each ('' at the top), the child ids of each."""
    sections: dict[str, Section] = {}
    parents: dict[str, str] = {}
    children: dict[str, list[str]] = {"": [s.id for s in issue.sections]}
    for section, _depth in issue.walk():
        sections[section.id] = section
        children[section.id] = [c.id for c in section.children]
        for child in section.children:
            parents[child.id] = section.id
        parents.setdefault(section.id, "")
    return sections, parents, children


def _merge_tree(base: Issue, ours: Issue, theirs: Issue) -> list[Section]:
    bs, bp, bc = _index(base)
    os_, op, oc = _index(ours)
    ts, tp, tc = _index(theirs)
    merged: dict[str, Section] = {}
    parent: dict[str, str] = {}
    dropped: dict[str, tuple[Section, str, Conflict]] = {}
    for sid in dict.fromkeys([*os_, *ts, *bs]):
        b, o, t = bs.get(sid), os_.get(sid), ts.get(sid)
        if o is not None and t is not None:
            merged[sid] = _merge_section(b, o, t)
            parent[sid] = pick(bp.get(sid), op[sid], tp[sid])[0]
        elif o is not None or t is not None:
            side, where = (o, op) if o is not None else (t, tp)
            gone = Conflict("section", "" if o is None else "edited",
                            "" if t is None else "edited")
            if b is None or _own(side) != _own(b):
                section = _copy_own(side)
                section.conflicts = _conflict_union(side.conflicts)
                if b is not None:
                    section.conflicts.append(gone)
                merged[sid] = section
                parent[sid] = where[sid]
            else:
                dropped[sid] = (side, where[sid], gone)
        elif b is not None:
            dropped[sid] = (b, bp[sid], Conflict("section", "", ""))
    # A section someone deleted comes back when something below it survives.
    changed = True
    while changed:
        changed = False
        for sid in list(merged):
            up = parent[sid]
            if up and up not in merged and up in dropped:
                side, where, gone = dropped.pop(up)
                section = _copy_own(side)
                section.conflicts = _conflict_union(side.conflicts, [gone])
                merged[up] = section
                parent[up] = where
                changed = True
            elif up and up not in merged:
                parent[sid] = ""
    # Moves on both sides can make a loop: such a section goes to the top level.
    for sid in merged:
        seen = {sid}
        up = parent[sid]
        while up:
            if up in seen:
                parent[sid] = ""
                break
            seen.add(up)
            up = parent[up]
    by_parent: dict[str, list[str]] = {}
    for sid in merged:
        by_parent.setdefault(parent[sid], []).append(sid)

    def build(pid: str) -> list[Section]:
        members = by_parent.get(pid, [])
        order = merge_ordered(bc.get(pid, []), oc.get(pid, []), tc.get(pid, []), set(members))
        order += [m for m in members if m not in order]
        out = []
        for sid in order:
            section = merged[sid]
            section.children = build(sid)
            out.append(section)
        return out

    return build("")


def _count(issue: Issue) -> list[tuple[str, Conflict]]:
    out = [("", c) for c in issue.conflicts]
    for section, _depth in issue.walk():
        out.extend((section.id, c) for c in section.conflicts)
    return out


def merge_issues(base: Issue | None, ours: Issue, theirs: Issue) -> MergeResult:
    """Merge ``ours`` and ``theirs``, two edits of ``base`` (None: both added the issue).

    Returns a new issue; the inputs are not changed. Conflicts recorded by this merge are in
    ``MergeResult.conflicts``; conflicts the sides already carried are kept in the issue.
    """
    base = base if base is not None else Issue(sections=[])
    if ours == theirs or theirs == base:
        return MergeResult(ours.clone(), [])
    if ours == base:
        return MergeResult(theirs.clone(), [])
    before = _count(ours) + _count(theirs)
    out = Issue()
    new: list[Conflict] = []
    for key in ISSUE_SCALARS:
        value, clash = pick(getattr(base, key), getattr(ours, key), getattr(theirs, key))
        setattr(out, key, value)
        if clash:
            new.append(Conflict(key, getattr(ours, key), getattr(theirs, key)))
    for key in ISSUE_LISTS:
        setattr(out, key, merge_ordered(getattr(base, key), getattr(ours, key),
                                        getattr(theirs, key)))
    out.extra = _merge_extra(base.extra, ours.extra, theirs.extra, "", new)
    out.sections = _merge_tree(base, ours, theirs)
    old = [c for c in _conflict_union(ours.conflicts, theirs.conflicts)
           if not (c in base.conflicts and (c not in ours.conflicts
                                            or c not in theirs.conflicts))]
    out.conflicts = _conflict_union(old, new)
    recorded = [(sid, c) for sid, c in _count(out) if (sid, c) not in before]
    return MergeResult(out, recorded)


# ---------------------------------------------------------------- files (the git driver)


def _load_side(path: str, allow_empty: bool) -> Issue | None:
    from ..errors import IssueFormatError
    from ..storage.files import read_limited
    from ..storage.yaml_format import MAX_BYTES, loads

    data = read_limited(path, MAX_BYTES)
    if allow_empty and not data.strip():
        return None
    try:
        return loads(data)
    except IssueFormatError as exc:
        exc.where = f"{path}: {exc.where}" if exc.where else str(path)
        raise


def merge_files(base: str, ours: str, theirs: str,
                output: str | None = None) -> list[tuple[str, Conflict]]:
    """Merge three ``issue.yaml`` files; write the result to ``output`` (None: over ``ours``,
    as git's merge driver contract ``%O %A %B`` wants). An empty base means both sides added
    the file. Returns the conflicts recorded, as (section title or ``metadata``, conflict).
    Raises IssueFormatError when a file cannot be read or is not an issue."""
    from ..storage.files import atomic_write
    from ..storage.yaml_dump import dumps

    b = _load_side(base, allow_empty=True)
    o = _load_side(ours, allow_empty=False)
    t = _load_side(theirs, allow_empty=False)
    result = merge_issues(b, o, t)
    atomic_write(output or ours, dumps(result.issue), backup=False)
    named = []
    for sid, conflict in result.conflicts:
        section = result.issue.find(sid) if sid else None
        named.append((section.title if section else "metadata", conflict))
    return named
