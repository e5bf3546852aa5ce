"""A local web server on 127.0.0.1 for the link tests (not a test module).

Pages: ``/utf8`` (UTF-8, charset in the header), ``/gbk`` (GBK, charset only in ``<meta>``),
``/gb2312-header`` (GB2312 in the header only), ``/zhihu`` (a Zhihu article title),
``/og`` (empty ``<title>``, Open Graph title, like WeChat), ``/notitle``, ``/redirect``
(302 to ``/utf8``), ``/missing`` (404), ``/gone`` (410 to GET and HEAD), ``/no-head``
(405 to HEAD, 200 to GET), ``/slow`` (answers after ``slow_seconds``), ``/huge`` (title
first, then 50 MB), ``/huge-late`` (50 MB before any title), ``/image.png``.
``serve()`` is a context manager yielding the base URL; every request is counted in
``Handler.hits``.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UTF8_TITLE = "大语言模型综述 LLMSurvey · GitHub"
GBK_TITLE = "新浪科技：国产大模型发布会"
ZHIHU_TITLE = "RLHF文本生成图模型 - 远洋之帆的文章 - 知乎"
OG_TITLE = "首测生成、多轮对话能力！SuperCLUE-Open中文大模型开放域测评基准发布"
HUGE_TITLE = "A huge page"
HUGE_BYTES = 50 * 1024 * 1024


def _page(title: str, charset_meta: str = "", extra_head: str = "") -> str:
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    return (f"<!DOCTYPE html><html><head>{meta}<title>{title}</title>{extra_head}</head>"
            f"<body><p>text</p></body></html>")


class Handler(BaseHTTPRequestHandler):
    hits: Counter = Counter()
    slow_seconds = 3.0
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
              headers: dict | None = None, head: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _stream(self, first: bytes, size: int, head: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(first) + size))
        self.end_headers()
        if head:
            return
        try:
            self.wfile.write(first)
            chunk = b"<p>" + b"x" * 65529 + b"</p>"
            sent = 0
            while sent < size:
                piece = chunk[: size - sent]
                self.wfile.write(piece)
                sent += len(piece)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_HEAD(self):  # http.server API
        self._route(head=True)

    def do_GET(self):  # http.server API
        self._route(head=False)

    def _route(self, head: bool) -> None:
        path = self.path.split("?", 1)[0]
        Handler.hits[(self.command, path)] += 1
        if path == "/utf8":
            self._send(200, _page(UTF8_TITLE).encode(), head=head)
        elif path == "/gbk":
            self._send(200, _page(GBK_TITLE, "gbk").encode("gbk"), "text/html", head=head)
        elif path == "/gb2312-header":
            self._send(200, _page(GBK_TITLE).encode("gb2312"), "text/html; charset=GB2312",
                       head=head)
        elif path == "/zhihu":
            self._send(200, _page(ZHIHU_TITLE, "utf-8").encode(), "text/html", head=head)
        elif path == "/og":
            og = f'<meta property="og:title" content="{OG_TITLE}">'
            self._send(200, _page("", "utf-8", og).encode(), head=head)
        elif path == "/notitle":
            self._send(200, b"<html><body>no title</body></html>", head=head)
        elif path == "/redirect":
            self._send(302, b"", headers={"Location": "/utf8"}, head=head)
        elif path == "/missing":
            self._send(404, b"<html><title>Not Found</title></html>", head=head)
        elif path == "/gone":
            self._send(410, b"", head=head)
        elif path == "/no-head":
            if head:
                self._send(405, b"", head=True)
            else:
                self._send(200, _page("No HEAD here").encode())
        elif path == "/slow":
            time.sleep(self.slow_seconds)
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._send(200, _page("Slow page").encode(), head=head)
        elif path == "/huge":
            first = f"<html><head><title>{HUGE_TITLE}</title></head><body>".encode()
            self._stream(first, HUGE_BYTES, head)
        elif path == "/huge-late":
            self._stream(b"<html><body>", HUGE_BYTES, head)
        elif path == "/image.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png", head=head)
        else:
            self._send(404, b"", head=head)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a client that hung up: not news
        pass


@contextlib.contextmanager
def serve(slow_seconds: float = 3.0):
    """Run the server in a thread for the ``with`` block; yields ``http://127.0.0.1:PORT``."""
    Handler.hits = Counter()
    Handler.slow_seconds = slow_seconds
    server = _Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens (the connection is refused)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/nothing"
