"""The preview's per-section HTML for a view that updates in place (issue 18):
``HtmlCache.update`` gives the same HTML as an uncached render after any edits, names
exactly the sections whose HTML changed, and says when the sections themselves changed
(added, removed, moved) so that the view must show everything again."""

import copy
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from talkeditor.model import Field, Section
from talkeditor.render.html import HtmlCache
from talkeditor.storage import yaml_format

from .conftest import FIXTURES

BASE = yaml_format.loads((FIXTURES / "issue-004.yaml").read_bytes())


def _issue():
    return copy.deepcopy(BASE)


def _uncached(issue) -> list[tuple[str, str]]:
    return HtmlCache().issue_parts(issue)


def test_the_first_update_shows_everything_and_an_unchanged_issue_changes_nothing():
    issue = _issue()
    cache = HtmlCache()
    first = cache.update(issue)
    assert not first.same_layout
    assert first.changed == [key for key, _html in first.parts]
    assert first.parts == _uncached(issue)
    again = cache.update(issue)
    assert again.same_layout and again.changed == []
    assert again.html() == first.html() == cache.issue_html(issue)


def test_typing_in_one_section_changes_that_section_only():
    issue = _issue()
    cache = HtmlCache()
    cache.update(issue)
    conversions = cache.conversions
    section = issue.find_path("本周新闻", "学术")
    section.body += "\n新的一条"
    update = cache.update(issue)
    assert update.same_layout and update.changed == [section.id]
    assert cache.conversions == conversions + 1
    assert update.parts == _uncached(issue)
    assert "新的一条" in dict(update.parts)[section.id]


def test_metadata_shown_in_bound_fields_changes_every_section_showing_it():
    issue = _issue()
    cache = HtmlCache()
    cache.update(issue)
    section = issue.sections[0]
    section.fields.append(Field("主持人", bind="host"))
    issue.sections[-1].fields.append(Field("主持人", bind="host"))
    cache.update(issue)
    issue.host = ["新主持人"]
    update = cache.update(issue)
    showing = [s.id for s, _depth in issue.walk() if any(f.bind == "host" for f in s.fields)]
    assert section.id in showing and issue.sections[-1].id in showing
    assert update.changed == showing
    assert update.parts == _uncached(issue)


def test_adding_removing_or_moving_a_section_asks_for_everything_again():
    issue = _issue()
    cache = HtmlCache()
    cache.update(issue)
    issue.sections.append(Section(title="新版块", id="fresh", body="内容"))
    added = cache.update(issue)
    assert not added.same_layout and added.parts == _uncached(issue)
    issue.sections.insert(0, issue.sections.pop())
    moved = cache.update(issue)
    assert not moved.same_layout and moved.parts == _uncached(issue)
    del issue.sections[0]
    removed = cache.update(issue)
    assert not removed.same_layout and removed.parts == _uncached(issue)
    assert cache.update(issue).same_layout


def test_after_showing_something_else_the_next_update_shows_everything():
    issue = _issue()
    cache = HtmlCache()
    cache.update(issue)
    cache.forget_shown()
    update = cache.update(issue)
    assert not update.same_layout and len(update.changed) == len(update.parts)


def test_decorate_runs_once_per_conversion_and_its_result_is_kept():
    issue = _issue()
    calls: list[str] = []

    def decorate(section_id: str, html: str) -> str:
        calls.append(section_id)
        return f'<a name="sec-{section_id}"></a>{html}'

    cache = HtmlCache(decorate=decorate)
    parts = cache.update(issue).parts
    assert parts == [(key, decorate(key, html)) for key, html in _uncached(issue)]
    calls.clear()
    section = issue.find_path("本周新闻", "学术")
    section.body += "x"
    update = cache.update(issue)
    assert calls == [section.id]
    assert dict(update.parts)[section.id].startswith(f'<a name="sec-{section.id}"></a>')


