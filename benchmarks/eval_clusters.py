#!/usr/bin/env python
"""Score ``cluster_curves`` on the labelled corpus (run by hand; issue #15, "runs that behaved
alike").

Sweeps. Each task of the chosen split (``dev`` / ``test`` of ``$CURVECLI_CORPUS``, default
``benchmarks/_data/corpus``) is one sweep: its runs vary writer, model, optimizer, learning
rate and seed and land in different regimes (the labels of ``score_corpus.collect_labels``,
audited verdicts included). A run's curve is its monitored series as ``diagnose`` picks it
(the run with the most points when a path holds several); a run without one (``diagnose``
found nothing to judge) gets an empty curve, which ``cluster_curves`` leaves unshaped.

Scores, per sweep, on the runs that have a shape: the adjusted Rand index (ARI) and the
purity (share of runs whose label is their cluster's majority label) of the clusters against
the regime labels. Methods, all k-means with the same restarts and seed:

* ``shape``: ``cluster_curves`` as the CLI calls it (K chosen automatically);
* ``raw``: the monitored values resampled on the same grid (linear interpolation of the
  finite points, no smoothing, no normalisation), with the K ``shape`` chose;
* ``minmax``: the same, each curve min-max normalised to 0..1, with that K;
* ``single``: one cluster (ARI 0 by definition; its purity is the majority share);
* ``@oracle`` rows: ``shape``, ``raw`` and ``minmax`` with K = the number of distinct
  regimes of the sweep (separates the representation from the choice of K).

K-selection: chosen K against the number of distinct regimes per sweep. Invariance: the
ARI between the clustering of the sweep and that of the sweep with every value x10, and
with every 5th point kept (curves of 50 points or more). Timing: ``cluster_curves`` on
1,000 and 10,000 synthetic curves (median of 3).

    python benchmarks/eval_clusters.py --split dev
    python benchmarks/eval_clusters.py --split test
    python benchmarks/eval_clusters.py --split dev --set NOISE_FLOOR=4   # tuning aid

Tune on dev; the test split is for reporting only.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from curvecli.analysis import clusters as engine  # noqa: E402

THIN_EVERY = 5
THIN_MIN = 50
TIMING_SIZES = (1000, 10000)


def load_curve(entry: dict) -> dict:
    """The monitored series of one labelled run (empty arrays when there is none)."""
    from curvecli import load_runs
    from curvecli.analysis.diagnose import diagnose_run
    from curvecli.analysis.series import extract

    row = {"key": entry["key"], "label": entry["verdict"], "task": entry.get("task", "?"),
           "steps": np.zeros(0), "values": np.zeros(0), "lower_is_better": True}
    runs = [run for run in load_runs(entry["path"]).runs if run.points]
    if not runs:
        return row
    log = max(runs, key=lambda run: run.points)
    report = diagnose_run(log)
    if report.monitored is None:
        return row
    series = extract(log.frame)[report.monitored]
    row.update(steps=series.steps.astype(float), values=series.values.astype(float),
               lower_is_better=series.lower_is_better, monitored=report.monitored)
    return row


def load_split(split: str, jobs: int) -> list[dict]:
    from score_corpus import CORPUS, collect_labels

    entries = [e for e in collect_labels(CORPUS) if e["split"] == split]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(load_curve, entries))


def adjusted_rand(truth: list, found: list) -> float:
    """Adjusted Rand index of two labellings (1 = identical partitions, ~0 = chance)."""
    _, a = np.unique(np.asarray(truth, dtype=str), return_inverse=True)
    _, b = np.unique(np.asarray(found, dtype=str), return_inverse=True)
    table = np.zeros((a.max() + 1, b.max() + 1))
    np.add.at(table, (a, b), 1)

    def pairs(x):
        return float(np.sum(x * (x - 1) / 2))

    total = pairs(np.array([len(a)]))
    index, rows, cols = pairs(table), pairs(table.sum(1)), pairs(table.sum(0))
    expected = rows * cols / total if total else 0.0
    most = (rows + cols) / 2
    return 1.0 if most == expected else (index - expected) / (most - expected)


def purity(truth: list, found: list) -> float:
    groups = defaultdict(Counter)
    for label, cluster in zip(truth, found):
        groups[cluster][label] += 1
    return sum(max(c.values()) for c in groups.values()) / max(len(truth), 1)


def resampled(steps, values, minmax: bool) -> np.ndarray:
    """Baseline features: finite values linearly resampled on the grid (optionally 0..1)."""
    keep = np.isfinite(values)
    steps, values = steps[keep], values[keep]
    progress = (steps - steps[0]) / max(steps[-1] - steps[0], 1e-300)
    row = np.interp(engine.progress_grid(), progress, values)
    if minmax:
        span = row.max() - row.min()
        row = (row - row.min()) / span if span > 0 else np.zeros_like(row)
    return row


def baseline_labels(rows: list[dict], k: int, minmax: bool) -> list[int]:
    features = np.array([resampled(r["steps"], r["values"], minmax) for r in rows])
    features = np.clip(features, -1e150, 1e150)
    k = min(k, len(np.unique(features, axis=0)))
    if k <= 1:
        return [0] * len(rows)
    labels, _ = engine.kmeans(features, k, seed=0)
    return labels.tolist()


def transformed(rows: list[dict], kind: str) -> list[tuple]:
    if kind == "scale":
        return [(r["steps"], r["values"] * 10) for r in rows]
    return [(r["steps"][::THIN_EVERY], r["values"][::THIN_EVERY]) if len(r["steps"]) >= THIN_MIN
            else (r["steps"], r["values"]) for r in rows]


def score_sweep(rows: list[dict]) -> dict:
    """Every method's ARI and purity on one sweep, K chosen and invariance."""
    curves = [(r["steps"], r["values"]) for r in rows]
    lower = all(r["lower_is_better"] for r in rows)
    result = engine.cluster_curves(curves, lower)
    shaped = [i for i, label in enumerate(result.labels) if label is not None]
    kept = [rows[i] for i in shaped]
    truth = [r["label"] for r in kept]
    oracle = len(set(truth))
    found = {"shape": [result.labels[i] for i in shaped], "single": [0] * len(kept),
             "raw": baseline_labels(kept, result.k, False),
             "minmax": baseline_labels(kept, result.k, True)}
    at_oracle = engine.cluster_curves([curves[i] for i in shaped], lower, k=oracle)
    found["shape@oracle"] = at_oracle.labels
    found["raw@oracle"] = baseline_labels(kept, oracle, False)
    found["minmax@oracle"] = baseline_labels(kept, oracle, True)
    scores = {name: (adjusted_rand(truth, labels), purity(truth, labels))
              for name, labels in found.items()}
    invariance = {}
    for kind in ("scale", "thin"):
        again = engine.cluster_curves(transformed(rows, kind), lower).labels
        invariance[kind] = adjusted_rand([str(x) for x in result.labels],
                                         [str(x) for x in again])
    return {"n": len(rows), "shaped": len(kept), "k": result.k, "regimes": oracle,
            "quality": result.quality, "scores": scores, "invariance": invariance,
            "unshaped": Counter(rows[i]["label"] for i in range(len(rows)) if i not in shaped),
            "clusters": [Counter(truth[shaped.index(m)] for m in c.members)
                         for c in result.clusters]}


