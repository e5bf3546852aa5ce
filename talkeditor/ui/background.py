"""Long work off the GUI thread, with progress and Cancel (issue 14): opening or importing a
big issue, the Zhihu check and export.

``BackgroundTasks.start(kind, work, label, done=…)`` runs ``work(progress)`` — a core
function taking the optional ``progress`` callback of :mod:`talkeditor.progress` — in a
worker thread of its own pool, and comes back to the GUI thread with the outcome:

- ``done(result)`` when it finished;
- ``failed(error)`` when it raised; without a ``failed`` handler the error is shown in a
  dialog (``ui/dialogs.py``: the core's words for a ``TalkeditorError``, the message and
  traceback in the details for anything unexpected), never a traceback on the console;
- ``cancelled()`` when the host clicked Cancel: the worker's next ``progress`` call raises
  ``Cancelled`` (the cooperative cancel flag the core checks at every report), and a result
  that arrives after the click is dropped (``keep_late_result=False``, the default: for
  work that changes nothing, such as loading, dropping the result *is* the cancel).

A progress dialog (``dialogs.progress_dialog``, window-modal but not blocking) appears only
when the work is still running after ``delay_ms`` (500 ms), so quick work never flashes
one. One task of each ``kind`` runs at a time: ``start`` returns None while one is in
flight. Everything the caller passes is called on the GUI thread; ``work`` alone runs in the
worker and must not touch widgets.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from ..collector import COLLECTOR_HOLD
from ..errors import TalkeditorError
from ..lazy import lazy_import
from ..progress import Cancelled
from .wording import describe_error

dialogs = lazy_import("talkeditor.ui.dialogs")  # loaded on first use, after the first paint

# milliseconds of work before the progress dialog appears
DELAY_MS = 500
# the progress signal's resolution (a report that does not move it is not sent)
STEPS = 1000
# at most one report per this many seconds reaches the GUI thread: each queued report waits
# there for the GIL the worker holds (up to the switch interval, see ui/app.py)
REPORT_INTERVAL_S = 0.05
# ... unless it moved the bar this far (out of STEPS) since the last one sent
REPORT_STEPS = 50
# workers in flight: Python keeps each alive until its run() returns, even if its window
# and runner are gone
_RUNNING: set[_Worker] = set()


class Task(QObject):
    """One piece of work in flight. ``progressed(fraction)`` on the GUI thread as the
    work reports; ``ended(outcome)`` once, with 'done', 'failed' or 'cancelled'."""

    progressed = Signal(float)
    ended = Signal(str)
    # from the worker thread to this object (which lives in the GUI thread): queued
    _reported = Signal(int)
    _finished = Signal(str, object)

    def __init__(self, kind: str, label: str, parent: QObject) -> None:
        super().__init__(parent)
        self.kind, self.label = kind, label
        self.outcome: str | None = None
        self.dialog = None  # the progress dialog once shown
        self._cancel = threading.Event()
        self._last = -1
        self._sent_at = 0.0  # time.monotonic() of the last report sent
        self._handler: Callable[[str, Any], None] | None = None
        self._reported.connect(self._on_reported)
        self._finished.connect(self._on_finished)

    @property
    def running(self) -> bool:
        return self.outcome is None

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report (GUI or any thread)."""
        self._cancel.set()

    def progress(self, fraction: float) -> None:
        """The ``progress`` callback handed to the work (called in the worker thread)."""
        if self._cancel.is_set():
            raise Cancelled()
        step = int(max(0.0, min(1.0, fraction)) * STEPS)
        now = time.monotonic()
        if step != self._last and (now - self._sent_at >= REPORT_INTERVAL_S
                                   or abs(step - self._last) >= REPORT_STEPS or step == STEPS):
            self._last, self._sent_at = step, now
            try:
                self._reported.emit(step)
            except RuntimeError:  # the window (and this object) is gone: stop
                self._cancel.set()
                raise Cancelled() from None

    @Slot(int)
    def _on_reported(self, step: int) -> None:
        if self.dialog is not None:
            self.dialog.setValue(step)
        self.progressed.emit(step / STEPS)

    @Slot(str, object)
    def _on_finished(self, outcome: str, value: Any) -> None:
        if self._handler is not None:
            self._handler(outcome, value)


