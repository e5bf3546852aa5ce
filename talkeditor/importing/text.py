"""The structure of a plain-text or Markdown issue: title, sections, fields and bodies.

Plain text (copied out of a published post) has no heading markup, so a section title is a
bare line that the vocabulary knows (``本周新闻``, ``本周经典-optional``, ``学术``, ``工业``,
``线上讨论：`` …), or a title-shaped line followed by a field with its own name
(``本周论文`` + ``【本周论文】：…``), or any title-shaped line ending in ``-optional``.

Markdown headings give the tree (H1 section, H2 subsection, H3 below), with two corrections
taken from real issues: a heading the template knows is placed where the template has it
(``## 序章`` then ``## 背景介绍`` makes 背景介绍 a child of 序章), and when a document follows
the template, an unknown top-level heading must look like a section (known name, ``-optional``
suffix, or fields after it) — otherwise it is a pasted headline (``# LLaMA2 框架``): it and the
headings under it stay in the current section's body as deeper ``###`` lines. A Markdown
document with no headings at all is read like plain text.

Every non-empty source line ends up in exactly one place: the title, the leading comment,
a section heading, a field, or a body. Nothing is dropped; what is not recognised is body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import OPTIONAL_SUFFIX, Section, clean_text, new_id, split_optional, title_key
from ..progress import Progress, each, part, report
from .findings import Finding
from .vocabulary import (
    TitleInfo,
    Vocabulary,
    looks_like_title,
    parse_field_line,
    parse_title,
)

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_MINUTES = re.compile(r"(\d+)\s*分钟")
#: Characters that show nothing (zero-width space/joiners, word joiner, BOM, soft hyphen,
#: direction marks): ignored when recognising titles and labels, kept in text.
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                       "\u2066-\u2069\ufeff]")


def visible(text: str) -> str:
    """``text`` as it looks: invisible characters removed, no-break spaces as spaces."""
    return INVISIBLE.sub("", text).replace("\u00a0", " ")


@dataclass
class ParsedDocument:
    """The result of reading a document's structure (metadata is recognised afterwards)."""

    sections: list[Section]
    title: TitleInfo | None = None
    comment: str = ""
    headings: int = 0          # sections that come from a heading or title line of the source
    meta_lines: int = 0        # non-empty lines taken as metadata (title, comment, title hint)
    kept_as_text: list[str] = field(default_factory=list)
    #: What was guessed about the document (``title_kept``, ``no_sections``).
    findings: list[Finding] = field(default_factory=list)
    #: Titles and labels recognised once invisible characters were ignored, with the
    #: characters (``U+200B`` …) left out of them.
    invisible: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass
class _Node:
    title: str
    level: int
    depth: int
    lines: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)


@dataclass
class _Item:
    kind: str            # "text" or "heading"
    text: str            # the raw line, or the heading's title
    level: int = 0
    trusted: bool = False  # a bare-line title that was already judged to be a section


def parse_document(text: str, kind: str, vocab: Vocabulary,
                   title_hint: str | None = None,
                   progress: Progress | None = None) -> ParsedDocument:
    """Read ``text`` (``kind`` 'txt' or 'md') into sections; see the module docstring.
    ``progress`` hears the fraction done (line by line) and may raise Cancelled."""
    report(progress, 0.0)
    lines = clean_text(text).split("\n")
    seen = [visible(line) for line in lines]
    doc = ParsedDocument(sections=[])
    start = _take_comment(lines, doc) if kind == "md" else 0
    start = _take_title(seen, start, kind, vocab, doc, title_hint, lines)
    body = lines[start:]
    md_headings = kind == "md" and _has_headings(seen[start:])
    items = _classify(seen[start:], vocab, md_headings, body, doc, part(progress, 0.1, 0.7))
    strict = not md_headings or _follows_template(items, vocab)
    pre, roots = _build_tree(items, vocab, strict, doc)
    report(progress, 0.85)
    doc.sections = _to_sections(roots, vocab, pre, doc)
    report(progress, 1.0)
    return doc


# ---------------------------------------------------------------- leading metadata


def _take_comment(lines: list[str], doc: ParsedDocument) -> int:
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines) or not lines[i].lstrip().startswith("<!--"):
        return 0
    for j in range(i, len(lines)):
        if "-->" in lines[j]:
            block = lines[i:j + 1]
            doc.comment = "\n".join(block).strip()
            doc.meta_lines += sum(1 for line in block if line.strip())
            return j + 1
    return 0


def _note_invisible(doc: ParsedDocument, original: str, shown: str) -> None:
    hidden = sorted({f"U+{ord(ch):04X}" for ch in INVISIBLE.findall(original)})
    if hidden:
        doc.invisible.append((shown.strip(), hidden))


