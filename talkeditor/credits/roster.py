"""Everyone credited across issues: counts and last seen, for the names boxes' completion.

A ``Roster`` is built from past issues plus the one being edited
(``Roster.from_issues(past, current)``); ``names()`` is what the window offers as completions.

- Entries are kept per name key (``credits.names.name_key``); each records the issues that
  credit the name (by label: the issue number, or its display title when it has none), how many
  credits it has, and where it was last seen (the latest issue by date, then number; its
  spelling there becomes the display name). Anonymous credits (``记不清出处了``) are not kept;
  groups (``群友``) are, so that they complete.
- When ``current`` shares its number with a past issue, it replaces that issue (an issue being
  re-edited is not counted twice).
- Names are ranked by number of issues, then most recently seen, then name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Issue
from .names import ANONYMOUS, name_key
from .places import credits_of


@dataclass
class RosterEntry:
    """One name as the roster knows it."""

    name: str
    kind: str = "person"
    issues: list[str] = field(default_factory=list)
    credits: int = 0
    last_issue: str = ""
    last_date: str = ""

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

    def entry(self, name: str) -> RosterEntry | None:
        """What the roster knows about ``name`` (any spelling with the same name key)."""
        return self._entries.get(name_key(name))

    def __contains__(self, name: str) -> bool:
        return self.entry(name) is not None

    def __len__(self) -> int:
        return len(self._entries)

    @staticmethod
    def _rank(entry: RosterEntry) -> tuple:
        return (-entry.count, _negated(entry.last_date), _negated(entry.last_issue), entry.name)

    def entries(self) -> list[RosterEntry]:
        """Everyone, most often credited first."""
        return sorted(self._entries.values(), key=self._rank)

    def names(self) -> list[str]:
        return [e.name for e in self.entries()]


def _negated(text: str) -> tuple:
    """A sort key that orders text descending."""
    return tuple(-ord(ch) for ch in text) + (1,)
