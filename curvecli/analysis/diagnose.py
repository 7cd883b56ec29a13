"""Diagnose: a run's curves -> findings, one verdict, the best checkpoint, early stopping.

The pipeline per run: extract its series (rewinds resolved), pick the
monitored series (``--metric`` overrides; several eval sets are each judged),
run every detector, choose the verdict by priority, find the best point and
the saved checkpoint nearest to it, and simulate early stopping offline with
the semantics of HF's EarlyStoppingCallback and Keras' EarlyStopping.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from curvecli.analysis import detectors, robust, underfitting
from curvecli.analysis.advice import ADVICE
from curvecli.analysis.confidence import confidence
from curvecli.analysis.curves import RunCurves, Shape, accuracy_beside, few_evaluations, shape
from curvecli.analysis.report import Best, EarlyStop, Finding, RunReport, format_number
from curvecli.analysis.series import (
    MIN_POINTS,
    Series,
    checkpoint_step,
    drop_revalidation,
    extract,
    infer_directions,
    judgeable,
    link_epoch_indexed,
    monitored_candidates,
    resolve_name,
    rl_return,
    same_domain,
    train_loss,
)
from curvecli.analysis.spikes import find_loss_spikes
from curvecli.errors import MissingSeriesError, short_list
from curvecli.frame import RunLog, series_names

if TYPE_CHECKING:  # the forecast module loads when a forecast is made
    from curvecli.analysis.forecast import Forecast

# The verdict is the first of these that has a finding; else healthy.
VERDICT_PRIORITY = ("diverging", "erratic", "loss_spike", "overfitting", "underfitting",
                    "still_improving")
SPIKE_OUTRANKS_OVERFITTING = 2.5  # a spike decides before overfitting only when this strong
OVERFIT_OUTRANKS_SPIKE = 2.0  # ... and never once val ended at twice its best level
OVERFIT_OUTRANKS_ERRATIC = 10.0  # a val swinging on a rise to 10x its best overfits
EARLY_BLIP_SHARE = 0.2  # spikes all in a run's first 20% beside underfitting: no spike verdict
ACCELERATING = 2.0  # a run still learning that fell 2x faster in its second half is cut short
ACCELERATING_OF_LEVEL = 0.02  # ... when its tail gained >= 2% of its level (natural zero)
DEFAULT_PATIENCE = 3  # evaluations without improvement before early stopping stops
PLAN_NEARLY_DONE = 1.15  # a run whose planned end is under 15% further than its last step
PLAN_GAIN_SHARE = 0.01  # ... whose forecast to it gains under 1% of what it learned: not cut short
FORECAST_LAG_NOISE = 3.0  # (unless the forecast starts 3 noise sigmas worse than the curve's end)
PLAN_CUT_SHORT = 0.25  # a run stopped before a quarter of its planned end at a new best
MIN_CUT_SHORT_POINTS = 3  # (over 3 points at least) was cut short: still_improving
FEW_TRAIN_POINTS = 6  # a train curve under 6 points beside 2-3 evaluations judges nothing
UNFITTED_TRAIN_KEPT = 0.7  # beside underfitting, a rise from val's first point with train
# still at 70% of its level at that point or more: the model never fitted, nothing to overfit


def best_point(series: Series) -> tuple[int, float] | None:
    """Step and value of the series' best finite point (the first one on a tie)."""
    finite = np.isfinite(series.values)
    if not finite.any():
        return None
    values = np.where(finite, series.values, np.inf if series.lower_is_better else -np.inf)
    index = int(np.argmin(values) if series.lower_is_better else np.argmax(values))
    return int(series.steps[index]), float(series.values[index])


def nearest_checkpoint(step: int, checkpoints: list[str]) -> str | None:
    """The saved checkpoint (``checkpoint-N``) whose step is closest to ``step``."""
    numbered = [(saved, name) for name in checkpoints
                if (saved := checkpoint_step(name)) is not None]
    if not numbered:
        return None
    return min(numbered, key=lambda item: (abs(item[0] - step), item[0]))[1]


