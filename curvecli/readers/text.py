"""Console logs: what a training script prints, saved by ``nohup``, SLURM, ``tee`` or a notebook.

A file (``train.log``, ``nohup.out``, ``slurm-123.out``, ``*.log``, ``*.txt``) is read in blocks;
its *fragments* are the text between ``\\n``, ``\\r`` and backspace (progress bars rewrite their
line with ``\\r`` or ``\\b``: each rewrite is a fragment of its own), with ANSI colour codes
dropped. Each fragment is tried against these dialects, in this order:

* **Keras** ``model.fit`` (Keras 2 and 3, verbose=1 progress bar and verbose=2): an
  ``Epoch k/N`` line opens epoch k; the epoch's values are the ``- name: value`` pairs of its
  end-of-epoch fragment: the one with ``val_`` keys, else one whose ``n/n`` counter is full (or
  has no counter: verbose=2), else the last one before the next ``Epoch`` line. Fragments after
  the end-of-epoch one (``evaluate()`` bars) are ignored; an epoch whose bar never finished (the
  log ends mid-epoch) gives no points. Step and epoch are k - 1: the 0-based ``epoch`` of the
  Keras CSVLogger (``KerasReader``), so the console and CSV logs of one fit give the same steps.
  ``loss`` beside ``val_loss`` is the training curve, as for the CSV.
* **Hugging Face Trainer** dicts ``{'loss': 0.69, 'grad_norm': 1.2, 'learning_rate': 5e-05,
  'epoch': 0.1}`` and ``{'eval_loss': ..., 'epoch': 1.0}``, parsed with ``ast.literal_eval``;
  values are numbers or (transformers 5) strings of numbers. Every numeric value but ``epoch``
  is a point. The end-of-training dict (``train_runtime``) is ``meta["summary"]``, not points.
  The dicts hold no step (see ``_hf_steps``; ``meta["step_from"]`` says how it was found).
* **nanoGPT**: ``iter N: loss X, time Tms, mfu M%`` gives ``batch_loss`` (the loss of that
  iteration's batch) and ``mfu`` at step N (``-100.00%``, printed before the first estimate, is
  not a value); ``step N: train loss X, val loss Y`` gives ``train/loss`` and ``val/loss`` at
  step N (the keys nanoGPT logs to W&B).
* Keras callback messages (``Epoch 4: val_loss did not improve from 0.03644``,
  ``ReduceLROnPlateau reducing learning rate to ...``, ``early stopping``) and lines holding a
  URL (``Downloading data from https://...``) give no points: their numbers are not metrics.
* **Any other** line with a position and ``<name> <number>`` pairs whose name mentions a loss,
  accuracy, learning rate, ... (``Ep 1 (Step 000050): Train loss 0.617, Val loss 0.637``,
  ``Epoch 3/10, Train Loss: 0.41``): the step is the printed step, else the epoch index; a
  counter printed with its total beside the epoch (``Epoch 2 | Batch 100/7849``) that goes back
  when the epoch goes up restarts every epoch, so the step is (epoch - first epoch) x total +
  counter. Python ``logging`` lines (``2024-05-01 12:00:01,123 train INFO: epoch[3/50] loss:
  0.41``) are read the same way: the time stamp's comma is not a CSV's, ``epoch[3`` is a
  position, and in a file named like a console log a position and the metrics may stand on
  lines of their own. A line
  without a position (``Validation accuracy: 97.50%``) belongs to the last position seen.
  Values are kept as written (``97.50%`` is 97.5).
* **ProgressMeter** (PyTorch's ImageNet example and its many copies): ``Epoch: [3][ 10/5005]``
  lines of ``Name value (average)`` pairs are train points at step epoch x batches + batch; a
  validation's ``Test: [i/n]`` averages and its `` * Acc@1 ...`` summary are val points at the
  end of the epoch (``_Meter``); so are torchvision's references' MetricLogger lines
  (``Epoch: [3]  [ 10/5005]  lr: 0.1  loss: 6.9 (7.0)``: DETR, DeiT, MAE) and timm's train.py
  (``Train: 3 [  10/5005 (  0%)]  Loss: 6.94 (6.94)  LR: 1.000e-03``, also in its log file,
  after the ``2024-03-06 19:52:50,642 -  train: [    INFO] - `` prefix).
* **fairseq** (``--log-format simple``, with or without its logging prefix): ``epoch 003:
  100 / 282 loss=3.14, ..., num_updates=700`` train points and ``epoch 003 | valid on 'valid'
  subset | loss 4.37 | ... | num_updates 846`` val points at step ``num_updates``
  (``_Fairseq``).
* **OpenMMLab** (MMEngine and MMCV 1.x loggers, after their time stamp): ``Epoch(train)
  [1][ 5/23]  lr: ...  loss: 2.65`` / ``Epoch [1][50/397]\tlr: ..., loss: 677.7`` are train
  points, ``Epoch(val) [1][6/6]  coco/bbox_mAP: 0.59`` val points at the end of the epoch;
  ``Iter(train) [50/8000]`` / ``Iter [50/8000]`` by iteration (``_OpenMMLab``), an iteration
  after ``Epoch: [3/200]`` counting within that epoch (awesome-semantic-segmentation-pytorch).

Noise costs little: a fragment is parsed only when it holds one of ``TRIGGERS`` (found per
block by substring search on the lower-cased block), and memory stays at one block whatever the
file's size. The last fragment of a file that does not end with a line break is a line still
being written: it is not read.
"""

from __future__ import annotations

import ast
import codecs
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from curvecli import names, safeio
from curvecli.errors import FormatError
from curvecli.frame import Points, points_table
from curvecli.readers.base import (
    HEAD_BYTES,
    MAX_STEP,
    Reader,
    check_not_pointer,
    decode_text,
)
from curvecli.readers.csv_logs import LOGGING_TIME, VAL_PREFIX
from curvecli.readers.json_history import history_points, python_lists
from curvecli.readers.trainer_state import _SUMMARY_KEYS

BLOCK_BYTES = 1 << 20
# A fragment longer than this is not a metric line (a progress bar line that never breaks).
MAX_FRAGMENT_BYTES = 64 << 10
# Sniffing a file named like a console log looks this far when its head shows no metric line
# (a log may open with pages of warnings).
SNIFF_MORE_BYTES = 1 << 20
CONSOLE_SUFFIXES = frozenset({".log", ".out", ".txt", ".err"})
# A fragment is parsed only when its lower-cased text holds one of these: a metric word a
# position-less line may carry, a position word, or an HF dict's opening.
TRIGGERS = (b"loss", b"acc", b"perplex", b"ppl", b"bleu", b"rouge", b"f1", b"reward",
            b"learning", b"epoch", b"step", b"iter", b"ep ", b"it ", b"{'", b"fold", b"dice",
            b"iou", b"psnr", b"ssim", b"mse", b"mae", b"map", b".ber", b"_ber", b" ber",
            b"@")  # a measure at a cut-off: "R@1", "NDCG@10"
# build-nanogpt's "250 val 6.41" holds none of those: its lines are taken for that dialect only.
BUILD_NANOGPT_TRIGGERS = (b" train ", b" val ", b" hella ")
# A heading naming a split ("Test Metrics:", "Validation") holds no metric word: its own
# triggers, so that the unpositioned metric lines under it take its split (``_HEADING``).
HEADING_TRIGGERS = (b"test", b"valid", b"eval", b"dev ")
# pycocotools' "Evaluate annotation type *segm*" names what the summary after it evaluates.
COCO_TRIGGERS = (b"annotation type *", b"copypaste: ")
_TRIGGER_PATTERNS = tuple(re.compile(re.escape(trigger)) for trigger in
                          TRIGGERS + BUILD_NANOGPT_TRIGGERS + HEADING_TRIGGERS + COCO_TRIGGERS)
_METRIC_TRIGGER = re.compile("|".join(re.escape(t.decode()) for t in TRIGGERS))
_BREAK = re.compile(rb"[\n\r\x08]")
# ANSI codes, also in caret notation ("^[[B": a terminal's escape pasted as text).
_ANSI = re.compile(r"(?:\x1b|\^\[)\[[0-9;?]*[A-Za-z]")
# Markdown bold around words ("**Train** Prec@1"), not a banner of stars ("**** EPOCH 000 ****")
_BOLD = re.compile(r"(?<!\*)\*\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*\*(?!\*)")

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|NaN|[-+]?inf(?:inity)?|[-+]?Inf(?:inity)?"
# "step 5", "iters: 20" (also glued to a timestamp before it: "23:37:35iters:  20"; not a
# config's "max_iters" or "Total steps: 10000"), "global_step: 13397" (DBNet, beside its epoch).
_STEP = re.compile(r"(?:(?<![a-z_])(?:global[_ ]?)?(?:step|iter(?:ation|s)?)|\bit)\b"
                   r"\s*[:=#\[,]?\s*(\d+)", re.IGNORECASE)
# A batch counter after the epoch, with no total: "ep: 0, batch: 20, ... loss: 10.98",
# "Epoch 3 | Batch 100 | Loss 0.41" (a counter that may restart every epoch, as "[step:s]"; a
# whole number, not a clock's "ms/batch 181.56").
_BATCH = re.compile(r"(?<![a-z_/])batch(?:_?idx)?\b\s*[:=#\[,]?\s*(\d+)(?![\d.]|\s*/\s*\d)",
                    re.IGNORECASE)
# A line opening with its iteration out of the total, bracketed (deep-text-recognition-benchmark:
# "[20000/300000] Train loss: 0.01234, Valid loss: 0.02345").
_BRACKET_COUNT = re.compile(r"^\s*\[(\d+)\s*/\s*\d+\]")
# A counter that restarts every epoch, printed with its total: "Batch 100/7849", "step 10/542",
# "Iteration[50/3385]".
_WITHIN_EPOCH = re.compile(r"\b(?:step|batch|iter(?:ation)?|it)\b\s*[:=#\[]?\s*(\d+)\s*/\s*(\d+)",
                           re.IGNORECASE)
# A count out of its total in brackets right after the epoch, restarting every epoch: PyTorch's
# MNIST example's "Train Epoch: 1 [640/60000 (1%)]\tLoss: 2.30" (samples) and its many copies,
# "epoch : 0 [5/21279] Train loss: 7.32" (batches).
_EPOCH_COUNT = re.compile(r"\b(?:ep|epoch)\s*[:=#]?\s*\d+\s*\[\s*(\d+)\s*/\s*(\d+)",
                          re.IGNORECASE)
# The batch in brackets after the epoch's, with no total (SwAV's and DeepCluster's logger:
# "Epoch: [3][50]\tTime 2.376 (1.927)\tLoss 4.2079 (4.2377)\tLr: 0.0019"): a count that
# restarts every epoch.
_EPOCH_THEN_BRACKET = re.compile(r"\bepoch:?\s*\[\s*\d+\s*\]\s*\[\s*(\d+)\s*\]", re.IGNORECASE)
# The epoch and the mini-batch count (restarting every epoch) in brackets opening the line:
# PyTorch's CIFAR-10 tutorial ("Training a Classifier") and its copies, "[1,  2000] loss: 2.131".
_TUTORIAL_EPOCH = re.compile(r"^\s*\[\s*(\d+)\s*,\s*\d+\s*\]")
_TUTORIAL_BATCH = re.compile(r"^\s*\[\s*\d+\s*,\s*(\d+)\s*\]")
# A line opening with its split and its epoch, then a comma: DGCNN's (WangYue01/dgcnn and its
# forks) "Train 3, loss: 2.18, train acc: 0.64" and "Test 3, loss: 2.05, test acc: 0.70".
_SPLIT_EPOCH = re.compile(r"^(?:train|test|val|valid|eval)\s+(\d+),\s", re.IGNORECASE)
# "epoch 3", "Epoch:3", "epoch[3", "Epoch: [ 3/20]" (DeepDA), "Ep 3/20"
# (a whole number, "5" or "5.0", not one with decimals or an exponent: "Learning Rate for this
# epoch: 0.001" or "1e-05" is no epoch)
_EPOCH = re.compile(r"\b(?:ep|epoch)(?:\b|(?=\d))\s*(?:[:=#\[,]|[:=#,]\s*\[)?\s*"
                    r"(\d+)(?:\.0+)?(?!\d|\.\d|[eE][-+]?\d)(?:\s*/\s*(\d+))?", re.IGNORECASE)
