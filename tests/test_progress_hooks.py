"""Long core work reports progress and stops on Cancel, leaving nothing behind (issue 14:
"long work runs off the GUI thread with progress and Cancel").

Loading a big issue, importing a big .md and the Zhihu export take an optional ``progress``
callback (talkeditor/progress.py). Each test runs the work once to record every report,
then cancels at each report point in turn (the callback raises Cancelled there) and checks
that the call raised Cancelled, wrote nothing and left every file as it was; and that the
result with a callback equals the result without one.
"""

from pathlib import Path

import pytest

from talkeditor.importing.importer import import_file
from talkeditor.importing.open_any import open_issue
from talkeditor.model import new_id
from talkeditor.progress import Cancelled, each, part, report
from talkeditor.render.issue_markdown import issue_markdown
from talkeditor.storage import files as storage
from talkeditor.zhihu.export import export_issue, precheck

from .conftest import FIXTURES
from .docx_build import build_docx, heading, para, run


def big_issue(times: int = 12):
    """Issue 004 with its top-level sections repeated ``times`` times (new ids)."""
    base = storage.load_yaml_issue(FIXTURES / "issue-004.yaml")
    issue = base.clone()
    for k in range(2, times + 1):
        for top in base.clone().sections:
            for section, _depth in top.walk():
                section.id = new_id()
            top.title = f"{top.title} ({k})"
            issue.sections.append(top)
    return issue


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class Recorder:
    """A progress callback that records what it hears and raises Cancelled at report
    number ``stop`` (never when ``stop`` is None)."""

    def __init__(self, stop: int | None = None):
        self.stop, self.heard = stop, []

    def __call__(self, fraction: float) -> None:
        if self.stop is not None and len(self.heard) == self.stop:
            raise Cancelled()
        self.heard.append(fraction)


def assert_reports_then_cancels_everywhere(work, folder: Path) -> list[float]:
    """Run ``work(progress)`` once fully, then cancelled at each of its report points; the
    files in ``folder`` after the full run."""
    full = Recorder()
    work(full)
    assert len(full.heard) >= 5, "a long job reports more than its start and end"
    assert full.heard == sorted(full.heard), "progress never goes back"
    assert all(0.0 <= f <= 1.0 for f in full.heard) and full.heard[-1] >= 0.85
    after_full = snapshot(folder)
    points = range(len(full.heard))
    if len(full.heard) > 40:  # every point near the ends, a spread in between
        points = sorted({*range(10), *range(len(full.heard) - 10, len(full.heard)),
                         *range(0, len(full.heard), len(full.heard) // 20)})
    for stop in points:
        with pytest.raises(Cancelled):
            work(Recorder(stop))
        assert snapshot(folder) == after_full, f"cancelled at report {stop}, a file changed"
    return after_full


def test_loading_a_big_issue_reports_progress_and_cancels_at_any_point(tmp_path):
    path = storage.save_issue(big_issue(), tmp_path / "big" / "issue.yaml")
    assert_reports_then_cancels_everywhere(
        lambda progress: storage.load_yaml_issue(path, progress), tmp_path)
    plain = storage.load_yaml_issue(path)
    assert storage.load_yaml_issue(path, Recorder()) == plain
    assert open_issue(path, progress=Recorder()).issue == plain


def test_importing_a_big_markdown_file_reports_progress_and_cancels_at_any_point(tmp_path):
    source = tmp_path / "past" / "issue.md"
    source.parent.mkdir()
    source.write_text(issue_markdown(big_issue()), encoding="utf-8")
    assert_reports_then_cancels_everywhere(
        lambda progress: import_file(source, progress=progress), tmp_path)
    plain = import_file(source)
    with_progress = open_issue(source, progress=Recorder())
    assert with_progress.issue.sections and with_progress.path is None
    assert issue_markdown(with_progress.issue) == issue_markdown(plain.issue)


def test_importing_a_docx_reports_progress_and_cancels_at_any_point(tmp_path):
    source = tmp_path / "past.docx"
    body = "".join(heading(f"本周新闻 {i}") + para(run(f"一条新闻 {i} https://a.com/{i}"))
                   for i in range(200))
    source.write_bytes(build_docx(body))
    assert_reports_then_cancels_everywhere(
        lambda progress: import_file(source, progress=progress), tmp_path)


def test_the_zhihu_export_reports_progress_and_a_cancel_writes_no_file(tmp_path):
    issue = big_issue(4)
    out = tmp_path / "zhihu"
    written = assert_reports_then_cancels_everywhere(
        lambda progress: export_issue(issue, out, progress=progress), tmp_path)
    assert {"zhihu/post.md", "zhihu/post.html", "zhihu/title.txt"} <= set(written)
    fresh = tmp_path / "fresh"
    points = Recorder()
    export_issue(issue, tmp_path / "probe", progress=points)
    for stop in range(len(points.heard)):
        with pytest.raises(Cancelled):
            export_issue(issue, fresh, progress=Recorder(stop))
        assert not fresh.exists(), "a cancelled export writes nothing"
    heard = Recorder()
    assert precheck(issue, progress=heard) == precheck(issue)
    assert heard.heard[-1] == 1.0


def test_the_helpers_map_a_step_onto_its_slice_and_report_every_nth_item():
    heard = []
    sub = part(heard.append, 0.5, 0.75)
    sub(0.0)
    sub(1.0)
    report(heard.append, 7)  # clamped
    assert heard == [0.5, 0.5, 0.75, 1.0]
    heard.clear()
    assert list(each(heard.append, range(10), 10, every=4)) == list(range(10))
    assert heard == [0.0, 0.4, 0.8, 1.0]
    assert part(None, 0, 1) is None and list(each(None, [1, 2], 2)) == [1, 2]
