"""``talkeditor import`` run as a user runs it (``python -m talkeditor import …``): where the
files go, what is printed, and exit code 2 with one clear line for every kind of bad input."""

from __future__ import annotations

import shutil

import pytest

from talkeditor.storage.files import load_yaml_issue

from .conftest import SAMPLES, run_cli

TXT_004 = SAMPLES / "seed" / "openllm-talk-004.txt"
MD_003 = SAMPLES / "issues" / "talk-003.md"
DOCX = SAMPLES / "docx" / "openllm-talk-fanwai02.docx"


def test_import_with_o_writes_the_issue_its_markdown_and_its_images(tmp_path):
    out = run_cli("import", MD_003, "-o", tmp_path / "x" / "issue.yaml")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"{MD_003} -> {tmp_path / 'x' / 'issue.yaml'}: 23 sections, ")
    issue = load_yaml_issue(tmp_path / "x" / "issue.yaml")
    assert (issue.number, issue.date) == ("003", "2023-07-08")
    assert (tmp_path / "x" / "issue.md").read_text(encoding="utf-8").startswith(
        "# OpenLLM Talk 003\n\n# 序章\n\n## 背景介绍\n")
    assert sorted(p.name for p in (tmp_path / "x" / "assets").iterdir()) == \
        ["p08-1.png", "p10-1.jpeg", "p11-1.jpeg"]
    check = run_cli("check", tmp_path / "x" / "issue.yaml")
    assert check.returncode == 0 and "OK" in check.stdout


def test_import_into_an_archive_files_each_source_under_its_number(tmp_path):
    archive = tmp_path / "archive"
    out = run_cli("import", "--archive", archive, TXT_004, MD_003, DOCX)
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.strip().split("\n")) == 3
    assert sorted(p.name for p in archive.iterdir()) == ["003", "004", "番外02"]
    assert load_yaml_issue(archive / "004" / "issue.yaml").number == "004"
    assert load_yaml_issue(archive / "番外02" / "issue.yaml").title.startswith("【OpenLLM Talk】")
    assert len(list((archive / "番外02" / "assets").iterdir())) == 5
    assert not (archive / "004" / "assets").exists()


def test_two_sources_with_the_same_number_get_separate_folders(tmp_path):
    copy = tmp_path / "again.txt"
    shutil.copy(TXT_004, copy)
    out = run_cli("import", "--archive", tmp_path / "a", TXT_004, copy)
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["004", "004-2"]


def test_without_o_the_issue_goes_beside_the_source_and_is_not_overwritten(tmp_path):
    shutil.copy(MD_003, tmp_path / "talk-003.md")
    shutil.copytree(MD_003.with_name("talk-003-media"), tmp_path / "talk-003-media")
    first = run_cli("import", tmp_path / "talk-003.md")
    assert first.returncode == 0, first.stderr
    target = tmp_path / "talk-003" / "issue.yaml"
    assert target.is_file() and (tmp_path / "talk-003" / "assets" / "p08-1.png").is_file()
    before = target.read_bytes()
    again = run_cli("import", tmp_path / "talk-003.md")
    assert again.returncode == 2 and "exists" in again.stderr
    assert target.read_bytes() == before


def test_import_into_an_existing_archive_folder_is_refused_before_writing_anything(tmp_path):
    archive = tmp_path / "archive"
    assert run_cli("import", "--archive", archive, MD_003).returncode == 0
    out = run_cli("import", "--archive", archive, TXT_004, MD_003)
    assert out.returncode == 2 and "003" in out.stderr
    assert not (archive / "004").exists()


def test_section_titles_already_in_the_archive_are_recognised(tmp_path):
    archive = tmp_path / "archive"
    (archive / "900").mkdir(parents=True)
    (archive / "900" / "issue.yaml").write_text(
        "format: 1\nnumber: '900'\nsections:\n- title: LLaMA2 框架\n", encoding="utf-8")
    out = run_cli("import", "--archive", archive, SAMPLES / "issues" / "talk-006.md")
    assert out.returncode == 0, out.stderr
    issue = load_yaml_issue(archive / "006" / "issue.yaml")
    assert "LLaMA2 框架" in [s.title for s in issue.sections]


def _bad_inputs(tmp_path):
    files = {
        "corrupt.docx": b"PK\x03\x04 this is not really a Word document",
        "binary.md": bytes(range(256)) * 64,
        "empty.txt": b"",
        "blank.md": b"\n  \n\t\n",
        "notes.pdf": b"%PDF-1.4\n",
        "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    with open(tmp_path / "huge.md", "wb") as handle:  # sparse: 50 MB without writing them
        handle.truncate(50 * 1024 * 1024)
    return [*files, "huge.md", "missing.md"]


BAD_MESSAGES = {
    "corrupt.docx": "not a readable Word document",
    "binary.md": "binary data",
    "empty.txt": "empty",
    "blank.md": "empty",
    "notes.pdf": "cannot import .pdf",
    "old.doc": "save it as .docx",
    "huge.md": "too large",
    "missing.md": "no such file",
}


@pytest.mark.parametrize("name", sorted(BAD_MESSAGES))
def test_bad_input_exits_2_with_one_clear_line_and_no_traceback(tmp_path, name):
    _bad_inputs(tmp_path)
    out = run_cli("import", tmp_path / name, "-o", tmp_path / "out.yaml")
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith("talkeditor")
    assert BAD_MESSAGES[name] in lines[0]
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize("args", [
    ("-o", "out.yaml", "a.md", "b.md"),
    ("-o", "out.yaml", "--archive", "arch", "a.md"),
])
def test_conflicting_destinations_exit_2_with_one_line(tmp_path, args):
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("# 本周新闻\n\n【本周新闻】：x\n", encoding="utf-8")
    out = run_cli("import", *args, cwd=tmp_path)
    assert out.returncode == 2 and len(out.stderr.strip().split("\n")) == 1
    assert "Traceback" not in out.stderr and not (tmp_path / "out.yaml").exists()
