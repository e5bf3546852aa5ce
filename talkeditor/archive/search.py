"""Search over past issues: an in-memory inverted index that answers as the user types.

Everything searchable is cut into *lines* (an issue's title, date, highlights, people and
links; each section's title, ``【label】：value`` fields, owners/contributors and body lines),
grouped into *documents*: one per section plus one for each issue's metadata.

The inverted index maps tokens to issues: ASCII words (``[a-z0-9]+``, lower-cased) and each
other letter on its own (Chinese has no spaces: ``大模型`` is indexed as ``大``, ``模``, ``型``;
per-character postings cost a third of bigrams to build and, with the check below, are as
exact). It is only a pre-filter: every candidate section is confirmed by a plain
case-insensitive substring search, so a query matches exactly where its text occurs
(``模型`` inside ``大模型``, ``net`` inside ``LongNet``, ``gpt-4`` across the dash). A query
the index cannot narrow (one letter, only punctuation) falls back to scanning every section.

Several terms (split on spaces; ``"two words"`` keeps a phrase) must all match: a section
matches when each term occurs in it or in its issue's metadata, so ``004 lora`` finds the
lora lines of issue 004. A hit is one line, with the offsets of every term found in it.

Searching does not change an index (apart from a small cache of word look-ups), so a worker
thread may build it while the UI keeps searching the previous one; rebuild it when the
archive changes (``Archive.search_index()`` does so).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from ..model import Issue, Section

SNIPPET_BEFORE = 30
SNIPPET_AFTER = 70
DEFAULT_LIMIT = 200

_ASCII_WORD = re.compile(r"[a-z0-9]+")
_QUERY_TERM = re.compile(r'"([^"]+)"|“([^”]+)”|(\S+)')


def fold(text: str) -> str:
    """Lower-case ``text`` without changing its length, so offsets stay valid."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def parse_query(query: str) -> list[str]:
    """The query's terms, folded: split on spaces, ``"quoted phrases"`` kept whole."""
    terms = []
    for match in _QUERY_TERM.finditer(query):
        term = next(g for g in match.groups() if g is not None)
        term = fold(term.strip())
        if term and term not in terms:
            terms.append(term)
    return terms


@dataclass(frozen=True)
class Hit:
    """One matching line.

    ``where`` is ``meta`` (issue metadata: ``label`` says which), ``title`` (section title),
    ``field`` (``label`` = the field's label), ``people`` (``label`` = owners/contributors) or
    ``body`` (``line`` = 1-based line number in the section body; 0 elsewhere). ``spans`` are
    ``(start, end)`` offsets of the matches in ``text``, ``snippet_spans`` the same in
    ``snippet`` (a window of ``text`` around the first match, ``…`` marking cuts).
    """

    number: str
    issue_title: str
    section_id: str
    section_path: tuple[str, ...]
    where: str
    label: str
    line: int
    text: str
    spans: tuple[tuple[int, int], ...]
    snippet: str
    snippet_spans: tuple[tuple[int, int], ...]
    key: Hashable = None


@dataclass
class _Doc:
    """One section (or an issue's metadata) as searchable text.

    ``text`` is the header lines (title, fields, people; described by ``header``) followed by
    the body's lines, so line ``i >= len(header)`` is body line ``i - len(header) + 1``.
    """

    issue: int
    section_id: str
    path: tuple[str, ...]
    header: list[tuple[str, str]]  # (where, label) per header line
    text: str
    low: str
    _starts: list[int] | None = None

    @property
    def is_meta(self) -> bool:
        return not self.section_id

    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return self._starts

    def line(self, i: int) -> tuple[str, str, str, int]:
        """(text, where, label, body line) of line ``i``."""
        starts = self.starts()
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(self.text)
        text = self.text[starts[i]:end]
        if i < len(self.header):
            where, label = self.header[i]
            return text, where, label, 0
        return text, "body", "", i - len(self.header) + 1


