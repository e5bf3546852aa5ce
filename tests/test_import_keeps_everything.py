"""Issue 17: import keeps everything, in the form it had — Word notes and lists, text that is
not Markdown, emphasis across line breaks, invisible characters, image names, encodings —
and the summary names what it could not keep. One group of tests per kind."""

from __future__ import annotations

import re
import struct
import zlib

import pytest

from talkeditor.cli.wording import import_finding
from talkeditor.importing.importer import Finding, import_file, import_text
from talkeditor.render.html import markdown_to_html

from .docx_build import (
    THREE_LEVELS,
    build_docx,
    comments_xml,
    heading,
    hyperlink,
    note_ref,
    notes_xml,
    numbering_xml,
    para,
    run,
)


def _png(rgb: tuple[int, int, int]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" + bytes(rgb))) + chunk(b"IEND", b""))


def _import_docx(tmp_path, body: str, name: str = "t.docx", **parts):
    path = tmp_path / name
    path.write_bytes(build_docx(heading("本周新闻") + heading("学术", 2) + body, **parts))
    return import_file(path)


def _academic(result) -> str:
    return result.issue.find_path("本周新闻", "学术").body


def _codes(result) -> list[str]:
    return [f.code for f in result.summary.findings]


# ---------------------------------------------------------------- 1. footnotes, endnotes, comments

FOOTNOTE_LINK = [("rIdF1", "hyperlink", "https://arxiv.org/abs/2404.00001", True)]


def test_a_word_footnote_with_a_url_becomes_a_markdown_footnote_after_its_paragraph(tmp_path):
    result = _import_docx(
        tmp_path, para("LLaMA3 发布", note_ref("footnote", 1), "，效果很好") + para("下一段"),
        footnotes=notes_xml("footnotes", {1: run(" 见 ") + hyperlink("论文", "rIdF1")}),
        part_rels={"footnotes.xml": FOOTNOTE_LINK})
    assert _academic(result) == ("LLaMA3 发布[^1]，效果很好\n\n"
                                 "[^1]: 见 [论文](https://arxiv.org/abs/2404.00001)\n\n下一段\n")
    html = markdown_to_html(_academic(result))
    assert 'class="footnote-ref"' in html and 'href="https://arxiv.org/abs/2404.00001"' in html
    assert Finding("notes_kept", {"footnotes": 1, "endnotes": 0}) in result.summary.findings


def test_footnotes_and_endnotes_are_numbered_in_reading_order_across_sections(tmp_path):
    body = (para("甲", note_ref("footnote", 2)) + para("乙", note_ref("endnote", 5)) +
            heading("本周推荐") + para("丙", note_ref("footnote", 3)))
    result = _import_docx(tmp_path, body,
                          footnotes=notes_xml("footnotes", {2: run("脚注二"), 3: run("脚注三")}),
                          endnotes=notes_xml("endnotes", {5: run("尾注五")}))
    assert _academic(result) == "甲[^1]\n\n[^1]: 脚注二\n\n乙[^2]\n\n[^2]: 尾注五\n"
    assert result.issue.find_path("本周推荐").body == "丙[^3]\n\n[^3]: 脚注三\n"
    assert Finding("notes_kept", {"footnotes": 2, "endnotes": 1}) in result.summary.findings


def test_a_footnote_inside_a_list_is_defined_after_the_list(tmp_path):
    body = (para("第一项", note_ref("footnote", 1), num=(1, 0)) + para("第二项", num=(1, 0))
            + para("之后"))
    result = _import_docx(tmp_path, body, numbering=numbering_xml({1: THREE_LEVELS}),
                          footnotes=notes_xml("footnotes", {1: run("列表里的脚注")}))
    assert _academic(result) == "1. 第一项[^1]\n2. 第二项\n\n[^1]: 列表里的脚注\n\n之后\n"


def test_word_comments_stay_out_of_the_body_and_are_listed_in_the_summary(tmp_path):
    body = para('<w:commentRangeStart w:id="0"/>', "正文内容", '<w:commentRangeEnd w:id="0"/>',
                '<w:r><w:commentReference w:id="0"/></w:r>')
    result = _import_docx(tmp_path, body, comments=comments_xml(
        [("羡鱼", "这里要补链接"), ("初七", "第二条批注\n两行")]))
    assert _academic(result) == "正文内容"
    comments = [f.data for f in result.summary.findings if f.code == "comment_dropped"]
    assert comments == [{"author": "羡鱼", "text": "这里要补链接"},
                        {"author": "初七", "text": "第二条批注\n两行"}]
    assert "dropped: Word comment by 羡鱼: 这里要补链接" in [
        import_finding(f) for f in result.summary.findings]


def test_an_unknown_word_element_holding_text_is_named_in_the_summary(tmp_path):
    body = para("保留的字", "<w:oddThing><w:r><w:t>看不懂的字</w:t></w:r></w:oddThing>")
    result = _import_docx(tmp_path, body + para("<w:altChunk r:id='x'><w:t>块</w:t></w:altChunk>"))
    assert "保留的字" in _academic(result) and "看不懂的字" not in _academic(result)
    assert Finding("element_dropped", {"element": "oddThing", "count": 1}) in \
        result.summary.findings


# ---------------------------------------------------------------- 2. lists of any depth

def _list_html(markdown: str) -> str:
    return markdown_to_html(markdown)


def test_three_level_word_numbering_becomes_a_nested_markdown_list(tmp_path):
    body = (para("一级", num=(1, 0)) + para("二级 a", num=(1, 1)) + para("三级 i", num=(1, 2))
            + para("三级 ii", num=(1, 2)) + para("二级 b", num=(1, 1)) + para("一级二", num=(1, 0)))
    result = _import_docx(tmp_path, body, numbering=numbering_xml({1: THREE_LEVELS}))
    md = _academic(result)
    assert md == ("1. 一级\n    1. 二级 a\n        1. 三级 i\n        2. 三级 ii\n"
                  "    2. 二级 b\n2. 一级二\n")
    html = _list_html(md)
    assert html.count("<ol>") == 3 and "<pre>" not in html and "<code>" not in html


def test_a_five_level_mixed_list_renders_as_five_nested_lists(tmp_path):
    levels = [("bullet", "•"), ("decimal", "%2."), ("bullet", "o"), ("upperRoman", "%4."),
              ("lowerLetter", "(%5)")]
    body = "".join(para(f"第{i}层", num=(2, i)) for i in range(5))
    md = _academic(_import_docx(tmp_path, body, numbering=numbering_xml({2: levels})))
    assert md == "- 第0层\n    1. 第1层\n        - 第2层\n            1. 第3层\n" \
                 "                1. 第4层\n"
    html = _list_html(md)
    assert html.count("<ul>") == 2 and html.count("<ol>") == 3 and "<pre>" not in html


def test_letters_and_roman_numerals_keep_their_count_and_a_skipped_level_still_nests(tmp_path):
    body = (para("a", num=(1, 1)) + para("b", num=(1, 1)) + para("c", num=(1, 1))
            + para("深", num=(1, 2)) + para("顶层", num=(1, 0)) + para("跳到三级", num=(1, 2)))
    md = _academic(_import_docx(tmp_path, body, numbering=numbering_xml({1: THREE_LEVELS})))
    assert md == "1. a\n2. b\n3. c\n    1. 深\n1. 顶层\n    1. 跳到三级\n"
    assert "<pre>" not in _list_html(md)


def test_a_bullet_list_then_a_numbered_list_are_two_lists(tmp_path):
    body = (para("圆点一", num=(2, 0)) + para("圆点二", num=(2, 0)) + para("编号一", num=(1, 0)))
    md = _academic(_import_docx(tmp_path, body, numbering=numbering_xml(
        {1: THREE_LEVELS, 2: [("bullet", "•")]})))
    assert md == "- 圆点一\n- 圆点二\n\n1. 编号一\n"


# ---------------------------------------------------------------- 3. Word text is text

@pytest.mark.parametrize("typed", ["__init__ 方法", "<think>推理过程</think>", "[备注](可选)",
                                   "*星号* 与 `反引号`", "1. 不是列表", "- 也不是", "> 不是引用",
                                   "&amp; 字面", "见[^1]", "a\\=b", "路径 C:\\~x\\$y",
                                   "1\\|2 与 \\@某人", "\\\"引号\\\""])
def test_markdown_characters_typed_in_word_come_back_as_the_same_text(tmp_path, typed):
    md = _academic(_import_docx(tmp_path, para(run(typed))))
    html = markdown_to_html(md)
    shown = re.sub(r"<[^>]+>", "", html).strip()
    import html as htmllib

    assert htmllib.unescape(shown) == typed
    assert not re.search(r"<(strong|em|a|code|ol|ul|blockquote|think)\b", html)


@pytest.mark.parametrize("typed", ["# 新版块", "## 小标题", "#没有空格"])
def test_a_hash_typed_in_a_word_paragraph_never_makes_a_section(tmp_path, typed):
    result = _import_docx(tmp_path, para(run(typed)) + para("后面的内容"))
    assert [s.title for s in result.issue.sections] == ["本周新闻"]
    assert [c.title for c in result.issue.sections[0].children] == ["学术"]
    html = markdown_to_html(_academic(result))
    assert "<h" not in html and typed in html and "后面的内容" in html


def test_plain_text_keeps_tags_dunder_names_and_hashes_as_text():
    text = ("本周新闻\n【本周新闻】：LLM news\n"
            "<think>推理</think> 见 <https://a.example/x>\n# 不是版块\n用 __init__ 和 **粗体**\n")
    result = import_text(text, "txt")
    assert [s.title for s in result.issue.sections] == ["本周新闻"]
    body = result.issue.sections[0].body
    html = markdown_to_html(body)
    assert "&lt;think&gt;推理&lt;/think&gt;" in html and 'href="https://a.example/x"' in html
    assert "# 不是版块" in html and "__init__" in html and "<strong>粗体</strong>" in html


# ---------------------------------------------------------------- 4. emphasis across breaks

@pytest.mark.parametrize("runs,expected", [
    ([run("结论：\n先试 vLLM", bold=True)], "**结论：**\n**先试 vLLM**"),
    ([run("斜体\n第二行", italic=True)], "*斜体*\n*第二行*"),
    ([run("粗斜\n\n隔一行", bold=True, italic=True)], "***粗斜***\n\n***隔一行***"),
    ([run("前言 "), run("加粗\n换行", bold=True), run(" 收尾")], "前言 **加粗**\n**换行** 收尾"),
])
def test_emphasis_across_a_shift_enter_break_is_closed_on_every_line(tmp_path, runs, expected):
    md = _academic(_import_docx(tmp_path, para(*runs)))
    assert md.rstrip("\n") == expected
    for line in md.split("\n"):
        assert line.count("**") % 2 == 0 and line.replace("**", "").count("*") % 2 == 0
    html = markdown_to_html(md)
    assert "*" not in re.sub(r"<[^>]+>", "", html)


def test_a_link_across_a_shift_enter_break_is_a_link_on_each_line(tmp_path):
    body = para(hyperlink("官方\n博客", "rIdL"))
    md = _academic(_import_docx(tmp_path, body, rels=[("rIdL", "hyperlink",
                                                       "https://ai.meta.com/blog/", True)]))
    assert md == "[官方](https://ai.meta.com/blog/)\n[博客](https://ai.meta.com/blog/)\n"


# ---------------------------------------------------------------- 5. invisible characters

ISSUE = ("OpenLLM Talk 012\n【时间】：20230916 晚上八点\n\n本周新闻\n【本周新闻】：LLM news\n"
         "学术\n内容\u200b一\n")


@pytest.mark.parametrize("hidden", ["\u200b", "\ufeff", "\u2060", "\u200d\u200b"])
@pytest.mark.parametrize("where", ["first line", "section title", "field label"])
def test_invisible_characters_never_hide_a_title_or_a_field_label(hidden, where):
    text = {"first line": hidden + ISSUE,
            "section title": ISSUE.replace("\n本周新闻\n", f"\n{hidden}本周新闻\n"),
            "field label": ISSUE.replace("【本周新闻】", f"{hidden}【本周新闻】")}[where]
    result = import_text(text, "txt")
    issue = result.issue
    assert (issue.number, issue.date, issue.time) == ("012", "2023-09-16", "20:00")
    news = issue.find_path("本周新闻")
    assert [f.label for f in news.fields] == ["本周新闻"] and news.fields[0].value == "LLM news"
    assert issue.find_path("本周新闻", "学术").body == "内容\u200b一"  # text keeps them
    assert [f.code for f in result.summary.findings] == ["invisible_removed"]


@pytest.mark.parametrize("hidden", ["\u200b", "\u2060", "\ufeff", "\u00ad"])
@pytest.mark.parametrize("label,value,attribute,expected", [
    ("主持人", "羡鱼", "host", ["羡鱼"]),
    ("时间", "20230916 晚上八点", "time", "20:00"),
    ("本期提要", "检索；长文本", "highlights", ["检索", "长文本"]),
])
def test_an_invisible_character_inside_a_field_label_does_not_hide_the_field(
        hidden, label, value, attribute, expected):
    written = label[0] + hidden + label[1:]
    text = f"OpenLLM Talk 012\n\n本期记录\n【{written}】：{value}\n\n本周新闻\n正文\n"
    result = import_text(text, "txt")
    assert [f.label for f in result.issue.find_path("本期记录").fields] == [label]
    assert getattr(result.issue, attribute) == expected
    assert [f.data["text"] for f in result.summary.findings
            if f.code == "invisible_removed"] == [f"【{label}】"]


def test_invisible_characters_before_a_markdown_heading_do_not_hide_it():
    text = "# 本周新闻\n\n\u200b## 学术\n\n正文\n\n\ufeff# 本周推荐\n\n推荐\n"
    result = import_text(text, "md")
    assert [s.title for s, _d in result.issue.walk()] == ["本周新闻", "学术", "本周推荐"]


# ---------------------------------------------------------------- 6. image names

@pytest.mark.parametrize("written,file", [
    ("![](<screen shot.png>)", "screen shot.png"),
    ("![图](a(1).png)", "a(1).png"),
    ("![x](screen shot 2.png)", "screen shot 2.png"),
    ('![t](<图 (2).png> "标题")', "图 (2).png"),
    ("![e](my%20pic.png)", "my pic.png"),
])
def test_images_named_with_spaces_or_parentheses_are_copied(tmp_path, written, file):
    (tmp_path / file).write_bytes(_png((1, 2, 3)))
    source = tmp_path / "issue.md"
    source.write_text(f"# 本周新闻\n\n{written}\n", encoding="utf-8")
    result = import_file(source)
    (name,) = result.assets
    assert result.assets[name] == _png((1, 2, 3)) and result.summary.images == 1
    body = result.issue.sections[0].body
    assert f"](assets/{name}" in body and " " not in name and "(" not in name
    assert "image_missing" not in _codes(result)


def test_every_image_the_source_refers_to_is_copied_or_named_as_missing(tmp_path):
    (tmp_path / "here (1).png").write_bytes(_png((9, 9, 9)))
    source = tmp_path / "issue.md"
    source.write_text("# 本周新闻\n\n![a](<here (1).png>)\n![b](<not here (2).png>)\n"
                      "![c](gone.png)\n", encoding="utf-8")
    result = import_file(source)
    assert list(result.assets) == ["here__1_.png"]
    missing = [f.data for f in result.summary.findings if f.code == "image_missing"]
    assert missing == [{"target": "not here (2).png", "reason": "not_found"},
                       {"target": "gone.png", "reason": "not_found"}]
    assert "missing image: not here (2).png (not found)" in [
        import_finding(f) for f in result.summary.findings]


def test_a_word_picture_linked_to_a_file_with_spaces_is_copied_from_beside_the_document(
        tmp_path):
    from .docx_build import image_run

    (tmp_path / "screen shot (1).png").write_bytes(_png((4, 5, 6)))
    result = _import_docx(tmp_path, para(image_run("rIdImg", linked=True, alt="截图")),
                          rels=[("rIdImg", "image", "screen shot (1).png", True)])
    assert result.assets == {"screen_shot__1_.png": _png((4, 5, 6))}
    assert _academic(result) == "![截图](assets/screen_shot__1_.png)"


@pytest.mark.parametrize("written,file", [
    ("![e](pics/e\\[1\\].png)", "e[1].png"),
    ("![a](pics/a\\_b\\_.png)", "a_b_.png"),
    ("![p](pics/100%25.png)", "100%.png"),
    ("![l](pics/b%20c.png)", "b%20c.png"),  # a name that really holds %20
])
def test_an_escaped_or_encoded_image_name_is_found_and_copied(tmp_path, written, file):
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / file).write_bytes(_png((7, 7, 7)))
    source = tmp_path / "issue.md"
    source.write_text(f"# 本周新闻\n\n{written}\n", encoding="utf-8")
    result = import_file(source)
    assert list(result.assets.values()) == [_png((7, 7, 7))]
    assert result.issue.sections[0].body.startswith("![") and "](assets/" in \
        result.issue.sections[0].body
    assert "image_missing" not in _codes(result)


