"""The structural three-way merge on the real issue 004: additions on both sides kept without
conflict, renames/moves/deletions against edits, metadata key by key, one recorded conflict for
the same block edited twice (and the file still loads), resolving it, the command's exit codes,
and property tests over random edits."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talkeditor.collab.blocks import merge_bodies, merge_ordered, split_blocks
from talkeditor.collab.merge import merge_issues
from talkeditor.collab.resolve import BOTH, MINE, THEIRS, resolve
from talkeditor.model import Field, Issue, Section
from talkeditor.storage import yaml_format as yamlio

from .conftest import FIXTURES, run_cli

BASE_TEXT = (FIXTURES / "issue-004.yaml").read_text(encoding="utf-8")


def base() -> Issue:
    return yamlio.loads(BASE_TEXT)


def merged(b: Issue, o: Issue, t: Issue):
    result = merge_issues(b, o, t)
    # whatever the merge made is a valid issue file
    text = yamlio.dumps(result.issue)
    assert yamlio.dumps(yamlio.loads(text)) == text
    return result


def test_two_people_adding_items_to_one_section_keep_both_without_conflict():
    b, o, t = base(), base(), base()
    o.find("news-academic").body += "\n\nOURS: FlashAttention-2\n\n<https://example.org/fa2>"
    t.find("news-academic").body += "\n\nTHEIRS: Llama 2 is out"
    result = merged(b, o, t)
    body = result.issue.find("news-academic").body
    assert result.clean
    assert body.endswith("OURS: FlashAttention-2\n\n<https://example.org/fa2>\n\n"
                         "THEIRS: Llama 2 is out")
    assert body.startswith(b.find("news-academic").body.rstrip())


def test_items_added_at_the_same_place_keep_ours_first_and_a_shared_one_once():
    base_body = "- a\n- b"
    body, conflicts = merge_bodies(base_body, "- a\n- mine\n- same\n- b",
                                   "- a\n- theirs\n- same\n- b")
    assert conflicts == []
    assert body == "- a\n- mine\n- same\n- theirs\n- b"


def test_an_edit_on_one_side_and_an_addition_on_the_other_both_arrive():
    b, o, t = base(), base(), base()
    blocks = split_blocks(b.find("news-academic").body)
    o.find("news-academic").body = o.find("news-academic").body.replace(
        blocks[1], blocks[1] + "（已读）")
    t.find("news-academic").body = "新条目 by 张三\n\n" + t.find("news-academic").body
    result = merged(b, o, t)
    body = result.issue.find("news-academic").body
    assert result.clean
    assert body.startswith("新条目 by 张三\n\n注：论文+重点")
    assert blocks[1] + "（已读）" in body


def test_rename_and_move_on_one_side_with_edits_on_the_other_merge():
    b, o, t = base(), base(), base()
    # ours: rename 学术 and move it to the end of 本周推荐; reorder top-level sections
    section = o.find("news-academic")
    o.find("news").children.remove(section)
    section.title = "学术论文"
    o.find("recommend").children.append(section)
    o.sections.insert(0, o.sections.pop(o.sections.index(o.find("freetalk"))))
    # theirs: edit the same section's body and the free talk
    t.find("news-academic").body += "\n\nTHEIRS paper"
    t.find("freetalk").body += "\n\nTHEIRS question"
    result = merged(b, o, t)
    issue = result.issue
    assert result.clean
    moved = issue.find("news-academic")
    assert moved.title == "学术论文" and moved.body.endswith("THEIRS paper")
    assert issue.parent_of("news-academic").id == "recommend"
    assert issue.sections[0].id == "freetalk"
    assert issue.sections[0].body.endswith("THEIRS question")


def test_deleting_a_section_merges_with_edits_elsewhere_and_additions_of_sections():
    b, o, t = base(), base(), base()
    o.find("recommend").children.remove(o.find("rec-models"))
    t.find("rec-misc").body += "\n\nTHEIRS misc"
    t.find("recommend").children.insert(1, Section(title="数据集", id="rec-data", body="x"))
    result = merged(b, o, t)
    issue = result.issue
    assert result.clean
    assert issue.find("rec-models") is None
    assert [c.id for c in issue.find("recommend").children] == [
        "rec-materials", "rec-data", "rec-projects", "rec-misc"]
    assert issue.find("rec-misc").body.endswith("THEIRS misc")


def test_a_section_deleted_on_one_side_and_edited_on_the_other_is_kept_with_a_conflict():
    b, o, t = base(), base(), base()
    o.find("news").children.remove(o.find("news-projects"))
    t.find("news-projects").body += "\n\nTHEIRS project"
    result = merged(b, o, t)
    kept = result.issue.find("news-projects")
    assert kept is not None and kept.body.endswith("THEIRS project")
    assert [(c.part, c.ours, c.theirs) for c in kept.conflicts] == [("section", "", "edited")]
    resolve(result.issue, "news-projects", 0, MINE)  # mine: deleted
    assert result.issue.find("news-projects") is None


def test_metadata_edits_on_both_sides_merge_key_by_key_and_lists_as_ordered_sets():
    b, o, t = base(), base(), base()
    o.date = "2023-07-22"
    o.host = ["羡鱼", "张三"]
    o.highlights.remove("MOSS-RLHF")
    t.video = "https://www.bilibili.com/video/BV1"
    t.editors = ["羡鱼", "suc16", "李四"]
    t.highlights.append("Llama 2")
    result = merged(b, o, t)
    issue = result.issue
    assert result.clean
    assert (issue.date, issue.video) == ("2023-07-22", "https://www.bilibili.com/video/BV1")
    assert issue.host == ["羡鱼", "张三"] and issue.editors == ["羡鱼", "suc16", "李四"]
    assert "MOSS-RLHF" not in issue.highlights and issue.highlights[-1] == "Llama 2"


def test_fields_merge_by_label():
    b, o, t = base(), base(), base()
    o.find("news").field_named("建议区").value += "（我）"
    t.find("news").field_named("贡献者").note = "（欢迎补充）"
    t.find("news").fields.append(Field(label="新字段", value="v"))
    result = merged(b, o, t)
    news = result.issue.find("news")
    assert result.clean
    assert news.field_named("建议区").value.endswith("（我）")
    assert news.field_named("贡献者").note == "（欢迎补充）"
    assert news.fields[-1].label == "新字段"


def test_the_same_item_edited_differently_is_one_recorded_conflict_and_the_file_loads():
    b, o, t = base(), base(), base()
    block = split_blocks(b.find("news-academic").body)[7]
    o.find("news-academic").body = o.find("news-academic").body.replace(block, block + " [我的]")
    t.find("news-academic").body = t.find("news-academic").body.replace(block, block + " [他的]")
    t.find("news-academic").body += "\n\nTHEIRS other item"
    result = merged(b, o, t)
    assert len(result.conflicts) == 1
    sid, conflict = result.conflicts[0]
    assert sid == "news-academic"
    assert (conflict.part, conflict.ours, conflict.theirs) == (
        "body", block + " [我的]", block + " [他的]")
    reloaded = yamlio.loads(yamlio.dumps(result.issue))
    section = reloaded.find("news-academic")
    assert section.conflicts == [conflict]
    assert block + " [我的]" in section.body and section.body.endswith("THEIRS other item")
    assert "<<<<<<<" not in yamlio.dumps(result.issue)


@pytest.mark.parametrize(("choice", "present", "absent"), [
    (MINE, ["[我的]"], ["[他的]"]),
    (THEIRS, ["[他的]"], ["[我的]"]),
    (BOTH, ["[我的]", "[他的]"], []),
])
def test_take_mine_theirs_or_both_settle_a_body_conflict(choice, present, absent):
    b, o, t = base(), base(), base()
    block = split_blocks(b.find("freetalk").body)[2]
    o.find("freetalk").body = o.find("freetalk").body.replace(block, block + " [我的]")
    t.find("freetalk").body = t.find("freetalk").body.replace(block, block + " [他的]")
    issue = merged(b, o, t).issue
    resolve(issue, "freetalk", 0, choice)
    body = issue.find("freetalk").body
    assert issue.find("freetalk").conflicts == []
    for text in present:
        assert text in body
    for text in absent:
        assert text not in body
    assert len(split_blocks(body)) == len(split_blocks(b.find("freetalk").body)) + len(present) - 1


def test_metadata_and_title_conflicts_are_recorded_and_resolvable():
    b, o, t = base(), base(), base()
    o.date, t.date = "2023-07-22", "2023-07-29"
    o.find("plans").title, t.find("plans").title = "计划", "下期计划"
    result = merged(b, o, t)
    issue = result.issue
    assert issue.date == "2023-07-22" and issue.find("plans").title == "计划"
    assert [(c.part, c.ours, c.theirs) for c in issue.conflicts] == [
        ("date", "2023-07-22", "2023-07-29")]
    resolve(issue, "", 0, THEIRS)
    resolve(issue, "plans", 0, BOTH)
    assert issue.date == "2023-07-29" and issue.find("plans").title == "计划 / 下期计划"
    assert issue.conflicts == [] and issue.find("plans").conflicts == []


def test_a_conflict_resolved_on_one_side_stays_resolved_after_the_next_merge():
    b, o, t = base(), base(), base()
    o.date, t.date = "2023-07-22", "2023-07-29"
    first = merged(b, o, t).issue  # both now carry the conflict
    mine = first.clone()
    resolve(mine, "", 0, MINE)
    theirs = first.clone()
    theirs.find("plans").body += "\n\nmore"
    again = merged(first, mine, theirs).issue
    assert again.conflicts == [] and again.find("plans").body.endswith("more")


def test_merge_ordered_keeps_a_reorder_and_both_additions():
    assert merge_ordered("abcd", "dabc", "abxcd") == list("dabxc")
    assert merge_ordered("abc", "ac", "abcz") == list("acz")


# ---------------------------------------------------------------- the command


def test_merge_command_replaces_ours_and_exits_0_when_clean(tmp_path):
    b, o, t = base(), base(), base()
    o.find("plans").body += "\n\nOURS"
    t.find("join").body += "\n\nTHEIRS"
    paths = []
    for name, issue in (("base", b), ("ours", o), ("theirs", t)):
        path = tmp_path / f"{name}.yaml"
        path.write_text(yamlio.dumps(issue), encoding="utf-8")
        paths.append(path)
    out = run_cli("merge", *paths)
    assert out.returncode == 0, out.stderr
    result = yamlio.loads(paths[1].read_bytes())
    assert result.find("plans").body.endswith("OURS")
    assert result.find("join").body.endswith("THEIRS")


def test_merge_command_exits_1_on_conflict_and_writes_a_loadable_file_to_o(tmp_path):
    b, o, t = base(), base(), base()
    o.number, t.number = "005", "006"
    paths = []
    for name, issue in (("base", b), ("ours", o), ("theirs", t)):
        path = tmp_path / f"{name}.yaml"
        path.write_text(yamlio.dumps(issue), encoding="utf-8")
        paths.append(path)
    out = run_cli("merge", *paths, "-o", tmp_path / "out.yaml")
    assert out.returncode == 1
    assert "conflict in metadata (number)" in out.stderr
    assert yamlio.loads((tmp_path / "out.yaml").read_bytes()).conflicts[0].theirs == "006"
    assert yamlio.loads(paths[1].read_bytes()).number == "005"  # -o leaves ours alone


def test_merge_command_with_an_empty_base_merges_two_additions(tmp_path):
    (tmp_path / "base").write_bytes(b"")
    (tmp_path / "ours").write_text(BASE_TEXT, encoding="utf-8")
    (tmp_path / "theirs").write_text(BASE_TEXT, encoding="utf-8")
    out = run_cli("merge", tmp_path / "base", tmp_path / "ours", tmp_path / "theirs")
    assert out.returncode == 0 and (tmp_path / "ours").read_text(encoding="utf-8") == BASE_TEXT


@pytest.mark.parametrize("bad", [b"format: 1\nsections: [", b"just: text\n", b"\x00\x01"])
def test_merge_command_exits_2_with_one_line_on_bad_input(tmp_path, bad):
    (tmp_path / "base").write_text(BASE_TEXT, encoding="utf-8")
    (tmp_path / "ours").write_bytes(bad)
    (tmp_path / "theirs").write_text(BASE_TEXT, encoding="utf-8")
    out = run_cli("merge", tmp_path / "base", tmp_path / "ours", tmp_path / "theirs")
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and "ours" in out.stderr
    assert (tmp_path / "ours").read_bytes() == bad


def test_merge_command_exits_2_for_a_missing_file(tmp_path):
    out = run_cli("merge", tmp_path / "nope", tmp_path / "nope2", tmp_path / "nope3")
    assert out.returncode == 2 and "Traceback" not in out.stderr


# ---------------------------------------------------------------- properties

_WORDS = st.text(alphabet="abc新闻论文 ", min_size=1, max_size=12).map(str.strip).filter(bool)
_SECTION_IDS = [s.id for s, _d in base().walk()]


@st.composite
def edits(draw):
    """A random edit of issue 004: blocks added/changed/removed, sections renamed, moved,
    deleted or added, metadata changed. Returns (issue, texts it added)."""
    issue = base()
    added: list[str] = []
    for step in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["add_block", "edit_block", "drop_block", "rename", "move",
                                     "delete", "add_section", "meta", "highlight"]))
        sections = [s for s, _d in issue.walk()]
        section = draw(st.sampled_from(sections))
        word = draw(_WORDS)
        if kind == "add_block":
            blocks = split_blocks(section.body)
            at = draw(st.integers(0, len(blocks)))
            text = f"ADD-{word}-{draw(st.integers(0, 10**6))}"
            blocks.insert(at, text)
            section.body = "\n\n".join(blocks)
            added.append(text)
        elif kind == "edit_block" and split_blocks(section.body):
            blocks = split_blocks(section.body)
            at = draw(st.integers(0, len(blocks) - 1))
            blocks[at] += f" {word}"
            section.body = "\n\n".join(blocks)
        elif kind == "drop_block" and split_blocks(section.body):
            blocks = split_blocks(section.body)
            blocks.pop(draw(st.integers(0, len(blocks) - 1)))
            section.body = "\n\n".join(blocks)
        elif kind == "rename":
            section.title = word
        elif kind == "move":
            siblings = issue.siblings_of(section.id)
            siblings.remove(section)
            siblings.insert(draw(st.integers(0, len(siblings))), section)
        elif kind == "delete" and len(issue.sections) > 1:
            issue.siblings_of(section.id).remove(section)
        elif kind == "add_section":
            text = f"NEW-{word}-{draw(st.integers(0, 10**6))}"
            section.children.append(Section(title=text, id=f"n{step}-{text.encode().hex()[:16]}",
                                            body=text))
            added.append(text)
        elif kind == "meta":
            issue.date = draw(st.sampled_from(["2023-07-22", "2023-07-29", ""]))
        elif kind == "highlight":
            text = f"HL-{word}"
            issue.highlights.append(text)
            added.append(text)
    text = yamlio.dumps(issue)  # later edits of the same side may have removed some again
    return issue, [piece for piece in added if piece in text]


_SETTINGS = settings(max_examples=40, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(edits())
def test_property_merging_against_an_unchanged_side_gives_the_changed_side(edit):
    x, _added = edit
    assert merge_issues(base(), x, base()).issue == x
    assert merge_issues(base(), base(), x).issue == x


@_SETTINGS
@given(edits(), edits())
def test_property_nothing_either_side_added_is_lost(ours_edit, theirs_edit):
    (o, o_added), (t, t_added) = ours_edit, theirs_edit
    result = merge_issues(base(), o, t)
    text = yamlio.dumps(result.issue)
    for piece in o_added + t_added:
        assert piece in text
    assert yamlio.loads(text) == result.issue


@_SETTINGS
@given(edits())
def test_property_both_sides_making_the_same_edit_merge_cleanly_to_it(edit):
    x, _added = edit
    result = merge_issues(base(), x, x.clone())
    assert result.clean and result.issue == x


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["- a", "- b", "para", "x y", "```", "  - nested", ""]),
                max_size=12))
def test_property_a_body_splits_into_blocks_that_keep_every_line(lines):
    body = "\n".join(lines)
    assert "".join(split_blocks(body)).replace("\n", "") == body.replace("\n", "")
    merged_body, conflicts = merge_bodies(body, body, body)
    assert merged_body == body and conflicts == []
