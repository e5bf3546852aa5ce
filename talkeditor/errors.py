"""The two errors the core raises for the user to see: bad input, and a write that failed.

``IssueFormatError`` is any problem with what the user gave us (an issue file, a file to
import, a command-line value); ``WriteError`` is a file that could not be written (the disk
is full, the folder is read-only …). Both carry their place (the file, and for an issue file
the key path, line and column), so one line tells the user what to fix and where. Callers
catch these two (or their common base ``TalkeditorError``) instead of a mix of ``OSError``
and ``ValueError``: the CLI prints the message and exits 2, the app shows it in a dialog.

This module imports nothing, so catching an error never pulls in the YAML layer or Qt.
"""

from __future__ import annotations

import os
from pathlib import Path


class TalkeditorError(Exception):
    """Base of the errors meant for the user: ``str(error)`` is one line naming the place."""


#: Codes of the file problems the app words itself (``ui.wording.describe_error``); ``data``
#: holds ``path`` (the file as given), ``name`` (its file name) and, for TOO_LARGE, ``size``
#: and ``limit`` (bytes), for CANNOT_READ ``reason`` (the system's words), for NOT_A_FILE
#: ``kind`` (what it is, in English).
NO_SUCH_FILE = "no-such-file"
NOT_A_FILE = "not-a-file"
NOT_A_FOLDER = "not-a-folder"
NOT_A_PICTURE = "not-a-picture"
TOO_LARGE = "too-large"
CANNOT_READ = "cannot-read"
#: Codes of a past issue the importer cannot take in; ``data``: ``name`` and, for
#: CANNOT_IMPORT_KIND, ``suffix`` (``.pdf``, or "" for a file without one).
OLD_WORD_DOC = "old-word-doc"
CANNOT_IMPORT_KIND = "cannot-import-kind"
EMPTY_FILE = "empty-file"
BINARY_FILE = "binary-file"
NOT_A_DOCX = "not-a-docx"
#: Codes of the names a credits edit refuses; ``data``: ``name`` (as given) or ``style``.
NOT_A_NAME = "not-a-name"
NAME_NOT_LISTABLE = "name-not-listable"
NO_NAME = "no-name"
NOT_A_SIGNATURE_NAME = "not-a-signature-name"
NOT_A_SIGNATURE_STYLE = "not-a-signature-style"
#: Codes of a broken issue file (``storage/yaml_format.py``, ``yaml_checks.py``,
#: ``limits.py``); the place is the error's ``where``, ``line`` and ``column``. ``data``:
#: EXPECTED ``expected`` and ``got`` (keys of ``KINDS``); YAML_TAG ``tag``; NUMBER_TOO_LONG
#: ``digits``; OUT_OF_RANGE ``low``, ``high``, ``value``; NEWER_FORMAT ``version``,
#: ``supported``; UNKNOWN_FORMAT ``version``; BAD_DATE, BAD_TIME ``value``; DUPLICATE_ID
#: ``id``; NOT_ONE_OF ``value``, ``choices`` (a list); ISSUE_TOO_LARGE ``size``, ``limit``
#: (bytes); NOT_UTF8 ``offset``; MALFORMED_YAML ``problem`` (PyYAML's English words);
#: LINE_TOO_LONG ``line``, ``length``, ``limit``; TOO_MANY ``what`` (``items`` or
#: ``sections``), ``count``, ``limit``; SECTIONS_TOO_DEEP ``limit``; TEXT_TOO_DEEP ``line``,
#: ``depth``, ``limit``.
EXPECTED = "expected"
YAML_TAG = "yaml-tag"
YAML_ALIAS = "yaml-alias"
KEY_NOT_TEXT = "key-not-text"
DUPLICATE_KEY = "duplicate-key"
MISSING = "missing"
NUMBER_TOO_LONG = "number-too-long"
OUT_OF_RANGE = "out-of-range"
TOO_DEEP = "too-deep"
NOT_AN_ISSUE = "not-an-issue"
NEWER_FORMAT = "newer-format"
UNKNOWN_FORMAT = "unknown-format"
BAD_DATE = "bad-date"
BAD_TIME = "bad-time"
DUPLICATE_ID = "duplicate-id"
NOT_ONE_OF = "not-one-of"
ISSUE_TOO_LARGE = "issue-too-large"
BINARY_ISSUE = "binary-issue"
NOT_UTF8 = "not-utf8"
MALFORMED_YAML = "malformed-yaml"
EMPTY_ISSUE = "empty-issue"
LINE_TOO_LONG = "line-too-long"
TOO_MANY = "too-many"
SECTIONS_TOO_DEEP = "sections-too-deep"
TEXT_TOO_DEEP = "text-too-deep"
#: What a YAML node was or should have been (EXPECTED's ``expected`` and ``got``); a tag
#: outside these is given as it is.
KINDS = ("mapping", "list", "text", "number", "boolean", "nothing", "date", "list-of-text",
         "whole-number", "list-of-sections", "list-of-conflicts")
