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
    in the same order, False on the first update and after sections were added, removed or
    moved.

    ``runs`` tells a view that updates in place what to replace: ``(old_start, old_end,
    new_start, new_end)``, indexes into the previous update's parts and into ``parts``, in
    order and not overlapping; putting ``parts[new_start:new_end]`` in place of each
    ``previous[old_start:old_end]`` gives ``parts``. Neither side of a run is empty (an added
    or removed section takes a neighbour with it), so each replacement has a section to
    start with and ends where an unchanged one begins. ``[]``: nothing to replace; None: show
    everything (the first update, after ``forget_shown``, or no neighbour to take)."""

    parts: list[tuple[str, str]]
    changed: list[str]
    same_layout: bool
    runs: list[tuple[int, int, int, int]] | None = None

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
        if shown is None:
            return PreviewUpdate(parts, [key for key, _html in parts], False, None)
        if len(shown) != len(parts) or any(
                old[0] != new[0] for old, new in zip(shown, parts, strict=True)):
            return PreviewUpdate(parts, [key for key, _html in parts], False,
                                 replaced_runs(shown, parts))
        changed = [new[0] for old, new in zip(shown, parts, strict=True)
                   if old[1] is not new[1] and old[1] != new[1]]
        return PreviewUpdate(parts, changed, True, replaced_runs(shown, parts))

    def shown_parts(self) -> list[tuple[str, str]]:
        """The parts the last ``update`` returned (``[]`` before any, or after
        ``forget_shown``)."""
        return list(self._shown or [])

    def forget_shown(self) -> None:
        """The view was shown something else (another mode, another issue): the next
        ``update`` reports every part as changed, with ``same_layout`` False."""
        self._shown = None


def replaced_runs(old: list[tuple[str, str]], new: list[tuple[str, str]]
                  ) -> list[tuple[int, int, int, int]] | None:
    """The runs of ``PreviewUpdate.runs`` that turn the parts ``old`` into ``new`` (lists of
    ``(section_id, html)``): sections matched by id (difflib's longest matching blocks), a
    matched section whose HTML differs is a run of its own, an added or removed one is
    widened to take a neighbour; None if there is none to take (everything is new)."""
    import difflib  # not before the window's first paint (tests/test_ui_startup.py)

    matcher = difflib.SequenceMatcher(None, [key for key, _h in old],
                                      [key for key, _h in new], autojunk=False)
    runs: list[list[int]] = []
    for tag, o1, o2, n1, n2 in matcher.get_opcodes():
        if tag != "equal":
            runs.append([o1, o2, n1, n2])
            continue
        runs.extend([o1 + k, o1 + k + 1, n1 + k, n1 + k + 1] for k in range(o2 - o1)
                    if old[o1 + k][1] is not new[n1 + k][1]
                    and old[o1 + k][1] != new[n1 + k][1])
    for run in runs:
        if run[0] == run[1] or run[2] == run[3]:
            if run[0] > 0 and run[2] > 0:
                run[0] -= 1
                run[2] -= 1
            elif run[1] < len(old) and run[3] < len(new):
                run[1] += 1
                run[3] += 1
            else:
                return None
    merged: list[list[int]] = []
    for run in sorted(runs):
        if merged and run[0] < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], run[1])
            merged[-1][3] = max(merged[-1][3], run[3])
        else:
            merged.append(run)
    return [tuple(run) for run in merged]


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
