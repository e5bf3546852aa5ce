"""Starting the next issue from a past one: number, date, skeleton kept, weekly content
cleared, 往期精彩 regenerated from the archive; and ``talkeditor new --from / --archive``."""

import re
import shutil
from datetime import date

import pytest

from talkeditor.archive.folder import Archive
from talkeditor.model import BODY_STANDING, Issue, Section
from talkeditor.reuse.next_issue import next_issue, next_session_date
from talkeditor.reuse.past_issues import past_issue_lines, past_list_title
from talkeditor.storage.files import load_yaml_issue

from .conftest import FIXTURES, run_cli

ARCHIVE = FIXTURES / "archive"
TODAY = date(2023, 7, 18)  # a Tuesday after issue 004 (Saturday 2023-07-15)


@pytest.fixture
def past() -> Issue:
    return load_yaml_issue(FIXTURES / "issue-004.yaml")


@pytest.fixture
def draft(past) -> Issue:
    return next_issue(past, Archive(ARCHIVE), today=TODAY)


def test_new_from_the_latest_gets_the_next_number_and_the_next_session(draft):
    assert draft.number == "005"
    assert (draft.date, draft.time, draft.timezone) == ("2023-07-22", "21:00", "Asia/Shanghai")
    assert date.fromisoformat(draft.date).weekday() == 5  # Saturday, like 004


@pytest.mark.parametrize(("past_date", "today", "expected"), [
    ("2023-07-15", date(2023, 7, 16), "2023-07-22"),   # a week on
    ("2023-07-15", date(2023, 7, 22), "2023-07-22"),   # today is the day
    ("2023-07-15", date(2023, 7, 23), "2023-07-29"),   # missed: the first one >= today
    ("2023-07-15", date(2023, 9, 1), "2023-09-02"),    # weeks later, same weekday
    ("2023-07-15", date(2023, 7, 1), "2023-07-22"),    # past issue in the future: a week on
    ("", date(2023, 7, 1), ""),
    ("15 July", date(2023, 7, 1), ""),
])
def test_the_date_keeps_the_weekly_rhythm_and_is_never_in_the_past(past_date, today, expected):
    assert next_session_date(past_date, today) == expected


def test_the_skeleton_and_format_are_kept(past, draft):
    def shape(issue):
        return [(s.id, s.title, d, s.optional, s.minutes, s.body_kind,
                 [(f.label, f.sep, f.bind, f.note, f.keep) for f in s.fields])
                for s, d in issue.walk() if s.id != "past"]  # 往期精彩: regenerated

    assert shape(draft) == shape(past)
    background = draft.find("background")
    assert background.field_named("缘起").value.startswith("OpenLLM Talk 这个事情起源于")
    assert draft.find("notes").field_named("talk 模板").value.startswith(
        "<https://zhuanlan.zhihu.com/p/640522290>")
    assert draft.find("plans").body == past.find("plans").body  # standing text
    assert draft.find("join").body == past.find("join").body
    assert draft.find("record").field_named("版块负责人").value == "多人"  # kept fallback
    assert draft.find("classic").field_named("提名区").value == "量化"  # keep=True
    assert draft.find("classic").optional and draft.find("recommend").minutes == 15


def test_the_weekly_content_is_cleared(past, draft):
    assert past.find("news-academic").body and past.find("freetalk").body
    for section, _depth in draft.walk():
        if section.id != "past":
            assert section.body_kind == BODY_STANDING or section.body == "", section.title
        assert section.owners == [] and section.contributors == []
        assert all(f.value == "" for f in section.fields if not f.keep)
    assert draft.find("freetalk").field_named("贡献者").value == ""  # keep=False
    assert (draft.highlights, draft.video, draft.zhihu, draft.title) == ([], "", "", "")
    assert draft.host == [] and draft.editors == []  # alike, as the template says
    assert past == load_yaml_issue(FIXTURES / "issue-004.yaml"), "the past issue is unchanged"
    draft.find("past").fields.append(past.find("past").fields[0])
    assert len(past.find("past").fields) == 1, "the draft shares nothing with the past issue"


