"""The parts of a Word document beside its paragraphs, for the .docx converter: footnotes and
endnotes (kept as ``[^n]`` notes), comments (reported, not kept), embedded images (extracted
into ``assets/`` under safe, unique names) and tables (Markdown tables).

``PartsMixin`` holds the converter's methods for them; ``importing.docx._Converter`` mixes it
in and provides ``part``, ``images``, ``findings``, ``dropped``, the note counters and
``_inline`` (a paragraph's runs).
"""

from __future__ import annotations

import hashlib
import posixpath

from ..storage.files import safe_file_name, unique_file_name
from .docx_inline import destination, render_inline
from .docx_styles import NS_A, NS_MC, NS_R, NS_V, NS_WP, Style, w
from .escaping import escape_markdown
from .findings import Finding


class PartsMixin:
    """Notes, comments, images and tables; see the module docstring."""

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
            text = render_inline(self._inline(p, Style())).strip()
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

    # -- images

    def _image(self, el) -> str | None:
        if el.tag == f"{{{NS_MC}}}AlternateContent":
            choice = el.find(f"{{{NS_MC}}}Choice")
            el = choice if choice is not None else el
        blip = next(el.iter(f"{{{NS_A}}}blip"), None)
        rid = None
        external = False
        if blip is not None:
            rid = blip.get(f"{{{NS_R}}}embed")
            if not rid:
                rid, external = blip.get(f"{{{NS_R}}}link"), True
        else:
            data = next(el.iter(f"{{{NS_V}}}imagedata"), None)
            if data is not None:
                rid = data.get(f"{{{NS_R}}}id")
        if not rid:
            return None
        doc_pr = next(el.iter(f"{{{NS_WP}}}docPr"), None)
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
            return f"![{alt}]({destination(rel.target_ref)})"
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
                        text = render_inline(segs).strip()
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


def _unique_name(name: str, taken: dict[str, bytes]) -> str:
    """A safe, unused asset name for an image part; ``.bin`` when the part has no extension."""
    name = safe_file_name(name, "image")
    if "." not in name:
        name += ".bin"
    return unique_file_name(name, taken)
