"""Word (.docx) to Markdown, for importing past issues written in Word.

The document is walked in order: the ``Title`` paragraph becomes the issue title, heading
styles become ``#`` headings, bold/italic/monospace runs become ``**``/``*``/`` ` ``, links
(``w:hyperlink`` elements and ``HYPERLINK`` field codes) become Markdown links, numbered and
bulleted paragraphs become list items, runs of monospace paragraphs become fenced code,
tables become Markdown tables, and embedded images are extracted and referenced as
``assets/<name>``. The resulting Markdown is then read like any Markdown issue.

The package is checked before python-docx opens it: too many members, a member or a total
that is too large once decompressed, or a suspicious compression ratio (a zip bomb) is
refused with an IssueFormatError, as is anything that is not a readable .docx.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from ..storage.yaml_format import IssueFormatError
from .docx_styles import Numbering, Style, fonts_mono, is_on, load_styles, num_pr, w
from .text import Finding, escape_line_starts, escape_markdown

MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 100 * 1024 * 1024
MAX_XML_BYTES = 16 * 1024 * 1024  # parsed into a tree in memory: far stricter than images
MAX_TOTAL_BYTES = 300 * 1024 * 1024
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024  # members smaller than this are not ratio-checked

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_V = "urn:schemas-microsoft-com:vml"
_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


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
    notes: list[str] = field(default_factory=list)
    #: Comments and content that could not be kept, footnotes kept (see ``Finding``).
    findings: list[Finding] = field(default_factory=list)


def check_package(data: bytes, name: str = "the file") -> None:
    """Refuse what is not a sane .docx package before anything is decompressed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise IssueFormatError(f"{name} is not a readable Word document (.docx): the file is "
                               "damaged, password-protected or not a .docx") from None
    if len(infos) > MAX_MEMBERS:
        raise IssueFormatError(f"{name}: too many parts in the Word package ({len(infos)})")
    if not any(i.filename == "[Content_Types].xml" for i in infos):
        raise IssueFormatError(f"{name} is a zip file but not a Word document (.docx)")
    total = 0
    for info in infos:
        limit = MAX_XML_BYTES if info.filename.lower().endswith((".xml", ".rels")) \
            else MAX_MEMBER_BYTES
        if info.file_size > limit:
            raise IssueFormatError(f"{name}: the part {info.filename} is too large "
                                   f"({info.file_size // (1024 * 1024)} MiB unpacked)")
        if info.file_size > RATIO_FLOOR and \
                info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise IssueFormatError(f"{name}: the part {info.filename} unpacks to "
                                   f"{info.file_size // (1024 * 1024)} MiB from "
                                   f"{info.compress_size} bytes (a zip bomb?)")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise IssueFormatError(f"{name}: the Word package unpacks to more than "
                               f"{MAX_TOTAL_BYTES // (1024 * 1024)} MiB")


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
                               f"{type(exc).__name__}: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - lxml / python-docx raise many kinds
        raise IssueFormatError(f"{name} is not a readable Word document (.docx): "
                               f"{type(exc).__name__}: {exc}") from None


# ---------------------------------------------------------------- inline content


@dataclass
class _Seg:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None
    raw: bool = False       # already Markdown (an image)