def simulate_early_stopping(series: Series, patience: int = DEFAULT_PATIENCE,
                            min_delta: float = 0.0) -> EarlyStop:
    """Where early stopping would have stopped, counting patience in evaluations.

    As HF's EarlyStoppingCallback and Keras' EarlyStopping: an evaluation
    improves when it beats the best so far by more than ``min_delta``;
    otherwise the counter grows, and training stops when it reaches
    ``patience``. Non-finite evaluations never improve.
    """
    if min_delta == 0 and len(series) > EARLY_STOP_LOOP_MAX:
        return _early_stopping_vectorised(series, patience, min_delta)
    best, best_step, counter = None, None, 0
    sign = 1.0 if series.lower_is_better else -1.0
    for step, value in zip(series.steps.tolist(), series.values.tolist()):
        improved = math.isfinite(value) and (
            best is None or (sign * (best - value) > 0 and abs(value - best) > min_delta))
        if improved:
            best, best_step, counter = value, step, 0
            continue
        counter += 1
        if counter >= patience:
            return EarlyStop(patience, min_delta, int(step), best_step)
    return EarlyStop(patience, min_delta, None, best_step)


# Longer series without a min_delta are simulated with numpy (same stop, same best step).
EARLY_STOP_LOOP_MAX = 10_000


def _early_stopping_vectorised(series: Series, patience: int, min_delta: float) -> EarlyStop:
    """simulate_early_stopping for min_delta 0: an evaluation improves when it beats every
    finite one before it, and training stops at the ``patience``-th evaluation in a row
    that does not."""
    values = series.values if series.lower_is_better else -series.values
    oriented = np.where(np.isfinite(values), values, np.inf)
    before = np.empty(len(oriented))
    before[:1] = np.inf
    np.minimum.accumulate(oriented[:-1], out=before[1:])
    index = np.arange(len(oriented))
    improved = np.isfinite(values) & (oriented < before)
    last = np.maximum.accumulate(np.where(improved, index, -1))
    stops = ~improved & (index - last >= patience)
    at = int(np.argmax(stops)) if stops.any() else len(oriented) - 1
    best_step = int(series.steps[last[at]]) if len(last) and last[at] >= 0 else None
    stop_step = int(series.steps[at]) if stops.any() else None
    return EarlyStop(patience, min_delta, stop_step, best_step)


def _curves(all_series: dict[str, Series], monitored: Series | None) -> RunCurves:
    """The series judged with ``monitored``: those on its step axis (epochs or iterations)."""
    if monitored is None:
        return RunCurves(None, train_loss(all_series), all=all_series)
    axis = {name: s for name, s in all_series.items() if same_domain(s, monitored)}
    # val/box_loss is judged against train/box_loss when both exist (YOLO's loss parts).
    # The train loss itself is train_loss's pick (the densest of its twins).
    twin = axis.get(f"train/{monitored.metric}") if monitored.metric != "loss" else None
    if twin is not None and not twin.lower_is_better:
        twin = None
    held_out = monitored.split if monitored.held_out else "val"
    accuracy = accuracy_beside(axis, held_out, monitored)
    train = twin or train_loss(axis)
    if monitored is rl_return(all_series):
        train = None  # an agent's losses chase a moving target: its return is the curve
    return RunCurves(
        monitored=monitored,
        train=train,
        learning_rate=axis.get("learning_rate"),
        grad_norm=axis.get("grad_norm"),
        all=all_series,
        accuracy=accuracy,
    )


def _detect(curves: RunCurves) -> list[Finding]:
    spikes = find_loss_spikes(curves)
    findings: list[Finding] = []
    findings.extend(detectors.find_diverging(curves))
    findings.extend(detectors.find_overfitting(curves, spikes))
    findings.extend(detectors.find_erratic(curves, spikes))
    findings.extend(spikes)
    for detector in (underfitting.find_underfitting, detectors.find_still_improving,
                     detectors.find_plateau):
        findings.extend(detector(curves))
    return findings


