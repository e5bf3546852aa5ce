"""Share an archive through git: make it a repository, and Sync (commit, fetch, merge, push).

Git is the engine, run as the ``git`` command (list arguments, never a shell), so every remote
git knows works: ``file://`` or a path, ssh, https (GitHub, Gitee, a server of one's own).
Credentials come from the user's own git setup; git never prompts here (``GIT_TERMINAL_PROMPT=0``,
ssh in batch mode), so a sync never hangs waiting for a password.

The archive's repository carries a ``.gitattributes`` that sends every ``issue.yaml`` to the
structural merge (``talkeditor merge %O %A %B``, see :mod:`talkeditor.collab.merge`) and keeps
git's hands off ``issue.md`` (it is rendered again from the merged YAML). The driver itself is
registered in the repository's own ``.git/config`` (git never clones config), which
:func:`ensure_driver` does on every sync.

A sync: commit what changed locally (a message naming the issues and the author), fetch, merge
the remote branch, render ``issue.md`` of every merged issue, commit the merge, push; when the
push loses a race with another contributor it fetches, merges and pushes again.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Conflict
from .git import (
    REMOTE,
    SyncError,
    changed_paths,
    current_branch,
    default_author,
    git,
    git_dir,
    has_commits,
    identity,
    is_repository,
    last_line,
    remote_url,
)
from .pull import finish_merge as _finish_merge
from .pull import issue_folders as _issue_folders
from .pull import merge_remote as _merge_remote

PUSH_TRIES = 5
NETWORK_TIMEOUT_S = 300
STAMP = "talkeditor-last-sync"  # in .git/: when the archive was last synced (not versioned)

ATTRIBUTES = """\
# talkeditor: issues merge by their structure (talkeditor merge), never line by line;
# issue.md is rendered again from the merged issue.yaml, so git keeps either side of it.
issue.yaml merge=talkeditor
issue.md merge=talkeditor-rendered
"""
IGNORE = """\
# talkeditor: backups and interrupted atomic writes stay local
*.bak
.*.tmp
"""


@dataclass
class SyncResult:
    """What a sync did. ``conflicts``: (issue.yaml relative to the archive, section title path
    or ``metadata``, conflict) for every conflict recorded in the archive after the sync."""

    committed: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    pushed: bool = False
    push_tries: int = 0
    conflicts: list[tuple[str, str, Conflict]] = field(default_factory=list)


@dataclass
class InitResult:
    """What ``init`` did: made the folder a repository (``created``) or adopted the one it
    was; set ``remote``; committed the archive; and the first sync, when there is a remote."""

    archive: str
    created: bool = False
    remote: str = ""
    committed: bool = False
    synced: SyncResult | None = None


@dataclass
class SyncStatus:
    """The archive's state for the status bar. ``last_sync``: seconds since the epoch."""

    is_repository: bool
    last_sync: float | None = None
    local_changes: bool = False
    remote: str = ""


#: The steps a sync reports while it runs, as ``progress(step, where)``: ``where`` is the
#: remote's address (``fetch``, ``push``), the branch merged (``merge``) or "". The app and the
#: command line word them (``ui/wording.py``, ``cli/wording.py``).
STEPS = ("init", "commit", "fetch", "merge", "push", "race")
Progress = Callable[[str, str], None]


def _quiet(_step: str, _where: str) -> None:
    pass

# ---------------------------------------------------------------- setting up


def merge_command() -> str:
    """The merge driver's command line as git runs it (through ``sh``): this Python with
    ``-m talkeditor``, or the frozen (PyInstaller) executable itself, which runs the CLI."""
    if getattr(sys, "frozen", False):
        return f"{shlex.quote(sys.executable)} merge %O %A %B"
    return f"{shlex.quote(sys.executable)} -m talkeditor merge %O %A %B"


def ensure_driver(archive: Path) -> None:
    """Register the merge drivers in the repository's own config (idempotent)."""
    for key, value in (("merge.talkeditor.name", "talkeditor structural merge of issue.yaml"),
                       ("merge.talkeditor.driver", merge_command()),
                       ("merge.talkeditor-rendered.name", "issue.md: rendered again by sync"),
                       ("merge.talkeditor-rendered.driver", "true")):
        current = git(archive, "config", "--local", "--get", key, check=False).stdout.strip()
        if current != value:
            git(archive, "config", "--local", key, value)


