"""The checks of an issue file before any node is built: its text (size, binary, UTF-8), one
linear pass over the YAML parser's events for the structural limits of limits.py (aliases,
nesting, items per list or mapping, huge numbers), each refused with its place
(``sections[3].owners``, line, column), PyYAML's own errors as IssueFormatError, and the
kinds of node the reader's refusals name (``errors.KINDS``)."""

from __future__ import annotations

import re

import yaml

from .. import errors
from ..errors import IssueFormatError
from ..progress import Progress, report
from . import limits

MAX_DEPTH = limits.MAX_YAML_NESTING
MAX_BYTES = limits.MAX_FILE_BYTES
_OPENERS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSERS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def check_events(events, progress: Progress | None = None, size: int = 0) -> None:
    """One linear pass over the parser's events: the structural limits of limits.py
    (aliases, nesting, items per list or mapping, huge numbers), refused with their place
    (``sections[3].owners``, line, column) before any node is built. ``progress`` hears the
    parser's place in a text of ``size`` characters every 4,096 events (it may raise
    Cancelled, :mod:`talkeditor.progress`)."""
    stack: list[list] = []  # per open collection: [is a mapping, children seen, last key]
    if progress is not None:
        events = _reporting(events, progress, size)

    def place(inner: bool = True) -> str:
        """The path of the event being read (``inner``) or of the innermost collection."""
        parts = []
        for depth, (is_map, seen, key) in enumerate(stack):
            top = depth == len(stack) - 1
            if top and not inner:
                break
            if is_map:
                if top and seen % 2 == 0:
                    break
                parts.append(f".{key}")
            else:
                parts.append(f"[{seen if top else seen - 1}]")
        return "".join(parts).lstrip(".")

    for event in events:
        if isinstance(event, yaml.AliasEvent):
            raise _event_error(event, IssueFormatError(
                "YAML aliases (*name) are not allowed in an issue file", place(),
                code=errors.YAML_ALIAS))
        if isinstance(event, yaml.ScalarEvent):
            value = event.value
            if stack and stack[-1][0] and stack[-1][1] % 2 == 0:
                stack[-1][2] = value  # a key
            elif (event.implicit[0] and len(value) > limits.MAX_INT_DIGITS
                  and _LONG_NUMBER.match(value)):
                raise _event_error(event, IssueFormatError(
                    f"the number is too large ({len(value):,} digits)", place(),
                    code=errors.NUMBER_TOO_LONG, data={"digits": len(value)}))
        elif isinstance(event, _OPENERS) and len(stack) >= MAX_DEPTH:
            raise _event_error(event, IssueFormatError("nesting is too deep", place(),
                                                        code=errors.TOO_DEEP))
        elif isinstance(event, _CLOSERS):
            stack.pop()
            continue
        elif not isinstance(event, _OPENERS):
            continue  # stream and document events
        if stack:
            stack[-1][1] += 1
            is_map, seen = stack[-1][0], stack[-1][1]
            if seen > limits.MAX_LIST_ITEMS * (2 if is_map else 1):
                error = limits.too_large("a list or mapping", seen // 2 if is_map else seen,
                                         limits.MAX_LIST_ITEMS, "items")
                error.where = place(inner=False)
                raise _event_error(event, error)
        if isinstance(event, _OPENERS):
            stack.append([isinstance(event, yaml.MappingStartEvent), 0, ""])


def _reporting(events, progress: Progress, size: int):
    for n, event in enumerate(events):
        if n & 4095 == 0:
            report(progress, event.start_mark.index / max(1, size))
        yield event


_LONG_NUMBER = re.compile(r"[-+]?(?:0[xob])?[0-9a-fA-F_:.]+(?:[eE][-+]?[0-9]+)?$")


def _event_error(event, error: IssueFormatError) -> IssueFormatError:
    mark = event.start_mark
    error.line, error.column = mark.line + 1, mark.column + 1
    return error


_STD = "tag:yaml.org,2002:"
#: The English words of ``errors.KINDS`` in the core's messages.
KIND_WORDS = {"mapping": "a mapping", "list": "a list", "text": "text", "number": "a number",
              "boolean": "true/false", "nothing": "nothing", "date": "a date",
              "list-of-text": "a list of text", "whole-number": "a whole number",
              "list-of-sections": "a list of sections", "list-of-conflicts": "a list of conflicts"}


def node_kind(node: yaml.Node) -> str:
    """What ``node`` is: a key of ``errors.KINDS``, or its tag when none fits."""
    if isinstance(node, yaml.MappingNode):
        return "mapping"
    if isinstance(node, yaml.SequenceNode):
        return "list"
    tag = node.tag[len(_STD):] if node.tag.startswith(_STD) else node.tag
    return {"str": "text", "int": "number", "float": "number", "bool": "boolean",
            "null": "nothing", "timestamp": "date"}.get(tag, tag)


def checked_text(data: str | bytes) -> str:
    """The text of an issue file (bytes decoded as UTF-8, a BOM dropped), refused
    (IssueFormatError) when over the size limit, binary or not UTF-8."""
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise IssueFormatError(f"the file is too large ({len(data) // 1024} KiB; "
                                   f"the limit is {MAX_BYTES // 1024 // 1024} MiB)",
                                   code=errors.ISSUE_TOO_LARGE,
                                   data={"size": len(data), "limit": MAX_BYTES})
        if b"\x00" in data:
            raise IssueFormatError("this is binary data, not a YAML issue file",
                                   code=errors.BINARY_ISSUE)
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise IssueFormatError(f"not UTF-8 text (bad byte at offset {exc.start})",
                                   code=errors.NOT_UTF8, data={"offset": exc.start}) from None
    if len(data) > MAX_BYTES:
        raise IssueFormatError("the text is too large for an issue file",
                               code=errors.ISSUE_TOO_LARGE,
                               data={"size": len(data.encode("utf-8", "surrogatepass")),
                                     "limit": MAX_BYTES})
    if "\x00" in data:
        raise IssueFormatError("this is binary data, not a YAML issue file",
                               code=errors.BINARY_ISSUE)
    return data


def yaml_error(exc: yaml.YAMLError) -> IssueFormatError:
    """The IssueFormatError for PyYAML's ``exc``, with its line and column when known."""
    if not isinstance(exc, yaml.MarkedYAMLError):
        return IssueFormatError(f"malformed YAML: {exc}", code=errors.MALFORMED_YAML,
                                data={"problem": str(exc)})
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "malformed YAML"
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    if "nesting depth" in problem:  # libyaml 0.2.5+ has a limit of its own
        return IssueFormatError("nesting is too deep", line=line, column=column,
                                code=errors.TOO_DEEP)
    return IssueFormatError(f"malformed YAML: {problem}", line=line, column=column,
                            code=errors.MALFORMED_YAML, data={"problem": problem})
