"""NoticeBar: a non-modal bar above the editor for conditions the host must not miss.

Each notice has a key (one notice per condition: ``autosave``, ``file-missing``…), a message
and buttons for its actions; showing a notice again with the same key replaces it, and
``clear(key)`` takes it away. Unlike the status bar, a notice stays until the condition ends
or the host closes it, and unlike a dialog it never stops the typing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class _Notice(QFrame):
    def __init__(self, key: str, text: str, level: str, parent=None):
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"notice-{key}")
        self.setProperty("level", level)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        colour = {"warning": "#fff4d6", "error": "#fde2e1", "info": "#e3f1fd"}[level]
        self.setStyleSheet(f"QFrame#{self.objectName()} {{ background: {colour}; "
                           "color: #222; border: 1px solid #c9b98b; }")
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.layout_.addWidget(self.label, 1)


class NoticeBar(QWidget):
    """Stacked notices; emits ``noticesChanged()`` whenever one is shown or cleared."""

    noticesChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._notices: dict[str, _Notice] = {}
        self.hide()

    def show_notice(self, key: str, text: str,
                    actions: list[tuple[str, Callable[[], None]]] = (),
                    level: str = "warning", closable: bool = True) -> None:
        """Show (or replace) the notice ``key``: ``text`` and a button per action
        ``(label, callback)``; an action's button also clears the notice."""
        self.clear(key, quiet=True)
        notice = _Notice(key, text, level, self)
        for label, callback in actions:
            button = QPushButton(label, notice)
            button.clicked.connect(lambda _c=False, k=key, cb=callback: (self.clear(k), cb()))
            notice.layout_.addWidget(button)
        if closable:
            close = QPushButton("×", notice)
            close.setObjectName("closeNotice")
            close.setFlat(True)
            close.setToolTip(self.tr("Hide this notice"))
            close.clicked.connect(lambda _c=False, k=key: self.clear(k))
            notice.layout_.addWidget(close)
        self._notices[key] = notice
        self._layout.addWidget(notice)
        self.show()
        self.noticesChanged.emit()

    def clear(self, key: str, quiet: bool = False) -> None:
        notice = self._notices.pop(key, None)
        if notice is None:
            return
        self._layout.removeWidget(notice)
        notice.hide()
        notice.deleteLater()
        if not self._notices:
            self.hide()
        if not quiet:
            self.noticesChanged.emit()

    def text(self, key: str) -> str | None:
        """The message of notice ``key``, None when it is not shown."""
        notice = self._notices.get(key)
        return notice.label.text() if notice is not None else None

    def keys(self) -> list[str]:
        return list(self._notices)

    def trigger(self, key: str, label: str) -> None:
        """Press the action button ``label`` of notice ``key`` (as the host would)."""
        for button in self._notices[key].findChildren(QPushButton):
            if button.text() == label:
                button.click()
                return
        raise KeyError(label)
