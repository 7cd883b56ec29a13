"""Series handling: pick a run's curves out of the frame, resolve rewinds, know directions.

A series is one ``(run, split, metric)``. Before any detector looks at it, a
resumed run's rewinds are resolved the way TensorBoard's loader does it: the
later write wins, and points at or after a rewound step from the earlier
attempt are dropped. This module also knows which way is better for each
metric and which series a run is judged on (the monitored series).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from curvecli.errors import MissingSeriesError, short_list
from curvecli.frame import series_codes
from curvecli.names import (
    AVERAGE_PRECISION,
    RUN_LEVEL_METRICS,
    TEST,
    UNNAMED_LOSSES,
    VAL,
    is_curve_metric,
    name_words,
    normalise,
    series_name,
)

MIN_POINTS = 4  # a series with fewer finite points has no shape to judge
DIRECTION_CORRELATION = 0.5  # a nameless-direction score moving against the train loss rises
HELD_OUT_SPLITS = (VAL, TEST)  # data the model does not train on

LOWER_IS_BETTER = re.compile(
    r"loss|perplexity|ppl|\bwer\b|^wer|\bcer\b|^cer|error|err\b|mse|mae|rmse|nll|logloss|"
    r"s?mape|wape|msle|\bmase\b|\bber\b|"  # percentage, scaled, balanced (BER) error rates
    r"euclidean|distance|divergence|\bkl\b|^kl|regret|cost|neg(ative)?[_ ]?log|^ce\b|\bce\b|"
    r"brier|\b[af]de\b|\bbce\b|^bce|" + UNNAMED_LOSSES, re.IGNORECASE)
HIGHER_IS_BETTER = re.compile(
    r"acc|f1|precision|recall|rouge|bleu|map|auc|reward|iou|dice|(?<![a-z])dsc|exprate|"
    r"matthews|mcc|"
    r"score|similarity|meteor|chrf|exact|top\d|r2|spearman|pearson|return|fitness|corr|kappa|"
    r"ep_rew|"  # Stable-Baselines3's rollout/ep_rew_mean
    r"ndcg|mrr|hits?@|@\.?\d|"  # a measure at a cut-off: R@1, NDCG@10, mAP@0.5
    r"psnr|ssim|log[_ ]?probs?\b|log[_ ]?likelihood|\belbo\b|pesq|stoi|sdr\b|"
    r"\bsnr|rank_?ic\b|\bic\b|"
    r"plcc|(?<![a-z])lcc|s?rocc|(?<![a-z])srcc|krocc|krcc|"  # image-quality correlations
    + AVERAGE_PRECISION, re.IGNORECASE)


# Higher-is-better measures without a top of their scale: PSNR in dB (30 is good, not 30% of
# 100), rewards and returns, log-likelihoods and the ELBO.
NO_TOP = re.compile(r"psnr|reward|ep_rew|return|log[_ ]?prob|likelihood|elbo", re.IGNORECASE)


def has_no_top(metric: str) -> bool:
    """True for a measure whose scale has no perfect value (``NO_TOP``)."""
    return bool(NO_TOP.search(metric))


def lower_is_better(metric: str) -> bool:
    """True for losses and error rates, False for accuracies and scores."""
    if HIGHER_IS_BETTER.search(metric) and not LOWER_IS_BETTER.search(metric):
        return False
    return True


def worsened(series: Series) -> str:
    """The verb for a move away from better: a loss "rose", a score "fell"."""
    return "rose" if series.lower_is_better else "fell"


@dataclass
class Series:
    """One curve after rewind resolution, in step order."""

    run: str
    split: str
    metric: str
    steps: np.ndarray
    values: np.ndarray
    epochs: np.ndarray
    tags: list[str]
    rewinds: list[int] = field(default_factory=list)  # steps a resumed run went back to
    duplicates: int = 0  # points written again at the same step (later write kept)
    cache: dict = field(default_factory=dict, repr=False, compare=False)  # detectors' shared stats
    inferred_lower: bool | None = None  # a direction read off the curves (``infer_directions``)

    @property
    def name(self) -> str:
        return series_name(self.split, self.metric)

    @property
    def lower_is_better(self) -> bool:
        if self.inferred_lower is not None:
            return self.inferred_lower
        return lower_is_better(self.metric)

    @property
    def held_out(self) -> bool:
        """Measured on data the model does not train on: a val series, or a test series
        evaluated along the run (many loops call their only held-out set "test")."""
        return self.split in HELD_OUT_SPLITS

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def finite(self) -> np.ndarray:
        return np.isfinite(self.values)


def resolve_rewinds(steps: np.ndarray) -> tuple[np.ndarray, list[int], int]:
    """Which points survive last-writer-wins, the rewound-to steps, and the duplicate count.

    A point survives when every later point has a larger step (TensorBoard's
    data server drops stored points at or after a newly written step).
    """
    n = len(steps)
    if n == 0:
        return np.zeros(0, dtype=bool), [], 0
    later_min = np.empty(n, dtype=np.float64)
    later_min[-1] = math.inf
    if n > 1:
        later_min[:-1] = np.minimum.accumulate(steps[::-1].astype(np.float64))[::-1][1:]
    keep = steps < later_min
    rewinds = [int(step) for step in steps[1:][steps[1:] < steps[:-1]]]
    return keep, rewinds, int((steps[1:] == steps[:-1]).sum())


def restated(steps: np.ndarray, values: np.ndarray) -> np.ndarray:
    """True for each point whose step was written before with the same value: a log restating
    a point it already holds ("checkpoint loaded (epoch=20, val_loss=1.0521)", "best
    val_loss 1.0521 at epoch 20" after epoch 30), not a new write that rewinds the series to
    that step. A resumed run's new evaluations differ from the old ones and still rewind."""
    return pd.DataFrame({"step": steps, "value": values}).duplicated().to_numpy()


def series_rows(frame: pd.DataFrame) -> list[tuple[str, str, np.ndarray]]:
    """``(split, metric, rows)`` of every series in a frame, in order of first appearance.

    ``rows`` are the series' row numbers in file order (``groupby(...).indices`` in one
    radix sort of small integer codes instead of a groupby over two categoricals).
    """
    if frame.empty:
        return []
    codes, pairs = series_codes(frame)
    order = np.argsort(codes, kind="stable")  # rows without a series (-1) sort first
    counts = np.bincount(codes[codes >= 0], minlength=len(pairs))
    starts = (len(codes) - int(counts.sum())) + np.cumsum(counts) - counts
    return [(split, metric, order[start:start + count])
            for (split, metric), start, count in zip(pairs, starts.tolist(), counts.tolist())]


SUMMARY_MAX_POINTS = 3  # a trailing block of this many points or fewer at one earlier step


def _trailing_summary(steps: np.ndarray) -> int:
    """How many points at the end of a series are a summary written at one earlier step, not a
    new session: at most ``SUMMARY_MAX_POINTS`` points, all at one step no later than one
    already written, after ``MIN_POINTS`` or more points whose steps rose (an MLflow trainer
    logging its final train and val losses without a step, at step 0, after 61 epochs). 0 when
    there is none."""
    n = len(steps)
    for size in range(min(SUMMARY_MAX_POINTS, n - MIN_POINTS), 0, -1):
        head, tail = steps[:n - size], steps[n - size:]
        if bool((tail == tail[0]).all()) and tail[0] <= head.max() \
                and bool((np.diff(head) > 0).all()):
            return size
    return 0


def kept_rows(steps: np.ndarray, values: np.ndarray | None = None, held_out: bool = False
              ) -> tuple[np.ndarray | None, list[int], int]:
    """``resolve_rewinds`` plus the step order of the survivors, as indices into ``steps``.

    Returns ``(index, rewinds, duplicates)``; ``index`` is None when every point survives
    in the order given (steps that only go up: the common case, found without sorting). With
    ``values``, a point that only restates one written before (``restated``) is dropped
    first, so that it rewinds nothing. A ``held_out`` series whose steps rose to its last, written
    twice, keeps the first write there: the second is the evaluation of the kept checkpoint
    after training (Ultralytics' final validation of best.pt at the last epoch's step, an HF
    ``trainer.evaluate()`` of the best model at the last step), not the last epoch's.
    """
    if len(steps) > 1 and bool((steps[1:] >= steps[:-1]).all()):
        # No rewind. As resolve_rewinds (which compares as floats): a point survives when
        # the next step is larger.
        as_float = steps.astype(np.float64)
        later = as_float[:-1] < as_float[1:]
        if later.all():
            return None, [], 0
        if held_out and len(steps) > MIN_POINTS and bool(later[:-1].all()):
            return np.arange(len(steps) - 1), [], 1  # a final evaluation of the kept model
        keep = np.append(later, True)
        return np.flatnonzero(keep), [], int((steps[1:] == steps[:-1]).sum())
    written = np.arange(len(steps)) if values is None \
        else np.flatnonzero(~restated(steps, values))
    written = written[written < len(steps) - _trailing_summary(steps)]
    keep, rewinds, duplicates = resolve_rewinds(steps[written])
    index = written[np.flatnonzero(keep)]
    index = index[np.argsort(steps[index], kind="stable")]
    return index, rewinds, duplicates


def extract(frame: pd.DataFrame, run: str | None = None) -> dict[str, Series]:
    """Every series of one run's frame rows, keyed by ``split/metric``, rewinds resolved."""
    if run is not None:
        frame = frame[frame["run"] == run]
    found: dict[str, Series] = {}
    if frame.empty:
        return found
    steps_all = frame["step"].to_numpy()
    values_all = frame["value"].to_numpy()
    epochs_all = frame["epoch"].to_numpy()
    tags = frame["tag"]
    if not isinstance(tags.dtype, pd.CategoricalDtype):
        tags = tags.astype(str).astype("category")
    tag_codes = tags.cat.codes.to_numpy()
    tag_names = tags.cat.categories
    run_name = str(frame["run"].iloc[0])
    for split, metric, rows in series_rows(frame):
        steps = steps_all[rows]
        index, rewinds, duplicates = kept_rows(steps, values_all[rows],
                                               held_out=split in HELD_OUT_SPLITS)
        kept = rows if index is None else rows[index]
        # The tags present (code -1, no tag, is left out by the shift).
        present = np.flatnonzero(np.bincount(tag_codes[rows].astype(np.intp) + 1,
                                             minlength=len(tag_names) + 1)[1:])
        series = Series(
            run=run_name,
            split=split,
            metric=metric,
            steps=steps if index is None else steps[index],
            values=values_all[kept],
            epochs=epochs_all[kept],
            tags=sorted(str(tag_names[code]) for code in present),
            rewinds=rewinds,
            duplicates=duplicates,
        )
        found[series.name] = series
    return found


def resolve_name(series: dict[str, Series], wanted: str) -> Series:
    """Find a series by ``split/metric``, by an original tag (``eval_loss``), or by a metric
    name alone (``wer``: ``val/wer``, else ``train/wer``, else the only series of that
    metric); perplexity is derived from the matching loss when not logged."""
    if wanted in series:
        return series[wanted]
    split, metric = normalise(wanted)
    if series_name(split, metric) in series:
        return series[series_name(split, metric)]
    for candidate in series.values():
        if wanted in candidate.tags:
            return candidate
    if "/" not in wanted:
        named = [s for s in series.values() if s.metric in (metric, wanted.lower())]
        for preferred in ("val", "train"):
            if series_name(preferred, metric) in series:
                return series[series_name(preferred, metric)]
        if len(named) == 1:
            return named[0]
    if metric in ("perplexity", "ppl"):
        loss = series.get(series_name(split, "loss")) or series.get(series_name("val", "loss"))
        if loss is not None:
            with np.errstate(over="ignore", invalid="ignore"):
                values = np.exp(loss.values)
            return Series(loss.run, loss.split, "perplexity", loss.steps, values, loss.epochs,
                          loss.tags, loss.rewinds, loss.duplicates)
    run = next(iter(series.values())).run if series else "?"
    raise MissingSeriesError(f"no series '{wanted}' in run '{run}' "
                             f"(its series: {short_list(sorted(series), 8) or 'none'})")


def judgeable(series: Series, min_points: int = MIN_POINTS) -> bool:
    """True when a series has enough finite points for its shape to be judged, and is not a
    held-out loss written as exactly 0 at every evaluation (a placeholder never computed: a
    GNN's ``val_loss`` 0.0 at each of 5 epochs beside a val AUC climbing 0.48 -> 0.69)."""
    finite = series.values[series.finite]
    if series.held_out and "loss" in series.metric and len(finite) and not finite.any():
        return False
    return len(finite) >= min_points


COCO_PRIMARY = re.compile(r"ap[_@]?\[?0?\.?5(?:0)?[_:\-]0?\.?95\]?$", re.IGNORECASE)
COCO_AP50 = re.compile(r"ap[_@]?\[?0?\.?50?\]?$", re.IGNORECASE)


def coco_primary(scores: list[Series]) -> list[Series]:
    """The COCO evaluation's primary measure among held-out ``scores`` when they hold one: AP
    over IoU 0.5 to 0.95 named as such (YOLOX's ``COCOAP50_95``, ``mAP50-95``,
    ``mAP_0.5:0.95``) beside an AP at IoU 0.5 (``COCOAP50``, ``mAP50``), its looser
    secondary, as a one-series list; else empty (a retrieval log's R@1 beside one mAP)."""
    if not any(COCO_AP50.search(score.metric) for score in scores):
        return []
    return [score for score in scores if COCO_PRIMARY.search(score.metric)][:1]


def online_rl_reward(series: dict[str, Series]) -> Series | None:
    """The mean reward of an online RL fine-tune (TRL's GRPO and RLOO log ``reward`` beside
    ``reward_std``, the spread over each prompt's group of completions): what it optimises.
    Its policy loss starts at 0 and stays about 0 (the advantages are centred in each group),
    so it shows nothing of the training (a GRPO run's loss 0.0-0.002 for 1,000 steps while
    its reward rose 0.18 -> 0.31). None for any other log."""
    reward = series.get("reward")
    if reward is None or "reward_std" not in series:
        return None
    return reward


# An RL environment's return, word by word: what ``rl_return`` accepts in a series' name.
_RETURN_WORDS = frozenset({"reward", "rewards", "return", "returns", "rew", "cumulativereward"})
_RETURN_TOTALS = frozenset({"total", "cumulative", "cumulativereward", "return", "returns"})
_RETURN_MARKS = _RETURN_TOTALS | {"ep", "episode", "episodic", "rollout", "avg", "rew"}
_RETURN_MEANS = frozenset({"mean", "avg", "average"})
_RETURN_ALLOWED = _RETURN_WORDS | _RETURN_MARKS | _RETURN_MEANS


def rl_return(series: dict[str, Series]) -> Series | None:
    """The return of a reinforcement-learning run: a series named only by reward or return
    words (``rollout/ep_rew_mean``, ``total_reward``, ``mean 100 episode reward``,
    ``Total_Reward``, ``mean_reward_100``, ``avg_reward``, ``rewards``): what the agent
    maximises. Its policy, value and TD losses chase a moving target (a DQN's TD loss fell
    0.009 -> 0.0005 while its success rate decayed to 0). A name without an episode, total,
    rollout, avg or window word (``mean_reward``, ``reward``) counts only in a run with no
    train loss: a reward model's ``mean_reward`` beside its loss scores its outputs, it is no
    return. A smoothed one (mean, average or over a window) comes first, then a finished
    episode's total (Lightning's DQN example logs ``total_reward``, the last episode's, beside
    ``episode reward``, the sum so far of the episode under way). None when no series
    qualifies."""
    has_loss = train_loss(series) is not None
    found = []
    for s in series.values():
        words = name_words(s.metric)
        if not words or not set(words) & _RETURN_WORDS \
                or not all(w in _RETURN_ALLOWED or w.isdigit() for w in words):
            continue
        marked = bool(set(words) & _RETURN_MARKS) or any(w.isdigit() for w in words)
        if marked or not has_loss:
            smoothed = bool(set(words) & _RETURN_MEANS) or any(w.isdigit() for w in words) \
                or s.metric.lower().endswith("ep_rew_mean")
            totalled = bool(set(words) & _RETURN_TOTALS)
            found.append(((not smoothed, not totalled), s))
    return min(found, key=lambda pair: pair[0])[1] if found else None


def monitored_candidates(series: dict[str, Series], meta: dict | None = None,
                         min_points: int = MIN_POINTS) -> list[Series]:
    """The series a run is judged on, best first (empty: nothing long enough to judge).

    The series the training itself optimised when the log says so (``optimised_series``); else
    ``val/loss``; else the val loss-type series (``HELD_OUT_LOSS``; several eval sets such as
    ``val/g0_loss``..``val/g5_loss`` are all returned; of a loss and its parts, their total: the
    split's bare ``loss`` (a DETR loop's ``test_loss`` beside its 36 parts
    ``test_loss_bbox_0``... is what it optimised), else the one ``total_loss`` names; of one
    loss per Lightning val dataloader, the first loader's, ``first_dataloader``; not one named
    as a shifted set beside others, ``in_distribution``); else the first val metric (a COCO
    evaluation's AP over IoU 0.5-0.95 first, ``coco_primary``) whose direction its name says
    (``direction_known``) or the curves told (``infer_directions``); else the test loss-type
    series or such a test metric (a loop whose only held-out set is called "test"); else the
    mean reward of an online RL fine-tune (``online_rl_reward``), or an RL run's return
    (``rl_return``); else ``train/loss``; else
    the first train loss (the total of a loss and its parts); else the first held-out measure
    whose direction nothing says (an RNA generator's val ``avg_c4_bond_dists`` 4.86 -> 6.1, a
    distance with a target, not a loss; one that barely
    moves, ``_barely_moves``, is judged before the train loss: flat whichever way); else any
    train curve; else a loss of no split (its total: a hand-written CSV of ``loss_total`` and
    its parts, no split named), else any curve of no split but the run's bookkeeping (a learning
    rate is never judged). Only series with at least ``min_points`` finite points qualify.
    """
    series = {name: s for name, s in series.items() if judgeable(s, min_points)}
    optimised = optimised_series(series, meta or {})
    if optimised is not None:
        return [optimised]
    if "val/loss" in series:
        return [series["val/loss"]]
    curves = [s for s in series.values() if is_curve_metric(s.metric)]
    unnamed: list[Series] = []  # a held-out measure whose name says nothing of its direction
    for split in HELD_OUT_SPLITS:  # val, else a loop's only held-out set called "test"
        held = [s for s in curves if s.split == split]
        if held and f"{split}/loss" in series:
            return [series[f"{split}/loss"]]  # the bare loss is the total of its parts
        losses = in_distribution(first_dataloader(
            [s for s in held if HELD_OUT_LOSS.search(s.metric) and s.lower_is_better]))
        total = total_loss(losses)
        if total is not None or losses:
            return [total] if total is not None else losses
        named = coco_primary(held) or [s for s in held if direction_known(s.metric)
                                       or s.inferred_lower is not None][:1]
        if named or (held and _barely_moves(held[0])):
            return named or held[:1]  # a flat measure is flat whichever way is better
        unnamed = unnamed or held[:1]
    reward = online_rl_reward(series) or rl_return(series)
    if reward is not None:
        return [reward]
    if "train/loss" in series:
        return [series["train/loss"]]
    loss = train_loss(series)  # the first train loss, or the total of a loss and its parts
    if loss is not None:
        return [loss]
    if unnamed:
        return unnamed
    train = [s for s in curves if s.split == "train"]
    if train:
        return [train[0]]
    unsplit = [s for s in curves if s.split == "" and s.metric not in RUN_LEVEL_METRICS]
    losses = [s for s in unsplit if "loss" in s.metric and s.lower_is_better]
    if losses:
        return [total_loss(losses) or losses[0]]
    return unsplit[:1] or [s for s in curves if s.metric not in RUN_LEVEL_METRICS][:1]


# A held-out loss by its name: a loss, or a cross-entropy, NLL or perplexity logged as such
# (a next-token model's ``val_mean_ce`` and ``val_ppl`` beside its top-k accuracies).
HELD_OUT_LOSS = re.compile(r"loss|perplexity|(?:^|_)(?:mean_)?(?:ce|nll)$|cross_?entropy",
                           re.IGNORECASE)
UNNAMED_FLAT = 0.05  # a measure whose finite points span under 5% of their level barely moves


def _barely_moves(series: Series) -> bool:
    """True when a series' finite points span under ``UNNAMED_FLAT`` of their median's size: a
    measure pinned where it started (a recommender's bare ``metric`` at 0.4985-0.4999, chance)
    says so whichever direction is better."""
    values = series.values[np.isfinite(series.values)]
    level = abs(float(np.median(values))) if len(values) else 0.0
    return level > 0 and float(np.ptp(values)) < UNNAMED_FLAT * level


_DATALOADER = re.compile(r"^(?P<base>.+)/dataloader_idx_(?P<index>\d+)$")


def first_dataloader(losses: list[Series]) -> list[Series]:
    """Of held-out losses logged per val dataloader by Lightning (``val/loss/dataloader_idx_0``,
    ``..._1``: ``self.log`` with several val dataloaders), the first loader's: the val set the
    run is about (a second loader is often a shifted or test-like set, whose rise says nothing
    of overfitting the first). Other lists are returned as they are."""
    found = [_DATALOADER.match(s.metric) for s in losses]
    if len(losses) < 2 or not all(found) or len({m["base"] for m in found}) != 1:
        return losses
    return [min(zip(losses, found), key=lambda pair: int(pair[1]["index"]))[0]]


# Eval sets named as shifted from the training distribution (an HF eval_dataset dict's
# ``eval_shifted_loss``, ``eval_ood_loss``).
_SHIFTED_SET = re.compile(r"(?<![a-z])(shift(ed)?|ood|out_of_domain|corrupt(ed)?|noisy|"
                          r"perturbed|adversarial|adv)(?![a-z])", re.IGNORECASE)


def in_distribution(losses: list[Series]) -> list[Series]:
    """Of several held-out losses, those not named as a shifted set (``_SHIFTED_SET``) when
    any is: an HF run evaluating a dict of datasets logs ``eval_in_domain_loss`` and
    ``eval_shifted_loss``, and a rise on the shifted set says nothing of overfitting the
    data the model learns from. Other lists are returned as they are."""
    kept = [s for s in losses if not names_a_shifted_set(s.metric)]
    return kept if kept and len(kept) < len(losses) else losses


def names_a_shifted_set(metric: str) -> bool:
    """True when a metric's name says its eval set is shifted from the training data."""
    return bool(_SHIFTED_SET.search(metric))


_LOSS_TWIN = re.compile(r"^loss_(epoch|step|\d+)$")  # train_loss_epoch, train_loss_0, ...
_TOTAL = re.compile(r"(?<![a-z])(total|overall|sum)(?![a-z])", re.IGNORECASE)


def total_loss(losses: list[Series]) -> Series | None:
    """Of a loss and its parts (``loss/total_loss`` beside ``loss/pose_rot_loss``,
    ``loss/pose_scale_loss``...), the one named as their total, the loss the training
    optimised; None unless exactly one of several is."""
    totals = [s for s in losses if _TOTAL.search(s.metric)]
    return totals[0] if len(losses) > 1 and len(totals) == 1 else None


def direction_known(metric: str) -> bool:
    """True when the name says which way is better (``LOWER_IS_BETTER``, ``HIGHER_IS_BETTER``)."""
    return bool(HIGHER_IS_BETTER.search(metric) or LOWER_IS_BETTER.search(metric))


def infer_directions(series: dict[str, Series]) -> dict[str, Series]:
    """``series`` with each held-out quality series whose name says nothing of its direction
    (``direction_known``: a bare ``metric``, a relation extractor's ``p``, ``r`` and ``f``)
    read as higher-is-better when it moves against the train loss: their rank correlation,
    the train loss interpolated at the series' steps, is ``-DIRECTION_CORRELATION`` or lower
    over ``MIN_POINTS`` points or more (precision climbing 0.30 -> 0.84 while the loss falls
    1.86 -> 0.001). Otherwise such a name stays lower-is-better, as before."""
    loss = train_loss(series)
    if loss is None or len(loss) < MIN_POINTS:
        return series
    inferred = dict(series)
    for name, one in series.items():
        if one.split not in HELD_OUT_SPLITS or direction_known(one.metric) \
                or not is_curve_metric(one.metric):
            continue
        if _against(one, loss) <= -DIRECTION_CORRELATION:
            inferred[name] = replace(one, inferred_lower=False, cache={})
    return inferred


def _against(one: Series, loss: Series) -> float:
    """The rank correlation of ``one`` with ``loss`` interpolated at its steps (within the
    loss's step range), 0 when fewer than ``MIN_POINTS`` points overlap."""
    keep = np.isfinite(loss.values)
    if int(keep.sum()) < MIN_POINTS:
        return 0.0
    steps, values = loss.steps[keep], loss.values[keep]
    inside = np.isfinite(one.values) & (one.steps >= steps.min()) & (one.steps <= steps.max())
    if int(inside.sum()) < MIN_POINTS:
        return 0.0
    mine = pd.Series(one.values[inside])
    theirs = pd.Series(np.interp(one.steps[inside], steps, values))
    found = mine.rank().corr(theirs.rank())  # Spearman's, without scipy
    return float(found) if np.isfinite(found) else 0.0


def train_loss(series: dict[str, Series]) -> Series | None:
    """The run's training loss curve (``train/loss`` or the first train loss-type series).

    When the loss was logged twice (Lightning's per-step and per-epoch ``train/loss`` and
    ``train/loss_epoch``, a dataloader's ``train/loss_0``), the densest is it: a per-step
    loss logged every 50 steps of a 4-step epoch has 16 points where the epoch means have
    200."""
    if "train/loss" in series:
        twins = [s for s in series.values() if s.split == "train" and _LOSS_TWIN.match(s.metric)]
        return max([series["train/loss"], *twins], key=lambda s: len(s.values))
    candidates = [s for s in series.values() if s.split == "train" and "loss" in s.metric
                  and is_curve_metric(s.metric)]
    return total_loss(candidates) or (candidates[0] if candidates else None)


_CHECKPOINT_STEP = re.compile(r"checkpoint-(\d+)/?$")
_MAP_50_95 = re.compile(r"map.*(50-95|0\.5:0\.95)", re.IGNORECASE)
_MAP_50 = re.compile(r"map_?(50|0\.5)(\([a-z]\))?$", re.IGNORECASE)
YOLO_FITNESS_WEIGHTS = (0.9, 0.1)  # Ultralytics' fitness: 0.9 mAP50-95 + 0.1 mAP50
YOLO_CLASSIFY_WEIGHTS = (0.5, 0.5)  # its classifiers': the mean of top-1 and top-5 accuracy
_TOP_1 = re.compile(r"accuracy_top1$", re.IGNORECASE)
_TOP_5 = re.compile(r"accuracy_top5$", re.IGNORECASE)


def _val_series(series: dict[str, Series], pattern: re.Pattern) -> Series | None:
    """The first val series whose metric matches ``pattern``."""
    return next((s for s in series.values() if s.split == "val" and pattern.search(s.metric)),
                None)


def checkpoint_step(path: object) -> int | None:
    """The step of an HF ``.../checkpoint-N`` path, else None."""
    match = _CHECKPOINT_STEP.search(str(path)) if isinstance(path, str) else None
    return int(match.group(1)) if match else None


def optimised_series(series: dict[str, Series], meta: dict) -> Series | None:
    """The eval series the training optimised, when the log says which.

    HF Trainer: ``metric_for_best_model`` is not stored, but ``best_metric`` is
    the value of that eval metric at ``best_model_checkpoint``'s step: the val
    series holding that value at that step (relative tolerance 1e-6) is it.
    YOLO: Ultralytics and YOLOv5 keep the checkpoint with the best fitness,
    0.9 x mAP50-95 + 0.1 x mAP50 (a classifier: the mean of top-1 and top-5 accuracy),
    returned as a derived ``val/fitness`` series.
    """
    best, step = meta.get("best_metric"), checkpoint_step(meta.get("best_model_checkpoint"))
    if isinstance(best, (int, float)) and math.isfinite(best) and step is not None:
        for candidate in series.values():
            if candidate.split != "val" or not is_curve_metric(candidate.metric):
                continue
            at = np.flatnonzero(candidate.steps == step)
            if len(at) and math.isclose(float(candidate.values[at[-1]]), best,
                                        rel_tol=1e-6, abs_tol=1e-12):
                return candidate
    return yolo_fitness(series)


def yolo_fitness(series: dict[str, Series]) -> Series | None:
    """YOLO's fitness series from its mAP50-95 and mAP50 columns, or (a classifier, whose
    ``ClassifyMetrics.fitness`` is the mean of the two) its top-1 and top-5 accuracy columns;
    None without either pair. A pose or segment model's box ``(B)`` and keypoint ``(P)`` or
    mask ``(M)`` heads each have a fitness, which Ultralytics sums: their mean here (the same
    best epoch, on the 0-1 scale of one head)."""
    heads = _map_heads(series)
    weights = YOLO_FITNESS_WEIGHTS
    if not heads:
        wide, narrow = _val_series(series, _TOP_1), _val_series(series, _TOP_5)
        heads = [(wide, narrow)] if wide is not None and narrow is not None else []
        weights = YOLO_CLASSIFY_WEIGHTS
    if not heads:
        return None
    steps = heads[0][0].steps
    for pair in heads:
        for part in pair:
            steps = np.intersect1d(steps, part.steps)
    if len(steps) < MIN_POINTS:
        return None
    values = np.zeros(len(steps))
    for wide, narrow in heads:
        values += weights[0] * _at_steps(wide, steps) + weights[1] * _at_steps(narrow, steps)
    first = heads[0][0]
    tags = sorted({tag for pair in heads for part in pair for tag in part.tags})
    return Series(first.run, "val", "fitness", steps, values / len(heads),
                  first.epochs[np.searchsorted(first.steps, steps)], tags)


def _at_steps(series: Series, steps: np.ndarray) -> np.ndarray:
    """A series' values at ``steps`` (all of which it has)."""
    return series.values[np.searchsorted(series.steps, steps)]


_HEAD = re.compile(r"\(([a-z])\)$", re.IGNORECASE)


def _map_heads(series: dict[str, Series]) -> list[tuple[Series, Series]]:
    """(mAP50-95, mAP50) val series per head: a detector's one pair, or each ``(X)`` head's pair
    of a pose or segment model (``mAP50-95(B)`` with ``mAP50(B)``, ``mAP50-95(P)`` with
    ``mAP50(P)``)."""
    held = [s for s in series.values() if s.split == "val"]
    pairs = []
    for wide in (s for s in held if _MAP_50_95.search(s.metric)):
        head = _head_of(wide.metric)
        narrow = next((s for s in held if _MAP_50.search(s.metric)
                       and _head_of(s.metric) == head), None)
        if narrow is not None:
            pairs.append((wide, narrow))
        if head is None:
            break  # a detector without heads: one pair
    return pairs


def _head_of(metric: str) -> str | None:
    """The head letter of a YOLO metric (``mAP50(P)`` -> ``p``), else None."""
    found = _HEAD.search(metric)
    return found.group(1).lower() if found else None


# Series whose last steps differ by this factor or more count an epoch-indexed and an
# iteration-indexed axis (Keras' epoch_* and evaluation_*_vs_iterations in one run).
DOMAIN_RATIO = 8.0


def same_domain(first: Series, second: Series) -> bool:
    """True when two series' steps count the same thing (both epochs or both iterations)."""
    a, b = (float(np.max(s.steps)) if len(s) else 0.0 for s in (first, second))
    low, high = min(a, b), max(a, b)
    return high < DOMAIN_RATIO * max(low, 1.0)


REVALIDATION_GAP = 0.05  # a last evaluation this share of the eval spacing after the one before


def drop_revalidation(series: dict[str, Series]) -> tuple[dict[str, Series], str | None]:
    """Held-out series without a trailing re-validation of the best checkpoint, with the note
    that says so (None when there was none).

    Lightning's ``trainer.validate(ckpt_path="best")`` after ``fit`` logs one more val point
    a step or so after the last, holding exactly the values of the best evaluation: read as
    progress it makes a val that crept up since its best end "at a new best". A last point
    within ``REVALIDATION_GAP`` of the eval spacing of the one before, whose value equals an
    earlier one's (relative 1e-9), over ``MIN_POINTS`` evaluations or more, is left out."""
    kept, dropped = dict(series), []
    for name, curve in series.items():
        steps, values = curve.steps, curve.values
        if not curve.held_out or len(steps) < MIN_POINTS or not np.isfinite(values[-1]):
            continue
        spacing = float(np.median(np.diff(steps[:-1])))
        repeated = np.isclose(values[:-1], values[-1], rtol=1e-9, atol=0.0)
        if spacing > 0 and steps[-1] - steps[-2] <= REVALIDATION_GAP * spacing \
                and repeated.any():
            kept[name] = replace(curve, steps=steps[:-1], values=values[:-1],
                                 epochs=curve.epochs[:-1], cache={})
            dropped.append(f"{name} (step {int(steps[-1])} repeats step "
                           f"{int(steps[:-1][repeated][-1])})")
    if not dropped:
        return series, None
    return kept, ("a re-validation of the best checkpoint after training is left out: "
                  + ", ".join(dropped))


def link_epoch_indexed(series: dict[str, Series]) -> tuple[dict[str, Series], str | None]:
    """Held-out series logged by epoch index beside a train loss logged by iteration, each
    point placed at the end of its epoch on the train loss's step axis; with the note that
    says so (None when nothing was linked).

    Hand-written loops often write ``add_scalar("Loss/train", loss, global_step)`` but
    ``add_scalar("Loss/val", loss, epoch)``. Such a log has no epoch column to link the two
    (``same_domain`` keeps them apart), but its numbers do: a held-out series whose steps
    are consecutive integers from 0 or 1, with no train loss on its own axis, beside a train
    loss whose last step is ``DOMAIN_RATIO`` times larger, counts E epochs of
    (last train step + its logging interval) / E steps each. Judged apart, the held-out
    curve has no train curve to read against (its rise reads as a divergence instead of
    overfitting). Every d-th epoch (0, 5, 10, ... or 5, 10, ...) is linked the same way,
    its last point taken as the last epoch. The other way round, E evaluations at iterations
    k, 2k, ... Ek beside a train loss of E epochs (Keras' ``evaluation_loss_vs_iterations``
    beside ``epoch_loss``), the same arithmetic places evaluation e at epoch e.
    """
    train = train_loss(series)
    held = [s for s in series.values() if s.held_out and len(s) >= MIN_POINTS
            and train is not None and not same_domain(s, train) and _epoch_indexed(s)]
    if not held or train_loss({name: s for name, s in series.items()
                               if same_domain(s, held[0])}) is not None:
        return series, None
    interval = float(np.median(np.diff(train.steps))) if len(train) > 1 else 1.0
    linked = dict(series)
    for found in held:
        zero_based = int(found.steps[0]) == 0  # epochs 0..E-1, else 1..E
        epochs = int(found.steps[-1]) + (1 if zero_based else 0)
        per_epoch = (float(train.steps[-1]) + interval) / epochs
        ends = found.steps + (1 if zero_based else 0)
        steps = np.round(ends * per_epoch - 1).astype(np.int64)
        linked[found.name] = replace(found, steps=steps, epochs=found.steps.astype(float),
                                     cache={})
    names = ", ".join(s.name for s in held)
    span = f"{int(held[0].steps[0])}-{int(held[0].steps[-1])}"
    if per_epoch < 1:  # Keras' evaluation_*_vs_iterations beside its epoch_* train loss
        return linked, (f"{names} logged by iteration ({span}) and {train.name} by epoch: "
                        f"each evaluation is placed at its epoch")
    return linked, (f"{names} logged by epoch ({span}) and {train.name} by iteration: each "
                    f"epoch's point is placed at its end, about {per_epoch:.0f} steps apart")


def _epoch_indexed(found: Series) -> bool:
    """Steps 0, 1, 2, ... or 1, 2, 3, ... (or every d-th of them: 0, 5, 10, ... or 5, 10,
    ...): an epoch counter, not an iteration."""
    steps = found.steps
    spacing = np.diff(steps)
    return bool(spacing[0] >= 1 and np.all(spacing == spacing[0])) \
        and int(steps[0]) in (0, 1, int(spacing[0]))
