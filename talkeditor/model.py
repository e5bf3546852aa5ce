"""The issue model: plain dataclasses for an issue, its sections and their fields.

Nothing here knows about files, YAML, Markdown or Qt. Sections are identified by a stable
``id`` (titles get renamed); every object keeps the keys it did not understand in ``extra``
so that a file written by a newer version survives a round trip.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

FORMAT_VERSION = 1

#: Metadata a field can be bound to; its rendered value then comes from the issue.
BINDINGS = ("number", "datetime", "highlights", "host", "editors", "owners", "video",
            "contributors", "content_contributors")

BODY_WEEKLY = "weekly"
BODY_STANDING = "standing"

#: How an optional section's title is written in the issues' Markdown (``本周经典-optional``).
OPTIONAL_SUFFIX = "-optional"


def new_id() -> str:
    """A random id (``s`` + 16 hex digits), stable for the life of a section.

    64 random bits: among a million sections the chance of any two ids meeting is about
    3 in 10^8 (the birthday bound n²/2^65). The loader also makes the ids it assigns unique
    by construction (it draws again on a clash).
    """
    return "s" + os.urandom(8).hex()


@dataclass
class Field:
    """One standing ``【label】：value`` line of a section.

    ``sep`` is what stands between ``】`` and the value (usually ``：``; some issues write
    ``【Free Talk】自由提问…`` with nothing, or ``【本期贡献者】 - 排名不分先后：``). ``keep`` says
    whether the value is carried into the next issue. A field ``bind``-ed to metadata renders
    the metadata (falling back to ``value`` when the metadata is empty) followed by ``note``.
    """

    label: str
    value: str = ""
    keep: bool = True
    sep: str = "："
    bind: str | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)


@dataclass
class Conflict:
    """A change both sides of a merge made differently, kept in the issue until resolved.

    ``part`` names what conflicted: ``body`` (one block of the body), ``title``, ``minutes``,
    ``optional``, ``body_kind``, ``field:<label>`` (a field's value, sep, note, bind or keep),
    ``section`` (deleted on one side, edited on the other), or an issue key (``date``,
    ``number`` …) for the issue's own conflicts. ``ours`` and ``theirs`` are the two versions as
    text (``""`` for "deleted"); the issue itself holds ``ours`` (or ``theirs`` when ours is
    deleted) so it stays complete and loads. See ``talkeditor/collab/merge.py``.
    """

    part: str
    ours: str = ""
    theirs: str = ""


@dataclass
class Section:
    """A section of the issue skeleton, with its fields, Markdown body and subsections."""

    title: str
    id: str = field(default_factory=new_id)
    optional: bool = False
    minutes: int | None = None
    owners: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    body: str = ""
    body_kind: str = BODY_WEEKLY
    children: list[Section] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    def walk(self, depth: int = 1) -> Iterator[tuple[Section, int]]:
        """This section and all below it, depth first, with their depth (1 = top level)."""
        yield self, depth
        for child in self.children:
            yield from child.walk(depth + 1)

    def field_named(self, label: str) -> Field | None:
        for f in self.fields:
            if f.label == label:
                return f
        return None


@dataclass
class Issue:
    """One issue of the talk: typed metadata plus the tree of sections.

    ``number`` is text so that ``004`` keeps its zeros and special issues (``番外02``) fit.
    ``date`` is ``YYYY-MM-DD``, ``time`` is ``HH:MM`` in ``timezone`` (an IANA name).
    ``title`` overrides the display title (``{series} {number}``) when set.
    """

    series: str = "OpenLLM Talk"
    number: str = ""
    title: str = ""
    date: str = ""
    time: str = ""
    timezone: str = "Asia/Shanghai"
    highlights: list[str] = field(default_factory=list)
    host: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    video: str = ""
    zhihu: str = ""
    template: str = ""
    sections: list[Section] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    format: int = FORMAT_VERSION
    extra: dict = field(default_factory=dict)

    def display_title(self) -> str:
        if self.title:
            return self.title
        return f"{self.series} {self.number}".strip()

    def walk(self) -> Iterator[tuple[Section, int]]:
        """Every section in document order with its depth (1 = top level)."""
        for section in self.sections:
            yield from section.walk(1)

    def walk_with_path(self) -> Iterator[tuple[Section, tuple[str, ...]]]:
        """Every section in document order with its title path (see :func:`walk_paths`)."""
        return walk_paths(self.sections)

    def find(self, section_id: str) -> Section | None:
        for section, _depth in self.walk():
            if section.id == section_id:
                return section
        return None

    def find_path(self, *titles: str) -> Section | None:
        """The section reached by following titles from the top, e.g. ``("本周新闻", "学术")``."""
        level = self.sections
        found = None
        for title in titles:
            found = next((s for s in level if s.title == title), None)
            if found is None:
                return None
            level = found.children
        return found

    def parent_of(self, section_id: str) -> Section | None:
        """The parent section, or None for a top-level (or unknown) section."""
        for section, _depth in self.walk():
            if any(c.id == section_id for c in section.children):
                return section
        return None

    def siblings_of(self, section_id: str) -> list[Section]:
        """The list that holds the section (the issue's own list for top-level ones)."""
        parent = self.parent_of(section_id)
        return parent.children if parent is not None else self.sections

    def section_owners(self) -> list[tuple[Section, list[str]]]:
        """Sections that have owners, in document order."""
        return [(s, s.owners) for s, _d in self.walk() if s.owners]

    def clone(self) -> Issue:
        """A copy sharing no mutable part with this issue (see :func:`clone_value`)."""
        return clone_value(self)


#: immutable values a clone shares with its original
_ATOMS = (str, int, float, bool, type(None))


def clone_value(value):
    """A deep copy of a model value, linear and cheap: strings and numbers are shared, lists
    and the model's dataclasses are rebuilt, anything else (unknown keys' YAML values: dicts,
    dates) goes through ``copy.deepcopy``. Issue 14: a generic deepcopy of an 8 MB issue took
    1.5-5 s on the GUI thread (Export for Zhihu's snapshot)."""
    if isinstance(value, _ATOMS):
        return value
    if isinstance(value, list):
        return [clone_value(item) for item in value]
    if isinstance(value, dict) and not value:
        return {}
    if hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
        twin = object.__new__(type(value))
        twin.__dict__.update({key: clone_value(item) for key, item in vars(value).items()})
        return twin
    return copy.deepcopy(value)


def walk_paths(sections: list[Section], prefix: tuple[str, ...] = ()
               ) -> Iterator[tuple[Section, tuple[str, ...]]]:
    """``(section, titles from the top down to it)`` for ``sections`` and everything below
    them, depth first in document order: ``(学术, ("本周新闻", "学术"))``. ``prefix`` is put in
    front of every path (the titles above ``sections``)."""
    for section in sections:
        path = (*prefix, section.title)
        yield section, path
        yield from walk_paths(section.children, path)


def split_optional(title: str) -> tuple[str, bool]:
    """A title as written in an issue's Markdown, without its ``-optional`` suffix, and
    whether it had one: ``本周经典-optional`` -> (``本周经典``, True). Spaces around are
    dropped."""
    text = title.strip()
    if text.endswith(OPTIONAL_SUFFIX):
        return text[: -len(OPTIONAL_SUFFIX)].rstrip(), True
    return text, False


def title_key(title: str) -> str:
    """What two section titles (or field labels) must share to be the same one: no spaces,
    no ``*`` emphasis, case folded, without the ``-optional`` suffix and a trailing colon.
    ``线上讨论：``, ``**线上讨论**`` and ``线上 讨论-optional`` all give ``线上讨论``."""
    key = "".join(title.split()).replace("*", "").casefold()
    key = key.removesuffix(OPTIONAL_SUFFIX)
    return key.rstrip(":：")


def clean_text(text: str) -> str:
    """Body text as the model keeps it: no trailing spaces on lines, LF line ends.

    Trailing spaces carry no meaning in an issue (line breaks are kept as they are typed) and
    would force the YAML file out of readable ``|`` blocks.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def clean_edited_text(text: str, before: str) -> str:
    """A body the user edited from ``before``, as it is saved: LF line ends; a line that is in
    ``before`` as it is stays byte for byte; a changed or new line loses its trailing ASCII
    spaces and tabs only.

    What the host did not touch is never changed behind their back (a line ending in U+00A0,
    U+3000, U+2028 or a tab stays so when another line is edited), and what they typed keeps
    every character but the blanks trailing it (see ``clean_text`` for why those go).
    """
    kept = set(before.split("\n"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line if line in kept else line.rstrip(" \t") for line in text.split("\n"))
