"""``talkeditor links``: dead links found and nothing else, in bounded time; ``--clean``
touches only the URLs; ``--fill-titles`` with ``-o``; exit codes 0/1/2."""

import time

import pytest

from talkeditor.links import issue_links
from talkeditor.model import Field, Issue, Section
from talkeditor.storage.files import load_yaml_issue, save_issue
from tests import link_server
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def server():
    with link_server.serve(slow_seconds=1.0) as base:
        yield base


def _issue(base: str, refused: str) -> Issue:
    news = Section(title="本周新闻", body=(
        f"好文章\n\n<{base}/utf8>\n\n跳转\n\n<{base}/redirect>\n\n"
        f"坏链接 {base}/missing 见上\n\n<{base}/no-head>\n\n慢\n\n<{base}/slow>\n\n"
        f"没有了 [这里]({base}/gone)\n"))
    news.children.append(Section(title="学术", body=f"拒绝\n\n<{refused}>\n\n<{base}/gbk>\n"))
    plan = Section(title="后续计划", fields=[Field("talk视频", f"{base}/zhihu")])
    return Issue(number="007", sections=[news, plan])


def test_check_finds_every_dead_link_and_nothing_else(server, tmp_path):
    refused = link_server.closed_port_url()
    path = save_issue(_issue(server, refused), tmp_path / "007" / "issue.yaml")
    started = time.monotonic()
    done = run_cli("links", path, "--check", "--total", "20", "--timeout", "5")
    assert time.monotonic() - started < 40
    assert done.returncode == 1, done.stderr
    dead = sorted(line for line in done.stdout.splitlines() if ": dead " in line)
    assert dead == sorted([
        f"本周新闻, line 9: dead {server}/missing (HTTP 404 Not Found)",
        f"本周新闻, line 17: dead {server}/gone (HTTP 410 Gone)",
        f"本周新闻 / 学术, line 3: dead {refused} (connection refused)",
    ])
    redirected = [line for line in done.stdout.splitlines() if ": redirected " in line]
    assert redirected == [f"本周新闻, line 7: redirected {server}/redirect "
                          f"(moved to {server}/utf8)"]
    assert len(done.stdout.splitlines()) == 4


def test_clean_reports_and_writes_only_the_urls(server, tmp_path):
    line = ("【精准空降到 10:10】 https://www.bilibili.com/video/BV1Kh4y1E7nX/"
            "?share_source=copy_web&vd_source=9e78&t=610，来自B站")
    issue = Issue(number="007", sections=[Section(title="本周新闻", body="标题\n\n" + line + "\n")])
    path = save_issue(issue, tmp_path / "in" / "issue.yaml")
    before = path.read_bytes()
    report = run_cli("links", path, "--clean")
    assert report.returncode == 1
    assert "本周新闻, line 3: clean " in report.stdout
    assert path.read_bytes() == before  # without -o nothing is written
    out = tmp_path / "out" / "issue.yaml"
    done = run_cli("links", path, "--clean", "-o", out)
    assert done.returncode == 1, done.stderr
    assert load_yaml_issue(out).sections[0].body == (
        "标题\n\n【精准空降到 10:10】 https://www.bilibili.com/video/BV1Kh4y1E7nX/?t=610，来自B站\n")
    again = run_cli("links", out, "--clean")
    assert again.returncode == 0, again.stdout


def test_fill_titles_writes_title_lines_above_bare_urls(server, tmp_path):
    body = f"<{server}/zhihu>\n\n<{server}/gbk>\n\n<{server}/missing>\n"
    path = save_issue(Issue(sections=[Section(title="本周推荐", body=body)]),
                      tmp_path / "a" / "issue.yaml")
    listed = run_cli("links", path)
    assert listed.returncode == 1
    assert listed.stdout.count("no title line for") == 3
    out = tmp_path / "b" / "issue.yaml"
    done = run_cli("links", path, "--fill-titles", "-o", out)
    assert done.returncode == 1, done.stderr
    assert load_yaml_issue(out).sections[0].body == (
        f"{link_server.ZHIHU_TITLE}\n\n<{server}/zhihu>\n\n{link_server.GBK_TITLE}\n\n"
        f"<{server}/gbk>\n\n<{server}/missing>\n")
    assert f"no title for {server}/missing: HTTP 404" in done.stdout


def test_clean_issue_exits_zero(tmp_path):
    body = "一个链接\n\n<https://github.com/InternLM/InternLM>\n"
    path = save_issue(Issue(sections=[Section(title="新闻", body=body)]), tmp_path / "issue.yaml")
    done = run_cli("links", path)
    assert done.returncode == 0
    assert "no link problems found" in done.stdout


@pytest.mark.parametrize("args", [["missing.yaml"], ["{bad}"], ["{good}", "--timeout", "x"]])
def test_bad_input_is_one_line_and_exit_two(tmp_path, args):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: [unclosed\n", encoding="utf-8")
    good = save_issue(Issue(), tmp_path / "good" / "issue.yaml")
    argv = [a.format(bad=bad, good=good) for a in args]
    done = run_cli("links", *argv)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_output_in_another_folder_takes_the_images_along(tmp_path):
    body = "二维码\n\n![](assets/qr.png)\n\n<https://a.example/p?utm_source=x>\n"
    path = save_issue(Issue(sections=[Section(title="加入/赞助我们", body=body)]),
                      tmp_path / "a" / "issue.yaml")
    (tmp_path / "a" / "assets").mkdir()
    (tmp_path / "a" / "assets" / "qr.png").write_bytes(b"png bytes")
    out = tmp_path / "b" / "issue.yaml"
    done = run_cli("links", path, "--clean", "-o", out)
    assert done.returncode == 1, done.stderr
    assert (tmp_path / "b" / "assets" / "qr.png").read_bytes() == b"png bytes"
    assert "<https://a.example/p>" in load_yaml_issue(out).sections[0].body


def test_links_past_the_time_limit_are_reported_as_not_checked_never_dead(server, tmp_path):
    issue = Issue(number="008", sections=[Section(title="慢", body=(
        f"慢一\n\n<{server}/slow?a=1>\n\n慢二\n\n<{server}/slow?b=2>\n"))])
    path = save_issue(issue, tmp_path / "008" / "issue.yaml")
    done = run_cli("links", path, "--check", "--total", "0.5", "--timeout", "5")
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        f"慢, line 3: not checked (time limit) {server}/slow?a=1",
        f"慢, line 7: not checked (time limit) {server}/slow?b=2"]


def test_the_video_link_in_a_field_and_the_metadata_is_reported_once(server, tmp_path):
    issue = _issue(server, link_server.closed_port_url())
    issue.sections[1].fields[0].value = f"{server}/missing?spm=1"
    issue.video = f"{server}/missing?spm=1"
    path = save_issue(issue, tmp_path / "007" / "issue.yaml")
    done = run_cli("links", path, "--clean")
    assert [line for line in done.stdout.splitlines() if "/missing" in line] == [
        f"后续计划, 【talk视频】: clean {server}/missing?spm=1 -> {server}/missing"]
    found = [url for _place, url in issue_links.links_of(issue)]
    assert found.count(f"{server}/missing?spm=1") == 1