def choose_verdict(findings: list[Finding]) -> str:
    """The first code of ``VERDICT_PRIORITY`` that a finding has, else healthy.

    A loss spike counts only when it is clear (a warning), and before an overfitting
    rise only when its margin is at least ``SPIKE_OUTRANKS_OVERFITTING`` and the val
    loss did not end at ``OVERFIT_OUTRANKS_SPIKE`` times its best level or more: a
    transient that recovered is not the story of a run whose val loss doubled. Nor is erratic,
    found on the overfitting val series alone, when that val ended at ``OVERFIT_OUTRANKS_ERRATIC``
    times its best level: its swings ride on a rise (a wide model on 100 examples collapsing
    its predicted variance, its val NLL bursting 0.4 -> 10-70 while train keeps falling).
    Still-improving outranks underfitting when its descent is accelerating (its second
    half fell ``ACCELERATING`` times as much as its first) and its tail gained
    ``ACCELERATING_OF_LEVEL`` of its level: a curve leaving its plateau near chance was cut
    short as it began to learn, it is not stuck there (a val wobbling 194.4 -> 193.5 is).
    Underfitting outranks loss spikes that all lie early in the run (``_only_early_blips``),
    and an overfitting rise from val's first evaluation while train stayed near its level
    (``_never_fitted``).
    """
    codes = {finding.code for finding in findings
             if not (finding.code == "loss_spike" and finding.severity == "info")}
    if "underfitting" in codes and _accelerating(findings):
        codes.discard("underfitting")
    if "underfitting" in codes and _only_early_blips(findings):
        codes.discard("loss_spike")
    if "underfitting" in codes and _never_fitted(findings):
        codes.discard("overfitting")
    margins = [f.evidence.get("margin", 0.0) for f in findings
               if f.code == "loss_spike" and f.severity != "info"]
    if "overfitting" in codes and margins and (
            max(margins) < SPIKE_OUTRANKS_OVERFITTING or _val_doubled(findings)):
        codes.discard("loss_spike")
    if "overfitting" in codes and "erratic" in codes \
            and _val_doubled(findings, OVERFIT_OUTRANKS_ERRATIC) \
            and {f.series for f in findings if f.code == "erratic"} == {_overfit_series(findings)}:
        codes.discard("erratic")
    for code in VERDICT_PRIORITY:
        if code in codes:
            return code
    return "healthy"


def _never_fitted(findings: list[Finding]) -> bool:
    """True when the overfitting rise starts at val's first evaluation (it gained nothing
    before: ``rise_over_gain`` infinite) and train ended at ``UNFITTED_TRAIN_KEPT`` of its level
    at that point or above: beside underfitting, a model that fitted neither set is stuck,
    not overfitting (a 2-unit MLP on modular addition: val 3.20 -> 3.68 while train went
    3.09 -> 2.86, both near ln 23)."""
    for finding in findings:
        evidence = finding.evidence
        if finding.code != "overfitting" or evidence.get("rise_over_gain") != "Infinity":
            continue
        at_best, end = evidence.get("train_at_best"), evidence.get("train_end")
        return at_best is not None and end is not None and at_best > 0 \
            and end >= UNFITTED_TRAIN_KEPT * at_best
    return False


def _only_early_blips(findings: list[Finding]) -> bool:
    """True when every clear loss spike lies in the first ``EARLY_BLIP_SHARE`` of its
    series: beside a run that never learned (underfitting), a hot optimiser's first steps
    throwing the loss up are part of that failure, not a spike the run recovered from (Adam
    0.5 from the first step: one jump at step 50 of 500, then val at ln 5 to the end; SGD 0.3
    at batch 2: bursts to 2300 over six logs at step 55 of 2000 and to 45 at step 75)."""
    spikes = [f for f in findings if f.code == "loss_spike" and f.severity != "info"]
    return bool(spikes) and all(
        f.evidence.get("run_share", 1.0) < EARLY_BLIP_SHARE for f in spikes)


def _accelerating(findings: list[Finding]) -> bool:
    """A still_improving finding whose descent accelerated by ``ACCELERATING`` or more, read
    on the monitored series itself (cue ``tail_slope``): an accuracy climbing 0 -> 22% while
    the val loss stays at ln 7 (cue ``accuracy_tail``) has not left chance where the loss
    measures it; nor is the loss beside a monitored score, cue ``loss_tail``)."""
    for finding in findings:
        speed = finding.evidence.get("acceleration") if finding.code == "still_improving" \
            and finding.evidence.get("cue") not in ("accuracy_tail", "loss_tail") else None
        if speed is not None and float(speed) >= ACCELERATING \
                and not _negligible_progress(finding):
            return True
    return False


def _negligible_progress(finding: Finding) -> bool:
    """A still_improving finding whose tail gained under ``ACCELERATING_OF_LEVEL`` of its level
    (natural zero): beside a model that learned nothing it says nothing."""
    return finding.code == "still_improving" \
        and float(finding.evidence.get("share_of_level", "Infinity")) < ACCELERATING_OF_LEVEL


