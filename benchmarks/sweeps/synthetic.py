"""Synthetic sweeps with known importances (issue #15's benchmark): breadth the real
trainings cannot give (10 to 1000 runs, noise levels, conditional and boolean hparams).

A sweep's goodness is ``f(u) = sum_j a_j * g_j(u_j) + interaction + noise``, where ``u_j`` in
0..1 is hparam j's position in its range (log scale for lr and weight decay), ``g_j`` one of
the shapes in ``SHAPES`` scaled to a range of 1, and ``a_j`` its amplitude (0 for some:
irrelevant by design, as ``seed`` and ``dummy`` always are). Options: a ``lr x batch_size``
interaction (the best lr moves with the batch size), a ``momentum`` present only in SGD runs
(NaN elsewhere, acting only there), runs with lr in its top ``DIVERGE_SHARE`` diverging (NaN
metric), a run name and a constant column. ``NULL_SHARE`` of the sweeps have no effect at
all. Noise: Gaussian, its sd ``noise`` times the signal's sd. The metric is a monotone
transform of the goodness (centred on its median): a loss (``exp(-f)``, lower is better) or
an accuracy (``sigmoid(f)``, higher is better).

Truth, on the rank scale (as curvecli fits): ``r(f)`` is the noiseless goodness' mid-rank among
``MC`` runs drawn like the sweep (diverged runs rank lowest). Importance: the total-effect
(Sobol) index of each hparam on ``r(f)``, by the Jansen estimator, times the signal share
``var(f) / (var(f) + noise^2)``. Direction: the shape of the main-effect curve
``E[r(f) | u_j]`` on ``CURVE_POINTS`` points or each grid value (``labels.direction_of``);
"none" when the amplitude is 0 or the importance under 0.01; "categorical" for categories and
booleans.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from labels import direction_of

MC = 8000
CURVE_POINTS = 21
NULL_SHARE = 0.1
DIVERGE_SHARE = 0.12
RUN_COUNTS = [10, 12, 15, 20, 30, 50, 80, 120, 200, 400, 1000]
NOISE_LEVELS = [0.1, 0.3, 0.6, 1.0, 1.5]
BATCHES = [16, 32, 64, 128, 256, 512]
SHAPES = ("rise", "fall", "saturate", "decay", "peak", "step")


@dataclass
class Sweep:
    """One labelled sweep: inputs to ``hparam_importance`` and the truth."""

    name: str
    split: str
    hparams: pd.DataFrame
    metric: np.ndarray
    lower_is_better: bool
    truth: dict  # hparam -> true importance (0 for irrelevant by design)
    directions: dict  # hparam -> true direction
    irrelevant: list = field(default_factory=list)  # by design


def _shape(kind: str, u: np.ndarray, centre: float) -> np.ndarray:
    """A shape on 0..1 with a range of about 1."""
    if kind == "rise":
        return u
    if kind == "fall":
        return 1 - u
    if kind == "saturate":
        return (1 - np.exp(-4 * u)) / (1 - math.exp(-4))
    if kind == "decay":
        return np.exp(-4 * u)
    if kind == "peak":
        return 1 - ((u - centre) / np.maximum(centre, 1 - centre)) ** 2
    return (u > centre).astype(float)  # a step


def _samplers(rng, n_levels: int):
    """hparam -> function(rng, size) -> (raw values, position u in 0..1 or level codes)."""
    log_lr = (-5.0, -1.0)
    log_wd = (-6.0, -1.0)
    return {
        "lr": lambda r, k: _log_uniform(r, k, *log_lr),
        "weight_decay": lambda r, k: _log_uniform(r, k, *log_wd),
        "batch_size": lambda r, k: _choice(r, k, BATCHES),
        "dropout": lambda r, k: _uniform(r, k, 0.0, 0.5),
        "layers": lambda r, k: _choice(r, k, [1, 2, 3, 4, 5, 6]),
        "warmup_steps": lambda r, k: _choice(r, k, [0, 100, 500, 1000, 2000]),
        "optimizer": lambda r, k: _levels(r, k, ["adam", "sgd", "rmsprop", "adagrad"][:n_levels]),
        "use_bn": lambda r, k: _levels(r, k, [False, True]),
        "momentum": lambda r, k: _uniform(r, k, 0.5, 0.99),
        "seed": lambda r, k: (r.integers(0, 100_000, k), r.random(k)),
        "dummy": lambda r, k: _uniform(r, k, 0.0, 1.0),
    }


def _log_uniform(rng, size, low, high):
    u = rng.random(size)
    return 10 ** (low + u * (high - low)), u


def _uniform(rng, size, low, high):
    u = rng.random(size)
    return low + u * (high - low), u


def _choice(rng, size, values):
    index = rng.integers(0, len(values), size)
    return np.asarray(values)[index], index / (len(values) - 1)


def _levels(rng, size, values):
    index = rng.integers(0, len(values), size)
    return np.asarray(values, dtype=object)[index], index


@dataclass
class _Design:
    names: list
    amplitude: dict
    shape: dict
    centre: dict
    level_effect: dict
    interaction: float
    conditional: bool
    diverge: bool
    noise: float


def _design(rng, n_levels: int) -> _Design:
    """Random structure of one sweep."""
    numeric = ["lr", "weight_decay", "batch_size", "dropout", "layers", "warmup_steps"]
    chosen = list(rng.choice(numeric, size=rng.integers(2, len(numeric) + 1), replace=False))
    names = ["lr"] + [str(c) for c in chosen if c != "lr"]
    if rng.random() < 0.7:
        names.append("optimizer")
    if rng.random() < 0.4:
        names.append("use_bn")
    conditional = "optimizer" in names and rng.random() < 0.4
    if conditional:
        names.append("momentum")
    names += ["seed", "dummy"]
    null = rng.random() < NULL_SHARE
    amplitude, shape, centre, level_effect = {}, {}, {}, {}
    for name in names:
        relevant = not null and name not in ("seed", "dummy") and (
            name == "lr" or rng.random() < 0.75)
        amplitude[name] = float(10 ** rng.uniform(-1, 0.3)) if relevant else 0.0
        shape[name] = "peak" if name == "lr" else str(rng.choice(SHAPES))
        centre[name] = float(rng.uniform(0.35, 0.65))
        effects = rng.normal(size=n_levels if name == "optimizer" else 2)
        level_effect[name] = effects / max(np.ptp(effects), 1e-9)
    return _Design(names, amplitude, shape, centre, level_effect,
                   interaction=float(rng.choice([0.0, 0.0, 0.5, 1.0])) * (not null),
                   conditional=conditional, diverge=rng.random() < 0.5 and not null,
                   noise=float(rng.choice(NOISE_LEVELS)))


def _draw(design: _Design, rng, size, n_levels):
    """(raw values per hparam, positions/codes per hparam)."""
    samplers = _samplers(rng, n_levels)
    raw, pos = {}, {}
    for name in design.names:
        raw[name], pos[name] = samplers[name](rng, size)
    return raw, pos


def _goodness(design: _Design, pos: dict) -> np.ndarray:
    """Noiseless goodness of every run (diverged runs: -inf)."""
    size = len(pos["lr"])
    total = np.zeros(size)
    for name in design.names:
        a = design.amplitude[name]
        if a == 0:
            continue
        if name in ("optimizer", "use_bn"):
            effect = design.level_effect[name][pos[name].astype(int)]
        else:
            u = pos[name]
            centre = design.centre[name]
            if name == "lr" and "batch_size" in pos and design.interaction:
                centre = centre + 0.25 * design.interaction * (pos["batch_size"] - 0.5)
            effect = _shape(design.shape[name], u, centre)
        if name == "momentum":
            effect = np.where(pos["optimizer"] == 1, effect, 0.0)
        total += a * effect
    if design.diverge:
        total[pos["lr"] > 1 - DIVERGE_SHARE] = -np.inf
    return total


def _rank_scale(values: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Each value's mid-rank among ``reference`` (0..1); -inf (diverged) ranks lowest."""
    ordered = np.sort(reference)
    low = np.searchsorted(ordered, values, side="left")
    high = np.searchsorted(ordered, values, side="right")
    return (low + high) / (2 * len(ordered))


