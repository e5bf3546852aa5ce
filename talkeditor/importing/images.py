"""The images an imported issue refers to, copied into its assets.

``collect_images(result, base)`` goes through the bodies of an ``importer.ImportResult``:
Markdown images (``![alt](target)``), reference definitions used by ``![alt][r1]`` and the
``src`` of HTML ``<img>`` tags. Each local image (relative to ``base``, the source's folder;
``file:///`` links and Windows paths from another machine are looked for beside it) is read
into ``result.assets`` under a safe unique name and the reference rewritten to
``assets/NAME``; one that cannot be read is named in ``result.summary.findings``
(``image_missing``). URLs are left alone.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from ..paths import IMAGE_SUFFIXES
from ..storage.assets import MAX_IMAGE_BYTES
from ..storage.files import safe_file_name, unique_file_name
from .findings import Finding

#: A Markdown image: alt, target (``<with spaces>``, with balanced parentheses like
#: ``a(1).png``, or with bare spaces, which Python-Markdown accepts) and an optional title.
_DEST_PART = r"(?:[^()\s]|\([^()\s]*\))+"
_IMAGE_REF = re.compile(r"(?<!\\)!\[((?:[^\]\\\n]|\\.)*)\]\(\s*(<[^<>\n]+>|" + _DEST_PART
                        + r"(?: +(?!\")" + _DEST_PART + r")*)((?:\s+\"[^\"\n]*\")?)\s*\)")
#: A link reference definition (``[r1]: pics/a.png "title"``), which ``![图][r1]`` uses.
_REF_DEFINITION = re.compile(r"^( {0,3}\[(?:[^\]\\\n]|\\.)+\]:[ \t]*)(<[^<>\n]+>|\S+)(.*)$",
                             re.MULTILINE)
#: The source of an HTML ``<img>`` tag (the preview shows raw HTML images).
_HTML_IMAGE_SRC = re.compile(r"(<img\b[^>]*?\bsrc\s*=\s*)([\"'])([^\"'<>\n]+)\2", re.IGNORECASE)
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")



def collect_images(result, base: Path | None) -> None:
    """Copy local images referenced from bodies into the assets, rewriting the references:
    ``![alt](target)``, reference definitions (``[r1]: target``) of ``![alt][r1]`` and the
    ``src`` of HTML ``<img>`` tags. An image that cannot be copied is named in the summary."""
    resolved: dict[str, str | None] = {}

    def load(target: str) -> str | None:
        if target not in resolved:
            resolved[target] = _load_image(target, base, result)
        return resolved[target]

    def inline(m: re.Match) -> str:
        new = load(m.group(2))
        return m.group(0) if new is None else f"![{m.group(1)}]({new}{m.group(3)})"

    def definition(m: re.Match) -> str:
        new = load(m.group(2))
        return m.group(0) if new is None else f"{m.group(1)}{new}{m.group(3)}"

    def html(m: re.Match) -> str:
        new = load(m.group(3))
        return m.group(0) if new is None else f"{m.group(1)}{m.group(2)}{new}{m.group(2)}"

    for section, _depth in result.issue.walk():
        body = section.body
        if "![" in body:
            body = _IMAGE_REF.sub(inline, body)
        if "]:" in body:
            body = _REF_DEFINITION.sub(definition, body)
        if "<img" in body.lower():
            body = _HTML_IMAGE_SRC.sub(html, body)
        section.body = body
    result.summary.images = len(result.assets)


def _load_image(target: str, base: Path | None, result) -> str | None:
    written = _BACKSLASH_ESCAPE.sub(r"\1", target[1:-1] if target.startswith("<") else target)
    file_url = re.match(r"^file:(?://[^/]*)?(/.*)$", written, re.IGNORECASE)
    drive = re.match(r"^[A-Za-z]:[/\\]", written)  # C:\Users\… (Typora on Windows)
    if file_url is None and not drive and (re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", written)
                                           or written.startswith("#")):
        return None  # a URL or a data: URI
    path_text = unquote(file_url.group(1) if file_url else written)
    if file_url and re.match(r"^/[A-Za-z]:[/\\]", path_text):
        path_text = path_text[1:]  # file:///C:/Users/… (a picture linked on Windows)
    if path_text.startswith("assets/") and Path(path_text).name in result.assets:
        return None  # extracted from the Word file already
    if not path_text.lower().endswith(IMAGE_SUFFIXES):
        return None

    def missing(reason: str) -> None:
        result.summary.findings.append(Finding("image_missing",
                                               {"target": path_text, "reason": reason}))

    if base is None:
        missing("no_folder")
        return None
    candidates = [base / path_text]
    if path_text != written and not file_url:
        candidates.append(base / written)  # a name that really has %20 in it
    if file_url or re.match(r"^[A-Za-z]:[/\\]", path_text):
        # An absolute path from another machine: Word looks beside the document too.
        candidates.append(base / re.split(r"[/\\]", path_text)[-1])
    try:
        path = next((c for c in candidates if c.is_file()), None)
        if path is None:
            missing("not_found")
            return None
        if path.stat().st_size > MAX_IMAGE_BYTES:
            missing("too_large")
            return None
        blob = path.read_bytes()
    except OSError:
        missing("unreadable")
        return None
    # The same image referenced twice is one asset; another image of the same name gets -2 …
    other_images = {n for n, b in result.assets.items() if b != blob}
    name = unique_file_name(safe_file_name(path.name, "image"), other_images)
    result.assets[name] = blob
    return f"assets/{name}"
