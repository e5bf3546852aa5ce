"""Render the app icon's PNG sizes from ``resources/icons/talkeditor.svg``.

The SVG is the one source of the icon (hand-written, drawn on a 16-unit grid so it stays crisp
at 16 px). This script renders it with Qt's SVG renderer to
``resources/icons/talkeditor-<size>.png`` for every size in ``SIZES``::

    /tmp/venv/bin/python packaging/make_icons.py            # (re)write the PNGs
    /tmp/venv/bin/python packaging/make_icons.py --check    # exit 1 if one is missing/stale

``--check`` compares the rendered pixels with the committed PNGs (allowing a small difference
for anti-aliasing between Qt versions). It needs PySide6 with QtSvg (PySide6-Essentials has it)
and runs offscreen, no display needed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "talkeditor.svg"
SIZES = (16, 32, 48, 64, 128, 256)
# Largest per-channel difference (0-255) tolerated by --check, for renderer differences.
TOLERANCE = 24


def png_path(size: int) -> Path:
    return ICONS / f"talkeditor-{size}.png"


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(sys.argv[:1])


def render(size: int, svg: Path = SVG):
    """The icon at ``size`` x ``size`` as a premultiplied ARGB QImage."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def _max_difference(a, b) -> int:
    from PySide6.QtGui import QImage

    fmt = QImage.Format.Format_RGBA8888
    a, b = a.convertToFormat(fmt), b.convertToFormat(fmt)
    if a.size() != b.size():
        return 255
    return max((abs(x - y) for x, y in zip(a.constBits(), b.constBits(), strict=True)),
               default=0)


def write_all() -> list[Path]:
    _app()
    written = []
    for size in SIZES:
        target = png_path(size)
        if not render(size).save(str(target), "PNG"):
            raise SystemExit(f"make_icons: could not write {target}")
        written.append(target)
    return written


def check_all() -> list[str]:
    """Problems with the committed PNGs (missing, wrong size, or not matching the SVG)."""
    from PySide6.QtGui import QImage

    _app()
    problems = []
    for size in SIZES:
        target = png_path(size)
        committed = QImage(str(target))
        if committed.isNull():
            problems.append(f"{target.name}: missing or unreadable")
        elif committed.width() != size or committed.height() != size:
            problems.append(f"{target.name}: {committed.width()}x{committed.height()}, "
                            f"expected {size}x{size}")
        elif (diff := _max_difference(render(size), committed)) > TOLERANCE:
            problems.append(f"{target.name}: differs from the SVG (max difference {diff})")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only check that the PNGs exist and match the SVG")
    args = parser.parse_args(argv)
    if args.check:
        problems = check_all()
        for problem in problems:
            print(f"make_icons: {problem}", file=sys.stderr)
        if problems:
            print("make_icons: run packaging/make_icons.py to regenerate", file=sys.stderr)
        return 1 if problems else 0
    for path in write_all():
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
