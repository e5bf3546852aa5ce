"""A web page's title: fetched with httpx, decoded by its declared charset, read with the
standard library's HTML parser (no regular expressions over bytes).

- Charset: the ``Content-Type`` header's ``charset``, else a byte-order mark, else the page's
  ``<meta charset>`` / ``<meta http-equiv="Content-Type">`` (WHATWG: looked for in the first
  1,024 bytes; we look in the first 64 KiB, which old Chinese portals need), else UTF-8 when
  the bytes are valid UTF-8, else GB18030 (a superset of GBK and GB2312, which is what
  undeclared Chinese pages use). ``gbk`` and ``gb2312`` labels decode as GB18030, as browsers do.
- Title: ``<title>`` when it has text (not one inside an inline ``<svg>`` or ``<math>``,
  which names a drawing), else Open Graph ``og:title``, else ``twitter:title``;
  whitespace collapsed to single spaces and kept otherwise as the site wrote it (Zhihu's
  ``标题 - 作者的文章 - 知乎`` stays whole).
- Limits: ``timeout`` seconds for the whole fetch (connect, redirects and body), at most
  ``max_bytes`` of the body (the title sits in ``<head>``; reading stops there or at the
  cap), at most ``MAX_REDIRECTS`` redirects, only ``http``/``https`` URLs, only HTML.
"""

from __future__ import annotations

import codecs
import time
from html.parser import HTMLParser

TIMEOUT = 5.0
MAX_BYTES = 1024 * 1024
MAX_REDIRECTS = 5
META_SCAN = 64 * 1024
USER_AGENT = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/126.0 Safari/537.36 talkeditor")
_ALIASES = {"gbk": "gb18030", "gb2312": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
            "iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252"}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


#: Why a title could not be fetched (``FetchError.code``), with its ``data``: NOT_WEB
#: (``url``), HTTP_STATUS (``status``, ``reason``), NOT_A_PAGE (``kind``: the content type),
#: TOO_SLOW (``seconds``), NETWORK (``detail``: the HTTP library's words), ENCODING
#: (``encoding``); TOO_MANY_REDIRECTS and NO_TITLE have none. The app words them
#: (``ui/wording.py``); ``str()`` is the English the command line prints.
NOT_WEB = "not-web"
HTTP_STATUS = "http-status"
NOT_A_PAGE = "not-a-page"
TOO_SLOW = "too-slow"
TOO_MANY_REDIRECTS = "too-many-redirects"
NETWORK = "network"
NO_TITLE = "no-title"
ENCODING = "encoding"
CODES = (NOT_WEB, HTTP_STATUS, NOT_A_PAGE, TOO_SLOW, TOO_MANY_REDIRECTS, NETWORK, NO_TITLE,
         ENCODING)


class FetchError(Exception):
    """The page could not be fetched or has no title: ``str()`` says why in one line of
    English; ``code`` (one of :data:`CODES`) and ``data`` say the same for the app."""

    def __init__(self, message: str, code: str = NETWORK, **data: object):
        super().__init__(message)
        self.code = code
        self.data = data


def _codec(label: str | None) -> str | None:
    """A Python codec for a charset label, or None when the label is unknown."""
    if not label:
        return None
    label = label.strip().strip("'\"").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def charset_from_content_type(value: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header value, or None."""
    for part in (value or "").split(";")[1:]:
        key, _eq, param = part.partition("=")
        if key.strip().lower() == "charset":
            return param.strip().strip("'\"") or None
    return None


class _MetaCharset(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.charset: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag != "meta" or self.charset:
            return
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if attrs.get("charset"):
            self.charset = attrs["charset"]
        elif attrs.get("http-equiv", "").lower() == "content-type":
            self.charset = charset_from_content_type(attrs.get("content"))


def sniff_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (BOM or ``<meta>``), or None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    parser = _MetaCharset()
    # Latin-1 maps every byte to one character, so ASCII markup parses whatever the charset.
    parser.feed(data[:META_SCAN].decode("latin-1"))
    return parser.charset


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """The page's text, decoded as described in the module docstring."""
    for label in (charset_from_content_type(content_type), sniff_charset(data)):
        codec = _codec(label)
        if codec:
            return data.decode(codec, errors="replace").lstrip("\ufeff")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3:  # cut off mid-character by the size cap
            return data[:exc.start].decode("utf-8")
        return data.decode("gb18030", errors="replace")


_FOREIGN = ("svg", "math")


class _TitleParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title_parts: list[str] = []
        self.in_title = False
        self.title_done = False
        self.meta: dict[str, str] = {}
        self.head_done = False
        self.foreign = 0  # depth inside <svg>/<math>, whose <title> names a drawing

    def handle_starttag(self, tag, attrs):
        if tag in _FOREIGN:
            self.foreign += 1
        elif tag == "title" and not self.title_done and not self.foreign:
            self.in_title = True
        elif tag == "meta":
            attrs = {k.lower(): (v or "") for k, v in attrs}
            key = (attrs.get("property") or attrs.get("name") or "").lower()
            if key in ("og:title", "twitter:title") and key not in self.meta:
                self.meta[key] = attrs.get("content", "")
        elif tag == "body":
            self.head_done = True

    def handle_endtag(self, tag):
        if tag in _FOREIGN:
            self.foreign = max(0, self.foreign - 1)
        elif tag == "title" and self.in_title:
            self.in_title = False
            self.title_done = True
        elif tag == "head":
            self.head_done = True

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)

    def title(self) -> str:
        for candidate in ("".join(self.title_parts), self.meta.get("og:title", ""),
                          self.meta.get("twitter:title", "")):
            text = " ".join(candidate.split())
            if text:
                return text
        return ""


