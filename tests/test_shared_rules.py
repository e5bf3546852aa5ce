"""One implementation per shared concept, and the two user-facing errors that carry the place."""

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from talkeditor.archive.folder import Archive
from talkeditor.credits.names import parse_credit_list, split_names
from talkeditor.credits.places import credits_of
from talkeditor.errors import IssueFormatError, TalkeditorError, WriteError
from talkeditor.importing.importer import import_text
from talkeditor.importing.open_any import open_issue
from talkeditor.model import Issue, Section, split_optional, title_key, walk_paths
from talkeditor.render.title import published_title
from talkeditor.reuse.past_issues import find_past_section, past_list_title
from talkeditor.storage import files as storage
from talkeditor.zhihu.export import zhihu_title

from .conftest import FIXTURES

ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- errors


def test_a_write_error_names_the_file_and_the_reason_and_is_an_os_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(WriteError) as caught:
        storage.atomic_write(blocker / "issue.yaml", "text")
    error = caught.value
    assert error.path == blocker / "issue.yaml" and error.reason
    assert str(error) == f"cannot write {blocker / 'issue.yaml'}: {error.reason}"
    assert isinstance(error, OSError) and isinstance(error, TalkeditorError)
    assert error.strerror == error.reason


def test_a_format_error_keeps_its_place_in_the_message():
    error = IssueFormatError("expected text", "sections[3].title", line=12, column=9)
    assert str(error) == "sections[3].title: expected text (line 12, column 9)"
    assert isinstance(error, ValueError) and isinstance(error, TalkeditorError)