def test_images_in_reference_definitions_and_html_img_tags_are_copied_or_named_missing(
        tmp_path):
    (tmp_path / "ref (1).png").write_bytes(_png((1, 1, 1)))
    (tmp_path / "tag pic.png").write_bytes(_png((2, 2, 2)))
    source = tmp_path / "issue.md"
    source.write_text('# 本周新闻\n\n![图一][r1]\n\n<img src="tag pic.png" width="300">\n\n'
                      "<IMG SRC='gone tag.png'>\n\n![图二][r2]\n\n"
                      '[r1]: <ref (1).png> "标题"\n[r2]: gone-ref.png\n', encoding="utf-8")
    result = import_file(source)
    assert result.assets == {"ref__1_.png": _png((1, 1, 1)), "tag_pic.png": _png((2, 2, 2))}
    body = result.issue.sections[0].body
    assert '[r1]: assets/ref__1_.png "标题"' in body
    assert '<img src="assets/tag_pic.png" width="300">' in body
    (tag,) = re.findall(r"<img [^>]*alt=\"图一\"[^>]*>", markdown_to_html(body))
    assert 'src="assets/ref__1_.png"' in tag and 'title="标题"' in tag
    missing = [f.data["target"] for f in result.summary.findings if f.code == "image_missing"]
    assert sorted(missing) == ["gone tag.png", "gone-ref.png"]


