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
from .folder import ArchiveEntry, issue_files, regular_number
from .search import DEFAULT_LIMIT, Hit, _Doc, _tokens, doc_hits, fold, issue_docs, parse_query

SCHEMA_VERSION = 1
#: at most this many ASCII words may stand for a short fragment (``lo``) before the
#: fragment is left to the substring test alone
MAX_FRAGMENT_WORDS = 400
#: at most this many trigrams of a long term are looked up (the confirmation does the rest)
MAX_TRIGRAMS = 8
#: a term found in more than this share of the documents does not narrow the search: its
#: documents are not fetched, the archive is read in order until enough hits are found
BROAD_SHARE = 0.05
#: ... and never under this many documents
MIN_BROAD = 2000
#: issues read in order before a query whose every term is broad fetches its narrowest term
SCAN_BUDGET = 150

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


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _trigrams(term: str) -> list[str]:
    grams = list(dict.fromkeys(term[i:i + 3] for i in range(len(term) - 2)))
    if len(grams) <= MAX_TRIGRAMS:
        return grams
    step = (len(grams) - 1) / (MAX_TRIGRAMS - 1)
    return list(dict.fromkeys(grams[round(k * step)] for k in range(MAX_TRIGRAMS)))


class ArchiveIndex:
    """The index of one archive folder; see the module docstring. Use it from the thread that
    made it; ``close()`` when done."""

    def __init__(self, folder: str | os.PathLike, db_path: str | os.PathLike | None = None):
        self.folder = Path(folder)
        self.db_path = Path(db_path) if db_path is not None else default_db_path(folder)
        self.parsed = 0  #: files parsed by this object's updates (tests prove the reuse)
        self._db = self._open()
        self._order_key: tuple | None = None
        self._ranked: list[tuple[int, str, str, str, int, int]] = []
        self._meta_docs: dict[int, tuple[int, int]] = {}
        self._doc_total = 0
        self._vocab_ready = False
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
        entries = self.entries()
        regular = [e for e in entries if e.regular is not None]
        if regular:
            return max(regular, key=lambda e: (e.regular, e.date))
        return entries[0] if entries else None

    # ------------------------------------------------------------ search

    def _refresh_order(self) -> None:
        key = (self._db.execute("PRAGMA data_version").fetchone()[0], self._writes)
        if key == self._order_key:
            return
        rows = self._db.execute(
            "SELECT id, number, title, path, date, first_doc, last_doc FROM issues "
            "WHERE error IS NULL AND first_doc IS NOT NULL").fetchall()

        def rank(row):
            value = regular_number(row[1] or "")
            return (row[4] or "", -1 if value is None else value, row[1] or "", row[3])

        rows.sort(key=rank, reverse=True)
        self._ranked = [(r[0], r[1] or "", r[2] or "", r[3], r[5], r[6]) for r in rows]
        self._meta_docs = {r[5]: (r[5], r[6]) for r in rows}
        self._doc_total = sum(r[6] - r[5] + 1 for r in rows)
        self._order_key = key

    def _doc_count(self, table: str, token: str) -> int | None:
        """How many documents hold ``token`` (fts5vocab); None if the vocabulary cannot say."""
        if not self._vocab_ready:
            for name in ("tri", "uni"):
                self._db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{name}_vocab "
                                 f"USING fts5vocab(main, {name}, 'row')")
            self._vocab_ready = True
        row = self._db.execute(f"SELECT doc FROM temp.{table}_vocab WHERE term = ?",
                               (token,)).fetchone()
        return row[0] if row else None

    def _estimate(self, term: str) -> int | None:
        """At most how many documents may hold ``term`` (None: unknown)."""
        if len(term) >= 3:
            grams = _trigrams(term)
            counts = [self._doc_count("tri", g) for g in grams[::max(1, len(grams) // 3)]]
        else:
            counts = [self._doc_count("uni", c) for c in dict.fromkeys(term)
                      if c > "\x7f" and c.isalnum()]
        known = [c for c in counts if c is not None]
        return min(known) if known else None

    def _ids(self, table: str, match: str) -> set[int] | None:
        try:
            return {r[0] for r in self._db.execute(
                f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (match,))}
        except sqlite3.OperationalError:
            return None  # a query FTS5 cannot parse: leave it to the substring test

    def _candidates(self, term: str) -> set[int] | None:
        """Documents that may contain ``term``; None when the index cannot narrow it."""
        if len(term) >= 3:
            return self._ids("tri", " AND ".join(_quote(g) for g in _trigrams(term)))
        parts = [_quote(c) for c in dict.fromkeys(term) if c > "\x7f" and c.isalnum()]
        for fragment in dict.fromkeys(w for w in _ascii_words(term) if len(w) > 1):
            words = [r[0] for r in self._db.execute(
                "SELECT word FROM words WHERE instr(word, ?) > 0 LIMIT ?",
                (fragment, MAX_FRAGMENT_WORDS + 1))]
            if not words:
                return set()
            if len(words) <= MAX_FRAGMENT_WORDS:
                parts.append("(" + " OR ".join(_quote(w) for w in words) + ")")
        if not parts:
            return None
        return self._ids("uni", " AND ".join(parts))

    def search(self, query: str, limit: int | None = DEFAULT_LIMIT) -> list[Hit]:
        """Lines matching every term of ``query`` (see ``search.SearchIndex.search``): newest
        issue first, then section order; at most ``limit`` hits (None: all)."""
        terms = parse_query(query)
        if not terms:
            return []
        self._refresh_order()
        broad_limit = max(MIN_BROAD, int(BROAD_SHARE * self._doc_total))
        estimates = {t: self._estimate(t) for t in terms}
        narrow = [t for t in terms if estimates[t] is None or estimates[t] <= broad_limit]
        if not narrow and limit is not None:
            out = self._scan(terms, None, limit, SCAN_BUDGET)
            if out is not None:
                return out
        if not narrow:  # every term is common: fetch the least common one
            narrow = [min(terms, key=lambda t: estimates[t])]
        allowed: set[int] | None = None
        for term in narrow:
            found = self._candidates(term)
            if found is None:
                continue
            scope = set(found)
            for doc_id in found:
                span = self._meta_docs.get(doc_id)
                if span is not None:
                    scope.update(range(span[0], span[1] + 1))
            allowed = scope if allowed is None else allowed & scope
            if not allowed:
                return []
        return self._scan(terms, allowed, limit, None) or []

    def _scan(self, terms: list[str], allowed: set[int] | None, limit: int | None,
              budget: int | None) -> list[Hit] | None:
        """Hits in archive order from the documents in ``allowed`` (None: all); None if
        ``budget`` issues were read before ``limit`` hits were found."""
        out: list[Hit] = []
        for read, (_issue_id, number, title, path, first, last) in enumerate(self._ranked):
            if budget is not None and read >= budget:
                return None
            if allowed is None:
                wanted = range(first, last + 1)
            else:
                wanted = [d for d in range(first, last + 1) if d in allowed]
                if not wanted:
                    continue
            rows = self._db.execute("SELECT id, text FROM docs WHERE id BETWEEN ? AND ? "
                                    "ORDER BY id", (first, last)).fetchall()
            if not rows:
                continue
            meta = fold(rows[0][1])
            in_meta = {t: t in meta for t in terms}
            wanted_set = set(wanted)
            for doc_id, text in rows:
                if doc_id not in wanted_set:
                    continue
                low = meta if doc_id == first else fold(text)
                present = [t for t in terms if t in low]
                if not present or not all(t in present or in_meta[t] for t in terms):
                    continue
                out.extend(doc_hits(self._doc(doc_id, text, low), present, number, title,
                                    Path(path)))
                if limit is not None and len(out) >= limit:
                    return out[:limit]
        return out

    def _doc(self, doc_id: int, text: str, low: str) -> _Doc:
        section_id, path, header = self._db.execute(
            "SELECT section_id, path, header FROM docs WHERE id = ?", (doc_id,)).fetchone()
        return _Doc(0, section_id, tuple(json.loads(path)),
                    [tuple(h) for h in json.loads(header)], text, low)


def _ascii_words(term: str) -> list[str]:
    from .search import _ASCII_WORD

    return _ASCII_WORD.findall(term)
