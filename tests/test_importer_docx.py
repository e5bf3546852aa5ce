"""Importing Word documents: the real 番外02 issue, a built .docx with every construct the
converter handles, and broken or hostile packages (which must fail with IssueFormatError)."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

import pytest

from talkeditor.importing import docx_package
from talkeditor.importing.importer import import_file, write_import
from talkeditor.render.html import markdown_to_html
from talkeditor.render.issue_markdown import issue_markdown
from talkeditor.storage.yaml_format import IssueFormatError

from .test_importer_samples import tree


def _png(rgb: tuple[int, int, int]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" + bytes(rgb))) + chunk(b"IEND", b""))


def _markdown_text(markdown: str) -> str:
    """Rendered Markdown reduced to its text: no images, link targets, emphasis or spaces."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<((?:https?|mailto):[^>]+)>", r"\1", text)
    text = text.replace("**", "").replace("`", "")
    return "".join(text.split())


# ---------------------------------------------------------------- the real special issue


@pytest.fixture(scope="module")
def fanwai(request):
    from .conftest import SAMPLES

    path = SAMPLES / "docx" / "openllm-talk-fanwai02.docx"
    return path, import_file(path)


def test_the_special_issue_gets_its_number_and_title_from_the_title_paragraph(fanwai):
    issue = fanwai[1].issue
    assert issue.number == "番外02"
    assert issue.title == "【OpenLLM Talk】番外02：OpenRLHF框架、OpenLLM Talk和一些想法"
    assert (issue.date, issue.time, issue.highlights) == ("", "", [])
    assert issue_markdown(issue).startswith("# 【OpenLLM Talk】番外02：OpenRLHF框架")


def test_the_special_issue_tree_follows_its_heading_styles(fanwai):
    assert tree(fanwai[1].issue) == [
        ("P0级的事项", [("1.OpenRLHF的第一个正式版本及正式文档", []),
                     ("2.重启OpenLLM Talk，并作为OpenLLMWiki的一部分", [])]),
        ("P1级的事项", [("1.在OpenLLMAI的项目中正式再启动1-2个高优的项目", []),
                     ("2. 关于技术分享及讨论", [])]),  # a numbered Heading 2: Word shows "2."
        ("一些想法和私货", []),
    ]


def test_every_paragraph_of_the_word_document_comes_back(fanwai):
    import docx

    path, result = fanwai
    paragraphs = ["".join(p.text.split()) for p in docx.Document(str(path)).paragraphs]
    paragraphs = [p for p in paragraphs if p]
    remaining = _markdown_text(issue_markdown(result.issue))
    for text in paragraphs:
        assert text in remaining, text
        remaining = remaining.replace(text, "\x00", 1)
    assert len(paragraphs) == 49  # of 71 paragraphs; the rest are empty or only images
    s = result.summary
    assert s.source_lines == s.heading_lines + s.fields + s.body_lines + s.metadata_lines


def test_word_images_are_extracted_to_assets_and_referenced(fanwai):
    path, result = fanwai
    with zipfile.ZipFile(path) as zf:
        media = {n.rsplit("/", 1)[1]: zf.read(n) for n in zf.namelist()
                 if n.startswith("word/media/") and not n.endswith("/")}
    # image2.png has the same bytes as image1.png: stored once, referenced twice.
    assert media["image1.png"] == media["image2.png"]
    assert result.assets == {k: v for k, v in media.items() if k != "image2.png"}
    bodies = "\n".join(s.body for s, _d in result.issue.walk())
    refs = re.findall(r"!\[descript\]\((assets/[^)]+)\)", bodies)
    assert len(refs) == 6 and set(refs) == {f"assets/{n}" for n in result.assets}
    assert result.summary.images == 5


def test_word_links_and_numbered_lists_become_markdown(fanwai):
    issue = fanwai[1].issue
    body = issue.find_path("P0级的事项", "1.OpenRLHF的第一个正式版本及正式文档").body
    assert "- RL：[初七](https://www.zhihu.com/people/chu-qi-6-41)" in body
    assert "[xianyuai@openllmai.top](mailto:xianyuai@openllmai.top)" in body
    assert "**复现llama2的基于Ray的工业级分布式对齐框架**" in body
    p1 = issue.find_path("P1级的事项", "2. 关于技术分享及讨论").body
    assert "1. LLM评测综述：草稿及正式版\n2. LLM幻觉综述" in p1


def test_the_intro_before_the_first_heading_opens_the_first_section(fanwai):
    first = fanwai[1].issue.sections[0]
    assert first.body.startswith("先不谈太远的未来，只谈谈OpenLLMAI已经做了什么")


def test_write_import_puts_word_images_beside_the_issue(fanwai, tmp_path):
    saved = write_import(fanwai[1], tmp_path / "番外02" / "issue.yaml")
    assets = sorted(p.name for p in (saved.parent / "assets").iterdir())
    assert assets == sorted(fanwai[1].assets)


# ---------------------------------------------------------------- a built document

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


