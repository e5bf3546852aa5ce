"""One linear pass over the YAML parser's events before any node is built: the structural
limits of limits.py (aliases, nesting, items per list or mapping, huge numbers), each refused
with its place (``sections[3].owners``, line, column)."""

from __future__ import annotations

import re

import yaml

from .. import errors
from ..errors import IssueFormatError
from ..progress import Progress, report
from . import limits

MAX_DEPTH = limits.MAX_YAML_NESTING
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
