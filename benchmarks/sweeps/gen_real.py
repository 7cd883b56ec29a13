#!/usr/bin/env python
"""Labelled sweeps from real small trainings (issue #15's benchmark; run by hand).

Tasks (``TASKS``): torch MLPs (one hidden layer) on small datasets, CPU, one thread per
process. Dev: ``digits``, ``moons``; test: ``cancer``, ``wine``, ``classif``. Data come from
scikit-learn's bundled datasets and generators (a benchmark may use it; curvecli may not).

Search space (``SPACE``): ``lr`` log-uniform 1e-4..3 (too high diverges or wrecks the run,
too low does not learn in the budget: an interior optimum), ``weight_decay`` log-uniform
1e-6..0.3, ``batch_size`` in 16..256, ``hidden`` in 8..256, ``dropout`` 0..0.6, ``optimizer``
sgd (momentum 0.9) / adam / rmsprop, ``seed`` (weight init and batch order only). Each run
records the best validation loss (NaN when it diverged) and best validation accuracy.

Per task:

* pool: ``POOL`` runs with random configurations; the evaluated sweeps are subsets of it
  (``make_sweeps``), with extra columns added there: a pure-noise ``dummy`` never passed to
  the training, a run name, a constant ``epochs``.
* truth: one-at-a-time grids around ``BASES`` random base configurations: each hparam is
  set to every value of its grid (``GRIDS``, in its sampling scale) with the others as in
  the base. The true importance of an hparam is its total-effect (Sobol) index on the rank
  scale: the mean over bases of the variance of the metric's goodness rank along its grid,
  divided by the variance of the goodness rank over the pool; ranks are taken over the pool
  and the grid runs together (diverged runs worst). ``seed`` and ``dummy`` are irrelevant by
  design (truth 0; the seed's measured effect, the training noise, is reported separately).
  The true direction is read off the mean rank curve along the grid (``labels.py``).

Results are cached as JSON under ``benchmarks/_data/sweeps/real/<task>.json``; a task
already there is not trained again. ~6 minutes on 2 cores.

    python benchmarks/sweeps/gen_real.py --jobs 2
"""

from __future__ import annotations

import argparse
import json
import math
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "_data" / "sweeps" / "real"
POOL = 240
BASES = 5
TASKS = {  # name: (split, epochs)
    "digits": ("dev", 12),
    "moons": ("dev", 15),
    "cancer": ("test", 20),
    "wine": ("test", 40),
    "classif": ("test", 12),
}
SPACE = {
    "lr": ("log", 1e-4, 3.0),
    "weight_decay": ("log", 1e-6, 0.3),
    "batch_size": ("choice", [16, 32, 64, 128, 256]),
    "hidden": ("choice", [8, 16, 32, 64, 128, 256]),
    "dropout": ("uniform", 0.0, 0.6),
    "optimizer": ("choice", ["sgd", "adam", "rmsprop"]),
    "seed": ("int", 0, 10_000),
}
GRIDS = {
    "lr": list(np.logspace(-4, math.log10(3.0), 11)),
    "weight_decay": list(np.logspace(-6, math.log10(0.3), 8)),
    "batch_size": [16, 32, 64, 128, 256],
    "hidden": [8, 16, 32, 64, 128, 256],
    "dropout": list(np.linspace(0, 0.6, 6)),
    "optimizer": ["sgd", "adam", "rmsprop"],
    "seed": [11, 22, 33, 44, 55],
}


def load_task(name: str):
    """(x_train, y_train, x_val, y_val) as float32/int64 numpy arrays, standardised."""
    from sklearn import datasets
    from sklearn.model_selection import train_test_split

    if name == "digits":
        x, y = datasets.load_digits(return_X_y=True)
    elif name == "moons":
        x, y = datasets.make_moons(1200, noise=0.3, random_state=0)
    elif name == "cancer":
        x, y = datasets.load_breast_cancer(return_X_y=True)
    elif name == "wine":
        x, y = datasets.load_wine(return_X_y=True)
    else:
        x, y = datasets.make_classification(1500, 20, n_informative=8, n_classes=3,
                                            random_state=0)
    x_train, x_val, y_train, y_val = train_test_split(x, y, test_size=0.3, random_state=0,
                                                      stratify=y)
    mean, std = x_train.mean(0), x_train.std(0) + 1e-8
    return ((x_train - mean) / std).astype(np.float32), y_train, \
        ((x_val - mean) / std).astype(np.float32), y_val


