"""The ``talkeditor`` command: with no sub-command it opens the app, otherwise it works on files.

Exit codes: 0 success, 2 bad input or usage, or a file that cannot be written (one clear line
on stderr naming the place, no traceback: ``errors.IssueFormatError`` / ``errors.WriteError``),
1 anything unexpected.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import __version__, paths
from ..collector import COLLECTOR_HOLD
from ..errors import TalkeditorError
from . import wording

COMMANDS = ("render", "check", "new", "import", "export-zhihu", "links", "merge", "sync")


class UsageError(Exception):
    """Bad command-line usage; reported in one line with exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(f"{self.prog}: {message}")


def _command_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="talkeditor", description="Compose the issues of a weekly talk.")
    parser.add_argument("--version", action="version", version=f"talkeditor {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("render", help="render an issue to Markdown or HTML")
    p.add_argument("issue", help="the issue.yaml to render")
    p.add_argument("-o", "--output", help="write here instead of standard output")
    p.add_argument("--to", choices=("markdown", "html"), default="markdown")

    p = sub.add_parser("check", help="validate an issue file and its Zhihu title")
    p.add_argument("issue")
    p.add_argument("--zhihu", action="store_true",
                   help="also run the whole Zhihu pre-publish check (what breaks or is lost)")

    p = sub.add_parser("new", help="start a new issue from a template or a past issue")
    p.add_argument("-o", "--output", required=True, help="the issue.yaml to create")
    p.add_argument("--template", default=None,
                   help=f"template name (default: {paths.DEFAULT_TEMPLATE})")
    p.add_argument("--from", dest="past", metavar="PAST.yaml",
                   help="start from this past issue (its format, next number and date)")
    p.add_argument("--archive", metavar="DIR",
                   help="the archive of past issues (numbering, 往期精彩; without --from: "
                        "start from its latest issue)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")

    p = sub.add_parser("import", help="import past issues (.txt, .md, .docx) as issue.yaml")
    p.add_argument("sources", nargs="+", metavar="SRC", help="the file(s) to import")
    p.add_argument("-o", "--output", help="the issue.yaml to write (one source only)")
    p.add_argument("--archive", metavar="DIR",
                   help="import into this archive folder (NNN/issue.yaml)")

    p = sub.add_parser("export-zhihu", help="export a Zhihu-ready post (post.md, post.html, title)")
    p.add_argument("issue", help="the issue.yaml to export")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write")
    p.add_argument("--image-base-url", help="rewrite local image paths to this URL prefix")
    p.add_argument("--link-cards", action=argparse.BooleanOptionalAction, default=True,
                   help="turn a URL alone on a line (and the title line above it) into a "
                        "Zhihu link card (default: on)")
    p.add_argument("--title", help="the title to publish (default: the series title, "
                                   "shortened to Zhihu's 100 characters)")

    p = sub.add_parser("links", help="fill link titles, clean URLs, check links",
                       description="Without options: list bare URLs that have no title line "
                       "and URLs with tracking parameters. Exit 0 when nothing is reported, 1 "
                       "when something is, 2 on bad input.")
    p.add_argument("issue", help="the issue.yaml to work on")
    p.add_argument("--fill-titles", action="store_true",
                   help="fetch the page title of each bare URL that has no title line")
    p.add_argument("--check", action="store_true",
                   help="check every link (HEAD then GET); report dead and redirected ones")
    p.add_argument("--clean", action="store_true",
                   help="strip tracking parameters (utm_*, spm, share_source …) and unwrap "
                        "redirect links")
    p.add_argument("-o", "--output", metavar="OUT.yaml",
                   help="write the issue with the changes here (otherwise only report)")
    p.add_argument("--timeout", type=_seconds, default=8.0, metavar="S",
                   help="seconds per page (default 8)")
    p.add_argument("--total", type=_seconds, default=60.0, metavar="S",
                   help="seconds for the whole link check (default 60)")

    p = sub.add_parser("merge", help="structural three-way merge of issue.yaml (a git merge "
                                     "driver: talkeditor merge %%O %%A %%B)")
    p.add_argument("base", metavar="BASE", help="the common ancestor (may be empty)")
    p.add_argument("ours", metavar="OURS", help="our version; replaced by the result without -o")
    p.add_argument("theirs", metavar="THEIRS", help="their version")
    p.add_argument("-o", "--output", metavar="OUT", help="write the result here instead")

    p = sub.add_parser("sync", help="share the archive through git: commit, fetch, merge, push")
    p.add_argument("archive", nargs="?", metavar="ARCHIVE",
                   help="the archive folder (default: the app's archive folder)")
    p.add_argument("--init", action="store_true",
                   help="make the archive a git repository (or adopt a clone) and register "
                        "the merge driver")
    p.add_argument("--remote", metavar="URL", help="the shared repository to sync with")
    p.add_argument("--author", metavar="NAME", help="the name commits are made with")
    return parser


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text}") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"out of range (0 < S <= 3600): {text}")
    return value


