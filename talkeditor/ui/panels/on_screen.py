"""Panels that do their work only while the host can see them (the preview, the credits
panel, the archive list while the archive is read): a refresh that comes due while the panel
is hidden or tabbed away waits until the panel is shown again."""

from __future__ import annotations


def on_screen(widget) -> bool:
    """Whether ``widget`` is shown and not behind another tab (a tabbed-away dock's widget
    stays "visible")."""
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


class RefreshOnScreen:
    """Mixin for a QWidget with a single-shot debounce timer ``_timer`` (its timeout connected
    to ``_due``), a ``_stale`` flag set when the shown content is out of date, and
    ``refresh()``; the panel's dock connects ``visibilityChanged`` to ``catch_up``."""

    def on_screen(self) -> bool:
        return on_screen(self)

    def catch_up(self, shown: bool = True) -> None:
        """The panel came into view (its dock's ``visibilityChanged``): refresh if stale."""
        if shown and self._stale:
            self._timer.start()

    def _due(self) -> None:
        if self.on_screen():
            self.refresh()  # out of view since it was scheduled: catch_up() refreshes later
