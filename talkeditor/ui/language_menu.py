"""View › Language: Chinese, English, or follow the system; saved in the settings and applied
the next time the app starts (``--lang`` still wins for one run)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from ..settings import Settings

# (setting value, menu text): '' follows the system locale. The names of the languages are
# written in their own language, so a user who cannot read the current one finds theirs.
CHOICES = (("", None), ("zh_CN", "中文"), ("en", "English"))


class LanguageMenu(QMenu):
    def __init__(self, settings: Settings, save, notify, parent=None):
        super().__init__(self.tr("&Language"), parent)
        self.setObjectName("menuLanguage")
        self.settings = settings
        self.save = save  # callable: write the settings
        self.notify = notify  # callable(text, ms): tell the user
        group = QActionGroup(self)
        current = settings.language() or ""
        for value, text in CHOICES:
            action = QAction(text or self.tr("Follow the System"), self)
            action.setObjectName(f"actionLanguage_{value or 'system'}")
            action.setCheckable(True)
            action.setChecked(value == current)
            action.setData(value)
            group.addAction(action)
            self.addAction(action)
        group.triggered.connect(self._chosen)

    def _chosen(self, action: QAction) -> None:
        value = action.data() or None
        if value == (self.settings.language() or None):
            return
        self.settings.set_language(value)
        self.save()
        self.notify(self.tr("The language changes the next time talkeditor starts"), 10000)
