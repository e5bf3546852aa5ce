"""``talkeditor new --from PAST | --archive DIR``: the next issue written to a file (the core
is ``reuse.next_issue``; this module prints what was done)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from ..archive.folder import Archive
from ..errors import IssueFormatError
from ..reuse.next_issue import next_issue, next_session_date
from ..storage import assets
from ..storage import files as storage


def run_new(args) -> int:
    """``talkeditor new -o OUT.yaml [--from PAST | --template NAME] [--archive DIR]``.

    - ``--from PAST``: the issue after PAST (YAML, or a .md/.txt/.docx it imports);
    - ``--archive DIR`` alone: the issue after the archive's latest regular issue;
    - ``--archive DIR --template NAME``: a fresh issue from the template, numbered and dated
      after the archive's latest issue.
    ``--archive`` always gives the numbering and the issues 往期精彩 lists. Broken files in the
    archive are skipped with a warning on stderr.
    """
    if args.past and getattr(args, "template", None):
        raise IssueFormatError("use either --from or --template, not both")
    archive = None
    if args.archive:
        folder = Path(args.archive)
        if not folder.is_dir():
            raise IssueFormatError(f"the archive {folder} is not a folder")
        archive = Archive(folder)
    latest = archive.latest() if archive is not None else None
    past_folder = None
    past_images: dict[str, bytes] = {}  # the images an imported past issue came with
    if args.past:
        from ..importing.open_any import open_issue

        opened = open_issue(args.past, archive)
        past, past_images = opened.issue, opened.assets
        origin = str(args.past)
        if not opened.imported:
            past_folder = Path(args.past).parent
    elif latest is None:
        problems = f" ({len(archive.errors)} unreadable)" if archive.errors else ""
        raise IssueFormatError(f"the archive {args.archive} has no issues{problems}")
    elif getattr(args, "template", None):
        past = storage.load_template(args.template)
        origin = f"template {args.template}, after {latest.number}"
    else:
        past = archive.load(latest)
        origin = str(latest.path)
        past_folder = Path(latest.path).parent
    issue = next_issue(past, archive)
    if not issue.date and latest is not None:
        issue.date = next_session_date(latest.date, date.today())
        issue.time = issue.time or latest.time
    if archive is not None:
        for path, message in archive.errors:
            print(f"talkeditor: warning: skipped {path}: {message}", file=sys.stderr)
    images = assets.collect_images(issue, past_folder)
    used = set(assets.asset_names(issue))
    images.update({name: data for name, data in past_images.items() if name in used})
    target = Path(args.output).parent
    assets.write_assets(images, target)  # first, so the issue never points at a missing file
    saved = storage.save_issue(issue, args.output)
    when = " ".join(p for p in (issue.date, issue.time) if p) or "no date"
    print(f"created {saved}: {issue.display_title() or 'untitled'}, {when} (from {origin})")
    return 0
