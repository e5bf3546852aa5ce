"""The Qt user interface of talkeditor; every module that imports Qt lives in this package.

Importing it loads QtCore and tells PySide's import hook about the modules it would otherwise
read (``_known_to_pyside``).
"""

from __future__ import annotations

import sys

from PySide6 import QtCore  # noqa: F401 - installs PySide's import hook, filled in below

from ..lazy import own_module_names


def _known_to_pyside() -> None:
    """Spare PySide's import hook the reading of every module's source.

    Once QtCore is loaded, PySide6 replaces ``__import__`` with a hook (for its opt-in
    ``from __feature__ import snake_case``) that, the first time it sees a module, reads the
    module's whole source to look for the word "PySide6" and records the answer in
    ``pyside_feature_dict``: 0 (uses PySide) or -1 (not its business). Before the first paint
    that is ~100 modules and ~15 ms, half of them talkeditor's own and half the standard
    library's already loaded. Here the table gets those answers without reading: 0 for this
    package, -1 for the core and for every other module already loaded. talkeditor never selects a
    feature, so every module sees Qt's plain names whichever value it has. Source: PySide6's
    ``shibokensupport/feature.py`` (``feature_imported``, ``_mod_uses_pyside``); should a later
    PySide drop the table, this does nothing.
    """
    feature = sys.modules.get("PySide6.support.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return
    for name in own_module_names():
        table.setdefault(name, 0 if name == __name__ or name.startswith(__name__ + ".") else -1)
    for name in list(sys.modules):
        table.setdefault(name, -1)


_known_to_pyside()
