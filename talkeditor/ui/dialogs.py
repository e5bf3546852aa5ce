"""Every modal dialog of the app: file choosers, questions and messages.

This is the only module that opens QFileDialog, QMessageBox or QInputDialog, so tests can patch
these functions instead of being blocked by a modal window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
)

#: Labels of Qt's own file dialog that qtbase_zh_CN.qm does not translate (Qt 6 added the
#: mnemonics, the .qm still has "Look in:" and "Files of type:"): listed here so that lupdate
#: puts them into our .ts, whose translator Qt asks when its own has no answer.
QT_FILE_DIALOG_LABELS = (QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
                         QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"))


def open_issue_path(parent, start: Path | None = None) -> Path | None:
    filters = ";;".join(
        [
            QCoreApplication.translate(
                "dialogs", "Issues and past issues (*.yaml *.yml *.md *.markdown *.txt *.docx)"
            ),
            QCoreApplication.translate("dialogs", "talkeditor issues (*.yaml *.yml)"),
            QCoreApplication.translate(
                "dialogs", "Markdown, text and Word (*.md *.markdown *.txt *.docx)"
            ),
            QCoreApplication.translate("dialogs", "All files (*)"),
        ]
    )
    name, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("dialogs", "Open issue"), str(start or ""), filters
    )
    return Path(name) if name else None


def save_issue_path(parent, suggested: Path) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("dialogs", "Save issue as"),
        str(suggested),
        QCoreApplication.translate("dialogs", "talkeditor issues (*.yaml)"),
    )
    return Path(name) if name else None


def open_image_path(parent, start: Path | None = None) -> Path | None:
    """Insert › Image…: a picture file to put into the issue's assets/."""
    filters = ";;".join([
        QCoreApplication.translate("dialogs", "Pictures (*.png *.jpg *.jpeg *.gif *.webp *.bmp)"),
        QCoreApplication.translate("dialogs", "All files (*)"),
    ])
    name, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("dialogs", "Insert image"), str(start or ""), filters
    )
    return Path(name) if name else None


def choose_folder(parent, title: str, start: Path | None = None) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, str(start or ""))
    return Path(name) if name else None


