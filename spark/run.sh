#!/usr/bin/env bash
# The disrupt Spark application: creates (or reuses) a venv with the pinned
# requirements.txt under target/spark-venv, installs Java 17 with apt when `java` is
# missing, builds the release binary only when it is missing, then:
#
#   bash spark/run.sh test              the pytest suite in local[2]
#   bash spark/run.sh cluster-test      a standalone cluster on localhost (one master, two
#                                       workers), the same pytest suite against it, then stops it
#   bash spark/run.sh example [OUT]     the bundled example cut into 4 areas, run on a local
#                                       standalone cluster (default OUT: target/spark/example)
#   bash spark/run.sh bench [RUNS]      wall time: 4 areas on Spark against one process
#   bash spark/run.sh job ROOT --out OUT --key-file KEY --audit-log LOG [...]
#                                       the job itself (python -m disrupt_spark.job --help)
#   bash spark/run.sh split DATASET --out ROOT [--areas 4] [--format csv|parquet]
#
# SPARK_MASTER picks the master for `job` (default local[2]). PYTHON picks the
# interpreter for the venv (3.11 or later).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
venv="${SPARK_VENV:-$root/target/spark-venv}"
req="$here/requirements.txt"

if ! command -v java >/dev/null 2>&1; then
    echo "installing Java 17 (openjdk-17-jre-headless)"
    if [[ "$(id -u)" == 0 ]]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi

if [[ -z "${PYTHON:-}" ]]; then
    if command -v python3.11 >/dev/null 2>&1; then PYTHON=python3.11; else PYTHON=python3; fi
fi
if [[ ! -x "$venv/bin/python" ]]; then
    echo "creating venv $venv ($("$PYTHON" --version 2>&1))"
    "$PYTHON" -m venv "$venv"
fi
# Install only when requirements.txt changed since the last install into this venv.
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    echo "installing $req into $venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req"
    echo "$want" > "$stamp"
fi

export DISRUPT="${DISRUPT:-$root/target/release/disrupt}"
if [[ ! -x "$DISRUPT" ]]; then
    echo "building the release binary"
    (cd "$root" && cargo build --release)
fi

# Executors and the driver use the venv's interpreter, whatever python is on PATH.
export PYSPARK_PYTHON="$venv/bin/python"
export PYSPARK_DRIVER_PYTHON="$venv/bin/python"
export SPARK_HOME="$("$venv/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"
# Spark binds to the host name by default; a laptop or container may not resolve it.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
work="$root/target/spark"
mkdir -p "$work"

cluster_dir="$work/cluster"
daemon="$SPARK_HOME/sbin/spark-daemon.sh"
start_cluster() {
    # One master and two workers on localhost. The pyspark wheel carries spark-daemon.sh
    # but not start-master.sh and start-worker.sh, which only wrap it as below. Logs and
    # pid files stay under target/spark/cluster.
    mkdir -p "$cluster_dir"
    export SPARK_LOG_DIR="$cluster_dir/logs" SPARK_PID_DIR="$cluster_dir/pids"
    local port="${SPARK_MASTER_PORT:-7177}" ui="${SPARK_MASTER_WEBUI_PORT:-8180}"
    chmod +x "$SPARK_HOME"/sbin/*.sh "$SPARK_HOME"/bin/* 2>/dev/null || true
    "$daemon" start org.apache.spark.deploy.master.Master 1 --host 127.0.0.1 --port "$port" --webui-port "$ui" >/dev/null
    # SPARK_MASTER is set only after the daemons start: spark-daemon.sh would take it as a
    # host to rsync the Spark install from.
    for i in 1 2; do
        "$daemon" start org.apache.spark.deploy.worker.Worker "$i" --host 127.0.0.1 --webui-port "$((ui + i))" \
            --cores 1 --memory 1g --work-dir "$cluster_dir/work$i" "spark://127.0.0.1:$port" >/dev/null
    done
    export SPARK_MASTER="spark://127.0.0.1:$port"
    # Wait until both workers have registered with the master.
    for _ in $(seq 60); do
        if [[ "$("$venv/bin/python" - "$ui" <<'PY' 2>/dev/null
import json, sys, urllib.request
workers = json.load(urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/json/"))["workers"]
print(sum(w["state"] == "ALIVE" for w in workers))
PY
)" == 2 ]]; then
            echo "standalone cluster up: $SPARK_MASTER, 2 workers"
            return 0
        fi
        sleep 1
    done
    echo "error: the standalone cluster did not come up; see $SPARK_LOG_DIR" >&2
    return 1
}
stop_cluster() {
    for i in 1 2; do "$daemon" stop org.apache.spark.deploy.worker.Worker "$i" >/dev/null 2>&1 || true; done
    "$daemon" stop org.apache.spark.deploy.master.Master 1 >/dev/null 2>&1 || true
}

cmd="${1:-test}"
shift || true
case "$cmd" in
    test)
        cd "$here" && exec "$venv/bin/python" -m pytest -q tests "$@" ;;
    cluster-test)
        start_cluster
        trap stop_cluster EXIT
        cd "$here" && "$venv/bin/python" -m pytest -q tests "$@" ;;
    example)
        dest="${1:-$work/example}"
        "$venv/bin/python" -m disrupt_spark.split "$root/datasets/example-borough" --out "$work/example-areas" >/dev/null
        key="$work/example.key"
        [[ -f "$key" ]] || { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$key"; chmod 600 "$key"; }
        start_cluster
        trap stop_cluster EXIT
        "$venv/bin/python" -m disrupt_spark.job "$work/example-areas" --out "$dest" --key-file "$key" \
            --audit-log "${DISRUPT_AUDIT_LOG:-$work/audit.jsonl}" --engine "$DISRUPT" --master "$SPARK_MASTER" ;;
    bench)
        cd "$here" && exec "$venv/bin/python" -m disrupt_spark.bench "$@" ;;
    job)
        exec "$venv/bin/python" -m disrupt_spark.job --engine "$DISRUPT" --master "${SPARK_MASTER:-local[2]}" "$@" ;;
    split)
        exec "$venv/bin/python" -m disrupt_spark.split "$@" ;;
    *)
        echo "usage: bash spark/run.sh test|cluster-test|example [OUT]|bench [RUNS]|job ROOT --out OUT ...|split DATASET --out ROOT" >&2
        exit 2 ;;
esac
