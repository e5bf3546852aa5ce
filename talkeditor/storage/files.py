"""Reading and writing issue files: atomic writes with a ``.bak``, and the issue folder.

The YAML layer (PyYAML) is imported only when an issue is loaded or saved, so the helpers here
(``atomic_write``, ``read_limited``, safe file names) cost nothing at start-up.

An issue saved to ``…/issue.yaml`` also gets ``…/issue.md`` beside it. Every write goes to a
temporary file in the same folder, is flushed and fsync-ed, and then renamed over the target,
so a crash leaves either the old or the new file, never a mix; the previous version is kept
as ``<name>.bak``.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Container
from pathlib import Path

from ..errors import IssueFormatError, WriteError
from ..model import Issue
from ..paths import YAML_SUFFIXES
from ..render.issue_markdown import issue_markdown


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~_current_umask()


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: str | os.PathLike, data: bytes | str, backup: bool = True) -> None:
    """Write ``data`` (str as UTF-8) to ``path`` atomically, creating missing folders; keep
    the old file as ``path.bak`` if asked. A failure raises WriteError naming ``path``; the
    old file is then untouched."""
    target = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        _atomic_write(target, data, backup)
    except OSError as exc:
        raise WriteError.from_os_error(target, exc) from None


def _atomic_write(target: Path, data: bytes, backup: bool) -> None:
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = target.stat().st_mode & 0o777 if target.exists() else _NEW_FILE_MODE
            os.chmod(tmp, mode)
        except OSError:
            pass
        if backup and target.exists():
            _backup(target)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(folder)


def _backup(target: Path) -> None:
    bak = target.with_name(target.name + ".bak")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{bak.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()
        try:
            os.link(target, tmp)
        except OSError:
            shutil.copy2(target, tmp)
        os.replace(tmp, bak)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def markdown_path_for(yaml_path: str | os.PathLike) -> Path:
    """``issue.yaml`` -> ``issue.md`` beside it."""
    return Path(yaml_path).with_suffix(".md")


def save_issue(issue: Issue, yaml_path: str | os.PathLike) -> Path:
    """Write ``issue.yaml`` and the rendered ``issue.md`` beside it, each atomically."""
    path = Path(yaml_path)
    if path.suffix.lower() not in YAML_SUFFIXES:
        path = path.with_suffix(".yaml")
    from . import yaml_format

    text = yaml_format.dumps(issue)
    markdown = issue_markdown(issue)
    atomic_write(path, text)
    atomic_write(markdown_path_for(path), markdown)
    return path


def _size_text(size: int, limit: int) -> str:
    unit, scale = ("MiB", 1024 * 1024) if limit >= 1024 * 1024 else ("KiB", 1024)
    return f"{size // scale} {unit}; the limit is {limit // scale} {unit}"


def read_limited(path: str | os.PathLike, limit: int) -> bytes:
    """A file's bytes (at most ``limit``), refusing larger files before reading them.

    Every problem is an IssueFormatError naming the file: ``cannot read PATH: no such file``,
    ``PATH is not a file``, ``NAME is too large (N MiB; the limit is M MiB)``, or the system's
    reason. A file that grows past ``limit`` while it is read is refused too.
    """
    p = Path(path)
    try:
        if not p.exists():
            raise IssueFormatError(f"cannot read {p}: no such file")
        if not p.is_file():
            raise IssueFormatError(f"{p} is not a file")
        size = p.stat().st_size
        if size > limit:
            raise IssueFormatError(f"{p.name} is too large ({_size_text(size, limit)})")
        with p.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise IssueFormatError(f"cannot read {p}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise IssueFormatError(f"{p.name} is too large ({_size_text(len(data), limit)})")
    return data


def load_yaml_issue(path: str | os.PathLike) -> Issue:
    """Load an ``issue.yaml``; every problem is an IssueFormatError naming the file."""
    from . import yaml_format

    data = read_limited(path, yaml_format.MAX_BYTES)
    try:
        return yaml_format.loads(data)
    except IssueFormatError as exc:
        exc.where = f"{Path(path).name}: {exc.where}" if exc.where else Path(path).name
        raise


def load_template(name: str) -> Issue:
    from .. import paths

    try:
        return load_yaml_issue(paths.template_path(name))
    except FileNotFoundError as exc:
        raise IssueFormatError(str(exc)) from None


def folder_name(issue: Issue, fallback: str = "draft") -> str:
    """The folder an issue gets in an archive: its number (``004``, ``番外02``) or ``fallback``."""
    name = issue.number.strip() or fallback
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name).strip(".") or "draft"


MAX_NAME_CHARS = 120


def safe_file_name(name: str, fallback: str = "file") -> str:
    """``name`` (its last part only) as a file name that is safe in any folder: every
    character but letters, digits, ``.``, ``-`` and ``_`` made ``_``, no leading dot or dash,
    at most MAX_NAME_CHARS (the extension kept); ``fallback`` when nothing is left.
    ``../a b.png`` -> ``a_b.png``."""
    clean = re.sub(r"[^\w.-]", "_", Path(name).name).lstrip(".-")
    if len(clean) > MAX_NAME_CHARS:
        stem, dot, ext = clean.rpartition(".")
        keep = ext[:16] if dot and stem else ""
        clean = clean[: MAX_NAME_CHARS - len(keep) - 1] + "." + keep if keep \
            else clean[:MAX_NAME_CHARS]
    return clean or fallback


def unique_file_name(name: str, taken: Container[str]) -> str:
    """``name``, or ``stem-2.ext``, ``stem-3.ext`` … : the first that is not in ``taken``."""
    if name not in taken:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        stem, dot, ext = name, "", ""
    n = 2
    while f"{stem}-{n}{dot}{ext}" in taken:
        n += 1
    return f"{stem}-{n}{dot}{ext}"


def append_log(path: str | os.PathLike, text: str) -> None:
    """Append ``text`` (UTF-8) to the log file at ``path``, making its folder if needed.
    Raises OSError when it cannot be written."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a", encoding="utf-8") as log:
        log.write(text)
