"""The preview reads nothing outside the open issue and nothing hangs it (issue 14).

Each case renders in a child process (tests/preview_driver.py) under a time limit and asserts
on what the preview's QTextDocument actually holds for every image address
(``QTextDocument.resource``): the real image for a regular image file inside the issue's
folder, a placeholder naming the reason for everything else.
"""

import json
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = (420, 40)


def png(width: int, height: int) -> bytes:
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def bomb_png(width: int, height: int) -> bytes:
    """A tiny PNG that declares a huge canvas (decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = png(1, 1)
    start = data.index(b"IHDR")
    return (data[:start] + b"IHDR" + header
            + struct.pack(">I", zlib.crc32(b"IHDR" + header)) + data[start + 21:])


@pytest.fixture
def tree(tmp_path):
    """An issue folder with one good image and every kind of hostile neighbour."""
    folder = tmp_path / "issue"
    (folder / "assets").mkdir(parents=True)
    (folder / "assets" / "ok.png").write_bytes(png(3, 2))
    (tmp_path / "secret.png").write_bytes(png(5, 5))
    (tmp_path / "passwd").write_text("root:x:0:0\n")
    (folder / "assets" / "out.png").symlink_to(tmp_path / "secret.png")
    (folder / "assets" / "zero.png").symlink_to("/dev/zero")
    (folder / "assets" / "in.png").symlink_to(folder / "assets" / "ok.png")
    os.mkfifo(folder / "assets" / "fifo.png")
    (folder / "assets" / "notes.png").write_text("not an image")
    (folder / "assets" / "bomb.png").write_bytes(bomb_png(60_000, 60_000))
    with open(folder / "assets" / "huge.png", "wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    return folder


def render(folder: Path, markdown: str, mode: str = "issue", *extra: str,
           cwd: Path | None = None) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "preview_driver.py"),
                           str(folder), mode, *extra], input=markdown.encode("utf-8"),
                          capture_output=True, env=env, timeout=60, cwd=cwd or ROOT)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return json.loads(done.stdout.decode("utf-8").strip().splitlines()[-1])


def test_a_regular_image_inside_the_issue_folder_is_shown(tree):
    found = render(tree, "![a](assets/ok.png)\n\n![b](assets/in.png)\n\n"
                         "<img src=\"assets/ok.png\">\n")
    assert found["assets/ok.png"] == {"width": 3, "height": 2, "refused": None}
    assert found["assets/in.png"] == {"width": 3, "height": 2, "refused": None}


HOSTILE = [
    ("![x](file://{up}/secret.png)", "file://"),
    ("<img src=\"file://{up}/passwd\">", "file://"),
    ("![x](file:///dev/zero)", "file://"),
    ("![x]({up}/secret.png)", "absolute paths"),
    ("![x](/dev/zero)", "absolute paths"),
    ("![x](../secret.png)", "outside the issue's folder"),
    ("![x](assets/out.png)", "outside the issue's folder"),
    ("![x](assets/zero.png)", "outside the issue's folder"),
    ("![x](assets/fifo.png)", "pipe (FIFO)"),
    ("![x](assets)", "not an image file"),
    ("![x](assets/notes.png)", "cannot be decoded"),
    ("![x](assets/bomb.png)", "too many pixels"),
    ("![x](assets/huge.png)", "larger than 20 MB"),
    ("![x](assets/missing.png)", "missing"),
    ("![x](http://127.0.0.1:9/x.png)", "remote images are not loaded"),
    ("![x](https://example.invalid/x.png)", "remote images are not loaded"),
    ("![x](data:image/png;base64,iVBORw0KGgo=)", "data: addresses"),
    ("![x](qrc:/styles/preview.css)", "qrc: addresses"),
]


def _hostile_markdown(up: str) -> tuple[str, dict[str, str]]:
    expected = {}
    for md, why in HOSTILE:
        text = md.format(up=up)
        src = text.split("(", 1)[1][:-1] if text.startswith("!") else text.split('"')[1]
        expected[src] = why
    return "\n\n".join(md.format(up=up) for md, _why in HOSTILE) + "\n", expected


def test_every_hostile_image_is_a_placeholder_naming_the_reason(tree):
    markdown, expected = _hostile_markdown(tree.parent.as_posix())
    found = render(tree, markdown)
    assert set(found) == set(expected)
    for src, why in expected.items():
        assert (found[src]["width"], found[src]["height"]) == PLACEHOLDER, (src, found[src])
        assert why in (found[src]["refused"] or ""), (src, found[src])


def test_the_zhihu_preview_mode_loads_no_hostile_image_either(tree):
    markdown, expected = _hostile_markdown(tree.parent.as_posix())
    found = render(tree, markdown, "zhihu")
    assert found, "the Zhihu post kept no image at all"
    for src, value in found.items():
        assert (value["width"], value["height"]) == PLACEHOLDER, (src, value)
        assert value["refused"], (src, value)
    kept_file_urls = [src for src in found if src.startswith("file:")]
    assert kept_file_urls and all("file://" in found[s]["refused"] for s in kept_file_urls)


def test_zhihu_mode_shows_the_issues_own_images_and_refuses_the_rest(tree):
    found = render(tree, "![a](assets/ok.png)\n\n![b](assets/bomb.png)\n\n"
                         "![c](assets/huge.png)\n")
    assert found["assets/ok.png"]["width"] == 3
    zhihu = render(tree, "![a](assets/ok.png)\n\n![b](assets/bomb.png)\n\n"
                         "![c](assets/huge.png)\n", "zhihu")
    by_name = {key.rsplit("/", 1)[-1]: value for key, value in zhihu.items()}
    assert by_name["ok.png"] == {"width": 3, "height": 2, "refused": None}
    assert "too many pixels" in by_name["bomb.png"]["refused"]
    assert "larger than 20 MB" in by_name["huge.png"]["refused"]
    assert not any(key.startswith("file:") and value["refused"] is None
                   for key, value in zhihu.items())


def test_relative_paths_never_resolve_against_the_working_directory(tmp_path):
    cwd = tmp_path / "cwd"
    (cwd / "assets").mkdir(parents=True)
    (cwd / "assets" / "a.png").write_bytes(png(4, 4))
    (cwd / "b.png").write_bytes(png(4, 4))
    found = render(tmp_path / "nowhere", "![a](assets/a.png)\n\n![b](b.png)\n\n![c](./b.png)\n",
                   "unsaved", cwd=cwd)
    for key in ("assets/a.png", "b.png", "./b.png"):
        assert (found[key]["width"], found[key]["height"]) == PLACEHOLDER
        assert "not saved yet" in found[key]["refused"]
    in_issue = render(tmp_path / "issue", "![a](assets/a.png)\n\n![b](b.png)\n", cwd=cwd)
    assert all("missing" in value["refused"] for value in in_issue.values())


def test_pending_assets_are_shown_through_the_documents_image_hook(tmp_path):
    found = render(tmp_path / "issue", "![a](assets/new.png)\n\n![b](assets/other.png)\n",
                   "issue", "new.png=" + png(6, 7).hex())
    assert found["assets/new.png"] == {"width": 6, "height": 7, "refused": None}
    assert "missing" in found["assets/other.png"]["refused"]


def test_load_resource_never_returns_none_so_qt_never_reads_files_itself(qtbot, tmp_path):
    from PySide6.QtCore import QByteArray, QUrl
    from PySide6.QtGui import QImage, QTextDocument

    from talkeditor.model import Issue
    from talkeditor.ui.document.issue_document import IssueDocument
    from talkeditor.ui.panels.preview import PreviewPane

    (tmp_path / "style.css").write_text("p { color: red }")
    preview = PreviewPane(IssueDocument(Issue(), tmp_path / "issue.yaml"))
    qtbot.addWidget(preview)
    kinds = QTextDocument.ResourceType
    for kind in (kinds.StyleSheetResource, kinds.HtmlResource, kinds.MarkdownResource,
                 kinds.UserResource):
        for url in ("style.css", (tmp_path / "style.css").as_uri(), "/etc/passwd"):
            assert preview.loadResource(kind, QUrl(url)) == QByteArray()
    for url in ("file:///etc/passwd", "/etc/passwd", "style.css"):
        image = preview.loadResource(kinds.ImageResource, QUrl(url))
        assert isinstance(image, QImage) and not image.isNull()
        assert url in preview.refused
    assert preview.searchPaths() == []
