"""Who is credited where in an issue: people and their roles, claims, the credits block.

Where credits come from, in the order ``iter_credits`` returns them (and so the order in which
``credits_of`` lists people: by first appearance):

1. host (主持人): ``Issue.host``, then the names in 【主持人】 field values;
2. editors (编辑): ``Issue.editors``, then 【编辑】 field values;
3. section owners (版块负责人): the names in 【版块负责人】 field values that name no section
   (``多人``: the whole issue, ``section_id`` None) first, then by section in document order
   (``Section.owners`` and field segments such as ``本周新闻：A、B``);
4. contributors and signatures, section by section in document order: ``Section.contributors``,
   then the fields (a 【贡献者】 value's names; signatures in any other field's value), then
   the signatures in the body (``signatures.find_signatures``).

A field is a *credit field* when it is bound to ``host``/``editors``/``owners``/``contributors``
or, unbound, labelled 主持人/编辑/版块负责人 (板块负责人)/贡献者. A bound field whose metadata is
not empty renders the metadata, so its value is a hidden fallback and credits no one; otherwise
(unbound, or metadata empty, like issue 004's Free Talk ``羡鱼（编辑）+OpenLLM 群友``) its value
is read with ``credits.names.parse_credit_list``. The bracketed note (``编辑``) is kept on the
credit.

People are grouped by ``credits.names.name_key`` (spaces, width and Latin case do not matter);
``羨鱼`` and ``羡鱼`` stay two people until the user renames one into the other
(``credits.edit.rename_person``). Group and
anonymous credits (``群友``, ``多人``, ``记不清出处了``) are listed too, with their ``kind``, so
the panel can show them; placeholders (``XX``) are not credits.

Claims (认领): a *claimable* section is a top-level section with weekly content, that is, one
with a credit field for contributors (【贡献者】) or a ``minutes`` budget: 本周新闻, 本周推荐,
本周经典, 本周实践, Free Talk in the OpenLLM Talk skeleton; not 序章, 参考资料, 后续计划,
加入/赞助我们, 往期精彩. It is *unclaimed* when no one owns it (no ``Section.owners``, and no
【版块负责人】 segment names it); an issue-wide ``多人`` claims nothing in particular.

The credits block (【本期贡献者】) is four lines in this order: 主持人, 编辑, 版块负责人,
具体内容贡献者. Names keep the order of their first credit of that role. 版块负责人 reads
``多人；本周新闻：A、B；Free Talk：C`` (issue-wide names first, then sections in document order,
as render.py writes a bound 版块负责人). 具体内容贡献者 lists the people with a contributor or
signature credit (host and editors included when they contributed), then the groups; anonymous
credits are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Field, Issue, Section, title_key
from .names import (
    ANONYMOUS,
    GROUP,
    PERSON,
    clean_name,
    is_placeholder,
    name_key,
    name_kind,
    parse_credit_list,
)

HOST = "host"
EDITOR = "editor"
OWNER = "owner"
CONTRIBUTOR = "contributor"
SIGNATURE = "signature"
ROLES = (HOST, EDITOR, OWNER, CONTRIBUTOR, SIGNATURE)

#: Where a name is written (``Place.kind``).
PLACE_HOST = "host"                  # Issue.host[index]
PLACE_EDITORS = "editors"            # Issue.editors[index]
PLACE_OWNERS = "owners"              # Section.owners[index]
PLACE_CONTRIBUTORS = "contributors"  # Section.contributors[index]
PLACE_FIELD = "field"                # Section.fields[index].value[start:end]
PLACE_BODY = "body"                  # Section.body[start:end]

CREDIT_LABELS = {"主持人": HOST, "编辑": EDITOR, "版块负责人": OWNER, "板块负责人": OWNER,
                 "贡献者": CONTRIBUTOR}
BIND_ROLES = {"host": HOST, "editors": EDITOR, "owners": OWNER, "contributors": CONTRIBUTOR}
BLOCK_LABELS = ("主持人", "编辑", "版块负责人", "具体内容贡献者")


@dataclass(frozen=True)
class Place:
    """Where a credited name is written, so that the UI can select it.

    ``section_id`` is the section holding the text (None for ``Issue.host``/``editors``);
    ``index`` the list index or field index; ``start``/``end`` the name's offsets in the field
    value or body; ``line`` its 1-based line there.
    """

    kind: str
    section_id: str | None = None
    index: int | None = None
    start: int | None = None
    end: int | None = None
    line: int | None = None


@dataclass(frozen=True)
class Credit:
    """One credit: ``role`` given to ``name`` (as written), for ``section_id`` (None: the issue).

    ``style`` is the signature style (``signatures.STYLE_*``) for signatures; ``note`` the
    bracketed remark of a credit-list name (``编辑`` in ``羡鱼（编辑）``).
    """

    role: str
    name: str
    section_id: str | None
    place: Place
    style: str = ""
    note: str = ""


@dataclass
class Person:
    """Everyone credited under one name (``key``), with every credit in ``iter_credits`` order."""

    name: str
    key: str
    kind: str = PERSON
    credits: list[Credit] = field(default_factory=list)

    @property
    def spellings(self) -> list[str]:
        """Every spelling used for this person, first seen first."""
        return list(dict.fromkeys(c.name for c in self.credits))

    @property
    def roles(self) -> tuple[str, ...]:
        present = {c.role for c in self.credits}
        return tuple(r for r in ROLES if r in present)

    @property
    def is_host(self) -> bool:
        return HOST in self.roles

    @property
    def is_editor(self) -> bool:
        return EDITOR in self.roles

    def sections_for(self, role: str) -> list[str | None]:
        """The sections credited with ``role``, in order, each once (None: the whole issue)."""
        return list(dict.fromkeys(c.section_id for c in self.credits if c.role == role))

    @property
    def owner_of(self) -> list[str | None]:
        return self.sections_for(OWNER)

    @property
    def contributor_to(self) -> list[str | None]:
        return self.sections_for(CONTRIBUTOR)

    @property
    def signatures(self) -> list[Credit]:
        return [c for c in self.credits if c.role == SIGNATURE]

    @property
    def signature_counts(self) -> dict[str | None, int]:
        """How many signatures per section id, sections in order."""
        counts: dict[str | None, int] = {}
        for c in self.signatures:
            counts[c.section_id] = counts.get(c.section_id, 0) + 1
        return counts


def place_text(issue: Issue, place: Place) -> str:
    """The text a place points into: the list entry itself, or the whole field value or body
    (``place_text(...)[place.start:place.end]`` is then the name). KeyError if it is gone."""
    if place.kind == PLACE_HOST:
        return issue.host[place.index]
    if place.kind == PLACE_EDITORS:
        return issue.editors[place.index]
    section = issue.find(place.section_id) if place.section_id is not None else None
    if section is None:
        raise KeyError(f"no section with id {place.section_id!r}")
    if place.kind == PLACE_OWNERS:
        return section.owners[place.index]
    if place.kind == PLACE_CONTRIBUTORS:
        return section.contributors[place.index]
    if place.kind == PLACE_FIELD:
        return section.fields[place.index].value
    return section.body


# ---------------------------------------------------------------- reading credits


def field_role(f: Field) -> str | None:
    """The role a credit field gives (see the module docstring), or None."""
    if f.bind:
        return BIND_ROLES.get(f.bind)
    return CREDIT_LABELS.get("".join(f.label.split()))


def _metadata_names(issue: Issue, section: Section, role: str) -> list[str]:
    if role == HOST:
        return issue.host
    if role == EDITOR:
        return issue.editors
    if role == OWNER:
        return [n for _s, names in issue.section_owners() for n in names]
    return section.contributors


def value_credits_field(issue: Issue, section: Section, f: Field) -> bool:
    """Whether the value of a credit field is what renders (so it credits its names)."""
    role = field_role(f)
    if role is None:
        return False
    return f.bind is None or not any(not is_placeholder(n)
                                     for n in _metadata_names(issue, section, role))


def _find_section_by_title(issue: Issue, title: str) -> Section | None:
    key = title_key(title)
    for section, _depth in issue.walk():
        if key and title_key(section.title) == key:
            return section
    return None


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _field_credits(issue: Issue, section: Section, index: int, role: str) -> list[Credit]:
    f = section.fields[index]
    out = []
    for item in parse_credit_list(f.value, sections=role == OWNER):
        credited = section.id if role == CONTRIBUTOR else None
        if role == OWNER and item.section:
            owned = _find_section_by_title(issue, item.section)
            credited = owned.id if owned is not None else None
        place = Place(PLACE_FIELD, section.id, index, item.start, item.end,
                      _line_of(f.value, item.start))
        out.append(Credit(role, item.name, credited, place, note=item.note))
    return out


def _find_signatures(text: str):
    # Imported on first use: the signature patterns take ~30 ms to compile, and the tree's
    # claims (which need none of them) are computed before the window's first paint.
    from .signatures import find_signatures

    return find_signatures(text)


def _signature_credits(text: str, kind: str, section: Section, index: int | None) -> list[Credit]:
    return [Credit(SIGNATURE, s.name, section.id,
                   Place(kind, section.id, index, s.name_start, s.name_end, s.line), style=s.style)
            for s in _find_signatures(text)]


def _metadata_credits(names: list[str], role: str, kind: str, section_id: str | None,
                      holder: str | None) -> list[Credit]:
    return [Credit(role, name, section_id, Place(kind, holder, i))
            for i, name in enumerate(names) if not is_placeholder(name)]


def iter_credits(issue: Issue, signatures: bool = True) -> list[Credit]:
    """Every credit in the issue, in the order described in the module docstring; without
    the signatures in text (``signatures=False``: no scan of every line) if not needed."""
    sections = [s for s, _d in issue.walk()]
    order = {s.id: i for i, s in enumerate(sections)}
    by_role: dict[str, list[Credit]] = {HOST: [], EDITOR: [], OWNER: []}
    by_role[HOST] += _metadata_credits(issue.host, HOST, PLACE_HOST, None, None)
    by_role[EDITOR] += _metadata_credits(issue.editors, EDITOR, PLACE_EDITORS, None, None)
    content: list[Credit] = []
    for section in sections:
        by_role[OWNER] += _metadata_credits(section.owners, OWNER, PLACE_OWNERS, section.id,
                                            section.id)
        content += _metadata_credits(section.contributors, CONTRIBUTOR, PLACE_CONTRIBUTORS,
                                     section.id, section.id)
        for index, f in enumerate(section.fields):
            role = field_role(f)
            if role is None:
                if signatures:
                    content += _signature_credits(f.value, PLACE_FIELD, section, index)
            elif value_credits_field(issue, section, f):
                found = _field_credits(issue, section, index, role)
                (content if role == CONTRIBUTOR else by_role[role]).extend(found)
        if signatures:
            content += _signature_credits(section.body, PLACE_BODY, section, None)
    owners = sorted(by_role[OWNER], key=lambda c: -1 if c.section_id is None
                    else order.get(c.section_id, -1))
    return by_role[HOST] + by_role[EDITOR] + owners + content


def credits_of(issue: Issue) -> list[Person]:
    """Everyone credited in the issue, one entry per name key, by first appearance."""
    people: dict[str, Person] = {}
    for credit in iter_credits(issue):
        key = name_key(credit.name)
        person = people.get(key)
        if person is None:
            display = clean_name(credit.name)
            person = people[key] = Person(display, key, name_kind(display))
        person.credits.append(credit)
    return list(people.values())


def find_person(people: Iterable[Person], name: str) -> Person | None:
    """The person known by ``name`` (any spelling with the same key), if any."""
    key = name_key(name)
    return next((p for p in people if p.key == key
                 or any(name_key(s) == key for s in p.spellings)), None)


# ---------------------------------------------------------------- claims


def claimable_sections(issue: Issue) -> list[Section]:
    """Top-level sections with weekly content that someone can claim (module docstring)."""
    return [s for s in issue.sections
            if s.minutes is not None or any(field_role(f) == CONTRIBUTOR for f in s.fields)]


def owned_section_ids(issue: Issue) -> set[str]:
    """Ids of the sections that have an owner (metadata or a 【版块负责人】 segment)."""
    # owners come from metadata and fields, never from signatures: no line is scanned
    return {c.section_id for c in iter_credits(issue, signatures=False)
            if c.role == OWNER and c.section_id is not None}


def unclaimed_sections(issue: Issue) -> list[Section]:
    """Claimable sections that no one owns yet, in document order."""
    owned = owned_section_ids(issue)
    return [s for s in claimable_sections(issue) if s.id not in owned]


# ---------------------------------------------------------------- credits block


def _names(credits: Iterable[Credit], people_kind: dict[str, str],
           kinds: tuple[str, ...] = (PERSON, GROUP, ANONYMOUS)) -> list[str]:
    out: dict[str, str] = {}
    for c in credits:
        key = name_key(c.name)
        if key not in out and people_kind[key] in kinds:
            out[key] = clean_name(c.name)
    return list(out.values())


def credits_block(issue: Issue, sep: str = "、") -> list[tuple[str, str]]:
    """The 【本期贡献者】 lines as ``(label, text)``, always the four of ``BLOCK_LABELS``.

    Order and contents are described in the module docstring; a line with no one is ``""``.
    """
    credits = iter_credits(issue)
    kind = {name_key(c.name): name_kind(c.name) for c in credits}
    hosts = _names((c for c in credits if c.role == HOST), kind)
    editors = _names((c for c in credits if c.role == EDITOR), kind)
    owner_parts: list[str] = []
    owner_credits = [c for c in credits if c.role == OWNER]
    for section_id in dict.fromkeys(c.section_id for c in owner_credits):
        names = sep.join(_names((c for c in owner_credits if c.section_id == section_id), kind))
        section = issue.find(section_id) if section_id is not None else None
        owner_parts.append(f"{section.title}：{names}" if section is not None else names)
    content = [c for c in credits if c.role in (CONTRIBUTOR, SIGNATURE)]
    contributors = _names(content, kind, (PERSON,)) + _names(content, kind, (GROUP,))
    return [(BLOCK_LABELS[0], sep.join(hosts)), (BLOCK_LABELS[1], sep.join(editors)),
            (BLOCK_LABELS[2], "；".join(owner_parts)), (BLOCK_LABELS[3], sep.join(contributors))]


def all_contributors_text(issue: Issue, sep: str = "、") -> str:
    """Everyone credited (people, then groups; no anonymous credits), by first appearance."""
    people = credits_of(issue)
    names = [p.name for p in people if p.kind == PERSON]
    names += [p.name for p in people if p.kind == GROUP]
    return sep.join(names)
