"""The benchmark runs end to end: ``benchmarks/run.py --quick`` yields every figure as a number.

No timing is asserted here (the figures depend on the machine); this only proves that every
measurement still works against the current code, so the benchmark does not rot.
"""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "benchmarks" / "run.py"

EXPECTED = (
    "startup_first_paint", "startup_import_main_window", "preview_real", "preview_10x",
    "keystroke_window_real", "keystroke_window_10x", "highlight_keystroke_3000", "open_issue",
    "save_issue", "archive_index_build", "archive_search", "archive_search_5000",
    "startup_archive_5000", "section_1k", "section_10k", "section_100k", "peak_rss",
    "render_10x", "render_brackets_6000", "render_brackets_20000", "render_deep_nesting",
    "merge_10x", "sync_local",
)
ARCHIVE_FIGURES = {"archive_index_build", "archive_search", "archive_search_5000",
                   "startup_archive_5000"}


def test_quick_benchmark_reports_every_figure(tmp_path):
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("DISPLAY", None)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = tmp_path / name.lower()
        folder.mkdir()
        env[name] = str(folder)
    out = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, str(RUN), "--quick", "--json", str(out)], env=env,
                          capture_output=True, text=True, timeout=150, cwd=tmp_path)
    assert out.exists(), proc.stdout + proc.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    rows = {row["name"]: row for row in data["figures"]}
    assert set(EXPECTED) <= set(rows), sorted(rows)
    archive_missing = importlib.util.find_spec("talkeditor.archive.search") is None
    for name in EXPECTED:
        row = rows[name]
        assert row["error"] is None, f"{name}: {row['error']}\n{row.get('traceback', '')}"
        if archive_missing and name in ARCHIVE_FIGURES:
            assert row["skipped"], name
            continue
        assert isinstance(row["value"], int | float) and row["value"] > 0, (name, row)
        assert row["unit"] and row["label"], name
    assert data["environment"]["quick"] is True
    assert proc.returncode == 0, proc.stderr
    assert "startup_first_paint" in proc.stdout  # the table was printed