def test_the_cli_reports_a_failed_write_in_one_line_with_exit_2(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = subprocess.run([sys.executable, "-m", "talkeditor", "render",
                          str(FIXTURES / "issue-004.yaml"), "-o", str(blocker / "out.md")],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "cannot write" in out.stderr
    assert str(blocker / "out.md") in out.stderr and "Traceback" not in out.stderr


def test_starting_the_cli_does_not_load_the_yaml_layer():
    code = ("import sys, talkeditor.cli.main\n"
            "print(any(m == 'yaml' or m.startswith('yaml.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------- sections and titles


def test_walk_paths_gives_every_section_with_the_titles_above_it():
    issue = Issue(sections=[Section("本周新闻", children=[Section("学术"), Section("工业")]),
                            Section("Free Talk")])
    assert [path for _s, path in issue.walk_with_path()] == [
        ("本周新闻",), ("本周新闻", "学术"), ("本周新闻", "工业"), ("Free Talk",)]
    assert [p for _s, p in walk_paths(issue.sections[0].children, ("X",))] == [
        ("X", "学术"), ("X", "工业")]


def test_title_key_ignores_spaces_case_emphasis_the_optional_suffix_and_a_colon():
    same = ["线上讨论", "线上 讨论", "**线上讨论**", "线上讨论：", "线上讨论-optional"]
    assert {title_key(t) for t in same} == {"线上讨论"}
    assert title_key("Free Talk") == title_key("free talk") != title_key("Free Talks")
    assert split_optional(" 本周经典-optional ") == ("本周经典", True)
    assert split_optional("本周经典") == ("本周经典", False)


def test_the_zhihu_title_and_the_past_list_line_are_the_same_line():
    cases = [Issue(number="004", highlights=["检索+LLM；", " 长驼 ", ""]),
             Issue(number="番外02", title="【OpenLLM Talk】番外02：x"),
             Issue(number="008")]
    assert [zhihu_title(i) for i in cases] == [published_title(i) for i in cases] == \
        [past_list_title(i) for i in cases] == [
        "【OpenLLM Talk 004】本期提要：检索+LLM；长驼",
        "【OpenLLM Talk】番外02：x",
        "【OpenLLM Talk 008】"]
    # A title off the pattern is published as written (the Zhihu check flags it); the past
    # list puts the issue's head in front so that it knows the entry.
    odd = Issue(number="000", title="我们做了一个\nLLM 平台")
    assert zhihu_title(odd) == published_title(odd) == "我们做了一个 LLM 平台"
    assert past_list_title(odd) == "【OpenLLM Talk 000】我们做了一个 LLM 平台"


# ---------------------------------------------------------------- names


def test_a_slash_separates_names_in_a_names_box_and_in_an_imported_file():
    assert split_names("羡鱼/suc16") == ["羡鱼", "suc16"]
    text = "# 序章\n\n【主持人】：羡鱼/suc16\n\n# 本周新闻\n\n【贡献者】：羡鱼/初七\n\nx\n"
    issue = import_text(text, "md").issue
    assert issue.host == ["羡鱼", "suc16"]
    # A contributors value that would not render back the same stays text; it credits two.
    news = issue.find_path("本周新闻")
    assert [p.name for p in credits_of(issue) if news.id in p.contributor_to] == ["羡鱼", "初七"]


def test_split_names_keeps_bracketed_notes_whole():
    assert split_names("羡鱼（编辑、审核）, 初七；Hope(可以写代码) 和 suc16") == [
        "羡鱼（编辑、审核）", "初七", "Hope(可以写代码)", "suc16"]
    assert split_names(" 、 ,，") == []


@given(st.lists(st.text(alphabet="羡鱼初七abcXYZ 12", min_size=1, max_size=8)
                .map(str.strip).filter(bool), max_size=6))
def test_split_names_reads_back_a_list_joined_with_any_separator(names):
    for sep in ("、", ", ", "；", "/"):
        assert split_names(sep.join(names)) == names


def test_split_names_and_credit_lists_agree_on_the_names():
    value = "羡鱼、suc16/初七 + Hope & 煮鱼；Dark Flame Master"
    assert split_names(value) == [item.name for item in parse_credit_list(value)]


# ---------------------------------------------------------------- files


def test_read_limited_refuses_missing_folders_and_large_files_naming_them(tmp_path):
    with pytest.raises(IssueFormatError, match="cannot read .*nope.md: no such file"):
        storage.read_limited(tmp_path / "nope.md", 10)
    with pytest.raises(IssueFormatError, match="is not a file"):
        storage.read_limited(tmp_path, 10)
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(IssueFormatError, match=r"big.md is too large \(2 KiB; the limit is 1 KiB"):
        storage.read_limited(big, 1024)
    assert storage.read_limited(big, 2048) == b"x" * 2048


def test_safe_and_unique_file_names():
    assert storage.safe_file_name("../a b?.png") == "a_b_.png"
    assert storage.safe_file_name("...", "image") == "image"
    assert storage.unique_file_name("a.png", {"a.png", "a-2.png"}) == "a-3.png"
    assert storage.unique_file_name("a.png", set()) == "a.png"
    assert storage.unique_file_name("README", {"README"}) == "README-2"


# ---------------------------------------------------------------- open a YAML or import it


def test_open_issue_loads_a_yaml_file_in_place(tmp_path):
    opened = open_issue(FIXTURES / "issue-004.yaml")
    assert not opened.imported and opened.path == (FIXTURES / "issue-004.yaml").resolve()
    assert opened.issue.number == "004" and opened.assets == {} and opened.summary is None


def test_open_issue_imports_a_past_issue_with_the_archives_titles_and_its_images(tmp_path):
    (tmp_path / "pic.png").write_bytes(b"\x89PNG fake")
    source = tmp_path / "talk.md"
    source.write_text("# 序章\n\n【编号】：OpenLLM Talk 009\n\n# 闲聊角\n\n![](pic.png)\n",
                      encoding="utf-8")
    bare = open_issue(source)
    assert bare.imported and bare.path is None and bare.assets == {"pic.png": b"\x89PNG fake"}
    assert bare.summary.images == 1
    archive = Archive(tmp_path / "archive")
    archive.add(Issue(number="008", sections=[Section("闲聊角", body="x")]))
    known = open_issue(source, archive)
    assert [s.title for s in known.issue.sections] == ["序章", "闲聊角"]
    assert known.issue.find_path("闲聊角").body == "![](assets/pic.png)"


def test_open_issue_refuses_a_missing_file_naming_it(tmp_path):
    for name in ("gone.yaml", "gone.md"):
        with pytest.raises(IssueFormatError, match=f"{name}: no such file"):
            open_issue(tmp_path / name)


def test_the_past_list_is_found_the_same_way_after_import():
    opened = open_issue(FIXTURES / "issue-004.yaml")
    assert find_past_section(opened.issue) is not None


def test_new_from_an_imported_past_issue_keeps_the_images_its_standing_text_uses(tmp_path):
    (tmp_path / "qr.png").write_bytes(b"\x89PNG qr")
    (tmp_path / "news.png").write_bytes(b"\x89PNG news")
    source = tmp_path / "talk-008.md"
    source.write_text("# 序章\n\n【编号】：OpenLLM Talk 008\n\n# 本周新闻\n\n![](news.png)\n\n"
                      "# 加入/赞助我们\n\n![](qr.png)\n", encoding="utf-8")
    out = tmp_path / "next" / "issue.yaml"
    run = subprocess.run([sys.executable, "-m", "talkeditor", "new", "--from", str(source),
                          "-o", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    issue = storage.load_yaml_issue(out)
    assert "![](assets/qr.png)" in issue.find_path("加入/赞助我们").body
    assert sorted(p.name for p in (out.parent / "assets").iterdir()) == ["qr.png"]
    assert (out.parent / "assets" / "qr.png").read_bytes() == b"\x89PNG qr"
