"""Which panels a run's figure has and which curves go in each.

A loss panel (train and val losses), a panel per other metric (the judged one
and well-known ones first, at most ``MAX_METRIC_PANELS``), and a small
learning-rate / grad_norm panel. The terminal view draws the same plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from curvecli.analysis.report import RunReport
from curvecli.analysis.series import HIGHER_IS_BETTER, LOWER_IS_BETTER
from curvecli.frame import RunLog
from curvecli.names import is_curve_metric
from curvecli.render.plot_curves import Curve, RunPlot, select_curve

MAX_METRIC_PANELS = 4  # more metrics are named in the subtitle and left to --metric
MAX_LOSS_CURVES = 8  # more loss curves: the loss panel keeps the monitored family first
SCHEDULE_METRICS = re.compile(r"^(learning_rate(_pg\d+)?|grad_norm)$")
# Metric names a reader expects to see first when a run logs too many to draw.
COMMON_METRICS = ("accuracy", "f1", "wer", "cer", "bleu", "rouge1", "rouge-1", "rougel",
                  "exact_match", "precision", "recall", "perplexity", "auc", "map", "iou")
SPLIT_ORDER = {"train": 0, "": 1, "val": 2, "test": 3}


@dataclass
class Panel:
    kind: str  # "loss", "metric" or "schedule"
    label: str
    curves: list[Curve]


def is_loss(curve: Curve) -> bool:
    return "loss" in curve.metric and curve.lower_is_better


def _metric_rank(metric: str, monitored_metric: str | None) -> int:
    """Which metrics get a panel first: the judged one, well-known ones, then any quality
    metric (a reward, a score), then the rest (lengths, counts)."""
    if metric == monitored_metric:
        return 0
    if metric in COMMON_METRICS:
        return 1
    if metric.startswith(("overall_", "macro_", "micro_")) or metric.endswith(("_macro", "_micro")):
        return 2
    if HIGHER_IS_BETTER.search(metric) or LOWER_IS_BETTER.search(metric):
        return 3
    return 4


def _chosen_curves(plot: RunPlot, log: RunLog | None, metrics: Sequence[str]) -> list[Curve]:
    """The curves that may get a panel: every curve metric, or the families asked for."""
    if not metrics:
        return [c for c in plot.curves.values()
                if not SCHEDULE_METRICS.match(c.metric) and is_curve_metric(c.metric)]
    chosen = [select_curve(plot, log, wanted) for wanted in metrics]
    families = {c.metric for c in chosen}
    return [c for c in plot.curves.values() if c.metric in families]


def plan_panels(plot: RunPlot, report: RunReport | None, log: RunLog | None = None,
                metrics: Sequence[str] = ()) -> tuple[list[Panel], list[str]]:
    """The panels of a run's figure, and the metrics left out for lack of room."""
    curves = _chosen_curves(plot, log, metrics)
    monitored = plot.curves.get(report.monitored) if report and report.monitored else None
    monitored_metric = monitored.metric if monitored else None

    losses = [c for c in curves if is_loss(c)]
    if len(losses) > MAX_LOSS_CURVES:
        losses.sort(key=lambda c: (c.metric != monitored_metric, c.split != "val"))
        losses = losses[:MAX_LOSS_CURVES]
    panels = [Panel("loss", "loss", losses)] if losses else []
    by_metric: dict[str, list[Curve]] = {}
    for curve in curves:
        if not is_loss(curve):
            by_metric.setdefault(curve.metric, []).append(curve)
    # Val metrics before train-only ones; the monitored and the well-known ones first.
    order = sorted(by_metric, key=lambda m: (
        _metric_rank(m, monitored_metric), not any(c.split == "val" for c in by_metric[m])))
    room = MAX_METRIC_PANELS if not metrics else len(order)
    for metric in order[:room]:
        group = sorted(by_metric[metric], key=lambda c: SPLIT_ORDER.get(c.split, 4))
        panels.append(Panel("metric", metric, group))
    schedule = [c for c in plot.curves.values() if SCHEDULE_METRICS.match(c.metric)
                and np.isfinite(c.values).any()]
    if schedule and (not metrics or panels):
        panels.append(Panel("schedule", "lr / grad_norm", schedule))
    return panels, order[room:]
