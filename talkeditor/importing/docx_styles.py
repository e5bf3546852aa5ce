"""Word styles and list numbering, for the .docx converter (``import_docx``).

``load_styles`` resolves each style through its ``basedOn`` chain into what the converter
needs: heading level, title, code/monospace, bold/italic and list numbering. ``Numbering``
turns ``numId``/``ilvl`` into list labels (``-``, ``1.``, ``a)``, ``一、``) with running
counters, as Word shows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Other namespaces of a Word document (relationships, drawing, VML, math, compatibility).
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
NS_V = "urn:schemas-microsoft-com:vml"
NS_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
NS_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

MONO_FONTS = {"courier", "courier new", "consolas", "monaco", "menlo", "monospace",
              "source code pro", "fira code", "fira mono", "jetbrains mono", "dejavu sans mono",
              "lucida console", "sf mono", "roboto mono", "ubuntu mono", "cascadia code",
              "cascadia mono", "inconsolata", "noto sans mono", "liberation mono", "andale mono"}


def w(tag: str) -> str:
    """A WordprocessingML tag in Clark notation (``{namespace}tag``)."""
    return f"{{{_W}}}{tag}"


@dataclass
class Style:
    """A paragraph or character style, with what it inherits from its ``basedOn`` chain."""

    name: str = ""
    heading: int = 0        # 1..6, 0 = not a heading
    title: bool = False
    mono: bool = False
    code: bool = False      # a paragraph style for code blocks
    bold: bool = False
    italic: bool = False
    num: tuple[str, int] | None = None


def is_on(el) -> bool:
    """A toggle property (``<w:b/>``, ``<w:b w:val="0"/>``) as a bool."""
    if el is None:
        return False
    return el.get(w("val"), "true").lower() not in ("0", "false", "off", "none")


def fonts_mono(rpr) -> bool | None:
    if rpr is None:
        return None
    fonts = rpr.find(w("rFonts"))
    if fonts is None:
        return None
    names = [fonts.get(w(k)) for k in ("ascii", "hAnsi")]
    names = [n.lower() for n in names if n]
    if not names:
        return None
    return any(n in MONO_FONTS for n in names)


def num_pr(ppr) -> tuple[str, int] | None:
    if ppr is None:
        return None
    num = ppr.find(w("numPr"))
    if num is None:
        return None
    num_id = num.find(w("numId"))
    ilvl = num.find(w("ilvl"))
    if num_id is None:
        return None
    value = num_id.get(w("val"), "0")
    if value == "0":
        return ("0", 0)
    try:
        level = int(ilvl.get(w("val"), "0")) if ilvl is not None else 0
    except ValueError:
        level = 0
    return value, max(0, min(level, 8))


def load_styles(document) -> tuple[dict[str, Style], str | None]:
    try:
        root = document.styles.element
    except Exception:  # a document without styles
        return {}, None
    raw: dict[str, tuple] = {}
    default_para = None
    for st in root.findall(w("style")):
        sid = st.get(w("styleId"))
        if not sid:
            continue
        if st.get(w("type")) == "paragraph" and st.get(w("default")) in ("1", "true", "on"):
            default_para = sid
        name_el = st.find(w("name"))
        based = st.find(w("basedOn"))
        raw[sid] = (name_el.get(w("val"), "") if name_el is not None else "",
                    based.get(w("val")) if based is not None else None,
                    st.find(w("pPr")), st.find(w("rPr")))
    resolved: dict[str, Style] = {}

    def resolve(sid: str, seen: frozenset = frozenset()) -> Style:
        if sid in resolved:
            return resolved[sid]
        name, based, ppr, rpr = raw[sid]
        parent = resolve(based, seen | {sid}) if based in raw and based not in seen else Style()
        style = Style(name=name, mono=parent.mono, code=parent.code, bold=parent.bold,
                       italic=parent.italic, num=parent.num, heading=parent.heading,
                       title=parent.title)
        low = name.strip().lower()
        m = re.match(r"^(?:heading|标题)\s*(\d)$", low)
        if m:
            style.heading, style.title = min(int(m.group(1)), 6) or 1, False
        elif low in ("title", "标题"):
            style.title, style.heading = True, 0
        elif ppr is not None and ppr.find(w("outlineLvl")) is not None and \
                not low.startswith(("toc", "目录")):
            try:
                level = int(ppr.find(w("outlineLvl")).get(w("val"), "9"))
            except ValueError:
                level = 9
            if level < 6:
                style.heading = level + 1
        if "code" in low or "代码" in low or "preformatted" in low:
            style.code = True
        mono = fonts_mono(rpr)
        if mono is not None:
            style.mono = mono
        if rpr is not None:
            if rpr.find(w("b")) is not None:
                style.bold = is_on(rpr.find(w("b")))
            if rpr.find(w("i")) is not None:
                style.italic = is_on(rpr.find(w("i")))
        num = num_pr(ppr)
        if num is not None:
            style.num = num
        resolved[sid] = style
        return style

    for sid in raw:
        resolve(sid)
    return resolved, default_para


class Numbering:
    """List labels (``-``, ``1.``, ``a)``) from numbering.xml, with running counters."""

    def __init__(self, document) -> None:
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.abstract: dict[str, dict[int, tuple[str, int, str]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part
            return
        for ab in root.findall(w("abstractNum")):
            levels = {}
            for lvl in ab.findall(w("lvl")):
                try:
                    ilvl = int(lvl.get(w("ilvl"), "0"))
                    start_el = lvl.find(w("start"))
                    start = int(start_el.get(w("val"), "1")) if start_el is not None else 1
                except ValueError:
                    continue
                fmt_el, text_el = lvl.find(w("numFmt")), lvl.find(w("lvlText"))
                fmt = fmt_el.get(w("val"), "decimal") if fmt_el is not None else "decimal"
                text = text_el.get(w("val"), "") if text_el is not None else f"%{ilvl + 1}."
                levels[ilvl] = (fmt, start, text)
            self.abstract[ab.get(w("abstractNumId"), "")] = levels
        for num in root.findall(w("num")):
            ab = num.find(w("abstractNumId"))
            overrides = {}
            for ov in num.findall(w("lvlOverride")):
                so = ov.find(w("startOverride"))
                if so is not None:
                    try:
                        overrides[int(ov.get(w("ilvl"), "0"))] = int(so.get(w("val"), "1"))
                    except ValueError:
                        pass
            if ab is not None:
                self.nums[num.get(w("numId"), "")] = (ab.get(w("val"), ""), overrides)

    def marker(self, num_id: str, ilvl: int) -> tuple[str, int, str] | None:
        """How the item shows in a Markdown list: ``("bullet", 0, "")``,
        ``("ordered", n, label)`` with ``n`` its number at its level (letters and roman
        numerals count too: ``c`` is 3) and ``label`` as Word shows it (``c)``, ``iii.``),
        ``("text", 0, label)`` for numbering Markdown has no list for (``一、``, counted in
        CJK characters), ``("none", 0, "")``; None when the number is unknown."""
        if num_id not in self.nums:
            return None
        ab_id, _overrides = self.nums[num_id]
        fmt = self.abstract.get(ab_id, {}).get(ilvl, ("decimal", 1, ""))[0]
        label = self.label(num_id, ilvl)
        if fmt == "bullet":
            return ("bullet", 0, "")
        if fmt == "none" or not label:
            return ("none", 0, "")
        if fmt.startswith(("chinese", "ideograph", "japanese", "taiwanese", "korean")):
            return ("text", 0, label)
        return ("ordered", max(1, self.counters[num_id][ilvl]), label)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The item's label (advancing the counters); ``-`` for bullets, None when the
        number is unknown."""
        if num_id not in self.nums:
            return None
        ab_id, overrides = self.nums[num_id]
        levels = self.abstract.get(ab_id, {})
        fmt, start, text = levels.get(ilvl, ("decimal", 1, f"%{ilvl + 1}."))
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        if counters[ilvl] == 0:
            counters[ilvl] = overrides.get(ilvl, start)
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0

        def value(level: int) -> str:
            lfmt = levels.get(level, ("decimal", 1, ""))[0]
            n = counters[level] or levels.get(level, ("", 1, ""))[1]
            return _format_number(n, lfmt)

        label = re.sub(r"%([1-9])", lambda m: value(int(m.group(1)) - 1), text)
        return label or f"{counters[ilvl]}."


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            s = chr(ord("a") + r) + s
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        out = ""
        for v, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                       (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"),
                       (1, "i")):
            while n >= v:
                out, n = out + sym, n - v
        return out.upper() if fmt == "upperRoman" else out
    if fmt.startswith(("chinese", "ideograph", "japanese", "taiwanese")) and 0 < n < 100:
        digits = "零一二三四五六七八九"
        if n < 10:
            return digits[n]
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
    return str(n)
