"""Where the time goes on the two paths the benchmark flags: start-up, and typing on a big issue.

    python benchmarks/profile_paths.py startup          # fresh process, imports + window
    python benchmarks/profile_paths.py keystroke [--real]   # one key in the body editor
    python benchmarks/profile_paths.py preview [--real]     # the refresh after the debounce

Each prints *inclusive* wall-clock milliseconds of the functions on that path, measured by
thin timing wrappers installed at run time (this script edits no talkeditor file; Qt's C++ work
shows up inside the Python method that triggered it), then cProfile's top entries for the
Python side. ``keystroke``/``preview`` use the 10x issue unless ``--real``. ``startup`` also
lists the slowest imports (``python -X importtime``).

For native frames too, sample the start-up probe with py-spy (``pip install py-spy``)::

    py-spy record -r 1000 -f raw -o startup.raw -- \\
        python benchmarks/first_paint_probe.py tests/fixtures/issue-004.yaml
"""

from __future__ import annotations

import cProfile
import functools
import importlib
import io
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(1, str(BENCH_DIR.parent))

import run  # noqa: E402 - benchmarks/run.py, the shared helpers

TIMES: dict[str, list[float]] = {}
FIRST_START: dict[str, float] = {}  # perf_counter when each wrapped function was first entered

STARTUP_TARGETS = [
    "talkeditor.ui.app:ensure_app", "talkeditor.ui.app:create_main_window",
    "talkeditor.ui.main_window:MainWindow.__init__",
    "talkeditor.ui.main_window:MainWindow.offer_recovery",
    "talkeditor.ui.main_window:MainWindow.open_path",
    "talkeditor.ui.main_window:MainWindow.set_document",
    "talkeditor.ui.main_window:MainWindow._build_menus",
    "talkeditor.ui.main_window:MainWindow._restore_layout",
    "talkeditor.ui.main_window:MainWindow._apply_colour_scheme",
    "talkeditor.ui.main_window:MainWindow.show",
    "talkeditor.ui.main_window:create_actions",
    "talkeditor.ui.panels.section_tree:SectionTreeView.__init__",
    "talkeditor.ui.panels.section_tree:SectionTreeModel.reset_from_document",
    "talkeditor.ui.editor.section_editor:SectionEditor.__init__",
    "talkeditor.ui.editor.section_editor:SectionEditor.attach",
    "talkeditor.ui.editor.section_editor:SectionEditor.show_section",
    "talkeditor.ui.panels.preview:PreviewPane.__init__",
    "talkeditor.ui.panels.preview:PreviewPane.attach",
    "talkeditor.ui.panels.preview:PreviewPane.refresh",
    "talkeditor.ui.panels.preview:PreviewPane.html",
    "talkeditor.ui.panels.preview:PreviewPane.setHtml",
    "talkeditor.ui.panels.preview:PreviewPane.set_dark",
    "talkeditor.ui.editor.find_panel:FindPanel.__init__",
    "talkeditor.ui.document.file_watcher:FileWatcher.__init__",
    "talkeditor.ui.document.file_watcher:FileWatcher.watch",
    "talkeditor.ui.document.autosave:Autosaver.__init__",
    "talkeditor.render.markdown_tree:parser", "talkeditor.render.html:MarkdownConverter.convert",
    "talkeditor.storage.files:load_yaml_issue", "talkeditor.storage.files:load_template",
    "talkeditor.settings:Settings.save",
]

TYPING_TARGETS = [
    "talkeditor.ui.document.issue_document:IssueDocument._body_edited",
    "talkeditor.ui.document.issue_document:IssueDocument._touch",
    "talkeditor.ui.document.issue_document:IssueDocument.text_length",
    "talkeditor.ui.panels.section_tree:SectionTreeModel._section_changed",
    "talkeditor.ui.panels.section_tree:SectionTreeModel.data",
    "talkeditor.ui.panels.section_tree:SectionTreeModel.parent",
    "talkeditor.ui.panels.section_tree:SectionTreeModel.index",
    "talkeditor.ui.panels.section_tree:SectionTreeModel.index_of",
    "talkeditor.ui.panels.status_bar:StatusCounts.update",
    "talkeditor.ui.editor.section_editor:SectionPane._document_changed",
    "talkeditor.ui.editor.fields_table:FieldsTable.refresh",
    "talkeditor.ui.editor.highlighter:MarkdownHighlighter.highlightBlock",
    "talkeditor.ui.document.autosave:Autosaver._schedule",
    "talkeditor.ui.panels.credits_panel:CreditsPanel._schedule",
    "talkeditor.ui.panels.credits_panel:CreditsPanel.refresh",
    "talkeditor.ui.editor.metadata_form:MetadataForm._document_changed",
    "talkeditor.ui.panels.preview:PreviewPane.schedule",
    "talkeditor.ui.panels.preview:PreviewPane.refresh",
    "talkeditor.ui.panels.preview:PreviewPane.html",
    "talkeditor.ui.panels.preview:PreviewPane.setHtml",
    "talkeditor.ui.panels.preview:PreviewPane.scrollToAnchor",
    "talkeditor.render.html:HtmlCache.issue_parts",
    "talkeditor.render.html:MarkdownConverter.convert",
    "talkeditor.render.issue_markdown:section_markdown", "talkeditor.model:Issue.find",
]


