"""Golden files: the Zhihu HTML/Markdown of issue 004, the sample issues and constructs.md.

The goldens in tests/fixtures/zhihu/ were reviewed by eye; after a deliberate change to the
export, regenerate them with ``TALKEDITOR_REGEN_GOLDEN=1 pytest tests/test_zhihu_golden.py``
and review the diff.
"""

import os

import pytest

from talkeditor.storage import yaml_format
from talkeditor.storage.files import atomic_write
from talkeditor.zhihu import export as zhihu

from .conftest import FIXTURES

GOLDEN = FIXTURES / "zhihu"
REGEN = os.environ.get("TALKEDITOR_REGEN_GOLDEN") == "1"
SAMPLE_NUMBERS = ("001", "002", "003", "005", "006")


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if REGEN:
        atomic_write(path, actual, backup=False)
    assert path.exists(), f"{name} is missing: run with TALKEDITOR_REGEN_GOLDEN=1 and review it"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from the golden file"


def _issue_004():
    return yaml_format.loads((FIXTURES / "issue-004.yaml").read_bytes())


def test_issue_004_post_html_matches_the_golden_file():
    post = zhihu.build_post(_issue_004(), FIXTURES)
    assert_golden("issue-004.html", post.html)


def test_issue_004_post_md_matches_the_golden_file():
    post = zhihu.build_post(_issue_004(), FIXTURES)
    assert_golden("issue-004.post.md", post.markdown)


@pytest.mark.parametrize("number", SAMPLE_NUMBERS)
def test_sample_issue_markdown_converts_to_the_golden_html(samples, number):
    folder = samples / "issues"
    text = (folder / f"talk-{number}.md").read_text(encoding="utf-8")
    html = zhihu.markdown_to_zhihu_html(text, base_dir=folder, skip_title=True)
    assert_golden(f"talk-{number}.html", html)


def test_constructs_fixture_converts_to_the_golden_html_and_markdown():
    text = (GOLDEN / "constructs.md").read_text(encoding="utf-8")
    post = zhihu.markdown_to_zhihu(text, base_dir=GOLDEN, link_cards=True, skip_title=True)
    assert post.title == "【OpenLLM Talk 999】本期提要：构造测试"
    assert_golden("constructs.html", post.html)
    assert_golden("constructs.post.md", post.markdown)
    assert_golden("constructs.txt", post.plain_text)