class _Worker(QRunnable):
    def __init__(self, task: Task, work: Callable[[Callable[[float], None]], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns it (_RUNNING until run() returns)
        self.task, self.work = task, work

    def run(self) -> None:  # Qt API, in the worker thread
        COLLECTOR_HOLD.acquire()
        try:
            outcome, value = "done", self.work(self.task.progress)
        except Cancelled:
            outcome, value = "cancelled", None
        except BaseException as exc:  # noqa: BLE001 (every error goes to the GUI thread)
            outcome, value = "failed", exc
        finally:
            COLLECTOR_HOLD.release()
        try:
            self.task._finished.emit(outcome, value)
        except RuntimeError:
            pass  # the window is gone; nobody is waiting for the result
        finally:
            _RUNNING.discard(self)


class BackgroundTasks(QObject):
    """The window's runner of long work: one pool, one task in flight per kind."""

    def __init__(self, parent: QObject | None = None, delay_ms: int = DELAY_MS,
                 dialog_parent=None) -> None:
        """``dialog_parent``: the widget the progress and error dialogs open over (default:
        ``parent``)."""
        super().__init__(parent)
        self.delay_ms = delay_ms
        self.dialog_parent = dialog_parent if dialog_parent is not None else parent
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._tasks: dict[str, Task] = {}
        # the cancel flags in flight, reachable when the window (and this object) is gone
        flags: set[threading.Event] = set()
        self._flags = flags
        self.destroyed.connect(lambda *_args: [flag.set() for flag in list(flags)])
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def running(self, kind: str) -> Task | None:
        """The task of ``kind`` in flight, if any."""
        return self._tasks.get(kind)

    def start(self, kind: str, work: Callable[[Callable[[float], None]], Any], label: str, *,
              done: Callable[[Any], None],
              failed: Callable[[BaseException], None] | None = None,
              cancelled: Callable[[], None] | None = None,
              title: str = "", keep_late_result: bool = False) -> Task | None:
        """Run ``work(progress)`` in a worker thread; None (nothing started) while a task of
        ``kind`` is in flight. ``label`` says what is being done (the dialog's text),
        ``title`` names the window of the progress and error dialogs. See the module
        docstring for ``done``, ``failed``, ``cancelled`` and ``keep_late_result``."""
        if kind in self._tasks:
            return None
        task = Task(kind, label, self)
        self._flags.add(task._cancel)
        task._handler = lambda outcome, value: self._finish(
            task, outcome, value, done, failed, cancelled, title, keep_late_result)
        worker = _Worker(task, work)
        self._tasks[kind] = task
        _RUNNING.add(worker)
        QTimer.singleShot(self.delay_ms, task, lambda: self._show_dialog(task, title))
        self.pool.start(worker)
        return task

    def _show_dialog(self, task: Task, title: str) -> None:
        if not task.running or task.dialog is not None:
            return
        task.dialog = dialogs.progress_dialog(self.dialog_parent, title or task.label,
                                              task.label)
        task.dialog.setValue(max(0, task._last))
        task.dialog.canceled.connect(task.cancel)
        task.dialog.show()

    def _finish(self, task: Task, outcome: str, value: Any, done, failed, cancelled,
                title: str, keep_late_result: bool) -> None:
        if self._tasks.get(task.kind) is task:
            del self._tasks[task.kind]
        self._flags.discard(task._cancel)
        if task.dialog is not None:
            task.dialog.canceled.disconnect(task.cancel)
            task.dialog.hide()
            task.dialog.deleteLater()
            task.dialog = None
        if outcome == "done" and task.cancel_requested and not keep_late_result:
            outcome = "cancelled"  # the host clicked Cancel before the result came
        task.outcome = outcome
        try:
            if outcome == "done":
                done(value)
            elif outcome == "cancelled":
                if cancelled is not None:
                    cancelled()
            elif failed is not None:
                failed(value)
            else:
                self.show_error(value, title or task.label)
        finally:
            task.ended.emit(outcome)
            task.deleteLater()

    def show_error(self, error: BaseException, title: str) -> None:
        """The dialog for work that failed: the core's words for its own errors, the
        message and the traceback (in the details) for anything unexpected."""
        parent = self.dialog_parent
        if isinstance(error, TalkeditorError):
            dialogs.show_error(parent, title, describe_error(error))
            return
        details = "".join(traceback.format_exception(error))
        dialogs.show_error(parent, title,
                           self.tr("Unexpected error: %1").replace(
                               "%1", f"{type(error).__name__}: {error}"), details)

    def cancel_all(self) -> None:
        for task in list(self._tasks.values()):
            task.cancel()

    def shutdown(self, msecs: int = 5000) -> bool:
        """Cancel every task and wait up to ``msecs`` for the workers; True if they ended."""
        self.cancel_all()
        return self.pool.waitForDone(msecs)

