"""talkeditor's benchmark: the design's "Figures to reach", measured on this machine.

    python benchmarks/run.py                 # every figure, full size (about two minutes)
    python benchmarks/run.py --quick         # tiny inputs, few repetitions (the smoke test)
    python benchmarks/run.py --only preview  # figures whose name starts with "preview"
    python benchmarks/run.py --json OUT.json # where the results go

It prints a table (figure, value, target, pass/fail, notes) and writes JSON (by default
``benchmarks/results.json`` for a full run; a ``--quick`` run writes only with ``--json``).
Every figure is measured in its own function; one that fails shows its error in its row and
the others still run. Timings are reported, never asserted: ``pass`` means "meets the design's
target on this machine". Figures without a design target are marked ``info``.

What runs where:

- start-up and peak memory: a fresh ``python benchmarks/first_paint_probe.py FILE`` process
  (the same path as ``python -m talkeditor FILE``), ``QT_QPA_PLATFORM=offscreen``, or ``xcb``
  when ``DISPLAY`` is set (``--platform`` overrides);
- everything else: in this process, with offscreen Qt and the real MainWindow;
- always private ``XDG_*`` folders in a temporary directory, so the user's settings, recent
  files and archive are neither read nor written.

Inputs: the real issue is ``tests/fixtures/issue-004.yaml`` (OpenLLM Talk 004, ~10k
characters of Markdown); the 10x issue repeats its sections with new ids until the Markdown
passes 100k characters; the 3,000-line section cycles the real issue's body lines; the
archive is ``benchmarks.synthetic``'s synthetic issues (~10k characters each).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
REAL_ISSUE = ROOT / "tests" / "fixtures" / "issue-004.yaml"
PROBE = BENCH_DIR / "first_paint_probe.py"
DEFAULT_JSON = BENCH_DIR / "results.json"
XDG_NAMES = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")
#: the section typed into: the real issue's longest body (本周推荐 > 资料)
EDIT_PATH = ("本周推荐", "资料")


# ---------------------------------------------------------------------------- configuration

@dataclass
class Config:
    quick: bool
    workdir: Path
    platform: str  # QT_QPA_PLATFORM for the start-up subprocesses
    startup_runs: int

    @property
    def reps(self) -> int:
        """Repetitions of an in-process measurement."""
        return 3 if self.quick else 15

    @property
    def scale(self) -> int:
        """The big issue is this many times the real one (and at least 100k chars if 10)."""
        return 2 if self.quick else 10

    @property
    def section_lines(self) -> int:
        return 300 if self.quick else 3000

    @property
    def keystrokes(self) -> int:
        return 5 if self.quick else 50

    @property
    def archive_size(self) -> int:
        return 10 if self.quick else 500


@dataclass
class Result:
    value: float | None
    details: dict = field(default_factory=dict)
    note: str = ""
    skipped: str = ""


@dataclass
class Figure:
    name: str
    label: str
    unit: str
    target: float | None
    func: Callable[[Config], Result]


FIGURES: list[Figure] = []


def figure(name: str, label: str, unit: str, target: float | None):
    """Register a measurement function as a figure of the table."""
    def register(func: Callable[[Config], Result]) -> Callable[[Config], Result]:
        FIGURES.append(Figure(name, label, unit, target, func))
        return func
    return register


# ---------------------------------------------------------------------------- helpers

def median(values: list[float]) -> float:
    return statistics.median(values)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def private_xdg(base: Path) -> None:
    """Point every XDG folder of this process (and its children) into ``base``."""
    for name in XDG_NAMES:
        folder = base / "xdg" / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(folder)


def subprocess_env(cfg: Config) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = cfg.platform
    env.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


_PROBE_RUNS = [0]


def run_probe(cfg: Config, path: Path, *extra: str, archive: Path | None = None) -> dict:
    """One fresh process through first_paint_probe.py, with its own empty XDG folders (no
    settings, no recovery drafts to offer; ``archive``: the default archive folder, linked
    in); its JSON, timed on the parent's clock."""
    env = subprocess_env(cfg)
    _PROBE_RUNS[0] += 1
    for name in XDG_NAMES:
        folder = cfg.workdir / f"probe-xdg-{_PROBE_RUNS[0]}" / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    if archive is not None:
        data = Path(env["XDG_DATA_HOME"]) / "talkeditor"
        data.mkdir(parents=True, exist_ok=True)
        (data / "archive").symlink_to(archive, target_is_directory=True)
    env["TALKEDITOR_BENCH_T0"] = repr(time.perf_counter())
    proc = subprocess.run([sys.executable, str(PROBE), str(path), *extra], env=env,
                          capture_output=True, text=True, timeout=90, cwd=cfg.workdir)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"probe exited {proc.returncode}: {tail}")
    return json.loads(lines[-1])


def real_issue_copy(cfg: Config, name: str) -> Path:
    """A writable copy of the real issue as ``<workdir>/<name>/issue.yaml``."""
    target = cfg.workdir / name / "issue.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(REAL_ISSUE, target)
    return target


def scaled_issue(times: int, min_chars: int = 0):
    """The real issue with its top-level sections repeated ``times`` times (new ids; titles of
    the copies end in `` (k)``), and more copies until the Markdown has ``min_chars``."""
    from talkeditor.model import new_id
    from talkeditor.render.issue_markdown import issue_markdown
    from talkeditor.storage import files as storage

    base = storage.load_yaml_issue(REAL_ISSUE)
    issue = base.clone()
    k = 1
    while k < times or len(issue_markdown(issue)) < min_chars:
        k += 1
        for top in base.sections:
            copy = top.clone() if hasattr(top, "clone") else _clone(top)
            for section, _depth in copy.walk():
                section.id = new_id()
            copy.title = f"{top.title} ({k})"
            issue.sections.append(copy)
    return issue


def _clone(obj):
    import copy

    return copy.deepcopy(obj)


def big_issue_file(cfg: Config, times: int | None = None) -> Path:
    """The 10x issue (or ``times``x) saved as ``<workdir>/big[times]/issue.yaml`` (made once
    per run)."""
    from talkeditor.storage import files as storage

    times = times or cfg.scale
    target = cfg.workdir / ("big" if times == cfg.scale else f"big{times}") / "issue.yaml"
    if not target.exists():
        issue = scaled_issue(times, 100_000 if times >= 10 else 0)
        storage.save_issue(issue, target)
    return target


