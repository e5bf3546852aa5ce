"""Links over a whole issue: which bare URLs lack a title, filling them, cleaning every URL,
checking every link (``talkeditor links``, in ``cli/links.py``, reports them).

Places are reported as ``section path, line N`` (body lines, 1-based) or ``section path,
【label】`` (a field's value). Fetching is done by a callable so the app and tests choose how.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from ..model import Issue, Section, walk_paths
from . import urls

FILL_CONCURRENCY = 6


@dataclass(frozen=True)
class Place:
    """Where a URL is: the section (id and title path) and a body line or a field label."""

    section_id: str
    path: str
    line: int = 0
    label: str = ""

    def describe(self) -> str:
        where = f"line {self.line}" if self.line else f"【{self.label}】"
        return f"{self.path}, {where}"


def _section_paths(issue: Issue) -> Iterator[tuple[Section, str]]:
    """Every section with its titles from the top, as ``本周新闻 / 学术``."""
    for section, path in walk_paths(issue.sections):
        yield section, " / ".join(path)


def links_of(issue: Issue) -> list[tuple[Place, str]]:
    """Every http(s) URL of the issue (metadata links, field values, bodies) with its place.

    A metadata link (the issue's ``video`` and ``zhihu``) that is also written in a section
    (the 【talk视频】 field holds the video link) is listed once, at its place in the section."""
    found: list[tuple[Place, str]] = []
    for section, path in _section_paths(issue):
        for field in section.fields:
            for spot in urls.url_spots(field.value):
                found.append((Place(section.id, path, 0, field.label), spot.url))
        for spot in urls.url_spots(section.body):
            found.append((Place(section.id, path, spot.line), spot.url))
    written = {url for _place, url in found}
    meta = [(Place("", "issue", 0, label), spot.url)
            for label, value in (("video", issue.video), ("zhihu", issue.zhihu))
            for spot in urls.url_spots(value or "") if spot.url not in written]
    return meta + found


def untitled_links(issue: Issue) -> list[tuple[Place, str]]:
    """Bare URL lines without a title line above them (``urls.missing_titles``)."""
    return [(Place(section.id, path, line), url)
            for section, path in _section_paths(issue)
            for line, url in urls.missing_titles(section.body)]


def fetch_titles(found: list[str], fetch: Callable[[str], str],
                 concurrency: int = FILL_CONCURRENCY) -> dict[str, str | Exception]:
    """url -> title (or the exception that fetching it raised), fetched ``concurrency`` at a
    time with ``fetch`` (e.g. ``titles.fetch_title``)."""
    order = list(dict.fromkeys(found))

    def one(url: str):
        try:
            return urls.one_line_title(fetch(url))
        except Exception as exc:  # reported per URL
            return exc

    if not order:
        return {}
    with ThreadPoolExecutor(max_workers=max(1, min(concurrency, len(order)))) as pool:
        return dict(zip(order, pool.map(one, order), strict=True))


def fill_body_titles(body: str, fetched: dict[str, str | Exception]) -> tuple[str, int]:
    """``body`` with a title line put above each untitled bare URL whose title was fetched;
    returns the new body and how many titles went in."""
    count = 0
    for line, url in reversed(urls.missing_titles(body)):
        title = fetched.get(url)
        if isinstance(title, str) and title:
            body = urls.insert_title(body, line, title)
            count += 1
    return body, count


def fill_titles(issue: Issue, fetched: dict[str, str | Exception]) -> int:
    """Fill titles in every section body of ``issue`` (changed in place); returns the count."""
    total = 0
    for section, _path in _section_paths(issue):
        section.body, count = fill_body_titles(section.body, fetched)
        total += count
    return total


def clean_issue(issue: Issue) -> list[tuple[Place, str, str]]:
    """Clean every URL of the issue's bodies, field values and metadata links in place
    (``urls.clean_url``); returns ``(place, old, new)`` per change, a metadata link's change
    only when no section had the same one."""
    changes = []
    for section, path in _section_paths(issue):
        for field in section.fields:
            field.value, changed = urls.clean_text(field.value)
            changes += [(Place(section.id, path, 0, field.label), old, new)
                        for _line, old, new in changed]
        section.body, changed = urls.clean_text(section.body)
        changes += [(Place(section.id, path, line), old, new) for line, old, new in changed]
    reported = {(old, new) for _place, old, new in changes}
    for name in ("video", "zhihu"):  # one line per URL: the 【talk视频】 field named it already
        value, changed = urls.clean_text(getattr(issue, name) or "")
        setattr(issue, name, value)
        changes += [(Place("", "issue", 0, name), old, new) for _line, old, new in changed
                    if (old, new) not in reported]
    return changes


# ---------------------------------------------------------------- command line
