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
