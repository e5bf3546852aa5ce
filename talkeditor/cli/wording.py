"""The command line's words for the core's structured results (one rule for user-facing text).

The core returns codes and data: the Zhihu pre-publish findings (``zhihu.check.ZhihuWarning``),
what an import recognised (``importing.importer.ImportSummary``) and what it dropped, guessed
or changed (``importing.findings.Finding``), what a sync is doing and did
(``collab.sync.STEPS``, ``SyncResult``, ``InitResult``). The command line speaks English, like
its usage, errors and help; this module words those results for it, one line each. The app
words the same results in Chinese or English through Qt (``ui/wording.py``,
``ui/document/import_report.py``). A test checks that every code is worded here.
"""

from __future__ import annotations

from .. import errors

#: The Zhihu findings: ``{subject}`` is the offending text, the other fields the code's data.
ZHIHU_WARNINGS = {
    "title-empty": "the title is empty",
    "title-long": "the title has {length} characters, over Zhihu's limit of {limit}; it would "
                  "be cut or refused on publishing",
    "title-shortened": "the full title has {full_length} characters, over Zhihu's limit of "
                       "{limit}; shortened to {length} (cut from the end: “{cut}”)",
    "title-pattern": "the title “{subject}” does not follow the series' pattern "
                     "“{expected}本期提要：…”; a slip?",
    "highlights-empty": "本期提要 (the highlights) is empty, so the title is only “{subject}”: "
                        "fill in 本期提要",
    "emoji": "emoji ({subject}): Zhihu may show them as boxes or filter them out",
    "heading-depth": "“{subject}” is a heading of level 3 or deeper; Zhihu has two heading "
                     "levels, so it became a bold paragraph",
    "image-empty": "an image without an address; left out",
    "image-local": "Zhihu cannot read the local image “{subject}”: it was copied to images/; "
                   "upload it and export again with --image-base-url, or insert it by hand in "
                   "Zhihu's editor",
    "image-unresolved": "local image “{subject}”: the issue's folder is unknown, so the file "
                        "cannot be found",
    "image-missing": "local image “{subject}” not found",
    "image-outside": "image “{subject}” is outside the issue's folder (or not a picture); not "
                     "copied",
    "image-svg": "SVG image “{subject}”: Zhihu does not take SVG; convert it to PNG or JPG",
    "image-data": "an image embedded as data: Zhihu cannot import it; use an image file",
    "image-private": "image address “{subject}” points to this computer or a local network; "
                     "Zhihu cannot fetch it",
    "image-scheme": "image address “{subject}” is not an http(s) address; Zhihu cannot fetch it",
    "image-github": "image “{subject}” is on GitHub (raw.githubusercontent.com), which Zhihu "
                    "often cannot fetch; upload it to Zhihu or an image host",
    "image-caption": "image title “{subject}” exported as a caption below the image; check "
                     "that the caption is still there in the Zhihu draft",
    "image-title": "image title “{subject}” not exported: the image is not a paragraph of its "
                   "own, so Zhihu cannot give it a caption",
    "image-in-link": "an image inside a link ({subject}): Zhihu drops links on images; the link "
                     "was put after the image",
    "link-scheme": "link “{subject}” is not an http(s)/mailto link; Zhihu filters it, so it "
                   "became plain text",
    "raw-html": "raw HTML <{subject}> is not supported by Zhihu; removed with its content",
    "table-math": "formula “{subject}” in a table: Zhihu keeps only text in cells; written as "
                  "$…$ text",
    "table-image": "image “{subject}” in a table: Zhihu keeps only text in cells; only its "
                   "description was kept",
    "strikethrough": "strikethrough “{subject}” is not supported by Zhihu; made plain text",
    "heading-link": "link “{subject}” in a heading: Zhihu headings cannot hold links; written "
                    "as “text (address)”",
    "heading-image": "image “{subject}” in a heading: Zhihu headings cannot hold images; only "
                     "its alternative text was kept",
    "heading-math": "formula “{subject}” in a heading: Zhihu headings keep only text; written "
                    "as $…$ text",
    "sup-sub": "<{subject}> superscript/subscript is not supported by Zhihu; its text became "
               "plain text (x² becomes x2)",
    "html-format": "the formatting of raw HTML <{subject}> is not supported by Zhihu; only its "
                   "text was kept",
    "html-comment": "the HTML comment “{subject}” will not appear on Zhihu",
    "html-markdown": "Markdown inside a raw HTML block (“{subject}”) is not parsed; Zhihu shows "
                     "its symbols as they are",
    "md-raw-html": "post.md can only write this as HTML ({subject}); Zhihu's document import "
                   "may not accept it",
    "empty-section": "the section is empty",
    "omitted-section": "an optional section that is empty; left out",
}