@pytest.mark.parametrize("written", [
    "C:\\Users\\me\\Typora\\typora-user-images\\shot 1.png",
    "file:///C:/Users/me/Pictures/shot%201.png",
    "D:/pics/shot 1.png",
])
def test_an_image_at_a_windows_path_is_taken_from_beside_the_document_or_named_missing(
        tmp_path, written):
    source = tmp_path / "issue.md"
    source.write_text(f"# 本周新闻\n\n![截图](<{written}>)\n", encoding="utf-8")
    result = import_file(source)
    assert result.assets == {}
    assert [f.code for f in result.summary.findings] == ["image_missing"]
    (tmp_path / "shot 1.png").write_bytes(_png((3, 3, 3)))
    result = import_file(source)
    assert result.assets == {"shot_1.png": _png((3, 3, 3))}
    assert result.issue.sections[0].body == "![截图](assets/shot_1.png)"


def test_a_word_picture_linked_to_a_missing_file_on_another_machine_is_named_missing(tmp_path):
    from .docx_build import image_run

    result = _import_docx(tmp_path, para(image_run("rIdImg", linked=True, alt="截图")),
                          rels=[("rIdImg", "image",
                                 "file:///C:/Users/me/Pictures/linked%20pic.png", True)])
    assert result.assets == {}
    assert [f.data for f in result.summary.findings if f.code == "image_missing"] == [
        {"target": "C:/Users/me/Pictures/linked pic.png", "reason": "not_found"}]


