#!/usr/bin/env bash
# Creates (if missing) the Python virtualenv used by the zarr-python interop
# scripts, at $REPO/.venv-interop, and installs the pinned packages from
# Scripts/interop-requirements.txt.  Idempotent: a stamp file holding the hash
# of the requirements makes a second run instant.
#
# Usage:
#   source Scripts/venv.sh     # defines INTEROP_VENV and INTEROP_PYTHON
#   bash Scripts/venv.sh       # same, prints the venv python path
#
# Works non-interactively (CI=true, no stdin, as root).

_interop_venv_main() {
    local script_dir repo venv req stamp want have py
    script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
    repo="$(cd "$script_dir/.." && pwd)"
    venv="$repo/.venv-interop"
    req="$script_dir/interop-requirements.txt"
    stamp="$venv/.interop-stamp"

    if [ ! -f "$req" ]; then
        echo "venv.sh: missing $req" >&2
        return 1
    fi
    want="$(cat "$req" | cksum | cut -d' ' -f1)-py312"
    have=""
    if [ -f "$stamp" ] && [ -x "$venv/bin/python" ]; then
        have="$(cat "$stamp")"
    fi

    if [ "$have" != "$want" ]; then
        if [ ! -x "$venv/bin/python" ]; then
            py=""
            if PYENV_VERSION=3.12.1 python3.12 -c 'import sys; assert sys.version_info[:2] == (3, 12)' </dev/null >/dev/null 2>&1; then
                py="pyenv"
            elif command -v python3.12 >/dev/null 2>&1 \
                && python3.12 -c 'import sys; assert sys.version_info[:2] == (3, 12)' </dev/null >/dev/null 2>&1; then
                py="path"
            else
                echo "venv.sh: no Python 3.12 found (tried 'PYENV_VERSION=3.12.1 python3.12' and 'python3.12' on PATH)" >&2
                return 1
            fi
            echo "venv.sh: creating $venv" >&2
            rm -rf "$venv"
            if [ "$py" = "pyenv" ]; then
                PYENV_VERSION=3.12.1 python3.12 -m venv "$venv" </dev/null || { echo "venv.sh: venv creation failed" >&2; return 1; }
            else
                python3.12 -m venv "$venv" </dev/null || { echo "venv.sh: venv creation failed" >&2; return 1; }
            fi
        fi
        echo "venv.sh: installing pinned packages" >&2
        PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 \
            "$venv/bin/python" -m pip install --quiet --no-input -r "$req" </dev/null \
            || { echo "venv.sh: pip install failed" >&2; return 1; }
        "$venv/bin/python" -c 'import zarr, numpy, numcodecs, zstandard' </dev/null \
            || { echo "venv.sh: installed packages do not import" >&2; return 1; }
        echo "$want" > "$stamp"
    fi

    INTEROP_VENV="$venv"
    INTEROP_PYTHON="$venv/bin/python"
    export INTEROP_VENV INTEROP_PYTHON
    return 0
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    # executed
    set -euo pipefail
    _interop_venv_main
    echo "$INTEROP_PYTHON"
else
    # sourced
    _interop_venv_main || return 1
fi
