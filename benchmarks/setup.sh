#!/bin/sh
# What benchmarks/run.py needs beyond the test set-up (not part of CI's test run):
# Xvfb and ghostwriter (Debian) for the start-up figures on a real X server, and python-xlib
# for the XDamage watcher (benchmarks/xdamage.py).
set -e
cd "$(dirname "$0")/.."
if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends \
        xvfb ghostwriter
else
    echo "benchmarks/setup.sh: install Xvfb and ghostwriter with your package manager" >&2
fi
.venv/bin/python -m pip install -e ".[bench]"
