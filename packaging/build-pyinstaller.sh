#!/usr/bin/env bash
# Build talkeditor as a one-folder PyInstaller bundle: dist/talkeditor/talkeditor (the program)
# and dist/talkeditor/_internal/ (Python, Qt, the resources). Run from anywhere:
#
#   packaging/build-pyinstaller.sh          # uses .venv (scripts/bootstrap.sh makes it)
#   PYTHON=/path/to/python packaging/build-pyinstaller.sh
#
# PyInstaller is installed into that environment when missing. DIST_DIR (default dist) and
# WORK_DIR (default build/pyinstaller) move the output; both defaults are git-ignored.
# packaging/check-pyinstaller.sh builds and then smoke-tests the bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"
if ! "$python" -c "import talkeditor, PySide6" 2>/dev/null; then
    echo "build-pyinstaller: $python cannot import talkeditor and PySide6;" \
         "run scripts/bootstrap.sh first or set PYTHON" >&2
    exit 2
fi
if ! "$python" -c "import PyInstaller" 2>/dev/null; then
    echo "build-pyinstaller: installing PyInstaller into $("$python" -c 'import sys; print(sys.prefix)')"
    "$python" -m pip install -q "pyinstaller>=6.10"
fi
dist="${DIST_DIR:-dist}"
work="${WORK_DIR:-build/pyinstaller}"
start=$(date +%s)
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$work" packaging/talkeditor.spec
echo "build-pyinstaller: built $dist/talkeditor/talkeditor in $(( $(date +%s) - start )) s" \
     "($(du -sh "$dist/talkeditor" | cut -f1))"
