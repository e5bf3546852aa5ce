"""Start-up probe: time from process start to the main window's first paint, and peak memory.

Run as a fresh process, the way a user starts the app on a file::

    QT_QPA_PLATFORM=offscreen python benchmarks/first_paint_probe.py ISSUE.yaml

It takes the same path as ``python -m talkeditor FILE`` (``talkeditor.cli.main``, the
garbage collector's start-up hold, then ``talkeditor.ui.app.start``: the crash hook and
``create_main_window(shell_first=True)``), follows the window's ``startupStage`` signal (no
event filter: it would cost time of its own), and prints one JSON object on stdout, then
exits without touching any talkeditor file:

- ``marks``: seconds since process start at each milestone (``python`` = first line of this
  script, ``imports`` = talkeditor.cli.main + ui.app + ui.main_window imported, ``qapp`` =
  QApplication and translations ready, ``window`` = ``start`` returned,
  ``first_paint`` = the window's first paint began, ``painted`` = that paint pass done,
  ``document`` = the issue painted, ``preview`` = the first preview set and painted,
  ``preview_painted`` = that pass done);
- ``rss_mb`` / ``hwm_mb``: current and peak resident memory after ``--settle`` (visit every
  section, render the preview, type into the body) or right after the first paint.

"Process start" is ``TALKEDITOR_BENCH_T0`` when the parent sets it (its ``time.perf_counter()``
just before spawning; on Linux that clock is system-wide), else the kernel's start time of
this process from ``/proc/self/stat`` (10 ms resolution).

The probe only reads talkeditor; it owns no widget code (the UI files belong to the app).
"""

from __future__ import annotations

import os
import time

_T_PYTHON = time.perf_counter()

import json  # noqa: E402
import sys  # noqa: E402


def _process_start() -> float:
    """The process start time on the ``time.perf_counter()`` clock."""
    given = os.environ.get("TALKEDITOR_BENCH_T0")
    if given:
        return float(given)
    try:
        with open("/proc/self/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # seconds after boot
        since = time.clock_gettime(time.CLOCK_BOOTTIME) - started
        return time.perf_counter() - since
    except (OSError, ValueError, IndexError, AttributeError):
        return _T_PYTHON


def memory_mb() -> tuple[float, float]:
    """(VmRSS, VmHWM) of this process in MB, from /proc/self/status (resource as fallback)."""
    values = {}
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0]) / 1024
    except OSError:
        pass
    if "VmHWM" not in values:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        values = {"VmRSS": peak, "VmHWM": peak}
    return values["VmRSS"], values["VmHWM"]


def main(argv: list[str]) -> int:
    settle = "--settle" in argv
    args = [a for a in argv if not a.startswith("--")]
    path = args[0] if args else None
    t0 = _process_start()
    marks = {"python": _T_PYTHON - t0}

    import talkeditor.cli.main  # noqa: F401 - the real entry point's import (`python -m talkeditor`)
    from talkeditor.collector import COLLECTOR_HOLD

    COLLECTOR_HOLD.hold_for_start_up()  # as the entry point does before it loads Qt
    from talkeditor.ui import app as ui_app
    from talkeditor.ui import main_window  # noqa: F401 - imported lazily by create_main_window

    marks["imports"] = time.perf_counter() - t0

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    state: dict = {"window": None, "result": None}
    original_ensure_app = ui_app.ensure_app

    def ensure_app(*a, **k):
        app = original_ensure_app(*a, **k)
        marks.setdefault("qapp", time.perf_counter() - t0)
        return app

    ui_app.ensure_app = ensure_app  # a wrapper that only records time; nothing else changes

    def stage(name: str) -> None:
        now = time.perf_counter() - t0
        if name == "shell":
            marks["first_paint"] = now
            QTimer.singleShot(0, lambda: marks.setdefault("painted", time.perf_counter() - t0))
        else:
            marks[name] = now
        if name == "preview":
            QTimer.singleShot(0, finish)

    def finish() -> None:
        marks["preview_painted"] = time.perf_counter() - t0
        window = state["window"]
        if settle and window is not None:
            _settle(window)
            marks["settled"] = time.perf_counter() - t0
        rss, hwm = memory_mb()
        state["result"] = {"marks": marks, "rss_mb": rss, "hwm_mb": hwm,
                           "platform": QApplication.platformName(), "settled": settle}
        if window is not None:
            window.document.set_modified(False)
            window.hide()
        QApplication.instance().quit()

    window = ui_app.start(path, lang="en")  # what main() does before its event loop
    window.startupStage.connect(stage)
    marks["window"] = time.perf_counter() - t0
    state["window"] = window
    app = QApplication.instance()
    QTimer.singleShot(30_000, app.quit)  # never hang a benchmark
    app.exec()
    if state["result"] is None:
        print(json.dumps({"error": "the main window was never painted", "marks": marks}))
        return 1
    print(json.dumps(state["result"]))
    return 0


def _settle(window) -> None:
    """Use the window a little: every section shown, the preview rendered, a few keys typed."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    for section, _depth in window.document.issue.walk():
        window.tree.select(section.id)
        QApplication.processEvents()
    body = window.editor.pane.body
    for _ in range(5):
        QTest.keyClick(body, Qt.Key.Key_A)
    window.preview.refresh()
    window.repaint()
    QApplication.processEvents()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
