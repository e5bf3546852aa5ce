"""Copy format from…: give a draft a past issue's (or a template's) structure, keep its content.

``copy_format(draft, past)`` returns a new issue laid out like ``past`` (its sections and
their order, titles, optional flags, minutes, body kinds; field labels, separators,
bindings, notes and order; standing text) holding ``draft``'s weekly content (weekly bodies,
``keep=False`` field values, owners, contributors, and all issue metadata), plus
:class:`FormatNote` records (codes and data: the UI words them).

Sections are matched by id, then by title path (``本周新闻 / 学术``, ignoring case, spaces
and an ``-optional`` suffix). Fields are matched by label the same way. Nothing of the draft
is dropped: a section or field the past issue lacks stays (after its matched neighbours) and
is listed in the report, and so is every piece of the draft's standing text that the past
issue's replaced, and weekly text kept where the past issue has standing text.
Matched sections keep the draft's ids, so an open document's references stay valid. The
draft's 往期精彩 keeps its list (it names this issue's predecessors, it is not format).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from ..model import (
    BODY_STANDING,
    BODY_WEEKLY,
    Field,
    Issue,
    Section,
    new_id,
    title_key,
    walk_paths,
)
from .past_issues import find_past_section

#: The kinds of :class:`FormatNote`.
RENAMED = "renamed"                      #: the section takes the past issue's title
WEEKLY_KEPT = "weekly-kept"              #: standing text in the past issue, the draft's kept
STANDING_REPLACED = "standing-replaced"  #: the draft's standing text replaced by the past's
STANDING_KEPT_AS_WEEKLY = "standing-kept-as-weekly"  #: weekly there, the draft's text kept
FIELD_REPLACED = "field-replaced"        #: a field's standing value replaced by the past's
FIELD_KEPT = "field-kept"                #: a field the past issue lacks, kept
SECTION_KEPT = "section-kept"            #: a section the past issue lacks, kept whole
KINDS = (RENAMED, WEEKLY_KEPT, STANDING_REPLACED, STANDING_KEPT_AS_WEEKLY, FIELD_REPLACED,
         FIELD_KEPT, SECTION_KEPT)


@dataclass(frozen=True)
class FormatNote:
    """One thing Copy Format did that the user should know, as data (the UI words it).

    ``section`` is the draft section's title path (``本周新闻 / 学术``), ``label`` the field's
    label for the FIELD_ kinds, ``title`` the new title for RENAMED.
    """

    kind: str
    section: str
    label: str = ""
    title: str = ""


def _paths(sections: list[Section]):
    """``(section, title path as keys)``: sections match when their paths of
    :func:`~talkeditor.model.title_key` agree."""
    for section, path in walk_paths(sections):
        yield section, tuple(title_key(t) for t in path)


class _Copier:
    def __init__(self, draft: Issue, past: Issue) -> None:
        self.report: list[FormatNote] = []
        self.titles: dict[str, str] = {}
        by_id: dict[str, Section] = {}
        by_path: dict[tuple[str, ...], Section] = {}
        for section, path in _paths(draft.sections):
            by_id.setdefault(section.id, section)
            by_path.setdefault(path, section)
        self._name(draft.sections)
        self.ids = set(by_id)
        own_list = find_past_section(draft)
        self.past_list_id = own_list.id if own_list is not None else None
        # Match every past section before building, by id first and then by title path, so
        # that a section moved to another parent is found wherever it is.
        self.pairs: dict[int, Section] = {}
        self.used: set[str] = set()
        past_paths = list(_paths(past.sections))
        for p, _path in past_paths:
            d = by_id.get(p.id)
            if d is not None and d.id not in self.used:
                self.used.add(d.id)
                self.pairs[id(p)] = d
        for p, path in past_paths:
            d = by_path.get(path)
            if id(p) not in self.pairs and d is not None and d.id not in self.used:
                self.used.add(d.id)
                self.pairs[id(p)] = d

    def _name(self, sections: list[Section]) -> None:
        for section, path in walk_paths(sections):
            self.titles.setdefault(section.id, " / ".join(path))

    def build(self, past_sections: list[Section]) -> list[Section]:
        out = []
        for p in past_sections:
            d = self.pairs.get(id(p))
            merged = self.merge(d, p) if d is not None else self.fresh(p)
            merged.children = self.build(p.children)
            if d is not None:
                merged.children = self.place_leftovers(d.children, merged.children)
            out.append(merged)
        return out

    def fresh(self, p: Section) -> Section:
        """A past section the draft lacks: its format and standing text, no weekly content."""
        s = copy.deepcopy(p)
        s.children = []
        s.owners, s.contributors = [], []
        if s.body_kind == BODY_WEEKLY:
            s.body = ""
        for f in s.fields:
            if not f.keep:
                f.value = ""
        if s.id in self.ids:
            s.id = new_id()
        self.ids.add(s.id)
        return s

    def merge(self, d: Section, p: Section) -> Section:
        where = self.titles.get(d.id, d.title)
        s = Section(title=p.title, id=d.id, optional=p.optional, minutes=p.minutes,
                    owners=list(d.owners), contributors=list(d.contributors),
                    body_kind=p.body_kind, extra=copy.deepcopy(d.extra))
        if d.title != p.title:
            self.report.append(FormatNote(RENAMED, where, title=p.title))
        if d.id == self.past_list_id and (d.body.strip() or d.fields):
            # 往期精彩 lists this issue's predecessors: content, not format.
            s.body, s.fields = d.body, copy.deepcopy(d.fields)
            return s
        s.body, s.body_kind = self.merge_body(d, p, where)
        s.fields = self.merge_fields(d, p, where)
        return s

    def merge_body(self, d: Section, p: Section, where: str) -> tuple[str, str]:
        draft_has = bool(d.body.strip())
        if p.body_kind == BODY_STANDING:
            if d.body_kind == BODY_WEEKLY and draft_has:
                self.report.append(FormatNote(WEEKLY_KEPT, where))
                return d.body, BODY_WEEKLY
            if draft_has and d.body.strip() != p.body.strip():
                self.report.append(FormatNote(STANDING_REPLACED, where))
            return p.body, BODY_STANDING
        if d.body_kind == BODY_STANDING and draft_has:
            self.report.append(FormatNote(STANDING_KEPT_AS_WEEKLY, where))
        return d.body, BODY_WEEKLY

    def merge_fields(self, d: Section, p: Section, where: str) -> list[Field]:
        remaining = list(d.fields)
        out: list[Field] = []
        placed: dict[int, int] = {}  # id(draft field) -> its index in out
        for pf in p.fields:
            df = next((f for f in remaining if f.label == pf.label), None)
            if df is None:
                df = next((f for f in remaining if title_key(f.label) == title_key(pf.label)), None)
            f = copy.deepcopy(pf)
            if df is None:
                if not f.keep:
                    f.value = ""
            else:
                remaining.remove(df)
                placed[id(df)] = len(out)
                if not df.keep or not pf.keep:
                    f.value = df.value
                elif df.value.strip() and df.value.strip() != pf.value.strip():
                    self.report.append(FormatNote(FIELD_REPLACED, where, df.label))
            out.append(f)
        # The draft's own fields stay after the field that preceded them in the draft.
        for df in remaining:
            self.report.append(FormatNote(FIELD_KEPT, where, df.label))
            index = d.fields.index(df)
            anchor = next((o for o in reversed(d.fields[:index]) if id(o) in placed), None)
            at = placed[id(anchor)] + 1 if anchor is not None else 0
            out.insert(at, copy.deepcopy(df))
            placed = {k: (v + 1 if v >= at else v) for k, v in placed.items()}
            placed[id(df)] = at
        return out

    def place_leftovers(self, draft_list: list[Section], merged: list[Section]) -> list[Section]:
        """Put the draft's unmatched sections of one level after their matched neighbours."""
        out = list(merged)
        for i, d in enumerate(draft_list):
            if d.id in self.used:
                continue
            here = {s.id: k for k, s in enumerate(out)}
            anchor = next((x.id for x in reversed(draft_list[:i]) if x.id in here), None)
            at = here[anchor] + 1 if anchor is not None else 0
            self.report.append(FormatNote(SECTION_KEPT, self.titles.get(d.id, d.title)))
            out.insert(at, self.leftover(d))
        return out

    def leftover(self, d: Section) -> Section:
        """An unmatched draft section, whole, minus the children matched elsewhere."""
        self.used.add(d.id)
        s = copy.copy(d)
        s.children = [self.leftover(c) for c in d.children if c.id not in self.used]
        return copy.deepcopy(s)


def copy_format(draft: Issue, past: Issue) -> tuple[Issue, list[FormatNote]]:
    """``draft`` laid out like ``past``, and what the user should know about it (in document
    order); see the module docstring. Neither input changes."""
    copier = _Copier(draft, past)
    result = draft.clone()
    result.sections = copier.build(past.sections)
    result.sections = copier.place_leftovers(draft.sections, result.sections)
    return result, copier.report
