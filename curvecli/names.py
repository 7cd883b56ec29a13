"""Tag -> (split, metric) normalisation: the one table that names series.

Every log spells the same series differently (``eval_loss``, ``eval/loss``,
``val_loss``, ``Loss/val``, ``epoch_loss`` in a Keras ``validation/`` dir).
This module owns the mapping from a tag as written, plus an optional context
(the name of the sub-directory a TensorBoard file sits in, e.g. ``train`` or
``validation``), to a split (``train``, ``val``, ``test`` or ``""``) and a
canonical, lower-cased metric name. Unknown names are kept, lower-cased.
"""

from __future__ import annotations

import re
from functools import lru_cache

TRAIN, VAL, TEST, RUN_LEVEL = "train", "val", "test", ""
SPLITS = (TRAIN, VAL, TEST, RUN_LEVEL)

# Words that name a split when they are a whole component of a tag or dir name.
SPLIT_WORDS: dict[str, str] = {
    "train": TRAIN,
    "training": TRAIN,
    "learn": TRAIN,  # CatBoost writes its training curve under learn/
    "eval": VAL,
    "evaluation": VAL,
    "val": VAL,
    "valid": VAL,
    "validation": VAL,
    "dev": VAL,
    "test": TEST,
    "testing": TEST,
    "predict": TEST,
    # abbreviations hand-written histories use (``epoch,tr_loss,tr_acc,vl_loss,vl_acc``)
    "tr": TRAIN,
    "trn": TRAIN,
    "vl": VAL,
    "vld": VAL,
    "tst": TEST,
}

# The split words logs write before a series or a line's metrics (``[val] miou:``,
# ``{"loss": {"validation": [...]}}``), as a regex alternation for the readers.
LOGGED_SPLIT_WORDS = "train|training|val|valid|validation|eval|test"

# Canonical metric names for common spellings (after the split is removed).
METRIC_ALIASES: dict[str, str] = {
    "loss": "loss",
    "losses": "loss",
    "acc": "accuracy",
    "accuracy": "accuracy",
    "lr": "learning_rate",
    "learning_rate": "learning_rate",
    "learningrate": "learning_rate",
    "learning-rate": "learning_rate",
    "grad_norm": "grad_norm",
    "gradient_norm": "grad_norm",
    "grad-norm": "grad_norm",
    "gnorm": "grad_norm",  # fairseq's
    "ppl": "perplexity",
    "perplexity": "perplexity",
    # the loss and the accuracy in the languages logs are most often written in besides English
    # (a Catalan ``Epoca,Perdua,Accuracy`` CSV): Spanish, Catalan, Portuguese, French, Italian,
    # German
    **dict.fromkeys(("perdida", "pérdida", "perdua", "pèrdua", "perda", "perte", "perdita",
                     "verlust"), "loss"),
    **dict.fromkeys(("exactitud", "acuracia", "acurácia", "exactitude",
                     "accuratezza", "genauigkeit"), "accuracy"),
}

# Series that describe the whole run rather than one data split.
RUN_LEVEL_METRICS = frozenset(
    {
        "learning_rate",
        "grad_norm",
        "epoch",
        "global_step",
        "num_input_tokens_seen",
        "total_flos",
        "momentum",
        "weight_decay",
        "hp_metric",
    }
)

# A metric that has no split in its name but is a model-quality number logged
# during training (``loss`` in a Trainer training entry, Keras ``accuracy``).
_TRAIN_BY_DEFAULT = re.compile(r"(^|[_\-/])(loss|accuracy|acc|perplexity|ppl)$")

# Lightning LearningRateMonitor: ``lr-Adam``, ``lr-SGD``, ``lr-AdamW/pg1``.
_LR_MONITOR = re.compile(r"^lr-[A-Za-z0-9]+(?:/pg(\d+))?(?:-momentum)?$")
# YOLOv5 ``x/lr0``..``x/lr2`` and Ultralytics ``lr/pg0``..``lr/pg2``: param groups.
_LR_GROUP = re.compile(r"^(?:x/lr|lr/pg)(\d+)$")
# Keras TensorBoard callback prefixes.
_KERAS_PREFIX = re.compile(r"^epoch_(.+)$")

_SEPARATORS = ("/", "_", "-", " ", ".")


