"""Links over a whole issue: which bare URLs lack a title, filling them, cleaning every URL,
checking every link; and ``talkeditor links ISSUE.yaml [--fill-titles] [--check] [--clean]
[-o OUT.yaml]`` (with ``-o`` into another folder, the images the issue uses come along).

Places are reported as ``section path, line N`` (body lines, 1-based) or ``section path,
【label】`` (a field's value). Fetching is done by a callable so the app and tests choose how.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..model import Issue, Section, walk_paths
from . import check, titles, urls

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


def cli_links(args, out=sys.stdout) -> int:
    """``talkeditor links``: report (and with ``-o`` write) title fills, URL cleaning and link
    checks. Without any of --fill-titles/--check/--clean it lists untitled links and URLs
    that cleaning would change. Exit 0 when nothing is reported, 1 when something is."""
    from ..errors import IssueFormatError
    from ..storage import assets
    from ..storage.files import load_yaml_issue, save_issue

    issue = load_yaml_issue(args.issue)
    do_fill, do_check, do_clean = args.fill_titles, args.check, args.clean
    if not (do_fill or do_check or do_clean):
        do_clean = True
        do_fill = None  # list the untitled links without fetching
    reported = 0

    if do_clean:
        for place, old, new in clean_issue(issue):
            print(f"{place.describe()}: clean {old} -> {new}", file=out)
            reported += 1

    if do_fill is None:
        for place, url in untitled_links(issue):
            print(f"{place.describe()}: no title line for {url}", file=out)
            reported += 1
    elif do_fill:
        missing = untitled_links(issue)
        fetched = fetch_titles([url for _p, url in missing],
                               lambda u: titles.fetch_title(u, timeout=args.timeout))
        for place, url in missing:
            got = fetched.get(url)
            if isinstance(got, str):
                print(f"{place.describe()}: title for {url}: {got}", file=out)
            else:
                print(f"{place.describe()}: no title for {url}: {got}", file=out)
            reported += 1
        fill_titles(issue, fetched)

    if do_check:
        found = links_of(issue)
        results = check.check_urls([u for _p, u in found], timeout=args.timeout,
                                   total=args.total)
        for place, url in found:
            status = results[url]
            if status.state == check.UNCHECKED:
                print(f"{place.describe()}: not checked (time limit) {url}", file=out)
                reported += 1
            elif status.state != check.OK:
                print(f"{place.describe()}: {status.state} {url} ({status.detail})", file=out)
                reported += 1

    if args.output:
        source, target = Path(args.issue).parent, Path(args.output).parent
        if source.resolve() != target.resolve():  # the images come along to the new folder
            try:
                assets.write_assets(assets.collect_images(issue, source), target)
            except OSError as exc:
                raise IssueFormatError(f"cannot copy the images into {target}: {exc}") from None
        saved = save_issue(issue, args.output)
        print(f"wrote {saved}", file=out)
    if not reported:
        print(f"{args.issue}: no link problems found", file=out)
    return 1 if reported else 0
