"""The shared rules that read a whole line do it in linear time and give the same answers as
the straightforward definitions (issue 14: a URL of 50,000 ``)`` and ``> > > …`` lines of
50,000 characters took seconds per line, on every autosave).

The reference functions below are the rules as first written (one step per character, counts
redone each step); hypothesis checks the fast versions against them on short inputs, and the
hostile inputs run in a child process under a time limit.
"""

import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from talkeditor.render.markdown_rules import bare_url_end
from talkeditor.storage import limits
from talkeditor.zhihu.check import find_emoji, is_emoji

ROOT = Path(__file__).resolve().parent.parent
_TRAILING = "?!.,:*_~'\""
_ENTITY_TAIL = re.compile(r"&[A-Za-z0-9]+;$")
_BLANKS = re.compile(r"[ \t]*")
_LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")


def reference_url_end(url: str) -> str:
    """GFM 0.29 §6.9 trailing punctuation, one character at a time."""
    while url:
        last = url[-1]
        if last in _TRAILING:
            url = url[:-1]
        elif last == ")" and url.count(")") > url.count("("):
            url = url[:-1]
        elif last == ";" and _ENTITY_TAIL.search(url):
            url = url[:_ENTITY_TAIL.search(url).start()]
        else:
            break
    return url


def reference_prefix(line: str) -> int:
    """Quote markers, list markers and 4-column indents at a line's start, one at a time."""
    depth, i, n = 0, 0, len(line)
    while i < n:
        ch = line[i]
        if ch == ">":
            depth += 1
            i += 1
            continue
        if ch in " \t":
            j = _BLANKS.match(line, i).end()
            depth += ((j - i) + 3 * line.count("\t", i, j)) // 4
            i = j
            continue
        match = _LIST_MARKER.match(line, i)
        if not match:
            break
        depth += 1
        i = match.end()
    return depth


URL_TAILS = st.text(alphabet="()&;aZ9.,?!*_~'\"x/", max_size=30)
PREFIXES = st.text(alphabet="> \t-*+1.)x", max_size=30)


@settings(max_examples=600)
@given(URL_TAILS)
def test_trimming_a_bare_url_matches_the_rule_one_character_at_a_time(tail):
    url = "https://a.com/" + tail
    assert bare_url_end(url) == reference_url_end(url)


@settings(max_examples=600)
@given(st.lists(PREFIXES, min_size=1, max_size=5))
def test_markdown_nesting_matches_the_count_one_marker_at_a_time(lines):
    text = "\n".join(lines)
    depths = [reference_prefix(line) for line in text.split("\n")]
    deepest = max(depths)
    expected = (deepest, depths.index(deepest) + 1) if deepest else (0, 0)
    assert limits.markdown_nesting(text) == expected


def reference_find_emoji(text: str) -> list[tuple[int, str]]:
    """Emoji per line, testing every character."""
    found = []
    for index, line in enumerate(text.split("\n")):
        chars = "".join(dict.fromkeys(ch for ch in line if is_emoji(ch)
                                      and ch not in "\u200d\ufe0f"))
        if chars:
            found.append((index, chars))
    return found


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from(
    "a\n中✓✔✕✖✅❌⭐\u200d\ufe0f\u2700\u27bf\u27c0\U0001f600\U0001faff\U0001fb00\U0001f1e6"
    "\u231a\u2614"), max_size=40))
def test_finding_emoji_matches_testing_every_character(text):
    assert find_emoji(text) == reference_find_emoji(text)


HOSTILE = r"""
import sys
from talkeditor.render.markdown_rules import bare_url_end
from talkeditor.storage import limits
url = "https://a.com/x" + ")" * 200_000
assert bare_url_end(url) == "https://a.com/x"
assert bare_url_end("https://a.com/x" + "&amp;" * 100_000) == "https://a.com/x"
assert bare_url_end("https://a.com/x" + "?.)" * 100_000) == "https://a.com/x"
quotes = "\n".join(["> " * 5_000] * 2_000)
assert limits.markdown_nesting(quotes) == (5_000, 1)
bullets = "\n".join(["- " * 5_000 + "x"] * 2_000)
assert limits.markdown_nesting(bullets) == (5_000, 1)
print("ok")
"""


def test_hostile_urls_and_deep_quotes_are_measured_within_the_time_limit():
    done = subprocess.run([sys.executable, "-c", HOSTILE], capture_output=True, timeout=60,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    assert done.stdout.decode().strip() == "ok"
