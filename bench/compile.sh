#!/usr/bin/env bash
# Compile-cost benchmark: the `zoom` crate built from Zoom's real Postman export, side by side
# with the `zoom-api` crate 0.10 from crates.io, in the same run on the same machine.
#
# What it measures:
#   a. Generation time of the bindings for both real Zoom collections: in-process with the
#      release profile (`cargo bench -p postman-codegen --bench generate`), and with the
#      debug-built CLI, which is how the `zoom` build script runs the generator (build scripts
#      and their dependencies are compiled with opt-level 0).
#   b. For `zoom` with ZOOM_COLLECTION=<the 310-request export>: wall time and peak memory of
#      `cargo check`, `cargo build` and `cargo build --release` of that crate alone (its build
#      script included). Dependencies are built first by a warm-up build, then only zoom's
#      artifacts are removed (what `cargo clean -p zoom [--release]` means to do; see forget()
#      for why it is not used) before each timed build.
#   c. The same three for `zoom-api` =0.10.0 in a scratch cargo project, timing only that crate.
#   d. A table of both crates' figures, the ratios zoom/zoom-api, and the lines of code each
#      crate compiles (zoom: the generated file in OUT_DIR and its hand-written src/;
#      zoom-api: its src/**/*.rs, all generated).
#
# Per timed build: wall time; CPU time (user+sys of cargo and its children); peak memory, GNU
# time's %M for the cargo process, i.e. the max RSS of the largest single process in its tree
# (cargo waits for rustc, so rustc's RSS is included; not a sum over processes); and "others",
# the CPU time that processes outside the build used meanwhile (from /proc/stat), which shows
# whether the machine was shared while measuring.
#
# Run (from anywhere; takes 5-15 minutes on 2 cores, more on a cold cargo cache):
#     bash bench/compile.sh            # everything
#     bash bench/compile.sh --quick    # skips the release builds, to try the script out
#     bash bench/compile.sh --head     # measures the last commit instead of the working tree
#     bash bench/compile.sh --runs 3   # each timed build 3 times; reports the fastest
#
# The working tree (or HEAD) is copied to a scratch directory first, so concurrent edits in the
# repository do not change the code mid-run, and every build uses its own CARGO_TARGET_DIR
# under $BENCH_DIR (default ${TMPDIR:-/tmp}/zoom-bench), so the workspace's target/ is left
# alone. Dependencies stay built there between runs. It needs crates.io (for zoom-api) and, on
# a machine without /usr/bin/time, installs the `time` package with apt-get when run as root.
set -euo pipefail

QUICK=0
FROM_HEAD=0
RUNS=1
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=1 ;;
        --head) FROM_HEAD=1 ;;
        --runs) RUNS="$2"; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [ -z "${POSTMAN_CORPUS:-}" ]; then
    echo "set POSTMAN_CORPUS to the corpus folder (its zoom/ holds the Zoom export to build from)" >&2
    exit 2
fi
# A relative path is taken from the workspace root, as the tests take it.
CORPUS="$(cd "$ROOT" && cd "$POSTMAN_CORPUS/zoom" && pwd)"
EXPORT="$CORPUS/zoom-api-export.postman_collection.json"
ZOOM_API_VERSION="0.10.0"
BENCH_DIR="${BENCH_DIR:-${TMPDIR:-/tmp}/zoom-bench}"
SNAPSHOT="$BENCH_DIR/source"
ZOOM_TARGET="$BENCH_DIR/target-zoom"
ZOOM_API_PROJECT="$BENCH_DIR/zoom-api-project"
ZOOM_API_TARGET="$BENCH_DIR/target-zoom-api"
LOG="$BENCH_DIR/logs"
# Registry crates are never compiled incrementally; build zoom the same way, as a user who
# depends on it does.
export CARGO_INCREMENTAL=0
export CARGO_TERM_COLOR=never

mkdir -p "$BENCH_DIR" "$LOG"
section() { printf '\n== %s\n' "$*"; }

