# Sourced by scripts/start and scripts/test: a project virtual environment in .venv, so the
# quick start works on a stock Debian or Ubuntu whose python3 is externally managed (PEP 668).
# Usage: use_venv EXTRAS   (EXTRAS: "" or "test"); afterwards .venv/bin is first on PATH.

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

use_venv() {
    local extras="$1" python="${PYTHON:-python3}"
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "asyncos-emulator needs Python 3.11 or newer as $python" >&2
        exit 1
    fi
    if [ ! -x .venv/bin/python ]; then
        if ! "$python" -m venv .venv 2>/dev/null; then
            # Debian and Ubuntu ship venv (ensurepip) separately.
            rm -rf .venv
            as_root apt-get update -qq
            DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-venv >/dev/null
            "$python" -m venv .venv
        fi
    fi
    local target="."
    [ -n "$extras" ] && target=".[$extras]"
    .venv/bin/python -m pip install -q --disable-pip-version-check -e "$target"
    export PATH="$PWD/.venv/bin:$PATH"
}
