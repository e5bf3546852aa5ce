"""The main window's layout kept across sessions (geometry, docks, whether the preview and
the Past Issues panel are shown) and its colours following the system's light or dark scheme."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from .panels.on_screen import on_screen


def restore_layout(window) -> None:
    """Geometry and dock layout from the settings (a first start: the default sizes)."""
    settings = window.settings
    geometry, state = settings.window_geometry(), settings.window_state()
    if geometry:
        window.restoreGeometry(geometry)
    else:
        _fit_on_screen(window)
    if not state or not window.restoreState(state):
        window.resizeDocks([window.tree_dock, window.preview_dock], [250, 520],
                           Qt.Orientation.Horizontal)
    window.toggle_preview(settings.preview_visible())
    window.preview_dock.visibilityChanged.connect(lambda _v: _preview_action_follows(window))


#: Room left for the window manager's title bar when the default size must shrink (pixels).
TITLE_BAR_ALLOWANCE = 40


def _fit_on_screen(window) -> None:
    """A first start: the default size, shrunk to the screen's free area (a 1366×768 laptop
    must see the status bar, the dock tabs and the find bar)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    free = screen.availableGeometry()
    width = min(window.width(), free.width())
    height = window.height()
    if height > free.height():
        height = max(free.height() - TITLE_BAR_ALLOWANCE, free.height() // 2)
    window.resize(width, height)


def _preview_action_follows(window) -> None:
    """The dock closed or shown by its own button: View › Preview follows, silently."""
    if shiboken6.isValid(window) and not window.isMinimized():  # not while being destroyed
        action = window.actions_["actionTogglePreview"]
        action.blockSignals(True)
        action.setChecked(window.preview_dock.isVisible())
        action.blockSignals(False)


def save_layout(window) -> None:
    """Into the settings object (the caller saves the settings)."""
    window.settings.set_window_layout(bytes(window.saveGeometry()), bytes(window.saveState()))
    window.settings.set_preview_visible(window.preview_dock.isVisible())
    window.settings.set_archive_shown(on_screen(window.archive_dock))


def apply_colour_scheme(window) -> None:
    """The preview's and the editor's colours for the system's current scheme."""
    dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    window.preview.set_dark(dark)
    window.editor.pane.set_dark(dark)
    window.preview.schedule()