# YOLOv10's losses of its one-to-many and one-to-one heads: ``train/box_om``, ``val/cls_oo``.
_YOLO10_LOSS = re.compile(r"^(box|cls|dfl)_(om|oo)$")


def with_train_twins(named: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``named`` (split, metric) pairs of one log, where a metric without a split is train's
    when the log also holds it for val: NeuralProphet and Lightning modules log ``MAE`` and
    ``MAE_val``, Keras ``mae`` and ``val_mae`` (run-level series such as the learning rate
    keep no split)."""
    held_out = {metric for split, metric in named if split == VAL}
    return [(TRAIN, metric) if split == RUN_LEVEL and metric in held_out
            and metric not in RUN_LEVEL_METRICS else (split, metric) for split, metric in named]


def _canonical(metric: str) -> str:
    metric = metric.strip().lower()
    metric = _YOLO10_LOSS.sub(r"\1_loss_\2", metric)
    return METRIC_ALIASES.get(metric, metric)


def _split_of(word: str) -> str | None:
    return SPLIT_WORDS.get(word.strip().lower())


# A name that says what it measures (an add_scalars key such as ``valid_epoch_loss``).
MEASURE_NAME = re.compile(r"loss|acc|err|f1|auc|iou|dice|dsc|map|bleu|rouge|wer|cer|mse|mae|nll|"
                          r"ppl|perplex|score|precision|recall|reward", re.IGNORECASE)


# What separates the words of a name (``val_acc``, ``loss/train``, ``Average Validation loss``).
# Metrics GluonCV's detection scripts log under names of their own: two losses without the word
# "loss" (``CrossEntropy``, ``SmoothL1``) and an average precision (``val_AP``, ``AP50``).
UNNAMED_LOSSES = r"cross_?entropy|smooth_?l1"
AVERAGE_PRECISION = r"(?:(?<![a-z])|(?<=coco))ap(?:50|75)?(?:_95)?$"  # YOLOX: COCOAP50_95
_NAME_WORDS = re.compile(r"[/_\-. ]+")


def name_words(name: str) -> list[str]:
    """The words of ``name``, lower-cased (``rollout/ep_rew_mean``: rollout, ep, rew, mean)."""
    return [word for word in _NAME_WORDS.split(name.lower()) if word]


def split_word_in(name: str) -> str | None:
    """The first word of ``name`` (any case) that is a split word, as written; None when
    there is none."""
    return next((word for word in _NAME_WORDS.split(name) if _split_of(word)), None)


# ``Loss/Val_Epoch``, ``loss/train_batch``: a split word with the granularity of its points.
_SPLIT_GRAIN = re.compile(r"^([a-z]+)[_\-](epoch|batch|step|iter)$")
# Each granularity in Lightning's words: the mean over an epoch, or one point per step.
_GRAIN_WORD = {"epoch": "epoch", "batch": "step", "step": "step", "iter": "step"}


def _ungrain(tag: str) -> str:
    """``Loss/Val_Epoch`` -> ``val_loss_epoch`` (and ``loss/train_batch`` ->
    ``train_loss_step``): a two-part tag whose one part joins a split word and a granularity
    is spelled as Lightning spells it, so Lightning's suffix rule names it; any other tag as
    it is."""
    parts = tag.split("/")
    if len(parts) != 2 or not all(parts):
        return tag
    for grain_at, metric in ((1, parts[0]), (0, parts[1])):
        match = _SPLIT_GRAIN.match(parts[grain_at].strip().lower())
        if match and _split_of(match.group(1)) is not None:
            return f"{match.group(1)}_{metric}_{_GRAIN_WORD[match.group(2)]}"
    return tag


def _strip_split(tag: str) -> tuple[str | None, str]:
    """Find a split word at the start or end of ``tag``; return (split, rest). A word before
    the split word (how the points were aggregated, or a model head's name) stays with the
    rest: ``avg_val_loss`` is the val ``avg_loss`` (a loss, judged when no plain ``val_loss``
    is logged beside it), a two-head Keras history's ``reg_val_loss`` the val ``reg_loss``,
    ``epoch_val_loss`` the val ``epoch_loss`` (Keras' epoch prefix, dropped later), and
    ``Average Validation loss`` (words apart) the val ``average_loss``. A running
    best or a final value (``best_val_loss``, ``final_val_acc``: ``NOT_A_HEAD``) is no curve
    of the split and keeps its whole name."""
    low = tag.lower()
    headed = _HEADED.match(low)
    if headed and headed.group(1) not in NOT_A_HEAD and _split_of(headed.group(1)) is None:
        split, rest = _strip_split(low[headed.end():])
        if split is not None:
            return split, headed.group(1) + "_" + rest
    for sep in _SEPARATORS:
        if sep not in low:
            continue
        head, _, rest = low.partition(sep)
        split = _split_of(head)
        if split is not None and rest:
            return split, rest
        rest, _, tail = low.rpartition(sep)
        split = _split_of(tail)
        if split is not None and rest:
            return split, rest
    return _namespaced_split(low)


_HEADED = re.compile(r"^([a-z][a-z0-9]{0,11})[_\- ](?=(?:" + LOGGED_SPLIT_WORDS
                     + r"|testing)[_\- ]\w)")
# Words before a split word that make a derived value, not the split's curve.
NOT_A_HEAD = frozenset({"best", "min", "max", "final", "last", "prev", "previous", "running",
                        "initial", "init", "start", "end", "lowest", "highest", "top"})


def _namespaced_split(low: str) -> tuple[str | None, str]:
    """A split inside a namespaced tag: ``finetuning/val_loss`` is the val ``finetuning/loss``,
    ``pretrain/val/loss`` the val ``pretrain/loss`` (a stage or model name first, then the
    split, as its own component or the prefix of the last). Else (None, the tag)."""
    parts = low.split("/")
    if len(parts) < 3 and (len(parts) < 2 or "_" not in parts[-1]):
        return None, low
    for index in range(1, len(parts)):
        if index < len(parts) - 1 and _split_of(parts[index]) is not None:
            return _split_of(parts[index]), "/".join(parts[:index] + parts[index + 1:])
    head, _, rest = parts[-1].partition("_")
    split = _split_of(head)
    if split is not None and rest:
        return split, "/".join(parts[:-1] + [rest])
    return None, low


# ``TrainLoss``, ``valAcc``: a split word and a metric run together in camel case.
_CAMEL = re.compile(r"^([A-Za-z][a-z]*)([A-Z][A-Za-z0-9]*)$")


# Chinese names of splits and measures (a Lightning metrics.csv with "训练/损失", "验证/准确率"),
# longest first: read as their English names, "val/loss" and "val/accuracy".
CHINESE_WORDS = (("总损失", "total_loss"), ("损失值", "loss"), ("损失", "loss"),
                 ("准确率", "accuracy"), ("准确度", "accuracy"), ("正确率", "accuracy"),
                 ("精确率", "precision"), ("召回率", "recall"), ("学习率", "learning_rate"),
                 ("困惑度", "perplexity"), ("误差", "error"), ("分数", "_score"),
                 ("训练集", "train"), ("训练", "train"), ("验证集", "val"), ("验证", "val"),
                 ("测试集", "test"), ("测试", "test"))


def _in_english(tag: str) -> str:
    """``tag`` with its Chinese split and measure words (``CHINESE_WORDS``) in English."""
    if tag.isascii():
        return tag
    for word, english in CHINESE_WORDS:
        tag = tag.replace(word, english)
    return tag


def _uncamel(tag: str) -> str:
    """``TrainLoss`` -> ``Train_Loss`` when the first camel-case word is a split word and the
    tag has no separator; any other tag as it is (``mAP`` stays one word)."""
    match = _CAMEL.match(tag)
    if match is None or _split_of(match.group(1)) is None:
        return tag
    return f"{match.group(1)}_{match.group(2)}"


def has_split_word(name: str) -> bool:
    """True when a word of ``name`` is a split's (``val_acc``, ``loss/train``)."""
    return any(word in SPLIT_WORDS for word in _NAME_WORDS.split(name))


@lru_cache(maxsize=65536)
def normalise(tag: str, context: str | None = None) -> tuple[str, str]:
    """Map a tag as written (and the dir it was found in) to ``(split, metric)``.

    ``context`` is a split hint from the layout: the sub-directory name of a
    Keras ``train/``/``validation/`` TensorBoard pair, of a PyTorch
    ``add_scalars`` sub-run (``loss_val``), or of a CatBoost ``learn/`` dir.
    """
    raw = _in_english(tag.strip())
    context_split = _split_of(context) if context else None

    lr = _LR_MONITOR.match(raw)
    if lr:
        group = lr.group(1)
        name = "learning_rate" if not group or group == "0" else f"learning_rate_pg{group}"
        if raw.endswith("-momentum"):
            name = "momentum"
        return RUN_LEVEL, name
    group = _LR_GROUP.match(raw.lower())
    if group:
        index = group.group(1)
        return RUN_LEVEL, "learning_rate" if index == "0" else f"learning_rate_pg{index}"

    raw = _ungrain(_uncamel(raw))
    low = raw.lower()
    # YOLO ``metrics/precision``, ``metrics/mAP_0.5``: validation metrics.
    if low.startswith("metrics/"):
        return VAL, _canonical(low[len("metrics/"):])

    split, rest = _strip_split(raw)
    if split is None and context_split is None:
        # HF Trainer summary writer logs ``train/learning_rate``; handled above
        # only when a split was found, so run-level names land here too.
        keras = _KERAS_PREFIX.match(low)
        # Keras' TensorBoard callback writes ``epoch_loss``; a CSV column such as
        # ``epoch_time_seconds`` is not a Keras metric and keeps its name.
        if keras and (_TRAIN_BY_DEFAULT.search(keras.group(1))
                      or _canonical(keras.group(1)) in RUN_LEVEL_METRICS):
            rest = keras.group(1)
            split = TRAIN
    if split is None and context_split is not None:
        keras = _KERAS_PREFIX.match(low)
        rest = keras.group(1) if keras else low
        split = context_split
    metric = _canonical(rest)
    if split is not None and metric.startswith("epoch_") and metric != "epoch_":
        # Keras ``validation/epoch_loss`` joined into one tag.
        metric = _canonical(metric[len("epoch_"):])

    # Run-level series stay run-level whatever prefix the writer added
    # (HF's TensorBoard callback writes ``train/learning_rate``).
    if metric in RUN_LEVEL_METRICS:
        return RUN_LEVEL, metric
    if split in (VAL, TEST) and metric.endswith("_epoch") and len(metric) > len("_epoch"):
        # Lightning ``val_loss_epoch`` (logged with on_step and on_epoch) is the val curve,
        # ``val_loss`` when logged per epoch only; its ``val_loss_step`` twin holds one point
        # per validation batch, counted by batch, and keeps its suffix.
        metric = _canonical(metric[: -len("_epoch")])
    elif split is not None and metric.endswith("_step") and len(metric) > len("_step") \
            and split not in (VAL, TEST):
        # Lightning ``train_loss_step`` is the per-step curve of ``train_loss``;
        # its per-epoch twin ``train_loss_epoch`` keeps its suffix.
        metric = _canonical(metric[: -len("_step")])
    if split is not None:
        return split, metric
    if _TRAIN_BY_DEFAULT.search(metric) and not has_split_word(metric):
        return TRAIN, metric
    return RUN_LEVEL, metric


def series_name(split: str, metric: str) -> str:
    """The user-facing name of a series: ``val/loss``, or ``learning_rate``."""
    return f"{split}/{metric}" if split else metric


# Series that are never judged or drawn as curves: run-level counters, throughput, timing.
IGNORED_METRICS = frozenset({"hp_metric", "epoch", "global_step", "runtime", "samples_per_second",
                             "steps_per_second", "total_flos", "num_input_tokens_seen", "iter",
                             "mfu"})
_BOOKKEEPING = re.compile(r"runtime|per_second|per_sec$|_time|time_|flos|memory|mem_|gpu|"
                          r"tokens_seen|tokens_per_|throughput|^epoch$|step$|gen_len|^is_|"
                          r"_count$|^n_|num_|^iters?$|^iteration$|^lr_scale$|"
                          r"_step/epoch_\d+$|"  # Lightning 1.0's per-batch values inside epoch N
                          r"fraction_of_\d+_full$|/sec$",  # TF1 queue fill levels, global_step/sec
                          re.IGNORECASE)


def is_curve_metric(metric: str) -> bool:
    """True for model-quality series (loss, accuracy...), False for bookkeeping."""
    return metric not in IGNORED_METRICS and not _BOOKKEEPING.search(metric)
