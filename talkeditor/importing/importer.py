"""Importing past issues (.txt, .md, .docx) as structured issues: the entry points.

``import_file`` reads a file (size-checked before reading), dispatches on its extension to the
text/Markdown reader (``import_text``) or the Word converter (``import_docx``), recognises the
metadata (``import_meta``) and returns an ``ImportResult``: the Issue, the images to put in
``assets/`` (Markdown images are resolved relative to the source file; Word images are
extracted) and an ``ImportSummary`` of what was recognised. ``write_import`` saves all of it
atomically; ``cli_import`` is ``talkeditor import``. Every problem with the input is an
IssueFormatError with a message meant for the user.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from ..model import Issue
from ..storage.yaml_format import IssueFormatError
from . import vocabulary
from .text import parse_document

MAX_TEXT_BYTES = 20 * 1024 * 1024
MAX_DOCX_BYTES = 100 * 1024 * 1024
MAX_IMAGE_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
DOCX_SUFFIXES = (".docx",)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".svg")
TEMPLATE_NAME = "openllm-talk"

_IMAGE_REF = re.compile(r"!\[([^\]\n]*)\]\(([^)\s]+)((?:\s+\"[^\"\n]*\")?)\)")


@dataclass
class ImportSummary:
    """What the importer recognised, for the user to check at a glance."""

    source: str = ""
    sections: int = 0
    fields: int = 0
    metadata: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    images: int = 0
    body_lines: int = 0
    #: Lines that looked like structure (headings, header fields, text before the first
    #: section) but were kept as body text.
    kept_as_text: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Non-empty lines of the source (for a .docx: its Markdown and its title paragraph) and
    #: how they were used: source_lines = heading_lines + fields + body_lines + metadata_lines.
    source_lines: int = 0
    heading_lines: int = 0
    metadata_lines: int = 0

    def describe(self) -> str:
        """A short summary in Chinese, e.g. ``识别出 22 个版块、31 个字段；元数据：编号、时间…``."""
        parts = [f"识别出 {self.sections} 个版块、{self.fields} 个字段"]
        if self.metadata:
            parts.append("元数据：" + "、".join(self.metadata))
        if self.people:
            shown = "、".join(self.people[:6]) + ("等" if len(self.people) > 6 else "")
            parts.append(f"{len(self.people)} 位参与者（{shown}）")
        parts.append(f"{self.images} 张图片")
        text = f"{self.body_lines} 行作为正文保留"
        if self.kept_as_text:
            text += f"（其中 {len(self.kept_as_text)} 行未识别为结构）"
        parts.append(text)
        out = "；".join(parts)
        if self.notes:
            out += "。注意：" + "；".join(self.notes)
        return out


@dataclass
class ImportResult:
    """An imported issue, the images for its ``assets/`` folder and the summary."""

    issue: Issue
    assets: dict[str, bytes] = field(default_factory=dict)
    summary: ImportSummary = field(default_factory=ImportSummary)


# ---------------------------------------------------------------- entry points


def import_file(path: str | os.PathLike, known_titles: set[str] | None = None) -> ImportResult:
    """Import a .txt, .md or .docx issue. ``known_titles`` are section titles seen in past
    issues (the archive): they are recognised as top-level sections besides the template's."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".doc":
        raise IssueFormatError(f"{p.name}: old Word .doc files cannot be imported; "
                               "save it as .docx in Word or LibreOffice first")
    if suffix not in TEXT_SUFFIXES and suffix not in DOCX_SUFFIXES:
        raise IssueFormatError(f"{p.name}: cannot import {suffix or 'files without an extension'}"
                               " (supported: .txt, .md, .markdown, .docx)")
    limit = MAX_DOCX_BYTES if suffix in DOCX_SUFFIXES else MAX_TEXT_BYTES
    data = _read_limited(p, limit)
    if not data.strip():
        raise IssueFormatError(f"{p.name} is empty")
    if suffix in DOCX_SUFFIXES:
        from .docx import docx_to_markdown

        converted = docx_to_markdown(data, p.name)
        result = _import_markup(converted.markdown, "md", p.name, known_titles,
                                title_hint=converted.title)
        result.assets.update(converted.images)
        result.summary.images = len(result.assets)
        result.summary.notes.extend(converted.notes)
        return result
    text = decode_text(data, p.name)
    return import_text(text, TEXT_SUFFIXES[suffix], p.name, known_titles=known_titles,
                       base_dir=p.parent)


