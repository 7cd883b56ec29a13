#!/usr/bin/env python
"""Score ``forecast_curve`` on the labelled corpus (run by hand; the acceptance test, issue #14).

Curves: the monitored series of every labelled run (as ``diagnose`` picks it) of the chosen
split: ``dev`` / ``test`` (the generated corpus, ``$CURVECLI_CORPUS``), ``real`` (the public
runs of ``tests/data/labelled/labels.json``), or ``real-logs``: every run under
``--real-logs DIR``. The learning rate, when logged, is passed as ``lr``.

Protocol. Each curve is cut at 30% and at 50% of its step span (points with
``step <= first + share * (last - first)``) and forecast at its last observed step; the
truth is the last observed value. Skipped: curves with fewer than ``MIN_TOTAL`` finite
points, a non-finite last value, a range (max - min of the finite values) of 0, or fewer
than 2 points before the cut. Errors are ``|forecast - truth| / range``. Baselines, in the
same run: the last value before the cut, the mean of the last 3, and
``y = a + b * exp(-c * step)`` (``curve_fit``; last value on failure, failures counted).
The forecast's median error is reported on the curves it answers, next to the baselines'
on the same curves, and on every curve with the last value standing in for a refusal.

Band: the share of truths inside the 80% band. ``p_beat``: for every answered curve, the
probability of beating ``truth + k * range`` for k in ``BEAT_OFFSETS`` (both signs); the
Brier score and a reliability table (mean probability against the share that came true).
Timing: the median milliseconds per ``forecast_curve`` call (in the worker processes).

    python benchmarks/eval_forecast.py --split dev --jobs 2
    python benchmarks/eval_forecast.py --split real-logs --real-logs /path/to/logs
    python benchmarks/eval_forecast.py --split dev --dump /tmp/forecast-dev.json

Tune on dev (and real); the test split is for reporting only.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

CUTS = (0.3, 0.5)
MIN_TOTAL = 8  # curves with fewer finite points are skipped
LEVEL = 0.8
BEAT_OFFSETS = (0.02, 0.05, 0.1, 0.2, 0.4)  # beat = truth +- k * range
PROBABILITY_BINS = (0.0, 0.05, 0.2, 0.4, 0.6, 0.8, 0.95, 1.0001)
LAST_MEAN = 3  # baseline 2: mean of the last 3 points


def _learning_rate(series: dict):
    lr = series.get("learning_rate")
    if lr is None:
        lr = next((s for s in series.values() if s.metric == "learning_rate"), None)
    if lr is None or not np.any(np.isfinite(lr.values)):
        return None
    return lr.steps.astype(float), lr.values.astype(float)


def load_curve(path: str, key: str, split: str) -> dict | None:
    """The monitored curve of the run with the most points under ``path`` (None if none)."""
    from curvecli import load_runs
    from curvecli.analysis.diagnose import diagnose_run
    from curvecli.analysis.series import extract

    try:
        runs = [run for run in load_runs(path).runs if run.points]
        if not runs:
            return None
        log = max(runs, key=lambda run: run.points)
        series = extract(log.frame)
        monitored = series.get(diagnose_run(log, series=series).monitored)
    except Exception as error:  # noqa: BLE001 - an unreadable run is left out, not fatal
        return {"key": key, "error": f"{type(error).__name__}: {error}"}
    if monitored is None:
        return None
    return {"key": key, "split": split, "name": monitored.name,
            "lower_is_better": monitored.lower_is_better,
            "steps": monitored.steps.astype(float), "values": monitored.values.astype(float),
            "lr": _learning_rate(series)}


def entries_for(split: str, real_logs: str | None) -> list[tuple[str, str, str]]:
    """``(path, key, split)`` of every run of ``split``."""
    if split == "real-logs":
        if not real_logs:
            raise SystemExit("--split real-logs needs --real-logs DIR")
        root = Path(real_logs)
        return [(str(p), p.name, split) for p in sorted(root.iterdir()) if p.is_dir()]
    from score_corpus import CORPUS, collect_labels

    return [(e["path"], e["key"], e["split"]) for e in collect_labels(CORPUS)
            if e["split"] == split]


def exp_baseline(steps: np.ndarray, values: np.ndarray, to_step: float) -> tuple[float, bool]:
    """``a + b * exp(-c * step)`` by ``curve_fit`` at ``to_step``; (last value, False) on
    failure. Steps are counted from the first one (the same model, better conditioned)."""
    from scipy.optimize import curve_fit

    t = steps - steps[0]
    span = max(t[-1], 1e-12)

    def model(s, a, b, c):
        return a + b * np.exp(-c * s)

    start = (values[-1], values[0] - values[-1], 3.0 / span)
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            params, _ = curve_fit(model, t, values, p0=start, maxfev=2000)
        predicted = float(model(to_step - steps[0], *params))
    except (RuntimeError, ValueError, TypeError, OverflowError):
        return float(values[-1]), False
    if not math.isfinite(predicted):
        return float(values[-1]), False
    return predicted, True


def _cut_lr(lr, cut: float):
    if lr is None:
        return None
    steps, values = lr
    keep = steps <= cut
    return (steps[keep], values[keep]) if np.any(keep) else None


def score_cut(curve: dict, share: float) -> dict:
    """One curve at one cut: the forecast, the baselines, their errors, band and p_beat."""
    from curvecli.analysis.forecast import forecast_curve, p_beat_value

    steps, values = curve["steps"], curve["values"]
    finite = np.isfinite(values)
    base = {"key": curve["key"], "cut": share}
    if finite.sum() < MIN_TOTAL:
        return {**base, "skip": "few points"}
    if not finite[-1]:
        return {**base, "skip": "non-finite end"}
    span = float(np.max(values[finite]) - np.min(values[finite]))
    if not span > 0 or not math.isfinite(span):
        return {**base, "skip": "range 0"}
    truth, last_step = float(values[-1]), float(steps[-1])
    cut = steps[0] + share * (last_step - steps[0])
    keep = steps <= cut
    seen_steps, seen = steps[keep], values[keep]
    seen_finite = np.isfinite(seen)
    if seen_finite.sum() < 2:
        return {**base, "skip": "few points before the cut"}
    start = time.perf_counter()
    result = forecast_curve(seen_steps, seen, int(last_step),
                            lower_is_better=curve["lower_is_better"], level=LEVEL,
                            lr=_cut_lr(curve["lr"], cut))
    elapsed = time.perf_counter() - start
    fin_steps, fin_values = seen_steps[seen_finite], seen[seen_finite]
    last = float(fin_values[-1])
    exp_value, exp_ok = exp_baseline(fin_steps, fin_values, last_step)
    row = {**base, "ms": elapsed * 1000, "range": span, "truth": truth,
           "refused": result.predicted is None, "reason": result.reason,
           "err_last": abs(last - truth) / span,
           "err_last3": abs(float(np.mean(fin_values[-LAST_MEAN:])) - truth) / span,
           "err_exp": abs(exp_value - truth) / span, "exp_failed": not exp_ok}
    if result.predicted is None:
        return row
    row.update(err=abs(result.predicted - truth) / span,
               inside=bool(result.low <= truth <= result.high),
               width=(result.high - result.low) / span, weights=result.weights)
    beats = []
    for k in BEAT_OFFSETS:
        for sign in (-1.0, 1.0):
            beat = truth + sign * k * span
            p = p_beat_value(result, beat, curve["lower_is_better"])
            happened = truth < beat if curve["lower_is_better"] else truth > beat
            beats.append((p, bool(happened)))
    row["beats"] = beats
    return row


def score_curve(curve: dict) -> list[dict]:
    return [score_cut(curve, share) for share in CUTS]


def _load(item):
    return load_curve(*item)


def _median(values) -> float:
    values = [v for v in values if v is not None]
    return float(np.median(values)) if values else math.nan


def _summary(rows: list[dict], split: str, share: float) -> dict:
    """The table row of one split and cut."""
    scored = [r for r in rows if "skip" not in r]
    answered = [r for r in scored if not r["refused"]]
    line = {"split": split, "cut": f"{share:.0%}", "curves": len(scored),
            "skipped": len(rows) - len(scored),
            "refused": len(scored) - len(answered)}
    line["forecast"] = _median([r["err"] for r in answered])
    for name in ("last", "last3", "exp"):
        line[name] = _median([r[f"err_{name}"] for r in answered])
    line["forecast_all"] = _median([r.get("err", r["err_last"]) for r in scored])
    line["last_all"] = _median([r["err_last"] for r in scored])
    line["coverage"] = float(np.mean([r["inside"] for r in answered])) if answered else math.nan
    line["width"] = _median([r["width"] for r in answered])
    line["exp_failed"] = sum(r["exp_failed"] for r in scored)
    beats = [b for r in answered for b in r["beats"]]
    line["brier"] = (float(np.mean([(p - happened) ** 2 for p, happened in beats]))
                     if beats else math.nan)
    line["ms"] = _median([r["ms"] for r in scored])
    return line


def _reliability(rows: list[dict]) -> list[str]:
    beats = [b for r in rows if "beats" in r for b in r["beats"]]
    lines = ["| p_beat bin | pairs | mean p | came true |", "|---|---|---|---|"]
    for low, high in zip(PROBABILITY_BINS, PROBABILITY_BINS[1:]):
        inside = [(p, h) for p, h in beats if low <= p < high]
        if inside:
            lines.append(f"| {low:.2f}-{min(high, 1):.2f} | {len(inside)} | "
                         f"{np.mean([p for p, _ in inside]):.3f} | "
                         f"{np.mean([h for _, h in inside]):.3f} |")
    return lines


def table(lines: list[dict]) -> str:
    head = ("| split | cut | curves | skipped | refused | forecast | last | last 3 | exp fit | "
            "forecast (all) | last (all) | in 80% band | band width | exp fails | "
            "Brier p_beat | ms/forecast |")
    out = [head, "|" + "---|" * (head.count("|") - 1)]
    for line in lines:
        out.append(
            f"| {line['split']} | {line['cut']} | {line['curves']} | {line['skipped']} | "
            f"{line['refused']} | **{line['forecast']:.3f}** | {line['last']:.3f} | "
            f"{line['last3']:.3f} | {line['exp']:.3f} | {line['forecast_all']:.3f} | "
            f"{line['last_all']:.3f} | {line['coverage']:.2f} | {line['width']:.3f} | "
            f"{line['exp_failed']} | {line['brier']:.3f} | {line['ms']:.1f} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=("dev", "test", "real", "real-logs"))
    parser.add_argument("--real-logs", default=None, help="a directory of runs (one per folder)")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--dump", default=None, help="write the per-curve results (JSON)")
    parser.add_argument("--reasons", action="store_true", help="list the refusals")
    args = parser.parse_args(argv)

    items = entries_for(args.split, args.real_logs)
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        loaded = [c for c in pool.map(_load, items, chunksize=4) if c is not None]
        failed = [c for c in loaded if "error" in c]
        curves = [c for c in loaded if "error" not in c]
        rows = [row for rows in pool.map(score_curve, curves, chunksize=4) for row in rows]
    elapsed = time.perf_counter() - start
    lines = [_summary([r for r in rows if r["cut"] == share], args.split, share)
             for share in CUTS]
    print(f"## forecast, split {args.split}: {len(curves)} curves of {len(items)} runs "
          f"({elapsed:.1f} s with {args.jobs} job(s))\n")
    if failed:
        print(f"{len(failed)} run(s) could not be read, e.g. {failed[0]['key']}: "
              f"{failed[0]['error']}\n")
    print("Median |error| / range of the curve; forecast and baselines on the curves the "
          "forecast answers; (all): a refusal scored as the last value.\n")
    print(table(lines))
    print("\np_beat reliability (both cuts):\n")
    print("\n".join(_reliability(rows)))
    skips: dict[str, int] = {}
    for row in rows:
        if "skip" in row:
            skips[row["skip"]] = skips.get(row["skip"], 0) + 1
    print(f"\nskipped (curve x cut): {skips or 'none'}")
    if args.reasons:
        for row in rows:
            if row.get("refused"):
                print(f"refused {row['key']} at {row['cut']:.0%}: {row['reason']}")
    if args.dump:
        Path(args.dump).write_text(json.dumps(rows, default=float, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
