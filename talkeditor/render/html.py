"""Markdown to HTML: one parse that feeds the preview (and, through the Zhihu transform, the post).

HTML comes from :mod:`talkeditor.render.markdown_tree` (markdown-it-py: tables, fenced code,
footnotes, strikethrough, bare URLs as links, one line = one line); ``HtmlCache`` keeps each
section's HTML keyed by its Markdown so that an edit re-renders one section, not the issue.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Issue
from .issue_markdown import section_markdown, title_markdown


class MarkdownConverter:
    """Markdown -> HTML through :mod:`talkeditor.render.markdown_tree` (one parse into a tree, then
    the tree written as HTML); raises :class:`~talkeditor.render.markdown_tree.MarkdownLimitError`
    (an IssueFormatError) for input beyond the renderer's limits."""

    def convert(self, text: str) -> str:
        from .markdown_tree import markdown_to_html

        return markdown_to_html(text)


_default_converter = MarkdownConverter()


def markdown_to_html(text: str) -> str:
    """Markdown -> an HTML fragment (tables, fenced code, footnotes, strikethrough, math as
    TeX, bare URLs as links, one line = one line); see :mod:`talkeditor.render.markdown_tree`."""
    return _default_converter.convert(text)


@dataclass(frozen=True)
class PreviewUpdate:
    """What ``HtmlCache.update`` found: ``parts``, every ``(section_id, html)`` in order (the
    title's id is ``""``); ``changed``, the ids whose HTML differs from the previous
    update's, in order; ``same_layout``, True when the ids are those of the previous update
    in the same order (a view may then replace only the changed parts), False on the first
    update and after sections were added, removed or moved (show everything again)."""

    parts: list[tuple[str, str]]
    changed: list[str]
    same_layout: bool

    def html(self) -> str:
        """The whole preview: every part, one per line."""
        return "\n".join(html for _sid, html in self.parts)


