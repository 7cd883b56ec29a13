"""Confidence: how likely a verdict is to be right, from the cue that gave it.

A verdict's confidence is the share of verdicts right among those of the same
kind on the dev split of the labelled corpus (``benchmarks/score_corpus.py``),
by verdict and by how the verdict was reached (the cue in the deciding
finding's evidence). It is checked, never fitted, on the test split.
"""

from __future__ import annotations

from curvecli.analysis.report import Finding
from curvecli.analysis.series import Series

# Share right on the dev split, by (verdict, cue); the verdict alone when the cue is unknown.
CALIBRATION: dict[tuple[str, str | None], float] = {}
DEFAULT = 0.7


def confidence(verdict: str, findings: list[Finding], monitored: Series) -> float:
    """The calibrated probability that ``verdict`` is right."""
    deciding = next((f for f in findings if f.code == verdict), None)
    cue = deciding.evidence.get("cue") if deciding is not None else None
    return CALIBRATION.get((verdict, cue), CALIBRATION.get((verdict, None), DEFAULT))
