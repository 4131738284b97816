#!/usr/bin/env bash
# Builds and runs the libFuzzer targets of Scripts/fuzz/targets with AddressSanitizer.
#
#   Scripts/fuzz.sh TARGET SECONDS    build TARGET, fuzz it for SECONDS from its seed corpus
#   Scripts/fuzz.sh all SECONDS       every target, SECONDS each
#   Scripts/fuzz.sh list              the target names
#
# ZarrCompression and SimpleZarr are built once as sanitized libraries with testing enabled,
# so a target may `@testable import` them and use internal symbols. Builds use -O with
# assertions kept (-assert-config Debug), so the bounds that the fast loops state with
# `assert` are checked while fuzzing. The seed corpus is
# Scripts/fuzz/corpus/TARGET (committed); new inputs found while fuzzing go to
# .build-fuzz/corpus/TARGET (not committed) and crashes to .build-fuzz/findings/TARGET.
# Exits non-zero on any finding (crash, sanitizer report, leak, timeout, out-of-memory).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

targets_dir=Scripts/fuzz/targets
out=.build-fuzz
flags=(-O -wmo -assert-config Debug -sanitize=fuzzer,address -parse-as-library -g -swift-version 6 -package-name SimpleZarr -use-ld=lld)

target_names() { for f in "$targets_dir"/*.swift; do basename "$f" .swift; done; }

# Builds a module of Sources as a sanitized static library with testing enabled (so a target
# may `@testable import` it and reach internal symbols); rebuilt when one of its sources, or a
# library it depends on, is newer than the library.
build_library() {
    local module=$1
    shift
    local lib="$out/lib/lib$module.a"
    mkdir -p "$out/lib"
    if [[ -f "$lib" && -z "$(find "Sources/$module" "$@" -newer "$lib" 2>/dev/null | head -1)" ]]; then return; fi
    echo "fuzz: building $module (sanitized)" >&2
    # Run from the library folder: swiftc leaves side files in its working directory.
    local sources=()
    mapfile -t sources < <(find "$PWD/Sources/$module" -name '*.swift' | sort)
    (cd "$out/lib" && swiftc "${flags[@]}" -enable-testing -module-name "$module" -emit-library -static \
        -emit-module -emit-module-path "$module.swiftmodule" -I . -o "lib$module.a" "${sources[@]}" \
        >"$module.build.log" 2>&1) || { cat "$out/lib/$module.build.log" >&2; exit 1; }
}

build_target() {
    local name=$1
    local file="$targets_dir/$name.swift"
    [[ -f "$file" ]] || { echo "fuzz: no target '$name' (have: $(target_names | tr '\n' ' '))" >&2; exit 2; }
    build_library ZarrCompression
    build_library SimpleZarr "$out/lib/libZarrCompression.a"
    mkdir -p "$out/bin"
    echo "fuzz: building $name" >&2
    swiftc "${flags[@]}" -I "$out/lib" -L "$out/lib" -lSimpleZarr -lZarrCompression \
        -o "$out/bin/$name" "$file" >"$out/bin/$name.build.log" 2>&1 \
        || { cat "$out/bin/$name.build.log" >&2; exit 1; }
}

run_target() {
    local name=$1 seconds=$2
    local corpus="$out/corpus/$name" findings="$out/findings/$name"
    mkdir -p "$corpus" "$findings" "Scripts/fuzz/corpus/$name"
    local log="$out/$name.log"
    echo "fuzz: running $name for ${seconds}s" >&2
    # -rss_limit_mb: a decoder that allocates without bound is a finding; -timeout: so is a hang.
    set +e
    # The Swift runtime's own crash backtracer confuses AddressSanitizer: leave crashes to it.
    # A target may add libFuzzer options on a line `// fuzz-options: ...`.
    local options
    read -r -a options <<<"$(sed -n 's,^// fuzz-options: *,,p' "$targets_dir/$name.swift")"
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="detect_leaks=1:abort_on_error=0" "$out/bin/$name" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=3072 -max_len=65536 "${options[@]}" \
        -print_final_stats=1 -artifact_prefix="$findings/" \
        "$corpus" "Scripts/fuzz/corpus/$name" >"$log" 2>&1
    local status=$?
    set -e
    local runs
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    if [[ $status -ne 0 ]]; then
        echo "fuzz: $name FAILED (exit $status) after ${runs:-?} executions; log $log, inputs in $findings" >&2
        grep -E "ERROR|SUMMARY|Fatal|fatal|==[0-9]+==|deadly|timeout|out-of-memory" "$log" | head -20 >&2 || true
        return 1
    fi
    echo "fuzz: $name ok: ${runs:-?} executions in ${seconds}s, 0 findings"
}

case "${1:-}" in
list) target_names ;;
all)
    seconds=${2:?usage: Scripts/fuzz.sh all SECONDS}
    failed=0
    for name in $(target_names); do build_target "$name"; done
    for name in $(target_names); do run_target "$name" "$seconds" || failed=1; done
    exit $failed
    ;;
"" | -h | --help)
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
*)
    name=$1
    seconds=${2:?usage: Scripts/fuzz.sh TARGET SECONDS}
    build_target "$name"
    run_target "$name" "$seconds"
    ;;
esac
