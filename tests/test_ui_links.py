"""Links and images in the real window: a pasted URL gets its title from a local web server
while typing goes on, Undo takes the title back out; pasted and dropped images land in
assets/; Insert › Image…; Fill Missing Link Titles; carried and imported images show in the
preview before they are written; wide images fit the preview."""

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QTextCursor
from PySide6.QtWidgets import QApplication

from talkeditor.storage import assets
from talkeditor.ui import dialogs
from tests import link_server
from tests.test_assets import past_with_qr_codes
from tests.test_ui_window import _body, _focus_body, type_text


@pytest.fixture(scope="module")
def server():
    with link_server.serve(slow_seconds=1.5) as base:
        yield base


def _empty_line_at_end(qtbot, window, *titles):
    window.select_section(*titles)
    _focus_body(qtbot, window)
    body = _body(window)
    body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    return body


def _untitled_spot(qtbot, window, *titles):
    """An empty line under a heading: a URL pasted there has no title line yet."""
    body = _empty_line_at_end(qtbot, window, *titles)
    qtbot.keyClicks(body, "## Links")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    return body


def _paste_text(qtbot, body, text):
    QApplication.clipboard().setText(text)
    qtbot.keyClick(body, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_pasted_url_gets_its_title_while_typing_goes_on_and_undo_removes_it(qtbot, window,
                                                                           server):
    body = _untitled_spot(qtbot, window, "本周新闻", "学术")
    url = server + "/slow"
    _paste_text(qtbot, body, url)
    assert body.toPlainText().endswith(f"\n\n<{url}>")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    type_text(qtbot, body, "typed while fetching，继续打字")
    assert "Slow page" not in body.toPlainText()  # the page takes 1.5 s; typing did not wait
    qtbot.waitUntil(lambda: "Slow page" in body.toPlainText(), timeout=10000)
    text = window.issue().find_path("本周新闻", "学术").body
    assert f"\n\nSlow page\n\n<{url}>\ntyped while fetching，继续打字" in text
    window.actions_["actionUndo"].trigger()
    after = window.issue().find_path("本周新闻", "学术").body
    assert "Slow page" not in after
    assert f"\n\n<{url}>\ntyped while fetching，继续打字" in after


def test_pasted_gbk_and_zhihu_urls_get_their_titles(qtbot, window, server):
    body = _empty_line_at_end(qtbot, window, "本周推荐")
    _paste_text(qtbot, body, server + "/gbk")
    qtbot.waitUntil(lambda: link_server.GBK_TITLE in body.toPlainText(), timeout=10000)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    _paste_text(qtbot, body, f"  {server}/zhihu\n")
    qtbot.waitUntil(lambda: link_server.ZHIHU_TITLE in body.toPlainText(), timeout=10000)
    assert body.toPlainText().endswith(
        f"{link_server.GBK_TITLE}\n\n<{server}/gbk>\n\n{link_server.ZHIHU_TITLE}\n\n"
        f"<{server}/zhihu>")


def test_failed_fetch_inserts_nothing(qtbot, window, server):
    body = _untitled_spot(qtbot, window, "本周新闻", "学术")
    failures = []
    reasons = []
    window.link_actions.paste.titleFailed.connect(lambda url, why: failures.append(url))
    window.link_actions.paste.titleFailed.connect(lambda url, why: reasons.append(why))
    _paste_text(qtbot, body, server + "/missing")
    before = body.toPlainText()
    qtbot.waitUntil(lambda: bool(failures), timeout=10000)
    assert body.toPlainText() == before
    assert reasons == ["the server answered HTTP 404 Not Found"]
    assert before.endswith(f"\n\n<{server}/missing>")


def test_url_pasted_inside_text_is_plain_text_and_the_setting_turns_fetching_off(
        qtbot, window, server):
    body = _empty_line_at_end(qtbot, window, "本周新闻", "学术")
    type_text(qtbot, body, "see ")
    _paste_text(qtbot, body, server + "/utf8")
    assert body.toPlainText().endswith(f"see {server}/utf8")
    toggle = window.actions_["actionFetchPastedTitles"]
    assert toggle.isChecked()
    toggle.trigger()  # Edit › Fetch Titles of Pasted Links, off
    assert not window.settings.fetch_link_titles()
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    _paste_text(qtbot, body, server + "/utf8")
    assert body.toPlainText().endswith(f"\n\n<{server}/utf8>")
    assert window.link_actions.fetcher.pending() == 0
    from talkeditor.settings import Settings

    assert Settings(window.settings.path).fetch_link_titles() is False  # saved


def _red_image(width=40, height=30) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    return image


def test_pasted_image_goes_to_assets_on_save_and_is_referenced(qtbot, window, tmp_path):
    window.new_from_template()
    body = _empty_line_at_end(qtbot, window, "本周新闻")
    QApplication.clipboard().setImage(_red_image())
    qtbot.keyClick(body, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    QApplication.clipboard().setImage(_red_image())
    qtbot.keyClick(body, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    refs = assets.image_refs(body.toPlainText())
    assert len(refs) == 1 and refs[0].startswith("assets/") and refs[0].endswith(".png")
    assert body.toPlainText().count(f"![]({refs[0]})") == 2
    assert window.document.path is None and window.document.pending_image(refs[0])
    target = tmp_path / "new" / "issue.yaml"
    assert window.save(target)
    files = list((target.parent / "assets").iterdir())
    assert [f.name for f in files] == [refs[0].split("/")[1]]  # one file, no duplicate
    assert QImage(str(files[0])).pixelColor(0, 0) == QColor("red")
    assert f"![]({refs[0]})" in (target.parent / "issue.md").read_text(encoding="utf-8")


def _drop(body, *paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    assert body.canInsertFromMimeData(mime)
    body.insertFromMimeData(mime)
    return assets.image_refs(body.toPlainText())[-len(paths):]


def test_dropped_jpeg_photo_is_kept_as_jpeg_in_assets_at_once(qtbot, window, tmp_path):
    source = tmp_path / "photo.JPEG"
    assert _red_image(400, 300).save(str(source), "JPG")
    body = _empty_line_at_end(qtbot, window, "本周新闻", "学术")
    [ref] = _drop(body, source)
    stored = window.document.path.parent / ref
    assert stored.suffix == ".jpg" and stored.read_bytes() == source.read_bytes()
    assert stored.stem == assets.image_name(source.read_bytes(), "")


def test_dropped_bmp_is_converted_to_png(qtbot, window, tmp_path):
    source = tmp_path / "shot.bmp"
    assert _red_image().save(str(source), "BMP")
    body = _empty_line_at_end(qtbot, window, "本周新闻", "学术")
    [ref] = _drop(body, source)
    stored = window.document.path.parent / ref
    assert stored.suffix == ".png" and stored.read_bytes().startswith(b"\x89PNG")


def test_a_picture_already_in_assets_is_reused_not_stored_again(qtbot, window, tmp_path):
    folder = window.document.path.parent / "assets"
    folder.mkdir(exist_ok=True)
    assert _red_image(30, 30).save(str(folder / "qr-wechat.png"))
    copy = tmp_path / "same.png"
    copy.write_bytes((folder / "qr-wechat.png").read_bytes())
    body = _empty_line_at_end(qtbot, window, "本周新闻", "学术")
    assert _drop(body, copy) == ["assets/qr-wechat.png"]
    assert [p.name for p in folder.iterdir()] == ["qr-wechat.png"]


def test_a_photo_pasted_as_jpeg_stays_jpeg(qtbot, window, tmp_path):
    source = tmp_path / "photo.jpg"
    assert _red_image(200, 100).save(str(source), "JPG")
    mime = QMimeData()
    mime.setImageData(_red_image(200, 100))
    mime.setData("image/jpeg", source.read_bytes())
    body = _empty_line_at_end(qtbot, window, "本周新闻", "学术")
    body.insertFromMimeData(mime)
    ref = assets.image_refs(body.toPlainText())[-1]
    assert (window.document.path.parent / ref).read_bytes() == source.read_bytes()
    assert ref.endswith(".jpg")


def test_insert_image_command_uses_the_dialog_and_inserts_at_the_cursor(qtbot, window,
                                                                       tmp_path, monkeypatch):
    source = tmp_path / "qr.png"
    assert _red_image(20, 20).save(str(source))
    monkeypatch.setattr(dialogs, "open_image_path", lambda parent, start=None: source)
    body = _empty_line_at_end(qtbot, window, "加入/赞助我们")
    type_text(qtbot, body, "微信群")
    window.actions_["actionInsertImage"].trigger()
    text = body.toPlainText()
    ref = assets.image_refs(text)[-1]
    assert text.endswith(f"微信群\n![]({ref})")
    assert (window.document.path.parent / ref).is_file()


def test_fill_missing_link_titles_fills_every_untitled_link(qtbot, window, server):
    window.select_section("本周新闻", "学术")
    body = _body(window)
    body.moveCursor(QTextCursor.MoveOperation.End)
    body.insertPlainText(f"\n\n## 新链接\n\n<{server}/utf8>\n\n<{server}/missing>\n")
    window.select_section("Free Talk")
    _body(window).moveCursor(QTextCursor.MoveOperation.End)
    _body(window).insertPlainText(f"\n\n## 更多\n\n{server}/og\n")
    with qtbot.waitSignal(window.link_actions.filled, timeout=15000) as filled:
        window.actions_["actionFillLinkTitles"].trigger()
    assert filled.args == [2]
    news = window.issue().find_path("本周新闻", "学术").body
    assert f"## 新链接\n\n{link_server.UTF8_TITLE}\n\n<{server}/utf8>\n\n<{server}/missing>" \
        in news
    assert f"{link_server.OG_TITLE}\n\n{server}/og" in window.issue().find_path("Free Talk").body


def _preview_images(window, refresh=True) -> list[QImage]:
    if refresh:
        window.preview.refresh()
    doc = window.preview.document()
    found = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            name = fmt.toImageFormat().name() if fmt.isImageFormat() else None
            if name is not None and name not in window.preview.refused:  # not a placeholder
                found.append(doc.resource(doc.ResourceType.ImageResource.value, QUrl(name)))
            it += 1
        block = block.next()
    return [f for f in found if isinstance(f, QImage)]


def test_next_issue_shows_the_carried_qr_codes_before_and_after_saving(qtbot, window, tmp_path):
    past = past_with_qr_codes(tmp_path / "archive" / "004")
    assert window.archive_actions.new_next_from(past)
    assert window.document.path is None
    assert set(window.document.pending_assets) == {"wechat-qr.png", "qq-qr.png"}
    assert len(_preview_images(window)) == 2  # shown from memory, nothing written yet
    target = tmp_path / "archive" / "005" / "issue.yaml"
    assert window.save(target)
    assert sorted(p.name for p in (target.parent / "assets").iterdir()) == [
        "qq-qr.png", "wechat-qr.png"]
    assert len(_preview_images(window)) == 2
    post = window.preview.zhihu_html()
    assert "images/wechat-qr.png" in post and "images/qq-qr.png" in post


def test_wide_images_are_scaled_to_the_preview_width(qtbot, window):
    window.document.pending_assets["wide.png"] = _png(_red_image(3000, 100))
    window.select_section("本周新闻", "学术")
    _body(window).moveCursor(QTextCursor.MoveOperation.End)
    _body(window).insertPlainText("\n\n![](assets/wide.png)\n")
    window.preview_dock.show()
    window.preview.resize(500, 400)
    window.preview.refresh()
    qtbot.wait(50)
    qtbot.waitUntil(lambda: not window.preview._timer.isActive())  # refitted after a resize
    images = _preview_images(window, refresh=False)
    assert images and all(i.width() < window.preview.viewport().width() for i in images)
    assert images[0].width() > window.preview.viewport().width() - 40


def _png(image: QImage) -> bytes:
    from talkeditor.ui.editor.paste import png_bytes

    return png_bytes(image)


def test_imported_issue_images_show_in_the_preview_before_the_first_save(qtbot, window,
                                                                        tmp_path):
    import shutil

    from tests.conftest import FIXTURES

    source = tmp_path / "issue-012.md"
    shutil.copy(FIXTURES / "import" / "issue-012.md", source)
    shutil.copytree(FIXTURES / "import" / "issue-012-media", tmp_path / "issue-012-media")
    assert window.open_path(source)
    assert window.document.path is None and window.document.pending_assets
    assert len(_preview_images(window)) == len(window.document.pending_assets)


def test_copy_format_brings_the_standing_images_into_the_open_issue(qtbot, window, tmp_path,
                                                                    monkeypatch):
    past = past_with_qr_codes(tmp_path / "archive" / "004")
    own = window.document.path.parent / "assets"
    own.mkdir(exist_ok=True)
    (own / "weekly.png").write_bytes(b"the draft's own picture")  # same name as past's weekly
    window.select_section("本周新闻", "学术")
    _body(window).moveCursor(QTextCursor.MoveOperation.End)
    _body(window).insertPlainText("\n\n![](assets/weekly.png)\n")
    window.document.apply("join body", lambda issue: setattr(issue.find("join"), "body", ""))
    monkeypatch.setattr(dialogs, "open_issue_path", lambda parent, start=None: past)
    assert window.archive_actions.copy_format()
    assert "assets/wechat-qr.png" in window.issue().find("join").body
    assert sorted(p.name for p in own.iterdir()) == ["qq-qr.png", "wechat-qr.png", "weekly.png"]
    assert (own / "weekly.png").read_bytes() == b"the draft's own picture"
    assert len(_preview_images(window)) >= 2


def test_url_pasted_below_a_typed_title_and_a_blank_line_fetches_no_second_title(
        qtbot, window, server):
    body = _empty_line_at_end(qtbot, window, "本周新闻", "学术")
    type_text(qtbot, body, "我自己写的标题")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    _paste_text(qtbot, body, server + "/utf8")
    assert window.link_actions.fetcher.pending() == 0
    assert body.toPlainText().endswith(f"\n\n我自己写的标题\n\n<{server}/utf8>")
    qtbot.wait(300)
    assert link_server.UTF8_TITLE not in body.toPlainText()


def test_insert_image_of_a_folder_says_why_in_chinese(qtbot, window, no_dialogs, tmp_path,
                                                      monkeypatch, qapp):
    from talkeditor.ui.app import install_translations

    folder = tmp_path / "截图.png"
    folder.mkdir()
    monkeypatch.setattr(dialogs, "open_image_path", lambda parent, start=None: folder)
    window.select_section("本周新闻")
    _focus_body(qtbot, window)
    install_translations(qapp, "zh_CN")
    try:
        assert window.link_actions.insert_image() is False
    finally:
        install_translations(qapp, "en")
    assert no_dialogs["errors"][-1][1] == f"{folder} 不是文件"


@pytest.mark.parametrize("focus", ["tree", "body"])
def test_one_undo_takes_back_fill_missing_link_titles_whatever_has_focus(qtbot, window,
                                                                         server, focus):
    window.select_section("本周新闻", "学术")
    _body(window).moveCursor(QTextCursor.MoveOperation.End)
    _body(window).insertPlainText(f"\n\n## 新链接\n\n<{server}/utf8>\n")
    window.select_section("Free Talk")
    _body(window).moveCursor(QTextCursor.MoveOperation.End)
    _body(window).insertPlainText(f"\n\n## 更多\n\n{server}/og\n")
    before = {t: window.issue().find_path(*t).body for t in (("本周新闻", "学术"), ("Free Talk",))}
    with qtbot.waitSignal(window.link_actions.filled, timeout=15000):
        window.actions_["actionFillLinkTitles"].trigger()
    assert link_server.OG_TITLE in window.issue().find_path("Free Talk").body
    if focus == "tree":
        window.tree.setFocus()
    else:
        _focus_body(qtbot, window)
    window.actions_["actionUndo"].trigger()
    assert {t: window.issue().find_path(*t).body for t in before} == before
    window.actions_["actionRedo"].trigger()
    assert link_server.UTF8_TITLE in window.issue().find_path("本周新闻", "学术").body
    assert link_server.OG_TITLE in window.issue().find_path("Free Talk").body
