#!/usr/bin/env python3
"""Take a real screenshot of the talkeditor window (run under Xvfb by scripts/screenshot.sh).

    python scripts/screenshot.py --out docs/screenshot.png [--issue FILE] [--section 本周新闻/学术]
                                 [--lang zh_CN] [--size 1500x920]

It opens the issue the way a host would, selects a section, waits for the preview, then grabs
the whole screen (window frame and docks included) with QScreen.grabWindow.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ISSUE = ROOT / "tests" / "fixtures" / "issue-004.yaml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--issue", default=str(DEFAULT_ISSUE))
    parser.add_argument("--section", default="本周新闻/学术",
                        help="section path to select, '' for the issue's metadata")
    parser.add_argument("--lang", default="zh_CN")
    parser.add_argument("--size", default="1500x920")
    parser.add_argument("--find", default="", help="open the find bar with this text")
    parser.add_argument("--archive", default=str(ROOT / "tests" / "fixtures" / "archive"),
                        help="the archive folder the panel shows")
    parser.add_argument("--tab", choices=("sections", "archive", "credits"), default="sections",
                        help="which left-hand panel to show")
    parser.add_argument("--search", default="", help="type this into the archive search")
    parser.add_argument("--zhihu", action="store_true", help="show the Zhihu preview")
    parser.add_argument("--next", action="store_true",
                        help="start the next issue from the archive's latest first")
    args = parser.parse_args()

    from talkeditor.settings import Settings

    settings = Settings()
    settings.set_archive_dir(args.archive)
    settings.save()

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from talkeditor.ui.app import create_main_window

    width, height = (int(v) for v in args.size.split("x"))
    window = create_main_window(args.issue, lang=args.lang)
    window.setGeometry(0, 0, width, height)
    if args.next:
        window.archive_actions.new_next_from(window.archive.latest().path)
    if args.section:
        window.select_section(*args.section.split("/"))
    else:
        window.select_section()
    dock = {"sections": window.tree_dock, "archive": window.archive_dock,
            "credits": window.credits_dock}[args.tab]
    dock.raise_()
    if args.search:
        window.archive_panel.search.setText(args.search)
        window.archive_panel.run_search()
    if args.zhihu:
        window.actions_["actionZhihuPreview"].setChecked(True)
    if args.find:
        window.show_find()
        window.find_panel.find_edit.setText(args.find)
        window.find_panel.find_next()
    window.preview.refresh()

    def settle(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    settle(900)
    window.archive_actions.check_repeats()
    window.preview.show_section(window.editor.current_id)
    settle(300)
    screen = QApplication.primaryScreen()
    shot = screen.grabWindow(0, 0, 0, width, height)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    if not shot.save(args.out):
        print(f"could not write {args.out}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({shot.width()}x{shot.height()})")
    window.document.set_modified(False)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
