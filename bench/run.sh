#!/usr/bin/env bash
# Benchmark rolo on generated vaults. See bench/README.md.
#
#   bench/run.sh [SIZES...]     default sizes: 1000 30000 100000 (contacts)
#   bench/run.sh --smoke        size 1000, RUNS=1 (for CI)
#
# Environment:
#   ROLO_BIN   rolo binary (default target/release/rolo; built with `cargo build --release` if missing)
#   BENCH_DIR  where vaults and the generator live (default /tmp/rolo-bench)
#   RUNS       timed runs per command (default 5); the reported time is the median
#   SEED       generator seed (default 42)
#   GENVAULT   a prebuilt genvault binary (default: compiled from examples/genvault.rs with rustc)
#
# Needs only bash >= 4.4, coreutils, findutils, awk and (optionally) GNU /usr/bin/time.

set -euo pipefail
export LC_ALL=C

readonly TODAY=2026-11-24

die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }
note() { printf 'bench: %s\n' "$*" >&2; }

usage() {
    cat <<'EOF'
usage: bench/run.sh [--smoke] [SIZES...]

Generate vaults of SIZES contacts (default: 1000 30000 100000) and time rolo on them
(median of RUNS runs, warm page cache), next to `cat` and `rg` over the same files.

  --smoke      only size 1000 with RUNS=1 (quick CI check)
  -h, --help   this help

environment: ROLO_BIN (default target/release/rolo), BENCH_DIR (default /tmp/rolo-bench),
             RUNS (default 5), SEED (default 42), GENVAULT (prebuilt generator binary)
EOF
}

if ((BASH_VERSINFO[0] < 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] < 4))); then
    die "needs bash >= 4.4 (this is $BASH_VERSION)"
fi

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd -- "$SCRIPT_DIR/.." && pwd)

# ---------------------------------------------------------------------------------------------
# Arguments and settings

