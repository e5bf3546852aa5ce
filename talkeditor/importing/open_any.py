"""Open any issue file: an ``issue.yaml`` is loaded, a past issue (.md, .txt, .docx) imported.

``open_issue(path, archive)`` is the one way the app, the command line (``talkeditor new
--from``) and the archive's "next issue" / "copy format" turn a file the user picked into an
Issue, so all of them give the same result for the same file:

- ``.yaml`` / ``.yml``: loaded as it is; ``path`` is where it saves back to.
- anything else: imported (``importer.import_file``) with the section titles of ``archive``'s
  issues as known titles and its issues to judge standing text by; the result is a new
  draft (``path`` is None) with the images it uses in ``assets`` (to be written into
  ``assets/`` beside the file it is first saved to, ``storage.assets.write_assets``) and the
  importer's ``summary``.

Every problem with the file is an IssueFormatError naming it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Issue
from ..paths import YAML_SUFFIXES
from ..progress import Progress

if TYPE_CHECKING:
    from ..archive.folder import Archive
    from .importer import ImportSummary


@dataclass
class OpenedIssue:
    """What :func:`open_issue` read: the issue and, for an import, what goes with it."""

    issue: Issue
    #: The (resolved) ``issue.yaml`` the issue was loaded from; None for an imported draft.
    path: Path | None
    #: Images of an imported issue, file name -> bytes, for its ``assets/`` folder.
    assets: dict[str, bytes] = field(default_factory=dict)
    #: What the importer recognised (None for a YAML file).
    summary: ImportSummary | None = None

    @property
    def imported(self) -> bool:
        """True when the file was imported: the issue is a new, unsaved draft."""
        return self.path is None


def is_issue_file(path: str | os.PathLike) -> bool:
    """True for an ``issue.yaml`` (by suffix), False for a file to import."""
    return Path(path).suffix.lower() in YAML_SUFFIXES


def open_issue(path: str | os.PathLike, archive: Archive | Path | list[Issue] | None = None,
               progress: Progress | None = None) -> OpenedIssue:
    """Load ``path`` if it is an issue file, else import it (see the module docstring).

    ``archive`` (an ``Archive``, its folder, or its issues already read: a worker thread
    passes the issues its caller read, so nothing is parsed again) gives an import its known
    section titles (the issues' top-level titles) and the issues that judge standing text;
    it is not read for a YAML file. ``progress`` hears the fraction done and may raise
    :class:`talkeditor.progress.Cancelled` (see :mod:`talkeditor.progress`): opening writes
    nothing, so a cancelled open leaves nothing behind. Raises IssueFormatError.
    """
    source = Path(path)
    if is_issue_file(source):
        from ..storage.files import load_yaml_issue

        return OpenedIssue(load_yaml_issue(source, progress), source.resolve())
    from .importer import import_file

    known, issues = None, None
    if isinstance(archive, list):
        issues = archive
    elif archive is not None:
        from ..archive.folder import Archive

        issues = (archive if isinstance(archive, Archive) else Archive(archive)).issues()
    if issues is not None:
        known = {s.title for issue in issues for s in issue.sections}
    result = import_file(source, known, archive_issues=issues, progress=progress)
    return OpenedIssue(result.issue, None, result.assets, result.summary)