# A line opening with its split, in brackets or before its position: "[val] epoch:3 miou:0.48",
# "(train) loss: 0.5", "Train Epoch 3: 100%|...| 30/30 [..., Loss=0.2, Dice=0.6]", and
# PyTorch's MNIST example's "Test set: Average loss: 0.0330, Accuracy: 9897/10000 (99%)",
# "TEST in epoch0, loss = 2.20, acc = 44.1%".
_SPLIT_NAMES = f"({names.LOGGED_SPLIT_WORDS})"
_LINE_SPLIT = re.compile(rf"\s*(?:[\[(<]\s*{_SPLIT_NAMES}\s*[\])>]|{_SPLIT_NAMES}"
                         r"(?=\s+(?:in\s+)?(?:epoch|ep|step|iter|iteration|batch)(?:\b|\d)"
                         r"|\s+set\s*:|\s+\d+,\s))",
                         re.IGNORECASE)
# A split's results, wherever the line names them: Joey-NMT's "Validation result (greedy) at
# epoch 26, step 4000: token_accuracy: 6.22, loss: 38782.66, ppl: 22.96".
_RESULT_SPLIT = re.compile(rf"\b{_SPLIT_NAMES}()\s+results?\b", re.IGNORECASE)
# A split naming the part of a line that follows, in a segment of its own: "Train - Loss: 0.70
# | Acc: 0.45", "train (517 sec): n=215300, loss=1.609 | valid (3.2 sec): n=5400, loss=1.61",
# "[Epoch 0] validation: top1=0.17", "Epoch: 1 Dev Bleu Score: BLEU = 0.01", "Validation | R@1:
# 0.93" (a word must follow).
# A split abbreviated with a period before its metric: bentrevett's PyTorch tutorials (and their
# many copies) print "\t Val. Loss: 0.124 |  Val. PPL:   1.132".
_ABBREVIATED_SPLIT = re.compile(r"\b(val|valid|eval|test|train)\.(?=\s+[A-Za-z])", re.IGNORECASE)
# A dataset and its split before a dotted metric: "FSD_test.ber:3.83", "cifar_val.acc: 0.91".
_DOTTED_SPLIT = re.compile(r"\b[A-Za-z0-9]+_(val|valid|eval|test|train)\.(?=[A-Za-z])",
                           re.IGNORECASE)
_INLINE_SPLIT = re.compile(r"(?:^|(?<=[\s|;,\])]))(" + names.LOGGED_SPLIT_WORDS + r"|dev)\b"
                           r"(?:\s*\([^)]*\))?(?:(?:\s+[A-Za-z]\w*){0,3}\s*[:|]|\s+-)"
                           r"\s*(?=[A-Za-z])",
                           re.IGNORECASE)
# A split in brackets inside a line, before its metrics: "Epoch 1/200 [Val]   loss: 0.3613".
_BRACKETED_SPLIT = re.compile(r"(?:^|(?<=\s))\[(" + names.LOGGED_SPLIT_WORDS + r"|dev)\]\s*"
                              r"(?=[A-Za-z])", re.IGNORECASE)
# A k-fold position: "Fold 2/5", "fold[2/5]", "FOLD: 2" (not "5-fold cross-validation").
_FOLD = re.compile(r"\bfold\b\s*[:=#\[]?\s*(\d+)(?:\s*/\s*\d+)?", re.IGNORECASE)
# A separator (":", "=" or a space) stands between name and value, so a name may end in digits
# ("Val F1: 0.0405" is F1, not "Val F" = 1).
# A whole number: after a bare split name ("train: 1519") a count of examples.
_COUNT = re.compile(r"[-+]?\d+")
# A line with no number that names one split and little else ("Test Metrics:", "Evaluating on
# Test Set", "Validation"): a heading for the unpositioned lines under it.
_HEADING = re.compile(r"^[\W_]*(?:\w+\s+){0,3}?(" + names.LOGGED_SPLIT_WORDS
                      + r"|dev)(?:\s+\w+){0,2}[\W_]*$", re.IGNORECASE)
# A line that names a split and an epoch and nothing more ("Eval epoch: 4", "Training epoch:
# 5", ST-GCN's and mmskeleton's section lines): a heading with a position, whose split the
# unpositioned metric lines under it take ("\tmean_loss: 5.99", "\tTop1: 0.00%").
_SPLIT_EPOCH_HEADING = re.compile(r"(?:^|[\s\]|])(" + names.LOGGED_SPLIT_WORDS
                                  + r"|dev)\s+epoch\s*[:#]?\s*\d+\s*:?\s*$", re.IGNORECASE)
# A value with a unit of time after it is a clock, whatever its name ("Eval: 0.0002 s/iter",
# "train=1025s, val=0.5s"): no metric.
_TIME_UNIT = r"(?!\.?\d)(?!\s?(?:s|ms|secs?|seconds?|mins?|minutes?|h|hrs?|hours?)\b|\s?it/s)"
# A measure at a cut-off or threshold after its name: "R@1", "NDCG@10", "mAP@0.5", "mAP@.5:.95".
_AT_K = r"@(?:\d+(?:\.\d*)?|\.\d+)(?::(?:\d+(?:\.\d*)?|\.\d+))?"
_PAIR_TEXT = (r"(?P<name>[A-Za-z][A-Za-z0-9_/\- ]{0,40}?(?:" + _AT_K + r")?)"
              r"(?:\s*[:=%s]\s*|\s+)(?P<value>" + _NUMBER
              + r")" + _TIME_UNIT + r"(?P<pct>%%)?(?:/(?P<total>\d+)(?![\d.]))?")
_PAIR = re.compile(_PAIR_TEXT % "")
# Names and values taking turns between commas (``_comma_pairs``): a comma separates them too.
_COMMA_PAIR = re.compile(_PAIR_TEXT % ",")
# Only names like these are metrics; "Step 50" or "Ep 1" are positions, not values.
_METRIC_WORD = re.compile(r"loss|acc|accuracy|ppl|perplexity|\blr\b|learning[ _]rate|f1|bleu|top\d|"
                          r"rouge|wer|cer|grad[ _]?norm|auc|precision|recall|reward|dice|iou|"
                          r"psnr|ssim|(?<![A-Za-z0-9])(?:r?mse|mae|dsc)(?![A-Za-z0-9])|\b(?:map|ber)\b|"
                          + names.UNNAMED_LOSSES + "|"
                          + names.AVERAGE_PRECISION + r"|" + _AT_K, re.IGNORECASE)
# Messages of Keras callbacks ("Epoch 4: val_loss did not improve from 0.03644", "Epoch 4:
# ReduceLROnPlateau reducing learning rate to 0.015.") and download lines carry numbers that are
# not metrics: such a line gives no points.
_NOT_METRICS = re.compile(r"improved from|did not improve|saving model|finished saving|"
                          r"ReduceLROnPlateau|early stopping|Restoring model weights|://|"
                          r"sav(?:ed|ing) (?:the )?(?:new )?best|new best model|"
                          r"best model saved|model is (?:not )?improving|"
                          # Joey-NMT's closing "Best validation result (greedy) at step 4000:
                          # 22.96 ppl." repeats the best evaluation
                          r"\bbest (?:" + names.LOGGED_SPLIT_WORDS + r"|dev) results?\b|"
                          # scikit-learn's classification_report: its accuracy row ("accuracy
                          # 0.92 252": the score and the support) sums up a test, once
                          r"^accuracy\s+\d*\.\d+\s+\d+$", re.IGNORECASE)
# A printed config: a yacs/YAML key in capitals with an underscore alone on its line
# (Detectron2's "  FOCAL_LOSS_ALPHA: 0.25", "  BASE_LR: 0.02"), or a comment ("# LR reduced at
# the 28 epoch"): no points.
_CONFIG_LINE = re.compile(r"^(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+:\s*\S+|#\s.*)$")
# The unit of a clock's value before the next name ("time=20.8s  HR@10: 0.51"; the clock itself
# is no pair, ``_TIME_UNIT``).
_UNIT_LEFT = re.compile(r"^(?:s|ms|secs?|mins?|h)\s+(?=[A-Za-z])")
_FILLER_WORDS = re.compile(r"^(?:the|a|an|trained\s+with)\s+|\s+(?:is|was|are|of|at)$",
                           re.IGNORECASE)
_SNIFF_LINES = 40
# "top 1 acc" and "top 5 acc" are two metrics, not a pair top = 1 and an "acc" each
_TOP_K = re.compile(r"\btop[\s_-]+(\d+)\b", re.IGNORECASE)
# A position inside a metric's name, just before its value: "Average loss for epoch 1: 0.3625",
# "Test accuracy after epoch 1: 90.36%", "running loss of epoch 0 is : 1.70" (the line's
# position is read from it elsewhere).
_POSITION_IN_NAME = re.compile(r"\s+(?:for|after|at|in|of|on)\s+(?:the\s+)?"
                               r"(?:epoch|step|iter|iteration|batch)\s*\d+(?:\s*/\s*\d+)?"
                               r"(?=\s*(?:(?:is|was)\s*)?[:=])", re.IGNORECASE)
# The PyTorch CIFAR-10 tutorial's closing line, "Accuracy of the network on the 10000 test images:
# 55 %": the count of images is no value; read as "test Accuracy: 55 %".
_TUTORIAL_ACCURACY = re.compile(r"^(accuracy) of the (?:network|model) on the \d+ "
                                r"(test|train|val\w*) (?:images|samples|examples)(?=\s*:)",
                                re.IGNORECASE)
CSV_LIKE_SHARE = 2  # half the head's lines CSV-like: a CSV file, not a console log
_DIGIT = re.compile(r"[0-9]")
_METRIC_HINTS = ("loss", "acc", "ppl", "perplexity", "lr", "learning", "f1", "bleu", "rouge",
                 "wer", "cer", "grad", "auc", "precision", "recall", "reward", "dice", "iou",
                 "psnr", "ssim", "mse", "mae", "map", "train", "val", "test", "eval")

