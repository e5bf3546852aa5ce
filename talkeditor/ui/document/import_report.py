"""An import's summary and findings worded for the window (translated through Qt).

The importer returns what it recognised as counts and keys (``importer.ImportSummary``) and
what it dropped, guessed or changed as codes with data (``importing.findings.Finding``); the
command line words them in English (``cli/wording.py``), the app here through Qt's
translations (context ``ImportReport``).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from .. import wording

translate = QCoreApplication.translate

#: Each finding's words; ``%1`` … are the values ``_values`` gives for its code.
FINDINGS = {
    "encoding_detected": QT_TRANSLATE_NOOP(
        "ImportReport", "Guessed: the file is not UTF-8; it was read as %1"),
    "comment_dropped": QT_TRANSLATE_NOOP("ImportReport", "Left out: Word comment by %1: %2"),
    "element_dropped": QT_TRANSLATE_NOOP(
        "ImportReport", "Left out: %1 Word element(s) <%2> holding text"),
    "image_missing": QT_TRANSLATE_NOOP("ImportReport", "Missing image: %1 (%2)"),
    "invisible_removed": QT_TRANSLATE_NOOP(
        "ImportReport", "Invisible characters %1 ignored in “%2”"),
    "notes_kept": QT_TRANSLATE_NOOP(
        "ImportReport", "Kept as footnotes: %1 footnotes, %2 endnotes"),
    "judged_standing": QT_TRANSLATE_NOOP(
        "ImportReport", "Standing text: “%1” is the same in issues %2"),
    "title_kept": QT_TRANSLATE_NOOP(
        "ImportReport", "Title “%1” differs from “%2”; kept as written"),
    "no_sections": QT_TRANSLATE_NOOP(
        "ImportReport", "No section recognised; the whole text went into “%1”"),
    "number_differs": QT_TRANSLATE_NOOP(
        "ImportReport", "【%1】 says %2 and the title %3; the title's number is used"),
}

#: Why an image is missing (``image_missing``'s ``reason``).
IMAGE_REASONS = {
    "not_found": QT_TRANSLATE_NOOP("ImportReport", "not found"),
    "too_large": QT_TRANSLATE_NOOP("ImportReport", "too large"),
    "unreadable": QT_TRANSLATE_NOOP("ImportReport", "cannot be read"),
    "no_folder": QT_TRANSLATE_NOOP("ImportReport", "no source folder"),
    "no_part": QT_TRANSLATE_NOOP("ImportReport", "missing from the Word file"),
}

#: The metadata an import recognises (``importing.vocabulary.METADATA_KEYS``).
METADATA = {
    "number": QT_TRANSLATE_NOOP("ImportReport", "number"),
    "title": QT_TRANSLATE_NOOP("ImportReport", "title"),
    "datetime": QT_TRANSLATE_NOOP("ImportReport", "date and time"),
    "highlights": QT_TRANSLATE_NOOP("ImportReport", "highlights"),
    "host": QT_TRANSLATE_NOOP("ImportReport", "host"),
    "editors": QT_TRANSLATE_NOOP("ImportReport", "editors"),
    "video": QT_TRANSLATE_NOOP("ImportReport", "video"),
}

_PEOPLE_SHOWN = 6


def _fill(text: str, *values) -> str:
    """``text`` with ``%1`` … replaced by ``values`` in one pass (a value may hold ``%2``)."""
    return re.sub(r"%([1-9])", lambda m: str(values[int(m.group(1)) - 1])
                  if int(m.group(1)) <= len(values) else m.group(0), text)


def _tr(text: str, *values) -> str:
    return _fill(translate("ImportReport", text), *values)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _values(f) -> tuple:
    d = f.data
    if f.code == "encoding_detected":
        return (d["encoding"],)
    if f.code == "comment_dropped":
        return d["author"] or "?", _short(d["text"])
    if f.code == "element_dropped":
        return d["count"], d["element"]
    if f.code == "image_missing":
        reason = IMAGE_REASONS.get(d["reason"])
        return d["target"], translate("ImportReport", reason) if reason else d["reason"]
    if f.code == "invisible_removed":
        return " ".join(d["characters"]), d["text"]
    if f.code == "notes_kept":
        return d["footnotes"], d["endnotes"]
    if f.code == "judged_standing":
        return d["section"], "、".join(d["issues"])
    if f.code == "title_kept":
        return d["title"], d["expected"]
    if f.code == "no_sections":
        return (d["section"],)
    if f.code == "number_differs":
        return d["label"], d["written"], d["number"]
    return ()


def finding_line(f) -> str:
    """One finding (``importing.findings.Finding``) as a line in the user's language."""
    text = FINDINGS.get(f.code)
    if text is None:
        return f"{f.code}: {f.data}"
    line = _tr(text, *_values(f))
    if f.code == "encoding_detected" and f.data["alternatives"]:
        line += " " + _tr(QT_TRANSLATE_NOOP("ImportReport", "(also possible: %1)"),
                          ", ".join(f.data["alternatives"]))
    return line


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


def describe_summary(summary) -> str:
    """What an import recognised (``importer.ImportSummary``) in one line for the status bar:
    ``识别出 23 个版块、31 个字段；元数据：编号、时间；2 位参与者（羡鱼、suc16）；0 张图片；…``."""
    parts = [_tr(QT_TRANSLATE_NOOP("ImportReport", "Recognised %1 sections and %2 fields"),
                 summary.sections, summary.fields)]
    if summary.metadata:
        names = [translate("ImportReport", METADATA[k]) if k in METADATA else k
                 for k in summary.metadata]
        parts.append(_tr(QT_TRANSLATE_NOOP("ImportReport", "metadata: %1"),
                         wording.names_list(names, len(names))))
    if summary.people:
        parts.append(_tr(QT_TRANSLATE_NOOP("ImportReport", "%1 people (%2)"),
                         len(summary.people), wording.names_list(summary.people, _PEOPLE_SHOWN)))
    parts.append(_tr(QT_TRANSLATE_NOOP("ImportReport", "%1 images"), summary.images))
    body = _tr(QT_TRANSLATE_NOOP("ImportReport", "%1 lines kept as body text"),
               summary.body_lines)
    if summary.kept_as_text:
        body += _tr(QT_TRANSLATE_NOOP("ImportReport", " (%1 of them not recognised as "
                                                      "structure)"), len(summary.kept_as_text))
    parts.append(body)
    return _tr(QT_TRANSLATE_NOOP("ImportReport", "; ")).join(parts)
