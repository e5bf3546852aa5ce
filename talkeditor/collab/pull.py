"""Merging what a sync fetched into the archive: git merges with the structural driver, then
every ``issue.yaml`` git left unmerged is merged again by its structure from the index stages
(git's line markers after a ``git pull`` made before the driver was registered, or a driver
that gave up), ``issue.md`` is rendered from the merged YAML, and the merge is committed.
No Qt. Used by :mod:`talkeditor.collab.sync`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .git import REMOTE, SyncError, default_author, git, git_dir, identity, last_line

Progress = Callable[[str, str], None]  # (step, where): see sync.STEPS


def issue_folders(paths: list[str]) -> list[str]:
    """``004/issue.yaml``, ``004/assets/x.png`` … → ``004`` (in order, once each)."""
    out: dict[str, None] = {}
    for path in paths:
        parts = Path(path).parts
        out[parts[0] if len(parts) > 1 else path] = None
    return list(out)

def _render_md(archive: Path, yaml_paths: list[str]) -> list[str]:
    """Write ``issue.md`` again from each merged ``issue.yaml``; returns the files written."""
    from ..errors import IssueFormatError
    from ..render.issue_markdown import issue_markdown
    from ..storage.files import atomic_write, load_yaml_issue, markdown_path_for

    written = []
    for rel in yaml_paths:
        path = archive / rel
        if not path.exists():
            continue
        try:
            issue = load_yaml_issue(path)
        except IssueFormatError:
            continue
        md = markdown_path_for(path)
        atomic_write(md, issue_markdown(issue), backup=False)
        written.append(str(md.relative_to(archive)))
    return written


def merge_remote(archive: Path, branch: str, author: str | None,
                  progress: Progress) -> list[str]:
    """Merge ``origin/branch`` into the current branch; returns the issue folders merged."""
    upstream = f"{REMOTE}/{branch}"
    if git(archive, "rev-parse", "--verify", "--quiet", upstream, check=False).returncode:
        return []  # the remote has no such branch yet: nothing to merge
    before = git(archive, "rev-parse", "HEAD").stdout.strip()
    progress("merge", upstream)
    done = git(archive, *identity(archive, author), "merge", "--no-commit", "--no-edit",
               upstream, check=False, author=author or None)
    merging = (git_dir(archive) / "MERGE_HEAD").exists()
    if done.returncode != 0 and not merging:
        raise SyncError(f"git merge failed: {last_line(done)}")
    if not merging:
        after = git(archive, "rev-parse", "HEAD").stdout.strip()
        if after == before:
            return []
        names = git(archive, "diff", "--name-only", before, after).stdout.splitlines()
        return issue_folders(names)
    return finish_merge(archive, upstream, author, abort=True)


def _restructure(archive: Path, rel: str) -> None:
    """Merge an ``issue.yaml`` git left with line conflicts (stages 1–3 in the index) by its
    structure, over the file in the work tree. Raises SyncError when a side is not an issue."""
    import tempfile

    from ..errors import IssueFormatError
    from .merge import merge_files

    with tempfile.TemporaryDirectory(prefix="talkeditor-merge-") as tmp:
        sides = []
        for stage, name in ((1, "base"), (2, "ours"), (3, "theirs")):
            done = git(archive, "show", f":{stage}:{rel}", check=False)
            side = Path(tmp) / f"{name}.yaml"  # no stage 1: both added it (an empty base)
            side.write_text(done.stdout if done.returncode == 0 else "", encoding="utf-8")
            sides.append(str(side))
        try:
            merge_files(*sides, output=str(archive / rel))
        except IssueFormatError as error:
            reason = str(error).replace(str(Path(tmp)) + "/", "")  # "theirs.yaml: …"
            raise SyncError(f"cannot merge {rel} (not an issue: {reason}): both sides changed "
                            f"it; merge it with git in {archive}") from None


def finish_merge(archive: Path, upstream: str, author: str | None, abort: bool) -> list[str]:
    """Conclude a merge in progress: issue.yaml files git could not merge are merged by their
    structure, issue.md rendered again, the merge committed. Any other file both sides changed
    stops the sync (the merge is aborted when ``abort``). Returns the issue folders merged."""
    names = git(archive, "diff", "--name-only", "--cached", "HEAD").stdout.splitlines()
    unmerged = git(archive, "diff", "--name-only", "--diff-filter=U").stdout.splitlines()
    stuck = [p for p in unmerged if Path(p).name not in ("issue.yaml", "issue.md")]
    if stuck:
        if abort:
            git(archive, "merge", "--abort", check=False)
        raise SyncError(f"cannot merge {', '.join(stuck)} (not an issue file): both sides "
                        f"changed it; merge it with git in {archive}")
    for rel in unmerged:  # again from the index: git's markers, or the driver gave up
        if Path(rel).name == "issue.yaml" and (archive / rel).exists():
            try:
                _restructure(archive, rel)
            except SyncError:
                if abort:
                    git(archive, "merge", "--abort", check=False)
                raise
    yaml_paths = sorted({str(Path(p).with_name("issue.yaml")) for p in names + unmerged
                         if Path(p).name in ("issue.yaml", "issue.md")})
    rendered = _render_md(archive, yaml_paths)
    git(archive, "add", "--", *sorted(set(yaml_paths + rendered + unmerged)))
    who = author or default_author(archive) or "talkeditor"
    folders = issue_folders(names + unmerged)
    git(archive, *identity(archive, author), "commit", "-q", "--no-edit", "-m",
        f"Merge {', '.join(folders) or upstream} from {upstream} (by {who})",
        author=author or None)
    return folders
