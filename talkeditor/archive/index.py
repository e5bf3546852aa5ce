"""The archive's on-disk index: a SQLite database in the cache folder that lists the past
issues and answers searches without parsing the archive again.

``ArchiveIndex(folder)`` opens (or creates) ``<cache>/archive-index/<hash of the folder>.sqlite3``
(``paths.cache_dir()``, so ``XDG_CACHE_HOME`` moves it). ``update()`` stats every
``NNN/issue.yaml`` and parses only the files whose (mtime, size, inode) changed since the last
update, so a start after the first costs a few stats per issue; it commits in batches, and
another connection (the UI's) sees each batch as it lands. ``entries()`` and ``errors()`` list
what the index holds, ``search(query)`` returns the same ``Hit`` objects as the in-memory
``search.SearchIndex`` (same rules: every term must occur in the section or in its issue's
metadata, matches are exact case-insensitive substrings, hits in archive order, newest issue
first), with ``Hit.key`` the issue's ``issue.yaml`` path.

How a search stays fast at thousands of issues: each section is a row of ``docs`` and is
indexed twice by SQLite's FTS5 (standard library, SQLite ≥ 3.34): the ``trigram`` tokenizer
narrows every term of three characters or more (Chinese included, ``大模型``, ``net`` inside
``LongNet``), a ``unicode61`` table of single characters and ASCII words narrows shorter
terms (``模型``, ``lo`` via the ``words`` vocabulary). The candidates are then confirmed by a
plain substring test and read in archive order until ``limit`` hits are found, so a common
term stops after the first issues.

Threads: a SQLite connection belongs to the thread that opened it, so each thread makes its
own ``ArchiveIndex`` on the same folder (the UI reads, a worker thread updates); the database
is in WAL mode so reads and the writer do not wait for each other.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ..errors import IssueFormatError
from ..model import Issue
from ..storage import files as storage
from .folder import ArchiveEntry, issue_files, latest_entry
from .index_search import IndexSearch
from .search import _tokens, fold, issue_docs

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE issues(
    id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL,
    mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, ino INTEGER NOT NULL, mtime REAL,
    number TEXT, date TEXT, time TEXT, host TEXT, highlights TEXT, title TEXT, zhihu TEXT,
    error TEXT, first_doc INTEGER, last_doc INTEGER);
CREATE TABLE docs(
    id INTEGER PRIMARY KEY, issue INTEGER NOT NULL, section_id TEXT NOT NULL,
    path TEXT NOT NULL, header TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX docs_issue ON docs(issue);
CREATE TABLE words(word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE tri USING fts5(low, content='', tokenize='trigram', detail=none);
CREATE VIRTUAL TABLE uni USING fts5(tokens, content='', detail=none);
"""


