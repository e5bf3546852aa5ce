"""Reading and writing issue files: atomic writes with a ``.bak``, and the issue folder.

An issue saved to ``…/issue.yaml`` also gets ``…/issue.md`` beside it. Every write goes to a
temporary file in the same folder, is flushed and fsync-ed, and then renamed over the target,
so a crash leaves either the old or the new file, never a mix; the previous version is kept
as ``<name>.bak``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..errors import IssueFormatError
from ..lazy import lazy_import
from ..model import Issue
from ..render.issue_markdown import issue_markdown

yaml_format = lazy_import("talkeditor.storage.yaml_format")

YAML_SUFFIXES = (".yaml", ".yml")


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
    """Write ``data`` to ``path`` atomically; keep the old file as ``path.bak`` if asked."""
    target = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
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
    text = yaml_format.dumps(issue)
    markdown = issue_markdown(issue)
    atomic_write(path, text)
    atomic_write(markdown_path_for(path), markdown)
    return path


def read_limited(path: str | os.PathLike, limit: int) -> bytes:
    """A file's bytes, refusing files larger than ``limit`` before reading them."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if not p.is_file():
            raise IssueFormatError(f"{p} is not a file")
        if size > limit:
            raise IssueFormatError(
                f"{p.name} is too large ({size // 1024} KiB; the limit is {limit // 1024} KiB)")
        return p.read_bytes()
    except OSError as exc:
        raise IssueFormatError(f"cannot read {p}: {exc.strerror or exc}") from None


def load_yaml_issue(path: str | os.PathLike) -> Issue:
    """Load an ``issue.yaml``; every problem is an IssueFormatError naming the file."""
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
