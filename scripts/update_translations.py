#!/usr/bin/env python3
"""Refresh the translation source from the code and compile it.

    python scripts/update_translations.py

Runs pyside6-lupdate over talkeditor/ui/**/*.py into resources/i18n/talkeditor_zh_CN.ts (existing
translations are kept; new strings appear as unfinished, to be translated in Qt Linguist or by
hand) and pyside6-lrelease into talkeditor_zh_CN.qm.
"""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "talkeditor_zh_CN.ts"


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent)) \
        or shutil.which(f"pyside6-{name}")
    if not found:
        sys.exit(f"pyside6-{name} not found; install PySide6-Essentials")
    return found


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "talkeditor" / "ui").rglob("*.py"))
    subprocess.run([tool("lupdate"), "-no-obsolete", "-locations", "none", *sources,
                    "-ts", str(TS.relative_to(ROOT))], cwd=ROOT, check=True)
    subprocess.run([tool("lrelease"), str(TS), "-qm", str(TS.with_suffix(".qm"))], cwd=ROOT,
                   check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
