"""Start-up: the window is painted before the issue, YAML, the dialogs and the Markdown engine
are loaded; the issue, then the first preview (without the debounce), then the archive follow
right after the first paint."""

import os
import subprocess
import sys

from PySide6.QtWidgets import QApplication

from talkeditor.ui.panels.on_screen import on_screen

from .conftest import ROOT


def _printed_by_a_fresh_python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, check=True).stdout.strip()


def test_nothing_but_the_window_is_imported_before_the_first_paint():
    code = ("import sys, talkeditor.cli.main, talkeditor.ui.app, talkeditor.ui.main_window\n"
            "loaded = [m for m in ('yaml', 'markdown', 'pymdownx') if m in sys.modules]\n"
            "dialogs = type(sys.modules['talkeditor.ui.dialogs']).__name__\n"
            "print(loaded, dialogs)\n")
    out = _printed_by_a_fresh_python(code)
    assert out == "[] _LazyModule"


def test_pysides_import_hook_reads_no_talkeditor_source_and_sees_qt_only_in_the_ui():
    code = ("import sys, talkeditor.cli.main, talkeditor.ui\n"
            "feature = sys.modules['PySide6.support.feature']\n"
            "read, scan = [], feature._mod_uses_pyside\n"
            "feature._mod_uses_pyside = lambda m: read.append(m.__name__) or scan(m)\n"
            "import talkeditor.ui.app, talkeditor.ui.main_window\n"
            "table = feature.pyside_feature_dict\n"
            "print([name for name in read if name.startswith('talkeditor')],\n"
            "      table['talkeditor.ui.panels.preview'], table['talkeditor.model'])\n")
    out = _printed_by_a_fresh_python(code)
    assert out == "[] 0 -1"


def test_the_shell_is_painted_first_then_the_issue_then_the_preview(qtbot, no_dialogs,
                                                                     issue_copy):
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from talkeditor.ui.app import create_main_window

    if QApplication.instance() is not None:
        QApplication.instance().setWindowIcon(QIcon())  # as in a fresh process
    window = create_main_window(issue_copy, lang="en", shell_first=True)
    qtbot.addWidget(window)
    stages = []
    seen_at_shell = []
    window.startupStage.connect(stages.append)
    window.startupStage.connect(
        lambda s: seen_at_shell.append((
            window.document.issue.number, window.windowIcon().isNull(),
            hasattr(window, "archive_panel"))) if s == "shell" else None)
    assert window.isVisible() and window.document.issue.number == ""
    qtbot.waitUntil(lambda: "preview" in stages, timeout=10000)
    assert stages == ["shell", "document", "preview"]
    # no issue, window icon or Past Issues panel yet: all after the paint
    assert seen_at_shell == [("", True, False)]
    assert window.document.issue.number == "004" and window.document.path == issue_copy
    assert "OpenLLM Talk 004" in window.preview.toPlainText()
    assert not window.preview._timer.isActive(), "the first render does not wait 250 ms"
    assert window.windowIcon().availableSizes()  # set right after the first paint
    assert window.archive_panel.index is not None  # the archive is being read
    assert window.archive_panel.search.isClearButtonEnabled()
    qtbot.waitUntil(lambda: not window.archive_panel.is_scanning(), timeout=10000)
    window.document.set_modified(False)


def test_without_a_paint_the_issue_still_opens(qtbot, no_dialogs, issue_copy):
    from talkeditor.ui.app import create_main_window

    window = create_main_window(issue_copy, lang="en", shell_first=True)
    qtbot.addWidget(window)
    window.startup.run()
    window.startup.run()  # a second call (the fallback timer) changes nothing
    assert window.document.issue.number == "004"
    qtbot.waitUntil(lambda: not window.archive_panel.is_scanning(), timeout=10000)


#: what the first paint does not need: loaded on first use (issue 18), never at import or while
#: the window is built (a lazy module sits in sys.modules unexecuted, as ``_LazyModule``)
LOADED_LATER = (
    "talkeditor.ui.editor.highlighter", "talkeditor.render.markdown_tree",
    "talkeditor.render.markdown_rules", "talkeditor.credits.names", "talkeditor.credits.places",
    "talkeditor.reuse.next_issue", "talkeditor.archive.index", "talkeditor.archive.search",
    "sqlite3", "talkeditor.collab.sync", "talkeditor.collab.git", "talkeditor.collab.merge",
    "talkeditor.collab.resolve", "difflib", "talkeditor.links.issue_links",
    "talkeditor.links.check", "talkeditor.links.titles", "html.parser", "concurrent.futures",
    "talkeditor.storage.yaml_format", "yaml", "markdown_it", "talkeditor.ui.dialogs",
    "talkeditor.links.urls", "talkeditor.archive.repeats", "talkeditor.reuse.copy_format",
    "hashlib", "secrets", "html",
)


def _in_a_fresh_app(names: tuple[str, ...], body: str) -> list[str]:
    """The output lines of ``body`` run in a fresh offscreen Python, where ``loaded()`` lists
    which of ``names`` are imported for real (a lazy module not used yet does not count)."""
    code = (
        "import sys\n"
        f"later = {names!r}\n"
        "def loaded():\n"
        "    return [m for m in later\n"
        "            if m in sys.modules and type(sys.modules[m]).__name__ != '_LazyModule']\n"
    ) + body
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120, check=True).stdout.splitlines()


