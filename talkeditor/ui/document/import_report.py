"""The import summary's findings worded for the window (translated through Qt).

The importer returns findings as codes with data (``importer.Finding``); the command line
words them in English (``importer.describe_findings``), the app here through Qt's
translations (context ``ImportReport``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def _fill(text: str, *values) -> str:
    for n, value in enumerate(values, start=1):
        text = text.replace(f"%{n}", str(value))
    return text


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _reason(code: str) -> str:
    return {"not_found": translate("ImportReport", "not found"),
            "too_large": translate("ImportReport", "too large"),
            "unreadable": translate("ImportReport", "cannot be read"),
            "no_folder": translate("ImportReport", "no source folder"),
            "no_part": translate("ImportReport", "missing from the Word file")}.get(code, code)


def finding_line(f) -> str:
    """One finding (``importer.Finding``) as a line in the user's language."""
    d = f.data
    if f.code == "encoding_detected":
        line = _fill(translate("ImportReport", "Guessed: the file is not UTF-8; it was read as %1"),
                     d["encoding"])
        if d["alternatives"]:
            line += " " + _fill(translate("ImportReport", "(also possible: %1)"),
                                ", ".join(d["alternatives"]))
        return line
    if f.code == "comment_dropped":
        return _fill(translate("ImportReport", "Left out: Word comment by %1: %2"),
                     d["author"] or "?", _short(d["text"]))
    if f.code == "element_dropped":
        return _fill(translate("ImportReport", "Left out: %1 Word element(s) <%2> holding text"),
                     d["count"], d["element"])
    if f.code == "image_missing":
        return _fill(translate("ImportReport", "Missing image: %1 (%2)"), d["target"],
                     _reason(d["reason"]))
    if f.code == "invisible_removed":
        return _fill(translate("ImportReport", "Invisible characters %1 ignored in “%2”"),
                     " ".join(d["characters"]), d["text"])
    if f.code == "notes_kept":
        return _fill(translate("ImportReport", "Kept as footnotes: %1 footnotes, %2 endnotes"),
                     d["footnotes"], d["endnotes"])
    if f.code == "judged_standing":
        return _fill(translate("ImportReport", "Standing text: “%1” is the same in issues %2"),
                     d["section"], "、".join(d["issues"]))
    return f"{f.code}: {d}"


def finding_lines(findings) -> list[str]:
    """One line per finding, in order, except that the titles and labels where the same
    invisible characters were ignored share one line (a file with a zero-width space before
    every line gave a line per label, a dialog taller than the screen)."""
    from ...importing.findings import Finding

    grouped: list = []
    names: dict[tuple[str, ...], list[str]] = {}
    for f in findings:
        if f.code != "invisible_removed":
            grouped.append(f)
            continue
        key = tuple(f.data["characters"])
        if key not in names:
            names[key] = []
            grouped.append(key)
        if f.data["text"] not in names[key]:
            names[key].append(f.data["text"])
    return [finding_line(Finding("invisible_removed", {
                "characters": list(item), "text": _short("、".join(names[item]), 80)}))
            if isinstance(item, tuple) else finding_line(item) for item in grouped]