def import_text(text: str, kind: str, name: str = "", *, known_titles: set[str] | None = None,
                base_dir: str | os.PathLike | None = None) -> ImportResult:
    """Import an issue from text in memory; ``kind`` is 'txt' or 'md'.

    Markdown images with relative paths are read from ``base_dir`` when it is given (and
    exists) and become assets; otherwise their references are left as they are.
    """
    if kind not in ("txt", "md"):
        raise IssueFormatError(f"unknown kind {kind!r} (expected 'txt' or 'md')")
    label = name or "the text"
    if len(text) > MAX_TEXT_BYTES:
        raise IssueFormatError(f"{label} is too large to import")
    if "\x00" in text:
        raise IssueFormatError(f"{label} is binary data, not text")
    if not text.strip():
        raise IssueFormatError(f"{label} is empty")
    result = _import_markup(text, kind, name, known_titles)
    if kind == "md":
        _collect_images(result, Path(base_dir) if base_dir is not None else None)
    return result


def write_assets(assets: dict[str, bytes], folder: str | os.PathLike) -> None:
    """Write imported images into ``folder/assets/``, each atomically; raises OSError."""
    from ..storage.files import atomic_write

    for name, blob in assets.items():
        atomic_write(Path(folder) / "assets" / _safe_asset_name(name), blob, backup=False)


def write_import(result: ImportResult, yaml_path: str | os.PathLike) -> Path:
    """Save the imported issue (``issue.yaml`` + ``issue.md``) and its ``assets/``, atomically
    file by file; assets are written first so the issue never points at a missing image."""
    from ..storage.files import save_issue

    target = Path(yaml_path)
    try:
        write_assets(result.assets, target.parent)
        return save_issue(result.issue, target)
    except OSError as exc:
        raise IssueFormatError(f"cannot write {target}: {exc.strerror or exc}") from None


def cli_import(args) -> int:
    """``talkeditor import SRC… [-o OUT.yaml | --archive DIR]``.

    * ``-o OUT.yaml`` (one source): write there; an existing file is kept as ``OUT.yaml.bak``.
    * ``--archive DIR``: each source goes to ``DIR/<number>/issue.yaml`` (``storage.folder_name``);
      sources without a number go to ``DIR/draft``; two sources with the same number in one run
      get ``-2``, ``-3`` … folders.
    * neither: beside each source, in a folder named after it: ``talk-003.md`` ->
      ``talk-003/issue.yaml`` (+ ``issue.md``, ``assets/``).
    Without ``-o`` an existing ``issue.yaml`` is never overwritten (re-importing is refused).
    With ``--archive``, the section titles of the issues already there are known titles.
    All sources are read and checked before anything is written. Prints one summary per source.
    """
    from ..storage.files import folder_name

    sources = [Path(s) for s in args.sources]
    if args.output and args.archive:
        raise IssueFormatError("use either -o or --archive, not both")
    known = archive_titles(args.archive) if args.archive else None
    results = [(src, import_file(src, known)) for src in sources]
    targets: list[Path] = []
    for src, result in results:
        if args.output:
            target = Path(args.output)
        elif args.archive:
            base = folder_name(result.issue)
            target = Path(args.archive) / base / "issue.yaml"
            n = 2
            while target in targets:
                target = Path(args.archive) / f"{base}-{n}" / "issue.yaml"
                n += 1
        else:
            target = src.parent / src.stem / "issue.yaml"
        if not args.output and target.exists():
            raise IssueFormatError(f"{target} exists; remove it first or import with -o")
        if target in targets:
            raise IssueFormatError(f"two sources would be written to {target}")
        targets.append(target)
    for (src, result), target in zip(results, targets, strict=True):
        saved = write_import(result, target)
        print(f"{src} -> {saved}: {result.summary.describe()}")
    return 0


def archive_titles(folder: str | os.PathLike) -> set[str]:
    """Top-level section titles of the issues in an archive folder; issues that do not load
    are skipped (the archive is not what is being imported)."""
    from ..archive.folder import Archive

    return {s.title for issue in Archive(folder).issues() for s in issue.sections}


