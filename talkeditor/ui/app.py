"""Application bootstrap: QApplication, translations, icon, and the first window.

``main()`` is what ``talkeditor`` runs with no sub-command; ``create_main_window()`` is the
entry point tests use (it returns a shown window without starting the event loop).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from .. import __version__, paths
from ..settings import Settings

_translators: list[QTranslator] = []


def ui_language(requested: str | None, settings: Settings) -> str:
    """'zh_CN' or 'en': the --lang option, the saved preference, then the system locale."""
    lang = requested or settings.language() or QLocale.system().name()
    return "zh_CN" if lang.lower().replace("-", "_").startswith("zh") else "en"


def install_translations(app: QApplication, lang: str) -> None:
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    if lang != "zh_CN":
        return
    ours = QTranslator(app)
    if ours.load(str(paths.resources_dir() / "i18n" / "talkeditor_zh_CN.qm")):
        _translators.append(ours)
    qt = QTranslator(app)
    if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        _translators.append(qt)
    for translator in _translators:
        app.installTranslator(translator)


def app_icon() -> QIcon:
    icons = paths.resources_dir() / "icons"
    icon = QIcon()
    for png in sorted(icons.glob("talkeditor-*.png")):
        icon.addFile(str(png))
    svg = icons / "talkeditor.svg"
    if svg.exists():
        icon.addFile(str(svg))
    return icon


# Seconds a thread waiting for the GIL waits before the running one must hand it over
# (Python's default: 0.005). Every Python slot, model data() call or event override the GUI
# thread runs while a worker thread converts, imports or exports waits up to this long: a
# repaint making a thousand such calls froze the window for 2.9 s during an 80x issue's
# Zhihu check at 5 ms, 0.6 s at 0.5 ms (benchmarks/run.py background_stall).
GIL_SWITCH_INTERVAL_S = 0.0005


def ensure_app(lang: str | None = None, settings: Settings | None = None, *,
               icon: bool = True) -> QApplication:
    """The QApplication (made on the first call) with talkeditor's names, translations, GIL
    switch interval (``GIL_SWITCH_INTERVAL_S``) and, unless ``icon`` is False, its icon."""
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName("talkeditor")
    app.setApplicationDisplayName("talkeditor")
    app.setOrganizationName("talkeditor")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.github.talkeditor.TalkEditor")
    if icon:
        app.setWindowIcon(app_icon())
    install_translations(app, ui_language(lang, settings or Settings()))
    return app


def create_main_window(path: str | Path | None = None, lang: str | None = None, *,
                       shell_first: bool = False):
    """The main window, shown, on ``path`` or else the last issue or a new one from the
    default template. No event loop is started.

    ``shell_first`` (what ``main()`` does): the window is shown empty and the issue is opened
    right after its first paint (``startup.StartupSequence``), so the window appears
    before the issue, YAML and the dialogs are loaded; the window's hidden panels
    (``MainWindow.build_rest``) and icon (its six sizes, read and set as an X11 window
    property: ~10 ms) come then too."""
    settings = Settings()
    ensure_app(lang, settings, icon=not shell_first)
    from .main_window import MainWindow

    window = MainWindow(settings, later=shell_first)
    if shell_first:
        def opener() -> None:
            QApplication.instance().setWindowIcon(app_icon())  # before a recovery question
            open_first_issue(window, path)

        window.startup.opener = opener
        window.show()
        QTimer.singleShot(2000, window.startup.run)  # if no paint ever comes
        return window
    open_first_issue(window, path)
    window.show()
    return window


def open_first_issue(window, path: str | Path | None) -> None:
    """A draft left by a crash (asked), else ``path``, else the last issue, else a new one
    from the default template."""
    opened = window.offer_recovery()
    if not opened and path is not None:
        opened = window.open_path(path)
    elif not opened:
        last = window.settings.last_issue()
        if last and Path(last).is_file():
            opened = window.open_path(last)
    if not opened:
        window.new_from_template()


def start(path: str | None = None, lang: str | None = None):
    """What ``main()`` does before its event loop (also the start-up benchmark's path): the
    crash hook, then the window shown shell first and raised. Returns the window."""
    from . import crash

    crash.install()  # not in create_main_window: tests keep pytest-qt's own hook
    window = create_main_window(path, lang, shell_first=True)
    window.raise_()
    return window


def main(path: str | None = None, lang: str | None = None) -> int:
    start(path, lang)
    return QApplication.instance().exec()
