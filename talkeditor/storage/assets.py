"""An issue's images: the ``assets/`` folder beside ``issue.yaml``.

- Pasted and dropped images are stored as PNG under a content-hash name
  (``assets/<first 16 hex digits of SHA-256>.png``), so the same image pasted twice is one
  file and a name never points at other bytes.
- ``image_refs`` finds the local images a text uses (Markdown ``![alt](path)`` and HTML
  ``<img src="…">``); ``collect_images`` reads those under an issue folder's ``assets/``
  (regular files only, inside the folder, at most ``MAX_IMAGE_BYTES`` each), which is how the
  next issue and Copy Format bring the standing sections' images (QR codes of 加入/赞助我们)
  into the new issue's own ``assets/``.
- ``write_assets`` writes images into a folder's ``assets/`` atomically, skipping files that
  already hold the same bytes.
- ``staged_folder`` lends a temporary issue folder holding images not written yet (an issue
  not saved yet keeps them in memory), so the Zhihu export can copy them like saved ones.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from .. import errors, paths
from ..errors import IssueFormatError
from ..model import Issue
from .files import atomic_write, read_limited

ASSETS = "assets"
#: The largest image an issue takes in (pasted, inserted, imported, shown, exported).
MAX_IMAGE_BYTES = 20 * 1024 * 1024
#: Pictures that can be pasted or inserted: the issue's image suffixes but SVG (a drawing, not
#: a picture Qt reads from the clipboard).
PICTURE_SUFFIXES = tuple(s for s in paths.IMAGE_SUFFIXES if s != ".svg")

_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.I)
_SAFE_NAME = re.compile(r"^[\w][\w. -]{0,200}$")


def png_name(data: bytes) -> str:
    """The content-hash file name for PNG bytes: ``<16 hex digits>.png``."""
    return image_name(data, ".png")


def image_name(data: bytes, suffix: str) -> str:
    """The content-hash file name for image bytes: ``<16 hex digits>`` and ``suffix``."""
    import hashlib  # OpenSSL's, 5 ms: loaded on first use, not before the window's first paint

    return hashlib.sha256(data).hexdigest()[:16] + suffix


#: Picture formats stored as they come (a photo re-encoded as PNG grows several times):
#: the file's first bytes -> the suffix it is stored under. Others are converted to PNG.
KEPT_FORMATS = ((b"\xff\xd8\xff", ".jpg"), (b"\x89PNG\r\n\x1a\n", ".png"))


def kept_suffix(data: bytes) -> str | None:
    """The suffix to store ``data`` under unchanged (JPEG -> ``.jpg``, PNG -> ``.png``),
    or None when the picture is to be converted to PNG."""
    return next((suffix for magic, suffix in KEPT_FORMATS if data.startswith(magic)), None)


def same_image(folder: str | os.PathLike | None, data: bytes) -> str | None:
    """The name of a file in ``folder/assets/`` holding exactly ``data``, or None (also when
    the folder cannot be read)."""
    if folder is None:
        return None
    target = Path(folder) / ASSETS
    try:
        for path in sorted(target.iterdir()):
            if path.suffix.lower() in PICTURE_SUFFIXES and _SAFE_NAME.match(path.name) \
                    and path.is_file() and path.stat().st_size == len(data) \
                    and path.read_bytes() == data:
                return path.name
    except OSError:
        return None
    return None


def reference(name: str) -> str:
    """The Markdown for an image in ``assets/``: ``![](assets/NAME)``."""
    return f"![]({ASSETS}/{name})"


def asset_name(ref: str) -> str | None:
    """``NAME`` when ``ref`` is ``assets/NAME`` (``./`` and %-escapes allowed; no folders,
    no way out), else None."""
    path = PurePosixPath(unquote(ref.split("#", 1)[0].split("?", 1)[0]))
    parts = [p for p in path.parts if p != "."]
    if len(parts) == 2 and parts[0] == ASSETS and _SAFE_NAME.match(parts[1]):
        return parts[1]
    return None


def image_refs(text: str) -> list[str]:
    """The image addresses ``text`` uses, in order, each once."""
    found = [m.group(1) for m in _MD_IMAGE.finditer(text)]
    found += [m.group(1) for m in _HTML_IMAGE.finditer(text)]
    return list(dict.fromkeys(found))


def issue_texts(issue: Issue) -> Iterable[str]:
    """Every body and field value of the issue."""
    for section, _depth in issue.walk():
        yield section.body
        for field in section.fields:
            yield field.value


def asset_names(issue: Issue) -> list[str]:
    """The ``assets/`` file names the issue's text refers to, in order, each once."""
    names = []
    for text in issue_texts(issue):
        names += [n for n in map(asset_name, image_refs(text)) if n]
    return list(dict.fromkeys(names))


def read_asset(folder: str | os.PathLike, name: str) -> bytes | None:
    """The bytes of ``folder/assets/name`` when it is a regular file inside ``folder/assets``
    (symbolic links out of it are refused) of at most MAX_IMAGE_BYTES; else None."""
    base = (Path(folder) / ASSETS).resolve()
    target = (base / name).resolve()
    if not target.is_relative_to(base):
        return None
    try:  # stat before open, never a FIFO or a device (see files.read_limited)
        return read_limited(target, MAX_IMAGE_BYTES)
    except IssueFormatError:
        return None


def collect_images(issue: Issue, folder: str | os.PathLike | None) -> dict[str, bytes]:
    """name -> bytes for every ``assets/`` image that ``issue`` refers to and ``folder``
    (the folder of the issue the text came from) holds; missing ones are left out."""
    if folder is None:
        return {}
    images = {}
    for name in asset_names(issue):
        data = read_asset(folder, name)
        if data is not None:
            images[name] = data
    return images


def write_assets(images: dict[str, bytes], folder: str | os.PathLike) -> list[str]:
    """Write ``images`` (name -> bytes) into ``folder/assets/``, each atomically; a file
    that already holds the same bytes is left alone. Returns the names written.
    Raises WriteError (an OSError) when a write fails, ValueError for an unsafe name (names
    made by ``files.safe_file_name`` are safe)."""
    target = Path(folder) / ASSETS
    written = []
    for name, data in images.items():
        if not _SAFE_NAME.match(name):
            raise ValueError(f"not a plain file name: {name!r}")
        path = target / name
        try:
            if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
                continue
        except OSError:
            pass
        atomic_write(path, data, backup=False)
        written.append(name)
    return written


@contextmanager
def staged_folder(images: dict[str, bytes]) -> Iterator[Path]:
    """A temporary folder with ``images`` (name -> bytes) in its ``assets/``, removed on
    exit: the folder of an issue not saved yet, for the Zhihu export. Raises OSError."""
    with tempfile.TemporaryDirectory(prefix="talkeditor-assets-") as folder:
        write_assets(images, folder)
        yield Path(folder)


def read_image_file(path: str | os.PathLike) -> bytes:
    """A picture file's bytes (for Insert › Image… and dropped files), refusing folders,
    non-image suffixes and files over MAX_IMAGE_BYTES. Raises IssueFormatError (a
    ValueError) with a message naming the file."""
    p = Path(path)
    if p.suffix.lower() not in PICTURE_SUFFIXES:
        raise IssueFormatError(f"{p.name} is not a picture (.png, .jpg, .gif, .webp, .bmp)",
                               code=errors.NOT_A_PICTURE,
                               data={"path": str(p), "name": p.name})
    return read_limited(p, MAX_IMAGE_BYTES)
