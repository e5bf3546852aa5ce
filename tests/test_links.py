"""The links core against a local web server: titles (UTF-8, GBK, Zhihu, Open Graph),
limits (slow and huge pages), link checks, URL cleaning and the rule for untitled links."""

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from talkeditor.links import check, titles, urls
from talkeditor.links.issue_links import fetch_titles, fill_body_titles
from tests import link_server


@pytest.fixture(scope="module")
def server():
    with link_server.serve(slow_seconds=3.0) as base:
        yield base


# ---------------------------------------------------------------- titles


def test_utf8_title_is_read_with_the_header_charset(server):
    assert titles.fetch_title(server + "/utf8") == link_server.UTF8_TITLE


def test_gbk_page_declared_only_in_meta_decodes(server):
    assert titles.fetch_title(server + "/gbk") == link_server.GBK_TITLE


def test_gb2312_declared_only_in_the_header_decodes(server):
    assert titles.fetch_title(server + "/gb2312-header") == link_server.GBK_TITLE


def test_zhihu_article_title_is_kept_whole(server):
    assert titles.fetch_title(server + "/zhihu") == "RLHF文本生成图模型 - 远洋之帆的文章 - 知乎"


def test_open_graph_title_is_used_when_title_is_empty(server):
    assert titles.fetch_title(server + "/og") == link_server.OG_TITLE


def test_redirect_is_followed_to_the_page_title(server):
    assert titles.fetch_title(server + "/redirect") == link_server.UTF8_TITLE


@pytest.mark.parametrize(("path", "code"), [("/missing", titles.HTTP_STATUS),
                                            ("/notitle", titles.NO_TITLE),
                                            ("/image.png", titles.NOT_A_PAGE)])
def test_no_title_is_an_error_not_a_guess(server, path, code):
    with pytest.raises(titles.FetchError) as caught:
        titles.fetch_title(server + path)
    assert caught.value.code == code


def test_refused_connection_is_a_fetch_error():
    with pytest.raises(titles.FetchError) as caught:
        titles.fetch_title(link_server.closed_port_url(), timeout=2)
    assert caught.value.code in (titles.NETWORK, titles.TOO_SLOW)


def test_slow_page_gives_up_after_the_timeout(server):
    started = time.monotonic()
    with pytest.raises(titles.FetchError, match="slow"):
        titles.fetch_title(server + "/slow", timeout=0.5)
    assert time.monotonic() - started < 2.5


def test_huge_page_stops_reading_once_the_head_is_over(server):
    started = time.monotonic()
    assert titles.fetch_title(server + "/huge") == link_server.HUGE_TITLE
    assert time.monotonic() - started < 5


def test_huge_page_without_a_title_is_refused_at_the_size_cap(server):
    with pytest.raises(titles.FetchError, match="no title"):
        titles.fetch_title(server + "/huge-late", max_bytes=256 * 1024)


def test_undeclared_gbk_bytes_fall_back_to_gb18030():
    page = f"<html><head><title>{link_server.GBK_TITLE}</title></head></html>".encode("gbk")
    assert titles.title_from_html(page) == link_server.GBK_TITLE


def test_title_whitespace_collapses_to_one_line():
    assert titles.title_from_html(b"<title>\n  A\n\n  B &amp; C </title>") == "A B & C"


def test_non_web_url_is_refused():
    with pytest.raises(titles.FetchError):
        titles.fetch_title("file:///etc/passwd")


# ---------------------------------------------------------------- untitled links

BODY = """## 学术

北大chatlaw

LLM打辩论<https://github.com/Skytliang/Multi-Agents-Debate>

<https://github.com/InternLM/InternLM>

盘古大模型

<https://mp.weixin.qq.com/s/MYcnyG9vcw831hfkl58xIw>

<https://arxiv.org/abs/2303.18223>
https://example.org/plain
"""


def test_bare_urls_without_a_title_line_are_found():
    assert urls.missing_titles(BODY) == [
        (7, "https://github.com/InternLM/InternLM"),
        (13, "https://arxiv.org/abs/2303.18223"),
        (14, "https://example.org/plain"),
    ]


def test_url_at_the_start_of_a_body_has_no_title():
    assert urls.missing_titles("<https://a.example/x>\n\ntext") == [(1, "https://a.example/x")]


def test_filling_puts_title_and_blank_line_above_each_url():
    fetched = {"https://github.com/InternLM/InternLM": "InternLM",
               "https://arxiv.org/abs/2303.18223": ValueError("offline"),
               "https://example.org/plain": "Plain"}
    body, count = fill_body_titles(BODY, fetched)
    assert count == 2
    assert "\n\nInternLM\n\n<https://github.com/InternLM/InternLM>\n" in body
    assert "<https://arxiv.org/abs/2303.18223>\n\nPlain\n\nhttps://example.org/plain\n" in body
    assert urls.missing_titles(body) == [(15, "https://arxiv.org/abs/2303.18223")]


