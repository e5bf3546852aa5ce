"""Pasted hostile Markdown never freezes the body editor (issue 14, "deep quotes freeze the
window"): highlighting is linear in a line's length with a bound per line, and the nesting
check the autosave runs on every pause is linear too.

Each case highlights in a child process (tests/highlight_driver.py) under a time limit, with
inputs on which the old patterns (each ``[`` or ``<https://`` reading the rest of the line)
and the old per-character nesting count took minutes; the runs it reports show that quotes
and code are still highlighted where they are.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from talkeditor.ui.editor.highlighter import LINE_CHARS, MAX_RUNS

ROOT = Path(__file__).resolve().parent.parent
#: generous for a loaded two-core machine; the old code needed minutes for each case
TIME_LIMIT = 90


def highlight(text: str, mode: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "highlight_driver.py"), mode],
                          input=text.encode("utf-8"), capture_output=True, env=env,
                          timeout=TIME_LIMIT, cwd=ROOT)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return json.loads(done.stdout.decode("utf-8").strip().splitlines()[-1])


def _lines(line: str, count: int) -> str:
    return "\n".join([line] * count)


#: name -> (text, length of the last line)
QUOTES = {
    "one line of 50,000 >": (">" * 50_000, 50_000),
    "200 lines of 10,000 >": (_lines(">" * 10_000, 200), 10_000),
    "a section of 10,000 lines of '> > > …'": (_lines("> " * 500, 10_000), 1_000),
    "lines of 1,000 to 50,000 '> '": (
        "\n".join("> " * n for n in (500, 2_000, 8_000, 25_000)), 50_000),
}


@pytest.mark.parametrize("mode", ["whole", "editor"])
@pytest.mark.parametrize("name", sorted(QUOTES))
def test_deep_quotes_are_highlighted_whole_in_linear_time(name, mode):
    text, last = QUOTES[name]
    found = highlight(text, mode)
    assert found["blocks"] == text.count("\n") + 1
    assert found["last"] == [[0, last, "quote"]], "the last line is one quote, end to end"
    if mode == "whole":
        assert found["first"] == [[0, len(text.split("\n", 1)[0]), "quote"]]
    assert found["nesting"] == text.split("\n")[-1].count(">")


#: lines where each bracket, parenthesis or autolink start once read the rest of the line
NO_RUNS = {
    "open brackets": "[" * 50_000,
    "link starts without an end": "[x](" * 12_500,
    "link starts closed by nothing but brackets": "[x](y]" * 8_000,
    "autolink starts": "<https://" * 6_000,
    "image starts": "![" * 25_000,
}


@pytest.mark.parametrize("name", sorted(NO_RUNS))
def test_lines_of_unclosed_link_syntax_end_in_no_link_within_the_time_limit(name):
    found = highlight(_lines(NO_RUNS[name], 100), "whole")
    assert found["blocks"] == 100
    assert all(kind != "link" for _s, _n, kind in found["first"] + found["last"])


def test_a_url_of_50000_closing_parentheses_keeps_none_of_them():
    found = highlight(_lines("see https://a.com/x" + ")" * 50_000, 50), "whole")
    assert found["last"] == [[4, len("https://a.com/x"), "link"]]


def test_a_line_of_many_code_spans_is_highlighted_up_to_the_bound():
    line = "`a` " * 25_000
    found = highlight(_lines(line, 100), "whole")
    runs = found["last"]
    assert all(kind == "code" for _s, _n, kind in runs)
    assert len(runs) == MAX_RUNS, "at most MAX_RUNS formats in one line"
    assert runs[0][:2] == [0, 3] and runs[-1][0] < LINE_CHARS


def test_a_long_heading_line_is_one_heading_run_with_its_start_highlighted_inline():
    line = "## 标题 `code` " + "字" * 60_000
    found = highlight(line, "whole")
    assert found["first"] == [[0, len("## 标题 "), "heading"], [6, len("`code`"), "code"],
                              [12, len(line) - 12, "heading"]]
