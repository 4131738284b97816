#!/usr/bin/env bash
# SimpleZarr benchmark beside zarr-python (default, fused and zarrs pipelines),
# tensorstore and Python simplezarr 1.2.0, on the same files in the same run.
#
#     bash Scripts/bench/bench.sh [--quick] [--size N] [other run.py options]
#
# 1. makes the Python 3.12 virtualenv $REPO/.venv-bench with the pins of
#    Scripts/bench/requirements.txt (once: a stamp file holds their hash),
# 2. builds the release binary (swift build -c release --product simplezarr),
# 3. runs Scripts/bench/run.py, which writes the datasets to .bench-data/
#    (reused while they match), times every library and writes the report
#    (BENCHMARKS.md and BENCHMARKS.png at the repo root for the default 512^3).
#
# If the build fails the peers are still measured and our column says why.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
REPO="$(pwd)"
VENV="$REPO/.venv-bench"
REQ="$REPO/Scripts/bench/requirements.txt"
STAMP="$VENV/.bench-stamp"

want="$(cksum < "$REQ" | cut -d' ' -f1)-py312"
have=""
if [ -f "$STAMP" ] && [ -x "$VENV/bin/python" ]; then
    have="$(cat "$STAMP")"
fi
if [ "$have" != "$want" ]; then
    if [ ! -x "$VENV/bin/python" ]; then
        if PYENV_VERSION=3.12.1 python3.12 -c 'import sys; assert sys.version_info[:2] == (3, 12)' </dev/null >/dev/null 2>&1; then
            PY=(env PYENV_VERSION=3.12.1 python3.12)
        elif command -v python3.12 >/dev/null 2>&1; then
            PY=(python3.12)
        else
            echo "bench.sh: no Python 3.12 found (tried 'PYENV_VERSION=3.12.1 python3.12' and 'python3.12')" >&2
            exit 1
        fi
        echo "bench.sh: creating $VENV" >&2
        rm -rf "$VENV"
        "${PY[@]}" -m venv "$VENV" </dev/null
    fi
    echo "bench.sh: installing pinned packages" >&2
    PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 \
        "$VENV/bin/python" -m pip install --quiet --no-input -r "$REQ" </dev/null
    "$VENV/bin/python" -c 'import zarr, zarrs, tensorstore, simplezarr, numpy, numcodecs, matplotlib' </dev/null
    echo "$want" > "$STAMP"
fi

echo "bench.sh: building simplezarr (release)" >&2
EXTRA=()
if ! swift build -c release --product simplezarr >&2; then
    echo "bench.sh: release build failed; measuring the peers only" >&2
    EXTRA=(--binary "$REPO/.build/release/simplezarr (release build failed)")
fi

export BENCH_COMMAND="bash Scripts/bench/bench.sh${*:+ $*}"
exec "$VENV/bin/python" "$REPO/Scripts/bench/run.py" "${EXTRA[@]}" "$@"