def test_host_and_editors_can_be_kept_or_cleared(past):
    kept = next_issue(past, today=TODAY, keep_host=True, keep_editors=False)
    assert kept.host == ["羡鱼"] and kept.editors == []


def test_past_list_names_the_archive_newest_first_then_keeps_the_template_line(draft):
    lines = past_issue_lines(draft.find("past"), "OpenLLM Talk")
    numbers = [re.match(r"【+OpenLLM Talk (\d+)】", line).group(1) for line in lines]
    assert numbers[:6] == ["004", "003", "003", "002", "001", "000"]  # 003: article + video
    body = draft.find("past").body
    # 004 is new to the list: built from its highlights
    assert "\n\n【OpenLLM Talk 004】本期提要：检索+LLM；抱抱脸 daily papers；" in body
    # 002 and 003 keep the published title lines; their Zhihu links are there once
    assert body.count("<https://zhuanlan.zhihu.com/p/641285737>") == 1
    assert body.count("https://zhuanlan.zhihu.com/p/642376781") == 1
    # 番外02 (special, newer than everything) is listed by its title
    assert "【OpenLLM Talk】番外02：OpenRLHF框架" in body
    assert body.index("番外02") < body.index("【OpenLLM Talk 004】")
    # the line that is not an issue stays, last
    assert body.rstrip().endswith(
        "【OpenLLM Talk 模版】兴趣和热爱胜过一切，OpenLLM 就从这里开始吧！欢迎加入！"
        " - 羡鱼智能的文章 - 知乎\n\n<https://zhuanlan.zhihu.com/p/640522290>")
    # the 003 title line that was a 【…】 field is now in the body, in its place
    assert draft.find("past").fields == []


def test_without_an_archive_the_number_follows_the_past_issue_and_the_list_gains_it(past):
    draft = next_issue(past, today=TODAY)
    assert draft.number == "005"
    assert draft.find("past").body.startswith("【OpenLLM Talk 004】")
    past.number = "099"
    assert next_issue(past, today=TODAY).number == "100"
    past.number = "番外03"
    assert next_issue(past, today=TODAY).number == ""


def test_a_known_zhihu_link_is_added_to_the_entry_of_its_issue(past, tmp_path):
    shutil.copytree(ARCHIVE, tmp_path / "a")
    archive = Archive(tmp_path / "a")
    published = archive.load("004")
    published.zhihu = "https://zhuanlan.zhihu.com/p/643960837"
    archive.add(published)
    body = next_issue(archive.load("004"), archive, today=TODAY).find("past").body
    blocks = body.split("\n\n")
    at = next(i for i, b in enumerate(blocks) if b.startswith("【OpenLLM Talk 004】本期提要："))
    assert blocks[at + 1] == "<https://zhuanlan.zhihu.com/p/643960837>"


def test_the_past_list_line_is_the_published_title_under_the_issues_head():
    cases = {("007", "", ("a", "b")): "【OpenLLM Talk 007】本期提要：a；b",
             ("000", "我们做了一个平台", ()): "【OpenLLM Talk 000】我们做了一个平台",
             ("番外02", "【OpenLLM Talk】番外02：x", ()): "【OpenLLM Talk】番外02：x",
             ("008", "", ()): "【OpenLLM Talk 008】"}
    for (number, title, highlights), line in cases.items():
        issue = Issue(number=number, title=title, highlights=list(highlights))
        assert past_list_title(issue) == line


def test_a_past_issue_without_a_past_list_gets_none(past):
    bare = Issue(number="001", date="2023-06-17", sections=[Section(title="本周新闻", body="x")])
    draft = next_issue(bare, Archive(ARCHIVE), today=TODAY)
    assert draft.number == "005" and [s.title for s in draft.sections] == ["本周新闻"]
    assert draft.sections[0].body == ""


