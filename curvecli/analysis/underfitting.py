"""underfitting: the model learned nothing, or stalled early at a high level.

``find_underfitting`` and its level cues (learned nothing, stalled high, at chance, flat from
the first evaluation) with the guards that keep converged fine-tunes, noise floors and
classifiers that kept learning out of them.
"""

from __future__ import annotations

import math
import re

import numpy as np

from curvecli.analysis import robust
from curvecli.analysis.advice import ADVICE
from curvecli.analysis.curves import (
    RunCurves,
    Shape,
    acceleration,
    accuracy_beside,
    few_evaluations_improved,
    held_out_scores,
    initial_level,
    joined_late,
    measures_beside,
    score_ceiling,
    shape,
)
from curvecli.analysis.report import Finding
from curvecli.analysis.report import format_number as _fmt
from curvecli.analysis.series import MIN_POINTS, Series, names_a_shifted_set, same_domain
from curvecli.analysis.thresholds import (
    UNDERFIT_ACCURACY_KEPT_LEARNING,
    UNDERFIT_ACCURACY_ROSE,
    UNDERFIT_AUC_CHANCE,
    UNDERFIT_AUC_LEARNED,
    UNDERFIT_CE_FLOOR_MARGIN,
    UNDERFIT_CHANCE_FLOOR,
    UNDERFIT_CHANCE_LOSS,
    UNDERFIT_CHANCE_RATIO,
    UNDERFIT_CONVERGED_BEND,
    UNDERFIT_CONVERGED_PACE,
    UNDERFIT_EARLY,
    UNDERFIT_ERROR_WORST,
    UNDERFIT_FAR_FROM_GUESS,
    UNDERFIT_FINE_TUNE_ACCURACY,
    UNDERFIT_FLAT_GAIN,
    UNDERFIT_FLAT_KEPT_GAIN,
    UNDERFIT_FLAT_LEARNED,
    UNDERFIT_FLAT_LOOSE,
    UNDERFIT_FLAT_NO_GAP,
    UNDERFIT_FLAT_POINTS,
    UNDERFIT_FLAT_POINTS_FIT,
    UNDERFIT_FLAT_TIGHT,
    UNDERFIT_FROZEN_EVALS,
    UNDERFIT_FROZEN_SHARE,
    UNDERFIT_FROZEN_SPREAD,
    UNDERFIT_FROZEN_TIGHT,
    UNDERFIT_GOOD_ACCURACY,
    UNDERFIT_GUESS_CAP,
    UNDERFIT_LEARNED_LITTLE,
    UNDERFIT_LEARNED_NOTHING,
    UNDERFIT_MAX_GAIN_NOISE,
    UNDERFIT_MOVED_SIGMAS,
    UNDERFIT_NEVER_FELL_BAND,
    UNDERFIT_NEVER_FELL_FLOOR,
    UNDERFIT_NEVER_FELL_POINTS,
    UNDERFIT_NO_GAP,
    UNDERFIT_NOTHING_EVALS,
    UNDERFIT_NOTHING_VAL,
    UNDERFIT_PINNED_DRIFT,
    UNDERFIT_PINNED_POINTS,
    UNDERFIT_PINNED_START,
    UNDERFIT_PINNED_TOL,
    UNDERFIT_PRIOR_BAND,
    UNDERFIT_PRIOR_SHARE,
    UNDERFIT_SCORE_GAIN,
    UNDERFIT_SCORE_LEARNED,
    UNDERFIT_SCORE_LOW,
    UNDERFIT_SCORE_NOTHING,
    UNDERFIT_SCORE_TIMES,
    UNDERFIT_SETTLED_POINTS,
    UNDERFIT_STALLED_LEARNED,
    UNDERFIT_TRAIN_FITTED,
    UNDERFIT_TRAIN_FROZEN_LEVEL,
    UNDERFIT_TRAIN_FROZEN_POINTS,
    UNDERFIT_TRAIN_FROZEN_SHARE,
    UNDERFIT_TRAIN_FROZEN_TOL,
    UNDERFIT_TRAIN_KEPT_FALLING,
)

LN_2 = math.log(2)  # a binary guess's cross-entropy

# an F1 score's name (f1, f1_score, macro_f1, binaryf1score), not a threshold chosen by it
F1_NAME = re.compile(r"(?<![a-z0-9])[a-z]*f1(?:_?(?:score|macro|micro|weighted))?$")

# an ROC AUC's name (auc, roc_auc, auroc, binaryauroc), and a precision-recall AUC's
AUC_NAME = re.compile(r"(?<![a-z])(?:roc_?)?auc(?:_?roc)?(?![a-z])|auroc")
PR_AUC_NAME = re.compile(r"(?<![a-z])pr(?![a-z])|auprc|prauc|pr_auc|precision_recall")
# a word or character error rate (``wer``, ``val_wer``, ``batch_wer``, ``cer``)
ERROR_RATE_NAME = re.compile(r"(?<![a-z])[wc]er(?![a-z])")

# each cue's sentence in the finding's message
UNDERFIT_TEXT = {
    "learned_nothing": "never got far below its initial level: nothing was learned",
    "stalled_high": "stopped improving early at a high level",
    "barely_moved": "barely moved over the whole run",
    "flat_from_first_eval": "learned nothing after its first evaluation",
    "at_chance": "is where a classifier that guesses is, with its accuracy at chance",
    "loss_at_chance": "sat at ln 2, the cross-entropy of a guess between two classes, over "
                      "its whole second half",
    "train_frozen": "froze at one value: the model stopped changing its predictions",
    "never_fell": "never went down: it ends no lower than it started",
    "score_near_zero": "never got far from zero: nothing the score measures was learned",
    "error_at_worst": "stayed at total error: nothing was transcribed right",
    "zero_from_start": "is exactly 0 at every point from the first: no loss was computed",
    "accuracy_frozen": "never moved (one value, or within 1% of its scale, at every "
                       "evaluation): the model always predicts the same classes, such as "
                       "the majority class",
}


