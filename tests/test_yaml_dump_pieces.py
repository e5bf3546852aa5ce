"""issue.yaml dumped in pieces (issue 18): the text before ``sections``, each top-level
section's item kept between saves, the text after, is byte for byte one whole ``yaml.dump``
of the issue with PyYAML's own representer, whatever the text, the emitter, the order of
edits or what the cache holds; an edit dumps only the sections it changed."""

import copy
import threading

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talkeditor.model import Conflict, Field, Issue, Section
from talkeditor.storage import yaml_dump, yaml_format, yaml_pieces
from talkeditor.storage.yaml_format import KeptScalar

from .conftest import FIXTURES, TEMPLATE

_STD = "tag:yaml.org,2002:"


def reference(issue: Issue) -> str:
    """One whole dump of the issue as it was written before pieces and caches: one
    ``yaml.dump`` with PyYAML's representer and resolver, by libyaml's emitter when
    ``_fast_dump_ok``."""
    dumpers = [d for d in (yaml_dump._Dumper, yaml_dump._FAST_DUMPER) if d is not None]
    for dumper in dumpers:
        dumper.resolve = yaml.resolver.BaseResolver.resolve
    try:
        return yaml_dump.dump_whole(yaml_dump.to_data(issue))
    finally:
        for dumper in dumpers:
            dumper.resolve = yaml_dump._resolve


@pytest.fixture(autouse=True, params=["libyaml", "pure-python"])
def emitter(request, monkeypatch):
    """Every test with libyaml's emitter (when present) and with PyYAML's, from an empty
    cache."""
    if request.param == "pure-python":
        monkeypatch.setattr(yaml_dump, "_FAST_DUMPER", None)
    elif yaml_dump._FAST_DUMPER is None:
        pytest.skip("PyYAML was built without libyaml")
    yaml_pieces._SECTION_TEXTS.clear()
    yield request.param
    yaml_pieces._SECTION_TEXTS.clear()


@pytest.mark.parametrize("path", [TEMPLATE, *sorted(FIXTURES.glob("*.yaml"))],
                         ids=lambda p: p.name)
def test_each_file_dumped_in_pieces_twice_is_the_whole_dump(path):
    issue = yaml_format.loads(path.read_bytes())
    whole = reference(issue)
    assert yaml_format.dumps(issue) == whole  # every section dumped
    assert yaml_format.dumps(issue) == whole  # every section from the cache


def _sample_issue() -> Issue:
    return yaml_format.loads((FIXTURES / "issue-004.yaml").read_bytes())


def test_an_edit_dumps_again_only_the_section_it_changed():
    issue = _sample_issue()
    yaml_format.dumps(issue)
    before = yaml_pieces._SECTION_TEXTS.dumped
    issue.sections[2].body += "\n- 新的一条"
    text = yaml_format.dumps(issue)
    assert yaml_pieces._SECTION_TEXTS.dumped == before + 1
    assert text == reference(issue) and "新的一条" in text
    issue.sections[2].children.append(Section(title="新小节", id="fresh", body="x"))
    assert yaml_format.dumps(issue) == reference(issue)
    assert yaml_pieces._SECTION_TEXTS.dumped == before + 2
    issue.title = "改了标题"  # not a section: nothing dumped from the cache is stale
    assert yaml_format.dumps(issue) == reference(issue)
    assert yaml_pieces._SECTION_TEXTS.dumped == before + 2


def test_a_value_of_another_type_with_the_same_text_is_not_taken_from_the_cache():
    issue = Issue(number="1", sections=[Section(title="a", id="a", extra={"k": "2024-01-02"})])
    as_text = yaml_format.dumps(issue)
    issue.sections[0].extra["k"] = KeptScalar("2024-01-02", _STD + "timestamp")
    as_date = yaml_format.dumps(issue)
    assert as_text != as_date
    assert (as_text, as_date) == (reference(Issue(number="1", sections=[
        Section(title="a", id="a", extra={"k": "2024-01-02"})])), reference(issue))
    assert "k: '2024-01-02'" in as_text and "k: 2024-01-02\n" in as_date


def test_the_end_marker_follows_a_last_section_ending_in_kept_blank_lines():
    """A document whose last text is a ``|+`` block ends with ``...``; a section learned in
    the middle of a dump can become the last one."""
    kept = Section(title="kept", id="k", body="正文\n\n")
    issue = Issue(number="1", sections=[kept, Section(title="after", id="b", body="x")])
    assert yaml_format.dumps(issue) == reference(issue)
    issue.sections.pop()
    text = yaml_format.dumps(issue)
    assert text == reference(issue) and text.endswith("\n...\n")
    assert yaml_format.loads(text) == issue
    issue.extra["after"] = "x"  # now the text after the sections ends the document
    assert yaml_format.dumps(issue) == reference(issue)


