"""The design rules that keep the house readable (in the spirit of Leo's test_design.py).

- No module over ~400 lines: a module that grows past it does more than one job; split it by
  job (the exceptions below say why each one is still large, and shrink as they are split).
- Every QFileDialog, QMessageBox and QInputDialog opens in ``talkeditor/ui/dialogs.py``, so
  tests (and the benchmarks) patch one module to answer them.
- Widgets do no file I/O: everything in ``talkeditor/ui/`` outside ``ui/document/`` (the
  document's life cycle: open, save, autosave, watching) asks the core or the document layer.
- Every module says what it is for in a docstring at its top.
Qt-free core and no import cycles are checked by ``test_core_layering.py``.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "talkeditor"
MAX_LINES = 400
#: Modules still over MAX_LINES, with the reason; keep this list short and shrinking.
LARGE_MODULES: dict[str, str] = {}  # rel path -> why it may be longer (none left)
DIALOG_CLASSES = {"QFileDialog", "QMessageBox", "QInputDialog"}
DIALOGS_MODULE = "ui/dialogs.py"
#: pathlib methods that touch the file system, os/shutil/tempfile calls, and builtin open().
IO_METHODS = {"read_text", "read_bytes", "write_text", "write_bytes", "unlink", "mkdir",
              "rmdir", "touch", "rename", "replace", "symlink_to", "hardlink_to"}
IO_MODULES = {"os", "shutil", "tempfile"}
#: Names whose methods of those names are not about files (dataclasses.replace …).
NOT_FILES = {"str", "self", "dataclasses", "copy", "re"}
#: Widgets that may still do file I/O, with the reason (none today).
WIDGET_IO: dict[str, str] = {}


def _modules() -> dict[str, Path]:
    return {p.relative_to(PACKAGE).as_posix(): p for p in sorted(PACKAGE.rglob("*.py"))}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _is_widget(rel: str) -> bool:
    return rel.startswith("ui/") and not rel.startswith("ui/document/")


def test_no_module_is_over_400_lines_except_the_listed_ones():
    sizes = {rel: len(p.read_text(encoding="utf-8").splitlines())
             for rel, p in _modules().items()}
    too_long = {rel: n for rel, n in sizes.items() if n > MAX_LINES and rel not in LARGE_MODULES}
    assert too_long == {}
    # An exception that is no longer needed (split, or gone) leaves the list.
    assert [rel for rel in LARGE_MODULES if sizes.get(rel, 0) <= MAX_LINES] == []


def test_dialogs_open_only_in_ui_dialogs():
    offenders = []
    for rel, path in _modules().items():
        if rel == DIALOGS_MODULE:
            continue
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Name) and node.id in DIALOG_CLASSES:
                offenders.append(f"{rel}:{node.lineno} uses {node.id}")
            elif isinstance(node, ast.ImportFrom):
                offenders += [f"{rel}:{node.lineno} imports {a.name}" for a in node.names
                              if a.name in DIALOG_CLASSES]
    assert offenders == []


def _io_calls(tree: ast.Module) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "open":
            found.append((node.lineno, "open()"))
        elif isinstance(func, ast.Attribute):
            owner = func.value
            if isinstance(owner, ast.Name) and owner.id in IO_MODULES:
                found.append((node.lineno, f"{owner.id}.{func.attr}()"))
            elif func.attr in IO_METHODS and not (isinstance(owner, ast.Name)
                                                  and owner.id in NOT_FILES):
                if func.attr == "replace" and len(node.args) != 1:
                    continue  # str.replace(old, new), not Path.replace(target)
                found.append((node.lineno, f".{func.attr}()"))
    return found


def test_widgets_do_no_file_io():
    offenders = []
    for rel, path in _modules().items():
        if not _is_widget(rel) or rel in WIDGET_IO:
            continue
        offenders += [f"{rel}:{line} {call}" for line, call in _io_calls(_tree(path))]
    assert offenders == []


def test_the_io_check_finds_file_io_where_there_is_some():
    code = ("import os, shutil\nfrom pathlib import Path\n"
            "def f(p: Path):\n    open(p)\n    p.write_text('x')\n    os.replace(p, p)\n"
            "    shutil.copy(p, p)\n    p.replace(Path('y'))\n    'a'.replace('a', 'b')\n")
    assert [call for _line, call in _io_calls(ast.parse(code))] == [
        "open()", ".write_text()", "os.replace()", "shutil.copy()", ".replace()"]
    assert [rel for rel in WIDGET_IO if not _io_calls(_tree(PACKAGE / rel))] == []


def test_every_module_says_what_it_is_for():
    missing = [rel for rel, path in _modules().items()
               if not (ast.get_docstring(_tree(path)) or "").strip()]
    assert missing == []