@dataclass
class HtmlCache:
    """Per-section HTML, keyed by the section's rendered Markdown.

    ``issue_parts`` returns ``(section_id, html)`` for the title and every section in order;
    only sections whose Markdown changed since the last call are converted again.
    ``conversions`` counts conversions, so tests can prove that an edit costs one section.
    A section beyond the renderer's limits raises its MarkdownLimitError, unless ``on_limit``
    is given: then ``on_limit(text, error)`` supplies that section's HTML (the preview shows a
    notice there and goes on with the other sections). ``decorate(section_id, html)``, if
    given, turns each converted section's HTML into what the view shows (an anchor, a linked
    heading): once per conversion, kept with it.

    For a view that updates in place, ``update(issue)`` also says which sections' HTML
    changed since the previous ``update`` (``PreviewUpdate``). The Markdown of every section
    (``sources``) is what costs on an unchanged issue (~2 ms on a 10x issue): a caller that
    needs both ``stale`` and ``update`` computes it once and passes it to both.
    """

    converter: MarkdownConverter = field(default_factory=lambda: _default_converter)
    on_limit: Callable[[str, Exception], str] | None = None
    decorate: Callable[[str, str], str] | None = None
    _cache: dict[str, tuple[str, str]] = field(default_factory=dict)
    _shown: list[tuple[str, str]] | None = None
    conversions: int = 0

    def cached(self, key: str, text: str) -> bool:
        """Whether ``html_for(key, text)`` would be answered from the cache."""
        hit = self._cache.get(key)
        return hit is not None and hit[0] == text

    def html_for(self, key: str, text: str) -> str:
        hit = self._cache.get(key)
        if hit is not None and hit[0] == text:
            return hit[1]
        from .markdown_tree import MarkdownLimitError

        try:
            html = self.converter.convert(text)
        except MarkdownLimitError as exc:
            if self.on_limit is None:
                raise
            html = self.on_limit(text, exc)
        self.store(key, text, html)
        return self._cache[key][1]

    def store(self, key: str, text: str, html: str) -> None:
        """Put HTML converted elsewhere (the preview's worker thread) into the cache."""
        if self.decorate is not None:
            html = self.decorate(key, html)
        self._cache[key] = (text, html)
        self.conversions += 1

    @staticmethod
    def sources(issue: Issue) -> list[tuple[str, str]]:
        """``(section_id, Markdown)`` for the title (id ``""``) and every section, in order.

        A section that refers to a footnote defined in another section (the issues keep
        their notes in a 参考资料 section) gets that definition appended, so the preview
        shows the note as the Zhihu post does, instead of a literal ``[^1]``."""
        title = title_markdown(issue)
        out = [("", title)] if title else []
        memo: dict = {}
        out.extend((section.id, section_markdown(issue, section, depth, memo))
                   for section, depth in issue.walk())
        return _with_footnotes_from_other_sections(out)

    def stale(self, issue: Issue, sources: list[tuple[str, str]] | None = None
              ) -> list[tuple[str, str]]:
        """The ``(section_id, Markdown)`` pairs that ``issue_parts`` would convert."""
        if sources is None:
            sources = self.sources(issue)
        return [(key, text) for key, text in sources if not self.cached(key, text)]

    def issue_parts(self, issue: Issue, sources: list[tuple[str, str]] | None = None
                    ) -> list[tuple[str, str]]:
        if sources is None:
            sources = self.sources(issue)
        parts = [(key, self.html_for(key, text)) for key, text in sources]
        live = {key for key, _html in parts} | {""}
        for stale in set(self._cache) - live:
            del self._cache[stale]
        return parts

    def issue_html(self, issue: Issue) -> str:
        return "\n".join(html for _sid, html in self.issue_parts(issue))

    def update(self, issue: Issue, sources: list[tuple[str, str]] | None = None
               ) -> PreviewUpdate:
        """``issue_parts`` and what changed since the previous ``update`` (see
        ``PreviewUpdate``); converts what ``issue_parts`` would."""
        parts = self.issue_parts(issue, sources)
        shown, self._shown = self._shown, parts
        if shown is None or len(shown) != len(parts) or any(
                old[0] != new[0] for old, new in zip(shown, parts, strict=True)):
            return PreviewUpdate(parts, [key for key, _html in parts], False)
        changed = [new[0] for old, new in zip(shown, parts, strict=True)
                   if old[1] is not new[1] and old[1] != new[1]]
        return PreviewUpdate(parts, changed, True)

    def shown_parts(self) -> list[tuple[str, str]]:
        """The parts the last ``update`` returned (``[]`` before any, or after
        ``forget_shown``)."""
        return list(self._shown or [])

    def forget_shown(self) -> None:
        """The view was shown something else (another mode, another issue): the next
        ``update`` reports every part as changed, with ``same_layout`` False."""
        self._shown = None


_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:.*(?:\n(?:[ \t]*\n)*(?: {4}|\t).*)*",
                           re.M)
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")


def _with_footnotes_from_other_sections(
        sources: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``sources`` with, appended to each section, the definitions (as written, blank line
    before) of the footnotes it refers to but does not define, from the first other section
    that defines them."""
    if not any("[^" in text for _key, text in sources):
        return sources
    defined = [{m.group(1): m.group(0) for m in _FOOTNOTE_DEF.finditer(text)}
               if "[^" in text else {} for _key, text in sources]
    everywhere: dict[str, str] = {}
    for definitions in defined:
        for label, definition in definitions.items():
            everywhere.setdefault(label, definition)
    out = []
    for (key, text), own in zip(sources, defined, strict=True):
        wanted = dict.fromkeys(m.group(1) for m in _FOOTNOTE_REF.finditer(text)) \
            if "[^" in text else {}
        extra = [everywhere[label] for label in wanted if label not in own and label in everywhere]
        out.append((key, text.rstrip("\n") + "\n\n" + "\n".join(extra) + "\n" if extra else text))
    return out


def issue_html(issue: Issue) -> str:
    """The whole issue as an HTML fragment (no caching)."""
    return HtmlCache().issue_html(issue)