def big_edit_path(cfg: Config, times: int | None = None) -> tuple[str, ...]:
    """The section typed into in the big issue: 资料 of a copy in the middle."""
    times = times or cfg.scale
    k = max(2, (times + 1) // 2 + 1)
    return (f"{EDIT_PATH[0]} ({k})", *EDIT_PATH[1:])


def huge_scale(cfg: Config) -> int:
    """The largest issue measured: 100x the real one (5x with --quick)."""
    return 5 if cfg.quick else 100


_QT_READY = False


def qt_app():
    """The QApplication for the in-process figures (offscreen), with modal dialogs disabled."""
    global _QT_READY
    from PySide6.QtWidgets import QApplication

    from talkeditor.ui import app as ui_app
    from talkeditor.ui import dialogs

    app = ui_app.ensure_app("en")
    if not _QT_READY:
        from PySide6.QtCore import qInstallMessageHandler

        def quiet(_mode, _context, message: str) -> None:
            if "This plugin does not support" not in message:
                print(message, file=sys.stderr)

        qInstallMessageHandler(quiet)
        def refuse(*args, **_kwargs):
            raise RuntimeError(f"a dialog was opened: {args[1:3]}")

        dialogs.show_error = refuse
        dialogs.show_info = refuse
        dialogs.ask_save_changes = lambda *_a: "discard"
        dialogs.ask_recover = lambda *_a: ("discard", -1)
        dialogs.ask_external_change = lambda *_a: "mine"
        _QT_READY = True
    return QApplication.instance() or app


def type_keys(editor, count: int) -> tuple[list[float], list[float]]:
    """Type ``count`` + 1 keys into ``editor``, each followed by its viewport's repaint;
    ``(key seconds, repaint seconds)`` of all but the first (a warm-up)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    key, paint = [], []
    for i in range(count + 1):
        key_s = timed(lambda: QTest.keyClick(editor, Qt.Key.Key_A))
        paint_s = timed(editor.viewport().repaint)
        if i:
            key.append(key_s)
            paint.append(paint_s)
    return key, paint


def open_window(path: Path):
    """The real main window on ``path``, shown and painted once."""
    qt_app()
    from PySide6.QtWidgets import QApplication

    from talkeditor.ui.app import create_main_window

    window = create_main_window(path, lang="en")
    window.resize(1400, 860)
    QApplication.processEvents()
    window.repaint()
    # the start-up sequence (first preview, hidden panels) runs after the first paint: a
    # figure taken before it ends would time the start-up's work as its own
    deadline = time.perf_counter() + 60
    while not (window.startup.done and not window.preview.converting) \
            and time.perf_counter() < deadline:
        QApplication.processEvents()
        time.sleep(0.002)
    return window


def close_window(window) -> None:
    from PySide6.QtWidgets import QApplication

    window.document.set_modified(False)
    window.close()
    window.deleteLater()
    QApplication.processEvents()


def place_cursor_at_end(editor) -> None:
    from PySide6.QtGui import QTextCursor

    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    editor.setFocus()


# ---------------------------------------------------------------------------- 1. start-up

@figure("startup_first_paint", "process start → first painted main window", "s", 0.6)
def startup_first_paint(cfg: Config) -> Result:
    path = real_issue_copy(cfg, "startup")
    cold = None if cfg.quick else run_probe(cfg, path)  # warm the OS caches; not counted
    runs = [run_probe(cfg, path) for _ in range(cfg.startup_runs)]
    painted = [r["marks"]["painted"] for r in runs]
    phases = {}
    for name in ("python", "imports", "qapp", "window", "first_paint", "painted"):
        phases[name] = round(median([r["marks"][name] for r in runs]), 4)
    steps = {"interpreter": phases["python"],
             "imports": phases["imports"] - phases["python"],
             "QApplication": phases["qapp"] - phases["imports"],
             "MainWindow+open": phases["window"] - phases["qapp"],
             "to first paint": phases["first_paint"] - phases["window"],
             "paint pass": phases["painted"] - phases["first_paint"]}
    note = ", ".join(f"{k} {ms(v):.0f}" for k, v in steps.items()) + " ms"
    return Result(round(median(painted), 4), {
        "runs_s": [round(p, 4) for p in painted], "platform": runs[0]["platform"],
        "median_marks_s": phases, "steps_ms": {k: ms(v) for k, v in steps.items()},
        "first_run_s": round(cold["marks"]["painted"], 4) if cold else None,
    }, note=f"{runs[0]['platform']}, {len(runs)} runs; {note}")


# Fork → first painted frame on a real X server (Xvfb), event-driven with XDamage from this
# process (benchmarks/xdamage.py), interleaved with ghostwriter and a bare PySide6 window.
BARE_QT = ("from PySide6.QtWidgets import QApplication, QPlainTextEdit; app = QApplication([]); "
           "w = QPlainTextEdit(); w.resize(1400, 860); w.show(); app.exec()")
_XVFB: dict = {}


def _xvfb_runs(cfg: Config, bytecode: bool) -> dict:
    """Median seconds after the fork: talkeditor (first frame, document, preview), ghostwriter
    and a bare PySide6 window, ``cfg.startup_runs`` (≥ 7) interleaved runs each."""
    key = ("bytecode" if bytecode else "source")
    if key in _XVFB:
        return _XVFB[key]
    if cfg.quick:
        raise _Skip("n/a: --quick (needs Xvfb)")
    try:
        import Xlib  # noqa: F401
    except ImportError:
        raise _Skip("n/a: python-xlib missing (benchmarks/setup.sh)") from None
    if shutil.which("Xvfb") is None:
        raise _Skip("n/a: Xvfb missing (benchmarks/setup.sh)")
    from benchmarks.xdamage import Xvfb, first_frame

    ghostwriter = shutil.which("ghostwriter")
    path = real_issue_copy(cfg, "xvfb")
    runs = max(7, cfg.startup_runs)
    found: dict[str, list[float]] = {"talkeditor": [], "document": [], "preview": [],
                                     "ghostwriter": [], "bare_pyside6": []}
    with Xvfb() as display:
        for i in range(runs + 1):  # the first round warms the caches and is not counted
            env = subprocess_env(cfg)
            env["QT_QPA_PLATFORM"] = "xcb"
            for name in XDG_NAMES:
                folder = cfg.workdir / f"xvfb-{key}-{i}" / name.lower()
                folder.mkdir(parents=True, exist_ok=True)
                env[name] = str(folder)
            if not bytecode:  # no bytecode cache: every module compiled from source
                prefix = cfg.workdir / f"pycache-{i}"
                env.update(PYTHONDONTWRITEBYTECODE="1", PYTHONPYCACHEPREFIX=str(prefix))
            else:  # the warm-up round writes the cache even if the caller's shell forbids it
                for name in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX"):
                    env.pop(name, None)
            ours = first_frame([sys.executable, str(PROBE), str(path)], env, display,
                               stdout=subprocess.PIPE, wait_exit=True, cwd=cfg.workdir)
            lines = [x for x in ours["stdout"].splitlines() if x.startswith("{")]
            marks = json.loads(lines[-1])["marks"] if lines else {}
            bare = first_frame([sys.executable, "-c", BARE_QT], env, display)
            theirs = None
            if ghostwriter:
                home = cfg.workdir / f"ghostwriter-home-{key}-{i}"
                home.mkdir(parents=True, exist_ok=True)
                extra = {"HOME": str(home)}
                if os.geteuid() == 0:  # its QtWebEngine refuses to run as root with a sandbox
                    extra["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
                theirs = first_frame([ghostwriter], dict(env, **extra), display)
            if i == 0:
                continue
            found["talkeditor"].append(ours["first_frame"])
            if "document" in marks:
                found["document"].append(marks["document"])
                found["preview"].append(marks.get("preview_painted", marks.get("preview")))
            found["bare_pyside6"].append(bare["first_frame"])
            if theirs is not None:
                found["ghostwriter"].append(theirs["first_frame"])
    result = {k: round(median(v), 4) for k, v in found.items() if v}
    result["runs"] = {k: [round(x, 4) for x in v] for k, v in found.items()}
    _XVFB[key] = result
    return result


class _Skip(Exception):
    pass


def _xvfb_figure(cfg: Config, bytecode: bool, what: str) -> Result:
    try:
        found = _xvfb_runs(cfg, bytecode)
    except _Skip as exc:
        return Result(None, skipped=str(exc))
    te, gw = found.get("talkeditor"), found.get("ghostwriter")
    note = (f"talkeditor {te:.3f} s, document {found.get('document', 0):.3f} s, preview "
            f"{found.get('preview', 0):.3f} s; ghostwriter "
            + (f"{gw:.3f} s" if gw else "not installed")
            + f"; bare PySide6 {found.get('bare_pyside6', 0):.3f} s; "
              f"{len(found['runs']['talkeditor'])} interleaved runs, Xvfb + XDamage")
    if what == "ratio":
        if not gw:
            return Result(None, found, skipped="n/a: ghostwriter missing (benchmarks/setup.sh)")
        return Result(round(te / gw, 3), found, note=note)
    return Result(found.get(what), found, note=note)


@figure("startup_xvfb_ratio", "first painted frame ÷ ghostwriter's (Xvfb, XDamage, 004, "
        "byte-compiled)", "×", 1.0)
def startup_xvfb_ratio(cfg: Config) -> Result:
    return _xvfb_figure(cfg, True, "ratio")


@figure("startup_xvfb_document", "fork → issue 004 shown (Xvfb, byte-compiled)", "s", None)
def startup_xvfb_document(cfg: Config) -> Result:
    return _xvfb_figure(cfg, True, "document")


@figure("startup_xvfb_preview", "fork → preview shown (Xvfb, byte-compiled)", "s", 0.9)
def startup_xvfb_preview(cfg: Config) -> Result:
    return _xvfb_figure(cfg, True, "preview")


@figure("startup_xvfb_ratio_source", "first painted frame ÷ ghostwriter's, no bytecode cache "
        "(editable, PYTHONDONTWRITEBYTECODE)", "×", None)
def startup_xvfb_ratio_source(cfg: Config) -> Result:
    return _xvfb_figure(cfg, False, "ratio")


@figure("startup_import_main_window", "import talkeditor.ui.main_window (fresh process)", "s",
        None)
def startup_import_main_window(cfg: Config) -> Result:
    env = subprocess_env(cfg)
    code = ("import time; t = time.perf_counter(); import talkeditor.ui.main_window; "
            "print(time.perf_counter() - t)")
    runs = []
    for _ in range(cfg.startup_runs):
        proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                              text=True, timeout=60, check=True)
        runs.append(float(proc.stdout.strip().splitlines()[-1]))
    baseline = []
    for _ in range(min(cfg.startup_runs, 3)):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], env=env, check=True, timeout=60)
        baseline.append(time.perf_counter() - start)
    tops = import_costs(env)
    top_note = ", ".join(f"{k} {v:.0f}" for k, v in list(tops.items())[:5])
    return Result(round(median(runs), 4), {
        "runs_s": [round(r, 4) for r in runs], "bare_python_s": round(median(baseline), 4),
        "import_ms_cumulative": tops,
    }, note=f"bare python {ms(median(baseline)):.0f} ms; {top_note} ms")


def import_costs(env: dict[str, str]) -> dict[str, float]:
    """Cumulative import time (ms) of the heavy packages, from ``python -X importtime``."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c",
                           "import talkeditor.ui.main_window"], env=env, capture_output=True,
                          text=True, timeout=60, check=True)
    wanted = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "shiboken6", "yaml",
              "markdown", "talkeditor.ui.main_window", "talkeditor.storage.files",
              "talkeditor.ui.editor.section_editor", "talkeditor.ui.panels.preview",
              "talkeditor.ui.actions")
    found: dict[str, float] = {}
    for line in proc.stderr.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] in wanted and parts[1].isdigit():
            found[parts[2]] = max(found.get(parts[2], 0.0), int(parts[1]) / 1000)
    return dict(sorted(found.items(), key=lambda kv: -kv[1]))


