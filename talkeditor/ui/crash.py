"""The last line of defence: an unexpected Python error in the GUI is logged and shown.

Without it, PySide6 prints the traceback to a terminal the host never sees and the action
silently stops half-way. ``install()`` makes ``sys.excepthook`` append the traceback to
``paths.log_path()`` (the state folder, from platformdirs) and show an error dialog that
names the log; the window and its open work stay as they are.
"""

from __future__ import annotations

import sys
import traceback
from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from .. import __version__, paths
from ..lazy import lazy_import
from ..storage.files import append_log

dialogs = lazy_import("talkeditor.ui.dialogs")  # loaded on first use, after the first paint

_showing = False  # an error raised while the dialog is up is logged, not shown again


def write_log(text: str) -> str:
    """Append ``text`` with a time stamp to the log; returns the log's path ('' if it could
    not be written)."""
    path = paths.log_path()
    try:
        append_log(path, f"--- {datetime.now().isoformat(timespec='seconds')} "
                         f"talkeditor {__version__}\n{text}\n")
    except OSError:
        return ""
    return str(path)


def handle(exc_type, exc, tb) -> None:
    """The excepthook: log, then tell the user in a dialog (never exits)."""
    global _showing
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    where = write_log(details)
    sys.stderr.write(details)
    if _showing or QApplication.instance() is None:
        return
    translate = QCoreApplication.translate
    text = translate("crash", "talkeditor ran into an unexpected error; the action was not "
                              "finished. Your open issue is still here: save it to be safe.")
    if where:
        text += "\n" + translate("crash", "Details were written to %1").replace("%1", where)
    _showing = True
    try:
        dialogs.show_error(QApplication.activeWindow(), translate("crash", "Unexpected error"),
                           text, details)
    finally:
        _showing = False


def install() -> None:
    sys.excepthook = handle
