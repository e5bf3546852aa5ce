"""The on-disk archive index: it lives in the cache folder, lists what Archive lists, parses
only files that changed, survives a broken cache file, is shared between threads through
separate connections, and answers searches exactly like the in-memory index."""

import shutil
import sqlite3
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synthetic import BENCH_QUERIES, make_synthetic_issues
from talkeditor import paths
from talkeditor.archive.folder import Archive
from talkeditor.archive.index import ArchiveIndex, default_db_path
from talkeditor.archive.search import SearchIndex

from .conftest import FIXTURES
from .test_archive import BROKEN, small_issue

ARCHIVE = FIXTURES / "archive"


@pytest.fixture
def folder(tmp_path):
    shutil.copytree(ARCHIVE, tmp_path / "archive")
    return tmp_path / "archive"


def test_the_index_file_lives_in_the_user_cache_folder(folder):
    with ArchiveIndex(folder) as index:
        assert index.db_path == default_db_path(folder)
        assert index.db_path.is_relative_to(paths.cache_dir())
        index.update()
    assert index.db_path.is_file()
    assert default_db_path(folder) != default_db_path(folder.parent)


def test_the_listing_equals_the_archive_listing_without_reading_files_again(folder):
    with ArchiveIndex(folder) as index:
        assert index.entries() == [] and index.latest() is None
        assert index.update() is True
        assert index.entries() == Archive(folder).entries()
        assert index.latest().number == "004"
    with ArchiveIndex(folder) as again:  # a later start: the cache answers, nothing is parsed
        assert again.entries() == Archive(folder).entries()
        assert again.update() is False and again.parsed == 0


def test_only_changed_files_are_parsed_and_removed_issues_disappear(folder):
    archive = Archive(folder)
    with ArchiveIndex(folder) as index:
        index.update()
        assert index.parsed == 4
        issue = archive.load("003")
        issue.highlights = ["改过的提要"]
        archive.add(issue)
        archive.add(small_issue("005"))
        shutil.rmtree(folder / "002")
        assert index.update() is True
        assert index.parsed == 6
        entries = index.entries()
        assert entries == Archive(folder).entries()
        assert [e.number for e in entries] == ["番外02", "005", "004", "003"]
        assert entries[-1].highlights == ("改过的提要",)
        assert index.search("写命令行") == []  # 002's text went with it
        assert [h.number for h in index.search("issue 005")] == ["005"]


def test_broken_files_are_reported_and_not_parsed_again_until_they_change(folder):
    for name, data in BROKEN.items():
        (folder / name).mkdir()
        (folder / name / "issue.yaml").write_bytes(data)
    with ArchiveIndex(folder) as index:
        index.update()
        assert [e.number for e in index.entries()] == ["番外02", "004", "003", "002"]
        errors = dict(index.errors())
        assert sorted(p.parent.name for p in errors) == sorted(BROKEN)
        assert "malformed YAML" in errors[folder / "010" / "issue.yaml"]
        parsed = index.parsed
        assert index.update() is False and index.parsed == parsed


def test_a_broken_cache_file_is_thrown_away_and_built_again(folder):
    path = default_db_path(folder)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    with ArchiveIndex(folder) as index:
        index.update()
        assert len(index.entries()) == 4
    other = path.with_name("other.sqlite3")
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE unrelated(x)")
    db.commit()
    db.close()
    with ArchiveIndex(folder, db_path=other) as index:
        assert index.update() and len(index) == 4


def test_a_worker_threads_updates_reach_the_readers_connection(folder):
    reader = ArchiveIndex(folder)
    assert reader.search("写命令行") == []
    progress = []

    def work():
        with ArchiveIndex(folder) as writer:
            writer.update(progress=lambda done, total: progress.append((done, total)))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert progress[-1] == (4, 4)
    assert reader.search("写命令行")[0].key == folder / "002" / "issue.yaml"
    assert [e.number for e in reader.entries()] == ["番外02", "004", "003", "002"]
    reader.close()


def test_an_update_can_be_stopped_and_resumed(folder):
    with ArchiveIndex(folder) as index:
        index.update(stop=lambda: True)
        assert index.entries() == []
        index.update()
        assert len(index) == 4