# ---------------------------------------------------------------- command line


def _is_next_saturday(day: str) -> bool:
    new = date.fromisoformat(day)
    return new.weekday() == 5 and new >= date.today() and (new - date(2023, 7, 15)).days % 7 == 0


def test_cli_new_from_a_past_yaml_writes_the_next_issue(tmp_path):
    target = tmp_path / "005" / "issue.yaml"
    out = run_cli("new", "-o", target, "--from", FIXTURES / "issue-004.yaml")
    assert out.returncode == 0, out.stderr
    issue = load_yaml_issue(target)
    assert issue.number == "005" and _is_next_saturday(issue.date)
    assert "005" in out.stdout and issue.date in out.stdout
    assert (tmp_path / "005" / "issue.md").exists()
    assert issue.find("news-academic").body == "" and issue.find("plans").body


def test_cli_new_with_only_an_archive_starts_from_its_latest(tmp_path):
    target = tmp_path / "next.yaml"
    out = run_cli("new", "-o", target, "--archive", ARCHIVE)
    assert out.returncode == 0, out.stderr
    issue = load_yaml_issue(target)
    assert issue.number == "005" and _is_next_saturday(issue.date)
    assert "004" in out.stdout  # where it came from
    assert "番外02" in issue.find("past").body


def test_cli_new_numbers_from_the_archive_when_both_are_given(tmp_path):
    target = tmp_path / "next.yaml"
    out = run_cli("new", "-o", target, "--from", ARCHIVE / "002" / "issue.yaml",
                  "--archive", ARCHIVE)
    assert out.returncode == 0, out.stderr
    assert load_yaml_issue(target).number == "005"


def test_cli_new_from_a_template_takes_number_date_and_past_list_from_the_archive(tmp_path):
    target = tmp_path / "next.yaml"
    out = run_cli("new", "-o", target, "--template", "openllm-talk", "--archive", ARCHIVE)
    assert out.returncode == 0, out.stderr
    issue = load_yaml_issue(target)
    assert issue.number == "005" and _is_next_saturday(issue.date) and issue.time == "21:00"
    assert issue.find("news-academic").body == "注：论文+重点"  # the template's standing text
    body = issue.find("past").body
    assert body.index("【OpenLLM Talk 004】") < body.index("【OpenLLM Talk 003】") < body.index(
        "【OpenLLM Talk 002】") < body.index("【OpenLLM Talk 模版】")


@pytest.mark.parametrize("case", ["from and template", "empty archive", "no archive",
                                  "broken past", "missing past", "archive is a file"])
def test_cli_new_bad_input_exits_2_with_one_line(tmp_path, case):
    (tmp_path / "empty").mkdir()
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(b"format: 1\nsections: [\n")
    args = {"from and template": ["--from", FIXTURES / "issue-004.yaml", "--template", "x"],
            "empty archive": ["--archive", tmp_path / "empty"],
            "no archive": ["--archive", tmp_path / "nowhere"],
            "broken past": ["--from", broken],
            "missing past": ["--from", tmp_path / "gone.md"],
            "archive is a file": ["--from", FIXTURES / "issue-004.yaml", "--archive", broken]}[case]
    out = run_cli("new", "-o", tmp_path / "x.yaml", *args)
    assert out.returncode == 2, out.stderr
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_cli_new_reports_broken_archive_files_but_still_works(tmp_path):
    shutil.copytree(ARCHIVE, tmp_path / "a")
    (tmp_path / "a" / "099").mkdir()
    (tmp_path / "a" / "099" / "issue.yaml").write_bytes(b"\x00\x01")
    out = run_cli("new", "-o", tmp_path / "x.yaml", "--archive", tmp_path / "a")
    assert out.returncode == 0, out.stderr
    assert "warning" in out.stderr and "099" in out.stderr
    assert load_yaml_issue(tmp_path / "x.yaml").number == "005"