def _check_archive(archive: Path) -> Path:
    archive = Path(archive).expanduser()
    if archive.exists() and not archive.is_dir():
        raise SyncError(f"{archive} is not a folder")
    return archive


def init(archive: Path, remote: str | None = None, author: str | None = None,
         progress: Progress = _quiet) -> InitResult:
    """Make ``archive`` a shared repository (or adopt the clone it already is): git init when
    needed, ``.gitattributes`` and ``.gitignore`` committed, the merge driver registered, the
    remote set when given and, when it has commits, the archive pushed to it.
    Returns what was done; raises SyncError on bad input."""
    archive = _check_archive(archive)
    archive.mkdir(parents=True, exist_ok=True)
    done = InitResult(str(archive))
    if not is_repository(archive):
        progress("init", "")
        git(archive, "init", "-q")
        done.created = True
    ensure_driver(archive)
    changed = False
    for name, text in ((".gitattributes", ATTRIBUTES), (".gitignore", IGNORE)):
        path = archive / name
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        missing = [line for line in text.splitlines()
                   if line and not line.startswith("#") and line not in old.splitlines()]
        if missing:
            path.write_text((old + ("\n" if old and not old.endswith("\n") else "") + text),
                            encoding="utf-8")
            changed = True
    if remote:
        if remote_url(archive):
            git(archive, "remote", "set-url", REMOTE, remote)
        else:
            git(archive, "remote", "add", REMOTE, remote)
        done.remote = remote
    if changed or not has_commits(archive):
        who = author or default_author(archive) or "talkeditor"
        git(archive, "add", "-A")
        git(archive, *identity(archive, author), "commit", "-q", "--allow-empty", "-m",
            f"Share this archive with talkeditor (by {who})", author=author or None)
        done.committed = True
    if remote_url(archive):
        done.synced = sync(archive, author=author, progress=progress)
    return done

# ---------------------------------------------------------------- syncing


def commit_local(archive: Path, author: str | None = None) -> list[str]:
    """Commit every local change; returns the issue folders committed ([] when none)."""
    changed = changed_paths(archive)
    if not changed:
        return []
    folders = _issue_folders(changed)
    who = author or default_author(archive) or "talkeditor"
    shown = ", ".join(folders[:8]) + (f" and {len(folders) - 8} more" if len(folders) > 8 else "")
    git(archive, "add", "-A")
    git(archive, *identity(archive, author), "commit", "-q", "-m",
        f"Edit {shown} (by {who})", author=author or None)
    return folders


def find_conflicts(archive: Path) -> list[tuple[str, str, Conflict]]:
    """Every conflict recorded in the archive's issues: (issue.yaml relative to the archive,
    ``section > subsection`` or ``metadata``, conflict)."""
    from ..errors import IssueFormatError
    from ..storage.files import load_yaml_issue

    out = []
    for path in sorted(archive.glob("*/issue.yaml")):
        try:
            if b"conflicts:" not in path.read_bytes():
                continue
            issue = load_yaml_issue(path)
        except (OSError, IssueFormatError):
            continue
        rel = str(path.relative_to(archive))
        out.extend((rel, "metadata", c) for c in issue.conflicts)
        titles: list[str] = []
        for section, depth in issue.walk():
            titles[depth - 1:] = [section.title]
            out.extend((rel, " > ".join(titles), c) for c in section.conflicts)
    return out


