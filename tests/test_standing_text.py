"""Issue 17, kind 9: standing text judged from evidence in the archive — kept in the next
issue, named in the import summary, shown in the section editor where the host can flip it."""

from __future__ import annotations

from datetime import date

import pytest

from talkeditor.archive.folder import Archive
from talkeditor.cli.wording import import_finding
from talkeditor.importing.importer import Finding, import_file
from talkeditor.model import BODY_STANDING, BODY_WEEKLY, Issue, Section
from talkeditor.reuse.next_issue import STANDING_EVIDENCE, judge_standing, next_issue
from talkeditor.storage import yaml_format
from talkeditor.storage.files import save_issue

from .conftest import run_cli

PRIVACY = ("本次 talk 会录屏并公开，不想出镜的同学请关闭摄像头；\n"
           "讨论内容仅代表个人观点。\n")


def _issue(number: str, news: str, *, privacy: str = PRIVACY, extra: str | None = None,
           fix: str = "固定的加群方式") -> Issue:
    sections = [Section(title="注意事项", id="privacy", body=privacy),
                Section(title="序章", id="intro", children=[
                    Section(title="背景介绍", id="bg", body="每周一次")]),
                Section(title="本周新闻", id="news", body=news),
                Section(title="加入我们", id="join", body=fix)]
    if extra is not None:
        sections.append(Section(title="临时版块", id="tmp", body=extra))
    day = 2 + 7 * (int(number) - 12)
    return Issue(number=number, date=f"2023-09-{day:02d}", time="20:00", sections=sections)


@pytest.fixture
def archive(tmp_path):
    folder = tmp_path / "archive"
    for n, news in (("012", "新闻十二"), ("013", "新闻十三"), ("014", "新闻十四")):
        save_issue(_issue(n, news, extra="只在 014" if n == "014" else None),
                   folder / n / "issue.yaml")
    return Archive(folder)


def test_a_privacy_notice_the_template_does_not_know_survives_into_the_next_issue(archive):
    past = archive.load("014")
    nxt = next_issue(past, archive, today=date(2023, 9, 20))
    notice = nxt.find("privacy")
    assert notice.body == PRIVACY and notice.body_kind == BODY_STANDING
    assert notice.extra[STANDING_EVIDENCE] == ["012", "013", "014"]
    assert nxt.find("join").body == "固定的加群方式"
    assert nxt.find("news").body == "" and nxt.find("tmp").body == ""
    assert past.find("privacy").body_kind == BODY_WEEKLY  # the past issue is not changed


@pytest.mark.parametrize("in_013,kept", [
    ("013 改过的提示\n", False),  # changed in one of the last issues: weekly
    ("", False),                  # emptied in one of them: weekly
    (None, True),                 # missing from 013: the same in 012 and 014, standing
])
def test_a_body_that_changed_in_the_last_issues_stays_weekly(tmp_path, in_013, kept):
    folder = tmp_path / "a"
    save_issue(_issue("012", "a"), folder / "012" / "issue.yaml")
    middle = _issue("013", "b", privacy=in_013 or "")
    if in_013 is None:
        middle.sections.pop(0)
    save_issue(middle, folder / "013" / "issue.yaml")
    save_issue(_issue("014", "c"), folder / "014" / "issue.yaml")
    archive = Archive(folder)
    nxt = next_issue(archive.load("014"), archive, today=date(2023, 9, 20))
    assert nxt.find("privacy").body == (PRIVACY if kept else "")


def test_only_the_last_issues_count_as_evidence():
    old = [_issue(n, "x", privacy="很久以前的提示\n") for n in ("009", "010", "011")]
    recent = _issue("012", "y")
    assert "注意事项" not in {j.title for j in judge_standing(recent, old)}
    judged = judge_standing(_issue("013", "z"), [*old, recent])
    assert [(j.title, j.issues) for j in judged] == [("背景介绍", ["011", "012", "013"]),
                                                     ("加入我们", ["011", "012", "013"])]
    judged = judge_standing(_issue("014", "w"), [*old, recent, _issue("013", "z")])
    assert ("注意事项", ["012", "013", "014"]) in [(j.title, j.issues) for j in judged]


