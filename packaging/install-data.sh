#!/usr/bin/env bash
# Install talkeditor's desktop integration: the .desktop file, the AppStream metainfo and the
# icon in every size, under PREFIX/share (default ~/.local, i.e. for the current user only).
#
#   packaging/install-data.sh                      # ~/.local/share/...
#   sudo packaging/install-data.sh /usr/local      # system-wide
#   DESTDIR=/tmp/stage packaging/install-data.sh /usr   # staged, for a distribution package
#
# The `talkeditor` command itself comes from `pip install` (or the PyInstaller bundle, linked
# onto PATH): the desktop file runs `talkeditor %f`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
prefix="${1:-$HOME/.local}"
share="${DESTDIR:-}$prefix/share"
app_id=io.github.talkeditor.TalkEditor

install -Dm644 "$here/$app_id.desktop" "$share/applications/$app_id.desktop"
install -Dm644 "$here/$app_id.metainfo.xml" "$share/metainfo/$app_id.metainfo.xml"
install -Dm644 "$root/resources/icons/talkeditor.svg" \
    "$share/icons/hicolor/scalable/apps/$app_id.svg"
for png in "$root"/resources/icons/talkeditor-*.png; do
    size="${png##*-}"
    size="${size%.png}"
    install -Dm644 "$png" "$share/icons/hicolor/${size}x${size}/apps/$app_id.png"
done

# Refresh the caches when installing for real (not into a staging DESTDIR).
if [ -z "${DESTDIR:-}" ]; then
    command -v update-desktop-database >/dev/null && \
        update-desktop-database -q "$share/applications" || true
    command -v gtk-update-icon-cache >/dev/null && [ -f "$share/icons/hicolor/index.theme" ] && \
        gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
fi
echo "installed $app_id under $share"
