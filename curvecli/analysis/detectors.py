"""Detectors: one small function per finding code, each with its rule in its docstring.

Every detector takes a ``RunCurves`` (the run's series after rewind
resolution, on one step axis) and returns a list of ``Finding``s with
numbers as evidence, the cue that fired, and the remedies practitioners use
as advice. Shapes are judged against the series' own noise and range, so
multiplying the values by a constant or thinning the log to every k-th point
leaves the verdict unchanged. Levels are used where they carry meaning: a
loss has a natural zero, an accuracy a ceiling, and a loss that never left
its first level learned nothing.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

import numpy as np
import pandas as pd

from curvecli.analysis import robust
from curvecli.analysis.advice import ADVICE
from curvecli.analysis.curves import (
    RunCurves,
    Shape,
    acceleration,
    few_evaluation_losses,
    few_evaluations_improved,
    finite_points,
    held_out_scores,
    initial_level,
    joined_late,
    level_near,
    losses_beside_a_score,
    shape,
    swing_around_trend,
)
from curvecli.analysis.report import Finding
from curvecli.analysis.report import format_number as _fmt
from curvecli.analysis.series import (
    MIN_POINTS,
    Series,
    online_rl_reward,
    same_domain,
    worsened,
)
from curvecli.analysis.spikes import lowest_after
from curvecli.analysis.thresholds import (
    BLOW_UP_RATIO,
    BLOW_UP_SETTLED,
    COLLAPSE_MIN_BEST,
    COLLAPSE_SHARE,
    COLLAPSE_THROWN,
    DIVERGE_AT_BEST_POINTS,
    DIVERGE_BLEW_UP_TIMES,
    DIVERGE_CLIMBED_TIMES,
    DIVERGE_FEW_TRAIN_POINTS,
    DIVERGE_FROM_FIRST,
    DIVERGE_GIVE_BACK,
    DIVERGE_HELD_POINTS,
    DIVERGE_MAGNITUDE,
    DIVERGE_MEMORISED,
    DIVERGE_MEMORISED_OF_START,
    DIVERGE_MEMORISED_RISE,
    DIVERGE_NEVER_GAINED,
    DIVERGE_NEVER_GAINED_RISE,
    DIVERGE_RECOVERING,
    DIVERGE_RISE_NOISE,
    DIVERGE_RISE_OF_LEVEL,
    DIVERGE_SPARSE_TRAIN_BELOW,
    DIVERGE_SPARSE_TRAIN_FELL,
    DIVERGE_SPARSE_TRAIN_POINTS,
    DIVERGE_THROWN_ALONE,
    DIVERGE_THROWN_JUMP,
    DIVERGE_TIMES_FLOOR,
    DIVERGE_TIMES_FLOOR_GIVE_BACK,
    DIVERGE_VAL_WITH_IT,
    DIVERGE_WEIGHT_RAMP,
    ERRATIC_ACCURACY_JUMPS,
    ERRATIC_ACCURACY_LOSS_SWING,
    ERRATIC_CALM_HEAD,
    ERRATIC_FALLING_POINTS,
    ERRATIC_FALLING_RANK,
    ERRATIC_FIRST_DROP_JUMPS,
    ERRATIC_JUMP_OF_GAIN_TRAIN,
    ERRATIC_JUMP_OF_GAIN_VAL,
    ERRATIC_JUMP_OF_LEVEL,
    ERRATIC_KICK,
    ERRATIC_KICK_QUANTILE,
    ERRATIC_KICK_SPREAD,
    ERRATIC_KICK_VAL_JUMPS,
    ERRATIC_MIN_POINTS,
    ERRATIC_SCORE_SWING,
    ERRATIC_SWING_MANY,
    ERRATIC_SWING_MANY_OF_FIRST,
    ERRATIC_SWING_OF_LEVEL,
    ERRATIC_SWING_STEADY_LEARNED,
    ERRATIC_SWING_STEADY_MIN,
    ERRATIC_SWING_STEADY_OF_GAIN,
    ERRATIC_SWING_STEADY_OF_LEVEL,
    ERRATIC_SWING_WILD,
    ERRATIC_TOGETHER_SWING_OF_GAIN,
    ERRATIC_TOGETHER_SWING_OF_LEVEL,
    ERRATIC_TOGETHER_TRAIN_END,
    ERRATIC_TOGETHER_TRAIN_NOISE,
    ERRATIC_TRAIN_BOUNCE_END,
    ERRATIC_TRAIN_BOUNCE_OF_LEVEL,
    ERRATIC_TRAIN_NOISE_OF_GAIN,
    ERRATIC_TRAIN_ONLY_LEVEL,
    ERRATIC_TRAIN_ONLY_MAX_LR,
    ERRATIC_TRAIN_SMOOTH,
    ERRATIC_TRAIN_THROWN_BACK,
    ERRATIC_VAL_ALONE_OF_LEVEL,
    ERRATIC_WILD_LATE,
    FROZEN_POINTS,
    FROZEN_SPREAD,
    GRAD_EXPLODE_RATIO,
    GRAD_VANISH_RATIO,
    GRAD_WARMUP_SHARE,
    LR_FLAT_RATIO,
    LR_LOW_CEILING,
    OVERFIT_ABOVE_FIRST,
    OVERFIT_CORROBORATED_RISE,
    OVERFIT_END_ABOVE,
    OVERFIT_END_SHARE,
    OVERFIT_FEW,
    OVERFIT_GAVE_BACK,
    OVERFIT_GAVE_BACK_LEVEL,
    OVERFIT_JUMP_OVER_RISE,
    OVERFIT_JUMP_POINTS,
    OVERFIT_LINE_POINTS,
    OVERFIT_LINE_SMALL_RISE,
    OVERFIT_LINE_TRUSTED,
    OVERFIT_LOSS_LATE_SHARE,
    OVERFIT_MIN_POINTS_AFTER_BEST,
    OVERFIT_MIN_RISE_NOISE,
    OVERFIT_MIN_RISE_OF_GAIN,
    OVERFIT_MIN_RISE_OF_LEVEL,
    OVERFIT_MONOTONE_POINTS,
    OVERFIT_SCORE_CONTRADICTED,
    OVERFIT_SCORE_FALL_FROM,
    OVERFIT_SCORE_MIN_DROP,
    OVERFIT_SCORE_QUANTA,
    OVERFIT_SCORE_WORSE,
    OVERFIT_SCORE_WORSE_SHARE,
    OVERFIT_SMALL_RISE_TIMES,
    OVERFIT_STEADY_POINTS,
    OVERFIT_STEADY_SIGMAS,
    OVERFIT_STEP_AFTER,
    OVERFIT_STEP_BEFORE,
    OVERFIT_TRAIN_FELL,
    OVERFIT_TRAIN_HELD_RATIO,
    OVERFIT_TRAIN_SLACK,
    PLATEAU_FRACTION,
    SATURATED,
    SCORE_QUANTUM_MIN,
    SCORE_QUANTUM_TOLERANCE,
    SPIKE_WINDOW_FRACTION,
    STILL_IMPROVING_AT_BEST_POINTS,
    STILL_IMPROVING_FEW,
    STILL_IMPROVING_LAST_DROP,
    STILL_IMPROVING_LAST_FALLS,
    STILL_IMPROVING_MONOTONE_OF_LEVEL,
    STILL_IMPROVING_NOISE,
    STILL_IMPROVING_NOISE_AT_BEST,
    STILL_IMPROVING_OF_LEVEL,
    STILL_IMPROVING_PARTS,
    STILL_IMPROVING_SHARE,
    STILL_IMPROVING_SHARE_AT_BEST,
    STILL_IMPROVING_SIGMAS,
    STILL_IMPROVING_SIGMAS_AT_BEST,
    STILL_IMPROVING_TAIL,
    SWING_MIN_WINDOW,
    TAIL_FRACTION,
    UNDERFIT_LEARNED_NOTHING,
)
from curvecli.analysis.underfitting import auc_at_chance

# --- detectors ---------------------------------------------------------------------------------


def find_non_finite(curves: RunCurves) -> list[Finding]:
    """non_finite: a loss, metric or grad_norm series holds NaN or ±inf.

    One finding per series, at the first non-finite step, with the count.
    Severity error when the monitored series, the train loss or grad_norm is
    affected, else warning. A series other than those that holds no finite value at all
    while the train loss is finite throughout was never computed (Ultralytics' classify
    ``val/loss`` written as nan every epoch), not a training gone wrong: ``info``, with the
    advice to check how it is logged.
    """
    findings = []
    key = {s.name for s in (curves.monitored, curves.train, curves.grad_norm) if s is not None}
    train_finite = curves.train is not None and len(curves.train) > 0 \
        and bool(np.isfinite(curves.train.values).all())
    for series in curves.all.values():
        bad = ~np.isfinite(series.values)
        if not bad.any():
            continue
        first = int(series.steps[np.argmax(bad)])
        evidence = {"count": int(bad.sum()), "first_step": first, "points": len(series)}
        if series.name not in key and bad.all() and train_finite:
            findings.append(Finding(
                "non_finite", "info", series.name, first,
                f"{series.name} holds no finite value at all ({int(bad.sum())} points) while "
                f"{curves.train.name} is finite: it was never computed",
                evidence, ADVICE["never_computed"]))
            continue
        findings.append(Finding(
            "non_finite", "error" if series.name in key else "warning", series.name, first,
            f"{series.name} has {int(bad.sum())} non-finite value(s), the first at step {first}",
            evidence, ADVICE["non_finite"]))
    return findings


def _ends_non_finite(series: Series | None) -> int | None:
    """The step from which a series stays non-finite to its end, if it does, and for longer
    than any non-finite stretch it came back from: a series that recovered from NaN steps
    before logs skipped updates (a bf16 or fp16 run whose guard skips NaN batches logs a NaN
    grad_norm at 86 of 289 steps, its last among them, while its loss keeps falling)."""
    if series is None or len(series) == 0 or np.isfinite(series.values[-1]):
        return None
    finite = np.isfinite(series.values)
    if not finite.any():
        return int(series.steps[0])
    last_finite = len(finite) - 1 - int(np.argmax(finite[::-1]))
    tail = len(finite) - 1 - last_finite
    if tail <= _longest_non_finite_run(finite[:last_finite + 1]):
        return None
    return int(series.steps[last_finite + 1])


def _longest_non_finite_run(finite: np.ndarray) -> int:
    """The longest stretch of consecutive non-finite points in ``finite`` (a mask)."""
    edges = np.diff(np.concatenate(([0], (~finite).astype(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return int((ends - starts).max()) if len(starts) else 0


def _nan_evaluated(curves: RunCurves) -> Series | None:
    """A held-out loss that ends non-finite beside a train loss that turned non-finite too
    (not at its end: a Lightning graph network whose train loss is NaN at 6 of 16 logs and
    whose val loss is NaN at both evaluations): the model the evaluation saw was broken. A val
    loss never finite beside a finite train loss was never computed (``find_non_finite``)."""
    train = curves.train
    if train is None or bool(np.isfinite(train.values).all()):
        return None
    return next((s for s in curves.all.values() if s.held_out and "loss" in s.metric
                 and _ends_non_finite(s) is not None), None)


def _nan_batch_loss(curves: RunCurves) -> Series | None:
    """A train loss logged more densely than the judged one that ends non-finite (nanoGPT's
    per-iteration ``batch_loss`` beside its evaluations' ``train/loss``: NaN from iteration
    425 to the end, after the last evaluation at 400): the batches after the last evaluation
    broke the model."""
    train = curves.train
    if train is None:
        return None
    return next((s for s in curves.all.values() if s.split == "train" and "loss" in s.metric
                 and s is not train and len(s.values) > len(train.values)
                 and _ends_non_finite(s) is not None), None)


_LOSS_WEIGHT = re.compile(r"(?:^|[_/])(?:beta|kl_weight|kl_coef\w*|kl_beta|kl_anneal\w*|lambda)$",
                          re.IGNORECASE)


def _loss_weight_ramped(curves: RunCurves, stats: Shape) -> bool:
    """True when a logged weight of a loss term (``beta``, ``kl_weight``: a VAE's KL
    annealing; ``dann_lambda``: a domain-adversarial term; not a learning rate's multiplier)
    ended ``DIVERGE_WEIGHT_RAMP`` times or more its value at the judged loss's floor, or above
    0 from 0 there: the objective itself grew after that floor, so a loss rising with it lost
    nothing (a medical VAE's total 67.6 -> 84.4 while beta went 0.185 -> 0.5; an audio
    detector's train loss 0.022 -> 0.70 once its DANN weight left 0 for 0.3, while its val EER
    kept falling)."""
    floor_step = stats.steps[stats.floor_index]
    for series in curves.all.values():
        if not _LOSS_WEIGHT.search(series.metric) or series.metric.lower().startswith("lr") \
                or len(series.values) < 2:
            continue
        steps, values = finite_points(series)
        before = values[steps <= floor_step]
        if len(before) and before[-1] >= 0 and values[-1] > 0 \
                and values[-1] >= DIVERGE_WEIGHT_RAMP * before[-1]:
            return True
    return False


_CRITIC = re.compile(r"(?<![a-z])critic", re.IGNORECASE)


def _critic_closing(subject: Series, stats: Shape) -> bool:
    """True for a WGAN critic's loss (a series named ``critic``) whose floor is below zero: it
    is minus the critic's estimate of the distance between real and generated data, so its
    rise towards 0 is the generator closing that gap, not progress lost (a WGAN's critic loss
    -463 -> -30 over 200 epochs while its generator loss swung about 0)."""
    return bool(_CRITIC.search(subject.metric)) and stats.raw(stats.floor) < 0


def find_diverging(curves: RunCurves) -> list[Finding]:
    """diverging: the loss grows without bound, or turns NaN/inf and stays so.

    Rules (any one; the evidence names the cue): (1) ``non_finite``: the train
    loss, the monitored series or grad_norm ends in non-finite values (for longer than any
    non-finite stretch it came back from, ``_ends_non_finite``), or a held-out loss
    does beside a train loss with non-finite values (``_nan_evaluated``), or a train loss
    logged more densely than the judged one does (``_nan_batch_loss``) (HF's
    ``logging_nan_inf_filter`` can hide a NaN loss as 0.0, which is why
    grad_norm and the eval metrics are checked too); (2) ``magnitude``: the
    train loss or the monitored series (lower is better) grew
    ``DIVERGE_MAGNITUDE`` times in magnitude beyond its start (a loss unbounded
    below, such as -1e8, counts);
    (3) ``blew_up`` (``_blew_up``): the monitored val loss jumped tenfold in one
    point and stayed high; (4) ``lost_progress``: the train loss' (else the
    monitored series') trend rose from its floor by at least
    ``DIVERGE_GIVE_BACK`` of the improvement it had made and by more than
    ``DIVERGE_RISE_NOISE`` noise sigmas, or ended ``DIVERGE_TIMES_FLOOR`` times its floor
    with the val loss as high against its own (see ``_lost_progress``), or blew up from a
    plateau with val (``_blew_up_together``), not while a logged loss weight ramped up after
    the floor (``_loss_weight_ramped``), not for a train loss judged beside a held-out
    loss of too few evaluations that ended at its best (``few_evaluations_improved``: an
    Estimator's summed loss 5,650 -> 9-20 by batch while its three evaluations went 8.99,
    11.96, 4.59 with accuracy 0.90 -> 0.98 lost nothing) (and, with a natural
    zero, by
    ``DIVERGE_RISE_OF_LEVEL`` of its floor), and the last quarter is not falling
    back (by ``DIVERGE_RECOVERING`` of that rise: a loss collapsed to chance that
    creeps down by 1% is not recovering): the run lost what it had learned and did
    not recover. A loss without a natural zero must first have gained ``DIVERGE_RISE_NOISE``
    noise sigmas (a custom loss wobbling about 0 learned nothing it could lose). When train
    gave back as much but too noisily to pass, the monitored val loss is judged the same way
    (train no better rules out overfitting), if val had learned something to lose: its floor is
    ``DIVERGE_RISE_OF_LEVEL`` of itself below its start or train's start. (5)
    ``val_ran_away`` (``_val_ran_away``): val ended several times its best while train got
    worse too, not beside a val accuracy at its ceiling (``_saturated``). (6)
    ``metric_collapsed`` (``_metric_collapsed``): a held-out score fell to
    nothing under a frozen loss. (7) ``climbed`` (``_climbed_apart``), when nothing else
    fired: the train loss's last quarter sits several times above its first, apart from it.
    """
    for series in (curves.train, curves.monitored, curves.grad_norm, _nan_evaluated(curves),
                   _nan_batch_loss(curves)):
        step = _ends_non_finite(series)
        if step is not None:
            return [Finding(
                "diverging", "error", series.name, step,
                f"{series.name} turned non-finite at step {step} and never recovered",
                {"cue": "non_finite", "margin": math.inf, "non_finite_from_step": step,
                 "last_value": float(series.values[-1])},
                ADVICE["diverging"])]
    found = _grew_unbounded(curves.train) or _grew_unbounded(curves.monitored)
    if not found and curves.monitored is not None and curves.monitored.held_out:
        found = _blew_up(curves.monitored)
    if found:
        return found
    subject = curves.train if _train_judgeable(curves) else curves.monitored
    stats = shape(subject) if subject is not None else None
    if stats is None:
        return []
    val = curves.monitored if curves.monitored is not None and curves.monitored.held_out \
        and curves.monitored.lower_is_better and subject is curves.train else None
    if subject is not curves.train and (_sparse_train_fell(curves.train)
                                        or _sparse_train_below(curves.train, stats)):
        return _metric_collapsed(curves)  # a val losing its progress while train learns
    if subject is curves.train and few_evaluations_improved(curves):
        return _metric_collapsed(curves)  # every evaluation found the model better at the end
    if _loss_weight_ramped(curves, stats):
        return _metric_collapsed(curves)  # the objective itself grew (a KL weight warming up)
    if subject is curves.train and _held_out_at_its_best(curves.monitored):
        return _metric_collapsed(curves)  # the model got no worse: the train objective changed
    if _critic_closing(subject, stats):
        return _metric_collapsed(curves)  # a WGAN critic's distance shrinking: the game works
    found = _lost_progress(subject, stats, shape(val) if val is not None else None)
    if not found and subject is curves.train:
        found = _val_lost_progress(curves.monitored, stats)
    if not found and val is not None and not (curves.accuracy is not None
                                               and _saturated(curves.accuracy)):
        found = _val_ran_away(val, stats)  # (a val loss about 0.001 beside an accuracy at its
        # ceiling moves with a few confident mistakes: nothing was lost)
    return found or _climbed_apart(curves.train) or _metric_collapsed(curves)


def _metric_collapsed(curves: RunCurves) -> list[Finding]:
    """find_diverging's rule (6) ``metric_collapsed``: a held-out score on a bounded scale
    (accuracy, Dice, F1, IoU: 0-1 or 0-100) that reached ``COLLAPSE_MIN_BEST`` of its ceiling
    ended (its last ``DIVERGE_HELD_POINTS`` points or more, all of them) at most
    ``COLLAPSE_SHARE`` of its best, while a loss froze (``_frozen``): the network died (a
    segmentation whose Dice fell from 0.72 to 0 while its loss froze at a lower value looks
    better by the loss alone; an F1 falling to 0 as a live model settles on the majority class
    is not this). The frozen loss must have learned first, ending ``UNDERFIT_LEARNED_NOTHING``
    below its initial level: one frozen where it started (0.693 = ln 2 from the first epoch)
    never learned, and its accuracy flipping about the threshold is no collapse. Or while the
    monitored val loss was thrown back in one evaluation and stayed there
    (``_loss_thrown_back``: a tagger's LR jumped 300x, its val 0.44 -> 0.56, the label prior's
    loss, its F1 0.43 -> 0 to the end).
    """
    if not any(_frozen(s) and _frozen_below_start(s)
               for s in (curves.train, curves.monitored) if s is not None) \
            and not _loss_thrown_back(curves.monitored) and not _a_loss_went_non_finite(curves):
        return []
    for series in sorted(curves.all.values(), key=lambda s: s is not curves.monitored):
        if not series.held_out or series.lower_is_better:
            continue
        stats = shape(series)
        if stats is None or stats.ceiling is None or len(stats.y) < 2 * DIVERGE_HELD_POINTS:
            continue
        values = stats.raw(stats.y)
        best = float(np.max(values))
        last = values[-max(DIVERGE_HELD_POINTS, len(values) // 4):]
        if best < COLLAPSE_MIN_BEST * stats.ceiling or float(np.max(last)) > COLLAPSE_SHARE * best:
            continue
        onset = int(stats.steps[int(np.argmax(values))])
        return [Finding(
            "diverging", "error", series.name, onset,
            f"{series.name} collapsed from {_fmt(best)} at step {onset} to "
            f"{_fmt(float(values[-1]))} and stayed there",
            {"cue": "metric_collapsed", "margin": COLLAPSE_SHARE * best / max(float(np.max(last)),
                                                                           1e-12),
             "best": best, "end": float(values[-1])}, ADVICE["diverging"])]
    return []


def _a_loss_went_non_finite(curves: RunCurves) -> bool:
    """True when a loss of the run (train or held out) logged a NaN or an infinity anywhere,
    though it came back to finite values (a YOLO segmenter's val cls loss at inf for 8 epochs,
    its train cls loss 7.5 -> 120, while its fitness fell 0.33 -> 0.003 for good)."""
    return any(s.lower_is_better and "loss" in s.metric and not s.finite.all()
               for s in curves.all.values())


def _loss_thrown_back(series: Series | None) -> bool:
    """True when a held-out loss (natural zero) rose in one evaluation by ``COLLAPSE_THROWN``
    of all it had gained from its first point to its best, and its last quarter (its median,
    ``DIVERGE_HELD_POINTS`` points at least) stayed that far above the best, that one step
    making ``COLLAPSE_THROWN`` of the rise: knocked back at once, not creeping up as an
    overfitting val does (a NER val loss 0.51 -> 1.23 in steps of 0.05-0.2)."""
    stats = shape(series) if series is not None and series.held_out \
        and series.lower_is_better else None
    if stats is None or not stats.zero or len(stats.y) < 2 * DIVERGE_HELD_POINTS:
        return False
    best = float(np.min(stats.y))
    gain = float(stats.y[0]) - best
    after = stats.y[int(np.argmin(stats.y)):]
    if gain <= 0 or len(after) < DIVERGE_HELD_POINTS + 1:
        return False
    last = stats.y[-max(DIVERGE_HELD_POINTS, len(stats.y) // 4):]
    throw, rise = float(np.max(np.diff(after))), float(np.median(last)) - best
    return throw >= COLLAPSE_THROWN * gain and rise >= COLLAPSE_THROWN * gain \
        and throw >= COLLAPSE_THROWN * rise


def _frozen(series: Series) -> bool:
    """True when a loss's last quarter (``FROZEN_POINTS`` points or more) holds one value, to
    ``FROZEN_SPREAD`` of it, away from zero: the weights stopped changing (a memorised loss
    frozen at 0 is not this)."""
    values = series.values[np.isfinite(series.values)]
    last = values[-(len(values) // 4):] if len(values) >= 4 * FROZEN_POINTS else values[:0]
    if not series.lower_is_better or len(last) < FROZEN_POINTS:
        return False
    level = float(np.median(np.abs(last)))
    return level > 0 and float(np.ptp(last)) <= FROZEN_SPREAD * level


def _frozen_below_start(series: Series) -> bool:
    """True when a loss ended ``UNDERFIT_LEARNED_NOTHING`` below the highest of its first
    three points (``_metric_collapsed``)."""
    stats = shape(series)
    return stats is not None and stats.end <= (1 - UNDERFIT_LEARNED_NOTHING) * initial_level(stats)


def _val_ran_away(val: Series, train: Shape) -> list[Finding]:
    """find_diverging's rule (5): the val loss ended (the median of its last
    ``DIVERGE_HELD_POINTS`` points) ``DIVERGE_TIMES_FLOOR`` times its best level, having
    learned (its first point that far above its best too), while train ended worse than it
    was at val's best (by its sigma): a rise train shares is not overfitting, and a run whose
    val ends several times its best lost what it had learned (a learning-rate restart that
    threw val from 0.055 to 0.5-1.1). Also when val rose from its first evaluation
    (``_rose_from_the_start``), over more than ``DIVERGE_HELD_POINTS`` points, while train
    ended above its level then. Not a memorised val whose rise is under
    ``DIVERGE_MEMORISED_RISE`` of its first point (``_memorised``)."""
    stats = shape(val)
    if stats is None or not stats.zero or len(stats.y) <= DIVERGE_HELD_POINTS:
        return []
    best = stats.best_level()
    held = float(np.median(stats.y[-DIVERGE_HELD_POINTS:]))
    onset = int(stats.steps[stats.best_index])
    train_then = level_near(train, onset)
    learned_then_lost = len(stats.y) >= 2 * DIVERGE_HELD_POINTS \
        and held >= DIVERGE_TIMES_FLOOR * best and stats.first >= DIVERGE_TIMES_FLOOR * best \
        and train.end > train_then + train.sigma
    if best <= 0 or not (learned_then_lost or (_rose_from_the_start(stats)
                                               and train.end > train_then)
                         or _thrown_back(stats, train)):
        return []
    if _memorised_hair(stats, held - best):
        return []  # a memorised val (computed on the train rows) bouncing off 1e-6
    return [Finding(
        "diverging", "error", val.name, onset,
        f"{val.name} {worsened(val)} from {_fmt(stats.raw(best))} at step {onset} to "
        f"{_fmt(stats.raw(held))} over its last points, and the train loss got worse with it "
        f"({_fmt(train.raw(train_then))} to {_fmt(train.raw(train.end))})",
        {"cue": "val_ran_away", "margin": held / best / DIVERGE_TIMES_FLOOR, "best": best,
         "end": held, "train_at_best": train_then, "train_end": train.end},
        ADVICE["diverging"])]


def _thrown_back(val: Shape, train: Shape) -> bool:
    """True when a val loss jumped ``DIVERGE_THROWN_JUMP`` times its level from one evaluation
    to the next, after its best, and never came back: its last ``DIVERGE_HELD_POINTS`` points
    (median) gave back ``DIVERGE_GIVE_BACK`` of all it had gained from its first evaluation,
    while train ended worse than at val's best. A learning-rate bump that undid a fine-tune
    (val 0.71 -> 0.41, then 0.97 in one evaluation, settling at 0.73) lost its progress; an
    overfitting rise creeps up while train improves. The jump must be ``DIVERGE_THROWN_ALONE``
    times any other step up val takes: a val bouncing all along is erratic; and val is not
    coming back (``_recovering``: a char-LM's val 2.10 -> 4.61 falling back to 2.93 by the end
    is a spike)."""
    y = val.y
    best = val.best_index
    if best >= len(y) - DIVERGE_HELD_POINTS - 1 or float(y[best]) <= 0:
        return False
    jumps = y[best + 1:] / np.maximum(y[best:-1], 1e-300)
    at = best + 1 + int(np.argmax(jumps))
    steps_up = np.diff(y)
    others = np.delete(steps_up, at - 1)
    held = float(np.median(y[-DIVERGE_HELD_POINTS:]))
    gained = val.first - float(y[best])
    return bool(np.max(jumps) >= DIVERGE_THROWN_JUMP) and gained > 0 \
        and steps_up[at - 1] >= DIVERGE_THROWN_ALONE * float(np.max(others, initial=0.0)) \
        and held - float(y[best]) >= DIVERGE_GIVE_BACK * gained \
        and not _recovering(val, held - float(y[best])) \
        and train.end > level_near(train, int(val.steps[best]))


def _rose_from_the_start(stats: Shape) -> bool:
    """True when a val loss never beat its first evaluation and climbed from it, ending (the
    median of its last ``DIVERGE_HELD_POINTS`` points) ``DIVERGE_FROM_FIRST`` times it: with
    train ending no better than at that first evaluation (overfitting needs train lower), a
    learning rate too high from the start (a TFT's val 1.15 -> 1.51 -> 2.34 -> 2.67 while its
    train loss bounced about 7)."""
    if stats.best_index != 0 or stats.first <= 0:
        return False
    return float(np.median(stats.y[-DIVERGE_HELD_POINTS:])) >= DIVERGE_FROM_FIRST * stats.first


def _sparse_train_fell(train: Series | None) -> bool:
    """True when a train loss too sparse for rule (4) (see ``_train_judgeable``) has
    ``DIVERGE_SPARSE_TRAIN_POINTS`` finite points or more and its last is
    ``DIVERGE_SPARSE_TRAIN_FELL`` below its first: the model kept fitting, so a val loss that
    lost its progress beside it is overfitting's to judge, not a divergence (a one-class val
    set whose loss climbs 34x while seven train points fall 2.6 -> 1.0)."""
    if train is None:
        return False
    values = train.values[np.isfinite(train.values)]
    return len(values) >= DIVERGE_SPARSE_TRAIN_POINTS and float(values[0]) > 0 \
        and float(values[-1]) <= (1 - DIVERGE_SPARSE_TRAIN_FELL) * float(values[0])


def _sparse_train_below(train: Series | None, val: Shape) -> bool:
    """True when a train loss too sparse for rule (4) ends ``DIVERGE_SPARSE_TRAIN_BELOW`` of
    the val loss's best level or lower (``val`` is that loss's shape, natural zero): the model
    fits its train set far better than val ever got, so a val loss losing its progress beside
    it is overfitting's to judge (an LM fine-tuned for 60 epochs on a small set, whose one
    logged train loss, 2.41, sits far under a val loss climbing 4.07 -> 5.45)."""
    if train is None or not val.zero or val.ceiling is not None:
        return False
    values = train.values[np.isfinite(train.values)]
    best = val.best_level()
    return len(values) > 0 and best > 0 and float(values[-1]) >= 0 \
        and float(values[-1]) <= DIVERGE_SPARSE_TRAIN_BELOW * best


def _train_judgeable(curves: RunCurves) -> bool:
    """find_diverging's rule (4) reads the train loss when it has ``MIN_POINTS`` points, unless
    it has fewer than ``DIVERGE_FEW_TRAIN_POINTS`` and the held-out series more (four per-step
    train losses beside 41 evaluations are four batches, not a curve), nor beside the mean
    reward of an online RL fine-tune (``online_rl_reward``): its loss is a KL penalty that
    starts at 0 and grows as the policy leaves its reference (a GRPO loss 0 -> 0.0008 while the
    reward rose 0.43 -> 1.5), not what the run optimised."""
    train, val = curves.train, curves.monitored
    if train is None or len(train) < MIN_POINTS:
        return False
    if val is not None and online_rl_reward(curves.all) is val:
        return False
    return not (val is not None and val.held_out and len(train) < DIVERGE_FEW_TRAIN_POINTS
                and len(val) > len(train))


def _held_out_at_its_best(monitored: Series | None) -> bool:
    """True when the monitored held-out series (of ``DIVERGE_AT_BEST_POINTS`` evaluations or
    more) has its best point in its last ``TAIL_FRACTION`` and ends (the median of its last 3
    points) within 2 noise sigmas of that best: the evaluations found the model at its best at
    the end, so a train loss that rose meanwhile measured another objective, not a model that
    lost what it learned (Ultralytics turns mosaic augmentation off for the last 10 epochs: a
    YOLO train box loss jumped 0.65 -> 1.33 while its val mAP50-95 reached its best, 0.566, at
    the 99th of 100 epochs)."""
    stats = shape(monitored) if monitored is not None and monitored.held_out else None
    if stats is None or len(stats.y) < DIVERGE_AT_BEST_POINTS:
        return False
    tail = robust.edge_count(len(stats.y), TAIL_FRACTION)
    end = float(np.median(stats.y[-3:]))
    return stats.best_index >= len(stats.y) - tail \
        and end <= float(stats.y[stats.best_index]) + 2 * stats.noise


def _val_lost_progress(val: Series | None, train: Shape) -> list[Finding]:
    """find_diverging's rule (4) on the held-out loss, when the train loss gave back
    ``DIVERGE_GIVE_BACK`` of its improvement but too noisily to pass: only if val had learned
    something to lose (its floor ``DIVERGE_RISE_OF_LEVEL`` of itself below its start or
    train's start)."""
    if val is None or not val.held_out or not val.lower_is_better \
            or train.start <= train.floor \
            or train.give_back < DIVERGE_GIVE_BACK * (train.start - train.floor):
        return []
    stats = shape(val)
    if stats is None or max(stats.start, train.start) - stats.floor \
            < DIVERGE_RISE_OF_LEVEL * abs(stats.floor):
        return []
    return _lost_progress(val, stats)


def _grew_unbounded(series: Series | None) -> list[Finding]:
    """find_diverging's rule (2) on one series: the median magnitude of its last tenth is
    ``DIVERGE_MAGNITUDE`` times its start (the larger of its first point and the median of
    its first tenth: a loss that fell to 3e-5 at once and spikes to 21 at the end did not
    grow without bound; only the first point when every later one is a hundredfold above it,
    ``_never_near_its_first``). Also on the monitored val loss: one blown up to 1e12
    diverged even when the thinned train loss no longer shows it."""
    stats = shape(series) if series is not None and series.lower_is_better else None
    if stats is None:
        return []
    _, raw = finite_points(series)
    head = max(float(np.median(np.abs(raw[: robust.edge_count(len(raw))]))), abs(float(raw[0])))
    tail_peak = float(np.median(np.abs(raw[-robust.edge_count(len(raw)):])))
    if _never_near_its_first(raw):
        head = abs(float(raw[0]))
    if head <= 0 or tail_peak <= DIVERGE_MAGNITUDE * head:
        return []
    return [Finding(
        "diverging", "error", series.name, int(stats.steps[-1]),
        f"{series.name} grew in magnitude from about {_fmt(head)} to {_fmt(tail_peak)}",
        {"cue": "magnitude", "margin": tail_peak / head / DIVERGE_MAGNITUDE,
         "start_magnitude": head, "end_magnitude": tail_peak,
         "ratio": tail_peak / head}, ADVICE["diverging"])]


def _climbed_apart(series: Series | None) -> list[Finding]:
    """find_diverging's rule (7), when no other rule fired, on a train loss (natural zero): the
    median of its last quarter is ``DIVERGE_CLIMBED_TIMES`` times that of its first quarter,
    and every point of the last quarter is above every point of the first: it climbed, and
    stayed up, whatever it did between (a text
    classifier's loss 1.4-1.9 over 8 epochs, then 4, 10, 31, 52 and 9-36 to the end, its noise
    too large for ``lost_progress`` to see a rise beyond it)."""
    stats = shape(series) if series is not None and series.lower_is_better else None
    if stats is None or not stats.zero or len(stats.y) < 2 * MIN_POINTS:
        return []
    quarter = robust.edge_count(len(stats.y), TAIL_FRACTION)
    head, tail = stats.y[:quarter], stats.y[-quarter:]
    first, last = float(np.median(head)), float(np.median(tail))
    if first <= 0 or last < DIVERGE_CLIMBED_TIMES * first \
            or float(np.min(tail)) <= float(np.max(head)):
        return []
    return [Finding(
        "diverging", "error", series.name, int(stats.steps[len(stats.y) - quarter]),
        f"{series.name} climbed from about {_fmt(first)} to {_fmt(last)} and stayed up",
        {"cue": "climbed", "margin": last / first / DIVERGE_CLIMBED_TIMES,
         "first_quarter": first, "last_quarter": last}, ADVICE["diverging"])]


def _never_near_its_first(raw: np.ndarray) -> bool:
    """True when every point after the first of a positive loss is ``DIVERGE_MAGNITUDE`` times
    the first point or more (a loss crossing zero, a Gaussian NLL, has no such ratio): the
    loss blew up at its first step and never came back within a hundredfold, however far it
    fell afterwards (a DimeNet's 92.8 at step 0, then 2e14 falling to 6e10 over 80 logs)."""
    first = float(raw[0])
    return len(raw) >= MIN_POINTS and first > 0 and bool(np.all(raw > 0)) \
        and float(np.min(raw[1:])) >= DIVERGE_MAGNITUDE * first


def _blew_up(series: Series | None) -> list[Finding]:
    """find_diverging's rule (3): a loss (natural zero) jumped in one point to
    ``BLOW_UP_RATIO`` times the median of the points before it (the spike detector's rolling
    window, at least 3 points), and the points after it never came back under
    ``BLOW_UP_SETTLED`` times that level (``lowest_after``): it blew up and stayed up (a
    spike comes back; see ``_stayed_high``). A log that ends on such a jump (its last point)
    blew up too: nothing shows it came back. A jump back up to where the series had already
    been (past its first points, ``robust.edge_count``) is no blow-up: a TF1 eval loss
    bouncing 2e8-3e11 between evaluations jumps 38x above its median without leaving its
    range."""
    stats = shape(series) if series is not None and series.lower_is_better else None
    if stats is None or not stats.zero:
        return []
    y = stats.y
    window = max(5, int(round(len(y) * SPIKE_WINDOW_FRACTION)))
    before = pd.Series(y).shift(1).rolling(window, min_periods=3).median().to_numpy()
    with np.errstate(invalid="ignore"):
        jumps = np.flatnonzero((before > 0) & (y >= BLOW_UP_RATIO * before))
    first = robust.edge_count(len(y))
    for index in jumps.tolist():
        level, settled = float(before[index]), lowest_after(y[index + 1:])
        step = int(stats.steps[index])
        if index > first and float(np.max(y[first:index])) >= float(y[index]):
            continue  # back up where it had been before: a series bouncing, not blowing up
        if index == len(y) - 1:  # the log ends on the blow-up: nothing shows it came back
            return [Finding(
                "diverging", "error", series.name, step,
                f"{series.name} blew up from about {_fmt(level)} to {_fmt(float(y[index]))} at "
                f"step {step}, its last point",
                {"cue": "blew_up", "margin": float(y[index]) / level / BLOW_UP_RATIO,
                 "level_before": level, "peak": float(y[index]), "settled": "Infinity",
                 "settled_ratio": "Infinity"}, ADVICE["diverging"])]
        if settled is None or settled < BLOW_UP_SETTLED * level:
            continue
        return [Finding(
            "diverging", "error", series.name, step,
            f"{series.name} blew up from about {_fmt(level)} to {_fmt(float(y[index]))} at step "
            f"{step} and never came back (the points after stay at {_fmt(settled)} or above)",
            {"cue": "blew_up", "margin": settled / level / BLOW_UP_SETTLED, "level_before": level,
             "peak": float(y[index]), "settled": settled, "settled_ratio": settled / level},
            ADVICE["diverging"])]
    return []


def _lost_progress(subject: Series, stats: Shape, val: Shape | None = None) -> list[Finding]:
    """find_diverging's rule (4): the trend gave back most of its gain and stays up, or (a
    loss with a natural zero) ended ``DIVERGE_TIMES_FLOOR`` times its floor having given back
    ``DIVERGE_TIMES_FLOOR_GIVE_BACK`` of its gain, with the val loss (when there is one, as
    ``val``) as high against its own floor: a memorised train loss bouncing off 1e-8 while
    val stays put has lost nothing. The rise is the lesser of the end's and that of the median
    of the last ``DIVERGE_HELD_POINTS`` points (at least): one bad batch at the end of a
    short, bouncing log is not a loss that stays up. A loss that never gained
    ``DIVERGE_RISE_NOISE`` noise sigmas has nothing to lose when it has no natural zero, or when
    it is back at its best level within its last quarter and ends under ``DIVERGE_TIMES_FLOOR``
    times its floor (a LoRA loss in a sawtooth by epoch, 1.2-2.5 about where it started). A
    held-out series judged alone starts at its first evaluation when that is higher than its
    start level (a full evaluation has no batch noise to smooth: a val at 0.94, 0.63, 0.54 ...
    0.28 over 250 epochs that crept back to 0.35 gave back a tenth of its gain, not most of
    it). A loss with a natural zero that gained under ``DIVERGE_NEVER_GAINED`` of its floor
    level and rose under ``DIVERGE_NEVER_GAINED_RISE`` of it never learned: nothing to lose
    (underfitting says so)."""
    start = max(stats.start, stats.first) if subject.held_out else stats.start
    span = start - stats.floor
    last = stats.y[-max(DIVERGE_HELD_POINTS, robust.edge_count(len(stats.y))):]
    rise = min(stats.give_back, max(float(np.median(last)) - stats.floor, 0.0))
    tail = stats.y[-robust.edge_count(len(stats.y), TAIL_FRACTION):]
    recovering = _recovering(stats, rise)
    floor_at_end = stats.floor_index >= len(stats.y) - robust.edge_count(len(stats.y))
    lost = rise >= DIVERGE_GIVE_BACK * span if span > 0 else rise > 0
    lost = lost or (_times_floor(stats) and rise >= DIVERGE_TIMES_FLOOR_GIVE_BACK * span
                    and (val is None or _times_floor(val)))
    lost = lost or _blew_up_together(stats, val)
    if not lost or rise <= DIVERGE_RISE_NOISE * stats.sigma or recovering or floor_at_end:
        return []
    if _memorised_hair(stats, rise) or (_memorised(stats) and val is not None
                                         and not _times_floor(val, DIVERGE_VAL_WITH_IT)):
        return []  # a memorised loss bouncing off 1e-7 by a hair of where it started, or while
        # val stays put, lost nothing
    if span <= DIVERGE_RISE_NOISE * stats.sigma and (not stats.zero or (
            float(np.min(tail)) <= stats.floor and not _times_floor(stats))):
        return []  # no gain beyond its noise: without a natural zero, or back at its best in
        # its last quarter under 3x its floor (bouncing where it started), nothing was lost
    if stats.zero and stats.floor > 0 and rise < DIVERGE_RISE_OF_LEVEL * stats.floor:
        return []  # a flat loss wandering by under 10% of its level lost nothing
    if stats.zero and span < DIVERGE_NEVER_GAINED * stats.floor \
            and rise < DIVERGE_NEVER_GAINED_RISE * stats.floor:
        return []  # it never learned (a weight decay of 1 pulling a regression to the mean:
        # val 0.750 -> 0.736 -> 0.836, the mean's level): no progress to lose
    onset = int(stats.steps[stats.floor_index])
    return [Finding(
        "diverging", "error", subject.name, onset,
        f"{subject.name} {worsened(subject)} from {_fmt(stats.raw(stats.floor))} at step {onset} "
        f"to {_fmt(stats.raw(stats.end))} (it started at {_fmt(stats.raw(start))})",
        {"cue": "lost_progress",
         "margin": min(rise / span / DIVERGE_GIVE_BACK if span > 0 else math.inf,
                       rise / (DIVERGE_RISE_NOISE * stats.sigma) if stats.sigma > 0 else math.inf),
         "start": stats.raw(start),
         "best_trend": stats.raw(stats.floor), "end": stats.raw(stats.end),
         "given_back": rise / span if span > 0 else "Infinity", "noise_sigma": stats.sigma},
        ADVICE["diverging"])]


def _blew_up_together(train: Shape, val: Shape | None) -> bool:
    """``_lost_progress``' blow-up from a plateau: the train loss ended
    ``DIVERGE_BLEW_UP_TIMES`` times its floor, however far it had fallen before (a first
    epoch's loss 375 makes any later rise a small share of that fall), and the val loss ended
    ``DIVERGE_VAL_WITH_IT`` times its own floor, reached no earlier than train's: val was at its
    best until train blew up (a CIFAR ResNet at train 0.34 and val 25 for 40 epochs, then
    15 and 57 to the end). A val whose best came first and rose while train fell is
    overfitting, whatever train did after."""
    return val is not None and _times_floor(train, DIVERGE_BLEW_UP_TIMES) \
        and _times_floor(val, DIVERGE_VAL_WITH_IT) \
        and val.steps[val.floor_index] >= train.steps[train.floor_index]


def _recovering(stats: Shape, rise: float) -> bool:
    """True when the last quarter of a loss that rose by ``rise`` falls significantly (its slope
    below zero by 2 standard errors) and by ``DIVERGE_RECOVERING`` of that rise: coming back."""
    tail = stats.y[-robust.edge_count(len(stats.y), TAIL_FRACTION):]
    slope, stderr = robust.slope_per_index(tail)
    return math.isfinite(slope) and slope < 0 and (stderr == 0 or -slope > 2 * stderr) \
        and -slope * len(tail) >= DIVERGE_RECOVERING * rise


def _memorised(stats: Shape) -> bool:
    """A train loss (natural zero) whose floor lies under ``DIVERGE_MEMORISED`` of its first
    point and under ``DIVERGE_MEMORISED_OF_START`` of its robust start (an untrained first
    point, a regression's MSE at 1e13 then 2e9, does not make a floor of 1.5e8 memorised): a
    model that memorised its train set (a wide MLP on 150 rows, 0.276 at its first
    log, then 1e-7 to 4e-3 for 4,000 steps), whose bounces above that floor are huge against
    it and nothing against what it learned; find_diverging's ``lost_progress`` then needs the
    val loss to have risen ``DIVERGE_VAL_WITH_IT`` times its own floor too, and the rise to be
    ``DIVERGE_MEMORISED_RISE`` of its first point at least (a val computed on the train rows,
    0.346 -> 1.6e-6, bouncing back to 1e-4, lost nothing)."""
    return stats.zero and float(stats.y[0]) > 0 and stats.floor <= DIVERGE_MEMORISED * float(
        stats.y[0]) and stats.floor <= DIVERGE_MEMORISED_OF_START * stats.start


def _memorised_hair(stats: Shape, rise: float) -> bool:
    """A memorised loss (``_memorised``) whose rise is under ``DIVERGE_MEMORISED_RISE`` of its
    first point: bounces off a floor near zero, nothing lost (``lost_progress``,
    ``val_ran_away``)."""
    return _memorised(stats) and rise < DIVERGE_MEMORISED_RISE * float(stats.y[0])


def _times_floor(stats: Shape, times: float = DIVERGE_TIMES_FLOOR) -> bool:
    """A loss with a natural zero that ends ``times`` (``DIVERGE_TIMES_FLOOR``) times its
    trend's floor."""
    return stats.zero and stats.floor > 0 and stats.end >= times * stats.floor


def find_overfitting(curves: RunCurves, spikes: list[Finding] | None = None) -> list[Finding]:
    """overfitting: val got worse after its best point, beyond its noise, while train did not.

    The onset is the monitored (val) series' best step; its level there is
    read off the trend, so a best that is a noise dip does not count as the
    best. Flagged when at least ``OVERFIT_MIN_POINTS_AFTER_BEST`` evaluations
    follow it and (1) the points of the end stretch (the last
    ``OVERFIT_END_SHARE`` of the points after the best, at least 2) sit above
    the best (a share ``OVERFIT_END_ABOVE`` of them, rounded, so that from 5 points on one
    noise dip may fall below: a count, not the lowest
    point, so that logging val more often does not change the answer; under ``OVERFIT_FEW``
    evaluations a point counts as below only under the best raw point, the trend of a few
    points lagging behind a plateau's end: a Keras val 0.283 best, 0.31, 0.31, 0.29, then
    0.37, 0.41) and
    their median by more than ``OVERFIT_MIN_RISE_NOISE`` standard
    errors (the scatter of the points after the best around their straight
    line when there are ``OVERFIT_LINE_POINTS`` of them, else the series' noise, over the
    square root of the stretch's length): a sustained rise,
    not val bouncing (the rise is their median's, or, when val climbed at every one of
    ``OVERFIT_LINE_POINTS`` evaluations or more after its best, its last point's, or, when it
    climbed steadily, its line's end, ``_steady_climb_end``), or val stepped up after its best
    and never came back (``_stepped_up``); (2) the
    rise is at least ``OVERFIT_MIN_RISE_OF_GAIN``
    of the improvement val made before its best, from its first point (waived for a loss up at
    every one of ``OVERFIT_MONOTONE_POINTS`` or more evaluations after its best to
    ``OVERFIT_MIN_RISE_OF_LEVEL`` above it, ``_climbed_off_its_level``; when the best
    is the first evaluation: half the val range, or, for a loss with a natural zero, an end
    stretch at ``OVERFIT_ABOVE_FIRST`` times its first value: a val that bounced about its
    start, 0.44-1.1, then drifted to 1.5-2.3 while train fell 0.66 -> 0.04) and, for a loss
    with a natural zero, at least ``OVERFIT_MIN_RISE_OF_LEVEL`` of the best level
    (``OVERFIT_GAVE_BACK_LEVEL`` when val gave back ``OVERFIT_GAVE_BACK`` of its gain and
    train kept fitting, see ``_train_kept_fitting``), and for a bounded score (accuracy,
    fitness: 0-1 or 0-100) the end stretch's median at least ``OVERFIT_SCORE_MIN_DROP`` of
    its scale below its best raw point and, when it moves on a grid (``_score_quantum``: an
    accuracy on a val set of n moves by 1/n), more than ``OVERFIT_SCORE_QUANTA`` steps of it
    (a val accuracy on 60 images at 0.867, then 0.833 three times while the train loss fell:
    two images, the set's grain); (3) the train loss
    ends no worse than at the val best (``OVERFIT_TRAIN_SLACK`` of its sigma
    of slack, or within one noise sigma when val rose ``OVERFIT_TRAIN_HELD_RATIO`` times as
    much, ``_train_held``): a rise that train shares is divergence or instability. A rise
    that starts at a train loss spike (val still near its best until the
    spike) is the spike's doing. An ROC AUC that never left chance (``auc_at_chance``: its
    best under 0.6) has nothing to lose: 0.58 -> 0.51 is no overfitting.
    """
    val = curves.monitored
    stats = shape(val) if val is not None and val.held_out and not auc_at_chance(val) else None
    found = _sustained_rise(stats, _score_worsened(curves, stats),
                           not any(held_out_scores(curves))) if stats is not None else None
    if found is None:
        return []
    best, rise, gain, standard_error = found
    onset = int(stats.steps[stats.best_index])
    if _rise_is_a_spike(stats, best, rise, onset, spikes or [], val.name):
        return []
    if stats.ceiling is not None and rise < OVERFIT_SCORE_CONTRADICTED * gain \
            and _a_val_loss_at_its_best(curves):
        return []
    margins = [rise / (OVERFIT_MIN_RISE_NOISE * standard_error) if standard_error > 0 else math.inf,
               rise / (OVERFIT_MIN_RISE_OF_GAIN * gain) if gain > 0 else math.inf,
               rise / (OVERFIT_MIN_RISE_OF_LEVEL * best) if stats.zero and best > 0 else math.inf]
    evidence = {"cue": "sustained_rise", "margin": min(margins), "best_step": onset,
                "best_value": stats.raw(float(stats.y[stats.best_index])),
                "best_level": stats.raw(best),
                "end_level": stats.raw(best + rise), "last_value": stats.raw(float(stats.y[-1])),
                "rise_over_gain": rise / gain if gain > 0 else "Infinity",
                "rise_over_noise": rise / standard_error if standard_error > 0 else "Infinity"}
    train_text = _train_since(curves.train, onset, evidence)
    if _needs_train_fitting(stats, best, rise) and not _train_fell_since(curves.train, onset):
        return []
    if train_text is None or (stats.zero and best > 0
                              and _rise_of_level(stats, best, rise) < OVERFIT_MIN_RISE_OF_LEVEL
                              and not _train_kept_fitting(evidence)):
        return []
    rise_text = _change_text(stats, best, rise)
    return [Finding(
        "overfitting", "warning", val.name, onset,
        f"{val.name} {worsened(val)} {rise_text} after its best at step {onset}{train_text}",
        evidence, ADVICE["overfitting"])]


def _a_val_loss_at_its_best(curves: RunCurves) -> bool:
    """True when a loss of the monitored score's split, on its axis, reached its best in the
    last ``OVERFIT_LOSS_LATE_SHARE`` of its points: the model still got better where a loss
    measures it. A bounded score that gave back under ``OVERFIT_SCORE_CONTRADICTED`` of its gain
    beside it has drifted in its noise (a YOLO fitness 0.741 -> 0.61-0.71 on a plateau while
    the val cls loss fell to its lowest at the last epoch), not overfitted."""
    for loss in losses_beside_a_score(curves):
        stats = shape(loss)
        if stats is not None and stats.best_index >= (1 - OVERFIT_LOSS_LATE_SHARE) * len(stats.y):
            return True
    return False


def _change_text(stats: Shape, best: float, rise: float) -> str:
    """How much a series got worse, in its own terms: a loss's rise as a share of its best
    level; a bounded score's fall as a share of its best score (a fitness 0.66 -> 0.10 fell
    85%, though its distance from 1 grew 101%); else the change itself."""
    if stats.ceiling is not None:
        top = stats.raw(best)
        return f"{(top - stats.raw(best + rise)) / top:.0%}" if top else _fmt(rise)
    return f"{rise / abs(best):.0%}" if stats.zero and best else _fmt(rise)


def _sustained_rise(stats: Shape, corroborated: bool = False, unscored: bool = False
                    ) -> tuple[float, float, float, float] | None:
    """(best level, rise, gain before the best, standard error) when val's end stretch sits
    above its best by rules (1) and (2) of find_overfitting, else None; rule (2)'s share of
    the gain is waived for a loss that rose ``OVERFIT_CORROBORATED_RISE`` of its best level
    while a held-out score got worse with it (``corroborated``), and measured from where
    training started (``_gain_start``) when a held-out score got worse or none is logged
    (``unscored``): a saturated accuracy beside a val loss drifting up vouches for no rise."""
    after = len(stats.y) - 1 - stats.best_index
    if after < OVERFIT_MIN_POINTS_AFTER_BEST:
        return None
    best = stats.best_before_rise()
    end_stretch = stats.y[-max(2, math.ceil(after * OVERFIT_END_SHARE)):]
    rise = float(np.median(end_stretch)) - best
    gain = max(stats.first - best, 0.0)
    trained_gain = max(_gain_start(stats) - best, 0.0) if corroborated or unscored else gain
    after_best = stats.y[stats.best_index + 1:]
    if after >= OVERFIT_LINE_POINTS and bool(np.all(np.diff(after_best) > 0)):
        rise = max(rise, float(after_best[-1]) - best)  # a climb at every evaluation
    rise = max(rise, _steady_climb_end(after_best) - best)
    noise = robust.scatter_around_line(after_best) if after >= OVERFIT_LINE_POINTS \
        else _few_after_best_noise(stats, after_best)
    standard_error = noise / math.sqrt(len(end_stretch))
    allowed_below = math.floor(len(end_stretch) * (1 - OVERFIT_END_ABOVE) + 0.5 + 1e-9)  # half up
    at_best = float(stats.y[stats.best_index]) if len(stats.y) < OVERFIT_FEW else best
    if int(np.sum(end_stretch <= at_best)) > allowed_below \
            or (rise <= OVERFIT_MIN_RISE_NOISE * standard_error
                and not _stepped_up(stats, after_best)):
        return None
    if trained_gain > 0 and rise < OVERFIT_MIN_RISE_OF_GAIN * trained_gain and not (
            corroborated and stats.zero and rise >= OVERFIT_CORROBORATED_RISE * best
            and rise >= stats.noise) and not _climbed_off_its_level(stats, best, after_best):
        return None
    if gain == 0 and rise < 0.5 * float(np.ptp(stats.smooth)) and not (
            stats.zero and stats.first > 0
            and float(np.median(end_stretch)) >= OVERFIT_ABOVE_FIRST * stats.first):
        return None
    if stats.zero and best > 0 and _rise_of_level(stats, best, rise) < OVERFIT_MIN_RISE_OF_LEVEL \
            and not (gain > 0 and rise >= OVERFIT_GAVE_BACK * gain
                     and rise >= OVERFIT_GAVE_BACK_LEVEL * best):
        return None
    if _recovering_from_a_jump(stats, best, rise):
        return None
    if stats.ceiling is not None and float(np.median(end_stretch)) - float(
            stats.y[stats.best_index]) < OVERFIT_SCORE_MIN_DROP * stats.ceiling:
        return None  # a top-1 accuracy 0.953 -> 0.947: large against 1 - 0.953, not a drop
    quantum = _score_quantum(stats)
    if quantum and float(np.median(end_stretch)) - float(stats.y[stats.best_index]) \
            < (OVERFIT_SCORE_QUANTA + 0.5) * quantum:
        return None  # two images of sixty: the val set's grain, not a fall
    return best, rise, gain, standard_error


def _stepped_up(stats: Shape, after_best: np.ndarray) -> bool:
    """True when val stepped up after its best and stayed there, however it bounced: over
    ``OVERFIT_STEP_AFTER`` evaluations or more after the best, the lowest is above the highest
    of the ``OVERFIT_STEP_BEFORE`` before it (a two-head Keras model's val 2.31, 2.36, 2.13,
    2.23, 2.20, best 1.97, then 19 evaluations at 2.59-6.02 while its train loss fell 0.41 ->
    0.11: its scatter is wide, but not one evaluation came back to where val had been)."""
    before = stats.y[max(0, stats.best_index - OVERFIT_STEP_BEFORE):stats.best_index]
    return len(after_best) >= OVERFIT_STEP_AFTER and len(before) == OVERFIT_STEP_BEFORE \
        and float(np.min(after_best)) > float(np.max(before))


def _score_quantum(stats: Shape) -> float:
    """The step a bounded score moves by when it moves on a grid (an accuracy on a val set of
    n moves by 1/n: 0.633, 0.767, 0.817, 0.833, 0.85, 0.867 on 60 images), else 0: the
    smallest gap between its distinct values, at least ``SCORE_QUANTUM_MIN`` of its scale,
    when every gap is a whole number of it (to ``SCORE_QUANTUM_TOLERANCE``)."""
    if stats.ceiling is None:
        return 0.0
    gaps = np.diff(np.unique(np.round(stats.y / stats.ceiling, 9)))
    smallest = float(np.min(gaps)) if len(gaps) >= 2 else 0.0
    if smallest < SCORE_QUANTUM_MIN:
        return 0.0
    multiples = gaps / smallest
    if not np.all(np.abs(multiples - np.round(multiples)) < SCORE_QUANTUM_TOLERANCE):
        return 0.0
    return smallest * stats.ceiling


def _gain_start(stats: Shape) -> float:
    """Where the improvement a rise is measured against starts: the first point (a fast first
    drop counts), unless that is the untrained model's (``Shape.untrained_first``: a raw-unit
    regression's 204 at step 4, then 1.2-1.5; an ECG net's 1.515 at epoch 0, then 0.30, 0.11),
    whose drop would dwarf any later rise: then the robust start."""
    return stats.start if stats.untrained_first else stats.first


def _rise_of_level(stats: Shape, best: float, rise: float) -> float:
    """A rise as a share of the best level (natural zero): a loss's rise over its best; for a
    bounded score the larger of its error's rise over the best error and its fall over the
    best score (a YOLO fitness 0.28 -> 0.21 lost a quarter of itself, while its distance from
    1 grew only 0.72 -> 0.79), once that best score reached ``OVERFIT_SCORE_FALL_FROM`` of its
    scale at its best point (a fitness at 0.017 falling to 0.004 never learned: nothing to
    overfit)."""
    share = rise / best
    if stats.ceiling is not None and stats.raw(float(stats.y[stats.best_index])) \
            >= OVERFIT_SCORE_FALL_FROM * stats.ceiling and stats.ceiling > best:
        share = max(share, rise / (stats.ceiling - best))
    return share


def _steady_climb_end(after_best: np.ndarray) -> float:
    """Where a val that climbed steadily after its best ended: its least-squares line's value
    at the last point, when over ``OVERFIT_STEADY_POINTS`` evaluations or more that line rose
    ``OVERFIT_STEADY_SIGMAS`` standard errors (a survival model's val 1.3225 -> 1.4294 over 100
    epochs, smooth: the median of the last half, 1.39, is half-way up the climb); else -inf."""
    if len(after_best) < OVERFIT_STEADY_POINTS:
        return -math.inf
    slope, stderr = robust.slope_per_index(after_best)
    if not math.isfinite(slope) or slope <= 0 or slope < OVERFIT_STEADY_SIGMAS * stderr:
        return -math.inf
    return float(np.mean(after_best)) + slope * (len(after_best) - 1) / 2


def _climbed_off_its_level(stats: Shape, best: float, after_best: np.ndarray) -> bool:
    """True when a loss (natural zero) rose at every one of ``OVERFIT_MONOTONE_POINTS`` or more
    evaluations after its best, to ``OVERFIT_MIN_RISE_OF_LEVEL`` above its best level or more:
    a climb that waives rule (2)'s share of the gain, which a steep first drop makes small (a
    GPT-Neo's eval loss 6.19 at its first evaluation, best 0.962 at step 14,500, then up at
    each of 34 evaluations to 1.133 while train fell to 0.03: 18% above its best, 3% of its
    drop). A creep with dips on the way (37 rises in 49 evaluations) keeps rule (2)."""
    if not stats.zero or best <= 0 or len(after_best) < OVERFIT_MONOTONE_POINTS:
        return False
    climb = np.diff(np.concatenate(([stats.y[stats.best_index]], after_best)))
    return bool(np.all(climb > 0)) and float(after_best[-1]) - best >= \
        OVERFIT_MIN_RISE_OF_LEVEL * best


def _few_after_best_noise(stats: Shape, after_best: np.ndarray) -> float:
    """The noise a rise over fewer than ``OVERFIT_LINE_POINTS`` evaluations after the best
    must beat: the series' noise, or, in a series under ``OVERFIT_FEW`` evaluations, at most
    the larger of its scatter around its trend and the spread of the points after the best
    (over 4 evaluations the point-to-point jumps are the learning and the overfitting
    themselves: a NER val loss 0.252 -> 0.153 -> 0.232 -> 0.234, its last two 0.002 apart).
    Points after the best that climb at every evaluation spread by the climb, not by noise
    (an SFT's eval loss 0.538 -> 0.416 -> 0.478 -> 0.526): their spread does not count."""
    if len(stats.y) >= OVERFIT_FEW:
        return stats.noise
    climbing = len(after_best) >= 2 and bool(np.all(np.diff(after_best) > 0))
    spread = 0.0 if climbing else float(np.ptp(after_best))
    return min(stats.noise, max(stats.sigma, spread))


def _train_kept_fitting(evidence: dict) -> bool:
    """True when the train loss fell ``OVERFIT_TRAIN_FELL`` of its level at the val best by
    the end: a val rise under ``OVERFIT_MIN_RISE_OF_LEVEL`` of its best (let through because
    val gave back much of its gain) is overfitting only while train clearly keeps fitting;
    a train loss bouncing at one level beside a bouncing val is no memorising."""
    at_best, end = evidence.get("train_at_best"), evidence.get("train_end")
    if at_best is None or end is None or at_best <= 0:
        return True  # no train loss to ask
    return end <= (1 - OVERFIT_TRAIN_FELL) * at_best


def _score_worsened(curves: RunCurves, stats: Shape) -> bool:
    """True when a bounded held-out score beside the monitored val loss (accuracy, IoU, F1 in
    its split, on its axis) got worse after the loss's best: over the end stretch (the last
    half of the points after that best) its median distance from the ceiling is
    ``OVERFIT_SCORE_WORSE`` times that around the best and ``OVERFIT_SCORE_WORSE_SHARE`` of the
    scale more. A val loss whose first evaluation (an untrained 0.76) dwarfs a late climb
    from 0.052 to 0.156 overfits when the accuracy falls 0.969 -> 0.93 with it; a loss
    drifting up under a flat accuracy (growing over-confidence) is not corroborated."""
    monitored = curves.monitored
    after = len(stats.y) - 1 - stats.best_index
    if monitored is None or not monitored.lower_is_better or after <= 0:
        return False
    onset = int(stats.steps[stats.best_index])
    start = int(stats.steps[-max(2, math.ceil(after * OVERFIT_END_SHARE))])
    for score in held_out_scores(curves):
        end = score.y[score.steps >= start]
        if not len(end):
            continue
        at_best, late = level_near(score, onset), float(np.median(end))
        if late >= OVERFIT_SCORE_WORSE * at_best \
                and late - at_best >= OVERFIT_SCORE_WORSE_SHARE * score.ceiling:
            return True
    return False


def _recovering_from_a_jump(stats: Shape, best: float, rise: float) -> bool:
    """True when val jumped right after its best (its highest point after the best comes
    within ``OVERFIT_JUMP_POINTS`` evaluations and stands ``OVERFIT_JUMP_OVER_RISE`` times the
    end's rise above the best) and has been coming down since: the tail of a spike's
    recovery, not a sustained rise (overfitting climbs towards the end). A jump at the last
    evaluation has no recovery to show (a val 0.250 best, 0.260, 0.405 at the end)."""
    after = stats.y[stats.best_index + 1:]
    if not len(after):
        return False
    peak = int(np.argmax(after))
    return peak < min(OVERFIT_JUMP_POINTS, len(after) - 1) \
        and float(after[peak]) - best >= OVERFIT_JUMP_OVER_RISE * rise


def _rise_is_a_spike(stats: Shape, best: float, rise: float, onset: int,
                     spikes: list[Finding], name: str) -> bool:
    """True when val was still near its best until a clear train spike, and rose with it,
    and the spike had not recovered before val's end stretch began (train back to normal
    for half the run while val stays up is not the spike's doing)."""
    after = len(stats.y) - 1 - stats.best_index
    stretch_start = int(stats.steps[-max(2, math.ceil(after * OVERFIT_END_SHARE))])
    for spike in spikes:
        step = spike.step if spike.series != name and spike.severity != "info" else None
        if step is None or not onset < step <= int(stats.steps[-1]) \
                or spike.evidence.get("recovered_at_step", step) < stretch_start:
            continue
        before = stats.y[(stats.steps >= onset) & (stats.steps < step)]
        if len(before) and float(np.median(before[-2:])) - best < rise / 2:
            return True
    return False


def _train_held(train: Shape, at_best: float, noise: float, evidence: dict) -> bool:
    """True when a train loss that ended above its level at the val best did not share val's
    rise: it ended within one noise sigma (``noise``) of that level, and val's rise as a share
    of its best level is ``OVERFIT_TRAIN_HELD_RATIO`` times train's or more (a stock
    forecaster's val 0.022 -> 0.16, 7x, while its train loss sat at 0.0068 -> 0.0069). Its
    last point counts too: a train loss that jumped 3x at the last epoch shared the rise,
    whatever its trend."""
    best, end = evidence.get("best_level"), evidence.get("end_level")
    if not train.zero or at_best <= 0 or not best or best <= 0 or end is None:
        return False
    train_rise = train.end / at_best - 1
    return max(train.end, float(train.y[-1])) <= at_best + noise \
        and (end / best - 1) >= OVERFIT_TRAIN_HELD_RATIO * train_rise


def _needs_train_fitting(stats: Shape, best: float, rise: float) -> bool:
    """True when a val rise is overfitting only beside a train loss that kept fitting
    (``_train_fell_since``): on a series without a natural zero, over fewer than
    ``OVERFIT_LINE_TRUSTED`` evaluations after the best, or over fewer than
    ``OVERFIT_LINE_SMALL_RISE`` while val ended under ``OVERFIT_SMALL_RISE_TIMES`` its best
    level (a sleep-apnea classifier's val 0.263 -> 0.28-0.40 over its last six noisy epochs
    while train moved 2%; an ECG net's val 0.032 -> 0.21 over six is a rise whatever train
    did)."""
    after = len(stats.y) - 1 - stats.best_index
    small = best > 0 and best + rise < OVERFIT_SMALL_RISE_TIMES * best
    return not stats.zero or after < OVERFIT_LINE_TRUSTED \
        or (after < OVERFIT_LINE_SMALL_RISE and small)


def _train_fell_since(train: Series | None, onset: int) -> bool:
    """True when the train loss' trend fell after the val best by ``OVERFIT_TRAIN_FELL`` of its
    level there (of its range, for a loss without a natural zero), or no train loss is logged:
    a val rise over fewer than ``OVERFIT_LINE_TRUSTED`` evaluations, or on a series without a
    natural zero (whose rise no level bounds), is overfitting only while train keeps fitting
    (an Adam 0.01 Gaussian NLL whose val, bouncing 0.2-0.3 nats, ends 0.2 above a dip three
    evaluations from the end while its train loss sat where it was; a val PSNR 0.3 dB under its
    best while the train loss moved 2%)."""
    stats = shape(train) if train is not None else None
    if stats is None:
        return True
    at_best = level_near(stats, onset)
    scale = abs(at_best) if stats.zero else float(np.ptp(stats.smooth))
    return at_best - stats.end >= OVERFIT_TRAIN_FELL * scale


def _train_since(train: Series | None, onset: int, evidence: dict) -> str | None:
    """How train moved after the val best (None: it got worse too, so no overfitting)."""
    stats = shape(train) if train is not None else None
    if stats is None:
        return ""
    at_best, train_end, noise = level_near(stats, onset), stats.end, robust.noise(stats.y)
    if train_end > at_best + OVERFIT_TRAIN_SLACK * noise \
            and not _train_held(stats, at_best, noise, evidence):
        return None
    evidence.update({"train_at_best": stats.raw(at_best), "train_end": stats.raw(train_end)})
    change = (train_end - at_best) / abs(at_best) if at_best else math.nan
    if not math.isfinite(change):
        return ""
    return f" while {train.name} went {'down' if change <= 0 else 'up'} {abs(change):.0%}"


def find_erratic(curves: RunCurves, spikes: list[Finding] | None = None) -> list[Finding]:
    """erratic: the loss fluctuates strongly without a clear trend, train and val together.

    Cue ``kicked_back``: in the second half of the run, and in its last quarter too (one
    spike's slow recovery fills a second half, not the end: a GRU thrown from 0.08 to 4.5 at
    step 408 of 752, back by step 520), the train loss keeps
    returning towards where it started (its ``ERRATIC_KICK_QUANTILE``
    percentile is ``ERRATIC_KICK`` of its initial level or more) with swings as
    large as its level (IQR at least ``ERRATIC_KICK_SPREAD`` of its median), and
    val jumps by at least
    ``ERRATIC_KICK_VAL_JUMPS`` of its level, both in its point-to-point noise and in its swing
    around its trend (a smooth val descent from 0.1 to 0.001 jumps, but does not swing): the
    steps are too large to settle.

    Cue ``swings`` (``_val_swings``): every evaluation lands far from the last
    (val's median step-to-step change around its trend is
    ``ERRATIC_SWING_OF_LEVEL`` of its level and ``ERRATIC_JUMP_OF_GAIN_VAL`` of
    its improvement; or, over ``ERRATIC_SWING_STEADY_MIN`` evaluations or more,
    ``ERRATIC_SWING_STEADY_OF_LEVEL`` of its level and
    ``ERRATIC_SWING_STEADY_OF_GAIN`` of all it improved from its first
    evaluation), whatever train does.

    Cue ``jumps``, judged on the monitored val series (a full evaluation is
    not batch noise): flagged when its point-to-point noise (``robust.jumpiness``) reaches
    ``ERRATIC_JUMP_OF_GAIN_VAL`` of the improvement its trend made from the
    start to its floor and, for a series with a natural zero,
    ``ERRATIC_JUMP_OF_LEVEL`` of its typical level (a flat val curve with tiny
    jumps learned nothing; it is not unstable), and the train loss, when
    logged, is unstable too: its noise is at least ``ERRATIC_TRAIN_NOISE_OF_GAIN``
    of its improvement (a val curve that bounces while train falls smoothly is
    evaluation noise, not unstable training) unless val's jumps reach
    ``ERRATIC_VAL_ALONE_OF_LEVEL`` of its level (no evaluation set is that noisy:
    the weights at each evaluation are far apart, while an epoch-averaged train
    loss looks smooth). A score on a bounded scale (accuracy, F1: 0-1 or 0-100) whose jumps
    and swings stay under ``ERRATIC_SCORE_SWING`` of that scale, over the run or over its
    second half (it bounced early and settled), is not erratic, however large
    they are against its distance from the ceiling. Without a val series the train
    loss is judged alone (not when a held-out loss of a few evaluations improved at each,
    ``few_evaluations_improved``) with ``ERRATIC_JUMP_OF_GAIN_TRAIN``, and only while
    its end (the median of its last tenth) stays above ``ERRATIC_TRAIN_ONLY_LEVEL`` of its
    start (that of its first tenth), or its point-to-point noise is ``ERRATIC_TRAIN_THROWN_BACK``
    of that start or more: per-batch noise around a loss that came down is not instability,
    and a single noisy first point or lucky batch measures nothing, but a loss thrown back past
    its start from one log to the next never settled. Nor under a logged learning rate that
    never exceeded ``ERRATIC_TRAIN_ONLY_MAX_LR``: steps that small throw nothing about (an
    autoencoder at Adam 1e-6 whose per-step loss bounces 0.7-2.4 about its untrained level
    learned nothing; its jumps are the batches'), nor, for ``jumps``, over
    ``ERRATIC_FALLING_POINTS`` points or more whose tenths' medians fall with time (their rank
    correlation with their order ``ERRATIC_FALLING_RANK`` or under: a segmentation's
    per-iteration loss bouncing by 0.23 about a trend that falls 1.32 -> 1.02, a tenth at a
    time, is learning under batch noise), nor when the train loss's log starts after its
    training did (``joined_late``: "Epoch [6/6]" on its first line; no start to measure a lack of
    progress from). Nor are a val loss's ``swings`` erratic when
    every bounded held-out score beside it is settled and the train loss calmed
    (``_scores_beside_settled``, ``_train_calmed``): the confidence of a few predictions moved.
    Cue ``together`` (``_bouncing_together``): val and a train loss that never came far down
    bounce together. Cue ``accuracy`` (``_accuracy_swinging``; not beside a clear loss spike):
    the held-out accuracy beside a swinging val loss jumps by a tenth of its scale from one
    evaluation to the next.
    """
    subject, limit = curves.monitored, ERRATIC_JUMP_OF_GAIN_VAL
    if subject is None or not subject.held_out:
        if few_evaluations_improved(curves):
            return []  # batch noise on a train loss while every evaluation found it better
        if _peak_learning_rate(curves) <= ERRATIC_TRAIN_ONLY_MAX_LR:
            return []  # steps that small throw nothing about: batch noise
        subject, limit = curves.train or curves.monitored, ERRATIC_JUMP_OF_GAIN_TRAIN
        if subject is not None and joined_late(subject):
            return []  # no start to measure a lack of progress from: batch noise of a late epoch
    stats = shape(subject) if subject is not None else None
    if stats is None or len(stats.y) < ERRATIC_MIN_POINTS or stats.jumps == 0:
        return []
    if _score_settled(stats):
        return []  # an F1 at 0.98 wobbling by 0.004: large against 1 - F1, small on its scale
    kicked = _kicked_back(curves, stats)
    if kicked is not None:
        return [_kicked_back_finding(curves, subject, stats, kicked)]
    smooth = _train_smooth(curves)
    swings = _val_swings(stats, smooth, subject.lower_is_better) if subject.held_out else None
    if swings is not None and _swings_of_one_spike(subject, stats, spikes or [], smooth):
        return []
    if swings is None and subject.held_out:
        swings = _bouncing_together(curves, stats)
    if swings is None and subject.held_out \
            and not any(spike.severity == "warning" for spike in spikes or []):
        swings = _accuracy_swinging(curves, stats)  # (a clear spike throws accuracy about too)
    if swings is not None and swings["cue"] == "swings" and _train_calmed(curves) \
            and _scores_beside_settled(curves):
        return []  # a loss's swings under a steady accuracy: its calibration moved, not the model
    if swings is not None:
        return [Finding(
            "erratic", "warning", subject.name, None,
            f"{subject.name} swings by {_fmt(swings['swing'])} from one evaluation to the next "
            f"({swings['swing_over_level']:.0%} of its level) with no trend to show for it"
            + (f", and {curves.train.name} jumps by {swings['train_noise_over_level']:.0%} of "
               "its own" if swings["cue"] == "together" else ""),
            swings, ADVICE["erratic"])]
    found = _erratic_jumps(curves, subject, stats, limit)
    if found and _jumps_of_one_spike(curves, subject, spikes or [], limit):
        return []  # one spike's jump up and back, not a run that never settles
    return found


def _jumps_of_one_spike(curves: RunCurves, subject: Series, spikes: list[Finding],
                        limit: float) -> bool:
    """True when the ``jumps`` cue on ``subject`` is one clear spike's doing: without the points
    of its one spike that decides the verdict (severity warning), from its start to its
    recovery, the series no longer jumps enough (a melanoma CNN's val loss 0.19, 0.25, then
    1,487 for one epoch and back to 0.22: a spike, not a run bouncing with no trend)."""
    own = [spike for spike in spikes
           if spike.series == subject.name and spike.severity == "warning"]
    if len(own) != 1:
        return False
    start = own[0].evidence.get("start_step", own[0].step)
    end = own[0].evidence.get("recovered_at_step", own[0].step)
    keep = (subject.steps < start) | (subject.steps >= end)
    if bool(keep.all()):
        return False
    if int(keep.sum()) < ERRATIC_MIN_POINTS:
        return True  # too few points left to call erratic: the spike was all the evidence
    rest = replace(subject, steps=subject.steps[keep], values=subject.values[keep],
                   epochs=subject.epochs[keep], cache={})
    stats = shape(rest)
    return stats is None or stats.jumps == 0 or not _erratic_jumps(curves, rest, stats, limit)


def _finite_learning_rate(curves: RunCurves) -> np.ndarray:
    """The finite learning rates logged beside the curves (none when no LR is logged)."""
    lr = curves.learning_rate
    return lr.values[np.isfinite(lr.values)] if lr is not None else np.zeros(0)


def _peak_learning_rate(curves: RunCurves) -> float:
    """The largest finite learning rate logged beside the curves (infinite when none is)."""
    finite = _finite_learning_rate(curves)
    return float(np.max(finite)) if len(finite) else math.inf


def _swings_of_one_spike(subject: Series, stats: Shape, spikes: list[Finding],
                         train_smooth: bool) -> bool:
    """True when the swings of a val series under ``ERRATIC_SWING_MANY`` evaluations are one
    spike's doing: its largest step up lands at the first evaluation after a clear spike of
    another series began, and without that evaluation the swings cue no longer holds (an LR
    bump x60 between two evaluations: val 0.38 -> 0.77 -> 0.53 -> 0.42 -> 0.38 is a spike, not
    a run bouncing with no trend)."""
    if len(stats.y) >= ERRATIC_SWING_MANY or len(stats.y) <= MIN_POINTS:
        return False
    jump = int(np.argmax(np.diff(stats.y))) + 1
    before, at = float(stats.steps[jump - 1]), float(stats.steps[jump])
    if not any(spike.severity != "info" and spike.series != subject.name
               and spike.step is not None
               and before < spike.evidence.get("start_step", spike.step) <= at
               for spike in spikes):
        return False
    keep = subject.steps != stats.steps[jump]
    rest = shape(replace(subject, steps=subject.steps[keep], values=subject.values[keep],
                         cache={}))
    return rest is not None and _val_swings(rest, train_smooth) is None


def _scores_beside_settled(curves: RunCurves) -> bool:
    """True when the monitored held-out loss has bounded held-out scores beside it on its axis
    (``held_out_scores``: accuracy, AUROC, F1) and every one is settled on its scale
    (``_score_settled``). With a train loss that calmed (``_train_calmed``, find_erratic checks
    it), the loss swinging by 15% of its level between evaluations while its AUROC climbs
    0.947 -> 0.977 by steps of 0.003 is the confidence of a few predictions, not an unstable
    model (an Adam LR far too high throws the train loss back up too, whatever the accuracy
    does)."""
    monitored = curves.monitored
    if monitored is None or not monitored.lower_is_better:
        return False
    scores = list(held_out_scores(curves))
    return bool(scores) and all(_score_settled(score) for score in scores)


def _train_calmed(curves: RunCurves) -> bool:
    """True when a train loss is logged and never went back to where it was early on: every
    point of its second half stays under the median of its first ``ERRATIC_CALM_HEAD`` (a
    drowsiness CNN's epoch losses 0.48, 0.18, 0.15 ... 0.03-0.05 late; not an Adam at 0.1
    whose per-step loss falls to 0.001 and is thrown back to 0.5-3.0)."""
    train = curves.train
    if train is None:
        return False
    values = train.values[np.isfinite(train.values)]
    if len(values) < MIN_POINTS * 2:
        return False
    head = values[:max(3, math.ceil(len(values) * ERRATIC_CALM_HEAD))]
    late = values[len(values) // 2:]
    return float(np.max(late)) < float(np.median(head))


def _score_settled(stats: Shape) -> bool:
    """True when a bounded score is steady on its scale (``_score_steady``) over the run or
    over its second half (it bounced early and settled)."""
    return stats.ceiling is not None and (_score_steady(stats, len(stats.y))
                                          or _score_steady(stats, len(stats.y) // 2))


def _score_steady(stats: Shape, last: int) -> bool:
    """True when a bounded score's last ``last`` points (all of them, or its second half: a
    score that bounced early and settled) jump and swing by less than
    ``ERRATIC_SCORE_SWING`` of its scale."""
    y = stats.y[-last:]
    if len(y) < SWING_MIN_WINDOW:
        return False
    return max(robust.jumpiness(y), swing_around_trend(y)) < ERRATIC_SCORE_SWING * stats.ceiling


def _erratic_jumps(curves: RunCurves, subject: Series, stats: Shape,
                   limit: float) -> list[Finding]:
    """find_erratic's ``jumps`` cue on ``subject`` (see find_erratic), as a finding list."""
    start = _untrained_start(stats) if not subject.held_out else stats.start
    gain = max(start - stats.floor, 0.0)
    ratio = stats.jumps / gain if gain > 0 else math.inf
    level = stats.level
    if ratio < limit and not _train_bouncing(subject, stats, ratio):
        return []
    if stats.zero and stats.jumps < ERRATIC_JUMP_OF_LEVEL * level:
        return []
    if not stats.zero and stats.gain <= 0:  # (a bounded score's distance has a zero)
        return []  # wobbling about zero with no trend at all: nothing learned, not unstable
    evidence = {"cue": "jumps", "margin": ratio / limit, "jump_sigma": stats.jumps,
                "improvement": abs(stats.raw(start) - stats.raw(stats.floor)),
                "jump_over_improvement": ratio if math.isfinite(ratio) else "Infinity",
                "jump_over_level": stats.jumps / level if level > 0 else "Infinity"}
    if not subject.held_out and stats.zero and stats.start > 0 \
            and stats.end < ERRATIC_TRAIN_ONLY_LEVEL * start \
            and stats.jumps < ERRATIC_TRAIN_THROWN_BACK * stats.start:
        return []  # it learned most of the way: per-batch noise around a low level
    if not subject.held_out and len(stats.y) >= ERRATIC_FALLING_POINTS \
            and robust.trend_rank(stats.y) <= ERRATIC_FALLING_RANK:
        return []  # each tenth of the run lower than the last: learning under batch noise
    train = shape(curves.train) if curves.train is not None and subject is not curves.train \
        else None
    if train is not None:
        train_ratio = train.noise / train.gain if train.gain > 0 else math.inf
        if train_ratio < ERRATIC_TRAIN_NOISE_OF_GAIN and not (
                stats.zero and stats.jumps >= ERRATIC_VAL_ALONE_OF_LEVEL * level
                and not _accuracy_steady(curves)):
            return []
        evidence["train_noise_over_improvement"] = \
            train_ratio if math.isfinite(train_ratio) else "Infinity"
    return [Finding(
        "erratic", "warning", subject.name, None,
        f"{subject.name} jumps by {_fmt(stats.jumps)} (sigma) from point to point, "
        + ("with no net improvement" if not math.isfinite(ratio)
           else f"{ratio:.0%} of its total improvement")
        + (f", and {curves.train.name} is as unstable" if train is not None else ""),
        evidence, ADVICE["erratic"])]


def _accuracy_steady(curves: RunCurves) -> bool:
    """True when the held-out accuracy beside a val loss is steady on its scale
    (``_score_settled``): then a val loss jumping by a third
    of its level is a low loss's relative wobble, not weights far apart at each evaluation
    (a plant classifier's val loss 0.024-0.051 while val accuracy held 0.985-0.993)."""
    accuracy = shape(curves.accuracy) if curves.accuracy is not None else None
    return accuracy is not None and _score_settled(accuracy)


def _untrained_start(stats: Shape) -> float:
    """Where a train loss judged alone started: its first point when that is the untrained
    model's (``Shape.untrained_first``: an Estimator's 6.12 at step 1, then 0.088 at step 101
    and flat about 0.09), while the jumps after it stay under ``ERRATIC_TRAIN_BOUNCE_OF_LEVEL``
    of the level or under ``ERRATIC_FIRST_DROP_JUMPS`` of the drop from that first point to
    the floor (an RL loss bouncing 1.3-220 after its first 547 never settled; an Estimator's
    3.13 at step 1, then batches of 0.001-0.9 about 0.01 fell 150 times its batch noise);
    else the robust start (a first batch a little above the rest measures nothing)."""
    first = float(stats.y[0])
    settled = stats.jumps < ERRATIC_TRAIN_BOUNCE_OF_LEVEL * stats.level \
        or stats.jumps < ERRATIC_FIRST_DROP_JUMPS * (first - stats.floor)
    return first if stats.untrained_first and settled else stats.start


def _train_bouncing(subject: Series, stats: Shape, ratio: float) -> bool:
    """A train loss judged alone (natural zero) whose point-to-point noise is
    ``ERRATIC_TRAIN_BOUNCE_OF_LEVEL`` of its level and ``ERRATIC_JUMP_OF_GAIN_VAL`` of its gain
    (the val bar, not the train one) while it ended at ``ERRATIC_TRAIN_BOUNCE_END`` of its
    start or above: it bounces by a third of where it sits and never came far down (an LSTM
    forecaster's epoch loss 0.02-0.2 over 100 epochs; a grading model's per-step loss
    0.5-2.5 about 1.2), where batch noise rides on a loss that fell most of the way."""
    return not subject.held_out and stats.zero and stats.start > 0 \
        and ratio >= ERRATIC_JUMP_OF_GAIN_VAL \
        and stats.jumps >= ERRATIC_TRAIN_BOUNCE_OF_LEVEL * stats.level \
        and stats.end >= ERRATIC_TRAIN_BOUNCE_END * stats.start


def _train_noise_share(curves: RunCurves) -> float | None:
    """The train loss's noise as a share of its level (natural zero, a positive level), else
    None: how hard it bounces where it sits."""
    train = shape(curves.train) if curves.train is not None else None
    if train is None or not train.zero or train.level <= 0:
        return None
    return train.noise / train.level


def _train_smooth(curves: RunCurves) -> bool:
    """True when a train loss is logged and its point-to-point noise is under
    ``ERRATIC_TRAIN_SMOOTH`` of its level: a converged, steady training."""
    share = _train_noise_share(curves)
    return share is not None and share < ERRATIC_TRAIN_SMOOTH


def _val_swings(stats: Shape, train_smooth: bool = False, loss: bool = False) -> dict | None:
    """Evidence for erratic's ``swings`` cue, else None: the median step-to-step change of
    val around its trend (a rolling median) is ``ERRATIC_SWING_OF_LEVEL`` of its level and,
    under ``ERRATIC_SWING_MANY`` evaluations (where a steep first drop reads as swings),
    ``ERRATIC_JUMP_OF_GAIN_VAL`` of its improvement, and from there on at least
    ``ERRATIC_SWING_MANY_OF_FIRST`` of all it fell from its first evaluation (a val that fell
    a hundredfold and wobbles at the bottom, where any wobble is large against the tiny
    level, has converged). Steadier bouncing counts too, over
    ``ERRATIC_SWING_STEADY_MIN`` evaluations or more: a swing of
    ``ERRATIC_SWING_STEADY_OF_LEVEL`` of the level that is ``ERRATIC_SWING_STEADY_OF_GAIN``
    of the improvement from the first evaluation (its steep first drop included, so a
    saturated run wobbling near zero is not erratic), when that improvement is
    ``ERRATIC_SWING_STEADY_LEARNED`` of the level (a val that learned nothing and wobbles
    where it started is underfitting), not for a ``loss`` beside a smooth train loss
    (``train_smooth``: a Keras CNN's val 1.43-1.95 over its last 10 epochs while its train loss
    fell 1.08 -> 0.44 at every one is a small val set's noise). And from
    ``ERRATIC_SWING_STEADY_MIN`` evaluations on,
    a swing of ``ERRATIC_SWING_WILD`` of the level whatever the improvement, its second half
    still swinging by ``ERRATIC_WILD_LATE`` of that half's own level (a val that fell
    ten-thousandfold, 3.2 -> 0.0003, bouncing 0.03-0.33 on the way and calm at the end, swings
    far above the level it settled at, not about it): each evaluation lands farther from the
    last than the level itself.
    Unlike the MAD of second differences, which reads an alternating 0.9, 2.0, 1.0, 2.5, 1.1
    as a few outliers, this sees every evaluation landing far from the last (natural zero
    only)."""
    if not stats.zero or stats.level <= 0:
        return None
    swing, of_gain = stats.swing, _swing_over_gain(stats)
    many = len(stats.y) >= ERRATIC_SWING_MANY
    from_first = stats.first - stats.floor
    wide = swing >= ERRATIC_SWING_OF_LEVEL * stats.level and (
        of_gain >= ERRATIC_JUMP_OF_GAIN_VAL
        or (many and swing >= ERRATIC_SWING_MANY_OF_FIRST * from_first and not train_smooth))
    steady = len(stats.y) >= ERRATIC_SWING_STEADY_MIN and not (train_smooth and loss) \
        and swing >= ERRATIC_SWING_STEADY_OF_LEVEL * stats.level \
        and swing >= ERRATIC_SWING_STEADY_OF_GAIN * from_first \
        and from_first >= ERRATIC_SWING_STEADY_LEARNED * stats.level
    half = len(stats.y) // 2
    late_level = float(np.median(np.abs(stats.y[half:])))
    wild = len(stats.y) >= ERRATIC_SWING_STEADY_MIN and swing >= ERRATIC_SWING_WILD * stats.level \
        and stats.swing_from(half) >= ERRATIC_WILD_LATE * late_level
    if not (wide or steady or wild):
        return None
    margin = min(swing / stats.level / ERRATIC_SWING_OF_LEVEL, of_gain / ERRATIC_JUMP_OF_GAIN_VAL)
    if wild and not (wide or steady):
        margin = swing / stats.level / ERRATIC_SWING_WILD
    elif not wide:
        margin = min(swing / stats.level / ERRATIC_SWING_STEADY_OF_LEVEL,
                     swing / from_first / ERRATIC_SWING_STEADY_OF_GAIN)
    return {"cue": "swings", "margin": margin, **_swing_evidence(stats)}


def _swing_over_gain(stats: Shape) -> float:
    """Val's swing from one evaluation to the next over its improvement (inf without one)."""
    return stats.swing / stats.gain if stats.gain > 0 else math.inf


def _swing_evidence(stats: Shape) -> dict:
    """The evidence every swing cue of erratic gives: the swing, over the level and over the
    improvement."""
    of_gain = _swing_over_gain(stats)
    return {"swing": stats.swing, "swing_over_level": stats.swing / stats.level,
            "swing_over_improvement": of_gain if math.isfinite(of_gain) else "Infinity"}


def _accuracy_swinging(curves: RunCurves, stats: Shape) -> dict | None:
    """Evidence for erratic's ``accuracy`` cue, else None: the held-out accuracy beside a val
    loss (natural zero) jumps from one evaluation to the next by ``ERRATIC_ACCURACY_JUMPS`` of
    its scale or more (``robust.jumpiness``), and by ``ERRATIC_JUMP_OF_GAIN_VAL`` of all its
    trend gained, while the val loss swings by ``ERRATIC_ACCURACY_LOSS_SWING`` of its level:
    the model's predictions change wholesale at each evaluation (a sign-language fine-tune's
    val accuracy 0.50, 0.40, 0.48, 0.68, 0.52, 0.48, 0.81, 0.70, 0.39, 0.40, 0.64 beside a val
    loss 0.92-2.50, while its train loss fell smoothly 0.063 -> 0.013). A smooth train loss
    does not make that evaluation noise: no val set is noisy by a tenth of the scale."""
    accuracy = shape(curves.accuracy) if curves.accuracy is not None \
        and curves.accuracy is not curves.monitored else None
    if accuracy is None or accuracy.ceiling is None or not stats.zero or stats.level <= 0:
        return None
    jumps = robust.jumpiness(accuracy.y)
    if jumps < ERRATIC_ACCURACY_JUMPS * accuracy.ceiling \
            or jumps < ERRATIC_JUMP_OF_GAIN_VAL * accuracy.gain \
            or stats.swing < ERRATIC_ACCURACY_LOSS_SWING * stats.level:
        return None
    return {"cue": "accuracy", "margin": jumps / (ERRATIC_ACCURACY_JUMPS * accuracy.ceiling),
            **_swing_evidence(stats), "accuracy_jumps": jumps}


def _bouncing_together(curves: RunCurves, stats: Shape) -> dict | None:
    """Evidence for erratic's ``together`` cue, else None: val swings from one evaluation to
    the next by ``ERRATIC_TOGETHER_SWING_OF_LEVEL`` of its level and
    ``ERRATIC_TOGETHER_SWING_OF_GAIN`` of its improvement, while the train loss beside it
    jumps by ``ERRATIC_TOGETHER_TRAIN_NOISE`` of its level and never came down below
    ``ERRATIC_TOGETHER_TRAIN_END`` of its start: train and val bounce together with no
    trend to show for it (a step size too large to settle). A val that bounces beside a
    train loss still falling far, or a smooth one, is evaluation noise (natural zero only)."""
    train_share = _train_noise_share(curves)
    train = shape(curves.train) if train_share is not None else None
    if train is None or not stats.zero or stats.level <= 0 or train.start <= 0:
        return None
    swing, of_gain = stats.swing, _swing_over_gain(stats)
    if swing < ERRATIC_TOGETHER_SWING_OF_LEVEL * stats.level \
            or of_gain < ERRATIC_TOGETHER_SWING_OF_GAIN \
            or train_share < ERRATIC_TOGETHER_TRAIN_NOISE \
            or train.end < ERRATIC_TOGETHER_TRAIN_END * train.start:
        return None
    margin = min(swing / stats.level / ERRATIC_TOGETHER_SWING_OF_LEVEL,
                 of_gain / ERRATIC_TOGETHER_SWING_OF_GAIN,
                 train_share / ERRATIC_TOGETHER_TRAIN_NOISE)
    return {"cue": "together", "margin": margin, **_swing_evidence(stats),
            "train_noise_over_level": train_share}


def _kicked_back_finding(curves: RunCurves, subject: Series, stats: Shape,
                         kicked: dict) -> Finding:
    return Finding(
        "erratic", "warning", subject.name, None,
        f"{curves.train.name} keeps being thrown back towards its initial level (its late "
        f"upper quartile is {kicked['late_p75_over_initial']:.0%} of where it started) and "
        f"{subject.name} jumps by {_fmt(stats.jumps)} from point to point",
        kicked, ADVICE["erratic"])


def _kicked_back(curves: RunCurves, stats: Shape) -> dict | None:
    """Evidence for erratic's ``kicked_back`` cue (see find_erratic), else None."""
    train = curves.train
    if train is None or stats is None or train is curves.monitored or not stats.zero:
        return None
    values = train.values[np.isfinite(train.values)]
    if len(values) < 8 or float(np.min(values)) < 0:
        return None
    initial, late = float(np.max(values[:3])), values[len(values) // 2:]
    median = float(np.median(late))
    level = stats.level
    if initial <= 0 or median <= 0 or level <= 0:
        return None
    last = values[len(values) - len(values) // 4:]
    kick = min(float(np.percentile(late, ERRATIC_KICK_QUANTILE)),
               float(np.percentile(last, ERRATIC_KICK_QUANTILE))) / initial
    spread = float(np.percentile(late, 75) - np.percentile(late, 25)) / median
    if kick < ERRATIC_KICK or spread < ERRATIC_KICK_SPREAD \
            or min(stats.jumps, stats.swing) < ERRATIC_KICK_VAL_JUMPS * level:
        return None
    return {"cue": "kicked_back", "margin": min(kick / ERRATIC_KICK, spread / ERRATIC_KICK_SPREAD,
                                                stats.jumps / level / ERRATIC_KICK_VAL_JUMPS),
            "late_p75_over_initial": kick, "late_spread": spread,
            "jump_over_level": stats.jumps / level}


def find_still_improving(curves: RunCurves) -> list[Finding]:
    """still_improving: the monitored series was still improving by amounts that matter.

    The least-squares slope over the last ``STILL_IMPROVING_TAIL`` of the points (at least 3)
    points in the better direction by more than ``STILL_IMPROVING_SIGMAS`` standard errors; the
    improvement it implies over that stretch is at least ``STILL_IMPROVING_SHARE`` of the
    series' total improvement and ``STILL_IMPROVING_NOISE`` times its point noise
    (``_tail_noise``) (the next stretch would gain something visible), or, for a loss ending at
    its best, the gentler test of ``_falling_at_its_best``; and one of its last 3 points is
    within 2 noise sigmas of its best, and its trend reaches a new low in the tail (a tail
    falling back from a spike recovers, it does not improve). Cue ``last_steps``
    (``_falling_fast_at_the_end``): a val loss of a few evaluations still cutting 15% of itself
    at its last. Cue ``accuracy_tail``: a val loss that ends at a new best after a fall so steep
    at first that its tail looks small is still improving when its val accuracy passes the same
    tail test (a loss 12.8 -> 2.2 -> 1.76 while accuracy climbs 0.74 -> 0.81). Cue
    ``train_tail``: a held-out score with no held-out loss beside it that ends at its best is
    still improving when the train loss passes the tail test (a speech classifier's val accuracy
    on 16 clips at 0.69-0.75, its best, over its last 6 epochs while the train loss fell 2.73 ->
    1.25, faster at the end: a score that coarse cannot show the progress the train loss does;
    not when the score held one value over its last third, ``_held_its_best``). Cue
    ``losses_tail`` (``_parts_improving``): such a score beside held-out loss parts and no total
    (YOLO's) is still improving when every part passes. Not when the val accuracy-type series
    (or the monitored series itself) sat at its ceiling (``SATURATED``) over its last quarter: a
    saturated metric cannot improve, and a val loss drifting down under it no longer matters;
    nor when the series ends non-finite (a val loss NaN after step 60 was not "still improving
    at step 50").
    """
    series = curves.monitored
    stats = shape(series) if series is not None else None
    if stats is None or any(_saturated(s) for s in (series, curves.accuracy) if s is not None) \
            or _ends_non_finite(series) is not None:
        return []  # a series that ended in NaN/inf improves no more, whatever its finite tail
    found, cue = _improving_tail(stats), "tail_slope"
    accuracy = curves.accuracy
    if found is None and accuracy is not None and accuracy is not series \
            and series.held_out and _ends_at_a_new_best(stats):
        series, stats, cue = accuracy, shape(accuracy), "accuracy_tail"
        if stats is None:
            return []  # an accuracy without a shape (too few finite points) has no tail
        found = _improving_tail(stats)
    loss = _loss_beside(curves, series) if found is None and series.held_out \
        and not series.lower_is_better and _ends_at_a_new_best(stats) else None
    loss_stats = shape(loss) if loss is not None else None
    if loss_stats is not None and _ends_at_a_new_best(loss_stats):
        found = _improving_tail(loss_stats)
        if found is not None:
            series, stats, cue = loss, loss_stats, "loss_tail"
    if found is None and loss is None and series.held_out and not series.lower_is_better \
            and _ends_at_a_new_best(stats):
        found, parts = _parts_improving(curves)
        if found is not None:
            series, stats, cue = parts, shape(parts), "losses_tail"
    if found is None and cue == "tail_slope":
        if series.held_out:
            found = _falling_fast_at_the_end(series, stats)
        else:
            series, found = _few_evaluations_falling_fast(curves, series)
        cue = "last_steps" if found is not None else cue
    if found is None and loss is None and series.held_out and not series.lower_is_better \
            and _ends_at_a_new_best(stats) and curves.train is not None \
            and not losses_beside_a_score(curves) and not _held_its_best(stats):
        train_stats = shape(curves.train)
        found = _improving_tail(train_stats) if train_stats is not None else None
        if found is not None:
            series, stats, cue = curves.train, train_stats, "train_tail"
    if found is None:
        return []
    step = int(stats.steps[-1])
    return [Finding(
        "still_improving", "info", series.name, step,
        f"{series.name} was still improving at step {step}: the last {found['tail_points']} "
        f"points moved {_fmt(found['tail_improvement'])} "
        f"({found['share_of_improvement']:.0%} of its total improvement)",
        {"cue": cue, **found, "acceleration": acceleration(stats)},
        ADVICE["still_improving"])]


def _falling_fast_at_the_end(series: Series, stats: Shape) -> dict | None:
    """find_still_improving's cue ``last_steps``: a held-out loss (natural zero) of under
    ``STILL_IMPROVING_FEW`` evaluations that fell at each of its last
    ``STILL_IMPROVING_LAST_FALLS`` and whose last evaluation still took
    ``STILL_IMPROVING_LAST_DROP`` off the one before (``_last_steps``): too few points for a
    tail slope to beat the steep first drop, but a loss still cutting a sixth of itself per
    evaluation was stopped while it improved (a Keras val loss 0.0785 -> 0.0222 -> 0.0121 ->
    0.0083 -> 0.0063, 24% at its last epoch). Its evidence, else None."""
    if not series.lower_is_better or not stats.zero or len(stats.y) >= STILL_IMPROVING_FEW:
        return None
    return _last_steps(stats.y, stats.learned)


def _few_evaluations_falling_fast(curves: RunCurves, train: Series) -> tuple[Series, dict | None]:
    """Cue ``last_steps`` for a run judged on its train loss beside a held-out loss of too few
    evaluations to judge (``few_evaluations``, 3 of them at least): each fell, and the last
    took ``STILL_IMPROVING_LAST_DROP`` off the one before (an MNIST CNN's val 0.277 -> 0.215
    -> 0.176 over its 3 epochs). That loss and the evidence, else ``train`` and None."""
    for series, values in few_evaluation_losses(curves):
        found = _last_steps(values, float(values[0]) - float(values[-1])) \
            if same_domain(series, train) else None
        if found is not None:
            return series, found
    return train, None


def _last_steps(y: np.ndarray, gained: float) -> dict | None:
    """The evidence of cue ``last_steps`` on the values ``y`` of a loss that gained ``gained``:
    3 points at least, falling at each of the last ``STILL_IMPROVING_LAST_FALLS`` (or all),
    the last ``STILL_IMPROVING_LAST_DROP`` below the one before; else None."""
    tail = y[-STILL_IMPROVING_LAST_FALLS - 1:]
    if len(tail) < 3 or gained <= 0 or float(tail[-2]) <= 0 \
            or not bool(np.all(np.diff(tail) < 0)):
        return None
    implied = float(tail[-2]) - float(tail[-1])
    drop = implied / float(tail[-2])
    if drop < STILL_IMPROVING_LAST_DROP:
        return None
    return {"margin": drop / STILL_IMPROVING_LAST_DROP, "tail_points": 2,
            "tail_improvement": implied, "share_of_improvement": implied / gained,
            "share_of_level": drop, "slope_over_stderr": "Infinity"}


def _held_its_best(stats: Shape) -> bool:
    """True when a score logged the same value at each of its last ``STILL_IMPROVING_TAIL``
    of evaluations (3 at least): whatever train still gains does not reach it (a chest X-ray
    classifier's val accuracy 99.29% at each of its last 5 of 10 epochs while its train loss
    fell 0.065 -> 0.031)."""
    tail = stats.y[-_tail_points(len(stats.y)):]
    return len(stats.y) > len(tail) and bool(np.all(tail == tail[-1]))


def _tail_points(n: int) -> int:
    """How many of a series' ``n`` points make the tail still_improving reads: its last
    ``STILL_IMPROVING_TAIL``, 3 at least."""
    return max(3, int(math.ceil(n * STILL_IMPROVING_TAIL)))


def _parts_improving(curves: RunCurves) -> tuple[dict | None, Series | None]:
    """find_still_improving's cue ``losses_tail``: a held-out score with no held-out total
    loss, whose held-out loss parts (``losses_beside_a_score``: YOLO's val box, seg, cls and
    dfl losses), ``STILL_IMPROVING_PARTS`` or more, all end at a new best and all pass the tail
    test: the tail evidence of the part that improved least, and that part."""
    parts = losses_beside_a_score(curves)
    if len(parts) < STILL_IMPROVING_PARTS:
        return None, None
    least: tuple[dict, Series] | None = None
    for part in parts:
        stats = shape(part)
        found = _improving_tail(stats) if stats is not None and _ends_at_a_new_best(stats) \
            else None
        if found is None:
            return None, None
        if least is None or found["share_of_improvement"] < least[0]["share_of_improvement"]:
            least = (found, part)
    return least if least is not None else (None, None)


def _loss_beside(curves: RunCurves, score: Series) -> Series | None:
    """The loss of a monitored held-out score's split, on its axis (``val/loss`` beside the
    ``val/accuracy`` an HF run optimised), if logged."""
    return next((s for s in curves.all.values() if s.split == score.split
                 and s.metric == "loss" and same_domain(s, score)), None)


def _share_of_level(implied: float, y_tail: np.ndarray, stats: Shape) -> float | str:
    """A still-improving tail's gain as a share of the tail's level (natural zero only; else
    "Infinity"): how much the next stretch could matter."""
    level = float(np.median(np.abs(y_tail)))
    return implied / level if stats.zero and level > 0 else "Infinity"


def _ends_at_a_new_best(stats: Shape) -> bool:
    """True when the last point is the series' best (oriented: lower is better)."""
    return float(stats.y[-1]) <= float(np.min(stats.y))


def _tail_noise(stats: Shape) -> float:
    """The noise a still-improving tail must beat: the series' noise, or, under
    ``STILL_IMPROVING_FEW`` points, the smaller of its scatter around the trend and its
    point-to-point jumps (over a few evaluations of a bending curve the trend lags the bend,
    and its scatter reads the bend as noise). A short loss that improved at every point
    shows no scatter at all (a JEPA val 30.0, 12.1, 3.47, 1.41, 1.05: its bend is all there
    is): its noise is then at most the share of its level that makes a tail beating
    ``STILL_IMPROVING_NOISE`` of it take ``STILL_IMPROVING_MONOTONE_OF_LEVEL`` off that level
    (an MSE 1.075e11 -> 1.064e11 -> 1.062e11, a fine-tune's 0.827 -> 0.802 -> 0.786 at the
    end of its linear decay: levelled off)."""
    if len(stats.y) >= STILL_IMPROVING_FEW:
        return stats.noise
    noise = min(stats.sigma, stats.jumps)
    if stats.zero and len(stats.y) >= MIN_POINTS and bool(np.all(np.diff(stats.y) < 0)):
        return min(noise, STILL_IMPROVING_MONOTONE_OF_LEVEL / STILL_IMPROVING_NOISE
                   * float(stats.y[-1]))
    return noise


def _improving_tail(stats: Shape) -> dict | None:
    """find_still_improving's tail test on one series: its evidence, else None."""
    tail = _tail_points(len(stats.y))
    y_tail = stats.y[-tail:]
    slope, stderr = robust.slope_per_index(y_tail)
    if not math.isfinite(slope) or slope >= 0:
        return None
    implied = -slope * (len(y_tail) - 1)
    gain = stats.learned
    if gain <= 0:
        return None
    if (implied < STILL_IMPROVING_SHARE * gain
            or implied < STILL_IMPROVING_NOISE * _tail_noise(stats)) \
            and not _falling_at_its_best(stats, y_tail, slope, stderr, implied, gain):
        return None
    if float(np.min(y_tail[-3:])) > float(np.min(stats.y)) + 2 * stats.noise:
        return None  # none of the last 3 points is near the best: it turned (one noisy last
        # point of a per-step loss still falling is not a turn)
    if len(stats.y) > tail and float(np.min(stats.smooth[-tail:])) \
            >= float(np.min(stats.smooth[:-tail])):
        return None  # no new low in the tail: the slope is a recovery (from a spike), not progress
    if stderr > 0 and -slope < STILL_IMPROVING_SIGMAS * stderr:
        return None
    return {"margin": min(implied / (STILL_IMPROVING_SHARE * gain),
                          implied / (STILL_IMPROVING_NOISE * stats.noise)
                          if stats.noise > 0 else math.inf),
            "tail_points": tail, "tail_improvement": implied,
            "share_of_improvement": implied / gain,
            "share_of_level": _share_of_level(implied, y_tail, stats),
            "slope_over_stderr": (-slope / stderr) if stderr > 0 else "Infinity"}


def _falling_at_its_best(stats: Shape, y_tail: np.ndarray, slope: float, stderr: float,
                         implied: float, gain: float) -> bool:
    """find_still_improving's second tail test, for a loss (natural zero) that ends at its
    best: its last third still fell ``STILL_IMPROVING_OF_LEVEL`` of its level, at least
    ``STILL_IMPROVING_SHARE_AT_BEST`` of its total gain and ``STILL_IMPROVING_NOISE_AT_BEST``
    noise sigmas, its slope ``STILL_IMPROVING_SIGMAS_AT_BEST`` standard errors below zero. A
    fall of 5-8% of the gain is small beside a steep first drop, but one that still takes 4%
    off the level, steadily, to a new best at the last point is a run stopped while it
    improved (a captioner's val 2.43 -> 1.45 -> 1.39 over its last 3 of 12 epochs). Over
    ``STILL_IMPROVING_AT_BEST_POINTS`` points or more: six train logs of a fine-tune ending its
    schedule prove no trend. The slope's significance may come from the last half
    (``_steady_over_last_half``)."""
    if not stats.zero or len(stats.y) < STILL_IMPROVING_AT_BEST_POINTS \
            or not _ends_at_a_new_best(stats):
        return False
    share_of_level = _share_of_level(implied, y_tail, stats)
    return isinstance(share_of_level, float) and share_of_level >= STILL_IMPROVING_OF_LEVEL \
        and implied >= STILL_IMPROVING_SHARE_AT_BEST * gain \
        and implied >= STILL_IMPROVING_NOISE_AT_BEST * _tail_noise(stats) \
        and (robust.below_zero_by(slope, stderr, STILL_IMPROVING_SIGMAS_AT_BEST)
             or _steady_over_last_half(stats))


def _steady_over_last_half(stats: Shape) -> bool:
    """``_falling_at_its_best``' significance read over the last half instead of the last
    third: its slope there ``STILL_IMPROVING_SIGMAS_AT_BEST`` standard errors below zero. A
    steady fall through noisy evaluations shows over more of them (a mood regressor's val
    0.58 -> 0.50 over its last 10 of 30 epochs at 3.1 standard errors, over its last 15 at
    6.4)."""
    half = stats.y[-max(3, int(math.ceil(len(stats.y) / 2))):]
    slope, stderr = robust.slope_per_index(half)
    return robust.below_zero_by(slope, stderr, STILL_IMPROVING_SIGMAS_AT_BEST)


def _saturated(series: Series) -> bool:
    """True when an accuracy-type series sat at its ceiling over its last quarter."""
    stats = shape(series)
    if stats is None or stats.ceiling is None:
        return False
    tail = stats.y[-max(2, int(math.ceil(len(stats.y) * TAIL_FRACTION))):]
    return bool(np.all(tail <= (1 - SATURATED) * stats.ceiling))


def find_plateau(curves: RunCurves) -> list[Finding]:
    """plateau: a series stopped changing for a long stretch.

    The monitored series' trend over its last ``PLATEAU_FRACTION`` moves by
    less than 2 noise sigmas and by less than 2% of its total improvement.
    """
    series = curves.monitored
    stats = shape(series) if series is not None else None
    if stats is None or len(stats.y) < 10:
        return []
    tail = max(3, int(math.ceil(len(stats.y) * PLATEAU_FRACTION)))
    moved = float(np.ptp(stats.smooth[-tail:]))
    gain = stats.start - stats.floor
    if gain <= 0 or moved > 2 * stats.sigma or moved > 0.02 * gain:
        return []
    step = int(stats.steps[-tail])
    return [Finding(
        "plateau", "info", series.name, step,
        f"{series.name} has been flat since step {step} (moved {_fmt(moved)})",
        {"since_step": step, "moved": moved, "noise_sigma": stats.sigma}, ADVICE["plateau"])]


def find_gradients(curves: RunCurves) -> list[Finding]:
    """exploding_gradients / vanishing_gradients, from a logged grad_norm.

    Exploding: grad_norm is non-finite somewhere, or after the first
    ``GRAD_WARMUP_SHARE`` of the points (a large norm at step 1 is normal) its
    maximum exceeds ``GRAD_EXPLODE_RATIO`` times its median. Vanishing: its
    level at the end is below ``GRAD_VANISH_RATIO`` of its level at the start.
    """
    series = curves.grad_norm
    if series is None or len(series) < MIN_POINTS:
        return []
    values = series.values
    finite = np.abs(values[np.isfinite(values)])
    if len(finite) == 0:
        return []
    findings = []
    skip = int(math.ceil(len(values) * GRAD_WARMUP_SHARE))
    later = np.abs(values[skip:])
    median = float(np.median(finite))
    non_finite = int((~np.isfinite(values)).sum())
    peak_index = skip + int(np.nanargmax(np.where(np.isfinite(later), later, -np.inf))) \
        if np.isfinite(later).any() else 0
    peak = float(np.abs(values[peak_index]))
    if non_finite or (median > 0 and peak > GRAD_EXPLODE_RATIO * median):
        index = int(np.argmax(~np.isfinite(values))) if non_finite else peak_index
        step = int(series.steps[index])
        findings.append(Finding(
            "exploding_gradients", "error" if non_finite else "warning", series.name, step,
            f"grad_norm reached {'non-finite values' if non_finite else _fmt(peak)} at step "
            f"{step} (median {_fmt(median)})",
            {"max": peak, "median": median, "non_finite": non_finite},
            ADVICE["exploding_gradients"]))
    start, end = robust.start_level(finite), robust.end_level(finite)
    if start > 0 and end < GRAD_VANISH_RATIO * start:
        findings.append(Finding(
            "vanishing_gradients", "warning", series.name, int(series.steps[-1]),
            f"grad_norm fell from {_fmt(start)} to {_fmt(end)}",
            {"start": start, "end": end}, ADVICE["vanishing_gradients"]))
    return findings


def find_learning_rate(curves: RunCurves, verdict: str,
                       findings: list[Finding] | None = None) -> list[Finding]:
    """lr_too_high / lr_too_low: learning-rate evidence from the verdict and the logged LR.

    lr_too_high when the run's verdict is diverging or erratic (its peak
    learning rate is quoted when logged): the curve itself says the steps are
    too large; a secondary finding alone is not enough. lr_too_low when the
    verdict is underfitting because the loss barely moved (cue
    ``learned_nothing`` or ``barely_moved``, not a model that stalled at its
    capacity) with a learning rate that never changed, so the schedule did not
    cause the slow progress, and that is at most ``LR_LOW_CEILING``.
    """
    lr = curves.learning_rate
    finite = _finite_learning_rate(curves)
    lr_text, evidence = "", {}
    if len(finite):
        evidence = {"max_learning_rate": float(np.max(finite)),
                    "last_learning_rate": float(finite[-1])}
        lr_text = f" (peak learning rate {_fmt(float(np.max(finite)))})"
    if verdict in ("diverging", "erratic"):
        return [Finding("lr_too_high", "warning", lr.name if lr is not None else None, None,
                        f"the {verdict} curve points to a learning rate that is too high" + lr_text,
                        evidence, ADVICE["lr_too_high"])]
    slow = any(f.code == "underfitting" and f.evidence.get("cue") in ("learned_nothing",
                                                                     "barely_moved")
               for f in findings or [])
    if verdict == "underfitting" and slow and len(finite) \
            and float(np.max(finite)) <= LR_FLAT_RATIO * float(np.min(finite)) \
            and float(np.max(finite)) <= LR_LOW_CEILING:
        return [Finding("lr_too_low", "info", lr.name, None,
                        "slow progress at a constant learning rate" + lr_text,
                        evidence, ADVICE["lr_too_low"])]
    return []


def find_resumed(curves: RunCurves) -> list[Finding]:
    """resumed: a series went back to an earlier step (a restart from a checkpoint).

    The later write wins; the finding lists the steps the run went back to. A series that
    went back to (or before) its first logged step started over: a new training appended
    to the same log (a Keras ``CSVLogger(append=True)`` run again from epoch 0), of which
    only the last session is judged (evidence ``restarted_from_scratch``).
    """
    rewinds: dict[int, list[str]] = {}
    duplicates, from_scratch = 0, False
    for series in curves.all.values():
        duplicates += series.duplicates
        for step in series.rewinds:
            rewinds.setdefault(step, []).append(series.name)
        from_scratch = from_scratch or any(step <= int(series.steps[0])
                                           for step in series.rewinds if len(series.steps))
    if not rewinds:
        return []
    steps = sorted(rewinds)
    why = "started over: a new training appended to the same log; only the last session " \
        "is judged" if from_scratch else "resumed from a checkpoint; the later write of " \
        "each step is used"
    return [Finding(
        "resumed", "info", None, steps[0],
        f"the run went back to step{'s' if len(steps) > 1 else ''} "
        f"{', '.join(map(str, steps[:5]))}{'...' if len(steps) > 5 else ''} ({why})",
        {"rewind_steps": steps[:50], "rewinds": len(steps), "duplicate_points": duplicates,
         "restarted_from_scratch": from_scratch},
        ADVICE["resumed"])]
