"""loss_spike: a loss that jumps far above its level for a few points and comes back.

``find_loss_spikes`` and the candidate search behind it: sharp jumps against rolling
statistics, spikes lasting several points, persistent runs in per-step losses, and the
checks that tell a spike from batch noise, early instability or a blow-up.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd

from curvecli.analysis import robust
from curvecli.analysis.advice import ADVICE
from curvecli.analysis.curves import RunCurves, Shape, losses_beside_a_score, shape
from curvecli.analysis.report import Finding
from curvecli.analysis.report import format_number as _fmt
from curvecli.analysis.series import MIN_POINTS, Series
from curvecli.analysis.thresholds import (
    BLOW_UP_RATIO,
    BLOW_UP_SETTLED,
    SPIKE_ALONE,
    SPIKE_CLEAR_HUGE,
    SPIKE_CLEAR_MARGIN,
    SPIKE_CLEAR_RATIO,
    SPIKE_CONFIRM_SIGMAS,
    SPIKE_EARLY_LEVEL,
    SPIKE_EARLY_MAX_RATIO,
    SPIKE_EARLY_SHARE,
    SPIKE_EXACT_MAX,
    SPIKE_FILTER_FRACTION,
    SPIKE_FILTER_MIN_POINTS,
    SPIKE_HUGE_RATIO,
    SPIKE_LEVEL_BAND,
    SPIKE_MAX_SHARE,
    SPIKE_MIN_RANGE_SHARE,
    SPIKE_MIN_RATIO,
    SPIKE_OF_FIRST_DROP,
    SPIKE_ORDINARY_LEVEL,
    SPIKE_RATE_SHARE,
    SPIKE_RECOVERED,
    SPIKE_RECOVERY_SHARE,
    SPIKE_SCORE_DIP,
    SPIKE_SCORE_LEARNED,
    SPIKE_SCORE_MIN_DROP,
    SPIKE_SHORT_BACK,
    SPIKE_SHORT_POINTS,
    SPIKE_SHORT_RATIO,
    SPIKE_SHORT_SCORE_DROP,
    SPIKE_SIGMAS,
    SPIKE_SLOW_MAX,
    SPIKE_SLOW_QUANTILE,
    SPIKE_SLOW_RATIO,
    SPIKE_SLOW_WINDOW,
    SPIKE_STAYS_DOWN,
    SPIKE_SUSTAINED_MAX,
    SPIKE_SUSTAINED_MIN_WINDOW,
    SPIKE_SUSTAINED_POINTS,
    SPIKE_SUSTAINED_WINDOW,
    SPIKE_TAIL_FACTOR,
    SPIKE_TAIL_QUANTILE,
    SPIKE_VAL_CALM,
    SPIKE_VAL_MIN_RATIO,
    SPIKE_VAL_NOISE,
    SPIKE_VAL_OF_GAIN,
    SPIKE_VAL_RATIO,
    SPIKE_VAL_STANDOUT,
    SPIKE_VAL_STANDOUT_RATIO,
    SPIKE_VAL_UNIQUE,
    SPIKE_WINDOW_FRACTION,
)


def find_loss_spikes(curves: RunCurves) -> list[Finding]:
    """loss_spike: a sharp transient jump that recovers (one finding per spike).

    As OLMo-core's stability monitor: a spike starts at a point above the rolling
    median of the preceding window (``SPIKE_WINDOW_FRACTION`` of the series, at
    least 5 points) by more than ``SPIKE_SIGMAS`` rolling sigmas (from the window's
    interquartile range) and by at least ``SPIKE_MIN_RANGE_SHARE`` of the series'
    range. Consecutive high points are one spike: it lasts until the series comes
    back below the level before it plus ``SPIKE_RECOVERED`` of its height, which
    must happen within ``SPIKE_RECOVERY_SHARE`` of the series (else it is a level
    shift or a divergence). With a natural zero the peak must be ``SPIKE_MIN_RATIO``
    times the level before (``SPIKE_VAL_MIN_RATIO`` on a val series: a full
    evaluation has no batch noise, and there that ratio is also clear), and the rise
    must be ``SPIKE_TAIL_FACTOR`` times the series' ordinary excursions
    (``_beyond_the_tail``). Beside a monitored held-out score its val losses are searched
    too (``losses_beside_a_score``), and decide only when the score fell with them
    (``_score_dipped``). Spikes that build up over several points are found
    against a low quantile of the level before (``_slow_candidates``). Checked on
    the train loss and on the monitored val series. More spikes than
    ``SPIKE_MAX_SHARE`` of the points are the heavy tail of per-batch losses, not
    spikes, and none is reported. A spike is a warning, and can decide the verdict,
    when it is clear: it passes the tail rule by ``SPIKE_CLEAR_MARGIN`` and is
    ``SPIKE_CLEAR_RATIO`` times the level before it, or it is ``SPIKE_CLEAR_HUGE``
    times that level; a smaller one is reported as info, and so is a train spike whose peak
    stays under the val loss' level (``_below_val``).
    """
    findings: list[Finding] = []
    subjects = [curves.train, curves.monitored if curves.monitored is not curves.train else None]
    for subject in subjects:
        if subject is not None:
            findings.extend(_spikes_in(subject))
    for part in losses_beside_a_score(curves):
        findings.extend(_score_dipped(curves.monitored, _spikes_in(part)))
    findings = [_with_val_rise(curves, _below_val(curves, f)) for f in findings]
    confirmed = _confirmed_by_val(curves, findings) or _short_joint_spike(curves) \
        or _short_val_jump(curves)
    steps = {(f.series, f.step) for f in confirmed}
    return [f for f in findings if (f.series, f.step) not in steps] + confirmed


def _score_dipped(score: Series, spikes: list[Finding]) -> list[Finding]:
    """Spikes of a val loss beside a monitored score decide only when the score fell with
    them: its lowest point from the spike's start to its recovery is under
    1 - ``SPIKE_SCORE_DIP`` of its median over the 3 evaluations before (a fitness 0.70 ->
    0.19 while the val seg loss went 1.1 -> 11); the others are info (a loss part bumping
    beside a score at 0 throughout, or one the score never felt). A score that had not yet
    reached ``SPIKE_SCORE_LEARNED`` of its best before the spike has nothing to lose: a YOLO
    fitness at 0.017 -> 0.0001 over its first epochs, on its way to 0.41, while a val loss part
    bursts 3.8 -> 58 is warm-up, not a spike that cost anything (one at 0.266 after its first
    epoch that the bursts threw back to 0.004 had something to lose)."""
    if not spikes:
        return []
    kept = []
    learned = SPIKE_SCORE_LEARNED * float(np.nanmax(score.values))
    for spike in spikes:
        earlier = score.values[score.steps < spike.evidence["start_step"]]
        inside = score.values[(score.steps >= spike.evidence["start_step"])
                              & (score.steps <= spike.evidence["recovered_at_step"])]
        level = float(np.nanmedian(earlier[-3:])) if len(earlier) else math.nan
        dipped = len(inside) > 0 and level > 0 and float(np.nanmax(earlier)) >= learned \
            and float(np.nanmin(inside)) <= (1 - SPIKE_SCORE_DIP) * level
        kept.append(spike if dipped else replace(spike, severity="info"))
    return kept


def _below_val(curves: RunCurves, spike: Finding) -> Finding:
    """A train spike whose peak stays under the val loss' level before it is ``info``: a
    memorised train loss hiccuping far below what the model scores on unseen data (5e-5 to
    0.08 under a val loss of 0.24) disturbs nothing an engineer acts on."""
    stats = _val_loss_beside(curves, spike)
    if stats is None:
        return spike
    before = stats.y[stats.steps <= spike.step][-3:]
    if not len(before) or spike.evidence["value"] >= float(np.median(before)):
        return spike
    return replace(spike, severity="info")


def _spikes_in(subject: Series) -> list[Finding]:
    stats = shape(subject)
    if stats is None or len(stats.y) < SPIKE_SHORT_POINTS:
        return []
    findings = []
    on_val = subject.held_out
    min_ratio = SPIKE_VAL_MIN_RATIO if on_val else SPIKE_MIN_RATIO
    clear_ratio = SPIKE_VAL_MIN_RATIO if on_val else SPIKE_CLEAR_RATIO
    events = _spike_events(stats, min_ratio, on_val)
    sustained = [] if on_val else _sustained_events(stats)
    merged = _merged(stats.y, events + sustained)
    starts = {event[0] for event in merged if _overlaps(event, sustained)}
    steps = stats.steps
    for start, peak, end, base, margin in merged:
        step = int(steps[peak])
        raw_peak, raw_base = stats.raw(float(stats.y[peak])), stats.raw(base)
        duration = int(steps[end - 1]) - int(steps[start]) if end - 1 > start else 0
        ratio = float(stats.y[peak] / base) if stats.zero and base > 0 else None
        clear = (margin >= SPIKE_CLEAR_MARGIN and (ratio is None or ratio >= clear_ratio)) \
            or (ratio is not None and ratio >= SPIKE_CLEAR_HUGE) \
            or (start in starts and ratio is not None and ratio >= SPIKE_CLEAR_RATIO)
        clear = clear and not (_early_instability(stats, end, base)
                               and (ratio is None or ratio < SPIKE_EARLY_MAX_RATIO)) \
            and not _small_on_its_scale(stats, float(stats.y[peak]) - base)
        cue = "sustained" if start in starts else "multi_point" if end - start > 1 else "sharp"
        findings.append(Finding(
            "loss_spike", "warning" if clear else "info", subject.name, step,
            f"{subject.name} {'jumped' if subject.lower_is_better else 'dropped'} from about "
            f"{_fmt(raw_base)} to {_fmt(raw_peak)} at step {step} "
            f"and recovered by step {int(steps[end])}",
            {"cue": cue, "margin": margin,
             "step": step, "value": raw_peak, "before": raw_base,
             "height_ratio": ratio,
             "start_step": int(steps[start]), "duration_steps": duration,
             "points": end - start, "recovered_at_step": int(steps[end]),
             "run_share": _run_share(steps, step)},
            ADVICE["loss_spike"]))
    return findings


def _run_share(steps: np.ndarray, step: int) -> float:
    """How far into its series ``step`` lies, from 0 (the first point) to 1 (the last)."""
    span = float(steps[-1]) - float(steps[0])
    return (step - float(steps[0])) / span if span > 0 else 0.0


def _small_on_its_scale(stats: Shape, drop: float) -> bool:
    """True when a spike of a bounded score (accuracy, Dice, fitness: 0-1 or 0-100) took it
    down by less than ``SPIKE_SCORE_MIN_DROP`` of its scale: near the ceiling a score's
    distance from it is tiny, so a Dice dip 0.972 -> 0.902 is 3.5x the error but a
    notch on the curve (reported as info, it does not decide the verdict). So is a loss's
    spike under ``SPIKE_OF_FIRST_DROP`` of the drop from its untrained first point
    (``Shape.untrained_first``) to its floor: an Estimator's loss 0.51 at step 1, about 2e-5
    from step 3,000, one batch at 0.0038 gave back 0.75% of what it learned."""
    if stats.ceiling is not None:
        return drop < SPIKE_SCORE_MIN_DROP * stats.ceiling
    return stats.untrained_first \
        and drop < SPIKE_OF_FIRST_DROP * (float(stats.y[0]) - stats.floor)


def _confirmed_by_val(curves: RunCurves, found: list[Finding]) -> list[Finding]:
    """Train spikes that the tail rule turned down but the val loss confirms.

    The tail rule rejects a train spike that does not stand out of the
    per-batch losses' ordinary excursions, which a spike lasting tens of steps
    inflates with its own slow decay. A hard batch leaves the weights alone; a
    learning-rate bump or poisoned batches do not: a train candidate (its jump
    measured against the range after the first tenth, which a loss falling 100x at
    the start would otherwise dwarf; a clear
    ``SPIKE_CLEAR_RATIO`` jump, not early instability) counts when the val loss,
    within two evaluations of its end, rose ``SPIKE_VAL_RATIO`` times its level
    before and by ``SPIKE_VAL_NOISE`` of its noise (the larger of its sigma and its
    median step-to-step swing around its trend: a val curve that bounces anyway confirms
    nothing), a rise ``SPIKE_VAL_UNIQUE`` times any step up val takes elsewhere
    (after its first tenth), in a val curve otherwise calm (its median swing after its first
    tenth at most ``SPIKE_VAL_CALM`` of its level: an otherwise healthy run; the steep first
    drop of a val evaluated a dozen times is no bouncing). A rise ``SPIKE_VAL_STANDOUT``
    times any step up elsewhere stands out of the val curve by itself: it needs no calm val
    (a regression's val swinging 6% of its level, bumping 2x at an LR bump) or, in a calm
    val, only a ``SPIKE_VAL_STANDOUT_RATIO`` rise (a language model near its entropy
    floor, poisoned batches moving its val 1.20 -> 1.52). A rise of ``SPIKE_VAL_OF_GAIN``
    of all val gained at least (a val loss of 1e-4 bumping to 6e-4 after falling from 0.6
    has lost nothing that matters), and came back at
    least half way in the evaluations after its peak (else it is a level shift or a
    divergence). Since val carries the proof, the train candidate needs only
    ``SPIKE_CONFIRM_SIGMAS`` rolling sigmas (as well as those ``SPIKE_SIGMAS`` finds, which
    a noisy band at 5 sigmas can drown: per-step losses of small batches hide a 3x LR
    bump in their band) and need not settle at once
    (``_recovered``'s ``settled``: a long LR bump decays slowly), but its peak must
    reach val's level before it (a memorised train loss hiccuping at a hundredth of
    val's level is no spike), and stand above the batches before it at its level
    (``_ordinary_batch``). All the
    candidates must point at one val bump, its peak evaluation (reported once, at the highest train
    point): a val curve that bumps again and again along with train's hard
    batches is bouncing on its own. A bump a train spike found on its own points at is
    that spike's, and confirms no later candidate (the spike's tail).
    """
    train, val = curves.train, curves.monitored
    if train is None or val is None or val is train or not val.held_out \
            or not val.lower_is_better:
        return []
    stats, val_stats = shape(train), shape(val)
    if stats is None or val_stats is None or not stats.zero or not val_stats.zero \
            or len(stats.y) < SPIKE_SHORT_POINTS:
        return []
    taken = {f.step for f in found if f.series == train.name and f.severity != "info"}
    findings = []
    body_range = _value_range(stats.y[robust.edge_count(len(stats.y)):])  # no first drop
    candidates = [event for sigmas in (SPIKE_SIGMAS, SPIKE_CONFIRM_SIGMAS)
                  for event in _candidate_events(stats.y, stats, stats.sigma, True, body_range,
                                                 settled=False, sigmas=sigmas)]
    for start, peak, end, base in _merged(stats.y, candidates):
        step = int(stats.steps[peak])
        if step in taken or base <= 0 or stats.y[peak] < SPIKE_CLEAR_RATIO * base \
                or _early_instability(stats, end, base) \
                or _ordinary_batch(stats, start, peak, base):
            continue
        confirmed = _val_rose_with(val_stats, int(stats.steps[start]), int(stats.steps[end]))
        if confirmed is None or stats.y[peak] < confirmed["val_before"]:
            continue  # a memorised train loss hiccuping far below val's level is no spike
        findings.append(Finding(
            "loss_spike", "warning", train.name, step,
            f"{train.name} jumped from about {_fmt(base)} to {_fmt(float(stats.y[peak]))} at "
            f"step {step} and {val.name} rose with it ({_fmt(confirmed['val_before'])} to "
            f"{_fmt(confirmed['val_peak'])}) before both came back",
            {"cue": "confirmed_by_val", "margin": min(
                float(stats.y[peak]) / base / SPIKE_CLEAR_RATIO, confirmed["margin"]),
             "step": step, "value": float(stats.y[peak]), "before": base,
             "height_ratio": float(stats.y[peak]) / base, "start_step": int(stats.steps[start]),
             "points": end - start, "recovered_at_step": int(stats.steps[end]), **confirmed},
            ADVICE["loss_spike"]))
    explained = {f.evidence.get("val_peak_step") for f in found if f.series == train.name}
    findings = [f for f in findings if f.evidence["val_peak_step"] not in explained]
    events = {f.evidence["val_peak_step"] for f in findings}
    if len(events) > 1:
        return []  # val bumps again and again with train's hard batches: its own bouncing
    return [max(findings, key=lambda f: f.evidence["value"])] if findings else []


def _ordinary_batch(stats: Shape, start: int, peak: int, base: float) -> bool:
    """True when a train candidate's peak is no higher than a point the train loss already
    reached before it, after its first tenth, while its trend sat within
    ``SPIKE_ORDINARY_LEVEL`` times the candidate's base: a batch like others at that level, not
    a spike, whatever the val loss did next (a forecaster's per-50-step loss 3.2e-5 at step
    599 after 3.5e-5 at step 199, while its val bounced 7e-6 -> 1.6e-5 on its own; the
    higher losses of a curve still falling to that level are no comparison)."""
    edge = robust.edge_count(len(stats.y))
    body = stats.y[edge:start][stats.smooth[edge:start] <= SPIKE_ORDINARY_LEVEL * base]
    return len(body) > 0 and float(stats.y[peak]) <= float(np.max(body))


def _short_joint_spike(curves: RunCurves) -> list[Finding]:
    """A spike of a log too short for the rolling search (under ``SPIKE_SHORT_POINTS``
    evaluations): the train loss and the held-out val loss, logged at the same steps, both
    jump ``SPIKE_SHORT_RATIO`` times the median of their (up to 3) points before at one
    step past the first two, and both are back under ``SPIKE_RECOVERED`` of that jump at the
    next point. One series jumping is noise a short log cannot tell from a spike; both
    jumping together and coming back is an event (a battery model's 10-point log: train and
    val 1.1e-6 -> 1.1e-5 -> 8e-7). At most one such step, else the log bounces."""
    train, val = curves.train, curves.monitored
    if train is None or val is None or val is train or not val.held_out \
            or not val.lower_is_better or not MIN_POINTS <= len(val.steps) < SPIKE_SHORT_POINTS:
        return []
    train_at = dict(zip(train.steps.tolist(), train.values.tolist()))
    if not all(step in train_at for step in val.steps.tolist()):
        return []
    both = np.array([[train_at[step] for step in val.steps.tolist()], val.values])
    if not np.all(np.isfinite(both)) or np.any(both < 0):
        return []
    found = []
    for index in range(2, len(val.steps) - 1):
        before = np.median(both[:, max(0, index - 3):index], axis=1)
        height = both[:, index] - before
        if np.all(before > 0) and np.all(both[:, index] >= SPIKE_SHORT_RATIO * before) \
                and np.all(both[:, index + 1] < before + SPIKE_RECOVERED * height):
            found.append((index, before))
    if len(found) != 1:
        return []
    index, before = found[0]
    step, peak = int(val.steps[index]), float(both[0, index])
    return [Finding(
        "loss_spike", "warning", train.name, step,
        f"{train.name} jumped from about {_fmt(before[0])} to {_fmt(peak)} at step {step} and "
        f"{val.name} rose with it ({_fmt(before[1])} to {_fmt(float(both[1, index]))}) before "
        f"both came back",
        {"cue": "short_joint", "margin": float(np.min(both[:, index] / before)) / SPIKE_SHORT_RATIO,
         "step": step, "value": peak, "before": float(before[0]),
         "height_ratio": peak / float(before[0]), "start_step": step, "points": 1,
         "recovered_at_step": int(val.steps[index + 1]), "val_before": float(before[1]),
         "val_peak": float(both[1, index]), "val_peak_step": step},
        ADVICE["loss_spike"])]


def _short_val_jump(curves: RunCurves) -> list[Finding]:
    """A spike of a val loss logged too few times for the rolling search (under
    ``SPIKE_SHORT_POINTS`` evaluations) that is slow to come back: at one evaluation past the
    first two it stands ``SPIKE_VAL_MIN_RATIO`` times the median of its (up to 3) points before,
    highest of all past the first two, every later one below it and the last
    ``SPIKE_SHORT_BACK`` of the jump back down; and the train loss between the evaluation
    before and this one peaked ``SPIKE_MIN_RATIO`` times its median over the interval before
    (the event that threw val up: an LR bump x100 for 20 steps, val 0.77 -> 1.82 -> 1.53 over
    five evaluations, accuracy 0.72 -> 0.63). A val that jumps with no train event, or keeps
    rising, is no spike, nor one whose accuracy beside it lost under ``SPIKE_SHORT_SCORE_DROP``
    of its scale (a saturated GRU's val 0.011 -> 0.060 while accuracy went 0.993 -> 0.98)."""
    train, val = curves.train, curves.monitored
    if train is None or val is None or val is train or not val.held_out \
            or not val.lower_is_better or not MIN_POINTS <= len(val.steps) < SPIKE_SHORT_POINTS:
        return []
    y, steps = val.values, val.steps
    if not np.all(np.isfinite(y)) or np.any(y < 0):
        return []
    peak = 2 + int(np.argmax(y[2:]))
    before = float(np.median(y[max(0, peak - 3):peak]))
    after = y[peak + 1:]
    if before <= 0 or y[peak] < SPIKE_VAL_MIN_RATIO * before or not len(after) \
            or float(np.max(after)) >= y[peak] \
            or y[peak] - float(after[-1]) < SPIKE_SHORT_BACK * (y[peak] - before):
        return []
    if not _score_fell_at(curves, int(steps[peak - 1]), int(steps[peak])):
        return []
    inside = train.values[(train.steps > steps[peak - 1]) & (train.steps <= steps[peak])]
    earlier = train.values[(train.steps > steps[peak - 2]) & (train.steps <= steps[peak - 1])]
    if not len(inside) or not len(earlier) or not np.isfinite(np.nanmax(inside)) \
            or float(np.nanmax(inside)) < SPIKE_MIN_RATIO * float(np.nanmedian(earlier)):
        return []
    step = int(steps[peak])
    return [Finding(
        "loss_spike", "warning", val.name, step,
        f"{val.name} jumped from about {_fmt(before)} to {_fmt(float(y[peak]))} at step {step} "
        f"with a jump of {train.name}, and came back to {_fmt(float(after[-1]))} by the end",
        {"cue": "short_val_jump", "margin": float(y[peak]) / before / SPIKE_VAL_MIN_RATIO,
         "step": step, "value": float(y[peak]), "before": before,
         "height_ratio": float(y[peak]) / before, "start_step": step, "points": 1,
         "recovered_at_step": int(steps[-1]), "run_share": _run_share(steps, step)},
        ADVICE["loss_spike"])]


def _score_fell_at(curves: RunCurves, before_step: int, step: int) -> bool:
    """True unless a held-out accuracy-type score beside the monitored loss (``curves.accuracy``)
    is logged at both steps and lost less than ``SPIKE_SHORT_SCORE_DROP`` of its scale from
    the first to the second."""
    score = curves.accuracy
    stats = shape(score) if score is not None else None
    if stats is None or stats.ceiling is None:
        return True
    at = {int(s): float(v) for s, v in zip(stats.steps, stats.y)}
    if before_step not in at or step not in at:
        return True
    return at[step] - at[before_step] >= SPIKE_SHORT_SCORE_DROP * stats.ceiling


def _with_val_rise(curves: RunCurves, spike: Finding) -> Finding:
    """A train spike found on its own (a warning), with the val bump that rose with it, if
    one did (``_val_rose_with``): its evidence gains ``val_before``, ``val_peak`` and
    ``val_peak_step``, its message says so, and no later train candidate pointing at that
    bump is reported again (``_confirmed_by_val``: the spike's tail)."""
    stats = _val_loss_beside(curves, spike)
    if stats is None:
        return spike
    rose = _val_rose_with(stats, spike.evidence["start_step"], spike.evidence["recovered_at_step"])
    if rose is None:
        return spike
    rise = {key: value for key, value in rose.items() if key != "margin"}
    before, peak = _fmt(stats.raw(rose["val_before"])), _fmt(stats.raw(rose["val_peak"]))
    return replace(spike, message=f"{spike.message}; {curves.monitored.name} rose with it "
                   f"({before} to {peak})", evidence={**spike.evidence, **rise})


def _val_loss_beside(curves: RunCurves, spike: Finding) -> Shape | None:
    """The shape of the held-out val loss (natural zero) a train spike is read against, when
    ``spike`` is a train warning and there is such a val loss (``_below_val``,
    ``_with_val_rise``), else None."""
    train, val = curves.train, curves.monitored
    if spike.severity == "info" or train is None or spike.series != train.name \
            or val is None or val is train or not val.held_out or not val.lower_is_better:
        return None
    stats = shape(val)
    return stats if stats is not None and stats.zero else None


def _val_rose_with(val: Shape, start_step: int, end_step: int) -> dict | None:
    """find_loss_spikes' val confirmation (see ``_confirmed_by_val``), else None."""
    spacing = float(np.median(np.diff(val.steps))) if len(val.steps) > 1 else 0.0
    before = val.y[val.steps < start_step][-3:]
    inside = (val.steps >= start_step) & (val.steps <= end_step + 2 * spacing)
    if not len(before) or not inside.any():
        return None
    top = int(np.flatnonzero(inside)[np.argmax(val.y[inside])])
    after = val.y[top + 1:]
    if len(after) < SPIKE_STAYS_DOWN:
        return None
    level, peak = float(np.median(before)), float(val.y[top])
    rise = peak - level
    first = robust.edge_count(len(val.y))  # the first drop is no noise
    swing = val.swing_from(first)
    noise = max(robust.noise(val.y[first:], val.smooth[first:]), swing)
    steps_up = np.diff(val.y)
    elsewhere = ~inside[1:] & (np.arange(1, len(val.y)) >= robust.edge_count(len(val.y)))
    largest = float(np.max(steps_up[elsewhere])) if elsewhere.any() else 0.0
    stands_out = rise >= SPIKE_VAL_STANDOUT * largest
    calm = swing <= SPIKE_VAL_CALM * val.level
    if level <= 0 or rise < SPIKE_VAL_NOISE * noise or rise < SPIKE_VAL_OF_GAIN * val.gain \
            or peak < (SPIKE_VAL_STANDOUT_RATIO if stands_out and calm else SPIKE_VAL_RATIO) \
            * level or not (calm or stands_out):
        return None
    if lowest_after(after) > level + SPIKE_RECOVERED * rise:
        return None
    if rise < SPIKE_VAL_UNIQUE * largest:
        return None  # val rises as much elsewhere: it bounces on its own
    return {"val_before": level, "val_peak": peak, "val_peak_step": int(val.steps[top]),
            "margin": min(peak / level / SPIKE_VAL_RATIO,
                          rise / (SPIKE_VAL_NOISE * noise) if noise > 0 else math.inf)}


def _early_instability(stats: Shape, end: int, base: float) -> bool:
    """A spike over within the first ``SPIKE_EARLY_SHARE`` of the steps, from a level still
    ``SPIKE_EARLY_LEVEL`` times the trend's floor (without a natural zero: above the middle of
    its descent), is early-training instability: reported as info, never the verdict (a
    spike once the loss has come down is one), unless it rose ``SPIKE_EARLY_MAX_RATIO`` times
    its level or more (``_spikes_in``: a VAE's val loss 0.13 -> 5.9e6 -> 0.13 in its KL
    warm-up blew up, however early)."""
    steps = stats.steps
    over_early = steps[end] - steps[0] <= SPIKE_EARLY_SHARE * (steps[-1] - steps[0])
    if stats.zero and stats.floor > 0:
        descending = base >= SPIKE_EARLY_LEVEL * stats.floor
    else:
        descending = stats.gain > 0 and base >= stats.floor + stats.gain / SPIKE_EARLY_LEVEL
    return bool(over_early and descending)


def _sustained_events(stats: Shape) -> list[tuple[int, int, int, float, float]]:
    """Spikes of a per-step loss told from its batch noise by lasting, not by height:
    ``SPIKE_SUSTAINED_POINTS`` points in a row or more, each above the highest of the
    ``SPIKE_SUSTAINED_WINDOW`` points before (its ``SPIKE_TAIL_QUANTILE`` quantile, at least
    ``SPIKE_SUSTAINED_MIN_WINDOW`` points) and ``SPIKE_SLOW_RATIO`` times their median, that
    come back down and stay (``_recovered``). Hard batches are drawn one at a time, so they
    stand above the band alone; poisoned batches or a learning-rate bump lift tens of steps
    in a row (a GRU's loss 0.78 -> 2.33 for 15 steps inside a band reaching 1.1). Only on a
    loss with a natural zero logged at ``SPIKE_FILTER_MIN_POINTS`` points or more (a log of
    epochs has no batch noise to tell a spike from); more than ``SPIKE_SUSTAINED_MAX`` such
    runs are a pattern of the data (epoch boundaries), not spikes. The margin is the run's
    length over the least that counts."""
    y, n = stats.y, len(stats.y)
    if not stats.zero or not SPIKE_FILTER_MIN_POINTS <= n <= SPIKE_SLOW_MAX:
        return []
    window = max(SPIKE_SUSTAINED_MIN_WINDOW, int(round(n * SPIKE_SUSTAINED_WINDOW)))
    history = pd.Series(y).shift(1).rolling(window, min_periods=window)
    level = history.median().to_numpy()
    bar = np.maximum(history.quantile(SPIKE_TAIL_QUANTILE).to_numpy(), SPIKE_SLOW_RATIO * level)
    long, last_end = [], -1
    for start in np.flatnonzero((y > bar) & (level > 0)).tolist():
        if start < last_end:
            continue  # inside a run found already (the bar before its first point holds)
        above = y[start:] > bar[start]
        length = int(np.argmin(above)) if not above.all() else len(above)
        last_end = start + length
        if length >= SPIKE_SUSTAINED_POINTS:
            long.append((start, length))
    if len(long) > SPIKE_SUSTAINED_MAX:
        return []
    events = []
    for start, length in long:
        for event in _recovered(y, np.array([start]), level):
            events.append((*event, length / SPIKE_SUSTAINED_POINTS))
    return events


def _overlaps(event: tuple, events: list[tuple]) -> bool:
    """True when ``event`` (first index, ..., index of recovery) overlaps one of ``events``."""
    return any(event[0] <= other[2] and other[0] <= event[2] for other in events)


def _spike_events(stats: Shape, min_ratio: float = SPIKE_MIN_RATIO, held_out: bool = False
                  ) -> list[tuple[int, int, int, float, float]]:
    """(first index, peak index, index of recovery, level before, margin) of every spike, sharp or
    lasting several points, in step order (overlapping detections merged).

    Searched in the points as logged, and, for per-step logs of at least
    ``SPIKE_FILTER_MIN_POINTS`` points, in their running median over
    ``SPIKE_FILTER_FRACTION`` of the series: a spike lasting tens of steps
    lifts the whole band of noisy per-batch losses, which the running median
    shows and single hard batches do not.
    """
    events = _events_in(stats.y, stats, stats.sigma, True, min_ratio, held_out)
    n = len(stats.y)
    if SPIKE_FILTER_MIN_POINTS <= n <= SPIKE_SLOW_MAX:
        width = robust.odd_window(n, SPIKE_FILTER_FRACTION, minimum=5)
        band = robust.rolling_median(stats.y, width)
        events += _events_in(band, stats, robust.noise(band, stats.smooth), False, min_ratio)
    return _merged(stats.y, events)


def _events_in(y: np.ndarray, stats: Shape, sigma: float, sharp: bool,
               min_ratio: float, held_out: bool = False
               ) -> list[tuple[int, int, int, float, float]]:
    """Spikes in ``y`` (the points, or their running median) that pass every test."""
    return _beyond_the_tail(y, stats, _candidate_events(y, stats, sigma, sharp,
                                                        min_ratio=min_ratio, held_out=held_out))


def _value_range(y: np.ndarray) -> float:
    """The 1-99% range of ``y`` (its full range when that is 0): what a spike's jump is
    measured against (``SPIKE_MIN_RANGE_SHARE``)."""
    return float(np.percentile(y, 99) - np.percentile(y, 1)) or float(np.ptp(y))


def _candidate_events(y: np.ndarray, stats: Shape, sigma: float, sharp: bool,
                      value_range: float | None = None, settled: bool = True,
                      min_ratio: float = SPIKE_MIN_RATIO,
                      sigmas: float = SPIKE_SIGMAS, held_out: bool = False
                      ) -> list[tuple[int, int, int, float]]:
    """Spikes in ``y`` that pass every test but the tail rule (``_beyond_the_tail``), a jump
    measured against ``value_range`` (default: the 1-99% range of ``y``). On a ``held_out``
    series, spikes of ``SPIKE_HUGE_RATIO`` times their level do not count towards the rate
    rule: a full evaluation has no heavy batch tail, so two 100x jumps in 40 evaluations
    are two spikes."""
    n = len(y)
    if value_range is None:
        value_range = _value_range(y)
    events: list[tuple[int, int, int, float]] = []
    if sharp:
        window = max(5, int(round(n * SPIKE_WINDOW_FRACTION)))
        sigma_floor = max(sigma, 1e-300)
        least_jump = max(sigmas * (sigma_floor * 0.5), SPIKE_MIN_RANGE_SHARE * value_range)
        level, spread = _history_stats(y, window, least_jump if n > SPIKE_EXACT_MAX else None)
        spread = np.maximum(np.nan_to_num(spread, nan=sigma_floor), sigma_floor * 0.5)
        jump = y - level
        candidates = np.flatnonzero((jump > sigmas * spread)
                                    & (jump > SPIKE_MIN_RANGE_SHARE * value_range))
        if len(candidates) > n // 4:
            return []  # a quarter of the points "spiking": a noisy or shifting series
        early = _huge_before_history(y, window) if stats.zero and held_out else ()
        if len(early):
            level = level.copy()
            level[early] = y[early - 1]
            candidates = np.union1d(early, candidates)
        events = _recovered(y, candidates, level, settled)
        counted = [event for event in events if not (
            held_out and stats.zero and y[event[1]] >= SPIKE_HUGE_RATIO * event[3] > 0)]
        if len(events) > max(5, SPIKE_MAX_SHARE * n) or \
                (len(counted) >= 2 and len(counted) > SPIKE_RATE_SHARE * n):
            return []  # heavy-tailed batch noise, not spikes
    slow, slow_level = _slow_candidates(y, stats.zero, sigma, value_range, sigmas)
    events += _recovered(y, slow, slow_level, settled)
    if stats.zero:
        events = [event for event in events
                  if not event[3] > 0 or y[event[1]] >= min_ratio * event[3]]
    return _merged(y, events)


def _huge_before_history(y: np.ndarray, window: int) -> np.ndarray:
    """The points among the first ``window`` (which have no history of their own to be
    measured against) that stand ``SPIKE_HUGE_RATIO`` times above every point before them,
    the untrained first evaluation included: a val loss 0.33, 0.092, then 789 at the third
    epoch is no early descent. Their level is the point before. Held-out series only: a
    per-batch train loss has a heavy tail of its own, which the rate rule judges."""
    head = y[:min(window, len(y))]
    if len(head) < 3 or float(np.min(head)) <= 0:
        return np.zeros(0, dtype=int)
    before = np.maximum.accumulate(head)[:-1]
    found = np.flatnonzero(head[1:] >= SPIKE_HUGE_RATIO * before) + 1
    return found[found >= 2]  # two points before it at least: one says nothing of a level


def _merged(y: np.ndarray, events: list[tuple]) -> list[tuple]:
    """Overlapping spikes as one: the earliest start, the highest peak, the latest end."""
    merged: dict[int, tuple] = {}
    for event in sorted(events):
        previous = merged.get(max(merged)) if merged else None
        if previous is not None and event[0] <= previous[2]:
            peak = previous[1] if y[previous[1]] >= y[event[1]] else event[1]
            merged[previous[0]] = (previous[0], peak, max(previous[2], event[2]),
                                   min(previous[3], event[3]), *previous[4:])
        else:
            merged[event[0]] = event
    return list(merged.values())


def _beyond_the_tail(y: np.ndarray, stats: Shape, events: list[tuple[int, int, int, float]]
                     ) -> list[tuple[int, int, int, float, float]]:
    """The spikes that stand out of the series' ordinary excursions, each with its margin
    (its rise over the least rise that qualifies).

    Per-batch losses of small batches have heavy tails: a batch of hard
    examples is not a spike. The ordinary excursion is the
    ``SPIKE_TAIL_QUANTILE`` quantile (at most 1 - 2/n) of the points' rise
    above the trend, the spikes' own points and the first tenth (where the
    trend lags the first drop) left out; a spike must rise
    ``SPIKE_TAIL_FACTOR`` times that above the level before it and, where the
    series has a natural zero, also relative to the level, against the points
    whose trend is within ``SPIKE_LEVEL_BAND`` times the level before the
    spike (batch noise grows with the loss, relatively so at low losses). A jump of
    ``SPIKE_HUGE_RATIO`` times its level that stands ``SPIKE_ALONE`` times above every other
    point past the first tenth passes whatever the tail (a learning-rate bump throwing a noisy
    per-step loss from 0.18 to 2.66 once, 3.3x its highest batch anywhere else).
    """
    if not events:
        return []
    n = len(y)
    ordinary = np.ones(n, dtype=bool)
    ordinary[:robust.edge_count(n)] = False
    for start, _, end, _ in events:
        ordinary[start:end] = False
    quantile = min(SPIKE_TAIL_QUANTILE, 1.0 - 2.0 / max(n, 3))
    rises = (y - stats.smooth)[ordinary]
    tail = float(np.quantile(rises, quantile)) if len(rises) else 0.0
    relative = stats.zero and float(np.min(stats.smooth)) > 0
    levels = stats.smooth[ordinary]
    kept = []
    for start, peak, end, base in events:
        height = y[peak] - base
        margin = height / (SPIKE_TAIL_FACTOR * tail) if tail > 0 else math.inf
        band = (levels >= base / SPIKE_LEVEL_BAND) & (levels <= base * SPIKE_LEVEL_BAND)
        if relative and base > 0 and band.sum() >= MIN_POINTS:
            relative_tail = float(np.quantile(rises[band] / levels[band], quantile))
            if relative_tail > 0:
                margin = min(margin, height / base / (SPIKE_TAIL_FACTOR * relative_tail))
        if margin < 1 and relative and base > 0 and y[peak] >= SPIKE_HUGE_RATIO * base:
            margin = max(margin, _alone(y, start, peak, end) / SPIKE_ALONE)
        if margin >= 1:
            kept.append((start, peak, end, base, margin))
    return kept


def _alone(y: np.ndarray, start: int, peak: int, end: int) -> float:
    """How many times the highest point of the series past its first tenth, outside the
    spike ``start``..``end``, the spike's peak is (0 when the peak is in the first tenth)."""
    first = robust.edge_count(len(y))
    if peak < first:
        return 0.0
    others = np.ones(len(y), dtype=bool)
    others[:first] = False
    others[start:end + 1] = False
    highest = float(np.max(y[others])) if others.any() else 0.0
    return float(y[peak]) / highest if highest > 0 else math.inf


def _slow_candidates(y: np.ndarray, zero: bool, sigma: float, value_range: float,
                     sigmas: float = SPIKE_SIGMAS) -> tuple[np.ndarray, np.ndarray]:
    """Points of a spike that builds up over several points, with the level before each.

    The level before a point is the ``SPIKE_SLOW_QUANTILE`` quantile of the
    preceding ``SPIKE_SLOW_WINDOW`` of the series, which a rise lasting a few
    points does not drag up (a rolling median follows it); a point is part of
    a spike when it is ``SPIKE_SLOW_RATIO`` times that level and above it by
    ``SPIKE_SIGMAS`` noise sigmas. Only for series with a natural zero and at
    most ``SPIKE_SLOW_MAX`` points (in longer logs a spike of tens of steps is
    sharp, and the rolling detector finds it).
    """
    n = len(y)
    none = np.zeros(0, dtype=np.int64), np.full(n, np.nan)
    if not zero or n > SPIKE_SLOW_MAX:
        return none
    window = max(5, int(round(n * SPIKE_SLOW_WINDOW)))
    level = pd.Series(y).shift(1).rolling(window, min_periods=5).quantile(
        SPIKE_SLOW_QUANTILE).to_numpy()
    with np.errstate(invalid="ignore"):
        mask = (y >= SPIKE_SLOW_RATIO * level) & (level > 0) \
            & (y - level > np.maximum(sigmas * sigma,
                                      SPIKE_MIN_RANGE_SHARE * value_range))
    return np.flatnonzero(mask), level


def _recovered(y: np.ndarray, candidates: np.ndarray, level: np.ndarray,
               settled: bool = True) -> list[tuple[int, int, int, float]]:
    """Group candidate points into spikes that come back down (see find_loss_spikes) and,
    when ``settled``, stay down: the median of the points after the return (as many as the
    spike lasted, at least ``SPIKE_STAYS_DOWN``) is back under the recovery line too."""
    n = len(y)
    longest = max(3, int(round(n * SPIKE_RECOVERY_SHARE)))
    events, last_end = [], -1
    for index in candidates.tolist():
        if index <= last_end:
            continue
        base = float(level[index])
        peak_values = np.maximum.accumulate(y[index:index + longest + 1])
        back = np.flatnonzero(y[index + 1:index + longest + 1]
                              < base + SPIKE_RECOVERED * (peak_values[1:] - base))
        if not len(back):
            continue  # no recovery: a level shift or divergence, not a spike
        end = index + 1 + int(back[0])
        peak = index + int(np.argmax(y[index:end]))
        last_end = end
        after = y[end:end + max(SPIKE_STAYS_DOWN, end - index)]
        if settled and float(np.median(after)) >= base + SPIKE_RECOVERED * (y[peak] - base):
            continue  # a dip inside a rise or a level shift, not a recovery
        if _stayed_high(y, base, float(y[peak]), y[end:]):
            continue
        events.append((index, peak, end, base))
    return events


def _stayed_high(y: np.ndarray, base: float, peak: float, after: np.ndarray) -> bool:
    """A blow-up that came down from its peak but not to its old level is no spike.

    For a spike of ``BLOW_UP_RATIO`` times the level before it or more (on a series with a
    natural zero), half its height is a meaningless bar: a val loss at 0.07 that blew up to
    6e5 and settled at 1.1 came "back". Such a spike recovered only when the series later
    gets back under ``BLOW_UP_SETTLED`` times the level (``lowest_after``; find_diverging's
    ``blew_up`` rule calls the others diverging).
    """
    if base <= 0 or float(np.min(y)) < 0 or peak < BLOW_UP_RATIO * base:
        return False
    lowest = lowest_after(after)
    return lowest is not None and lowest >= BLOW_UP_SETTLED * base


def lowest_after(after: np.ndarray) -> float | None:
    """The lowest level the points after a blow-up came back to: the minimum of their
    running median over 3 points (one low point is not a return); None under 3 points."""
    if len(after) < SPIKE_STAYS_DOWN:
        return None
    return float(np.min(pd.Series(after).rolling(3, center=True, min_periods=2).median()))


def _history_stats(y: np.ndarray, window: int,
                   least_jump: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Median and interquartile sigma of the ``window`` points before each point (NaN for
    the first ``window`` points), as pandas' rolling median and quantiles compute them.

    With ``least_jump``, only at the points that rise more than ``least_jump`` above
    ``_median_floor`` (a lower bound of that median): every other point is NaN, which no
    spike test passes. The numbers at the points computed are the same, since pandas'
    rolling median and quantiles depend only on the values inside each window.
    """
    n = len(y)
    at = None
    if least_jump is not None and math.isfinite(least_jump):
        floor = _median_floor(y, window)
        if floor is not None:
            at = np.flatnonzero(y - floor > least_jump)
            at = at[at >= window]
    if at is None or _segments_length(at, window) > n // 2:
        history = pd.Series(y).shift(1).rolling(window, min_periods=window)
        level = history.median().to_numpy()
        spread = (history.quantile(0.75) - history.quantile(0.25)).to_numpy() / 1.349
        return level, spread
    level, spread = np.full(n, np.nan), np.full(n, np.nan)
    for first, last in _segments(at, window):
        # The windows before points first..last: y[first - window : last].
        rolling = pd.Series(y[first - window:last]).rolling(window, min_periods=window)
        seg_level = rolling.median().to_numpy()
        seg_spread = (rolling.quantile(0.75) - rolling.quantile(0.25)).to_numpy() / 1.349
        inside = at[(at >= first) & (at <= last)]
        offsets = inside - 1 - (first - window)
        level[inside] = seg_level[offsets]
        spread[inside] = seg_spread[offsets]
    return level, spread


def _segments(at: np.ndarray, window: int) -> list[tuple[int, int]]:
    """Runs of sorted indices whose preceding windows overlap, as (first, last) pairs."""
    if not len(at):
        return []
    breaks = np.flatnonzero(np.diff(at) >= window)
    firsts = np.r_[at[0], at[breaks + 1]]
    lasts = np.r_[at[breaks], at[-1]]
    return list(zip(firsts.tolist(), lasts.tolist()))


def _segments_length(at: np.ndarray, window: int) -> int:
    return sum(last - first + window for first, last in _segments(at, window))


def _median_floor(y: np.ndarray, window: int) -> np.ndarray | None:
    """A lower bound of the median of the ``window`` points before each point (-inf for the
    first ``window`` points), from low quantiles of fixed blocks; None when too short.

    Cut ``y`` into blocks of ``block`` points and take each block's ``r``-th smallest value
    ``q``. Any window holds at least ``blocks`` whole consecutive blocks; the least ``q`` of
    them, ``m``, has at most ``r`` smaller values in each of those blocks and at most
    ``window - blocks * block`` elsewhere in the window, in all no more than
    ``k = (window - 1) // 2`` when ``r`` is chosen as below. So at least ``window - k``
    values of the window are >= ``m``, and the median (the k-th smallest value, or its
    mean with the next one) is >= ``m``.
    """
    n = len(y)
    block = max(1, window // 64)
    k = (window - 1) // 2
    blocks = (window - (block - 1)) // block
    if blocks < 1:
        return None
    r = block - -(-(window - k) // blocks)
    if r < 0 or n < window + 1:
        return None
    whole = n // block
    lows = np.partition(y[:whole * block].reshape(whole, block), r, axis=1)[:, r]
    least = np.lib.stride_tricks.sliding_window_view(lows, blocks).min(axis=1)
    floor = np.full(n, -np.inf)
    points = np.arange(window, n)
    floor[window:] = least[-((window - points) // block)]  # first whole block in the window
    return floor