@pytest.mark.parametrize("typed", ["~~删除~~", "a~~b~~c", "<https://example.com/a>",
                                   "见<https://example.com>。", "共~10分钟，约~15分钟"])
def test_tildes_and_bracketed_urls_typed_in_word_are_text_in_the_preview_and_the_zhihu_post(
        tmp_path, typed):
    import html as htmllib

    from talkeditor.zhihu.export import markdown_to_zhihu_html

    md = _academic(_import_docx(tmp_path, para(run(typed))))
    for html in (markdown_to_html(md), markdown_to_zhihu_html(md)):
        assert not re.search(r"<(s|del|strike)>", html)
        assert htmllib.unescape(re.sub(r"<[^>]+>", "", html).strip()) == typed
        for href in re.findall(r'href="([^"]+)"', html):
            assert href in typed


@pytest.mark.parametrize("typed", ["$x_1$ 公式", "成本$a$和$b$", "$$E=mc^2$$",
                                   "账号 $HOME/$USER 路径"])
def test_dollars_typed_in_word_are_text_in_the_preview_and_the_zhihu_post(tmp_path, typed):
    import html as htmllib

    from talkeditor.zhihu.export import markdown_to_zhihu_html

    md = _academic(_import_docx(tmp_path, para(run(typed))))
    for html in (markdown_to_html(md), markdown_to_zhihu_html(md)):
        assert "eeimg" not in html
        assert htmllib.unescape(re.sub(r"<[^>]+>", "", html).strip()) == typed


