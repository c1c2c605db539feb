#!/bin/sh
# Install the unpacked oncall app for this user (default) or system-wide (--system, as root).
#
#   ./install.sh            -> ~/.local/opt/oncall, ~/.local/bin/oncall, menu entry and icons
#   sudo ./install.sh --system   -> /opt/oncall, /usr/local/bin/oncall, /usr/local/share/...
#   ./install.sh --uninstall [--system]
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
APP_ID=io.github.oncall.Oncall
if [ "${1:-}" = --uninstall ]; then UNINSTALL=1; shift; else UNINSTALL=0; fi
if [ "${1:-}" = --system ]; then
    OPT=/opt/oncall; BIN=/usr/local/bin; SHARE=/usr/local/share
else
    OPT="$HOME/.local/opt/oncall"; BIN="$HOME/.local/bin"; SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
fi

if [ "$UNINSTALL" = 1 ]; then
    rm -rf "$OPT"
    rm -f "$BIN/oncall" "$SHARE/applications/$APP_ID.desktop" "$SHARE/metainfo/$APP_ID.metainfo.xml"
    find "$SHARE/icons/hicolor" -name "$APP_ID.*" -delete 2>/dev/null || true
    echo "oncall removed from $OPT"
    exit 0
fi

rm -rf "$OPT"
mkdir -p "$OPT" "$BIN" "$SHARE/applications" "$SHARE/metainfo"
cp -a "$HERE/oncall/." "$OPT/"
ln -sf "$OPT/oncall" "$BIN/oncall"
# The menu entry runs the installed binary by its full path, so ~/.local/bin need not be on PATH.
sed -e "s|^Exec=oncall|Exec=$OPT/oncall|" -e "s|^TryExec=oncall|TryExec=$OPT/oncall|" \
    "$HERE/share/$APP_ID.desktop" > "$SHARE/applications/$APP_ID.desktop"
cp "$HERE/share/$APP_ID.metainfo.xml" "$SHARE/metainfo/"
mkdir -p "$SHARE/icons/hicolor"
cp -a "$HERE/share/icons/." "$SHARE/icons/hicolor/"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$SHARE/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true
echo "oncall installed in $OPT; run 'oncall' or pick it from the applications menu"
