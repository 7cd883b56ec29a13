#!/usr/bin/env python
"""Score ``hparam_importance`` on labelled sweeps (issue #15; run by hand).

Sweeps (``benchmarks/sweeps/``): synthetic response surfaces with known importances
(``synthetic.py``; dev seeds ``DEV_SEEDS``, test seeds ``TEST_SEEDS``) and subsets of real
small trainings (``gen_real.py`` then ``real.py``; dev tasks digits and moons, test tasks
cancer, wine and classif). Tune on dev; the test split is for reporting only.

Scores, per method, over the sweeps curvecli answers (refusals are counted apart):

* spearman: rank correlation between the true and the estimated importances of a sweep's
  hparams (those the truth knows: ids and constants are not scored; an hparam curvecli left
  out counts as 0), averaged over the sweeps whose truth is not all equal.
* top-1: the hparam ranked first is the true first, over the sweeps whose true first is
  clear (at least ``CLEAR_TOP`` times the second, and at least ``RELEVANT``).
* false importance: the share of the irrelevant-by-design hparams (seed, dummy, effects of
  amplitude 0) given an importance above ``FALSE_LEVEL``. The baselines' importance is r^2
  (the variance a linear fit explains, the analogue of curvecli's share).
* recall: the share of the hparams with truth at least ``IMPORTANT`` given more than
  ``FALSE_LEVEL``.
* direction: the share of the numeric hparams with truth at least ``RELEVANT`` and a true
  direction (higher/lower is better, non-monotonic) whose direction is right; nonmono recall:
  the share of the truly non-monotonic ones called non-monotonic.

Baselines, in the same run, on the metric's goodness (diverged runs: worst finite minus its
range for Pearson; lowest rank for Spearman): |Pearson r| and |Spearman rho| of each hparam
(numbers as they are; a category or boolean: the largest over its one-hot columns); their
direction is the sign (never non-monotonic), "none" under r^2 of ``NO_DIRECTION``.

    python benchmarks/sweeps/gen_real.py --jobs 2          # ~6 min on 2 cores, cached
    python benchmarks/eval_importance.py --split dev --jobs 2
    python benchmarks/eval_importance.py --split test --jobs 2
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "sweeps"))
sys.path.insert(0, str(HERE.parent))

from real import load_real  # noqa: E402
from synthetic import make_synthetic  # noqa: E402

from curvecli.analysis.importance import hparam_importance  # noqa: E402

DEV_SEEDS = range(0, 100)
TEST_SEEDS = range(1000, 1100)
CLEAR_TOP = 1.5
RELEVANT = 0.05
IMPORTANT = 0.1
FALSE_LEVEL = 0.05
NO_DIRECTION = 0.02
SIGNED = ("higher is better", "lower is better", "non-monotonic")
SIZE_BUCKETS = ((0, 20, "10-20 runs"), (21, 100, "21-100 runs"), (101, 10**9, ">100 runs"))


def load_sweeps(split: str) -> list:
    seeds = DEV_SEEDS if split == "dev" else TEST_SEEDS
    return [make_synthetic(s, split) for s in seeds] + load_real(split)


def _goodness(sweep) -> np.ndarray:
    good = np.asarray(sweep.metric, dtype=float) * (-1 if sweep.lower_is_better else 1)
    return np.where(np.isfinite(good), good, -np.inf)


def _corr(x: np.ndarray, y: np.ndarray) -> float:
    if len(x) < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return 0.0
    return float(np.corrcoef(x, y)[0, 1])


def baseline(sweep, rank: bool) -> dict:
    """name -> (importance r^2, signed r, direction) for Pearson or Spearman."""
    good = _goodness(sweep)
    finite = good[np.isfinite(good)]
    worst = finite.min() - np.ptp(finite) if len(finite) else 0.0
    good = np.where(np.isfinite(good), good, worst)
    out = {}
    for name in sweep.truth:
        column = sweep.hparams[name]
        present = column.notna().to_numpy()
        y = good[present]
        values = column[present]
        numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
        if numeric:
            x = values.to_numpy(dtype=float)
            xs = [pd.Series(x).rank().to_numpy() if rank else x]
        else:
            xs = [(values == level).to_numpy(dtype=float) for level in values.unique()]
        ys = pd.Series(y).rank().to_numpy() if rank else y
        rs = [_corr(x, ys) for x in xs]
        r = max(rs, key=abs) if rs else 0.0
        direction = "none" if r * r < NO_DIRECTION else (
            ("higher is better" if r > 0 else "lower is better") if numeric else "categorical")
        out[name] = (r * r, r, direction)
    return out


def score_sweep(sweep) -> dict:
    """Every method's estimates for one sweep (run in a worker)."""
    start = time.perf_counter()
    result = hparam_importance(sweep.hparams, sweep.metric, sweep.lower_is_better)
    seconds = time.perf_counter() - start
    found = {h.name: (h.importance, None, h.direction) for h in result.hparams}
    curvecli = {name: found.get(name, (0.0, None, "none")) for name in sweep.truth}
    return {"name": sweep.name, "runs": len(sweep.metric), "truth": sweep.truth,
            "directions": sweep.directions, "irrelevant": sweep.irrelevant,
            "refused": result.reason is not None, "seconds": seconds,
            "methods": {"curvecli": curvecli, "|pearson|": baseline(sweep, rank=False),
                        "|spearman|": baseline(sweep, rank=True)}}


