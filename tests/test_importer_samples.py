"""Importing the real past issues (samples/): nothing lost, metadata right, the tree as written.

Expected values below were written by hand from reading each sample. The "nothing lost" check
(``assert_nothing_lost``) is shared with the other importer tests.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from talkeditor.importing.findings import Finding
from talkeditor.importing.importer import ImportResult, import_file, write_import
from talkeditor.render.issue_markdown import heading_text, issue_markdown
from talkeditor.storage import yaml_format
from talkeditor.storage.files import load_yaml_issue

from .conftest import FIXTURES

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")


_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!])")


def _line(text: str) -> str:
    """A line as compared: as it reads (Markdown escapes such as ``\\#`` and ``&lt;``
    undone: escaping text keeps it), images without their target, no heading marks, spaces
    collapsed."""
    text = _ESCAPE.sub(r"\1", text).replace("&lt;", "<").replace("&#61;", "=")
    text = text.replace("&amp;", "&")
    text = _IMAGE.sub(r"![\1]()", text.strip())
    text = re.sub(r"^#{1,6}\s+(.*?)(?:\s+#+)?$", r"\1", text)  # ATX heading marks
    return " ".join(text.split())


def _squashed(text: str) -> str:
    return "".join(_line(text).split())


def source_lines(text: str, comment: str = "") -> list[str]:
    """The non-empty lines of a source, without the leading comment the importer took."""
    lines = [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    skip = [line for line in comment.split("\n") if line.strip()]
    assert [line.strip() for line in lines[: len(skip)]] == [line.strip() for line in skip]
    return lines[len(skip):]


def assert_nothing_lost(text: str, result: ImportResult) -> int:
    """Every non-empty source line comes back, once, in the rendered issue.

    Lines compare with spaces collapsed and heading marks removed; a ``【label】`` header line
    that became metadata may differ in whitespace only (``20230708晚上九点`` renders as
    ``20230708 晚上九点``). Image targets are ignored here (they become ``assets/…``).
    Also checks the importer's own accounting: every source line is a heading, a field, a body
    line or metadata. Returns the number of lines checked.
    """
    rendered = [line for line in issue_markdown(result.issue).split("\n") if line.strip()]
    exact = Counter(_line(line) for line in rendered)
    loose = Counter(_squashed(line) for line in rendered)
    # A heading's trailing colon is punctuation, not part of the title (``refs:`` -> refs).
    headings = Counter(_line(line) for line in rendered if line.startswith("#"))
    lines = source_lines(text, result.issue.extra.get("imported_from", {}).get("comment", ""))
    missing = []
    for line in lines:
        if exact[_line(line)] > 0:
            exact[_line(line)] -= 1
            loose[_squashed(line)] -= 1
        elif line.strip().startswith("【") and loose[_squashed(line)] > 0:
            loose[_squashed(line)] -= 1
        elif headings[_line(line).rstrip(":：").rstrip()] > 0:
            headings[_line(line).rstrip(":：").rstrip()] -= 1
        else:
            missing.append(line)
    assert missing == []
    s = result.summary
    assert s.source_lines == s.heading_lines + s.fields + s.body_lines + s.metadata_lines
    return len(lines)


def tree(issue) -> list:
    """The section tree as nested (heading text, children) pairs."""
    def node(section):
        return (heading_text(section), [node(c) for c in section.children])
    return [node(s) for s in issue.sections]


def leaf(*titles: str) -> list:
    return [(t, []) for t in titles]


PREFACE_3 = ("序章", leaf("背景介绍", "本期记录", "注意事项"))
NEWS = ("本周新闻", leaf("学术", "项目", "工业界"))
CLASSIC, PRACTICE = ("本周经典-optional", []), ("本周实践-optional", [])
TAIL = leaf("参考资料", "后续计划", "加入/赞助我们", "往期精彩")

TREES = {
    "seed/openllm-talk-000.txt": [
        ("序章", []), NEWS, ("本周推荐", leaf("模型", "项目", "其他")), CLASSIC, PRACTICE,
        ("Free Talk", []), ("参考资料", [])],
    "seed/openllm-talk-004.txt": [
        PREFACE_3, NEWS,
        ("本周推荐", [*leaf("资料", "模型", "项目"), ("杂项", leaf("refs"))]), CLASSIC, PRACTICE,
        ("Free Talk", leaf("线上讨论", "群里讨论")), *TAIL],
    "issues/talk-001.md": [
        ("序章", []), NEWS, ("本周推荐", [*leaf("模型", "项目"), ("杂项", leaf("refs"))]),
        CLASSIC, PRACTICE, ("Free Talk", []), ("参考资料", [])],
    "issues/talk-002.md": [
        PREFACE_3, NEWS, ("本周推荐", [*leaf("模型", "项目"), ("杂项", leaf("refs"))]),
        CLASSIC, PRACTICE, ("Free Talk", leaf("线上讨论", "群里讨论")),
        *leaf("参考资料", "后续计划", "加入/赞助我们")],
    "issues/talk-003.md": [
        PREFACE_3, NEWS,
        ("本周推荐", [*leaf("资料", "模型", "项目"), ("杂项", leaf("refs"))]), CLASSIC, PRACTICE,
        ("Free Talk", leaf("线上讨论", "群里讨论")), *TAIL],
}
TREES["issues/talk-005.md"] = TREES["issues/talk-003.md"]
TREES["issues/talk-006.md"] = TREES["issues/talk-003.md"]  # "# LLaMA2 框架" is not a section

# number, date, time, (count, first, last) of 本期提要, host, editors — read off each file.
METADATA = {
    "seed/openllm-talk-000.txt": ("000", "2023-06-10", "22:00",
                                  (1, "本期以跑通流程为主，内容上可以看看本周经典和 free talk",
                                   "本期以跑通流程为主，内容上可以看看本周经典和 free talk"),
                                  ["羨鱼"], []),
    "seed/openllm-talk-004.txt": ("004", "2023-07-15", "21:00", (14, "检索+LLM", "知识在哪儿"),
                                  ["羡鱼"], ["羡鱼", "suc16"]),
    "issues/talk-001.md": ("001", "2023-06-17", "22:00", (13, "OpenAI上新", "中文RLHF数据"),
                           ["羡鱼"], []),
    "issues/talk-002.md": ("002", "2023-07-01", "21:00", (6, "chatgpt增速放缓", "参数和数据比例"),
                           ["羡鱼"], []),
    "issues/talk-003.md": ("003", "2023-07-08", "21:00", (9, "SuperCLUE-Open", "vllm讨论"),
                           ["suc16", "初七"], ["羡鱼"]),
    "issues/talk-005.md": ("005", "2023-07-22", "21:00", (12, "llama2", "断点恢复"),
                           ["羡鱼"], ["羡鱼"]),
    "issues/talk-006.md": ("006", "2023-07-29", "21:00", (11, "ICML2023杰出论文",
                                                          "OpenLLMAI与实践计划"),
                           ["羡鱼"], ["羡鱼"]),
}

TEXT_SAMPLES = sorted(TREES)


@pytest.fixture(scope="module")
def imported():
    """Each text/Markdown sample imported once for the module."""
    from .conftest import SAMPLES

    return {name: (SAMPLES / name, import_file(SAMPLES / name)) for name in TEXT_SAMPLES}


@pytest.mark.parametrize("name", TEXT_SAMPLES)
def test_every_line_of_the_sample_comes_back_in_the_rendered_issue(imported, name):
    path, result = imported[name]
    checked = assert_nothing_lost(path.read_text(encoding="utf-8"), result)
    assert checked > 100


@pytest.mark.parametrize("name", TEXT_SAMPLES)
def test_number_date_time_highlights_and_people_are_recognised(imported, name):
    _path, result = imported[name]
    issue = result.issue
    number, date, time, (count, first, last), host, editors = METADATA[name]
    assert (issue.number, issue.date, issue.time) == (number, date, time)
    assert len(issue.highlights) == count
    assert (issue.highlights[0], issue.highlights[-1]) == (first, last)
    assert issue.host == host and issue.editors == editors
    assert issue.timezone == "Asia/Shanghai" and issue.series == "OpenLLM Talk"


@pytest.mark.parametrize("name", TEXT_SAMPLES)
def test_the_section_tree_follows_the_documents_own_headings(imported, name):
    assert tree(imported[name][1].issue) == TREES[name]


def test_seed_004_maps_onto_the_model_like_the_hand_built_fixture(imported):
    issue = imported["seed/openllm-talk-004.txt"][1].issue
    fixture = load_yaml_issue(FIXTURES / "issue-004.yaml")
    for key in ("series", "number", "title", "date", "time", "timezone", "highlights", "host",
                "editors", "video", "template"):
        assert getattr(issue, key) == getattr(fixture, key), key

    def by_path(i):
        out = {}

        def walk(sections, prefix):
            for s in sections:
                out[(*prefix, s.title)] = s
                walk(s.children, (*prefix, s.title))
        walk(i.sections, ())
        return out

    mine, theirs = by_path(issue), by_path(fixture)
    # Where the importer deliberately differs from the hand-built file: 线上讨论：/群里讨论: and
    # refs: become subsections, and 往期精彩's first link stays body text, not a field.
    differs = {("本周推荐", "杂项"), ("Free Talk",), ("往期精彩",)}
    assert set(theirs) <= set(mine)
    for path, expected in theirs.items():
        got = mine[path]
        assert (got.id, got.optional, got.minutes, got.body_kind) == \
            (expected.id, expected.optional, expected.minutes, expected.body_kind), path
        if path in differs:
            continue
        assert got.fields == expected.fields, path
        assert got.body == expected.body, path
    assert mine[("Free Talk",)].fields == theirs[("Free Talk",)].fields


def test_header_fields_bind_to_metadata_only_when_they_render_back_the_same(imported):
    record = imported["issues/talk-003.md"][1].issue.find_path("序章", "本期记录")
    binds = {f.label: f.bind for f in record.fields}
    assert binds["编号"] == "number" and binds["时间"] == "datetime"
    assert binds["主持人"] == "host" and binds["编辑"] == "editors"
    # The video line carries a title before its URL: the URL is metadata, the line stays text.
    video = record.field_named("talk视频")
    assert video.bind is None and video.value.startswith("【【OpenLLM Talk 003】")
    assert imported["issues/talk-003.md"][1].issue.video.startswith("https://www.bilibili.com/")
    # 001's 【编号】 says 000 while its title says 001: the title wins, the field keeps its text.
    preface = imported["issues/talk-001.md"][1].issue.find_path("序章")
    number = preface.field_named("编号")
    assert number.bind is None and number.value.startswith("OpenLLM Talk 000")
    assert Finding("number_differs", {"label": "编号", "written": "000", "number": "001"}) in \
        imported["issues/talk-001.md"][1].summary.findings


def test_issue_000_keeps_its_header_after_the_unbracketed_yuanqi_as_body(imported):
    result = imported["seed/openllm-talk-000.txt"][1]
    preface = result.issue.find_path("序章")
    assert preface.fields == []
    assert preface.body.startswith("缘起：OpenLLM Talk 这个事情起源于")
    assert "【时间】：20230610 晚上十点" in preface.body
    assert "【时间】：20230610 晚上十点" in result.summary.kept_as_text


def test_a_pasted_headline_stays_in_the_section_body_with_its_subheadings(imported):
    practice = imported["issues/talk-006.md"][1].issue.find_path("本周实践")
    assert practice.children == []
    assert practice.body.startswith("### LLaMA2 框架\n\n#### 成员\n\n初七, qwang")
    assert practice.field_named("建议区").value.startswith("coding搞起来")
    assert practice.body.rstrip().endswith("然后起一个好听的名字")


def test_a_hash_line_inside_a_code_fence_is_code_not_a_heading(imported):
    practice = imported["issues/talk-001.md"][1].issue.find_path("本周实践")
    assert "\n# C-eval里面很多数据需要多步思考" in practice.body
    assert "```\n\n![]()<!-- figure on PDF page 5" in practice.body


def test_the_comment_and_title_line_are_metadata_even_with_a_typo_in_the_title(imported):
    issue = imported["issues/talk-005.md"][1].issue
    assert issue.number == "005" and issue.title == "tOpenLLM Talk 005"
    assert issue.sections[0].title == "序章"
    assert issue.extra["imported_from"]["comment"].startswith("<!-- DERIVED, not verbatim")
    assert imported["issues/talk-003.md"][1].issue.title == ""


@pytest.mark.parametrize("name", [n for n in TEXT_SAMPLES if n.endswith(".md")])
def test_markdown_images_become_assets_and_placeholders_stay(imported, name):
    path, result = imported[name]
    media = path.with_name(path.stem + "-media")
    expected = {p.name: p.read_bytes() for p in media.iterdir()}
    assert result.assets == expected
    bodies = "\n".join(s.body for s, _d in result.issue.walk())
    refs = re.findall(r"!\[[^\]]*\]\(([^)]*)\)", bodies)
    assert sorted(r for r in refs if r) == sorted(f"assets/{n}" for n in expected)
    assert result.summary.images == len(expected)
    placeholders = path.read_text(encoding="utf-8").count("![]()")
    assert bodies.count("![]()") == placeholders


@pytest.mark.parametrize("name", TEXT_SAMPLES)
def test_the_imported_issue_survives_a_yaml_round_trip(imported, name):
    issue = imported[name][1].issue
    text = yaml_format.dumps(issue)
    assert yaml_format.loads(text) == issue
    assert yaml_format.dumps(yaml_format.loads(text)) == text


def test_write_import_saves_yaml_markdown_and_assets_that_load_back(imported, tmp_path):
    result = imported["issues/talk-002.md"][1]
    saved = write_import(result, tmp_path / "002" / "issue.yaml")
    assert saved == tmp_path / "002" / "issue.yaml"
    assert load_yaml_issue(saved) == result.issue
    assert (tmp_path / "002" / "issue.md").read_text(encoding="utf-8") == \
        issue_markdown(result.issue)
    for name, blob in result.assets.items():
        assert (tmp_path / "002" / "assets" / name).read_bytes() == blob


def test_the_summary_counts_what_was_recognised_and_names_the_metadata_by_key(imported):
    summary = imported["seed/openllm-talk-004.txt"][1].summary
    assert (summary.sections, summary.fields, summary.images) == (23, 31, 0)
    assert summary.metadata == ["number", "datetime", "highlights", "host", "editors"]
    assert summary.people == ["羡鱼", "suc16"]
    assert summary.body_lines > 0


def test_known_titles_from_the_archive_make_an_unknown_heading_a_section(samples):
    path = Path(samples) / "issues" / "talk-006.md"
    result = import_file(path, known_titles={"LLaMA2 框架"})
    titles = [s.title for s in result.issue.sections]
    assert titles.index("LLaMA2 框架") == titles.index("本周实践") + 1
    assert [c.title for c in result.issue.find_path("LLaMA2 框架").children] == ["成员", "技术讨论"]
