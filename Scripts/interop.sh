#!/usr/bin/env bash
# zarr-python interop test (CI entry point).  From the repo root:
#
#     bash Scripts/interop.sh
#
# 1. sets up the pinned Python venv (Scripts/venv.sh),
# 2. builds the Swift CLI in release mode,
# 3. has SimpleZarr re-create every group and array of the fixture manifest in a
#    fresh temp directory (`simplezarr interop-write MANIFEST OUTDIR`),
# 4. checks the result with zarr-python (Scripts/interop_check.py),
# 5. checks the simplezarr command's cp, preview and get outputs with zarr-python,
#    PIL and numpy (Scripts/check_cli_interop.py).
#
# Environment:
#   INTEROP_SKIP_NEEDS  comma-separated codecs (e.g. "zstd,gzip") whose arrays are
#                       skipped by the checker, besides those that interop-write reports
#                       as not supported yet by this build (it skips their arrays).
#   INTEROP_WRITER      (testing only) a command to use instead of building and
#                       running `.build/release/simplezarr interop-write`; it is
#                       called as: $INTEROP_WRITER MANIFEST OUTDIR
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO="$(pwd)"
MANIFEST="$REPO/Tests/SimpleZarrTests/Fixtures/manifest.json"

# shellcheck source=Scripts/venv.sh
source "$REPO/Scripts/venv.sh"

TMPDIR_OUT="$(mktemp -d "${TMPDIR:-/tmp}/simplezarr-interop.XXXXXX")"
WRITE_LOG="$TMPDIR_OUT.write-log"
CODEC_DIR="$TMPDIR_OUT.codecs"
cleanup() { rm -rf "$TMPDIR_OUT" "$WRITE_LOG" "$CODEC_DIR"; }
trap cleanup EXIT

if [ -n "${INTEROP_WRITER:-}" ]; then
    echo "interop: writing with \$INTEROP_WRITER ($INTEROP_WRITER)"
    $INTEROP_WRITER "$MANIFEST" "$TMPDIR_OUT" | tee "$WRITE_LOG"
else
    echo "interop: building simplezarr (release)"
    swift build -c release --product simplezarr
    echo "interop: simplezarr interop-write -> $TMPDIR_OUT"
    "$REPO/.build/release/simplezarr" interop-write "$MANIFEST" "$TMPDIR_OUT" | tee "$WRITE_LOG"
fi
# Codecs this build does not register yet: interop-write skipped their arrays, so the checker must too.
UNSUPPORTED="$(sed -n 's/.*(codecs not supported yet: \(.*\))$/\1/p' "$WRITE_LOG" | tr ',' '\n' | tr -d ' ' | sort -u | paste -sd, -)"
if [ -n "$UNSUPPORTED" ]; then
    echo "interop: not supported by this build yet, so not checked: $UNSUPPORTED"
fi
SKIP_NEEDS="$(printf '%s,%s' "${INTEROP_SKIP_NEEDS:-}" "$UNSUPPORTED" | sed 's/^,//; s/,$//')"

echo "interop: our gzip/zlib/raw-deflate, zstd, lz4, blosc, bzip2 and xz streams, decoded by C zlib, libzstd, liblz4, c-blosc, libbz2 and liblzma"
DEFLATE_INTEROP_DIR="$CODEC_DIR/deflate" ZSTD_INTEROP_DIR="$CODEC_DIR/zstd" LZ4_INTEROP_DIR="$CODEC_DIR/lz4" \
    BLOSC_INTEROP_DIR="$CODEC_DIR/blosc" BZIP2_INTEROP_DIR="$CODEC_DIR/bzip2" XZ_INTEROP_DIR="$CODEC_DIR/xz" \
    swift test --filter "DeflateInteropExportTests|ZstdEncoderTests/testWriteInteropCorpus|LZ4InteropExportTests|BloscInteropExportTests|BZip2InteropExportTests|XZInteropExportTests" >/dev/null
"$INTEROP_PYTHON" "$REPO/Scripts/check_deflate_interop.py" "$CODEC_DIR/deflate"
"$INTEROP_PYTHON" "$REPO/Scripts/check_zstd_interop.py" "$CODEC_DIR/zstd"
"$INTEROP_PYTHON" "$REPO/Scripts/check_lz4_interop.py" "$CODEC_DIR/lz4"
"$INTEROP_PYTHON" "$REPO/Scripts/check_bzip2_interop.py" "$CODEC_DIR/bzip2"
"$INTEROP_PYTHON" "$REPO/Scripts/check_xz_interop.py" "$CODEC_DIR/xz"
"$INTEROP_PYTHON" "$REPO/Scripts/check_blosc_interop.py" "$CODEC_DIR/blosc"