# ---------------------------------------------------------------- reading


def _read_limited(p: Path, limit: int) -> bytes:
    try:
        if not p.is_file():
            raise IssueFormatError(f"{p}: no such file" if not p.exists() else
                                   f"{p} is not a file")
        size = p.stat().st_size
        if size > limit:
            raise IssueFormatError(f"{p.name} is too large to import ({size // (1024 * 1024)} MiB;"
                                   f" the limit is {limit // (1024 * 1024)} MiB)")
        with p.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise IssueFormatError(f"cannot read {p}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise IssueFormatError(f"{p.name} is too large to import")
    return data


def decode_text(data: bytes, name: str = "the file") -> str:
    """Bytes of a text file as str: UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030;
    binary data is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise IssueFormatError(f"{name} is not readable UTF-16 text") from None
    else:
        if b"\x00" in data:
            raise IssueFormatError(f"{name} is binary data, not a text or Markdown file")
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise IssueFormatError(f"{name} is not text (neither UTF-8 nor GB18030)")
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if control > max(8, len(text) // 200):
        raise IssueFormatError(f"{name} is binary data, not a text or Markdown file")
    if not text.strip():
        raise IssueFormatError(f"{name} is empty")
    return text


@lru_cache(maxsize=4)
def _template(name: str):
    from ..storage.files import load_template

    try:
        return load_template(name)
    except IssueFormatError:
        return None


def series_vocabulary(known_titles: set[str] | None = None) -> vocabulary.Vocabulary:
    """The vocabulary of the default template plus the caller's known titles."""
    template = _template(TEMPLATE_NAME)
    return vocabulary.Vocabulary.from_template(
        template, TEMPLATE_NAME if template is not None else "",
        frozenset(known_titles or ()))


def _import_markup(text: str, kind: str, name: str, known_titles: set[str] | None,
                   title_hint: str | None = None) -> ImportResult:
    vocab = series_vocabulary(known_titles)
    doc = parse_document(text, kind, vocab, title_hint)
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
    summary.notes = doc.notes + report.notes
    summary.source_lines = sum(1 for line in text.splitlines() if line.strip())
    if title_hint is not None and title_hint.strip():
        summary.source_lines += 1  # the Word title paragraph, outside the Markdown
    summary.metadata_lines = doc.meta_lines
    summary.heading_lines = doc.headings
    return ImportResult(issue=issue, summary=summary)


def _collect_images(result: ImportResult, base: Path | None) -> None:
    """Copy local images referenced from bodies into the assets, rewriting the references."""
    resolved: dict[str, str | None] = {}
    for section, _depth in result.issue.walk():
        if "![" not in section.body:
            continue

        def replace(m: re.Match, _section=section) -> str:
            target = m.group(2)
            if target not in resolved:
                resolved[target] = _load_image(target, base, result)
            new = resolved[target]
            return m.group(0) if new is None else f"![{m.group(1)}]({new}{m.group(3)})"

        section.body = _IMAGE_REF.sub(replace, section.body)
    result.summary.images = len(result.assets)


def _load_image(target: str, base: Path | None, result: ImportResult) -> str | None:
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith("#"):
        return None  # a URL or a data: URI
    path_text = unquote(target.strip("<>"))
    if not path_text.lower().endswith(IMAGE_SUFFIXES):
        return None
    if base is None:
        result.summary.notes.append(f"图片 {target} 未导入（没有源文件目录）")
        return None
    path = (base / path_text)
    try:
        if not path.is_file():
            result.summary.notes.append(f"图片 {target} 找不到")
            return None
        if path.stat().st_size > MAX_IMAGE_BYTES:
            result.summary.notes.append(f"图片 {target} 太大，未导入")
            return None
        blob = path.read_bytes()
    except OSError:
        result.summary.notes.append(f"图片 {target} 无法读取")
        return None
    name = _safe_asset_name(path.name)
    stem, dot, ext = name.rpartition(".")
    n = 2
    while name in result.assets and result.assets[name] != blob:
        name = f"{stem}-{n}{dot}{ext}"
        n += 1
    result.assets[name] = blob
    return f"assets/{name}"


def _safe_asset_name(name: str) -> str:
    clean = re.sub(r"[^\w.-]", "_", Path(name).name).lstrip(".")
    return clean or "image"