def _one_line(text: str) -> str:
    return " ".join(text.split("\n")) if "\n" in text else text


def _meta_doc(index: int, issue: Issue) -> _Doc:
    lines: list[str] = []
    header: list[tuple[str, str]] = []

    def add(label: str, text: str) -> None:
        if text.strip():
            lines.append(_one_line(text))
            header.append(("meta", label))

    add("title", issue.display_title())
    add("date", " ".join(p for p in (issue.date, issue.time) if p))
    for item in issue.highlights:
        add("highlights", item)
    add("host", "、".join(issue.host))
    add("editors", "、".join(issue.editors))
    add("video", issue.video)
    add("zhihu", issue.zhihu)
    text = "\n".join(lines)
    return _Doc(index, "", (), header, text, fold(text))


def _section_doc(index: int, section: Section, path: tuple[str, ...]) -> _Doc:
    lines = [_one_line(section.title)]
    header = [("title", "")]
    for f in section.fields:
        lines.append(_one_line(f"【{f.label}】{f.sep}{f.value}{f.note}"))
        header.append(("field", f.label))
    for label, people in (("owners", section.owners), ("contributors", section.contributors)):
        if people:
            lines.append("、".join(people))
            header.append(("people", label))
    if section.body:
        lines.append(section.body)
    text = "\n".join(lines)
    return _Doc(index, section.id, path, header, text, fold(text))


def _tokens(low: str) -> set[str]:
    """ASCII words, and every other character on its own (``大``, ``模``, ``型``)."""
    tokens = set(_ASCII_WORD.findall(low))
    tokens.update(c for c in set(low) if c > "\x7f" and c.isalnum())
    return tokens


def issue_docs(index: int, issue: Issue) -> list[_Doc]:
    """The searchable documents of one issue: its metadata first, then each section in tree
    order (``index`` is stored in each document's ``issue``)."""
    docs = [_meta_doc(index, issue)]
    docs.extend(_section_doc(index, s, p) for s, p in issue.walk_with_path())
    return docs


def doc_hits(doc: _Doc, terms: list[str], number: str, title: str, key: Hashable
             ) -> list[Hit]:
    """One Hit per line of ``doc`` holding any of ``terms`` (folded), with every term's
    offsets; ``number``, ``title`` and ``key`` are the issue's, copied into each hit."""
    per_line: dict[int, list[tuple[int, int]]] = {}
    starts = doc.starts()
    for term in terms:
        start = doc.low.find(term)
        while start >= 0:
            line = bisect_right(starts, start) - 1
            offset = start - starts[line]
            per_line.setdefault(line, []).append((offset, offset + len(term)))
            start = doc.low.find(term, start + 1)
    hits = []
    for line in sorted(per_line):
        spans = _merge(per_line[line])
        text, where, label, body_line = doc.line(line)
        snippet, snippet_spans = _snippet(text, spans)
        hits.append(Hit(number, title, doc.section_id, doc.path, where, label, body_line,
                        text, spans, snippet, snippet_spans, key))
    return hits


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return tuple((s, e) for s, e in out)


def _snippet(text: str, spans: tuple[tuple[int, int], ...]):
    if not spans or len(text) <= SNIPPET_BEFORE + SNIPPET_AFTER:
        return text, spans
    first = spans[0][0]
    start = max(0, first - SNIPPET_BEFORE)
    end = min(len(text), max(spans[0][1], first + SNIPPET_AFTER))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    inside = tuple((max(s, start) + shift, min(e, end) + shift)
                   for s, e in spans if s < end and e > start)
    return prefix + text[start:end] + suffix, inside