#: The import findings (``importing.findings.Finding``): the fields are the finding's data.
IMPORT_FINDINGS = {
    "encoding_detected": "guessed: the file is not UTF-8; read it as {encoding}",
    "comment_dropped": "dropped: Word comment{by}: {text}",
    "element_dropped": "dropped: {count} Word element(s) <{element}> with text",
    "image_missing": "missing image: {target} ({reason})",
    "invisible_removed": "changed: invisible characters {characters} ignored around {text}",
    "notes_kept": "kept: {footnotes} footnote(s) and {endnotes} endnote(s) as Markdown "
                  "footnotes",
    "judged_standing": "standing text: {section} (the same in issues {issues})",
    "title_kept": "kept: the title “{title}” differs from “{expected}”; kept as written",
    "no_sections": "guessed: no section recognised; the whole text went into “{section}”",
    "number_differs": "guessed: 【{label}】 says {written}, the title {number}; the title's "
                      "number is used",
}

#: Why an image of an import is missing (``image_missing``'s ``reason``).
IMAGE_REASONS = {"not_found": "not found", "too_large": "too large", "unreadable": "unreadable",
                 "no_folder": "no source folder", "no_part": "missing from the Word file"}

#: The metadata an import recognises (``importing.vocabulary.METADATA_KEYS``).
METADATA = {"number": "number", "title": "title", "datetime": "date and time",
            "highlights": "highlights", "host": "host", "editors": "editors", "video": "video"}

#: What a sync is doing (``collab.sync.STEPS``); ``{where}``: the remote or the branch.
SYNC_STEPS = {"init": "git init", "commit": "committing local changes",
              "fetch": "fetching from {where}", "merge": "merging {where}",
              "push": "pushing to {where}", "race": "someone pushed first: merging their changes"}

