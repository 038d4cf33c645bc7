#!/usr/bin/env python3
"""The quality benchmark: does the engine put the right places and people first?

Runs `disrupt analyse` on the example borough, on CAVIAR (a network-only dataset: people
and links, places and events header-only) and on the scenario families of
`make_scenarios.py` (code independent of `disrupt synth`), and reports per scenario:

* planted exploitation places in the top 10 places (higher is better);
* decoys in the top 8 places (lower is better): congregation places, a family home,
  busy low-grade places;
* organisers in the top 8 persons of concern (higher is better).

    python3 benches/quality/run.py --disrupt target/release/disrupt [--sizes 3000,100000]
        [--seeds 1,2,3] [--markdown FILE] [--work DIR]

Stdlib only. Identities are read with `--reveal-names` under a stated purpose, into a
work folder under target/, with a throwaway key and audit log.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import time

csv.field_size_limit(sys.maxsize)  # evidence-id columns of busy places are long
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
AS_OF = "2026-06-30"


def caviar(work, name):
    """CAVIAR as a network-only dataset: every node a person of concern, each
    intercepted-communications row a recorded `contact` link; places and events
    header-only."""
    folder = os.path.join(work, name)
    os.makedirs(folder, exist_ok=True)
    rows = list(csv.DictReader(open(os.path.join(ROOT, "datasets/networks", f"{name}.csv"))))
    nodes = sorted({r["from"] for r in rows} | {r["to"] for r in rows},
                   key=lambda x: int(x[1:]))
    with open(os.path.join(folder, "people.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["person_id", "role"])
        for n in nodes:
            w.writerow([n, "perpetrator"])
    with open(os.path.join(folder, "links.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["from_id", "to_id", "kind", "source", "source_ref"])
        for i, r in enumerate(rows):
            w.writerow([r["from"], r["to"], "contact", "wiretap", f"{name}/{i + 1}/w{r['weight']}"])
    with open(os.path.join(folder, "places.csv"), "w") as f:
        f.write("place_id,kind,lat,lon\n")
    with open(os.path.join(folder, "events.csv"), "w") as f:
        f.write("event_id,kind,occurred_at,place_id\n")
    # X1 is n1 in Morselli's account of the CAVIAR investigation: its principal target.
    truth = {"planted_places": [], "decoys": [], "organisers": ["X1"]}
    json.dump(truth, open(os.path.join(folder, "truth.json"), "w"))
    return folder


def example_truth():
    t = json.load(open(os.path.join(ROOT, "datasets/example-borough/truth.json")))
    decoys = {d["place"]: d["why"] for d in t["decoys"]}
    for h in t["childrens_homes"]:
        decoys[h] = "children's home"
    return {
        "planted_places": [n["premises"] for n in t["networks"]],
        "decoys": sorted(decoys),
        # The generator plants no organiser: every planted person of concern counts.
        "organisers": [p for n in t["networks"] for p in n["perpetrators"]],
    }


def run_engine(disrupt, data, out, as_of):
    key = os.path.join(out, "..", "bench.key")
    cmd = [disrupt, "analyse", data, "--out", out, "--assess", "0", "--groups", "0",
           "--reveal-names", "--purpose", "quality benchmark of the engine's rankings",
           "--key-file", key, "--audit-log", os.path.join(out, "..", "audit.jsonl"),
           "--trend-steps", "0"]
    if not os.path.exists(key):
        cmd.append("--new-key")  # a throwaway key, made once for the benchmark
    if as_of:
        cmd += ["--as-of", as_of]
    t0 = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True)
    secs = time.time() - t0
    if p.returncode != 0:
        return None, secs, (p.stderr.strip().splitlines() or ["(no message)"])[-1]
    return out, secs, ""


def read_rankings(out):
    places = []
    path = os.path.join(out, "hotspots.csv")
    if os.path.exists(path):
        places = [r["place_id"] for r in csv.DictReader(open(path))]
    people = []
    for r in csv.DictReader(open(os.path.join(out, "people.csv"))):
        if r.get("rank"):
            people.append((int(r["rank"]), r["person_id"]))
    people.sort()
    return places, [p for _, p in people]


def score(truth, places, people):
    planted = truth["planted_places"]
    decoys = truth["decoys"]
    top10, top8 = set(places[:10]), set(places[:8])
    org = truth["organisers"]
    top8p = set(people[:8])
    rank = {p: i for i, p in enumerate(places)}
    lowest_planted = max((rank.get(p, len(places)) for p in planted), default=-1)
    return {
        "planted_top10": (sum(p in top10 for p in planted), len(planted)),
        "decoys_top8": (sum(d in top8 for d in decoys), len(decoys)),
        # Decoys ranked above a planted premises: congregation and busy places should
        # stay below every one of them.
        "decoys_above_planted": (sum(rank.get(d, len(places)) < lowest_planted
                                     for d in decoys), len(decoys) if planted else 0),
        "organisers_top8": (sum(o in top8p for o in org), min(8, len(org))),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--disrupt", default=os.path.join(ROOT, "target/release/disrupt"))
    ap.add_argument("--sizes", default="3000,100000")
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--families", default="northern,coastal")
    ap.add_argument("--work", default=os.path.join(ROOT, "target/quality"))
    ap.add_argument("--markdown")
    ap.add_argument("--label", default="")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    scenarios = [("example-borough", os.path.join(ROOT, "datasets/example-borough"), None,
                  example_truth())]
    for name in ("caviar_start", "caviar_middle"):
        folder = caviar(a.work, name)
        scenarios.append((name, folder, AS_OF, json.load(open(os.path.join(folder, "truth.json")))))
    for fam in a.families.split(","):
        for size in [int(s) for s in a.sizes.split(",")]:
            for seed in [int(s) for s in a.seeds.split(",")]:
                name = f"{fam}-{size}-s{seed}"
                folder = os.path.join(a.work, "data", name)
                if not os.path.exists(os.path.join(folder, "truth.json")):
                    subprocess.run([sys.executable, os.path.join(HERE, "make_scenarios.py"),
                                    "--family", fam, "--events", str(size), "--seed",
                                    str(seed), "--out", folder], check=True)
                truth = json.load(open(os.path.join(folder, "truth.json")))
                truth["decoys"] = list(truth["decoys"].values())
                scenarios.append((name, folder, AS_OF, truth))
    rows = []
    for name, folder, as_of, truth in scenarios:
        out = os.path.join(a.work, "out" + a.label, name)
        os.makedirs(out, exist_ok=True)
        done, secs, err = run_engine(a.disrupt, folder, out, as_of)
        if done is None:
            rows.append((name, None, secs, err))
            print(f"{name}: failed: {err}", flush=True)
            continue
        places, people = read_rankings(out)
        s = score(truth, places, people)
        rows.append((name, s, secs, ""))
        print(f"{name}: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in s.items())
              + f" ({secs:.1f} s)", flush=True)
    lines = ["| scenario | planted places in top 10 | decoys in top 8 | decoys above a planted premises | organisers in top 8 persons of concern | time (s) |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name, s, secs, err in rows:
        if s is None:
            lines.append(f"| {name} | fails: {err} | | | | {secs:.1f} |")
            continue
        f = lambda k: f"{s[k][0]}/{s[k][1]}" if s[k][1] else "–"
        lines.append(f"| {name} | {f('planted_top10')} | {f('decoys_top8')} | "
                     f"{f('decoys_above_planted')} | {f('organisers_top8')} | {secs:.1f} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if a.markdown:
        open(a.markdown, "w").write(text)


if __name__ == "__main__":
    main()