def find_underfitting(curves: RunCurves) -> list[Finding]:
    """underfitting: the model learned nothing, or stalled early at a high level.

    Cues (the evidence names the one that fired), on the val loss (else the
    monitored series) against the train loss's initial level:
    ``learned_nothing``: its best level is within ``UNDERFIT_LEARNED_NOTHING``
    of the initial loss (a linear model on a non-linear task at ln 2; a
    learning rate far too low) and train did not get far below it either (unless, over
    ``UNDERFIT_NOTHING_EVALS`` evaluations or more, val never got ``UNDERFIT_NOTHING_VAL``
    below its first, or val froze, ``_val_frozen``: train fitting what does not generalise at
    all), not when the val accuracy kept learning (``_accuracy_kept_learning``: a voice
    detector at 83% -> 90% whose val cost moved 0.43 -> 0.40 after a fast first drop), nor when
    it learned to classify (``_learned_to_classify``: a history resumed at epoch 12, its val
    loss 1.13 -> 1.06 beside an accuracy 0.876 -> 0.914), nor val
    ``UNDERFIT_LEARNED_LITTLE`` below its own first evaluation (a first logged train loss,
    an epoch's average, can come after most of the learning: val 0.55 -> 0.13 learned); on
    a score, also not beside a train loss that fitted (``_train_fitted``) unless the score
    never moved;
    ``stalled_high``: a val loss stopped improving within the first
    ``UNDERFIT_EARLY`` of the run having learned less than ``_stalled_bar`` of the initial
    train loss (a model at the entropy floor of its data, such as a
    character LM at 60% of its initial loss, has learned more; so has a binary ResNet whose
    val loss levelled off at 0.52 from 0.69, with 75% accuracy), and train did not
    fit below ``UNDERFIT_NO_GAP`` of it (without a val series the first logged loss
    may come long after initialisation, so this cue needs both);
    ``at_chance``: the val accuracy is where a guess scores against the val loss (see
    ``_at_chance``); ``flat_from_first_eval``: over at least ``UNDERFIT_FLAT_POINTS``
    evaluations val never got ``UNDERFIT_FLAT_GAIN`` below its first value, still
    above 1 - ``UNDERFIT_FLAT_LEARNED`` of the initial train loss, and the second half
    of the train loss is no lower than ``UNDERFIT_FLAT_NO_GAP`` of val (nothing
    learned after the first evaluation,
    nothing fitted either: a regression's flat val MSE with noisy batch losses). A
    regression has no chance level to measure "learned" against, so when no
    accuracy-type series is logged the level test is replaced by a tighter fit
    test: train's second half no lower than ``UNDERFIT_FLAT_TIGHT`` of val, or than
    ``UNDERFIT_FLAT_LOOSE`` of it over ``UNDERFIT_FLAT_POINTS_FIT`` evaluations or more (a
    model that fits its train set no better than unseen data after the first
    epoch lacks capacity; a healthy one keeps fitting train below val; a val flat for
    50 evaluations while train sits a quarter below it learned nothing that generalises). A
    regression whose val stalled early, with train as high, is not called
    underfitting: a linear model on a non-linear target and a good model at the
    data's noise floor draw the same curve, and no level tells them apart;
    ``never_fell``: a train loss judged without val never went down (see ``_never_fell``; not
    for a log that starts after its training did, ``joined_late``);
    ``train_frozen``: a train loss judged without val froze at one value (``_train_frozen``);
    ``loss_at_chance``: a train loss judged without val sat at ln 2 (``_pinned_at_chance``);
    ``zero_from_start``: a train loss judged without val is exactly 0 at every point
    (``_zero_from_start``: no loss was computed);
    ``score_near_zero``: the monitored score stayed near 0 (see ``_score_near_zero``);
    ``at_chance`` also on one head of a multi-output model (``_head_at_chance``);
    ``accuracy_frozen``: the val accuracy (the train accuracy of a run judged on its train
    loss) never changed (see ``_accuracy_frozen``), or a held-out F1 stayed 0 beside an
    accuracy that never changed (``score_near_zero``, see ``_f1_never_scored``);
    none of ``learned_nothing``, ``flat_from_first_eval``, ``stalled_high`` on a val loss that
    converged past the class prior (``_converged_past_the_prior``), nor on a train loss judged
    alone whose log starts after its training did (``joined_late``: a captioner's per-batch
    loss from "Epoch [2/2], Step [1/12942]" at 2.31, drifting to 2.12, starts trained);
    ``barely_moved``:
    (no level known) the series improved by less than
    ``UNDERFIT_MAX_GAIN_NOISE`` noise sigmas over the whole run (its second half's noise when
    that settled calmer, ``_settled_sigma``), unless its straight line over the run improves
    by ``UNDERFIT_MOVED_SIGMAS`` standard errors (a GRPO reward whose tenths' medians went
    0.19 -> 0.31 over 500 logs that each scatter by 0.19: a small, steady drift under large
    noise is learning).
    """
    subject = curves.monitored
    val_loss = curves.all.get(f"{subject.split}/loss") if subject is not None else None
    if subject is not None and subject.held_out and val_loss is not None \
            and same_domain(val_loss, subject):
        subject = val_loss
    stats = shape(subject) if subject is not None else None
    if stats is None:
        return []
    late = not subject.held_out and joined_late(subject)  # no untrained level to learn from
    cue = None if late else _underfit_cue(stats, curves, _is_loss(subject, stats))
    if cue is None:
        subject, cue = _other_underfit_cue(curves, subject, stats)
    if cue is None:
        return []
    name, evidence = cue
    judged = shape(subject)
    level = evidence.get("best_level", judged.raw(judged.best_level()))
    return [Finding(
        "underfitting", "warning", subject.name, None,
        f"{subject.name} {_cue_text(name, subject)} (best {_fmt(level)})",
        {"cue": name, "best_level": level, **evidence},
        ADVICE["zero_from_start" if name == "zero_from_start" else "underfitting"])]


def _cue_text(name: str, subject: Series) -> str:
    """What the cue ``name`` says of ``subject`` (``UNDERFIT_TEXT``), a score's way up, an
    error's frozen level."""
    if name == "never_fell" and not subject.lower_is_better:
        return "never went up: it ends no higher than it started"
    if name == "accuracy_frozen" and subject.lower_is_better:
        return "never moved (within 0.1% of its level at every evaluation), nor did any " \
            "measure beside it: the model's predictions never changed"
    return UNDERFIT_TEXT[name]


def _is_loss(subject: Series, stats: Shape) -> bool:
    """True for a loss by name, or any unbounded lower-is-better series judged like one
    (``nll``, ``mse``, ``perplexity``); an error rate on a 0-1 scale is a score."""
    return "loss" in subject.metric or (subject.lower_is_better and stats.ceiling is None)


def _other_underfit_cue(curves: RunCurves, subject: Series, stats: Shape
                        ) -> tuple[Series, tuple[str, dict] | None]:
    """find_underfitting's cues beyond the loss levels, with the series each is about:
    ``never_fell`` (the train loss judged without val; not a bounded score that reached
    ``UNDERFIT_GOOD_ACCURACY`` of its scale, ``_classifies_well``: an accuracy at 98.5-99.3%
    from its first log learned before it), ``score_near_zero`` (the monitored
    score; a held-out F1 at 0 beside an accuracy that never changed), ``accuracy_frozen`` (the
    val accuracy; the train accuracy of a run judged on its train loss)."""
    if _zero_from_start(subject):
        return subject, ("zero_from_start", {"points": int(subject.finite.sum()), "margin": 1.0})
    if not subject.held_out and _never_fell(stats) and not few_evaluations_improved(curves) \
            and not joined_late(subject) and not _classifies_well(subject):
        return subject, ("never_fell", {"start_level": stats.raw(stats.start),
                                        "end_level": stats.raw(stats.end),
                                        "margin": stats.end / stats.start})
    frozen = _train_frozen(subject)
    if frozen is not None:
        return subject, ("train_frozen", {"frozen_level": frozen, "margin": 1.0})
    pinned = _pinned_at_chance(subject)
    if pinned is not None:
        return subject, ("loss_at_chance", {"best_level": pinned, "chance_loss": LN_2,
                                            "margin": 1.0})
    monitored = curves.monitored
    if _score_near_zero(monitored):
        score = shape(monitored)
        best = score.raw(float(np.min(score.y)))
        return monitored, ("score_near_zero", {
            "best_level": best,
            "margin": UNDERFIT_SCORE_NOTHING * score.ceiling / max(best, 1e-12)})
    frozen = _every_measure_frozen(curves)
    if frozen is not None:
        return frozen, ("accuracy_frozen", {
            "val_accuracy": float(frozen.values[0]),
            "evaluations": len(frozen.values), "margin": 1.0})
    accuracy = curves.accuracy if monitored is None or monitored.held_out \
        else _train_accuracy(curves)
    if _accuracy_frozen(accuracy) and (_gain_from_first(stats) < UNDERFIT_LEARNED_LITTLE
                                       or _learned_the_prior(stats, accuracy)):
        return accuracy, ("accuracy_frozen", {
            "val_accuracy": float(accuracy.values[0]),
            "evaluations": len(accuracy.values), "margin": 1.0})
    never = _f1_never_scored(curves) or _unsplit_score_never_scored(curves)
    if never is not None:
        return never, ("score_near_zero", {"best_level": 0.0, "margin": 1.0})
    head = _head_at_chance(curves)
    if head is not None:
        return head
    auc = _auc_at_chance(curves)
    if auc is not None:
        best = float(np.nanmax(auc.values)) / _percent_scale(auc)
        return auc, ("at_chance", {"best_level": best, "auc_chance": 0.5,
                                   "margin": UNDERFIT_AUC_CHANCE / max(best, 1e-12)})
    error = _error_rate_at_worst(curves)
    if error is not None:
        best = float(np.nanmin(error.values)) / _percent_scale(error)
        return error, ("error_at_worst", {"best_level": best,
                                          "margin": best / UNDERFIT_ERROR_WORST})
    return subject, None


