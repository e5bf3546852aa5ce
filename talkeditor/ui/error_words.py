"""The window's words for the errors the core raises for the user and for an image the
preview will not show (one rule for user-facing text).

``errors.IssueFormatError`` carries a ``code`` and its ``data``, ``errors.WriteError`` the file
and the system's reason, ``storage.images.ImageRefused`` a ``code`` and ``data``; this module
turns them into one line through Qt's translation catalogue (context ``wording``: English
source strings, Chinese in ``resources/i18n``), keeping the place (the key path, line and
column) of a broken issue file. ``ui/wording.py`` re-exports ``ERRORS`` and ``describe_error``;
the command line words the same codes in English (``cli/wording.py``).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from .. import errors

_PLACEHOLDER = re.compile(r"%([1-9])")
_MIB = 1024 * 1024


def tr_wording(text: str, *values: object) -> str:
    """``text`` from the catalogue (context ``wording``), with ``%1``, ``%2`` … replaced by
    ``values`` in one pass (a value holding ``%2``, as URLs with ``%2F`` do, is left as it
    is)."""
    out = QCoreApplication.translate("wording", text)
    return _PLACEHOLDER.sub(
        lambda m: str(values[int(m.group(1)) - 1]) if int(m.group(1)) <= len(values)
        else m.group(0), out)


_tr = tr_wording

#: The core's errors the window words (``errors.IssueFormatError.code``). The codes in
#: ``ERROR_DATA`` take %1, %2 … from the data keys listed there; the others: %1 the path, %2
#: the file name (or the name a credits edit refused), %3 the system's reason; sizes are %4
#: and %5 (the limit), in MiB; %6 a signature's style.
ERRORS = {
    errors.NO_SUCH_FILE: QT_TRANSLATE_NOOP("wording", "Cannot read %1: there is no such file"),
    errors.NOT_A_FILE: QT_TRANSLATE_NOOP("wording", "%1 is not a file"),
    errors.NOT_A_FOLDER: QT_TRANSLATE_NOOP("wording", "%1 exists and is not a folder"),
    errors.NOT_A_PICTURE: QT_TRANSLATE_NOOP(
        "wording", "%2 is not a picture (.png, .jpg, .gif, .webp, .bmp)"),
    errors.TOO_LARGE: QT_TRANSLATE_NOOP(
        "wording", "%2 is too large (%4 MiB; the limit is %5 MiB)"),
    errors.CANNOT_READ: QT_TRANSLATE_NOOP("wording", "Cannot read %1: %3"),
    errors.OLD_WORD_DOC: QT_TRANSLATE_NOOP(
        "wording", "%2 is an old Word .doc file: save it as .docx in Word or LibreOffice, "
                   "then import that"),
    errors.CANNOT_IMPORT_KIND: QT_TRANSLATE_NOOP(
        "wording", "%2 cannot be imported: past issues come as .txt, .md, .markdown or .docx"),
    errors.EMPTY_FILE: QT_TRANSLATE_NOOP("wording", "%2 is empty"),
    errors.BINARY_FILE: QT_TRANSLATE_NOOP(
        "wording", "%2 is binary data, not a text or Markdown file"),
    errors.NOT_A_DOCX: QT_TRANSLATE_NOOP(
        "wording", "%2 is not a readable Word document (.docx): damaged, password-protected "
                   "or another kind of file"),
    errors.NOT_A_NAME: QT_TRANSLATE_NOOP("wording", "“%2” is not a name"),
    errors.NAME_NOT_LISTABLE: QT_TRANSLATE_NOOP(
        "wording", "“%2” cannot be written in a list of names"),
    errors.NO_NAME: QT_TRANSLATE_NOOP("wording", "There is no name to rename"),
    errors.NOT_A_SIGNATURE_NAME: QT_TRANSLATE_NOOP(
        "wording", "“%2” would not read back as the name of a signature"),
    errors.NOT_A_SIGNATURE_STYLE: QT_TRANSLATE_NOOP(
        "wording", "The style “%6” does not make a signature here"),
    errors.EXPECTED: QT_TRANSLATE_NOOP("wording", "Expected %1, got %2"),
    errors.YAML_TAG: QT_TRANSLATE_NOOP("wording", "The tag %1 is not allowed in an issue file"),
    errors.YAML_ALIAS: QT_TRANSLATE_NOOP(
        "wording", "YAML aliases (*name) are not allowed in an issue file"),
    errors.KEY_NOT_TEXT: QT_TRANSLATE_NOOP("wording", "Keys must be text"),
    errors.DUPLICATE_KEY: QT_TRANSLATE_NOOP("wording", "This key appears twice"),
    errors.MISSING: QT_TRANSLATE_NOOP("wording", "Missing (this key is required)"),
    errors.NUMBER_TOO_LONG: QT_TRANSLATE_NOOP("wording", "The number is too large (%1 digits)"),
    errors.OUT_OF_RANGE: QT_TRANSLATE_NOOP(
        "wording", "Expected a whole number from %1 to %2, got %3"),
    errors.TOO_DEEP: QT_TRANSLATE_NOOP("wording", "The nesting is too deep"),
    errors.NOT_AN_ISSUE: QT_TRANSLATE_NOOP(
        "wording", "Missing: this is not a talkeditor issue file"),
    errors.NEWER_FORMAT: QT_TRANSLATE_NOOP(
        "wording", "Written by a newer talkeditor (format %1); this version reads format %2 "
                   "and older"),
    errors.UNKNOWN_FORMAT: QT_TRANSLATE_NOOP("wording", "Unknown format version %1"),
    errors.BAD_DATE: QT_TRANSLATE_NOOP(
        "wording", "Expected a calendar date as YYYY-MM-DD, got “%1”"),
    errors.BAD_TIME: QT_TRANSLATE_NOOP("wording", "Expected a time as HH:MM, got “%1”"),
    errors.DUPLICATE_ID: QT_TRANSLATE_NOOP("wording", "The section id “%1” is used twice"),
    errors.NOT_ONE_OF: QT_TRANSLATE_NOOP("wording", "“%1” is not allowed here (one of: %2)"),
    errors.ISSUE_TOO_LARGE: QT_TRANSLATE_NOOP(
        "wording", "The issue file is too large (%1 MiB; the limit is %2 MiB)"),
    errors.BINARY_ISSUE: QT_TRANSLATE_NOOP(
        "wording", "This is binary data, not a YAML issue file"),
    errors.NOT_UTF8: QT_TRANSLATE_NOOP(
        "wording", "The file is not UTF-8 text (a bad byte at offset %1)"),
    errors.MALFORMED_YAML: QT_TRANSLATE_NOOP("wording", "The file is malformed YAML: %1"),
    errors.EMPTY_ISSUE: QT_TRANSLATE_NOOP("wording", "The issue file is empty"),
    errors.LINE_TOO_LONG: QT_TRANSLATE_NOOP(
        "wording", "Line %1 is too long (%2 characters; the limit is %3)"),
    errors.TOO_MANY: QT_TRANSLATE_NOOP("wording", "Too many %1 (%2; the limit is %3)"),
    errors.SECTIONS_TOO_DEEP: QT_TRANSLATE_NOOP(
        "wording", "Sections are nested too deep (more than %1 levels)"),
    errors.TEXT_TOO_DEEP: QT_TRANSLATE_NOOP(
        "wording", "Line %1 of the text is nested %2 levels deep (lists and quotes; the limit "
                   "is %3)"),
    errors.UNREADABLE_ENCODING: QT_TRANSLATE_NOOP("wording", "%1 is not readable %2 text"),
    errors.UNKNOWN_ENCODING: QT_TRANSLATE_NOOP(
        "wording", "%1: the text encoding could not be recognised (it is not UTF-8); save the "
                   "file as UTF-8 and import it again"),
    errors.DOCX_TOO_LARGE: QT_TRANSLATE_NOOP(
        "wording", "%1 unpacks to too much for a Word document (too many or too large parts; "
                   "perhaps a zip bomb)"),
    errors.IMPORT_TOO_LARGE: QT_TRANSLATE_NOOP(
        "wording", "%1: the imported issue would be too large to open again, so it was not "
                   "imported: %2"),
    errors.MARKDOWN_TOO_DEEP: QT_TRANSLATE_NOOP(
        "wording", "The Markdown is nested too deeply to export"),
    errors.BAD_IMAGE_BASE: QT_TRANSLATE_NOOP(
        "wording", "The image address prefix must be an http(s) address, not “%1”"),
    errors.NO_NUMBER: QT_TRANSLATE_NOOP(
        "wording", "An issue needs a number to go into the archive"),
    errors.ARCHIVE_HAS_ISSUE: QT_TRANSLATE_NOOP(
        "wording", "The archive already has issue %1 (%2)"),
    errors.NO_SUCH_ISSUE: QT_TRANSLATE_NOOP("wording", "The archive %2 has no issue %1"),
    errors.NO_ASSETS: QT_TRANSLATE_NOOP("wording", "The assets folder %1 does not exist"),
    errors.CANNOT_COPY_ASSETS: QT_TRANSLATE_NOOP("wording", "Cannot copy the assets: %1"),
}
#: The data keys of a code's %1, %2 … (``errors.py`` names the data of each code).
ERROR_DATA = {
    errors.EXPECTED: ("expected", "got"), errors.YAML_TAG: ("tag",),
    errors.NUMBER_TOO_LONG: ("digits",), errors.OUT_OF_RANGE: ("low", "high", "value"),
    errors.NEWER_FORMAT: ("version", "supported"), errors.UNKNOWN_FORMAT: ("version",),
    errors.BAD_DATE: ("value",), errors.BAD_TIME: ("value",), errors.DUPLICATE_ID: ("id",),
    errors.NOT_ONE_OF: ("value", "choices"), errors.ISSUE_TOO_LARGE: ("size", "limit"),
    errors.NOT_UTF8: ("offset",), errors.MALFORMED_YAML: ("problem",),
    errors.LINE_TOO_LONG: ("line", "length", "limit"),
    errors.TOO_MANY: ("what", "count", "limit"), errors.SECTIONS_TOO_DEEP: ("limit",),
    errors.TEXT_TOO_DEEP: ("line", "depth", "limit"),
    errors.UNREADABLE_ENCODING: ("name", "encoding"), errors.UNKNOWN_ENCODING: ("name",),
    errors.DOCX_TOO_LARGE: ("name",), errors.IMPORT_TOO_LARGE: ("name", "cause"),
    errors.BAD_IMAGE_BASE: ("url",), errors.ARCHIVE_HAS_ISSUE: ("number", "path"),
    errors.NO_SUCH_ISSUE: ("number", "path"), errors.NO_ASSETS: ("path",),
    errors.CANNOT_COPY_ASSETS: ("reason",),
}
for _code in (errors.YAML_ALIAS, errors.KEY_NOT_TEXT, errors.DUPLICATE_KEY, errors.MISSING,
              errors.TOO_DEEP, errors.NOT_AN_ISSUE, errors.BINARY_ISSUE, errors.EMPTY_ISSUE,
              errors.MARKDOWN_TOO_DEEP, errors.NO_NUMBER):
    ERROR_DATA[_code] = ()
#: What a YAML node was or should have been (``errors.KINDS``: EXPECTED's %1 and %2).
KINDS = {
    "mapping": QT_TRANSLATE_NOOP("wording", "a mapping (key: value)"),
    "list": QT_TRANSLATE_NOOP("wording", "a list"),
    "text": QT_TRANSLATE_NOOP("wording", "text"),
    "number": QT_TRANSLATE_NOOP("wording", "a number"),
    "boolean": QT_TRANSLATE_NOOP("wording", "true or false"),
    "nothing": QT_TRANSLATE_NOOP("wording", "nothing"),
    "date": QT_TRANSLATE_NOOP("wording", "a date"),
    "list-of-text": QT_TRANSLATE_NOOP("wording", "a list of text"),
    "whole-number": QT_TRANSLATE_NOOP("wording", "a whole number"),
    "list-of-sections": QT_TRANSLATE_NOOP("wording", "a list of sections"),
    "list-of-conflicts": QT_TRANSLATE_NOOP("wording", "a list of conflicts"),
}
#: What there are too many of (TOO_MANY's %1).
COUNTED = {"items": QT_TRANSLATE_NOOP("wording", "items"),
           "sections": QT_TRANSLATE_NOOP("wording", "sections")}

#: Why the preview does not show an image (``storage.images.CODES``, written out so that
#: wording an error does not import the storage layer): %1, %2 from the data keys in
#: ``_IMAGE_DATA``.
IMAGE_REFUSALS = {
    "no-address": QT_TRANSLATE_NOOP("wording", "no image address"),
    "remote": QT_TRANSLATE_NOOP("wording", "remote images are not loaded"),
    "file-url": QT_TRANSLATE_NOOP(
        "wording", "file:// addresses are not shown; put the image in assets/"),
    "scheme": QT_TRANSLATE_NOOP("wording", "%1: addresses are not shown"),
    "absolute": QT_TRANSLATE_NOOP(
        "wording", "absolute paths are not shown; put the image in assets/"),
    "not-saved": QT_TRANSLATE_NOOP(
        "wording", "the issue is not saved yet, so it has no folder for images"),
    "unresolvable": QT_TRANSLATE_NOOP("wording", "the path cannot be resolved"),
    "outside": QT_TRANSLATE_NOOP("wording", "outside the issue's folder"),
    "not-an-image": QT_TRANSLATE_NOOP("wording", "not an image file"),
    "missing": QT_TRANSLATE_NOOP("wording", "missing or unreadable"),
    "not-a-file": QT_TRANSLATE_NOOP("wording", "not a regular file, so not an image"),
    "too-large": QT_TRANSLATE_NOOP("wording", "larger than %1 MB"),
    "unreadable": QT_TRANSLATE_NOOP("wording", "missing, unreadable or not a file"),
    "too-many-pixels": QT_TRANSLATE_NOOP("wording", "too many pixels (%1×%2)"),
    "undecodable": QT_TRANSLATE_NOOP("wording", "cannot be decoded (%1)"),
}
_IMAGE_DATA = {"scheme": ("scheme",), "too-large": ("limit_mb",),
               "too-many-pixels": ("width", "height"), "undecodable": ("detail",)}


def _value(key: str, value: object) -> object:
    """One data value as the words show it."""
    if key in ("expected", "got"):
        return _tr(KINDS[value]) if value in KINDS else value
    if key == "what":
        return _tr(COUNTED[value]) if value in COUNTED else value
    if key == "choices":
        return _tr(QT_TRANSLATE_NOOP("wording", ", ")).join(str(v) for v in value)
    if key == "cause" and isinstance(value, Exception):
        return describe_error(value)
    return value


def describe_error(exc: Exception) -> str:
    """One line for an error the core raised: a ``WriteError`` names the file and keeps the
    system's reason; an ``IssueFormatError`` with a known ``code`` is worded here, with its
    place (``where``, line and column); anything else gives its own (English) message."""
    if isinstance(exc, errors.WriteError):
        out = _tr(QT_TRANSLATE_NOOP("wording", "Cannot write %1: %2"), exc.path, exc.reason)
        if exc.written:
            out = _tr(QT_TRANSLATE_NOOP("wording", "%1 (already written: %2)"), out,
                      _tr(QT_TRANSLATE_NOOP("wording", ", ")).join(exc.written))
        return out
    code = getattr(exc, "code", "")
    text = ERRORS.get(code)
    if text is None:
        return str(exc)
    data = exc.data
    if code in ERROR_DATA:
        values = [_value(key, data.get(key, "")) for key in ERROR_DATA[code]]
        if code == errors.ISSUE_TOO_LARGE:
            values = [f"{int(v or 0) / _MIB:.1f}" if i == 0 else f"{int(v or 0) / _MIB:g}"
                      for i, v in enumerate(values)]
    else:
        values = [data.get("path", ""), data.get("name", ""), data.get("reason", ""),
                  f"{int(data.get('size', 0)) / _MIB:.1f}",
                  f"{int(data.get('limit', 0)) / _MIB:g}", data.get("style", "")]
    out = _tr(text, *values)
    if exc.where:
        out = _tr(QT_TRANSLATE_NOOP("wording", "%1: %2"), exc.where, out)
    if exc.line is not None:
        out = _tr(QT_TRANSLATE_NOOP("wording", "%1 (line %2, column %3)"), out, exc.line,
                  exc.column)
    return out


def describe_image_refusal(refused: Exception) -> str:
    """Why the preview does not show an image (``storage.images.ImageRefused``), one short
    phrase; a refusal without a known code gives its own (English) reason."""
    text = IMAGE_REFUSALS.get(getattr(refused, "code", ""))
    if text is None:
        return getattr(refused, "reason", "") or str(refused)
    return _tr(text, *(refused.data.get(key, "") for key in _IMAGE_DATA.get(refused.code, ())))
