"""Fault injection: a process saving in a loop is killed at random moments; the file on disk
always loads and equals one of the versions written."""

import os
import random
import signal
import subprocess
import sys
import time

from talkeditor.model import Field, Issue, Section
from talkeditor.render.issue_markdown import issue_markdown
from talkeditor.storage import files as storage

KILLS = 100

CHILD = r"""
import sys
from tests.test_atomic_save_kill import version
from talkeditor.storage import files as storage
path = sys.argv[1]
i = int(sys.argv[2])
storage.save_issue(version(i), path)
print("READY", flush=True)
while True:
    i += 1
    storage.save_issue(version(i), path)
"""


def version(i: int) -> Issue:
    """Version ``i`` of the issue: big enough that a write takes a while."""
    body = "\n".join(f"第 {i} 版第 {n} 行：检索 https://example.com/{i}/{n}" for n in range(400))
    return Issue(number=f"{i:03d}", highlights=[f"版本 {i}"], sections=[
        Section(title="本周新闻", id="news", fields=[Field("贡献者", f"第{i}人")], body=body)])


def test_a_save_killed_at_random_moments_never_leaves_a_broken_file(tmp_path):
    path = tmp_path / "issue.yaml"
    rng = random.Random(20231)
    written = 0
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for attempt in range(KILLS):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(written)],
                                 cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True)
        assert child.stdout.readline().strip() == "READY", child.stderr.read()
        time.sleep(rng.uniform(0, 0.05))  # the random moment of the crash
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        loaded = storage.load_yaml_issue(path)
        number = int(loaded.number)
        assert loaded == version(number), f"attempt {attempt}: not a version that was written"
        assert number >= written
        markdown = (tmp_path / "issue.md").read_text(encoding="utf-8")
        md_number = int(markdown.split("\n", 1)[0].rsplit(" ", 1)[1])
        assert markdown == issue_markdown(version(md_number))
        written = number + 1
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    # Temporary files may remain after a kill, never the target: at most two per save (the
    # YAML and the Markdown are both written to temporary files before either is renamed).
    assert len(leftovers) <= 2 * KILLS
    assert written > KILLS
