"""Names in credits: matching keys, kinds of credit, and credit lists as the issues write them."""

import pytest

from talkeditor.credits.names import (
    ANONYMOUS,
    GROUP,
    PERSON,
    clean_name,
    is_placeholder,
    name_key,
    name_kind,
    parse_credit_list,
    unique_names,
    variant_key,
)


def test_spaces_width_case_and_at_signs_do_not_change_who_a_name_is():
    assert name_key("OpenLLM 群友") == name_key("OpenLLM群友") == name_key("ｏｐｅｎＬＬＭ　群友")
    assert name_key("Yuhan") == name_key(" yuhan ") == name_key("ｙｕｈａｎ")
    assert name_key("@羡鱼") == name_key("羡鱼")
    assert clean_name("  Dark   Flame  Master ") == "Dark Flame Master"


def test_traditional_and_simplified_spellings_are_different_names_but_the_same_variant():
    assert name_key("羨鱼") != name_key("羡鱼")
    assert variant_key("羨鱼") == variant_key("羡鱼") == "羡鱼"
    assert variant_key("羨魚") == "羡鱼"


@pytest.mark.parametrize("name, kind", [
    ("羡鱼", PERSON), ("yuhan", PERSON), ("Dark Flame Master", PERSON), ("suc16", PERSON),
    ("群友", GROUP), ("OpenLLM 群友", GROUP), ("OpenLLM群友", GROUP), ("多人", GROUP),
    ("大家", GROUP), ("羣友", GROUP),
    ("记不清出处了", ANONYMOUS), ("上期遗留", ANONYMOUS), ("匿名", ANONYMOUS),
    ("某大佬", ANONYMOUS), ("出处不详", ANONYMOUS),
])
def test_each_credit_has_a_kind(name, kind):
    assert name_kind(name) == kind


@pytest.mark.parametrize("name", ["XX", "xxx", "待定", "暂无", "", "  ", "TBD"])
def test_template_placeholders_credit_no_one(name):
    assert is_placeholder(name)


# Field values from the samples' 【主持人】/【编辑】/【版块负责人】/【贡献者】 lines.
@pytest.mark.parametrize("value, expected", [
    ("羨鱼（后续每期由大家自行认领）", [("羨鱼", "后续每期由大家自行认领")]),
    ("羡鱼、suc16（最好由主持人兼任）", [("羡鱼", ""), ("suc16", "最好由主持人兼任")]),
    ("suc16、初七（后续每期由大家自行认领）", [("suc16", ""), ("初七", "后续每期由大家自行认领")]),
    ("羡鱼（编辑）+OpenLLM 群友", [("羡鱼", "编辑"), ("OpenLLM 群友", "")]),
    ("羡鱼（编辑）+OpenLLM群友", [("羡鱼", "编辑"), ("OpenLLM群友", "")]),
    ("yuhan、羡鱼", [("yuhan", ""), ("羡鱼", "")]),
    ("羡鱼、yuhan、suc16 （后续每期由大家自行认领）",
     [("羡鱼", ""), ("yuhan", ""), ("suc16", "后续每期由大家自行认领")]),
    # 【版块负责人】：多人 is the template's placeholder ("many people"): it credits no one.
    ("多人（后续每期由大家自行认领）", []),
    (" 多人（后续每期由大家自行认领）", []),
    ("XX （后续每期由大家自行认领）", []),
    (" （后续每期由大家自行认领）", []),
    ("", []),
    ("初七, qwang, Sine, donny, 风吹草地见牛 ...",
     [("初七", ""), ("qwang", ""), ("Sine", ""), ("donny", ""), ("风吹草地见牛", "")]),
    ("Hope(可以写一些代码)、羡鱼（周末）", [("Hope", "可以写一些代码"), ("羡鱼", "周末")]),
    ("请查看具体内容后面的署名，比如问题、回答和观点的来源", []),
])
def test_credit_lists_read_as_the_issues_write_them(value, expected):
    items = parse_credit_list(value)
    assert [(i.name, i.note) for i in items] == expected
    for item in items:
        assert value[item.start:item.end] == item.name


def test_an_owner_list_can_name_the_sections_owned():
    value = "本周新闻：羡鱼、yuhan；Free Talk：suc16"
    items = parse_credit_list(value, sections=True)
    assert [(i.section, i.name) for i in items] == [
        ("本周新闻", "羡鱼"), ("本周新闻", "yuhan"), ("Free Talk", "suc16")]
    assert [value[i.start:i.end] for i in items] == ["羡鱼", "yuhan", "suc16"]


def test_unique_names_keeps_the_first_spelling_and_drops_placeholders():
    assert unique_names(["OpenLLM 群友", " OpenLLM群友", "XX", "羡鱼", "羨鱼"]) == \
        ["OpenLLM 群友", "羡鱼", "羨鱼"]