# ---------------------------------------------------------------------------- 2. preview

def _preview_after_keystroke(cfg: Config, path: Path, titles: tuple[str, ...]) -> Result:
    """Type one character into the section, then time the work the debounce timer starts."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from talkeditor.render.html import markdown_to_html
    from talkeditor.render.issue_markdown import issue_markdown, section_markdown

    window = open_window(path)
    try:
        window.select_section(*titles)
        body = window.findChild(type(window.editor.pane.body), "bodyEditor")
        preview = window.preview
        place_cursor_at_end(body)
        QApplication.processEvents()
        # the first render of a big issue runs in the preview's worker thread: let it finish,
        # so that every timed refresh below is the keystroke's own work
        preview.refresh()
        deadline = time.perf_counter() + 60
        while getattr(preview, "converting", False) and time.perf_counter() < deadline:
            QApplication.processEvents()
            time.sleep(0.005)
        refresh, painted, keys = [], [], []
        conversions = preview.cache.conversions
        for i in range(cfg.reps + 1):
            keys.append(timed(lambda: QTest.keyClick(body, Qt.Key.Key_A)))
            refresh_s = timed(preview.refresh)
            paint_s = timed(lambda: (preview.viewport().repaint(), QApplication.processEvents()))
            if i:  # the first one is a warm-up
                refresh.append(refresh_s)
                painted.append(refresh_s + paint_s)
        converted = (preview.cache.conversions - conversions) / (cfg.reps + 1)
        # where the time goes: the same work, step by step. A full render (setHtml) is what
        # a structural change costs; the first in-place update after one also maps where
        # every section starts (preview_sections.SectionMap)
        steps: dict[str, list[float]] = {"html()": [], "setHtml": [], "scrollToAnchor": [],
                                         "first update after setHtml": []}
        html_text = ""
        for _ in range(max(3, cfg.reps // 3)):
            QTest.keyClick(body, Qt.Key.Key_A)
            start = time.perf_counter()
            html_text = preview.html()
            steps["html()"].append(time.perf_counter() - start)
            preview.refresh()  # the key's own update, so that setHtml below is not stale
            steps["setHtml"].append(timed(lambda h=html_text: preview.show_whole(h)))
            steps["scrollToAnchor"].append(timed(lambda: preview.show_section(
                window.editor.current_id)))
            QTest.keyClick(body, Qt.Key.Key_A)
            steps["first update after setHtml"].append(timed(preview.refresh))
        # a structural change: Move Up of the edited section, and back (two updates)
        moves = []
        for action in ("actionMoveUp", "actionMoveDown") * 2:
            window.actions_[action].trigger()
            moves.append(timed(preview.refresh))
        steps["Move Up/Down"] = moves
        section = window.document.issue.find(window.editor.current_id)
        depth = next(d for s, d in window.document.issue.walk() if s is section)
        one_section = section_markdown(window.document.issue, section, depth)
        convert_s = median([timed(lambda: markdown_to_html(one_section))
                            for _ in range(3)])
        whole = issue_markdown(window.document.issue)
        details = {
            "markdown_chars": len(whole), "html_chars": len(html_text),
            "edited_section_chars": len(one_section),
            "refresh_ms": [ms(v) for v in refresh],
            "refresh_plus_repaint_ms": ms(median(painted)),
            "keystroke_sync_ms": ms(median(keys[1:] or keys)),
            "conversions_per_refresh": round(converted, 2),
            "steps_ms": {k: ms(median(v)) for k, v in steps.items()},
            "convert_edited_section_ms": ms(convert_s),
        }
        note = (f"{len(whole) // 1000}k chars; +repaint "
                f"{details['refresh_plus_repaint_ms']:.1f} ms; html() "
                f"{details['steps_ms']['html()']:.1f}; a full setHtml "
                f"{details['steps_ms']['setHtml']:.1f}, then its first update "
                f"{details['steps_ms']['first update after setHtml']:.1f}, scroll "
                f"{details['steps_ms']['scrollToAnchor']:.1f}; Move Up/Down "
                f"{details['steps_ms']['Move Up/Down']:.1f} ms")
        return Result(ms(median(refresh)), details, note=note)
    finally:
        close_window(window)


@figure("preview_real", "keystroke → preview updated (after debounce), real issue", "ms", 30)
def preview_real(cfg: Config) -> Result:
    return _preview_after_keystroke(cfg, real_issue_copy(cfg, "preview"), EDIT_PATH)


@figure("preview_10x", "keystroke → preview updated (after debounce), 10× issue", "ms", 60)
def preview_10x(cfg: Config) -> Result:
    result = _preview_after_keystroke(cfg, big_issue_file(cfg), big_edit_path(cfg))
    if cfg.scale != 10:
        result.note = f"{cfg.scale}× (quick); " + result.note
    return result


@figure("preview_100x", "keystroke → preview updated (after debounce), 100× issue", "ms", 60)
def preview_100x(cfg: Config) -> Result:
    times = huge_scale(cfg)
    result = _preview_after_keystroke(cfg, big_issue_file(cfg, times), big_edit_path(cfg, times))
    result.note = f"{times}×; " + result.note
    return result


@figure("preview_10x_core", "keystroke → preview HTML, core only (HtmlCache.update), 10× issue",
        "ms", None)
def preview_10x_core(cfg: Config) -> Result:
    """The core's share of the 10x preview refresh, no Qt: one key typed into the edited
    section's body, then ``HtmlCache.update`` (every section's Markdown, the changed one
    converted, the changed ids named for an in-place view update)."""
    from talkeditor.render.html import HtmlCache

    issue = scaled_issue(cfg.scale, 100_000 if cfg.scale >= 10 else 0)
    section = issue.find_path(*big_edit_path(cfg))
    cache = HtmlCache()
    cache.update(issue)
    updates, sources, changed = [], [], []
    for _ in range(cfg.reps):
        section.body += "a"
        start = time.perf_counter()
        update = cache.update(issue)
        updates.append(time.perf_counter() - start)
        changed.append(len(update.changed))
        sources.append(timed(lambda: cache.sources(issue)))
    html_chars = len(update.html())
    details = {"update_ms": [ms(v) for v in updates], "sources_ms": ms(median(sources)),
               "changed_per_key": median(changed), "html_chars": html_chars}
    return Result(ms(median(updates)), details,
                  note=f"Markdown of every section {ms(median(sources)):.1f} ms + the edited "
                       f"one converted; {median(changed):.0f} section(s) changed per key "
                       f"(what an in-place view replaces instead of {html_chars // 1000}k "
                       f"chars of setHtml)")


# ---------------------------------------------------------------------------- Markdown

def _render_times(cfg: Config, text: str, reps: int | None = None) -> tuple[float, str]:
    """Median seconds to convert ``text`` to the preview's HTML, and the outcome ("html" or
    the limit message when the renderer refuses the input)."""
    from talkeditor.render.html import markdown_to_html
    from talkeditor.render.markdown_tree import MarkdownLimitError

    times, outcome = [], "html"
    for _ in range(reps or cfg.reps):
        start = time.perf_counter()
        try:
            markdown_to_html(text)
        except MarkdownLimitError as exc:
            outcome = str(exc)
        times.append(time.perf_counter() - start)
    return median(times), outcome


@figure("render_10x", "Markdown → HTML, whole 10× issue in one piece (preview HTML)", "ms", None)
def render_10x(cfg: Config) -> Result:
    from talkeditor.render.issue_markdown import issue_markdown
    from talkeditor.zhihu import export as zhihu

    issue = scaled_issue(cfg.scale, 100_000 if cfg.scale >= 10 else 0)
    whole = issue_markdown(issue)
    seconds, _outcome = _render_times(cfg, whole, max(3, cfg.reps // 3))
    post = median([timed(lambda: zhihu.build_post(issue)) for _ in range(3)])
    details = {"markdown_chars": len(whole), "html_ms": ms(seconds),
               "zhihu_post_ms": ms(post),
               "us_per_char": round(seconds * 1e6 / len(whole), 2)}
    return Result(ms(seconds), details,
                  note=f"{len(whole) // 1000}k chars; Zhihu post (parse + transform + "
                       f"post.html/post.md/text) {ms(post):.0f} ms")


def _pathological(cfg: Config, name: str, text: str) -> Result:
    seconds, outcome = _render_times(cfg, text, max(1, cfg.reps // 5))
    details = {"input": name, "chars": len(text), "ms": ms(seconds),
               "us_per_char": round(seconds * 1e6 / len(text), 2), "outcome": outcome}
    note = f"{len(text):,} chars, {details['us_per_char']} µs/char"
    if outcome != "html":
        note += f"; refused: {outcome}"
    return Result(ms(seconds), details, note=note)


@figure("render_brackets_6000", "Markdown → HTML, 6,000 unmatched '['", "ms", None)
def render_brackets_6000(cfg: Config) -> Result:
    return _pathological(cfg, "6,000 '['", "[" * 6000)


@figure("render_brackets_20000", "Markdown → HTML, 20,000 unmatched '['", "ms", None)
def render_brackets_20000(cfg: Config) -> Result:
    return _pathological(cfg, "20,000 '['", "[" * 20000)


@figure("render_schemes_20000", "Markdown → HTML, 20,000 'http://' that are not links", "ms",
        None)
def render_schemes_20000(cfg: Config) -> Result:
    return _pathological(cfg, "20,000 'http://' in one paragraph", "见 http:// 与 " * 20000)


@figure("render_deep_nesting", "Markdown → HTML, deep nesting (worst of quotes, lists, emphasis, "
                               "links)", "ms", None)
def render_deep_nesting(cfg: Config) -> Result:
    from talkeditor.render import markdown_tree

    depth = markdown_tree.MAX_NESTING // 2 - 1
    inputs = {
        "10,000 nested quotes (refused)": "> " * 10_000 + "x",
        f"{depth} nested lists (the limit)": "".join("  " * i + "- 项\n" for i in range(depth)),
        "20,000 nested emphasis": "*a" * 20_000 + "b" + "*" * 20_000,
        "10,000 nested link brackets": "[a" * 10_000 + "](u)" * 10_000,
    }
    rows = {name: _pathological(cfg, name, text) for name, text in inputs.items()}
    worst = max(rows, key=lambda name: rows[name].value)
    details = {name: row.details for name, row in rows.items()}
    return Result(rows[worst].value, details,
                  note="; ".join(f"{name}: {row.value:.0f} ms" for name, row in rows.items()))


# ---------------------------------------------------------------------------- 3. typing

def _keystroke_in_window(cfg: Config, path: Path, titles: tuple[str, ...]) -> Result:
    """What one keystroke costs before any debounce: the key event, the model update and
    every slot on ``changed`` (tree, fields, status bar), then the editor's repaint."""

    window = open_window(path)
    try:
        window.select_section(*titles)
        body = window.editor.pane.body
        place_cursor_at_end(body)
        key, paint = type_keys(body, cfg.keystrokes)
        chars = window.document.text_length()
        text_length_s = median([timed(window.document.text_length) for _ in range(3)])
        return Result(ms(median([k + p for k, p in zip(key, paint, strict=True)])), {
            "key_event_ms": ms(median(key)), "repaint_ms": ms(median(paint)),
            "issue_text_length_ms": ms(text_length_s), "issue_chars": chars,
        }, note=f"key {ms(median(key)):.1f} (of it text_length() {ms(text_length_s):.1f}) + "
                f"repaint {ms(median(paint)):.1f} ms")
    finally:
        close_window(window)