@pytest.mark.parametrize("typed", ["价格 $5 到 $10", "美元$20，大约$3一次", "单个 $ 符号"])
def test_dollar_amounts_typed_in_word_stay_as_written(tmp_path, typed):
    assert _academic(_import_docx(tmp_path, para(run(typed)))) == typed


@pytest.mark.parametrize("typed", ["![不是图片](x.png)", "见 ![图](<a b.png>) 一节",
                                   "<img src=\"y.png\"> 是 HTML 写法"])
def test_image_markup_typed_as_text_in_word_is_neither_copied_nor_reported(tmp_path, typed):
    result = _import_docx(tmp_path, para(run(typed)))
    assert result.assets == {} and "image_missing" not in _codes(result)
    import html as htmllib

    html = markdown_to_html(_academic(result))
    assert "<img" not in html
    assert htmllib.unescape(re.sub(r"<[^>]+>", "", html).strip()) == typed


# ---------------------------------------------------------------- 7. encodings

BIG5_TEXT = "OpenLLM Talk 013\n\nFree Talk\n繁體中文的內容：模型與資料，問與答\n"
GB_TEXT = "OpenLLM Talk 013\n\nFree Talk\n简体中文的内容：模型与数据，问与答\n"


@pytest.mark.parametrize("encoding,text,named", [
    ("big5", BIG5_TEXT, "big5"), ("gb18030", GB_TEXT, "gb18030"), ("gbk", GB_TEXT, "gb18030"),
    ("utf-16", GB_TEXT, None), ("utf-8", BIG5_TEXT, None), ("utf-8-sig", GB_TEXT, None),
])
def test_text_files_are_read_in_their_encoding_and_a_guess_is_named(tmp_path, encoding, text,
                                                                     named):
    path = tmp_path / "issue.txt"
    path.write_bytes(text.encode(encoding))
    result = import_file(path)
    assert result.issue.number == "013"
    assert result.issue.find_path("Free Talk").body == text.rstrip("\n").rsplit("\n", 1)[1]
    found = [f.data["encoding"] for f in result.summary.findings
             if f.code == "encoding_detected"]
    assert found == ([named] if named else [])


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [GB_TEXT, BIG5_TEXT,
                                  "OpenLLM Talk 013\n\nFree Talk\nplain ASCII\n"])