#: The core's errors (``errors.IssueFormatError.code``): the fields are the code's data (see
#: ``errors.py``); ``{size_text}`` is TOO_LARGE's size and limit in KiB or MiB,
#: ``{size_kib}`` and ``{limit_mib}`` ISSUE_TOO_LARGE's. The place (``where``, line, column)
#: is added around them.
ERRORS = {
    errors.NO_SUCH_FILE: "cannot read {path}: no such file",
    errors.NOT_A_FILE: "{path} is not a file (it is {kind})",
    errors.NOT_A_FOLDER: "{path} exists and is not a folder",
    errors.NOT_A_PICTURE: "{name} is not a picture (.png, .jpg, .gif, .webp, .bmp)",
    errors.TOO_LARGE: "{name} is too large ({size_text})",
    errors.CANNOT_READ: "cannot read {path}: {reason}",
    errors.OLD_WORD_DOC: "{name}: old Word .doc files cannot be imported; save it as .docx in "
                         "Word or LibreOffice first",
    errors.CANNOT_IMPORT_KIND: "{name}: cannot import {suffix} (supported: .txt, .md, "
                               ".markdown, .docx)",
    errors.EMPTY_FILE: "{name} is empty",
    errors.BINARY_FILE: "{name} is binary data, not a text or Markdown file",
    errors.NOT_A_DOCX: "{name} is not a readable Word document (.docx): the file is damaged, "
                       "password-protected or not a .docx",
    errors.NOT_A_NAME: "{name!r} is not a name",
    errors.NAME_NOT_LISTABLE: "{name!r} cannot be written in a credit list",
    errors.NO_NAME: "no name to rename",
    errors.NOT_A_SIGNATURE_NAME: "{name!r} would not read back as a signature's name",
    errors.NOT_A_SIGNATURE_STYLE: "the style {style!r} does not make a signature here",
    errors.EXPECTED: "expected {expected}, got {got}",
    errors.YAML_TAG: "the tag {tag} is not allowed in an issue file",
    errors.YAML_ALIAS: "YAML aliases (*name) are not allowed in an issue file",
    errors.KEY_NOT_TEXT: "keys must be text",
    errors.DUPLICATE_KEY: "duplicate key",
    errors.MISSING: "missing",
    errors.NUMBER_TOO_LONG: "the number is too large ({digits:,} digits)",
    errors.OUT_OF_RANGE: "expected a whole number from {low} to {high}, got {value}",
    errors.TOO_DEEP: "nesting is too deep",
    errors.NOT_AN_ISSUE: "missing: this is not a talkeditor issue file",
    errors.NEWER_FORMAT: "written by a newer talkeditor (format {version}); this version reads "
                         "format {supported} and older",
    errors.UNKNOWN_FORMAT: "unknown format version {version}",
    errors.BAD_DATE: "expected YYYY-MM-DD (a calendar date), got {value!r}",
    errors.BAD_TIME: "expected HH:MM, got {value!r}",
    errors.DUPLICATE_ID: "duplicate section id {id!r}",
    errors.NOT_ONE_OF: "{value!r} is not allowed here (one of {choices})",
    errors.ISSUE_TOO_LARGE: "the issue file is too large ({size_kib:,} KiB; the limit is "
                            "{limit_mib:g} MiB)",
    errors.BINARY_ISSUE: "this is binary data, not a YAML issue file",
    errors.NOT_UTF8: "not UTF-8 text (bad byte at offset {offset})",
    errors.MALFORMED_YAML: "malformed YAML: {problem}",
    errors.EMPTY_ISSUE: "the file is empty",
    errors.LINE_TOO_LONG: "line {line} is too long ({length:,} characters; the limit is "
                          "{limit:,})",
    errors.TOO_MANY: "too many {what} ({count:,}; the limit is {limit:,})",
    errors.SECTIONS_TOO_DEEP: "sections are nested too deep (more than {limit} levels)",
    errors.TEXT_TOO_DEEP: "line {line} of the text is nested {depth} levels deep (lists and "
                          "quotes; the limit is {limit})",
    errors.UNREADABLE_ENCODING: "{name} is not readable {encoding} text",
    errors.UNKNOWN_ENCODING: "{name}: the text encoding could not be recognised (it is not "
                             "UTF-8); save the file as UTF-8 and import it again",
    errors.DOCX_TOO_LARGE: "{name} unpacks to too much for a Word document (too many or too "
                           "large parts; a zip bomb?)",
    errors.IMPORT_TOO_LARGE: "{name}: the imported issue would be too large to open again, so "
                             "it was not imported: {cause}",
    errors.MARKDOWN_TOO_DEEP: "the Markdown is nested too deeply to export",
    errors.BAD_IMAGE_BASE: "the image base URL must be an http(s) address, not {url!r}",
    errors.NO_NUMBER: "an issue needs a number to go into the archive",
    errors.ARCHIVE_HAS_ISSUE: "the archive already has issue {number} ({path})",
    errors.NO_SUCH_ISSUE: "the archive {path} has no issue {number!r}",
    errors.NO_ASSETS: "the assets folder {path} does not exist",
    errors.CANNOT_COPY_ASSETS: "cannot copy the assets: {reason}",
}
#: The English words of what a YAML node was or should have been (``errors.KINDS``).
KINDS = {"mapping": "a mapping", "list": "a list", "text": "text", "number": "a number",
         "boolean": "true or false", "nothing": "nothing", "date": "a date",
         "list-of-text": "a list of text", "whole-number": "a whole number",
         "list-of-sections": "a list of sections", "list-of-conflicts": "a list of conflicts"}

_MIB = 1024 * 1024


def describe_error(exc: Exception) -> str:
    """One English line for an error the core raised, naming its place: an
    ``IssueFormatError`` with a known ``code`` is worded from ``ERRORS`` (``where: words
    (line L, column C)``); anything else (a ``WriteError``: ``cannot write PATH: REASON``)
    gives its own message."""
    text = ERRORS.get(getattr(exc, "code", ""))
    if text is None:
        return str(exc)
    data = dict(exc.data)
    for key in ("expected", "got"):
        if key in data:
            data[key] = KINDS.get(data[key], data[key])
    if exc.code == errors.CANNOT_IMPORT_KIND:
        data["suffix"] = data.get("suffix") or "files without an extension"
    if "choices" in data:
        data["choices"] = ", ".join(str(c) for c in data["choices"])
    if isinstance(data.get("cause"), Exception):
        data["cause"] = describe_error(data["cause"])
    if isinstance(data.get("size"), int) and isinstance(data.get("limit"), int):
        unit, scale = ("MiB", _MIB) if data["limit"] >= _MIB else ("KiB", 1024)
        data["size_text"] = (f"{data['size'] // scale:,} {unit}; the limit is "
                             f"{data['limit'] // scale:,} {unit}")
        data["size_kib"], data["limit_mib"] = data["size"] // 1024, data["limit"] / _MIB
    try:
        words = text.format(**data)
    except (KeyError, ValueError, IndexError):
        return str(exc)  # data missing or of another shape: the core's own sentence
    if exc.where:
        words = f"{exc.where}: {words}"
    if exc.line is not None:
        words += f" (line {exc.line}, column {exc.column})"
    return words


