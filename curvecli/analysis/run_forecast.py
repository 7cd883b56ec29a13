"""Forecasts per run: which curve, to which step, against what.

For each run the monitored series is the one ``diagnose`` judges (``--metric``
overrides). Its planned end of training, first match wins:

1. ``--to-step N``; ``--to-epoch E`` (converted with the run's own step/epoch pairs);
2. the log's plan: ``max_steps`` in trainer_state.json, else a step or epoch count in the
   run's settings (``hparams.yaml``, YOLO's ``args.yaml``, W&B config, MLflow params...:
   ``curvecli.hparams.planned_length``);
3. twice the last logged step, said as such.

A planned end at or before the last logged step leaves nothing to extrapolate: the run is
reported with a reason, not a number. ``--beat`` is a value or a run: that run's best value
of the same series. The curve fitting itself is ``curvecli.analysis.forecast``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from curvecli.analysis.axes import epoch_map
from curvecli.analysis.diagnose import best_point, diagnose_run
from curvecli.analysis.series import (
    MIN_POINTS,
    Series,
    extract,
    monitored_candidates,
    resolve_name,
)
from curvecli.errors import MissingSeriesError, UsageError, short_list
from curvecli.frame import RunLog

DEFAULT_LEVEL = 0.8
STOP_BELOW = 0.05  # Domhan et al.: stop a run whose P(beat the best so far) is under 5%
FALLBACK_FACTOR = 2  # no planned end in the logs: forecast to twice the last step
JSON_VERSION = 1


@dataclass
class Beat:
    """What a run must beat: a value, or another run's best value of the same series."""

    value: float | None = None
    run: str | None = None

    @classmethod
    def parse(cls, text: str | None) -> "Beat | None":
        if text is None:
            return None
        try:
            value = float(text)
        except ValueError:
            return cls(run=text)
        if not math.isfinite(value):
            raise UsageError(f"--beat {text}: a finite value or a run id")
        return cls(value=value)


@dataclass
class RunForecast:
    """One run's forecast, as ``forecast --format json`` writes it (``to_json``)."""

    run: str
    series: str | None
    last_step: int | None
    to_step: int | None
    to_step_source: str
    predicted: float | None = None
    low: float | None = None
    high: float | None = None
    level: float = DEFAULT_LEVEL
    target_step: int | None = None
    p_beat: float | None = None
    method: str = ""
    reason: str | None = None
    target: float | None = None
    beat: float | None = None
    beat_source: str | None = None
    last_value: float | None = None
    lower_is_better: bool = True
    detail: Any = field(default=None, repr=False)  # the engine's Forecast, for plots

    @property
    def advice(self) -> str | None:
        """Domhan's rule in words: stop when P(beat) is under 5%."""
        if self.p_beat is None:
            return None
        if self.p_beat < STOP_BELOW:
            return f"stop: P(beat) = {self.p_beat:.2f} < {STOP_BELOW:.2f}"
        return f"continue: P(beat) = {self.p_beat:.2f}"

    def to_json(self) -> dict:
        keys = ("run", "series", "last_step", "to_step", "to_step_source", "predicted", "low",
                "high", "level", "target_step", "p_beat", "method", "reason")
        return {key: _plain(getattr(self, key)) for key in keys}