def _app_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="talkeditor", description="Open the talkeditor app.",
                     epilog=f"commands: {', '.join(COMMANDS)} (talkeditor COMMAND --help)")
    parser.add_argument("--version", action="version", version=f"talkeditor {__version__}")
    parser.add_argument("file", nargs="?", help="an issue to open (.yaml, .md, .txt, .docx)")
    parser.add_argument("--lang", help="UI language, e.g. zh_CN or en")
    return parser


def _write_output(text: str, output: str | None) -> None:
    """Write ``text`` to the file ``output`` (atomically), or to standard output.

    An existing ``output`` that is not a regular file (``/dev/stdout``, a pipe, ``/dev/full``)
    is written directly, not replaced. A refused write raises WriteError naming the file.
    """
    if not output:
        sys.stdout.write(text)
        return
    import os
    import stat

    from ..errors import WriteError
    from ..storage.files import atomic_write

    try:
        special = not stat.S_ISREG(os.stat(output).st_mode)
    except OSError:
        special = False
    if not special:
        atomic_write(output, text, backup=False)
        return
    try:
        with open(output, "wb") as handle:
            handle.write(text.encode("utf-8"))
    except OSError as exc:
        raise WriteError.from_os_error(output, exc) from None


def cmd_render(args) -> int:
    from ..render.html import issue_html
    from ..render.issue_markdown import issue_markdown
    from ..storage.files import load_yaml_issue

    issue = load_yaml_issue(args.issue)
    if args.to == "html":
        text = issue_html(issue) + "\n"
    else:
        text = issue_markdown(issue)
    _write_output(text, args.output)
    return 0


def cmd_check(args) -> int:
    """Load the issue; report its Zhihu title (over 100 characters, not in the series'
    pattern) and, with ``--zhihu``, every finding of the pre-publish check, one
    ``talkeditor: warning:`` line each on stderr (``wording.zhihu_warning``). Findings do not
    change the exit code."""
    from ..storage.files import load_yaml_issue
    from ..zhihu import export as zhihu

    issue = load_yaml_issue(args.issue)
    count = sum(1 for _ in issue.walk())
    if args.zhihu:
        findings = zhihu.precheck(issue, Path(args.issue).resolve().parent)
    else:
        findings = zhihu.check_full_title(issue)
    print(f"{args.issue}: OK ({issue.display_title() or 'untitled'}, {count} sections)")
    _print_zhihu_warnings(findings)
    return 0


def _print_zhihu_warnings(findings) -> None:
    for item in findings:
        print(f"talkeditor: warning: {wording.zhihu_warning(item)}", file=sys.stderr)


def cmd_new(args) -> int:
    from ..storage.files import load_template, save_issue

    out = Path(args.output)
    if out.exists() and not args.force:
        raise UsageError(f"talkeditor new: {out} exists (use --force to overwrite)")
    if args.past or args.archive:
        from .new_issue import run_new

        return run_new(args)
    issue = load_template(args.template or paths.DEFAULT_TEMPLATE)
    saved = save_issue(issue, out)
    print(f"created {saved}")
    return 0