def _overfit_series(findings: list[Finding]) -> str | None:
    """The series the overfitting finding is about, if there is one."""
    return next((f.series for f in findings if f.code == "overfitting"), None)


def _val_doubled(findings: list[Finding], times: float = OVERFIT_OUTRANKS_SPIKE) -> bool:
    """An overfitting finding whose val loss ended at ``times`` its best level or more."""
    for finding in findings:
        best, end = finding.evidence.get("best_level"), finding.evidence.get("end_level")
        if finding.code == "overfitting" and best and end is not None and best > 0 \
                and end >= times * best:
            return True
    return False


def _unique(findings: list[Finding]) -> list[Finding]:
    seen, kept = set(), []
    for finding in findings:
        key = (finding.code, finding.series, finding.step)
        if key not in seen:
            seen.add(key)
            kept.append(finding)
    return kept


def _insufficient(log: RunLog, names: list[str]) -> RunReport:
    """The report of a run with no series long enough to judge."""
    return RunReport(log.run, log.source, log.points, names, "insufficient_data",
                     warnings=list(log.warnings), path=log.meta.get("path"),
                     confidence=confidence("insufficient_data", [], None), notes=[
                         f"no series has {MIN_POINTS} finite points to judge "
                         f"(series: {short_list(names) or 'none'})"])


def _never_finite(all_series: dict[str, Series]) -> Series | None:
    """A loss series with ``MIN_POINTS`` points or more, fewer finite ones, that ends
    non-finite (val first, then train): a run NaN from its first or second step diverged, it
    is not short of data."""
    losses = [s for s in all_series.values() if s.lower_is_better and "loss" in s.metric
              and len(s) >= MIN_POINTS and int(s.finite.sum()) < MIN_POINTS
              and not s.finite[-1]]
    losses.sort(key=lambda s: not s.held_out)
    return losses[0] if losses else None


def _judge(all_series: dict[str, Series],
           candidates: list[Series]) -> tuple[str, Series, list[Finding]]:
    """The verdict, the series that gave it, and the findings on every candidate."""
    findings: list[Finding] = []
    per_candidate: list[tuple[str, Series]] = []
    for monitored in candidates:
        found = _detect(_curves(all_series, monitored))
        findings.extend(found)
        per_candidate.append((choose_verdict(found), monitored))
    verdict = choose_verdict(findings)
    if verdict == "underfitting":  # a tail gaining 0.5% of its level is not progress to report
        findings = [f for f in findings if not _negligible_progress(f)]
    # The monitored series reported: the one that gave the verdict (the first on a tie).
    monitored = next((series for code, series in per_candidate if code == verdict), candidates[0])
    return verdict, monitored, findings


def _too_few_evaluations(preferred: Series, monitored: Series) -> bool:
    """True when the held-out series the run is judged by (``preferred``) has too few
    evaluations to judge (``few_evaluations``) and did not end at its best, so a healthy
    verdict would come from a train curve (``monitored``) while the evaluations hint
    otherwise: two or three cannot tell a rise from noise (an HF run with 40 train logs and 2
    evaluations, 0.37 -> 0.45). Evaluations that got better each time agree with the train
    curve, unless that has under ``FEW_TRAIN_POINTS`` points itself: then nothing has a
    curve to judge (a speech fine-tune's 3 evaluations, WER 0.96 -> 0.90 -> 0.91, beside 4
    train logs)."""
    values = few_evaluations(preferred) \
        if preferred is not monitored and not monitored.held_out else None
    if values is None:
        return False
    return _too_short(monitored) or bool(values[-1] > np.min(values))


def _within_its_first_epoch(monitored: Series) -> bool:
    """True for a train curve judged alone of under ``FEW_TRAIN_POINTS`` points, all logged in
    one epoch or within the first (a Lightning log of 5 per-step losses at epoch 0: 0.99, 0.60,
    0.67, 0.34, 0.51, no evaluation): the run stopped before its first epoch ended, a smoke
    test, too little to call healthy."""
    if monitored.held_out or not _too_short(monitored):
        return False
    epochs = monitored.epochs[monitored.finite]
    if not len(epochs) or not np.isfinite(epochs).all():
        return False
    return bool(np.min(epochs) == np.max(epochs) or np.max(epochs) < 1)


