"""Editing credits: renames reach every credit and nothing else; merges; owners; contributors."""

from pathlib import Path

import pytest

from talkeditor.credits.edit import (
    add_contributor,
    remove_contributor,
    rename_person,
    set_owner,
)
from talkeditor.credits.places import credits_of, find_person, unclaimed_sections
from talkeditor.credits.signatures import find_signatures
from talkeditor.model import Field, Issue, Section
from talkeditor.render.issue_markdown import field_line
from talkeditor.storage import yaml_format

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "credits"


def load(number: str) -> Issue:
    return yaml_format.loads((FIXTURES / f"issue-{number}.yaml").read_text(encoding="utf-8"))


def field(section: Section, label: str) -> Field:
    return next(f for f in section.fields if f.label == label)


def contributors_line(issue: Issue, section_id: str) -> str:
    section = issue.find(section_id)
    return field_line(issue, section, field(section, "贡献者"))


# ---------------------------------------------------------------- rename


def test_rename_reaches_every_credit_field_and_signature_in_issue_000():
    issue = load("000")
    assert rename_person(issue, "羨鱼", "鱼老师") == 5
    preface = issue.find("preface")
    assert field(preface, "主持人").value == "鱼老师（后续每期由大家自行认领）"
    assert field(preface, "版块负责人").value == "鱼老师（后续每期由大家自行认领）"
    assert field(issue.find("classic"), "贡献者").value == "鱼老师"
    assert field(issue.find("freetalk"), "贡献者").value == "鱼老师（编辑）+OpenLLM 群友"
    assert issue.find("freetalk").body.startswith("Q1：falcon 相比 llama 有何特殊之处？—鱼老师\n")
    # Ordinary text with the same string is left alone: the Zhihu author in 本周经典.
    assert "- 羨鱼智能的文章 - 知乎" in issue.find("classic").body
    # The simplified 羡鱼 is another name until merged.
    assert "；-from 羡鱼" in issue.find("freetalk").body
    assert find_person(credits_of(issue), "羨鱼") is None


def test_rename_changes_exactly_the_credited_occurrences_in_issue_004():
    issue = load("004")
    before = yaml_format.dumps(issue)
    assert rename_person(issue, "羡鱼", "Xianyu") == 4   # host, editors, Free Talk 贡献者, --羡鱼
    after = yaml_format.dumps(issue)
    assert after.count("Xianyu") == 4
    assert after.count("羡鱼") == before.count("羡鱼") - 4
    assert issue.host == ["Xianyu"]
    assert issue.editors == ["Xianyu", "suc16"]
    assert field(issue.find("freetalk"), "贡献者").value == "Xianyu（编辑）+OpenLLM 群友"
    assert "个人喜欢 lora 方案--Xianyu\n" in issue.find("freetalk").body
    assert "群聊：羡鱼智能-OpenLLM 技术" in issue.find("join").body
    assert "羡鱼智能的文章 - 知乎" in field(issue.find("past"), "OpenLLM Talk 003").value


def test_rename_reaches_owner_and_contributor_lists_and_signatures_in_issue_002():
    issue = load("002")
    assert rename_person(issue, "yuhan", "Yu Han") == 4
    assert field(issue.find("record"), "版块负责人").value == \
        "羡鱼、Yu Han、suc16 （后续每期由大家自行认领）"
    assert issue.find("news").contributors == ["Yu Han", "羡鱼"]
    assert issue.find("practice").contributors == ["Yu Han"]
    assert "对输入长度不敏感；--Yu Han\n" in issue.find("practice").body
    set_owner(issue, "news", ["Yu Han", "suc16"])
    assert rename_person(issue, "yu han", "yuhan") == 5
    assert issue.find("news").owners == ["yuhan", "suc16"]


def test_rename_changes_only_the_name_inside_a_via_signature():
    issue = load("002")
    online = issue.find("freetalk-online")
    online.body += "\n何枝分享\n"
    assert rename_person(issue, "何枝", "贺知") == 1
    assert "可以把链接放上来吗--来自贺知大佬的分享\n" in online.body
    assert online.body.endswith("\n何枝分享\n")


def test_rename_keeps_a_glued_signature_a_signature():
    issue = load("000")
    assert rename_person(issue, "煮鱼", "Zhu Yu") == 1
    body = issue.find("freetalk").body
    assert "比较相关 -Zhu Yu；ChatGPT 做通用的打分应该还可以；" in body
    assert "Zhu Yu" in [s.name for s in find_signatures(body)]


def test_rename_to_a_name_already_in_a_list_leaves_it_once():
    issue = load("004")
    assert rename_person(issue, "suc16", "羡鱼") == 1
    assert issue.editors == ["羡鱼"]