def test_an_error_raised_by_progress_reaches_the_caller_and_what_was_committed_stays(folder):
    class Gone(Exception):
        pass

    def progress(done, total):
        raise Gone

    with ArchiveIndex(folder) as index:
        # batch_seconds=0: progress runs after each file's COMMIT, outside any transaction
        with pytest.raises(Gone):
            index.update(progress=progress, batch_seconds=0)
        assert len(index) == 1
        index.update()
        assert len(index) == 4


SYNTHETIC = make_synthetic_issues(30, chars=3000)


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    keys = [f"/archive/{i.number}/issue.yaml" for i in SYNTHETIC]
    db = tmp_path_factory.mktemp("index") / "index.sqlite3"
    disk = ArchiveIndex("/archive", db_path=db)
    disk.add_issues(SYNTHETIC, keys)
    from pathlib import Path

    yield SearchIndex.build(SYNTHETIC, keys=[Path(k) for k in keys]), disk
    disk.close()


@pytest.mark.parametrize("query", BENCH_QUERIES + ("lo", "模", "a", "ai", "029 lora", "羡鱼",
                                                  '"scaling language"', "gpt-4 的", "=="))
@pytest.mark.parametrize("limit", [5, 200, None])
@pytest.mark.parametrize("broad", ["narrow", "broad", "broad, short budget"])
def test_disk_search_gives_the_same_hits_as_the_memory_index(pair, query, limit, broad,
                                                             monkeypatch):
    from talkeditor.archive import index_search as index_module

    if broad != "narrow":  # common terms are read in order instead of fetched
        monkeypatch.setattr(index_module, "MIN_BROAD", 0)
        monkeypatch.setattr(index_module, "BROAD_SHARE", 0.0)
    if broad == "broad, short budget":
        monkeypatch.setattr(index_module, "SCAN_BUDGET", 2)
    memory, disk = pair
    assert disk.search(query, limit=limit) == memory.search(query, limit=limit)


@pytest.fixture(scope="module")
def shuffled_pair(tmp_path_factory):
    """The synthetic archive added to the disk index in a shuffled order, so that archive
    order (newest first) is not the order of the documents' ids."""
    import random

    keys = [f"/archive/{i.number}/issue.yaml" for i in SYNTHETIC]
    order = list(range(len(SYNTHETIC)))
    random.Random(18).shuffle(order)
    db = tmp_path_factory.mktemp("index") / "index.sqlite3"
    disk = ArchiveIndex("/archive", db_path=db)
    for k in range(0, len(order), 7):
        chunk = order[k:k + 7]
        disk.add_issues([SYNTHETIC[i] for i in chunk], [keys[i] for i in chunk])
    from pathlib import Path

    yield SearchIndex.build(SYNTHETIC, keys=[Path(k) for k in keys]), disk
    disk.close()


_PIECES = ("大模型", "模型", "模", "型", "检索", "位置编码", "lora", "lo", "ra", "net", "gpt-4",
           "a", "ai", "scaling", "language", "的", "羡鱼", "zhuanlan", "029", "==", "不存在")


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(_PIECES), min_size=1, max_size=3),
       quoted=st.booleans(), limit=st.sampled_from([1, 5, 200, None]),
       broad_share=st.sampled_from([0.0, 0.05, 1.0]), budget=st.sampled_from([1, 3, 150]),
       few=st.sampled_from([0, 200, 10_000]), shuffled=st.booleans())
def test_any_query_gives_the_disk_index_the_memory_indexs_hits(
        pair, shuffled_pair, monkeypatch, words, quoted, limit, broad_share, budget, few,
        shuffled):
    """However the index narrows a query (terms fetched or only confirmed, issues read in
    order under any budget, documents' ids in archive order or not), the hits are the
    in-memory index's."""
    from talkeditor.archive import index_search as index_module

    monkeypatch.setattr(index_module, "MIN_BROAD", 0)
    monkeypatch.setattr(index_module, "BROAD_SHARE", broad_share)
    monkeypatch.setattr(index_module, "SCAN_BUDGET", budget)
    monkeypatch.setattr(index_module, "FEW_DOCS", few)
    memory, disk = shuffled_pair if shuffled else pair
    query = f'"{" ".join(words)}"' if quoted else " ".join(words)
    assert disk.search(query, limit=limit) == memory.search(query, limit=limit)