def _take_title(lines: list[str], start: int, kind: str, vocab: Vocabulary,
                doc: ParsedDocument, title_hint: str | None,
                original: list[str] | None = None) -> int:
    if title_hint is not None:
        info = parse_title(title_hint, vocab)
        doc.title = info or TitleInfo(number="", title=title_hint.strip())
        doc.meta_lines += 1 if title_hint.strip() else 0
        return start
    i = start
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines):
        return start
    line = lines[i].strip()
    heading = _HEADING.match(lines[i]) if kind == "md" else None
    text = heading.group(2) if heading else line
    if vocab.is_top(text) or parse_field_line(text) or text.startswith("\\"):
        return start  # a section, a field, or escaped markup (text, never structure)
    info = parse_title(text, vocab)
    if info is None:
        return start
    doc.title = info
    doc.meta_lines += 1
    if original is not None:
        _note_invisible(doc, original[i], line)
    if info.title and len(info.title) <= len(f"{vocab.series} {info.number}") + 3:
        doc.findings.append(Finding("title_kept", {
            "title": info.title, "expected": f"{vocab.series} {info.number}"}))
    return i + 1


# ---------------------------------------------------------------- line classification


def _has_headings(lines: list[str]) -> bool:
    fence = None
    for line in lines:
        fence, inside = _fence_state(line, fence)
        if not inside and _HEADING.match(line):
            return True
    return False


def _fence_state(line: str, fence: str | None) -> tuple[str | None, bool]:
    """(new fence marker, whether ``line`` is code); fence lines themselves count as code."""
    m = _FENCE.match(line)
    if fence is None:
        if m:
            return m.group(1), True
        return None, False
    if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and \
            not line.strip()[len(m.group(1)):].strip():
        return None, True
    return fence, True


def _next_content(lines: list[str], i: int) -> str:
    for j in range(i + 1, len(lines)):
        if lines[j].strip():
            return lines[j].strip()
    return ""


def _classify(lines: list[str], vocab: Vocabulary, md_headings: bool, original: list[str],
              doc: ParsedDocument, progress: Progress | None = None) -> list[_Item]:
    """Items from ``lines`` (invisible characters removed, for recognition); text items
    keep the ``original`` line."""
    items: list[_Item] = []
    fence = None
    for i, line in each(progress, enumerate(lines), len(lines), every=4096):
        fence, inside = _fence_state(line, fence)
        if inside:
            items.append(_Item("text", original[i]))
            continue
        if md_headings:
            m = _HEADING.match(line)
            if m:
                items.append(_Item("heading", m.group(2).strip(), len(m.group(1))))
                _note_invisible(doc, original[i], m.group(2))
            else:
                items.append(_Item("text", original[i]))
            continue
        level = _bare_title_level(line, lines, i, vocab)
        if level:
            items.append(_Item("heading", line.strip(), level, trusted=True))
            _note_invisible(doc, original[i], line)
        else:
            items.append(_Item("text", original[i]))
    return items


def _bare_title_level(line: str, lines: list[str], i: int, vocab: Vocabulary) -> int:
    """1 for a top-level section title, 2 for a subsection, 3 below; 0 for text."""
    text = line.strip()
    if not looks_like_title(text) or text.startswith(("#", "\\", "-", "*", "`", "|")):
        return 0
    if vocab.is_top(text):
        return 1
    key = title_key(text)
    if key in vocab.deep:
        return 3
    if key in vocab.sub:
        return 2
    if split_optional(text)[1] and len(text) > len(OPTIONAL_SUFFIX):
        return 1
    following = parse_field_line(_next_content(lines, i))
    if following is not None and title_key(following.label) == key:
        return 1
    return 0


def _follows_template(items: list[_Item], vocab: Vocabulary) -> bool:
    """Whether the document uses at least two of the template's top-level titles."""
    known = {title_key(it.text) for it in items if it.kind == "heading" and vocab.is_top(it.text)}
    return len(known) >= 2


# ---------------------------------------------------------------- the tree


def _demoted(title: str, level: int, base: int, depth: int) -> str:
    return "#" * min(6, depth + 2 + max(0, level - base)) + " " + title


