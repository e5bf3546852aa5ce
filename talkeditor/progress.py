"""Progress and Cancel for long core work, without Qt: opening or checking a big issue,
importing a big .md/.txt/.docx, the Zhihu check and export.

A long function takes an optional ``progress`` callback and calls it now and then with the
fraction done (a float from 0.0 to 1.0). The caller's callback may raise :class:`Cancelled`
to stop the work: the window's background runner (``ui/background.py``) does when the host
clicks Cancel, so the cancel flag is checked at every report. The functions report only at
points where stopping leaves nothing changed (before any file is written), so a cancelled
call is as if it had never been made. Without a callback nothing is reported and nothing
costs more.

Helpers: :func:`report` (calls a callback that may be None), :func:`part` (a sub-step's
0..1 mapped onto a slice of its caller's range), :func:`each` (reports every so many items
of a loop).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

#: ``progress(fraction)``: 0.0 <= fraction <= 1.0; may raise Cancelled.
Progress = Callable[[float], None]

T = TypeVar("T")


class Cancelled(Exception):
    """The host stopped the work; the function that raised it changed nothing."""


def report(progress: Progress | None, fraction: float) -> None:
    """Tell ``progress`` (if any) that ``fraction`` of the work is done (clamped to 0..1).
    Raises Cancelled when the caller's callback does."""
    if progress is not None:
        progress(min(1.0, max(0.0, fraction)))


def part(progress: Progress | None, start: float, end: float) -> Progress | None:
    """A callback for a sub-step whose own 0..1 covers ``start``..``end`` of ``progress``;
    None when ``progress`` is None. Reports ``start`` at once (so Cancel is checked)."""
    if progress is None:
        return None
    report(progress, start)
    width = end - start
    return lambda fraction: report(progress, start + width * fraction)


def each(progress: Progress | None, items: Iterable[T], total: int,
         every: int = 1) -> Iterator[T]:
    """The ``items`` of a loop over ``total`` of them, reporting ``i / total`` before every
    ``every``-th item (and 1.0 at the end) when ``progress`` is given."""
    if progress is None:
        yield from items
        return
    count = max(1, total)
    for i, item in enumerate(items):
        if i % every == 0:
            report(progress, i / count)
        yield item
    report(progress, 1.0)