class _Converter:
    def __init__(self, document) -> None:
        self.document = document
        self.part = document.part
        self.styles, self.default_para = load_styles(document)
        self.numbering = Numbering(document)
        self.images: dict[str, bytes] = {}
        self._by_hash: dict[str, str] = {}
        self.notes: list[str] = []
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
                            notes=self.notes, findings=self.findings)

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

    # -- notes and comments

    def _related_part(self, kind: str):
        for rel in self.part.rels.values():
            if rel.reltype.endswith("/" + kind) and not rel.is_external:
                return rel.target_part
        return None

    def _notes_part(self, kind: str):
        from lxml import etree

        part = self._related_part(kind)
        if part is None:
            return None
        element = getattr(part, "element", None)
        if element is None:
            element = etree.fromstring(part.blob)
        tag = w(kind[:-1])
        notes = {n.get(w("id")): n for n in element.findall(tag)
                 if n.get(w("type")) in (None, "normal")}
        return part, notes

    def _note_reference(self, el) -> str | None:
        """``[^n]`` for a footnote/endnote reference; its definition is queued to follow the
        paragraph (or the list it is in)."""
        kind = "footnotes" if el.tag == w("footnoteReference") else "endnotes"
        found = self.note_parts.get(kind)
        note = found[1].get(el.get(w("id"))) if found else None
        if note is None:
            self.dropped[el.tag.rsplit("}", 1)[-1]] = \
                self.dropped.get(el.tag.rsplit("}", 1)[-1], 0) + 1
            return None
        self.note_count[kind] += 1
        self._numbered += 1
        label = str(self._numbered)
        saved_part, saved_stack = self.part, self._field_stack
        self.part = found[0]
        paragraphs = []
        for p in note.iter(w("p")):
            text = _render_inline(self._inline(p, Style())).strip()
            if text:
                paragraphs.append(text)
        self.part, self._field_stack = saved_part, saved_stack
        body = "\n\n    ".join(paragraphs) or "\u200b"
        self.pending_notes.append(f"[^{label}]: {body}")
        return f"[^{label}]"

    def _comments(self) -> None:
        from lxml import etree

        part = self._related_part("comments")
        if part is None:
            return
        element = getattr(part, "element", None)
        if element is None:
            element = etree.fromstring(part.blob)
        for comment in element.findall(w("comment")):
            text = "\n".join("".join(t.text or "" if t.tag == w("t") else "\n"
                                      for t in p.iter(w("t"), w("br")))
                              for p in comment.iter(w("p"))).strip()
            self.findings.append(Finding("comment_dropped", {
                "author": comment.get(w("author"), ""), "text": text}))

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
        body = escape_line_starts(_render_inline(segs).lstrip(" \t"))
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

    def _inline(self, p, style: Style) -> list[_Seg]:
        segs: list[_Seg] = []
        self._field_stack: list[dict] = []
        self._walk(p, None, style, segs)
        return segs

    def _walk(self, el, link: str | None, style: Style, segs: list[_Seg]) -> None:
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
            elif tag in (f"{{{_M}}}oMath", f"{{{_M}}}oMathPara"):
                text = "".join(t.text or "" for t in child.iter(f"{{{_M}}}t"))
                if text:
                    segs.append(_Seg(text, link=link))
            elif tag == f"{{{_MC}}}AlternateContent":
                choice = child.find(f"{{{_MC}}}Choice")
                self._walk(choice if choice is not None else child, link, style, segs)
            else:
                self._drop(child)

    def _hyperlink(self, el) -> str | None:
        rid = el.get(f"{{{_R}}}id")
        if rid:
            try:
                rel = self.part.rels[rid]
            except KeyError:
                return None
            return rel.target_ref if rel.is_external else None
        anchor = el.get(w("anchor"))
        return f"#{anchor}" if anchor else None

    def _run(self, r, link: str | None, style: Style, segs: list[_Seg]) -> None:
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
            elif tag in (w("drawing"), w("pict"), w("object"), f"{{{_MC}}}AlternateContent"):
                image = self._image(child)
                if image:
                    segs.append(_Seg(image, raw=True))
                boxed = self._text_boxes(child)
                if boxed:
                    segs.append(_Seg(boxed, raw=True))
                continue
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                ref = self._note_reference(child)
                if ref:
                    segs.append(_Seg(ref, raw=True))
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
                segs.append(_Seg(text, bold=bold, italic=italic, code=mono, link=target))

    def _text_boxes(self, el) -> str:
        """The paragraphs of text boxes inside a drawing, one per line (text is never lost)."""
        if el.tag == f"{{{_MC}}}AlternateContent":
            choice = el.find(f"{{{_MC}}}Choice")
            el = choice if choice is not None else el
        saved = self._field_stack
        lines = []
        for box in el.iter(w("txbxContent")):
            for p in box.iter(w("p")):
                text = _render_inline(self._inline(p, Style())).strip()
                if text:
                    lines.append(text)
        self._field_stack = saved
        return "\n".join(lines)

    # -- images

    def _image(self, el) -> str | None:
        if el.tag == f"{{{_MC}}}AlternateContent":
            choice = el.find(f"{{{_MC}}}Choice")
            el = choice if choice is not None else el
        blip = next(el.iter(f"{{{_A}}}blip"), None)
        rid = None
        external = False
        if blip is not None:
            rid = blip.get(f"{{{_R}}}embed")
            if not rid:
                rid, external = blip.get(f"{{{_R}}}link"), True
        else:
            data = next(el.iter(f"{{{_V}}}imagedata"), None)
            if data is not None:
                rid = data.get(f"{{{_R}}}id")
        if not rid:
            return None
        doc_pr = next(el.iter(f"{{{_WP}}}docPr"), None)
        alt = ""
        if doc_pr is not None:
            alt = doc_pr.get("descr") or doc_pr.get("title") or ""
        alt = escape_markdown(alt.replace("]", "").replace("\n", " ").strip(), False) or "image"
        try:
            rel = self.part.rels[rid]
        except KeyError:
            self.findings.append(Finding("image_missing", {"target": rid, "reason": "no_part"}))
            return None
        if rel.is_external or external:
            return f"![{alt}]({_destination(rel.target_ref)})"
        blob = rel.target_part.blob
        digest = hashlib.sha1(blob).hexdigest()
        name = self._by_hash.get(digest)
        if name is None:
            name = _unique_name(posixpath.basename(str(rel.target_part.partname)), self.images)
            self.images[name] = blob
            self._by_hash[digest] = name
        return f"![{alt}](assets/{name})"

    # -- tables

    def _table(self, tbl) -> str:
        rows: list[list[str]] = []
        for tr in tbl.findall(w("tr")):
            cells: list[str] = []
            for tc in tr.findall(w("tc")):
                tcpr = tc.find(w("tcPr"))
                span = 1
                merged = False
                if tcpr is not None:
                    gs = tcpr.find(w("gridSpan"))
                    if gs is not None and gs.get(w("val"), "1").isdigit():
                        span = max(1, min(int(gs.get(w("val"))), 64))
                    vm = tcpr.find(w("vMerge"))
                    merged = vm is not None and vm.get(w("val"), "continue") == "continue"
                parts = []
                if not merged:
                    for p in tc.iter(w("p")):
                        segs = self._inline(p, Style())
                        text = _render_inline(segs).strip()
                        if text:
                            parts.append(text)
                cell = "<br>".join(parts).replace("|", "\\|").replace("\n", "<br>")
                cells.append(cell)
                cells.extend([""] * (span - 1))
            rows.append(cells)
        if not rows:
            return ""
        width = max(len(r) for r in rows) or 1
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "| " + " | ".join(["---"] * width) + " |"]
        lines.extend("| " + " | ".join(r) + " |" for r in rows[1:])
        return "\n".join(lines)


