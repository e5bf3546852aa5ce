"""Drives the real app in a child process for the crash-recovery test (not a test module).

    python tests/app_driver.py type ISSUE.yaml SECTION/PATH TEXT
        opens the issue, types TEXT at the end of the section as a host would (the input
        method commits Chinese), prints AUTOSAVED once the recovery copy is written, then
        keeps running until it is killed.
    python tests/app_driver.py restore SECTION/PATH
        starts the app, accepts the first recovered draft, prints the section body as JSON.
"""

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QInputMethodEvent, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from talkeditor.ui import dialogs  # noqa: E402
from talkeditor.ui.app import create_main_window, ensure_app  # noqa: E402


def main() -> int:
    mode = sys.argv[1]
    app = ensure_app("en")
    if mode == "type":
        _mode, path, section, text = sys.argv[1:5]
        window = create_main_window(path, lang="en")
        window.select_section(*section.split("/"))
        body = window.editor.pane.body
        body.moveCursor(QTextCursor.MoveOperation.End)
        for chunk in text.split(" "):
            event = QInputMethodEvent()
            event.setCommitString(chunk + " ")
            QApplication.sendEvent(body, event)

        def report(_path):
            print("AUTOSAVED", flush=True)

        window.autosaver.saved.connect(report)
        return app.exec()
    if mode == "restore":
        dialogs.ask_recover = lambda parent, drafts: ("restore", 0)
        window = create_main_window(lang="en")
        section = window.issue().find_path(*sys.argv[2].split("/"))
        print(json.dumps({"body": section.body, "modified": window.document.is_modified(),
                          "path": str(window.document.path)}, ensure_ascii=False), flush=True)
        window.document.set_modified(False)
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
