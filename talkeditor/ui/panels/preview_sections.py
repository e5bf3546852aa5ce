"""The preview's document updated section by section: the HTML of the sections that changed
replaces theirs in place, so an edit costs the edited section's parse and layout, not the
whole issue's (issue 18: ``setHtml`` of a 10x issue, 152k characters of HTML, takes 45-60 ms;
replacing the edited section 5).

The preview's document is every section's HTML in order, each starting with its heading, whose
first character carries the section's anchor ``sec-…`` (preview.PreviewPane._decorate puts
``<a name>`` inside the heading; a section without a heading has it before its first block,
where Qt keeps it in that block's char format, ``QTextBlock.charFormat``). A section runs
from the block carrying its anchor up to the paragraph separator before the next section's.

The replacement is made to give the document a full ``setHtml`` would (the tests compare
``toHtml`` and the anchors after edits of every kind): the section's HTML is parsed on its own,
behind a throwaway first block so that it is parsed as it is in the middle of the document,
and its first block's formats, which ``QTextCursor.insertFragment`` merges into the block at
the cursor, are set again afterwards. Raw HTML a host leaves open at the end of a section
(``<div>``) is closed there, where a full parse lets it run into the next section."""

from __future__ import annotations

import re

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QTextCursor, QTextDocument, QTextDocumentFragment, QTextFormat

_RULER = QTextFormat.Property.BlockTrailingHorizontalRulerWidth  # an <hr>: empty, but shown
_LEAD = "<p>.</p>\n"  # parsed before a section that is not the document's first (see above)
# a heading with no text (a section without a title, a lone "#"): Qt's importer merges its
# empty block into what follows differently in the whole document, so it is set whole
_EMPTY_HEADING = re.compile(r"<h([1-6])>(?:<a [^>]*></a>)*</h\1>")


class _Parsed(QTextDocument):
    """A section parsed on its own: never laid out, and never reads a file for a resource
    (QTextDocument's own loadResource would, for a document without a parent)."""

    def loadResource(self, _kind, _url):  # Qt API
        return QByteArray()