SMOKE=0
SIZES=()
for arg in "$@"; do
    case $arg in
        --smoke) SMOKE=1 ;;
        -h | --help) usage; exit 0 ;;
        -*) usage >&2; die "unknown option '$arg'" ;;
        *)
            n=${arg//_/}
            [[ $n =~ ^[0-9]+$ ]] || die "not a size: '$arg' (expected a number of contacts, e.g. 30000)"
            n=$((10#$n))
            ((n >= 1 && n <= 5000000)) || die "size must be between 1 and 5000000, got '$arg'"
            SIZES+=("$n")
            ;;
    esac
done

RUNS=${RUNS:-5}
if ((SMOKE)); then
    ((${#SIZES[@]} == 0)) || die "--smoke takes no sizes (it always runs size 1000)"
    SIZES=(1000)
    RUNS=1
fi
((${#SIZES[@]})) || SIZES=(1000 30000 100000)
[[ $RUNS =~ ^[0-9]+$ ]] && ((10#$RUNS >= 1)) || die "RUNS must be a positive whole number, got '$RUNS'"
RUNS=$((10#$RUNS))
SEED=${SEED:-42}
[[ $SEED =~ ^[0-9]+$ ]] || die "SEED must be a whole number, got '$SEED'"

BENCH_DIR=${BENCH_DIR:-/tmp/rolo-bench}
mkdir -p -- "$BENCH_DIR" || die "cannot create BENCH_DIR '$BENCH_DIR'"
BENCH_DIR=$(cd -- "$BENCH_DIR" && pwd)

TMPD=$(mktemp -d "${TMPDIR:-/tmp}/rolo-bench-run.XXXXXX") || die "cannot create a temporary directory"

# Notes edited by the incremental benchmark, restored on exit (even on Ctrl-C).
EDITED=()
restore_edits() {
    local k
    for ((k = ${#EDITED[@]} - 1; k >= 0; k--)); do
        cp -p -- "$TMPD/orig.$k" "${EDITED[k]}" || note "warning: could not restore ${EDITED[k]}"
    done
    EDITED=()
}
cleanup() {
    restore_edits
    rm -rf -- "$TMPD"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# Tools

HAVE_TIME=0
if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%e %M' -o "$TMPD/probe" true 2>/dev/null \
    && [[ $(tail -n1 "$TMPD/probe") =~ ^[0-9.]+\ [0-9]+$ ]]; then
    HAVE_TIME=1
else
    note "/usr/bin/time (GNU time) not available: measuring wall time only, no memory"
fi

HAVE_RG=0
if command -v rg >/dev/null 2>&1; then HAVE_RG=1; fi

# rolo itself.
DEFAULT_TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
[[ $DEFAULT_TARGET == /* ]] || DEFAULT_TARGET=$ROOT/$DEFAULT_TARGET
if [[ -z ${ROLO_BIN:-} ]]; then
    ROLO=$DEFAULT_TARGET/release/rolo
    if [[ ! -x $ROLO ]]; then
        command -v cargo >/dev/null 2>&1 || die "$ROLO is missing and cargo is not installed; set ROLO_BIN"
        note "building rolo: cargo build --release"
        (cd -- "$ROOT" && cargo build --release --bin rolo) || die "cargo build --release failed"
        [[ -x $ROLO ]] || die "cargo build succeeded but $ROLO is missing; set ROLO_BIN"
    elif [[ -n $(find "$ROOT/src" "$ROOT/Cargo.toml" -newer "$ROLO" -print -quit 2>/dev/null) ]]; then
        note "warning: $ROLO is older than the sources; run cargo build --release to benchmark the current code"
    fi
elif [[ $ROLO_BIN == */* ]]; then
    [[ -f $ROLO_BIN && -x $ROLO_BIN ]] || die "ROLO_BIN=$ROLO_BIN is not an executable file"
    ROLO=$(cd -- "$(dirname -- "$ROLO_BIN")" && pwd)/$(basename -- "$ROLO_BIN")
else
    ROLO=$(command -v -- "$ROLO_BIN") || die "ROLO_BIN=$ROLO_BIN: command not found"
fi

# The vault generator: std-only, so a plain rustc build avoids compiling the whole crate.
GEN_SRC=$ROOT/examples/genvault.rs
if [[ -n ${GENVAULT:-} ]]; then
    [[ -x $GENVAULT ]] || die "GENVAULT=$GENVAULT is not executable"
    GEN=$GENVAULT
    GEN_ID=$(cksum <"$GEN" | awk '{print $1 "-" $2}')
else
    [[ -f $GEN_SRC ]] || die "missing $GEN_SRC"
    GEN_ID=$(cksum <"$GEN_SRC" | awk '{print $1 "-" $2}')
    if command -v rustc >/dev/null 2>&1; then
        GEN=$BENCH_DIR/bin/genvault-$GEN_ID
        if [[ ! -x $GEN ]]; then
            note "compiling the vault generator: rustc -O $GEN_SRC"
            mkdir -p -- "$BENCH_DIR/bin"
            rustc -O --edition 2021 -o "$GEN.tmp" "$GEN_SRC" || die "rustc failed on $GEN_SRC"
            mv -f -- "$GEN.tmp" "$GEN"
        fi
    else
        command -v cargo >/dev/null 2>&1 || die "neither rustc nor cargo found to build the generator; set GENVAULT"
        note "building the vault generator: cargo build --release --example genvault"
        (cd -- "$ROOT" && cargo build --release --example genvault) || die "cargo build --example genvault failed"
        GEN=$DEFAULT_TARGET/release/examples/genvault
    fi
fi

# ---------------------------------------------------------------------------------------------
# Timing

T_SEC=
T_KB=

# run_timed "OK_EXIT_CODES" CMD...: run once; sets T_SEC (wall seconds) and T_KB (peak RSS, KiB).
run_timed() {
    local ok=$1 rc=0 TIMEFORMAT=%3R
    shift
    if ((HAVE_TIME)); then
        { time /usr/bin/time -f '%e %M' -o "$TMPD/mem" "$@" >/dev/null 2>"$TMPD/err"; } 2>"$TMPD/wall" || rc=$?
    else
        { time "$@" >/dev/null 2>"$TMPD/err"; } 2>"$TMPD/wall" || rc=$?
    fi
    if [[ " $ok " != *" $rc "* ]]; then
        printf 'bench: error: command failed with exit code %s (expected %s):\n  %s\n' "$rc" "${ok// / or }" "$*" >&2
        if [[ -s $TMPD/err ]]; then
            printf 'bench: its stderr (first 20 lines):\n' >&2
            head -n 20 -- "$TMPD/err" | sed 's/^/  | /' >&2
        fi
        exit 1
    fi
    T_SEC=$(tail -n1 -- "$TMPD/wall")
    T_KB=
    if ((HAVE_TIME)); then T_KB=$(tail -n1 -- "$TMPD/mem" | awk '{print $2}'); fi
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {if (NR % 2) printf "%.3f\n", a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
max_mb() { printf '%s\n' "$@" | awk 'NF && $1 > m {m = $1} END {if (m) printf "%.1f\n", m / 1024; else print "-"}'; }

declare -A MED=() MEM=()
LABELS=()
add_label() {
    local l
    for l in "${LABELS[@]}"; do [[ $l == "$1" ]] && return 0; done
    LABELS+=("$1")
}
record() { # SIZE LABEL "times..." "kbs..."
    # shellcheck disable=SC2086
    MED["$1|$2"]=$(median $3)
    # shellcheck disable=SC2086
    MEM["$1|$2"]=$(max_mb ${4:-})
    add_label "$2"
}

# bench SIZE LABEL OK_CODES CMD...: one untimed warm-up run, then RUNS timed runs.
bench() {
    local size=$1 label=$2 ok=$3 r times=() kbs=()
    shift 3
    note "  $label"
    run_timed "$ok" "$@"
    for ((r = 1; r <= RUNS; r++)); do
        run_timed "$ok" "$@"
        times+=("$T_SEC")
        kbs+=("$T_KB")
    done
    record "$size" "$label" "${times[*]}" "${kbs[*]}"
}

# ---------------------------------------------------------------------------------------------
# Vaults

# ensure_vault SIZE: generate BENCH_DIR/vault-SIZE unless an identical one is already there.
ensure_vault() {
    local size=$1 dir=$BENCH_DIR/vault-$1 stamp=$BENCH_DIR/vault-$1.stamp
    local want="contacts=$size seed=$SEED generator=$GEN_ID"
    if [[ -d $dir && -f $stamp && $(<"$stamp") == "$want" ]]; then
        note "reusing $dir"
        return 0
    fi
    rm -f -- "$stamp"
    if [[ -d $dir && ! -e $dir/.genvault ]]; then
        die "$dir exists but was not written by genvault; remove it or set BENCH_DIR"
    fi
    note "generating $size contacts in $dir"
    local start end
    start=$(date +%s.%N)
    "$GEN" --contacts "$size" --out "$dir" --seed "$SEED" >&2 || die "genvault failed for size $size"
    end=$(date +%s.%N)
    note "$(awk -v a="$start" -v b="$end" 'BEGIN {printf "generated in %.1f s", b - a}')"
    printf '%s\n' "$want" >"$stamp"
}

# notes0 DIR: the notes of a vault, NUL-separated (the reports and hidden folders left out).
notes0() {
    find "$1" \( -name '.*' -o -path "$1/Reports" \) -prune -o -type f -name '*.md' -print0
}

# edit_note FILE RUN: add a log entry (under "## Log" if there is one, else at the end).
edit_note() {
    local f=$1 r=$2 eol=
    if grep -q $'\r' -- "$f"; then eol=$'\r'; fi
    local line="- $TODAY #note bench edit $r$eol"
    awk -v line="$line" '
        { print }
        !done && /^## Log\r?$/ { print line; done = 1 }
        END { if (!done) print line }
    ' "$f" >"$TMPD/edit"
    cat -- "$TMPD/edit" >"$f"
}

# ---------------------------------------------------------------------------------------------
# Main

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
rolo_version=$("$ROLO" --version 2>/dev/null | head -n1 || true)
echo "rolo benchmark  $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "  machine: $(uname -srm), $(nproc 2>/dev/null || echo '?') cores${cpu:+, $cpu}"
echo "  rolo:    $ROLO (${rolo_version:-version unknown})"
echo "  runs:    median of $RUNS, after 1 warm-up run (warm page cache); today = $TODAY; seed = $SEED"
if ((HAVE_TIME)); then echo "  memory:  peak RSS from /usr/bin/time (max over runs)"; else echo "  memory:  not measured (no GNU /usr/bin/time)"; fi
((HAVE_RG)) || echo "  rg:      not installed, skipped"

R=("$ROLO")
for size in "${SIZES[@]}"; do
    dir=$BENCH_DIR/vault-$size
    ensure_vault "$size"
    # The notes rolo reads: every Markdown file except the reports and hidden folders (the
    # cache), which grow as the benchmark runs.
    files=$(notes0 "$dir" | tr -cd '\0' | wc -c)
    disk=$(notes0 "$dir" | du -cb --files0-from=- | tail -n1 | awk '{print $1}')
    alloc=$(notes0 "$dir" | du -ck --files0-from=- | tail -n1 | awk '{print $1}')
    note "benchmarking $size contacts"

    bench "$size" "cat *.md (read floor)" "0" \
        bash -c 'set -o pipefail; find "$1" \( -name ".*" -o -path "$1/Reports" \) -prune -o -type f -name "*.md" -print0 |
            xargs -0 cat >/dev/null' bench-cat "$dir"
    if ((HAVE_RG)); then
        bench "$size" "rg -c '^---'" "0 1" rg -c '^---' --glob '!Reports' "$dir"
    fi
    # A full run parses every note; --no-cache neither reads nor writes the parse cache.
    bench "$size" "rolo report all --no-cache (full)" "0 1" \
        "${R[@]}" --vault "$dir" --today "$TODAY" --no-cache report all
    # Its warm-up run writes the parse cache, which the commands after it read.
    bench "$size" "rolo report all (unchanged)" "0 1" "${R[@]}" --vault "$dir" --today "$TODAY" report all
    bench "$size" "rolo check" "0 1" "${R[@]}" --vault "$dir" --today "$TODAY" check
    bench "$size" "rolo intros --limit 50" "0 1" "${R[@]}" --vault "$dir" --today "$TODAY" intros --limit 50

    # Incremental: edit a different note before each run, then rewrite the reports.
    label="rolo report all (1 note edited)"
    note "  $label"
    mapfile -d '' notes < <(find "$dir/People" -name '*.md' -print0 | sort -z)
    ((${#notes[@]})) || die "no notes in $dir/People"
    rm -f -- "$BENCH_DIR/vault-$size.stamp" # the vault is being edited: regenerate if we die here
    times=() kbs=()
    for ((r = 1; r <= RUNS; r++)); do
        f=${notes[(r * 7919 + size) % ${#notes[@]}]}
        k=${#EDITED[@]}
        cp -p -- "$f" "$TMPD/orig.$k"
        EDITED+=("$f")
        edit_note "$f" "$r"
        run_timed "0 1" "${R[@]}" --vault "$dir" --today "$TODAY" report all
        times+=("$T_SEC")
        kbs+=("$T_KB")
    done
    record "$size" "$label" "${times[*]}" "${kbs[*]}"
    restore_edits
    run_timed "0 1" "${R[@]}" --vault "$dir" --today "$TODAY" report all # back to the steady state
    printf 'contacts=%s seed=%s generator=%s\n' "$size" "$SEED" "$GEN_ID" >"$BENCH_DIR/vault-$size.stamp"

    # Table for this size.
    floor=${MED["$size|cat *.md (read floor)"]}
    echo
    echo "== $size contacts: $dir"
    awk -v f="$files" -v d="$disk" -v a="$alloc" \
        'BEGIN {printf "   %d Markdown files; du -sb: %d bytes (%.1f MB); allocated on disk: %.1f MB\n", f, d, d / 1048576, a / 1024}'
    printf '%-34s %10s %9s %8s\n' "command" "median s" "peak MB" "x cat"
    for l in "${LABELS[@]}"; do
        [[ -n ${MED["$size|$l"]:-} ]] || continue
        t=${MED["$size|$l"]}
        ratio=$(awk -v t="$t" -v f="$floor" 'BEGIN {if (f > 0) printf "%.1f", t / f; else print "-"}')
        printf '%-34s %10s %9s %8s\n' "$l" "$t" "${MEM["$size|$l"]}" "$ratio"
        if [[ $l == "cat *.md (read floor)" ]] && ((!HAVE_RG)); then
            printf '%-34s %s\n' "rg -c '^---'" "skipped (rg not installed)"
        fi
    done
    awk -v i="${MED["$size|rolo report all (1 note edited)"]:-0}" \
        -v f="${MED["$size|rolo report all --no-cache (full)"]:-0}" \
        'BEGIN {if (f > 0) printf "   report all after one edit: %.0f%% of a full run\n", 100 * i / f}'
done

# Scaling: median milliseconds per 1,000 contacts, one column per size.
echo
echo "== scaling: median ms per 1k contacts"
printf '%-34s' "command"
for size in "${SIZES[@]}"; do printf ' %10s' "$size"; done
echo
for l in "${LABELS[@]}"; do
    printf '%-34s' "$l"
    for size in "${SIZES[@]}"; do
        t=${MED["$size|$l"]:-}
        if [[ -z $t ]]; then
            printf ' %10s' "-"
        else
            awk -v t="$t" -v n="$size" 'BEGIN {printf " %10.2f", t * 1000 * 1000 / n}'
        fi
    done
    echo
done
