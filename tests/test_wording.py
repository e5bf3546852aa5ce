"""One rule for user-facing text: the core returns codes and data, the window words them in
English and Chinese (``ui/wording.py``, ``ui/document/import_report.py``) and the command line
in English (``cli/wording.py``). A code added to the core without words in all three fails
here."""

import re

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from talkeditor import errors
from talkeditor.cli import wording as cli_wording
from talkeditor.collab import sync
from talkeditor.credits.signatures import sign_line
from talkeditor.importing import findings, vocabulary
from talkeditor.importing.findings import Finding
from talkeditor.importing.importer import import_file, import_text
from talkeditor.links import titles
from talkeditor.storage import images, yaml_format
from talkeditor.ui import error_words, wording
from talkeditor.ui.app import install_translations
from talkeditor.ui.document import import_report
from talkeditor.zhihu import check as zhihu_check
from talkeditor.zhihu import export as zhihu

from .conftest import FIXTURES

CJK = re.compile(r"[\u4e00-\u9fff]")
#: The data each Zhihu code carries (see zhihu.check.CODES); a new code with data adds it here.
ZHIHU_DATA = {"title-long": {"length": 101, "limit": 100, "proposal": "短标题"},
              "title-shortened": {"full_length": 141, "length": 96, "cut": "知识在哪儿",
                                  "limit": 100},
              "title-pattern": {"expected": "【OpenLLM Talk 005】",
                                "suggestion": "【OpenLLM Talk 005】x"},
              "md-raw-html": {"kind": "html"}}
#: The data of each import finding (see importing.findings.Finding).
FINDING_DATA = {
    "encoding_detected": {"encoding": "gb18030", "alternatives": ["big5"]},
    "comment_dropped": {"author": "羡鱼", "text": "这里要补链接"},
    "element_dropped": {"element": "oddThing", "count": 2},
    "image_missing": {"target": "a.png", "reason": "not_found"},
    "invisible_removed": {"text": "本周新闻", "characters": ["U+200B"]},
    "notes_kept": {"footnotes": 1, "endnotes": 2},
    "judged_standing": {"section": "注意事项", "issues": ["013", "014"]},
    "title_kept": {"title": "【OpenLLM Talk 012】", "expected": "OpenLLM Talk 012"},
    "no_sections": {"section": "序章"},
    "number_differs": {"label": "编号", "written": "000", "number": "001"},
}


@pytest.fixture
def chinese(qapp):
    install_translations(QApplication.instance(), "zh_CN")
    yield
    install_translations(QApplication.instance(), "en")


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"%[1-9]", text))


# ---------------------------------------------------------------- every code has words


def test_every_zhihu_code_is_worded_by_the_window_and_by_the_command_line():
    assert list(wording.ZHIHU_WARNINGS) == list(zhihu_check.CODES)
    assert list(cli_wording.ZHIHU_WARNINGS) == list(zhihu_check.CODES)
    assert set(wording.ZHIHU_DATA) <= set(zhihu_check.CODES)


def test_every_import_code_metadata_key_and_reason_is_worded_by_the_window_and_the_cli():
    assert list(import_report.FINDINGS) == list(findings.CODES)
    assert list(cli_wording.IMPORT_FINDINGS) == list(findings.CODES)
    assert list(import_report.METADATA) == list(vocabulary.METADATA_KEYS)
    assert list(cli_wording.METADATA) == list(vocabulary.METADATA_KEYS)
    assert list(import_report.IMAGE_REASONS) == list(findings.IMAGE_REASONS)
    assert list(cli_wording.IMAGE_REASONS) == list(findings.IMAGE_REASONS)
    assert set(FINDING_DATA) == set(findings.CODES)


def test_every_sync_step_is_worded_by_the_window_and_by_the_command_line():
    assert list(wording.SYNC_STEPS) == list(sync.STEPS)
    assert list(cli_wording.SYNC_STEPS) == list(sync.STEPS)


def test_every_reason_a_link_title_is_missing_is_worded_by_the_window():
    assert list(wording.FETCH_ERRORS) == list(titles.CODES)


