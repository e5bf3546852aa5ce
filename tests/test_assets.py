"""Issue images: content-hash names, references, safe reads, and the next issue carrying the
standing sections' images (QR codes) into its own assets/ where the Zhihu export finds them."""

import struct
import zlib

import pytest

from talkeditor.model import BODY_STANDING, Issue, Section
from talkeditor.storage import assets
from talkeditor.storage.files import load_yaml_issue, save_issue
from tests.conftest import FIXTURES, run_cli


def tiny_png(shade: int = 0) -> bytes:
    """A valid 2x2 grey PNG (no Qt needed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    raw = b"".join(b"\0" + bytes([shade, shade]) for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_same_bytes_same_name_other_bytes_other_name():
    assert assets.png_name(tiny_png(1)) == assets.png_name(tiny_png(1))
    assert assets.png_name(tiny_png(1)) != assets.png_name(tiny_png(2))
    assert assets.png_name(tiny_png(1)).endswith(".png")


def test_image_refs_and_asset_names():
    text = ('![二维码](assets/qr.png)\n<img src="./assets/qq%20qr.png" width=200>\n'
            "![](https://example.com/x.png) ![](../other/assets/x.png) ![](assets/../x.png)")
    refs = assets.image_refs(text)
    assert refs[0] == "assets/qr.png" and refs[-1] == "./assets/qq%20qr.png"
    names = [assets.asset_name(r) for r in refs]
    assert names == ["qr.png", None, None, None, "qq qr.png"]


def test_write_assets_skips_identical_files(tmp_path):
    data = tiny_png(3)
    name = assets.png_name(data)
    assert assets.write_assets({name: data}, tmp_path) == [name]
    assert assets.write_assets({name: data}, tmp_path) == []
    assert (tmp_path / "assets" / name).read_bytes() == data
    with pytest.raises(ValueError):
        assets.write_assets({"../escape.png": data}, tmp_path)


def test_read_asset_refuses_symlinks_out_of_the_folder(tmp_path):
    outside = tmp_path / "secret.png"
    outside.write_bytes(tiny_png())
    (tmp_path / "issue" / "assets").mkdir(parents=True)
    (tmp_path / "issue" / "assets" / "link.png").symlink_to(outside)
    (tmp_path / "issue" / "assets" / "ok.png").write_bytes(tiny_png(9))
    assert assets.read_asset(tmp_path / "issue", "link.png") is None
    assert assets.read_asset(tmp_path / "issue", "ok.png") == tiny_png(9)


def test_read_image_file_refuses_what_is_not_a_picture(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(ValueError):
        assets.read_image_file(tmp_path / "notes.txt")
    with pytest.raises(ValueError):
        assets.read_image_file(tmp_path / "nothing.png")


def past_with_qr_codes(folder):
    """Issue 004 with the WeChat and QQ QR codes of 加入/赞助我们 as images in assets/."""
    past = load_yaml_issue(FIXTURES / "issue-004.yaml")
    join = past.find("join")
    join.body = join.body.replace("（二维码过期了!）", "![微信群](assets/wechat-qr.png)") \
        .replace("QQ 群：", "QQ 群：\n\n![QQ群](assets/qq-qr.png)")
    news = next(s for s, _d in past.walk() if s.body_kind != BODY_STANDING and s.body)
    news.body += "\n\n![本周截图](assets/weekly.png)\n"
    (folder / "assets").mkdir(parents=True)
    (folder / "assets" / "wechat-qr.png").write_bytes(tiny_png(10))
    (folder / "assets" / "qq-qr.png").write_bytes(tiny_png(20))
    (folder / "assets" / "weekly.png").write_bytes(tiny_png(30))
    return save_issue(past, folder / "issue.yaml")


def test_next_issue_copies_the_standing_images_and_the_export_finds_them(tmp_path):
    past = past_with_qr_codes(tmp_path / "004")
    new = tmp_path / "005" / "issue.yaml"
    done = run_cli("new", "--from", past, "-o", new)
    assert done.returncode == 0, done.stderr
    copied = sorted(p.name for p in (tmp_path / "005" / "assets").iterdir())
    assert copied == ["qq-qr.png", "wechat-qr.png"]  # the weekly screenshot stays behind
    assert (tmp_path / "005" / "assets" / "qq-qr.png").read_bytes() == tiny_png(20)
    out = tmp_path / "post"
    exported = run_cli("export-zhihu", new, "-o", out)
    assert exported.returncode == 0, exported.stderr
    assert "image-missing" not in exported.stdout + exported.stderr
    html = (out / "post.html").read_text(encoding="utf-8")
    assert 'src="images/wechat-qr.png"' in html and 'src="images/qq-qr.png"' in html
    assert (out / "images" / "wechat-qr.png").read_bytes() == tiny_png(10)


def test_collect_images_leaves_out_missing_files(tmp_path):
    issue = Issue(sections=[Section(title="s", body="![](assets/a.png)\n![](assets/b.png)")])
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.png").write_bytes(tiny_png())
    assert assets.collect_images(issue, tmp_path) == {"a.png": tiny_png()}
    assert assets.collect_images(issue, None) == {}
