"""Markdown to Zhihu's dialect, construct by construct (talkeditor.zhihu.transform via the API)."""

import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talkeditor.zhihu import export as zhihu
from talkeditor.zhihu.tree import EQUATION_URL


def html(text: str, **kwargs) -> str:
    return zhihu.markdown_to_zhihu_html(text, **kwargs)


def codes(text: str, **kwargs) -> list[str]:
    return [w.code for w in zhihu.markdown_to_zhihu(text, **kwargs).warnings]


def equation_alts(text: str) -> list[str]:
    return re.findall(r'<img src="https://www\.zhihu\.com/equation\?tex=[^"]*" alt="([^"]*)" '
                      r'eeimg="1">', html(text))


# ---------------------------------------------------------------- headings and paragraphs


def test_headings_shift_one_level_and_deeper_ones_become_bold_paragraphs():
    out = html("# 一\n\n## 二\n\n### 三\n\n#### 四\n\n##### 五\n\n###### 六\n")
    assert out == ("<h2>一</h2>\n<h3>二</h3>\n<p><strong>三</strong></p>\n"
                   "<p><strong>四</strong></p>\n<p><strong>五</strong></p>\n"
                   "<p><strong>六</strong></p>\n")
    assert codes("### 三\n\n#### 四\n") == ["heading-depth", "heading-depth"]


def test_the_title_heading_leaves_the_body_only_when_asked_and_becomes_the_title():
    text = "<!-- source note -->\n\n# OpenLLM Talk 001\n\n# 序章\n\n正文\n"
    post = zhihu.markdown_to_zhihu(text, skip_title=True)
    assert post.title == "OpenLLM Talk 001"
    assert post.html == "<h2>序章</h2>\n<p>正文</p>\n"
    assert "OpenLLM Talk 001" in html(text)


def test_the_lines_of_a_paragraph_stay_one_paragraph_joined_by_br_without_whitespace():
    assert html("第一行\n第二行\n第三行\n\n下一段\n") == \
        "<p>第一行<br>第二行<br>第三行</p>\n<p>下一段</p>\n"


# ---------------------------------------------------------------- math


@pytest.mark.parametrize("text", [
    r"它的成本估计是\$0.0049/ 1K tokens。(目前GPT-4的API价格大约是\$0.03 / 1K tokens)",
    "它的成本估计是$0.0049/ 1K tokens。(目前GPT-4的API价格大约是$0.03 / 1K tokens)",
    "costs $5 and $10 per hour",
    "$20,000 and $30,000",
    "价格是$5，现在涨到$8了",
    "a lone $ sign and $ spaced $",
    "code `$x$` is code",
])
def test_dollar_amounts_escaped_dollars_and_code_are_never_math(text):
    out = html(text)
    assert "equation" not in out
    assert "\\$" not in out  # an escaped dollar is a plain dollar


@pytest.mark.parametrize(("text", "alts"), [
    (r"with $\gamma = 5$. In", [r"\gamma = 5"]),
    ("$x$ and $y_1$", ["x", "y_1"]),
    ("双美元 $$E=mc^2$$ 行内", ["E=mc^2"]),
    ("花了$5，然后 $x$ 变了", ["x"]),
    (r"price \$5 but $\$5$ in tex", [r"\$5"]),
    ("$a<b>c$", [r"a\lt b\gt c"]),
])
def test_inline_math_becomes_an_equation_image_with_the_tex_as_alt(text, alts):
    assert equation_alts(text) == alts


def test_display_math_is_its_own_paragraph_ending_with_a_double_backslash_url_encoded():
    out = html("前文\n\n$$\n\\frac{a+b}{2} > c\n$$\n\n后文\n")
    tex = r"\frac{a+b}{2} \gt c\\"
    assert out == (f'<p>前文</p>\n<p><img src="{EQUATION_URL}{quote(tex, safe="")}" '
                   f'alt="{tex}" eeimg="1"></p>\n<p>后文</p>\n')
    assert "%2B" in out and "%5C%5C" in out  # + and the trailing \\ are encoded


def test_display_math_may_span_blank_lines_and_an_unclosed_one_stays_text():
    assert equation_alts("$$\na = 1\n\nb = 2\n$$\n") == [r"a = 1 b = 2\\"]
    assert html("$$ 没有结尾\n\n下一段\n") == "<p>$$ 没有结尾</p>\n<p>下一段</p>\n"


# ---------------------------------------------------------------- tables and code


def test_tables_are_bare_rows_of_text_cells_keeping_link_urls_and_tex_with_a_warning():
    text = ("| 模型 | *参数* |\n|:---|---:|\n| **LLaMA** | [7B](https://a.b/c) `x` |\n"
            "| $n$ | <https://github.com/x> |\n")
    assert html(text) == ("<table><tbody><tr><th>模型</th><th>参数</th></tr>"
                          "<tr><td>LLaMA</td><td>7B (https://a.b/c) x</td></tr>"
                          "<tr><td>$n$</td><td>https://github.com/x</td></tr></tbody></table>\n")
    assert codes(text) == ["table-math"]


