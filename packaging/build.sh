#!/usr/bin/env bash
# Build the one-folder oncall app with PyInstaller (Linux; macOS works the same way).
#
#   packaging/build.sh [--dist DIR] [--work DIR] [--archive]
#
# Output: DIR/oncall/oncall (default DIR: ./dist). With --archive, also
# DIR/oncall-VERSION-linux-ARCH.tar.gz holding the app folder plus the desktop files and
# packaging/linux/install.sh. Prints the bundle size and the build time at the end.
# Windows: run the pyinstaller line below in PowerShell, then optionally
# `iscc packaging\windows\oncall.iss` (see docs/operations.md#desktop-packages).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="$ROOT/dist"
WORK="$ROOT/build"
ARCHIVE=0
while [ $# -gt 0 ]; do
    case "$1" in
        --dist) DIST="$2"; shift 2 ;;
        --work) WORK="$2"; shift 2 ;;
        --archive) ARCHIVE=1; shift ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "build.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
    echo "build.sh: PyInstaller is missing: pip install '.[packaging]'" >&2
    exit 2
fi
VERSION="$("$PYTHON" -c "import tomllib,sys; print(tomllib.load(open(sys.argv[1],'rb'))['project']['version'])" "$ROOT/pyproject.toml")"

start=$(date +%s)
(cd "$ROOT" && "$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" packaging/oncall.spec)
seconds=$(( $(date +%s) - start ))

APP="$DIST/oncall"
[ "$(uname -s)" = Darwin ] && APP="$DIST/oncall.app"
size_mb=$(du -sm "$APP" | cut -f1)
echo "build.sh: built $APP (oncall $VERSION): ${size_mb} MB in ${seconds} s"

if [ "$ARCHIVE" = 1 ] && [ "$(uname -s)" = Linux ]; then
    name="oncall-$VERSION-linux-$(uname -m)"
    stage="$WORK/$name"
    rm -rf "$stage" && mkdir -p "$stage/share"
    cp -a "$APP" "$stage/oncall"
    cp "$ROOT/packaging/linux/io.github.oncall.Oncall.desktop" \
       "$ROOT/packaging/linux/io.github.oncall.Oncall.metainfo.xml" "$stage/share/"
    cp -a "$ROOT/resources/icons/hicolor" "$stage/share/icons"
    cp "$ROOT/packaging/linux/install.sh" "$ROOT/LICENSE" "$ROOT/CHANGELOG.md" "$stage/"
    tar -C "$WORK" -czf "$DIST/$name.tar.gz" "$name"
    echo "build.sh: archive $DIST/$name.tar.gz ($(du -sm "$DIST/$name.tar.gz" | cut -f1) MB)"
fi
