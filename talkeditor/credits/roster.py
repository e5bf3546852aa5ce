"""Everyone credited across issues: counts, last seen, name completion and aliases.

A ``Roster`` is built from past issues plus the one being edited
(``Roster.from_issues(past, current)``) and is kept by the app as plain data
(``to_dict``/``from_dict``: strings, integers, lists and dicts only, fit for JSON or YAML).

- Entries are kept per name key (``credits_names.name_key``); each records the issues that
  credit the name (by label: the issue number, or its display title when it has none), how many
  credits it has, and where it was last seen (the latest issue by date, then number; its
  spelling there becomes the display name). Anonymous credits (``记不清出处了``) are not kept;
  groups (``群友``) are, so that they complete.
- When ``current`` shares its number with a past issue, it replaces that issue (an issue being
  re-edited is not counted twice).
- Aliases (``add_alias("羨鱼", "羡鱼")``) are a view: entries stay as recorded, and every query
  (``entry``, ``names``, ``completions``) sees an alias and its canonical name as one person.
  ``aliases()`` is what ``credits.credits_of(issue, aliases)`` takes.
- ``completions(prefix)`` matches the start of any spelling (an alias's included), with
  traditional/simplified variants folded (``羨`` finds ``羡鱼``), then any word's start and
  finally any substring; ranked by number of issues, then most recently seen, then name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Issue
from .names import ANONYMOUS, KINDS, clean_name, name_key, name_kind, variant_key
from .places import credits_of

ROSTER_FORMAT = 1


@dataclass
class RosterEntry:
    """One name as the roster knows it (after aliases are applied, for query results)."""

    name: str
    kind: str = "person"
    issues: list[str] = field(default_factory=list)
    credits: int = 0
    last_issue: str = ""
    last_date: str = ""
    spellings: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        """The number of issues that credit this name."""
        return len(self.issues)


def _number_order(number: str) -> tuple:
    digits = re.findall(r"\d+", number)
    return (int(digits[-1]) if digits else -1, number)


def _order(date: str, label: str) -> tuple:
    return (date, _number_order(label))


def issue_label(issue: Issue) -> str:
    """How the roster names an issue: its number, else its display title."""
    return issue.number or issue.display_title()


class Roster:
    """Known names across issues; see the module docstring."""

    def __init__(self) -> None:
        self._entries: dict[str, RosterEntry] = {}
        self._aliases: dict[str, tuple[str, str]] = {}  # alias key -> (alias, canonical)

    # ------------------------------------------------------------ building

    @classmethod
    def from_issues(cls, issues: Iterable[Issue], current: Issue | None = None) -> Roster:
        roster = cls()
        chosen = list(issues)
        if current is not None:
            if current.number:
                chosen = [i for i in chosen if (i.series, i.number) !=
                          (current.series, current.number)]
            chosen.append(current)
        for issue in sorted(chosen, key=lambda i: _order(i.date, issue_label(i))):
            roster.add_issue(issue)
        return roster

    def add_issue(self, issue: Issue) -> None:
        """Count everyone credited in ``issue`` (once per issue)."""
        label = issue_label(issue)
        for person in credits_of(issue):
            if person.kind == ANONYMOUS:
                continue
            entry = self._entries.get(person.key)
            if entry is None:
                entry = self._entries[person.key] = RosterEntry(person.name, person.kind)
            if label not in entry.issues:
                entry.issues.append(label)
            entry.credits += len(person.credits)
            if _order(issue.date, label) >= _order(entry.last_date, entry.last_issue):
                entry.name, entry.last_issue, entry.last_date = person.name, label, issue.date

    # ------------------------------------------------------------ aliases

    def _resolve(self, key: str) -> tuple[str, str | None]:
        """(root key, canonical spelling given by the last alias followed, or None)."""
        spelling = None
        seen = {key}
        while key in self._aliases:
            spelling = self._aliases[key][1]
            key = name_key(spelling)
            if key in seen:
                break
            seen.add(key)
        return key, spelling

    def _root_key(self, key: str) -> str:
        return self._resolve(key)[0]

    def _root_names(self) -> dict[str, str]:
        """root key -> the canonical spelling the aliases give it."""
        return dict(self._resolve(key) for key in self._aliases)

    def canonical(self, name: str) -> str:
        """The name ``name`` stands for: its alias target, else its display name, else itself."""
        root, spelling = self._resolve(name_key(name))
        spelling = spelling or self._root_names().get(root)
        if spelling:
            return spelling
        entry = self._entries.get(root)
        return entry.name if entry is not None else clean_name(name)

    def add_alias(self, name: str, canonical: str) -> None:
        """Treat ``name`` as another spelling of ``canonical`` (ValueError for a loop)."""
        key, target = name_key(name), clean_name(canonical)
        if not key or not name_key(target):
            raise ValueError("an alias needs two names")
        if self._root_key(name_key(target)) == key:
            raise ValueError(f"{name!r} and {canonical!r} are already one name")
        self._aliases[key] = (clean_name(name), target)

    def remove_alias(self, name: str) -> bool:
        return self._aliases.pop(name_key(name), None) is not None

    def aliases(self) -> dict[str, str]:
        """alias spelling -> canonical name, for ``credits.credits_of(issue, aliases)``."""
        return {alias: self.canonical(canonical) for alias, canonical in self._aliases.values()}

    # ------------------------------------------------------------ queries

    def _merged(self) -> dict[str, RosterEntry]:
        """Entries after aliases, keyed by root key."""
        groups: dict[str, list[tuple[str, RosterEntry]]] = {}
        for key, entry in self._entries.items():
            groups.setdefault(self._root_key(key), []).append((key, entry))
        root_names = self._root_names()
        out = {}
        for root, members in groups.items():
            entries = [e for _k, e in members]
            latest = max(entries, key=lambda e: _order(e.last_date, e.last_issue))
            own = self._entries.get(root)
            name = root_names.get(root) or (own.name if own is not None else latest.name)
            issues = list(dict.fromkeys(i for e in entries for i in e.issues))
            spellings = list(dict.fromkeys([name] + [e.name for e in entries]
                                           + [a for a, _c in self._aliases.values()
                                              if self._root_key(name_key(a)) == root]))
            out[root] = RosterEntry(name, name_kind(name), issues,
                                    sum(e.credits for e in entries), latest.last_issue,
                                    latest.last_date, spellings)
        return out

    def entry(self, name: str) -> RosterEntry | None:
        """What the roster knows about ``name`` (or the person it is an alias of)."""
        return self._merged().get(self._root_key(name_key(name)))

    def __contains__(self, name: str) -> bool:
        return self.entry(name) is not None

    def __len__(self) -> int:
        return len(self._merged())

    @staticmethod
    def _rank(entry: RosterEntry) -> tuple:
        return (-entry.count, _negated(entry.last_date), _negated(entry.last_issue), entry.name)

    def entries(self) -> list[RosterEntry]:
        """Everyone, most often credited first."""
        return sorted(self._merged().values(), key=self._rank)

    def names(self) -> list[str]:
        return [e.name for e in self.entries()]

    def completions(self, prefix: str, limit: int = 10) -> list[str]:
        """Names for what the user has typed so far (see the module docstring)."""
        key, vkey = name_key(prefix), variant_key(prefix)
        ranked = []
        for entry in self._merged().values():
            tier = _match_tier(entry.spellings, key, vkey)
            if tier is not None:
                ranked.append(((tier, *self._rank(entry)), entry.name))
        return [name for _r, name in sorted(ranked)[:limit]]

    # ------------------------------------------------------------ plain data

    def to_dict(self) -> dict:
        return {
            "format": ROSTER_FORMAT,
            "people": {e.name: {"kind": e.kind, "issues": list(e.issues), "credits": e.credits,
                                "last_issue": e.last_issue, "last_date": e.last_date}
                       for e in self._entries.values()},
            "aliases": {alias: canonical for alias, canonical in self._aliases.values()},
        }

    @classmethod
    def from_dict(cls, data: object) -> Roster:
        """The roster ``to_dict`` wrote; ValueError naming the problem for anything else."""
        if not isinstance(data, dict):
            raise ValueError("a roster is a mapping")
        version = data.get("format")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ValueError("roster: missing or bad 'format'")
        if version > ROSTER_FORMAT:
            raise ValueError(f"roster: written by a newer version (format {version})")
        people = data.get("people", {})
        aliases = data.get("aliases", {})
        if not isinstance(people, dict) or not isinstance(aliases, dict):
            raise ValueError("roster: 'people' and 'aliases' must be mappings")
        roster = cls()
        for name, info in people.items():
            roster._entries[_checked_key(name)] = _entry_from(name, info)
        for alias, canonical in aliases.items():
            if not isinstance(alias, str) or not isinstance(canonical, str):
                raise ValueError("roster: aliases map names to names")
            roster.add_alias(alias, canonical)
        return roster


def _negated(text: str) -> tuple:
    """A sort key that orders text descending."""
    return tuple(-ord(ch) for ch in text) + (1,)


def _match_tier(spellings: list[str], key: str, vkey: str) -> int | None:
    if not key:
        return 0
    keys = [(name_key(s), variant_key(s)) for s in spellings]
    if any(k.startswith(key) or v.startswith(vkey) for k, v in keys):
        return 0
    if any(name_key(word).startswith(key) for s in spellings for word in s.split()):
        return 1
    if any(key in k or vkey in v for k, v in keys):
        return 2
    return None


def _checked_key(name: object) -> str:
    if not isinstance(name, str) or not name_key(name):
        raise ValueError(f"roster: bad name {name!r}")
    return name_key(name)


def _entry_from(name: str, info: object) -> RosterEntry:
    if not isinstance(info, dict):
        raise ValueError(f"roster: {name!r} must map to a mapping")
    issues = info.get("issues", [])
    credits = info.get("credits", 0)
    kind = info.get("kind", name_kind(name))
    texts = {k: info.get(k, "") for k in ("last_issue", "last_date")}
    if (not isinstance(issues, list) or not all(isinstance(i, str) for i in issues)
            or not isinstance(credits, int) or isinstance(credits, bool) or credits < 0
            or kind not in KINDS or not all(isinstance(t, str) for t in texts.values())):
        raise ValueError(f"roster: bad entry for {name!r}")
    return RosterEntry(clean_name(name), kind, list(issues), credits, texts["last_issue"],
                       texts["last_date"])