# ---------------------------------------------------------------------------------------------
# Timing tool: GNU time if present (installed with apt-get when root), else python3's getrusage.
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing GNU time with apt-get"
    apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; } || true
fi

# measure NAME CMD...: runs CMD with its stdout in $LOG/NAME.out and its stderr (where cargo
# reports) in $LOG/NAME.log, and writes "WALL_S PEAK_KB USER_S SYS_S OTHERS_S" to
# $LOG/NAME.time. OTHERS_S is the CPU time that processes outside CMD used meanwhile (busy
# time of all cores from /proc/stat minus CMD's user+sys): well above 0, the machine was
# shared and wall times are inflated. Exits the script when CMD fails.
HZ=$(getconf CLK_TCK)
cpu_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
measure() {
    local name="$1"; shift
    local out="$LOG/$name.time" busy0 busy1
    busy0=$(cpu_busy)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%e %M %U %S" -o "$out.tmp" "$@" >"$LOG/$name.out" 2>"$LOG/$name.log"
    elif command -v python3 >/dev/null; then
        python3 -c '
import resource, subprocess, sys, time
start = time.monotonic()
code = subprocess.call(sys.argv[2:])
u = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write("%.2f %d %.2f %.2f\n" % (time.monotonic() - start, u.ru_maxrss, u.ru_utime, u.ru_stime))
sys.exit(code)' "$out.tmp" "$@" >"$LOG/$name.out" 2>"$LOG/$name.log"
    else
        local TIMEFORMAT="%R 0 %U %S"   # peak memory unknown
        { time "$@" >"$LOG/$name.out" 2>"$LOG/$name.log"; } 2>"$out.tmp"
    fi || { echo "failed: $* (log: $LOG/$name.log)" >&2; tail -30 "$LOG/$name.log" >&2; exit 1; }
    busy1=$(cpu_busy)
    tail -1 "$out.tmp" | awk -v b="$(( busy1 - busy0 ))" -v hz="$HZ" \
        '{ o = b / hz - $3 - $4; printf "%s %s %s %s %.1f\n", $1, $2, $3, $4, (o > 0 ? o : 0) }' >"$out"
}

# ---------------------------------------------------------------------------------------------
section "source snapshot"
rm -rf "$SNAPSHOT"
mkdir -p "$SNAPSHOT"
if [ "$FROM_HEAD" = 1 ]; then
    git -C "$ROOT" archive HEAD | tar -x -C "$SNAPSHOT"
    # The benchmark itself may not be committed yet.
    mkdir -p "$SNAPSHOT/codegen/benches"
    cp "$ROOT/codegen/benches/generate.rs" "$SNAPSHOT/codegen/benches/"
    grep -q '^name = "generate"' "$SNAPSHOT/codegen/Cargo.toml" ||
        printf '\n[[bench]]\nname = "generate"\nharness = false\n' >>"$SNAPSHOT/codegen/Cargo.toml"
    echo "HEAD $(git -C "$ROOT" rev-parse --short HEAD) -> $SNAPSHOT"
else
    tar -C "$ROOT" --exclude=./target --exclude=./.git -cf - . | tar -x -C "$SNAPSHOT"
    echo "working tree of $ROOT (HEAD $(git -C "$ROOT" rev-parse --short HEAD)," \
        "$(git -C "$ROOT" status --porcelain | wc -l) changed files) -> $SNAPSHOT"
fi
echo "rustc: $(rustc --version)   cores: $(nproc)   memory: $(free -g | awk '/Mem:/ {print $2}') GiB"

# ---------------------------------------------------------------------------------------------
section "a. generation time"
cd "$SNAPSHOT"
echo "building the debug CLI and the bench (not timed)"
CARGO_TARGET_DIR="$ZOOM_TARGET" cargo build -p postman-codegen --bin postman-codegen >"$LOG/cli-build.log" 2>&1 ||
    { tail -30 "$LOG/cli-build.log"; exit 1; }
CARGO_TARGET_DIR="$ZOOM_TARGET" cargo bench -p postman-codegen --bench generate --no-run >"$LOG/bench-build.log" 2>&1 ||
    { tail -30 "$LOG/bench-build.log"; exit 1; }
