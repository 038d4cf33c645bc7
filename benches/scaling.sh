#!/usr/bin/env bash
# The scaling curve: `disrupt analyse` end to end on `disrupt synth` data at 10k, 100k, 1M
# and 10M events, with children and places in proportion (children = events x 3/100,
# places = events / 100), wall time and peak memory (GNU time's maximum resident set) for
# each, and the growth between sizes against n log n.
#
#   bash benches/scaling.sh [SIZES...]        default: 10000 100000 1000000 10000000
#
# Datasets are generated once into target/scaling/synth_N (SCALING_DIR to change) and
# reused. Each run's step timings (DISRUPT_TIMINGS=1) go to target/scaling/analyse_N.log.
# Needs GNU time (/usr/bin/time, Debian package `time`). Not part of CI: 10M events takes
# several minutes and about 8 GB. Results are summarised in benches/RESULTS.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${SCALING_DIR:-$root/target/scaling}"
bin="$root/target/release/disrupt"
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(10000 100000 1000000 10000000)

if [[ ! -x /usr/bin/time ]]; then
    echo "benches/scaling.sh needs GNU time: sudo apt-get install time" >&2
    exit 2
fi
(cd "$root" && cargo build --release --quiet)
mkdir -p "$dir"
# Synthetic people only; the runs are still audited, into a log of their own.
export DISRUPT_KEY="scaling-bench-key" DISRUPT_AUDIT_LOG="$dir/audit.jsonl"

echo "disrupt analyse scaling, $(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc)," \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
    "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
printf '%-12s %10s %10s %10s %12s %14s %14s\n' events children places "wall s" "peak MiB" "time growth" "n log n growth"
prev_n="" prev_t=""
for n in "${sizes[@]}"; do
    data="$dir/synth_$n"
    children=$(( n * 3 / 100 )); places=$(( n / 100 ))
    (( children > 0 )) || children=1
    (( places > 0 )) || places=1
    if [[ ! -f "$data/events.csv" ]]; then
        "$bin" synth --children "$children" --events "$n" --places "$places" --out "$data" >/dev/null
    fi
    out="$dir/out_$n"
    rm -rf "$out"
    log="$dir/analyse_$n.log"
    DISRUPT_TIMINGS=1 /usr/bin/time -f '%e %M' -o "$dir/time_$n" \
        "$bin" analyse "$data" --out "$out" >"$log" 2>&1
    read -r wall kib < "$dir/time_$n"
    growth="-" expect="-"
    if [[ -n "$prev_n" ]]; then
        growth=$(awk -v a="$wall" -v b="$prev_t" 'BEGIN { printf "%.1fx", a / b }')
        expect=$(awk -v n="$n" -v p="$prev_n" 'BEGIN { printf "%.1fx", n * log(n) / (p * log(p)) }')
    fi
    printf '%-12s %10s %10s %10s %12s %14s %14s\n' "$n" "$children" "$places" "$wall" \
        "$(( kib / 1024 ))" "$growth" "$expect"
    prev_n="$n" prev_t="$wall"
done
