#!/usr/bin/env bash
# Set up a development environment in .venv: the Debian libraries Qt needs and git (File › Sync
# and `talkeditor sync` run it) — installed with apt-get when running as root, otherwise
# listed — then the package and its dependencies.
#   scripts/bootstrap.sh            app dependencies
#   scripts/bootstrap.sh --test     plus the test tools (and the desktop/AppStream validators)
#   scripts/bootstrap.sh --x11      plus what a real X window and screenshots need (Xvfb, CJK fonts)
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
debs=(libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 git)
x11_debs=(libxcb-cursor0 libxkbcommon-x11-0 libx11-xcb1 libxcb-icccm4 libxcb-image0
          libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1
          fonts-noto-cjk)
for arg in "$@"; do
  case "$arg" in
    --test) extras="[test]"; debs+=(desktop-file-utils appstream) ;;
    --x11) debs+=("${x11_debs[@]}" xvfb xauth) ;;
    *) echo "bootstrap: unknown option $arg" >&2; exit 2 ;;
  esac
done
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  debs+=("${x11_debs[@]}")
fi

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for pkg in "${debs[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "bootstrap: installing ${missing[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
      echo "bootstrap: Qt needs these Debian packages: sudo apt-get install ${missing[*]}" >&2
    fi
  fi
fi

python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
# Install again only when pyproject.toml or the extras changed since the last time.
stamp=".venv/.talkeditor-installed"
wanted="$(sha256sum pyproject.toml | cut -d' ' -f1) ${extras}"
if [ ! -f "$stamp" ] || ! grep -qxF -- "$wanted" "$stamp"; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  .venv/bin/python -m pip install -q -e ".${extras}" 2>&1 \
    | grep -v -e "BuildBackendWarning" -e "^ *\*\*\*" -e "^ *!!" -e "Please be careful" \
      -e "name as your package" -e "with strategy, WheelFile" -e "^ *$" || true
  echo "$wanted" >> "$stamp"
fi
