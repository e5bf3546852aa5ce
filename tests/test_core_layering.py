"""The core (every talkeditor/**/*.py outside ui/, subpackages included) never imports Qt."""

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "talkeditor"
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "PySide2", "shiboken6", "qtpy")
#: Only the command line may reach the app, to start it.
MAY_START_UI = {"cli/main.py"}


def _core_files() -> list[Path]:
    return sorted(p for p in CORE.rglob("*.py") if "ui" not in p.relative_to(CORE).parts)


def _module_of(path: Path) -> str:
    parts = list(path.relative_to(CORE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _absolute(path: Path, node: ast.ImportFrom) -> str:
    package = _module_of(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def test_no_core_module_imports_qt_or_the_ui_in_its_source():
    offenders = []
    for path in _core_files():
        rel = path.relative_to(CORE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [_absolute(path, node) if node.level else node.module or ""]
                if node.level and names[0] == "talkeditor":
                    names = [f"talkeditor.{a.name}" for a in node.names]
            for name in names:
                if name.split(".")[0] in QT_MODULES:
                    offenders.append(f"{rel}: imports {name}")
                elif name.startswith("talkeditor.ui") and rel not in MAY_START_UI:
                    offenders.append(f"{rel}: imports {name}")
    assert offenders == []
    assert len({p.parent for p in _core_files()}) >= 8  # the subpackages are walked too


def test_importing_every_core_module_loads_no_qt():
    modules = [_module_of(p) for p in _core_files() if p.stem != "__main__"]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == ""


def test_the_package_lists_its_own_modules_without_importing_them():
    from talkeditor.lazy import own_module_names

    code = ("import sys; from talkeditor.lazy import own_module_names; own_module_names(); "
            "print(sorted(m for m in sys.modules if m.startswith('talkeditor')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60).stdout.strip()
    assert loaded == "['talkeditor', 'talkeditor.lazy']"
    assert sorted(own_module_names()) == sorted(_module_of(p) for p in CORE.rglob("*.py"))