def ask_save_changes(parent, name: str) -> str:
    """'save', 'discard' or 'cancel'."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("dialogs", "Unsaved changes"))
    box.setText(
        QCoreApplication.translate("dialogs", "Save the changes to “%1”?").replace("%1", name)
    )
    box.setInformativeText(
        QCoreApplication.translate("dialogs", "Your changes will be lost if you don't save them.")
    )
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def show_error(parent, title: str, text: str, details: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def show_info(parent, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def about(parent, version: str) -> None:
    QMessageBox.about(
        parent,
        QCoreApplication.translate("dialogs", "About talkeditor"),
        QCoreApplication.translate(
            "dialogs",
            "<h3>talkeditor %1</h3><p>An editor for the issues of a weekly community talk: "
            "draft the sections, credit the people, reuse past issues and publish to Zhihu.</p>",
        ).replace("%1", version),
    )


def ask_recover(parent, drafts: list[tuple[str, str, str]]) -> tuple[str, int]:
    """Offer drafts recovered after a crash: ``drafts`` holds (title, time, difference).

    Returns ('restore', index), ('discard', -1) to drop them all, or ('later', -1).
    """
    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("dialogs", "Recover unsaved drafts"))
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(QCoreApplication.translate(
        "dialogs", "talkeditor did not close properly. These drafts were saved automatically:"),
        dialog))
    listing = QListWidget(dialog)
    listing.setObjectName("recoveryList")
    for title, when, difference in drafts:
        QListWidgetItem(f"{title} — {when}\n{difference}", listing)
    listing.setCurrentRow(0)
    layout.addWidget(listing)
    buttons = QDialogButtonBox(dialog)
    restore = buttons.addButton(QCoreApplication.translate("dialogs", "Restore"),
                                QDialogButtonBox.ButtonRole.AcceptRole)
    discard = buttons.addButton(QCoreApplication.translate("dialogs", "Discard All"),
                                QDialogButtonBox.ButtonRole.DestructiveRole)
    later = buttons.addButton(QCoreApplication.translate("dialogs", "Decide Later"),
                              QDialogButtonBox.ButtonRole.RejectRole)
    chosen = {}
    for button, name in ((restore, "restore"), (discard, "discard"), (later, "later")):
        button.clicked.connect(lambda _c=False, n=name: (chosen.setdefault("v", n),
                                                          dialog.accept()))
    layout.addWidget(buttons)
    dialog.resize(560, 320)
    dialog.exec()
    answer = chosen.get("v", "later")
    return answer, listing.currentRow() if answer == "restore" else -1


def ask_external_change(parent, name: str, difference: str) -> str:
    """The open file changed on disk while there are local edits: 'mine' or 'theirs'."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("dialogs", "File changed on disk"))
    box.setText(QCoreApplication.translate(
        "dialogs", "“%1” was changed by another program, and you have unsaved changes."
    ).replace("%1", name))
    box.setInformativeText(QCoreApplication.translate(
        "dialogs", "Keep your version (it overwrites theirs when you save) or take theirs "
        "(your unsaved changes are dropped)? Show Details… lists the difference."))
    box.setDetailedText(difference)
    mine = box.addButton(QCoreApplication.translate("dialogs", "Keep Mine"),
                         QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("dialogs", "Take Theirs"),
                  QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(mine)
    box.exec()
    return "mine" if box.clickedButton() is mine else "theirs"


# Zhihu's title box: "请输入标题（最多 100 个字）".
ZHIHU_TITLE_LIMIT = 100


class ZhihuExportDialog(QDialog):
    """The export dialog: the full title and the one to publish (editable, with a live
    character count against Zhihu's 100; Export is disabled while it is longer), the
    pre-publish check, the options and the folder."""

    def __init__(self, parent, title: str, warnings: list[str], folder: Path,
                 image_base_url: str, link_cards: bool, full_title: str = ""):
        from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLineEdit, QPushButton

        super().__init__(parent)
        self.setObjectName("zhihuExportDialog")
        self.setWindowTitle(self.tr("Export for Zhihu"))
        layout = QVBoxLayout(self)
        full_title = full_title or title
        if full_title != title:
            layout.addWidget(QLabel(self.tr("Full title (%1 characters):")
                                    .replace("%1", str(len(full_title))), self))
            self.full_title_edit = QLineEdit(full_title, self)
            self.full_title_edit.setObjectName("zhihuFullTitle")
            self.full_title_edit.setReadOnly(True)
            self.full_title_edit.setCursorPosition(0)  # the start of a title matters most
            layout.addWidget(self.full_title_edit)
        title_row = QHBoxLayout()
        title_row.addWidget(QLabel(self.tr("Title to publish:"), self), 1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("zhihuTitleCount")
        title_row.addWidget(self.count_label)
        layout.addLayout(title_row)
        self.title_edit = QLineEdit(title, self)
        self.title_edit.setObjectName("zhihuTitle")
        self.title_edit.setCursorPosition(0)
        self.title_edit.textChanged.connect(self._count)
        layout.addWidget(self.title_edit)
        layout.addWidget(QLabel(self.tr("Pre-publish check:") if warnings else
                                self.tr("Pre-publish check: no problems found."), self))
        if warnings:
            listing = QListWidget(self)
            listing.setObjectName("zhihuWarnings")
            listing.setWordWrap(True)  # the advice is at the end of long lines
            listing.addItems(warnings)
            layout.addWidget(listing, 1)
        form = QFormLayout()
        self.folder_edit = QLineEdit(str(folder), self)
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Folder"), row)
        self.base_edit = QLineEdit(image_base_url, self)
        self.base_edit.setPlaceholderText("https://example.com/talk/images")
        self.base_edit.setToolTip(self.tr("Where you host the images: local image paths "
                                               "become this address + the file name"))
        form.addRow(self.tr("Image base URL"), self.base_edit)
        self.cards = QCheckBox(self.tr("Link cards: a URL alone on a line (with the title "
                                            "line above it) becomes a Zhihu link card"), self)
        self.cards.setObjectName("zhihuLinkCards")
        self.cards.setChecked(link_cards)
        form.addRow("", self.cards)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Writes post.md (for 导入文档), post.html, title.txt "
                                             "and images/, and copies the post to the clipboard."),
                                self))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._count()
        self.resize(680, 520)

    def _count(self) -> None:
        import unicodedata

        count = len(unicodedata.normalize("NFC", self.title_edit.text().strip()))
        over = count > ZHIHU_TITLE_LIMIT
        text = self.tr("%1 / %2 characters")
        self.count_label.setText(text.replace("%1", str(count))
                                 .replace("%2", str(ZHIHU_TITLE_LIMIT)))
        self.count_label.setStyleSheet("color: #c0392b; font-weight: bold;" if over else "")
        self.count_label.setToolTip(self.tr(
            "Zhihu allows at most 100 characters") if over else "")
        # Zhihu refuses a longer title: no export until the title fits.
        self.ok_button.setEnabled(not over)
        self.ok_button.setToolTip(self.count_label.toolTip())

    def _browse(self) -> None:
        chosen = choose_folder(self, self.tr("Export folder"),
                               Path(self.folder_edit.text()))
        if chosen:
            self.folder_edit.setText(str(chosen))

    def options(self) -> dict:
        """{'folder', 'image_base_url', 'link_cards', 'title'} as entered."""
        return {"folder": Path(self.folder_edit.text().strip()),
                "image_base_url": self.base_edit.text().strip(),
                "link_cards": self.cards.isChecked(),
                "title": " ".join(self.title_edit.text().split())}


