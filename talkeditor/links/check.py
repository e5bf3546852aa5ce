"""Check that links still work: HEAD, then GET when HEAD is refused or fails, redirects
followed, many links at once but boundedly.

``check_urls(urls)`` returns one ``LinkStatus`` per distinct URL: ``ok`` (2xx after any
redirects), ``redirected`` (ok, but it ended at another address: the final URL is given),
``dead`` (4xx/5xx, or the host is not there, refused the connection or timed out), or
``unchecked`` ("not checked (time limit)") when the whole run's time ran out before it was
checked — never dead for that. At most ``concurrency`` links are in flight and at most
``per_host`` to any one host (links start in turns across hosts, so 120 slow links on one
host cannot starve the others); each link gets ``timeout`` seconds, never more than is left
of ``total``, and the run returns after at most about ``total`` seconds whatever the network
does (requests still running then are abandoned in daemon threads, which end when their
client's timeout fires and never hold up the process's exit).
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from .titles import make_client

CONCURRENCY = 8
PER_HOST = 2
TIMEOUT = 10.0
TOTAL = 60.0

OK = "ok"
REDIRECTED = "redirected"
DEAD = "dead"
UNCHECKED = "unchecked"


@dataclass(frozen=True)
class LinkStatus:
    """What checking ``url`` found: ``state`` (ok/redirected/dead/unchecked), the HTTP
    ``status`` (0 when there was no answer), the ``final`` URL after redirects, and a
    one-line ``detail`` (``HTTP 404 Not Found``, ``connection refused`` …)."""

    url: str
    state: str
    status: int = 0
    final: str = ""
    detail: str = ""


def _same_place(a: str, b: str) -> bool:
    """Redirects that only add a slash or move to https are not worth reporting."""
    def norm(u: str) -> str:
        u = u.split("#", 1)[0]
        if u.startswith("http://"):
            u = "https://" + u[len("http://"):]
        return u.rstrip("/")

    return norm(a) == norm(b)


def _describe(exc: Exception) -> str:
    import httpx

    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.TooManyRedirects):
        return "too many redirects"
    if isinstance(exc, httpx.ConnectError):
        text = str(exc).lower()
        if "refused" in text:
            return "connection refused"
        if "name" in text or "resolve" in text or "nodename" in text:
            return "host not found"
        return "cannot connect"
    return str(exc) or type(exc).__name__


def check_url(url: str, client, seconds: float | None = None) -> LinkStatus:
    """Check one URL with ``client`` (an ``httpx.Client`` following redirects); with
    ``seconds``, the HEAD and the GET after it share that many seconds (each request's
    connect and read waits are cut to what is left)."""
    import httpx

    end = None if seconds is None else time.monotonic() + seconds

    def left() -> float | httpx.Timeout:
        return client.timeout if end is None else max(0.01, end - time.monotonic())

    response = None
    try:
        response = client.head(url, timeout=left())
        if response.status_code >= 400:  # many sites refuse HEAD (405, 403, 501 …)
            response = None
    except httpx.HTTPError:
        response = None
    if response is None:
        if end is not None and time.monotonic() >= end:
            return LinkStatus(url, DEAD, 0, "", "timed out")
        try:
            with client.stream("GET", url, timeout=left()) as streamed:
                response = streamed  # the headers are enough; the body is not read
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
            return LinkStatus(url, DEAD, 0, "", _describe(exc))
    final = str(response.url)
    status = response.status_code
    if status >= 400:
        return LinkStatus(url, DEAD, status, final,
                          f"HTTP {status} {response.reason_phrase}".strip())
    if response.history and not _same_place(url, final):
        return LinkStatus(url, REDIRECTED, status, final, f"moved to {final}")
    return LinkStatus(url, OK, status, final, "")


def _host_key(url: str) -> str:
    """The host (with its port) a request goes to: the unit of the per-host limit."""
    try:
        return (urlsplit(url).netloc or url).lower()
    except ValueError:
        return url


def check_urls(urls: Iterable[str], *, concurrency: int = CONCURRENCY,
               per_host: int = PER_HOST, timeout: float = TIMEOUT,
               total: float = TOTAL) -> dict[str, LinkStatus]:
    """Check every distinct URL (see the module docstring); returns url -> LinkStatus in the
    order given. ``timeout`` and ``total`` are seconds.

    Links start in turns across hosts (one host's links, then the next host's …), at most
    ``concurrency`` at a time and at most ``per_host`` to one host, so a host with many
    slow links cannot hold up the others. A link gets at most ``timeout`` seconds and never
    more than what is left of ``total``; one that takes longer is ``dead`` (timed out) and
    its place goes to the next link. A link not started when ``total`` runs out is
    ``unchecked`` (detail ``not checked (time limit)``), never dead."""
    order = list(dict.fromkeys(urls))
    results: dict[str, LinkStatus] = {}
    if not order:
        return results
    deadline = time.monotonic() + total
    queues: dict[str, deque[str]] = {}
    for url in order:
        queues.setdefault(_host_key(url), deque()).append(url)
    hosts = deque(queues)
    busy: dict[str, int] = dict.fromkeys(queues, 0)
    # url -> (host, when it must be done, whether it had its whole ``timeout``)
    running: dict[str, tuple[str, float, bool]] = {}
    finished: queue.Queue[tuple[str, LinkStatus]] = queue.Queue()
    spare: list = []  # clients free to reuse (a client serves one request at a time)
    lock = threading.Lock()
    over = False  # set when the run has returned: late clients are closed, not kept
    limit, host_limit = max(1, concurrency), max(1, per_host)

    def work(url: str, seconds: float) -> None:
        with lock:
            client = spare.pop() if spare else None
        try:
            if client is None:
                client = make_client(timeout)
            status = check_url(url, client, seconds)
        except Exception as exc:  # one bad URL must not stop the run
            status = LinkStatus(url, DEAD, 0, "", str(exc) or type(exc).__name__)
        finished.put((url, status))
        with lock:
            keep = client is not None and not over
            if keep:
                spare.append(client)
        if client is not None and not keep:
            with contextlib.suppress(Exception):
                client.close()

    def start_more(now: float) -> None:
        turns = len(hosts)
        while len(running) < limit and turns:
            host = hosts[0]
            hosts.rotate(-1)
            if not queues[host]:
                hosts.remove(host)
                turns = len(hosts)
                continue
            if busy[host] >= host_limit:
                turns -= 1
                continue
            url = queues[host].popleft()
            seconds = min(timeout, deadline - now)
            busy[host] += 1
            running[url] = (host, now + seconds, seconds >= timeout)
            threading.Thread(target=work, args=(url, seconds), daemon=True,
                             name="linkcheck").start()
            turns = len(hosts)

    while True:
        now = time.monotonic()
        if now >= deadline:
            break
        start_more(now)
        if not running:
            break
        wake = min(due for _h, due, _full in running.values())
        try:
            url, status = finished.get(timeout=max(0.0, min(wake, deadline) - now) + 0.01)
        except queue.Empty:
            url = None
        if url is not None:
            if url in running:
                host, _due, _full = running.pop(url)
                busy[host] -= 1
                results[url] = status
            continue
        now = time.monotonic()
        for late, (host, due, full) in list(running.items()):
            # A link cut short by the total is left unchecked below, not called dead.
            if due <= now and full:  # its thread ends when the client's timeout fires
                del running[late]
                busy[host] -= 1
                results[late] = LinkStatus(late, DEAD, 0, "", "timed out")
    for url in order:
        results.setdefault(url, LinkStatus(url, UNCHECKED, 0, "", "not checked (time limit)"))
    with lock:
        over = True
        for client in spare:
            with contextlib.suppress(Exception):
                client.close()
        spare.clear()
    return {url: results[url] for url in order}
