"""Failing disks are bad luck, not bugs (issue 14): one line naming the file and exit 2 in
the CLI, a consistent issue.yaml + issue.md pair after any failed save, links kept."""

import errno
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from talkeditor.errors import WriteError
from talkeditor.model import Issue, Section
from talkeditor.storage import files, recovery

from .conftest import FIXTURES

ROOT = Path(__file__).resolve().parent.parent


def cli_with_file_size_limit(limit: int, *args) -> subprocess.CompletedProcess:
    def limited():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "talkeditor", *map(str, args)],
                          capture_output=True, text=True, timeout=120, preexec_fn=limited,
                          cwd=ROOT)


def assert_one_line_naming(result, name: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert name in lines[0]


@pytest.mark.parametrize("command", [
    ["render", FIXTURES / "issue-004.yaml", "-o", "{out}/out.md"],
    ["render", FIXTURES / "issue-004.yaml", "--to", "html", "-o", "{out}/out.html"],
    ["new", "-o", "{out}/new/issue.yaml"],
    ["export-zhihu", FIXTURES / "issue-004.yaml", "-o", "{out}/zhihu"],
    ["import", FIXTURES / "samples" / "issues" / "talk-001.md", "-o",
     "{out}/imported/issue.yaml"],
])
def test_a_file_size_limit_is_exit_2_with_one_line_naming_the_file(tmp_path, command):
    args = [str(a).replace("{out}", str(tmp_path)) for a in command]
    result = cli_with_file_size_limit(1500, *args)
    assert_one_line_naming(result, str(tmp_path))
    assert "File too large" in result.stderr
    assert not list(tmp_path.rglob("*.tmp"))


@pytest.mark.parametrize("target", ["/dev/full", "/sys/talkeditor-test.md",
                                    "{file}/below-a-file.md", "/proc/1/talkeditor.md"])
def test_unwritable_targets_are_exit_2_with_one_line_naming_them(tmp_path, target):
    (tmp_path / "file").write_text("x")
    target = target.replace("{file}", str(tmp_path / "file"))
    if not Path(target).parent.exists():
        pytest.skip(f"{Path(target).parent} does not exist here")
    result = subprocess.run([sys.executable, "-m", "talkeditor", "render",
                             str(FIXTURES / "issue-004.yaml"), "-o", target],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert_one_line_naming(result, target)


def _issue(text: str) -> Issue:
    return Issue(number="1", sections=[Section(title="甲", id="s1", body=text)])


def _pair(path: Path) -> tuple[str, str]:
    return path.read_text(encoding="utf-8"), path.with_suffix(".md").read_text(encoding="utf-8")


def test_a_save_whose_second_rename_fails_leaves_the_old_pair_and_says_so(tmp_path,
                                                                           monkeypatch):
    path = tmp_path / "issue.yaml"
    files.save_issue(_issue("old"), path)
    before = _pair(path)
    real_replace = os.replace

    def replace(src, dst):
        if str(dst).endswith(".md"):
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", replace)
    with pytest.raises(WriteError) as info:
        files.save_issue(_issue("new"), path)
    assert _pair(path) == before
    assert "issue.md" in str(info.value) and info.value.written == ()  # all put back
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("fail_on", [".yaml.", ".md."])
def test_a_save_that_runs_out_of_space_changes_neither_file(tmp_path, monkeypatch, fail_on):
    path = tmp_path / "issue.yaml"
    files.save_issue(_issue("old"), path)
    before = _pair(path)
    real_write_temp = files._write_temp

    def write_temp(target, data):
        if fail_on in target.name + ".":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write_temp(target, data)

    monkeypatch.setattr(files, "_write_temp", write_temp)
    with pytest.raises(WriteError, match="No space left"):
        files.save_issue(_issue("new"), path)
    assert _pair(path) == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_save_under_a_real_file_size_limit_keeps_the_old_pair(tmp_path):
    path = tmp_path / "issue.yaml"
    files.save_issue(_issue("old"), path)
    before = _pair(path)
    code = ("import sys\nfrom talkeditor.model import Issue, Section\n"
            "from talkeditor.storage import files\nfrom talkeditor.errors import WriteError\n"
            "try:\n    files.save_issue(Issue(number='1', sections=[Section(title='甲', id='s1',"
            " body='长' * 50000)]), sys.argv[1])\nexcept WriteError as e:\n"
            "    print(e, e.written)\n    sys.exit(3)\n")

    def limited():
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                          text=True, timeout=60, preexec_fn=limited, cwd=ROOT)
    assert done.returncode == 3, done.stderr
    assert "File too large" in done.stdout and done.stdout.strip().endswith("()")
    assert _pair(path) == before


@pytest.mark.parametrize("link_to", ["issue.yaml", "real/issue.yaml"])
def test_save_and_save_as_onto_a_symlink_keep_the_link(tmp_path, link_to):
    real = tmp_path / link_to
    real.parent.mkdir(exist_ok=True)
    files.save_issue(_issue("first"), real)
    link_folder = tmp_path / "links"
    link_folder.mkdir()
    link = link_folder / "issue.yaml"
    link.symlink_to(real)
    files.save_issue(_issue("through the link"), link)
    assert link.is_symlink() and "through the link" in real.read_text(encoding="utf-8")
    files.atomic_write(link, "plain write\n")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "plain write\n"


def test_a_draft_whose_pid_was_reused_is_offered(tmp_path):
    store = recovery.RecoveryStore(tmp_path)
    store.write("a", _issue("draft"), None)
    meta_path = tmp_path / "a.json"
    import json

    meta = json.loads(meta_path.read_text())
    assert meta["started"] == recovery.process_start_time(os.getpid())
    assert store.orphans() == []  # this very process: alive
    meta["started"] -= 1  # the pid is ours, but the writer started at another time
    meta_path.write_text(json.dumps(meta))
    assert [e.id for e in store.orphans()] == ["a"]
    meta["pid"] = 1  # init is alive, and is not the writer either
    meta_path.write_text(json.dumps(meta))
    assert [e.id for e in store.orphans()] == ["a"]


def test_a_draft_larger_than_the_load_limit_is_not_written(tmp_path):
    from talkeditor.errors import IssueFormatError
    from talkeditor.storage import limits

    store = recovery.RecoveryStore(tmp_path)
    with pytest.raises(IssueFormatError):
        store.write("big", _issue("x" * (limits.MAX_LINE_CHARS + 1)), None)
    assert list(tmp_path.iterdir()) == []


def test_an_unreadable_draft_is_set_aside_not_lost(tmp_path):
    store = recovery.RecoveryStore(tmp_path)
    store.write("a", _issue("draft"), None)
    (tmp_path / "a.yaml").write_text("format: 1\nsections: [" + "x, " * 20_000 + "]\n")
    entry = store.entries()[0]
    kept = store.set_aside(entry)
    assert store.entries() == [] and "x, x" in kept.read_text()


@pytest.mark.parametrize("change", ["edit", "delete", "none"])
def test_restoring_over_a_file_that_changed_since_is_flagged(tmp_path, change):
    original = tmp_path / "issue.yaml"
    files.save_issue(_issue("saved"), original)
    store = recovery.RecoveryStore(tmp_path / "rec")
    store.write("a", _issue("draft"), original)
    if change == "edit":
        files.save_issue(_issue("changed by someone else"), original)
    elif change == "delete":
        original.unlink()
    entry = store.entries()[0]
    diff = recovery.compare_draft(entry)
    assert entry.original_changed() is (change != "none")
    assert diff.original_changed is (change != "none")
    assert diff.original_gone is (change == "delete")
