"""Names in credits: matching keys, kinds of credit (person, group, anonymous), credit lists.

Matching
    ``name_key`` is what two spellings must share to be the same name: Unicode NFKC (full-width
    ``ｙｕｈａｎ`` is ``yuhan``, ``（`` is ``(``), every space removed (``OpenLLM 群友`` is
    ``OpenLLM群友``), a leading ``@`` dropped, Latin letters case-folded (``Yuhan`` is ``yuhan``).
    Traditional and simplified spellings are *not* the same key: ``羨鱼`` and ``羡鱼`` both sign
    issue 000, and only the user may say they are one person (by renaming one spelling into
    the other: ``credits.edit.rename_person``). ``variant_key`` also folds the traditional
    characters of ``TRADITIONAL_TO_SIMPLIFIED`` (a small table of characters common in names and
    nicknames, not a converter), so that ``name_kind`` knows ``羣友`` is ``群友``.

Kinds
    Not every credit names a person. ``name_kind`` sorts a name into
    ``PERSON``, ``GROUP`` (a collective that deserves credit but is nobody in particular:
    ``群友``, ``OpenLLM 群友``, ``多人``, ``大家`` …, anything ending in ``群友``/``网友``) or
    ``ANONYMOUS`` (the source is unknown or elsewhere: ``记不清出处了``, ``上期遗留``, ``匿名``,
    ``某大佬`` …, anything about a lost ``出处``). Anonymous credits are listed (so the UI can
    show and fix them) but never printed in a generated credits block. Placeholders left in a
    template (``XX``, ``xxx``, ``待定``, ``暂无`` …) are not credits at all: ``is_placeholder``.

Credit lists
    ``split_names`` is the one rule for splitting a typed or imported list of names (the names
    boxes of the window, the importer). ``parse_credit_list`` reads the value of a
    【主持人】/【编辑】/【版块负责人】/【贡献者】 field as written in the issues: names separated
    by ``、 , ， + ＋ / & ；`` (or `` 和 ``), each optionally followed by a note in brackets
    (``羡鱼（编辑）``, ``Hope(可以写代码)``),
    the whole list optionally followed by a remark (``羡鱼（后续每期由大家自行认领）``), a
    trailing ``等``/``...`` ignored. With ``sections=True`` a segment ``本周新闻：A、B`` names
    the section its people own (as render.py writes a bound 版块负责人). The offsets of each
    name are kept so that a rename can change the name and nothing else. A value that reads
    like a sentence rather than a list (``请查看具体内容后面的署名，比如…``) gives no credits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

PERSON = "person"
GROUP = "group"
ANONYMOUS = "anonymous"
KINDS = (PERSON, GROUP, ANONYMOUS)

#: Traditional characters seen in (or common in) names, with their simplified forms.
TRADITIONAL_TO_SIMPLIFIED = dict(zip(
    "羨魚劉張陳楊黃趙吳週孫馬鄭謝韓馮鄧許葉蘇盧蔣賈閻餘鍾範譚鄒陸顧龍萬錢湯喬賀賴龔華國麗強偉軍東雲"
    "鵬飛鳳輝傑濤豐寧曉藝夢嬌靜紅綠藍銀鐵書學樂愛長門開見風橋劍義禮聖賢興順進達遠運連嶽煙燈夥裡無"
    "與們來個為這說時會對發問題號頭實點體氣鳥羣語讀話歡憶聲傳紀誠薩羅納爾貝蘭遲墨鄉軒瑩瑤潔濱聰穎",
    "羡鱼刘张陈杨黄赵吴周孙马郑谢韩冯邓许叶苏卢蒋贾阎余钟范谭邹陆顾龙万钱汤乔贺赖龚华国丽强伟军东云"
    "鹏飞凤辉杰涛丰宁晓艺梦娇静红绿蓝银铁书学乐爱长门开见风桥剑义礼圣贤兴顺进达远运连岳烟灯伙里无"
    "与们来个为这说时会对发问题号头实点体气鸟群语读话欢忆声传纪诚萨罗纳尔贝兰迟墨乡轩莹瑶洁滨聪颖",
    strict=True,
))
_T2S = str.maketrans(TRADITIONAL_TO_SIMPLIFIED)

_GROUP_NAMES = {"群友", "多人", "大家", "网友", "众人", "读者", "各位", "群里", "群内", "全体",
                "社区", "群聊", "同学们", "朋友们", "大佬们", "小伙伴们"}
_GROUP_SUFFIXES = ("群友", "网友", "们")
_ANONYMOUS_NAMES = {"匿名", "佚名", "未知", "不详", "无名氏", "上期遗留", "网络", "网上", "网传",
                    "anonymous", "anon", "unknown"}
_ANONYMOUS_PARTS = ("出处", "记不清", "不记得", "忘了")
_PLACEHOLDERS = {"xx", "xxx", "xxxx", "x", "待定", "待认领", "暂无", "无", "空", "tbd", "todo",
                 "?", "？", "…", "...", "-", "—",
                 "多人"}  # 【版块负责人】：多人 — "many people", the template's stand-in


def clean_name(name: str) -> str:
    """A name as the app stores it: trimmed, inner runs of spaces made one, no leading ``@``."""
    text = " ".join(name.split())
    return text[1:].strip() if text.startswith(("@", "＠")) else text


def name_key(name: str) -> str:
    """The matching key of a name (see the module docstring); ``""`` for an empty name."""
    text = unicodedata.normalize("NFKC", clean_name(name))
    return "".join(text.split()).casefold()


def variant_key(name: str) -> str:
    """``name_key`` with traditional characters folded to simplified (``羨鱼`` -> ``羡鱼``)."""
    return name_key(name).translate(_T2S)


def same_name(a: str, b: str) -> bool:
    return bool(name_key(a)) and name_key(a) == name_key(b)


def is_placeholder(name: str) -> bool:
    """True for template leftovers (``XX``, ``待定`` …) and empty names: no one is credited."""
    key = name_key(name)
    return not key or key in _PLACEHOLDERS


def name_kind(name: str) -> str:
    """``PERSON``, ``GROUP`` or ``ANONYMOUS`` (see the module docstring)."""
    key = variant_key(name)
    if key in _ANONYMOUS_NAMES or key.startswith("某") or any(p in key for p in _ANONYMOUS_PARTS):
        return ANONYMOUS
    if key in _GROUP_NAMES or key.endswith(_GROUP_SUFFIXES):
        return GROUP
    return PERSON


# ---------------------------------------------------------------- credit lists


@dataclass(frozen=True)
class CreditItem:
    """One name in a credit list: ``text[start:end] == name``; ``note`` is its bracketed remark."""

    name: str
    start: int
    end: int
    note: str = ""
    section: str = ""


_BRACKETS = re.compile(r"（[^（）]*）|\([^()]*\)")
_SEGMENT_SEPS = "；;"
_ITEM_SEP = re.compile(r"[、,，+＋/&]| 和 | and ")
_ANY_SEP = re.compile(r"[、,，+＋/&；;]| 和 | and ")
_TRAILERS = re.compile(r"(?:\s*(?:等人|等|\.{2,}|…+))+$")
_SECTION_COLON = re.compile(r"[：:]")
_MAX_NAME_CHARS = 24
_MAX_CJK = 10
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SENTENCE_MARKS = re.compile(r"[。？！?!：:《》“”\"]|的")


def _mask_brackets(text: str) -> str:
    """The text with every bracketed remark blanked out (same length)."""
    return _BRACKETS.sub(lambda m: "\x00" * len(m.group()), text)


def _plausible_list_name(name: str) -> bool:
    if len(name) > _MAX_NAME_CHARS or len(_CJK.findall(name)) > _MAX_CJK:
        return False
    if _SENTENCE_MARKS.search(name):
        return False
    return len(name.split()) <= 4


def split_names(text: str) -> list[str]:
    """A list of names as typed in a names box (主持人, 编辑, 版块负责人 …) or found in an
    imported file, split the one way the app reads credit lists: on ``、 , ， ; ； / + ＋ &``,
    `` 和 `` and `` and `` outside brackets (``羡鱼（编辑、审核）`` stays one name). So ``A/B`` is
    two names everywhere, as a rendered 【版块负责人】 line reads back. Items are trimmed and
    empty ones dropped; placeholders and notes are kept as written (this is what the user
    typed, not who is credited: see :func:`parse_credit_list`)."""
    masked = _mask_brackets(text)
    names, start = [], 0
    for sep in [*_ANY_SEP.finditer(masked), None]:
        end = sep.start() if sep else len(text)
        name = text[start:end].strip()
        if name:
            names.append(name)
        if sep:
            start = sep.end()
    return names


def parse_credit_list(text: str, sections: bool = False) -> list[CreditItem]:
    """The names credited by a field value, in order, placeholders left out.

    Returns ``[]`` when the text does not read like a list of names.
    """
    masked = _mask_brackets(text)
    items: list[CreditItem] = []
    seg_start = 0
    for seg_end in [i for i, ch in enumerate(masked) if ch in _SEGMENT_SEPS] + [len(text)]:
        section = ""
        body_start = seg_start
        if sections:
            colon = _SECTION_COLON.search(masked, seg_start, seg_end)
            if colon:
                section = text[seg_start:colon.start()].strip()
                body_start = colon.end()
        pos = body_start
        for sep in [*_ITEM_SEP.finditer(masked, body_start, seg_end), None]:
            piece_end = sep.start() if sep else seg_end
            item = _item(text, masked, pos, piece_end, section)
            if item is False:
                return []
            if item is not None:
                items.append(item)
            if sep:
                pos = sep.end()
        seg_start = seg_end + 1
    return items


def _item(text: str, masked: str, start: int, end: int, section: str) -> CreditItem | None | bool:
    """The credit in ``text[start:end]``; None for nothing or a placeholder, False for prose."""
    notes = [m.group()[1:-1].strip() for m in _BRACKETS.finditer(text, start, end)]
    first_bracket = masked.find("\x00", start, end)
    name_end = first_bracket if first_bracket != -1 else end
    raw = text[start:name_end]
    trailer = _TRAILERS.search(raw)
    if trailer:
        raw = raw[:trailer.start()]
    stripped = raw.strip()
    if not stripped:
        return None
    name_start = start + raw.index(stripped)
    name = text[name_start:name_start + len(stripped)]
    if not _plausible_list_name(name):
        return False
    if is_placeholder(name):
        return None
    return CreditItem(name, name_start, name_start + len(name), "；".join(n for n in notes if n),
                      section)


def unique_names(names: list[str]) -> list[str]:
    """Cleaned names, placeholders dropped, the first spelling of each key kept, order kept."""
    seen: set[str] = set()
    out = []
    for raw in names:
        name = clean_name(raw)
        key = name_key(name)
        if is_placeholder(name) or key in seen:
            continue
        seen.add(key)
        out.append(name)
    return out
