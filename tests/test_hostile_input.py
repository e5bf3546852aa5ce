"""Hostile or huge issue files get a clear answer within seconds (issue 14).

Numbers and dates are validated with their place; sizes beyond storage/limits.py are refused
(by load, import and save alike, before anything is written); Markdown nested hundreds of
levels deep renders everywhere without a RecursionError; unknown keys keep their type.
"""

import time

import pytest

from talkeditor.credits import places
from talkeditor.errors import IssueFormatError
from talkeditor.model import Issue, Section
from talkeditor.render.html import issue_html, markdown_to_html
from talkeditor.render.issue_markdown import issue_markdown
from talkeditor.storage import files, limits, yaml_format
from talkeditor.zhihu import export as zhihu

from .conftest import run_cli


def _error(text: str) -> IssueFormatError:
    with pytest.raises(IssueFormatError) as info:
        yaml_format.loads(text)
    return info.value


@pytest.mark.parametrize(("text", "where", "line"), [
    ("format: " + "9" * 5000 + "\n", "format", 1),
    ("format: 1\nsections:\n- title: a\n  minutes: " + "1" * 5000 + "\n", None, 4),
    ("format: 1\nsections:\n- title: a\n  minutes: 2147483648\n", "sections[0].minutes", 4),
    ("format: 1\nsections:\n- title: a\n  minutes: -5\n", "sections[0].minutes", 4),
    ("format: 1\nsections:\n- title: a\n  minutes: 10081\n", "sections[0].minutes", 4),
    ("format: 1\nextra_key: " + "7" * 4000 + "\n", None, 2),
    ("format: 1\nextra_key: -0x" + "f" * 4000 + "\n", None, 2),
])
def test_out_of_range_numbers_are_refused_with_their_place(text, where, line):
    error = _error(text)
    assert error.line == line and error.column is not None
    if where:
        assert error.where == where
    assert "number" in str(error)


@pytest.mark.parametrize("date", ["2024-13-45", "2023-02-29", "2024-00-10", "2024-04-31",
                                  "0000-01-01"])
def test_impossible_calendar_dates_are_refused_with_their_place(date):
    error = _error(f"format: 1\nnumber: '1'\ndate: '{date}'\n")
    assert error.where == "date" and error.line == 3 and date in str(error)


def test_real_calendar_dates_and_minutes_at_the_limits_are_accepted():
    issue = yaml_format.loads("format: 1\ndate: '2024-02-29'\nsections:\n- title: a\n"
                              f"  minutes: 0\n- title: b\n  minutes: {limits.MAX_MINUTES}\n")
    assert issue.date == "2024-02-29"
    assert [s.minutes for s in issue.sections] == [0, limits.MAX_MINUTES]


@pytest.mark.parametrize(("text", "needle"), [
    ("format: 1\nhighlights:\n" + "- a\n" * (limits.MAX_LIST_ITEMS + 1), "items"),
    ("format: 1\nsections:\n- title: a\n  owners: [" + "x, " * (limits.MAX_LIST_ITEMS + 1)
     + "]\n", "items"),
    ("format: 1\nsections:\n" + "- title: a\n" * (limits.MAX_SECTIONS + 1), "sections"),
    ("format: 1\ntitle: " + "长" * (limits.MAX_LINE_CHARS + 1) + "\n", "too long"),
    ("format: 1\nx: " + "[" * 100 + "]" * 100 + "\n", "nesting is too deep"),
    ("format: 1\nsections:\n- title: a\n  body: |\n"
     + "".join("    " + "  " * i + "- x\n" for i in range(60)), "nested"),
])
def test_sizes_beyond_the_limits_are_refused_quickly_with_a_clear_message(text, needle):
    started = time.process_time()
    error = _error(text)
    assert needle in str(error)
    assert time.process_time() - started < 5  # a hang guard, far above the ~0.1 s it takes


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "issue.yaml"
    with open(big, "wb") as handle:
        handle.truncate(limits.MAX_FILE_BYTES + 1)
    with pytest.raises(IssueFormatError, match="too large"):
        files.load_yaml_issue(big)


def test_generated_section_ids_are_unique_by_construction(monkeypatch):
    drawn = iter(["s1", "s1", "s1", "s2", "s2", "s3", "s4"])
    monkeypatch.setattr(yaml_format, "new_id", lambda: next(drawn))
    issue = yaml_format.loads("format: 1\nsections:\n- title: a\n- title: b\n  id: s2\n"
                              "- title: c\n- title: d\n")
    ids = [s.id for s, _d in issue.walk()]
    assert len(set(ids)) == 4 and "s2" == issue.sections[1].id


def test_thousands_of_sections_without_ids_all_get_different_ids():
    text = "format: 1\nsections:\n" + "- title: t\n" * limits.MAX_SECTIONS
    ids = [s.id for s, _d in yaml_format.loads(text).walk()]
    assert len(set(ids)) == limits.MAX_SECTIONS
    assert all(len(i) == 17 for i in ids)  # "s" + 64 random bits


