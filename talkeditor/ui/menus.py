"""The window's two live menus: File › Open Recent (filled from the settings each time it
opens) and View › Language (Chinese, English, or follow the system; saved in the settings and
applied the next time the app starts; ``--lang`` still wins for one run)."""

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


class RecentMenu(QMenu):
    """File › Open Recent: the recent issues that still exist, and Clear the list."""

    def __init__(self, manager, parent=None):
        super().__init__(self.tr("Open &Recent"), parent)
        self.setObjectName("menuRecent")
        self.manager = manager  # the DocumentManager: recent_files, open_recent, clear_recent
        self.aboutToShow.connect(self.fill)

    def fill(self) -> None:
        self.clear()
        recent = self.manager.recent_files()
        for index, name in enumerate(recent, 1):
            action = self.addAction(f"&{index} {name}")
            action.triggered.connect(lambda _c=False, n=name: self.manager.open_recent(n))
        if not recent:
            self.addAction(self.tr("No recent issues")).setEnabled(False)
        else:
            self.addSeparator()
            self.addAction(self.tr("Clear the list"), self.manager.clear_recent)
