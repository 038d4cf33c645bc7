#!/usr/bin/env bash
# Spark against one process: `disrupt analyse` on a whole `disrupt synth` dataset in one
# process, against the Spark job (spark/, local[2] unless SPARK_MASTER says otherwise)
# on the same dataset cut into 10 areas (`disrupt_spark.split --areas 10`: strips of
# equal numbers of places). Wall time and peak memory of each, paired runs alternating
# one process and Spark so drift in the machine's load falls on both, medians printed.
#
#   bash benches/spark.sh [SIZES...]          default: 1000000 10000000 (events)
#   RUNS=3 AREAS=10 bash benches/spark.sh 30000000
#   VARIANTS=";--no-whole-networks" bash benches/spark.sh 1000000
#
# VARIANTS lists the Spark job's extra flags for each Spark run in a pair, separated by
# `;` (default: one run of the whole job); every pair runs one process, then each
# variant.
#
# Datasets use scaling.sh's proportions (children = events x 3/100, places = events /
# 100, the default seed) and are cached, with their cut, under target/spark-bench
# (SPARK_BENCH_DIR to change): a rerun skips generating and cutting. Each is made in a
# `.tmp` folder and renamed when complete, so an interrupted run leaves no half dataset.
# Peak memory is the largest sum of PSS over each command's process tree (a Spark job is
# a JVM, Python workers and an engine per task), with the largest single process's
# resident set (what /usr/bin/time reports) beside it: spark/disrupt_spark/measure.py.
# Results go to target/spark-bench/results_N.jsonl; summarised in benches/RESULTS.md
# ("Spark against one process"). Not part of CI: 10M events takes about an hour.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${SPARK_BENCH_DIR:-$root/target/spark-bench}"
bin="${DISRUPT:-$root/target/release/disrupt}"
runs="${RUNS:-3}"
areas="${AREAS:-10}"
master="${SPARK_MASTER:-local[2]}"
IFS=';' read -r -a variants <<< "${VARIANTS-}"
[[ ${#variants[@]} -gt 0 ]] || variants=("")
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000000 10000000)

venv="${SPARK_VENV:-$root/target/spark-venv}"
if [[ ! -x "$venv/bin/python" ]]; then
    # spark/run.sh makes the venv (and installs Java) on its first use.
    bash "$root/spark/run.sh" split --help >/dev/null
fi
[[ -x "$bin" ]] || (cd "$root" && cargo build --release --quiet)
py="$venv/bin/python"
export PYTHONPATH="$root/spark${PYTHONPATH:+:$PYTHONPATH}"
export PYSPARK_PYTHON="$py" PYSPARK_DRIVER_PYTHON="$py" SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
mkdir -p "$dir"
key="$dir/pseudonym.key"
[[ -f "$key" ]] || { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$key"; chmod 600 "$key"; }
# Synthetic people only; the runs are still audited, into a log of their own.
log="$dir/audit.jsonl"

need_disk() {
    # A dataset is about 120 bytes per event as CSV; its cut copies it (people more than
    # once) and the outputs of both runs add about as much again: 400 bytes per event.
    local want=$(( $1 * 400 / 1024 )) free
    free=$(df -Pk "$dir" | awk 'NR == 2 { print $4 }')
    if (( free < want )); then
        echo "error: ${1} events need about $(( want / 1048576 )) GiB free in $dir; $(( free / 1048576 )) GiB are" >&2
        exit 2
    fi
}

echo "Spark against one process, $(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc)," \
    "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $runs paired runs," \
    "$areas areas, Spark master $master"
for n in "${sizes[@]}"; do
    data="$dir/synth_$n" cut="$dir/areas_$n"
    if [[ ! -d "$data" ]]; then
        need_disk "$n"
        rm -rf "$data.tmp"
        "$bin" synth --children $(( n * 3 / 100 )) --events "$n" --places $(( n / 100 )) --out "$data.tmp" >/dev/null
        mv "$data.tmp" "$data"
    fi
    if [[ ! -d "$cut" ]]; then
        need_disk "$n"
        rm -rf "$cut.tmp"
        "$py" -m disrupt_spark.split "$data" --out "$cut.tmp" --areas "$areas" >/dev/null
        mv "$cut.tmp" "$cut"
    fi
    results="$dir/results_$n.jsonl"
    rm -f "$results"
    for i in $(seq "$runs"); do
        rm -rf "$dir/one_$n" "$dir/spark_$n"
        "$py" -m disrupt_spark.measure "$results" "one process, whole dataset" -- \
            "$bin" analyse "$data" --out "$dir/one_$n" --key-file "$key" --audit-log "$log"
        for flags in "${variants[@]}"; do
            # shellcheck disable=SC2086 # the flags are words
            "$py" -m disrupt_spark.measure "$results" "Spark, $areas areas${flags:+, $flags}" \
                --stages "$dir/spark_$n/spark-run.json" -- \
                "$py" -m disrupt_spark.job "$cut" --out "$dir/spark_$n" --key-file "$key" --audit-log "$log" \
                --engine "$bin" --master "$master" $flags
        done
    done
    echo
    echo "$n events ($(( n * 3 / 100 )) children, $(( n / 100 )) places), $runs paired runs:"
    "$py" -m disrupt_spark.measure --summary "$results"
done
