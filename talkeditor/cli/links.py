"""``talkeditor links``: report (and with ``-o`` write) title fills, URL cleaning and link
checks over an issue (the core is ``links.issue_links``; this module prints the report)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import IssueFormatError
from ..links import check, titles
from ..links.issue_links import clean_issue, fetch_titles, fill_titles, links_of, untitled_links
from ..storage import assets
from ..storage.files import load_yaml_issue, save_issue


def run_links(args, out=sys.stdout) -> int:
    """``talkeditor links``: report (and with ``-o`` write) title fills, URL cleaning and link
    checks. Without any of --fill-titles/--check/--clean it lists untitled links and URLs
    that cleaning would change. Exit 0 when nothing is reported, 1 when something is."""
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