def test_utf16_without_a_byte_order_mark_is_read_and_the_guess_is_named(tmp_path, encoding,
                                                                       text):
    path = tmp_path / "issue.txt"
    path.write_bytes(text.encode(encoding))
    result = import_file(path)
    assert result.issue.number == "013"
    assert result.issue.find_path("Free Talk").body == text.rstrip("\n").rsplit("\n", 1)[1]
    assert result.summary.findings[0] == Finding("encoding_detected",
                                                 {"encoding": encoding, "alternatives": []})


def test_bytes_no_encoding_reads_as_text_are_refused_with_one_clear_line(tmp_path):
    from .conftest import run_cli

    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(128, 256)) * 4)
    out = run_cli("import", path, "-o", tmp_path / "x" / "issue.yaml")
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0
    assert "encoding could not be recognised" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "x").exists()


def test_the_cli_prints_the_encoding_it_guessed(tmp_path):
    from .conftest import run_cli

    path = tmp_path / "big5.txt"
    path.write_bytes(BIG5_TEXT.encode("big5"))
    out = run_cli("import", path, "-o", tmp_path / "x" / "issue.yaml")
    assert out.returncode == 0, out.stderr
    assert "  guessed: the file is not UTF-8; read it as big5" in out.stdout


@pytest.mark.parametrize("text,encoding", [
    ("本週新聞\n學術\n", "big5"), ("繁體的問與答\n", "big5"), ("臺灣與香港的朋友們\n", "big5"),
    ("本周新闻\n学术\n", "gb18030"), ("简体的问与答\n", "gb18030"), ("大模型训练数据\n", "gb18030"),
])
def test_a_few_lines_of_big5_or_gb18030_are_told_apart(text, encoding):
    from talkeditor.importing.importer import decode_text_detected

    decoded, finding = decode_text_detected(text.encode(encoding))
    assert decoded == text and finding.data["encoding"] == encoding


@pytest.mark.parametrize("name,asset", [("screen shot (1).png", "screen_shot__1_.png"),
                                        ("a(1).png", "a_1_.png"), ("图 片.png", "图_片.png")])
def test_a_word_picture_whose_part_name_has_spaces_or_parentheses_is_extracted(tmp_path, name,
                                                                                asset):
    from .docx_build import image_run

    result = _import_docx(tmp_path, para(image_run("rIdE", alt="图")),
                          rels=[("rIdE", "image", f"media/{name}", False)],
                          media={name: _png((7, 7, 7))})
    assert result.assets == {asset: _png((7, 7, 7))}
    assert _academic(result) == f"![图](assets/{asset})"
    assert "image_missing" not in _codes(result)