def _evaluations(curves: RunCurves) -> list[Series]:
    """The series an evaluation wrote beside the monitored one: its held-out split's, or, for
    a run judged on its train loss, those of no split (``map``, ``auc`` logged bare)."""
    monitored = curves.monitored
    split = monitored.split if monitored is not None and monitored.held_out else ""
    return [s for s in curves.all.values() if s.split == split and not s.lower_is_better
            and len(s.values[np.isfinite(s.values)]) >= MIN_POINTS]


def _percent_scale(auc: Series) -> float:
    """100 for a rate logged in percent (an AUC, a WER: its values beyond 1.5), else 1."""
    return 100.0 if float(np.nanmax(np.abs(auc.values))) > 1.5 else 1.0


def _auc_at_chance(curves: RunCurves) -> Series | None:
    """An ROC AUC of the evaluation (``_evaluations``) whose best stayed under
    ``UNDERFIT_AUC_CHANCE`` over ``MIN_POINTS`` evaluations or more: a coin ranks at 0.5
    whatever the classes' balance, so a model that never ranked better than 0.6 learned next
    to nothing (a click-through model at 0.48-0.555 for 229 steps while its log-loss fell to
    the base rate). Not a precision-recall AUC, whose chance is the positives' share."""
    return next((series for series in _evaluations(curves) if auc_at_chance(series)), None)


def _is_roc_auc(series: Series) -> bool:
    """True for an ROC AUC, not a precision-recall AUC (whose chance is the positives' share)."""
    name = series.metric.lower()
    return bool(AUC_NAME.search(name)) and not PR_AUC_NAME.search(name)


def auc_at_chance(series: Series) -> bool:
    """True for an ROC AUC (``_is_roc_auc``) whose best stayed under ``UNDERFIT_AUC_CHANCE``
    of its scale. Not one at 0 at every evaluation: never computed (Keras' ``AUC`` on a
    regression's targets logs 0.0 each epoch while its val MSE falls 0.079 -> 0.006), since a
    model ranking at random scores 0.5."""
    return _is_roc_auc(series) \
        and 0.0 < float(np.nanmax(series.values)) < UNDERFIT_AUC_CHANCE * _percent_scale(series)


_HEAD_LOSS = re.compile(r"^(?P<head>.+?)[_/]?loss$")


def _head_at_chance(curves: RunCurves) -> tuple[Series, tuple[str, dict]] | None:
    """Cue ``at_chance`` on one head of a multi-output model: a held-out ``<head>_loss`` beside
    its own ``<head>_accuracy`` (the monitored loss being their total, another series) whose
    accuracy (median of its second half) times e to the head loss's best level is a guess's,
    as ``_at_chance`` reads a loss and its accuracy (a face model's gender head at 0.69 = ln 2
    and 50% for 41 epochs while its age head learned: the total fell 12%)."""
    monitored = curves.monitored
    if monitored is None or not monitored.held_out:
        return None
    held = {s.metric: s for s in curves.all.values()
            if s.split == monitored.split and same_domain(s, monitored)}
    for metric, loss in held.items():
        found = _HEAD_LOSS.match(metric)
        if found is None or loss is monitored or not found.group("head") \
                or names_a_shifted_set(metric):
            continue  # (an eval set named as shifted is no head of the model)
        head = found.group("head").rstrip("_/")
        accuracy = held.get(f"{head}_accuracy") or held.get(f"{head}_acc")
        stats = shape(loss)
        chance = _at_chance(stats, accuracy) if stats is not None and stats.zero else None
        if chance is not None:
            return loss, ("at_chance", {**chance, "head": head})
    return None


def _auc_learned(curves: RunCurves) -> bool:
    """True when an ROC AUC of the evaluation (``_evaluations``) reached ``UNDERFIT_AUC_LEARNED``
    of its scale: it ranks far better than a coin, so the model learned, before its first
    evaluation if the loss says nothing moved since (a multi-label chest X-ray model at mean
    AUC 0.88-0.90 whose weighted val loss sits above its train loss's start)."""
    return any(_is_roc_auc(series) and float(np.nanmax(series.values))
               >= UNDERFIT_AUC_LEARNED * _percent_scale(series) for series in _evaluations(curves))


def _error_rate_at_worst(curves: RunCurves) -> Series | None:
    """A word or character error rate (``ERROR_RATE_NAME``; 0-1, or 0-100 when it is logged
    in percent) whose best, over ``MIN_POINTS`` points or more, stayed at
    ``UNDERFIT_ERROR_WORST`` of its scale or above: every word wrong at every evaluation, the
    model transcribed nothing (a NeMo CTC model at batch WER 1.0 at all 6 logs while its loss
    bounced 184-229). Held out; for a run judged on its train loss, of any split (an error
    rate at 100% on the batches it trains on is no fit either)."""
    monitored = curves.monitored
    held_out = monitored is not None and monitored.held_out
    for series in curves.all.values():
        finite = series.values[np.isfinite(series.values)]
        if not ERROR_RATE_NAME.search(series.metric.lower()) or len(finite) < MIN_POINTS \
                or (held_out and not series.held_out):
            continue
        if float(np.min(finite)) >= UNDERFIT_ERROR_WORST * _percent_scale(series):
            return series
    return None


def _unsplit_score_never_scored(curves: RunCurves) -> Series | None:
    """For a run judged on its train loss (nothing held out is logged): a score of no split
    (``map``, ``f1``, ``accuracy`` logged bare, written by an evaluation) that was exactly 0
    at every one of its ``MIN_POINTS`` or more evaluations: the model never scored (a Faster
    R-CNN at mAP 0.0 over 20 evaluations while its train loss bounces)."""
    if curves.monitored is not None and curves.monitored.held_out:
        return None
    return next((s for s in _evaluations(curves) if _never_scored(s)), None)


def _never_scored(score: Series) -> bool:
    """True when every finite point of ``score`` is exactly 0."""
    return not np.any(score.values[np.isfinite(score.values)])


