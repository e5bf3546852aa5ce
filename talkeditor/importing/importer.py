"""Importing past issues (.txt, .md, .docx) as structured issues: the entry points.

``import_file`` reads a file (size-checked before reading), dispatches on its extension to the
text/Markdown reader (``import_text``) or the Word converter (``import_docx``), recognises the
metadata (``vocabulary``) and returns an ``ImportResult``: the Issue, the images to put in
``assets/`` (Markdown images are resolved relative to the source file; Word images are
extracted) and an ``ImportSummary`` of what was recognised (counts, keys and ``Finding``
codes: the app and the command line word them). ``write_import`` saves all of it atomically;
``import_sources`` is the work of ``talkeditor import``. Every problem with the input is an
IssueFormatError with a message meant for the user.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import errors
from ..errors import IssueFormatError
from ..model import Issue
from ..paths import DEFAULT_TEMPLATE
from ..progress import Progress, part, report
from ..storage import limits
from ..storage.assets import write_assets
from ..storage.files import read_limited
from . import vocabulary
from .decoding import decode_text_detected
from .escaping import escape_plain_text
from .findings import Finding
from .images import collect_images
from .text import parse_document

MAX_TEXT_BYTES = limits.MAX_FILE_BYTES  # the issue is about as large as its source
MAX_DOCX_BYTES = 100 * 1024 * 1024
TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
DOCX_SUFFIXES = (".docx",)

@dataclass
class ImportSummary:
    """What the importer recognised, for the user to check at a glance (as data: the app
    words it in ``ui/document/import_report.py``, the command line in ``cli/wording.py``)."""

    source: str = ""
    sections: int = 0
    fields: int = 0
    #: The metadata recognised, as ``vocabulary.METADATA_KEYS`` ("number", "datetime" …).
    metadata: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    images: int = 0
    body_lines: int = 0
    #: Lines that looked like structure (headings, header fields, text before the first
    #: section) but were kept as body text.
    kept_as_text: list[str] = field(default_factory=list)
    #: What was dropped, guessed or changed (see ``Finding``), in the order it was found.
    findings: list[Finding] = field(default_factory=list)
    #: Non-empty lines of the source (for a .docx: its Markdown and its title paragraph) and
    #: how they were used: source_lines = heading_lines + fields + body_lines + metadata_lines.
    source_lines: int = 0
    heading_lines: int = 0
    metadata_lines: int = 0


@dataclass
class ImportResult:
    """An imported issue, the images for its ``assets/`` folder and the summary."""

    issue: Issue
    assets: dict[str, bytes] = field(default_factory=dict)
    summary: ImportSummary = field(default_factory=ImportSummary)


# ---------------------------------------------------------------- entry points


def import_file(path: str | os.PathLike, known_titles: set[str] | None = None, *,
                archive_issues: list[Issue] | None = None,
                progress: Progress | None = None) -> ImportResult:
    """Import a .txt, .md or .docx issue. ``known_titles`` are section titles seen in past
    issues (the archive): they are recognised as top-level sections besides the template's.
    With ``archive_issues``, sections whose body is the same in the last issues are judged
    standing text (``reuse.next_issue.judge_standing``; listed as ``judged_standing``
    findings). ``progress`` hears the fraction done and may raise Cancelled
    (:mod:`talkeditor.progress`); importing writes nothing, so that leaves nothing behind."""
    result = _import_file(path, known_titles, progress)
    if archive_issues:
        judge_standing_text(result, archive_issues)
    return result


def judge_standing_text(result: ImportResult, archive_issues: list[Issue]) -> None:
    """Judge standing text in an imported issue from the archive's issues, recording each
    decision as a ``judged_standing`` finding."""
    from ..reuse.next_issue import judge_standing

    for judged in judge_standing(result.issue, archive_issues):
        result.summary.findings.append(Finding("judged_standing", {
            "section": judged.title, "issues": judged.issues}))


def _import_file(path: str | os.PathLike, known_titles: set[str] | None,
                 progress: Progress | None = None) -> ImportResult:
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".doc":
        raise IssueFormatError(f"{p.name}: old Word .doc files cannot be imported; "
                               "save it as .docx in Word or LibreOffice first",
                               code=errors.OLD_WORD_DOC, data={"name": p.name})
    if suffix not in TEXT_SUFFIXES and suffix not in DOCX_SUFFIXES:
        raise IssueFormatError(f"{p.name}: cannot import {suffix or 'files without an extension'}"
                               " (supported: .txt, .md, .markdown, .docx)",
                               code=errors.CANNOT_IMPORT_KIND,
                               data={"name": p.name, "suffix": suffix})
    limit = MAX_DOCX_BYTES if suffix in DOCX_SUFFIXES else MAX_TEXT_BYTES
    report(progress, 0.0)
    data = read_limited(p, limit)
    if not data.strip():
        raise IssueFormatError(f"{p.name} is empty", code=errors.EMPTY_FILE,
                               data={"name": p.name})
    report(progress, 0.05)
    if suffix in DOCX_SUFFIXES:
        from .docx import docx_to_markdown

        converted = docx_to_markdown(data, p.name)
        result = _import_markup(converted.markdown, "md", p.name, known_titles,
                                title_hint=converted.title, progress=part(progress, 0.4, 0.8))
        result.assets.update(converted.images)
        collect_images(result, p.parent)
        result.summary.findings[:0] = converted.findings
        report(progress, 0.85)
        result = _within_policy(result, p.name)
        report(progress, 1.0)
        return result
    text, encoding = decode_text_detected(data, p.name)
    result = import_text(text, TEXT_SUFFIXES[suffix], p.name, known_titles=known_titles,
                         base_dir=p.parent, progress=part(progress, 0.1, 1.0))
    if encoding is not None:
        result.summary.findings.insert(0, encoding)
    return result


def import_text(text: str, kind: str, name: str = "", *, known_titles: set[str] | None = None,
                base_dir: str | os.PathLike | None = None,
                progress: Progress | None = None) -> ImportResult:
    """Import an issue from text in memory; ``kind`` is 'txt' or 'md'.

    Markdown images with relative paths are read from ``base_dir`` when it is given (and
    exists) and become assets; otherwise their references are left as they are.
    ``progress`` hears the fraction done and may raise Cancelled (:mod:`talkeditor.progress`).
    """
    report(progress, 0.0)
    if kind not in ("txt", "md"):
        raise IssueFormatError(f"unknown kind {kind!r} (expected 'txt' or 'md')")
    label = name or "the text"
    if len(text) > MAX_TEXT_BYTES:
        raise IssueFormatError(f"{label} is too large to import", code=errors.TOO_LARGE,
                               data={"path": label, "name": label, "size": len(text),
                                     "limit": MAX_TEXT_BYTES})
    if "\x00" in text:
        raise IssueFormatError(f"{label} is binary data, not text", code=errors.BINARY_FILE,
                               data={"name": label})
    if not text.strip():
        raise IssueFormatError(f"{label} is empty", code=errors.EMPTY_FILE, data={"name": label})
    if kind == "txt":
        text = escape_plain_text(text)
    result = _import_markup(text, kind, name, known_titles,
                            progress=part(progress, 0.05, 0.75))
    collect_images(result, Path(base_dir) if base_dir is not None else None)
    report(progress, 0.8)
    result = _within_policy(result, label)
    report(progress, 1.0)
    return result


def _within_policy(result: ImportResult, label: str) -> ImportResult:
    """The result if its issue could be saved and opened again (limits.py), else an error."""
    from ..storage.files import issue_texts

    try:
        issue_texts(result.issue)
    except IssueFormatError as exc:
        raise IssueFormatError(f"{label}: the imported issue would be too large to open "
                               f"again, so it was not imported: {exc}",
                               code=errors.IMPORT_TOO_LARGE,
                               data={"name": label, "cause": exc}) from None
    return result


def write_import(result: ImportResult, yaml_path: str | os.PathLike) -> Path:
    """Save the imported issue (``issue.yaml`` + ``issue.md``) and its ``assets/``, atomically
    file by file; assets are written first so the issue never points at a missing image.
    Raises IssueFormatError (over the size policy, before any file is written) or WriteError
    naming the file that could not be written."""
    from ..storage.files import issue_texts, save_issue

    target = Path(yaml_path)
    issue_texts(result.issue)  # over the size policy: refused before any file is written
    write_assets(result.assets, target.parent)
    return save_issue(result.issue, target)


def import_sources(sources: list[str | os.PathLike], output: str | os.PathLike | None = None,
                   archive: str | os.PathLike | None = None
                   ) -> Iterator[tuple[Path, Path, ImportResult]]:
    """The work of ``talkeditor import SRC… [-o OUT.yaml | --archive DIR]``: yields
    ``(source, saved issue.yaml, result)`` as each source is written, for the command line
    to report.

    * ``-o OUT.yaml`` (one source): write there; an existing file is kept as ``OUT.yaml.bak``.
    * ``--archive DIR``: each source goes to ``DIR/<number>/issue.yaml`` (``storage.folder_name``);
      sources without a number go to ``DIR/draft``; two sources with the same number in one run
      get ``-2``, ``-3`` … folders.
    * neither: beside each source, in a folder named after it: ``talk-003.md`` ->
      ``talk-003/issue.yaml`` (+ ``issue.md``, ``assets/``).
    Without ``-o`` an existing ``issue.yaml`` is never overwritten (re-importing is refused).
    With ``--archive``, the section titles of the issues already there are known titles and
    standing text is judged from them and from the other sources of the run
    (``judge_standing_text``).
    All sources are read and checked before anything is written; raises IssueFormatError
    (bad input, a target that exists) or WriteError.
    """
    from ..storage.files import folder_name

    sources = [Path(s) for s in sources]
    if output and archive:
        raise IssueFormatError("use either -o or --archive, not both")
    known = past = None
    if archive:
        from ..archive.folder import Archive

        past = Archive(archive).issues()
        known = {s.title for issue in past for s in issue.sections}
    results = [(src, import_file(src, known)) for src in sources]
    if archive:
        # The back catalogue imported in one run is evidence too: 012–014 imported together
        # judge 014's privacy notice standing just as they would one by one.
        evidence = [*past, *(result.issue for _src, result in results)]
        for _src, result in results:
            judge_standing_text(result, evidence)
    targets: list[Path] = []
    for src, result in results:
        if output:
            target = Path(output)
        elif archive:
            base = folder_name(result.issue)
            target = Path(archive) / base / "issue.yaml"
            n = 2
            while target in targets:
                target = Path(archive) / f"{base}-{n}" / "issue.yaml"
                n += 1
        else:
            target = src.parent / src.stem / "issue.yaml"
        if not output and target.exists():
            raise IssueFormatError(f"{target} exists; remove it first or import with -o")
        if target in targets:
            raise IssueFormatError(f"two sources would be written to {target}")
        targets.append(target)
    for (src, result), target in zip(results, targets, strict=True):
        yield src, write_import(result, target), result


@lru_cache(maxsize=4)
def _template(name: str):
    from ..storage.files import load_template

    try:
        return load_template(name)
    except IssueFormatError:
        return None


def series_vocabulary(known_titles: set[str] | None = None) -> vocabulary.Vocabulary:
    """The vocabulary of the default template plus the caller's known titles."""
    template = _template(DEFAULT_TEMPLATE)
    return vocabulary.Vocabulary.from_template(
        template, DEFAULT_TEMPLATE if template is not None else "",
        frozenset(known_titles or ()))