echo "interop: a consolidated Zarr v2 hierarchy written here, read by zarr-python"
V2_INTEROP_DIR="$CODEC_DIR/v2" swift test --filter "V2InteropExportTests" >/dev/null
"$INTEROP_PYTHON" "$REPO/Scripts/check_hierarchy_interop.py" "$CODEC_DIR/v2"

echo "interop: sharded arrays written here, read by zarr-python"
SHARDED_INTEROP_DIR="$CODEC_DIR/sharded" swift test --filter "ShardedInteropExportTests" >/dev/null
"$INTEROP_PYTHON" "$REPO/Scripts/check_hierarchy_interop.py" "$CODEC_DIR/sharded"

echo "interop: strings, bytes, fixed-length text and bytes, datetimes and timedeltas written here (v3 and v2), read by zarr-python"
DTYPES_INTEROP_DIR="$CODEC_DIR/dtypes" swift test --filter DtypeInteropExportTests >/dev/null
"$INTEROP_PYTHON" "$REPO/Scripts/check_hierarchy_interop.py" "$CODEC_DIR/dtypes/v3"
"$INTEROP_PYTHON" "$REPO/Scripts/check_hierarchy_interop.py" "$CODEC_DIR/dtypes/v2"

echo "interop: our arrays with numcodecs' filters (delta, fixedscaleoffset, quantize, bitround, packbits, astype), read by zarr-python"
FILTERS_INTEROP_DIR="$CODEC_DIR/filters" swift test --filter NumcodecsFilterInteropExportTests >/dev/null
"$INTEROP_PYTHON" "$REPO/Scripts/check_filters_interop.py" "$CODEC_DIR/filters"

if [ -n "${SIMPLEZARR_TEST_S3_ENDPOINT:-}" ]; then
    echo "interop: a hierarchy written here to the moto S3 server, read by zarr-python (obstore)"
    S3_INTEROP_WRITE_BUCKET=simplezarr-written swift test --filter "S3InteropTests/testWriteForZarrPython" >/dev/null
    (cd "$REPO/Scripts" && "$INTEROP_PYTHON" check_s3_interop.py check "$SIMPLEZARR_TEST_S3_ENDPOINT" simplezarr-written)
elif [ -n "${CI:-}" ]; then
    echo "interop: SIMPLEZARR_TEST_S3_ENDPOINT is not set (Scripts/test-servers.sh start)" >&2
    exit 1
fi
if [ -z "${INTEROP_WRITER:-}" ]; then
    echo "interop: the simplezarr command (cp results read by zarr-python, PNGs by PIL, .npy by numpy)"
    "$INTEROP_PYTHON" "$REPO/Scripts/check_cli_interop.py" "$REPO/.build/release/simplezarr" "$CODEC_DIR/cli"
fi
echo "interop: zips written here (v2 and v3, stored and deflated), read by zipfile and zarr-python's ZipStore"
ZIP_INTEROP_DIR="$CODEC_DIR/zip" swift test --filter "ZipStoreWriteTests/testExportForZarrPython" >/dev/null
"$INTEROP_PYTHON" "$REPO/Scripts/check_zip_interop.py" "$CODEC_DIR/zip"
echo "interop: zips freshly written by zarr-python, zipfile and Info-ZIP, read here"
"$INTEROP_PYTHON" "$REPO/Scripts/make_zip_fixtures.py" "$CODEC_DIR/zip-fixtures" >/dev/null
ZIP_FIXTURES_DIR="$CODEC_DIR/zip-fixtures" swift test --filter "ZipStoreFixtureTests" >/dev/null
echo "interop: OME-Zarr pyramids written here, opened by zarr-python (and ome-zarr-py if installed), compared with the Python simplezarr writer's"
PYRAMID_INTEROP_DIR="$CODEC_DIR/pyramids" swift test --filter PyramidInteropExportTests >/dev/null
"$INTEROP_PYTHON" "$REPO/Scripts/check_pyramid_interop.py" "$CODEC_DIR/pyramids"

echo "interop: checking with zarr-python"
"$INTEROP_PYTHON" "$REPO/Scripts/interop_check.py" "$MANIFEST" "$TMPDIR_OUT" \
    --skip-needs "$SKIP_NEEDS"
