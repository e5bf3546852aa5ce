"""Renders Markdown in the real preview in a child process (not a test module).

    python tests/preview_driver.py ISSUE_FOLDER MODE < markdown
        puts the Markdown (stdin, UTF-8) in one section of an issue saved at
        ISSUE_FOLDER/issue.yaml, renders it in a PreviewPane in MODE ('issue' or 'zhihu'), and
        prints one JSON object: for every image address in the HTML, what the preview's
        QTextDocument actually holds (``QTextDocument.resource``): its size, and the reason
        when a placeholder stands in its place. Hostile images run here, under the caller's
        time limit, because a bad one could block or exhaust memory.
"""

import json
import os
import re
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QUrl  # noqa: E402
from PySide6.QtGui import QTextDocument  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from talkeditor.model import Issue, Section  # noqa: E402
from talkeditor.storage.files import save_issue  # noqa: E402
from talkeditor.ui.document.issue_document import IssueDocument  # noqa: E402
from talkeditor.ui.panels.preview import PreviewPane  # noqa: E402


def main() -> int:
    folder, mode = Path(sys.argv[1]), sys.argv[2]
    body = sys.stdin.buffer.read().decode("utf-8")
    app = QApplication.instance() or QApplication([])
    issue = Issue(number="1", sections=[Section(title="甲", body=body)])
    path = save_issue(issue, folder / "issue.yaml") if mode != "unsaved" else None
    document = IssueDocument(issue, path)
    if len(sys.argv) > 3:  # NAME=HEX: a pending (not yet written) asset
        name, _eq, text = sys.argv[3].partition("=")
        document.pending_assets[name] = bytes.fromhex(text)
    preview = PreviewPane(document)
    preview.resize(800, 600)
    preview.mode = "issue" if mode == "unsaved" else mode
    preview.refresh()
    preview.show()
    app.processEvents()
    html = preview.html() if preview.mode == "issue" else preview.zhihu_html()
    sources = re.findall(r'<img[^>]*src="([^"]*)"', html)
    found = {}
    for src in sources:
        src = src.replace("&amp;", "&")
        image = preview.document().resource(QTextDocument.ResourceType.ImageResource,
                                            QUrl(src))
        found[src] = {"width": image.width() if image is not None else -1,
                      "height": image.height() if image is not None else -1,
                      "refused": preview.refused.get(src, preview.refused.get(QUrl(src)
                                                                               .toString()))}
    print(json.dumps(found, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