def _build_tree(items: list[_Item], vocab: Vocabulary, strict: bool,
                doc: ParsedDocument) -> tuple[list[str], list[_Node]]:
    pre: list[str] = []
    roots: list[_Node] = []
    stack: list[_Node] = []
    demote_base: int | None = None

    def current_lines() -> list[str]:
        return stack[-1].lines if stack else pre

    def keep_as_text(title: str, level: int, base: int) -> None:
        depth = stack[-1].depth if stack else 1
        current_lines().append(_demoted(title, level, base, depth))
        doc.kept_as_text.append(title)

    for index, item in enumerate(items):
        if item.kind == "text":
            current_lines().append(item.text)
            continue
        title, level = item.text, item.level
        if demote_base is not None and level > demote_base and not _known_here(title, stack,
                                                                                vocab):
            keep_as_text(title, level, demote_base)
            continue
        demote_base = None
        if vocab.is_top(title):
            node = _Node(title, level, 1)
            roots.append(node)
            stack = [node]
            continue
        if stack and vocab.is_child_of(title, stack[0].title):
            node = _Node(title, level, 2)
            stack[0].children.append(node)
            stack = [stack[0], node]
            continue
        if not item.trusted and not looks_like_title(title, heading=True) and \
                not vocab.is_sub(title):
            keep_as_text(title, level, level)  # a sentence or a URL styled as a heading
            continue
        interrupted = list(stack)
        while stack and stack[-1].level >= level:
            stack.pop()
        if not stack:
            if item.trusted or _accept_top(title, items, index, vocab, strict):
                node = _Node(title, level, 1)
                roots.append(node)
                stack = [node]
            else:
                # A pasted headline, not a section: it and the headings below it stay in
                # the section it interrupted.
                stack = interrupted
                demote_base = level
                keep_as_text(title, level, level)
            continue
        node = _Node(title, level, stack[-1].depth + 1)
        stack[-1].children.append(node)
        stack.append(node)
    return pre, roots


def _known_here(title: str, stack: list[_Node], vocab: Vocabulary) -> bool:
    """A heading the vocabulary places here (ends a run of headings kept as text)."""
    return vocab.is_top(title) or vocab.is_sub(title) or \
        bool(stack) and vocab.is_child_of(title, stack[0].title)


def _accept_top(title: str, items: list[_Item], index: int, vocab: Vocabulary,
                strict: bool) -> bool:
    if not strict or vocab.is_sub(title) or split_optional(title)[1]:
        return True
    for j in range(index + 1, len(items)):
        item = items[j]
        if item.kind == "text" and not item.text.strip():
            continue
        return item.kind == "text" and parse_field_line(visible(item.text)) is not None
    return False


# ---------------------------------------------------------------- sections


def _to_sections(roots: list[_Node], vocab: Vocabulary, pre: list[str],
                 doc: ParsedDocument) -> list[Section]:
    used: set[str] = set()
    sections = [_section(node, vocab, (), used, doc) for node in roots]
    pre_text = "\n".join(pre).strip("\n")
    if pre_text.strip():
        doc.kept_as_text.extend(line.strip() for line in pre if line.strip())
        if not sections:
            sections = [Section(title=vocab.opening or "正文")]
            doc.findings.append(Finding("no_sections", {"section": sections[0].title}))
        first = sections[0]
        first.body = _body(pre_text + ("\n\n" + first.body if first.body else ""))
    return sections


def _section(node: _Node, vocab: Vocabulary, path: tuple[str, ...], used: set[str],
             doc: ParsedDocument) -> Section:
    doc.headings += 1
    title, optional = split_optional(node.title)
    # A heading's trailing colon is punctuation, not part of the name (refs: -> refs).
    title = title.rstrip(":：").rstrip() or title
    section = Section(title=title, optional=optional)
    key = (*path, title_key(title))
    template_id = vocab.ids.get(key)
    if template_id and template_id not in used:
        section.id = template_id
    while section.id in used:
        section.id = new_id()
    used.add(section.id)
    if len(key) == 1 and key[0] in vocab.body_kinds:
        section.body_kind = vocab.body_kinds[key[0]]
    lines = node.lines
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        f = parse_field_line(lines[i], title)
        if f is None or INVISIBLE.search(f.label):
            # Invisible characters before the label (or inside it) do not hide a field;
            # the value keeps the ones it has.
            shown = visible(lines[i])
            f = parse_field_line(shown, title)
            if f is None:
                break
            as_written = parse_field_line(INVISIBLE.sub("", lines[i][:lines[i].find("】") + 1])
                                          + lines[i][lines[i].find("】") + 1:], title)
            if as_written is not None and visible(as_written.value) == f.value:
                f = as_written
            _note_invisible(doc, lines[i][:lines[i].find("】") + 1], f"【{f.label}】")
        section.fields.append(f)
        i += 1
    section.body = _body("\n".join(lines[i:]))
    if section.fields and title_key(section.fields[0].label) == title_key(title):
        m = _MINUTES.search(section.fields[0].value)
        if m:
            section.minutes = int(m.group(1))
    section.children = [_section(child, vocab, key, used, doc) for child in node.children]
    return section


def _body(text: str) -> str:
    """Body text as the issue files keep it: no blank lines around it, and a final newline
    when it has several lines (so YAML writes a plain ``|`` block)."""
    text = clean_text(text).strip("\n")
    return text + "\n" if "\n" in text else text
