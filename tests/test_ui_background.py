"""The background runner (ui/background.py): long core work runs in a worker thread with
progress and Cancel, and its result or error comes back to the GUI thread (issue 14).

The work here is real core work (the Zhihu export, loading an issue) or a function that waits
on an event the test sets, so no test depends on how fast the machine is.
"""

import os
import subprocess
import sys
import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from talkeditor.errors import IssueFormatError
from talkeditor.progress import Cancelled
from talkeditor.storage import files as storage
from talkeditor.ui.background import BackgroundTasks
from talkeditor.zhihu.export import export_issue

from .conftest import ROOT
from .test_progress_hooks import big_issue

WAIT = 20_000  # ms: a guard against a hang, never reached when things work


class Outcome:
    """Records which callback the runner called, and on which thread."""

    def __init__(self):
        self.calls, self.threads = [], set()

    def done(self, value):
        self.threads.add(threading.current_thread() is threading.main_thread())
        self.calls.append(("done", value))

    def failed(self, error):
        self.threads.add(threading.current_thread() is threading.main_thread())
        self.calls.append(("failed", error))

    def cancelled(self):
        self.threads.add(threading.current_thread() is threading.main_thread())
        self.calls.append(("cancelled", None))


def runner(qtbot, delay_ms=500):
    window = QWidget()
    qtbot.addWidget(window)  # keeps only a weak reference
    tasks = BackgroundTasks(window, delay_ms=delay_ms)
    tasks.window = window
    return tasks


def gate_at(fraction: float, release: threading.Event):
    """Wrap a work's progress so that it waits for ``release`` once it reaches ``fraction``
    (the worker then goes on, and meets a Cancel set meanwhile at its next report)."""
    def wrap(progress):
        def gated(value):
            if value >= fraction and not release.is_set():
                release.wait(WAIT / 1000)
            progress(value)
        return gated
    return wrap


def test_work_runs_off_the_gui_thread_and_its_result_and_progress_come_back_to_it(qtbot, tmp_path):
    path = storage.save_issue(big_issue(6), tmp_path / "big" / "issue.yaml")
    tasks, outcome, heard, worker = runner(qtbot), Outcome(), [], []

    def work(progress):
        worker.append(threading.current_thread() is threading.main_thread())
        return storage.load_yaml_issue(path, progress)

    task = tasks.start("open", work, "Opening", done=outcome.done, failed=outcome.failed,
                       cancelled=outcome.cancelled)
    task.progressed.connect(heard.append)
    with qtbot.waitSignal(task.ended, timeout=WAIT) as ended:
        pass
    assert ended.args == ["done"] and worker == [False] and outcome.threads == {True}
    assert outcome.calls == [("done", storage.load_yaml_issue(path))]
    assert heard and heard == sorted(heard) and heard[-1] > 0.9
    assert tasks.running("open") is None


def test_the_dialog_appears_only_when_the_work_takes_longer_than_the_delay(qtbot):
    tasks, outcome, release = runner(qtbot, delay_ms=300), Outcome(), threading.Event()
    quick = tasks.start("quick", lambda progress: 42, "Quick", done=outcome.done)
    with qtbot.waitSignal(quick.ended, timeout=WAIT):
        pass
    qtbot.wait(400)
    assert outcome.calls == [("done", 42)]
    assert not [w for w in QApplication.topLevelWidgets()
                if w.objectName() == "progressDialog" and w.isVisible()]

    slow = tasks.start("slow", lambda progress: release.wait(WAIT / 1000) and "slow", "Slow",
                       done=outcome.done)
    assert slow.dialog is None, "no dialog at once"
    qtbot.waitUntil(lambda: slow.dialog is not None and slow.dialog.isVisible(), timeout=WAIT)
    assert slow.dialog.windowModality() == Qt.WindowModality.WindowModal
    dialog = slow.dialog
    release.set()
    with qtbot.waitSignal(slow.ended, timeout=WAIT):
        pass
    assert outcome.calls[-1] == ("done", "slow") and not dialog.isVisible()