def _add_hyperlink(paragraph, text: str, url: str) -> None:
    from docx.oxml import OxmlElement

    rid = paragraph.part.relate_to(url, _HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(f"{{{_R}}}id", rid)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _add_field_link(paragraph, text: str, url: str) -> None:
    from docx.oxml import OxmlElement

    def run_with(child):
        r = OxmlElement("w:r")
        r.append(child)
        paragraph._p.append(r)

    begin = OxmlElement("w:fldChar")
    begin.set(f"{{{_W}}}fldCharType", "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.text = f' HYPERLINK "{url}" '
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(f"{{{_W}}}fldCharType", "separate")
    run_with(sep)
    t = OxmlElement("w:t")
    t.text = text
    run_with(t)
    end = OxmlElement("w:fldChar")
    end.set(f"{{{_W}}}fldCharType", "end")
    run_with(end)


def _built_docx() -> bytes:
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_heading("OpenLLM Talk 013", level=0)
    d.add_paragraph("写在前面：这是导入测试用的文档。")
    d.add_heading("本周新闻", level=1)
    d.add_paragraph("【本周新闻】：LLM/AI news；共~10分钟；")
    d.add_paragraph("【贡献者】：羡鱼、初七")
    d.add_heading("学术", level=2)
    p = d.add_paragraph("重磅：")
    p.add_run("LLaMA3 发布").bold = True
    p.add_run("，详见 ")
    _add_hyperlink(p, "官方博客", "https://ai.meta.com/blog/")
    p = d.add_paragraph("另见")
    _add_field_link(p, "论文", "https://arxiv.org/abs/2404.00001")
    d.add_paragraph("第一条", style="List Bullet")
    d.add_paragraph("第二条", style="List Bullet")
    d.add_paragraph("步骤一", style="List Number")
    d.add_paragraph("步骤二", style="List Number")
    for line in ("def f(x):", "    return x + 1"):
        d.add_paragraph().add_run(line).font.name = "Courier New"
    table = d.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "模型", (0, 1): "得分", (1, 0): "A|B", (1, 1): "90"}.items():
        table.cell(r, c).text = text
    d.add_picture(io.BytesIO(_png((0, 128, 0))))
    p = d.add_paragraph("图注：")
    p._p.append(parse_xml(
        f'<w:r xmlns:w="{_W}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape>'
        '<v:textbox><w:txbxContent><w:p><w:r><w:t>文本框里的字</w:t></w:r></w:p>'
        '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>'))
    d.add_heading("Free Talk", level=1)
    d.add_paragraph("Q1：长上下文怎么评测？—羡鱼")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "talk-013.docx"
    path.write_bytes(_built_docx())
    return import_file(path)


def test_a_built_word_issue_gets_sections_fields_and_metadata(built):
    issue = built.issue
    assert issue.number == "013" and issue.title == ""
    assert tree(issue) == [("本周新闻", [("学术", [])]), ("Free Talk", [])]
    news = issue.find_path("本周新闻")
    assert [f.label for f in news.fields] == ["本周新闻", "贡献者"]
    assert news.minutes == 10 and news.contributors == ["羡鱼", "初七"]
    assert news.body.startswith("写在前面：")


def test_bold_links_lists_code_tables_and_images_become_markdown(built):
    body = built.issue.find_path("本周新闻", "学术").body
    assert "重磅：**LLaMA3 发布**，详见 [官方博客](https://ai.meta.com/blog/)" in body
    assert "另见[论文](https://arxiv.org/abs/2404.00001)" in body
    assert "- 第一条\n- 第二条" in body
    assert "\n\n1. 步骤一\n2. 步骤二" in body
    assert "```\ndef f(x):\n    return x + 1\n```" in body
    assert "| 模型 | 得分 |\n| --- | --- |\n| A\\|B | 90 |" in body
    (name,) = built.assets
    assert f"![image](assets/{name})" in body and built.assets[name] == _png((0, 128, 0))
    assert "图注：文本框里的字" in body


def test_the_converted_table_renders_as_an_html_table(built):
    html = markdown_to_html(built.issue.find_path("本周新闻", "学术").body)
    assert "<table>" in html and "<td>A|B</td>" in html


# ---------------------------------------------------------------- broken and hostile packages


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


BAD_PACKAGES = {
    "truncated zip": (b"PK\x03\x04" + b"\x14\x00" * 40, "not a readable Word document"),
    "a zip of something else": (_zip({"readme.txt": b"hello"}), "not a Word document"),
    "a zip bomb": (_zip({"[Content_Types].xml": b"<Types/>",
                         "word/document.xml": b"\x00" * (4 * 1024 * 1024)}), "zip bomb"),
    "a package python-docx cannot open": (_zip({"[Content_Types].xml": b"<not xml"}),
                                          "not a readable Word document"),
}


@pytest.mark.parametrize("case", sorted(BAD_PACKAGES))
def test_a_broken_or_hostile_docx_is_refused_with_a_clear_message(tmp_path, case):
    data, message = BAD_PACKAGES[case]
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    with pytest.raises(IssueFormatError, match=message):
        import_file(path)


def test_a_part_too_large_once_unpacked_is_refused_before_reading(monkeypatch):
    monkeypatch.setattr(docx_package, "MAX_MEMBER_BYTES", 1000)
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/media/huge.png": b"x" * 2000})
    with pytest.raises(IssueFormatError, match="too large"):
        docx_package.check_package(data, "huge.docx")


def test_an_xml_part_too_large_to_parse_safely_is_refused(monkeypatch):
    monkeypatch.setattr(docx_package, "MAX_XML_BYTES", 1000)
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:p/>" * 400})
    with pytest.raises(IssueFormatError, match="word/document.xml is too large"):
        docx_package.check_package(data, "long.docx")


def test_a_package_larger_than_the_total_limit_is_refused(monkeypatch):
    monkeypatch.setattr(docx_package, "MAX_TOTAL_BYTES", 3000)
    data = _zip({"[Content_Types].xml": b"<Types/>", "a.png": b"x" * 2000, "b.png": b"y" * 2000})
    with pytest.raises(IssueFormatError, match="unpacks to more than"):
        docx_package.check_package(data, "big.docx")
