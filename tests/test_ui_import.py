"""Opening a past issue (.md, .txt, .docx) in the window imports it as a new draft; saving
writes the issue and its images."""

import shutil


def test_opening_a_markdown_issue_imports_it_as_an_unsaved_draft(qtbot, window, samples,
                                                                   tmp_path, no_dialogs):
    source = tmp_path / "talk-003.md"
    shutil.copy(samples / "issues" / "talk-003.md", source)
    shutil.copytree(samples / "issues" / "talk-003-media", tmp_path / "talk-003-media")
    assert window.open_path(source)
    issue = window.issue()
    assert issue.number == "003" and issue.date == "2023-07-08"
    assert window.document.path is None and window.isWindowModified()
    assert window.statusBar().currentMessage().startswith("Recognised 23 sections and ")
    target = tmp_path / "archive" / "003" / "issue.yaml"
    assert window.save(target)
    assets = sorted(p.name for p in (target.parent / "assets").iterdir())
    assert assets == ["p08-1.png", "p10-1.jpeg", "p11-1.jpeg"]
    assert "assets/p08-1.png" in (target.parent / "issue.md").read_text(encoding="utf-8")


def test_opening_a_broken_docx_shows_a_message_and_keeps_the_open_issue(qtbot, window, tmp_path,
                                                                        no_dialogs):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    before = window.issue()
    assert not window.open_path(bad)
    assert no_dialogs["errors"]
    assert window.issue() == before


def test_the_real_word_issue_opens_with_its_images(qtbot, window, samples, tmp_path):
    assert window.open_path(samples / "docx" / "openllm-talk-fanwai02.docx")
    assert window.issue().number == "番外02"
    images = set(window.document.pending_assets)
    assert images
    target = tmp_path / "番外02" / "issue.yaml"
    assert window.save(target)
    assert {p.name for p in (target.parent / "assets").iterdir()} == images
    assert not window.document.pending_assets