def test_fenced_code_is_a_pre_with_its_language_and_untouched_content():
    text = "```python\nx = '$a$' < 2  # **not bold**\n```\n\n```\nplain\n```\n"
    assert html(text) == ('<pre lang="python"><code>x = \'$a$\' &lt; 2  # **not bold**'
                          "</code></pre>\n<pre><code>plain</code></pre>\n")


# ---------------------------------------------------------------- links


def test_bare_urls_and_autolinks_become_explicit_links():
    out = html("见 https://example.com/a_b?x=1&y=2 与 <https://b.org>\n")
    assert out == ('<p>见 <a href="https://example.com/a_b?x=1&amp;y=2">'
                   'https://example.com/a_b?x=1&amp;y=2</a> 与 '
                   '<a href="https://b.org">https://b.org</a></p>\n')


def test_a_url_alone_on_a_line_becomes_a_link_card_outside_any_paragraph_when_asked():
    text = ("标题 - 知乎\nhttps://zhuanlan.zhihu.com/p/1\n后一行\n\n[命名](https://a.b/c)\n\n"
            "行内 https://x.y/z 不是卡片\n")
    assert html(text, link_cards=True) == (  # the title line above a bare URL is its text
        '<a href="https://zhuanlan.zhihu.com/p/1" data-draft-node="block" '
        'data-draft-type="link-card">标题 - 知乎</a>\n'
        "<p>后一行</p>\n"
        '<a href="https://a.b/c" data-draft-node="block" data-draft-type="link-card">命名</a>\n'
        '<p>行内 <a href="https://x.y/z">https://x.y/z</a> 不是卡片</p>\n')
    assert "link-card" not in html(text)


def test_links_that_are_not_http_or_mailto_become_text_with_a_warning():
    text = "[脚本](javascript:alert(1)) [锚点](#top) [相对](a.md) [信](mailto:a@b.cn) [网](http://a.b)\n"
    assert html(text) == ('<p>脚本 锚点 相对 <a href="mailto:a@b.cn">信</a> '
                          '<a href="http://a.b">网</a></p>\n')
    assert codes(text) == ["link-scheme"] * 3


def test_footnotes_become_zhihu_references_numbered_by_first_use():
    text = ("甲[^b]乙[^a]丙[^b]\n\n[^a]: 说明 A https://a.example/x\n"
            "[^b]: [命名](https://b.example) 说明 B\n")
    post = zhihu.markdown_to_zhihu(text)

    def ref(numero, text_, url):
        return (f'<sup data-text="{text_}" data-url="{url}" data-draft-node="inline" '
                f'data-draft-type="reference" data-numero="{numero}">[{numero}]</sup>')

    assert post.html == (f"<p>甲{ref(1, '命名 说明 B', 'https://b.example')}"
                         f"乙{ref(2, '说明 A', 'https://a.example/x')}"
                         f"丙{ref(1, '命名 说明 B', 'https://b.example')}</p>\n")
    assert "[^1]: 命名 说明 B <https://b.example>" in post.markdown
    assert post.plain_text.endswith("参考\n[1] 命名 说明 B https://b.example\n"
                                    "[2] 说明 A https://a.example/x\n")


# ---------------------------------------------------------------- lists


def test_task_list_items_become_ballot_boxes_but_a_link_in_brackets_stays_a_link():
    text = "- [ ] 待办\n- [x] 完成\n- [X] 也完成\n- [ https://a.b/c](https://a.b/c)\n"
    assert html(text) == ('<ul><li>☐ 待办</li><li>☑ 完成</li><li>☑ 也完成</li>'
                          '<li><a href="https://a.b/c"> https://a.b/c</a></li></ul>\n')


def test_loose_list_items_are_unwrapped_and_nested_lists_kept():
    text = "- 甲\n\n- 乙\n    第二行\n\n    - 丙\n"
    assert html(text) == "<ul><li>甲</li><li>乙<br>第二行<ul><li>丙</li></ul></li></ul>\n"


def test_ordered_lists_zhihu_would_renumber_from_1_become_numbered_paragraphs():
    text = ("1. 问题一\n\n答：一\n\n2. 问题二\n\n答：二\n\n"
            "1. 真正的列表\n2. 第二项\n")
    assert html(text) == ("<p>1. 问题一</p>\n<p>答：一</p>\n<p>2. 问题二</p>\n<p>答：二</p>\n"
                          "<ol><li>真正的列表</li><li>第二项</li></ol>\n")


# ---------------------------------------------------------------- raw HTML


