#!/usr/bin/env bash
# One entry point for a fresh machine:
#   ./dev.sh app    set up, then open the desktop app on the demo team (local SQLite file)
#   ./dev.sh test   set up, then run the whole test suite
#   ./dev.sh bench  set up, then run the benchmarks
# Setup: system packages the tests use (when run as root with apt), a virtualenv in .venv,
# and the project installed into it in editable mode with its test and packaging extras.
set -euo pipefail
cd "$(dirname "$0")"

VENV=${ONCALL_VENV:-.venv}
PY=${PYTHON:-python3}

system_packages() {
    local wanted=(poppler-utils desktop-file-utils appstream libegl1 libgl1 libxkbcommon0
                  libfontconfig1 libdbus-1-3 fonts-dejavu-core postgresql)
    command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ] || return 0
    local missing=()
    for p in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "dev.sh: installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

python_env() {
    if [ ! -x "$VENV/bin/python" ]; then
        "$PY" -m venv "$VENV"
    fi
    "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
    "$VENV/bin/python" -m pip install -q -e ".[test,packaging]"
}

case "${1:-}" in
    app)
        python_env
        shift
        # With no arguments: the embedded default, the demo team in its local SQLite file.
        [ $# -eq 0 ] && set -- --demo
        exec "$VENV/bin/oncall" "$@"
        ;;
    test)
        system_packages
        python_env
        shift
        exec "$VENV/bin/python" -m pytest "$@"
        ;;
    bench)
        python_env
        for b in benchmarks/bench_*.py; do
            echo "== $b"
            "$VENV/bin/python" "$b"
        done
        ;;
    *)
        echo "usage: ./dev.sh app|test|bench [args]" >&2
        exit 2
        ;;
esac