def test_rename_then_back_restores_the_issue_byte_for_byte():
    issue = load("004")
    before = yaml_format.dumps(issue)
    rename_person(issue, "符尧", "Fu Yao")
    assert yaml_format.dumps(issue) != before
    rename_person(issue, "Fu Yao", "符尧")
    assert yaml_format.dumps(issue) == before


def test_rename_works_in_place_so_the_ui_can_snapshot_one_undo_step():
    issue = load("004")
    sections = [s for s, _d in issue.walk()]
    snapshot = issue.clone()
    rename_person(issue, "羡鱼", "Xianyu")
    assert [s for s, _d in issue.walk()] == sections
    assert all(a is b for a, b in zip(sections, (s for s, _d in issue.walk()), strict=True))
    assert issue != snapshot
    assert yaml_format.dumps(snapshot) == yaml_format.dumps(load("004"))


@pytest.mark.parametrize("bad", ["", "  ", "XX", "a、b", "羡鱼（编辑）", "羨鱼的朋友"])
def test_a_bad_new_name_is_refused_and_nothing_changes(bad):
    issue = load("000")
    before = yaml_format.dumps(issue)
    with pytest.raises(ValueError):
        rename_person(issue, "羨鱼", bad)
    assert yaml_format.dumps(issue) == before


def test_renaming_someone_absent_changes_nothing():
    issue = load("004")
    before = yaml_format.dumps(issue)
    assert rename_person(issue, "nobody", "somebody") == 0
    assert yaml_format.dumps(issue) == before


# ---------------------------------------------------------------- merge


def test_renaming_the_traditional_spelling_into_the_simplified_one_merges_them():
    issue = load("000")
    assert rename_person(issue, "羨鱼", "羡鱼") == 5
    people = credits_of(issue)
    assert find_person(people, "羨鱼") is None
    person = find_person(people, "羡鱼")
    assert person.roles == ("host", "owner", "contributor", "signature")
    assert person.signature_counts == {"freetalk": 2}
    assert [p.name for p in people].count("羡鱼") == 1


def test_renaming_several_names_into_one_leaves_one_entry_per_list():
    issue = load("002")
    issue.find("news").contributors = ["yuhan", "Yuhan2", "羡鱼"]
    # Yuhan2: news; yuhan: 版块负责人 value, news, practice, practice body --yuhan.
    assert sum(rename_person(issue, name, "Yu Han") for name in ("Yuhan2", "yuhan")) == 5
    assert issue.find("news").contributors == ["Yu Han", "羡鱼"]
    assert [p.name for p in credits_of(issue)].count("Yu Han") == 1


# ---------------------------------------------------------------- owners and contributors


def test_set_owner_claims_a_section():
    issue = load("004")
    assert set_owner(issue, "news", ["yuhan", " yuhan ", "XX", "suc16"]) == ["yuhan", "suc16"]
    assert issue.find("news").owners == ["yuhan", "suc16"]
    assert "news" not in [s.id for s in unclaimed_sections(issue)]
    assert set_owner(issue, "news", []) == []
    assert "news" in [s.id for s in unclaimed_sections(issue)]
    with pytest.raises(KeyError):
        set_owner(issue, "no-such-section", ["yuhan"])


def test_adding_a_contributor_keeps_the_names_already_written_in_the_field():
    issue = load("004")   # Free Talk: bound, no metadata, value 羡鱼（编辑）+OpenLLM 群友
    assert add_contributor(issue, "freetalk", "符尧") is True
    freetalk = issue.find("freetalk")
    assert freetalk.contributors == ["羡鱼", "OpenLLM 群友", "符尧"]
    assert field(freetalk, "贡献者").value == ""
    assert contributors_line(issue, "freetalk") == "【贡献者】：羡鱼、OpenLLM 群友、符尧"
    assert add_contributor(issue, "freetalk", "OpenLLM群友") is False


def test_adding_a_contributor_binds_an_unbound_contributors_field():
    issue = load("000")   # 本周经典: unbound 【贡献者】：羨鱼
    assert add_contributor(issue, "classic", "yuhan") is True
    classic = issue.find("classic")
    assert classic.contributors == ["羨鱼", "yuhan"]
    assert field(classic, "贡献者").bind == "contributors"
    assert contributors_line(issue, "classic") == "【贡献者】：羨鱼、yuhan"
    assert find_person(credits_of(issue), "yuhan").contributor_to == ["classic"]


def test_removing_contributors_down_to_none_brings_no_old_name_back():
    issue = load("004")
    assert remove_contributor(issue, "freetalk", "openllm 群友") is True
    assert contributors_line(issue, "freetalk") == "【贡献者】：羡鱼"
    assert remove_contributor(issue, "freetalk", "openllm 群友") is False
    assert remove_contributor(issue, "freetalk", "羡鱼") is True
    assert contributors_line(issue, "freetalk") == "【贡献者】："
    assert find_person(credits_of(issue), "羡鱼").contributor_to == []