def test_fetch_titles_fetches_each_url_once(server):
    found = [server + "/utf8", server + "/gbk", server + "/utf8", server + "/missing"]
    link_server.Handler.hits.clear()
    got = fetch_titles(found, titles.fetch_title)
    assert got[server + "/utf8"] == link_server.UTF8_TITLE
    assert got[server + "/gbk"] == link_server.GBK_TITLE
    assert isinstance(got[server + "/missing"], titles.FetchError)
    assert link_server.Handler.hits[("GET", "/utf8")] == 1


# ---------------------------------------------------------------- cleaning


@pytest.mark.parametrize("dirty, clean", [
    ("https://www.bilibili.com/video/BV1Kh4y1E7nX/?share_source=copy_web"
     "&vd_source=9e7882f0ef2735e23d66a6f128612943&t=610",
     "https://www.bilibili.com/video/BV1Kh4y1E7nX/?t=610"),
    ("https://zhuanlan.zhihu.com/p/640522290?utm_source=wechat&utm_medium=social&utm_oi=1",
     "https://zhuanlan.zhihu.com/p/640522290"),
    ("https://item.taobao.com/item.htm?spm=a21.1&id=42#desc",
     "https://item.taobao.com/item.htm?id=42#desc"),
    ("https://link.zhihu.com/?target=https%3A//github.com/THUDM/ChatGLM2-6B",
     "https://github.com/THUDM/ChatGLM2-6B"),
    ("https://link.zhihu.com/?target=https%3A//example.com/a%3Fx%3D1%26utm_source%3Dzh",
     "https://example.com/a?x=1"),
    ("https://arxiv.org/abs/2303.18223v2", "https://arxiv.org/abs/2303.18223v2"),
    ("https://example.com/search?q=a%20b&page=2", "https://example.com/search?q=a%20b&page=2"),
])
def test_clean_url_drops_tracking_and_unwraps_redirects(dirty, clean):
    assert urls.clean_url(dirty) == clean


def test_clean_text_changes_only_the_urls():
    line = ("【talk视频】：【OpenLLM Talk 003】 【精准空降到 10:10】 "
            "https://www.bilibili.com/video/BV1Kh4y1E7nX/?share_source=copy_web&t=610，见上")
    text, changes = urls.clean_text("前一行\n" + line + "\n[链接](https://a.example/p?utm_source=x)")
    assert text == ("前一行\n【talk视频】：【OpenLLM Talk 003】 【精准空降到 10:10】 "
                    "https://www.bilibili.com/video/BV1Kh4y1E7nX/?t=610，见上\n"
                    "[链接](https://a.example/p)")
    assert [c[0] for c in changes] == [2, 3]


_SAFE = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="&=?#"),
                max_size=12)


@given(st.lists(st.tuples(_SAFE.filter(lambda k: k and not k.lower().startswith(
    ("utm_", "share", "spm", "sharer_"))), _SAFE), max_size=5))
def test_clean_url_keeps_every_non_tracking_parameter_in_order(pairs):
    from talkeditor.archive.repeats import TRACKING_PARAMS

    pairs = [(k, v) for k, v in pairs if k.lower() not in TRACKING_PARAMS]
    query = "&".join(f"{k}={v}" for k, v in pairs)
    url = "https://example.com/p" + ("?" + query if query else "")
    assert urls.clean_url(url + ("&utm_source=x" if query else "?utm_source=x")) == url
    assert urls.clean_url(urls.clean_url(url)) == urls.clean_url(url)


# ---------------------------------------------------------------- checks


def test_check_reports_dead_and_redirected_links_only(server):
    refused = link_server.closed_port_url()
    found = [server + "/utf8", server + "/redirect", server + "/missing", server + "/gone",
             server + "/no-head", refused, server + "/gbk"]
    started = time.monotonic()
    results = check.check_urls(found, timeout=5, total=20)
    assert time.monotonic() - started < 20
    states = {url: r.state for url, r in results.items()}
    assert states == {server + "/utf8": check.OK, server + "/redirect": check.REDIRECTED,
                      server + "/missing": check.DEAD, server + "/gone": check.DEAD,
                      server + "/no-head": check.OK, refused: check.DEAD,
                      server + "/gbk": check.OK}
    assert results[server + "/missing"].status == 404
    assert results[server + "/redirect"].final == server + "/utf8"
    assert results[refused].detail == "connection refused"


def test_check_run_returns_within_its_total_time(server):
    found = [server + f"/slow?n={i}" for i in range(4)]
    started = time.monotonic()
    results = check.check_urls(found, concurrency=2, timeout=10, total=1.0)
    assert time.monotonic() - started < 2.5
    assert {r.state for r in results.values()} == {check.UNCHECKED}


def test_bracketed_issue_title_line_counts_as_the_title_of_the_url_below():
    body = ("【OpenLLM Talk 005】本期提要：llama2；RetNet - 羡鱼智能的文章 - 知乎\n\n"
            "<https://zhuanlan.zhihu.com/p/645679737>\n\n"
            "【talk模板】：\n\n<https://zhuanlan.zhihu.com/p/640522290>\n\n"
            "【本期贡献者】- 排名不分先后：\n\n<https://a.example/x>\n\n"
            "【视频】\n\n<https://b.example/y>")
    assert urls.missing_titles(body) == [(7, "https://zhuanlan.zhihu.com/p/640522290"),
                                         (11, "https://a.example/x"),
                                         (15, "https://b.example/y")]