def test_every_window_text_has_a_chinese_translation_with_the_same_placeholders(chinese):
    texts = [("wording", t) for table in (wording.ZHIHU_WARNINGS, wording.SYNC_STEPS,
                                          wording.FETCH_ERRORS)
             for t in table.values()] + [
        ("ImportReport", t) for table in (import_report.FINDINGS, import_report.METADATA,
                                          import_report.IMAGE_REASONS) for t in table.values()]
    for context, text in texts:
        zh = QCoreApplication.translate(context, text)
        assert zh != text and CJK.search(zh), text
        assert _placeholders(zh) == _placeholders(text), text


def test_the_command_line_words_each_zhihu_code_in_one_english_line_naming_the_code():
    for code in zhihu_check.CODES:
        item = zhihu_check.warning(code, "主体", section="本周新闻 › 学术", line=3,
                                   **ZHIHU_DATA.get(code, {}))
        line = cli_wording.zhihu_warning(item)
        assert line.startswith("本周新闻 › 学术, line 3: ") and line.endswith(f" [{code}]")
        assert "\n" not in line and "{" not in line
        assert not CJK.search(line.replace("本周新闻 › 学术", "").replace("主体", "")
                              .replace("本期提要", "").replace("知识在哪儿", "")
                              .replace("短标题", ""))


def test_the_command_line_words_each_import_finding_in_english():
    for code, data in FINDING_DATA.items():
        line = cli_wording.import_finding(Finding(code, data))
        assert "{" not in line and not line.startswith(code), code


def test_a_finding_of_an_unknown_code_is_refused_by_the_core():
    with pytest.raises(KeyError):
        zhihu_check.warning("no-such-code")


# ---------------------------------------------------------------- the Chinese the host sees


def test_the_export_dialog_lists_the_findings_in_chinese_with_their_place(
        qtbot, window, no_dialogs, tmp_path, chinese):
    no_dialogs["answers"]["zhihu"] = None
    window.zhihu_actions.export_zhihu()
    (_kind, _title, warnings, _folder), = [a for a in no_dialogs["asked"]
                                           if isinstance(a, tuple) and a[0] == "zhihu"]
    assert warnings[0].startswith("标题：完整标题有 141 个字，超过知乎的 100 字上限，已缩短为 ")
    assert warnings[0].endswith("（去掉了末尾的「LLM 面经；多轮对话；数学能力；反思；"
                                "lora 与 p-tuning v2；知识在哪儿」）")
    assert "参考资料：版块为空" in warnings
    assert [w for w in warnings if "工业界" in w] == [
        "本周新闻 › 工业界，第 70 行：链接「#」不是 http(s)/mailto 链接，知乎会过滤，已改为纯文本"]
    assert ("本周推荐 › 资料，第 39 行：post.md 在这里只能写成 HTML（公式 <img eeimg>："
            "\\gamma = 5），知乎「导入文档」可能不认这段 HTML") in warnings


def test_title_findings_read_in_chinese_with_the_proposal_and_the_pattern(chinese):
    long, pattern = zhihu_check.check_title(
        "tOpenLLM Talk 005 " + "甲" * 90, series="OpenLLM Talk", number="005",
        proposal="【OpenLLM Talk 005】甲", suggestion="【OpenLLM Talk 005】本期提要：llama2")
    assert wording.describe_zhihu_warning(long) == (
        "标题：标题有 108 个字，超过知乎的 100 字上限，发布时会被截断或拒绝；"
        "建议用：【OpenLLM Talk 005】甲")
    assert wording.describe_zhihu_warning(pattern) == (
        f"标题：标题「{'tOpenLLM Talk 005 ' + '甲' * 22}」不符合本系列的格式"
        "「【OpenLLM Talk 005】本期提要：…」，可能是笔误；"
        "按本系列格式应为：【OpenLLM Talk 005】本期提要：llama2")
    empty = zhihu_check.warning("link-scheme", "", section="读书", line=2)
    assert wording.describe_zhihu_warning(empty) == \
        "读书，第 2 行：链接「（空）」不是 http(s)/mailto 链接，知乎会过滤，已改为纯文本"


def test_a_url_with_percent_escapes_is_worded_as_it_is(chinese):
    item = zhihu_check.warning("image-missing", "a%2Fb%1.png")
    assert wording.describe_zhihu_warning(item) == "找不到本地图片「a%2Fb%1.png」"


