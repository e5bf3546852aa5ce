"""Load and dump the ``issue.yaml`` format: validation, format version, stable output.

Loading composes the YAML node tree with a safe loader that refuses aliases (so alias bombs
fail at once), then converts it by hand so that every error can name its place
(``sections[3].fields[1].label: expected text, got a list (line 12, column 9)``) and so that
text fields take the scalar as written (``NO`` stays ``NO``, ``004`` stays ``004``).
Dumping writes keys in a fixed order, multi-line text as ``|`` blocks, Chinese as Chinese,
and never wraps lines, so that dumping what was loaded gives the same bytes.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import yaml

from .. import errors
from ..errors import IssueFormatError
from ..model import (
    BINDINGS,
    BODY_STANDING,
    BODY_WEEKLY,
    FORMAT_VERSION,
    Conflict,
    Field,
    Issue,
    Section,
    new_id,
)
from ..progress import Progress, part, report
from . import limits
from .yaml_checks import KIND_WORDS, check_events, checked_text, node_kind, yaml_error

MAX_BYTES = limits.MAX_FILE_BYTES
MAX_DEPTH = limits.MAX_YAML_NESTING

__all__ = ["IssueFormatError", "loads", "dumps", "to_data", "KeptScalar", "MAX_BYTES"]

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STD + t for t in
                 ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

ISSUE_KEYS = ("format", "series", "number", "title", "date", "time", "timezone", "highlights",
              "host", "editors", "video", "zhihu", "template", "sections", "conflicts")
SECTION_KEYS = ("id", "title", "optional", "minutes", "owners", "contributors", "fields",
                "body_kind", "body", "children", "conflicts")
FIELD_KEYS = ("label", "value", "sep", "bind", "note", "keep")
CONFLICT_KEYS = ("part", "ours", "theirs")


class _Loader(yaml.SafeLoader):
    """A safe loader that refuses aliases and very deep nesting."""

    def compose_node(self, parent, index):  # PyYAML hook
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise IssueFormatError("YAML aliases (*name) are not allowed in an issue file",
                                   line=mark.line + 1, column=mark.column + 1,
                                   code=errors.YAML_ALIAS)
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise IssueFormatError("nesting is too deep", line=mark.line + 1,
                                       column=mark.column + 1, code=errors.TOO_DEEP)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)

_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class _Reader:
    """Converts a composed node tree into the model, tracking the path for error messages."""

    def __init__(self, progress: Progress | None = None, size: int = 1) -> None:
        self.progress, self.size = progress, max(1, size)  # reported by place in the text
        self.count = 0
        self.read_ids: list[tuple[Section, str, yaml.Node]] = []
        self.unnamed: list[Section] = []

    def fail(self, node: yaml.Node, where: str, message: str, code: str,
             **data: object) -> IssueFormatError:
        mark = node.start_mark
        return IssueFormatError(message, where, mark.line + 1, mark.column + 1, code=code,
                                data=data)

    def expected(self, node: yaml.Node, where: str, expected: str) -> IssueFormatError:
        """``expected`` (a key of ``errors.KINDS``) where ``node`` is something else."""
        got = node_kind(node)
        return self.fail(node, where,
                         f"expected {KIND_WORDS[expected]}, got {KIND_WORDS.get(got, got)}",
                         errors.EXPECTED, expected=expected, got=got)

    def check_tags(self, node: yaml.Node, where: str) -> None:
        if node.tag not in _ALLOWED_TAGS:
            raise self.fail(node, where, f"the tag {node.tag} is not allowed in an issue file",
                            errors.YAML_TAG, tag=node.tag)

    def mapping(self, node: yaml.Node, where: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        self.check_tags(node, where)
        if not isinstance(node, yaml.MappingNode):
            raise self.expected(node, where, "mapping")
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            self.check_tags(key_node, where)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _STD + "null":
                raise self.fail(key_node, where, "keys must be text", errors.KEY_NOT_TEXT)
            key = key_node.value
            if key in out:
                raise self.fail(key_node, f"{where}.{key}" if where else key, "duplicate key",
                                errors.DUPLICATE_KEY)
            out[key] = (key_node, value_node)
        return out

    def text(self, node: yaml.Node, where: str) -> str:
        self.check_tags(node, where)
        if not isinstance(node, yaml.ScalarNode):
            raise self.expected(node, where, "text")
        if node.tag == _STD + "null":
            return ""
        return node.value

    def text_list(self, node: yaml.Node, where: str) -> list[str]:
        self.check_tags(node, where)
        if isinstance(node, yaml.ScalarNode) and node.tag == _STD + "null":
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise self.expected(node, where, "list-of-text")
        return [self.text(item, f"{where}[{i}]") for i, item in enumerate(node.value)]

    def boolean(self, node: yaml.Node, where: str) -> bool:
        self.check_tags(node, where)
        if not isinstance(node, yaml.ScalarNode) or node.tag != _STD + "bool":
            got = node_kind(node)
            raise self.fail(node, where, f"expected true or false, got "
                                         f"{KIND_WORDS.get(got, got)}",
                            errors.EXPECTED, expected="boolean", got=got)
        return bool(_CONSTRUCTOR.construct_yaml_bool(node))

    def integer(self, node: yaml.Node, where: str, allow_null: bool = False) -> int | None:
        self.check_tags(node, where)
        if allow_null and isinstance(node, yaml.ScalarNode) and node.tag == _STD + "null":
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag != _STD + "int":
            raise self.expected(node, where, "whole-number")
        if len(node.value) > limits.MAX_INT_DIGITS:
            raise self.fail(node, where, f"the number is too large ({len(node.value):,} "
                                         "digits)", errors.NUMBER_TOO_LONG,
                            digits=len(node.value))
        return int(_CONSTRUCTOR.construct_yaml_int(node))

    def bounded(self, node: yaml.Node, where: str, low: int, high: int,
                allow_null: bool = False) -> int | None:
        """A whole number from ``low`` to ``high`` (inclusive), or None when allowed."""
        value = self.integer(node, where, allow_null)
        if value is not None and not low <= value <= high:
            raise self.fail(node, where, f"expected a whole number from {low} to {high}, "
                                         f"got {value}", errors.OUT_OF_RANGE, low=low,
                            high=high, value=value)
        return value

    def plain(self, node: yaml.Node, where: str, depth: int = 0) -> Any:
        """An unknown key's value, kept so that it is written back exactly as it was read:
        text as str, any other scalar (a date, a number, true, null) as a KeptScalar that
        keeps its type (tag) and its text."""
        self.check_tags(node, where)
        if depth > MAX_DEPTH:
            raise self.fail(node, where, "nesting is too deep", errors.TOO_DEEP)
        if isinstance(node, yaml.MappingNode):
            return {k: self.plain(v, f"{where}.{k}", depth + 1) for k, (_kn, v) in
                    self.mapping(node, where).items()}
        if isinstance(node, yaml.SequenceNode):
            return [self.plain(v, f"{where}[{i}]", depth + 1) for i, v in enumerate(node.value)]
        if node.tag == _STD + "str":
            return node.value
        return KeptScalar(node.value, node.tag)

    def extras(self, items: dict, known: tuple[str, ...], where: str) -> dict:
        return {k: self.plain(v, f"{where}.{k}" if where else k)
                for k, (_kn, v) in items.items() if k not in known}

    def issue(self, node: yaml.Node) -> Issue:
        items = self.mapping(node, "")
        if "format" not in items:
            raise self.fail(node, "format", "missing: this is not a talkeditor issue file",
                            errors.NOT_AN_ISSUE)
        version = self.integer(items["format"][1], "format")
        if version > FORMAT_VERSION:
            raise self.fail(items["format"][1], "format",
                            f"written by a newer talkeditor (format {version}); "
                            f"this version reads format {FORMAT_VERSION} and older",
                            errors.NEWER_FORMAT, version=version, supported=FORMAT_VERSION)
        if version < 1:
            raise self.fail(items["format"][1], "format", f"unknown format version {version}",
                            errors.UNKNOWN_FORMAT, version=version)
        issue = Issue(format=FORMAT_VERSION)
        for key in ("series", "number", "title", "date", "time", "timezone", "video", "zhihu",
                    "template"):
            if key in items:
                setattr(issue, key, self.text(items[key][1], key))
        for key in ("highlights", "host", "editors"):
            if key in items:
                setattr(issue, key, self.text_list(items[key][1], key))
        if issue.date and not _valid_date(issue.date):
            raise self.fail(items["date"][1], "date",
                            f"expected YYYY-MM-DD (a calendar date), got {issue.date!r}",
                            errors.BAD_DATE, value=issue.date)
        if issue.time and not _TIME_RE.match(issue.time):
            raise self.fail(items["time"][1], "time", f"expected HH:MM, got {issue.time!r}",
                            errors.BAD_TIME, value=issue.time)
        if "sections" in items:
            issue.sections = self.sections(items["sections"][1], "sections")
        if "conflicts" in items:
            issue.conflicts = self.conflicts(items["conflicts"][1], "conflicts")
        issue.extra = self.extras(items, ISSUE_KEYS, "")
        seen: set[str] = set()
        for section, where, node in self.read_ids:
            if section.id in seen:
                raise self.fail(node, where, f"duplicate section id {section.id!r}",
                                errors.DUPLICATE_ID, id=section.id)
            seen.add(section.id)
        for section in self.unnamed:  # unique by construction, whatever the entropy
            section.id = new_id()
            while section.id in seen:
                section.id = new_id()
            seen.add(section.id)
        limits.check_issue(issue)
        return issue

    def sections(self, node: yaml.Node, where: str) -> list[Section]:
        self.check_tags(node, where)
        if isinstance(node, yaml.ScalarNode) and node.tag == _STD + "null":
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise self.expected(node, where, "list-of-sections")
        return [self.section(item, f"{where}[{i}]") for i, item in enumerate(node.value)]

    def section(self, node: yaml.Node, where: str) -> Section:
        items = self.mapping(node, where)
        if "title" not in items:
            raise self.fail(node, f"{where}.title", "missing", errors.MISSING)
        self.count += 1
        if self.progress is not None and self.count & 7 == 0:
            report(self.progress, node.start_mark.index / self.size)
        if self.count > limits.MAX_SECTIONS:
            raise self.fail(node, where, f"too many sections (the limit is "
                                         f"{limits.MAX_SECTIONS:,})", errors.TOO_MANY,
                            what="sections", count=self.count, limit=limits.MAX_SECTIONS)
        section = Section(title=self.text(items["title"][1], f"{where}.title"), id="")
        if "id" in items:
            section.id = self.text(items["id"][1], f"{where}.id")
        if section.id:
            self.read_ids.append((section, f"{where}.id", items["id"][1]))
        else:
            self.unnamed.append(section)
        if "optional" in items:
            section.optional = self.boolean(items["optional"][1], f"{where}.optional")
        if "minutes" in items:
            section.minutes = self.bounded(items["minutes"][1], f"{where}.minutes", 0,
                                           limits.MAX_MINUTES, True)
        for key in ("owners", "contributors"):
            if key in items:
                setattr(section, key, self.text_list(items[key][1], f"{where}.{key}"))
        if "fields" in items:
            fnode = items["fields"][1]
            self.check_tags(fnode, f"{where}.fields")
            if isinstance(fnode, yaml.SequenceNode):
                section.fields = [self.field(f, f"{where}.fields[{i}]")
                                  for i, f in enumerate(fnode.value)]
            elif not (isinstance(fnode, yaml.ScalarNode) and fnode.tag == _STD + "null"):
                raise self.expected(fnode, f"{where}.fields", "list")
        if "body_kind" in items:
            kind = self.text(items["body_kind"][1], f"{where}.body_kind")
            if kind not in (BODY_WEEKLY, BODY_STANDING):
                raise self.fail(items["body_kind"][1], f"{where}.body_kind",
                                f"expected {BODY_WEEKLY} or {BODY_STANDING}, got {kind!r}",
                                errors.NOT_ONE_OF, value=kind,
                                choices=[BODY_WEEKLY, BODY_STANDING])
            section.body_kind = kind
        if "body" in items:
            section.body = self.text(items["body"][1], f"{where}.body")
        if "children" in items:
            section.children = self.sections(items["children"][1], f"{where}.children")
        if "conflicts" in items:
            section.conflicts = self.conflicts(items["conflicts"][1], f"{where}.conflicts")
        section.extra = self.extras(items, SECTION_KEYS, where)
        return section

    def conflicts(self, node: yaml.Node, where: str) -> list[Conflict]:
        self.check_tags(node, where)
        if isinstance(node, yaml.ScalarNode) and node.tag == _STD + "null":
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise self.expected(node, where, "list-of-conflicts")
        out = []
        for i, item in enumerate(node.value):
            at = f"{where}[{i}]"
            items = self.mapping(item, at)
            if "part" not in items:
                raise self.fail(item, f"{at}.part", "missing", errors.MISSING)
            conflict = Conflict(part=self.text(items["part"][1], f"{at}.part"))
            for key in CONFLICT_KEYS[1:]:
                if key in items:
                    setattr(conflict, key, self.text(items[key][1], f"{at}.{key}"))
            out.append(conflict)
        return out

    def field(self, node: yaml.Node, where: str) -> Field:
        items = self.mapping(node, where)
        if "label" not in items:
            raise self.fail(node, f"{where}.label", "missing", errors.MISSING)
        f = Field(label=self.text(items["label"][1], f"{where}.label"))
        for key in ("value", "sep", "note"):
            if key in items:
                setattr(f, key, self.text(items[key][1], f"{where}.{key}"))
        if "keep" in items:
            f.keep = self.boolean(items["keep"][1], f"{where}.keep")
        if "bind" in items:
            bind = self.text(items["bind"][1], f"{where}.bind") or None
            if bind is not None and bind not in BINDINGS:
                raise self.fail(items["bind"][1], f"{where}.bind",
                                f"unknown binding {bind!r} (one of {', '.join(BINDINGS)})",
                                errors.NOT_ONE_OF, value=bind, choices=list(BINDINGS))
            f.bind = bind
        f.extra = self.extras(items, FIELD_KEYS, where)
        return f


def _valid_date(text: str) -> bool:
    if not _DATE_RE.match(text):
        return False
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


class KeptScalar(str):
    """An unknown key's scalar that is not text (a date, a number, true/false, null): its text
    as written and its YAML tag, so that it is written back with the same type and spelling."""

    def __new__(cls, text: str, tag: str):
        obj = super().__new__(cls, text)
        obj.tag = tag
        return obj

    def __reduce__(self):
        return (KeptScalar, (str(self), self.tag))

    def __repr__(self) -> str:
        return f"KeptScalar({str(self)!r}, {self.tag!r})"


def loads(data: str | bytes, progress: Progress | None = None) -> Issue:
    """An issue from YAML text or bytes (``progress``: see progress.py); IssueFormatError."""
    data = checked_text(data)
    try:
        limits.check_lines(data)
        loader = _FAST_LOADER or _Loader
        check_events(yaml.parse(data, Loader=loader), part(progress, 0.0, 0.4), len(data))
        node = yaml.compose(data, Loader=loader)
    except IssueFormatError:
        raise
    except yaml.YAMLError as exc:
        raise yaml_error(exc) from None
    except RecursionError:
        raise IssueFormatError("nesting is too deep", code=errors.TOO_DEEP) from None
    if node is None:
        raise IssueFormatError("the file is empty", code=errors.EMPTY_ISSUE)
    return _Reader(part(progress, 0.65, 0.95), len(data)).issue(node)


# ---------------------------------------------------------------- dumping


def to_data(issue: Issue) -> dict:
    """The issue as plain data in the file's key order (see :mod:`.yaml_dump`)."""
    from .yaml_dump import to_data as _to_data

    return _to_data(issue)


def dumps(issue: Issue) -> str:
    """The issue as ``issue.yaml`` text (see :mod:`.yaml_dump`)."""
    from .yaml_dump import dumps as _dumps

    return _dumps(issue)
