"""End to end: a bare repository on disk (file:// remote) and two or three clones, each driven
through ``talkeditor sync`` as a contributor would: setting up, items added to one section by
two people, renames against edits, a real conflict, a push race, issue.md rendered rather than
merged, and bad input (exit 2, one line)."""

from __future__ import annotations

import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from talkeditor.collab import sync
from talkeditor.render.issue_markdown import issue_markdown
from talkeditor.storage import files as storage

from .conftest import FIXTURES, run_cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@pytest.fixture(autouse=True)
def _git_identity(tmp_path, monkeypatch):
    """No global git config needed: a private HOME and an identity in the environment."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "Tester")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "tester@example.org")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def shared(tmp_path):
    """A host's archive with issue 004 shared to a bare remote with ``sync --init``, and a
    function making contributor clones."""
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    host = tmp_path / "host"
    (host / "004").mkdir(parents=True)
    shutil.copy(FIXTURES / "issue-004.yaml", host / "004" / "issue.yaml")
    storage.save_issue(storage.load_yaml_issue(host / "004" / "issue.yaml"),
                       host / "004" / "issue.yaml")
    out = run_cli("sync", host, "--init", "--remote", remote.as_uri(), "--author", "羡鱼")
    assert out.returncode == 0, out.stderr

    def clone(name: str) -> Path:
        target = tmp_path / name
        subprocess.run(["git", "clone", "-q", str(remote.as_uri()), str(target)], check=True)
        return target

    return host, remote, clone


def edit(archive: Path, change) -> None:
    path = archive / "004" / "issue.yaml"
    issue = storage.load_yaml_issue(path)
    change(issue)
    storage.save_issue(issue, path)


def load(archive: Path):
    return storage.load_yaml_issue(archive / "004" / "issue.yaml")


def add_item(section_id: str, text: str):
    def change(issue):
        issue.find(section_id).body += f"\n\n{text}"
    return change


def test_init_makes_a_repository_with_the_merge_driver_committed_and_registered(shared):
    host, remote, _clone = shared
    attributes = git(host, "show", "HEAD:.gitattributes")
    assert "issue.yaml merge=talkeditor" in attributes.splitlines()
    driver = git(host, "config", "--local", "merge.talkeditor.driver").strip()
    assert driver.endswith("-m talkeditor merge %O %A %B") and sys.executable in driver
    assert git(host, "log", "-1", "--format=%an|%s").strip().startswith("羡鱼|")
    assert "004/issue.yaml" in git(remote, "ls-tree", "-r", "--name-only", "HEAD")
    assert sync.status(host).is_repository and not sync.status(host).local_changes
    assert sync.status(host).last_sync is not None


def test_init_adopts_an_existing_clone_and_is_idempotent(shared):
    _host, _remote, clone = shared
    alice = clone("alice")
    out = run_cli("sync", alice, "--init")
    assert out.returncode == 0, out.stderr
    assert "adopted" in out.stdout
    assert git(alice, "config", "--local", "merge.talkeditor.driver")
    assert git(alice, "status", "--porcelain") == ""


def test_two_people_adding_items_to_one_section_both_arrive_everywhere_without_conflict(shared):
    host, _remote, clone = shared
    alice, bob = clone("alice"), clone("bob")
    edit(alice, add_item("news-academic", "Alice: FlashAttention-2 <https://a.example>"))
    edit(bob, add_item("news-academic", "Bob: Llama 2 <https://b.example>"))
    for who in (alice, bob, alice, host):
        out = run_cli("sync", who, "--author", who.name)
        assert out.returncode == 0, out.stderr
    for who in (alice, bob, host):
        body = load(who).find("news-academic").body
        # Bob merged: his item first, then Alice's, at the end of the section, in every clone
        assert body.endswith("Bob: Llama 2 <https://b.example>\n\n"
                             "Alice: FlashAttention-2 <https://a.example>")
        assert load(who) == load(alice)
        md = (who / "004" / "issue.md").read_text(encoding="utf-8")
        assert md == issue_markdown(load(who))  # rendered, never merged
        assert "<<<<<<<" not in md
        assert git(who, "status", "--porcelain") == ""
    log = git(bob, "log", "--format=%an|%s")
    assert "bob|Edit 004 (by bob)" in log and "alice|Edit 004 (by alice)" in log


def test_renames_moves_and_deletions_on_one_side_merge_with_edits_on_the_other(shared):
    _host, _remote, clone = shared
    alice, bob = clone("alice"), clone("bob")

    def reshape(issue):
        section = issue.find("news-projects")
        issue.find("news").children.remove(section)
        section.title = "开源项目"
        issue.find("recommend").children.insert(0, section)
        issue.find("recommend").children.remove(issue.find("rec-models"))
        issue.date = "2023-07-22"

    def contribute(issue):
        issue.find("news-projects").body += "\n\nBob: vllm 0.2"
        issue.find("rec-misc").body += "\n\nBob: misc"
        issue.editors.append("Bob")

    edit(alice, reshape)
    edit(bob, contribute)
    assert run_cli("sync", alice).returncode == 0
    assert run_cli("sync", bob).returncode == 0
    assert run_cli("sync", alice).returncode == 0
    for who in (alice, bob):
        issue = load(who)
        moved = issue.find("news-projects")
        assert moved.title == "开源项目" and moved.body.endswith("Bob: vllm 0.2")
        assert issue.find("recommend").children[0].id == "news-projects"
        assert issue.find("rec-models") is None
        assert issue.find("rec-misc").body.endswith("Bob: misc")
        assert issue.date == "2023-07-22" and issue.editors[-1] == "Bob"


def test_the_same_item_edited_differently_is_a_conflict_named_on_stderr_that_everyone_sees(
        shared):
    _host, _remote, clone = shared
    alice, bob = clone("alice"), clone("bob")

    def retitle(text):
        def change(issue):
            issue.find("plans").title = text
        return change

    edit(alice, retitle("下期计划"))
    edit(bob, retitle("后续安排"))
    assert run_cli("sync", alice).returncode == 0
    out = run_cli("sync", bob)
    assert out.returncode == 1
    assert "conflict: 004/issue.yaml: 后续安排 (title)" in out.stderr
    issue = load(bob)  # loads: the conflict is recorded, no markers
    (conflict,) = issue.find("plans").conflicts
    assert (conflict.ours, conflict.theirs) == ("后续安排", "下期计划")
    assert git(bob, "status", "--porcelain") == ""
    out = run_cli("sync", alice)
    assert out.returncode == 1 and "(title)" in out.stderr
    assert load(alice).find("plans").conflicts == [conflict]


def test_a_push_race_makes_the_loser_pull_merge_and_push_again(shared, tmp_path):
    _host, remote, clone = shared
    alice, bob = clone("alice"), clone("bob")
    edit(alice, add_item("freetalk", "Alice: a question"))
    edit(bob, add_item("freetalk", "Bob: another question"))
    # Bob's push fires a hook that lets Alice push first, after Bob fetched: Bob loses the race.
    mark = tmp_path / "raced"
    hook = bob / ".git" / "hooks" / "pre-push"
    hook.write_text(
        "#!/bin/sh\n"
        "unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE\n"
        f"if [ ! -e '{mark}' ]; then touch '{mark}'; "
        f"'{sys.executable}' -m talkeditor sync '{alice}' --author alice >/dev/null 2>&1; fi\n"
        "exit 0\n", encoding="utf-8")
    hook.chmod(hook.stat().st_mode | stat.S_IEXEC)
    result = sync.sync(bob, author="bob")
    assert mark.exists()
    assert result.pushed and result.push_tries == 2 and not result.conflicts
    body = load(bob).find("freetalk").body
    assert "Alice: a question" in body and "Bob: another question" in body
    remote_text = git(remote, "show", "HEAD:004/issue.yaml")
    assert "Alice: a question" in remote_text and "Bob: another question" in remote_text


def test_local_changes_show_in_the_status_until_synced(shared):
    host, _remote, _clone = shared
    edit(host, add_item("plans", "更多计划"))
    assert sync.status(host).local_changes
    assert sync.sync(host).committed == ["004"]
    assert not sync.status(host).local_changes


def test_a_folder_that_is_not_a_repository_is_bad_input(tmp_path):
    (tmp_path / "plain").mkdir()
    out = run_cli("sync", tmp_path / "plain")
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "sync --init" in out.stderr


def test_a_repository_without_a_remote_is_bad_input(tmp_path):
    archive = tmp_path / "solo"
    assert run_cli("sync", archive, "--init").returncode == 0
    out = run_cli("sync", archive)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "--remote" in out.stderr


def test_an_unreachable_remote_is_bad_input_in_one_line(shared, tmp_path):
    host, _remote, _clone = shared
    out = run_cli("sync", host, "--remote", (tmp_path / "gone.git").as_uri())
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "cannot reach the remote" in out.stderr
    assert "Traceback" not in out.stderr


def test_sync_never_prompts_for_a_password(shared):
    host, _remote, _clone = shared
    out = run_cli("sync", host, "--remote", "https://127.0.0.1:9/nobody/nothing.git")
    assert out.returncode == 2 and "cannot reach the remote" in out.stderr


def test_a_clone_made_before_the_host_pushed_gets_the_archive_and_deletes_nothing(tmp_path):
    remote = tmp_path / "early.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    early = tmp_path / "early"
    subprocess.run(["git", "clone", "-q", remote.as_uri(), str(early)], check=True,
                   capture_output=True)
    host = tmp_path / "host"
    (host / "004").mkdir(parents=True)
    shutil.copy(FIXTURES / "issue-004.yaml", host / "004" / "issue.yaml")
    assert run_cli("sync", host, "--init", "--remote", remote.as_uri()).returncode == 0
    out = run_cli("sync", early)
    assert out.returncode == 0, out.stderr
    assert (early / "004" / "issue.yaml").read_bytes() == (host / "004" / "issue.yaml").read_bytes()
    assert git(remote, "ls-tree", "-r", "--name-only", "HEAD").count("004/issue.yaml") == 1


def test_a_clone_of_a_remote_whose_head_names_another_branch_takes_the_remote_branch(tmp_path):
    remote = tmp_path / "other-head.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    git(remote, "symbolic-ref", "HEAD", "refs/heads/nothing-here")
    host = tmp_path / "host"
    (host / "004").mkdir(parents=True)
    shutil.copy(FIXTURES / "issue-004.yaml", host / "004" / "issue.yaml")
    assert run_cli("sync", host, "--init", "--remote", remote.as_uri()).returncode == 0
    late = tmp_path / "late"
    subprocess.run(["git", "clone", "-q", remote.as_uri(), str(late)], check=True,
                   capture_output=True)
    out = run_cli("sync", late)
    assert out.returncode == 0, out.stderr
    assert (late / "004" / "issue.yaml").exists()
    assert git(late, "symbolic-ref", "--short", "HEAD").strip() == git(
        host, "symbolic-ref", "--short", "HEAD").strip()


def test_sync_to_a_new_empty_remote_pushes_everything(shared, tmp_path):
    host, _remote, _clone = shared
    moved = tmp_path / "moved.git"
    subprocess.run(["git", "init", "-q", "--bare", str(moved)], check=True)
    out = run_cli("sync", host, "--remote", moved.as_uri())
    assert out.returncode == 0, out.stderr
    assert "004/issue.yaml" in git(moved, "ls-tree", "-r", "--name-only",
                                    git(host, "symbolic-ref", "--short", "HEAD").strip())


def test_a_git_pull_before_the_first_sync_is_finished_by_structure_without_markers(shared):
    host, _remote, clone = shared
    dave = clone("dave")  # a fresh clone: git never clones the merge driver's config
    edit(dave, add_item("plans", "Dave 的计划"))
    git(dave, "commit", "-qam", "dave")
    edit(host, add_item("plans", "羡鱼的计划"))
    assert run_cli("sync", host).returncode == 0
    pulled = subprocess.run(["git", "-C", str(dave), "-c", "pull.rebase=false", "pull", "-q"],
                            capture_output=True, text=True)
    assert pulled.returncode != 0  # git's line merge left markers in issue.yaml
    out = run_cli("sync", dave)
    assert out.returncode == 0, out.stderr
    text = (dave / "004" / "issue.yaml").read_text(encoding="utf-8")
    assert "<<<<<<<" not in text
    body = load(dave).find("plans").body
    assert "Dave 的计划" in body and "羡鱼的计划" in body
    assert "<<<<<<<" not in (dave / "004" / "issue.md").read_text(encoding="utf-8")


def test_a_non_issue_yaml_changed_on_both_sides_stops_the_sync_and_loses_neither(shared):
    host, _remote, clone = shared
    bob = clone("bob")
    (host / "notes").mkdir()
    (host / "notes" / "issue.yaml").write_text("- a list\n- not an issue\n", encoding="utf-8")
    assert run_cli("sync", host).returncode == 0
    assert run_cli("sync", bob).returncode == 0
    (host / "notes" / "issue.yaml").write_text("- a list\n- host\n", encoding="utf-8")
    (bob / "notes" / "issue.yaml").write_text("- a list\n- bob\n", encoding="utf-8")
    assert run_cli("sync", host).returncode == 0
    out = run_cli("sync", bob)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "notes/issue.yaml" in out.stderr
    assert "talkeditor-merge-" not in out.stderr  # no temporary path
    assert (bob / "notes" / "issue.yaml").read_text(encoding="utf-8") == "- a list\n- bob\n"
    assert "- host" in git(bob, "show", "FETCH_HEAD:notes/issue.yaml")  # still to merge
