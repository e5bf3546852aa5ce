"""Running git for the shared archive: the ``git`` command with list arguments (never a
shell), no password prompts, one-line errors, and small questions about a repository.
No Qt. Used by :mod:`talkeditor.collab.sync`.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REMOTE = "origin"
LOCAL_TIMEOUT_S = 120


class SyncError(Exception):
    """Bad input for a sync: no repository, no remote, an unreachable remote, git missing.

    The message is one line for the user (the CLI prints it and exits 2)."""


def _env(author: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX")}
    env["GIT_TERMINAL_PROMPT"] = "0"
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    env["LC_ALL"] = "C"
    if author:
        for who in ("AUTHOR", "COMMITTER"):
            env[f"GIT_{who}_NAME"] = author
    return env


def git(repo: Path, *args: str, check: bool = True, author: str | None = None,
        timeout: float = LOCAL_TIMEOUT_S) -> subprocess.CompletedProcess:
    """Run ``git -C repo args…`` and capture its output (text). Raises SyncError when git is
    missing, times out, or (with ``check``) fails."""
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                              encoding="utf-8", errors="replace", env=_env(author),
                              timeout=timeout, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        raise SyncError("git is not installed (install it: apt install git, or "
                        "https://git-scm.com)") from None
    except subprocess.TimeoutExpired:
        raise SyncError(f"git {args[0]} took longer than {int(timeout)} s; gave up") from None
    if check and done.returncode != 0:
        raise SyncError(f"git {args[0]} failed: {last_line(done)}")
    return done


def last_line(done: subprocess.CompletedProcess) -> str:
    lines = [line.strip() for line in (done.stderr + "\n" + done.stdout).splitlines()
             if line.strip() and not line.startswith("hint:")]
    fatal = [line for line in lines if line.startswith(("fatal:", "error:"))]
    return (fatal or lines or [f"exit status {done.returncode}"])[0]


def is_repository(archive: Path) -> bool:
    """True when ``archive`` is the top folder of a git work tree."""
    if not (archive / ".git").exists():
        return False
    done = git(archive, "rev-parse", "--show-toplevel", check=False)
    return done.returncode == 0 and Path(done.stdout.strip()).resolve() == archive.resolve()


def git_dir(archive: Path) -> Path:
    out = git(archive, "rev-parse", "--absolute-git-dir").stdout.strip()
    return Path(out)


def current_branch(archive: Path) -> str:
    done = git(archive, "symbolic-ref", "--short", "HEAD", check=False)
    if done.returncode != 0:
        raise SyncError(f"{archive}: not on a branch (a detached HEAD); check out a branch first")
    return done.stdout.strip()


def has_commits(archive: Path) -> bool:
    return git(archive, "rev-parse", "--verify", "--quiet", "HEAD", check=False).returncode == 0


def remote_url(archive: Path) -> str:
    done = git(archive, "remote", "get-url", REMOTE, check=False)
    return done.stdout.strip() if done.returncode == 0 else ""


def default_author(archive: Path) -> str:
    """The name git would commit with in this archive, or ``''``."""
    return git(archive, "config", "user.name", check=False).stdout.strip()


def identity(archive: Path, author: str | None) -> list[str]:
    """``-c user.name/-c user.email`` when git has no identity of its own here."""
    args = []
    if not (author or default_author(archive)):
        args += ["-c", "user.name=talkeditor"]
    if not git(archive, "config", "user.email", check=False).stdout.strip():
        args += ["-c", "user.email=talkeditor@localhost"]
    return args


def changed_paths(archive: Path) -> list[str]:
    done = git(archive, "status", "--porcelain", "-z", "--untracked-files=all")
    out = []
    entries = done.stdout.split("\0")
    skip = False
    for entry in entries:
        if skip:
            skip = False
            continue
        if len(entry) < 4:
            continue
        out.append(entry[3:])
        if entry[0] in "RC":
            skip = True
    return out