#: Codes of an import refused past the first checks; ``data``: ``name`` and, for
#: UNREADABLE_ENCODING ``encoding``, for IMPORT_TOO_LARGE ``cause`` (the IssueFormatError the
#: imported issue would give when opened).
UNREADABLE_ENCODING = "unreadable-encoding"
UNKNOWN_ENCODING = "unknown-encoding"
DOCX_TOO_LARGE = "docx-too-large"
IMPORT_TOO_LARGE = "import-too-large"
#: Codes of the Zhihu export and the archive; ``data``: BAD_IMAGE_BASE ``url``;
#: ARCHIVE_HAS_ISSUE and NO_SUCH_ISSUE ``number``, ``path`` (the issue file, the archive);
#: NO_ASSETS ``path``; CANNOT_COPY_ASSETS ``reason`` (the system's words).
MARKDOWN_TOO_DEEP = "markdown-too-deep"
BAD_IMAGE_BASE = "bad-image-base"
NO_NUMBER = "no-number"
ARCHIVE_HAS_ISSUE = "archive-has-issue"
NO_SUCH_ISSUE = "no-such-issue"
NO_ASSETS = "no-assets"
CANNOT_COPY_ASSETS = "cannot-copy-assets"


class IssueFormatError(TalkeditorError, ValueError):
    """Bad input: one type, with a message that names the place.

    ``where`` is the place inside the input (``sections[3].fields[1].label``, or a file name),
    ``line`` and ``column`` are 1-based positions in the file when known. ``str()`` gives
    ``where: message (line L, column C)`` in English (the CLI prints it). ``code`` (one of the
    constants above, or "") and ``data`` say the same for the app to word in its language.
    """

    def __init__(self, message: str, where: str = "", line: int | None = None,
                 column: int | None = None, *, code: str = "",
                 data: dict[str, object] | None = None):
        self.message = message
        self.where = where
        self.line = line
        self.column = column
        self.code = code
        self.data = dict(data or {})
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.line is not None:
            text += f" (line {self.line}, column {self.column})"
        return text


class WriteError(TalkeditorError, OSError):
    """A file could not be written: ``path`` is the file, ``reason`` the system's words
    (``Permission denied``). ``str()`` gives ``cannot write PATH: REASON``.

    It is an ``OSError`` too (``strerror`` is the reason, ``filename`` the path), so code that
    still catches ``OSError`` keeps working. ``written`` lists the files a multi-file write
    (issue.yaml + issue.md) had already replaced when it failed, empty when nothing on disk
    changed; ``str()`` then adds ``(already written: …)``.
    """

    def __init__(self, path: str | os.PathLike, reason: str, written: tuple = ()):
        self.path = Path(path)
        self.reason = reason
        self.written = tuple(str(p) for p in written)
        message = f"cannot write {self.path}: {reason}"
        if self.written:
            message += f" (already written: {', '.join(self.written)})"
        super().__init__(message)
        self.strerror = reason
        self.filename = str(self.path)

    def __str__(self) -> str:
        return self.args[0]

    @classmethod
    def from_os_error(cls, path: str | os.PathLike, exc: OSError,
                      written: tuple = ()) -> WriteError:
        """The WriteError for ``exc`` raised while writing ``path``."""
        if isinstance(exc, WriteError) and not written:
            return exc
        return cls(path, exc.strerror or str(exc), written)