def test_stale_and_update_share_one_computation_of_the_sources():
    issue = _issue()
    cache = HtmlCache()
    cache.update(issue)
    issue.sections[1].body += "y"
    sources = cache.sources(issue)
    assert [key for key, _text in cache.stale(issue, sources)] == [issue.sections[1].id]
    update = cache.update(issue, sources)
    assert update.changed == [issue.sections[1].id] and update.parts == _uncached(issue)


_EDITS = st.lists(st.tuples(
    st.sampled_from(["append", "replace", "title", "footnote", "add", "move", "delete",
                     "metadata", "none"]),
    st.integers(0, 10_000), st.text(st.sampled_from(list("ab 大模型\n-*#[]^:1")),
                                    max_size=12)), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(edits=_EDITS)
def test_after_any_edits_the_update_is_the_uncached_render_and_names_what_changed(edits):
    issue = _issue()
    del issue.sections[4:]  # a smaller issue: each example renders it many times
    fresh = itertools.count()
    cache = HtmlCache()
    previous = cache.update(issue).parts
    for kind, pick, text in edits:
        sections = [s for s, _depth in issue.walk()]
        section = sections[pick % len(sections)]
        if kind == "append":
            section.body += text
        elif kind == "replace":
            section.body = text
        elif kind == "title":
            section.title = text or "t"
        elif kind == "footnote":  # a reference here, its definition in another section
            section.body += f"\n见[^n{pick % 3}]"
            sections[(pick + 1) % len(sections)].body += f"\n\n[^n{pick % 3}]: {text}"
        elif kind == "add":
            issue.sections.insert(pick % (len(issue.sections) + 1),
                                  Section(title=text or "新", id=f"new{next(fresh)}"))
        elif kind == "move" and len(issue.sections) > 1:
            issue.sections.append(issue.sections.pop(pick % len(issue.sections)))
        elif kind == "delete" and len(issue.sections) > 1:
            del issue.sections[pick % len(issue.sections)]
        elif kind == "metadata":
            issue.host = [text or "某人"]
        update = cache.update(issue)
        assert update.parts == _uncached(issue)
        if update.same_layout:
            old = dict(previous)
            assert update.changed == [key for key, html in update.parts if old[key] != html]
        else:
            assert [key for key, _html in previous] != [key for key, _html in update.parts]
        previous = update.parts


def _apply(old, new, runs):
    result = list(old)
    for o1, o2, n1, n2 in reversed(runs):
        result[o1:o2] = new[n1:n2]
    return result


_PARTS = st.lists(st.tuples(st.sampled_from("abcdefgh"), st.sampled_from(["x", "y"])),
                  max_size=8, unique_by=lambda part: part[0])


@settings(max_examples=400, deadline=None)
@given(old=_PARTS, new=_PARTS)
def test_replaced_runs_turn_the_old_parts_into_the_new_ones_with_no_empty_side(old, new):
    from talkeditor.render.html import replaced_runs

    runs = replaced_runs(old, new)
    if runs is None:  # nothing to replace, or nothing left: show everything
        assert not old or not new
        return
    assert _apply(old, new, runs) == new
    assert all(o1 < o2 and n1 < n2 for o1, o2, n1, n2 in runs)
    assert all(a[1] <= b[0] and a[3] <= b[2] for a, b in itertools.pairwise(runs))
    unchanged = [i for i in range(len(old)) if not any(o1 <= i < o2 for o1, o2, _n1, _n2
                                                       in runs)]
    assert all(old[i] in new for i in unchanged)


def test_adding_a_section_replaces_it_with_a_neighbour_only():
    issue = _issue()
    cache = HtmlCache()
    cache.update(issue)
    issue.sections.insert(2, Section(title="新版块", id="fresh", body="内容"))
    update = cache.update(issue)
    assert update.runs is not None and len(update.runs) == 1
    o1, o2, n1, n2 = update.runs[0]
    assert (o2 - o1, n2 - n1) == (1, 2)
    assert "fresh" in [key for key, _html in update.parts[n1:n2]]