def test_what_the_first_paint_does_not_need_is_not_loaded_by_import_or_the_window():
    out = _in_a_fresh_app(LOADED_LATER, (
        "import talkeditor.cli.main, talkeditor.ui.app, talkeditor.ui.main_window\n"
        "print('import', loaded())\n"
        "from talkeditor.ui.app import ensure_app\n"
        "from talkeditor.ui.main_window import MainWindow\n"
        "app = ensure_app('en')\n"
        "window = MainWindow()\n"
        "print('window', loaded())\n"
        "window.document.set_modified(False)\n"
    ))
    assert out == ["import []", "window []"]


def test_the_start_up_hold_keeps_the_collector_off_until_the_issue_and_preview_are_shown(
        qtbot, no_dialogs, issue_copy):
    import gc

    from talkeditor.collector import COLLECTOR_HOLD
    from talkeditor.ui.app import create_main_window

    COLLECTOR_HOLD.hold_for_start_up()  # as the entry point does before it loads Qt
    try:
        assert not gc.isenabled()
        window = create_main_window(issue_copy, lang="en", shell_first=True)
        qtbot.addWidget(window)
        stages = []
        window.startupStage.connect(lambda s: stages.append((s, gc.isenabled())))
        qtbot.waitUntil(lambda: window.startup._started and gc.isenabled(), timeout=10000)
        assert stages == [("shell", False), ("document", False), ("preview", False)]
    finally:
        COLLECTOR_HOLD.end_start_up()
        gc.enable()
    qtbot.waitUntil(lambda: not window.archive_panel.is_scanning(), timeout=10000)
    assert gc.isenabled()  # the archive's reading thread gave its own hold back too
    window.document.set_modified(False)


def test_the_app_entry_point_starts_the_window_with_the_collector_held():
    code = (
        "import gc, sys\n"
        "import talkeditor.ui.app as app\n"
        "from talkeditor.cli import main as cli\n"
        "def fake_main(path=None, lang=None):\n"
        "    print(gc.isenabled(), path, lang)\n"
        "    return 0\n"
        "app.main = fake_main\n"
        "sys.exit(cli.main(['x.yaml', '--lang', 'en']))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, env=env, timeout=120, check=True).stdout.strip()
    assert out == "False x.yaml en"


#: built by MainWindow.build_rest, after the first paint when the app starts (issue 18)
BUILT_AFTER_THE_PAINT = (
    "talkeditor.ui.panels.archive_panel", "talkeditor.ui.editor.find_panel",
    "talkeditor.ui.controllers.archive",
    "talkeditor.ui.controllers.credits", "talkeditor.ui.controllers.links",
    "talkeditor.ui.controllers.edit", "talkeditor.ui.controllers.zhihu",
    "talkeditor.ui.editor.paste",
)


def test_the_app_start_leaves_the_hidden_panels_and_the_dialogs_for_after_the_first_paint():
    out = _in_a_fresh_app(BUILT_AFTER_THE_PAINT + ("talkeditor.ui.dialogs",), (
        "from talkeditor.ui import app\n"
        "window = app.start(None, 'en')\n"  # the crash hook, then the window shell first
        "print('shell', loaded(), hasattr(window, 'archive_panel'))\n"
        "window.build_rest()\n"
        "print('rest', len(loaded()), window.archive_dock.widget() is window.archive_panel)\n"
        "window.document.set_modified(False)\n"
    ))
    assert out == ["shell [] False", f"rest {len(BUILT_AFTER_THE_PAINT)} True"]


def test_a_shortcut_pressed_before_the_hidden_panels_exist_builds_them_and_runs(
        qtbot, no_dialogs):
    from talkeditor.ui.main_window import MainWindow

    window = MainWindow(later=True)
    qtbot.addWidget(window)
    window.show()
    assert not hasattr(window, "find_panel")
    window.actions_["actionFind"].trigger()  # Ctrl+F while the app starts
    assert window.find_panel.isVisible()
    window.actions_["actionTogglePreview"].toggle()  # the window's own: nothing built twice
    assert window.archive_dock.widget() is window.archive_panel
    window.build_rest()
    assert window.archive_dock.widget() is window.archive_panel
    window.document.set_modified(False)


def test_a_toggle_clicked_before_the_hidden_panels_exist_keeps_the_click(qtbot, no_dialogs):
    from talkeditor.ui.main_window import MainWindow

    window = MainWindow(later=True)
    qtbot.addWidget(window)
    toggle = window.actions_["actionFetchPastedTitles"]
    was = window.settings.fetch_link_titles()
    toggle.blockSignals(True)
    toggle.setChecked(was)  # what the link commands will show once built
    toggle.blockSignals(False)
    toggle.toggle()  # builds the link commands, which show the saved state on the toggle
    assert hasattr(window, "link_actions")
    assert toggle.isChecked() == window.settings.fetch_link_titles() == (not was)
    window.document.set_modified(False)


def test_past_issues_on_top_at_the_last_close_is_built_for_the_first_paint(qtbot, no_dialogs):
    """The tab the host left on top is never an empty placeholder at start-up; with another
    tab on top the panel still waits for the first paint."""
    from talkeditor.ui.main_window import MainWindow

    def start_then_close(raise_archive: bool) -> bool:
        window = MainWindow(later=True)
        qtbot.addWidget(window)
        built = hasattr(window, "archive_panel")
        window.show()
        qtbot.waitExposed(window)
        if built:
            assert window.archive_dock.widget() is window.archive_panel
            assert on_screen(window.archive_panel)
        (window.archive_dock if raise_archive else window.tree_dock).raise_()
        QApplication.processEvents()
        window.close()
        return built

    assert not start_then_close(raise_archive=True)  # a first start: Sections on top
    assert start_then_close(raise_archive=False)
    assert not start_then_close(raise_archive=False)
