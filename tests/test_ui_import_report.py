"""Issue 17 in the window: the import findings are shown after opening an old issue, and the
section editor shows standing text judged from the archive, which the host can flip."""

from __future__ import annotations

from talkeditor.model import BODY_STANDING, BODY_WEEKLY, Issue, Section
from talkeditor.reuse.next_issue import KIND_CHOSEN, STANDING_EVIDENCE, next_issue


def _pane(qtbot, issue):
    from talkeditor.ui.document.issue_document import IssueDocument
    from talkeditor.ui.editor.section_editor import SectionPane

    document = IssueDocument(issue, None)
    pane = SectionPane(document)
    qtbot.addWidget(pane)
    return document, pane


def _judged_issue() -> Issue:
    return Issue(number="015", sections=[
        Section(title="注意事项", id="privacy", body="录屏提示\n", body_kind=BODY_STANDING,
                extra={STANDING_EVIDENCE: ["012", "013", "014"]}),
        Section(title="加入我们", id="join", body="群号\n", body_kind=BODY_STANDING),
        Section(title="本周新闻", id="news")])


def test_the_section_editor_shows_which_issues_made_a_section_standing(qtbot):
    _document, pane = _pane(qtbot, _judged_issue())
    pane.load("privacy")
    assert pane.body_kind.currentData() == BODY_STANDING
    assert not pane.body_kind_note.isHidden()
    assert pane.body_kind_note.text() == "same text in 012、013、014"
    pane.load("join")  # standing by the template or the host: no note
    assert pane.body_kind_note.isHidden()
    pane.load("news")
    assert pane.body_kind_note.isHidden()


def test_flipping_a_judged_section_to_weekly_replaces_the_judgement_and_undo_restores_it(qtbot):
    document, pane = _pane(qtbot, _judged_issue())
    pane.load("privacy")
    pane.body_kind.setCurrentIndex(pane.body_kind.findData(BODY_WEEKLY))
    section = document.issue.find("privacy")
    assert section.body_kind == BODY_WEEKLY and STANDING_EVIDENCE not in section.extra
    assert section.extra[KIND_CHOSEN] is True
    assert pane.body_kind_note.isHidden()
    document.undo_stack.undo()
    section = document.issue.find("privacy")
    assert section.body_kind == BODY_STANDING
    assert section.extra[STANDING_EVIDENCE] == ["012", "013", "014"]
    assert pane.body_kind.currentData() == BODY_STANDING and not pane.body_kind_note.isHidden()


def test_a_section_the_host_flipped_to_weekly_is_cleared_in_the_next_issue_not_judged_again(
        qtbot, tmp_path):
    from talkeditor.archive.folder import Archive
    from talkeditor.storage import yaml_format
    from talkeditor.storage.files import save_issue

    folder = tmp_path / "archive"
    for n in ("012", "013"):
        save_issue(Issue(number=n, date="2023-09-16", sections=[
            Section(title="注意事项", id="privacy", body="录屏提示\n")]), folder / n / "issue.yaml")
    document, pane = _pane(qtbot, _judged_issue())
    pane.load("privacy")
    pane.body_kind.setCurrentIndex(pane.body_kind.findData(BODY_WEEKLY))
    assert document.issue.find("privacy").extra == {KIND_CHOSEN: True}
    document.issue.date = "2023-09-30"
    saved = yaml_format.loads(yaml_format.dumps(document.issue))  # as saved in 014
    following = next_issue(saved, Archive(folder))
    privacy = following.find("privacy")
    assert privacy.body_kind == BODY_WEEKLY and privacy.body == ""
    assert STANDING_EVIDENCE not in privacy.extra
    pane.body_kind.setCurrentIndex(pane.body_kind.findData(BODY_STANDING))  # and back
    assert next_issue(document.issue, Archive(folder)).find("privacy").body == "录屏提示\n"


def test_opening_an_old_issue_shows_what_the_import_dropped_or_guessed(qtbot, window, tmp_path,
                                                                      no_dialogs):
    source = tmp_path / "talk-016.txt"
    source.write_bytes("OpenLLM Talk 016\n\nFree Talk\n繁體的問與答\n".encode("big5"))
    assert window.open_path(source)
    assert window.issue().find_path("Free Talk").body == "繁體的問與答"
    (title, text), = [a for a in no_dialogs["asked"] if isinstance(a, tuple)]
    assert title == "Imported “talk-016.txt”"
    # The other encodings the detector found about as plausible follow in brackets.
    assert text.startswith("Guessed: the file is not UTF-8; it was read as big5 (also possible: ")
    assert "\n" not in text


def test_opening_a_clean_old_issue_shows_no_report(qtbot, window, tmp_path, no_dialogs):
    source = tmp_path / "talk-017.md"
    source.write_text("# OpenLLM Talk 017\n\n# 本周新闻\n\n内容\n", encoding="utf-8")
    assert window.open_path(source)
    assert [a for a in no_dialogs["asked"] if isinstance(a, tuple)] == []


def test_invisible_characters_ignored_before_every_label_are_reported_on_one_line():
    from talkeditor.importing.importer import import_text
    from talkeditor.ui.document.import_report import finding_lines

    labels = [f"标签{n}" for n in range(60)]
    text = "OpenLLM Talk 012\n\n\u200b本周新闻\n" + "".join(
        f"\u200b【{label}】：值\n" for label in labels) + "\ufeff学术\n正文\n"
    result = import_text(text, "txt")
    assert len([f for f in result.summary.findings if f.code == "invisible_removed"]) == 62
    lines = finding_lines(result.summary.findings)
    first, second = lines
    assert first.startswith("Invisible characters U+200B ignored in "
                            "“本周新闻、【标签0】、【标签1】、")
    assert first.endswith("…”") and len(first) < 130
    assert second == "Invisible characters U+FEFF ignored in “学术”"


def test_starting_the_app_on_an_old_issue_shows_the_report_over_the_window_not_before_it(
        qtbot, no_dialogs, tmp_path, monkeypatch):
    from talkeditor.ui import dialogs
    from talkeditor.ui.app import create_main_window

    source = tmp_path / "talk-016.txt"
    source.write_bytes("OpenLLM Talk 016\n\nFree Talk\n繁體的問與答\n".encode("big5"))
    shown = []
    monkeypatch.setattr(dialogs, "show_info",
                        lambda parent, title, text: shown.append((parent.isVisible(), title)))
    win = create_main_window(source, lang="en")  # talkeditor talk-016.txt
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == [(True, "Imported “talk-016.txt”")]
    win.document.set_modified(False)
