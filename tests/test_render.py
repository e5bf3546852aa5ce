"""Rendering an issue to Markdown in the issues' own layout, and to HTML section by section."""

import re

from talkeditor.model import Field, Issue, Section
from talkeditor.render.html import HtmlCache, issue_html, markdown_to_html
from talkeditor.render.issue_markdown import chinese_time, issue_markdown
from talkeditor.storage import yaml_format

from .conftest import FIXTURES, TEMPLATE


def _norm(line: str) -> str:
    return re.sub(r"\s+", "", line.lstrip("#").strip())


def test_the_hand_built_issue_004_renders_every_line_of_the_seed_text(samples):
    issue = yaml_format.loads((FIXTURES / "issue-004.yaml").read_bytes())
    rendered = {_norm(line) for line in issue_markdown(issue).splitlines()}
    seed = (samples / "seed" / "openllm-talk-004.txt").read_text(encoding="utf-8")
    missing = [line for line in seed.splitlines() if line.strip() and _norm(line) not in rendered]
    assert missing == []
    assert len([line for line in seed.splitlines() if line.strip()]) > 200


def test_header_fields_are_generated_from_the_metadata():
    issue = yaml_format.loads((FIXTURES / "issue-004.yaml").read_bytes())
    md = issue_markdown(issue)
    assert "【编号】：OpenLLM Talk 004 (三位数是希望" in md
    assert "【时间】：20230715 晚上九点（每周六晚上九点，节假日顺延）" in md
    assert "【本期提要】：检索+LLM；抱抱脸 daily papers；" in md
    assert "【主持人】：羡鱼（后续每期由大家自行认领）" in md
    assert "【编辑】：羡鱼、suc16（最好由主持人兼任）" in md
    issue.number, issue.time, issue.host = "005", "20:00", ["suc16", "初七"]
    issue.highlights = ["A", "B"]
    md = issue_markdown(issue)
    assert "【编号】：OpenLLM Talk 005 (" in md
    assert "【时间】：20230715 晚上八点（" in md
    assert "【主持人】：suc16、初七（" in md
    assert "【本期提要】：A；B；" in md


def test_section_owners_replace_the_fallback_text_when_assigned():
    issue = yaml_format.loads((FIXTURES / "issue-004.yaml").read_bytes())
    assert "【版块负责人】：多人（后续每期由大家自行认领）" in issue_markdown(issue)
    issue.find("news").owners = ["suc16"]
    issue.find("recommend").owners = ["初七", "羡鱼"]
    assert ("【版块负责人】：本周新闻：suc16；本周推荐：初七、羡鱼（后续每期由大家自行认领）"
            in issue_markdown(issue))


def test_the_layout_has_headings_by_depth_optional_suffix_and_blank_lines_between_blocks():
    issue = Issue(number="009", sections=[
        Section(title="本周新闻", fields=[Field("贡献者", "甲")],
                children=[Section(title="学术", body="第一条\n<https://a.b/c>\n")]),
        Section(title="本周经典", optional=True)])
    assert issue_markdown(issue) == (
        "# OpenLLM Talk 009\n\n# 本周新闻\n\n【贡献者】：甲\n\n## 学术\n\n第一条\n<https://a.b/c>\n\n"
        "# 本周经典-optional\n")


def test_the_template_renders_the_whole_skeleton_in_the_seed_order():
    md = issue_markdown(yaml_format.loads(TEMPLATE.read_bytes()))
    headings = [line for line in md.splitlines() if line.startswith("#")]
    assert headings == [
        "# OpenLLM Talk", "# 序章", "## 背景介绍", "## 本期记录", "## 注意事项", "# 本周新闻",
        "## 学术", "## 项目", "## 工业界", "# 本周推荐", "## 资料", "## 模型", "## 项目", "## 杂项",
        "# 本周经典-optional", "# 本周实践-optional", "# Free Talk", "## 线上讨论", "## 群里讨论",
        "# 参考资料", "# 后续计划", "# 加入/赞助我们", "# 往期精彩"]