def test_a_duplicate_id_in_the_file_is_refused_with_its_place():
    error = _error("format: 1\nsections:\n- title: a\n  id: x\n- title: b\n  id: x\n")
    assert "duplicate section id" in str(error) and error.line == 6


DEEP = {
    "list of 500": "\n".join("    " * i + "- item" for i in range(500)),
    "numbered list of 300": "\n".join("    " * i + f"{i}. item" for i in range(300)),
    "two-space list of 500": "\n".join("  " * i + "- x" for i in range(500)),
    "quote of 500": "> " * 500 + "deep",
    "quote stairs of 300": "\n".join(">" * i + " q" for i in range(1, 300)),
    "quoted lists": "\n".join("> " * (i % 40) + "    " * i + "- x" for i in range(200)),
}


@pytest.mark.parametrize("name", sorted(DEEP))
def test_deep_markdown_gets_an_answer_everywhere_never_a_recursion_error(name):
    """Rendered, or refused with a clear IssueFormatError (the renderer's own nesting limit);
    never RecursionError or another unexpected error."""
    from talkeditor.archive import repeats

    body = DEEP[name]
    issue = Issue(number="1", sections=[Section(title="甲", body=body + "\n\n@某人\n")])
    for make in (lambda: issue_html(issue), lambda: markdown_to_html(body),
                 lambda: zhihu.build_post(issue, None)):
        try:
            assert make()
        except IssueFormatError as exc:
            assert "levels deep" in str(exc)
    assert issue_markdown(issue).count("\n") >= body.count("\n")
    assert places.credits_of(issue) is not None
    for line in body.split("\n")[:50]:
        repeats.line_keys(line)


@pytest.mark.parametrize("name", sorted(DEEP))
def test_deep_markdown_is_refused_on_load_naming_the_line(name):
    issue = Issue(number="1", sections=[Section(title="甲", body=DEEP[name])])
    error = _error(yaml_format.dumps(issue))
    assert error.where == "sections[0].body" and "levels deep" in str(error)


def test_anything_within_the_load_limit_renders():
    from talkeditor.render.markdown_tree import MAX_NESTING

    for prefix in ("    ", "> "):
        text = "\n".join(prefix * i + "- x" for i in range(limits.MAX_MARKDOWN_NESTING))
        assert limits.markdown_nesting(text)[0] <= limits.MAX_MARKDOWN_NESTING
        assert markdown_to_html(text)
    assert 2 * limits.MAX_MARKDOWN_NESTING <= MAX_NESTING


@pytest.mark.parametrize("text", [
    "format: 1\nreviewed: 2024-01-02\n",
    "format: 1\nreviewed_at: 2024-01-02 10:30:00\n",
    "format: 1\ncount: 0x10\nratio: 1.50\nflag: yes\nnothing: ~\nbig: 1_000\n",
    "format: 1\nmeta:\n  when: 2023-07-15\n  tags:\n  - 2023-07-16\n  - 12\n  - text\n",
    "format: 1\nsections:\n- id: s1\n  title: a\n  due: 2024-05-06\n",
])
def test_unknown_keys_keep_their_value_and_type(text):
    import yaml

    dumped = yaml_format.dumps(yaml_format.loads(text))
    for line in text.split("\n")[1:]:
        if line and not line.startswith(("sections:", "- id:", "  title:")):
            assert line + "\n" in dumped, (line, dumped)
    assert yaml_format.dumps(yaml_format.loads(dumped)) == dumped
    original, again = yaml.safe_load(text), yaml.safe_load(dumped)
    for key, value in original.items():
        if key != "sections":
            assert again[key] == value and type(again[key]) is type(value)


def test_a_date_under_an_unknown_key_stays_a_date():
    import datetime

    import yaml

    issue = yaml_format.loads("format: 1\nreviewed: 2024-01-02\n")
    assert yaml.safe_load(yaml_format.dumps(issue))["reviewed"] == datetime.date(2024, 1, 2)
    assert "reviewed: 2024-01-02\n" in yaml_format.dumps(issue)


@pytest.mark.parametrize("body", [
    "x" * (limits.MAX_LINE_CHARS + 1),
    "\n".join("    " * i + "- x" for i in range(limits.MAX_MARKDOWN_NESTING + 2)),
])
def test_save_refuses_what_load_would_refuse_and_writes_nothing(tmp_path, body):
    issue = Issue(number="1", sections=[Section(title="甲", body=body)])
    with pytest.raises(IssueFormatError):
        files.save_issue(issue, tmp_path / "issue.yaml")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("source", "content"), [
    ("long.md", "# 标题\n\n" + "字" * (limits.MAX_LINE_CHARS + 10) + "\n"),
    ("deep.md", "# 标题\n\n## 本周新闻\n\n"
     + "\n".join("    " * i + "- x" for i in range(100)) + "\n"),
    ("huge.txt", "标题\n" + "一行字\n" * (limits.MAX_FILE_BYTES // 9)),
])
def test_import_refuses_before_writing_what_it_could_not_reopen(tmp_path, source, content):
    src = tmp_path / source
    src.write_text(content, encoding="utf-8")
    out = tmp_path / "out" / "issue.yaml"
    result = run_cli("import", src, "-o", out)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not out.parent.exists()