# Keras: "Epoch 3/10" alone on its line, then "150/150 ━━━━ 1s 2ms/step - loss: 0.1 - ...".
_KERAS_EPOCH = re.compile(r"^\s*Epoch (\d+)/(\d+)\s*$")
_KERAS_PAIR = re.compile(r"(?:^|\s)-\s+([A-Za-z_][\w./]*):\s+(" + _NUMBER + r")(?=\s|$)")
_KERAS_COUNTER = re.compile(r"^\s*(?:step\s+)?(\d+)/(\d+)\b")  # PaddlePaddle: "step 10/614"
PADDLE_EVAL = "Eval begin..."  # PaddlePaddle's Model.fit, before its evaluation's lines
# HF Trainer: a printed dict; a tqdm bar "| 30/300 [" after it shows the global step.
_HF_DICT = re.compile(r"\{'[^{}]*\}")
_TQDM_BAR = re.compile(rb"\|\s*(\d+)/(\d+) \[")
BAR_WINDOW = 4096
_EVAL_PREFIXES = ("eval_", "test_", "predict_")
_HF_COORDINATES = frozenset({"epoch", "step"})
# nanoGPT's print formats (karpathy/nanoGPT train.py).
_NANOGPT_ITER = re.compile(r"^iter (\d+): loss (" + _NUMBER + r"), time (" + _NUMBER
                           + r")ms(?:, mfu (" + _NUMBER + r")%)?")
_NANOGPT_EVAL = re.compile(r"^step (\d+): train loss (" + _NUMBER + r"), val loss ("
                           + _NUMBER + r")")
NANOGPT_NO_MFU = -100.0
# PointNet's and PointNet++'s log_train.txt (charlesq34/pointnet train.py and its many copies):
# "**** EPOCH 000 ****", then "mean loss: 0.52" / "accuracy: 0.81" lines without a position,
# and "---- EPOCH 000 EVALUATION ----" before "eval mean loss: ..." lines.
_POINTNET_EPOCH = re.compile(r"^(?:\*{4}|-{4}) EPOCH \d+ (?:EVALUATION )?(?:\*{4}|-{4})$")
_POINTNET_LOSS = re.compile(r"^(?:eval )?mean loss: ")
# pycocotools' COCOeval.summarize(), printed after an evaluation by DETR, YOLOX, Detectron2,
# torchvision's references and their copies: " Average Precision  (AP) @[ IoU=0.50:0.95 |
# area=   all | maxDets=100 ] = 0.371", after "IoU metric: segm" or "Evaluate annotation type
# *segm*" for masks and keypoints.
_COCO_LINE = re.compile(r"^Average (?:Precision|Recall)\s+\((AP|AR)\) @\[ IoU=([\d.:]+)\s*\| "
                        r"area=\s*(\w+) \| maxDets=\s*(\d+) \] = (-?[\d.]+)$")
_COCO_TYPE = re.compile(r"^(?:IoU metric: |Evaluate annotation type \*)(\w+)\*?$")
# Ultralytics' names, which the YOLO fitness (analysis) knows: AP at IoU 0.50:0.95 and at 0.50.
COCO_NAMES = {"0.50:0.95": "mAP50-95", "0.50": "mAP50", "0.75": "mAP75"}
COCO_ALL_AREAS, COCO_MAX_DETECTIONS = "all", "100"
# Detectron2's "copypaste:" lines after an evaluation: "copypaste: Task: bbox", then "copypaste:
# AP,AP50,AP75,APs,APm,APl" and "copypaste: 37.9,58.8,41.1,22.4,41.4,49.1" (percent).
_D2_COPYPASTE = re.compile(r"\bcopypaste: (.*)$")
D2_NAMES = {"AP": "mAP50-95", "AP50": "mAP50", "AP75": "mAP75"}
# PyTorch's ImageNet example's ProgressMeter (copied by MoCo, SimCLR, torchreid and many more):
# "Epoch: [3][ 10/5005]\tTime  0.52 ( 0.71)\tLoss 6.9e+00 (6.9e+00)\tAcc@1 0.00 ( 0.11)", its
# validation "Test: [ 0/20]\t...Loss 6.0e+00 (6.0e+00)..." and summary " * Acc@1 12.0 Acc@5 33.0".
# torchvision's references' MetricLogger (copied by DETR, DeiT, MAE, DINO, ConvNeXt and more):
# "Epoch: [3]  [ 10/5005]  eta: 1:02:03  lr: 0.1  loss: 6.9 (7.0)  acc1: 0.0 (0.1)  time: 0.5",
# "Test:  [ 0/20]  ...  loss: 6.0 (6.0)" and "Test:  Acc@1 12.000 Acc@5 33.000". timm's
# train.py: "Train: 3 [  10/5005 (  0%)]  Loss: 6.94 (6.94)  Time: 0.5s, ...  LR: 1.000e-03",
# then "Test: [   0/20]  Time: ...  Loss:  6.0 (6.0)  Acc@1: 12.0 (12.0)", no summary.
_METER_TRAIN = re.compile(r"^(?:Epoch:?\s*)?\[\s*(\d+)\s*\]\s*\[\s*(\d+)\s*/\s*(\d+)\s*\]\s+(.+)$")
_TIMM_TRAIN = re.compile(r"^Train:\s*(\d+)\s*\[\s*(\d+)\s*/\s*(\d+)(?:\s*\(\s*\d+(?:\.\d*)?%\s*\))?"
                         r"\s*\]\s+(.+)$")
_METER_TEST = re.compile(r"^(?:Test|Val|Valid|Validation|Eval)\s*:\s*\[\s*\d+\s*/\s*\d+\s*\]"
                         r"\s+(.+)$", re.IGNORECASE)
# timm's log file (``setup_default_logging(log_path=...)``) prefixes each message with
# "%(asctime)s - %(name)20s: [%(levelname)8s] - ": "2024-03-06 19:52:50,642 -      train: [
# INFO] - Train: 0 [   0/390 (  0%)]  Loss: 13.42 (13.4) ..."
_TIMM_LOGGING = re.compile(LOGGING_TIME.pattern + r"\s*-\s*[\w.]+\s*:\s*\[\s*[A-Z]+\s*\]\s*-\s?")
_METER_EMA_TEST = re.compile(r"^Test\s*\(EMA\)\s*:\s*\[\s*\d+\s*/\s*\d+\s*\]")  # timm's EMA model
_METER_PAIR = re.compile(r"([A-Za-z][\w@./-]*):?\s+(" + _NUMBER + r")\s*\(\s*(" + _NUMBER
                         + r")\s*\)")
_METER_LR = re.compile(r"(?:^|\s)lr:\s*(" + _NUMBER + r")(?=\s|$)", re.IGNORECASE)
_METER_SUMMARY = re.compile(r"^(?:\*|(?:Test|Val|Valid|Validation|Eval)\s*:)\s+"
                            r"((?:[A-Za-z][\w@./-]*\s+(?:" + _NUMBER + r")\s*)+)$", re.IGNORECASE)
_METER_SUMMARY_PAIR = re.compile(r"([A-Za-z][\w@./-]*)\s+(" + _NUMBER + r")")
# The loggers' timings and memory, not metrics (and any "*_time": model_time, data_time)
_CLOCKS = frozenset({"time", "data", "eta", "memory"})
# OpenMMLab's loggers (MMEngine 0.x/1.x after a "2023/06/09 07:58:20 - mmengine - INFO - "
# prefix, MMCV 1.x after "2023-02-10 17:55:02,972 - mmdet - INFO - "):
# "Epoch(train)  [1][ 5/23]  lr: 2.2e-05  eta: ...  loss: 2.6567  loss_cls: 1.9373",
# "Epoch(val) [10][6/6]    coco/AP: 0.000891  coco/AP .5: 0.002970", "Iter(train) [  50/8000]",
# "Epoch [1][50/397]\tlr: 3.7e-05, eta: 0:35:48, ..., loss: 677.6959", "Epoch(val) [1][71]\tmAP:".
_MM_EPOCH = re.compile(r"\bEpoch(?:\((train|val|test)\))?\s*\[\s*(\d+)\s*\]\s*\[\s*(\d+)\s*"
                       r"(?:/\s*(\d+)\s*)?\]\s+(.+)$")
_MM_ITER = re.compile(r"\bIter(?:\((train|val|test)\))?\s*\[\s*(\d+)\s*(?:/\s*(\d+)\s*)?\]\s+(.+)$")
# The epoch out of its total before an iteration out of its own (awesome-semantic-segmentation-
# pytorch and Fast-SCNN: "Epoch: [ 3/200] Iter [  10/1487] || Time: ... || Loss: 0.81"): the
# iteration counts within that epoch.
_EPOCH_OF_TOTAL = re.compile(r"\bEpoch:?\s*\[\s*(\d+)\s*/\s*\d+\s*\]")
_MM_PAIR = re.compile(r"([A-Za-z][\w/@.\- ()]*?):\s*(" + _NUMBER + r")(?=[\s,]|$)")
# What DeiT/MAE-style main.py prints around the meter: the train loop's averages again, the val
# accuracy again (after "on the 397 test images", a count, not a value) and its running best.
_METER_ECHOES = re.compile(r"^(?:Averaged stats:|Accuracy of the network on|Max accuracy:)")
# fairseq's train.py (``--log-format simple``, the default outside a terminal), with or without
# its logging prefix ("2023-06-13 17:31:08 | INFO | train_inner | "): "epoch 143:  85 / 282
# loss=3.147, ..., num_updates=40100" (every log interval), "epoch 143 | valid on 'valid' subset |
# loss 12.677 | ... | num_updates 40297" and "epoch 143 | loss 3.14 | ... | num_updates 40297"
# (the epoch's train average).
_FAIRSEQ = re.compile(r"(?:^|\|\s*)epoch (\d{1,7})(?::\s+\d+\s*/\s*\d+\s+(?P<inner>.*)"
                      r"|\s*\|\s*(?P<piped>.*))$")
_FAIRSEQ_SUBSET = re.compile(r"^valid on '([^']*)' subset$")
_FAIRSEQ_PAIR = re.compile(r"^([A-Za-z][\w.-]*)[= ](" + _NUMBER + r")$")
# What fairseq prints beside the metrics: speed, batch sizes, clocks, the loss scaler, its
# update counter (the step) and the best value so far of the checkpoint metric.
FAIRSEQ_NOT_METRICS = frozenset({"wps", "ups", "wpb", "bsz", "num_updates", "train_wall", "wall",
                                 "clip", "oom", "loss_scale", "gb_free", "sample_size"})
# build-nanogpt's log.txt: "250 val 6.4120", "250 hella 0.2497", "251 train 6.3801".
_BUILD_NANOGPT = re.compile(r"^(\d+) (train|val|hella) (" + _NUMBER + r")$")
_BUILD_NANOGPT_TAGS = {"train": "train/loss", "val": "val/loss", "hella": "val/hellaswag_accuracy"}
# Python literals only: a log line is never run as code.
_LITERAL = ast.literal_eval
# The Trainer's flat dicts, read without a parser: 'key': number | 'text' | nan | inf | bool.
_FLAT_VALUE = (r"'[^'\\]*'|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|-?nan|-?inf|True|False|None")
_FLAT_ITEM = re.compile(r"'([^'\\]*)': (" + _FLAT_VALUE + r")")
_FLAT_DICT = re.compile(r"\{(?:'[^'\\]*': (?:" + _FLAT_VALUE + r"), )*'[^'\\]*': (?:"
                        + _FLAT_VALUE + r")\}")
_FLAT_WORDS = {"True": True, "False": False, "None": None}


def _flat_dict(text: str) -> dict | None:
    """A flat Trainer dict (the common case) read by regular expression: ten times faster
    than ``ast.literal_eval``, and it reads the ``nan``/``inf`` a diverging run prints,
    which ``literal_eval`` refuses. None when the dict is not flat (nested values, escapes):
    then ``literal_eval`` decides."""
    if _FLAT_DICT.fullmatch(text) is None:
        return None
    parsed: dict = {}
    for key, value in _FLAT_ITEM.findall(text):
        if value.startswith("'"):
            parsed[key] = value[1:-1]
        elif value in _FLAT_WORDS:
            parsed[key] = _FLAT_WORDS[value]
        else:
            parsed[key] = float(value) if any(c in value for c in ".eEna") else int(value)
    return parsed