def sync(archive: Path, remote: str | None = None, author: str | None = None,
         progress: Progress = _quiet) -> SyncResult:
    """Commit local changes, fetch, merge (structurally), render issue.md, push.

    ``remote`` sets the remote first. Raises SyncError on bad input (not a repository, no
    remote, the remote unreachable or refusing the push after PUSH_TRIES tries)."""
    archive = _check_archive(archive)
    if not archive.is_dir():
        raise SyncError(f"{archive} does not exist")
    if not is_repository(archive):
        raise SyncError(f"{archive} is not a shared archive yet: run talkeditor sync --init")
    if remote:
        if remote_url(archive):
            git(archive, "remote", "set-url", REMOTE, remote)
        else:
            git(archive, "remote", "add", REMOTE, remote)
    url = remote_url(archive)
    if not url:
        raise SyncError(f"{archive} has no remote to sync with: add one with "
                        "talkeditor sync --remote URL")
    ensure_driver(archive)
    if (git_dir(archive) / "MERGE_HEAD").exists():
        # a git pull before the merge driver was registered (git never clones config): finish
        # it by structure when only issue files are left, else ask for git
        try:
            _finish_merge(archive, REMOTE, author, abort=False)
        except SyncError as error:
            raise SyncError(f"{archive} is in the middle of a git merge; finish or abort it "
                            f"first ({error})") from None
    branch = current_branch(archive)
    result = SyncResult()
    if not has_commits(archive):
        branch = _adopt_remote_branch(archive, branch, url, progress)
    progress("commit", "")
    result.committed = commit_local(archive, author)
    for attempt in range(1, PUSH_TRIES + 1):
        progress("fetch", url)
        done = git(archive, "fetch", "-q", "--prune", REMOTE, check=False,
                   timeout=NETWORK_TIMEOUT_S)
        if done.returncode != 0:
            raise SyncError(f"cannot reach the remote {url}: {last_line(done)}")
        for folder in _merge_remote(archive, branch, author, progress):
            if folder not in result.merged:
                result.merged.append(folder)
        ahead = git(archive, "rev-list", "--count", f"{REMOTE}/{branch}..HEAD",
                    check=False)
        if ahead.returncode == 0 and ahead.stdout.strip() == "0":
            break  # the remote has everything
        progress("push", url)
        result.push_tries = attempt
        done = git(archive, "push", "-q", "-u", REMOTE, f"HEAD:refs/heads/{branch}",
                   check=False, timeout=NETWORK_TIMEOUT_S)
        if done.returncode == 0:
            result.pushed = True
            break
        if not _lost_race(done) or attempt == PUSH_TRIES:
            raise SyncError(f"the remote {url} refused the push: {last_line(done)}")
        progress("race", url)
    _stamp(archive)
    result.conflicts = find_conflicts(archive)
    return result


_RACE_WORDS = ("rejected", "fetch first", "non-fast-forward", "stale info", "cannot lock ref",
               "failed to update ref", "failed to lock")


def _lost_race(done: subprocess.CompletedProcess) -> bool:
    """True when a push failed because the remote moved on (another push came first)."""
    text = (done.stderr + done.stdout).lower()
    return any(word in text for word in _RACE_WORDS)


def _adopt_remote_branch(archive: Path, branch: str, url: str, progress: Progress) -> str:
    """A clone made before anything was pushed (or of a remote whose HEAD names a branch that
    does not exist): start from the remote's branch (``branch`` itself, else the remote's only
    branch), keeping the files here as local changes and checking out every file of the remote
    that is not here (a missing file is not a deletion). Returns the branch now checked out."""
    progress("fetch", url)
    done = git(archive, "fetch", "-q", "--prune", REMOTE, check=False,
               timeout=NETWORK_TIMEOUT_S)
    if done.returncode != 0:
        raise SyncError(f"cannot reach the remote {url}: {last_line(done)}")
    upstream = f"{REMOTE}/{branch}"
    if git(archive, "rev-parse", "--verify", "--quiet", upstream, check=False).returncode:
        refs = git(archive, "for-each-ref", "--format=%(refname:strip=3)",
                   f"refs/remotes/{REMOTE}/").stdout.split()
        refs = [ref for ref in refs if ref != "HEAD"]
        if len(refs) != 1:
            return branch  # an empty remote (or no way to choose): push this branch to it
        branch, upstream = refs[0], f"{REMOTE}/{refs[0]}"
        git(archive, "symbolic-ref", "HEAD", f"refs/heads/{branch}")
    git(archive, "reset", "-q", upstream)
    missing = [p for p in git(archive, "ls-files", "--deleted", "-z").stdout.split("\0") if p]
    if missing:
        git(archive, "checkout", "-q", "--", *missing)
    return branch


def _stamp(archive: Path) -> None:
    try:
        (git_dir(archive) / STAMP).write_text(f"{time.time():.0f}\n", encoding="ascii")
    except OSError:
        pass


def status(archive: Path) -> SyncStatus:
    """Whether the archive is shared, when it was last synced, whether it has local changes.
    Never raises for a missing folder or git (the answer is then "not a repository")."""
    archive = Path(archive)
    try:
        if not archive.is_dir() or not is_repository(archive):
            return SyncStatus(False)
        stamp = git_dir(archive) / STAMP
        last = None
        if stamp.exists():
            try:
                last = float(stamp.read_text(encoding="ascii").strip())
            except (OSError, ValueError):
                last = None
        return SyncStatus(True, last, bool(changed_paths(archive)), remote_url(archive))
    except SyncError:
        return SyncStatus(False)
