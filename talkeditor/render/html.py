"""Markdown to HTML: one parse that feeds the preview (and, through the Zhihu transform, the post).

HTML comes from Python-Markdown (tables, fenced code, footnotes, bare URLs as links, one line =
one line);
``HtmlCache`` keeps each section's HTML keyed by its Markdown so that an edit re-renders one
section, not the issue.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Issue
from .issue_markdown import section_markdown, title_markdown


def _markdown_engine():
    # Imported lazily (the slowest imports of the core), and extensions passed as instances:
    # naming them makes Python-Markdown scan the installed packages' entry points (~100 ms).
    import markdown
    from markdown.extensions.fenced_code import FencedCodeExtension
    from markdown.extensions.footnotes import FootnoteExtension
    from markdown.extensions.nl2br import Nl2BrExtension
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension
    from pymdownx.magiclink import MagiclinkExtension

    return markdown.Markdown(
        extensions=[TableExtension(), FencedCodeExtension(), FootnoteExtension(),
                    SaneListExtension(), Nl2BrExtension(),
                    MagiclinkExtension(hide_protocol=False)],
        output_format="html",
    )


class MarkdownConverter:
    """Python-Markdown, built once and reset between documents."""

    def __init__(self) -> None:
        self._md = None

    def convert(self, text: str) -> str:
        if self._md is None:
            self._md = _markdown_engine()
        self._md.reset()
        return self._md.convert(text)


_default_converter = MarkdownConverter()


def markdown_to_html(text: str) -> str:
    return _default_converter.convert(text)


@dataclass
class HtmlCache:
    """Per-section HTML, keyed by the section's rendered Markdown.

    ``issue_parts`` returns ``(section_id, html)`` for the title and every section in order;
    only sections whose Markdown changed since the last call are converted again.
    ``conversions`` counts conversions, so tests can prove that an edit costs one section.
    """

    converter: MarkdownConverter = field(default_factory=lambda: _default_converter)
    _cache: dict[str, tuple[str, str]] = field(default_factory=dict)
    conversions: int = 0

    def html_for(self, key: str, text: str) -> str:
        hit = self._cache.get(key)
        if hit is not None and hit[0] == text:
            return hit[1]
        html = self.converter.convert(text)
        self.conversions += 1
        self._cache[key] = (text, html)
        return html

    def issue_parts(self, issue: Issue) -> list[tuple[str, str]]:
        parts = []
        title = title_markdown(issue)
        if title:
            parts.append(("", self.html_for("", title)))
        live = {""}
        for section, depth in issue.walk():
            live.add(section.id)
            parts.append((section.id, self.html_for(section.id,
                                                    section_markdown(issue, section, depth))))
        for stale in set(self._cache) - live:
            del self._cache[stale]
        return parts

    def issue_html(self, issue: Issue) -> str:
        return "\n".join(html for _sid, html in self.issue_parts(issue))


def issue_html(issue: Issue) -> str:
    """The whole issue as an HTML fragment (no caching)."""
    return HtmlCache().issue_html(issue)
