"""Who is credited where, on issues built by hand from the samples (tests/fixtures/credits).

issue-000.yaml: seed 000 as a plain import leaves it (no metadata, unbound credit fields).
issue-002.yaml: talk-002.md with host and section contributors as metadata.
issue-004.yaml: the repository's hand-built 004 (host/editors metadata, 多人 and Free Talk's
                ``羡鱼（编辑）+OpenLLM 群友`` as fallback values of bound fields).
The expectations below were written by reading the samples, not by running the code.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from talkeditor.credits.names import ANONYMOUS, GROUP, PERSON
from talkeditor.credits.places import (
    CONTRIBUTOR,
    EDITOR,
    HOST,
    OWNER,
    PLACE_BODY,
    PLACE_CONTRIBUTORS,
    PLACE_EDITORS,
    PLACE_FIELD,
    PLACE_HOST,
    PLACE_OWNERS,
    SIGNATURE,
    all_contributors_text,
    claimable_sections,
    credits_block,
    credits_of,
    find_person,
    place_text,
    unclaimed_sections,
)
from talkeditor.model import Field, Issue, Section
from talkeditor.render.issue_markdown import bound_value, field_line
from talkeditor.storage import yaml_format

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "credits"


def load(number: str) -> Issue:
    return yaml_format.loads((FIXTURES / f"issue-{number}.yaml").read_text(encoding="utf-8"))


def who(person) -> dict:
    return {"kind": person.kind, "roles": person.roles, "owner_of": person.owner_of,
            "contributor_to": person.contributor_to, "signatures": person.signature_counts}


def P(kind=PERSON, roles=(), owner_of=(), contributor_to=(), signatures=None):
    return {"kind": kind, "roles": tuple(roles), "owner_of": list(owner_of),
            "contributor_to": list(contributor_to), "signatures": signatures or {}}


# Seed 000: 【主持人】/【版块负责人】 羨鱼; 本周经典 【贡献者】 羨鱼; Free Talk 【贡献者】
# 羨鱼（编辑）+OpenLLM 群友; signatures Q1 —羨鱼, Q2 —群友, Q3 —yuhan, -from 羡鱼 (simplified!),
# --群友 (fastchat), -yuhan, Q4/Q5 -qingwang, A4 -煮鱼；, -Dark Flame Master, A6 - / qingwang.
EXPECTED_000 = {
    "羨鱼": P(roles=(HOST, OWNER, CONTRIBUTOR, SIGNATURE), owner_of=[None],
              contributor_to=["classic", "freetalk"], signatures={"freetalk": 1}),
    "OpenLLM 群友": P(GROUP, (CONTRIBUTOR,), contributor_to=["freetalk"]),
    "群友": P(GROUP, (SIGNATURE,), signatures={"freetalk": 2}),
    "yuhan": P(roles=(SIGNATURE,), signatures={"freetalk": 2}),
    "羡鱼": P(roles=(SIGNATURE,), signatures={"freetalk": 1}),
    "qingwang": P(roles=(SIGNATURE,), signatures={"freetalk": 3}),
    "煮鱼": P(roles=(SIGNATURE,), signatures={"freetalk": 1}),
    "Dark Flame Master": P(roles=(SIGNATURE,), signatures={"freetalk": 1}),
}

# Seed 004: host 羡鱼, editors 羡鱼、suc16, 版块负责人 多人 (a placeholder: no one),
# Free Talk 羡鱼（编辑）+OpenLLM 群友;
# signatures --符尧, --羡鱼, and "; -" / "-记不清出处了". The 往期精彩 "羡鱼智能的文章" and the
# QR caption "羡鱼智能-OpenLLM 技术" credit no one.
EXPECTED_004 = {
    "羡鱼": P(roles=(HOST, EDITOR, CONTRIBUTOR, SIGNATURE), contributor_to=["freetalk"],
              signatures={"freetalk": 1}),
    "suc16": P(roles=(EDITOR,)),
    "OpenLLM 群友": P(GROUP, (CONTRIBUTOR,), contributor_to=["freetalk"]),
    "符尧": P(roles=(SIGNATURE,), signatures={"freetalk": 1}),
    "记不清出处了": P(ANONYMOUS, (SIGNATURE,), signatures={"freetalk": 1}),
}

# talk-002.md: host 羡鱼; 版块负责人 羡鱼、yuhan、suc16 (no sections named); 本周新闻 yuhan、羡鱼;
# 本周推荐 suc16; 本周实践 yuhan (and its body's --yuhan); Free Talk 羡鱼（编辑）+OpenLLM群友;
# 线上讨论 --刘鹏飞, --来自何枝大佬的分享, --符尧.
EXPECTED_002 = {
    "羡鱼": P(roles=(HOST, OWNER, CONTRIBUTOR), owner_of=[None],
              contributor_to=["news", "freetalk"]),
    "yuhan": P(roles=(OWNER, CONTRIBUTOR, SIGNATURE), owner_of=[None],
               contributor_to=["news", "practice"], signatures={"practice": 1}),
    "suc16": P(roles=(OWNER, CONTRIBUTOR), owner_of=[None], contributor_to=["recommend"]),
    "OpenLLM群友": P(GROUP, (CONTRIBUTOR,), contributor_to=["freetalk"]),
    "刘鹏飞": P(roles=(SIGNATURE,), signatures={"freetalk-online": 1}),
    "何枝": P(roles=(SIGNATURE,), signatures={"freetalk-online": 1}),
    "符尧": P(roles=(SIGNATURE,), signatures={"freetalk-online": 1}),
}

EXPECTED = {"000": EXPECTED_000, "004": EXPECTED_004, "002": EXPECTED_002}


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_everyone_a_careful_reader_finds_is_credited_where_they_are(number):
    people = credits_of(load(number))
    assert {p.name: who(p) for p in people} == EXPECTED[number]


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_people_are_listed_by_first_appearance_host_editors_owners_then_content(number):
    assert [p.name for p in credits_of(load(number))] == list(EXPECTED[number])


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_every_credit_points_at_its_name_so_the_panel_can_jump_to_it(number):
    issue = load(number)
    for person in credits_of(issue):
        for credit in person.credits:
            place = credit.place
            text = place_text(issue, place)
            if place.kind in (PLACE_FIELD, PLACE_BODY):
                assert text[place.start:place.end] == credit.name
                assert credit.name in text.split("\n")[place.line - 1]
            else:
                assert place.kind in (PLACE_HOST, PLACE_EDITORS, PLACE_OWNERS,
                                      PLACE_CONTRIBUTORS)
                assert text == credit.name


def test_signature_positions_are_lines_of_the_section_body():
    # Free Talk's body starts at line 93 of seed 000 and at line 282 of seed 004.
    qingwang = find_person(credits_of(load("000")), "qingwang")
    assert [(c.place.kind, c.place.section_id, c.place.line, c.style)
            for c in qingwang.signatures] == [
        (PLACE_BODY, "freetalk", 150 - 92, "hyphen"),
        (PLACE_BODY, "freetalk", 154 - 92, "hyphen"),
        (PLACE_BODY, "freetalk", 164 - 92, "split"),
    ]
    people_004 = credits_of(load("004"))
    assert [(p.name, [c.place.line for c in p.signatures]) for p in people_004
            if p.signatures] == [("羡鱼", [384 - 281]), ("符尧", [338 - 281]),
                                 ("记不清出处了", [399 - 281])]


def test_where_a_field_credit_comes_from_is_kept_with_its_note():
    freetalk = [c for c in find_person(credits_of(load("004")), "羡鱼").credits
                if c.role == CONTRIBUTOR]
    (credit,) = freetalk
    assert (credit.place.kind, credit.place.section_id, credit.place.index, credit.note) == \
        (PLACE_FIELD, "freetalk", 1, "编辑")


def test_a_bound_field_value_credits_no_one_once_the_metadata_is_set():
    issue = load("004")
    issue.find("freetalk").contributors = ["煮鱼"]
    people = {p.name: p for p in credits_of(issue)}
    assert "OpenLLM 群友" not in people
    assert people["煮鱼"].contributor_to == ["freetalk"]
    assert people["羡鱼"].contributor_to == []
    freetalk = issue.find("freetalk")
    assert field_line(issue, freetalk, freetalk.fields[1]) == "【贡献者】：煮鱼"


def test_spellings_differing_in_spaces_are_one_person():
    issue = load("002")
    issue.find("news").contributors.append("OpenLLM 群友")
    person = find_person(credits_of(issue), "openllm 群友")
    assert person.spellings == ["OpenLLM 群友", "OpenLLM群友"]
    assert person.contributor_to == ["news", "freetalk"]


def test_traditional_and_simplified_spellings_stay_two_people():
    people = credits_of(load("000"))
    assert find_person(people, "羨鱼") is not find_person(people, "羡鱼")
    assert find_person(people, "羨鱼").spellings == ["羨鱼"]


def test_placeholders_and_empty_claims_credit_no_one():
    # 001: 【版块负责人】：XX （…）; 003: 【版块负责人】： （…）.
    issue = Issue(sections=[Section("序章", id="preface", fields=[
        Field("主持人", "suc16、初七（后续每期由大家自行认领）"),
        Field("版块负责人", "XX （后续每期由大家自行认领）"),
        Field("编辑", " （后续每期由大家自行认领）")])])
    assert [(p.name, p.roles) for p in credits_of(issue)] == [("suc16", (HOST,)),
                                                            ("初七", (HOST,))]


def test_an_owner_line_naming_sections_gives_those_sections_owners():
    issue = load("004")
    record = issue.find_path("序章", "本期记录")
    owners_field = next(f for f in record.fields if f.label == "版块负责人")
    owners_field.bind = None
    owners_field.value = "本周新闻：yuhan、羡鱼；Free Talk：suc16"
    people = {p.name: p for p in credits_of(issue)}
    assert people["yuhan"].owner_of == ["news"]
    assert people["suc16"].owner_of == ["freetalk"]
    assert [s.id for s in unclaimed_sections(issue)] == ["recommend", "classic", "practice"]


# ---------------------------------------------------------------- claims


def test_claimable_sections_are_the_weekly_content_ones():
    assert [s.title for s in claimable_sections(load("004"))] == [
        "本周新闻", "本周推荐", "本周经典", "本周实践", "Free Talk"]
    assert [s.title for s in claimable_sections(load("000"))] == [
        "本周新闻", "本周推荐", "本周经典", "本周实践", "Free Talk"]
    # 006 adds a project section with no 【贡献者】 and no minutes: nothing to claim there.
    issue = load("004")
    issue.sections.insert(5, Section("LLaMA2 框架", id="llama2", body="初七, qwang, Sine\n"))
    assert "llama2" not in [s.id for s in claimable_sections(issue)]


def test_an_issue_wide_group_claims_no_section_and_owners_do():
    issue = load("004")   # 版块负责人：多人
    assert [s.id for s in unclaimed_sections(issue)] == [
        "news", "recommend", "classic", "practice", "freetalk"]
    issue.find("news").owners = ["yuhan"]
    issue.find("freetalk").owners = ["羡鱼"]
    assert [s.id for s in unclaimed_sections(issue)] == ["recommend", "classic", "practice"]


# ---------------------------------------------------------------- credits block


EXPECTED_BLOCKS = {
    "000": [("主持人", "羨鱼"), ("编辑", ""), ("版块负责人", "羨鱼"),
            ("具体内容贡献者",
             "羨鱼、yuhan、羡鱼、qingwang、煮鱼、Dark Flame Master、OpenLLM 群友、群友")],
    "004": [("主持人", "羡鱼"), ("编辑", "羡鱼、suc16"), ("版块负责人", ""),
            ("具体内容贡献者", "羡鱼、符尧、OpenLLM 群友")],
    "002": [("主持人", "羡鱼"), ("编辑", ""), ("版块负责人", "羡鱼、yuhan、suc16"),
            ("具体内容贡献者", "yuhan、羡鱼、suc16、刘鹏飞、何枝、符尧、OpenLLM群友")],
}


@pytest.mark.parametrize("number", sorted(EXPECTED_BLOCKS))
def test_the_credits_block_lists_host_editors_owners_then_content_contributors(number):
    assert credits_block(load(number)) == EXPECTED_BLOCKS[number]


def test_section_owners_in_the_block_read_as_render_writes_a_bound_owner_line():
    issue = load("004")
    issue.find("freetalk").owners = ["羡鱼"]
    issue.find("news").owners = ["yuhan", "suc16"]
    record = issue.find_path("序章", "本期记录")
    owners_field = next(f for f in record.fields if f.bind == "owners")
    expected = "本周新闻：yuhan、suc16；Free Talk：羡鱼"
    assert dict(credits_block(issue))["版块负责人"] == expected
    assert bound_value(issue, record, owners_field) == expected


def test_all_contributors_lists_people_then_groups_and_no_anonymous_credit():
    assert all_contributors_text(load("004")) == "羡鱼、suc16、符尧、OpenLLM 群友"
    assert "记不清出处了" not in all_contributors_text(load("004"))


# ---------------------------------------------------------------- layering


def test_the_credits_modules_load_without_qt():
    code = ("import sys\n"
            "import talkeditor.credits.places, talkeditor.credits.edit, talkeditor.credits.names\n"
            "import talkeditor.credits.signatures, talkeditor.credits.roster\n"
            "print([m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'PyQt5', 'PyQt6', 'shiboken6')])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
