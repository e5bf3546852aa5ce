"""The importer works for the family of issues, not only the samples: a synthetic issue 012 in
plain text and Markdown (renamed subsections, a new section, 八点, ``Q1：…—name`` pairs, a
pasted headline, images), the metadata parsers on their own, and generated documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talkeditor.importing.importer import Finding, import_file, import_text, series_vocabulary
from talkeditor.importing.vocabulary import parse_datetime, parse_field_line, parse_title
from talkeditor.storage import yaml_format
from talkeditor.storage.yaml_format import IssueFormatError

from .test_importer_samples import assert_nothing_lost, leaf, tree

HERE = Path(__file__).resolve().parent / "fixtures" / "import"
TXT, MD = HERE / "issue-012.txt", HERE / "issue-012.md"


@pytest.fixture(scope="module")
def txt():
    return import_file(TXT)


@pytest.fixture(scope="module")
def md():
    return import_file(MD)


def test_a_new_plain_text_issue_loses_no_line(txt):
    assert assert_nothing_lost(TXT.read_text(encoding="utf-8"), txt) == 57


def test_renamed_subsections_a_new_section_and_a_leading_privacy_note_are_recognised(txt):
    assert tree(txt.issue) == [
        ("注意事项", []), ("序章", leaf("背景介绍", "本期记录")),
        ("本周新闻", leaf("学术", "项目", "工业")), ("本周论文", []),
        ("本周推荐", leaf("资料", "模型", "其他")), ("本周八卦-optional", []),
        ("Free Talk", leaf("线上讨论", "群里讨论")),
        *leaf("参考资料", "后续计划", "加入/赞助我们", "往期精彩")]
    paper = txt.issue.find_path("本周论文")
    assert [f.label for f in paper.fields] == ["本周论文", "贡献者"]
    assert paper.minutes == 20 and paper.contributors == ["初七"]
    assert txt.issue.find_path("注意事项").fields[0].label == "隐私"


def test_eight_pm_and_the_other_header_fields_become_metadata(txt):
    issue = txt.issue
    assert (issue.number, issue.date, issue.time) == ("012", "2023-09-16", "20:00")
    assert issue.title.startswith("【OpenLLM Talk 012】本期提要：Falcon 180B")
    assert issue.highlights == ["Falcon 180B", "Baichuan2", "长上下文", "RLHF 实践"]
    assert issue.host == ["羡鱼", "初七"] and issue.editors == ["suc16"]
    assert issue.video == "https://www.bilibili.com/video/BV1xx411c7XX/"
    record = issue.find_path("序章", "本期记录")
    time = record.field_named("时间")
    assert (time.bind, time.value, time.note) == ("datetime", "", "（每周六晚上八点，节假日顺延）")
    assert record.field_named("talk 视频").bind == "video"
    assert txt.summary.people == ["羡鱼", "初七", "suc16", "yuhan"]


def test_question_and_answer_pairs_with_inline_credits_stay_in_the_discussion(txt):
    online = txt.issue.find_path("Free Talk", "线上讨论")
    assert online.body.startswith("Q1：长上下文到底怎么评测？—羡鱼\n\nA1：needle in a haystack")
    assert "Q2：RLHF 的 reward hacking 怎么办？--群友\n\nA2：" in online.body


def test_a_new_markdown_issue_loses_no_line(md):
    assert assert_nothing_lost(MD.read_text(encoding="utf-8"), md) == 50


def test_markdown_headings_that_are_not_sections_stay_as_body_text(md):
    assert tree(md.issue) == [
        ("注意事项", []), ("序章", leaf("背景介绍", "本期记录")),
        ("本周新闻", leaf("学术", "工业")), ("本周论文", []),
        ("本周推荐", [("资料", []), ("其他", leaf("refs"))]),
        ("Free Talk", leaf("线上讨论", "群里讨论")), ("加入/赞助我们", [])]
    academic = md.issue.find_path("本周新闻", "学术").body
    assert academic.startswith("#### 震惊！某大模型在长上下文评测中全面超越人类")
    assert md.issue.find_path("本周新闻", "工业").body.startswith("#### https://falconllm.tii.ae/")
    paper = md.issue.find_path("本周论文").body
    assert "```\n# shift short attention\nqkv = shift(qkv, group_size)\n```" in paper
    assert "![]()<!-- figure with no raster image -->" in paper
    assert len(md.summary.kept_as_text) == 2


def test_header_lines_that_would_render_differently_keep_their_text(md):
    issue = md.issue
    assert (issue.date, issue.time) == ("2023-09-16", "20:30")
    assert issue.highlights == ["Falcon 180B", "Baichuan2", "长上下文", "RLHF 实践"]
    assert issue.editors == ["羡鱼", "suc16"]
    assert issue.video == "https://www.bilibili.com/video/BV1xx411c7XX/"
    record = issue.find_path("序章", "本期记录")
    assert record.field_named("时间").bind == "datetime"      # 八点半 renders back the same
    for label, value in (("本期提要", "Falcon 180B；Baichuan2；长上下文；RLHF 实践;"),
                         ("编辑", "羡鱼，suc16（最好由主持人兼任）"),
                         ("talk视频", "<https://www.bilibili.com/video/BV1xx411c7XX/>")):
        f = record.field_named(label)
        assert (f.bind, f.value) == (None, value), label


def test_markdown_images_next_to_the_file_are_imported_and_missing_ones_reported(md):
    assert set(md.assets) == {"fig_1.png", "qq.png"}
    assert md.assets["qq.png"] == (HERE / "issue-012-media" / "qq.png").read_bytes()
    join = md.issue.find_path("加入/赞助我们").body
    assert "![descript](assets/qq.png)" in join
    assert "![missing](issue-012-media/nothere.png)" in join
    assert Finding("image_missing", {"target": "issue-012-media/nothere.png",
                                     "reason": "not_found"}) in md.summary.findings
    assert "![descript](assets/fig_1.png)" in md.issue.find_path("本周新闻", "工业").body


def test_import_text_in_memory_leaves_relative_images_alone():
    result = import_text(MD.read_text(encoding="utf-8"), "md", "issue-012.md")
    assert result.assets == {}
    assert "![descript](issue-012-media/qq.png)" in result.issue.find_path("加入/赞助我们").body


def test_titles_known_from_the_archive_are_sections_in_plain_text():
    text = "本周新闻\n\n【本周新闻】：news\n\n数据专题\n\n一些数据集\n"
    plain = import_text(text, "txt")
    assert [s.title for s in plain.issue.sections] == ["本周新闻"]
    known = import_text(text, "txt", known_titles={"数据专题"})
    assert [s.title for s in known.issue.sections] == ["本周新闻", "数据专题"]


def test_text_before_any_section_opens_the_issue_and_unrecognised_text_is_kept():
    result = import_text("just some notes\n\nmore notes\n", "txt")
    assert [s.title for s in result.issue.sections] == ["序章"]
    assert result.issue.sections[0].body == "just some notes\n\nmore notes\n"
    assert result.summary.kept_as_text == ["just some notes", "more notes"]


@pytest.mark.parametrize("text", ["", "   \n\n", "\x00\x01binary"])
def test_import_text_refuses_empty_or_binary_text(text):
    with pytest.raises(IssueFormatError):
        import_text(text, "md")


# ---------------------------------------------------------------- metadata parsers


@pytest.mark.parametrize("value, expected", [
    ("20230610 晚上十点", ("2023-06-10", "22:00", "")),
    ("20230708晚上九点（每周六晚上九点，节假日顺延）", ("2023-07-08", "21:00",
                                               "（每周六晚上九点，节假日顺延）")),
    ("20230916 晚上八点", ("2023-09-16", "20:00", "")),
    ("2023-09-16 下午三点半", ("2023-09-16", "15:30", "")),
    ("2023年9月16日 晚上8点15分", ("2023-09-16", "20:15", "")),
    ("20230916 20:00", ("2023-09-16", "20:00", "")),
    ("20230916 待定", ("2023-09-16", "", " 待定")),
    ("20231301 晚上九点", None),
    ("晚上九点", None),
])
def test_the_time_field_is_read_in_the_ways_issues_write_it(value, expected):
    assert parse_datetime(value) == expected


@pytest.mark.parametrize("line, title, expected", [
    ("【贡献者】：羡鱼", "", ("贡献者", "：", "羡鱼")),
    ("【贡献者】 : 羡鱼", "", ("贡献者", " : ", "羡鱼")),
    ("【本期贡献者】 - 排名不分先后：", "", ("本期贡献者", " - 排名不分先后：", "")),
    ("【本期贡献者】- 排名不分先后：", "", ("本期贡献者", "- 排名不分先后：", "")),
    ("【Free Talk】自由提问，自由讨论", "Free Talk", ("Free Talk", "", "自由提问，自由讨论")),
    ("【OpenLLM Talk 003】本期提要：SuperCLUE", "往期精彩", None),
    ("【骆驼开源】Chat 凉宫春日", "Free Talk", None),
    ("缘起：OpenLLM Talk 这个事情起源于", "序章", None),
])
def test_field_lines_are_recognised_with_their_separator_as_written(line, title, expected):
    f = parse_field_line(line, title)
    assert (None if f is None else (f.label, f.sep, f.value)) == expected


@pytest.mark.parametrize("line, expected", [
    ("OpenLLM Talk 000", ("000", "")),
    ("# tOpenLLM Talk 005", ("005", "tOpenLLM Talk 005")),
    ("【OpenLLM Talk】番外02：OpenRLHF框架", ("番外02", "【OpenLLM Talk】番外02：OpenRLHF框架")),
    ("【OpenLLM Talk 004】本期提要：检索+LLM", ("004", "【OpenLLM Talk 004】本期提要：检索+LLM")),
    ("示例：可参考OpenLLM Talk 001中的state of gpt", None),
    ("本周新闻", None),
])
def test_issue_titles_give_the_number(line, expected):
    info = parse_title(line, series_vocabulary())
    assert (None if info is None else (info.number, info.title)) == expected


# ---------------------------------------------------------------- generated documents

_PIECES = [
    "序章", "本期记录", "本周新闻", "学术", "工业", "其他", "线上讨论：", "refs:", "Free Talk",
    "本周经典-optional", "本周八卦-optional", "往期精彩", "OpenLLM Talk 012", "# OpenLLM Talk 012",
    "【编号】：OpenLLM Talk 012 (注)", "【时间】：20230916 晚上八点（注）", "【时间】：20230916",
    "【本期提要】：a；b；", "【本期提要】：a;b", "【主持人】：羡鱼（注）", "【编辑】：a、b",
    "【版块负责人】： （注）", "【talk 视频】：https://b.tv/x", "【贡献者】：a、b",
    "【贡献者】：a（编辑）+群友", "【本周新闻】：news；共~10 分钟；", "【Free Talk】自由提问",
    "【本期贡献者】 - 排名不分先后：", "【x】y", "缘起：z", "# 本周新闻", "## 学术", "### refs:",
    "# 随便一个标题", "## 小节", "# https://x.y/z", "# 一句话。", "#", "####### seven", "```",
    "~~~", "<!-- c -->", "<!--", "-->", "![a](m/p.png)", "![]()", "- item", "1. item", "Q1：问—名",
    "  indented", "\t", "   ", "", "# 序章 ##", "## 本周经典-optional", "-optional", "# -optional",
    "X-OPTIONAL", "【编号】：番外03", "【时间】：20230916晚上八点半", "　　全角缩进",
    "  <!-- c -->", "【Free Talk】", "本周新闻-optional", "| a | b |", "> 引用",
]
_LINE = st.one_of(st.sampled_from(_PIECES),
                  st.text(alphabet="ab中文：【】#-*（）() 0123456789\u3000", max_size=12))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(_LINE, min_size=1, max_size=30), kind=st.sampled_from(["txt", "md"]))
def test_any_document_of_known_pieces_imports_without_losing_a_line(lines, kind):
    text = "\n".join(lines)
    try:
        result = import_text(text, kind)
    except IssueFormatError:
        assert not text.strip()
        return
    assert_nothing_lost(text, result)
    dumped = yaml_format.dumps(result.issue)
    assert yaml_format.loads(dumped) == result.issue
