"""Shared test set-up: Qt offscreen, per-user folders redirected, paths to the samples."""

import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: Real past issues (OpenLLMAI/OpenLLMWiki, Apache-2.0: see fixtures/samples/NOTICE).
SAMPLES = FIXTURES / "samples"
TEMPLATE = ROOT / "resources" / "templates" / "openllm-talk.yaml"


@pytest.fixture(autouse=True)
def _private_user_dirs(tmp_path_factory, monkeypatch):
    """Every test gets its own XDG folders, so no test reads or writes the real user's."""
    base = tmp_path_factory.mktemp("xdg")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = base / name.lower()
        folder.mkdir()
        monkeypatch.setenv(name, str(folder))
    yield


@pytest.fixture
def samples() -> Path:
    """The real past issues shipped with the tests."""
    return SAMPLES


def run_cli(*args, cwd=None):
    """Run `python -m talkeditor ARGS` in a subprocess; returns the CompletedProcess."""
    import subprocess

    return subprocess.run([sys.executable, "-m", "talkeditor", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.fixture
def issue_copy(tmp_path) -> Path:
    """A writable copy of the hand-built issue 004, as NNN/issue.yaml."""
    import shutil

    target = tmp_path / "004" / "issue.yaml"
    target.parent.mkdir()
    shutil.copy(FIXTURES / "issue-004.yaml", target)
    return target


@pytest.fixture
def no_dialogs(monkeypatch):
    """Replace every modal dialog with a recorder; tests set the answers they need."""
    from talkeditor.ui import dialogs

    calls: dict = {"errors": [], "asked": [], "answers": {"save_changes": "discard"}}

    def show_error(parent, title, text, details=""):
        calls["errors"].append((title, text, details))

    def ask_save_changes(parent, name):
        calls["asked"].append(name)
        return calls["answers"]["save_changes"]

    monkeypatch.setattr(dialogs, "show_error", show_error)
    monkeypatch.setattr(dialogs, "show_info", lambda *a, **k: calls["asked"].append(a[1:]))
    monkeypatch.setattr(dialogs, "ask_save_changes", ask_save_changes)
    monkeypatch.setattr(dialogs, "save_issue_path",
                        lambda parent, suggested: calls["answers"].get("save_path"))
    monkeypatch.setattr(dialogs, "open_issue_path",
                        lambda parent, start=None: calls["answers"].get("open_path"))
    monkeypatch.setattr(dialogs, "about", lambda *a: calls["asked"].append("about"))

    def ask_recover(parent, drafts):
        calls["asked"].append(("recover", drafts))
        return calls["answers"].get("recover", ("later", -1))

    def ask_external_change(parent, name, difference):
        calls["asked"].append(("external", name, difference))
        return calls["answers"].get("external", "mine")

    def zhihu_export(parent, title, warnings, folder, image_base_url, link_cards,
                     full_title=""):
        calls["asked"].append(("zhihu", title, warnings, folder))
        return calls["answers"].get("zhihu")

    monkeypatch.setattr(dialogs, "zhihu_export", zhihu_export)

    def ask_name(parent, title, label, names, default=""):
        calls["asked"].append(("name", title, tuple(names)))
        return calls["answers"].get("name")

    monkeypatch.setattr(dialogs, "ask_name", ask_name)
    monkeypatch.setattr(dialogs, "ask_recover", ask_recover)
    monkeypatch.setattr(dialogs, "ask_external_change", ask_external_change)
    return calls


@pytest.fixture
def window(qtbot, no_dialogs, issue_copy):
    """The real main window on a copy of issue 004."""
    from talkeditor.ui.app import create_main_window

    win = create_main_window(issue_copy, lang="en")
    qtbot.addWidget(win)
    yield win
    win.document.set_modified(False)
