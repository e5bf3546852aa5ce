"""The archive: listing newest first, numbering, adding issues, reloading only what changed,
and broken files reported instead of failing."""

import shutil

import pytest

from talkeditor.archive.folder import Archive, following_number
from talkeditor.model import Issue, Section
from talkeditor.storage.files import load_yaml_issue
from talkeditor.storage.yaml_format import IssueFormatError

from .conftest import FIXTURES

ARCHIVE = FIXTURES / "archive"


@pytest.fixture
def archive(tmp_path) -> Archive:
    """A writable copy of tests/fixtures/archive (002, 003, 004 and 番外02)."""
    shutil.copytree(ARCHIVE, tmp_path / "archive")
    return Archive(tmp_path / "archive")


def small_issue(number: str, date: str = "2023-07-22", **kw) -> Issue:
    return Issue(number=number, date=date, time="21:00",
                 sections=[Section(title="本周新闻", id="news", body=f"issue {number}")], **kw)


def test_entries_are_listed_newest_first_with_their_metadata():
    entries = Archive(ARCHIVE).entries()
    assert [e.number for e in entries] == ["番外02", "004", "003", "002"]
    e004 = entries[1]
    assert (e004.date, e004.time, e004.host, e004.title) == (
        "2023-07-15", "21:00", ("羡鱼",), "OpenLLM Talk 004")
    assert e004.highlights[:2] == ("检索+LLM", "抱抱脸 daily papers")
    assert e004.path == ARCHIVE / "004" / "issue.yaml" and e004.folder == ARCHIVE / "004"
    assert e004.mtime > 0 and e004.size == e004.path.stat().st_size
    assert entries[2].zhihu == "https://zhuanlan.zhihu.com/p/642376781"


def test_next_number_is_the_highest_regular_one_plus_one_and_special_issues_do_not_count():
    archive = Archive(ARCHIVE)
    assert archive.next_number() == "005"
    assert archive.latest().number == "004"  # 番外02 is newer but special
    assert following_number(["009", "番外02", "007"]) == "010"
    assert following_number(["99"]) == "100"
    assert following_number(["番外01"]) == "001"


def test_find_and_load_give_a_private_copy(archive):
    assert archive.find("4").number == "004" and archive.find("番外02") is not None
    assert archive.find("017") is None
    issue = archive.load("004")
    issue.sections.clear()
    assert archive.load("004").sections, "editing a loaded issue must not touch the archive"
    assert archive.load(archive.find("003")).number == "003"
    with pytest.raises(IssueFormatError, match="no issue '017'"):
        archive.load("017")


def test_add_writes_yaml_and_markdown_into_the_numbered_folder_with_assets(archive, tmp_path):
    image = tmp_path / "p01.png"
    image.write_bytes(b"\x89PNG fake")
    issue = small_issue(archive.next_number(), highlights=["llama2"])
    saved = archive.add(issue, assets=[image])
    assert saved == archive.folder / "005" / "issue.yaml"
    assert load_yaml_issue(saved) == issue
    assert "issue 005" in (archive.folder / "005" / "issue.md").read_text(encoding="utf-8")
    assert (archive.folder / "005" / "assets" / "p01.png").read_bytes() == b"\x89PNG fake"
    assert archive.entries()[1].number == "005" and archive.next_number() == "006"


def test_add_copies_an_assets_folder_and_can_refuse_to_replace(archive, tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    (media / "a.jpeg").write_bytes(b"jpeg")
    archive.add(small_issue("005"), assets=media)
    assert (archive.folder / "005" / "assets" / "a.jpeg").read_bytes() == b"jpeg"
    with pytest.raises(IssueFormatError, match="already has issue 005"):
        archive.add(small_issue("005"), replace=False)
    with pytest.raises(IssueFormatError, match="needs a number"):
        archive.add(small_issue(""))


def test_listing_again_rereads_only_the_files_that_changed(archive):
    archive.entries()
    assert archive.loads == 4
    archive.entries()
    assert archive.loads == 4
    issue = archive.load("003")
    issue.highlights = ["改过的提要"]
    archive.add(issue)
    entries = archive.entries()
    assert archive.loads == 5
    assert next(e for e in entries if e.number == "003").highlights == ("改过的提要",)
    shutil.rmtree(archive.folder / "002")
    assert [e.number for e in archive.entries()] == ["番外02", "004", "003"]
    assert archive.loads == 5


BROKEN = {
    "010": b"format: 1\nsections: [\n",
    "011": bytes(range(256)),
    "012": b"format: 1\nx: !!python/object/apply:os.system ['true']\n",
    "013": b"format: 1\nnumber: '013'\ndate: 15 July\n",
}


def test_broken_files_are_skipped_and_reported_not_fatal(archive):
    for name, data in BROKEN.items():
        (archive.folder / name).mkdir()
        (archive.folder / name / "issue.yaml").write_bytes(data)
    (archive.folder / "notes").mkdir()  # a folder without an issue is not an error
    entries = archive.entries()
    assert [e.number for e in entries] == ["番外02", "004", "003", "002"]
    errors = dict(archive.errors)
    assert sorted(p.parent.name for p in errors) == sorted(BROKEN)
    assert "malformed YAML" in errors[archive.folder / "010" / "issue.yaml"]
    assert "date" in errors[archive.folder / "013" / "issue.yaml"]
    assert archive.next_number() == "005"
    loads = archive.loads
    archive.entries()
    assert archive.loads == loads, "a broken file is not re-parsed until it changes"
    archive.add(small_issue("010"))  # fixing it
    archive.entries()
    assert archive.folder / "010" / "issue.yaml" not in dict(archive.errors)
    assert archive.next_number() == "011"


def test_a_missing_archive_folder_lists_nothing(tmp_path):
    archive = Archive(tmp_path / "nowhere")
    assert archive.entries() == [] and archive.errors == []
    assert archive.latest() is None and archive.next_number() == "001"


def test_the_default_archive_lives_in_the_user_data_folder(tmp_path):
    from talkeditor import paths
    from talkeditor.archive.folder import default_archive

    assert default_archive().folder == paths.default_archive_dir()


def test_search_index_is_rebuilt_only_when_an_issue_changed(archive):
    first = archive.search_index()
    assert archive.search_index() is first
    assert first.search("写命令行")[0].key == archive.folder / "002" / "issue.yaml"
    issue = archive.load("002")
    issue.find("news-projects").body = "换成了别的内容"
    archive.add(issue)
    second = archive.search_index()
    assert second is not first and second.search("写命令行") == []