def test_sections_that_cannot_be_keyed_are_dumped_every_time(monkeypatch):
    class NoPickle:
        @staticmethod
        def dumps(*_args, **_kwargs):
            raise TypeError("cannot pickle")

    monkeypatch.setattr(yaml_pieces, "pickle", NoPickle)
    issue = _sample_issue()
    yaml_format.dumps(issue)
    before = yaml_pieces._SECTION_TEXTS.dumped
    assert yaml_format.dumps(issue) == reference(issue)
    assert yaml_pieces._SECTION_TEXTS.dumped == before + len(issue.sections)


def test_a_small_cache_drops_old_texts_and_still_dumps_the_same_bytes(monkeypatch):
    monkeypatch.setattr(yaml_pieces, "_SECTION_TEXTS", yaml_pieces._ItemTexts(max_chars=2_000))
    issue = _sample_issue()
    for _ in range(2):
        assert yaml_format.dumps(issue) == reference(issue)
    assert yaml_pieces._SECTION_TEXTS._chars <= 2_000


def test_dumps_from_several_threads_at_once_give_the_same_bytes():
    issues = [_sample_issue() for _ in range(4)]
    for k, issue in enumerate(issues):
        issue.sections[1].body += f"\n线程 {k}"
    wanted = [reference(issue) for issue in issues]
    got: list[list[str]] = [[] for _ in issues]

    def work(k: int) -> None:
        for _ in range(5):
            got[k].append(yaml_format.dumps(issues[k]))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(len(issues))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert got == [[text] * 5 for text in wanted]


_TEXT = st.one_of(
    st.text(st.one_of(st.sampled_from(list("ab \n\t-:#'\"|>大模\x85\u2028\U0001F600")),
                      st.characters(blacklist_categories=("Cs",))), max_size=12),
    st.sampled_from(["\n", "正文\n\n", "a\n\n\n", "a \nb", "\tx\n"]))  # kept blocks, tabs
_KEPT = st.builds(lambda text, tag: KeptScalar(text, _STD + tag),
                  st.sampled_from(["2024-01-02", "12", "true", "null", "1.5"]),
                  st.sampled_from(["timestamp", "int", "bool", "null", "float"]))
_EXTRA = st.dictionaries(st.sampled_from(["zeta", "colour", "notes"]),
                         st.one_of(_TEXT, _KEPT, st.lists(_TEXT, max_size=2)), max_size=2)


def _section(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.builds(
        Section, title=_TEXT, id=st.just("-"), body=_TEXT,
        optional=st.booleans(), minutes=st.one_of(st.none(), st.integers(0, 90)),
        owners=st.lists(_TEXT, max_size=2),
        fields=st.lists(st.builds(Field, _TEXT, value=_TEXT, keep=st.booleans(), note=_TEXT),
                        max_size=2),
        conflicts=st.lists(st.builds(Conflict, part=st.just("body"), ours=_TEXT,
                                     theirs=_TEXT), max_size=1),
        children=children, extra=_EXTRA)


_SECTIONS = st.lists(_section(st.lists(_section(st.just([])), max_size=2)), max_size=4)


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=_SECTIONS, second=_SECTIONS, extra=_EXTRA, highlights=st.lists(_TEXT, max_size=2),
       conflict=st.booleans())
def test_any_issue_dumped_in_pieces_after_any_other_is_the_whole_dump(
        emitter, first, second, extra, highlights, conflict):
    """Whatever the cache learned from one issue, the next issue's dump is its whole dump,
    and loads back as the same issue."""
    before = Issue(number="1", sections=first)
    for k, (section, _depth) in enumerate(before.walk()):
        section.id = f"s{k}"  # unique, as loading requires
    for k, section in enumerate(s for top in second for s, _depth in top.walk()):
        section.id = f"t{k}"
    after = Issue(number="2", highlights=highlights, extra=extra,
                  sections=[*second, *copy.deepcopy(first[:1])],
                  conflicts=[Conflict(part="title", ours="a", theirs="b")] if conflict else [])
    assert yaml_format.dumps(before) == reference(before)
    text = yaml_format.dumps(after)
    assert text == reference(after)
    assert yaml_format.dumps(yaml_format.loads(text)) == text