def _plain(value: Any) -> Any:
    if isinstance(value, (np.floating, float)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    return value


def _epoch_to_step(log: RunLog, series: Series, epochs: float) -> int | None:
    """The step at which ``epochs`` epochs end, from the run's own step/epoch pairs; for an
    epoch-indexed log (Keras, YOLO: one row per epoch) the index of the last epoch."""
    scale, epoch_indexed = epoch_map(log.frame)
    if epoch_indexed:
        first = int(series.steps[0]) if len(series) else 0
        return int(round(epochs)) - 1 + min(first, 1)
    if scale is None:
        return None
    return int(round(float(scale.inverse(epochs))))


def planned_end(log: RunLog, series: Series, to_step: int | None = None,
                to_epoch: float | None = None) -> tuple[int, str]:
    """The step to forecast to and where it came from (the module docstring's order)."""
    if to_step is not None:
        return int(to_step), "--to-step"
    last = int(series.steps[-1])
    if to_epoch is not None:
        step = _epoch_to_step(log, series, to_epoch)
        if step is None:
            raise UsageError(f"--to-epoch: run '{log.run}' logs no epochs to convert "
                             f"{to_epoch:g} epochs to a step; give --to-step")
        return step, f"--to-epoch {to_epoch:g}"
    stated = stated_end(log, series)
    if stated is not None:
        return stated
    return FALLBACK_FACTOR * last if last > 0 else last + 1, \
        f"{FALLBACK_FACTOR}x the last step (no planned end in the logs)"


def stated_end(log: RunLog, series: Series) -> tuple[int, str] | None:
    """The planned end the logs state, as a step of ``series``, and where it came from:
    ``max_steps`` of a trainer_state.json, else a step or epoch count in the run's settings;
    None when they state none."""
    from curvecli.hparams import planned_length, run_hparams, twin_state_keys

    twin = twin_state_keys(log.meta)  # the trainer_state.json's tail, read once
    state_steps = log.meta.get("max_steps", twin.get("max_steps"))
    if isinstance(state_steps, (int, float)) and state_steps > 0:
        return int(state_steps), "trainer_state max_steps"
    plan = planned_length(run_hparams(log.meta, log.files, twin))
    if plan is not None:
        unit, amount, key = plan
        step = int(amount) if unit == "step" else _epoch_to_step(log, series, amount)
        if step is not None:
            return step, f"{key} = {amount:g}" + (" epochs" if unit == "epoch" else "")
    return None


def _series_for(log: RunLog, all_series: dict[str, Series],
                metric: str | None) -> Series | None:
    """``--metric``'s series, else the one diagnose judged (which may be derived, such as
    YOLO's fitness, so it is taken from the candidates diagnose chose from); None when the
    run has no curve long enough to judge."""
    if metric:
        return resolve_name(all_series, metric)
    report = diagnose_run(log, series=all_series)
    known = {**all_series, **{s.name: s for s in monitored_candidates(all_series, log.meta)}}
    return known.get(report.monitored) if report.monitored else None


def learning_rate(all_series: dict[str, Series]) -> tuple[np.ndarray, np.ndarray] | None:
    lr = all_series.get("learning_rate")
    if lr is None or not np.isfinite(lr.values).any():
        return None
    finite = np.isfinite(lr.values)
    return lr.steps[finite], lr.values[finite]


def _beat_value(beat: Beat | None, name: str, others: dict[str, dict[str, Series]],
                run: str) -> tuple[float | None, str | None]:
    """The value to beat and what it is (``run lr3 best val/loss``); None for the run that
    is itself the reference."""
    if beat is None:
        return None, None
    if beat.run is None:
        return beat.value, None
    if beat.run == run:
        return None, "this is the reference run"
    series = resolve_name(others[beat.run], name)
    point = best_point(series)
    if point is None:
        raise UsageError(f"--beat {beat.run}: its {series.name} has no finite point")
    return point[1], f"{beat.run} best {series.name} {point[1]:.6g}"


def forecast_run(log: RunLog, *, metric: str | None = None, to_step: int | None = None,
                 to_epoch: float | None = None, target: float | None = None,
                 beat: Beat | None = None, level: float = DEFAULT_LEVEL,
                 others: dict[str, dict[str, Series]] | None = None) -> RunForecast:
    """One run's forecast (raises ``MissingSeriesError`` when ``metric`` is not logged)."""
    from curvecli.analysis.forecast import forecast_curve

    all_series = extract(log.frame)
    series = _series_for(log, all_series, metric)
    if series is None:
        return RunForecast(log.run, None, None, None, "", level=level, target=target,
                           reason=f"no curve with at least {MIN_POINTS} finite points to "
                                  "forecast")
    finite = np.isfinite(series.values)
    end, source = planned_end(log, series, to_step, to_epoch)
    result = RunForecast(log.run, series.name, int(series.steps[-1]), end, source, level=level,
                         target=target, lower_is_better=series.lower_is_better,
                         last_value=float(series.values[finite][-1]) if finite.any() else None)
    result.beat, result.beat_source = _beat_value(beat, series.name, others or {}, log.run)
    if end <= result.last_step:
        result.reason = (f"the run already reached step {end:,} ({source}): nothing to "
                         "extrapolate")
        return result
    fitted = forecast_curve(series.steps, series.values, end,
                            lower_is_better=series.lower_is_better, level=level,
                            target=target, beat=result.beat, lr=learning_rate(all_series))
    result.detail = fitted
    for key in ("predicted", "low", "high", "target_step", "p_beat", "method", "reason"):
        setattr(result, key, _plain(getattr(fitted, key)))
    return result


def forecast_runs(logs: list[RunLog], *, metric: str | None = None, to_step: int | None = None,
                  to_epoch: float | None = None, target: float | None = None,
                  beat: Beat | None = None, level: float = DEFAULT_LEVEL,
                  warnings: list[str] | None = None) -> list[RunForecast]:
    """Forecasts for every run with points, in the order given; runs without ``metric``
    are left out and named in one warning (all lacking it: the first error is raised)."""
    others: dict[str, dict[str, Series]] = {}
    if beat is not None and beat.run is not None:
        reference = next((log for log in logs if log.run == beat.run), None)
        if reference is None:
            raise UsageError(f"--beat {beat.run}: not a number and not one of the runs read "
                             f"({short_list([log.run for log in logs])})")
        others[beat.run] = extract(reference.frame)
    results, lacking, first_error = [], [], None
    for log in logs:
        if not log.points:
            continue
        try:
            results.append(forecast_run(log, metric=metric, to_step=to_step, to_epoch=to_epoch,
                                        target=target, beat=beat, level=level, others=others))
        except MissingSeriesError as error:
            lacking.append(log.run)
            first_error = first_error or error
    if first_error is not None and not results:
        raise first_error
    if lacking and warnings is not None:
        warnings.append(f"{len(lacking)} run(s) without a curve to forecast left out: "
                        f"{short_list(lacking)}")
    return results
