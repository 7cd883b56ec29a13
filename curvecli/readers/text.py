"""Plain-text training logs: the stdout of a hand-written training loop.

Lines such as ``Ep 1 (Step 000050): Train loss 0.617, Val loss 0.637`` or
``Epoch 3/10, Train Loss: 0.41, Val Loss: 0.45`` carry a position (epoch and/or
step) and ``<name> <number>`` pairs whose name mentions a loss, an accuracy or a
learning rate. A line without a position (``Validation accuracy: 97.50%``)
belongs to the last position seen. Values are kept as written (``97.50%`` is
97.5). Only files whose first lines look like this are claimed, so a CSV that
happens to be named ``training.log`` goes to the CSV readers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from curvecli.errors import FormatError
from curvecli.frame import Points, points_table
from curvecli.readers.base import MAX_STEP, Reader, check_not_pointer, decode_text

_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|NaN|[-+]?inf(?:inity)?|[-+]?Inf(?:inity)?"
_STEP = re.compile(r"\b(?:step|iter(?:ation)?|it)\b\s*[:=#]?\s*(\d+)", re.IGNORECASE)
_EPOCH = re.compile(r"\b(?:ep|epoch)\b\s*[:=#]?\s*(\d+)(?:\s*/\s*\d+)?", re.IGNORECASE)
_PAIR = re.compile(
    r"(?P<name>[A-Za-z][A-Za-z0-9_/\- ]{0,40}?)\s*[:=]?\s*(?P<value>" + _NUMBER + r")(?P<pct>%)?",
)
# Only names like these are metrics; "Step 50" or "Ep 1" are positions, not values.
_METRIC_WORD = re.compile(r"loss|acc|accuracy|ppl|perplexity|\blr\b|learning[ _]rate|f1|bleu|"
                          r"rouge|wer|cer|grad[ _]?norm|auc|precision|recall|reward", re.IGNORECASE)
_SNIFF_LINES = 40
# Substring tests (C speed) that rule most lines of a stdout log out before the patterns,
# which try every alternative at every position of a line.
_DIGIT = re.compile(r"[0-9]")
_METRIC_HINTS = ("loss", "acc", "ppl", "perplexity", "lr", "learning", "f1", "bleu", "rouge",
                 "wer", "cer", "grad", "auc", "precision", "recall", "reward")


def _could_hold_number(line: str, lowered: str) -> bool:
    """False for a line with no digit, ``nan`` or ``inf``: no position or value in it."""
    return bool(_DIGIT.search(line)) or "nan" in lowered or "inf" in lowered


def _metric_pairs(line: str) -> list[tuple[str, float]]:
    lowered = line.lower()
    if not _could_hold_number(line, lowered) or not any(h in lowered for h in _METRIC_HINTS):
        return []
    pairs = []
    for match in _PAIR.finditer(line):
        name = match.group("name").strip(" -_/").strip()
        if not name or not _METRIC_WORD.search(name):
            continue
        # "Ep 1 (Step 000050): Train loss" -> keep only the last clause of the name.
        name = re.split(r"[,;|():]", name)[-1].strip()
        if not name or not _METRIC_WORD.search(name):
            continue
        raw = match.group("value")
        try:
            value = float(raw.replace("Infinity", "inf").replace("infinity", "inf"))
        except ValueError:
            continue
        pairs.append((name, value))
    return pairs


def _lines(handle: BinaryIO) -> Iterator[str]:
    """A file's lines, decoded one at a time: a multi-gigabyte stdout log is never held whole.
    Carriage returns end lines too (progress bars redraw their line with them)."""
    for raw in handle:
        yield from decode_text(raw).splitlines()


def _looks_like_text_log(text: str) -> bool:
    hits = 0
    for line in text.splitlines()[:_SNIFF_LINES]:
        if line.count(",") >= 2 and not re.search(r"[A-Za-z]\s*[:=]?\s*\d", line.split(",")[0]):
            return False  # a CSV header or row
        if (_STEP.search(line) or _EPOCH.search(line)) and _metric_pairs(line):
            hits += 1
    return hits >= 2


class TextLogReader(Reader):
    name = "text"
    source = "text"

    def sniff(self, head: bytes, path: Path) -> bool:
        if b"\x00" in head:
            return False
        return _looks_like_text_log(decode_text(head))

    def read(self, path: Path) -> Points:
        with open(path, "rb") as handle:
            check_not_pointer(handle.read(64), path)
            handle.seek(0)
            return self._read(_lines(handle), Path(path))

    def _read(self, lines: Iterator[str], path: Path) -> Points:
        tags: list[str] = []
        steps: list[int] = []
        epochs: list[float] = []
        values: list[float] = []
        step, epoch, seen_step, huge = 0, math.nan, False, 0
        for line in lines:
            lowered = line.lower()
            if not _could_hold_number(line, lowered):
                continue
            has_digit = _DIGIT.search(line)
            epoch_match = _EPOCH.search(line) if has_digit and "ep" in lowered else None
            step_match = _STEP.search(line) if has_digit and (
                "it" in lowered or "step" in lowered) else None
            position = step_match or (epoch_match if not seen_step else None)
            if position and int(position.group(1)) >= MAX_STEP:
                huge += 1  # not a step any run reaches: a corrupt line
                continue
            if epoch_match:
                epoch = float(epoch_match.group(1))
            if step_match:
                step, seen_step = int(step_match.group(1)), True
            elif epoch_match and not seen_step:
                step = int(epoch_match.group(1))  # epoch-only logs: the epoch index is the step
            for name, value in _metric_pairs(line):
                tags.append(name)
                steps.append(step)
                epochs.append(epoch)
                values.append(value)
        if not tags:
            raise FormatError("no '<metric> <value>' lines with an epoch or step found", path)
        warnings = [f"{path.name}: {huge} line(s) with a step of {MAX_STEP} or more skipped"
                    ] if huge else []
        return Points(points_table(tag=tags, step=steps, value=values, epoch=epochs), warnings)