def _field_url(instr: str) -> str | None:
    m = re.match(r'\s*HYPERLINK\s+(?:"([^"]+)"|(\S+))(?:.*?\\l\s+"([^"]+)")?', instr)
    if not m:
        return None
    url = m.group(1) or m.group(2)
    if url and url.startswith("\\l"):
        return f"#{m.group(3)}" if m.group(3) else None
    return url


def _unique_name(name: str, taken: dict[str, bytes]) -> str:
    name = re.sub(r"[^\w.-]", "_", name).lstrip(".") or "image"
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, "bin"
    candidate, n = f"{stem}.{ext}", 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}.{ext}", n + 1
    return candidate


def _wrap(text: str, mark: str) -> str:
    """``**`` around text, keeping surrounding spaces outside the markers."""
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}{mark}{core}{mark}{trail}"


def _render_inline(segs: list[_Seg]) -> str:
    """Segments to Markdown: adjacent runs with the same formatting are merged first."""
    merged: list[_Seg] = []
    for s in segs:
        if merged and not s.raw and not merged[-1].raw and \
                (s.bold, s.italic, s.code, s.link) == \
                (merged[-1].bold, merged[-1].italic, merged[-1].code, merged[-1].link):
            merged[-1].text += s.text
        else:
            merged.append(_Seg(s.text, s.bold, s.italic, s.code, s.link, s.raw))
    out: list[str] = []
    i = 0
    while i < len(merged):
        s = merged[i]
        if s.raw:
            out.append(s.text)
            i += 1
            continue
        link = s.link
        group = [s]
        while i + len(group) < len(merged) and not merged[i + len(group)].raw and \
                merged[i + len(group)].link == link:
            group.append(merged[i + len(group)])
        text = "".join(_format(g) for g in group)
        plain = "".join(g.text for g in group).strip()
        if link and plain:
            if plain == link and not re.search(r"[\s<>]", link):
                out.append(f"<{link}>")
            else:
                target = _destination(link)
                lines = text.strip().split("\n")
                out.append("\n".join(f"[{line}]({target})" if line.strip() else line
                                     for line in lines))
        else:
            out.append(text)
        i += len(group)
    return "".join(out)


def _destination(target: str) -> str:
    """A link or image target as Markdown writes it: in ``<…>`` when it has spaces or
    parentheses (``<screen shot (1).png>``)."""
    if re.search(r"[\s()<>]", target):
        return "<" + target.replace("<", "%3C").replace(">", "%3E") + ">"
    return target


def _format(s: _Seg) -> str:
    """One run of text as Markdown: escaped (Word text is text), and every emphasis or code
    span opened and closed on each line (a Shift+Enter break inside bold gives two bold
    lines, never a ``**`` left open)."""
    if "\n" in s.text:
        return "\n".join(_format(_Seg(line, s.bold, s.italic, s.code, s.link))
                         for line in s.text.split("\n"))
    text = s.text
    if s.code and text.strip():
        ticks = "`"
        while ticks in text:
            ticks += "`"
        core = text.strip()
        pad = " " if core.startswith("`") or core.endswith("`") else ""
        text = _wrap_exact(text, f"{ticks}{pad}", f"{pad}{ticks}")
        return text
    text = escape_markdown(text, line_start=False)
    if s.bold and s.italic:
        return _wrap(text, "***")
    if s.bold:
        return _wrap(text, "**")
    if s.italic:
        return _wrap(text, "*")
    return text


def _wrap_exact(text: str, left: str, right: str) -> str:
    core = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}{left}{core}{right}{trail}"
