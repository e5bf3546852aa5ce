"""Word (.docx) to Markdown, for importing past issues written in Word.

The document is walked in order: the ``Title`` paragraph becomes the issue title, heading
styles become ``#`` headings, bold/italic/monospace runs become ``**``/``*``/`` ` ``, links
(``w:hyperlink`` elements and ``HYPERLINK`` field codes) become Markdown links, numbered and
bulleted paragraphs become list items, runs of monospace paragraphs become fenced code,
tables become Markdown tables, and embedded images are extracted and referenced as
``assets/<name>``. The resulting Markdown is then read like any Markdown issue.

The package is checked before python-docx opens it (``docx_package.check_package``: zip bombs
and non-.docx files are refused with an IssueFormatError), as is anything python-docx cannot
read; runs are written as Markdown by ``docx_inline``.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from .. import errors
from ..errors import IssueFormatError
from .docx_inline import Seg, render_inline
from .docx_package import check_package
from .docx_parts import PartsMixin
from .docx_styles import (
    NS_M,
    NS_MC,
    NS_R,
    Numbering,
    Style,
    fonts_mono,
    is_on,
    load_styles,
    num_pr,
    w,
)
from .escaping import escape_line_starts
from .findings import Finding

#: Elements whose children are read as if they were the paragraph's own (deleted text,
#: w:del / w:moveFrom, and everything else not listed is skipped).
_CONTAINERS = {w("ins"), w("smartTag"), w("customXml"), w("sdt"), w("sdtContent"), w("dir"),
               w("bdo"), w("moveTo")}
#: Paragraph and body content that is left out on purpose: properties, marks, deleted text
#: (tracked changes), comment anchors (comments are listed in the summary).
_SKIPPED = {w(t) for t in (
    "pPr", "rPr", "sectPr", "proofErr", "bookmarkStart", "bookmarkEnd", "commentRangeStart",
    "commentRangeEnd", "permStart", "permEnd", "del", "moveFrom", "moveFromRangeStart",
    "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd", "customXmlInsRangeStart",
    "customXmlInsRangeEnd", "customXmlDelRangeStart", "customXmlDelRangeEnd", "sdtPr",
    "sdtEndPr", "tblPr", "tblGrid", "trPr", "tcPr", "lastRenderedPageBreak", "footnoteRef",
    "endnoteRef", "separator", "continuationSeparator", "annotationRef", "commentReference",
    "softHyphen", "delText", "delInstrText", "fldData")}


@dataclass
class DocxMarkdown:
    """A .docx converted: its title (the ``Title`` paragraph), Markdown and images."""

    title: str | None
    markdown: str
    images: dict[str, bytes] = field(default_factory=dict)
    #: Comments and content that could not be kept, footnotes kept (see ``Finding``).
    findings: list[Finding] = field(default_factory=list)


def docx_to_markdown(data: bytes, name: str = "the file") -> DocxMarkdown:
    """Convert a .docx (bytes) to Markdown; IssueFormatError if it cannot be read."""
    check_package(data, name)
    import docx  # python-docx, imported lazily (it pulls in lxml)

    try:
        document = docx.Document(io.BytesIO(data))
        return _Converter(document).convert()
    except IssueFormatError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError, OSError,
            EOFError, RecursionError) as exc:
        raise IssueFormatError(f"{name} is not a readable Word document (.docx): "
                               f"{type(exc).__name__}: {exc}",
                               code=errors.NOT_A_DOCX, data={"name": name}) from None
    except Exception as exc:  # lxml / python-docx raise many kinds
        raise IssueFormatError(f"{name} is not a readable Word document (.docx): "
                               f"{type(exc).__name__}: {exc}",
                               code=errors.NOT_A_DOCX, data={"name": name}) from None


# ---------------------------------------------------------------- the converter


class _Converter(PartsMixin):
    def __init__(self, document) -> None:
        self.document = document
        self.part = document.part
        self.styles, self.default_para = load_styles(document)
        self.numbering = Numbering(document)
        self.images: dict[str, bytes] = {}
        self._by_hash: dict[str, str] = {}
        self.findings: list[Finding] = []
        self.dropped: dict[str, int] = {}
        self.title: str | None = None
        self.note_parts = {kind: self._notes_part(kind) for kind in ("footnotes", "endnotes")}
        self.note_count = {"footnotes": 0, "endnotes": 0}
        self.pending_notes: list[str] = []
        self._numbered = 0
        self.list_stack: list[int] = []   # ilvl of the open Markdown list items
        self.list_num = ""                # numId of the open list

    # -- document level

    def convert(self) -> DocxMarkdown:
        blocks: list[str] = []
        code: list[str] = []
        pending_blank = 0

        def flush_code() -> None:
            if code:
                fence = "```"
                while any(line.strip().startswith(fence) for line in code):
                    fence += "`"
                blocks.append(fence + "\n" + "\n".join(code) + "\n" + fence)
                code.clear()

        self._comments()
        in_list = False
        list_notes: list[str] = []   # definitions of the notes of the open list
        for kind, text in self._blocks(self.document.element.body):
            notes = self._take_notes()   # the definitions of this block's note references
            if kind not in ("item", "item-new", "blank") or kind == "item-new":
                if kind != "item-new":
                    self.list_stack, self.list_num = [], ""
                in_list = in_list and kind == "item-new"
                blocks.extend(list_notes)
                list_notes = []
            if kind in ("item", "item-new"):
                flush_code()
                if in_list and blocks and kind == "item":
                    blocks[-1] += "\n" + text
                else:
                    blocks.append(text)
                in_list = True
                list_notes.extend(notes)
                pending_blank = 0
                continue
            if kind == "code":
                if code and pending_blank:
                    code.extend([""] * pending_blank)
                pending_blank = 0
                code.append(text)
                continue
            if kind == "blank":
                if code:
                    pending_blank += 1
                continue
            pending_blank = 0
            flush_code()
            if kind == "title" and self.title is None:
                self.title = text
            elif kind == "title":
                blocks.append("# " + text)
            elif text.strip():
                blocks.append(text)
            blocks.extend(notes)
        blocks.extend(list_notes)
        flush_code()
        blocks.extend(self._take_notes())
        markdown = "\n\n".join(blocks) + "\n"
        kept = {k: v for k, v in self.note_count.items() if v}
        if kept:
            self.findings.append(Finding("notes_kept", {"footnotes": kept.get("footnotes", 0),
                                                        "endnotes": kept.get("endnotes", 0)}))
        self.findings.extend(Finding("element_dropped", {"element": name, "count": count})
                             for name, count in sorted(self.dropped.items()))
        return DocxMarkdown(title=self.title, markdown=markdown, images=self.images,
                            findings=self.findings)

    def _take_notes(self) -> list[str]:
        notes, self.pending_notes = self.pending_notes, []
        return notes

    def _drop(self, el) -> None:
        """Count an element that holds text the converter cannot keep."""
        if el.tag in _SKIPPED or not isinstance(el.tag, str):
            return
        if not any((t.text or "").strip() for t in el.iter(w("t"), w("instrText"))):
            return
        name = el.tag.rsplit("}", 1)[-1]
        self.dropped[name] = self.dropped.get(name, 0) + 1

    def _blocks(self, container):
        for child in container.iterchildren():
            tag = child.tag
            if tag == w("p"):
                yield self._paragraph(child)
            elif tag == w("tbl"):
                yield "text", self._table(child)
            elif tag in (w("sdt"), w("sdtContent"), w("customXml")):
                yield from self._blocks(child)
            else:
                self._drop(child)

    def _paragraph(self, p) -> tuple[str, str]:
        ppr = p.find(w("pPr"))
        style_el = ppr.find(w("pStyle")) if ppr is not None else None
        sid = style_el.get(w("val")) if style_el is not None else self.default_para
        style = self.styles.get(sid or "", Style())
        segs = self._inline(p, style)
        has_text = any(s.text.strip() for s in segs)
        if not has_text:
            return "blank", ""
        num = num_pr(ppr) or style.num
        label = None
        if num is not None and num[0] != "0" and (style.title or style.heading):
            label = self.numbering.label(num[0], num[1])
        if style.title or style.heading:
            text = "".join(s.text if not s.raw else "" for s in segs).replace("\n", " ").strip()
            images = [s.text for s in segs if s.raw]
            if label and label != "-":
                text = f"{label} {text}"
            if style.title:
                return "title", text
            heading = "#" * style.heading + " " + text
            return "text", "\n\n".join([heading, *images])
        texty = [s for s in segs if not s.raw and s.text.strip()]
        if texty and not any(s.raw for s in segs) and \
                (style.code or all(s.code for s in texty)):
            return "code", "".join(s.text for s in segs)
        # Leading spaces are Word indentation; in Markdown four of them would make code.
        body = escape_line_starts(render_inline(segs).lstrip(" \t"))
        marker = None
        if num is not None and num[0] != "0":
            marker = self.numbering.marker(num[0], num[1])
        if marker is None or marker[0] == "none":
            return "text", body
        if marker[0] == "text":
            return "text", f"{marker[2]} {body}"
        while self.list_stack and self.list_stack[-1] >= num[1]:
            self.list_stack.pop()
        new_list = not self.list_stack and num[0] != self.list_num
        if not self.list_stack:
            self.list_num = num[0]
        return "item-new" if new_list else "item", self._list_item(num[1], marker, body)

    def _list_item(self, level: int, marker: tuple[str, int, str], body: str) -> str:
        """A Markdown list item nested under the open items of lower Word levels: any depth
        renders as a nested list (four spaces a level). Ordered items keep their number at
        their level (``c)`` is item 3)."""
        while self.list_stack and self.list_stack[-1] >= level:
            self.list_stack.pop()
        indent = "    " * len(self.list_stack)
        self.list_stack.append(level)
        bullet = "-" if marker[0] == "bullet" else f"{marker[1]}."
        hang = indent + " " * (len(bullet) + 1)
        return f"{indent}{bullet} " + body.replace("\n", "\n" + hang)

    # -- runs

    def _inline(self, p, style: Style) -> list[Seg]:
        segs: list[Seg] = []
        self._field_stack: list[dict] = []
        self._walk(p, None, style, segs)
        return segs

    def _walk(self, el, link: str | None, style: Style, segs: list[Seg]) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if tag == w("r"):
                self._run(child, link, style, segs)
            elif tag == w("hyperlink"):
                self._walk(child, self._hyperlink(child) or link, style, segs)
            elif tag == w("fldSimple"):
                url = _field_url(child.get(w("instr"), ""))
                self._walk(child, url or link, style, segs)
            elif tag in _CONTAINERS:
                self._walk(child, link, style, segs)
            elif tag in (f"{{{NS_M}}}oMath", f"{{{NS_M}}}oMathPara"):
                text = "".join(t.text or "" for t in child.iter(f"{{{NS_M}}}t"))
                if text:
                    segs.append(Seg(text, link=link))
            elif tag == f"{{{NS_MC}}}AlternateContent":
                choice = child.find(f"{{{NS_MC}}}Choice")
                self._walk(choice if choice is not None else child, link, style, segs)
            else:
                self._drop(child)

    def _hyperlink(self, el) -> str | None:
        rid = el.get(f"{{{NS_R}}}id")
        if rid:
            try:
                rel = self.part.rels[rid]
            except KeyError:
                return None
            return rel.target_ref if rel.is_external else None
        anchor = el.get(w("anchor"))
        return f"#{anchor}" if anchor else None

    def _run(self, r, link: str | None, style: Style, segs: list[Seg]) -> None:
        rpr = r.find(w("rPr"))
        bold, italic, mono = style.bold, style.italic, style.mono or style.code
        if rpr is not None:
            rstyle = rpr.find(w("rStyle"))
            if rstyle is not None:
                cs = self.styles.get(rstyle.get(w("val"), ""))
                if cs is not None:
                    bold, italic = bold or cs.bold, italic or cs.italic
                    mono = mono or cs.mono or cs.code
            if rpr.find(w("b")) is not None:
                bold = is_on(rpr.find(w("b")))
            if rpr.find(w("i")) is not None:
                italic = is_on(rpr.find(w("i")))
            fonts = fonts_mono(rpr)
            if fonts is not None:
                mono = fonts
        if style.heading or style.title:
            bold = italic = False
        for child in r.iterchildren():
            tag = child.tag
            if tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    self._field_stack.append({"instr": "", "url": None, "result": False})
                elif kind == "separate" and self._field_stack:
                    top = self._field_stack[-1]
                    top["url"], top["result"] = _field_url(top["instr"]), True
                elif kind == "end" and self._field_stack:
                    self._field_stack.pop()
                continue
            if tag == w("instrText"):
                if self._field_stack and not self._field_stack[-1]["result"]:
                    self._field_stack[-1]["instr"] += child.text or ""
                continue
            if self._field_stack and not self._field_stack[-1]["result"]:
                continue  # field instructions are not text
            field_url = next((f["url"] for f in reversed(self._field_stack) if f["url"]), None)
            target = field_url or link
            text = None
            if tag == w("t"):
                text = child.text or ""
            elif tag == w("tab"):
                text = "\t"
            elif tag in (w("br"), w("cr")):
                text = "\n" if child.get(w("type")) in (None, "textWrapping") else " "
            elif tag == w("noBreakHyphen"):
                text = "-"
            elif tag == w("sym"):
                try:
                    text = chr(int(child.get(w("char"), "20"), 16))
                except ValueError:
                    text = ""
            elif tag in (w("drawing"), w("pict"), w("object"), f"{{{NS_MC}}}AlternateContent"):
                image = self._image(child)
                if image:
                    segs.append(Seg(image, raw=True))
                boxed = self._text_boxes(child)
                if boxed:
                    segs.append(Seg(boxed, raw=True))
                continue
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                ref = self._note_reference(child)
                if ref:
                    segs.append(Seg(ref, raw=True))
                continue
            elif tag == w("ptab"):
                text = "\t"
            elif tag == w("ruby"):
                base = child.find(w("rubyBase"))
                if base is not None:
                    self._walk(base, link, style, segs)
                continue
            else:
                self._drop(child)
            if text:
                segs.append(Seg(text, bold=bold, italic=italic, code=mono, link=target))

    def _text_boxes(self, el) -> str:
        """The paragraphs of text boxes inside a drawing, one per line (text is never lost)."""
        if el.tag == f"{{{NS_MC}}}AlternateContent":
            choice = el.find(f"{{{NS_MC}}}Choice")
            el = choice if choice is not None else el
        saved = self._field_stack
        lines = []
        for box in el.iter(w("txbxContent")):
            for p in box.iter(w("p")):
                text = render_inline(self._inline(p, Style())).strip()
                if text:
                    lines.append(text)
        self._field_stack = saved
        return "\n".join(lines)


def _field_url(instr: str) -> str | None:
    m = re.match(r'\s*HYPERLINK\s+(?:"([^"]+)"|(\S+))(?:.*?\\l\s+"([^"]+)")?', instr)
    if not m:
        return None
    url = m.group(1) or m.group(2)
    if url and url.startswith("\\l"):
        return f"#{m.group(3)}" if m.group(3) else None
    return url