def _too_short(monitored: Series) -> bool:
    """True when the train curve has under ``FEW_TRAIN_POINTS`` finite points."""
    return int(monitored.finite.sum()) < FEW_TRAIN_POINTS


def _too_few_note(preferred: Series, monitored: Series) -> str:
    """Why a healthy-looking run is insufficient_data (``_too_few_evaluations``)."""
    if _too_short(monitored):
        return (f"; {monitored.name} has only {int(monitored.finite.sum())} points itself: "
                "no curve to judge")
    return (f"; {monitored.name} looks healthy, but {preferred.name} ended worse than its "
            "best, and so few evaluations cannot tell a rise from noise")


def _val_loss_disagrees(all_series: dict[str, Series], monitored: Series) -> str | None:
    """A note when the run optimised another metric and val/loss would read as overfitting."""
    val_loss = all_series.get("val/loss")
    if val_loss is None or monitored is val_loss or not judgeable(val_loss):
        return None
    rise = detectors.find_overfitting(_curves(all_series, val_loss))
    if not rise:
        return None
    return (f"val/loss disagrees with {monitored.name}, the metric this run optimised: "
            f"{rise[0].message}")


def _preferred(all_series: dict[str, Series], meta: dict, monitored: Series) -> Series:
    """The series the best checkpoint and early stopping are read from: the first monitored
    candidate even when it is too short to judge (three evaluations still say which
    checkpoint to keep), else the judged series itself."""
    preferred = next(iter(monitored_candidates(all_series, meta, min_points=1)), monitored)
    # A derived series (YOLO fitness) is rebuilt on each call: the same name is the same one.
    return monitored if preferred.name == monitored.name else preferred


def _best(log: RunLog, monitored: Series) -> Best | None:
    point = best_point(monitored)
    if point is None:
        return None
    # The checkpoints the log says exist: the dirs present, and HF's best_model_checkpoint,
    # which save_total_limit never deletes.
    saved = list(log.meta.get("checkpoints", []))
    if isinstance(log.meta.get("best_model_checkpoint"), str):
        saved.append(log.meta["best_model_checkpoint"].rstrip("/").rsplit("/", 1)[-1])
    return Best(monitored.name, point[0], point[1], nearest_checkpoint(point[0], saved))


def _wasted(all_series: dict[str, Series], monitored: Series, best: Best | None) -> float | None:
    """Share of the run's steps after the best, on the monitored series' own step axis."""
    if best is None:
        return None
    axis = [s.steps for s in all_series.values() if len(s) and same_domain(s, monitored)]
    first = min(int(steps.min()) for steps in axis)
    last = max(int(steps.max()) for steps in axis)
    return (last - best.step) / (last - first) if last > first else 0.0


@robust.saturating
def diagnose_run(log: RunLog, metric: str | None = None, patience: int | None = None,
                 min_delta: float | None = None,
                 series: dict[str, Series] | None = None) -> RunReport:
    """The report for one run; ``series`` is ``extract(log.frame)`` when the caller has it."""
    all_series = extract(log.frame) if series is None else series
    all_series, linked = link_epoch_indexed(all_series)
    all_series, revalidated = drop_revalidation(all_series)
    all_series = infer_directions(all_series)
    names = series_names(log.frame)
    if metric:
        candidates = [resolve_name(all_series, metric)] if all_series else []
        candidates = [s for s in candidates if judgeable(s)]
    else:
        candidates = monitored_candidates(all_series, log.meta)
    if not candidates:
        dead = None if metric else _never_finite(all_series)
        if dead is None:
            return _insufficient(log, names)
        candidates = [dead]

    verdict, monitored, findings = _judge(all_series, candidates)
    curves = _curves(all_series, monitored)
    findings.extend(detectors.find_non_finite(curves))
    findings.extend(detectors.find_gradients(curves))
    findings.extend(detectors.find_resumed(curves))
    findings.extend(detectors.find_learning_rate(curves, verdict, findings))
    findings = _unique(findings)
    if _forecast_still_improving(log, all_series, monitored, findings) \
            and verdict == "still_improving":
        findings = [f for f in findings if f.code != "still_improving"]
        verdict = choose_verdict(findings)
    cut = _cut_short(log, monitored) if verdict in ("healthy", "underfitting") else None
    if cut is not None:
        findings.append(cut)
        verdict = "still_improving"

    preferred = monitored if metric else _preferred(all_series, log.meta, monitored)
    too_few = verdict == "healthy" and _too_few_evaluations(preferred, monitored)
    unfinished = verdict == "healthy" and _within_its_first_epoch(monitored)
    if too_few or unfinished:
        verdict = "insufficient_data"
    best = _best(log, preferred)
    stop_args = log.meta.get("early_stopping") or {}
    patience = patience or int(stop_args.get("early_stopping_patience") or DEFAULT_PATIENCE)
    if min_delta is None:
        min_delta = float(stop_args.get("early_stopping_threshold") or 0.0)
    early_stop = simulate_early_stopping(preferred, patience, min_delta)
    report = RunReport(log.run, log.source, log.points, names, verdict, findings, best,
                       _wasted(all_series, preferred, best), early_stop, monitored.name,
                       list(log.warnings), path=log.meta.get("path"))
    report.confidence = confidence(verdict, findings, monitored.name)
    if preferred is not monitored:
        report.notes.append(
            f"{preferred.name} has only {int(preferred.finite.sum())} point(s): the curve is "
            f"judged on {monitored.name}; the best checkpoint is {preferred.name}'s"
            + (_too_few_note(preferred, monitored) if too_few else ""))
    if len(candidates) > 1:
        report.notes.append(
            f"{len(candidates)} val series judged ({', '.join(s.name for s in candidates)}); "
            f"the verdict comes from {monitored.name}")
    if unfinished:
        report.notes.append(
            f"{monitored.name} has only {int(monitored.finite.sum())} points, all within one "
            "epoch: the run stopped before its first epoch ended")
    report.notes.extend(note for note in (linked, revalidated) if note)
    disagreement = None if metric else _val_loss_disagrees(all_series, monitored)
    if disagreement:
        report.notes.append(disagreement)
    return report


