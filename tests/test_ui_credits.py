"""The credits panel: everyone credited, with roles; rename everywhere as one undo step; claims;
signing a line; jumping to where someone is credited."""

import pytest
from PySide6.QtGui import QTextCursor

from .test_ui_window import _body


@pytest.fixture(autouse=True)
def _panel_filled(qtbot, window):
    """The panel fills itself once shown (it does no work while tabbed away)."""
    window.credits_dock.raise_()
    qtbot.waitUntil(lambda: window.credits_panel.tree.topLevelItemCount() > 0)


def _row(panel, name):
    for i in range(panel.tree.topLevelItemCount()):
        item = panel.tree.topLevelItem(i)
        if item.text(0) == name:
            return item
    raise KeyError(name)


def test_the_panel_lists_everyone_credited_with_their_roles(qtbot, window):
    panel = window.credits_panel
    assert panel.objectName() == "creditsPanel"
    names = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert names[:2] == ["羡鱼", "suc16"]
    assert "符尧" in names
    roles = _row(panel, "羡鱼").text(1)
    assert "host" in roles and "editor" in roles and "signed" in roles
    assert _row(panel, "符尧").text(1).startswith("signed 1 (Free Talk 1)")


def test_renaming_in_the_panel_changes_every_place_and_undo_restores_them(qtbot, window,
                                                                          no_dialogs):
    panel = window.credits_panel
    panel.select_person("羡鱼")
    no_dialogs["answers"]["name"] = "咸鱼"
    panel._with_person(panel.renameRequested)
    issue = window.issue()
    assert issue.host == ["咸鱼"] and issue.editors == ["咸鱼", "suc16"]
    assert "个人喜欢 lora 方案--咸鱼" in issue.find("freetalk").body
    assert "羡鱼智能的文章" in issue.find("past").body  # ordinary text is not a credit
    qtbot.waitUntil(lambda: "【主持人】：咸鱼" in window.preview.toPlainText())
    qtbot.waitUntil(lambda: "咸鱼" in [panel.tree.topLevelItem(i).text(0)
                                     for i in range(panel.tree.topLevelItemCount())])
    window.document.undo_stack.undo()
    issue = window.issue()
    assert issue.host == ["羡鱼"] and "个人喜欢 lora 方案--羡鱼" in issue.find("freetalk").body
    qtbot.waitUntil(lambda: "【主持人】：羡鱼" in window.preview.toPlainText())


def test_unclaimed_sections_are_listed_and_can_be_assigned(qtbot, window, no_dialogs):
    panel = window.credits_panel
    unclaimed = [panel.claims.item(i).text() for i in range(panel.claims.count())]
    assert unclaimed == ["本周新闻", "本周推荐", "本周经典", "本周实践", "Free Talk"]
    panel.claims.setCurrentRow(0)
    no_dialogs["answers"]["name"] = "suc16"
    panel._with_section(panel.ownerRequested)
    assert window.issue().find("news").owners == ["suc16"]
    qtbot.waitUntil(lambda: panel.claims.count() == 4)
    qtbot.waitUntil(lambda: "【版块负责人】：本周新闻：suc16" in window.preview.toPlainText())
    window.document.undo_stack.undo()
    assert window.issue().find("news").owners == []


def test_signing_the_current_line_credits_it_once(qtbot, window, no_dialogs):
    window.select_section("本周新闻", "项目")
    body = _body(window)
    body.moveCursor(QTextCursor.MoveOperation.Start)
    no_dialogs["answers"]["name"] = "初七"
    assert window.findChild(type(window.actions_["actionSave"]), "actionSignLine")
    window.actions_["actionSignLine"].trigger()
    first = window.issue().find("news-projects").body.splitlines()[0]
    assert first == "fastllm 登上机器之心 sota 首页—初七"
    window.actions_["actionSignLine"].trigger()
    assert window.issue().find("news-projects").body.splitlines()[0] == first
    window.actions_["actionUndo"].trigger()
    assert window.issue().find("news-projects").body.splitlines()[0] == \
        "fastllm 登上机器之心 sota 首页"


def test_activating_a_credit_jumps_to_the_signature(qtbot, window):
    panel = window.credits_panel
    person = _row(panel, "符尧")
    panel.tree.itemActivated.emit(person.child(0), 0)
    assert window.editor.current_id == "freetalk"
    assert _body(window).textCursor().selectedText() == "符尧"
