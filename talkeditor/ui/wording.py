"""The window's words for the core's structured results (one rule for user-facing text).

The core returns codes and data (``storage.recovery.DraftDifference``,
``reuse.copy_format.FormatNote``, ``archive.repeats.Repeat``); this module turns them into
sentences through Qt's translation catalogue (English source strings, Chinese in
``resources/i18n``), so the same result reads right in either language. The command line
words what it prints itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from .. import errors
from ..lazy import lazy_import
from ..reuse import copy_format as fmt

if TYPE_CHECKING:
    from ..archive.repeats import Repeat

recovery = lazy_import("talkeditor.storage.recovery")  # a draft is worded after the first paint

_MAX_SHOWN = 5
#: How many past issues a repeat names before "and others".
MAX_LISTED = 2

#: Copy Format's notes: %1 the section's title path, %2 the field's label, %3 the new title.
FORMAT_NOTES = {
    fmt.RENAMED: QT_TRANSLATE_NOOP(
        "wording", "Section “%1” renamed to “%3” (the past issue's title)"),
    fmt.WEEKLY_KEPT: QT_TRANSLATE_NOOP(
        "wording", "Section “%1”: standing text in the past issue; what this issue has written "
                   "is kept"),
    fmt.STANDING_REPLACED: QT_TRANSLATE_NOOP(
        "wording", "Section “%1”: its standing text is replaced by the past issue's"),
    fmt.STANDING_KEPT_AS_WEEKLY: QT_TRANSLATE_NOOP(
        "wording", "Section “%1”: weekly content in the past issue; this issue's standing text "
                   "is kept as weekly content"),
    fmt.FIELD_REPLACED: QT_TRANSLATE_NOOP(
        "wording", "Section “%1”: 【%2】 is replaced by the past issue's standing value"),
    fmt.FIELD_KEPT: QT_TRANSLATE_NOOP(
        "wording", "Section “%1”: 【%2】 is not in the past issue; kept"),
    fmt.SECTION_KEPT: QT_TRANSLATE_NOOP(
        "wording", "Section “%1” is not in the past issue; kept as it is"),
}


#: The core's file errors (``errors.IssueFormatError.code``): %1 the path, %2 the file name,
#: %3 the system's reason; sizes are %4 and %5 (the limit), in MiB.
ERRORS = {
    errors.NO_SUCH_FILE: QT_TRANSLATE_NOOP("wording", "Cannot read %1: there is no such file"),
    errors.NOT_A_FILE: QT_TRANSLATE_NOOP("wording", "%1 is not a file"),
    errors.NOT_A_FOLDER: QT_TRANSLATE_NOOP("wording", "%1 exists and is not a folder"),
    errors.NOT_A_PICTURE: QT_TRANSLATE_NOOP(
        "wording", "%2 is not a picture (.png, .jpg, .gif, .webp, .bmp)"),
    errors.TOO_LARGE: QT_TRANSLATE_NOOP(
        "wording", "%2 is too large (%4 MiB; the limit is %5 MiB)"),
    errors.CANNOT_READ: QT_TRANSLATE_NOOP("wording", "Cannot read %1: %3"),
}


def _tr(text: str, *values: object) -> str:
    """``text`` from the catalogue, with ``%1``, ``%2`` … replaced by ``values``."""
    out = QCoreApplication.translate("wording", text)
    for i, value in enumerate(values, 1):
        out = out.replace(f"%{i}", str(value))
    return out


def names_list(names: list[str], limit: int = _MAX_SHOWN) -> str:
    """``a, b, c`` (``a、b、c`` in Chinese): the first ``limit`` names, "and more" after."""
    shown = _tr(QT_TRANSLATE_NOOP("wording", ", ")).join(names[:limit])
    if len(names) > limit:
        return _tr(QT_TRANSLATE_NOOP("wording", "%1 and more"), shown)
    return shown


def describe_draft(diff: recovery.DraftDifference) -> str:
    """One line on how a recovered draft differs from its saved file; a warning first when
    that file changed or vanished since the draft was written."""
    text = _describe_draft(diff)
    if diff.original_gone:
        return _tr(QT_TRANSLATE_NOOP("wording", "Note: the saved file was deleted or moved "
                                                "since. %1"), text)
    if diff.original_changed:
        return _tr(QT_TRANSLATE_NOOP("wording", "Note: the saved file changed since this draft; "
                                                "restoring overwrites those changes. %1"), text)
    return text


def _describe_draft(diff: recovery.DraftDifference) -> str:
    if diff.kind == recovery.DRAFT_UNREADABLE:
        return _tr(QT_TRANSLATE_NOOP("wording", "Cannot be read: %1"), diff.error)
    if diff.kind == recovery.NEVER_SAVED:
        return _tr(QT_TRANSLATE_NOOP("wording", "A draft never saved, %1 characters"),
                   diff.chars)
    if diff.kind == recovery.SAVED_UNREADABLE:
        return _tr(QT_TRANSLATE_NOOP("wording",
                                     "The saved file cannot be read; the draft is complete"))
    if diff.kind == recovery.SAME:
        return _tr(QT_TRANSLATE_NOOP("wording", "Same as the saved file"))
    parts = []
    if diff.changed:
        parts.append(_tr(QT_TRANSLATE_NOOP("wording", "%1 sections changed (%2)"),
                         len(diff.changed), names_list(diff.changed)))
    if diff.removed:
        parts.append(_tr(QT_TRANSLATE_NOOP("wording", "%1 sections removed"), diff.removed))
    if not parts:
        parts.append(_tr(QT_TRANSLATE_NOOP("wording", "The issue's details changed")))
    delta = f"{'+' if diff.char_delta >= 0 else ''}{diff.char_delta}"
    parts.append(_tr(QT_TRANSLATE_NOOP("wording", "characters %1"), delta))
    return _tr(QT_TRANSLATE_NOOP("wording", "; ")).join(parts)


def describe_format_note(note: fmt.FormatNote) -> str:
    """One line for something Copy Format did."""
    text = FORMAT_NOTES.get(note.kind)
    if text is None:
        return f"{note.section}: {note.kind}"
    return _tr(text, note.section, note.label, note.title)


def describe_repeat(repeat: Repeat) -> str:
    """Where a repeated link or title appeared before: ``Already in 002 · 本周推荐 / 资料``
    (``已在 002 · 本周推荐 / 资料 出现过``), past issues first, then earlier in this issue."""
    parts = []
    past = [o for o in repeat.previous if not o.in_draft]
    if past:
        issues = list(dict.fromkeys(o.number for o in past))
        shown = _tr(QT_TRANSLATE_NOOP("wording", ", ")).join(
            f"{o.number} · {' / '.join(o.section_path)}" for o in past[:MAX_LISTED])
        if len(issues) > MAX_LISTED:
            shown = _tr(QT_TRANSLATE_NOOP("wording", "%1 and others, %2 issues"), shown,
                        len(issues))
        parts.append(_tr(QT_TRANSLATE_NOOP("wording", "Already in %1"), shown))
    for o in repeat.previous:
        if o.in_draft:
            parts.append(_tr(QT_TRANSLATE_NOOP("wording", "Already in this issue at %1"),
                             " / ".join(o.section_path)))
    return _tr(QT_TRANSLATE_NOOP("wording", "; ")).join(parts)


def describe_error(exc: Exception) -> str:
    """One line for an error the core raised: worded here when it carries a known ``code``
    (``errors.IssueFormatError``), else its own (English) message."""
    text = ERRORS.get(getattr(exc, "code", ""))
    if text is None:
        return str(exc)
    data = exc.data
    mib = 1024 * 1024
    out = _tr(text, data.get("path", ""), data.get("name", ""), data.get("reason", ""),
              f"{int(data.get('size', 0)) / mib:.1f}", f"{int(data.get('limit', 0)) / mib:g}")
    return f"{exc.where}: {out}" if exc.where else out
