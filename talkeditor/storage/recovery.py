"""Autosaved drafts, kept in the recovery folder until the draft is saved or discarded.

Every open draft, saved or never saved, has one entry: ``<id>.yaml`` (the issue as YAML, the
same format as issue.yaml) and ``<id>.json`` (which file it belongs to, which process wrote it,
when). The app writes an entry shortly after typing pauses and removes it when the draft is
saved or closed cleanly; an entry whose process is gone is a draft lost to a crash, which the
next start offers to restore. The user's own files are never written here.

A process is identified by its pid *and* its start time (field 22 of /proc/<pid>/stat), so a
draft whose pid was reused by another process after a crash is still offered. Each entry also
records the size and modification time of its original file, so restoring over a file that
changed since is flagged. Drafts follow the same size policy as issue files (limits.py): one
that could not be loaded again is not written.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..errors import IssueFormatError
from ..lazy import lazy_import
from ..model import Issue
from ..render.issue_markdown import issue_markdown, section_markdown
from .files import atomic_write, issue_texts, load_yaml_issue

yaml_format = lazy_import("talkeditor.storage.yaml_format")


@dataclass
class RecoveryEntry:
    id: str  # a plain record
    yaml_path: Path
    original: Path | None
    pid: int
    saved_at: float
    title: str
    started: int | None = None  # the writing process's start time (clock ticks after boot)
    original_stamp: list | None = None  # [size, mtime_ns] of the original when last written

    def load(self) -> Issue:
        return load_yaml_issue(self.yaml_path)

    def original_changed(self) -> bool:
        """True if the original file is not as it was when this draft was last written
        (changed, replaced or deleted since)."""
        if self.original is None or self.original_stamp is None:
            return False
        return file_stamp(self.original) != list(self.original_stamp)


def file_stamp(path: Path | None) -> list | None:
    """``[size, mtime_ns]`` of a file, None if it is missing."""
    if path is None:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def process_start_time(pid: int) -> int | None:
    """When process ``pid`` started (clock ticks after boot, /proc/<pid>/stat field 22), or
    None when it cannot be read (no such process, no /proc)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return int(fields[19])
    except (OSError, IndexError, ValueError):
        return None


def _pid_alive(pid: int, started: int | None = None) -> bool:
    """Is the process that wrote a draft still running? ``started`` (its start time, when
    recorded) tells a reused pid from the writer itself."""
    if pid <= 0:
        return False
    if started is not None:
        now = process_start_time(pid)
        if now is not None and now != started:
            return False  # the pid belongs to another process now
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (killed, not yet reaped) is as good as gone
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().split(") ", 1)[1][:1] != "Z"
    except (OSError, IndexError):
        return True


_OWN_START = process_start_time(os.getpid())


