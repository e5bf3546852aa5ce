"""An archive of past issues: a folder of issue folders (``004/issue.yaml``, ``004/issue.md``,
``004/assets/``), listed newest first, loaded lazily and re-read only when a file changed.

``Archive(folder)`` is the one way the app and the command line reach past issues. Listing
stats every ``NNN/issue.yaml`` and parses only the files whose (mtime, size, inode) changed
since the last listing; a broken file is skipped and reported in ``Archive.errors`` instead
of failing the listing. Numbering follows the regular issues (``000``, ``001`` …); special
issues such as ``番外02`` are listed but never counted.

Issues handed out by ``issues()`` are the archive's cached objects (read them, do not edit
them); ``load()`` returns a private copy that the caller may change. Not thread-safe: use one
``Archive`` per thread.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import errors
from ..errors import IssueFormatError
from ..model import Issue
from ..storage import files as storage

ISSUE_FILES = ("issue.yaml", "issue.yml")
DEFAULT_NUMBER_WIDTH = 3
_REGULAR_NUMBER = re.compile(r"^\d+$")


def regular_number(number: str) -> int | None:
    """``'004'`` -> 4; special issues (``番外02``) and empty numbers -> None."""
    text = number.strip()
    return int(text) if _REGULAR_NUMBER.match(text) else None


def format_number(value: int, width: int = DEFAULT_NUMBER_WIDTH) -> str:
    """4 -> ``'004'`` (zero-padded to ``width``; wider numbers are not cut)."""
    return str(value).zfill(width)


def following_number(numbers: Iterable[str], default: str = "001") -> str:
    """The number after the highest regular one, padded like them; ``default`` if none."""
    regular = [(regular_number(n), n.strip()) for n in numbers]
    regular = [(v, n) for v, n in regular if v is not None]
    if not regular:
        return default
    highest = max(v for v, _n in regular)
    width = max(len(n) for _v, n in regular)
    return format_number(highest + 1, width)


def issue_files(folder: Path) -> list[Path]:
    """``NNN/issue.yaml`` (or ``.yml``) of every issue folder in ``folder``, by folder name;
    hidden folders skipped; [] when the folder is missing or unreadable."""
    if not folder.is_dir():
        return []
    found = []
    try:
        children = sorted(os.scandir(folder), key=lambda d: d.name)
    except OSError:
        return []
    for child in children:
        if child.name.startswith(".") or not child.is_dir():
            continue
        for name in ISSUE_FILES:
            candidate = Path(child.path) / name
            if candidate.is_file():
                found.append(candidate)
                break
    return found


@dataclass(frozen=True)
class ArchiveEntry:
    """What a listing shows about one archived issue (a summary; ``Archive.load`` gives it all)."""

    number: str
    date: str
    time: str
    host: tuple[str, ...]
    highlights: tuple[str, ...]
    title: str
    zhihu: str
    path: Path
    mtime: float
    size: int

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def regular(self) -> int | None:
        """The issue's number as an int, or None for a special issue."""
        return regular_number(self.number)

    def sort_key(self) -> tuple:
        """Newest first when sorted in reverse: by date, then number, then folder."""
        value = self.regular
        return (self.date, -1 if value is None else value, self.number, self.path.as_posix())


def latest_entry(entries: list[ArchiveEntry]) -> ArchiveEntry | None:
    """Of ``entries`` (newest first), the highest regular issue (the one to continue from),
    else the newest of any kind; None for none."""
    regular = [e for e in entries if e.regular is not None]
    if regular:
        return max(regular, key=lambda e: (e.regular, e.date))
    return entries[0] if entries else None


@dataclass
class _Cached:
    stamp: tuple[int, int, int]
    issue: Issue | None
    entry: ArchiveEntry | None
    error: str = ""


