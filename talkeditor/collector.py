"""Python's cyclic garbage collector held off while the window starts and while background
work runs (``COLLECTOR_HOLD``), with no Qt import, so the app's entry point can take the hold
before it loads Qt.

A collection runs in whichever thread allocates when one comes due and holds the GIL until
it ends. During start-up nearly every object made lives as long as the window, so the ~60
collections before the first paint (~20 ms of ~0.5 s) find nothing to free. While a worker
runs, a full collection with an 80x issue's Zhihu check in flight froze the window for
0.1-0.5 s (benchmarks/run.py background_stall). Reference counting still frees nearly
everything meanwhile; cycles wait until the last hold ends.
"""

from __future__ import annotations

import gc
import threading


class CollectorHold:
    """Counted: automatic collection is off while any hold is taken, and back to what it was
    before the first one when the last is released."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holds = 0
        self._was_enabled = False
        self._start_up = False

    def acquire(self) -> None:
        with self._lock:
            if self._holds == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._holds += 1

    def release(self) -> None:
        with self._lock:
            self._holds -= 1
            if self._holds == 0 and self._was_enabled:
                gc.enable()

    def hold_for_start_up(self) -> None:
        """Take the start-up hold (the app's entry point, before it imports Qt); once only."""
        if not self._start_up:
            self._start_up = True
            self.acquire()

    def end_start_up(self) -> None:
        """Release the start-up hold if it was taken (``ui.startup``, once the issue and its
        preview are on screen); otherwise nothing."""
        if self._start_up:
            self._start_up = False
            self.release()


COLLECTOR_HOLD = CollectorHold()