def test_chinese_times_read_as_the_issues_write_them():
    assert chinese_time("21:00") == "晚上九点"
    assert chinese_time("22:00") == "晚上十点"
    assert chinese_time("20:30") == "晚上八点半"
    assert chinese_time("14:00") == "下午两点"
    assert chinese_time("10:05") == "上午十点5分"
    assert chinese_time("12:00") == "中午十二点"


def test_html_has_tables_fenced_code_and_links_for_bare_urls():
    html = markdown_to_html(
        "见 https://github.com/dair-ai/ML-Papers-of-the-Week 和 <https://a.cn>\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nprint(1)\n```\n")
    assert '<a href="https://github.com/dair-ai/ML-Papers-of-the-Week">' in html
    assert '<a href="https://a.cn">' in html
    assert "<table>" in html and "<td>1</td>" in html
    assert '<code class="language-python">print(1)' in html


def test_one_typed_line_is_one_line_in_the_html():
    assert "第一行<br" in markdown_to_html("第一行\n第二行")


def test_an_edit_reconverts_only_the_changed_section():
    issue = yaml_format.loads((FIXTURES / "issue-004.yaml").read_bytes())
    cache = HtmlCache()
    first = cache.issue_html(issue)
    sections = sum(1 for _ in issue.walk())
    assert cache.conversions == sections + 1
    issue.find_path("本周新闻", "学术").body += "\n新的一条\n"
    second = cache.issue_html(issue)
    assert cache.conversions == sections + 2
    assert "新的一条" in second and "新的一条" not in first
    assert cache.issue_html(issue) == second and cache.conversions == sections + 2


def test_the_cached_html_equals_an_uncached_render():
    issue = yaml_format.loads((FIXTURES / "issue-004.yaml").read_bytes())
    cache = HtmlCache()
    cache.issue_html(issue)
    issue.find("freetalk").body = "changed"
    assert cache.issue_html(issue) == issue_html(issue)


def test_the_content_contributors_line_is_generated_from_credits_and_signatures():
    issue = yaml_format.loads((FIXTURES / "issue-004.yaml").read_bytes())
    field = issue.find("record").field_named("具体内容贡献者")
    field.bind = "content_contributors"
    assert "【具体内容贡献者】：羡鱼、符尧、OpenLLM 群友" in issue_markdown(issue)
    for section, _depth in issue.walk():
        section.body = ""
        section.fields = [f for f in section.fields if f.label != "贡献者"]
    assert ("【具体内容贡献者】：请查看具体内容后面的署名，比如问题、回答和观点的来源"
            in issue_markdown(issue))


def test_bare_url_link_ends_at_chinese_punctuation_and_text():
    html = markdown_to_html("见 http://a.example/x，还有 https://b.example/y。\n\n"
                            "（https://c.example/z）符尧：https://github.com/esbatmop/MNBVC，好像")
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs == ["http://a.example/x", "https://b.example/y", "https://c.example/z",
                     "https://github.com/esbatmop/MNBVC"]
    assert "</a>，还有" in html and "</a>。" in html and "</a>）" in html


def test_bare_url_with_ascii_query_and_trailing_period_keeps_magiclink_rules():
    html = markdown_to_html("see https://d.example/q?a=1&b=2. and <https://e.example/x>")
    assert re.findall(r'href="([^"]*)"', html) == ["https://d.example/q?a=1&amp;b=2",
                                                  "https://e.example/x"]


def test_an_inline_footnote_renders_as_a_numbered_note_instead_of_failing():
    html = markdown_to_html("正文^[注释内容] 和 [^1]\n\n[^1]: 另一条")
    assert '<sup id="fnref:inline-1"><a class="footnote-ref" href="#fn:inline-1">1</a>' in html
    assert '<li id="fn:inline-1"><p>注释内容' in html and '<li id="fn:1"><p>另一条' in html
    assert "footnote-ref" in markdown_to_html("a^[]")