def test_raw_html_loses_scripts_styles_classes_and_layout_tags_but_keeps_its_text():
    text = ('<div style="color:red" class="x" id="y">红色 <b>粗体</b> '
            '<span style="font-size:20px">大字</span><script>steal()</script></div>\n\n'
            "<script>\nalert(1)\n</script>\n\n"
            '<style>p { color: red }</style>\n\n'
            '行内 <span style="color:blue">蓝</span> 与 <script>bad()</script> 完 '
            '<iframe src="https://evil.example"></iframe>&copy;<SCRIPT>x()</SCRIPT>\n')
    post = zhihu.markdown_to_zhihu(text)
    assert post.html == "<p>红色 <strong>粗体</strong> 大字</p>\n<p>行内 蓝 与  完 ©</p>\n"
    codes = [w.code for w in post.warnings]
    assert [c for c in codes if c == "raw-html"] == ["raw-html"] * 6
    # the colour and font size are named too: the text stays, the formatting goes
    assert [c for c in codes if c != "raw-html"] == ["html-format"] * 3


def test_raw_html_tables_and_headings_get_the_same_treatment_as_markdown_ones():
    text = ('<table style="width:100%"><colgroup><col></colgroup><thead><tr>'
            '<th align="left">甲</th></tr></thead><tbody><tr><td style="x">乙</td></tr>'
            "</tbody></table>\n\n<h4 id=\"t\">深标题</h4>\n\n<h1>大标题</h1>\n")
    assert html(text) == ("<table><tbody><tr><th>甲</th></tr><tr><td>乙</td></tr></tbody>"
                          "</table>\n<p><strong>深标题</strong></p>\n<h2>大标题</h2>\n")


# ---------------------------------------------------------------- robustness

ALLOWED = {
    "p": set(), "br": set(), "h2": set(), "h3": set(), "strong": set(), "em": set(),
    "code": set(), "hr": set(), "ul": set(), "ol": set(), "li": set(), "blockquote": set(),
    "table": set(), "tbody": set(), "tr": set(), "th": set(), "td": set(),
    "a": {"href", "data-draft-node", "data-draft-type"},
    "img": {"src", "alt", "eeimg"},
    "pre": {"lang"}, "figure": set(), "figcaption": set(),
    "sup": {"data-text", "data-url", "data-draft-node", "data-draft-type", "data-numero"},
}


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "img":
            self.text.append(dict(attrs).get("alt") or "")

    def handle_data(self, data):
        self.text.append(data)


def disallowed(fragment: str) -> list[str]:
    collector = TagCollector()
    collector.feed(fragment)
    collector.close()
    bad = []
    for tag, attrs in collector.tags:
        if tag not in ALLOWED:
            bad.append(f"<{tag}>")
        bad.extend(f"{tag}[{name}]" for name in attrs if name not in ALLOWED.get(tag, set()))
    return bad


SNIPPETS = ["<SCRIPT>s</SCRIPT>", "<Style>", "# h", "#### deep", "$x$", "$$", "$5 and $6",
            "\\$", "**b**", "_i_", "`c`",
            "```py", "```", "- [ ] t", "1. one", "3. three", "    - nest", "> q", "---",
            "| a | b |", "|---|---|", "[l](javascript:x)", "[l](https://a.b)", "https://c.d/e",
            "![i](x.png)", "![]()", "[^1]", "[^1]: note", "<script>x</script>",
            '<div style="a" class="b">d</div>', "<span id=s>", "</span>", "<b>", "<table>",
            "<tr><td>", "<!-- c -->", "&amp;", "&copy;", "<img src=x onerror=y>",
            "<a href='javascript:z' style=q>a</a>", "中文", "🎉", "\n", "\n\n", " "]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SNIPPETS), max_size=25), st.booleans())
def test_any_mix_of_markdown_and_html_converts_to_allowed_markup_only(parts, cards):
    out = html("".join(parts), link_cards=cards)
    assert disallowed(out) == []
    collector = TagCollector()
    collector.feed(out)
    hrefs = [attrs["href"] for tag, attrs in collector.tags if tag == "a"]
    assert all(h.startswith(("http://", "https://", "mailto:")) for h in hrefs)
    assert "<script" not in out


def test_bare_urls_next_to_chinese_punctuation_are_whole_links_in_post_html_and_md():
    post = zhihu.markdown_to_zhihu("见 http://a.example/x，还有 https://b.example/y。\n\n"
                                   "（https://c.example/z）")
    assert re.findall(r'href="([^"]*)"', post.html) == [
        "http://a.example/x", "https://b.example/y", "https://c.example/z"]
    assert "见 <http://a.example/x>，还有 <https://b.example/y>。" in post.markdown
    assert "（<https://c.example/z>）" in post.markdown
