"""The core's structured results read as sentences in the window, in English and in Chinese."""

import pytest

from talkeditor.archive.repeats import Occurrence, Repeat
from talkeditor.reuse.copy_format import FIELD_KEPT, KINDS, RENAMED, FormatNote
from talkeditor.storage.recovery import (
    CHANGED,
    DRAFT_UNREADABLE,
    NEVER_SAVED,
    SAME,
    SAVED_UNREADABLE,
    DraftDifference,
)
from talkeditor.ui.app import install_translations
from talkeditor.ui.wording import describe_draft, describe_format_note, describe_repeat


@pytest.fixture
def chinese(qapp):
    install_translations(qapp, "zh_CN")
    yield
    install_translations(qapp, "en")


def test_a_changed_draft_reads_as_before_in_chinese(chinese):
    diff = DraftDifference(CHANGED, list("甲乙丙丁戊己"), 2, 100, -7)
    expected = "6 个版块有改动（甲、乙、丙、丁、戊等）；删除了 2 个版块；字数 -7"
    assert describe_draft(diff) == expected
    assert describe_draft(DraftDifference(NEVER_SAVED, chars=12)) == "从未保存的草稿，12 字"
    assert describe_draft(DraftDifference(CHANGED, char_delta=3)) == "本期信息有改动；字数 +3"


def test_every_kind_of_draft_difference_has_english_words(qapp):
    install_translations(qapp, "en")
    texts = {kind: describe_draft(DraftDifference(kind, ["news"], 1, 5, 4, error="bad"))
             for kind in (DRAFT_UNREADABLE, NEVER_SAVED, SAVED_UNREADABLE, SAME, CHANGED)}
    assert texts[CHANGED] == "1 sections changed (news); 1 sections removed; characters +4"
    assert texts[DRAFT_UNREADABLE] == "Cannot be read: bad"
    assert len(set(texts.values())) == 5


def test_copy_format_notes_read_as_before_in_chinese(chinese):
    assert describe_format_note(FormatNote(FIELD_KEPT, "Free Talk", "主持提示")) == \
        "版块「Free Talk」的【主持提示】在往期中没有，已保留"
    assert describe_format_note(FormatNote(RENAMED, "本周推荐-optional", title="本周推荐")) == \
        "版块「本周推荐-optional」改名为「本周推荐」（往期的标题）"
    words = {describe_format_note(FormatNote(kind, "S", "L", "T")) for kind in KINDS}
    assert len(words) == len(KINDS) and all("S" in w and "「" in w for w in words)


def test_a_repeat_names_the_issues_and_sections_as_before_in_chinese(chinese):
    def seen(number, *path, in_draft=False):
        return Occurrence(number, "s", path, 1, in_draft=in_draft)

    def repeat(*previous):
        return Repeat("s", ("本周新闻",), 3, "", "x", "link", "x", "url:x", previous)

    assert describe_repeat(repeat(seen("002", "本周推荐", "资料"))) == \
        "已在 002 · 本周推荐 / 资料 出现过"
    many = repeat(seen("003", "学术"), seen("002", "项目"), seen("001", "学术"),
                  seen("005", "本周推荐", "资料", in_draft=True))
    assert describe_repeat(many) == \
        "已在 003 · 学术、002 · 项目 等 3 期 出现过；本期已在 本周推荐 / 资料 出现过"


def _file_errors(tmp_path):
    """The three file errors a new user met: a folder as a file, a text file as a picture,
    an export into a file."""
    from talkeditor.errors import IssueFormatError
    from talkeditor.model import Issue
    from talkeditor.storage.assets import read_image_file
    from talkeditor.storage.files import read_limited
    from talkeditor.zhihu.export import export_issue

    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    (tmp_path / "out").write_text("x", encoding="utf-8")
    found = []
    for action in (lambda: read_limited(tmp_path, 10),
                   lambda: read_image_file(tmp_path / "notes.txt"),
                   lambda: export_issue(Issue(), tmp_path / "out")):
        with pytest.raises(IssueFormatError) as caught:
            action()
        found.append(caught.value)
    return found


def test_core_file_errors_read_in_chinese_in_the_window(chinese, tmp_path):
    from talkeditor.ui.wording import describe_error

    folder, text_file, export_target = _file_errors(tmp_path)
    assert describe_error(folder) == f"{tmp_path} 不是文件"
    assert describe_error(text_file) == "notes.txt 不是图片（.png、.jpg、.gif、.webp、.bmp）"
    assert describe_error(export_target) == f"{tmp_path / 'out'} 已存在，但不是文件夹"


def test_core_file_errors_keep_their_english_words_for_the_cli(qapp, tmp_path):
    from talkeditor.ui.wording import describe_error

    install_translations(qapp, "en")
    errors = _file_errors(tmp_path)
    assert [str(e) for e in errors] == [
        f"{tmp_path} is not a file (it is a folder)",
        "notes.txt is not a picture (.png, .jpg, .gif, .webp, .bmp)",
        f"{tmp_path / 'out'} exists and is not a folder"]
    # The app words the code and its data: the same sentence, without the CLI's detail.
    assert [describe_error(e) for e in errors] == [
        f"{tmp_path} is not a file", *[str(e) for e in errors[1:]]]
