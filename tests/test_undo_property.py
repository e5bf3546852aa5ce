"""Undo is one history the host can trust (issue 14): any sequence of edits (typing,
deleting text, fields, metadata, rename, move, reparent, add, delete, person rename, Replace
All across sections), undone to the start, gives back the opened issue exactly; redone to
the end, gives back the edited one."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor

from talkeditor.credits.edit import rename_person
from talkeditor.model import Field
from talkeditor.storage.files import load_yaml_issue
from talkeditor.ui.document.issue_document import IssueDocument

from .conftest import FIXTURES

TEXT = st.text(alphabet="ab 甲乙丙\n-@【】", min_size=1, max_size=12)
INDEX = st.integers(min_value=0, max_value=10_000)
OPERATION = st.one_of(
    st.tuples(st.just("type"), INDEX, INDEX, TEXT),
    st.tuples(st.just("erase"), INDEX, INDEX, st.integers(1, 20)),
    st.tuples(st.just("pause")),
    st.tuples(st.just("field"), INDEX, TEXT),
    st.tuples(st.just("meta"), st.sampled_from(["number", "title", "video"]), TEXT),
    st.tuples(st.just("highlights"), TEXT),
    st.tuples(st.just("rename"), INDEX, TEXT),
    st.tuples(st.just("move"), INDEX, st.sampled_from([-1, 1])),
    st.tuples(st.just("reparent"), INDEX, INDEX, INDEX),
    st.tuples(st.just("add"), INDEX, st.booleans()),
    st.tuples(st.just("delete"), INDEX),
    st.tuples(st.just("person"), st.sampled_from(["甲", "初七", "不存在"]),
              st.sampled_from(["乙", "丙丁"])),
    st.tuples(st.just("replace_all"), st.sampled_from(["a", "甲", "\n", "【"]), TEXT),
)


def _ids(document: IssueDocument) -> list[str]:
    return [s.id for s, _d in document.issue.walk()]


def apply(document: IssueDocument, op: tuple) -> None:
    ids = _ids(document)
    pick = (lambda i: ids[i % len(ids)]) if ids else None
    kind = op[0]
    if kind in ("type", "erase") and ids:
        doc = document.body_document(pick(op[1]))
        cursor = QTextCursor(doc)
        end = doc.characterCount() - 1
        cursor.setPosition(op[2] % (end + 1))
        if kind == "type":
            cursor.insertText(op[3])
        else:
            cursor.setPosition(min(end, cursor.position() + op[3]),
                               QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
    elif kind == "pause":
        document.end_typing_run()
    elif kind == "field" and ids:
        section = document.issue.find(pick(op[1]))
        fields = [Field(label=f.label, value=f.value + op[2]) for f in section.fields]
        document.set_fields(section.id, fields or [Field(label=op[2])])
    elif kind == "meta":
        document.set_meta(op[1], op[2])
    elif kind == "highlights":
        document.set_meta("highlights", [*document.issue.highlights, op[1]])
    elif kind == "rename" and ids:
        document.rename_section(pick(op[1]), op[2])
    elif kind == "move" and ids:
        document.move_section(pick(op[1]), op[2])
    elif kind == "reparent" and ids:
        parent = pick(op[2]) if op[2] % 3 else None
        document.reparent_section(pick(op[1]), parent, op[3] % 5)
    elif kind == "add":
        document.add_section(pick(op[1]) if ids else None, "新", as_child=op[2])
    elif kind == "delete" and len(ids) > 1:
        document.delete_section(pick(op[1]))
    elif kind == "person":
        document.replace_issue(lambda issue: rename_person(issue, op[1], op[2]), "rename")
    elif kind == "replace_all":
        pattern = re.compile(re.escape(op[1]))

        def mutate(issue):
            for section, _depth in issue.walk():
                section.body = pattern.sub(lambda _m: op[2], section.body)

        document.replace_issue(mutate, "Replace All")


def bodies_match_the_model(document: IssueDocument) -> bool:
    return all(document.body_document(s.id).toPlainText() == s.body
               for s, _d in document.issue.walk())


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(OPERATION, min_size=1, max_size=40))
def test_undoing_every_edit_gives_back_the_opened_issue_exactly(qapp, operations):
    original = load_yaml_issue(FIXTURES / "issue-004.yaml")
    document = IssueDocument(original.clone())
    for section, _depth in original.walk():
        document.body_document(section.id)  # every section opened in the editor once
    for op in operations:
        apply(document, op)
    edited = document.sync().clone()  # bodies are copied to the model lazily
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert document.sync() == original
    assert bodies_match_the_model(document)
    while document.undo_stack.canRedo():
        document.undo_stack.redo()
    assert document.sync() == edited
    assert bodies_match_the_model(document)


def test_replace_all_across_sections_is_undone_completely(qapp):
    original = load_yaml_issue(FIXTURES / "issue-004.yaml")
    document = IssueDocument(original.clone())
    for section, _depth in original.walk():
        document.body_document(section.id)
    cursor = QTextCursor(document.body_document("news"))
    cursor.insertText("a 甲 a\n")
    for needle, replacement in (("a", "Z"), ("甲", "乙"), ("\n", " ")):
        pattern = re.compile(re.escape(needle))
        document.replace_issue(lambda issue, p=pattern, r=replacement: [
            setattr(s, "body", p.sub(r, s.body)) for s, _d in issue.walk()], "Replace All")
    assert "\n" not in "".join(s.body for s, _d in document.sync().walk())
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert document.sync() == original and bodies_match_the_model(document)
