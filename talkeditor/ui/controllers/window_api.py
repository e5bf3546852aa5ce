"""The small interface controllers use to reach the window (instead of ``window.<deep chain>``).

The main window implements it; a controller is given it (and the one or two panels it drives)
when it is made, and asks nothing else of the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QPlainTextEdit, QWidget

    from ...archive.folder import Archive
    from ...settings import Settings
    from ..document.issue_document import IssueDocument
    from ..document.manager import DocumentManager


class WindowApi(Protocol):
    manager: DocumentManager
    settings: Settings
    archive: Archive

    @property
    def document(self) -> IssueDocument:
        """The open document (it changes when another issue is opened)."""

    def dialog_parent(self) -> QWidget:
        """The widget dialogs open over."""

    def show_message(self, text: str, ms: int = 8000) -> None:
        """A status-bar message for ``ms`` milliseconds."""

    def current_section(self) -> str:
        """The id of the section in the editor ('' for the issue's metadata)."""

    def show_section(self, section_id: str) -> None:
        """Select the section in the tree and show it in the editor (raising the tree tab)."""

    def body_editor(self) -> QPlainTextEdit:
        """The body editor of the section shown (objectName ``bodyEditor``)."""

    def select_body_range(self, start: int, end: int) -> None:
        """Select characters ``start``..``end`` of the body shown and scroll to them."""

    def goto_line(self, line: int) -> None:
        """Put the cursor on body line ``line`` (1-based) of the section shown."""

    def set_repeats(self, items: list[tuple[int, str]]) -> None:
        """Show (body line, message) warnings under the editor."""