def _float(text: Any) -> float | None:
    """A value as printed (number, or a string such as ``'0.6955'``, ``'nan'``), else None."""
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return float(text)
    if isinstance(text, str):
        try:
            return float(text.strip().replace("Infinity", "inf").replace("infinity", "inf"))
        except ValueError:
            return None
    return None


# --------------------------------------------------------------------------- fragments


def _candidates(block: bytes) -> list[tuple[int, int]]:
    """(start, end) of each fragment of ``block`` that holds a trigger, in order, once each."""
    lowered = block.lower()
    hits = sorted({match.start() for pattern in _TRIGGER_PATTERNS
                   for match in pattern.finditer(lowered)})
    spans: list[tuple[int, int]] = []
    done = 0
    for position in hits:
        if position < done:
            continue  # another trigger of a fragment already taken
        start = max(block.rfind(b"\n", done, position), block.rfind(b"\r", done, position),
                    block.rfind(b"\x08", done, position)) + 1
        start = max(start, done)
        found = _BREAK.search(block, position)
        end = found.start() if found else len(block)
        spans.append((start, end))
        done = end
    return spans


def _blocks(handle: BinaryIO, live: bool = False) -> Iterator[bytes]:
    """The file in blocks of about ``BLOCK_BYTES`` that end at a fragment break.

    What follows the file's last break is its last line, written without a newline (a
    finished file), or, in a ``live`` file that ``watch`` follows, a line still being written:
    that one is not read. A run of more than ``MAX_FRAGMENT_BYTES`` without any break is
    dropped (no metric line is that long), so memory stays at one block."""
    carry = b""
    while True:
        data = handle.read(BLOCK_BYTES)
        if not data:
            break
        data = carry + data
        cut = max(data.rfind(b"\n"), data.rfind(b"\r"), data.rfind(b"\x08")) + 1
        if cut == 0:
            carry = data if len(data) <= MAX_FRAGMENT_BYTES else b""
            continue
        carry = data[cut:]
        if len(carry) > MAX_FRAGMENT_BYTES:
            carry = b""
        yield data[:cut]
    if carry and not live:
        yield carry + b"\n"


def _plain(text: str) -> str:
    """``text`` without its ANSI codes (escaped or in caret notation) and without markdown's
    bold markers around words (``**Train** Prec@1 94.590``: the split is Train)."""
    text = _ANSI.sub("", text) if "\x1b" in text or "^[" in text else text
    return _BOLD.sub(r"\1", text) if "**" in text else text


def _fragments(handle: BinaryIO, live: bool = False) -> Iterator[tuple[str, bytes]]:
    """Each candidate fragment (decoded, ANSI codes dropped) and the bytes that follow it in its
    block (up to ``BAR_WINDOW``, for an HF dict's progress bar)."""
    for block in _blocks(handle, live):
        for start, end in _candidates(block):
            if end - start > MAX_FRAGMENT_BYTES:
                continue
            text = _plain(decode_text(block[start:end]))
            after = block[end:end + BAR_WINDOW] if "{'" in text else b""
            yield text, after


# --------------------------------------------------------------------------- points


@dataclass
class _Found:
    """Points collected in file order; ``context`` is a split hint (Keras twins)."""

    tags: list[str] = field(default_factory=list)
    steps: list[int] = field(default_factory=list)
    epochs: list[float] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)
    runs: list[str] = field(default_factory=list)
    run: str = ""  # the fold the lines are in ("fold=2"), "" before any

    def add(self, tag: str, step: int, epoch: float, value: float, context: str = "") -> None:
        self.tags.append(tag)
        self.steps.append(step)
        self.epochs.append(epoch)
        self.values.append(value)
        self.contexts.append(context)
        self.runs.append(self.run)

    def move_to_end(self, places: dict[int, tuple[int, str]]) -> None:
        """Put the points at the indices of ``places`` after all others, each at its new
        (step, run): read in file order, a later line's points come last."""
        columns = (self.tags, self.steps, self.epochs, self.values, self.contexts, self.runs)
        order = [i for i in range(len(self.tags)) if i not in places] + list(places)
        moved = [[column[i] for i in order] for column in columns]
        for column, values in zip(columns, moved):
            column[:] = values
        start = len(order) - len(places)
        for offset, (step, run) in enumerate(places.values()):
            self.steps[start + offset], self.runs[start + offset] = step, run

    def epochs_seen(self) -> float | None:
        """The highest epoch of any point (None when no point has one)."""
        finite = [epoch for epoch in self.epochs if not math.isnan(epoch)]
        return max(finite) if finite else None

    def table(self):
        extra: dict[str, list[str]] = {"context": self.contexts} if any(self.contexts) else {}
        if any(self.runs):
            extra["run"] = self.runs
        return points_table(self.tags, self.steps, self.values, epoch=self.epochs, **extra)


@dataclass
class _Keras:
    """Keras ``fit`` output: the end-of-epoch pairs of each ``Epoch k/N`` section.

    The epoch's values are its last fragment until one with ``val_`` keys closes the epoch;
    after a fragment whose counter is full (``150/150``), only another full one of the same
    bar may follow: a new bar (``1/10``, ``evaluate()``) closes the epoch. PaddlePaddle's
    ``Model.fit`` prints the same way (``step 10/614 - loss: 0.16 - acc: 0.52``), its
    evaluation after ``Eval begin...``: the last of those lines is the epoch's val values."""

    epoch: int | None = None
    pending: list[tuple[str, float]] | None = None
    full: bool = False
    closed: bool = False
    total: str = ""
    cut_epochs: int = 0
    evaluating: bool = False  # after PaddlePaddle's "Eval begin..."

    def open(self, epoch: int, found: _Found) -> None:
        self.flush(found, at_end=False)
        self.epoch, self.pending, self.full, self.closed = epoch, None, False, False
        self.evaluating = False

    def offer(self, text: str) -> bool:
        """Take a fragment of the open epoch; False when it holds no Keras pairs."""
        pairs = [(name, float(value)) for name, value in _KERAS_PAIR.findall(text)]
        if not pairs:
            return False
        if self.evaluating:  # the epoch's train values, then the evaluation's so far
            train = [pair for pair in self.pending or [] if not pair[0].startswith(VAL_PREFIX)]
            self.pending = train + [(VAL_PREFIX + name, value) for name, value in pairs]
            return True
        if self.closed:
            return True
        counter = _KERAS_COUNTER.match(text)
        total = counter.group(2) if counter else ""
        complete = counter is None or counter.group(1) == total
        has_val = any(name.startswith(VAL_PREFIX) for name, _ in pairs)
        if self.full and not has_val and not (complete and total == self.total):
            self.closed = True  # a new bar after the epoch's end: evaluate()
            return True
        self.pending, self.full, self.closed, self.total = pairs, complete, has_val, total
        return True

    def flush(self, found: _Found, at_end: bool) -> None:
        """Emit the open epoch's points (at the end of the file only a finished epoch's)."""
        if self.epoch is None or self.pending is None:
            return
        if at_end and not (self.full or self.closed):
            self.cut_epochs += 1
            return
        keys = {name for name, _ in self.pending}
        step = self.epoch - 1
        for name, value in self.pending:
            twin = not name.startswith(VAL_PREFIX) and VAL_PREFIX + name in keys
            found.add(name, step, float(step), value, names.TRAIN if twin else "")
        self.pending = None


@dataclass
class _HfRecord:
    """One printed Trainer dict: its kind, numeric values, epoch and the bar shown after it."""

    kind: str  # "train", "eval" or "summary"
    values: dict[str, float]
    epoch: float
    bar: tuple[int, int] | None


def _hf_dict(text: str) -> dict | None:
    """The Trainer dict in a fragment (``ast.literal_eval``, never ``eval``), or None."""
    match = _HF_DICT.search(text)
    parsed = _literal_dict(match.group()) if match is not None else None
    if parsed is None:
        return None
    keys = set(parsed)
    if not ("epoch" in keys or "loss" in keys or keys & _SUMMARY_KEYS
            or any(key.startswith(_EVAL_PREFIXES) for key in keys)):
        return None
    return parsed


def _literal_dict(text: str) -> dict | None:
    """A dict printed by Python (``_flat_dict``'s fast path, else ``ast.literal_eval``, never
    ``eval``) whose keys are strings, or None."""
    parsed = _flat_dict(text)
    if parsed is None:
        try:
            parsed = _LITERAL(text)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return None
    if not isinstance(parsed, dict) or not all(isinstance(key, str) for key in parsed):
        return None
    return parsed


def _numeric_leaves(parsed: dict, depth: int = 0) -> Iterator[tuple[str, float]]:
    """(key, number) of a parsed dict's numeric values, those of nested dicts by their own key
    (two levels at most)."""
    for key, value in parsed.items():
        if isinstance(value, dict) and depth < 2:
            yield from _numeric_leaves(value, depth + 1)
        elif isinstance(key, str) and (number := _float(value)) is not None:
            yield key, number


def _hf_record(parsed: dict, after: bytes) -> _HfRecord | None:
    """A record of a parsed dict: the kind, the numeric values (``epoch`` apart), and the
    ``n/total`` of the first tqdm bar printed after it (tqdm redraws the Trainer's bar, showing
    the global step, right after the dict; none when another dict comes first: a log that
    kept only the last redraw of the bar); of the bars there, the first of the longest total:
    an evaluation's bar, of its few batches, opens right after a training dict, before the
    Trainer's bar is redrawn at the step the dict was logged at."""
    values = {key: number for key, value in parsed.items()
              if key not in _HF_COORDINATES and (number := _float(value)) is not None}
    if not values:
        return None
    keys = set(parsed)
    if keys & _SUMMARY_KEYS:
        kind = "summary"
    elif any(key.startswith(_EVAL_PREFIXES) for key in keys):
        kind = "eval"
    else:
        kind = "train"
    epoch = _float(parsed.get("epoch"))
    following = after.find(b"{'")  # a bar after the next dict is that dict's
    bars = [(int(found.group(1)), int(found.group(2))) for found in _TQDM_BAR.finditer(
        after if following < 0 else after[:following])]
    bar = max(bars, key=lambda found: found[1], default=None)  # the first of the longest
    return _HfRecord(kind, values, math.nan if epoch is None else epoch, bar)


def _hf_trainings(records: list[_HfRecord]) -> list[list[_HfRecord]]:
    """The Trainer dicts of each ``train()`` in the log: after a summary dict
    (``train_runtime``...), a training dict, or an evaluation dict at an earlier epoch than
    the summary's, starts the next training (an evaluation dict at the summary's epoch is
    the last one's final ``evaluate()``)."""
    trainings: list[list[_HfRecord]] = [[]]
    end: float | None = None  # the epoch of the summary that ended the last training
    for record in records:
        if end is not None and record.kind != "summary" and (
                record.kind == "train" or record.epoch < end):
            trainings.append([])
            end = None
        if record.kind == "summary":
            end = record.epoch if math.isfinite(record.epoch) else math.inf
        trainings[-1].append(record)
    return trainings