measure generate env CARGO_TARGET_DIR="$ZOOM_TARGET" POSTMAN_CORPUS="$(dirname "$CORPUS")" \
    cargo bench -p postman-codegen --bench generate
cat "$LOG/generate.out"
read -r _ _ _ _ gen_others <"$LOG/generate.time"
echo "(other processes used $gen_others CPU-seconds meanwhile)"
# The export's median in each table: the release in-process one, then the debug CLI one.
GEN_RELEASE_MS=$(awk '$1 == "export" && NF == 8 {print $7; exit}' "$LOG/generate.out")
GEN_DEBUG_MS=$(awk '$1 == "export" && NF == 6 {print $5; exit}' "$LOG/generate.out")

# ---------------------------------------------------------------------------------------------
section "warm-up: dependencies of both crates (not timed)"
mkdir -p "$ZOOM_API_PROJECT/src"
: >"$ZOOM_API_PROJECT/src/lib.rs"
cat >"$ZOOM_API_PROJECT/Cargo.toml" <<EOF
[package]
name = "zoom-api-bench"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
zoom-api = "=$ZOOM_API_VERSION"

[workspace]
EOF

# The cargo command for each crate, with its directory, target directory and environment
# (`env` rather than a shell function, so that GNU time can run it).
cargo_for() {
    case "$1" in
        zoom) echo env -C "$SNAPSHOT" CARGO_TARGET_DIR="$ZOOM_TARGET" ZOOM_COLLECTION="$EXPORT" cargo ;;
        zoom-api) echo env -C "$ZOOM_API_PROJECT" CARGO_TARGET_DIR="$ZOOM_API_TARGET" cargo ;;
    esac
}
target_for() { case "$1" in zoom) echo "$ZOOM_TARGET" ;; zoom-api) echo "$ZOOM_API_TARGET" ;; esac; }
# The cargo arguments for a mode, and the profile directory it builds into.
build_args() { case "$1" in check) echo check ;; build) echo build ;; release) echo build --release ;; esac; }
profile_dir() { case "$1" in release) echo release ;; *) echo debug ;; esac; }
# forget CRATE MODE: removes the crate's artifacts (fingerprints, build script and its
# OUT_DIR, library) from that mode's profile directory, so that the next build compiles that
# crate, and only it, again. Not `cargo clean -p CRATE`: that removes files by target name,
# and zoom's integration test tests/tracing.rs makes it delete the `tracing` dependency's
# metadata too, so the timed build recompiled tracing, h2, hyper and reqwest.
forget() {
    local dir lib
    dir="$(target_for "$1")/$(profile_dir "$2")"
    lib="${1//-/_}"
    # A fingerprint or build directory is the package name and a 16-digit hash.
    rm -rf "$dir/.fingerprint/$1-"???????????????? "$dir/build/$1-"???????????????? \
        "$dir/deps/lib$lib-"* "$dir/deps/$lib-"*
}
CRATES=(zoom zoom-api)
MODES=(check build)
[ "$QUICK" = 1 ] || MODES+=(release)
# The paths above hold no spaces in the default setup; word splitting below relies on that.
case "$SNAPSHOT$ZOOM_TARGET$ZOOM_API_PROJECT$ZOOM_API_TARGET$EXPORT" in
    *' '*) echo "paths with spaces are not supported: set BENCH_DIR and POSTMAN_CORPUS" >&2; exit 2 ;;
esac

for mode in "${MODES[@]}"; do
    for crate in "${CRATES[@]}"; do
        echo "$crate: cargo $(build_args "$mode")"
        log="$LOG/warmup-$crate-$mode.log"
        # shellcheck disable=SC2046
        $(cargo_for "$crate") $(build_args "$mode") -p "$crate" >"$log" 2>&1 || { tail -30 "$log"; exit 1; }
    done
done