@figure("keystroke_window_real", "keystroke → body repainted in the window, real issue", "ms",
        None)
def keystroke_window_real(cfg: Config) -> Result:
    return _keystroke_in_window(cfg, real_issue_copy(cfg, "typing"), EDIT_PATH)


@figure("keystroke_window_10x", "keystroke → body repainted in the window, 10× issue", "ms",
        None)
def keystroke_window_10x(cfg: Config) -> Result:
    return _keystroke_in_window(cfg, big_issue_file(cfg), big_edit_path(cfg))


def long_body(lines: int) -> str:
    """``lines`` lines cut from the real issue's bodies (links, 【fields】, lists, CJK)."""
    from talkeditor.storage import files as storage

    issue = storage.load_yaml_issue(REAL_ISSUE)
    source = [line for s, _d in issue.walk() for line in s.body.splitlines()]
    source = source or ["- [link](https://example.com) 大模型 **bold** `code`"]
    return "\n".join(source[i % len(source)] for i in range(lines))


@figure("highlight_keystroke_3000", "keystroke → repaint with highlighting, 3,000-line section",
        "ms", 16)
def highlight_keystroke(cfg: Config) -> Result:
    """A body editor on a 3,000-line section's QTextDocument (IssueDocument.body_document, so
    the model sync runs too) with the MarkdownHighlighter: one key + viewport repaint."""
    qt_app()
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    from talkeditor.model import Issue, Section
    from talkeditor.ui.document.issue_document import IssueDocument
    from talkeditor.ui.editor.highlighter import MarkdownHighlighter
    from talkeditor.ui.editor.section_editor import BodyEditor

    text = long_body(cfg.section_lines)
    document = IssueDocument(Issue(sections=[Section(title="Long", id="long", body=text)]))
    doc = document.body_document("long")
    start = time.perf_counter()
    highlighter = MarkdownHighlighter(doc)
    first_highlight = time.perf_counter() - start
    editor = BodyEditor()
    editor.setDocument(doc)
    editor.resize(760, 820)
    editor.show()
    QApplication.processEvents()
    try:
        cursor = QTextCursor(doc.findBlockByNumber(cfg.section_lines // 2))
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        editor.setTextCursor(cursor)
        editor.centerCursor()
        editor.setFocus()
        QApplication.processEvents()
        key, paint = type_keys(editor, cfg.keystrokes)
        total = [k + p for k, p in zip(key, paint, strict=True)]
        synced = document.issue.find("long").body == doc.toPlainText()
        sync_s = median([timed(doc.toPlainText) for _ in range(5)])
        return Result(ms(median(total)), {
            "lines": doc.blockCount(), "chars": len(text),
            "key_event_ms": ms(median(key)), "repaint_ms": ms(median(paint)),
            "p90_ms": ms(sorted(total)[int(len(total) * 0.9) - 1]),
            "first_highlight_ms": ms(first_highlight), "model_synced": synced,
            "toPlainText_ms": ms(sync_s),
        }, note=f"{doc.blockCount()} lines; key {ms(median(key)):.1f} (toPlainText "
                f"{ms(sync_s):.1f}) + repaint {ms(median(paint)):.1f} ms; first highlight "
                f"{ms(first_highlight):.0f} ms")
    finally:
        editor.hide()
        editor.deleteLater()
        highlighter.setDocument(None)
        QApplication.processEvents()


# ---------------------------------------------------------------------------- 4. open / save

def section_issue_file(cfg: Config, lines: int) -> Path:
    """The real issue with one more section, 长文, of ``lines`` lines (the real issue's body
    lines over and over), saved as ``<workdir>/section-<lines>/issue.yaml``."""
    from talkeditor.model import Section
    from talkeditor.storage import files as storage

    target = cfg.workdir / f"section-{lines}" / "issue.yaml"
    if not target.exists():
        issue = storage.load_yaml_issue(REAL_ISSUE)
        issue.sections.append(Section(title="长文", id="long-section", body=long_body(lines)))
        storage.save_issue(issue, target)
    return target


def _big_section(cfg: Config, lines: int) -> Result:
    """The window on an issue with a ``lines``-line section: select it (until the editor and
    the tree are painted), then type keys at its middle, each with the body's repaint."""
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    if cfg.quick:
        lines = max(100, lines // 100)
    window = open_window(section_issue_file(cfg, lines))
    try:
        QApplication.processEvents()
        start = time.perf_counter()
        window.select_section("长文")
        QApplication.processEvents()
        window.repaint()
        select_s = time.perf_counter() - start
        body = window.findChild(type(window.editor.pane.body), "bodyEditor")
        cursor = QTextCursor(body.document().findBlockByNumber(lines // 2))
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        body.setTextCursor(cursor)
        body.centerCursor()
        body.setFocus()
        QApplication.processEvents()
        key, paint = type_keys(body, cfg.keystrokes)
        total = [k + p for k, p in zip(key, paint, strict=True)]
        QApplication.processEvents()
        return Result(ms(median(total)), {
            "lines": body.document().blockCount(), "select_ms": ms(select_s),
            "key_event_ms": ms(median(key)), "repaint_ms": ms(median(paint)),
            "p90_ms": ms(sorted(total)[max(0, int(len(total) * 0.9) - 1)])},
            note=f"{body.document().blockCount()} lines; select {ms(select_s):.0f} ms; key "
                 f"{ms(median(key)):.1f} + repaint {ms(median(paint)):.1f} ms")
    finally:
        close_window(window)


@figure("section_1k", "keystroke + repaint in the window, 1,000-line section", "ms", 16)
def section_1k(cfg: Config) -> Result:
    return _big_section(cfg, 1_000)


@figure("section_10k", "keystroke + repaint in the window, 10,000-line section", "ms", 16)
def section_10k(cfg: Config) -> Result:
    return _big_section(cfg, 10_000)


@figure("section_100k", "keystroke + repaint in the window, 100,000-line section", "ms", 16)
def section_100k(cfg: Config) -> Result:
    return _big_section(cfg, 100_000)


@figure("open_issue", "open an issue (load YAML + MainWindow.open_path)", "ms", None)
def open_issue(cfg: Config) -> Result:
    from talkeditor.storage import files as storage

    path = real_issue_copy(cfg, "open")
    big = big_issue_file(cfg)
    load = median([timed(lambda: storage.load_yaml_issue(path)) for _ in range(cfg.reps)])
    load_big = median([timed(lambda: storage.load_yaml_issue(big)) for _ in range(3)])
    window = open_window(path)
    try:
        opened, opened_big = [], []
        for _ in range(max(3, cfg.reps // 3)):
            opened.append(timed(lambda: window.open_path(path)))
            opened_big.append(timed(lambda: window.open_path(big)))
        return Result(ms(median(opened)), {
            "load_yaml_ms": ms(load), "load_yaml_10x_ms": ms(load_big),
            "open_path_ms": ms(median(opened)), "open_path_10x_ms": ms(median(opened_big)),
        }, note=f"load_yaml {ms(load):.1f} ms; 10×: load {ms(load_big):.0f}, open_path "
                f"{ms(median(opened_big)):.0f} ms")
    finally:
        close_window(window)


@figure("save_issue", "save an issue (YAML + Markdown, atomic, .bak)", "ms", 50)
def save_issue(cfg: Config) -> Result:
    from talkeditor.render.issue_markdown import issue_markdown
    from talkeditor.storage import files as storage
    from talkeditor.storage import yaml_format

    path = real_issue_copy(cfg, "save")
    issue = storage.load_yaml_issue(path)
    saves = [timed(lambda: storage.save_issue(issue, path)) for _ in range(cfg.reps)]
    dumps = median([timed(lambda: yaml_format.dumps(issue)) for _ in range(cfg.reps)])
    markdown = median([timed(lambda: issue_markdown(issue)) for _ in range(cfg.reps)])
    text = yaml_format.dumps(issue)
    write = median([timed(lambda: storage.atomic_write(path, text)) for _ in range(cfg.reps)])
    big_path = big_issue_file(cfg)
    big = storage.load_yaml_issue(big_path)
    big_saves = [timed(lambda: storage.save_issue(big, big_path)) for _ in range(3)]
    # what the kept section texts (storage/yaml_pieces.py) do not help: the first save after
    # opening (nothing kept), and a save after typing into one section
    big_first = median([timed(lambda: (_forget_saved_texts(),
                                       storage.save_issue(big, big_path)))
                        for _ in range(3)])
    edited = big.find(big.sections[len(big.sections) // 2].id)

    def save_after_edit():
        edited.body += "a"
        return timed(lambda: storage.save_issue(big, big_path))

    big_edited = median([save_after_edit() for _ in range(3)])
    window = open_window(path)
    try:
        window.document.set_modified(True)
        in_window = median([timed(window.save) for _ in range(max(3, cfg.reps // 3))])
    finally:
        close_window(window)
    return Result(ms(median(saves)), {
        "yaml_dumps_ms": ms(dumps), "issue_markdown_ms": ms(markdown),
        "one_atomic_write_ms": ms(write), "save_10x_ms": ms(median(big_saves)),
        "save_10x_first_ms": ms(big_first), "save_10x_after_edit_ms": ms(big_edited),
        "window_save_ms": ms(in_window), "runs_ms": [ms(s) for s in saves],
    }, note=f"dumps {ms(dumps):.1f} + markdown {ms(markdown):.1f} + 2 atomic writes "
            f"({ms(write):.1f} each); 10× {ms(median(big_saves)):.0f} (first after opening "
            f"{ms(big_first):.0f}, after an edit {ms(big_edited):.0f}); MainWindow.save "
            f"{ms(in_window):.0f} ms")


@figure("save_100x", "save of the 100× issue after typing into one section", "ms", None)
def save_100x(cfg: Config) -> Result:
    from talkeditor.storage import files as storage

    times = huge_scale(cfg)
    path = big_issue_file(cfg, times)
    issue = storage.load_yaml_issue(path)
    first = timed(lambda: storage.save_issue(issue, path))  # nothing kept yet
    edited = issue.find(issue.sections[len(issue.sections) // 2].id)
    saves = []
    for _ in range(3):
        edited.body += "a"
        saves.append(timed(lambda: storage.save_issue(issue, path)))
    size = path.stat().st_size
    return Result(ms(median(saves)), {"first_save_ms": ms(first), "yaml_bytes": size,
                                      "runs_ms": [ms(v) for v in saves]},
                  note=f"{times}×, {size // 1000} kB of YAML; the first save after opening "
                       f"{ms(first):.0f} ms")


def _forget_saved_texts() -> None:
    """Empty what a save keeps for the next one (as just after opening the issue)."""
    from talkeditor.storage import limits, yaml_pieces

    yaml_pieces._SECTION_TEXTS.clear()
    limits._body_measures.cache_clear()


# ---------------------------------------------------------------------------- 5. archive

def _archive_modules():
    try:
        from benchmarks import synthetic
        from talkeditor.archive import search as archive_search
    except ImportError:
        return None
    return synthetic, archive_search


CACHE_DIR = BENCH_DIR / ".cache"


def synthetic_archive_folder(cfg: Config, n: int) -> Path:
    """An archive folder of ``n`` issue files, kept in ``benchmarks/.cache`` between runs:
    50 distinct synthetic issues (~10k chars each) written again under every number."""
    from talkeditor.storage import yaml_format

    folder = (cfg.workdir if cfg.quick else CACHE_DIR) / f"archive-files-{n}"
    done = folder / ".complete"
    if done.exists():
        return folder
    synthetic, _search = _archive_modules()
    shutil.rmtree(folder, ignore_errors=True)
    texts = [(issue.number, yaml_format.dumps(issue))
             for issue in synthetic.make_synthetic_issues(min(n, 50))]
    for i in range(n):
        number, text = texts[i % len(texts)]
        new = f"{i:03d}"
        target = folder / new / "issue.yaml"
        target.parent.mkdir(parents=True)
        target.write_text(text.replace(f"number: '{number}'", f"number: '{new}'", 1),
                          encoding="utf-8")
    done.touch()
    return folder


def synthetic_index(cfg: Config, n: int):
    """An ArchiveIndex over ``n`` distinct synthetic issues (built once, kept in
    ``benchmarks/.cache``; rebuilt when the index's schema changes)."""
    from talkeditor.archive.index import SCHEMA_VERSION, ArchiveIndex

    path = CACHE_DIR / f"index-{n}-v{SCHEMA_VERSION}.sqlite3"
    if cfg.quick:
        path = cfg.workdir / f"index-{n}.sqlite3"
    if not path.exists():
        synthetic, _search = _archive_modules()
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        issues = synthetic.make_synthetic_issues(n)
        with ArchiveIndex("/archive", db_path=partial) as index:
            for k in range(0, n, 250):
                index.add_issues(issues[k:k + 250],
                                 [f"/archive/{i.number}/issue.yaml" for i in issues[k:k + 250]])
            index._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        partial.rename(path)
    return ArchiveIndex("/archive", db_path=path)


@figure("archive_index_build", "archive of 500 files: first background index (parse + FTS)",
        "s", None)
def archive_index_build(cfg: Config) -> Result:
    from talkeditor.archive.index import ArchiveIndex

    folder = synthetic_archive_folder(cfg, cfg.archive_size)
    db = cfg.workdir / "build-index.sqlite3"
    with ArchiveIndex(folder, db_path=db) as index:
        build = timed(index.update)
        again = timed(index.update)
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    return Result(round(build, 3), {
        "issues": cfg.archive_size, "update_unchanged_s": round(again, 4),
        "index_mb": round(size / 1e6, 1)},
        note=f"in the worker thread, after the first paint; a later start (nothing changed) "
             f"{ms(again):.0f} ms; {size / 1e6:.0f} MB on disk")


def _search_figure(cfg: Config, n: int) -> Result:
    bench, _search = _archive_modules()
    index = synthetic_index(cfg, n)
    per_query: dict[str, dict] = {}
    try:
        for query in bench.BENCH_QUERIES:
            runs = [timed(lambda q=query: index.search(q)) for _ in range(3 if cfg.quick else 7)]
            per_query[query] = {"ms": ms(median(runs)), "hits": len(index.search(query))}
    finally:
        index.close()
    values = [q["ms"] for q in per_query.values()]
    worst = max(per_query, key=lambda q: per_query[q]["ms"])
    return Result(round(median(values), 2), {"queries": per_query, "max_ms": max(values)},
                  note=f"on-disk index; {len(values)} queries (CJK + ASCII); slowest {worst!r} "
                       f"{max(values):.1f} ms")


@figure("archive_search", "archive of 500 issues: one search (median over queries)", "ms", 50)
def archive_search(cfg: Config) -> Result:
    return _search_figure(cfg, cfg.archive_size)


@figure("archive_search_5000", "archive of 5,000 issues: one search (median over queries)",
        "ms", 50)
def archive_search_5000(cfg: Config) -> Result:
    return _search_figure(cfg, 10 * cfg.archive_size)


@figure("startup_archive_5000", "first paint with a 5,000-issue default archive ÷ empty one",
        "×", 1.10)
def startup_archive_5000(cfg: Config) -> Result:
    path = real_issue_copy(cfg, "startup-archive")
    folder = synthetic_archive_folder(cfg, 10 * cfg.archive_size)
    empty, full = [], []
    runs = max(3, cfg.startup_runs) if not cfg.quick else 1
    for _ in range(runs):  # interleaved, so a load change hits both alike
        empty.append(run_probe(cfg, path)["marks"]["painted"])
        full.append(run_probe(cfg, path, archive=folder)["marks"]["painted"])
    ratio = median(full) / median(empty)
    return Result(round(ratio, 3), {"empty_s": [round(v, 4) for v in empty],
                                    "archive_s": [round(v, 4) for v in full],
                                    "issues": 10 * cfg.archive_size},
                  note=f"{median(full):.3f} s with {10 * cfg.archive_size} issues, "
                       f"{median(empty):.3f} s without ({len(full)} runs each, interleaved)")


# ---------------------------------------------------------------------------- 6. memory

@figure("peak_rss", "peak memory (VmHWM) with the real issue open in the window", "MB", 200)
def peak_rss(cfg: Config) -> Result:
    path = real_issue_copy(cfg, "memory")
    runs = [run_probe(cfg, path, "--settle") for _ in range(1 if cfg.quick else 3)]
    peaks = [r["hwm_mb"] for r in runs]
    return Result(round(median(peaks), 1), {"runs_mb": peaks, "platform": runs[0]["platform"]},
                  note="fresh process; every section shown, preview rendered, 5 keys typed")


# ---------------------------------------------------------------------------- 6. collaboration

def _two_edits(issue):
    """Two contributors' edits of ``issue``: items added to the same sections, other items
    edited, sections renamed, metadata changed on both sides (no conflicts)."""
    ours, theirs = issue.clone(), issue.clone()
    for n, (section, _depth) in enumerate(ours.walk()):
        if n % 3 == 0:
            section.body += f"\n\nOURS item {n}"
        if n % 7 == 0:
            section.title += "（改）"
    for n, (section, _depth) in enumerate(theirs.walk()):
        if n % 3 == 0:
            section.body = f"THEIRS item {n}\n\n" + section.body
        if n % 5 == 1 and section.body:
            section.body = section.body.replace("\n\n", "\n\n（补充）", 1)
    ours.date, theirs.video = "2023-07-22", "https://example.org/v"
    ours.highlights.append("ours"), theirs.highlights.append("theirs")
    return ours, theirs


@figure("background_stall", "longest freeze of the window during a background Zhihu export, "
        "40× issue", "ms", None)
def background_stall(cfg: Config) -> Result:
    """The window's event loop watched by a 5 ms timer while Export for Zhihu checks and
    writes a big issue in a worker thread (its progress dialog shows after 0.5 s): the
    longest gap between ticks is the longest time the host could not use the window."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from talkeditor.ui import dialogs

    times = 4 if cfg.quick else 40
    window = open_window(big_issue_file(cfg, times))
    out = cfg.workdir / f"zhihu{times}"
    real_dialog = dialogs.zhihu_export
    dialogs.zhihu_export = lambda *_args: {"folder": out, "image_base_url": "",
                                           "link_cards": False, "title": None}
    try:
        deadline = time.perf_counter() + 60
        while window.preview.converting and time.perf_counter() < deadline:
            QApplication.processEvents()
            time.sleep(0.005)
        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer(window, interval=5, timeout=tick)
        start = time.perf_counter()
        timer.start()
        window.zhihu_actions.export_in_background()
        while window.manager.tasks.running("zhihu") is not None \
                and time.perf_counter() < start + 120:
            QApplication.processEvents()
            time.sleep(0.002)
        timer.stop()
        total = time.perf_counter() - start
        window.manager.tasks.pool.waitForDone()
    finally:
        dialogs.zhihu_export = real_dialog
        # the post's QMimeData, made in Python: offscreen, the clipboard keeps it in a C++
        # global that is deleted after Python has ended, which crashes the exit
        QApplication.clipboard().clear()
        close_window(window)
    slow = sorted(gaps, reverse=True)[:5]
    return Result(ms(max(gaps)), {"export_s": round(total, 2), "longest_gaps_ms":
                                  [ms(g) for g in slow], "switch_interval_s":
                                  sys.getswitchinterval()},
                  note=f"{times}×; export {total:.1f} s; GIL switch interval "
                       f"{sys.getswitchinterval() * 1000:.1f} ms")


@figure("merge_10x", "structural three-way merge of the 10× issue", "ms", 100)
def merge_10x(cfg: Config) -> Result:
    from talkeditor.collab.merge import merge_files, merge_issues
    from talkeditor.storage import files as storage
    from talkeditor.storage import yaml_format as yamlio

    base = storage.load_yaml_issue(big_issue_file(cfg))
    ours, theirs = _two_edits(base)
    folder = cfg.workdir / "merge"
    folder.mkdir(exist_ok=True)
    paths = {}
    for name, issue in (("base", base), ("ours", ours), ("theirs", theirs)):
        paths[name] = folder / f"{name}.yaml"
        paths[name].write_text(yamlio.dumps(issue), encoding="utf-8")
    out = str(folder / "out.yaml")
    in_memory = median([timed(lambda: merge_issues(base, ours, theirs))
                        for _ in range(cfg.reps)])
    files = median([timed(lambda: merge_files(str(paths["base"]), str(paths["ours"]),
                                              str(paths["theirs"]), out))
                    for _ in range(max(3, cfg.reps // 3))])
    conflicts = len(merge_issues(base, ours, theirs).conflicts)
    sections = sum(1 for _ in base.walk())
    return Result(ms(in_memory), {"merge_issues_ms": ms(in_memory), "merge_files_ms": ms(files),
                                  "sections": sections, "conflicts": conflicts},
                  note=f"{sections} sections, items added/edited, sections renamed, metadata on "
                       f"both sides; the git driver (3 loads + merge + dump) "
                       f"{ms(files):.0f} ms; {conflicts} conflicts")


@figure("sync_local", "talkeditor sync against a local remote (commit, fetch, merge, push)",
        "ms", None)
def sync_local(cfg: Config) -> Result:
    from talkeditor.collab import sync
    from talkeditor.storage import files as storage

    saved = {k: os.environ.get(k) for k in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL",
                                            "GIT_CONFIG_NOSYSTEM", "HOME")}
    os.environ.update({"GIT_AUTHOR_EMAIL": "bench@example.org",
                       "GIT_COMMITTER_EMAIL": "bench@example.org", "GIT_CONFIG_NOSYSTEM": "1",
                       "HOME": str(cfg.workdir)})
    try:
        root = cfg.workdir / "sync"
        remote = root / "remote.git"
        subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
        host = root / "host"
        (host / "004").mkdir(parents=True)
        shutil.copy(REAL_ISSUE, host / "004" / "issue.yaml")
        sync.init(host, remote.as_uri(), "host")
        clones = []
        for name in ("alice", "bob"):
            subprocess.run(["git", "clone", "-q", remote.as_uri(), str(root / name)], check=True)
            clones.append(root / name)
        runs = []
        for n in range(2 if cfg.quick else 5):
            for clone in clones:
                path = clone / "004" / "issue.yaml"
                issue = storage.load_yaml_issue(path)
                issue.find("freetalk").body += f"\n\n{clone.name} {n}"
                storage.save_issue(issue, path)
                runs.append(timed(lambda c=clone: sync.sync(c, author=c.name)))
        return Result(ms(median(runs[1:])), {"runs_ms": [ms(r) for r in runs]},
                      note="the real issue, file:// remote; two clones take turns: each sync "
                           "commits an item and merges the other clone's")
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


# ---------------------------------------------------------------------------- running

def selected(only: list[str] | None) -> list[Figure]:
    if not only:
        return list(FIGURES)
    chosen = [f for f in FIGURES if any(f.name.startswith(o) for o in only)]
    if not chosen:
        names = ", ".join(f.name for f in FIGURES)
        raise SystemExit(f"run.py: no figure matches {only}; figures: {names}")
    return chosen


def measure(fig: Figure, cfg: Config) -> dict:
    row = {"name": fig.name, "label": fig.label, "unit": fig.unit, "target": fig.target,
           "value": None, "pass": None, "note": "", "details": {}, "error": None,
           "skipped": None}
    start = time.perf_counter()
    try:
        result = fig.func(cfg)
    except Exception as exc:  # one figure's failure must not stop the table
        row["error"] = f"{type(exc).__name__}: {exc}"
        row["traceback"] = traceback.format_exc()
    else:
        row.update(value=result.value, note=result.note, details=result.details,
                   skipped=result.skipped or None)
        if result.value is not None and fig.target is not None:
            row["pass"] = result.value <= fig.target
    row["seconds"] = round(time.perf_counter() - start, 2)
    return row


def fmt_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.1f} {unit}"


def status(row: dict) -> str:
    if row["error"]:
        return "ERROR"
    if row["skipped"]:
        return "n/a"
    if row["pass"] is None:
        return "info"
    return "pass" if row["pass"] else "FAIL"


def table(rows: list[dict]) -> str:
    header = ("figure", "value", "target", "result", "notes")
    lines = []
    for row in rows:
        target = "—" if row["target"] is None else "≤ " + fmt_value(row["target"], row["unit"])
        note = row["error"] or row["skipped"] or row["note"]
        lines.append((row["name"], fmt_value(row["value"], row["unit"]), target, status(row),
                      note))
    widths = [max(len(r[i]) for r in [header, *lines]) for i in range(4)]
    out = ["  ".join(h.ljust(w) for h, w in zip(header[:4], widths, strict=True)) + "  notes"]
    out.append("  ".join("-" * w for w in widths) + "  -----")
    for line in lines:
        out.append("  ".join(c.ljust(w) for c, w in zip(line[:4], widths, strict=True))
                   + "  " + line[4])
    return "\n".join(out)


def environment(cfg: Config) -> dict:
    import PySide6

    commit = None
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                                capture_output=True, timeout=10).stdout.strip() or None
    except OSError:
        pass
    return {"date": time.strftime("%Y-%m-%d %H:%M:%S"), "python": platform.python_version(),
            "pyside6": PySide6.__version__, "machine": platform.machine(),
            "system": platform.platform(), "cpus": os.cpu_count(),
            "loadavg": os.getloadavg() if hasattr(os, "getloadavg") else None,
            "startup_qpa": cfg.platform, "quick": cfg.quick, "commit": commit}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="tiny inputs and few repetitions (a smoke test, not a measurement)")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="run only the figures whose name starts with NAME (repeatable)")
    parser.add_argument("--json", metavar="OUT", type=Path,
                        help="write the results here (default: benchmarks/results.json for "
                             "a full run, nothing for --quick)")
    parser.add_argument("--platform", choices=("auto", "offscreen", "xcb"), default="auto",
                        help="QT_QPA_PLATFORM of the start-up processes (auto: xcb when "
                             "DISPLAY is set, else offscreen)")
    parser.add_argument("--runs", type=int, default=None,
                        help="start-up runs per figure (default 7; --quick: 1)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    parser.add_argument("--list", action="store_true", help="list the figures and exit")
    args = parser.parse_args(argv)
    if args.list:
        for fig in FIGURES:
            print(f"{fig.name:28} {fig.label}")
        return 0

    qpa = args.platform
    if qpa == "auto":
        qpa = "xcb" if os.environ.get("DISPLAY") else "offscreen"
    workdir = Path(tempfile.mkdtemp(prefix="talkeditor-bench-"))
    private_xdg(workdir)
    # in-process widgets are always offscreen (nothing pops up on the user's screen)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    sys.path.insert(0, str(ROOT))
    cfg = Config(quick=args.quick, workdir=workdir, platform=qpa,
                 startup_runs=args.runs or (1 if args.quick else 7))
    figures = selected(args.only)
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    rows = []
    try:
        for fig in figures:
            print(f"… {fig.name}", file=sys.stderr, flush=True)
            rows.append(measure(fig, cfg))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print(table(rows))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    if load > 0.5 * (os.cpu_count() or 1):
        print(f"\nwarning: load average {load:.1f} on {os.cpu_count()} CPUs: other work was "
              "running, so these timings are pessimistic; run again on a quiet machine.")
    for row in rows:
        if row.get("traceback"):
            print(f"\n{row['name']}:\n{row['traceback']}", file=sys.stderr)
    out = args.json or (None if args.quick else DEFAULT_JSON)
    if out is not None:
        data = {"environment": {**environment(cfg), "loadavg_before": load_before},
                "figures": rows}
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"\nresults: {out}")
    return 1 if any(row["error"] for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
