"""Labelled sweeps from the cached real trainings of ``gen_real.py``.

Truth per task and metric (``val_loss``, lower is better, NaN when diverged; ``val_acc``,
higher is better): every run's goodness is ranked among the pool's (mid-ranks scaled to
0..1; diverged runs lowest). For each hparam, the variance of that rank along its grid,
averaged over the base configurations, divided by the variance of the pool's ranks, is its
measured total effect. The seed's measured total effect is the training noise: every other
hparam's truth is its measured effect minus the seed's, floored at 0; ``seed`` and ``dummy``
have truth 0 and are the irrelevant ones by design. The true direction is
``labels.direction_of`` of the mean rank curve along the grid; "categorical" for the optimizer;
"none" when the truth is under ``MIN_TRUTH_FOR_DIRECTION``.

Sweeps: random subsets of the pool of ``SIZES`` runs (``DRAWS`` each), both metrics, with a
pure-noise ``dummy`` column (uniform 0..1, never given to the training), a run name and a
constant ``epochs`` added.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
from gen_real import GRIDS, OUT, SPACE, TASKS
from labels import direction_of
from synthetic import Sweep

SIZES = [10, 15, 20, 30, 50, 80, 120, 240]
DRAWS = 2
MIN_TRUTH_FOR_DIRECTION = 0.02
METRICS = {"val_loss": True, "val_acc": False}  # name -> lower is better


def _goodness(runs: pd.DataFrame, metric: str) -> np.ndarray:
    values = runs[metric].to_numpy(dtype=float)
    good = -values if METRICS[metric] else values
    return np.where(np.isfinite(good), good, -np.inf)


def _rank_scale(values, reference):
    ordered = np.sort(reference)
    low = np.searchsorted(ordered, values, side="left")
    high = np.searchsorted(ordered, values, side="right")
    return (low + high) / (2 * len(ordered))


def task_truth(runs: pd.DataFrame, metric: str) -> tuple[dict, dict, float]:
    """(truth, direction, seed noise) for one task and metric (module docstring)."""
    pool = runs[runs.part == "pool"]
    grid = runs[runs.part == "grid"]
    reference = _goodness(pool, metric)
    pool_var = _rank_scale(reference, reference).var()
    ranks = _rank_scale(_goodness(grid, metric), reference)
    measured, curves = {}, {}
    for name in GRIDS:
        part = grid[grid.varied == name].assign(rank=ranks[(grid.varied == name).to_numpy()])
        table = part.pivot_table(index="base", columns="position", values="rank")
        measured[name] = float(table.var(axis=1, ddof=0).mean() / pool_var)
        curves[name] = table.mean(axis=0).to_numpy()
    noise = measured["seed"]
    truth = {k: max(0.0, v - noise) for k, v in measured.items()}
    truth["seed"] = 0.0
    directions = {}
    for name, value in truth.items():
        if value < MIN_TRUTH_FOR_DIRECTION:
            directions[name] = "none"
        elif SPACE[name][0] == "choice" and isinstance(SPACE[name][1][0], str):
            directions[name] = "categorical"
        else:
            directions[name] = direction_of(curves[name])
    truth["dummy"], directions["dummy"] = 0.0, "none"
    return truth, directions, noise


def load_real(split: str) -> list[Sweep]:
    """Every real sweep of ``split`` from the cache (empty if nothing was generated)."""
    sweeps = []
    for task, (task_split, epochs) in TASKS.items():
        path = OUT / f"{task}.json"
        if task_split != split or not path.exists():
            continue
        runs = pd.DataFrame(json.loads(Path(path).read_text())["runs"])
        pool = runs[runs.part == "pool"].reset_index(drop=True)
        rng = np.random.default_rng(sum(map(ord, task)))
        for metric, lower in METRICS.items():
            truth, directions, _ = task_truth(runs, metric)
            for size in SIZES:
                for draw in range(DRAWS if size < len(pool) else 1):
                    chosen = rng.choice(len(pool), size=min(size, len(pool)), replace=False)
                    rows = pool.iloc[np.sort(chosen)].reset_index(drop=True)
                    frame = rows[list(SPACE)].copy()
                    frame["dummy"] = rng.random(len(rows))
                    frame["run_name"] = [f"{task}-{i}" for i in chosen]
                    frame["epochs"] = epochs
                    sweeps.append(Sweep(f"{task}-{metric}-{size}-{draw}", split, frame,
                                        rows[metric].to_numpy(dtype=float), lower, truth,
                                        directions, ["seed", "dummy"]))
    return sweeps
