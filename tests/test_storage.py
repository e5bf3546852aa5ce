"""Saving writes issue.yaml and issue.md atomically, keeping the previous version as .bak."""

import os

import pytest

from talkeditor.model import Issue, Section
from talkeditor.render.issue_markdown import issue_markdown
from talkeditor.storage import files as storage
from talkeditor.storage import yaml_format

from .conftest import FIXTURES


def test_saving_writes_yaml_and_rendered_markdown_side_by_side(tmp_path):
    issue = yaml_format.loads((FIXTURES / "issue-004.yaml").read_bytes())
    path = storage.save_issue(issue, tmp_path / "004" / "issue.yaml")
    assert path == tmp_path / "004" / "issue.yaml"
    assert storage.load_yaml_issue(path) == issue
    assert (tmp_path / "004" / "issue.md").read_text(encoding="utf-8") == \
        issue_markdown(issue)


def test_saving_again_keeps_the_previous_version_as_bak(tmp_path):
    path = tmp_path / "issue.yaml"
    storage.save_issue(Issue(number="001"), path)
    storage.save_issue(Issue(number="002"), path)
    assert storage.load_yaml_issue(path).number == "002"
    assert yaml_format.loads((tmp_path / "issue.yaml.bak").read_bytes()).number == "001"
    assert "OpenLLM Talk 001" in (tmp_path / "issue.md.bak").read_text(encoding="utf-8")


def test_a_failed_write_leaves_the_old_file_and_no_temporary_files(tmp_path, monkeypatch):
    path = tmp_path / "issue.yaml"
    storage.atomic_write(path, "old\n")

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        storage.atomic_write(path, "new\n")
    assert path.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["issue.yaml"]


def test_new_files_get_ordinary_permissions_and_existing_ones_keep_theirs(tmp_path):
    path = tmp_path / "a.md"
    storage.atomic_write(path, "x")
    assert path.stat().st_mode & 0o077 != 0o000  # not the 0600 of a bare temp file
    os.chmod(path, 0o640)
    storage.atomic_write(path, "y")
    assert path.stat().st_mode & 0o777 == 0o640


def test_a_name_without_yaml_suffix_is_saved_as_yaml(tmp_path):
    saved = storage.save_issue(Issue(sections=[Section(title="x")]), tmp_path / "draft")
    assert saved.name == "draft.yaml" and (tmp_path / "draft.md").exists()


def test_loading_a_missing_or_oversized_file_is_a_format_error(tmp_path):
    with pytest.raises(yaml_format.IssueFormatError, match="cannot read"):
        storage.load_yaml_issue(tmp_path / "nope.yaml")
    with pytest.raises(yaml_format.IssueFormatError, match="is not a file"):
        storage.load_yaml_issue(tmp_path)
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(yaml_format.MAX_BYTES + 10)
    with pytest.raises(yaml_format.IssueFormatError, match="too large"):
        storage.load_yaml_issue(big)
