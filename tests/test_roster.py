"""The roster across issues: counts, last seen, completions, aliases, plain-data round trip."""

import json
from pathlib import Path

import pytest
import yaml

from talkeditor.credits.edit import rename_person
from talkeditor.credits.places import credits_of, find_person
from talkeditor.credits.roster import Roster
from talkeditor.model import Issue
from talkeditor.storage import yaml_format

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "credits"


def load(number: str) -> Issue:
    return yaml_format.loads((FIXTURES / f"issue-{number}.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def roster() -> Roster:
    return Roster.from_issues([load("000"), load("002")], current=load("004"))


def test_counts_issues_and_credits_and_remembers_where_each_name_was_last_seen(roster):
    xianyu = roster.entry("羡鱼")
    # 000: -from 羡鱼; 002: host, owner, 本周新闻, Free Talk; 004: host, editor, Free Talk, --羡鱼.
    assert (xianyu.issues, xianyu.credits, xianyu.last_issue, xianyu.last_date) == \
        (["000", "002", "004"], 9, "004", "2023-07-15")
    yuhan = roster.entry("YUHAN")
    assert (yuhan.count, yuhan.last_issue) == (2, "002")
    assert roster.entry("qingwang").credits == 3
    assert roster.entry("nobody") is None


def test_anonymous_credits_are_not_kept_and_groups_are(roster):
    assert "记不清出处了" not in roster
    assert roster.entry("群友").kind == "group"


def test_the_latest_issue_gives_the_display_spelling_whatever_the_order_given():
    for issues in ([load("002"), load("004")], [load("004"), load("002")]):
        entry = Roster.from_issues(issues).entry("OpenLLM群友")
        assert (entry.name, entry.last_issue) == ("OpenLLM 群友", "004")


def test_the_current_issue_replaces_its_archived_copy():
    current = load("004")
    rename_person(current, "符尧", "Fu Yao")
    roster = Roster.from_issues([load("002"), load("004")], current=current)
    assert roster.entry("符尧").issues == ["002"]
    assert roster.entry("Fu Yao").issues == ["004"]
    assert roster.entry("羡鱼").count == 2


def test_names_are_ranked_by_issues_then_recency(roster):
    assert roster.names()[:2] == ["OpenLLM 群友", "羡鱼"]
    assert roster.names().index("suc16") < roster.names().index("yuhan")  # 2 issues, later


def test_completions_match_starts_words_variants_and_case(roster):
    assert roster.completions("q") == ["qingwang"]
    assert roster.completions("Y") == ["yuhan"]
    assert roster.completions("Flame") == ["Dark Flame Master"]
    assert roster.completions("群") == ["群友", "OpenLLM 群友"]
    assert roster.completions("羨") == ["羡鱼", "羨鱼"]
    assert roster.completions("鱼") == ["羡鱼", "煮鱼", "羨鱼"]
    assert roster.completions("zzz") == []
    assert len(roster.completions("", limit=3)) == 3


def test_an_alias_merges_the_view_not_the_records(roster):
    size = len(roster)
    roster.add_alias("羨鱼", "羡鱼")
    merged = roster.entry("羨鱼")
    assert (merged.name, merged.issues, merged.credits) == ("羡鱼", ["000", "002", "004"], 14)
    assert merged.spellings == ["羡鱼", "羨鱼"]
    assert roster.completions("羨") == ["羡鱼"]
    assert len(roster) == size - 1
    assert set(roster.to_dict()["people"]) >= {"羨鱼", "羡鱼"}
    assert roster.remove_alias("羨鱼") is True
    assert roster.entry("羨鱼").credits == 5


def test_aliases_follow_chains_and_refuse_loops(roster):
    roster.add_alias("qwang", "qingwang")
    roster.add_alias("qingwang", "Wang Qing")
    assert roster.canonical("qwang") == "Wang Qing"
    assert roster.entry("Wang Qing").issues == ["000"]
    with pytest.raises(ValueError):
        roster.add_alias("Wang Qing", "qwang")
    with pytest.raises(ValueError):
        roster.add_alias("yuhan", "YuHan")


def test_roster_aliases_feed_the_credits_of_an_issue(roster):
    roster.add_alias("羨鱼", "羡鱼")
    people = credits_of(load("000"), roster.aliases())
    assert find_person(people, "羨鱼") is find_person(people, "羡鱼")
    assert find_person(people, "羡鱼").signature_counts == {"freetalk": 2}


def test_the_roster_round_trips_through_json_and_yaml(roster):
    roster.add_alias("羨鱼", "羡鱼")
    data = roster.to_dict()
    for text, load_text in ((json.dumps(data, ensure_ascii=False), json.loads),
                            (yaml.safe_dump(data, allow_unicode=True), yaml.safe_load)):
        again = Roster.from_dict(load_text(text))
        assert again.to_dict() == data
        assert again.entries() == roster.entries()
        assert again.completions("羨") == ["羡鱼"]


@pytest.mark.parametrize("data", [
    None, [], {}, {"format": "1"}, {"format": True}, {"format": 2},
    {"format": 1, "people": []},
    {"format": 1, "people": {"羡鱼": "004"}},
    {"format": 1, "people": {"羡鱼": {"credits": -1}}},
    {"format": 1, "people": {"羡鱼": {"issues": "004"}}},
    {"format": 1, "people": {"羡鱼": {"kind": "robot"}}},
    {"format": 1, "people": {"": {}}},
    {"format": 1, "aliases": {"羨鱼": 1}},
    {"format": 1, "aliases": {"羨鱼": "羨鱼"}},
])
def test_bad_roster_data_is_refused_with_a_value_error(data):
    with pytest.raises(ValueError):
        Roster.from_dict(data)
