"""Reading an issue's own images for display: only regular image files inside its folder.

The preview asks for an image by the address written in the Markdown (``assets/a.png``).
:func:`read_issue_image` answers with the file's bytes, or raises :class:`ImageRefused` whose
``reason`` says why it will not be shown: a remote or ``file://`` address, an absolute path,
a path (or a symlink) leading out of the issue's folder, something that is not a regular file
(a FIFO is never opened, a device such as /dev/zero never read), a file that is not an
image or is larger than MAX_IMAGE_BYTES. Remote resources are never loaded (DESIGN.md).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .. import errors
from ..errors import IssueFormatError
from ..paths import IMAGE_SUFFIXES
from .assets import MAX_IMAGE_BYTES
from .files import file_kind, read_limited

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


#: Why an image is not shown (``ImageRefused.code``), for the window to word
#: (``ui/error_words.py``); ``data``: SCHEME ``scheme``; NOT_A_FILE ``kind`` (English);
#: TOO_LARGE ``limit_mb``; TOO_MANY_PIXELS ``width``, ``height``; UNDECODABLE ``detail``
#: (Qt's English words). The last two are raised by the preview's decoder.
NO_ADDRESS = "no-address"
REMOTE = "remote"
FILE_URL = "file-url"
SCHEME = "scheme"
ABSOLUTE = "absolute"
NOT_SAVED = "not-saved"
UNRESOLVABLE = "unresolvable"
OUTSIDE = "outside"
NOT_AN_IMAGE = "not-an-image"
MISSING = "missing"
NOT_A_FILE = "not-a-file"
TOO_LARGE = "too-large"
UNREADABLE = "unreadable"
TOO_MANY_PIXELS = "too-many-pixels"
UNDECODABLE = "undecodable"
CODES = (NO_ADDRESS, REMOTE, FILE_URL, SCHEME, ABSOLUTE, NOT_SAVED, UNRESOLVABLE, OUTSIDE,
         NOT_AN_IMAGE, MISSING, NOT_A_FILE, TOO_LARGE, UNREADABLE, TOO_MANY_PIXELS, UNDECODABLE)


class ImageRefused(Exception):
    """An image the preview will not show: ``reason`` is a short English phrase (logs, the
    command line), ``code`` (one of ``CODES``, or "") and ``data`` the same for the window."""

    def __init__(self, reason: str, code: str = "", **data: object):
        self.reason = reason
        self.code = code
        self.data = data
        super().__init__(reason)


def issue_relative_path(ref: str) -> str:
    """The path an image address names inside the issue folder (``assets/a.png``).

    Raises ImageRefused for anything that is not a plain relative path: a URL with a scheme
    (``http:``, ``https:``, ``file:``, ``data:``…), a ``//host`` address or an absolute path.
    """
    ref = ref.strip()
    if not ref:
        raise ImageRefused("no image address", NO_ADDRESS)
    match = _SCHEME.match(ref)
    if match and len(match.group(1)) > 1:  # "C:" would be a Windows drive: refused below
        scheme = match.group(1).lower()
        if scheme in ("http", "https"):
            raise ImageRefused("remote images are not loaded", REMOTE)
        if scheme == "file":
            raise ImageRefused("file:// addresses are not shown; put the image in assets/",
                               FILE_URL)
        raise ImageRefused(f"{scheme}: addresses are not shown", SCHEME, scheme=scheme)
    path = unquote(urlsplit(ref).path if "?" in ref or "#" in ref else ref)
    if path.startswith(("/", "\\")) or re.match(r"^[a-zA-Z]:", path):
        raise ImageRefused("absolute paths are not shown; put the image in assets/", ABSOLUTE)
    return path


def read_issue_image(folder: str | os.PathLike | None, ref: str,
                     limit: int = MAX_IMAGE_BYTES) -> bytes:
    """The bytes of the image ``ref`` (as written in the Markdown) inside the issue ``folder``.

    ``ref`` is resolved against ``folder`` with symlinks followed; the result must stay inside
    the (resolved) folder, be a regular file with an image suffix and at most ``limit`` bytes.
    The file is checked with stat before it is opened and opened non-blocking, so a FIFO or a
    device never blocks or floods the caller. Raises ImageRefused naming the reason.
    """
    relative = issue_relative_path(ref)
    if folder is None:
        raise ImageRefused("the issue is not saved yet, so it has no folder for images",
                           NOT_SAVED)
    base = Path(folder).resolve()
    try:
        target = (base / relative).resolve()
    except (OSError, RuntimeError, ValueError):
        raise ImageRefused("the path cannot be resolved", UNRESOLVABLE) from None
    if not target.is_relative_to(base):
        raise ImageRefused("outside the issue's folder", OUTSIDE)
    if target.suffix.lower() not in IMAGE_SUFFIXES:
        raise ImageRefused("not an image file", NOT_AN_IMAGE)
    try:
        mode = os.stat(target).st_mode
    except OSError:
        raise ImageRefused("missing or unreadable", MISSING) from None
    if not stat.S_ISREG(mode):
        raise ImageRefused(f"{file_kind(mode)}, not an image file", NOT_A_FILE,
                           kind=file_kind(mode))
    try:
        return read_limited(target, limit)  # checks again, on the open file
    except IssueFormatError as exc:
        if exc.code == errors.TOO_LARGE:
            raise ImageRefused(f"larger than {limit // (1024 * 1024)} MB", TOO_LARGE,
                               limit_mb=limit // (1024 * 1024)) from None
        raise ImageRefused("missing, unreadable or not a file", UNREADABLE) from None