def title_from_html(data: bytes | str, content_type: str | None = None) -> str:
    """The title of an HTML page (bytes are decoded first); ``''`` when it has none."""
    text = decode_html(data, content_type) if isinstance(data, bytes) else data
    parser = _TitleParser()
    # Feed in pieces and stop once the head is over: a huge page is not parsed whole.
    for at in range(0, len(text), 16384):
        parser.feed(text[at:at + 16384])
        if parser.head_done and (parser.title_done or parser.meta):
            break
    return parser.title()


def _head_complete(data: bytes) -> bool:
    lowered = data[-65536:].lower()
    return b"</head>" in lowered or b"<body" in lowered


def fetch_title(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
                client=None) -> str:
    """The title of the page at ``url`` (see the module docstring).

    ``timeout`` is in seconds for the whole fetch; at most ``max_bytes`` of the body are
    read. ``client`` is an ``httpx.Client`` to reuse (one is made otherwise).
    Raises FetchError (network failure, HTTP error status, not HTML, no title, too slow).
    """
    import httpx

    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"not a web address: {url}", NOT_WEB, url=url)
    deadline = time.monotonic() + timeout
    own = client is None
    if own:
        client = make_client(timeout)
    try:
        with client.stream("GET", url, timeout=timeout) as response:
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}",
                                 HTTP_STATUS, status=response.status_code,
                                 reason=response.reason_phrase)
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind and "html" not in kind and kind != "text/plain":
                raise FetchError(f"not a web page ({kind})", NOT_A_PAGE, kind=kind)
            body = bytearray()
            for chunk in response.iter_raw():
                body += chunk
                if len(body) >= max_bytes or _head_complete(bytes(body)):
                    break
                if time.monotonic() > deadline:
                    raise FetchError(f"too slow (over {timeout:g} s)", TOO_SLOW,
                                     seconds=timeout)
            content_type = response.headers.get("content-type")
            encoding = response.headers.get("content-encoding", "").lower()
        if encoding and encoding != "identity":
            body = bytearray(_decompress(bytes(body), encoding))
    except httpx.TimeoutException:
        raise FetchError(f"too slow (over {timeout:g} s)", TOO_SLOW, seconds=timeout) from None
    except httpx.TooManyRedirects:
        raise FetchError("too many redirects", TOO_MANY_REDIRECTS) from None
    except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
        detail = str(exc) or type(exc).__name__
        raise FetchError(detail, NETWORK, detail=detail) from None
    finally:
        if own:
            client.close()
    title = title_from_html(bytes(body[:max_bytes]), content_type)
    if not title:
        raise FetchError("the page has no title", NO_TITLE)
    return title


def _decompress(data: bytes, encoding: str) -> bytes:
    """Decode a (possibly cut-off) gzip/deflate body; other encodings are refused."""
    import zlib

    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, MAX_BYTES)
    if encoding == "deflate":
        try:
            return zlib.decompressobj().decompress(data, MAX_BYTES)
        except zlib.error:
            return zlib.decompressobj(-zlib.MAX_WBITS).decompress(data, MAX_BYTES)
    raise FetchError(f"unsupported content encoding {encoding}", ENCODING, encoding=encoding)


def make_client(timeout: float = TIMEOUT):
    """An ``httpx.Client`` set up for fetching pages: redirects followed (at most
    ``MAX_REDIRECTS``), a browser-like User-Agent, only gzip/deflate offered."""
    import httpx

    return httpx.Client(follow_redirects=True, max_redirects=MAX_REDIRECTS,
                        timeout=httpx.Timeout(timeout),
                        headers={"User-Agent": USER_AGENT,
                                 "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
                                 "Accept-Encoding": "gzip, deflate",
                                 "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"})