def test_filling_titles_leaves_a_bracketed_title_line_alone():
    body = "【OpenLLM Talk 004】本期提要：外挂知识 - 羡鱼智能的文章 - 知乎\n\n<https://z.example/p/1>"
    assert fill_body_titles(body, {"https://z.example/p/1": "Another title"}) == (body, 0)


def test_an_overlong_page_title_is_cut_to_one_short_line():
    line = urls.one_line_title("T" * 200_000 + "\n")
    assert len(line) == urls.MAX_TITLE and line.endswith("…")
    assert urls.one_line_title("标题 " * 10) == ("标题 " * 10).strip()


@pytest.mark.parametrize("title", [
    "Vec<T> in *Rust* and `code`", "# 1 tool - GitHub", "1. Introduction - arXiv",
    "> a quote", "- a dash", "+ a plus", "* a star", "C:\\path\\x", "A & B <C> 中文",
    "GitHub - foo/my_repo: fast", "[2307.09288] Llama 2", "标题 - 作者的文章 - 知乎"])
def test_a_fetched_title_renders_as_plain_text_in_the_body(title):
    from talkeditor.render.html import markdown_to_html

    line = urls.one_line_title(title)
    html = markdown_to_html(line).strip()
    assert html.startswith("<p>") and html.endswith("</p>")
    text = html[3:-4].replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert text == title
    assert urls.is_title_line(line)


def test_a_lead_in_line_ending_with_a_colon_is_not_the_title_of_the_url_below():
    body = "简介：\n\n<https://github.com/gorilla-llm/gorilla-cli>\n\n原文:\n<https://a.example/x>"
    assert urls.missing_titles(body) == [(3, "https://github.com/gorilla-llm/gorilla-cli"),
                                         (6, "https://a.example/x")]
    filled, count = fill_body_titles(body, {"https://github.com/gorilla-llm/gorilla-cli":
                                            "GitHub - gorilla-llm/gorilla-cli"})
    assert count == 1
    assert filled.startswith("简介：\n\nGitHub - gorilla-llm/gorilla-cli\n\n<https://github.com/")


@given(st.lists(st.sampled_from([
    "", "我自己写的标题", "## 小节", "【talk视频】：", "简介：", "<https://a.example/x>",
    "https://b.example/y", "**粗体标题**", "![](assets/a.png)", "---"]), max_size=6))
def test_a_url_lacks_a_title_exactly_when_missing_titles_says_so(above):
    body = "\n".join([*above, "<https://c.example/z>"])
    found = (len(above) + 1, "https://c.example/z") in urls.missing_titles(body)
    assert urls.lacks_title(above) is found


def test_a_typed_text_line_one_blank_line_above_is_the_urls_title():
    assert not urls.lacks_title(["我自己写的标题", ""])
    assert urls.lacks_title(["标题", "", "<https://a.example/x>", ""])
    assert urls.lacks_title(["## 小节", ""]) and urls.lacks_title(["", ""])


def test_a_host_with_many_slow_links_does_not_starve_the_others():
    with link_server.serve(slow_seconds=3.0) as slow, link_server.serve(slow_seconds=3.0) as other:
        crowd = [slow + f"/slow?n={i}" for i in range(120)]
        others = [other + "/utf8", other + "/missing", other + "/gbk", other + "/no-head"]
        started = time.monotonic()
        results = check.check_urls(crowd + others, concurrency=8, per_host=2, timeout=1.0,
                                   total=3.0)
        took = time.monotonic() - started
    assert took < 4.5
    assert [results[u].state for u in others] == [check.OK, check.DEAD, check.OK, check.OK]
    timed_out = [results[u] for u in crowd if results[u].state == check.DEAD]
    unchecked = [results[u] for u in crowd if results[u].state == check.UNCHECKED]
    assert len(timed_out) + len(unchecked) == len(crowd)
    assert 2 <= len(timed_out) <= 6  # two at a time, one second each, within three seconds
    assert {r.detail for r in timed_out} == {"timed out"}
    assert {r.detail for r in unchecked} == {"not checked (time limit)"}


def test_a_link_cut_short_by_the_total_is_not_checked_rather_than_dead(server):
    results = check.check_urls([server + "/slow?cut=1", server + "/utf8"], timeout=10,
                               total=0.8)
    assert results[server + "/slow?cut=1"].state == check.UNCHECKED
    assert results[server + "/utf8"].state == check.OK


def test_a_title_inside_an_inline_svg_is_not_the_page_title():
    page = ("<html><head><meta property='og:title' content='真正的标题'></head><body>"
            "<svg><title>图标</title><path d='M0 0'/></svg><p>正文</p></body></html>")
    assert titles.title_from_html(page) == "真正的标题"
    assert titles.title_from_html("<html><body><svg><title>图标</title></svg>"
                                  "<math><title>x</title></math></body></html>") == ""
    assert titles.title_from_html("<svg/><title>页面</title>") == "页面"
