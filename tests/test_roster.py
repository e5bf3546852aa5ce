"""The roster across issues: counts, last seen, ranking."""

from pathlib import Path

import pytest

from talkeditor.credits.edit import rename_person
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