class SectionMap:
    """Where each section of the preview's document starts, kept as sections are replaced.

    ``reset(document, anchors)`` after the whole document was set (``anchors``: each
    section's anchor name, in order); ``replace(document, runs)`` puts new sections in place
    of old ones and returns False when it cannot (the document was set by someone else, an
    anchor is missing): the caller then sets the whole document again."""

    def __init__(self) -> None:
        self._document: QTextDocument | None = None
        self._anchors: list[str] = []
        self._starts: list[int] | None = None
        self._chars = -1  # the document's characterCount() after our last change

    def reset(self, document: QTextDocument | None, anchors: list[str] | None) -> None:
        self._document = document
        self._anchors = list(anchors or [])
        self._starts = None  # found on the first replace: most full renders are not followed
        self._chars = document.characterCount() if document is not None else -1

    @property
    def mapped(self) -> bool:
        """Whether a document is mapped (``reset`` with one, since the last reset without)."""
        return self._document is not None

    def has(self, anchor: str) -> bool:
        """Whether a section with this anchor name is in the mapped document."""
        return self.mapped and anchor in self._anchors

    def replace(self, document: QTextDocument,
                runs: list[tuple[int, int, list[str], str]]) -> bool:
        """For each ``(start, end, anchors, html)`` of ``runs`` (in order, not overlapping,
        neither side empty: see render.html.PreviewUpdate.runs), put the sections of
        ``html``, whose anchor names are ``anchors``, in place of the mapped sections
        ``start`` to ``end - 1``. False, with the document possibly half updated, when the
        document is not the one mapped or its sections are not where they were left; True
        when every run was replaced."""
        if document is not self._document or not self._anchors \
                or document.characterCount() != self._chars:
            return False
        if self._starts is None:
            self._starts = self._find_starts()
            if self._starts is None:
                return False
        cursor = QTextCursor(document)
        cursor.beginEditBlock()  # one layout pass for all of it
        try:
            # from the last run back: the earlier runs' starts stay where they are
            for first, end, anchors, html in sorted(runs, reverse=True):
                if not (0 <= first < end <= len(self._anchors) and anchors):
                    return False
                if not self._bounded(first, end):
                    self._starts = self._find_starts()
                    if self._starts is None or not self._bounded(first, end):
                        return False
                if not self._replace_run(cursor, first, end, anchors, html):
                    return False
        finally:
            cursor.endEditBlock()
            self._chars = document.characterCount()
        return True

    # ------------------------------------------------------------------ internals
    def _replace_run(self, cursor: QTextCursor, first: int, end: int, anchors: list[str],
                     html: str) -> bool:
        if _EMPTY_HEADING.search(html):
            return False
        document = self._document
        start = self._starts[first]
        stop = self._starts[end] - 1 if end < len(self._starts) \
            else document.characterCount() - 1
        probe = QTextCursor(document)
        probe.setPosition(stop)
        if probe.currentTable() is not None:
            return False  # the old section ends in a table: no block of its own to end on
        parsed = _Parsed()
        parsed.setDefaultFont(document.defaultFont())
        parsed.setDefaultStyleSheet(document.defaultStyleSheet())
        parsed.setHtml(html if first == 0 else _LEAD + html)
        head = parsed.begin() if first == 0 else parsed.begin().next()
        if not head.isValid() or head.length() == 1:
            # an empty first block (a section without a title): Qt's importer merges it with
            # whatever comes next, differently in the whole document; set that again instead
            return False
        last = parsed.lastBlock()
        if end < len(self._starts) and last != head and last.length() == 1 \
                and not last.textList() and not last.blockFormat().hasProperty(_RULER):
            # an empty last block (an empty quote or list item ends the section): in the
            # whole document the next section's heading takes that block over (after a
            # table it cannot: the block count check below sends that to a full render)
            last = last.previous()
        source = QTextCursor(parsed)
        source.setPosition(head.position())
        source.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.setPosition(start)
        cursor.setPosition(stop, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertFragment(QTextDocumentFragment(source))
        new_stop = cursor.position()
        cursor.setPosition(start)
        cursor.setBlockFormat(head.blockFormat())
        cursor.setBlockCharFormat(head.charFormat())
        blocks = document.findBlock(new_stop).blockNumber() - cursor.block().blockNumber()
        if blocks != last.blockNumber() - head.blockNumber():
            return False  # Qt merged or split blocks at the edges: set the whole document
        starts = self._starts_between(start, new_stop, anchors)
        if starts is None:
            return False
        delta = new_stop - stop
        self._starts[first:end] = starts
        self._anchors[first:end] = anchors
        for later in range(first + len(starts), len(self._starts)):
            self._starts[later] += delta
        return True

    def _starts_between(self, start: int, stop: int, anchors: list[str]) -> list[int] | None:
        """The starts of the sections just put between ``start`` and ``stop``: the first at
        ``start``, the others at the blocks carrying their anchors."""
        if anchors[0] not in _anchor_names(self._document.findBlock(start)):
            return None
        starts = [start]
        wanted = anchors[1:]
        block = self._document.findBlock(start).next()
        while wanted and block.isValid() and block.position() <= stop:
            if wanted[0] in _anchor_names(block):
                starts.append(block.position())
                wanted.pop(0)
            block = block.next()
        return None if wanted else starts

    def _at(self, index: int) -> bool:
        """Whether section ``index``'s anchor is where its start says."""
        block = self._document.findBlock(self._starts[index])
        return block.position() == self._starts[index] \
            and self._anchors[index] in _anchor_names(block)

    def _bounded(self, first: int, end: int) -> bool:
        """Whether sections ``first`` and ``end`` (the one after the run) start where they
        are mapped."""
        return self._at(first) and (end == len(self._starts) or self._at(end))

    def _find_starts(self) -> list[int] | None:
        """Every section's start, from the anchors in the blocks' char formats; None when one
        is missing or out of order."""
        wanted = {name: index for index, name in enumerate(self._anchors)}
        starts: list[int | None] = [None] * len(self._anchors)
        block = self._document.begin()
        while block.isValid():
            for name in _anchor_names(block):
                index = wanted.get(name)
                if index is not None and starts[index] is None:
                    starts[index] = block.position()
            block = block.next()
        if any(start is None for start in starts) or any(
                a >= b for a, b in zip(starts, starts[1:], strict=False)):
            return None
        return starts


def _anchor_names(block) -> list[str]:
    """The anchor names a block starts with: in its own char format, or on its first
    character (see the module docstring)."""
    names = block.charFormat().anchorNames()
    first = block.begin()
    if not first.atEnd():
        names = names + first.fragment().charFormat().anchorNames()
    return names
