"""The window's start-up sequence: the shell painted first, then the issue, then the preview,
then the archive read in the background, so the window is on screen before YAML, the issue and
the dialogs are loaded (issue 18's "window first"). The garbage collector's start-up hold
(``collector``, taken by the entry point) ends with the sequence.

``MainWindow.startupStage`` reports the milestones: 'shell' (first paint, maybe without the
issue), 'document' (the issue painted), 'preview' (its first render set).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer

from ..collector import COLLECTOR_HOLD


class StartupSequence(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        #: what opens the first issue when the shell is painted first (``app.create_main_window``)
        self.opener: Callable[[], None] | None = None
        self._painted = self._started = False
        #: the sequence has run (the issue, the preview and the hidden panels are there)
        self.done = False

    def painted(self) -> None:
        """The window painted (its ``paintEvent``): the first time, the rest follows."""
        if not self._painted:
            self._painted = True
            self.window.startupStage.emit("shell")
            QTimer.singleShot(0, self.run)

    def run(self) -> None:
        """Once the window is on screen: open the issue if the shell came first (and paint it
        at once), render the preview without waiting for the debounce, build the window's
        hidden panels if they wait (``MainWindow.build_rest``), then read the archive in the
        background. Runs once; later calls (the fallback timer) do nothing."""
        if self._started:
            return
        self._started = True
        try:
            window = self.window
            opener, self.opener = self.opener, None
            if opener is not None:
                opener()
                # layouts and item views settle on posted events and zero-time timers: run them
                # first, so the first frame is whole (not an empty highlights list and a
                # clipped status line until the preview has rendered)
                QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
                window.repaint()
            window.startupStage.emit("document")
            if window.preview.isVisible():
                window.preview.refresh()
                window.preview.repaint()
            window.startupStage.emit("preview")
            window.build_rest()
            window.archive_panel.start()
        finally:
            self.done = True
            COLLECTOR_HOLD.end_start_up()