def zhihu_export(parent, title: str, warnings: list[str], folder: Path, image_base_url: str,
                 link_cards: bool, full_title: str = "") -> dict | None:
    """Run :class:`ZhihuExportDialog`: ``title`` is the proposed title (≤ 100 characters),
    ``full_title`` the series' full one.

    Returns {'folder', 'image_base_url', 'link_cards', 'title'} or None when cancelled.
    """
    dialog = ZhihuExportDialog(parent, title, warnings, folder, image_base_url, link_cards,
                               full_title)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.options()


def show_guide(parent, html: str, base: Path):
    """The user guide in a window of its own (not modal), images from ``base``."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QTextBrowser

    dialog = QDialog(parent)
    dialog.setObjectName("guideDialog")
    dialog.setWindowTitle(QCoreApplication.translate("dialogs", "talkeditor User Guide"))
    browser = QTextBrowser(dialog)
    browser.setOpenLinks(False)
    browser.setSearchPaths([str(base)])
    browser.anchorClicked.connect(
        lambda url: QDesktopServices.openUrl(url) if url.scheme() in ("http", "https") else
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(base / url.path()))))
    browser.setHtml(html)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    dialog.resize(900, 760)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def ask_name(parent, title: str, label: str, names: list[str], default: str = "") -> str | None:
    """A person's name: type one or pick a known one (names from this and past issues)."""
    items = list(dict.fromkeys([default, *names] if default else names))
    current = items.index(default) if default in items else 0
    text, ok = QInputDialog.getItem(parent, title, label, items or [""], current, True)
    return text.strip() if ok and text.strip() else None


def ask_text(parent, title: str, label: str, default: str = "") -> str | None:
    """One line of text (a name, a repository address); None when cancelled or empty."""
    text, ok = QInputDialog.getText(parent, title, label, text=default)
    return text.strip() if ok and text.strip() else None



class ProgressDialog(QDialog):
    """The progress of long work (``ui/background.py``): a label, a bar from 0 to 1000 and
    Cancel. Window-modal (the window waits) but not blocking: the caller shows it, sets its
    value and closes it. Unlike QProgressDialog, ``setValue`` runs no events, so a progress
    report never re-enters the caller. Cancel, Esc and the close button emit ``canceled``."""

    canceled = Signal()

    def __init__(self, parent, title: str, label: str) -> None:
        super().__init__(parent)
        self.setObjectName("progressDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        self.label = QLabel(label)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        for widget in (self.label, self.bar, buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(360)

    def setValue(self, value: int) -> None:  # noqa: N802 (as QProgressDialog names it)
        self.bar.setValue(value)

    def value(self) -> int:
        return self.bar.value()

    def reject(self) -> None:  # Qt API: Cancel, Esc, the close button
        self.cancel_button.setEnabled(False)
        self.label.setText(QCoreApplication.translate("dialogs", "Cancelling…"))
        self.canceled.emit()


def progress_dialog(parent, title: str, label: str) -> ProgressDialog:
    """The progress dialog of ``ui/background.py`` (see :class:`ProgressDialog`)."""
    return ProgressDialog(parent, title, label)