_PEOPLE_SHOWN = 6


def zhihu_warning(item) -> str:
    """One Zhihu finding as ``place: what happened [code]`` (the place: ``title``, or the
    section's title path and ``line N``)."""
    text = ZHIHU_WARNINGS.get(item.code)
    if text is None:
        text = f"{item.code}: {item.subject}"
    else:
        subject = item.subject
        if item.code == "md-raw-html" and item.data.get("kind") == "math":
            subject = f"formula <img eeimg>: {subject}"
        elif item.code == "link-scheme" and not subject:
            subject = "(empty)"
        text = text.format(**{**item.data, "subject": subject})
        if item.data.get("proposal"):
            text += f"; suggested: {item.data['proposal']}"
        if item.data.get("suggestion"):
            text += f"; in the series' pattern: {item.data['suggestion']}"
    where = "title" if item.in_title else item.section
    if item.line is not None:
        where = f"{where}, line {item.line}" if where else f"line {item.line}"
    return f"{where}: {text} [{item.code}]" if where else f"{text} [{item.code}]"


def import_finding(finding) -> str:
    """One import finding as a line (``guessed: …``, ``dropped: …``, ``kept: …``)."""
    text = IMPORT_FINDINGS.get(finding.code)
    if text is None:
        return f"{finding.code}: {finding.data}"
    data = dict(finding.data)
    if finding.code == "encoding_detected" and data.get("alternatives"):
        text += f" (also plausible: {', '.join(data['alternatives'])})"
    elif finding.code == "comment_dropped":
        data["by"] = f" by {data['author']}" if data.get("author") else ""
        data["text"] = _short(data["text"])
    elif finding.code == "image_missing":
        data["reason"] = IMAGE_REASONS.get(data["reason"], data["reason"])
    elif finding.code == "invisible_removed":
        data["characters"] = " ".join(data["characters"])
    elif finding.code == "judged_standing":
        data["issues"] = ", ".join(data["issues"])
    return text.format(**data)


def import_summary(summary) -> str:
    """What an import recognised, in one line: ``23 sections, 31 fields; metadata: number,
    date and time; 2 people (羡鱼, suc16); 0 images; 180 lines kept as body text``."""
    parts = [f"{summary.sections} sections, {summary.fields} fields"]
    if summary.metadata:
        parts.append("metadata: " + ", ".join(METADATA.get(k, k) for k in summary.metadata))
    if summary.people:
        shown = ", ".join(summary.people[:_PEOPLE_SHOWN])
        more = " and more" if len(summary.people) > _PEOPLE_SHOWN else ""
        parts.append(f"{len(summary.people)} people ({shown}{more})")
    parts.append(f"{summary.images} images")
    body = f"{summary.body_lines} lines kept as body text"
    if summary.kept_as_text:
        body += f" ({len(summary.kept_as_text)} of them not recognised as structure)"
    parts.append(body)
    return "; ".join(parts)


def sync_step(step: str, where: str) -> str:
    """What a running sync is doing (``fetching from URL``)."""
    text = SYNC_STEPS.get(step)
    return text.format(where=where) if text is not None else f"{step} {where}".strip()


def sync_summary(result) -> str:
    """What a sync did (``collab.sync.SyncResult``): ``committed 004; merged 005; pushed``."""
    parts = []
    if result.committed:
        parts.append(f"committed {', '.join(result.committed)}")
    if result.merged:
        parts.append(f"merged {', '.join(result.merged)}")
    parts.append("pushed" if result.pushed else "nothing to push")
    return "; ".join(parts)


def init_summary(result) -> str:
    """What ``sync --init`` did (``collab.sync.InitResult``), in one line."""
    parts = [f"made {result.archive} a git repository" if result.created
             else f"adopted the repository {result.archive}"]
    if result.remote:
        parts.append(f"remote {result.remote}")
    if result.committed:
        parts.append("committed the archive")
    if result.synced is not None:
        parts.append(sync_summary(result.synced))
    return "; ".join(parts)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