def cmd_import(args) -> int:
    """``talkeditor import SRC… [-o OUT.yaml | --archive DIR]`` (``importer.import_sources``):
    one line per source, ``SRC -> OUT: what was recognised``, and below it, indented, what was
    dropped, guessed or changed."""
    if args.output and len(args.sources) > 1:
        raise UsageError("talkeditor import: -o takes one source; use --archive DIR for several")
    from ..importing.importer import import_sources

    for src, saved, result in import_sources(args.sources, args.output, args.archive):
        print(f"{src} -> {saved}: {wording.import_summary(result.summary)}")
        for finding in result.summary.findings:
            print(f"  {wording.import_finding(finding)}")
    return 0


def cmd_export_zhihu(args) -> int:
    """``talkeditor export-zhihu ISSUE.yaml -o DIR [--image-base-url URL] [--no-link-cards]
    [--title TITLE]``: prints what was written; the pre-publish findings go to stderr and do
    not change the exit code (0)."""
    from ..storage.files import load_yaml_issue
    from ..zhihu import export as zhihu

    zhihu.check_base_url(args.image_base_url)
    issue = load_yaml_issue(args.issue)
    result = zhihu.export_issue(issue, args.output, issue_dir=Path(args.issue).resolve().parent,
                                image_base_url=args.image_base_url,
                                link_cards=bool(args.link_cards), title=args.title or None)
    names = ["post.md", "post.html", "title.txt"]
    if result.images:
        names.append(f"images/ ({len(result.images)})")
    print(f"wrote {result.folder}: {', '.join(names)}")
    _print_zhihu_warnings(result.warnings)
    return 0


def cmd_links(args) -> int:
    from .links import run_links

    return run_links(args)


def cmd_merge(args) -> int:
    from ..collab.merge import merge_files

    conflicts = merge_files(args.base, args.ours, args.theirs, args.output)
    for where, conflict in conflicts:
        print(f"talkeditor merge: conflict in {where} ({conflict.part})", file=sys.stderr)
    return 1 if conflicts else 0


def cmd_sync(args) -> int:
    from ..collab import sync
    from ..settings import Settings

    settings = None
    if args.archive is None or args.author is None:
        settings = Settings()
    archive = Path(args.archive) if args.archive else settings.archive_dir()
    author = args.author or (settings.author() if settings else "") or None

    def progress(step: str, where: str) -> None:
        if sys.stderr.isatty():  # otherwise stderr carries only the result lines
            print(f"talkeditor sync: {wording.sync_step(step, where)}", file=sys.stderr)

    try:
        if args.init:
            print(wording.init_summary(sync.init(archive, args.remote, author, progress)))
            conflicts = sync.find_conflicts(archive)
        else:
            result = sync.sync(archive, args.remote, author, progress)
            print(wording.sync_summary(result))
            conflicts = result.conflicts
    except sync.SyncError as exc:
        raise UsageError(f"talkeditor sync: {exc}") from None
    for path, where, conflict in conflicts:
        print(f"conflict: {path}: {where} ({conflict.part})", file=sys.stderr)
    return 1 if conflicts else 0


HANDLERS = {"render": cmd_render, "check": cmd_check, "new": cmd_new, "import": cmd_import,
            "export-zhihu": cmd_export_zhihu, "links": cmd_links, "merge": cmd_merge,
            "sync": cmd_sync}


def _open_app(argv: list[str]) -> int:
    args = _app_parser().parse_args(argv)
    # Before Qt is loaded: ended by ui.startup once the issue and its preview are shown.
    COLLECTOR_HOLD.hold_for_start_up()
    try:
        from ..ui.app import main as app_main
    except ImportError as exc:
        if "PySide6" not in str(exc) and "shiboken6" not in str(exc):
            raise
        raise UsageError("talkeditor: the app needs Qt (pip install PySide6-Essentials); "
                         f"the commands work without it ({exc})") from None

    return app_main(path=args.file, lang=args.lang)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            args = _command_parser().parse_args(argv)
            return HANDLERS[args.command](args)
        return _open_app(argv)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except TalkeditorError as exc:  # bad input (IssueFormatError) or a failed write
        print(f"talkeditor: error: {wording.describe_error(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # an output path that cannot be written (-o into a missing folder …)
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"talkeditor: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # the CLI's last line of defence
        print(f"talkeditor: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
