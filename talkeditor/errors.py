"""The two kinds of failure the core reports: bad input and a failed write.

``IssueFormatError`` is anything wrong with a file the user gave us (its message names the
place); ``WriteError`` is a write the disk refused (full, read-only, file size limit), with
the file it was writing. Neither is a bug: the CLI prints one line and exits 2, the app shows
a dialog.
"""

from __future__ import annotations

import os


class IssueFormatError(ValueError):
    """Any problem with an issue file: one type, with a message that names the place."""

    def __init__(self, message: str, where: str = "", line: int | None = None,
                 column: int | None = None):
        self.message = message
        self.where = where
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.line is not None:
            text += f" (line {self.line}, column {self.column})"
        return text


class WriteError(OSError):
    """Writing ``path`` failed (disk full, file too large, no permission…).

    ``written`` lists the files that were already replaced when the write failed (empty when
    nothing on disk changed).
    """

    def __init__(self, path: str | os.PathLike, reason: str, errno_: int | None = None,
                 written: tuple = ()):
        self.path = str(path)
        self.reason = reason
        self.written = tuple(str(p) for p in written)
        super().__init__(errno_, f"cannot write {self.path}: {reason}")

    def __str__(self) -> str:
        text = f"cannot write {self.path}: {self.reason}"
        if self.written:
            text += f" (already written: {', '.join(self.written)})"
        else:
            text += " (nothing was changed on disk)"
        return text

    @classmethod
    def from_os_error(cls, path, exc: OSError, written: tuple = ()) -> WriteError:
        if isinstance(exc, WriteError):
            return exc
        return cls(path, exc.strerror or str(exc), exc.errno, written)