def wrap(target: str) -> bool:
    """Replace ``module:Owner.attr`` (or ``module:function``) with a timing wrapper."""
    module_name, _, dotted = target.partition(":")
    try:
        owner = importlib.import_module(module_name)
    except ImportError:
        return False
    *path, attr = dotted.split(".")
    for part in path:
        owner = getattr(owner, part, None)
        if owner is None:
            return False
    original = getattr(owner, attr, None)
    if original is None or getattr(original, "_timed", False):
        return False
    label = dotted if path else f"{module_name.rsplit('.', 1)[-1]}.{attr}"
    bucket = TIMES.setdefault(label, [])

    @functools.wraps(original)
    def timed(*args, **kwargs):
        start = time.perf_counter()
        FIRST_START.setdefault(label, start)
        try:
            return original(*args, **kwargs)
        finally:
            bucket.append(time.perf_counter() - start)

    timed._timed = True
    setattr(owner, attr, timed)
    return True


def reset() -> None:
    """Forget the times so far (the wrappers hold these very lists: clear, never replace)."""
    for values in TIMES.values():
        values.clear()


def report(title: str, per: int = 1) -> None:
    print(f"\n{title}")
    print(f"{'function':58} {'calls':>7} {'total ms':>9} {'per key ms':>10}")
    rows = sorted(((sum(v), len(v), k) for k, v in TIMES.items() if v), reverse=True)
    for total, calls, label in rows:
        print(f"{label:58} {calls:7d} {total * 1000:9.1f} {total * 1000 / per:10.2f}")
    reset()


def top_python(profile: cProfile.Profile, count: int = 18) -> None:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("tottime").print_stats(count)
    lines = out.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    print("\ncProfile, by own time (cProfile slows Python code several times over):")
    print("\n".join(lines[start:]))


# ---------------------------------------------------------------------------- start-up

def startup() -> int:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    with tempfile.TemporaryDirectory(prefix="talkeditor-profile-") as tmp:
        for name in run.XDG_NAMES:
            env[name] = str(Path(tmp) / name.lower())
        env["TALKEDITOR_BENCH_T0"] = repr(time.perf_counter())
        subprocess.run([sys.executable, __file__, "_startup_child", str(run.REAL_ISSUE)],
                       env=env, check=True, timeout=120)
        proc = subprocess.run([sys.executable, "-X", "importtime", "-c",
                               "import talkeditor.cli.main, talkeditor.ui.app, "
                               "talkeditor.ui.main_window, markdown_it, mdit_py_plugins.footnote"],
                              env=env, capture_output=True, text=True, timeout=60, check=True)
    rows = []
    for line in proc.stderr.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[0].split(":")[-1].strip().isdigit():
            rows.append((int(parts[1]), int(parts[0].split(":")[-1]), parts[2]))
    print("\nslowest imports (python -X importtime; cumulative / self ms), top-level packages:")
    for cumulative, own, name in sorted(rows, reverse=True)[:25]:
        print(f"  {cumulative / 1000:7.1f} {own / 1000:7.1f}  {name}")
    return 0


