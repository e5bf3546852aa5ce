"""Shared test set-up: Qt offscreen, per-user folders redirected, paths to the samples."""

import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = ROOT.parent / "shared" / "samples"
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
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is not beside the checkout")
    return SAMPLES


def run_cli(*args, cwd=None):
    """Run `python -m talkeditor ARGS` in a subprocess; returns the CompletedProcess."""
    import subprocess

    return subprocess.run([sys.executable, "-m", "talkeditor", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=120)
