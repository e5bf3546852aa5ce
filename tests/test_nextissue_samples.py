"""The real sample issues (000–006 and 番外02), imported into an archive with the importer:
the next issue, 往期精彩, search and repeat warnings on the real thing."""

import re
from datetime import date

import pytest

from talkeditor.archive.folder import Archive
from talkeditor.archive.repeats import RepeatIndex
from talkeditor.reuse.next_issue import next_issue
from talkeditor.reuse.past_issues import past_issue_lines

from .conftest import run_cli

importer = pytest.importorskip("talkeditor.importing.importer")


@pytest.fixture(scope="module")
def sample_archive(tmp_path_factory) -> Archive:
    from .conftest import SAMPLES

    archive = Archive(tmp_path_factory.mktemp("samples") / "archive")
    sources = [*sorted((SAMPLES / "seed").glob("*.txt")),
               *sorted((SAMPLES / "issues").glob("*.md")),
               *sorted((SAMPLES / "docx").glob("*.docx"))]
    for source in sources:
        result = importer.import_file(source)
        archive.add(result.issue)
    return archive


def test_every_sample_lands_in_the_archive_numbered_and_dated(sample_archive):
    entries = sample_archive.entries()
    assert sample_archive.errors == []
    assert [e.number for e in entries if e.regular is not None] == [
        "006", "005", "004", "003", "002", "001", "000"]
    assert "番外02" in [e.number for e in entries]
    assert sample_archive.next_number() == "007"


def test_the_next_issue_after_the_samples_is_007_a_week_after_006(sample_archive):
    latest = sample_archive.latest()
    assert latest.number == "006"
    draft = next_issue(sample_archive.load(latest), sample_archive, today=date(2023, 7, 30))
    assert (draft.number, draft.date, draft.time) == ("007", "2023-08-05", "21:00")
    lines = past_issue_lines(draft.find_path("往期精彩"), draft.series)
    numbers = [re.match(r"【+OpenLLM Talk (\d+)】", line).group(1) for line in lines]
    assert numbers == ["006", "005", "004", "003", "003", "002", "001", "000"]
    body = draft.find_path("往期精彩").body
    assert "<https://zhuanlan.zhihu.com/p/645679737>" in body  # 005's link, from 006's list
    assert "番外02" in body and body.rstrip().endswith("<https://zhuanlan.zhihu.com/p/640522290>")


def test_search_over_the_samples_finds_chinese_and_english(sample_archive):
    index = sample_archive.search_index()
    llama = index.search("llama2 汉化")
    assert llama and all(h.number == "006" for h in llama)
    assert any(h.where == "meta" and h.label == "highlights" for h in llama)
    rope = index.search("rope")
    assert {"002", "003"} <= {h.number for h in rope}


def test_repeat_warnings_between_real_issues(sample_archive):
    index = RepeatIndex.build(i for i in sample_archive.issues() if i.number != "006")
    repeats = index.check(sample_archive.load("006"))
    assert all(r.previous[0].number in {"000", "001", "002", "003", "004", "005"} or
               r.previous[0].in_draft for r in repeats)
    assert any(r.key == "url:zhuanlan.zhihu.com/p/643805698"
               and "005" in [o.number for o in r.previous] for r in repeats)


def test_cli_new_from_a_markdown_issue_imports_it_first(tmp_path):
    from .conftest import SAMPLES

    target = tmp_path / "007.yaml"
    out = run_cli("new", "-o", target, "--from", SAMPLES / "issues" / "talk-006.md")
    assert out.returncode == 0, out.stderr
    assert "OpenLLM Talk 007" in out.stdout
