"""Autosaved drafts, kept in the recovery folder until the draft is saved or discarded.

Every open draft, saved or never saved, has one entry: ``<id>.yaml`` (the issue as YAML, the
same format as issue.yaml) and ``<id>.json`` (which file it belongs to, which process wrote it,
when). The app writes an entry shortly after typing pauses and removes it when the draft is
saved or closed cleanly; an entry whose process is gone is a draft lost to a crash, which the
next start offers to restore. The user's own files are never written here.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..errors import IssueFormatError
from ..model import Issue
from ..render.issue_markdown import issue_markdown, section_markdown
from . import yaml_format
from .files import atomic_write, load_yaml_issue


@dataclass
class RecoveryEntry:
    id: str  # a plain record
    yaml_path: Path
    original: Path | None
    pid: int
    saved_at: float
    title: str

    def load(self) -> Issue:
        return load_yaml_issue(self.yaml_path)


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
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


class RecoveryStore:
    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder else paths.recovery_dir()

    def new_id(self) -> str:
        return time.strftime("%Y%m%d-%H%M%S") + "-" + secrets.token_hex(3)

    def write(self, entry_id: str, issue: Issue, original: Path | None) -> Path:
        """Write (or overwrite) a draft's entry atomically."""
        yaml_path = self.folder / f"{entry_id}.yaml"
        atomic_write(yaml_path, yaml_format.dumps(issue), backup=False)
        meta = {"original": str(original) if original else "", "pid": os.getpid(),
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
                    title=str(meta.get("title", ""))))
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return sorted(found, key=lambda e: e.saved_at, reverse=True)

    def orphans(self) -> list[RecoveryEntry]:
        """Entries left by a process that is no longer running: drafts to offer back."""
        return [e for e in self.entries() if not _pid_alive(e.pid)]


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


def compare_draft(entry: RecoveryEntry) -> DraftDifference:
    """How the recovered draft differs from the file it belongs to."""
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