# ---------------------------------------------------------------------------------------------
section "b/c. compiling each crate alone (${RUNS} run(s) each, fastest kept)"
echo "wall = elapsed time; cpu = user+sys of cargo and its children; others = CPU-seconds that"
echo "other processes on the machine used meanwhile (near 0 when the machine was quiet)"
declare -A WALL CPU MEM OTHERS
for mode in "${MODES[@]}"; do
    for crate in "${CRATES[@]}"; do
        for run in $(seq 1 "$RUNS"); do
            forget "$crate" "$mode"
            name="$crate-$mode-$run"
            # shellcheck disable=SC2046
            measure "$name" $(cargo_for "$crate") $(build_args "$mode") -p "$crate"
            read -r wall kb user sys others <"$LOG/$name.time"
            cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
            compiled=$(grep -Eo '^ *(Compiling|Checking) [^ ]+' "$LOG/$name.log" | awk '{print $2}' | paste -sd, -)
            printf '%-8s %-22s run %d: wall %6.1f s  cpu %6.1f s  peak %5d MB  others %5.1f s  compiled: %s\n' \
                "$crate" "cargo $(build_args "$mode")" "$run" "$wall" "$cpu" $((kb / 1024)) "$others" "$compiled"
            key="$crate-$mode"
            if [ -z "${WALL[$key]:-}" ] || awk -v a="$wall" -v b="${WALL[$key]}" 'BEGIN { exit !(a < b) }'; then
                WALL[$key]="$wall" CPU[$key]="$cpu" MEM[$key]=$((kb / 1024)) OTHERS[$key]="$others"
            fi
        done
    done
done

# ---------------------------------------------------------------------------------------------
section "d. results"
ZOOM_OUT=$(ls -t "$ZOOM_TARGET"/debug/build/zoom-*/out/api.rs 2>/dev/null | head -1 || true)
ZOOM_LINES=$([ -n "$ZOOM_OUT" ] && wc -l <"$ZOOM_OUT" || echo "?")
ZOOM_SRC_LINES=$(find "$SNAPSHOT/src" -name '*.rs' -exec cat {} + | wc -l)
ZOOM_API_SRC=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/zoom-api-$ZOOM_API_VERSION/src | head -1)
ZOOM_API_LINES=$(find "$ZOOM_API_SRC" -name '*.rs' -exec cat {} + | wc -l)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }'; }
row() { printf '%-28s %12s %12s %8s\n' "$@"; }

echo "zoom: ZOOM_COLLECTION=$EXPORT"
echo "zoom-api: =$ZOOM_API_VERSION from crates.io"
echo
row "" "zoom" "zoom-api" "ratio"
row "generated lines" "$ZOOM_LINES" "$ZOOM_API_LINES" "$(ratio "$ZOOM_LINES" "$ZOOM_API_LINES")"
row "hand-written lines (src/)" "$ZOOM_SRC_LINES" "0" ""
row "generation, release (ms)" "$GEN_RELEASE_MS" "pre-generated" ""
row "generation, build.rs (ms)" "$GEN_DEBUG_MS" "pre-generated" ""
for mode in "${MODES[@]}"; do
    z="zoom-$mode" a="zoom-api-$mode"
    row "cargo $(build_args "$mode")" "" "" ""
    row "  wall (s)" "${WALL[$z]}" "${WALL[$a]}" "$(ratio "${WALL[$z]}" "${WALL[$a]}")"
    row "  cpu, user+sys (s)" "${CPU[$z]}" "${CPU[$a]}" "$(ratio "${CPU[$z]}" "${CPU[$a]}")"
    row "  peak memory (MB)" "${MEM[$z]}" "${MEM[$a]}" "$(ratio "${MEM[$z]}" "${MEM[$a]}")"
    row "  others' cpu meanwhile (s)" "${OTHERS[$z]}" "${OTHERS[$a]}" ""
done
echo
echo "targets: generation of the export <= 100 ms (release); each wall-time ratio <= 0.33;"
echo "each peak-memory ratio <= 0.50. With others' cpu well above 0 the machine was shared:"
echo "wall times are then inflated, unevenly; cpu times are less affected."
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); logs: $LOG"
