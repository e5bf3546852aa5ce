"""Export for Zhihu from the window: the check is shown, the files are written, the post is on
the clipboard; the preview can show the post as Zhihu will."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from talkeditor.importing.importer import import_file, write_import
from tests.conftest import FIXTURES


@pytest.fixture(autouse=True)
def _empty_clipboard_afterwards():
    """Mime data left on the offscreen clipboard crashes Qt when the app is torn down."""
    yield
    QGuiApplication.clipboard().clear()


def test_export_writes_the_post_and_puts_html_and_text_on_the_clipboard(qtbot, window,
                                                                        no_dialogs, tmp_path):
    out = tmp_path / "zhihu-out"
    no_dialogs["answers"]["zhihu"] = {"folder": out, "image_base_url": "", "link_cards": False}
    assert window.findChild(type(window.actions_["actionSave"]), "actionExportZhihu")
    window.actions_["actionExportZhihu"].trigger()  # check and export in the background
    qtbot.waitUntil(lambda: (out / "title.txt").is_file()
                    and window.manager.tasks.running("zhihu") is None, timeout=20000)
    (_kind, title, warnings, _folder), = [a for a in no_dialogs["asked"]
                                          if isinstance(a, tuple) and a[0] == "zhihu"]
    assert title.startswith("【OpenLLM Talk 004】本期提要：检索+LLM；")
    assert any(w.startswith("Title: The full title has") for w in warnings)  # over 100
    assert (out / "post.html").is_file() and (out / "post.md").is_file()
    assert (out / "title.txt").read_text(encoding="utf-8").strip() == title
    mime = QGuiApplication.clipboard().mimeData()
    assert "<h2>本周新闻</h2>" in mime.html()
    assert "陈丹琦 ACL 学术报告来了" in mime.text() and "<h2>" not in mime.text()


def test_cancelling_the_export_dialog_writes_nothing(qtbot, window, no_dialogs, issue_copy):
    no_dialogs["answers"]["zhihu"] = None
    assert not window.zhihu_actions.export_zhihu()
    assert not (issue_copy.parent / "zhihu").exists()


def test_the_zhihu_preview_shows_the_post_with_its_title(qtbot, window):
    window.actions_["actionZhihuPreview"].setChecked(True)
    qtbot.waitUntil(lambda: "【OpenLLM Talk 004】本期提要" in window.preview.toPlainText())
    assert "<h2>" not in window.preview.toPlainText()
    window.actions_["actionZhihuPreview"].setChecked(False)
    qtbot.waitUntil(lambda: "【OpenLLM Talk 004】本期提要" not in window.preview.toPlainText())


def _body(post_html: str) -> str:
    return post_html.split("<body>\n", 1)[1].rsplit("</body>", 1)[0]


@pytest.mark.parametrize("link_cards", [True, False])
def test_clipboard_post_html_and_zhihu_preview_have_byte_identical_bodies(
        qtbot, window, no_dialogs, tmp_path, link_cards):
    out = tmp_path / "zhihu-out"
    no_dialogs["answers"]["zhihu"] = {"folder": out, "image_base_url": "https://img.example/t",
                                      "link_cards": link_cards, "title": "我的标题"}
    assert window.zhihu_actions.export_zhihu()
    body = _body((out / "post.html").read_text(encoding="utf-8"))
    assert ('data-draft-type="link-card"' in body) is link_cards
    assert QGuiApplication.clipboard().mimeData().html() == body
    preview = window.preview.zhihu_html()
    heading, rest = preview.split("\n", 1)
    assert heading.startswith("<h1>【OpenLLM Talk 004】") and rest == body
    assert (out / "title.txt").read_text(encoding="utf-8") == "我的标题\n"


def test_the_export_dialog_offers_the_full_and_a_fitting_title_with_a_live_count_in_chinese(
        qtbot, tmp_path):
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    from talkeditor.ui import dialogs
    from talkeditor.ui.app import install_translations
    from talkeditor.zhihu import export as zhihu

    from .test_zhihu_export import issue_004

    issue = issue_004()
    full, proposed = zhihu.zhihu_title(issue), zhihu.proposed_title(issue)
    install_translations(QApplication.instance(), "zh_CN")
    try:
        dialog = dialogs.ZhihuExportDialog(None, proposed, ["标题：已缩短"], tmp_path, "", True,
                                           full)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "导出到知乎"
        assert dialog.full_title_edit.text() == full and dialog.full_title_edit.isReadOnly()
        assert dialog.title_edit.text() == proposed and not dialog.title_edit.isReadOnly()
        assert dialog.count_label.text() == f"{len(proposed)} / 100 个字"
        assert "color" not in dialog.count_label.styleSheet()
        dialog.title_edit.setFocus()
        dialog.title_edit.end(False)
        event = QInputMethodEvent()
        event.setCommitString("加长" * 3)
        QApplication.sendEvent(dialog.title_edit, event)
        assert dialog.title_edit.text() == proposed + "加长" * 3
        assert dialog.count_label.text() == f"{len(proposed) + 6} / 100 个字"
        assert "color" in dialog.count_label.styleSheet()  # over the limit: shown in red
        assert dialog.count_label.toolTip() == "知乎标题最多 100 个字"
        assert not dialog.ok_button.isEnabled()  # Zhihu would refuse it
        dialog.title_edit.setText(proposed)
        assert dialog.ok_button.isEnabled()
        dialog.title_edit.setText(proposed + "加长" * 3)
        assert dialog.cards.text().startswith("链接卡片")
        assert dialog.options()["title"] == proposed + "加长" * 3
    finally:
        install_translations(QApplication.instance(), "en")


def test_exporting_the_next_issue_before_its_first_save_copies_the_carried_qr_codes(
        qtbot, window, no_dialogs, tmp_path):
    from .test_assets import past_with_qr_codes, tiny_png

    past = past_with_qr_codes(tmp_path / "archive" / "004")
    assert window.archive_actions.new_next_from(past)
    assert window.document.path is None and window.document.pending_assets
    out = tmp_path / "zhihu-out"
    no_dialogs["answers"]["zhihu"] = {"folder": out, "image_base_url": "", "link_cards": True}
    assert window.zhihu_actions.export_zhihu()
    (_kind, _title, warnings, _folder), = [a for a in no_dialogs["asked"]
                                           if isinstance(a, tuple) and a[0] == "zhihu"]
    assert not any("the issue's folder is unknown" in w for w in warnings)
    assert (out / "images" / "qq-qr.png").read_bytes() == tiny_png(20)
    assert (out / "images" / "wechat-qr.png").read_bytes() == tiny_png(10)
    html = (out / "post.html").read_text(encoding="utf-8")
    assert 'src="images/wechat-qr.png"' in html and 'src="images/qq-qr.png"' in html
    assert window.document.path is None  # nothing saved behind the host's back


def test_the_export_dialog_shows_the_start_of_long_titles_and_wraps_check_lines(qtbot, tmp_path):
    from PySide6.QtWidgets import QListWidget

    from talkeditor.ui import dialogs
    from talkeditor.zhihu import export as zhihu

    from .test_zhihu_export import issue_004

    issue = issue_004()
    dialog = dialogs.ZhihuExportDialog(None, zhihu.proposed_title(issue), ["x" * 300], tmp_path,
                                       "", True, zhihu.zhihu_title(issue))
    qtbot.addWidget(dialog)
    assert dialog.title_edit.cursorPosition() == 0
    assert dialog.full_title_edit.cursorPosition() == 0
    assert dialog.findChild(QListWidget, "zhihuWarnings").wordWrap()
    assert dialog.ok_button.isEnabled()


def test_the_export_dialog_is_offered_the_corrected_005_title(qtbot, window, no_dialogs,
                                                              tmp_path):
    path = tmp_path / "005" / "issue.yaml"
    write_import(import_file(FIXTURES / "samples" / "issues" / "talk-005.md"), path)
    assert window.open_path(path)
    window.actions_["actionExportZhihu"].trigger()
    qtbot.waitUntil(lambda: any(c[0] == "zhihu" for c in no_dialogs["asked"]), timeout=20000)
    zhihu_calls = [c for c in no_dialogs["asked"] if c[0] == "zhihu"]
    assert zhihu_calls[-1][1].startswith("【OpenLLM Talk 005】本期提要：llama2；")


def test_the_menus_export_checks_in_the_background_and_cancel_writes_nothing(
        qtbot, window, no_dialogs, tmp_path):
    from .test_ui_open_background import big_file

    assert window.open_path(big_file(tmp_path, times=10))
    out = tmp_path / "zhihu-out"
    no_dialogs["answers"]["zhihu"] = {"folder": out, "image_base_url": "", "link_cards": False}
    window.manager.tasks.delay_ms = 0
    window.actions_["actionExportZhihu"].trigger()
    task = window.manager.tasks.running("zhihu")
    assert task is not None and task.label == "Checking the post for Zhihu…"
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=20000)
    qtbot.mouseClick(task.dialog.cancel_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(task.ended, timeout=20000) as ended:
        pass
    assert ended.args == ["cancelled"]
    assert not [a for a in no_dialogs["asked"] if a[0] == "zhihu"], "no options after Cancel"
    assert not out.exists() and no_dialogs["errors"] == []
    assert window.manager.tasks.running("zhihu") is None