def _import_markup(text: str, kind: str, name: str, known_titles: set[str] | None,
                   title_hint: str | None = None,
                   progress: Progress | None = None) -> ImportResult:
    vocab = series_vocabulary(known_titles)
    doc = parse_document(text, kind, vocab, title_hint, part(progress, 0.0, 0.8))
    issue = Issue(series=vocab.series, template=vocab.template, sections=doc.sections)
    if doc.comment:
        issue.extra["imported_from"] = {"file": name, "comment": doc.comment}
    report = vocabulary.recognise_metadata(issue, vocab, doc.title)
    summary = ImportSummary(source=name)
    summary.sections = sum(1 for _ in issue.walk())
    summary.fields = sum(len(s.fields) for s, _d in issue.walk())
    summary.metadata = report.recognised
    summary.people = report.people
    summary.body_lines = sum(1 for s, _d in issue.walk() for line in s.body.split("\n")
                             if line.strip())
    summary.kept_as_text = doc.kept_as_text + report.header_lines_in_body
    summary.findings = doc.findings + report.findings + [
        Finding("invisible_removed", {"text": shown, "characters": chars})
        for shown, chars in doc.invisible]
    summary.source_lines = sum(1 for line in text.splitlines() if line.strip())
    if title_hint is not None and title_hint.strip():
        summary.source_lines += 1  # the Word title paragraph, outside the Markdown
    summary.metadata_lines = doc.meta_lines
    summary.heading_lines = doc.headings
    return ImportResult(issue=issue, summary=summary)
