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
import stat
import tempfile
from collections.abc import Container
from pathlib import Path

from .. import errors
from ..errors import IssueFormatError, WriteError
from ..model import Issue
from ..paths import YAML_SUFFIXES
from ..progress import Progress
from ..render.issue_markdown import issue_markdown
from . import limits


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


def write_target(path: str | os.PathLike) -> Path:
    """Where writing ``path`` really goes: a symlink's final target (so that Save and Save As
    onto a link both keep the link and write through it), else the path itself."""
    target = Path(path)
    if target.is_symlink():
        return Path(os.path.realpath(target))
    return target


def _write_temp(target: Path, data: bytes) -> Path:
    """``data`` in a flushed, fsync-ed temporary file beside ``target`` (same mode)."""
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
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def atomic_write(path: str | os.PathLike, data: bytes | str, backup: bool = True) -> None:
    """Write ``data`` to ``path`` atomically; keep the old file as ``path.bak`` if asked.

    A symlink is written through (the link stays). Raises WriteError (an OSError) naming the
    file when the disk refuses (full, read-only, file size limit); the old file is untouched.
    """
    target = write_target(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    tmp = None
    try:
        tmp = _write_temp(target, data)
        if backup and target.exists():
            _backup(target)
        os.replace(tmp, target)
    except OSError as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise WriteError.from_os_error(target, exc) from None
    except BaseException:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


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


def issue_texts(issue: Issue) -> tuple[str, str]:
    """``(yaml, markdown)`` of an issue that is within the size policy (storage/limits.py);
    IssueFormatError (nothing written) if it is not, so that nothing is ever written that
    loading would refuse."""
    from . import yaml_format

    limits.check_issue(issue)
    text = yaml_format.dumps(issue)
    limits.check_yaml_size(len(text.encode("utf-8")))
    return text, issue_markdown(issue)


def save_issue(issue: Issue, yaml_path: str | os.PathLike) -> Path:
    """Write ``issue.yaml`` and the rendered ``issue.md`` beside it as one consistent pair.

    Both are written to temporary files first (where a full disk or a file size limit shows);
    only then are both renamed into place, each old file kept as ``.bak``. If the second
    rename fails, the first file is put back from its ``.bak``. Raises IssueFormatError (over
    the size policy, nothing written) or WriteError naming the file and what was written.
    Symlinks are written through. Returns the issue.yaml path as given.
    """
    path = Path(yaml_path)
    if path.suffix.lower() not in YAML_SUFFIXES:
        path = path.with_suffix(".yaml")
    text, markdown = issue_texts(issue)
    pairs = [(write_target(path), text.encode("utf-8")),
             (write_target(markdown_path_for(path)), markdown.encode("utf-8"))]
    temps: list[Path] = []
    current = pairs[0][0]
    try:
        for target, data in pairs:
            current = target
            temps.append(_write_temp(target, data))
        had = [target.exists() for target, _data in pairs]
        for (target, _data), existed in zip(pairs, had, strict=True):
            current = target
            if existed:
                _backup(target)
    except OSError as exc:
        for tmp in temps:
            tmp.unlink(missing_ok=True)
        raise WriteError.from_os_error(current, exc) from None
    done: list[Path] = []
    try:
        for (target, _data), tmp in zip(pairs, temps, strict=True):
            current = target
            os.replace(tmp, target)
            done.append(target)
    except OSError as exc:
        for tmp in temps:  # the renamed ones are gone already
            tmp.unlink(missing_ok=True)
        kept = _restore(done, had)
        raise WriteError.from_os_error(current, exc, written=kept) from None
    for folder in {target.parent for target, _data in pairs}:
        _fsync_dir(folder)
    return path


def _restore(done: list[Path], had: list[bool]) -> tuple:
    """Put back the files of a half-done save from their ``.bak``; the ones that could not be
    put back (they stay written)."""
    kept = []
    for target, existed in zip(done, had, strict=False):
        try:
            if existed:
                shutil.copy2(target.with_name(target.name + ".bak"), target)
            else:
                target.unlink()
        except OSError:
            kept.append(target)
    return tuple(kept)


def _size_text(size: int, limit: int) -> str:
    unit, scale = ("MiB", 1024 * 1024) if limit >= 1024 * 1024 else ("KiB", 1024)
    return f"{size // scale} {unit}; the limit is {limit // scale} {unit}"


def read_limited(path: str | os.PathLike, limit: int) -> bytes:
    """A regular file's bytes (at most ``limit``), refusing anything else before reading it.

    Every problem is an IssueFormatError naming the file: ``cannot read PATH: no such file``,
    ``PATH is not a file (it is a pipe (FIFO))``, ``NAME is too large (N MiB; the limit is
    M MiB)``, or the system's reason. The file is checked with stat before it is opened (a
    FIFO or a device such as /dev/zero is never opened), opened with O_NONBLOCK (a file
    swapped for a FIFO in between cannot block) and read up to ``limit + 1`` bytes (a file
    that grows past ``limit`` while it is read is refused too).
    """
    p = Path(path)
    place = {"path": str(p), "name": p.name}
    try:
        try:
            info = os.stat(p)
        except FileNotFoundError:
            raise IssueFormatError(f"cannot read {p}: no such file", code=errors.NO_SUCH_FILE,
                                   data=place) from None
        if not stat.S_ISREG(info.st_mode):
            raise IssueFormatError(f"{p} is not a file (it is {file_kind(info.st_mode)})",
                                   code=errors.NOT_A_FILE,
                                   data={**place, "kind": file_kind(info.st_mode)})
        if info.st_size > limit:
            raise _too_large(p, info.st_size, limit)
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                raise IssueFormatError(f"{p} is not a file (it is {file_kind(mode)})",
                                       code=errors.NOT_A_FILE,
                                       data={**place, "kind": file_kind(mode)})
            chunks, size = [], 0
            while size <= limit:
                chunk = os.read(fd, min(1 << 20, limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        finally:
            os.close(fd)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise IssueFormatError(f"cannot read {p}: {reason}", code=errors.CANNOT_READ,
                               data={**place, "reason": reason}) from None
    if size > limit:
        raise _too_large(p, size, limit)
    return b"".join(chunks)


def file_kind(mode: int) -> str:
    """What a st_mode that is not a regular file is, in words (``a pipe (FIFO)``)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _too_large(p: Path, size: int, limit: int) -> IssueFormatError:
    return IssueFormatError(f"{p.name} is too large ({_size_text(size, limit)})",
                            code=errors.TOO_LARGE,
                            data={"path": str(p), "name": p.name, "size": size, "limit": limit})


def load_yaml_issue(path: str | os.PathLike, progress: Progress | None = None) -> Issue:
    """Load an ``issue.yaml``; every problem is an IssueFormatError naming the file.
    ``progress`` as in :func:`talkeditor.storage.yaml_format.loads` (may raise Cancelled)."""
    from . import yaml_format

    data = read_limited(path, yaml_format.MAX_BYTES)
    try:
        return yaml_format.loads(data, progress)
    except IssueFormatError as exc:
        exc.where = f"{Path(path).name}: {exc.where}" if exc.where else Path(path).name
        raise


def load_template(name: str) -> Issue:
    from .. import paths

    try:
        return load_yaml_issue(paths.template_path(name))
    except FileNotFoundError as exc:
        raise IssueFormatError(str(exc), code=errors.NO_SUCH_FILE,
                               data={"path": str(exc.filename or name),
                                     "name": Path(str(exc.filename or name)).name}) from None


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