METHODS = ("shape", "raw", "minmax", "single")
ORACLE = ("shape@oracle", "raw@oracle", "minmax@oracle")


def _row(cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _table(header: list[str], rows: list[list]) -> str:
    lines = [_row(header), _row(["---"] * len(header))]
    return "\n".join([*lines, *(_row(r) for r in rows)])


def _method_rows(sweeps: dict, methods: tuple) -> list[list]:
    rows = []
    for task, s in sweeps.items():
        rows.append([task, s["shaped"], s["regimes"], s["k"]]
                    + [f"{s['scores'][m][0]:.2f}" for m in methods]
                    + [f"{s['scores'][m][1]:.2f}" for m in methods])
    means = [[np.mean([s["scores"][m][i] for s in sweeps.values()]) for m in methods]
             for i in (0, 1)]
    rows.append(["**mean**", sum(s["shaped"] for s in sweeps.values()), "", ""]
                + [f"**{v:.2f}**" for v in means[0]] + [f"**{v:.2f}**" for v in means[1]])
    return rows


def report(split: str, sweeps: dict, verbose: bool) -> None:
    names = [f"ARI {m}" for m in METHODS] + [f"purity {m}" for m in METHODS]
    print(f"## Clusters against regime labels, split `{split}` (K chosen by `shape`)\n")
    print(_table(["task", "runs", "regimes", "K"] + names, _method_rows(sweeps, METHODS)))
    print("\n## With K = the number of regimes (oracle K)\n")
    names = [f"ARI {m}" for m in ORACLE] + [f"purity {m}" for m in ORACLE]
    print(_table(["task", "runs", "regimes", "K"] + names, _method_rows(sweeps, ORACLE)))
    print("\n## K selection and invariance\n")
    rows = [[task, s["n"], s["shaped"], dict(s["unshaped"]) or "", s["regimes"], s["k"],
             "" if s["quality"] is None else f"{s['quality']:.2f}",
             f"{s['invariance']['scale']:.2f}", f"{s['invariance']['thin']:.2f}"]
            for task, s in sweeps.items()]
    print(_table(["task", "runs", "shaped", "unshaped (labels)", "regimes", "K", "silhouette",
                  "ARI vs x10", "ARI vs thinned"], rows))
    if verbose:
        print("\n## Cluster composition (labels per cluster)\n")
        for task, s in sweeps.items():
            parts = ["{" + ", ".join(f"{k}: {v}" for k, v in c.most_common()) + "}"
                     for c in s["clusters"]]
            print(f"* {task}: " + " ".join(parts))


def synthetic(n: int, seed: int = 0) -> list[tuple]:
    """``n`` curves of four kinds (decay, U, explosion, flat), 50..400 noisy points each."""
    rng = np.random.default_rng(seed)
    curves = []
    for i in range(n):
        length = int(rng.integers(50, 400))
        t = np.linspace(0.01, 1, length)
        kind = i % 4
        base = [np.exp(-5 * t), np.exp(-5 * t) + 2 * t ** 3, np.exp(4 * t), 1 + 0 * t][kind]
        curves.append((np.arange(length) * 10.0, base + rng.normal(0, 0.02, length)))
    return curves


def timing() -> None:
    print("\n## Timing (`cluster_curves`, K automatic, median of 3)\n")
    rows = []
    for n in TIMING_SIZES:
        curves = synthetic(n)
        spent = []
        for _ in range(3):
            began = time.perf_counter()
            result = engine.cluster_curves(curves, True)
            spent.append(time.perf_counter() - began)
        rows.append([n, f"{np.median(spent):.2f} s", result.k])
    print(_table(["curves", "time", "K"], rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=["dev", "test"])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override an engine constant (tuning on dev)")
    parser.add_argument("--verbose", action="store_true", help="print cluster compositions")
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args()
    for assignment in args.set:
        name, value = assignment.split("=", 1)
        setattr(engine, name, type(getattr(engine, name))(value))
    by_task = defaultdict(list)
    for row in load_split(args.split, args.jobs):
        by_task[row["task"]].append(row)
    sweeps = {task: score_sweep(rows) for task, rows in sorted(by_task.items())}
    report(args.split, sweeps, args.verbose)
    if not args.no_timing:
        timing()


if __name__ == "__main__":
    main()
