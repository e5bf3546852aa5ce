"""Fork → first painted frame on a real X server, event-driven: Xvfb and the DAMAGE extension.

``first_frame(cmd, env, display)`` starts ``cmd`` and watches the X server from this (the
benchmark's) process: every top-level window the program creates gets a Damage object at
once (CreateNotify on the root window), and the first DamageNotify of a window at least
``min_side`` pixels wide and high is the first painted frame. Nothing runs inside the program
measured (no event filter, no polling with xdotool), so the same measurement applies to
talkeditor and to a C++ editor (ghostwriter). Times are ``time.perf_counter()`` seconds after
the fork; the child gets ``TALKEDITOR_BENCH_T0`` (the parent's clock just before spawning) so
marks it prints are on the same clock.

``Xvfb()`` is a private X server on a free display (``-displayfd``), stopped on exit.
Needs python-xlib (``pip install python-xlib``) and Xvfb (Debian ``xvfb``);
``benchmarks/setup.sh`` installs both and ghostwriter.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time


class Xvfb:
    """``with Xvfb() as display:`` — ``display`` is ``":N"``."""

    def __init__(self, size: str = "1600x1000x24"):
        self.size = size
        self.proc: subprocess.Popen | None = None
        self.display = ""

    def __enter__(self) -> str:
        if shutil.which("Xvfb") is None:
            raise RuntimeError("Xvfb is not installed (benchmarks/setup.sh installs it)")
        read, write = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", self.size, "-nolisten", "tcp",
             "-noreset"], pass_fds=(write,), stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as handle:
            number = handle.readline().strip()
        if not number.isdigit():
            self.__exit__()
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number}"
        return self.display

    def __exit__(self, *_exc) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            self.proc = None


def first_frame(cmd: list[str], env: dict[str, str], display: str, timeout: float = 60.0,
                min_side: int = 200, linger: float = 0.0, stdout=subprocess.DEVNULL,
                cwd=None, wait_exit: bool = False) -> dict:
    """Run ``cmd`` on ``display`` until its first big window is painted (plus ``linger``
    seconds; with ``wait_exit`` until it exits by itself), then stop it.

    Returns ``{"first_frame": s, "mapped": s, "stdout": text}``; RuntimeError if no frame
    came within ``timeout``."""
    from Xlib import X
    from Xlib import display as xdisplay
    from Xlib.ext import damage

    conn = xdisplay.Display(display)
    conn.set_error_handler(lambda *_args: None)  # a window may be gone before its Damage
    if not conn.has_extension("DAMAGE"):
        raise RuntimeError("the X server has no DAMAGE extension")
    conn.damage_query_version()
    root = conn.screen().root
    root.change_attributes(event_mask=X.SubstructureNotifyMask)
    conn.sync()
    notify = conn.extension_event.DamageNotify
    env = dict(env, DISPLAY=display)
    t0 = time.perf_counter()
    env["TALKEDITOR_BENCH_T0"] = repr(t0)
    proc = subprocess.Popen(cmd, env=env, stdout=stdout, stderr=subprocess.DEVNULL, cwd=cwd,
                            text=True)
    result: dict = {"first_frame": None, "mapped": None}
    damages = []
    try:
        deadline = t0 + timeout
        stop_at = None
        while time.perf_counter() < (stop_at or deadline):
            if proc.poll() is not None:
                if result["first_frame"] is None:
                    raise RuntimeError(f"{cmd[0]} exited ({proc.returncode}) before painting")
                break
            while conn.pending_events():
                event = conn.next_event()
                now = time.perf_counter() - t0
                if event.type == X.CreateNotify:
                    try:
                        damages.append(event.window.damage_create(damage.DamageReportNonEmpty))
                    except Exception:  # the window may be gone already
                        pass
                    conn.flush()
                elif event.type == X.MapNotify and result["mapped"] is None:
                    geometry = _geometry(event.window)
                    if geometry and min(geometry) >= min_side:
                        result["mapped"] = now
                elif event.type == notify and result["first_frame"] is None:
                    geometry = event.drawable_geometry
                    if min(geometry.width, geometry.height) >= min_side:
                        result["first_frame"] = now
                        if not wait_exit:
                            stop_at = time.perf_counter() + linger
            wait = (stop_at or deadline) - time.perf_counter()
            if wait > 0:
                select.select([conn.fileno()], [], [], min(wait, 0.05))
        if result["first_frame"] is None:
            raise RuntimeError(f"{cmd[0]} painted no window within {timeout:.0f} s")
    finally:
        if proc.poll() is None:
            proc.terminate()
        try:
            out, _err = proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _err = proc.communicate()
        result["stdout"] = out or ""
        conn.close()
    return result


def _geometry(window) -> tuple[int, int] | None:
    try:
        g = window.get_geometry()
    except Exception:  # destroyed meanwhile
        return None
    return g.width, g.height