def _train_accuracy(curves: RunCurves) -> Series | None:
    """The train accuracy of a run judged on its train loss (nothing held out is logged)."""
    monitored = curves.monitored
    axis = {name: s for name, s in curves.all.items() if same_domain(s, monitored)}
    return accuracy_beside(axis, "train", monitored)


def _f1_never_scored(curves: RunCurves) -> Series | None:
    """The held-out F1 beside the monitored series that was exactly 0 at every one of its
    ``MIN_POINTS`` or more evaluations, beside a held-out accuracy that never changed: the
    predictions never changed and never got a positive right (an Android-malware GNN at F1
    0.0 and accuracy 1.0 for 10 epochs, its train loss at ln 2). An accuracy that moved
    (0.33 -> 0.93 while F1 stays 0: learning the majority class) is judged by its curves.
    None when there is no such series."""
    monitored, accuracy = curves.monitored, curves.accuracy
    if monitored is None or not monitored.held_out or accuracy is None \
            or len(accuracy.values) < MIN_POINTS or np.ptp(accuracy.values) != 0:
        return None
    return next((s for s in _evaluations(curves) if F1_NAME.search(s.metric)
                 and same_domain(s, monitored) and _never_scored(s)), None)


def _low_or_loss(stats: Shape, is_loss: bool) -> bool:
    """True for a loss, or for a bounded score whose best stayed under
    ``UNDERFIT_SCORE_LOW`` of its scale: a score first evaluated at 0.78 AUC or 95% accuracy
    learned before that evaluation, so staying near it is not "nothing learned"; nor has a
    score that multiplied (``_score_multiplied``)."""
    if is_loss or stats.ceiling is None:
        return True
    return stats.raw(stats.best_level()) <= UNDERFIT_SCORE_LOW * stats.ceiling \
        and not _score_multiplied(stats)


def _score_multiplied(stats: Shape) -> bool:
    """True when a bounded score's best is ``UNDERFIT_SCORE_TIMES`` its first evaluation or
    more, ``UNDERFIT_SCORE_GAIN`` of its scale above it: a YOLO fitness 0.038 -> 0.114 in 5
    epochs learned, however far from its ceiling it still is (a score wobbling at 0.01-0.03
    about nothing does not gain 5% of its scale)."""
    first, best = stats.raw(float(stats.y[0])), stats.raw(float(np.min(stats.y)))
    return first > 0 and best >= UNDERFIT_SCORE_TIMES * first \
        and best - first >= UNDERFIT_SCORE_GAIN * stats.ceiling


def _train_fitted(curves: RunCurves) -> bool:
    """True when the train loss (natural zero) ended at ``UNDERFIT_TRAIN_FITTED`` of its
    initial level or under: a model that fitted its train set learned, so a score flat from
    its first evaluation (a chatbot's ROUGE-1 at 15.4-16.8 over 6 evaluations while train
    fell 1.33 -> 0.001) is no sign that nothing was learned (it may have learned before that
    evaluation)."""
    train = shape(curves.train) if curves.train is not None else None
    if train is None or not train.zero:
        return False
    initial = initial_level(train)
    return initial > 0 and train.end <= UNDERFIT_TRAIN_FITTED * initial


def _a_score_learned(curves: RunCurves) -> bool:
    """True when a bounded held-out score beside the monitored series (accuracy, IoU, F1, Dice
    on a 0-1 or 0-100 scale, in its split and on its axis) cut its distance from the ceiling
    by ``UNDERFIT_SCORE_LEARNED`` from its first evaluation to its best level: the model
    learned (a segmentation loss with a high floor moving 0.57 -> 0.49 while the IoU climbs
    0.62 -> 0.93), whatever the loss's level says."""
    return any(float(score.y[0]) > 0
               and score.best_level() <= (1 - UNDERFIT_SCORE_LEARNED) * float(score.y[0])
               for score in held_out_scores(curves))


def _score_near_zero(monitored: Series | None) -> bool:
    """True when the monitored series is a held-out score on a bounded scale (BLEU, F1, mAP,
    accuracy: 0-1 or 0-100) whose best, over ``MIN_POINTS`` evaluations or more, stayed at
    ``UNDERFIT_SCORE_NOTHING`` of that scale or under: a translator at BLEU 0-2.5, an F1 of
    a model that never predicts the minority class, learned nothing the score measures."""
    stats = shape(monitored) if monitored is not None and monitored.held_out \
        and not monitored.lower_is_better else None
    if stats is None or stats.ceiling is None:
        return False
    return stats.raw(float(np.min(stats.y))) <= UNDERFIT_SCORE_NOTHING * stats.ceiling


def _accuracy_frozen(accuracy: Series | None) -> bool:
    """True when the val accuracy took one value at every one of ``UNDERFIT_FROZEN_EVALS`` or
    more evaluations, below its ceiling: the predictions never changed from the first
    evaluation on (a model always predicting the majority class scores its share, 0.8264,
    fifty times), whatever the loss did. A saturated accuracy (at its ceiling) is excluded.
    Or one that stayed within ``UNDERFIT_FROZEN_SPREAD`` of its scale with its best under
    ``UNDERFIT_SCORE_LOW`` of it: a 10-class model at 0.098-0.102 for 10 epochs; or within
    ``UNDERFIT_FROZEN_TIGHT`` of its scale at any level (an attack detector at 0.7071-0.7073,
    its majority class, for 23 epochs). (The cue
    is not read beside a judged loss that fell ``UNDERFIT_LEARNED_LITTLE`` below its first
    evaluation: a frozen auxiliary head's accuracy beside a localisation loss falling
    12 -> 2.2 says nothing of the model; unless that loss only learned the class prior,
    ``_learned_the_prior``.)"""
    stats = shape(accuracy) if accuracy is not None else None
    if stats is None or stats.ceiling is None or len(stats.y) < UNDERFIT_FROZEN_EVALS:
        return False
    spread = float(np.ptp(stats.y))
    if spread == 0.0:
        return float(stats.y[0]) > 0
    if spread <= UNDERFIT_FROZEN_TIGHT * stats.ceiling:
        return True
    return spread <= UNDERFIT_FROZEN_SPREAD * stats.ceiling \
        and stats.raw(stats.best_level()) <= UNDERFIT_SCORE_LOW * stats.ceiling


def _every_measure_frozen(curves: RunCurves) -> Series | None:
    """The first of the named held-out measures beside the monitored series (its split, its
    axis: IoU, Dice, F1, accuracy, MAE, RMSE, a loss part) that froze, when two or more froze
    and none moved: each froze that stayed within ``UNDERFIT_FROZEN_TIGHT`` of its scale (a
    bounded score: 0-1 or 0-100, below its ceiling) or of its level (an error, above zero) at
    ``UNDERFIT_FROZEN_EVALS`` evaluations or more, and none moved more than
    ``UNDERFIT_FROZEN_SPREAD`` of it (the judged series among them when it is a score). No
    prediction ever changed, whatever the loss did (a
    segmentation whose IoU 0.0216 and Dice 0.0838 hold to the 7th digit for 59 epochs while
    its loss falls 0.25 -> 0.02 on the background pixels; a forecaster whose val MAE 0.1667
    and RMSE 0.4082 hold at all 10 evaluations, its MAPE within 0.6%, while its loss dips
    and comes back). Else None."""
    frozen = []
    judged = curves.monitored
    scored = [(judged, shape(judged))] if judged is not None and judged.held_out \
        and not judged.lower_is_better else []  # a judged score counts: a loss may dip alone
    for series, stats in measures_beside(curves) + scored:
        if stats is None or len(stats.y) < UNDERFIT_FROZEN_EVALS or not np.all(stats.y > 0):
            return None  # too short to tell, or at its perfect value somewhere
        scale = stats.ceiling if stats.ceiling is not None else stats.level
        spread = float(np.ptp(stats.y))
        if spread > UNDERFIT_FROZEN_SPREAD * scale:
            return None
        if spread <= UNDERFIT_FROZEN_TIGHT * scale:
            frozen.append(series)
    return frozen[0] if len(frozen) >= 2 else None


