"""Editing credits in place: rename people (into an existing name: a merge), set owners, add or
remove contributors.

Every function changes the Issue it is given and nothing else, so the UI takes a snapshot
(``Issue.clone()``) before and after for one undo step. Names are matched by
``credits.names.name_key`` (spaces, width and Latin case do not matter; ``羨鱼`` and ``羡鱼``
are different names until merged).

``rename_person`` changes a name wherever it credits someone: ``Issue.host``/``editors``,
``Section.owners``/``contributors``, the names in credit-field values (【主持人】, 【编辑】,
【版块负责人】, 【贡献者】, hidden fallbacks included) and the *names of signatures* in other
field values and in bodies; the same string in ordinary text is left alone. Metadata lists are
de-duplicated afterwards (renaming A to B in ``[A, B]`` leaves ``[B]``).

``add_contributor``/``remove_contributor`` keep ``Section.contributors`` as the source of truth:
the first such edit of a section whose 【贡献者】 field still carries names in its value (an
unbound field, or a bound one with no metadata, like 004's ``羡鱼（编辑）+OpenLLM 群友``) moves
those names into ``Section.contributors``, clears the value and binds the field to
``contributors``, so that what renders is the list being edited (bracketed notes such as
``（编辑）`` are not kept).
"""

from __future__ import annotations

from .. import errors
from ..errors import IssueFormatError
from ..model import Issue, Section
from .names import clean_name, is_placeholder, name_key, parse_credit_list, unique_names
from .places import CONTRIBUTOR, OWNER, field_role, value_credits_field
from .signatures import find_signatures, is_signature_name, rename_in_text


def check_name(name: str) -> str:
    """``name`` cleaned; IssueFormatError (a ValueError) if it is empty, a placeholder or would
    not read back."""
    cleaned = clean_name(name)
    if is_placeholder(cleaned):
        raise IssueFormatError(f"{name!r} is not a name", code=errors.NOT_A_NAME,
                               data={"name": name})
    items = parse_credit_list(cleaned)
    if len(items) != 1 or items[0].name != cleaned:
        raise IssueFormatError(f"{name!r} cannot be written in a credit list",
                               code=errors.NAME_NOT_LISTABLE, data={"name": name})
    return cleaned


def _section(issue: Issue, section_id: str) -> Section:
    section = issue.find(section_id)
    if section is None:
        raise KeyError(f"no section with id {section_id!r}")
    return section


def _rename_list(names: list[str], key: str, new: str) -> tuple[list[str], int]:
    count = sum(1 for n in names if name_key(n) == key and n != new)
    if not count:
        return names, 0
    renamed = [new if name_key(n) == key else n for n in names]
    seen: set[str] = set()
    out = []
    for n in renamed:
        if name_key(n) not in seen:
            seen.add(name_key(n))
            out.append(n)
    return out, count


def _rename_credit_list(text: str, key: str, new: str, sections: bool) -> tuple[str, int]:
    count = 0
    for item in reversed(parse_credit_list(text, sections=sections)):
        if name_key(item.name) == key and item.name != new:
            text = text[:item.start] + new + text[item.end:]
            count += 1
    return text, count


def _signs(text: str, key: str) -> bool:
    return any(name_key(s.name) == key for s in find_signatures(text))


def rename_person(issue: Issue, old: str, new: str) -> int:
    """Rename ``old`` to ``new`` everywhere it credits someone; returns how many names changed.

    ValueError (and no change) if ``new`` is not a usable name, or if ``old`` signs something
    and ``new`` would not read back as a signature's name.
    """
    key = name_key(old)
    if not key:
        raise IssueFormatError("no name to rename", code=errors.NO_NAME)
    new = check_name(new)
    sections = [s for s, _d in issue.walk()]
    if not is_signature_name(new) and any(
            _signs(s.body, key) or any(field_role(f) is None and _signs(f.value, key)
                                       for f in s.fields) for s in sections):
        raise IssueFormatError(f"{new!r} would not read back as a signature's name",
                               code=errors.NOT_A_SIGNATURE_NAME, data={"name": new})
    total = 0
    issue.host, n = _rename_list(issue.host, key, new)
    total += n
    issue.editors, n = _rename_list(issue.editors, key, new)
    total += n
    for section in sections:
        section.owners, n = _rename_list(section.owners, key, new)
        total += n
        section.contributors, n = _rename_list(section.contributors, key, new)
        total += n
        for f in section.fields:
            role = field_role(f)
            if role is None:
                f.value, n = rename_in_text(f.value, old, new)
            else:
                f.value, n = _rename_credit_list(f.value, key, new, role == OWNER)
            total += n
        section.body, n = rename_in_text(section.body, old, new)
        total += n
    return total


def set_owner(issue: Issue, section_id: str, names: list[str]) -> list[str]:
    """Make ``names`` the owners (版块负责人) of a section; returns the list as stored."""
    section = _section(issue, section_id)
    owners = unique_names([check_name(n) for n in names if not is_placeholder(n)])
    section.owners = owners
    return owners


def _adopt_contributor_field(issue: Issue, section: Section) -> None:
    """Move names written in the section's 【贡献者】 value into ``Section.contributors``."""
    f = next((f for f in section.fields if field_role(f) == CONTRIBUTOR), None)
    if f is None:
        return
    if value_credits_field(issue, section, f):
        items = parse_credit_list(f.value)
        if items:
            section.contributors = unique_names([i.name for i in items] + section.contributors)
            f.value = ""
    f.bind = "contributors"


def add_contributor(issue: Issue, section_id: str, name: str) -> bool:
    """Add ``name`` to a section's contributors; False if already there."""
    section = _section(issue, section_id)
    name = check_name(name)
    _adopt_contributor_field(issue, section)
    if any(name_key(n) == name_key(name) for n in section.contributors):
        return False
    section.contributors.append(name)
    return True


def remove_contributor(issue: Issue, section_id: str, name: str) -> bool:
    """Remove ``name`` (any spelling with its key) from a section's contributors."""
    section = _section(issue, section_id)
    key = name_key(name)
    _adopt_contributor_field(issue, section)
    kept = [n for n in section.contributors if name_key(n) != key]
    if len(kept) == len(section.contributors):
        return False
    section.contributors = kept
    return True
