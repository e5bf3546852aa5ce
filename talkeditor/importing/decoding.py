"""Bytes of a text file as text: UTF-8, UTF-16/32 with a BOM, or the encoding
charset-normalizer finds (reported as an ``encoding_detected`` finding so the import summary
says what was assumed); binary data and unreadable bytes are refused with an IssueFormatError.
"""

from __future__ import annotations

import re

from .. import errors
from ..errors import IssueFormatError
from .findings import Finding

#: control characters that plain text does not have (all below U+0020 but tab, line feed,
#: carriage return and form feed); counted by one regex pass, not a Python step a character
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")

#: When the detector finds several encodings about as plausible (short texts: a few lines of
#: Big5 read as Korean johab with less "chaos" than as Big5), the one the issues were most
#: likely saved in wins: simplified Chinese first, then traditional. "About as plausible" is
#: a chaos (charset-normalizer's measure of mess, 0..1) within _CHAOS_MARGIN of the best.
_PREFERRED_ENCODINGS = ("gb18030", "big5", "big5hkscs", "cp950")
_CHAOS_MARGIN = 0.1
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "hz"}


def decode_text(data: bytes, name: str = "the file") -> str:
    """Bytes of a text file as str (see ``decode_text_detected``)."""
    return decode_text_detected(data, name)[0]


def decode_text_detected(data: bytes, name: str = "the file") -> tuple[str, Finding | None]:
    """Bytes of a text file as str, and how its encoding was found.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read as they are (finding None);
    UTF-16 without a BOM is recognised by where its zero bytes fall and named as a guess.
    Anything else goes to charset-normalizer; the encoding it finds is returned as an
    ``encoding_detected`` finding (``{"encoding", "alternatives"}``) so that the summary says
    what was assumed. When several encodings are about as plausible the preference is
    ``_PREFERRED_ENCODINGS`` (GB18030 unless the text reads as Big5, see
    ``_reads_as_simplified``). IssueFormatError when no encoding reads the bytes as text,
    and for binary data.
    """
    finding = None
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        text = _decode_bom(data, "utf-32", name)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode_bom(data, "utf-16", name)
    elif b"\x00" in data:
        text, finding = _utf16_without_bom(data, name)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text, finding = _detect(data, name)
    control = len(_CONTROL.findall(text))
    if control > max(8, len(text) // 200):
        raise IssueFormatError(f"{name} is binary data, not a text or Markdown file",
                               code=errors.BINARY_FILE, data={"name": name})
    if not text.strip():
        raise IssueFormatError(f"{name} is empty", code=errors.EMPTY_FILE, data={"name": name})
    return text, finding


def _utf16_without_bom(data: bytes, name: str) -> tuple[str, Finding]:
    """Text saved as UTF-16 without a byte-order mark: its zero bytes (the high bytes of
    ASCII characters, every line break among them) sit on one parity only. Read in that
    byte order and named as a guess; anything else with zero bytes is binary data."""
    binary = IssueFormatError(f"{name} is binary data, not a text or Markdown file",
                              code=errors.BINARY_FILE, data={"name": name})
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if len(data) % 2:
        raise binary
    if odd >= 0.95 * (even + odd):
        encoding = "utf-16-le"
    elif even >= 0.95 * (even + odd):
        encoding = "utf-16-be"
    else:
        raise binary
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise binary from None
    if "\n" not in text and "\r" not in text:
        raise binary  # one "line" of paired bytes is more likely binary than an issue
    return text, Finding("encoding_detected", {"encoding": encoding, "alternatives": []})


def _reads_as_simplified(data: bytes) -> bool:
    """Whether the bytes read as GB18030 give common simplified Chinese: nearly all of their
    Han characters are in GB2312. Big5 bytes read as GB18030 are mostly not (half of Big5's
    second bytes fall in GBK's rare-character range), which tells the two apart in texts
    too short for the detector."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return True
    common = 0
    for ch in han:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= 0.9 * len(han)


def _decode_bom(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise IssueFormatError(f"{name} is not readable {encoding.upper()} text",
                               code=errors.UNREADABLE_ENCODING,
                               data={"name": name, "encoding": encoding.upper()}) from None


def _detect(data: bytes, name: str) -> tuple[str, Finding]:
    from charset_normalizer import from_bytes

    refuse = IssueFormatError(f"{name}: the text encoding could not be recognised (it is not "
                              "UTF-8); save the file as UTF-8 and import it again",
                              code=errors.UNKNOWN_ENCODING, data={"name": name})
    matches = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not matches:
        raise refuse
    best = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= best + _CHAOS_MARGIN]

    def rank(m) -> tuple[int, float]:
        enc = "gb18030" if m.encoding in _GB_FAMILY else m.encoding
        return (_PREFERRED_ENCODINGS.index(enc) if enc in _PREFERRED_ENCODINGS else 99,
                m.chaos)

    chosen = min(tied, key=rank)
    encoding = "gb18030" if chosen.encoding in _GB_FAMILY else chosen.encoding
    big5 = next((m for m in tied if m.encoding == "big5"), None)
    if encoding == "gb18030" and big5 is not None and not _reads_as_simplified(data):
        chosen, encoding = big5, "big5"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise refuse from None
    alternatives = sorted({m.encoding for m in tied} - {chosen.encoding})
    return text, Finding("encoding_detected", {"encoding": encoding,
                                               "alternatives": alternatives})
