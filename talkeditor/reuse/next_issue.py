"""Start the next issue from a past one: same skeleton and format, weekly content cleared.

``next_issue(past, archive, today)`` keeps the past issue's sections (order, ids, optional
flags, minutes), every field's label, separator, binding and note, the values of fields with
``keep=True`` and the bodies of ``standing`` sections (背景介绍, 注意事项, 后续计划, 加入/赞助我们);
it clears weekly bodies, ``keep=False`` values, highlights, per-section owners and
contributors, the custom title, the video and Zhihu links.

- Number: the archive's highest regular number + 1 (or the past issue's + 1), padded alike.
- Date: the next session in the past issue's rhythm, same weekday and time a week on; if
  that is before ``today``, whole weeks later, the first one on or after ``today``.
- People: the host and the editors are both cleared, alike: the template says 主持人
  ……后续每期由大家自行认领 (each issue's host signs up anew) and 编辑（最好由主持人兼任）, so the
  editors follow the host. ``keep_host`` / ``keep_editors`` override.
- 往期精彩 is regenerated from the archive and the past issue (see ``archive_pastlist``).
- Standing text is also judged from evidence (``judge_standing``): a weekly section whose
  body is the same in the last issues of the archive (e.g. the privacy 注意事项 that opens
  every issue from 011 on, which the template does not know) is kept as standing text, and
  the issues it was judged from are recorded in the section (``STANDING_EVIDENCE``) so the
  section editor can show the decision and the host can flip it.

``cli_new(args)`` is ``talkeditor new`` with ``--from``, ``--archive`` (and ``--template``);
it also copies the images the kept standing text uses (the QR codes of 加入/赞助我们) from the
past issue's ``assets/`` (or, for a past issue it imports, from the images the import brought)
into the new issue's, so the preview and the Zhihu export find them (``assets.collect_images``).
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..archive.folder import Archive, following_number, regular_number
from ..errors import IssueFormatError
from ..model import BODY_STANDING, BODY_WEEKLY, Issue, Section, clean_text, title_key, walk_paths
from ..storage import assets
from ..storage import files as storage
from . import past_issues

WEEK = timedelta(weeks=1)
#: How many of the archive's latest issues are compared when judging standing text.
EVIDENCE_ISSUES = 3
#: ``Section.extra`` key: the numbers of the issues whose identical body made the section
#: standing text (removed when the host sets the kind by hand).
STANDING_EVIDENCE = "standing_evidence"
#: ``Section.extra`` key: ``True`` once the host picked weekly/standing by hand; such a
#: section is never judged again (a notice the host made weekly stays weekly).
KIND_CHOSEN = "body_kind_chosen"


@dataclass
class StandingJudgement:
    """A section judged standing text: its id, title and the issues that had its body."""

    section_id: str
    title: str
    issues: list[str]


def _title_path(issue: Issue) -> dict[tuple[str, ...], Section]:
    """Each section under its path of title keys (``model.title_key``); the first wins."""
    paths: dict[tuple[str, ...], Section] = {}
    for section, titles in walk_paths(issue.sections):
        paths.setdefault(tuple(map(title_key, titles)), section)
    return paths


def _same_text(body: str) -> str:
    return clean_text(body).strip("\n")


def judge_standing(issue: Issue, archive_issues: Iterable[Issue],
                   last: int = EVIDENCE_ISSUES) -> list[StandingJudgement]:
    """Mark as standing the weekly sections of ``issue`` whose body is standing text by
    evidence, and return what was judged (document order).

    The evidence is the ``last`` issues of ``archive_issues`` with the highest regular
    numbers (``issue`` itself counts once, whether or not it is in the archive). A section,
    matched by its path of titles (``model.title_key``), is standing when its body is not empty,
    it appears in at least two of those issues, and its body is the same in all of them
    (trailing spaces and blank lines around it aside). The section's ``body_kind`` becomes
    ``standing`` and ``extra[STANDING_EVIDENCE]`` lists the numbers, oldest first.
    Sections already standing, and sections whose kind the host picked by hand
    (``extra[KIND_CHOSEN]``), are left alone. ``issue`` is changed in place.
    """
    others = [i for i in archive_issues if not _same_issue(i, issue)]
    others = [i for i in others if regular_number(i.number) is not None]
    others.sort(key=lambda i: regular_number(i.number), reverse=True)
    mine = regular_number(issue.number)
    if mine is not None:
        others = [i for i in others if regular_number(i.number) < mine]
    evidence = [issue, *others[:max(0, last - 1)]]
    paths = [_title_path(i) for i in evidence]
    judged = []
    for key, section in paths[0].items():
        if section.body_kind != BODY_WEEKLY or not section.body.strip() or \
                section.extra.get(KIND_CHOSEN):
            continue
        body = _same_text(section.body)
        found = [(i, p[key]) for i, p in zip(evidence, paths, strict=True) if key in p]
        if len(found) < 2 or any(_same_text(s.body) != body for _i, s in found):
            continue
        numbers = sorted((i.number for i, _s in found), key=lambda n: (len(n), n))
        section.body_kind = BODY_STANDING
        section.extra[STANDING_EVIDENCE] = numbers
        judged.append(StandingJudgement(section.id, section.title, numbers))
    return judged


def next_session_date(past_date: str, today: date | None = None) -> str:
    """``past_date`` + 7 days, moved on in whole weeks to the first day >= ``today``;
    ``''`` when the past date is missing or not ``YYYY-MM-DD``."""
    try:
        day = date.fromisoformat(past_date.strip()) + WEEK
    except ValueError:
        return ""
    if today is not None and day < today:
        weeks = -(-(today - day).days // 7)
        day += timedelta(weeks=weeks)
    return day.isoformat()


def next_number(past: Issue, archive: Archive | None = None) -> str:
    """The archive's highest regular number + 1 (the past issue's counts too), padded like
    them; ``''`` when nothing is numbered (e.g. only the special issue 番外02)."""
    numbers = [past.number]
    if archive is not None:
        numbers += archive.numbers()
    return following_number(numbers, default="")


def clear_weekly(past: Issue, *, keep_host: bool = False, keep_editors: bool = False) -> Issue:
    """A copy of ``past`` with its skeleton and standing text only (number and date kept)."""
    issue = past.clone()
    issue.title = ""
    issue.highlights = []
    issue.video = ""
    issue.zhihu = ""
    issue.conflicts = []
    if not keep_host:
        issue.host = []
    if not keep_editors:
        issue.editors = []
    for section, _depth in issue.walk():
        section.owners = []
        section.contributors = []
        section.conflicts = []
        if section.body_kind == BODY_WEEKLY:
            section.body = ""
        for f in section.fields:
            if not f.keep:
                f.value = ""
    return issue


def next_issue(past: Issue, archive: Archive | None = None, today: date | None = None, *,
               keep_host: bool = False, keep_editors: bool = False) -> Issue:
    """The issue after ``past``: see the module docstring. ``today`` defaults to the
    local date. ``past`` is not changed."""
    today = date.today() if today is None else today
    if archive is not None:
        past = past.clone()
        judge_standing(past, archive.issues())
    issue = clear_weekly(past, keep_host=keep_host, keep_editors=keep_editors)
    issue.number = next_number(past, archive)
    issue.date = next_session_date(past.date, today)
    before = find_past_list(past)
    if before is not None:
        after = issue.find(before.id)
        after.fields = copy.deepcopy(before.fields)
        after.body = before.body
        after.body_kind = before.body_kind
        listed = list(archive.issues()) if archive is not None else []
        if not any(_same_issue(i, past) for i in listed):
            listed.append(past)
        past_issues.regenerate(after, issue.series or past.series, listed)
    return issue


def find_past_list(issue: Issue) -> Section | None:
    """The issue's 往期精彩 section, or None."""
    return past_issues.find_past_section(issue)


def _same_issue(a: Issue, b: Issue) -> bool:
    if regular_number(a.number) is not None:
        return regular_number(a.number) == regular_number(b.number)
    return a.number.strip() == b.number.strip()


# ---------------------------------------------------------------- command line


def cli_new(args) -> int:
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