def _forecast_still_improving(log: RunLog, all_series: dict[str, Series], monitored: Series,
                              findings: list[Finding]) -> bool:
    """A ``still_improving`` finding says what going on would gain: the forecast of the
    monitored series (or of the val accuracy that gave the finding) to the planned end of
    training (``run_forecast.planned_end``; a run already there: as long again), in its
    message and as evidence ``forecast``. True when the run is within ``PLAN_NEARLY_DONE`` of
    a planned end the logs state and the forecast to it gains under ``PLAN_GAIN_SHARE`` of
    what the series learned (its first point to its best): a run at the end of its schedule
    was not cut short (the verdict then drops the finding; an NER fine-tune at step 5,000 of
    5,268 whose loss fell 0.154 -> 0.008 would gain 0.0007 more); not when the forecast lags the
    curve (``_forecast_lags``)."""
    finding = next((f for f in findings if f.code == "still_improving"
                    and f.series == monitored.name), None) \
        or next((f for f in findings if f.code == "still_improving"
                 and f.evidence.get("cue") == "accuracy_tail"), None)
    if finding is None or finding.series not in all_series:
        return False
    monitored = all_series[finding.series]
    from curvecli.analysis.forecast import forecast_curve
    from curvecli.analysis.run_forecast import learning_rate, planned_end

    last = int(monitored.steps[-1])
    end, source = planned_end(log, monitored)
    planned = last < end <= PLAN_NEARLY_DONE * last if last > 0 else False
    if end <= last:
        end, source = 2 * last if last > 0 else last + 1, "training as long again"
    fitted = forecast_curve(monitored.steps, monitored.values, end,
                            lower_is_better=monitored.lower_is_better,
                            lr=learning_rate(all_series))
    gain = fitted.gain()
    if gain is None or fitted.low is None or fitted.high is None:
        return False
    spread = (fitted.high - fitted.low) / 2
    finding.evidence["forecast"] = {"to_step": end, "to_step_source": source,
                                    "predicted": fitted.predicted, "low": fitted.low,
                                    "high": fitted.high, "gain": gain}
    finding.message += _forecast_text(fitted, gain, spread, end, source, monitored)
    stats = shape(monitored)
    if stats is None or _forecast_lags(fitted, stats):
        return False
    return planned and gain <= PLAN_GAIN_SHARE * stats.learned


