"""The core (talkeditor/*.py outside ui/) never imports Qt."""

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "talkeditor"
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "PySide2", "shiboken6", "qtpy")


def _core_files():
    return sorted(p for p in CORE.glob("*.py"))


def test_no_core_module_imports_qt_in_its_source():
    offenders = []
    for path in _core_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.ImportFrom) and node.level and node.module:
                # Only the command line may reach the app, to start it.
                if node.module.split(".")[0] == "ui" and path.name != "cli.py":
                    offenders.append(f"{path.name}: imports .{node.module}")
                continue
            for name in names:
                if name.split(".")[0] in QT_MODULES or name.startswith("talkeditor.ui"):
                    offenders.append(f"{path.name}: imports {name}")
    assert offenders == []
    assert len(_core_files()) >= 6


def test_importing_every_core_module_loads_no_qt():
    modules = [f"talkeditor.{p.stem}" for p in _core_files()
               if p.stem not in ("__main__",)]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == ""
