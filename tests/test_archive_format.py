"""Copy format from…: the past issue's structure comes in, the draft's content stays, and
what did not match is listed, not lost."""

import pytest

from talkeditor.model import BODY_STANDING, Field, Issue, Section
from talkeditor.reuse.copy_format import (
    FIELD_KEPT,
    FIELD_REPLACED,
    RENAMED,
    SECTION_KEPT,
    STANDING_REPLACED,
    WEEKLY_KEPT,
    FormatNote,
    copy_format,
)
from talkeditor.storage.files import load_yaml_issue

from .conftest import FIXTURES


@pytest.fixture
def past() -> Issue:
    return load_yaml_issue(FIXTURES / "issue-004.yaml")


def make_draft() -> Issue:
    """A draft in an older, partial format, with this week's content."""
    return Issue(
        number="005", date="2023-07-22", time="21:00", highlights=["llama2"], host=["初七"],
        sections=[
            Section(title="Free Talk", id="ft", contributors=["群友"], body="Q1：llama2 怎么样？",
                    fields=[Field("Free Talk", "旧的说明", sep=""),
                            Field("贡献者", "初七", keep=False, bind="contributors"),
                            Field("主持提示", "先讲 llama2")]),
            Section(title="本周新闻", id="s-news", minutes=5, optional=True, children=[
                Section(title="学术", id="s-acad", body="LLaMA2 <https://arxiv.org/abs/2307.09288>",
                        owners=["初七"]),
                Section(title="线上直播", id="s-live", body="B 站直播回放"),
            ]),
            Section(title="后续计划", id="plans", body_kind=BODY_STANDING, body="- 旧计划"),
            Section(title="闲聊", id="s-chat", body="周末愉快"),
        ])


def test_the_past_structure_comes_in_around_the_drafts_content(past):
    draft = make_draft()
    result, _report = copy_format(draft, past)
    assert [s.title for s in result.sections] == [
        "序章", "本周新闻", "本周推荐", "本周经典", "本周实践", "Free Talk", "参考资料", "后续计划",
        "闲聊", "加入/赞助我们", "往期精彩"]  # the draft's own 闲聊 stays after its neighbour
    news = result.find_path("本周新闻")
    assert news.id == "s-news", "matched sections keep the draft's id"
    assert (news.minutes, news.optional) == (10, False)  # the past's format
    assert [f.label for f in news.fields] == ["本周新闻", "贡献者", "建议区"]
    assert [c.title for c in news.children] == ["学术", "线上直播", "项目", "工业界"]
    academic = result.find_path("本周新闻", "学术")
    assert academic.body == "LLaMA2 <https://arxiv.org/abs/2307.09288>"
    assert academic.owners == ["初七"]
    # sections the draft lacked: format and standing text only, no weekly content of 004
    assert result.find_path("本周推荐", "资料").body == ""
    assert result.find("join").body == past.find("join").body
    assert result.find("background").field_named("缘起").value.startswith("OpenLLM Talk")
    # metadata untouched
    assert (result.number, result.highlights, result.host) == ("005", ["llama2"], ["初七"])


def test_fields_take_the_past_format_and_the_drafts_weekly_values(past):
    draft = make_draft()
    result, report = copy_format(draft, past)
    free = result.find("ft")
    assert free.body == "Q1：llama2 怎么样？" and free.contributors == ["群友"]
    assert [f.label for f in free.fields] == ["Free Talk", "贡献者", "主持提示"]
    assert free.fields[0].value.startswith("自由提问")  # standing: the past's value
    assert free.fields[1].value == "初七"  # weekly (keep=False): the draft's value
    assert free.fields[2].value == "先讲 llama2"  # not in the past: kept, after its neighbour
    assert FormatNote(FIELD_REPLACED, "Free Talk", "Free Talk") in report
    assert FormatNote(FIELD_KEPT, "Free Talk", "主持提示") in report
    draft_objects = {id(x) for s, _d in draft.walk() for x in (s, *s.fields)}
    assert not draft_objects & {id(x) for s, _d in result.walk() for x in (s, *s.fields)}


def test_what_did_not_match_is_kept_in_place_and_reported(past):
    draft = make_draft()
    result, report = copy_format(draft, past)
    assert result.find("s-live").body == "B 站直播回放"
    assert result.find("s-chat").body == "周末愉快"
    assert FormatNote(SECTION_KEPT, "本周新闻 / 线上直播") in report
    assert FormatNote(SECTION_KEPT, "闲聊") in report
    assert FormatNote(STANDING_REPLACED, "后续计划") in report
    assert result.find("plans").body == past.find("plans").body
    kept = {s.id for s, _d in draft.walk()}
    assert kept <= {s.id for s, _d in result.walk()}, "no draft section is lost"


def test_sections_match_by_title_path_when_ids_differ_and_inputs_stay_unchanged(past):
    draft = Issue(number="005", sections=[
        Section(title="本周推荐-optional", id="x1", children=[
            Section(title="项目", id="x2", body="LMDeploy 新版本")])])
    before = draft.clone()
    past_before = past.clone()
    result, report = copy_format(draft, past)
    assert result.find("x2").body == "LMDeploy 新版本"
    assert result.find_path("本周推荐", "项目").id == "x2"
    assert FormatNote(RENAMED, "本周推荐-optional", title="本周推荐") in report
    assert draft == before and past == past_before


def test_weekly_text_where_the_past_has_standing_text_is_kept(past):
    draft = Issue(sections=[Section(title="加入/赞助我们", id="join", body="本周的新群号 123")])
    result, report = copy_format(draft, past)
    assert result.find("join").body == "本周的新群号 123"
    assert [n.kind for n in report] == [WEEKLY_KEPT]


def test_copying_the_same_format_onto_an_issue_changes_nothing(past):
    result, report = copy_format(past, past)
    assert result == past and report == []


def test_the_drafts_past_issue_list_is_kept(past):
    from talkeditor.archive.folder import Archive
    from talkeditor.reuse.next_issue import next_issue

    draft = next_issue(past, Archive(FIXTURES / "archive"))
    result, report = copy_format(draft, past)
    assert result.find("past").body == draft.find("past").body != past.find("past").body
    assert not any("往期精彩" in note.section for note in report)
