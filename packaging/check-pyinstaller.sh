#!/usr/bin/env bash
# Build the PyInstaller bundle (packaging/build-pyinstaller.sh) and smoke-test it:
#   - `talkeditor --version` prints the package version;
#   - render / new / check / export-zhihu / import work, from another working directory, on the
#     template shipped inside the bundle (so the frozen app finds its own resources);
#   - the GUI starts offscreen in Chinese on an issue, opens it (it records it as the last issue
#     in settings.json) and is still running a few seconds later; when strace works, also that
#     it loaded talkeditor_zh_CN.qm, Qt's qtbase_zh_CN.qm and the icon from the bundle.
#
#   packaging/check-pyinstaller.sh              # build, then check
#   packaging/check-pyinstaller.sh --no-build   # check an existing dist/talkeditor
#
# Needs what PySide6 needs offscreen (libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1
# libdbus-1-3). Exit status 0 when every check passes.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
python="${PYTHON:-.venv/bin/python}"
case "$python" in */*) python="$(cd "$(dirname "$python")" && pwd)/$(basename "$python")" ;; esac
dist="${DIST_DIR:-dist}"

if [ "${1:-}" != "--no-build" ]; then
    packaging/build-pyinstaller.sh
fi
bundle="$(cd "$dist/talkeditor" && pwd)"
exe="$bundle/talkeditor"
[ -x "$exe" ] || { echo "check-pyinstaller: $exe is missing" >&2; exit 1; }

tmp="$(mktemp -d)"
gui_pid=""
cleanup() {
    if [ -n "$gui_pid" ]; then kill "$gui_pid" 2>/dev/null || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "check-pyinstaller: FAIL: $*" >&2; exit 1; }
ok() { echo "check-pyinstaller: ok: $*"; }

# Private per-user folders, and run from an unrelated directory.
for d in config data state cache; do mkdir -p "$tmp/xdg/$d"; done
export XDG_CONFIG_HOME="$tmp/xdg/config" XDG_DATA_HOME="$tmp/xdg/data"
export XDG_STATE_HOME="$tmp/xdg/state" XDG_CACHE_HOME="$tmp/xdg/cache"
cd "$tmp"

want="talkeditor $(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$root/talkeditor/__init__.py")"
got="$("$exe" --version)"
[ "$got" = "$want" ] || fail "--version printed '$got', expected '$want'"
ok "--version: $got"

shipped="$(find "$bundle" -path '*/talkeditor/resources/templates/openllm-talk.yaml' | head -1)"
[ -n "$shipped" ] || fail "the bundle has no talkeditor/resources/templates/openllm-talk.yaml"
for template in "$shipped" "$root/resources/templates/openllm-talk.yaml"; do
    "$exe" render "$template" > render.md || fail "render $template"
    grep -qx '# 本周新闻' render.md || fail "render $template: no '# 本周新闻' heading"
done
ok "render the template (bundled copy and checkout copy)"

"$exe" render "$shipped" --to html > render.html || fail "render --to html"
grep -q '<h1>本周新闻</h1>' render.html || fail "render --to html: no <h1>本周新闻</h1>"
ok "render --to html (markdown-it-py and its plugins are bundled)"

"$exe" new -o "$tmp/new/issue.yaml" > /dev/null || fail "new (needs the bundled template)"
checked="$("$exe" check "$tmp/new/issue.yaml")" || fail "check"
[[ "$checked" == *OK* ]] || fail "check did not say OK: $checked"
ok "new from the bundled template, then check"

"$exe" export-zhihu "$root/tests/fixtures/issue-004.yaml" -o "$tmp/zhihu" > /dev/null 2>&1 \
    || fail "export-zhihu"
[ -s "$tmp/zhihu/post.html" ] && [ -s "$tmp/zhihu/post.md" ] || fail "export-zhihu wrote no post"
ok "export-zhihu"

"$exe" import "$root/tests/fixtures/import/issue-012.md" -o "$tmp/imported.yaml" > /dev/null \
    || fail "import .md"
if "$python" -c "import docx" 2>/dev/null; then
    "$python" - "$tmp/past.docx" <<'EOF'
import sys

import docx

document = docx.Document()
document.add_paragraph("【OpenLLM Talk 012】本期提要：测试")
document.add_heading("本周新闻", 1)
document.add_paragraph("【本周新闻】：LLM/AI news")
document.save(sys.argv[1])
EOF
    "$exe" import "$tmp/past.docx" -o "$tmp/from-docx.yaml" > /dev/null || fail "import .docx"
    grep -q '本周新闻' "$tmp/from-docx.yaml" || fail "import .docx lost the section"
    ok "import .md and .docx"
else
    ok "import .md (no python-docx in $python to make a .docx: skipped)"
fi

# The GUI, offscreen, in Chinese, on a copy of issue 004.
cp "$root/tests/fixtures/issue-004.yaml" "$tmp/gui-issue.yaml"
launcher=()
if command -v strace > /dev/null && strace -f -qq -o /dev/null true 2> /dev/null; then
    launcher=(strace -f -qq -e trace=openat -e signal=none -o "$tmp/gui.trace")
fi
# The shell writes its pid and then becomes the app (exec), so $gui_pid is the app itself even
# under strace (which exits when the app does).
QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES="qt.qpa.*=false" \
    "${launcher[@]}" bash -c 'echo $$ > "$0"; exec "$@"' "$tmp/gui.pid" \
    "$exe" --lang zh_CN "$tmp/gui-issue.yaml" > "$tmp/gui.out" 2> "$tmp/gui.err" &
launcher_pid=$!
for _ in $(seq 1 50); do [ -s "$tmp/gui.pid" ] && break; sleep 0.1; done
gui_pid="$(cat "$tmp/gui.pid" 2> /dev/null || true)"
[ -n "$gui_pid" ] || fail "the GUI did not start"
settings="$XDG_CONFIG_HOME/talkeditor/settings.json"
opened=""
for _ in $(seq 1 60); do
    if [ -f "$settings" ] && grep -q "gui-issue.yaml" "$settings"; then opened=1; break; fi
    kill -0 "$gui_pid" 2> /dev/null || break
    sleep 0.5
done
sleep 2
if ! kill -0 "$gui_pid" 2> /dev/null; then
    gui_pid=""
    wait "$launcher_pid" && status=0 || status=$?
    cat "$tmp/gui.err" >&2
    fail "the GUI exited by itself (status $status)"
fi
kill "$gui_pid"
gui_pid=""
wait "$launcher_pid" 2> /dev/null || true
[ -n "$opened" ] || { cat "$tmp/gui.err" >&2; fail "the GUI did not open the issue in 30 s"; }
if grep -q -E 'Traceback|unexpected error|Error' "$tmp/gui.err"; then
    cat "$tmp/gui.err" >&2
    fail "the GUI wrote an error"
fi
ok "the GUI started offscreen, opened the issue and kept running"
if [ -f "$tmp/gui.trace" ]; then
    # Files really opened (not the failed lookups) inside the bundle.
    grep -v ENOENT "$tmp/gui.trace" | grep -F "\"$bundle/" > "$tmp/gui.opened" || true
    for file in resources/i18n/talkeditor_zh_CN.qm translations/qtbase_zh_CN.qm \
                resources/icons/talkeditor.svg; do
        grep -q -F "$file" "$tmp/gui.opened" || fail "the GUI did not load $file from the bundle"
    done
    ok "the GUI loaded the Chinese translations (ours and Qt's) and the icon from the bundle"
fi
echo "check-pyinstaller: all checks passed ($bundle)"
