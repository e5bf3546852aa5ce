"""Search over past issues: Chinese substrings, ASCII words in any case, several terms,
exact locations (issue, section, line, offsets), checked against a plain scan."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import make_synthetic_issue, make_synthetic_issues
from talkeditor.archive.search import SearchIndex, parse_query
from talkeditor.model import Field, Issue, Section
from talkeditor.storage.files import load_yaml_issue

from .conftest import FIXTURES


@pytest.fixture(scope="module")
def issue004() -> Issue:
    return load_yaml_issue(FIXTURES / "issue-004.yaml")


@pytest.fixture(scope="module", params=["memory", "disk"])
def index(request, issue004, tmp_path_factory):
    """The same two issues in the in-memory index and in the on-disk one."""
    other = Issue(number="003", highlights=["NTK-Aware Scaled RoPE"], host=["suc16", "初七"],
                  sections=[Section(title="本周新闻", id="news", contributors=["初七"], children=[
                      Section(title="学术", id="news-academic",
                              body="注：论文+重点\n\n无需微调的长上下文外推\n\nlora 融合")])])
    if request.param == "memory":
        return SearchIndex.build([issue004, other], keys=["k004", "k003"])
    from talkeditor.archive.index import ArchiveIndex

    disk = ArchiveIndex("/", db_path=tmp_path_factory.mktemp("index") / "index.sqlite3")
    disk.add_issues([issue004, other], keys=["k004", "k003"])
    return disk


def body_line(issue: Issue, section_id: str, number: int) -> str:
    return issue.find(section_id).body.split("\n")[number - 1]


def test_a_chinese_substring_is_found_inside_longer_words_with_its_exact_place(index, issue004):
    hits = index.search("外挂")
    first = hits[0]
    assert (first.number, first.section_id, first.section_path) == (
        "004", "news-academic", ("本周新闻", "学术"))
    assert first.where == "body" and first.text == body_line(issue004, "news-academic", first.line)
    assert [first.text[a:b] for a, b in first.spans] == ["外挂"]
    assert "大模型「外挂」数据库" in first.text and str(first.key) == "k004"
    assert {h.section_id for h in hits} >= {"news-academic", "news-industry"}  # 外挂知识库


def test_ascii_words_match_in_any_case_and_inside_longer_words(index, issue004):
    hits = index.search("longnet")
    assert len(hits) == 1
    hit = hits[0]
    assert hit.section_path == ("本周推荐", "杂项")
    assert [hit.text[a:b] for a, b in hit.spans] == ["LongNet"]
    assert hit.text == body_line(issue004, "rec-misc", hit.line)
    assert {h.text[a:b] for h in index.search("NET") for a, b in h.spans} >= {
        "Net", "net"}  # ResNet, LongNet, …
    gpt4 = index.search("gpt-4")
    assert gpt4 and all("gpt-4" in h.text.lower() for h in gpt4)


def test_several_terms_must_all_occur_in_the_section_or_its_issue(index):
    both = index.search("长上下文 外推")
    assert [(h.number, h.line) for h in both] == [("003", 3)]
    assert [both[0].text[a:b] for a, b in both[0].spans] == ["长上下文", "外推"]
    assert index.search("长上下文 gpt-4") == []
    # an issue-level term (here the host) narrows the lines of another term to that issue
    assert {h.number for h in index.search("融合")} == {"004", "003"}  # 004: 往期精彩
    scoped = index.search("初七 融合")
    assert {h.number for h in scoped} == {"003"}
    assert [h.text for h in scoped if h.where == "body"] == ["lora 融合"]


def test_metadata_fields_people_and_links_are_searchable(index):
    host = [h for h in index.search("初七") if h.where == "meta"]
    assert host[0].label == "host" and host[0].section_id == "" and host[0].number == "003"
    people = [h for h in index.search("初七") if h.where == "people"]
    assert people[0].label == "contributors" and people[0].section_id == "news"
    field = [h for h in index.search("建议区") if h.where == "field"]
    assert field and all(h.label == "建议区" and h.text.startswith("【建议区】") for h in field)
    link = index.search("semianalysis")
    assert link[0].section_id == "news-industry" and "<https://semianalysis.com" in link[0].text
    titles = [h for h in index.search("工业界") if h.where == "title"]
    assert titles[0].section_id == "news-industry"


def test_quoted_phrases_keep_their_spaces_and_empty_queries_find_nothing(index):
    assert parse_query('  "Lost in the Middle"  LLM ') == ["lost in the middle", "llm"]
    hits = index.search('"lost in the middle"')
    assert len(hits) == 1 and hits[0].section_id == "freetalk"
    assert index.search("") == [] and index.search("   ") == []
    assert index.search("根本没有这个词") == []


def test_long_lines_get_a_snippet_around_the_match_with_shifted_offsets(index):
    hit = next(h for h in index.search("hacking") if h.section_id == "rec-materials")
    assert len(hit.text) > 300 and len(hit.snippet) < 120
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert [hit.snippet[a:b] for a, b in hit.snippet_spans] == ["hacking"]


def test_hits_come_in_the_order_of_the_issues_given_and_the_limit_applies(index):
    numbers = [h.number for h in index.search("学术", limit=None)]
    assert numbers == sorted(numbers, reverse=True) and set(numbers) == {"004", "003"}
    assert len(index.search("的", limit=5)) == 5


def _scan(issues: list[Issue], term: str) -> set[tuple[str, str, int]]:
    """A plain search of body lines, for comparison."""
    found = set()
    for issue in issues:
        for section, _depth in issue.walk():
            for n, line in enumerate(section.body.split("\n"), 1):
                if term.lower() in line.lower():
                    found.add((issue.number, section.id, n))
    return found


SYNTHETIC = make_synthetic_issues(12, chars=3000)
SYNTHETIC_INDEX = SearchIndex.build(SYNTHETIC)
CORPUS = "\n".join(s.body for i in SYNTHETIC for s, _d in i.walk())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=st.integers(0, len(CORPUS) - 1), size=st.integers(1, 6), upper=st.booleans())
def test_body_hits_equal_a_plain_scan_for_any_substring_of_the_archive(start, size, upper):
    term = CORPUS[start:start + size].split("\n")[0].strip()
    if not term or " " in term:
        return
    query = term.upper() if upper else term
    hits = SYNTHETIC_INDEX.search(query, limit=None)
    found = {(h.number, h.section_id, h.line) for h in hits if h.where == "body"}
    assert found == _scan(SYNTHETIC, term)
    for h in hits:
        assert all(term.lower() in h.text[a:b].lower() for a, b in h.spans)


def test_synthetic_issues_are_deterministic_and_issue_sized():
    a, b = make_synthetic_issue(7), make_synthetic_issue(7)
    assert a == b and a.number == "007"
    size = sum(len(s.body) for s, _d in a.walk())
    assert 9_000 <= size <= 12_000
    assert isinstance(a.find("sec0").fields[1], Field)
