"""Repeat warnings: a link or paper already covered by a past issue is flagged with the
issue and section it came from; standing text and new links are not."""

import pytest

from talkeditor.archive.folder import Archive
from talkeditor.archive.repeats import RepeatIndex, find_titles, line_keys, normalize_url
from talkeditor.model import BODY_STANDING, Field, Issue, Section
from talkeditor.storage.files import load_yaml_issue

from .conftest import FIXTURES

ARCHIVE = FIXTURES / "archive"


@pytest.fixture(scope="module")
def index() -> RepeatIndex:
    archive = Archive(ARCHIVE)
    return RepeatIndex.build(i for i in archive.issues() if i.number != "004")


def draft_with(body: str, **section) -> Issue:
    return Issue(number="005", sections=[
        Section(title="本周推荐", id="rec", children=[
            Section(title="资料", id="rec-mat", body=body, **section)])])


def _places(repeat) -> list[tuple[str, tuple[str, ...]]]:
    return [(o.number, o.section_path) for o in repeat.previous]


def test_a_repeated_link_is_flagged_with_the_issue_and_section_it_came_from(index):
    draft = draft_with("每周论文合集\n\n<https://GitHub.com/dair-ai/ML-Papers-of-the-Week>")
    [repeat] = index.check(draft)
    assert (repeat.section_id, repeat.line, repeat.kind) == ("rec-mat", 3, "link")
    assert repeat.value == "https://GitHub.com/dair-ai/ML-Papers-of-the-Week"
    [before] = repeat.previous
    assert (before.number, before.section_id, before.section_path, before.line) == (
        "002", "rec-materials", ("本周推荐", "资料"), 3)


def test_issue_004_repeats_what_002_and_003_covered(index):
    found = {(r.section_id, r.key): r for r in index.check(load_yaml_issue(
        FIXTURES / "issue-004.yaml"))}
    # bare link vs. utm parameters and a trailing slash in 002
    assert found[("freetalk", "url:github.com/dair-ai/ml-papers-of-the-week")].previous[0] \
        .number == "002"
    # link.zhihu.com/?target=… unwrapped, matched to 003's plain GitHub link
    haruhi = found[("freetalk", "url:github.com/lc1332/chat-haruhi-suzumiya")]
    assert _places(haruhi) == [("003", ("本周推荐", "项目"))]
    # a paper title
    lost = found[("freetalk", "title:lost in the middle how language models use long contexts")]
    assert lost.kind == "paper" and _places(lost) == [("003", ("本周新闻", "学术"))]
    assert len(found) == 3, sorted(found)


def test_standing_text_and_the_past_issue_list_are_not_checked(index):
    draft = Issue(number="005", sections=[
        Section(title="注意事项", id="notes", fields=[
            Field("talk 模板", "<https://github.com/gorilla-llm/gorilla-cli>")]),
        Section(title="后续计划", id="plans", body_kind=BODY_STANDING,
                body="<https://github.com/gorilla-llm/gorilla-cli>"),
        Section(title="往期精彩", id="past",
                body="【OpenLLM Talk 002】\n\n<https://github.com/gorilla-llm/gorilla-cli>")])
    assert index.check(draft) == []
    weekly = draft_with("", )
    weekly.sections[0].fields = [Field("提名区", "<https://github.com/gorilla-llm/gorilla-cli>",
                                       keep=False)]
    [repeat] = index.check(weekly)
    assert (repeat.section_id, repeat.line, repeat.field) == ("rec", 0, "提名区")
    assert _places(repeat) == [("002", ("本周新闻", "项目"))]


def test_new_links_and_the_drafts_own_issue_in_the_archive_are_not_flagged():
    archive = Archive(ARCHIVE)
    index = RepeatIndex.build(archive.issues())  # includes 004 itself
    draft = load_yaml_issue(FIXTURES / "issue-004.yaml")
    assert {r.previous[0].number for r in index.check(draft)} <= {"002", "003"}
    assert index.check(draft_with("<https://github.com/new/project>\n\nBrand New Paper Title "
                                  "About Things")) == []


