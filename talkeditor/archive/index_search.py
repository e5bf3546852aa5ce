"""Searching the on-disk archive index (``ArchiveIndex.search``): which documents may hold
each term (FTS5: trigrams for terms of 3+ characters, single characters and words for shorter
ones), then a substring test over the candidates in archive order, newest issue first, until
``limit`` hits. The rules and the hits are ``search.SearchIndex``'s.

Issue 18 (search ≤ 50 ms at 5,000 issues): a term's documents are fetched only when they are
at most ``BROAD_SHARE`` of all (counted by FTS5 with a LIMIT, so a common term costs little),
longer terms first and none once ``FEW_DOCS`` remain. When every term is common, the archive
is read in order a group of issues at a time, and FTS5 first names the documents of the
group (by the span of their ids) that may hold every term, so only those are read and
confirmed (``lo``: 90 ms -> 8 ms).
"""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_right
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
#: once the documents that may match are this few, other terms only confirm (not fetched)
FEW_DOCS = 200


class _Broad(set):
    """The type of BROAD: what ``_candidates`` returns for a term in more documents than
    the broad share (never empty-looking: compare with ``is``)."""


#: see _Broad
BROAD = _Broad({-1})

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
        self._firsts_sorted: list[int] | None = None
        self._fragment_words: dict[str, list[str]] = {}
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
        self._firsts_sorted = None
        self._fragment_words = {}
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

    def _ids(self, table: str, match: str, cap: int | None,
             span: tuple[int, int] | None = None) -> set[int] | None:
        """Documents of ``table`` matching ``match`` (only ids within ``span`` if given);
        BROAD if more than ``cap`` (None: no cap): FTS5 stops reading after ``cap + 1``, so
        a common term costs little."""
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ?"
        params: list = [match]
        if span is not None:
            sql += " AND rowid BETWEEN ? AND ?"
            params.extend(span)
        try:
            if cap is not None and self._db.execute(
                    f"SELECT count(*) FROM ({sql} LIMIT ?)", [*params, cap + 1]
                    ).fetchone()[0] > cap:
                return BROAD
            return {r[0] for r in self._db.execute(sql, params)}
        except sqlite3.OperationalError:
            return None  # a query FTS5 cannot parse: leave it to the substring test

    def _candidates(self, term: str, cap: int | None = None,
                    span: tuple[int, int] | None = None) -> set[int] | None:
        """Documents (within ``span`` if given) that may contain ``term``; None when the
        index cannot narrow it, BROAD when more than ``cap`` documents may."""
        if len(term) >= 3:
            return self._ids("tri", " AND ".join(_quote(g) for g in _trigrams(term)), cap,
                             span)
        parts = [_quote(c) for c in dict.fromkeys(term) if c > "\x7f" and c.isalnum()]
        for fragment in dict.fromkeys(w for w in _ASCII_WORD.findall(term) if len(w) > 1):
            words = self._fragment_words.get(fragment)
            if words is None:
                words = self._fragment_words[fragment] = [r[0] for r in self._db.execute(
                    "SELECT word FROM words WHERE instr(word, ?) > 0 LIMIT ?",
                    (fragment, MAX_FRAGMENT_WORDS + 1))]
            if not words:
                return set()
            if len(words) <= MAX_FRAGMENT_WORDS:
                parts.append("(" + " OR ".join(_quote(w) for w in words) + ")")
        if not parts:
            return None
        return self._ids("uni", " AND ".join(parts), cap, span)

    def search(self, query: str, limit: int | None = DEFAULT_LIMIT) -> list[Hit]:
        """Lines matching every term of ``query`` (see ``search.SearchIndex.search``): newest
        issue first, then section order; at most ``limit`` hits (None: all).

        Each term's documents are fetched from FTS5 unless there are more than the broad
        share (then the term only confirms); longer terms first, and none once the
        documents left are few. With only broad terms the archive is read in order for
        ``SCAN_BUDGET`` issues before the least common term is fetched after all."""
        terms = parse_query(query)
        if not terms:
            return []
        self._refresh_order()
        cap = max(MIN_BROAD, int(BROAD_SHARE * self._doc_total))
        allowed: set[int] | None = None
        broad: list[str] = []
        for term in sorted(terms, key=len, reverse=True):
            if allowed is not None and len(allowed) <= FEW_DOCS:
                break  # reading these is cheaper than fetching another term's documents
            found = self._candidates(term, cap)
            if found is BROAD:
                broad.append(term)
            elif found is not None:
                allowed = self._narrowed(allowed, found)
                if not allowed:
                    return []
        if allowed is None and broad:
            if limit is not None:
                out = self._scan(terms, None, limit, SCAN_BUDGET)
                if out is not None:
                    return out
            # every term is common and they rarely meet: fetch the least common one
            term = min(broad, key=lambda t: (self._estimate(t) is None,
                                             self._estimate(t) or 0))
            found = self._candidates(term)
            if found is not None:
                allowed = self._narrowed(None, found)
                if not allowed:
                    return []
        return self._scan(terms, allowed, limit, None) or []

    def _narrowed(self, allowed: set[int] | None, found: set[int]) -> set[int]:
        """``allowed`` (None: every document) and the documents ``found`` holds or whose
        issue's metadata it holds (a term in the metadata counts for each section)."""
        scope = set(found)
        for doc_id in found:
            span = self._meta_docs.get(doc_id)
            if span is not None:
                scope.update(range(span[0], span[1] + 1))
        return scope if allowed is None else allowed & scope

    def _scan(self, terms: list[str], allowed: set[int] | None, limit: int | None,
              budget: int | None) -> list[Hit] | None:
        """Hits in archive order from the documents in ``allowed`` (None: all); None if
        ``budget`` issues were read before ``limit`` hits were found.

        Issues are taken a group at a time; without ``allowed``, FTS5 first names the
        documents of the group that may hold every term (``_group_scope``), so that only
        those are read and confirmed."""
        out: list[Hit] = []
        issues = self._ranked if allowed is None else self._issues_with(allowed)
        over_budget = budget is not None and len(issues) > budget
        if budget is not None:
            issues = issues[:budget]
        at, size = 0, 8
        while at < len(issues):
            group = issues[at:at + size]
            at, size = at + len(group), min(size * 2, 64)
            scope = allowed if allowed is not None else self._group_scope(terms, group)
            for _id, number, title, path, first, last in group:
                if scope is not None:
                    wanted = [d for d in range(first, last + 1) if d in scope]
                    if not wanted:
                        continue
                    docs = self._read_docs([first, *(d for d in wanted if d != first)])
                else:
                    docs = self._db.execute(
                        "SELECT id, text, section_id, path, header FROM docs "
                        "WHERE id BETWEEN ? AND ? ORDER BY id", (first, last)).fetchall()
                if not docs or docs[0][0] != first:
                    continue
                if self._confirm(docs, terms, scope, number, title, path, out, limit):
                    return out[:limit]
        return None if over_budget else out

    def _confirm(self, docs: list[tuple], terms: list[str], scope: set[int] | None,
                 number: str, title: str, path: str, out: list[Hit],
                 limit: int | None) -> bool:
        """Add the hits of one issue's ``docs`` (its metadata first) to ``out``; True once
        ``limit`` hits are found."""
        first = docs[0][0]
        meta = fold(docs[0][1])
        in_meta = {t: t in meta for t in terms}
        key = None
        for doc_id, text, section_id, doc_path, header in docs:
            if scope is not None and doc_id not in scope:
                continue
            low = meta if doc_id == first else fold(text)
            present = [t for t in terms if t in low]
            if not present or not all(t in present or in_meta[t] for t in terms):
                continue
            if key is None:
                key = Path(path)
            doc = _Doc(0, section_id, tuple(json.loads(doc_path)),
                       [tuple(h) for h in json.loads(header)], text, low)
            out.extend(doc_hits(doc, present, number, title, key))
            if limit is not None and len(out) >= limit:
                return True
        return False

    def _read_docs(self, ids: list[int]) -> list[tuple]:
        marks = ",".join("?" * len(ids))
        return self._db.execute("SELECT id, text, section_id, path, header FROM docs "
                                f"WHERE id IN ({marks}) ORDER BY id", ids).fetchall()

    def _group_scope(self, terms: list[str], group: list[tuple]) -> set[int] | None:
        """The documents of ``group``'s issues that may hold every term, from FTS5 within
        the span of their ids (None: every document, when the index cannot narrow the terms
        or the span holds many other issues' documents)."""
        low, high = min(row[4] for row in group), max(row[5] for row in group)
        if high - low + 1 > 4 * sum(row[5] - row[4] + 1 for row in group):
            return None
        scope: set[int] | None = None
        for term in terms:
            found = self._candidates(term, None, (low, high))
            if found is not None:
                scope = self._narrowed(scope, found)
                if not scope:
                    return scope
        return scope

    def _issues_with(self, allowed: set[int]) -> list[tuple]:
        """The ranked issues holding a document of ``allowed``, in archive order."""
        firsts = self._firsts()
        wanted = {firsts[bisect_right(firsts, doc_id) - 1] for doc_id in allowed
                  if doc_id >= firsts[0]} if firsts else set()
        return [row for row in self._ranked if row[4] in wanted]

    def _firsts(self) -> list[int]:
        if self._firsts_sorted is None:
            self._firsts_sorted = sorted(self._meta_docs)
        return self._firsts_sorted
