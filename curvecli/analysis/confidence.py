"""Confidence: how likely a verdict is to be right, from how it was reached.

A verdict's confidence is the share of verdicts right, on the splits the
detectors were tuned on (the corpus' dev split, the first generated set and
the public runs judged by eye), among verdicts reached the same way: the same verdict,
the same cue (the ``cue`` in the deciding finding's evidence, e.g.
``sustained_rise``, ``learned_nothing``, ``sharp``) and the same strength
(``strong`` when the deciding statistic passed its threshold by a factor of
``STRONG_MARGIN`` or more, its ``margin``; for healthy: judged on a val series
or on the train loss alone; for insufficient_data: no series long enough, or a healthy train
curve beside too few evaluations). The table is written by
``benchmarks/calibrate.py`` into ``calibration.json`` beside this module and
checked, never fitted, on the corpus' test split (``benchmarks/score_corpus.py``
prints the reliability table).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from curvecli.analysis.report import Finding

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")
STRONG_MARGIN = 2.0  # a statistic at least twice its threshold is a strong cue
DEFAULT = 0.5  # a way of reaching a verdict that the tuning splits never saw


def confidence_key(verdict: str, findings: list[Finding], monitored: str | None) -> str:
    """``verdict|cue|strength``: how the verdict was reached (see the module docstring);
    ``monitored`` is the judged series' name (``val/loss``)."""
    if verdict == "healthy":
        return f"healthy||{'val' if (monitored or '').startswith('val/') else 'train'}"
    if verdict == "insufficient_data" and monitored:
        return "insufficient_data||few_evaluations"  # a judged train curve, too few evaluations
    deciding = [f for f in findings if f.code == verdict]
    if not deciding:
        return f"{verdict}||"
    margins = [f.evidence.get("margin") for f in deciding]
    margin = max((m for m in margins if isinstance(m, (int, float))), default=math.nan)
    strength = "strong" if margin >= STRONG_MARGIN else "weak"
    return f"{verdict}|{deciding[0].evidence.get('cue', '')}|{strength}"


@lru_cache(maxsize=1)
def calibration() -> dict[str, float]:
    """The calibration table: share right by key, plus ``verdict||*`` per verdict."""
    if not CALIBRATION_FILE.exists():
        return {}
    return json.loads(CALIBRATION_FILE.read_text())


def confidence(verdict: str, findings: list[Finding], monitored: str | None) -> float:
    """The calibrated probability that ``verdict`` is right."""
    table = calibration()
    key = confidence_key(verdict, findings, monitored)
    return float(table.get(key, table.get(f"{verdict}||*", DEFAULT)))