def test_the_import_summary_and_findings_read_in_chinese(chinese):
    result = import_file(FIXTURES / "samples" / "issues" / "talk-001.md")
    summary = result.summary
    assert import_report.describe_summary(summary) == (
        f"识别出 {summary.sections} 个版块、{summary.fields} 个字段；"
        "元数据：编号、时间、本期提要、主持人；"
        f"2 位参与者（羡鱼、yuhan）；3 张图片；{summary.body_lines} 行作为正文保留")
    assert import_report.finding_lines(summary.findings) == [
        "【编号】写的是 000，标题是 001；以标题为准"]
    missing = Finding("image_missing", {"target": "talk-001-media/p09-1.jpeg",
                                        "reason": "not_found"})
    assert import_report.finding_line(missing) == "缺少图片：talk-001-media/p09-1.jpeg（找不到）"
    kept = import_text("# 【OpenLLM Talk 012】\n\n# 本周新闻\n\n内容\n", "md").summary.findings
    assert import_report.finding_lines(kept) == [
        "标题「【OpenLLM Talk 012】」与「OpenLLM Talk 012」不同，已原样保留"]
    plain = import_text("just some text\nmore", "txt").summary
    assert import_report.finding_lines(plain.findings) == ["没有识别出版块，全文放入「序章」"]
    assert import_report.describe_summary(plain).endswith(
        "2 行作为正文保留（其中 2 行未识别为结构）")


def test_the_import_summary_reads_in_english_in_the_window_and_the_cli(qapp):
    summary = import_file(FIXTURES / "samples" / "issues" / "talk-001.md").summary
    expected_tail = (f"metadata: number, date and time, highlights, host; 2 people (羡鱼, yuhan); "
                     f"3 images; {summary.body_lines} lines kept as body text")
    assert import_report.describe_summary(summary) == (
        f"Recognised {summary.sections} sections and {summary.fields} fields; {expected_tail}")
    assert cli_wording.import_summary(summary) == (
        f"{summary.sections} sections, {summary.fields} fields; {expected_tail}")


def test_the_cli_prints_the_check_and_the_import_in_english(tmp_path):
    from .conftest import run_cli

    source = tmp_path / "talk-001.md"
    source.write_text((FIXTURES / "samples" / "issues" / "talk-001.md").read_text(
        encoding="utf-8"), encoding="utf-8")
    out = run_cli("import", source, "-o", tmp_path / "001" / "issue.yaml")
    assert out.returncode == 0, out.stderr
    assert "\n  guessed: 【编号】 says 000, the title 001; the title's number is used\n" \
        in out.stdout
    check = run_cli("check", tmp_path / "001" / "issue.yaml")
    assert check.returncode == 0
    assert check.stderr.startswith("talkeditor: warning: title: the title has ")
    assert check.stderr.rstrip().endswith("[title-long]")
    assert zhihu.proposed_title(import_file(source).issue) in check.stderr


def test_a_sync_reads_in_chinese_in_the_window_and_in_english_on_the_command_line(chinese):
    result = sync.SyncResult(committed=["004", "005"], merged=["006"], pushed=True)
    assert wording.describe_sync(result) == "已提交 004、005；已合并 006；已推送"
    assert wording.describe_sync(sync.SyncResult()) == "没有需要推送的内容"
    assert wording.describe_sync_step("fetch", "https://example.org/a.git") == \
        "正在从 https://example.org/a.git 获取…"
    assert cli_wording.sync_summary(result) == "committed 004, 005; merged 006; pushed"
    assert cli_wording.sync_step("merge", "origin/main") == "merging origin/main"
    assert cli_wording.init_summary(sync.InitResult("/a", created=True, remote="u",
                                                    committed=True, synced=result)) == \
        "made /a a git repository; remote u; committed the archive; committed 004, 005; " \
        "merged 006; pushed"


def test_opening_an_old_issue_shows_the_summary_and_the_report_in_chinese(
        qtbot, window, no_dialogs, tmp_path, chinese):
    source = tmp_path / "talk-001.md"
    source.write_text((FIXTURES / "samples" / "issues" / "talk-001.md").read_text(
        encoding="utf-8"), encoding="utf-8")
    assert window.open_path(source)
    assert window.statusBar().currentMessage().startswith("识别出 14 个版块、25 个字段；元数据：")
    reports = [a for a in no_dialogs["asked"] if isinstance(a, tuple) and len(a) == 2]
    assert reports and reports[-1][1].split("\n")[0] == "【编号】写的是 000，标题是 001；以标题为准"


