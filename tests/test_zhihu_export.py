"""Zhihu export of an issue: title, files, images, nothing dropped, the pre-publish check, CLI."""

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from talkeditor.cli.wording import zhihu_warning
from talkeditor.model import Field, Issue, Section
from talkeditor.render.issue_markdown import issue_markdown
from talkeditor.storage import yaml_format
from talkeditor.storage.yaml_format import IssueFormatError
from talkeditor.zhihu import check as zhihu_check
from talkeditor.zhihu import export as zhihu

from .conftest import FIXTURES, run_cli
from .test_zhihu_html import ALLOWED

GOLDEN = FIXTURES / "zhihu"
PNG = (GOLDEN / "assets" / "pic.png").read_bytes()


def issue_004() -> Issue:
    return yaml_format.loads((FIXTURES / "issue-004.yaml").read_bytes())


def constructs_issue() -> Issue:
    """constructs.md as the body of a one-section issue (its images resolve in fixtures/zhihu)."""
    body = (GOLDEN / "constructs.md").read_text(encoding="utf-8")
    return Issue(number="999", highlights=["构造"], sections=[Section(title="构造", body=body)])


class Page(HTMLParser):
    """post.html read back: every tag with its attributes, and the body's text content."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict, bool]] = []
        self.in_body = False
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        attrs = dict(attrs)
        self.tags.append((tag, attrs, self.in_body and tag != "body"))
        if self.in_body and tag == "img":
            self.text.append(attrs.get("alt") or "")
        if self.in_body and tag == "sup":
            self.text.append(attrs.get("data-text") or "")

    def handle_endtag(self, tag):
        if tag == "body":
            self.in_body = False

    def handle_data(self, data):
        if self.in_body:
            self.text.append(data)


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


# ---------------------------------------------------------------- title


def test_the_title_is_series_number_and_highlights_joined_with_fullwidth_semicolons():
    issue = issue_004()
    assert zhihu.zhihu_title(issue) == (
        "【OpenLLM Talk 004】本期提要：检索+LLM；抱抱脸 daily papers；MOSS-RLHF；长驼；"
        "GPT4 细节泄露；OpenAI 代码解释器；百川 13B；RWKV7B；LLM 面经；多轮对话；数学能力；"
        "反思；lora 与 p-tuning v2；知识在哪儿")
    issue.highlights = ["llama2；", " FreeWilly ", ""]
    assert zhihu.zhihu_title(issue) == "【OpenLLM Talk 004】本期提要：llama2；FreeWilly"
    issue.highlights = []
    assert zhihu.zhihu_title(issue) == "【OpenLLM Talk 004】"


def test_a_special_issue_keeps_its_explicit_title():
    issue = Issue(number="番外02", title="【OpenLLM Talk】番外02：一些\n想法", highlights=["x"])
    assert zhihu.zhihu_title(issue) == "【OpenLLM Talk】番外02：一些 想法"


def test_a_title_over_zhihus_100_characters_is_reported():
    issue = Issue(number="004", highlights=["甲" * 77])
    title = zhihu.zhihu_title(issue)
    assert len(title) == 100
    assert [w.code for w in zhihu.precheck(issue)] == []
    issue.highlights = ["甲" * 78]
    long = zhihu.precheck(issue, title=zhihu.zhihu_title(issue))
    assert [(w.code, w.in_title, w.section) for w in long] == [("title-long", True, "")]
    assert (long[0].data["length"], long[0].data["limit"]) == (101, 100)
    # the proposed title (the default) fits: the check names what was cut instead
    assert [w.code for w in zhihu.precheck(issue)] == ["title-shortened"]
    full = zhihu.zhihu_title(issue_004())  # 141 characters
    assert "title-long" in {w.code for w in zhihu.precheck(issue_004(), title=full)}


# ---------------------------------------------------------------- sections


def test_empty_optional_sections_are_left_out_and_empty_required_ones_kept_and_reported():
    issue = Issue(number="1", sections=[
        Section(title="本周新闻", body="内容"),
        Section(title="本周经典", optional=True,
                fields=[Field("贡献者", ""), Field("本周主题", "")],
                children=[Section(title="子版块")]),
        Section(title="本周实践", optional=True, fields=[Field("提名区", "量化")]),
        Section(title="参考资料"),
    ])
    post = zhihu.build_post(issue)
    assert "本周经典" not in post.html and "子版块" not in post.html
    assert "<h2>本周实践-optional</h2>\n<p>【提名区】：量化</p>" in post.html
    assert "<h2>参考资料</h2>" in post.html
    assert [(w.code, w.section) for w in post.warnings] == [
        ("omitted-section", "本周经典"), ("empty-section", "参考资料")]


# ---------------------------------------------------------------- nothing dropped


def _source_text(line: str) -> str:
    """A Markdown line reduced to the text a reader sees (an oracle independent of the
    exporter): heading and list marks, emphasis, link syntax, escapes, math dollars off."""
    line = re.sub(r"^\s*#{1,6}\s+", "", line)
    line = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line)
    line = re.sub(r"!?\[((?:\\.|[^\]])*)\]\([^)\s]*\)", r"\1", line)
    line = re.sub(r"<((?:https?|mailto):[^>]+)>", r"\1", line)
    line = re.sub(r"\\([\\`*_{}\[\]()#+\-.!$|<>])", r"\1", line)
    line = line.replace("**", "")
    return re.sub(r"\s+", "", line).replace("$", "")


def _missing_lines(markdown_lines: list[str], exported_text: str) -> list[str]:
    """Source lines whose text is not in the export, searched in order (code block lines
    compared as they are)."""
    text = re.sub(r"\s+", "", exported_text).replace("$", "")
    missing, cursor, in_code = [], 0, False
    for line in markdown_lines:
        if line.lstrip().startswith("```"):
            in_code = not in_code
            continue
        wanted = re.sub(r"\s+", "", line).replace("$", "") if in_code else _source_text(line)
        if not wanted:
            continue
        found = text.find(wanted, cursor)
        if found < 0:
            missing.append(line)
        else:
            cursor = found + len(wanted)
    return missing


def test_every_line_of_the_issue_is_in_post_html_in_order(tmp_path):
    issue = issue_004()
    before = yaml_format.dumps(issue)
    result = zhihu.export_issue(issue, tmp_path / "out", issue_dir=FIXTURES)
    page = read_page(result.post_html)
    lines = issue_markdown(issue).splitlines()
    assert lines[0] == "# OpenLLM Talk 004"  # the title line: it goes to title.txt instead
    body_lines = [line for line in lines[1:] if line.strip()]
    assert len(body_lines) > 200
    assert _missing_lines(body_lines, "".join(page.text)) == []
    assert yaml_format.dumps(issue) == before  # exporting does not touch the issue


@pytest.mark.parametrize("number", ("001", "002", "003", "005", "006"))
def test_every_line_of_a_sample_issue_is_in_its_zhihu_html(samples, number):
    folder = samples / "issues"
    text = (folder / f"talk-{number}.md").read_text(encoding="utf-8")
    html = zhihu.markdown_to_zhihu_html(text, base_dir=folder, skip_title=True)
    page = Page()
    page.feed(f"<body>{html}</body>")
    lines = [line for line in text.splitlines()[3:]  # comment, blank, title line
             if line.strip() and not line.startswith(("<!--", "![]()"))]
    assert _missing_lines(lines, "".join(page.text)) == []


def test_the_plain_text_for_the_clipboard_has_the_words_without_markup():
    post = zhihu.build_post(issue_004(), FIXTURES)
    assert not re.search(r"</?[a-z]+[ >]", post.plain_text)
    assert "【编号】：OpenLLM Talk 004 (三位数是希望" in post.plain_text
    assert "GPT4All with $\\gamma = 5$. In" in post.plain_text
    assert "\n• OpenAI通过使用混合专家" in post.plain_text
    assert "智谱 AI 开放平台 (bigmodel.cn)（https://bigmodel.cn/）" in post.plain_text


# ---------------------------------------------------------------- files and images


def test_export_writes_post_md_post_html_title_txt_and_the_images(tmp_path):
    folder = tmp_path / "issue"
    (folder / "assets").mkdir(parents=True)
    (folder / "assets" / "x.png").write_bytes(PNG)
    (folder / "assets" / "sub").mkdir()
    (folder / "assets" / "sub" / "x.png").write_bytes(PNG + b"2")
    issue = Issue(number="010", highlights=["图"], sections=[Section(
        title="本周新闻", body="![图一](assets/x.png)\n\n![图二](assets/sub/x.png)\n\n"
                            "![再用](assets/x.png)\n")])
    out = tmp_path / "out"
    result = zhihu.export_issue(issue, out, issue_dir=folder)
    assert sorted(p.name for p in out.iterdir()) == ["images", "post.html", "post.md",
                                                     "title.txt"]
    assert (out / "title.txt").read_text(encoding="utf-8") == "【OpenLLM Talk 010】本期提要：图\n"
    assert (out / "images" / "x.png").read_bytes() == PNG
    assert (out / "images" / "x-2.png").read_bytes() == PNG + b"2"
    assert result.images == [out / "images" / "x.png", out / "images" / "x-2.png"]
    html = (out / "post.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert ('<p><img src="images/x.png" alt="图一"></p>\n<p><img src="images/x-2.png" '
            'alt="图二"></p>\n<p><img src="images/x.png" alt="再用"></p>\n') in html
    markdown = (out / "post.md").read_text(encoding="utf-8")
    assert "![图一](images/x.png)" in markdown and "![图二](images/x-2.png)" in markdown
    assert [w.code for w in result.warnings] == ["image-local"] * 3

    again = zhihu.export_issue(issue, out, issue_dir=folder,
                               image_base_url="https://cdn.example.com/talk/010/")
    assert '<img src="https://cdn.example.com/talk/010/x-2.png" alt="图二">' in \
        again.post_html.read_text(encoding="utf-8")
    assert again.warnings == []
    leftovers = [p.name for p in out.rglob("*") if p.name.endswith((".bak", ".tmp"))]
    assert leftovers == []


def test_files_outside_the_issue_folder_are_never_copied(tmp_path):
    folder = tmp_path / "issue"
    folder.mkdir()
    (tmp_path / "secret.png").write_bytes(PNG)
    (folder / "notes.txt").write_text("private")
    issue = Issue(number="1", sections=[Section(title="甲", body=(
        "![a](../secret.png)\n\n![b](notes.txt)\n\n![c](/etc/passwd)\n\n"
        f"![d](file://{tmp_path / 'secret.png'})\n"))])
    result = zhihu.export_issue(issue, tmp_path / "out", issue_dir=folder)
    assert result.images == [] and not (tmp_path / "out" / "images").exists()
    assert [w.code for w in result.warnings] == ["image-outside"] * 4


def test_post_html_uses_only_tags_and_attributes_zhihu_keeps(tmp_path):
    for name, issue, issue_dir in (("004", issue_004(), FIXTURES),
                                   ("constructs", constructs_issue(), GOLDEN)):
        result = zhihu.export_issue(issue, tmp_path / name, issue_dir=issue_dir,
                                    link_cards=True)
        page = read_page(result.post_html)
        body = [(tag, attrs) for tag, attrs, in_body in page.tags if in_body]
        wrapper = {tag for tag, _attrs, in_body in page.tags if not in_body}
        assert wrapper == {"html", "head", "meta", "title", "body"}
        assert len(body) > 40
        for tag, attrs in body:
            assert tag in ALLOWED, f"{name}: <{tag}> is not kept by Zhihu"
            assert set(attrs) <= ALLOWED[tag], f"{name}: <{tag} {attrs}>"
            if tag == "a":
                assert attrs["href"].startswith(("http://", "https://", "mailto:"))
            if tag == "img" and "eeimg" in attrs:
                assert attrs["eeimg"] == "1"
                assert attrs["src"].startswith("https://www.zhihu.com/equation?tex=")
        tags = {tag for tag, _attrs in body}
        assert not tags & {"colgroup", "thead", "h1", "h4", "h5", "h6", "script", "style",
                           "div", "span"}
        assert not any({"style", "class", "id"} & set(attrs) for _tag, attrs in body)


# ---------------------------------------------------------------- the pre-publish check


def test_the_check_names_the_section_and_body_line_of_each_problem():
    warnings = zhihu.precheck(issue_004(), FIXTURES)
    link = [w for w in warnings if w.code == "link-scheme"]
    body = issue_004().find("news-industry").body.split("\n")
    assert len(link) == 1 and link[0].section == "本周新闻 › 工业界"
    assert body[link[0].line - 1] == "[翻译推文](#)"
    assert zhihu_warning(link[0]) == (
        f"本周新闻 › 工业界, line {link[0].line}: link “#” is not an http(s)/mailto link; "
        "Zhihu filters it, so it became plain text [link-scheme]")
    assert [w.section for w in warnings if w.code == "empty-section"] == [
        "本周推荐 › 模型", "参考资料"]


def test_the_check_reports_every_kind_of_problem_in_document_order():
    post = zhihu.build_post(constructs_issue(), GOLDEN)
    found = [w.code for w in post.warnings]
    assert set(found) == {"heading-depth", "image-local", "image-svg", "image-missing",
                          "image-private", "image-empty", "link-scheme", "raw-html", "emoji",
                          "table-math", "html-comment", "html-format", "md-raw-html"}
    placed = [w for w in post.warnings if w.line is not None]
    assert all(w.section == "构造" for w in post.warnings)
    assert [w.line for w in placed] == sorted(w.line for w in placed)
    body = constructs_issue().sections[0].body.split("\n")
    for item in placed:
        line = body[item.line - 1]
        if item.code == "emoji":
            assert "🎉" in line
        if item.code.startswith("image-") and item.code != "image-empty":
            assert "![" in line
    assert all(w.code in zhihu_check.CODES and not w.in_title for w in post.warnings)


@pytest.mark.parametrize(("url", "codes"), [
    ("https://pic1.zhimg.com/v2-x.jpg", []),
    ("http://example.com/a.png", []),
    ("https://example.com/chart.svg", ["image-svg"]),
    ("data:image/png;base64,iVBORw0KGgo=", ["image-data"]),
    ("data:image/svg+xml;utf8,<svg/>", ["image-data", "image-svg"]),
    ("http://localhost:8000/a.png", ["image-private"]),
    ("http://127.0.0.1/a.png", ["image-private"]),
    ("http://10.0.0.5/a.png", ["image-private"]),
    ("http://192.168.1.10/a.png", ["image-private"]),
    ("http://172.20.0.1/a.png", ["image-private"]),
    ("http://[::1]/a.png", ["image-private"]),
    ("http://nas.local/a.png", ["image-private"]),
    ("http://intranet/a.png", ["image-private"]),
    ("ftp://example.com/a.png", ["image-scheme"]),
])
def test_image_addresses_zhihu_cannot_fetch_are_recognized(url, codes):
    assert zhihu_check.remote_image_codes(url) == codes


def test_emoji_are_found_but_not_the_ballot_boxes_or_chinese_punctuation():
    assert zhihu_check.find_emoji("第一行🎉\n☐ 待办 ☑ 完成【】「」：；\n✅ 好\n") == [
        (0, "🎉"), (2, "✅")]
    assert [w.code for w in zhihu_check.check_title("【OpenLLM Talk 007】🔥 新")] == ["emoji"]


def test_bad_output_folder_or_image_address_prefix_is_bad_input(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(IssueFormatError, match="not a folder"):
        zhihu.export_issue(issue_004(), target)
    with pytest.raises(IssueFormatError, match="http"):
        zhihu.export_issue(issue_004(), tmp_path / "o", image_base_url="ftp://x/")


# ---------------------------------------------------------------- command line


def test_cli_export_writes_the_files_and_prints_warnings_with_exit_0(tmp_path):
    source = tmp_path / "004" / "issue.yaml"
    source.parent.mkdir()
    shutil.copy(FIXTURES / "issue-004.yaml", source)
    out = run_cli("export-zhihu", source, "-o", tmp_path / "post", "--link-cards")
    assert out.returncode == 0, out.stderr
    assert "post.md" in out.stdout
    title = (tmp_path / "post" / "title.txt").read_text(encoding="utf-8")
    assert title == zhihu.proposed_title(issue_004()) + "\n"
    html = (tmp_path / "post" / "post.html").read_text(encoding="utf-8")
    assert 'data-draft-type="link-card"' in html and "<h2>本周新闻</h2>" in html
    assert (tmp_path / "post" / "post.md").read_text(encoding="utf-8").startswith("## 序章\n")
    warnings = out.stderr.splitlines()
    assert warnings and all(line.startswith("talkeditor: warning: ") for line in warnings)
    assert any("[title-shortened]" in line for line in warnings)
    assert "Traceback" not in out.stderr


def test_cli_export_rewrites_local_images_with_the_base_url(tmp_path):
    folder = tmp_path / "issue"
    (folder / "assets").mkdir(parents=True)
    (folder / "assets" / "qr.png").write_bytes(PNG)
    issue = Issue(number="011", highlights=["图"],
                  sections=[Section(title="加入我们", body="![群](assets/qr.png)\n")])
    (folder / "issue.yaml").write_text(yaml_format.dumps(issue), encoding="utf-8")
    out = run_cli("export-zhihu", folder / "issue.yaml", "-o", tmp_path / "post",
                  "--image-base-url", "https://img.example.com/011")
    assert out.returncode == 0 and out.stderr == ""
    assert (tmp_path / "post" / "images" / "qr.png").read_bytes() == PNG
    assert '<img src="https://img.example.com/011/qr.png" alt="群">' in \
        (tmp_path / "post" / "post.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "data"), [
    ("malformed.yaml", b"format: 1\nsections: [\n"),
    ("python.yaml", b"format: 1\nx: !!python/object/apply:os.system ['touch pwned']\n"),
    ("binary.yaml", bytes(range(256))),
])
def test_cli_export_bad_input_exits_2_with_one_line(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    out = run_cli("export-zhihu", path, "-o", tmp_path / "post", cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and out.stderr.startswith("talkeditor: error: ")
    assert not (tmp_path / "post").exists() and not (tmp_path / "pwned").exists()


def test_cli_export_to_a_file_or_with_a_bad_prefix_exits_2_with_one_line(tmp_path):
    target = tmp_path / "taken"
    target.write_text("x")
    for extra in (["-o", target], ["-o", tmp_path / "p", "--image-base-url", "file:///x"]):
        out = run_cli("export-zhihu", FIXTURES / "issue-004.yaml", *extra)
        assert out.returncode == 2
        assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