def _hf_steps(records: list[_HfRecord]) -> tuple[list[int], Counter]:
    """The step of each Trainer dict and how each was found (``Counter`` of the ways).

    ``log``: the count of the Trainer's tqdm bar redrawn right after the dict (the bar whose
    total shows the most distinct counts among those bars: the training bar's count grows from
    dict to dict, while an evaluation bar, other total, redrawn after each dict too, shows the
    same few counts of its few batches). ``epoch``:
    the dict's epoch times the steps per epoch (from the dicts with a bar count, else the bar's
    total over the final epoch of the summary dict). ``line order``: the number of training dicts
    printed so far (an evaluation dict shares the step of the training dict before it)."""
    counts_of: dict[int, set[int]] = {}
    for record in records:
        if record.bar:
            counts_of.setdefault(record.bar[1], set()).add(record.bar[0])
    total = max(counts_of, key=lambda bar: (len(counts_of[bar]), bar)) if counts_of else None
    counts = [record.bar[0] if record.bar and record.bar[1] == total else None
              for record in records]
    ratios = sorted(count / record.epoch for count, record in zip(counts, records)
                    if count is not None and record.epoch > 0)
    per_epoch = ratios[len(ratios) // 2] if ratios else None
    summary = [record for record in records if record.kind == "summary"]
    if per_epoch is None and total and summary and summary[-1].epoch > 0:
        per_epoch = total / summary[-1].epoch
    steps, ways, ordinal = [], Counter(), 0
    for count, record in zip(counts, records):
        ordinal += record.kind == "train"
        if count is not None:
            steps.append(count)
            ways["log"] += 1
        elif per_epoch is not None and math.isfinite(record.epoch):
            steps.append(round(record.epoch * per_epoch))
            ways["epoch"] += 1
        else:
            steps.append(ordinal)
            ways["line order"] += 1
    return steps, ways


@dataclass
class _Generic:
    """Hand-written loops' lines: a position (epoch and/or step) and ``<name> <number>`` pairs."""

    step: int = 0
    epoch: float = math.nan
    seen_step: bool = False
    huge: int = 0
    first_epoch: int | None = None
    last_count: tuple[int, int] | None = None  # (epoch, counter) of the last "k/N" line
    restarts: bool = False  # the counter went back when the epoch went up
    heading: str | None = None  # the split a heading line named ("Test Metrics:"), until a
    # line with a position: the split of the unpositioned lines under it, and of a positioned
    # line right under a heading phrase ("testing in eval mode……")
    last_plain: tuple[int, int] | None = None  # (epoch, step) of the last "epoch e step s" line
    offset: int = 0  # what a step counter that restarts every epoch adds to its count
    after_heading: bool = True  # a line other than a heading was read since the last heading
    under_heading: bool = False  # the line being read comes right under a heading

    def _restarting(self, epoch: int, count: int) -> int:
        """The global step of "[epoch:e] [step:s]" printed with no total: s itself while s keeps
        growing across epochs; once s went back as the epoch went up (a counter that restarts
        every epoch), s after the last global step of the epoch before."""
        if self.last_plain is not None and epoch > self.last_plain[0] \
                and count <= self.last_plain[1]:
            self.offset = self.step + 1 - count
        self.last_plain = (epoch, count)
        return self.offset + count

    def _within(self, epoch: int, within: re.Match) -> int:
        """The global step of "Epoch e ... Batch k/N": k itself while k keeps growing across
        epochs (a global counter, "Step 500/1500"); once it went back or stood still as the
        epoch went up (a counter that restarts every epoch, "iter:0/18" printed once an epoch),
        (e - first epoch) x N + k."""
        count, total = int(within.group(1)), int(within.group(2))
        if self.last_count is not None and epoch > self.last_count[0] \
                and count <= self.last_count[1]:
            self.restarts = True
        self.last_count = (epoch, count)
        done = max(epoch - (self.first_epoch or 0), 0)
        return done * total + count if self.restarts else count

    def note_heading(self, line: str) -> None:
        """Remember the split a heading line (no digit, a split word and little else) names,
        and whether the line now read comes right under it (``under_heading``)."""
        heading = _HEADING.match(line) if not _DIGIT.search(line) else None
        self.under_heading = bool(self.heading) and heading is None and not self.after_heading
        self.after_heading = heading is None or line.endswith(":")  # "TEST:", a config's key,
        # heads its keys, not the next line that has a position
        if heading:
            self.heading = heading.group(1)

    def feed(self, line: str, found: _Found, epoch_match: re.Match | None) -> bool:
        """Read one line (``epoch_match``: its ``_EPOCH`` position, searched once by the
        console); True when it gave points."""
        lowered = line.lower()
        if not _could_hold_number(line, lowered):
            return False
        step_match = _step_position(line, lowered, epoch_match)
        within = (_WITHIN_EPOCH.search(line) or _EPOCH_COUNT.search(line)) if epoch_match \
            else None
        position = within or step_match or (epoch_match if not self.seen_step else None)
        if position and int(position.group(1)) >= MAX_STEP:
            self.huge += 1  # not a step any run reaches: a corrupt line
            return False
        if epoch_match:
            self.epoch = float(epoch_match.group(1))
            if self.first_epoch is None or int(epoch_match.group(1)) < self.first_epoch:
                self.first_epoch = int(epoch_match.group(1))  # the lowest: "Total Epoch:300"
        if within and self.first_epoch is not None:
            self.step, self.seen_step = self._within(int(epoch_match.group(1)), within), True
        elif step_match and epoch_match and step_match.re in (_STEP, _EPOCH_THEN_BRACKET,
                                                               _TUTORIAL_BATCH, _BATCH):
            self.step = self._restarting(int(epoch_match.group(1)), int(step_match.group(1)))
            self.seen_step = True
        elif step_match:
            self.step, self.seen_step = int(step_match.group(1)), True
        elif epoch_match and not self.seen_step:
            self.step = int(epoch_match.group(1))  # epoch-only logs: the epoch index is the step
        heading = self.heading if self.under_heading or not (position or epoch_match) else None
        if position or epoch_match:
            self.heading = None  # a heading names a positioned line only right under it
        pairs = _metric_pairs(line, heading)
        for name, value in pairs:
            found.add(name, self.step, self.epoch, value)
        named = _SPLIT_EPOCH_HEADING.search(line) if epoch_match and not pairs else None
        if named:
            self.heading = named.group(1)  # "Eval epoch: 4": the lines under it are eval's
        return bool(pairs)


def _step_position(line: str, lowered: str, epoch_match: re.Match | None) -> re.Match | None:
    """A line's step counter: ``_STEP``; else, with no epoch, an iteration out of its total in
    brackets opening it (``_BRACKET_COUNT``); else, after the epoch, the batch in brackets
    (``_EPOCH_THEN_BRACKET``, ``_TUTORIAL_BATCH``) or a batch count with no total (``_BATCH``)."""
    if not _DIGIT.search(line):
        return None
    step_match = _STEP.search(line) if "it" in lowered or "step" in lowered else None
    if step_match is not None:
        return step_match
    if epoch_match is None:
        return _BRACKET_COUNT.match(line)
    if "][" in line:
        return _EPOCH_THEN_BRACKET.search(line)
    if epoch_match.re is _TUTORIAL_EPOCH:
        return _TUTORIAL_BATCH.match(line)
    return _BATCH.search(line) if "batch" in lowered else None


def _epoch_position(line: str, lowered: str) -> re.Match | None:
    """A line's epoch (``_EPOCH``, or a split and its epoch opening it, ``_SPLIT_EPOCH``, or the
    epoch and batch in brackets opening it, ``_TUTORIAL_EPOCH``)."""
    found = _EPOCH.search(line) if "ep" in lowered else None
    return found or _SPLIT_EPOCH.match(line) or _TUTORIAL_EPOCH.match(line)


def _could_hold_number(line: str, lowered: str) -> bool:
    """False for a line with no digit, ``nan`` or ``inf``: no position or value in it."""
    return bool(_DIGIT.search(line)) or "nan" in lowered or "inf" in lowered


def _metric_pairs(line: str, heading: str | None = None) -> list[tuple[str, float]]:
    """The ``<name> <number>`` pairs of a line whose name mentions a metric word; a name that
    names no split (nor the line, "[val] ...") takes the ``heading``'s."""
    lowered = line.lower()
    if not _could_hold_number(line, lowered) or not any(h in lowered for h in _METRIC_HINTS):
        return []
    if "." in line:
        line = _ABBREVIATED_SPLIT.sub(r"\1", line)  # "Val. Loss: 0.12" -> "Val Loss: 0.12"
        line = _DOTTED_SPLIT.sub(r"\1 ", line)  # "FSD_test.ber:3.8" -> "test ber:3.8"
    pairs = []
    marker = _LINE_SPLIT.match(line) or _RESULT_SPLIT.search(line)
    split_word = (marker.group(1) or marker.group(2)) if marker else heading
    line = _TOP_K.sub(r"top\1", line) if "top" in lowered else line  # "top 1 acc: 0.03"
    line = _POSITION_IN_NAME.sub("", line)  # "Average loss for epoch 1: 0.36" -> "Average loss"
    if "of the" in lowered:  # "... on the 10000 test images: 55 %"
        line = _TUTORIAL_ACCURACY.sub(r"\2 \1", line)
    headings = sorted((found.end(), found.group(1)) for pattern in (_INLINE_SPLIT, _BRACKETED_SPLIT)
                      for found in pattern.finditer(line))
    for match in (_COMMA_PAIR if _comma_pairs(line) else _PAIR).finditer(line):
        while headings and headings[0][0] <= match.start("value"):
            split_word = headings.pop(0)[1]  # "| Val - Loss: ...": val's from here on
        name = match.group("name").strip(" -_/").strip()
        # "Ep 1 (Step 000050): Train loss" -> keep only the last clause of the name, and
        # "trainer - INFO - Validation Loss" (a logger's name and level) -> "Validation Loss".
        name, at, cut = name.partition("@")  # "mAP@0.5:0.95": the cut-off's colon stays
        name = re.split(r"[,;|():]|\s-\s", name)[-1].strip() + at + cut
        name = _FILLER_WORDS.sub("", name)  # "The RMSE is 0.41", "Val acc is 86.0%"
        name = _UNIT_LEFT.sub("", name)  # "time=20.8s  HR@10: 0.51": the clock's unit
        if name.lower() in names.SPLIT_WORDS:
            if _COUNT.fullmatch(match.group("value")):
                continue  # "Split - train: 1519 | val: 217": a split's size, not its loss
            measure = _arrow_measure(line, match.start())
            # "Epoch 5/40 - train: 0.52  val: 0.61": the split's loss; "Top-k Acc → Train:
            # 0.505, Val: 0.653": the measure the arrow points from
            name = f"{name} {measure or 'loss'}"
        if not name or not _METRIC_WORD.search(name):
            continue
        if names.has_split_word(name) and not names.split_word_in(name.split()[0]):
            split_word = None  # "best val loss": its own split, wherever the word is
        if split_word and _glued_twin(line, name, split_word):
            name, _ = _with_split(name, None)  # "acc=.. val_acc=.. loss=.. val_loss=..": train's
        else:
            name, split_word = _with_split(name, split_word)
        value = _float(match.group("value"))
        total = match.group("total")
        if value is not None and total is not None and int(total) > 0:
            value /= int(total)  # "Accuracy: 9897/10000": a count out of a total
        if value is not None:
            pairs.append((name, value))
    return pairs or _reversed_pairs(line, split_word)


# A measure pointing at its splits' values: "Top-k Acc → Train: 0.505, Val: 0.653" (to the
# next ";" or "|").
_ARROW_MEASURE = re.compile(r"([A-Za-z][\w@.\- ]*?)\s*(?:→|->|=>)\s*[^;|→]*$")


def _arrow_measure(line: str, at: int) -> str | None:
    """The measure named before an arrow in the clause of ``line`` that holds position ``at``
    (``_ARROW_MEASURE``): the metric of the bare split names after it; None when there is
    none."""
    found = _ARROW_MEASURE.search(re.split(r"[;|]", line[:at])[-1])
    return found.group(1).strip() if found else None


# A value printed before its name, segments apart: "Epoch 3 @ 11:29 PM : 0.9722 C.E. Loss,
# 96.29% Accuracy".
_REVERSED_PAIR = re.compile(r"(?:^|[,;|:]\s*)(?P<value>" + _NUMBER
                            + r")%?\s+(?P<name>[A-Za-z][A-Za-z. ]{0,30}?)\s*(?=[,;|]|$)")


def _reversed_pairs(line: str, split_word: str | None) -> list[tuple[str, float]]:
    """``<number> <name>`` segments (``_REVERSED_PAIR``) whose name holds a metric word, for a
    line where no ``<name> <number>`` pair did (dots dropped, words joined: ``C.E. Loss`` is
    ``CE_Loss``, a train loss)."""
    pairs = []
    for match in _REVERSED_PAIR.finditer(line):
        name = re.sub(r"\s+", "_", match.group("name").replace(".", "").strip())
        value = _float(match.group("value"))
        if value is not None and _METRIC_WORD.search(name):
            pairs.append((_with_split(name, split_word)[0], value))
    return pairs


def _glued_twin(line: str, name: str, split_word: str) -> bool:
    """True when ``line`` also names ``name`` glued to the split it would inherit
    (``val_loss`` beside a bare ``loss``): then the bare name is the other split's, as Keras
    names them (``acc=0.86 val_acc=1.0 loss=0.38 val_loss=0.24``: the loss after ``val_acc``
    is train's), where ``val_loss 0.19 cntMAE 39.0 F1 0.46`` names no twin and its F1 is val's."""
    if line.lower().count(name.lower()) < 2:  # the twin repeats the name: none on this line
        return False
    glued = re.compile(rf"(?<![A-Za-z]){re.escape(split_word)}[_/-]{re.escape(name)}(?![A-Za-z])",
                       re.IGNORECASE)
    return bool(glued.search(line))


def _with_split(name: str, split_word: str | None) -> tuple[str, str | None]:
    """A pair's name, and the split word the next names of its line inherit until another
    split is named: in ``Train Loss: 1.35 Acc: 0.63 | Val Loss: 0.81 Acc: 0.75`` the second Acc
    is val's, and in ``Train Loss 1.3 | Token Acc 0.06 | Val Loss 8.6 | Token Acc 0.07`` the
    second Token Acc is."""
    first = re.split(r"[\s_/-]+", name, maxsplit=1)[0]
    if first.lower() in names.SPLIT_WORDS:
        return name, first
    return (f"{split_word} {name}" if split_word else name), split_word


# --------------------------------------------------------------------------- the reading


@dataclass
class _Meter:
    """PyTorch's ImageNet example's ProgressMeter lines (``_METER_TRAIN``): each ``Name value
    (average)`` pair but the clocks is a train point at step epoch x batches + batch (the value
    of that batch); within an epoch, lines with another total than its first are another
    loader's loop printed with the same prefix (a val or test set), read by what the script
    prints after them, not as train points; a validation's ``Test: [i/n]`` lines keep their
    running averages, and its summary (`` * Acc@1 12.0 Acc@5 33.0``) closes it: the summary's
    values and the last averages of the rest (the val loss) are val points at the end of that
    epoch. torchvision's MetricLogger (``name: value (average)``, an ``lr: 0.1`` meter without
    an average, ``Test:  Acc@1 ...`` summaries) and timm's ``Train: e [i/n (p%)]`` lines are
    read the same way; what main.py prints again around them (``_METER_ECHOES``) and timm's
    ``Test (EMA):`` validation of another set of weights give no points."""

    epoch: int | None = None
    batches: int = 0
    pending: dict[str, float] = field(default_factory=dict)

    def feed(self, line: str, found: _Found) -> bool:
        line = _TIMM_LOGGING.sub("", line, count=1)
        train = _METER_TRAIN.match(line) or _TIMM_TRAIN.match(line)
        if train is not None:
            epoch, batch, batches = (int(group) for group in train.group(1, 2, 3))
            if self.epoch is not None and epoch != self.epoch:
                self.flush(found)
            elif self.epoch is not None and batches != self.batches:
                return True  # another loader's loop printed with the same prefix (val, test)
            self.epoch, self.batches = epoch, batches
            step = epoch * self.batches + batch
            pairs = dict(_meter_pairs(train.group(4)))
            for name, value in pairs.items():
                found.add(f"train {name}", step, float(epoch), value)
            rate = _METER_LR.search(train.group(4))  # "lr: 0.1", a meter without an average
            if rate is not None and not any(name.lower() == "lr" for name in pairs):
                found.add("lr", step, float(epoch), float(rate.group(1)))
            return True
        if self.epoch is not None and (_METER_EMA_TEST.match(line) or _METER_ECHOES.match(line)):
            return True  # the EMA weights' validation (another model's), or a value printed again
        test = _METER_TEST.match(line)
        if test is not None and self.epoch is not None:
            self.pending.update(_meter_pairs(test.group(1), averages=True))
            return True
        summary = _METER_SUMMARY.match(line)
        if summary is not None and self.epoch is not None:
            self.pending.update((name, float(value))
                                for name, value in _METER_SUMMARY_PAIR.findall(summary.group(1)))
            self.flush(found)
            return True
        return False

    def flush(self, found: _Found) -> None:
        """The validation read so far, as val points at the end of its epoch (a validation is
        only read once an epoch was)."""
        if not self.pending:
            return
        step = (self.epoch + 1) * self.batches
        for name, value in self.pending.items():
            found.add(f"val {name}", step, float(self.epoch), value)
        self.pending = {}


@dataclass
class _OpenMMLab:
    """OpenMMLab's training logs (``_MM_EPOCH``, ``_MM_ITER``): a train line's pairs are train
    points at step (epoch - 1) x iterations per epoch + iteration (epoch-based) or at its
    iteration; a validation line's are val points at the end of its epoch (epoch x
    iterations per epoch), or at the last train iteration (iteration-based); an iteration
    within ``Epoch: [e/E]`` is at e x its total + the iteration, e counted from 0 or from 1 as
    the log counts it (its first epoch 0: from 0). ``lr`` is the
    learning rate; the clocks (``_is_clock``) are not metrics; a validation's progress lines
    hold only clocks and give nothing."""

    per_epoch: int = 0
    last_step: int = 0
    zero_based: bool = False  # an ``Epoch: [0/200]`` counts its epochs from 0

    def feed(self, line: str, found: _Found) -> bool:
        match = _MM_EPOCH.search(line)
        if match is not None:
            mode, epoch, index, total, text = match.groups()
            epoch, index = int(epoch), int(index)
            if mode == "train" or (mode is None and total is not None):
                self.per_epoch = int(total) if total is not None else self.per_epoch
                self._add(found, "train", (epoch - 1) * self.per_epoch + index, epoch, text)
                return True
            self._add(found, "val", epoch * self.per_epoch if self.per_epoch else epoch,
                      epoch, text)
            return True
        match = _MM_ITER.search(line)
        if match is None:
            return False
        mode, index, total, text = match.groups()
        epoch_of = _EPOCH_OF_TOTAL.search(line, 0, match.start())
        if mode == "train" or (mode is None and total is not None):
            epoch = math.nan
            self.last_step = int(index)
            if epoch_of is not None and total is not None:  # an iteration within its epoch
                epoch = float(epoch_of.group(1))
                self.zero_based = self.zero_based or epoch == 0
                self.last_step += (int(epoch) - (0 if self.zero_based else 1)) * int(total)
            self._add(found, "train", self.last_step, epoch, text)
        else:
            self._add(found, "val", self.last_step, math.nan, text)
        return True

    def _add(self, found: _Found, split: str, step: int, epoch: float, text: str) -> None:
        for name, value in _MM_PAIR.findall(text):
            name = name.strip()
            if _is_clock(name):
                continue
            tag = "lr" if name.lower() == "lr" else f"{split} {name}"
            found.add(tag, step, float(epoch), float(value))


@dataclass
class _Fairseq:
    """fairseq's ``simple`` log lines (``_FAIRSEQ``), at the step fairseq counts,
    ``num_updates``: a log interval's ``name=value`` pairs are train points; a validation's
    ``| name value`` segments after ``valid on 'valid' subset`` are val points (a subset named
    ``test...`` test points, another subset's names carry it); an epoch's train averages are
    train points only in a log without interval lines (they would repeat them, smoothed).
    Speed, sizes and clocks (``FAIRSEQ_NOT_METRICS``) and the running best (``best_*``) are no
    points; ``gnorm`` is the gradient norm and ``ppl`` the perplexity by their names
    (``names.METRIC_ALIASES``)."""

    inner: bool = False  # interval lines seen: the epochs' train averages give no points

    def feed(self, line: str, found: _Found) -> bool:
        match = _FAIRSEQ.search(line)
        if match is None:
            return False
        inner = match.group("inner")
        segments = inner.split(",") if inner is not None else match.group("piped").split("|")
        pairs = [pair for pair in (_FAIRSEQ_PAIR.match(text.strip()) for text in segments) if pair]
        values = {name: float(value) for name, value in (pair.groups() for pair in pairs)}
        if "num_updates" not in values:
            return False
        subset = _FAIRSEQ_SUBSET.match(segments[0].strip()) if inner is None else None
        split = _fairseq_split(subset.group(1)) if subset else "train"
        if inner is not None:
            self.inner = True
        elif subset is None and self.inner:
            return True  # the epoch's train averages, already read interval by interval
        step, epoch = int(values["num_updates"]), float(match.group(1))
        for name, value in values.items():
            if name in FAIRSEQ_NOT_METRICS or name.startswith("best_"):
                continue
            found.add("lr" if name == "lr" else f"{split} {name}", step, epoch, value)
        return True


def _fairseq_split(subset: str) -> str:
    """The split of a fairseq validation subset: ``valid`` (and ``dev``) val, ``test...`` test,
    another subset (``valid_ro``) val with its name before the metric's."""
    lowered = subset.lower()
    if lowered in ("valid", "val", "dev"):
        return "val"
    return "test" if lowered.startswith("test") else f"val {subset}"


def _meter_pairs(text: str, averages: bool = False) -> Iterator[tuple[str, float]]:
    """A ProgressMeter line's (name, value) pairs, its clocks left out: the value of that batch,
    or with ``averages`` the running average in brackets after it."""
    for name, value, average in _METER_PAIR.findall(text):
        if not _is_clock(name):
            yield name, float(average if averages else value)


def _is_clock(name: str) -> bool:
    """True for a logger's timing or memory (``_CLOCKS``, ``*_time``): no metric."""
    lowered = name.lower()
    return lowered in _CLOCKS or lowered.endswith("_time")


@dataclass
class _Console:
    """Reads fragments in file order, each by the first dialect that takes it."""

    found: _Found = field(default_factory=_Found)
    keras: _Keras = field(default_factory=_Keras)
    generic: _Generic = field(default_factory=_Generic)
    hf: list[_HfRecord] = field(default_factory=list)
    meter: _Meter = field(default_factory=_Meter)
    openmmlab: _OpenMMLab = field(default_factory=_OpenMMLab)
    fairseq: _Fairseq = field(default_factory=_Fairseq)
    dialects: Counter = field(default_factory=Counter)
    huge: int = 0
    epochs: tuple[int, int] | None = None  # (first, last) epoch printed in this session
    epoch_totals: set[int] = field(default_factory=set)  # the N of "Epoch 3/N" (two at most)
    sessions: int = 1
    coco_type: str = "bbox"  # what the COCO summary lines evaluate ("IoU metric: segm")
    copypaste_names: list[str] | None = None  # Detectron2's "copypaste: AP,AP50,..." header
    # Points of position-less hand-written lines printed after Trainer dicts ("[FINAL]
    # eval_loss=3.03" after trainer.train()): (point index, Trainer dicts before it)
    after_hf: list[tuple[int, int]] = field(default_factory=list)

    def feed(self, text: str, after: bytes = b"") -> None:
        line = text.strip()
        if not line:
            return
        self.generic.note_heading(line)  # every line, so that one under a heading is known
        if _NOT_METRICS.search(line) or _CONFIG_LINE.match(line):
            return
        lowered = line.lower()
        if not _METRIC_TRIGGER.search(lowered):  # a fragment found by a dialect's trigger only
            self._dialect_only(line)
            return
        fold = _FOLD.search(line) if "fold" in lowered else None
        if fold and f"fold={int(fold.group(1))}" != self.found.run:
            self._new_fold(int(fold.group(1)))
        epoch = _epoch_position(line, lowered)
        if epoch and not fold:
            self._follow_epoch(int(epoch.group(1)))
        header = _KERAS_EPOCH.match(line)
        self._note_epoch_total(header or (epoch if epoch is not None and epoch.re is _EPOCH
                                          else None))
        if header:
            self.keras.open(int(header.group(1)), self.found)
            self.dialects["keras"] += 1
            self.generic.feed(line, self.found, epoch)  # "Epoch 1/20" heads hand-written
            # "Train Loss: ..., Val Loss: ..." lines too: their position
        elif self.keras.epoch is None or not self.keras.offer(line):
            self._other_dialects(line, after, epoch)

    def _note_epoch_total(self, epoch: re.Match | None) -> None:
        """Keep the N of an "Epoch 3/N" match (Keras' header, ``_EPOCH``: its second group),
        two distinct ones at most (``_planned_epochs`` wants one)."""
        total = epoch.group(2) if epoch is not None else None
        if total is not None and len(self.epoch_totals) < 2:
            self.epoch_totals.add(int(total))

    def _other_dialects(self, line: str, after: bytes, epoch: re.Match | None) -> None:
        """Read a line that is no Keras ``fit`` line by the first other dialect that takes it."""
        if line.startswith("{'") and self._history_lists(line):
            self.dialects["history"] += 1
        elif line.startswith("{'") and self.generic.heading and self._headed_dict(line):
            self.dialects["generic"] += 1
        elif "{'" in line and self._hf(line, after):
            self.dialects["hf"] += 1
        elif line.startswith(("iter ", "step ")) and self._nanogpt(line):
            self.dialects["nanogpt"] += 1
        elif ("Average" in line or "IoU metric" in line) and self._coco(line):
            self.dialects["coco"] += 1
        elif "num_updates" in line and self.fairseq.feed(line, self.found):
            self.dialects["fairseq"] += 1
        elif self.meter.feed(line, self.found):
            self.dialects["progress-meter"] += 1
        elif ("Epoch" in line or "Iter" in line) and self.openmmlab.feed(line, self.found):
            self.dialects["openmmlab"] += 1
        elif self._generic(line, epoch):
            self.dialects["generic"] += 1

    def _generic(self, line: str, epoch: re.Match | None) -> bool:
        """A hand-written line (``_Generic``); one without any position yet, printed after
        Trainer dicts, is placed at the last of them once their steps are known."""
        before = len(self.found.tags)
        if not self.generic.feed(line, self.found, epoch):
            return False
        if self.hf and not self.generic.seen_step and math.isnan(self.generic.epoch):
            self.after_hf.extend((index, len(self.hf))
                                 for index in range(before, len(self.found.tags)))
        return True

    def _new_fold(self, fold: int) -> None:
        """A k-fold log's next fold ("Fold 2/5", "fold[2/5] epoch[1/50] ..."): a training of its
        own, read as the run ``fold=2`` whose positions start over."""
        self._start_over(f"fold={fold}")
        self.epochs = None

    def _follow_epoch(self, epoch: int) -> None:
        """Trainings printed one after another (four Keras fits in one console log): an epoch
        back at the session's first one, after later ones, starts a new training, the run
        ``session=2`` (the first session's points become ``session=1``). An epoch going back to
        a middle one is a resume, one training whose later lines win. Not within folds."""
        if self.found.run.startswith("fold="):
            return
        if self.epochs is not None and self.epochs[1] > self.epochs[0] \
                and epoch <= self.epochs[0]:
            self.keras.flush(self.found, at_end=False)  # the first session's last epoch
            self.sessions += 1
            if self.sessions == 2:
                self.found.runs = [run or "session=1" for run in self.found.runs]
            self._start_over(f"session={self.sessions}")
        first = epoch if self.epochs is None else min(self.epochs[0], epoch)
        self.epochs = (first, epoch)

    def _start_over(self, run: str) -> None:
        """Close what is open and read the next lines as the run ``run``."""
        self.keras.flush(self.found, at_end=False)
        self.keras.epoch = None
        self.found.run = run
        self.generic = _Generic()

    def _dialect_only(self, line: str) -> None:
        """A line without a metric word that a dialect reads: build-nanogpt's "250 val 6.41",
        pycocotools' "Evaluate annotation type *segm*", Detectron2's "copypaste:" lines."""
        if line[:1].isdigit() and self._build_nanogpt(line):
            self.dialects["build-nanogpt"] += 1
        elif "annotation type" in line:
            self._coco(line)
        elif "copypaste: " in line:
            self._copypaste(line)
        elif line == PADDLE_EVAL and self.keras.epoch is not None:
            self.keras.evaluating = True

    def _copypaste(self, line: str) -> None:
        """Detectron2's evaluation results (``_D2_COPYPASTE``): a task line names what was
        evaluated (``coco_type``), a header the columns, and the line of values under it gives
        val points ``mAP50-95``, ``mAP50`` and ``mAP75`` (``D2_NAMES``, in percent as printed;
        ``segm_mAP50-95`` for masks) at the last position read; the per-area columns none."""
        text = _D2_COPYPASTE.search(line).group(1).strip()
        if text.startswith("Task:"):
            self.coco_type, self.copypaste_names = text[len("Task:"):].strip().lower(), None
            return
        cells = [cell.strip() for cell in text.split(",")]
        values = [_float(cell) for cell in cells]
        if all(value is None for value in values):
            self.copypaste_names = cells
            return
        names_now, self.copypaste_names = self.copypaste_names, None
        if names_now is None or len(names_now) != len(values) or None in values \
                or not self.found.steps:
            return
        for name, value in zip(names_now, values):
            if name in D2_NAMES:
                self._val_at_last(self._coco_name(D2_NAMES[name]), value)

    def _coco(self, line: str) -> bool:
        """pycocotools' summary (``_COCO_LINE``): its AP lines over all areas at 100 detections
        are val points ``mAP50-95``, ``mAP50`` and ``mAP75`` (``segm_mAP50-95`` after "IoU
        metric: segm"), at the end of the meter's epoch when a ProgressMeter or MetricLogger
        validation is open, else at the last position read; its other lines (the area's and
        the recalls) give none."""
        kind = _COCO_TYPE.match(line)
        if kind is not None:
            self.coco_type = kind.group(1).lower()
            return True
        match = _COCO_LINE.match(line)
        if match is None:
            return False
        measure, iou, area, detections, value = match.groups()
        name = COCO_NAMES.get(iou) if measure == "AP" and area == COCO_ALL_AREAS \
            and detections == COCO_MAX_DETECTIONS else None
        if name is None:
            return True
        name = self._coco_name(name)
        if self.meter.epoch is not None:
            self.meter.pending[name] = float(value)  # closed with its validation
        elif self.found.steps:
            self._val_at_last(name, float(value))
        return True

    def _coco_name(self, name: str) -> str:
        """A COCO measure's name for what was evaluated: ``mAP50`` for boxes, ``segm_mAP50``."""
        return name if self.coco_type == "bbox" else f"{self.coco_type}_{name}"

    def _val_at_last(self, name: str, value: float) -> None:
        """A val point at the last position read (an evaluation printed after its train lines)."""
        self.found.add(f"val {name}", self.found.steps[-1], self.found.epochs[-1], value)

    def _hf(self, line: str, after: bytes) -> bool:
        parsed = _hf_dict(line)
        record = _hf_record(parsed, after) if parsed is not None else None
        if record is not None:
            self.hf.append(record)
        return record is not None

    def _headed_dict(self, line: str) -> bool:
        """A dict printed under a heading that names its split ("Dev results:" then
        ``{'Circa': {'loss': 0.56, 'accuracy': 0.81}}``): its numbers, nested ones by their own
        key, are that split's, at the position of the last epoch line; True when it gave
        points. A Trainer's dict (an ``epoch`` or ``eval_`` key) is left to the Trainer's
        dialect, which finds its step."""
        parsed = _literal_dict(line)
        if parsed is None or "epoch" in parsed \
                or any(key.startswith(_EVAL_PREFIXES) for key in parsed):
            return False
        values = dict(_numeric_leaves(parsed))
        for key, value in values.items():
            self.found.add(f"{self.generic.heading} {key}", self.generic.step,
                           self.generic.epoch, value)
        return bool(values)

    def _history_lists(self, line: str) -> bool:
        """A printed Keras history (``print(history.history)``: a dict of per-epoch lists,
        ``json_history.python_lists``), its points at the epochs 0, 1, ...; True when the
        line is one."""
        document = python_lists(line)
        points = list(history_points(document)) if document is not None else []
        for tag, step, value in points:
            self.found.add(tag, step, float(step), value)
        return bool(points)

    def _nanogpt(self, line: str) -> bool:
        """nanoGPT's iteration and evaluation lines; True when the line is one."""
        match = _NANOGPT_ITER.match(line) or _NANOGPT_EVAL.match(line)
        if match is None:
            return False
        step = int(match.group(1))
        if step >= MAX_STEP:
            self.huge += 1
            return True
        if match.re is _NANOGPT_EVAL:
            self.found.add("train/loss", step, math.nan, float(match.group(2)))
            self.found.add("val/loss", step, math.nan, float(match.group(3)))
            return True
        self.found.add("batch_loss", step, math.nan, float(match.group(2)))
        mfu = match.group(4)
        if mfu is not None and float(mfu) != NANOGPT_NO_MFU:
            self.found.add("mfu", step, math.nan, float(mfu))
        return True

    def _build_nanogpt(self, line: str) -> bool:
        """build-nanogpt's ``log.txt`` lines (``<step> train|val|hella <value>``); True when
        the line is one."""
        match = _BUILD_NANOGPT.match(line)
        if match is None or int(match.group(1)) >= MAX_STEP:
            return False
        self.found.add(_BUILD_NANOGPT_TAGS[match.group(2)], int(match.group(1)), math.nan,
                       float(match.group(3)))
        return True

    def result(self, path: Path) -> Points:
        self.keras.flush(self.found, at_end=True)
        self.meter.flush(self.found)
        meta: dict[str, Any] = {"dialects": sorted(self.dialects)}
        planned = self._planned_epochs()
        if planned is not None:
            meta["hparams"] = {"epochs": planned}
        warnings = self._hf_points(meta)
        if self.keras.epoch is not None:
            meta["step_from"] = "log"  # Keras prints the epoch
        if self.keras.cut_epochs:
            warnings.append("the last epoch's progress bar never finished: its values are left "
                            "out")
        huge = self.huge + self.generic.huge
        if huge:
            warnings.append(f"{path.name}: {huge} line(s) with a step of {MAX_STEP} or more "
                            "skipped")
        if not self.found.tags:
            raise FormatError("no '<metric> <value>' lines with an epoch or step found", path)
        return Points(self.found.table(), warnings, meta)

    def _planned_epochs(self) -> int | None:
        """The epochs the log says training was to run, ``N`` of every "Epoch 3/N" it prints
        (Keras' "Epoch 3/50", "Epoch [3/50]", "epoch: 3/50"): one N throughout, at least the
        last epoch printed; else None (sessions planned differently say nothing)."""
        if len(self.epoch_totals) != 1:
            return None
        (total,) = self.epoch_totals
        epochs = self.found.epochs_seen()
        return total if total > 0 and (epochs is None or epochs <= total) else None

    def _hf_points(self, meta: dict[str, Any]) -> list[str]:
        """Add the Trainer dicts' points (steps from ``_hf_steps``); their summary to meta."""
        if not self.hf:
            return []
        trainings = _hf_trainings(self.hf)
        ways: Counter = Counter()
        placed: list[tuple[int, str]] = []  # each Trainer dict's (step, run), in file order
        for number, records in enumerate(trainings, start=1):
            if len(trainings) > 1:
                self.found.run = f"session={number}"
            steps, found_ways = _hf_steps(records)
            ways.update(found_ways)
            placed.extend((step, self.found.run) for step in steps)
            for record, step in zip(records, steps):
                if record.kind == "summary":
                    meta["summary"] = {**record.values, "epoch": record.epoch}
                    continue
                for key, value in record.values.items():
                    self.found.add(key, step, record.epoch, value)
        if self.after_hf:
            self.found.move_to_end({index: placed[dicts - 1] for index, dicts in self.after_hf})
        meta["step_from"] = ways.most_common(1)[0][0]
        if len(ways) > 1:
            return ["Trainer dicts' steps found " + ", ".join(
                f"from the {way} for {count}" for way, count in ways.most_common())]
        return []


def _read_console(handle: BinaryIO, path: Path, live: bool = False) -> Points:
    console = _Console()
    for text, after in _fragments(handle, live):
        console.feed(text, after)
    return console.result(path)


# --------------------------------------------------------------------------- sniffing


def _generic_lines(text: str) -> tuple[int, int, int] | None:
    """How many of the first lines hold a position and metric pairs, a position alone, and
    metric pairs alone; None when a ``1 / CSV_LIKE_SHARE`` of them look like a CSV header or
    row (a CSV file; a console log may show a line of code with commas in a warning).

    The generic rule takes two lines with both. Python-logging style (``INFO: epoch: 3`` then
    ``INFO: val accuracy: 0.2125``, only in a file named like a console log) takes two
    position lines and two others with metric pairs."""
    both = positions = metrics = csv_rows = 0
    lines = [line for line in text.splitlines()[:_SNIFF_LINES] if line.strip()]
    for line in lines:
        if _csv_like(line):
            csv_rows += 1
            continue
        position = _has_position(line)
        pairs = bool(_metric_pairs(line))
        both += position and pairs
        positions += position
        metrics += pairs and not position
    if lines and csv_rows * CSV_LIKE_SHARE >= len(lines):
        return None
    return both, positions, metrics


def _has_position(line: str) -> bool:
    """True for a line naming a step or an epoch (``step 10``, ``Epoch 3/50``, ``[3/50]``)."""
    return bool(_STEP.search(line) or _epoch_position(line, line.lower())
                or _BRACKET_COUNT.match(line))


def _csv_like(line: str) -> bool:
    """True for a line that looks like a CSV header or row: two commas or more, with no
    ``<name> <number>`` before the first (``Epoch [1/200], Train Loss: 2.32, ...`` has one: its
    position in brackets). A line opening with Python logging's time stamp is
    a logged message, whatever its commas (``Epoch [1/50], Train Loss: 1.9463, ...``)."""
    if LOGGING_TIME.match(line) or _comma_pairs(line):
        return False
    return line.count(",") >= 2 \
        and not re.search(r"[A-Za-z]\s*[:=]?\s*[\[(]?\s*\d", line.split(",")[0])


_PAIR_NAME = re.compile(r"^[A-Za-z][\w./ -]*$")
_PAIR_VALUE = re.compile(r"^(?:" + _NUMBER + r")(?:\s*/\s*\d+)?%?$")


def _comma_pairs(line: str) -> bool:
    """True for names and values taking turns between commas, two pairs or more (``Epoch,
    1/20, loss, 0.9, val_loss, 1.0``): a printed line, not a CSV header or row."""
    cells = [cell.strip() for cell in line.split(",")]
    if len(cells) < 4 or len(cells) % 2:
        return False
    return all(_PAIR_NAME.match(name) for name in cells[0::2]) \
        and all(_PAIR_VALUE.match(value) for value in cells[1::2])


def _candidate_lines(data: bytes) -> Iterator[str]:
    """The fragments of ``data`` that hold a trigger, decoded, without ANSI codes, stripped."""
    for start, end in _candidates(data):
        yield _plain(decode_text(data[start:end])).strip()


def _meter_line(line: str) -> bool:
    """True for a ProgressMeter, MetricLogger or timm train line with a ``Name value
    (average)`` pair."""
    return bool((_METER_TRAIN.match(line) or _TIMM_TRAIN.match(line))
                and _METER_PAIR.search(line))


def _has_dialect(lines: Iterable[str]) -> bool:
    """True when ``lines`` hold a Keras epoch with its pairs, a PointNet epoch with its mean
    loss, a Trainer dict, a printed Keras history, a nanoGPT, ProgressMeter, OpenMMLab or
    fairseq line."""
    keras_header = pointnet_header = False
    for line in lines:
        if _KERAS_EPOCH.match(line):
            keras_header = True
        elif keras_header and _KERAS_PAIR.search(line):
            return True
        elif _POINTNET_EPOCH.match(line):
            pointnet_header = True
        elif pointnet_header and _POINTNET_LOSS.match(line):
            return True
        elif "{'" in line and (_hf_dict(line) is not None or python_lists(line) is not None):
            return True
        elif _NANOGPT_ITER.match(line) or _NANOGPT_EVAL.match(line) or _BUILD_NANOGPT.match(line):
            return True
        elif _meter_line(_TIMM_LOGGING.sub("", line, count=1)):
            return True
        elif (_MM_EPOCH.search(line) or _MM_ITER.search(line)) and _MM_PAIR.search(line):
            return True
        elif "num_updates" in line and _FAIRSEQ.search(line):
            return True
    return False


def _log_after_noise(data: bytes) -> bool:
    """True when, past a head of noise, ``data``'s fragments that hold a trigger include a
    dialect's line, or two lines with metric pairs and a position: among the first of them
    that hold metric pairs (``_generic_lines``' rule: OpenNMT and YOLOX print their model's
    architecture first, whose loss modules name a metric without a value), or later, when
    those first ones were not CSV rows (a loop logging ``[1/100] batch 10/644 loss=47.14``
    64 times an epoch behind a time stamp prints its ``Epoch 1/100 | loss=... | val=...``
    line after them). One pass: the first such fragments, and up to two later ones with a
    position, are kept while the dialects are looked for."""
    first: list[str] = []
    later: list[str] = []

    def keeping_the_first() -> Iterator[str]:
        for line in _candidate_lines(data):
            if len(first) < _SNIFF_LINES:
                if _metric_pairs(line):  # a model's repr names losses too: "(l1_loss): L1Loss()"
                    first.append(line)
            elif len(later) < 2 and _has_position(line) and _metric_pairs(line) \
                    and not _csv_like(line):
                later.append(line)
            yield line

    if _has_dialect(keeping_the_first()):
        return True
    lines = _generic_lines("\n".join(first))
    return lines is not None and lines[0] + len(later) >= 2


def _named_like_console_log(path: Path) -> bool:
    return path.suffix.lower() in CONSOLE_SUFFIXES


class TextLogReader(Reader):
    """Console logs: Keras ``fit``, HF Trainer dicts, nanoGPT and hand-written loops."""

    name = "text"
    source = "text"

    def sniff(self, head: bytes, path: Path) -> bool:
        """A text head with a dialect's line, or with two generic metric lines; a file named
        like a console log (``.log``, ``.out``, ``.txt``, ``.err``) whose head is all noise is
        looked at up to ``SNIFF_MORE_BYTES`` for a dialect's line or generic ones
        (``_log_after_noise``)."""
        if _is_utf16(head):
            head = _from_utf16(head)  # PowerShell's "> log.txt" writes UTF-16 with a BOM
        if b"\x00" in head:
            return False
        if _has_dialect(_candidate_lines(head)):
            return True
        named = _named_like_console_log(Path(path))
        lines = _generic_lines(decode_text(head))
        if lines is not None and (lines[0] >= 2 or (named and min(lines[1:]) >= 2)):
            return True
        if len(head) < HEAD_BYTES or not named:
            return False
        try:
            with safeio.open_regular(path) as handle:
                more = handle.read(SNIFF_MORE_BYTES)
        except OSError:
            return False
        if _is_utf16(more):
            more = _from_utf16(more)
        if len(more) <= len(head) or b"\x00" in more:
            return False
        return _log_after_noise(more)

    def read(self, path: Path) -> Points:
        """The file streamed line by line (a regular file only; one whose first bytes are
        mostly zero bytes is refused, not scanned to its end), its last line too."""
        return self._read(path, live=False)

    def read_live(self, path: Path) -> Points:
        """As ``read``, but a last line without a newline is still being written: not read."""
        return self._read(path, live=True)

    def _read(self, path: Path, live: bool) -> Points:
        with safeio.open_regular(path) as handle:
            head = handle.read(safeio.HEAD_CHECK_BYTES)
            check_not_pointer(head[:64], path)
            utf16 = _is_utf16(head)
            safeio.refuse_zeros(_from_utf16(head) if utf16 else head, path, "text log")
            handle.seek(0)
            return _read_console(_Utf16AsUtf8(handle) if utf16 else handle, Path(path), live)


def _is_utf16(head: bytes) -> bool:
    """True when a file opens with a UTF-16 byte-order mark (Windows PowerShell's redirect)."""
    return head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def _from_utf16(data: bytes) -> bytes:
    """UTF-16 bytes (a BOM first) as UTF-8, a character cut at the end dropped."""
    return data[:len(data) - len(data) % 2].decode("utf-16", errors="replace").encode("utf-8")


class _Utf16AsUtf8:
    """A UTF-16 file read as UTF-8 bytes, block by block (``read`` only)."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.decoder = codecs.getincrementaldecoder("utf-16")(errors="replace")

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        return self.decoder.decode(data, final=not data).encode("utf-8")