def test_why_a_link_title_is_missing_reads_in_chinese(chinese):
    slow = titles.FetchError("too slow (over 8 s)", titles.TOO_SLOW, seconds=8.0)
    assert str(slow) == "too slow (over 8 s)"  # the command line's words
    assert wording.describe_fetch_error(slow) == "太慢（超过 8 秒）"
    status = titles.FetchError("HTTP 404 Not Found", titles.HTTP_STATUS, status=404,
                               reason="Not Found")
    assert wording.describe_fetch_error(status) == "服务器返回 HTTP 404 Not Found"
    assert wording.describe_fetch_error(OSError("disk")) == "disk"


def test_every_error_code_of_the_core_is_worded_by_the_window():
    codes = {v for k, v in vars(errors).items() if k.isupper() and isinstance(v, str)}
    assert set(wording.ERRORS) == codes


def test_a_refused_rename_shows_its_reason_in_chinese(qtbot, window, no_dialogs, chinese):
    host = window.issue().host[0]
    assert not window.credits_actions.rename_person(host, "待定")
    (_title, text, _details), = no_dialogs["errors"]
    assert text == "「待定」不是人名"
    with pytest.raises(errors.IssueFormatError) as caught:
        sign_line("好问题", "GPT-4 o")
    assert wording.describe_error(caught.value) == \
        "「GPT-4 o」写进署名后无法再识别为署名"


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("第3期.doc", b"\xd0\xcf\x11\xe0 old word", "第3期.doc 是旧版 Word .doc 文件"),
    ("第3期.pdf", b"%PDF-1.4", "无法导入 第3期.pdf"),
    ("第3期.md", b"  \n\n", "第3期.md 是空文件"),
    ("第3期.txt", bytes(range(0, 32)) * 64, "第3期.txt 是二进制数据"),
    ("第3期.docx", b"PK not really a zip", "第3期.docx 不是可读的 Word 文档"),
])
def test_a_past_issue_the_importer_cannot_take_is_refused_in_chinese(
        qtbot, window, no_dialogs, chinese, tmp_path, name, content, expected):
    bad = tmp_path / name
    bad.write_bytes(content)
    number = window.document.issue.number
    assert not window.open_path(bad)
    (_title, _text, details), = no_dialogs["errors"]
    assert expected in details
    assert window.document.issue.number == number  # the open issue stays


# ---------------------------------------------------------------- the core's errors


def _core_codes() -> set[str]:
    return {v for k, v in vars(errors).items() if k.isupper() and isinstance(v, str)}


def test_every_error_code_of_the_core_is_worded_by_the_command_line():
    assert set(cli_wording.ERRORS) == _core_codes()
    assert set(cli_wording.KINDS) == set(errors.KINDS) == set(error_words.KINDS)


def test_every_reason_an_image_is_not_shown_is_worded_by_the_window():
    assert list(error_words.IMAGE_REFUSALS) == list(images.CODES)
    assert set(error_words.ERROR_DATA) <= _core_codes()


def test_every_error_and_image_text_has_chinese_with_the_same_placeholders(chinese):
    texts = [t for table in (error_words.ERRORS, error_words.KINDS, error_words.COUNTED,
                             error_words.IMAGE_REFUSALS) for t in table.values()]
    for text in texts:
        zh = QCoreApplication.translate("wording", text)
        assert zh != text and CJK.search(zh), text
        assert _placeholders(zh) == _placeholders(text), text


