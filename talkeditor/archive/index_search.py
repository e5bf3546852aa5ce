"""Searching the on-disk archive index (``ArchiveIndex.search``): which documents may hold
each term (FTS5: trigrams for terms of 3+ characters, single characters and words for shorter
ones; a term in more than ``BROAD_SHARE`` of the documents is not fetched but confirmed while
reading in order), then a substring test over the candidates in archive order, newest issue
first, until ``limit`` hits. The rules and the hits are ``search.SearchIndex``'s.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from .folder import regular_number
from .search import _ASCII_WORD, DEFAULT_LIMIT, Hit, _Doc, doc_hits, fold, parse_query

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

def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _trigrams(term: str) -> list[str]:
    grams = list(dict.fromkeys(term[i:i + 3] for i in range(len(term) - 2)))
    if len(grams) <= MAX_TRIGRAMS:
        return grams
    step = (len(grams) - 1) / (MAX_TRIGRAMS - 1)
    return list(dict.fromkeys(grams[round(k * step)] for k in range(MAX_TRIGRAMS)))


class IndexSearch:
    """The search half of ``ArchiveIndex`` (which provides ``_db`` and ``_writes``)."""

    _db: sqlite3.Connection
    _writes: int

    def _init_search(self) -> None:
        self._order_key: tuple | None = None
        self._ranked: list[tuple[int, str, str, str, int, int]] = []
        self._meta_docs: dict[int, tuple[int, int]] = {}
        self._doc_total = 0
        self._vocab_ready = False

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
        for fragment in dict.fromkeys(w for w in _ASCII_WORD.findall(term) if len(w) > 1):
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