def _truth(design: _Design, rng, n_levels) -> tuple[dict, dict, float]:
    """(true importance, true direction, signal sd) by Monte Carlo (module docstring)."""
    _, a = _draw(design, rng, MC, n_levels)
    _, b = _draw(design, rng, MC, n_levels)
    reference = _goodness(design, a)
    fa = _rank_scale(reference, reference)
    variance = fa.var()
    finite = reference[np.isfinite(reference)]
    signal_sd = float(finite.std()) if len(finite) else 0.0
    importance, direction = {}, {}
    for name in design.names:
        mixed = dict(a)
        mixed[name] = b[name]
        fm = _rank_scale(_goodness(design, mixed), reference)
        importance[name] = float(np.mean((fa - fm) ** 2) / (2 * variance)) if variance else 0.0
        direction[name] = _true_direction(design, name, a, importance[name], reference)
    return importance, direction, signal_sd


def _true_direction(design: _Design, name: str, pos: dict, importance: float,
                    reference: np.ndarray) -> str:
    if design.amplitude[name] == 0 or importance < 0.01:
        return "none"
    if name in ("optimizer", "use_bn"):
        return "categorical"
    grid = np.linspace(0, 1, CURVE_POINTS)
    if name in ("batch_size", "layers", "warmup_steps"):
        grid = np.unique(pos[name])
    curve = []
    for u in grid:
        fixed = dict(pos)
        fixed[name] = np.full(len(pos[name]), u)
        curve.append(np.mean(_rank_scale(_goodness(design, fixed), reference)))
    return direction_of(np.array(curve))


def make_synthetic(seed: int, split: str) -> Sweep:
    """One synthetic sweep, deterministic for ``seed``."""
    rng = np.random.default_rng(seed)
    n_levels = int(rng.integers(2, 5))
    design = _design(rng, n_levels)
    n_runs = int(rng.choice(RUN_COUNTS))
    raw, pos = _draw(design, rng, n_runs, n_levels)
    truth, directions, signal_sd = _truth(design, np.random.default_rng(seed + 7), n_levels)
    noise_sd = design.noise * (signal_sd if signal_sd > 0 else 1.0)
    signal_share = signal_sd ** 2 / (signal_sd ** 2 + noise_sd ** 2) if signal_sd else 0.0
    truth = {k: v * signal_share for k, v in truth.items()}
    good = _goodness(design, pos) + rng.normal(0, noise_sd, n_runs)
    lower = bool(rng.random() < 0.5)
    scale = 1.0 / (signal_sd + noise_sd)
    finite = good[np.isfinite(good)]
    good = good - (np.median(finite) if len(finite) else 0.0)
    with np.errstate(over="ignore"):
        metric = np.exp(-good * scale) if lower else 1 / (1 + np.exp(-good * scale))
    frame = pd.DataFrame({k: raw[k] for k in design.names})
    if design.conditional:
        frame.loc[pos["optimizer"] != 1, "momentum"] = np.nan
    if rng.random() < 0.5:
        frame["run_name"] = [f"run-{seed}-{i}" for i in range(n_runs)]
        frame["epochs"] = 10
    irrelevant = [k for k in design.names if design.amplitude[k] == 0]
    return Sweep(f"synthetic-{seed}", split, frame, metric, lower, truth, directions,
                 irrelevant)