class Archive:
    """A folder of issue folders; see the module docstring."""

    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder)
        self._cache: dict[Path, _Cached] = {}
        self._entries: list[ArchiveEntry] = []
        self._errors: list[tuple[Path, str]] = []
        self._signature: tuple = ()
        self._search_index = None
        self._search_signature: tuple | None = None
        self.loads = 0  #: how many files were parsed so far (tests use it to prove the cache)

    def __repr__(self) -> str:
        return f"Archive({str(self.folder)!r})"

    # ------------------------------------------------------------ listing

    def issue_files(self) -> list[Path]:
        """``NNN/issue.yaml`` of every issue folder (hidden folders skipped)."""
        return issue_files(self.folder)

    def refresh(self) -> bool:
        """Re-scan the folder, parsing only changed files; True if anything changed."""
        live: dict[Path, _Cached] = {}
        errors: list[tuple[Path, str]] = []
        if self.folder.exists() and not self.folder.is_dir():
            errors.append((self.folder, "the archive is not a folder"))
        for path in self.issue_files():
            try:
                st = path.stat()
            except OSError as exc:
                errors.append((path, f"cannot read: {exc.strerror or exc}"))
                continue
            stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
            cached = self._cache.get(path)
            if cached is None or cached.stamp != stamp:
                cached = self._read(path, stamp, st.st_mtime)
            live[path] = cached
            if cached.error:
                errors.append((path, cached.error))
        self._cache = live
        self._errors = errors
        entries = [c.entry for c in live.values() if c.entry is not None]
        entries.sort(key=ArchiveEntry.sort_key, reverse=True)
        signature = tuple((e.path, c.stamp) for e in entries for c in (live[e.path],))
        changed = signature != self._signature
        self._entries = entries
        self._signature = signature
        return changed

    def _read(self, path: Path, stamp: tuple[int, int, int], mtime: float) -> _Cached:
        self.loads += 1
        try:
            issue = storage.load_yaml_issue(path)
        except IssueFormatError as exc:
            return _Cached(stamp, None, None, str(exc))
        except (OSError, ValueError, RecursionError, MemoryError) as exc:
            return _Cached(stamp, None, None, f"{type(exc).__name__}: {exc}")
        entry = ArchiveEntry(
            number=issue.number, date=issue.date, time=issue.time, host=tuple(issue.host),
            highlights=tuple(issue.highlights), title=issue.display_title(), zhihu=issue.zhihu,
            path=path, mtime=mtime, size=stamp[1])
        return _Cached(stamp, issue, entry)

    def entries(self) -> list[ArchiveEntry]:
        """Every readable issue, newest first (re-scans; unchanged files are not re-read)."""
        self.refresh()
        return list(self._entries)

    @property
    def errors(self) -> list[tuple[Path, str]]:
        """``(path, message)`` for each file the last scan could not read."""
        return list(self._errors)

    # ------------------------------------------------------------ issues

    def issues(self) -> list[Issue]:
        """Every readable issue, newest first; shared objects, treat them as read-only."""
        self.refresh()
        return [self._cache[e.path].issue for e in self._entries]

    def find(self, number: str) -> ArchiveEntry | None:
        """The entry with this number (``'004'``, ``'4'`` and ``'番外02'`` all work)."""
        wanted = number.strip()
        value = regular_number(wanted)
        for entry in self.entries():
            if entry.number.strip() == wanted:
                return entry
            if value is not None and entry.regular == value:
                return entry
        return None

    def load(self, which: ArchiveEntry | str | os.PathLike) -> Issue:
        """A private copy of an archived issue, by entry, number or ``issue.yaml`` path."""
        if isinstance(which, ArchiveEntry):
            path = which.path
        elif isinstance(which, str) and not which.endswith(ISSUE_FILES):
            entry = self.find(which)
            if entry is None:
                raise IssueFormatError(f"the archive {self.folder} has no issue {which!r}",
                                       code=errors.NO_SUCH_ISSUE,
                                       data={"number": which, "path": str(self.folder)})
            path = entry.path
        else:
            path = Path(which)
        self.refresh()
        cached = self._cache.get(path)
        if cached is None or cached.issue is None:
            return storage.load_yaml_issue(path)
        return cached.issue.clone()

    def latest(self) -> ArchiveEntry | None:
        """The newest regular issue (the one to continue from), else the newest of any kind."""
        return latest_entry(self.entries())

    def numbers(self) -> list[str]:
        return [e.number for e in self.entries()]

    def next_number(self) -> str:
        """Highest regular number + 1, zero-padded like the others (``'007'``); ``'001'`` if
        the archive has no regular issue."""
        return following_number(self.numbers())

    # ------------------------------------------------------------ writing

    def folder_for(self, issue: Issue) -> Path:
        return self.folder / storage.folder_name(issue)

    def add(self, issue: Issue, assets: str | os.PathLike | Iterable[str | os.PathLike] | None
            = None, *, replace: bool = True) -> Path:
        """Write ``NNN/issue.yaml`` and ``NNN/issue.md`` (atomically, via storage.save_issue) and
        copy ``assets`` (a folder's contents, or a list of files) into ``NNN/assets/``.

        Returns the ``issue.yaml`` path. With ``replace=False`` an existing issue of that
        number is an error instead of being replaced (its old file is kept as ``.bak``).
        """
        if not issue.number.strip():
            raise IssueFormatError("an issue needs a number to go into the archive",
                                   code=errors.NO_NUMBER)
        folder = self.folder_for(issue)
        target = folder / ISSUE_FILES[0]
        if not replace and target.exists():
            raise IssueFormatError(f"the archive already has issue {issue.number} ({target})",
                                   code=errors.ARCHIVE_HAS_ISSUE,
                                   data={"number": issue.number, "path": str(target)})
        saved = storage.save_issue(issue, target)
        if assets is not None:
            _copy_assets(assets, folder / "assets")
        return saved

    # ------------------------------------------------------------ search

    def search_index(self):
        """A SearchIndex over the archive (``Hit.key`` = the issue.yaml path), rebuilt only
        when an issue file changed."""
        from .search import SearchIndex

        self.refresh()
        if self._search_index is None or self._search_signature != self._signature:
            self._search_index = SearchIndex.build(self.issues(),
                                                   keys=[e.path for e in self._entries])
            self._search_signature = self._signature
        return self._search_index


def _copy_assets(assets, target: Path) -> None:
    try:
        if isinstance(assets, str | os.PathLike):
            source = Path(assets)
            if not source.is_dir():
                raise IssueFormatError(f"the assets folder {source} does not exist",
                                       code=errors.NO_ASSETS, data={"path": str(source)})
            shutil.copytree(source, target, dirs_exist_ok=True)
            return
        target.mkdir(parents=True, exist_ok=True)
        for item in assets:
            source = Path(item)
            if source.is_dir():
                shutil.copytree(source, target / source.name, dirs_exist_ok=True)
            else:
                shutil.copy2(source, target / source.name)
    except OSError as exc:
        raise IssueFormatError(f"cannot copy the assets: {exc}", code=errors.CANNOT_COPY_ASSETS,
                               data={"reason": str(exc)}) from None


def default_archive() -> Archive:
    """The user's archive (``paths.default_archive_dir()``)."""
    from .. import paths

    return Archive(paths.default_archive_dir())