def test_cancel_in_the_dialog_stops_the_export_before_it_writes_anything(qtbot, tmp_path):
    tasks, outcome, release = runner(qtbot, delay_ms=0), Outcome(), threading.Event()
    issue, out = big_issue(3), tmp_path / "zhihu"
    gated = gate_at(0.5, release)
    task = tasks.start("zhihu", lambda progress: export_issue(issue, out,
                                                              progress=gated(progress)),
                       "Exporting", done=outcome.done, cancelled=outcome.cancelled)
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=WAIT)
    qtbot.mouseClick(task.dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert task.cancel_requested
    release.set()
    with qtbot.waitSignal(task.ended, timeout=WAIT) as ended:
        pass
    assert ended.args == ["cancelled"] and outcome.calls == [("cancelled", None)]
    assert not out.exists(), "a cancelled export writes nothing"
    again = tasks.start("zhihu", lambda progress: export_issue(issue, out, progress=progress),
                        "Exporting", done=outcome.done)
    with qtbot.waitSignal(again.ended, timeout=WAIT):
        pass
    assert (out / "post.md").is_file() and outcome.calls[-1][0] == "done"


def test_a_result_that_arrives_after_cancel_is_dropped_unless_it_is_kept(qtbot):
    tasks, outcome = runner(qtbot, delay_ms=0), Outcome()
    for keep in (False, True):
        release = threading.Event()
        task = tasks.start("open", lambda progress, r=release: r.wait(WAIT / 1000) and "late",
                           "Opening", done=outcome.done, cancelled=outcome.cancelled,
                           keep_late_result=keep)
        task.cancel()
        release.set()
        with qtbot.waitSignal(task.ended, timeout=WAIT):
            pass
    assert outcome.calls == [("cancelled", None), ("done", "late")]


def test_one_task_of_a_kind_at_a_time(qtbot):
    tasks, outcome, release = runner(qtbot), Outcome(), threading.Event()
    first = tasks.start("open", lambda progress: release.wait(WAIT / 1000) and 1, "Opening",
                        done=outcome.done)
    assert tasks.start("open", lambda progress: 2, "Opening", done=outcome.done) is None
    assert tasks.running("open") is first
    other = tasks.start("zhihu", lambda progress: 3, "Checking", done=outcome.done)
    with qtbot.waitSignal(other.ended, timeout=WAIT):
        pass
    release.set()
    with qtbot.waitSignal(first.ended, timeout=WAIT):
        pass
    assert sorted(value for _kind, value in outcome.calls) == [1, 3]
    assert tasks.start("open", lambda progress: 4, "Opening", done=outcome.done) is not None


def test_errors_reach_the_gui_thread_as_dialogs_not_tracebacks(qtbot, no_dialogs):
    tasks = runner(qtbot)

    def bad_input(progress):
        raise IssueFormatError("line 3 is too long", "sections[0].body")

    def bug(progress):
        progress(0.1)
        return 1 / 0

    for work in (bad_input, bug):
        task = tasks.start("open", work, "Opening big.yaml", done=lambda value: None)
        with qtbot.waitSignal(task.ended, timeout=WAIT) as ended:
            pass
        assert ended.args == ["failed"]
    (title1, text1, details1), (title2, text2, details2) = no_dialogs["errors"]
    assert title1 == "Opening big.yaml" and "line 3 is too long" in text1 and not details1
    assert "ZeroDivisionError" in text2 and "Traceback" in details2 and "def bug" not in text2
    recorded = Outcome()
    task = tasks.start("open", bug, "Opening", done=recorded.done, failed=recorded.failed)
    with qtbot.waitSignal(task.ended, timeout=WAIT):
        pass
    assert isinstance(recorded.calls[0][1], ZeroDivisionError) and recorded.threads == {True}
    assert len(no_dialogs["errors"]) == 2, "a failed handler replaces the dialog"


def test_the_worker_stops_at_its_next_report_after_cancel():
    from talkeditor.ui.background import Task

    task = Task("open", "Opening", None)
    task.progress(0.2)
    task.cancel()
    try:
        task.progress(0.3)
    except Cancelled:
        pass
    else:
        raise AssertionError("a report after Cancel raises Cancelled")


CLOSED_WINDOW = r"""
import threading
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget
from talkeditor.ui.background import BackgroundTasks
app = QApplication([])
window = QWidget()
tasks = BackgroundTasks(window, delay_ms=0)
started, release, reported = threading.Event(), threading.Event(), []
def work(progress):
    started.set()
    release.wait(10)
    for i in range(100):
        progress(i / 100)
        reported.append(i)
    return "late"
tasks.start("open", work, "Opening", done=lambda value: print("done called"))
started.wait(10)
window.deleteLater()
QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
release.set()
for _ in range(50):
    app.processEvents()
    threading.Event().wait(0.02)
print("ok", len(reported) < 100)
"""


def test_closing_the_window_while_work_runs_stops_it_without_a_crash():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, "-c", CLOSED_WINDOW], capture_output=True,
                          env=env, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    out = done.stdout.decode()
    assert "ok True" in out and "done called" not in out
    assert "Traceback" not in done.stderr.decode(errors="replace")


def test_garbage_collection_waits_while_work_runs_and_comes_back_after(qtbot):
    import gc

    tasks = runner(qtbot)
    outcome = Outcome()
    inside, release = threading.Event(), threading.Event()
    seen = []

    def work(_progress):
        inside.set()
        release.wait(WAIT / 1000)
        seen.append(gc.isenabled())
        return "ok"

    assert gc.isenabled()
    tasks.start("one", work, "…", done=outcome.done)
    assert inside.wait(WAIT / 1000)
    assert not gc.isenabled()  # the GUI thread's allocations do not start one either
    release.set()
    qtbot.waitUntil(lambda: bool(outcome.calls), timeout=WAIT)
    assert seen == [False] and gc.isenabled()


def test_overlapping_tasks_keep_garbage_collection_off_until_the_last_one_ends():
    import gc

    from talkeditor.collector import COLLECTOR_HOLD

    COLLECTOR_HOLD.acquire()
    COLLECTOR_HOLD.acquire()
    COLLECTOR_HOLD.release()
    assert not gc.isenabled()
    COLLECTOR_HOLD.release()
    assert gc.isenabled()
    gc.disable()  # off before any task: stays off after them
    try:
        COLLECTOR_HOLD.acquire()
        COLLECTOR_HOLD.release()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_worker_that_outlives_start_up_keeps_the_collector_off_until_it_ends():
    import gc

    from talkeditor.collector import CollectorHold

    hold = CollectorHold()
    try:
        hold.end_start_up()  # never taken: nothing happens
        assert gc.isenabled()
        hold.hold_for_start_up()
        hold.hold_for_start_up()  # once only
        hold.acquire()  # the archive's reading thread
        hold.end_start_up()
        hold.end_start_up()
        assert not gc.isenabled()
        hold.release()
        assert gc.isenabled()
    finally:
        gc.enable()
