"""Word documents built for tests: python-docx's own package, with the body and the parts
python-docx has no API for (footnotes, endnotes, comments, numbering) written as small XML."""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."


def run(text: str = "", *, bold: bool = False, italic: bool = False, inner: str = "") -> str:
    """A run; ``\\n`` in ``text`` is a Shift+Enter break (``<w:br/>``)."""
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    parts = []
    for i, piece in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        if piece:
            parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{''.join(parts)}{inner}</w:r>"


def para(*runs: str, style: str | None = None, num: tuple[int, int] | None = None) -> str:
    ppr = ""
    if style or num:
        numpr = (f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
                 if num else "")
        sty = f'<w:pStyle w:val="{style}"/>' if style else ""
        ppr = f"<w:pPr>{sty}{numpr}</w:pPr>"
    body = "".join(r if r.startswith("<") else run(r) for r in runs)
    return f"<w:p>{ppr}{body}</w:p>"


def heading(text: str, level: int = 1) -> str:
    return para(text, style=f"Heading{level}")


def note_ref(kind: str, note_id: int) -> str:
    return f'<w:r><w:{kind}Reference w:id="{note_id}"/></w:r>'


def hyperlink(text: str, rid: str) -> str:
    return f'<w:hyperlink r:id="{rid}">{run(text)}</w:hyperlink>'


def notes_xml(kind: str, notes: dict[int, str]) -> str:
    """footnotes.xml / endnotes.xml: the separators Word writes, then each note's runs."""
    tag = kind[:-1]
    out = [f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
           f"</w:{tag}>"]
    for nid, runs in notes.items():
        out.append(f'<w:{tag} w:id="{nid}"><w:p><w:r><w:{tag}Ref/></w:r>{runs}</w:p></w:{tag}>')
    return f'<?xml version="1.0" encoding="UTF-8"?><w:{kind} {NS}>{"".join(out)}</w:{kind}>'


def comments_xml(comments: list[tuple[str, str]]) -> str:
    body = "".join(f'<w:comment w:id="{i}" w:author="{escape(a)}"><w:p>{run(t)}</w:p>'
                   f"</w:comment>" for i, (a, t) in enumerate(comments))
    return f'<?xml version="1.0" encoding="UTF-8"?><w:comments {NS}>{body}</w:comments>'


def numbering_xml(lists: dict[int, list[tuple[str, str]]]) -> str:
    """numbering.xml: numId -> [(numFmt, lvlText) per level]."""
    out = []
    for num_id, levels in lists.items():
        lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                       f'<w:lvlText w:val="{text}"/></w:lvl>'
                       for i, (fmt, text) in enumerate(levels))
        out.append(f'<w:abstractNum w:abstractNumId="{num_id}">{lvls}</w:abstractNum>')
    out.extend(f'<w:num w:numId="{n}"><w:abstractNumId w:val="{n}"/></w:num>' for n in lists)
    return f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {NS}>{"".join(out)}</w:numbering>'


THREE_LEVELS = [("decimal", "%1."), ("lowerLetter", "%2)"), ("lowerRoman", "%3.")]


def build_docx(body: str, *, numbering: str | None = None, footnotes: str | None = None,
               endnotes: str | None = None, comments: str | None = None,
               rels: list[tuple[str, str, str, bool]] = (),
               part_rels: dict[str, list[tuple[str, str, str, bool]]] | None = None,
               media: dict[str, bytes] | None = None) -> bytes:
    """A .docx whose body is ``body`` (paragraph XML), with the given extra parts.
    ``rels`` are document relationships ``(id, type, target, external)``; ``part_rels``
    the same for ``footnotes.xml`` etc.; ``media`` files go under ``word/media/``."""
    import docx

    base = io.BytesIO()
    docx.Document().save(base)
    members = {}
    with zipfile.ZipFile(io.BytesIO(base.getvalue())) as zf:
        for name in zf.namelist():
            members[name] = zf.read(name)
    members["word/document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{body}'
        f"<w:sectPr/></w:body></w:document>").encode()
    types = members["[Content_Types].xml"].decode()
    doc_rels = members["word/_rels/document.xml.rels"].decode()

    def rel_xml(items) -> str:
        return "".join(f'<Relationship Id="{i}" Type="{RT}{t}" Target="{escape(target)}"'
                       + (' TargetMode="External"' if ext else "") + "/>"
                       for i, t, target, ext in items)

    extra = list(rels)
    for kind, xml in (("footnotes", footnotes), ("endnotes", endnotes),
                      ("comments", comments), ("numbering", numbering)):
        if xml is None:
            continue
        members[f"word/{kind}.xml"] = xml.encode()
        if f"/word/{kind}.xml" not in types:
            types = types.replace("</Types>", f'<Override PartName="/word/{kind}.xml" '
                                  f'ContentType="{CT}{kind}+xml"/></Types>')
        if f'Target="{kind}.xml"' not in doc_rels:
            extra.append((f"rIdX{kind}", kind, f"{kind}.xml", False))
    for name, blob in (media or {}).items():
        members[f"word/media/{name}"] = blob
        ext = name.rsplit(".", 1)[-1]
        if f'Extension="{ext}"' not in types:
            types = types.replace("</Types>", f'<Default Extension="{ext}" '
                                  f'ContentType="image/{ext}"/></Types>')
    doc_rels = doc_rels.replace("</Relationships>", rel_xml(extra) + "</Relationships>")
    for part, items in (part_rels or {}).items():
        members[f"word/_rels/{part}.rels"] = (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships">{rel_xml(items)}</Relationships>'
        ).encode()
    members["[Content_Types].xml"] = types.encode()
    members["word/_rels/document.xml.rels"] = doc_rels.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in members.items():
            zf.writestr(name, blob)
    return out.getvalue()


def image_run(rid: str, *, linked: bool = False, alt: str = "") -> str:
    """An inline picture run whose blip embeds (or links to) relationship ``rid``."""
    attr = "r:link" if linked else "r:embed"
    return (f'<w:r><w:drawing><wp:inline><wp:extent cx="9525" cy="9525"/>'
            f'<wp:docPr id="1" name="p" descr="{escape(alt)}"/><a:graphic><a:graphicData '
            'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
            f'<pic:blipFill><a:blip {attr}="{rid}"/></pic:blipFill></pic:pic></a:graphicData>'
            "</a:graphic></wp:inline></w:drawing></w:r>")


def strip_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)