def _zero_from_start(subject: Series) -> bool:
    """True for a loss judged without val that is exactly 0 at every one of its finite points
    (``MIN_POINTS`` or more), its first included: nothing was computed, since a model that
    learns starts above 0 (every label masked, or an LLM fine-tune whose NaN losses HF's
    ``logging_nan_inf_filter`` logged as 0.0 at all 40 steps while its grad norms were NaN)."""
    values = subject.values[subject.finite]
    return not subject.held_out and subject.lower_is_better and "loss" in subject.metric \
        and len(values) >= MIN_POINTS and not np.any(values)


def _train_frozen(subject: Series) -> float | None:
    """The level of a train loss judged without val (natural zero) that froze, else None:
    over its last quarter (``UNDERFIT_TRAIN_FROZEN_POINTS`` points or more) a share
    ``UNDERFIT_TRAIN_FROZEN_SHARE`` of the points sit within ``UNDERFIT_TRAIN_FROZEN_TOL`` of
    their median, at ``UNDERFIT_TRAIN_FROZEN_LEVEL`` or above. Per-batch and per-epoch losses of a
    model that learns move by more; one that predicts a constant does not (an HF classifier at
    exactly 1.386 = ln 4 for 500 steps, a few batches aside, its gradients near 0), however far
    its loss fell from a wild first step."""
    values = subject.values[subject.finite]
    last = values[-(len(values) // 4):] if len(values) >= 4 else values[:0]
    if subject.held_out or not subject.lower_is_better \
            or len(last) < UNDERFIT_TRAIN_FROZEN_POINTS:
        return None
    level = float(np.median(last))
    if level < UNDERFIT_TRAIN_FROZEN_LEVEL:
        return None
    close = np.abs(last - level) <= UNDERFIT_TRAIN_FROZEN_TOL * level
    return level if float(np.mean(close)) >= UNDERFIT_TRAIN_FROZEN_SHARE else None


def _pinned_at_chance(subject: Series) -> float | None:
    """A train loss judged without val that sat at a binary guess's cross-entropy: its second
    half (``UNDERFIT_PINNED_POINTS`` points or more) has its median within
    ``UNDERFIT_PINNED_TOL`` of ln 2 and the medians of its two quarters within
    ``UNDERFIT_PINNED_DRIFT`` of each other, and whose first tenth's median was under
    ``UNDERFIT_PINNED_START`` times that level: a binary classifier starts at ln 2, and one that
    never left it learned nothing, whatever its first batches did (an IMDB transformer whose
    per-batch loss, 1.0 and 2.5 then 0.2 and 0.01 over its first steps, bounced about 0.693 for
    2,900 more); a loss that came down to 0.69 from far above learned (a character LM at one
    bit per character, 2.9 -> 0.69). Only ln 2: ln 3 to ln 10 are levels many converged losses
    reach (a T5 summariser drifting at 1.79 = ln 6, a classifier at 1.62 = ln 5). Its second
    half's median, else None."""
    if subject.held_out or "loss" not in subject.metric:
        return None
    values = subject.values[subject.finite]
    half = values[len(values) // 2:]
    if len(half) < UNDERFIT_PINNED_POINTS:
        return None
    level, quarter = float(np.median(half)), len(half) // 2
    drift = abs(float(np.median(half[:quarter])) - float(np.median(half[quarter:])))
    if drift > UNDERFIT_PINNED_DRIFT * level or abs(level - LN_2) > UNDERFIT_PINNED_TOL * LN_2:
        return None
    if float(np.median(values[:max(1, len(values) // 10)])) > UNDERFIT_PINNED_START * level:
        return None  # it came down to ln 2 from far above: it learned (a character LM at 1 bit)
    return level


def _never_fell(stats: Shape) -> bool:
    """True for a loss with a natural zero (judged without a val series) that, over at least
    ``UNDERFIT_NEVER_FELL_POINTS`` points, ends (its last tenth's median) no lower than its
    first point and than its first tenth's median, and whose trend never got below
    ``UNDERFIT_NEVER_FELL_FLOOR`` of that start: a probe bouncing around chance, a model that
    learned nothing. A log whose first point sits above the rest fell before it flattened (a
    fine-tune or a PINN at its floor from the second logged step): that one learned. An end
    within one noise sigma below the start counts as no lower when the first point is inside
    the series' band (under its ``UNDERFIT_NEVER_FELL_BAND`` quantile): a LoRA loss bouncing
    1.92-2.54 for 1,000 steps, 2.25 first and 2.11 at the end, never fell."""
    if not (stats.zero and len(stats.y) >= UNDERFIT_NEVER_FELL_POINTS and stats.start > 0
            and stats.floor >= UNDERFIT_NEVER_FELL_FLOOR * stats.start):
        return False
    if stats.end >= max(stats.start, float(stats.y[0])):
        return True
    return stats.end >= stats.start - stats.sigma \
        and float(stats.y[0]) <= float(np.quantile(stats.y, UNDERFIT_NEVER_FELL_BAND))


def _underfit_cue(stats: Shape, curves: RunCurves, is_loss: bool) -> tuple[str, dict] | None:
    """The underfitting cue that fires on ``stats`` (see find_underfitting), if any.

    The initial level is the train loss's when ``stats`` is a loss too, else its own.
    """
    train = shape(curves.train) if curves.train is not None and is_loss else None
    reference = train if train is not None and stats.zero and train.zero else stats
    initial = initial_level(reference)
    best = stats.best_level()
    if stats.zero and initial > 0:
        if is_loss and _converged_fine_tune(stats, curves.accuracy):
            return None
        learned = 1.0 - best / initial
        train_learned = 1.0 - reference.end / initial
        evidence = {"initial_level": reference.raw(initial), "learned_share": learned}
        val_learned = _gain_from_first(stats)
        never_moved = _val_frozen(stats) or (len(stats.y) >= UNDERFIT_NOTHING_EVALS
                                             and val_learned < UNDERFIT_NOTHING_VAL)
        if _low_or_loss(stats, is_loss) and learned < UNDERFIT_LEARNED_NOTHING \
                and val_learned < UNDERFIT_LEARNED_LITTLE \
                and (train_learned < 2 * UNDERFIT_LEARNED_NOTHING or never_moved) \
                and not _accuracy_kept_learning(curves.accuracy) \
                and not _learned_to_classify(curves.accuracy, stats) \
                and not _auc_learned(curves) \
                and not _a_score_learned(curves) \
                and not _few_evaluations_right(curves) \
                and not _converged_past_the_prior(stats, curves, is_loss) \
                and (is_loss or never_moved or not _train_fitted(curves)):
            return "learned_nothing", {
                **evidence, "margin": UNDERFIT_LEARNED_NOTHING / max(learned, 0.01)}
        chance = _at_chance(stats, _chance_accuracy(curves)) if is_loss else None
        if chance is not None:
            return "at_chance", {**evidence, **chance}
        train_late = float(np.median(reference.y[len(reference.y) // 2:]))
        if reference is not stats and _flat_from_first(stats) \
                and train_late >= UNDERFIT_FLAT_NO_GAP * stats.end \
                and not _learned_to_classify(curves.accuracy, stats) \
                and not _auc_learned(curves) \
                and not _converged_past_the_prior(stats, curves, is_loss) \
                and ((learned < UNDERFIT_FLAT_LEARNED and curves.accuracy is not None)
                     or (curves.accuracy is None
                         and train_late >= _flat_fit_bar(len(stats.y)) * stats.end)):
            return "flat_from_first_eval", {
                **evidence, "first_eval": stats.raw(float(stats.y[0])),
                "margin": UNDERFIT_FLAT_GAIN * float(stats.y[0])
                / max(float(stats.y[0]) - best, 0.01 * float(stats.y[0]))}
        bar = _stalled_bar(curves.accuracy)
        if learned >= bar:
            return None
        if reference is not stats and _stalled_early(stats) \
                and reference.end >= UNDERFIT_NO_GAP * stats.end \
                and not _classifies_well(curves.accuracy) and not _a_score_learned(curves) \
                and not _far_from_a_guess(stats, curves.accuracy) \
                and not _converged_past_the_prior(stats, curves, is_loss):
            return "stalled_high", {
                **evidence, "margin": bar / max(learned, 0.01)}
        return None
    gain = stats.start - stats.end
    first_drop = float(np.median(stats.y[:3])) - stats.end
    sigma = _settled_sigma(stats)
    if (sigma > 0 and -stats.sigma <= gain < UNDERFIT_MAX_GAIN_NOISE * sigma
            and first_drop < UNDERFIT_MAX_GAIN_NOISE * sigma and not _drifted(stats)):
        margin = UNDERFIT_MAX_GAIN_NOISE * sigma / max(gain, 0.01 * sigma)
        return "barely_moved", {"improvement": gain, "noise_sigma": sigma, "margin": margin}
    return None


def _stalled_bar(accuracy: Series | None) -> float:
    """The share of its initial loss under which a val loss that stalled early learned too
    little (``stalled_high``): ``UNDERFIT_STALLED_LEARNED``, or ``UNDERFIT_LEARNED_LITTLE``
    beside a held-out accuracy that never rose (``_accuracy_rose``). A binary ResNet at 0.52
    from 0.69, 23% learned, whose accuracy climbed 50% -> 77% levelled off at a hard task's
    level; a linear model on concentric circles at 0.69 from 1.00, 31%, whose accuracy stayed
    at 0.48, learned nothing (and so it reads with its loss scaled x10, where no chance level
    is known)."""
    stayed = _score_shape(accuracy) is not None and not _accuracy_rose(accuracy)
    return UNDERFIT_LEARNED_LITTLE if stayed else UNDERFIT_STALLED_LEARNED


def _drifted(stats: Shape) -> bool:
    """True when the series' least-squares line over the run falls (improves) by
    ``UNDERFIT_MOVED_SIGMAS`` standard errors or more: a drift the noise cannot make."""
    return robust.below_zero_by(*robust.slope_per_index(stats.y), UNDERFIT_MOVED_SIGMAS)


def _settled_sigma(stats: Shape) -> float:
    """The noise ``barely_moved`` weighs a gain against: the scatter around the trend, or that
    of the second half when it settled calmer (an image restorer's val PSNR bouncing 22.6-25.8
    over its first epochs, then 26.3-27.4: its 1.2 dB gain is small beside the early bounce,
    not beside where it settled)."""
    half = (stats.y - stats.smooth)[len(stats.y) // 2:]
    late = robust.mad_sigma(half) if len(half) >= UNDERFIT_SETTLED_POINTS else 0.0
    return min(stats.sigma, late) if late > 0 else stats.sigma


def _converged_past_the_prior(stats: Shape, curves: RunCurves, is_loss: bool) -> bool:
    """True when a val loss flat from its first evaluation converged there on more than the
    class prior: its best is under ``UNDERFIT_PRIOR_SHARE`` of the binary entropy of the val
    accuracy (the median of its second half, at least half its scale), and the train loss
    still fell ``UNDERFIT_TRAIN_KEPT_FALLING`` after that evaluation (the median of its
    second half from the first evaluation's step on, against its first point there). A model
    that guesses the prior scores its majority share as accuracy and at least that share's
    binary entropy as cross-entropy, however many classes there are (a churn model would
    score 0.80 and 0.50), so a loss well under it learned what the data holds in its first
    epoch (0.86 and 0.34: 0.84 of it); a train loss still falling has capacity left, where a
    model too small or too regularised stops fitting train too. A linear model on a
    non-linear task at 0.693 and 50% scores 1.0. The loss must read as a cross-entropy: every
    misclassified example costs more than ln 2 (its class got under half the probability), so
    a cross-entropy is at least (1 - accuracy) ln 2, and one within
    ``UNDERFIT_CE_FLOOR_MARGIN`` of that floor is another loss (a capsule network's margin loss
    0.285 beside an accuracy frozen at 60%)."""
    accuracy = _score_shape(curves.accuracy)
    train = curves.train
    if not is_loss or accuracy is None or train is None or not curves.accuracy.held_out \
            or not same_domain(train, curves.accuracy):
        return False
    share = _settled_share(accuracy)
    prior = _prior_entropy(share)
    if prior is None:
        return False
    best = stats.raw(stats.best_level())
    if not UNDERFIT_CE_FLOOR_MARGIN * (1 - share) * math.log(2) <= best \
            < UNDERFIT_PRIOR_SHARE * prior:
        return False
    values = train.values[(train.steps >= stats.steps[0]) & np.isfinite(train.values)]
    if len(values) < MIN_POINTS or values[0] <= 0:
        return False
    return float(np.median(values[len(values) // 2:])) \
        <= (1 - UNDERFIT_TRAIN_KEPT_FALLING) * float(values[0])


def _prior_entropy(share: float) -> float | None:
    """The binary entropy (nats) of an accuracy ``share`` of 0.5 to 1 (exclusive), the least
    cross-entropy a guess of the class prior scoring that accuracy can have, whatever the
    number of classes; None outside that range."""
    if not 0.5 <= share < 1.0:
        return None
    return -(share * math.log(share) + (1 - share) * math.log(1 - share))


def _learned_the_prior(stats: Shape, accuracy: Series) -> bool:
    """True when a loss beside a frozen val accuracy (``_accuracy_frozen``) fell only to where a
    guess of the class prior sits: its best between the binary entropy of that accuracy
    (``_prior_entropy``, the least such a guess scores) and ``UNDERFIT_PRIOR_BAND`` times it.
    The fall was the model learning the prior from a uniform guess (a defect classifier at the
    majority's 87.3% for 15 evaluations, its val loss 0.88 -> 0.46, where the prior costs at
    least 0.38); a localiser's loss 12 -> 2.2 beside a frozen auxiliary head's 91% is no
    cross-entropy of that head and learned."""
    score = _score_shape(accuracy)
    prior = _prior_entropy(_settled_share(score)) if score is not None else None
    if prior is None or not stats.zero:
        return False
    return prior <= stats.raw(stats.best_level()) <= UNDERFIT_PRIOR_BAND * prior


def _at_chance(stats: Shape, accuracy: Series | None) -> dict | None:
    """Evidence for underfitting's ``at_chance`` cue, else None: the val accuracy over the
    second half of its evaluations (its median) times e to the val loss's best level is at
    most ``UNDERFIT_CHANCE_RATIO``, that loss being ``UNDERFIT_CHANCE_LOSS`` or more. A
    classifier that guesses among C classes scores a cross-entropy of ln C and an accuracy
    of 1/C, so the product is 1 whatever C is; one that learned something scores well above
    it at such a loss (10 overlapping classes at 0.64 and 79%: 1.5). Guessing the class prior
    scores the prior's entropy, at least -ln of the majority share, so a guess's product is
    1 or more: below ``UNDERFIT_CHANCE_FLOOR`` the accuracy series does not measure the
    classes the loss does (a segmentation's mean per-class accuracy). This sees a val set
    that never learned while the train set was memorised, which the flat-val cue leaves to
    the fit. An accuracy that kept learning after its first evaluation
    (``_accuracy_kept_learning``: an emotion head 0.23 -> 0.65 beside a loss weighted into a
    total) is no guess, whatever its product."""
    found = _guess_ratio(stats, accuracy)
    if found is None or stats.raw(stats.best_level()) < UNDERFIT_CHANCE_LOSS \
            or _accuracy_kept_learning(accuracy):
        return None
    share, ratio = found
    if not UNDERFIT_CHANCE_FLOOR <= ratio <= UNDERFIT_CHANCE_RATIO:
        return None
    return {"val_accuracy": share, "accuracy_times_e_loss": ratio,
            "margin": UNDERFIT_CHANCE_RATIO / max(ratio, 0.01)}


def _chance_accuracy(curves: RunCurves) -> Series | None:
    """The accuracy ``_at_chance`` reads beside the judged loss: the val accuracy, or, for a
    run judged on its train loss with none held out, the train accuracy (a guess scores ln C
    and 1/C on the train set too: a corrupted-MNIST model at 2.30 and 10%)."""
    if curves.accuracy is not None or curves.monitored is None or curves.monitored.held_out:
        return curves.accuracy
    return _train_accuracy(curves)


def _converged_fine_tune(stats: Shape, accuracy: Series | None) -> bool:
    """True when a val loss learned after its first evaluation and settled, beside an accuracy
    far above a guess (``_far_from_a_guess``): it gained ``UNDERFIT_FLAT_KEPT_GAIN`` of its
    first value or more, ever more slowly (its trend's second half fell
    ``UNDERFIT_CONVERGED_PACE`` of its first half's fall or less, ``acceleration``). A
    fine-tune whose loss starts near its floor (a character LM pre-trained on other text: val
    2.41 -> 2.32, accuracy 0.40 -> 0.42, 4x a guess at that loss) has no level cue to fail,
    when that accuracy also rose (``_accuracy_rose``); a learning rate far too low crawls at one
    pace, a model at chance is not far from a guess, and one predicting the majority class of
    imbalanced data, however far from a uniform guess, does not move. Without an accuracy (an
    LM or LoRA fine-tune logs its loss only) the settling must show in the loss itself: its
    second half still fell more than ``UNDERFIT_CONVERGED_BEND`` of its first half's fall (an
    instruction fine-tune's val 2.835 -> 2.751 -> 2.722), where a linear fit at its floor
    or a model at chance stops dead or drifts back up. An accuracy that settled under
    ``UNDERFIT_FINE_TUNE_ACCURACY`` of its scale converged on nothing (``_accuracy_useful``).
    A gain or a rise under those bars counts when every evaluation found the model better
    (``_better_at_every_evaluation``: a QLoRA fine-tune's val 1.382 -> 1.345 and its token
    accuracy 0.631 -> 0.637, each at every one of 8 evaluations, in gains that shrank)."""
    steady = _better_at_every_evaluation(stats, accuracy)
    if _gain_from_first(stats) < UNDERFIT_FLAT_KEPT_GAIN and not steady:
        return False
    pace = acceleration(stats)
    if not isinstance(pace, float) or pace > UNDERFIT_CONVERGED_PACE:
        return False
    if accuracy is None:  # an LM fine-tune logs no accuracy: its val must visibly bend
        return pace > UNDERFIT_CONVERGED_BEND
    return pace >= 0.0 and _far_from_a_guess(stats, accuracy) \
        and (_accuracy_rose(accuracy) or steady) and _accuracy_useful(accuracy)


def _better_at_every_evaluation(stats: Shape, accuracy: Series | None) -> bool:
    """True when over ``UNDERFIT_FLAT_POINTS`` evaluations or more the val loss was lower at
    each than at the one before, and the accuracy beside it (on the same evaluations) higher:
    a model that learned nothing does not improve both at every evaluation, by chance one in
    (n!)^2."""
    if accuracy is None or len(stats.y) < UNDERFIT_FLAT_POINTS \
            or not np.array_equal(accuracy.steps[accuracy.finite], stats.steps):
        return False
    score = accuracy.values[accuracy.finite]
    return bool(np.all(np.diff(stats.y) < 0) and np.all(np.diff(score) > 0))


def _accuracy_useful(accuracy: Series | None) -> bool:
    """True when the val accuracy settled (median of its second half) at
    ``UNDERFIT_FINE_TUNE_ACCURACY`` of its scale or above: a "converged fine-tune" at 5.5%
    (a 43-class sign classifier at the class prior's entropy, 0.033 -> 0.055) converged on
    nothing worth keeping."""
    stats = _score_shape(accuracy)
    return stats is not None \
        and _late_distance(stats) <= (1 - UNDERFIT_FINE_TUNE_ACCURACY) * stats.ceiling


def _accuracy_rose(accuracy: Series | None) -> bool:
    """True when the val accuracy's second half (its median) sits ``UNDERFIT_ACCURACY_ROSE`` of
    its scale above its first evaluation: predictions changed for the better (0.396 -> 0.42),
    where a model predicting the majority class holds 0.734-0.736 throughout."""
    stats = _score_shape(accuracy)
    return stats is not None \
        and float(stats.y[0]) - _late_distance(stats) >= UNDERFIT_ACCURACY_ROSE * stats.ceiling


def _score_shape(score: Series | None) -> Shape | None:
    """The shape of a held-out score on a bounded scale (accuracy, F1: 0-1 or 0-100), measured
    as its distance from the ceiling (or a train accuracy given for a run judged on its train
    loss, ``_chance_accuracy``); None for anything else."""
    stats = shape(score) if score is not None and (score.held_out or score.split == "train") \
        else None
    return stats if stats is not None and stats.ceiling is not None else None


def _guess_ratio(stats: Shape, accuracy: Series | None) -> tuple[float, float] | None:
    """(share, product): the val accuracy's share of its scale over its second half, and that
    share times e to the val loss's best level (``stats``): how much better than a uniform
    guess among e^loss classes the accuracy is (see ``_at_chance``, ``_far_from_a_guess``).
    None without an accuracy or a finite best."""
    acc = _score_shape(accuracy)
    best = stats.raw(stats.best_level())
    if acc is None or not math.isfinite(best):
        return None
    share = _settled_share(acc)
    return share, share * math.exp(min(best, 50.0))


def _gain_from_first(stats: Shape) -> float:
    """How far below its first evaluation a loss got, its best read off the trend, as a share
    of that first value (0 when the first is not positive)."""
    first = float(stats.y[0])
    return (first - stats.best_level()) / first if first > 0 else 0.0


def _settled_share(score: Shape) -> float:
    """A bounded score's share of its scale over its second half (the median of its distance
    from the ceiling, read back as a score): where the accuracy settled."""
    return score.raw(_late_distance(score)) / score.ceiling


def _late_distance(score: Shape) -> float:
    """A bounded score's distance from its ceiling over its second half (the median): where
    the accuracy settled, one noisy evaluation aside."""
    return float(np.median(score.y[len(score.y) // 2:]))


def _far_from_a_guess(stats: Shape, accuracy: Series | None) -> bool:
    """True when the val accuracy (median of its second half) times e to the val loss's best
    level is between ``UNDERFIT_FAR_FROM_GUESS`` and ``UNDERFIT_GUESS_CAP``: e to a
    cross-entropy is the number of classes a uniform guess at that loss picks from, so the
    product is how much better than such a guess the accuracy is. A guess scores about 1 (see
    ``_at_chance``), and so does a confident model near 0; a model whose loss stalls high
    because a quarter of its labels are noise still classifies far above a guess (4 classes,
    28% of labels flipped: loss 0.98, accuracy 0.67, 1.8; a character LM at 2.3 and 40%, 4),
    while an over-regularised or too small one hugs its guess (1.0-1.5). Above the cap the
    loss is no cross-entropy over the accuracy's classes (a loss scaled x10)."""
    found = _guess_ratio(stats, accuracy)
    return found is not None and UNDERFIT_FAR_FROM_GUESS <= found[1] <= UNDERFIT_GUESS_CAP


def _classifies_well(accuracy: Series | None) -> bool:
    """True when the val accuracy-type series reached ``UNDERFIT_GOOD_ACCURACY`` of its
    ceiling: a loss that stalled at a high level there is the data's noise (label noise, an
    irreducible error), not a model without capacity."""
    stats = shape(accuracy) if accuracy is not None else None
    if stats is None or stats.ceiling is None:
        return False
    return stats.raw(float(np.min(stats.y))) >= UNDERFIT_GOOD_ACCURACY * stats.ceiling


def _learned_to_classify(accuracy: Series | None, val: Shape) -> bool:
    """True when the val accuracy-type series classifies well over its second half (median
    at ``UNDERFIT_GOOD_ACCURACY`` of its ceiling or above) and the model kept learning after
    the first evaluation: the accuracy did (``_accuracy_kept_learning``: 0.91 -> 0.955 beside
    a loss flat from its first evaluation), or the val loss ``val`` still got
    ``UNDERFIT_FLAT_KEPT_GAIN`` below its first value (a pre-trained CNN at 93% from its first
    epoch, its val loss 0.229 -> 0.199). It learned before that evaluation. An accuracy
    bouncing 0.87-0.96 beside a val loss that only got worse (heavy weight decay) shows no
    learning, nor one frozen at a majority class's share."""
    stats = _score_shape(accuracy)
    if stats is None or stats.raw(_late_distance(stats)) < UNDERFIT_GOOD_ACCURACY * stats.ceiling:
        return False
    return _accuracy_kept_learning(accuracy) or _gain_from_first(val) >= UNDERFIT_FLAT_KEPT_GAIN


def _few_evaluations_right(curves: RunCurves) -> bool:
    """True when the judged series is not held out and a held-out accuracy beside it, too short
    to be judged (under ``MIN_POINTS`` evaluations), ended at ``UNDERFIT_GOOD_ACCURACY`` of
    its ceiling: a fine-tune's train loss 0.68 -> 0.63 over its four logs, near ln 2, while its
    one evaluation classified 96.5% right, learned; its evaluations are too few to say more."""
    if curves.monitored is None or curves.monitored.held_out:
        return False
    for series in curves.all.values():
        values = series.values[series.finite]
        ceiling = score_ceiling(series, values) if series.held_out and "acc" in series.metric \
            and 0 < len(values) < MIN_POINTS else None
        if ceiling is not None and float(values[-1]) >= UNDERFIT_GOOD_ACCURACY * ceiling:
            return True
    return False


def _accuracy_kept_learning(accuracy: Series | None) -> bool:
    """True when the val accuracy-type series' second half (its median distance from the
    ceiling) is ``UNDERFIT_ACCURACY_KEPT_LEARNING`` closer to the ceiling than its first
    evaluation: the model learned from there on, whatever a flat val loss says (a binary
    steganalysis model whose accuracy climbs 54% -> 67% while its over-confident val loss
    never gets below its first value)."""
    stats = _score_shape(accuracy)
    return stats is not None and float(stats.y[0]) > 0 \
        and _late_distance(stats) <= (1 - UNDERFIT_ACCURACY_KEPT_LEARNING) * float(stats.y[0])


def _val_frozen(stats: Shape) -> bool:
    """True when a loss moved less than ``UNDERFIT_FROZEN_SHARE`` of its level over all of its
    ``UNDERFIT_FLAT_POINTS`` or more evaluations: nothing that reaches the evaluation was learned
    (a forecaster's val loss 211653.9 -> 211655.6 over 6 epochs while its train loss fell 4.4 ->
    3.5), however far train fitted."""
    level = stats.level
    return len(stats.y) >= UNDERFIT_FLAT_POINTS and level > 0 \
        and float(np.ptp(stats.y)) <= UNDERFIT_FROZEN_SHARE * level


def _flat_fit_bar(evaluations: int) -> float:
    """The share of val's level train must stay at for a regression's flat val to be
    underfitting: ``UNDERFIT_FLAT_TIGHT``, or ``UNDERFIT_FLAT_LOOSE`` over
    ``UNDERFIT_FLAT_POINTS_FIT`` evaluations or more (a long flat val is stronger evidence)."""
    return UNDERFIT_FLAT_LOOSE if evaluations >= UNDERFIT_FLAT_POINTS_FIT else UNDERFIT_FLAT_TIGHT


def _flat_from_first(stats: Shape) -> bool:
    """True when val, over at least ``UNDERFIT_FLAT_POINTS`` evaluations, never got more
    than ``UNDERFIT_FLAT_GAIN`` below its first evaluation (its best read off the trend), and
    did not fall at every one of fewer than ``UNDERFIT_FLAT_POINTS_FIT`` evaluations: over a
    handful, a val lower each time than the time before is learning, however slowly (a load
    forecaster 0.00887 -> 0.00830 over 5 epochs), where noise around a floor breaks the run of
    falls; over more, a fall at a constant crawl is what a learning rate far too low draws."""
    return len(stats.y) >= UNDERFIT_FLAT_POINTS and float(stats.y[0]) > 0 \
        and _gain_from_first(stats) < UNDERFIT_FLAT_GAIN \
        and not (len(stats.y) < UNDERFIT_FLAT_POINTS_FIT and bool(np.all(np.diff(stats.y) < 0)))


def _stalled_early(stats: Shape) -> bool:
    """True when the trend got within noise of its floor in the first part of the run."""
    first, last = float(stats.steps[0]), float(stats.steps[-1])
    early = stats.steps <= first + UNDERFIT_EARLY * (last - first)
    reached = float(np.min(stats.smooth[early]))
    return reached - stats.floor <= max(UNDERFIT_MAX_GAIN_NOISE * stats.noise, 0.05 * reached)