def test_a_link_twice_in_the_draft_is_flagged_the_second_time(index):
    draft = draft_with("<https://example.com/a>\n\nsee https://example.com/a/")
    [repeat] = index.check(draft)
    assert repeat.line == 3 and repeat.previous[0].in_draft
    assert _places(repeat) == [("005", ("本周推荐", "资料"))]
    assert index.check(draft, within_draft=False) == []


def test_a_paper_seen_by_arxiv_id_in_another_form_is_flagged(index):
    draft = draft_with("综述 https://arxiv.org/abs/2303.18223v3\n\n"
                       "另一篇 [2307.03172.pdf (arxiv.org)](https://arxiv.org/pdf/2307.03172v2)")
    repeats = index.check(draft)
    assert [(r.line, r.key) for r in repeats] == [(1, "arxiv:2303.18223"),
                                                   (3, "arxiv:2307.03172")]
    assert _places(repeats[0]) == [("003", ("本周新闻", "学术"))]


@pytest.mark.parametrize(("a", "b"), [
    ("HTTPS://WWW.Zhihu.com/question/608894843/", "https://zhihu.com/question/608894843"),
    ("http://zhuanlan.zhihu.com/p/1?utm_source=wechat&utm_medium=social",
     "https://zhuanlan.zhihu.com/p/1"),
    ("https://www.bilibili.com/video/BV1Kh4y1E7nX/?share_source=copy_web&vd_source=9e78&t=610",
     "https://m.bilibili.com/video/BV1Kh4y1E7nX?p=1&share_medium=iphone&unique_k=2Z19"),
    ("https://link.zhihu.com/?target=https%3A//github.com/LC1332/Chat-Haruhi-Suzumiya",
     "https://github.com/lc1332/chat-haruhi-suzumiya.git"),
    ("https://arxiv.org/pdf/2306.17806v2.pdf", "https://huggingface.co/papers/2306.17806"),
    ("https://example.com/a?b=2&a=1#intro", "https://example.com/a?a=1&b=2"),
])
def test_links_that_name_the_same_page_normalise_alike(a, b):
    assert normalize_url(a) == normalize_url(b) != ""


@pytest.mark.parametrize(("a", "b"), [
    ("https://www.bilibili.com/video/BV1Kh4y1E7nX?p=2", "https://www.bilibili.com/video/BV1Kh4y1E7nX"),
    ("https://mp.weixin.qq.com/s?__biz=MzA&mid=1&idx=1&sn=a", "https://mp.weixin.qq.com/s?__biz=MzA&mid=2&idx=1&sn=b"),
    ("https://example.com/A", "https://example.com/a"),
    ("https://example.com/#/route", "https://example.com/#/other"),
])
def test_links_to_different_pages_stay_different(a, b):
    assert normalize_url(a) != normalize_url(b)


def test_paper_titles_are_recognised_in_the_ways_issues_write_them():
    assert find_titles("LongNet: Scaling Transformers to 1,000,000,000 Tokens") == [
        "LongNet: Scaling Transformers to 1,000,000,000 Tokens"]
    assert find_titles('MOSS-RLHF & "Secrets of RLHF in Large Language Models Part I: PPO"') == [
        "Secrets of RLHF in Large Language Models Part I: PPO"]
    assert find_titles("嗯, 是的 大家可以看这篇 paper Dissecting Recall of Factual Associations "
                       "in Auto-Regressive Language Models") == [
        "Dissecting Recall of Factual Associations in Auto-Regressive Language Models"]
    for sentence in ("Plus users can opt in via settings.", "个人喜欢 lora 方案--羡鱼",
                     "Code Interpreter will be available to all ChatGPT Plus users over the "
                     "next week.", "<https://github.com/InternLM/InternLM>"):
        assert find_titles(sentence) == [], sentence


def test_zhihu_share_titles_are_keys_too():
    keys = line_keys("垂直领域大模型的一些思考及开源模型汇总 - 刘聪 NLP 的文章 - 知乎")
    assert [(kind, value) for kind, _key, value in keys] == [
        ("article", "垂直领域大模型的一些思考及开源模型汇总")]