class RecoveryStore:
    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder else paths.recovery_dir()

    def new_id(self) -> str:
        # os.urandom is what secrets.token_hex uses; secrets would load OpenSSL (via hmac),
        # 5 ms before the window's first paint
        return time.strftime("%Y%m%d-%H%M%S") + "-" + os.urandom(3).hex()

    def write(self, entry_id: str, issue: Issue, original: Path | None) -> Path:
        """Write (or overwrite) a draft's entry atomically."""
        yaml_path = self.folder / f"{entry_id}.yaml"
        text, _markdown = issue_texts(issue)  # a draft too large to load again: refused
        atomic_write(yaml_path, text, backup=False)
        meta = {"original": str(original) if original else "", "pid": os.getpid(),
                "started": _OWN_START, "original_stamp": file_stamp(original),
                "saved_at": time.time(), "title": issue.display_title()}
        atomic_write(self.folder / f"{entry_id}.json",
                     json.dumps(meta, ensure_ascii=False) + "\n", backup=False)
        return yaml_path

    def remove(self, entry_id: str) -> None:
        for suffix in (".yaml", ".json"):
            (self.folder / f"{entry_id}{suffix}").unlink(missing_ok=True)

    def entries(self) -> list[RecoveryEntry]:
        """Every entry in the folder, newest first; unreadable metadata is skipped."""
        found = []
        for meta_path in self.folder.glob("*.json"):
            yaml_path = meta_path.with_suffix(".yaml")
            if not yaml_path.is_file():
                continue
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
                found.append(RecoveryEntry(
                    id=meta_path.stem, yaml_path=yaml_path,
                    original=Path(meta["original"]) if meta.get("original") else None,
                    pid=int(meta.get("pid", 0)), saved_at=float(meta.get("saved_at", 0)),
                    title=str(meta.get("title", "")),
                    started=int(meta["started"]) if meta.get("started") is not None else None,
                    original_stamp=meta.get("original_stamp")))
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return sorted(found, key=lambda e: e.saved_at, reverse=True)

    def orphans(self) -> list[RecoveryEntry]:
        """Entries left by a process that is no longer running: drafts to offer back."""
        return [e for e in self.entries() if not _pid_alive(e.pid, e.started)]

    def set_aside(self, entry: RecoveryEntry) -> Path:
        """A draft that cannot be restored: keep its text as ``<id>.unreadable.yaml`` (so it is
        never lost) and stop offering it. Returns where the text now is."""
        kept = self.folder / f"{entry.id}.unreadable.yaml"
        os.replace(entry.yaml_path, kept)
        (self.folder / f"{entry.id}.json").unlink(missing_ok=True)
        return kept


#: The kinds of :class:`DraftDifference`.
DRAFT_UNREADABLE = "draft-unreadable"    #: the draft itself cannot be read (``error``)
NEVER_SAVED = "never-saved"              #: a draft that was never saved to a file
SAVED_UNREADABLE = "saved-unreadable"    #: the saved file cannot be read; the draft is whole
SAME = "same"                            #: the draft equals the saved file
CHANGED = "changed"                      #: see ``changed``, ``removed``, ``char_delta``


@dataclass
class DraftDifference:
    """How a recovered draft differs from its saved file, as data (the UI words it).

    ``changed``: titles of the sections whose Markdown differs, in document order;
    ``removed``: how many saved sections the draft no longer has; ``chars``: the draft's
    length in non-space characters of its Markdown; ``char_delta``: draft minus saved.
    """

    kind: str
    changed: list[str] = field(default_factory=list)
    removed: int = 0
    chars: int = 0
    char_delta: int = 0
    error: str = ""
    #: The original file changed since the draft was last written (restoring overwrites
    #: those changes), or is gone (deleted or moved).
    original_changed: bool = False
    original_gone: bool = False


def compare_draft(entry: RecoveryEntry) -> DraftDifference:
    """How the recovered draft differs from the file it belongs to, flagging an original
    that changed or vanished since the draft was last written."""
    diff = _compare(entry)
    if entry.original_changed():
        diff.original_changed = True
        diff.original_gone = entry.original is not None and not entry.original.is_file()
    return diff


def _compare(entry: RecoveryEntry) -> DraftDifference:
    try:
        draft = entry.load()
    except IssueFormatError as exc:
        return DraftDifference(DRAFT_UNREADABLE, error=str(exc))
    if entry.original is None or not entry.original.is_file():
        return DraftDifference(NEVER_SAVED, chars=_chars(draft))
    try:
        saved = load_yaml_issue(entry.original)
    except IssueFormatError:
        return DraftDifference(SAVED_UNREADABLE, chars=_chars(draft))
    changed = []
    saved_sections = {s.id: section_markdown(saved, s, d) for s, d in saved.walk()}
    for section, depth in draft.walk():
        if saved_sections.get(section.id) != section_markdown(draft, section, depth):
            changed.append(section.title)
    removed = len(set(saved_sections) - {s.id for s, _d in draft.walk()})
    chars = _chars(draft)
    if not changed and not removed and draft == saved:
        return DraftDifference(SAME, chars=chars)
    return DraftDifference(CHANGED, changed, removed, chars, chars - _chars(saved))


def _chars(issue: Issue) -> int:
    return sum(1 for ch in issue_markdown(issue) if not ch.isspace())