def default_db_path(folder: str | os.PathLike) -> Path:
    """``<cache>/archive-index/<16 hex digits of the folder's absolute path>.sqlite3``."""
    from .. import paths

    resolved = str(Path(folder).expanduser().resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return paths.cache_dir() / "archive-index" / f"{digest}.sqlite3"


def _token_text(low: str) -> str:
    """What the ``uni`` table holds for a document: its distinct tokens, space-separated."""
    return " ".join(sorted(_tokens(low)))


class ArchiveIndex(IndexSearch):
    """The index of one archive folder; see the module docstring. Use it from the thread that
    made it; ``close()`` when done."""

    def __init__(self, folder: str | os.PathLike, db_path: str | os.PathLike | None = None):
        self.folder = Path(folder)
        self.db_path = Path(db_path) if db_path is not None else default_db_path(folder)
        self.parsed = 0  #: files parsed by this object's updates (tests prove the reuse)
        self._db = self._open()
        self._init_search()
        self._writes = 0

    # ------------------------------------------------------------ database

    def _connect(self) -> sqlite3.Connection:
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(str(self.db_path), timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("BEGIN IMMEDIATE")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                    raise sqlite3.DatabaseError("not an archive index")
                for statement in _SCHEMA.strip().split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            elif version != SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"archive index version {version}")
            db.execute("COMMIT")
        except BaseException:
            db.close()
            raise
        return db

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except sqlite3.DatabaseError:
            # a broken or foreign file: the index is only a cache, start it again
            for suffix in ("", "-wal", "-shm"):
                Path(str(self.db_path) + suffix).unlink(missing_ok=True)
            return self._connect()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ArchiveIndex:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    # ------------------------------------------------------------ updating

    def update(self, progress: Callable[[int, int], None] | None = None,
               stop: Callable[[], bool] | None = None, batch_seconds: float = 0.25) -> bool:
        """Bring the index up to date with the folder; True if anything changed.

        Files whose (mtime, size, inode) is unchanged are not read; removed issues are
        dropped. Changes are committed at least every ``batch_seconds``, then
        ``progress(done, total)`` is called (files looked at, files in the folder). ``stop()``
        returning True ends the update early (what was committed stays).
        """
        files = issue_files(self.folder)
        known = {row[0]: (row[1], tuple(row[2:])) for row in self._db.execute(
            "SELECT path, id, mtime_ns, size, ino FROM issues")}
        live = {str(p) for p in files}
        changed = False
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for path, (issue_id, _stamp) in known.items():
                if path not in live:
                    self._delete_issue(issue_id)
                    changed = True
            started = time.monotonic()
            for done, path in enumerate(files, 1):
                if stop is not None and stop():
                    break
                try:
                    st = path.stat()
                except OSError:
                    continue
                stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
                old = known.get(str(path))
                if old is not None and old[1] == stamp:
                    continue
                if old is not None:
                    self._delete_issue(old[0])
                self._insert(path, stamp, st.st_mtime, *self._parse(path))
                changed = True
                if time.monotonic() - started >= batch_seconds:
                    self._db.execute("COMMIT")
                    self._writes += 1
                    if progress is not None:
                        progress(done, len(files))
                    self._db.execute("BEGIN IMMEDIATE")
                    started = time.monotonic()
            self._db.execute("COMMIT")
            self._writes += 1
        except BaseException:
            # progress() runs between a COMMIT and the next BEGIN: nothing to roll back there
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise
        if progress is not None:
            progress(len(files), len(files))
        return changed

    def _parse(self, path: Path) -> tuple[Issue | None, str]:
        self.parsed += 1
        try:
            return storage.load_yaml_issue(path), ""
        except IssueFormatError as exc:
            return None, str(exc)
        except (OSError, ValueError, RecursionError, MemoryError) as exc:
            return None, f"{type(exc).__name__}: {exc}"

    def add_issues(self, issues: Iterable[Issue], keys: Sequence[str | os.PathLike]) -> None:
        """Index ``issues`` under ``keys`` (their paths) as they are, without reading files
        (for tests and benchmarks; ``update()`` is the normal way in)."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for issue, key in zip(issues, keys, strict=True):
                old = self._db.execute("SELECT id FROM issues WHERE path = ?",
                                       (str(key),)).fetchone()
                if old:
                    self._delete_issue(old[0])
                self._insert(Path(key), (0, 0, 0), 0.0, issue, "")
            self._db.execute("COMMIT")
            self._writes += 1
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def _insert(self, path: Path, stamp: tuple[int, int, int], mtime: float,
                issue: Issue | None, error: str) -> None:
        db = self._db
        if issue is None:
            db.execute("INSERT INTO issues(path, mtime_ns, size, ino, mtime, error) "
                       "VALUES (?, ?, ?, ?, ?, ?)", (str(path), *stamp, mtime, error))
            return
        cursor = db.execute(
            "INSERT INTO issues(path, mtime_ns, size, ino, mtime, number, date, time, host, "
            "highlights, title, zhihu) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (str(path), *stamp, mtime, issue.number, issue.date, issue.time,
             json.dumps(list(issue.host), ensure_ascii=False),
             json.dumps(list(issue.highlights), ensure_ascii=False), issue.display_title(),
             issue.zhihu))
        issue_id = cursor.lastrowid
        first = (db.execute("SELECT max(id) FROM docs").fetchone()[0] or 0) + 1
        docs = issue_docs(0, issue)
        words: set[str] = set()
        for offset, doc in enumerate(docs):
            doc_id = first + offset
            db.execute("INSERT INTO docs(id, issue, section_id, path, header, text) "
                       "VALUES (?, ?, ?, ?, ?, ?)",
                       (doc_id, issue_id, doc.section_id,
                        json.dumps(list(doc.path), ensure_ascii=False),
                        json.dumps(doc.header, ensure_ascii=False), doc.text))
            tokens = _token_text(doc.low)
            db.execute("INSERT INTO tri(rowid, low) VALUES (?, ?)", (doc_id, doc.low))
            db.execute("INSERT INTO uni(rowid, tokens) VALUES (?, ?)", (doc_id, tokens))
            words.update(t for t in tokens.split(" ") if t.isascii() and len(t) > 1)
        db.executemany("INSERT OR IGNORE INTO words(word) VALUES (?)", ((w,) for w in words))
        db.execute("UPDATE issues SET first_doc = ?, last_doc = ? WHERE id = ?",
                   (first, first + len(docs) - 1, issue_id))

    def _delete_issue(self, issue_id: int) -> None:
        db = self._db
        for doc_id, text in db.execute("SELECT id, text FROM docs WHERE issue = ?",
                                       (issue_id,)).fetchall():
            low = fold(text)
            db.execute("INSERT INTO tri(tri, rowid, low) VALUES ('delete', ?, ?)", (doc_id, low))
            db.execute("INSERT INTO uni(uni, rowid, tokens) VALUES ('delete', ?, ?)",
                       (doc_id, _token_text(low)))
        db.execute("DELETE FROM docs WHERE issue = ?", (issue_id,))
        db.execute("DELETE FROM issues WHERE id = ?", (issue_id,))

    # ------------------------------------------------------------ listing

    def _entry(self, row) -> ArchiveEntry:
        (path, number, date, time_, host, highlights, title, zhihu, mtime, size) = row
        return ArchiveEntry(number=number, date=date, time=time_, host=tuple(json.loads(host)),
                            highlights=tuple(json.loads(highlights)), title=title, zhihu=zhihu,
                            path=Path(path), mtime=mtime, size=size)

    def entries(self) -> list[ArchiveEntry]:
        """Every readable issue the index holds, newest first (no file is read)."""
        rows = self._db.execute(
            "SELECT path, number, date, time, host, highlights, title, zhihu, mtime, size "
            "FROM issues WHERE error IS NULL").fetchall()
        entries = [self._entry(row) for row in rows]
        entries.sort(key=ArchiveEntry.sort_key, reverse=True)
        return entries

    def errors(self) -> list[tuple[Path, str]]:
        """``(path, message)`` for each file the index could not read."""
        return [(Path(p), m) for p, m in self._db.execute(
            "SELECT path, error FROM issues WHERE error IS NOT NULL ORDER BY path")]

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM issues WHERE error IS NULL").fetchone()[0]

    def latest(self) -> ArchiveEntry | None:
        """The newest regular issue, else the newest of any kind (as ``Archive.latest``)."""
        return latest_entry(self.entries())
