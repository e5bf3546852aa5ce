"""Issue 17, kind 8: every string survives save/load exactly, and the YAML stays readable
(multi-line text as ``|`` blocks, tabs included, non-ASCII written as itself)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talkeditor.model import Field, Issue, Section
from talkeditor.storage import yaml_format


@pytest.fixture(params=["libyaml", "pure-python"])
def loader(request, monkeypatch):
    if request.param == "pure-python":
        monkeypatch.setattr(yaml_format, "_FAST_LOADER", None)
    elif yaml_format._FAST_LOADER is None:
        pytest.skip("PyYAML was built without libyaml")
    return request.param


def _issue(text: str) -> Issue:
    return Issue(number=text, title=text, highlights=[text, "x"], host=[text],
                 sections=[Section(title=text or "t", id="s1", body=text,
                                   fields=[Field(text or "l", value=text, note=text)],
                                   children=[Section(title="c", id="s2", body=text)])],
                 extra={"note": text})


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text())
def test_any_text_comes_back_exactly_after_dump_and_load(loader, text):
    issue = _issue(text)
    dumped = yaml_format.dumps(issue)
    assert yaml_format.loads(dumped) == issue
    assert yaml_format.dumps(yaml_format.loads(dumped)) == dumped


LINE_BREAKERS = ["\x85", "\u2028", "\u2029", "\r", "\r\n", "\ufeff", "\x0b", "\x00", "\x7f"]


@pytest.mark.parametrize("odd", LINE_BREAKERS, ids=[hex(ord(c[0])) for c in LINE_BREAKERS])
def test_characters_yaml_reads_as_line_breaks_or_controls_come_back_as_themselves(loader, odd):
    for body in (f"a{odd}b", f"第一行\n{odd}第二行\n", f"{odd}", f"x\n{odd}"):
        assert yaml_format.loads(yaml_format.dumps(_issue(body))).sections[0].body == body


@pytest.mark.parametrize("body", [
    "第一行\t制表符\n第二行 🚀\n",
    "\tindented with a tab\nsecond\n",
    "trailing space \nnext line\n",
    "- 🚀 launch\n- 🤖 robot\t(tab)\n",
])
def test_multi_line_text_with_tabs_or_emoji_is_a_literal_block_with_emoji_as_itself(body):
    dumped = yaml_format.dumps(_issue(body))
    assert "\\U0001F" not in dumped and "\\t" not in dumped
    body_line = next(line for line in dumped.split("\n") if line.strip().startswith("body:"))
    assert body_line.strip().startswith("body: |")
    for line in body.rstrip("\n").split("\n"):
        assert line in dumped


@pytest.mark.parametrize("text", ["🚀 发布", "a\tb 🚀", "\U0001F600"])
def test_single_line_emoji_is_written_as_itself_even_when_quoted(text):
    dumped = yaml_format.dumps(_issue(text))
    assert "\\U" not in dumped
    assert "🚀" in dumped or "\U0001F600" in dumped


@pytest.mark.parametrize("text", [
    "\tindented with a tab\nsecond\n",
    "\t\n",
    "\tA\nB",
    "\t代码\n\t\t缩进\n",
])
def test_text_whose_first_line_starts_with_a_tab_still_opens_after_save(loader, text):
    # libyaml refused such a block without an explicit indentation indicator, so an
    # imported .txt with a tab-indented first paragraph wrote an issue.yaml that would not open.
    dumped = yaml_format.dumps(_issue(text))
    back = yaml_format.loads(dumped)
    assert back.sections[0].body == text
    assert back.sections[0].fields[0].value == text
    assert back.host == [text]
    assert yaml_format.dumps(back) == dumped


_LINE = st.text(alphabet=st.sampled_from(list("ab中 \t\u00a0\u3000\u2028\u200b")), max_size=8)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=6), st.lists(_LINE, max_size=3))
def test_an_edit_keeps_every_untouched_line_byte_for_byte(before_lines, typed_lines):
    from talkeditor.model import clean_edited_text

    before = "\n".join(before_lines)
    edited = "\n".join(before_lines + typed_lines)
    saved = clean_edited_text(edited, before).split("\n")
    assert saved[:len(before_lines)] == before_lines
    for typed, kept in zip(typed_lines, saved[len(before_lines):], strict=True):
        assert kept == (typed if typed in before_lines else typed.rstrip(" \t"))