class SearchIndex:
    """The index; build it with ``SearchIndex.build(issues)``, then ``search(query)``."""

    def __init__(self) -> None:
        self._issues: list[tuple[str, str, Hashable]] = []  # (number, title, key)
        self._docs: list[_Doc] = []
        self._issue_docs: list[range] = []
        self._postings: dict[str, list[int]] = {}  # token -> issue indexes
        self._vocab = "\n"
        self._vocab_cache: dict[str, set[int]] = {}

    @classmethod
    def build(cls, issues: Iterable[Issue], keys: Sequence[Hashable] | None = None
              ) -> SearchIndex:
        """Index ``issues`` (in the order hits should come, e.g. newest first). ``keys``, one per
        issue, are handed back in ``Hit.key`` (e.g. the archive's paths); default: the index."""
        self = cls()
        postings = self._postings
        for index, issue in enumerate(issues):
            key = keys[index] if keys is not None else index
            self._issues.append((issue.number, issue.display_title(), key))
            first = len(self._docs)
            self._docs.extend(issue_docs(index, issue))
            self._issue_docs.append(range(first, len(self._docs)))
            for token in _tokens("\n".join(d.low for d in self._docs[first:])):
                bucket = postings.get(token)
                if bucket is None:
                    postings[token] = [index]
                else:
                    bucket.append(index)
        words = sorted(t for t in postings if t.isascii())
        self._vocab = "\n" + "\n".join(words) + "\n"
        return self

    def __len__(self) -> int:
        return len(self._issues)

    # ------------------------------------------------------------ candidates

    def _ascii_issues(self, fragment: str) -> set[int]:
        """Issues holding an ASCII word that contains ``fragment``."""
        cached = self._vocab_cache.get(fragment)
        if cached is not None:
            return cached
        found: set[int] = set()
        pattern = re.compile(r"[^\n]*" + re.escape(fragment) + r"[^\n]*")
        for match in pattern.finditer(self._vocab):
            found.update(self._postings[match.group()])
        if len(self._vocab_cache) > 256:
            self._vocab_cache.clear()
        self._vocab_cache[fragment] = found
        return found

    def _candidate_issues(self, term: str) -> set[int] | None:
        """Issues that may contain ``term``; None when the index cannot narrow it."""
        found: set[int] | None = None
        chars = {c for c in term if c > "\x7f" and c.isalnum()}
        words = sorted((w for w in _ASCII_WORD.findall(term) if len(w) > 1), key=len,
                       reverse=True)
        for char in chars:
            issues = set(self._postings.get(char, ()))
            found = issues if found is None else found & issues
            if not found:
                return set()
        for word in words:
            issues = self._ascii_issues(word)
            found = issues if found is None else found & issues
            if not found:
                return set()
        return found

    def _matching_docs(self, term: str) -> set[int]:
        candidates = self._candidate_issues(term)
        docs = self._docs
        if candidates is None:
            return {d for d in range(len(docs)) if term in docs[d].low}
        return {d for i in candidates for d in self._issue_docs[i] if term in docs[d].low}

    # ------------------------------------------------------------ search

    def search(self, query: str, limit: int | None = DEFAULT_LIMIT) -> list[Hit]:
        """Lines matching every term of ``query``, in index order (issues as given, then
        document order); at most ``limit`` hits (None: all)."""
        terms = parse_query(query)
        if not terms:
            return []
        docs = self._docs
        matched = [self._matching_docs(term) for term in terms]
        qualifying: set[int] | None = None
        for found in matched:
            scope = set(found)
            for d in found:
                if docs[d].is_meta:
                    scope.update(self._issue_docs[docs[d].issue])
            qualifying = scope if qualifying is None else qualifying & scope
            if not qualifying:
                return []
        out: list[Hit] = []
        for d in sorted(qualifying):
            present = [t for t, found in zip(terms, matched, strict=True) if d in found]
            out.extend(self._doc_hits(docs[d], present))
            if limit is not None and len(out) >= limit:
                return out[:limit]
        return out

    def _doc_hits(self, doc: _Doc, terms: list[str]) -> list[Hit]:
        number, title, key = self._issues[doc.issue]
        return doc_hits(doc, terms, number, title, key)
