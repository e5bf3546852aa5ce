#!/usr/bin/env bash
# Set up (scripts/bootstrap.sh) and start talkeditor. With no argument it opens the last issue,
# or a new issue from the default OpenLLM Talk template; any arguments go to `talkeditor`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
exec .venv/bin/talkeditor "$@"