def _spearman(a, b) -> float | None:
    a, b = pd.Series(a).rank().to_numpy(), pd.Series(b).rank().to_numpy()
    if np.ptp(a) == 0:
        return None
    if np.ptp(b) == 0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def method_scores(scored: list, method: str) -> dict:
    """The scores of the module docstring for one method over answered sweeps."""
    tally = {k: [] for k in ("spearman", "top1", "false", "recall", "direction", "nonmono")}
    for s in scored:
        names = list(s["truth"])
        truth = np.array([s["truth"][n] for n in names])
        estimate = np.array([s["methods"][method][n][0] for n in names])
        rho = _spearman(truth, estimate)
        if rho is not None:
            tally["spearman"].append(rho)
        order = np.argsort(-truth)
        if len(names) > 1 and truth[order[0]] >= max(RELEVANT, CLEAR_TOP * truth[order[1]]):
            tally["top1"].append(int(np.argmax(estimate) == order[0]))
        for n in s["irrelevant"]:
            tally["false"].append(int(s["methods"][method][n][0] > FALSE_LEVEL))
        for n, t in s["truth"].items():
            est, _, direction = s["methods"][method][n]
            if t >= IMPORTANT:
                tally["recall"].append(int(est > FALSE_LEVEL))
            true_dir = s["directions"][n]
            if t >= RELEVANT and true_dir in SIGNED:
                tally["direction"].append(int(direction == true_dir))
                if true_dir == "non-monotonic":
                    tally["nonmono"].append(int(direction == "non-monotonic"))
    return {k: (float(np.mean(v)) if v else float("nan"), len(v)) for k, v in tally.items()}


def _row(name: str, scores: dict) -> str:
    cells = [f"{scores[k][0]:.3f} ({scores[k][1]})" for k in
             ("spearman", "top1", "false", "recall", "direction", "nonmono")]
    return f"| {name} | " + " | ".join(cells) + " |"


HEADER = ("| method | spearman | top-1 | false importance | recall | direction | nonmono recall |\n"
          "|---|---|---|---|---|---|---|")


def report(scored_all: list, split: str) -> None:
    answered = [s for s in scored_all if not s["refused"]]
    refused = [s for s in scored_all if s["refused"]]
    print(f"## split {split}: {len(scored_all)} sweeps, {len(refused)} refused "
          f"(runs: {sorted({s['runs'] for s in refused})})\n")
    for label, group in (("all", answered),
                         ("synthetic", [s for s in answered if s["name"].startswith("synth")]),
                         ("real", [s for s in answered if not s["name"].startswith("synth")])):
        if not group:
            continue
        print(f"### {label} ({len(group)} sweeps; cells: mean (count))\n\n{HEADER}")
        for method in ("curvecli", "|pearson|", "|spearman|"):
            print(_row(method, method_scores(group, method)))
        print()
    print(f"### curvecli by sweep size\n\n{HEADER.replace('method', 'runs')}")
    for low, high, label in SIZE_BUCKETS:
        group = [s for s in answered if low <= s["runs"] <= high]
        if group:
            print(_row(f"{label} ({len(group)})", method_scores(group, "curvecli")))
    seconds = [s["seconds"] for s in scored_all]
    biggest = max(scored_all, key=lambda s: s["runs"] * len(s["truth"]))
    print(f"\ntime per sweep: median {np.median(seconds) * 1000:.0f} ms, max "
          f"{max(seconds) * 1000:.0f} ms; largest sweep ({biggest['runs']} runs x "
          f"{len(biggest['truth'])} hparams) {biggest['seconds'] * 1000:.0f} ms\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--wrong", action="store_true", help="list curvecli's misses")
    args = parser.parse_args()
    sweeps = load_sweeps(args.split)
    with ProcessPoolExecutor(args.jobs) as pool:
        scored = list(pool.map(score_sweep, sweeps, chunksize=2))
    report(scored, args.split)
    if args.wrong:
        list_misses(scored)


def list_misses(scored: list) -> None:
    """Print curvecli's wrong directions and false importances, one line each."""
    for s in scored:
        for n, t in s["truth"].items():
            est, _, direction = s["methods"]["curvecli"][n]
            true_dir = s["directions"][n]
            if t >= RELEVANT and true_dir in SIGNED and direction != true_dir:
                print(f"direction {s['name']} ({s['runs']}) {n}: truth {true_dir} ({t:.2f}), "
                      f"got {direction} ({est:.2f})")
            if n in s["irrelevant"] and est > FALSE_LEVEL:
                print(f"false {s['name']} ({s['runs']}) {n}: {est:.2f}")


if __name__ == "__main__":
    main()
