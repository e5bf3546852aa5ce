"""Fuzzing the loaders: random and mutated YAML, Markdown, text and .docx bytes. Only the
documented IssueFormatError ever escapes, and nothing hangs."""

import io
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talkeditor.importing import importer
from talkeditor.storage import yaml_format
from talkeditor.storage.yaml_format import IssueFormatError

from .conftest import FIXTURES, SAMPLES, TEMPLATE

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
SEEDS = [TEMPLATE.read_bytes(), (FIXTURES / "issue-004.yaml").read_bytes()]


def _mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(data)
    for position, cut, insert in edits:
        at = position % (len(out) + 1)
        out[at:at + cut] = insert
    return bytes(out)


EDITS = st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 40),
                           st.binary(max_size=12) | st.sampled_from(
                               [b"&a ", b"*a", b"!!python/object:os.system ", b"- ", b": ",
                                b"[", b"{", b"'", b'"', b"\n  ", b"\t", b"|", b"---\n", b"\x00",
                                "【贡献者】：".encode(), "：".encode(), b"#"])),
                 min_size=1, max_size=6)


def _only_format_errors(call, *args):
    try:
        call(*args)
    except IssueFormatError:
        pass


@FUZZ
@given(seed=st.sampled_from(SEEDS), edits=EDITS)
def test_mutated_yaml_issues_load_or_fail_with_the_documented_error(seed, edits):
    _only_format_errors(yaml_format.loads, _mutate(seed, edits))


@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes_never_escape_as_anything_but_the_documented_error(data):
    _only_format_errors(yaml_format.loads, data)


@FUZZ
@given(text=st.text(max_size=2000))
def test_random_text_never_escapes_as_anything_but_the_documented_error(text):
    _only_format_errors(yaml_format.loads, text)
    _only_format_errors(importer.import_text, text, "md")
    _only_format_errors(importer.import_text, text, "txt")


def _sample_texts() -> list[str]:
    if not SAMPLES.is_dir():
        return ["# 本周新闻\n\n【贡献者】：甲\n"]
    files = sorted((SAMPLES / "issues").glob("*.md")) + sorted((SAMPLES / "seed").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in files]


@FUZZ
@given(seed=st.sampled_from(_sample_texts()), edits=EDITS)
def test_mutated_markdown_and_text_issues_import_or_fail_cleanly(seed, edits, tmp_path):
    data = _mutate(seed.encode("utf-8"), edits)
    for suffix in (".md", ".txt"):
        path = tmp_path / f"fuzz{suffix}"
        path.write_bytes(data)
        _only_format_errors(importer.import_file, path)


def _small_docx() -> bytes:
    path = SAMPLES / "docx" / "openllm-talk-fanwai02.docx"
    source = zipfile.ZipFile(path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if not item.filename.startswith("word/media/"):
                target.writestr(item, source.read(item))
    return buffer.getvalue()


DOCX = _small_docx()


@FUZZ
@given(edits=EDITS)
def test_mutated_word_files_import_or_fail_cleanly(edits, tmp_path):
    path = Path(tmp_path) / "fuzz.docx"
    path.write_bytes(_mutate(DOCX, edits))
    _only_format_errors(importer.import_file, path)


@FUZZ
@given(member=st.sampled_from(["word/document.xml", "word/styles.xml", "[Content_Types].xml",
                               "word/_rels/document.xml.rels"]),
       edits=EDITS)
def test_word_files_with_mutated_xml_inside_import_or_fail_cleanly(member, edits, tmp_path):
    source = zipfile.ZipFile(io.BytesIO(DOCX))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, _mutate(data, edits) if item.filename == member else data)
    path = Path(tmp_path) / "inner.docx"
    path.write_bytes(buffer.getvalue())
    _only_format_errors(importer.import_file, path)
