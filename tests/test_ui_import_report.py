"""Issue 17 in the window: the import findings are shown after opening an old issue, and the
section editor shows standing text judged from the archive, which the host can flip."""

from __future__ import annotations

from talkeditor.model import BODY_STANDING, BODY_WEEKLY, Issue, Section
from talkeditor.reuse.next_issue import STANDING_EVIDENCE


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
    assert pane.body_kind_note.isHidden()
    document.undo_stack.undo()
    section = document.issue.find("privacy")
    assert section.body_kind == BODY_STANDING
    assert section.extra[STANDING_EVIDENCE] == ["012", "013", "014"]
    assert pane.body_kind.currentData() == BODY_STANDING and not pane.body_kind_note.isHidden()


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