#: Broken issue files: the text, its code, the place the words keep and the Chinese they say.
BROKEN_ISSUES = [
    ("sections: []\n", errors.NOT_AN_ISSUE, "format", "这不是 talkeditor 的期刊文件"),
    ("format: 1\nsections: {a: 1}\n", errors.EXPECTED, "sections", "应为版块列表，实际是映射"),
    ("format: 1\nhost: 3\n", errors.EXPECTED, "host", "应为文本列表，实际是数字"),
    ("format: 1\nsections:\n- title: a\n  optional: 3\n", errors.EXPECTED,
     "sections[0].optional", "应为布尔值（true 或 false），实际是数字"),
    ("format: 1\ndate: 2024-13-45\n", errors.BAD_DATE, "date", "有效日期，实际是「2024-13-45」"),
    ("format: 1\ntime: '25:00'\n", errors.BAD_TIME, "time", "实际是「25:00」"),
    ("format: 1\nsections:\n- title: a\n  minutes: 99999\n", errors.OUT_OF_RANGE,
     "sections[0].minutes", "应为 0 到 10080 之间的整数，实际是 99999"),
    ("format: 1\nsections:\n- id: x\n", errors.MISSING, "sections[0].title", "缺少这一项"),
    ("format: 99\n", errors.NEWER_FORMAT, "format", "格式 99"),
    ("format: 0\n", errors.UNKNOWN_FORMAT, "format", "未知的格式版本 0"),
    ("format: 1\nsections:\n- title: a\n  body_kind: odd\n", errors.NOT_ONE_OF,
     "sections[0].body_kind", "这里不能填「odd」（可选：weekly、standing）"),
    ("format: 1\nx: [\n", errors.MALFORMED_YAML, "", "YAML 格式有误"),
    ("format: 1\na: &x 1\nb: *x\n", errors.YAML_ALIAS, "b", "不允许使用 YAML 别名"),
    ("format: 1\nsections:\n- {id: a, title: x}\n- {id: a, title: y}\n", errors.DUPLICATE_ID,
     "sections[1].id", "版块 id「a」重复使用了"),
    ("format: 1\nformat: 1\n", errors.DUPLICATE_KEY, "format", "这个键出现了两次"),
    ("format: !!binary aGk=\n", errors.YAML_TAG, "format", "不允许使用标签"),
    ("format: 1\nnumber: " + "9" * 200 + "\n", errors.NUMBER_TOO_LONG, "number", "数字太大"),
    ("format: 1\nx: " + "[" * 200 + "]" * 200 + "\n", errors.TOO_DEEP, "", "嵌套层级太深"),
    ("format: 1\nbody: " + "x" * 200_000 + "\n", errors.LINE_TOO_LONG, "", "第 2 行太长"),
    ("format: 1\nhost: [" + "a, " * 20_001 + "]\n", errors.TOO_MANY, "host", "条目太多"),
    ("format: 1\nsections:\n- title: a\n  body: \"" + "> " * 40 + "x\"\n",
     errors.TEXT_TOO_DEEP, "sections[0].body", "正文第 1 行嵌套了"),
    ("", errors.EMPTY_ISSUE, "", "期刊文件是空的"),
]


@pytest.mark.parametrize(("text", "code", "where", "expected"), BROKEN_ISSUES,
                         ids=[c for _t, c, _w, _e in BROKEN_ISSUES])
def test_a_broken_issue_file_carries_a_code_worded_in_chinese_with_its_place(
        chinese, text, code, where, expected):
    with pytest.raises(errors.IssueFormatError) as caught:
        yaml_format.loads(text)
    exc = caught.value
    assert exc.code == code and exc.where.startswith(where)
    zh = wording.describe_error(exc)
    assert expected in zh and not re.search(r"%\d", zh), zh
    if exc.where:
        assert zh.startswith(f"{exc.where}：")
    if exc.line is not None:
        assert zh.endswith(f"（第 {exc.line} 行，第 {exc.column} 列）")
    english = cli_wording.describe_error(exc)
    assert "{" not in english and not CJK.search(english)
    if code not in (errors.NOT_ONE_OF, errors.TOO_MANY):  # one code, several sentences
        assert english == str(exc)  # the command line's words are the core's sentence


def test_binary_non_utf8_and_oversized_issue_files_are_worded_in_chinese(chinese):
    cases = [(b"format: 1\x00\n", errors.BINARY_ISSUE, "二进制数据"),
             (b"format: 1\ntitle: \xff\n", errors.NOT_UTF8, "偏移 17 处有无效字节"),
             (b"#" * (yaml_format.MAX_BYTES + 1), errors.ISSUE_TOO_LARGE, "期刊文件太大")]
    for data, code, expected in cases:
        with pytest.raises(errors.IssueFormatError) as caught:
            yaml_format.loads(data)
        assert caught.value.code == code
        assert expected in wording.describe_error(caught.value)
        english = cli_wording.describe_error(caught.value)
        assert "{" not in english and not CJK.search(english)