def _forecast_lags(fitted: Forecast, stats: Shape) -> bool:
    """True when a forecast's value at the series' last step is worse than the series' end
    level (``Shape.end``) by more than ``FORECAST_LAG_NOISE`` noise sigmas: its curve families
    lag a fall that still goes on (a Shakespeare GPT's val loss 4.02 -> 1.708, lower at each of
    35 evaluations, forecast at 1.80 from its last step on under a learning rate decaying to 0:
    its progress outran its learning-rate area)."""
    at_last = stats.raw(float(fitted.path_mean[0]))  # (oriented: raw is its own inverse)
    return at_last - stats.end > FORECAST_LAG_NOISE * stats.noise


def _cut_short(log: RunLog, monitored: Series) -> Finding | None:
    """still_improving's cue ``cut_short``, for a run otherwise healthy or underfitting: the
    logs state a planned end (``run_forecast.stated_end``: a Trainer's ``max_steps``,
    ``max_epochs``, a console's "Epoch 3/50") and the run stopped before ``PLAN_CUT_SHORT``
    of it with the monitored series at a new best at its last point: training was stopped
    while it improved (a face-emotion CNN at epoch 11 of 50, its val loss 1.88 -> 1.21,
    lowest at the last; an LM fine-tune at step 2,500 of 22,486, 3.30 -> 3.05, whose 8%
    fall read as nothing learned). Else None."""
    from curvecli.analysis.run_forecast import stated_end

    finite = monitored.values[np.isfinite(monitored.values)]
    if len(finite) < MIN_CUT_SHORT_POINTS:
        return None
    oriented = finite if monitored.lower_is_better else -finite
    if oriented[-1] >= float(np.min(oriented[:-1])):
        return None  # not a new best: it had stopped improving (a frozen F1 ties at each)
    stated = stated_end(log, monitored)
    last = int(monitored.steps[-1])
    if stated is None or last <= 0 or last >= PLAN_CUT_SHORT * stated[0]:
        return None
    end, source = stated
    return Finding(
        "still_improving", "info", monitored.name, last,
        f"{monitored.name} was at its best at its last point, step {last}, "
        f"{last / end:.0%} of the way to the planned end at step {end:,} ({source}): "
        "training was stopped while it improved",
        {"cue": "cut_short", "margin": PLAN_CUT_SHORT * end / last, "planned_end": end,
         "planned_from": source, "share_of_plan": last / end},
        ADVICE["still_improving"])


def _forecast_text(fitted, gain: float, spread: float, end: int, source: str,
                   monitored: Series) -> str:
    """The forecast clause of a still_improving message: the gain and its band, or that the
    band is wider than the curve's whole range (too uncertain to size the gain), or that the
    forecast sees nothing left to gain."""
    values = monitored.values[np.isfinite(monitored.values)]
    span = float(np.ptp(values)) if len(values) else 0.0
    where = f"going on to step {end:,} ({source})"
    if span > 0 and 2 * spread > span:
        return (f"; forecast: {where} is too uncertain to size (80% band "
                f"{format_number(fitted.low)}..{format_number(fitted.high)})")
    if gain <= 0:
        return f"; forecast: {where} would gain nothing measurable (± {format_number(spread)})"
    return f"; forecast: {where} would gain {format_number(gain)} ± {format_number(spread)}"


def diagnose(logs: list[RunLog], metric: str | None = None, patience: int | None = None,
             min_delta: float | None = None,
             warnings: list[str] | None = None) -> list[RunReport]:
    """Reports for every run, in the order given (a run with no points: ``unreadable``).

    With ``metric``, runs that do not log it are left out, named in one warning appended to
    ``warnings``; when no run logs it, the first run's error is raised.
    """
    reports, lacking, first_error = [], [], None
    for log in logs:
        if not log.points:
            reports.append(unreadable(log.run, log.meta.get("path"), log.why_empty, log.source,
                                      log.warnings))
            continue
        try:
            reports.append(diagnose_run(log, metric, patience, min_delta))
        except MissingSeriesError as error:
            lacking.append(log.run)
            first_error = first_error or error
    if first_error is not None and not any(report.points for report in reports):
        raise first_error
    if lacking and warnings is not None:
        warnings.append(f"{len(lacking)} run(s) without '{metric}' left out: "
                        f"{short_list(lacking)}")
    return reports


def unreadable(run: str, path: str | None, error: str, source: str = "",
               warnings: list[str] | None = None) -> RunReport:
    """The report of a run that gave no points: verdict insufficient_data, and the reason."""
    return RunReport(run, source, 0, [], "insufficient_data", warnings=list(warnings or []),
                     path=path, error=error)
