"""Export for Zhihu from the window: the check is shown, the files are written, the post is on
the clipboard; the preview can show the post as Zhihu will."""

import pytest
from PySide6.QtGui import QGuiApplication


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
    window.actions_["actionExportZhihu"].trigger()
    (_kind, title, warnings, _folder), = [a for a in no_dialogs["asked"]
                                          if isinstance(a, tuple) and a[0] == "zhihu"]
    assert title.startswith("【OpenLLM Talk 004】本期提要：检索+LLM；")
    assert any("标题" in w for w in warnings)  # 004's title is longer than Zhihu allows
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
