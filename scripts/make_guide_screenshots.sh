#!/usr/bin/env bash
# The screenshots of the README and the user guide, all from the real window under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
shot() { scripts/screenshot.sh --out "$@"; }
shot docs/screenshot.png --section 本周新闻/学术
shot docs/images/metadata.png --section ""
shot docs/images/next-issue.png --next --section 本周推荐/资料
shot docs/images/archive.png --tab archive --search lora --section "Free Talk"
shot docs/images/credits.png --tab credits --section "Free Talk"
shot docs/images/zhihu.png --zhihu --section 本周推荐
