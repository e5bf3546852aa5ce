"""The errors the core raises for bad input, importable without loading YAML or Qt.

``IssueFormatError`` is any problem with an issue file or other input (a ``ValueError``
whose message names the place); ``storage.yaml_format`` re-exports it.
"""

from __future__ import annotations


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
