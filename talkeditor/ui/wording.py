"""The window's words for the core's structured results (one rule for user-facing text).

The core returns codes and data (``storage.recovery.DraftDifference``,
``reuse.copy_format.FormatNote``, ``archive.repeats.Repeat``, ``zhihu.check.ZhihuWarning``,
``collab.sync.SyncResult`` and its steps);
this module turns them into sentences through Qt's translation catalogue (English source
strings, Chinese in ``resources/i18n``), so the same result reads right in either language.
An import's summary and findings are worded in ``ui/document/import_report.py``. The command
line words what it prints itself (``cli/wording.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ..lazy import lazy_import
from .error_words import (  # noqa: F401  (ERRORS, describe_error: re-exported)
    ERRORS,
    describe_error,
    describe_image_refusal,
)
from .error_words import tr_wording as _tr

if TYPE_CHECKING:
    from ..archive.repeats import Repeat
    from ..collab.sync import SyncResult
    from ..reuse.copy_format import FormatNote
    from ..zhihu.check import ZhihuWarning

recovery = lazy_import("talkeditor.storage.recovery")  # a draft is worded after the first paint

_MAX_SHOWN = 5
#: How many past issues a repeat names before "and others".
MAX_LISTED = 2

#: Copy Format's notes (the kinds of ``reuse.copy_format``, not imported before the first
#: paint): %1 the section's title path, %2 the field's label, %3 the new title.
FORMAT_NOTES = {
    "renamed": QT_TRANSLATE_NOOP(
        "wording", "Section “%1” renamed to “%3” (the past issue's title)"),
    "weekly-kept": QT_TRANSLATE_NOOP(
        "wording", "Section “%1”: standing text in the past issue; what this issue has written "
                   "is kept"),
    "standing-replaced": QT_TRANSLATE_NOOP(
        "wording", "Section “%1”: its standing text is replaced by the past issue's"),
    "standing-kept-as-weekly": QT_TRANSLATE_NOOP(
        "wording", "Section “%1”: weekly content in the past issue; this issue's standing text "
                   "is kept as weekly content"),
    "field-replaced": QT_TRANSLATE_NOOP(
        "wording", "Section “%1”: 【%2】 is replaced by the past issue's standing value"),
    "field-kept": QT_TRANSLATE_NOOP(
        "wording", "Section “%1”: 【%2】 is not in the past issue; kept"),
    "section-kept": QT_TRANSLATE_NOOP(
        "wording", "Section “%1” is not in the past issue; kept as it is"),
}




#: The Zhihu pre-publish findings (``zhihu.check.CODES``): %1 the subject (the offending
#: text), %2 … the code's data in the order of ``ZHIHU_DATA``.
ZHIHU_WARNINGS = {
    "title-empty": QT_TRANSLATE_NOOP("wording", "The title is empty"),
    "title-long": QT_TRANSLATE_NOOP(
        "wording", "The title has %2 characters, over Zhihu's limit of %3; it would be cut or "
                   "refused on publishing"),
    "title-shortened": QT_TRANSLATE_NOOP(
        "wording", "The full title has %2 characters, over Zhihu's limit of %5; shortened to "
                   "%3 (“%4” cut from the end)"),
    "title-pattern": QT_TRANSLATE_NOOP(
        "wording", "The title “%1” does not follow the series' pattern “%2本期提要：…”; a slip?"),
    "highlights-empty": QT_TRANSLATE_NOOP(
        "wording", "本期提要 (the highlights) is empty, so the title is only “%1”: fill it in"),
    "emoji": QT_TRANSLATE_NOOP(
        "wording", "Emoji (%1): Zhihu may show them as boxes or filter them out"),
    "heading-depth": QT_TRANSLATE_NOOP(
        "wording", "“%1” is a heading of level 3 or deeper; Zhihu has two heading levels, so "
                   "it became a bold paragraph"),
    "image-empty": QT_TRANSLATE_NOOP("wording", "An image without an address; left out"),
    "image-local": QT_TRANSLATE_NOOP(
        "wording", "Zhihu cannot read the local image “%1”: it was copied to images/; upload "
                   "it and export again with an image address prefix, or insert it by hand in "
                   "Zhihu's editor"),
    "image-unresolved": QT_TRANSLATE_NOOP(
        "wording", "Local image “%1”: the issue's folder is unknown, so the file cannot be "
                   "found"),
    "image-missing": QT_TRANSLATE_NOOP("wording", "Local image “%1” not found"),
    "image-outside": QT_TRANSLATE_NOOP(
        "wording", "Image “%1” is outside the issue's folder (or not a picture); not copied"),
    "image-svg": QT_TRANSLATE_NOOP(
        "wording", "SVG image “%1”: Zhihu does not take SVG; convert it to PNG or JPG"),
    "image-data": QT_TRANSLATE_NOOP(
        "wording", "An image embedded as data: Zhihu cannot import it; use an image file"),
    "image-private": QT_TRANSLATE_NOOP(
        "wording", "Image address “%1” points to this computer or a local network; Zhihu "
                   "cannot fetch it"),
    "image-scheme": QT_TRANSLATE_NOOP(
        "wording", "Image address “%1” is not an http(s) address; Zhihu cannot fetch it"),
    "image-github": QT_TRANSLATE_NOOP(
        "wording", "Image “%1” is on GitHub (raw.githubusercontent.com), which Zhihu often "
                   "cannot fetch; upload it to Zhihu or an image host"),
    "image-caption": QT_TRANSLATE_NOOP(
        "wording", "Image title “%1” exported as a caption below the image; check that the "
                   "caption is still there in the Zhihu draft"),
    "image-title": QT_TRANSLATE_NOOP(
        "wording", "Image title “%1” not exported: the image is not a paragraph of its own, "
                   "so Zhihu cannot give it a caption"),
    "image-in-link": QT_TRANSLATE_NOOP(
        "wording", "An image inside a link (%1): Zhihu drops links on images; the link was "
                   "put after the image"),
    "link-scheme": QT_TRANSLATE_NOOP(
        "wording", "Link “%1” is not an http(s)/mailto link; Zhihu filters it, so it became "
                   "plain text"),
    "raw-html": QT_TRANSLATE_NOOP(
        "wording", "Raw HTML <%1> is not supported by Zhihu; removed with its content"),
    "table-math": QT_TRANSLATE_NOOP(
        "wording", "Formula “%1” in a table: Zhihu keeps only text in cells; written as $…$ "
                   "text"),
    "table-image": QT_TRANSLATE_NOOP(
        "wording", "Image “%1” in a table: Zhihu keeps only text in cells; only its "
                   "description was kept"),
    "strikethrough": QT_TRANSLATE_NOOP(
        "wording", "Strikethrough “%1” is not supported by Zhihu; made plain text"),
    "heading-link": QT_TRANSLATE_NOOP(
        "wording", "Link “%1” in a heading: Zhihu headings cannot hold links; written as "
                   "“text (address)”"),
    "heading-image": QT_TRANSLATE_NOOP(
        "wording", "Image “%1” in a heading: Zhihu headings cannot hold images; only its "
                   "alternative text was kept"),
    "heading-math": QT_TRANSLATE_NOOP(
        "wording", "Formula “%1” in a heading: Zhihu headings keep only text; written as $…$ "
                   "text"),
    "sup-sub": QT_TRANSLATE_NOOP(
        "wording", "<%1> superscript/subscript is not supported by Zhihu; its text became "
                   "plain text (x² becomes x2)"),
    "html-format": QT_TRANSLATE_NOOP(
        "wording", "The formatting of raw HTML <%1> is not supported by Zhihu; only its text "
                   "was kept"),
    "html-comment": QT_TRANSLATE_NOOP(
        "wording", "The HTML comment “%1” will not appear on Zhihu"),
    "html-markdown": QT_TRANSLATE_NOOP(
        "wording", "Markdown inside a raw HTML block (“%1”) is not parsed; Zhihu shows its "
                   "symbols as they are"),
    "md-raw-html": QT_TRANSLATE_NOOP(
        "wording", "post.md can only write this as HTML (%1); Zhihu's document import may not "
                   "accept it"),
    "empty-section": QT_TRANSLATE_NOOP("wording", "The section is empty"),
    "omitted-section": QT_TRANSLATE_NOOP(
        "wording", "An optional section that is empty; left out"),
}
#: What a sync is doing (``collab.sync.STEPS``): %1 the remote's address or the branch.
SYNC_STEPS = {
    "init": QT_TRANSLATE_NOOP("wording", "Making the archive a git repository…"),
    "commit": QT_TRANSLATE_NOOP("wording", "Committing local changes…"),
    "fetch": QT_TRANSLATE_NOOP("wording", "Fetching from %1…"),
    "merge": QT_TRANSLATE_NOOP("wording", "Merging %1…"),
    "push": QT_TRANSLATE_NOOP("wording", "Pushing to %1…"),
    "race": QT_TRANSLATE_NOOP("wording", "Someone pushed first: merging their changes…"),
}
#: Why a link's title could not be fetched (``links.titles.FetchError.code``): %1 the
#: address, the HTTP status, the content type, the seconds, the library's words or the
#: encoding (see ``links.titles.CODES``); %2 the HTTP reason.
FETCH_ERRORS = {
    "not-web": QT_TRANSLATE_NOOP("wording", "not a web address: %1"),
    "http-status": QT_TRANSLATE_NOOP("wording", "the server answered HTTP %1 %2"),
    "not-a-page": QT_TRANSLATE_NOOP("wording", "not a web page (%1)"),
    "too-slow": QT_TRANSLATE_NOOP("wording", "too slow (over %1 s)"),
    "too-many-redirects": QT_TRANSLATE_NOOP("wording", "too many redirects"),
    "network": QT_TRANSLATE_NOOP("wording", "network error: %1"),
    "no-title": QT_TRANSLATE_NOOP("wording", "the page has no title"),
    "encoding": QT_TRANSLATE_NOOP("wording", "unsupported content encoding %1"),
}
_FETCH_DATA = {"not-web": ("url",), "http-status": ("status", "reason"),
               "not-a-page": ("kind",), "too-slow": ("seconds",), "network": ("detail",),
               "encoding": ("encoding",)}
# The data a Zhihu finding's words use after its subject (%2, %3 …).
ZHIHU_DATA = {"title-long": ("length", "limit"),
              "title-shortened": ("full_length", "length", "cut", "limit"),
              "title-pattern": ("expected",)}


def names_list(names: list[str], limit: int = _MAX_SHOWN) -> str:
    """``a, b, c`` (``a、b、c`` in Chinese): the first ``limit`` names, "and more" after."""
    shown = _tr(QT_TRANSLATE_NOOP("wording", ", ")).join(names[:limit])
    if len(names) > limit:
        return _tr(QT_TRANSLATE_NOOP("wording", "%1 and more"), shown)
    return shown


def describe_draft(diff: recovery.DraftDifference) -> str:
    """One line on how a recovered draft differs from its saved file; a warning first when
    that file changed or vanished since the draft was written."""
    text = _describe_draft(diff)
    if diff.original_gone:
        return _tr(QT_TRANSLATE_NOOP("wording", "Note: the saved file was deleted or moved "
                                                "since. %1"), text)
    if diff.original_changed:
        return _tr(QT_TRANSLATE_NOOP("wording", "Note: the saved file changed since this draft; "
                                                "restoring overwrites those changes. %1"), text)
    return text


def _describe_draft(diff: recovery.DraftDifference) -> str:
    if diff.kind == recovery.DRAFT_UNREADABLE:
        return _tr(QT_TRANSLATE_NOOP("wording", "Cannot be read: %1"), diff.error)
    if diff.kind == recovery.NEVER_SAVED:
        return _tr(QT_TRANSLATE_NOOP("wording", "A draft never saved, %1 characters"),
                   diff.chars)
    if diff.kind == recovery.SAVED_UNREADABLE:
        return _tr(QT_TRANSLATE_NOOP("wording",
                                     "The saved file cannot be read; the draft is complete"))
    if diff.kind == recovery.SAME:
        return _tr(QT_TRANSLATE_NOOP("wording", "Same as the saved file"))
    parts = []
    if diff.changed:
        parts.append(_tr(QT_TRANSLATE_NOOP("wording", "%1 sections changed (%2)"),
                         len(diff.changed), names_list(diff.changed)))
    if diff.removed:
        parts.append(_tr(QT_TRANSLATE_NOOP("wording", "%1 sections removed"), diff.removed))
    if not parts:
        parts.append(_tr(QT_TRANSLATE_NOOP("wording", "The issue's details changed")))
    delta = f"{'+' if diff.char_delta >= 0 else ''}{diff.char_delta}"
    parts.append(_tr(QT_TRANSLATE_NOOP("wording", "characters %1"), delta))
    return _tr(QT_TRANSLATE_NOOP("wording", "; ")).join(parts)


def describe_format_note(note: FormatNote) -> str:
    """One line for something Copy Format did."""
    text = FORMAT_NOTES.get(note.kind)
    if text is None:
        return f"{note.section}: {note.kind}"
    return _tr(text, note.section, note.label, note.title)


def describe_repeat(repeat: Repeat) -> str:
    """Where a repeated link or title appeared before: ``Already in 002 · 本周推荐 / 资料``
    (``已在 002 · 本周推荐 / 资料 出现过``), past issues first, then earlier in this issue."""
    parts = []
    past = [o for o in repeat.previous if not o.in_draft]
    if past:
        issues = list(dict.fromkeys(o.number for o in past))
        shown = _tr(QT_TRANSLATE_NOOP("wording", ", ")).join(
            f"{o.number} · {' / '.join(o.section_path)}" for o in past[:MAX_LISTED])
        if len(issues) > MAX_LISTED:
            shown = _tr(QT_TRANSLATE_NOOP("wording", "%1 and others, %2 issues"), shown,
                        len(issues))
        parts.append(_tr(QT_TRANSLATE_NOOP("wording", "Already in %1"), shown))
    for o in repeat.previous:
        if o.in_draft:
            parts.append(_tr(QT_TRANSLATE_NOOP("wording", "Already in this issue at %1"),
                             " / ".join(o.section_path)))
    return _tr(QT_TRANSLATE_NOOP("wording", "; ")).join(parts)


def describe_zhihu_warning(item: ZhihuWarning) -> str:
    """One pre-publish finding with its place: ``标题：…``, ``本周新闻 › 学术，第 3 行：…``."""
    text = ZHIHU_WARNINGS.get(item.code)
    if text is None:
        return f"{item.code}: {item.subject}"
    subject = item.subject
    if item.code == "md-raw-html" and item.data.get("kind") == "math":
        subject = _tr(QT_TRANSLATE_NOOP("wording", "formula <img eeimg>: %1"), subject)
    elif item.code == "link-scheme" and not subject:
        subject = _tr(QT_TRANSLATE_NOOP("wording", "(empty)"))
    out = _tr(text, subject, *(item.data.get(key, "") for key in ZHIHU_DATA.get(item.code, ())))
    if item.data.get("proposal"):
        out += _tr(QT_TRANSLATE_NOOP("wording", "; suggested: %1"), item.data["proposal"])
    if item.data.get("suggestion"):
        out += _tr(QT_TRANSLATE_NOOP("wording", "; in the series' pattern: %1"),
                   item.data["suggestion"])
    where = _tr(QT_TRANSLATE_NOOP("wording", "Title")) if item.in_title else item.section
    if item.line is not None:
        line = _tr(QT_TRANSLATE_NOOP("wording", "line %1"), item.line)
        where = _tr(QT_TRANSLATE_NOOP("wording", "%1, %2"), where, line) if where else line
    return _tr(QT_TRANSLATE_NOOP("wording", "%1: %2"), where, out) if where else out


def describe_sync_step(step: str, where: str) -> str:
    """What a running sync is doing, for the status bar (``collab.sync.STEPS``)."""
    text = SYNC_STEPS.get(step)
    return _tr(text, where) if text is not None else f"{step} {where}".strip()


def describe_sync(result: SyncResult) -> str:
    """What a sync did: ``committed 004; merged 005; pushed`` (in Chinese
    ``已提交 004；已合并 005；已推送``)."""
    parts = []
    if result.committed:
        parts.append(_tr(QT_TRANSLATE_NOOP("wording", "committed %1"),
                         names_list(result.committed)))
    if result.merged:
        parts.append(_tr(QT_TRANSLATE_NOOP("wording", "merged %1"), names_list(result.merged)))
    parts.append(_tr(QT_TRANSLATE_NOOP("wording", "pushed")) if result.pushed
                 else _tr(QT_TRANSLATE_NOOP("wording", "nothing to push")))
    return _tr(QT_TRANSLATE_NOOP("wording", "; ")).join(parts)


def describe_fetch_error(exc: Exception) -> str:
    """Why a link's title could not be fetched (``links.titles.FetchError``); another
    exception gives its own words."""
    text = FETCH_ERRORS.get(getattr(exc, "code", ""))
    if text is None:
        return str(exc) or type(exc).__name__
    values = [exc.data.get(key, "") for key in _FETCH_DATA.get(exc.code, ())]
    return _tr(text, *(f"{v:g}" if isinstance(v, float) else v for v in values))
