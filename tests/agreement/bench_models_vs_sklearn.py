"""TierLab's learned models against scikit-learn on the same matrix, side by side, with ratios.

    cargo build --release --example bench_models
    python3 -m venv .tools/sklearn && .tools/sklearn/bin/pip install -r tests/agreement/requirements-sklearn.txt
    .tools/sklearn/bin/python tests/agreement/bench_models_vs_sklearn.py [--customers 100000] [--runs 3]

Runs target/release/examples/bench_models (which writes the feature matrix) and then bench_sklearn.py on
that matrix, alternating `--runs` times, keeps each step's fastest time on each side (the least disturbed
by other work on the machine) and prints TierLab / scikit-learn per model. A ratio at or below 1 means
TierLab is at least as fast. Both sides are timed end to end the way their pipelines run a model (see
the two scripts' docstrings); scikit-learn runs on one thread.
"""

import argparse
import os
import platform
import re
import subprocess
import sys
from datetime import date

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
LINE = re.compile(r"^(?P<label>\S.*?)\s+(?P<seconds>\d+\.\d+) s$")


def key(label):
    """The model a timing line is about: the label up to its first parenthesis or comma, plus the
    thread count where the line names one."""
    name = re.split(r"[(,]", label)[0].strip()
    threads = re.search(r"(\d+) threads", label)
    return name + (f" [{threads.group(1)} threads]" if threads else "")


def timings(command):
    out = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True).stdout
    found = {}
    for line in out.splitlines():
        match = LINE.match(line)
        if match:
            found[key(match.group("label"))] = float(match.group("seconds"))
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--matrix", default="/tmp/tierlab_bench_matrix.csv")
    args = parser.parse_args()
    ours_bin = os.path.join(REPO, "target", "release", "examples", "bench_models")
    if not os.path.exists(ours_bin):
        sys.exit("build it first: cargo build --release --example bench_models")
    best_ours, best_theirs = {}, {}
    for run in range(args.runs):
        ours = timings([ours_bin, str(args.customers), str(args.seed), args.matrix])
        theirs = timings([sys.executable, os.path.join(HERE, "bench_sklearn.py"), args.matrix])
        for best, now in ((best_ours, ours), (best_theirs, theirs)):
            for name, seconds in now.items():
                best[name] = min(seconds, best.get(name, seconds))
        print(f"run {run + 1} of {args.runs} done", file=sys.stderr)
    cpu = platform.processor() or platform.machine()
    print(f"{date.today()}, {os.cpu_count()} cores ({cpu}), {args.customers} customers, best of {args.runs} runs")
    print(f"{'model':<52} {'TierLab':>9} {'sklearn':>9} {'ratio':>7}")
    for name, seconds in best_ours.items():
        base = name.split(" [")[0]
        if base not in best_theirs or base.startswith(("generate", "ingest", "training set", "tiers", "read")):
            continue
        reference = best_theirs[base]
        print(f"{name:<52} {seconds:>8.3f}s {reference:>8.3f}s {seconds / reference:>7.2f}")


if __name__ == "__main__":
    main()