def test_an_import_that_would_be_too_large_words_its_cause_in_chinese(chinese):
    cause = errors.IssueFormatError("x", "sections[0].body", code=errors.LINE_TOO_LONG,
                                    data={"line": 3, "length": 200_001, "limit": 100_000})
    exc = errors.IssueFormatError("y", code=errors.IMPORT_TOO_LARGE,
                                  data={"name": "第3期.md", "cause": cause})
    assert wording.describe_error(exc) == (
        "第3期.md：导入后的这一期太大，保存后将无法再次打开，因此没有导入："
        "sections[0].body：第 3 行太长（200001 个字符，上限是 100000）")
    assert cli_wording.describe_error(exc).endswith(
        "sections[0].body: line 3 is too long (200,001 characters; the limit is 100,000)")


def test_a_failed_write_names_the_file_in_chinese_and_keeps_the_systems_reason(chinese):
    exc = errors.WriteError("/x/issue.md", "No space left on device", written=("/x/issue.yaml",))
    assert wording.describe_error(exc) == \
        "无法写入 /x/issue.md：No space left on device（已写入：/x/issue.yaml）"
    assert cli_wording.describe_error(exc) == str(exc)


def test_why_an_image_is_not_shown_reads_in_chinese(chinese, tmp_path):
    refusals = {}
    for ref, folder in (("https://example.com/a.png", tmp_path), ("../../etc/passwd", tmp_path),
                        ("assets/a.png", None), ("ftp://x/a.png", tmp_path),
                        ("assets/none.png", tmp_path)):
        with pytest.raises(images.ImageRefused) as caught:
            images.read_issue_image(folder, ref)
        refusals[ref] = wording.describe_image_refusal(caught.value)
    assert refusals == {"https://example.com/a.png": "不加载网络图片",
                        "../../etc/passwd": "在这一期的文件夹之外",
                        "assets/a.png": "这一期还没有保存，没有存放图片的文件夹",
                        "ftp://x/a.png": "不显示 ftp: 地址",
                        "assets/none.png": "文件不存在或无法读取"}
    big = images.ImageRefused("too many pixels (9×9)", images.TOO_MANY_PIXELS, width=9, height=9)
    assert wording.describe_image_refusal(big) == "像素太多（9×9）"
    assert wording.describe_image_refusal(images.ImageRefused("odd")) == "odd"


@pytest.mark.parametrize(("text", "expected"), [
    (b"format: 1\nsections: {a: 1}\n", "bad.yaml: sections：应为版块列表，实际是映射（键: 值）"
                                       "（第 2 行，第 11 列）"),
    (b"format: 1\nsections: [\n", "bad.yaml：YAML 格式有误："),
    (b"format: 1\ndate: 2024-02-30\n", "bad.yaml: date：应为 YYYY-MM-DD 格式的有效日期，"
                                        "实际是「2024-02-30」（第 2 行，第 7 列）"),
])
def test_the_chinese_window_words_a_broken_issue_file_in_chinese(
        qtbot, no_dialogs, issue_copy, tmp_path, text, expected):
    from talkeditor.ui.app import create_main_window

    win = create_main_window(issue_copy, lang="zh_CN")
    qtbot.addWidget(win)
    try:
        bad = tmp_path / "bad.yaml"
        bad.write_bytes(text)
        number = win.document.issue.number
        assert not win.open_path(bad)
        (title, message, details), = no_dialogs["errors"]
        assert CJK.search(title) and CJK.search(message), (title, message)
        assert expected in details, details
        assert not re.search(r"\b(got|line \d+|column)\b", details), details
        assert win.document.issue.number == number  # the open issue stays
    finally:
        install_translations(QApplication.instance(), "en")


def test_the_chinese_window_says_in_chinese_that_a_file_could_not_be_written(
        qtbot, window, no_dialogs, chinese, tmp_path):
    (tmp_path / "file").write_text("x")
    target = tmp_path / "file" / "issue.yaml"  # below a file: the system refuses
    assert not window.manager.save(target)
    (title, message, details), = no_dialogs["errors"]
    assert title == "保存失败" and "这一期没有保存" in message
    # the path, then the system's reason as it gave it ("File exists", "Not a directory")
    assert re.fullmatch(f"无法写入 {re.escape(str(target))}：[A-Za-z][A-Za-z ]+", details), details
