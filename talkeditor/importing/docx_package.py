"""The .docx package checks: what is refused before python-docx opens a Word file.

A .docx is a zip package. Too many members, a member or a total that is too large once
decompressed, or a suspicious compression ratio (a zip bomb) is refused with an
IssueFormatError, as is anything that is not a zip with ``[Content_Types].xml``.
"""

from __future__ import annotations

import io
import zipfile

from .. import errors
from ..errors import IssueFormatError

MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 100 * 1024 * 1024
MAX_XML_BYTES = 16 * 1024 * 1024  # parsed into a tree in memory: far stricter than images
MAX_TOTAL_BYTES = 300 * 1024 * 1024
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024  # members smaller than this are not ratio-checked


def check_package(data: bytes, name: str = "the file") -> None:
    """Refuse what is not a sane .docx package before anything is decompressed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise IssueFormatError(f"{name} is not a readable Word document (.docx): the file is "
                               "damaged, password-protected or not a .docx",
                               code=errors.NOT_A_DOCX, data={"name": name}) from None
    if len(infos) > MAX_MEMBERS:
        raise IssueFormatError(f"{name}: too many parts in the Word package ({len(infos)})",
                               code=errors.DOCX_TOO_LARGE, data={"name": name})
    if not any(i.filename == "[Content_Types].xml" for i in infos):
        raise IssueFormatError(f"{name} is a zip file but not a Word document (.docx)",
                               code=errors.NOT_A_DOCX, data={"name": name})
    total = 0
    for info in infos:
        limit = MAX_XML_BYTES if info.filename.lower().endswith((".xml", ".rels")) \
            else MAX_MEMBER_BYTES
        if info.file_size > limit:
            raise IssueFormatError(f"{name}: the part {info.filename} is too large "
                                   f"({info.file_size // (1024 * 1024)} MiB unpacked)",
                                   code=errors.DOCX_TOO_LARGE, data={"name": name})
        if info.file_size > RATIO_FLOOR and \
                info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise IssueFormatError(f"{name}: the part {info.filename} unpacks to "
                                   f"{info.file_size // (1024 * 1024)} MiB from "
                                   f"{info.compress_size} bytes (a zip bomb?)",
                                   code=errors.DOCX_TOO_LARGE, data={"name": name})
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise IssueFormatError(f"{name}: the Word package unpacks to more than "
                               f"{MAX_TOTAL_BYTES // (1024 * 1024)} MiB",
                               code=errors.DOCX_TOO_LARGE, data={"name": name})