def test_a_section_in_one_issue_only_or_with_an_empty_body_is_not_judged():
    first = _issue("012", "n", extra="只在这一期", fix="")
    second = _issue("013", "n", fix="")
    judged = {j.title for j in judge_standing(second, [first])}
    assert "临时版块" not in judged and "加入我们" not in judged
    assert "本周新闻" in judged  # the same news twice is, by the evidence, standing text


def test_the_judgement_and_its_evidence_survive_a_save_and_load(archive, tmp_path):
    nxt = next_issue(archive.load("014"), archive, today=date(2023, 9, 20))
    again = yaml_format.loads(yaml_format.dumps(nxt))
    assert again.find("privacy").extra[STANDING_EVIDENCE] == ["012", "013", "014"]
    assert again.find("privacy").body_kind == BODY_STANDING


def test_the_import_summary_names_the_sections_judged_standing(archive, tmp_path):
    source = tmp_path / "talk-015.md"
    source.write_text("# OpenLLM Talk 015\n\n# 注意事项\n\n" + PRIVACY + "\n# 本周新闻\n\n新的\n",
                      encoding="utf-8")
    result = import_file(source, archive_issues=archive.issues())
    assert Finding("judged_standing", {"section": "注意事项", "issues": ["013", "014", "015"]}) \
        in result.summary.findings
    assert result.issue.sections[0].body_kind == BODY_STANDING
    assert "standing text: 注意事项 (the same in issues 013, 014, 015)" in \
        [import_finding(f) for f in result.summary.findings]
    alone = import_file(source)
    assert alone.issue.sections[0].body_kind == BODY_WEEKLY
    assert "judged_standing" not in [f.code for f in alone.summary.findings]


def test_the_cli_import_into_an_archive_prints_the_judgement(archive, tmp_path):
    source = tmp_path / "talk-015.md"
    source.write_text("# OpenLLM Talk 015\n\n# 注意事项\n\n" + PRIVACY, encoding="utf-8")
    out = run_cli("import", "--archive", archive.folder, source)
    assert out.returncode == 0, out.stderr
    assert "  standing text: 注意事项 (the same in issues 013, 014, 015)" in out.stdout


def test_talkeditor_new_from_the_archive_keeps_the_judged_standing_text(archive, tmp_path):
    out = run_cli("new", "--archive", archive.folder, "-o", tmp_path / "015" / "issue.yaml")
    assert out.returncode == 0, out.stderr
    created = yaml_format.loads((tmp_path / "015" / "issue.yaml").read_bytes())
    assert created.find("privacy").body == PRIVACY


@pytest.mark.parametrize("order", [("012", "013", "014"), ("014", "012", "013")])
def test_a_back_catalogue_imported_in_one_run_judges_standing_text_among_its_own_issues(
        tmp_path, order):
    sources = []
    for n in order:
        source = tmp_path / f"talk-{n}.md"
        source.write_text(f"# OpenLLM Talk {n}\n\n# 注意事项\n\n{PRIVACY}\n# 本周新闻\n\n新闻{n}\n",
                          encoding="utf-8")
        sources.append(source)
    folder = tmp_path / "archive"
    out = run_cli("import", "--archive", folder, *sources)
    assert out.returncode == 0, out.stderr
    assert "  standing text: 注意事项 (the same in issues 012, 013, 014)" in out.stdout
    latest = yaml_format.loads((folder / "014" / "issue.yaml").read_bytes())
    assert latest.sections[0].body_kind == BODY_STANDING
    assert latest.sections[0].extra[STANDING_EVIDENCE] == ["012", "013", "014"]
    assert latest.sections[1].body_kind == BODY_WEEKLY