def sample_config(rng) -> dict:
    """One random configuration from ``SPACE``."""
    config = {}
    for name, spec in SPACE.items():
        if spec[0] == "log":
            config[name] = float(10 ** rng.uniform(math.log10(spec[1]), math.log10(spec[2])))
        elif spec[0] == "uniform":
            config[name] = float(rng.uniform(spec[1], spec[2]))
        elif spec[0] == "int":
            config[name] = int(rng.integers(spec[1], spec[2]))
        else:
            value = spec[1][rng.integers(len(spec[1]))]
            config[name] = value.item() if hasattr(value, "item") else value
    return config


_DATA: dict = {}


def train(task: str, epochs: int, config: dict) -> dict:
    """Train one MLP; the best validation loss (NaN once diverged) and accuracy."""
    import torch

    torch.set_num_threads(1)
    if task not in _DATA:
        _DATA[task] = [torch.from_numpy(np.asarray(a)) for a in load_task(task)]
    x_train, y_train, x_val, y_val = _DATA[task]
    torch.manual_seed(config["seed"])
    classes = int(y_train.max()) + 1
    model = torch.nn.Sequential(
        torch.nn.Linear(x_train.shape[1], config["hidden"]), torch.nn.ReLU(),
        torch.nn.Dropout(config["dropout"]), torch.nn.Linear(config["hidden"], classes))
    kwargs = {"lr": config["lr"], "weight_decay": config["weight_decay"]}
    optimizer = {"sgd": lambda p: torch.optim.SGD(p, momentum=0.9, **kwargs),
                 "adam": lambda p: torch.optim.Adam(p, **kwargs),
                 "rmsprop": lambda p: torch.optim.RMSprop(p, **kwargs)}[config["optimizer"]](
        model.parameters())
    best_loss, best_acc = math.inf, 0.0
    generator = torch.Generator().manual_seed(config["seed"])
    for _ in range(epochs):
        model.train()
        order = torch.randperm(len(x_train), generator=generator)
        for start in range(0, len(order), config["batch_size"]):
            batch = order[start:start + config["batch_size"]]
            loss = torch.nn.functional.cross_entropy(model(x_train[batch]), y_train[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            logits = model(x_val)
            val_loss = float(torch.nn.functional.cross_entropy(logits, y_val))
            acc = float((logits.argmax(1) == y_val).float().mean())
        if not math.isfinite(val_loss):
            return {"val_loss": math.nan, "val_acc": best_acc, "diverged": True}
        best_loss, best_acc = min(best_loss, val_loss), max(best_acc, acc)
    return {"val_loss": best_loss, "val_acc": best_acc, "diverged": False}


def plan(task: str, seed: int) -> list[dict]:
    """Every configuration of a task: the pool, then the one-at-a-time grids."""
    rng = np.random.default_rng(seed)
    jobs = [{"part": "pool", **sample_config(rng)} for _ in range(POOL)]
    for base_index in range(BASES):
        base = sample_config(rng)
        for name, grid in GRIDS.items():
            for position, value in enumerate(grid):
                value = value.item() if hasattr(value, "item") else value
                jobs.append({**base, name: value, "part": "grid", "base": base_index,
                             "varied": name, "position": position})
    return jobs


def _run(args):
    task, epochs, job = args
    config = {k: job[k] for k in SPACE}
    return {**job, **train(task, epochs, config)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--tasks", default=",".join(TASKS))
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(args.jobs) as pool:
        for index, task in enumerate(args.tasks.split(",")):
            path = OUT / f"{task}.json"
            if path.exists():
                continue
            split, epochs = TASKS[task]
            start = time.time()
            jobs = plan(task, 1000 + index)
            runs = list(pool.map(_run, [(task, epochs, j) for j in jobs], chunksize=8))
            path.write_text(json.dumps({"task": task, "split": split, "epochs": epochs,
                                        "runs": runs}))
            print(f"{task}: {len(runs)} runs in {time.time() - start:.0f} s", flush=True)


if __name__ == "__main__":
    main()
