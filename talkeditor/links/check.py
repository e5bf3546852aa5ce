"""Check that links still work: HEAD, then GET when HEAD is refused or fails, redirects
followed, many links at once but boundedly.

``check_urls(urls)`` returns one ``LinkStatus`` per distinct URL: ``ok`` (2xx after any
redirects), ``redirected`` (ok, but it ended at another address: the final URL is given),
``dead`` (4xx/5xx, or the host is not there, refused the connection or timed out), or
``unchecked`` when the whole run's time ran out before it. At most ``concurrency`` requests
are in flight, each limited to ``timeout`` seconds, and the run returns after at most about
``total`` seconds whatever the network does (requests still running then are abandoned; a
process that exits at once may wait up to ``timeout`` more for their threads).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass

from .titles import make_client

CONCURRENCY = 8
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


def check_url(url: str, client) -> LinkStatus:
    """Check one URL with ``client`` (an ``httpx.Client`` following redirects)."""
    import httpx

    response = None
    try:
        response = client.head(url)
        if response.status_code >= 400:  # many sites refuse HEAD (405, 403, 501 …)
            response = None
    except httpx.HTTPError:
        response = None
    if response is None:
        try:
            with client.stream("GET", url) as streamed:
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


def check_urls(urls: Iterable[str], *, concurrency: int = CONCURRENCY,
               timeout: float = TIMEOUT, total: float = TOTAL) -> dict[str, LinkStatus]:
    """Check every distinct URL (see the module docstring); returns url -> LinkStatus in the
    order given. ``timeout`` and ``total`` are seconds."""
    order = list(dict.fromkeys(urls))
    results: dict[str, LinkStatus] = {}
    if not order:
        return results
    deadline = time.monotonic() + total
    local = threading.local()
    clients = []
    lock = threading.Lock()

    def work(url: str) -> LinkStatus:
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = make_client(timeout)
            with lock:
                clients.append(client)
        return check_url(url, client)

    pool = ThreadPoolExecutor(max_workers=max(1, concurrency), thread_name_prefix="linkcheck")
    try:
        pending = {pool.submit(work, url): url for url in order}
        while pending:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            done, _rest = wait(pending, timeout=left, return_when=FIRST_COMPLETED)
            for future in done:
                url = pending.pop(future)
                try:
                    results[url] = future.result()
                except Exception as exc:  # one bad URL must not stop the run
                    results[url] = LinkStatus(url, DEAD, 0, "", str(exc) or type(exc).__name__)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    for url in order:
        results.setdefault(url, LinkStatus(url, UNCHECKED, 0, "",
                                           f"not checked: the {total:g} s limit ran out"))
    # Clients still in use by a stuck request close when that request times out.
    for client in clients:
        try:
            client.close()
        except Exception:  # closing a client in use elsewhere
            pass
    return {url: results[url] for url in order}