def _startup_child(path: str) -> int:
    t0 = float(os.environ.get("TALKEDITOR_BENCH_T0", time.perf_counter()))
    marks = {"interpreter + site": time.perf_counter() - t0}
    start = time.perf_counter()
    import talkeditor.cli  # noqa: F401
    import talkeditor.ui.app  # noqa: F401
    import talkeditor.ui.main_window  # noqa: F401

    marks["imports (cli, ui.app, ui.main_window)"] = time.perf_counter() - start
    for target in STARTUP_TARGETS:
        wrap(target)
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from talkeditor.ui import app as ui_app

    done = {}

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # Qt API
            if "paint" not in done and event.type() == QEvent.Type.Paint:
                done["paint"] = time.perf_counter()
                QTimer.singleShot(0, lambda: (done.setdefault("painted", time.perf_counter()),
                                              QApplication.instance().quit()))
            return False

    start = time.perf_counter()
    app = ui_app.ensure_app("en")
    watcher = FirstPaint()
    app.installEventFilter(watcher)
    window = ui_app.create_main_window(path, lang="en")
    marks["ensure_app + create_main_window"] = time.perf_counter() - start
    start = time.perf_counter()
    QTimer.singleShot(20_000, app.quit)
    app.exec()
    marks["event loop to first paint done"] = done.get("painted", time.perf_counter()) - start
    marks["TOTAL process start to painted"] = done.get("painted", time.perf_counter()) - t0
    print("start-up phases (ms):")
    for name, value in marks.items():
        print(f"  {value * 1000:7.1f}  {name}")
    if "paint" in done:
        print(f"\nfirst Paint event at +{(done['paint'] - t0) * 1000:.0f} ms; work the event "
              "loop ran before it (first entry, ms since process start):")
        for label, first in sorted(FIRST_START.items(), key=lambda kv: kv[1]):
            if first >= start and first < done["paint"]:
                print(f"  +{(first - t0) * 1000:6.0f}  {label}")
    report("start-up, inclusive wall time of the wrapped functions:")
    window.document.set_modified(False)
    return 0


# ---------------------------------------------------------------------------- typing

def _typing_window(real: bool):
    workdir = Path(tempfile.mkdtemp(prefix="talkeditor-profile-"))
    run.private_xdg(workdir)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    cfg = run.Config(quick=False, workdir=workdir, platform="offscreen", startup_runs=1)
    path = run.real_issue_copy(cfg, "real") if real else run.big_issue_file(cfg)
    titles = run.EDIT_PATH if real else run.big_edit_path(cfg)
    for target in TYPING_TARGETS:
        wrap(target)
    window = run.open_window(path)
    window.select_section(*titles)
    body = window.editor.pane.body
    run.place_cursor_at_end(body)
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    return window, body, ("real issue" if real else "10x issue")


def keystroke(real: bool, keys: int = 20) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window, body, name = _typing_window(real)
    QTest.keyClick(body, Qt.Key.Key_A)
    reset()
    each = []
    for _ in range(keys):
        start = time.perf_counter()
        QTest.keyClick(body, Qt.Key.Key_A)
        each.append(time.perf_counter() - start)
    print(f"keystroke on the {name}: median {statistics.median(each) * 1000:.1f} ms "
          f"({keys} keys; key event to every slot done, before any debounce)")
    report("inclusive wall time of the wrapped functions:", per=keys)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(5):
        QTest.keyClick(body, Qt.Key.Key_A)
    profile.disable()
    top_python(profile)
    run.close_window(window)
    return 0


def preview(real: bool, rounds: int = 10) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window, body, name = _typing_window(real)
    pane = window.preview
    pane.refresh()
    reset()
    each = []
    for _ in range(rounds):
        QTest.keyClick(body, Qt.Key.Key_A)
        for k in TIMES:
            if k.startswith(("IssueDocument", "SectionTree", "MainWindow")):
                TIMES[k].clear()
        start = time.perf_counter()
        pane.refresh()
        each.append(time.perf_counter() - start)
        pane.viewport().repaint()
    print(f"preview refresh after one key on the {name}: median "
          f"{statistics.median(each) * 1000:.1f} ms ({rounds} rounds)")
    for key in [k for k in TIMES if not (k.startswith("PreviewPane") or k.startswith("HtmlCache")
                                         or k.startswith("MarkdownConverter")
                                         or k.startswith("render."))]:
        TIMES[key].clear()
    report("inclusive wall time inside refresh():", per=rounds)
    profile = cProfile.Profile()
    for _ in range(5):
        QTest.keyClick(body, Qt.Key.Key_A)
        profile.enable()
        pane.refresh()
        profile.disable()
    top_python(profile)
    run.close_window(window)
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    command, rest = argv[0], argv[1:]
    if command == "_startup_child":
        return _startup_child(rest[0])
    if command == "startup":
        return startup()
    if command == "keystroke":
        return keystroke("--real" in rest)
    if command == "preview":
        return preview("--real" in rest)
    print(f"unknown command {command!r}; see --help", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
