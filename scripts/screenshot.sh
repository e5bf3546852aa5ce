#!/usr/bin/env bash
# Real screenshots of the app under Xvfb (installs xvfb and CJK fonts when missing).
#   scripts/screenshot.sh                      docs/screenshot.png on issue 004, 本周新闻 > 学术
#   scripts/screenshot.sh --out x.png --section "Free Talk"
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --x11
XDG_CONFIG_HOME="$(mktemp -d)" XDG_STATE_HOME="$(mktemp -d)" XDG_DATA_HOME="$(mktemp -d)" \
  QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" \
  .venv/bin/python scripts/screenshot.py "$@"
