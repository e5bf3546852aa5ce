"""Inline signatures: every one the samples use is found, ordinary text is not, signing a line."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talkeditor.credits.signatures import (
    STYLE_BY,
    STYLE_DASH,
    STYLE_DOUBLE_HYPHEN,
    STYLE_FROM,
    STYLE_HYPHEN,
    STYLE_SPLIT,
    STYLE_VIA,
    find_signatures,
    is_signature_name,
    rename_in_text,
    sign_line,
    signature_at_end,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "credits"

DASH, DOUBLE, HYPHEN, FROM, SPLIT, VIA = (STYLE_DASH, STYLE_DOUBLE_HYPHEN, STYLE_HYPHEN,
                                          STYLE_FROM, STYLE_SPLIT, STYLE_VIA)

# Read by hand, line by line (1-based line of the name): (line, name, style).
SAMPLE_SIGNATURES = {
    "seed/openllm-talk-000.txt": [
        (93, "羨鱼", DASH),            # Q1：falcon 相比 llama 有何特殊之处？—羨鱼
        (97, "群友", DASH),            # Q2：…区别是啥？—群友
        (101, "yuhan", DASH),          # …text embedding 的工作原理是什么？—yuhan
        (109, "羡鱼", FROM),           # …（比如 GLM 里面的 attention）；-from 羡鱼
        (119, "群友", DOUBLE),         # fastchat 的实现-avg：--群友
        (148, "yuhan", HYPHEN),        # …得到句子的表示？ -yuhan
        (150, "qingwang", HYPHEN),     # Q4: reward model 哪家好？ -qingwang
        (152, "煮鱼", HYPHEN),         # A4：…比较相关-煮鱼；ChatGPT 做通用的打分应该还可以；
        (154, "qingwang", HYPHEN),     # Q5: 千亿模型的训练成本分析 -qingwang
        (160, "Dark Flame Master", HYPHEN),  # -Dark Flame Master (own line, after Q6)
        (164, "qingwang", SPLIT),      # A6：… 即 packed。 - / (blank) / qingwang
    ],
    "seed/openllm-talk-004.txt": [
        (338, "符尧", DOUBLE),         # …或者让 LLM 写代码来解决数学问题？--符尧
        (384, "羡鱼", DOUBLE),         # 个人喜欢 lora 方案--羡鱼
        (399, "记不清出处了", SPLIT),  # …类似于 memory nets; - / -记不清出处了
    ],
    "issues/talk-001.md": [
        (199, "上期遗留", DOUBLE),     # Q1: …主要是用于优化。--上期遗留
        (219, "初七", DOUBLE),         # Q3：…C-EVAL 怎么方便使用--初七
        (227, "yuhan", DOUBLE),        # Q4：…以最高的效率训起来？--yuhan
        (239, "初七", DOUBLE),         # Q6：…也可以自己构造一些？--初七
    ],
    "issues/talk-002.md": [
        (123, "yuhan", DOUBLE),        # 单张v100 vllm 13B推理：16-18token/s，…；--yuhan
        (161, "刘鹏飞", DOUBLE),       # 智源大会上有人说RM应该比较强才会有好的效果--刘鹏飞
        (195, "何枝", VIA),            # 这两个数据的来源可以把链接放上来吗--来自何枝大佬的分享
        (215, "符尧", DOUBLE),         # 任务拆分，用工具；…不如调用工具--符尧
    ],
    "issues/talk-003.md": [],          # from-<https://hub.baai.ac.cn/view/27697> is a source
    "issues/talk-005.md": [
        (221, "永乐", DOUBLE),         # 7. OpenLLM talk做个交流平台？--永乐？
    ],
    "issues/talk-006.md": [
        (199, "羡鱼", DOUBLE),         # 一个想法：分层的RM，general-》domain-》task--羡鱼
    ],
}

# Whole signatures, as they stand in the text.
SAMPLE_SIGNATURE_TEXTS = {
    "seed/openllm-talk-000.txt": {109: "-from 羡鱼", 148: "-yuhan", 152: "-煮鱼",
                                  164: "-\n\nqingwang"},
    "seed/openllm-talk-004.txt": {399: "-\n-记不清出处了"},
    "issues/talk-002.md": {195: "--来自何枝大佬的分享"},
    "issues/talk-005.md": {221: "--永乐？"},
}


@pytest.mark.parametrize("sample", sorted(SAMPLE_SIGNATURES))
def test_every_signature_in_each_sample_is_found_and_nothing_else(samples, sample):
    text = (samples / sample).read_text(encoding="utf-8")
    found = [(s.line, s.name, s.style) for s in find_signatures(text)]
    assert found == SAMPLE_SIGNATURES[sample]


def test_the_essay_issue_fanwai02_has_no_signature(samples):
    docx = pytest.importorskip("docx")
    document = docx.Document(str(samples / "docx" / "openllm-talk-fanwai02.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "RLHF 全量微调 -- 新增基于 Ray 的" in text   # dashes, but no one signs
    assert find_signatures(text) == []


@pytest.mark.parametrize("sample", sorted(SAMPLE_SIGNATURES))
def test_signature_offsets_point_at_the_name_and_the_whole_signature(samples, sample):
    text = (samples / sample).read_text(encoding="utf-8")
    lines = text.split("\n")
    for sig in find_signatures(text):
        assert text[sig.name_start:sig.name_end] == sig.name
        assert text[sig.start:sig.name_start] == sig.marker
        assert sig.start < sig.name_start < sig.name_end <= sig.end
        assert sig.name in lines[sig.line - 1]
        expected = SAMPLE_SIGNATURE_TEXTS.get(sample, {}).get(sig.line)
        if expected is not None:
            assert text[sig.start:sig.end] == expected


# Lines from the samples (one per line, verbatim) with dashes, dates, URLs, ranges, model names,
# Zhihu share titles and em dashes inside sentences, and no signature; then a few made up.
SAMPLE_ORDINARY_LINES = [line for line in
                         (FIXTURES / "not-signatures.txt").read_text(encoding="utf-8").split("\n")
                         if line]
ORDINARY_LINES = SAMPLE_ORDINARY_LINES + [
    "2023-07-15", "| --- | --- |", "---", "会议时间 19:00-20:00 -", "LLaMA-2", "GPT-4",
    "python train.py --fp16", "$ ls -la", "a -> b", "见 `--yuhan` 参数",
]


def test_the_ordinary_lines_are_verbatim_sample_lines(samples):
    lines = set()
    for path in [*samples.glob("seed/*.txt"), *samples.glob("issues/*.md")]:
        lines.update(path.read_text(encoding="utf-8").split("\n"))
    assert [line for line in SAMPLE_ORDINARY_LINES if line not in lines] == []


@pytest.mark.parametrize("line", ORDINARY_LINES)
def test_ordinary_sample_lines_have_no_signature(line):
    assert find_signatures(line) == []


@pytest.mark.parametrize("text", [
    # A Zhihu title broken over lines, and a title with its ``- 知乎`` on the next line.
    "【OpenLLM Talk 模版】兴趣和热爱胜过一切，OpenLLM就从这里开始吧！欢迎加\n\n"
    "入！ - 羡鱼智能的文章 - 知乎",
    "分析 transformer 模型的参数量、计算量、中间激活、KV cache - 回旋托马斯 x 的文章\n\n- 知乎\n",
    # A dash that ends a line inside code, and the next line.
    "        mask = attention_mask.unsqueeze(-\n1).expand(data.size()).float()",
])
def test_dashes_across_lines_of_ordinary_text_make_no_signature(text):
    assert find_signatures(text) == []


def test_only_the_signature_of_a_line_with_other_dashes_is_found():
    line = "fastchat 的实现-avg：--群友"
    (sig,) = find_signatures(line)
    assert (sig.name, line[sig.start:sig.end]) == ("群友", "--群友")


def test_a_mid_line_signature_ends_before_the_clause_separator():
    line = "A4：个人感觉 reward model 和具体的数据比较相关-煮鱼；ChatGPT 做通用的打分应该还可以；"
    (sig,) = find_signatures(line)
    assert line[sig.start:sig.end] == "-煮鱼"
    assert signature_at_end(line) is None


@pytest.mark.parametrize("line, name, style, whole", [
    ("这是一个好问题—— 羡鱼", "羡鱼", STYLE_DASH, "—— 羡鱼"),
    ("这是一个好问题 ——羡鱼", "羡鱼", STYLE_DASH, "——羡鱼"),
    ("好问题（by 羡鱼）", "羡鱼", STYLE_BY, "（by 羡鱼）"),
    ("A good point (by Dark Flame Master)", "Dark Flame Master", STYLE_BY,
     "(by Dark Flame Master)"),
    ("推荐这篇 —from yuhan", "yuhan", STYLE_FROM, "—from yuhan"),
    ("**Q1：falcon 有何特殊之处？—羡鱼**", "羡鱼", STYLE_DASH, "—羡鱼"),
    ("Q：全角名字？-ｑｉｎｇｗａｎｇ", "ｑｉｎｇｗａｎｇ", STYLE_HYPHEN, "-ｑｉｎｇｗａｎｇ"),
    ("这个观点--来自初七老师的分享", "初七", STYLE_VIA, "--来自初七老师的分享"),
])
def test_other_signature_styles(line, name, style, whole):
    (sig,) = find_signatures(line)
    assert (sig.name, sig.style, line[sig.start:sig.end]) == (name, style, whole)


def test_code_urls_and_command_lines_hide_their_dashes():
    text = ("```\nfoo = a --yuhan\n```\n"
            "用 `pip install --upgrade` 升级\n"
            "pip install vllm --upgrade\n"
            "看这里 https://example.com/a--b\n"
            "<!-- a comment --suc16 -->\n"
            "外面的--yuhan\n")
    assert [(s.line, s.name) for s in find_signatures(text)] == [(8, "yuhan")]


def test_signature_names_are_checked():
    assert is_signature_name("Dark Flame Master")
    assert is_signature_name("OpenLLM 群友")
    for not_a_name in ("", "2023", "optional", "强烈推荐", "知乎", "XX", "羡鱼智能的文章",
                       "我们或许不够 AI", "a、b", " 羡鱼", "one two three four five"):
        assert not is_signature_name(not_a_name), not_a_name


# ---------------------------------------------------------------- sign_line


def test_sign_line_appends_the_signature_as_the_issues_write_it():
    assert sign_line("Q1：falcon 相比 llama 有何特殊之处？", "羨鱼") == \
        "Q1：falcon 相比 llama 有何特殊之处？—羨鱼"
    assert sign_line("个人喜欢 lora 方案", "羡鱼", "--") == "个人喜欢 lora 方案--羡鱼"
    assert sign_line("Q4: reward model 哪家好？ ", "qingwang", "-") == \
        "Q4: reward model 哪家好？-qingwang"
    assert sign_line("……比如 GLM 里面的 attention）；", "羡鱼", "-from ") == \
        "……比如 GLM 里面的 attention）；-from 羡鱼"


def test_sign_line_replaces_the_signature_that_ends_the_line():
    assert sign_line("fastchat 的实现-avg：--群友", "羡鱼", "--") == "fastchat 的实现-avg：--羡鱼"
    assert sign_line("Q4: reward model 哪家好？ -qingwang", "yuhan", "-") == \
        "Q4: reward model 哪家好？ -yuhan"
    assert sign_line("7. 做个交流平台？--永乐？", "永乐") == "7. 做个交流平台？—永乐"
    assert sign_line("**Q1：有何特殊之处？—羨鱼**", "羡鱼") == "**Q1：有何特殊之处？—羡鱼**"
    assert sign_line("-Dark Flame Master", "煮鱼", "--") == "--煮鱼"


def test_sign_line_keeps_a_mid_line_signature_and_signs_the_end():
    line = "A4：个人感觉 reward model 和具体的数据比较相关-煮鱼；ChatGPT 做通用的打分应该还可以；"
    signed = sign_line(line, "羡鱼")
    assert signed == line + "—羡鱼"
    assert [s.name for s in find_signatures(signed)] == ["煮鱼", "羡鱼"]


def test_sign_line_puts_a_space_before_a_hyphen_that_would_join_a_word():
    assert sign_line("GPT", "qingwang", "-") == "GPT -qingwang"
    assert sign_line("训练成本分析", "qingwang", "-") == "训练成本分析 -qingwang"
    assert sign_line("", "羡鱼", "—— ") == "—— 羡鱼"


def test_sign_line_replaces_a_dash_left_dangling_at_the_end():
    assert sign_line("但是 GPU 计算可以一次算 N 个 4bit 数据 即 packed。 -", "qingwang") == \
        "但是 GPU 计算可以一次算 N 个 4bit 数据 即 packed。—qingwang"
    assert sign_line("今天—", "羡鱼") == "今天—羡鱼"


@pytest.mark.parametrize("name", ["", "2023", "羡鱼智能的文章", "XX", "a、b", "optional"])
def test_sign_line_refuses_a_name_that_would_not_read_back(name):
    with pytest.raises(ValueError):
        sign_line("Q1：有何特殊之处？", name)


def test_sign_line_signs_one_line_only():
    with pytest.raises(ValueError):
        sign_line("Q1\nQ2", "羡鱼")
    with pytest.raises(ValueError):
        sign_line("Q1", "羡鱼", "- ")


SIGNABLE_LINES = [
    "Q1：falcon 相比 llama 有何特殊之处？",
    "Q2：掩码的左右问题，为啥分左右，区别是啥？—群友",
    "fastchat 的实现-avg：--群友",
    "Q4: reward model 哪家好？ -qingwang",
    "A4：个人感觉 reward model 和具体的数据比较相关-煮鱼；ChatGPT 做通用的打分应该还可以；",
    "GPT-4 细节泄露",
    "其实很多不能执行，超过 40-50 行会有问题。",
    "但是 GPU 计算可以一次算 N 个 4bit 数据 即 packed。 -",
    "**NLP（十八）：LLM** **的推理优化技术纵览** **-** **知乎--强烈推荐**",
    "7. OpenLLM talk做个交流平台？--永乐？",
    "<https://github.com/zjunlp/EasyEdit>",
    "- 正式开启 OpenLLM talk 的运营，P1;",
    "",
    "   ",
    "MOSS-RLHF",
]
NAMES = st.one_of(
    st.sampled_from(["羡鱼", "羨鱼", "yuhan", "Dark Flame Master", "OpenLLM 群友", "suc16",
                     "记不清出处了", "qingwang", "初七"]),
    st.text(alphabet="羡鱼煮初七符尧刘鹏飞何枝", min_size=1, max_size=5),
    st.from_regex(r"[A-Za-z][a-z0-9]{0,7}( [A-Z][a-z]{1,5}){0,2}", fullmatch=True),
)
SIGN_STYLES = st.sampled_from(["—", "——", "—— ", "--", "-", " -", "-from ", "—from "])


@settings(max_examples=300, deadline=None)
@given(line=st.sampled_from(SIGNABLE_LINES), name=NAMES, other=NAMES, style=SIGN_STYLES)
def test_signing_is_idempotent_and_replaces_rather_than_doubles(line, name, other, style):
    if not is_signature_name(name) or not is_signature_name(other):
        return
    signed = sign_line(line, name, style)
    assert signature_at_end(signed).name == name
    assert sign_line(signed, name, style) == signed
    assert sign_line(sign_line(line, other, style), name, style) == signed
    assert len(find_signatures(signed)) <= len(find_signatures(line)) + 1


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(list("-—― \n；。？abQ1羡鱼from来自的分享(<`*")),
                                  st.characters()), max_size=80))
def test_find_signatures_never_fails_and_its_offsets_are_consistent(text):
    for sig in find_signatures(text):
        assert text[sig.name_start:sig.name_end] == sig.name
        assert 0 <= sig.start < sig.name_start < sig.name_end <= sig.end <= len(text)


# ---------------------------------------------------------------- renaming in text


def test_rename_in_text_changes_signature_names_only():
    text = ("【OpenLLM 009】位置编码 - 羡鱼智能的文章 - 知乎\n"
            "个人喜欢 lora 方案--羡鱼\n"
            "羡鱼说：群聊：羡鱼智能-OpenLLM 技术\n"
            "Q1：有何特殊之处？—羡鱼\n")
    renamed, count = rename_in_text(text, "羡鱼", "鱼老师")
    assert count == 2
    assert renamed == text.replace("方案--羡鱼", "方案--鱼老师").replace("？—羡鱼", "？—鱼老师")


def test_rename_in_text_keeps_a_glued_signature_readable():
    text = "A4：比较相关-煮鱼；ChatGPT 做通用的打分应该还可以；"
    renamed, count = rename_in_text(text, "煮鱼", "Zhu Yu")
    assert (renamed, count) == ("A4：比较相关 -Zhu Yu；ChatGPT 做通用的打分应该还可以；", 1)
    assert [s.name for s in find_signatures(renamed)] == ["Zhu Yu"]


def test_rename_in_text_changes_the_name_inside_a_via_signature():
    text = "来源可以放上来吗--来自何枝大佬的分享\n何枝分享\n"
    assert rename_in_text(text, "何枝", "贺知") == \
        ("来源可以放上来吗--来自贺知大佬的分享\n何枝分享\n", 1)
