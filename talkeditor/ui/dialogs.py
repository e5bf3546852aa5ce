"""Every modal dialog of the app: file choosers, questions and messages.

This is the only module that opens QFileDialog, QMessageBox or QInputDialog, so tests can patch
these functions instead of being blocked by a modal window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox


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


def confirm(parent, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def show_error(parent, title: str, text: str, details: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def show_info(parent, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def ask_text(parent, title: str, label: str, default: str = "") -> str | None:
    text, ok = QInputDialog.getText(parent, title, label, text=default)
    return text.strip() if ok and text.strip() else None


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
