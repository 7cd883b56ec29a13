"""The plain dataclasses the analysis returns and every renderer takes.

``Finding`` and ``RunReport`` mirror DESIGN.md's JSON schema field for field;
``to_dict`` is that schema.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("info", "warning", "error")
VERDICTS = ("healthy", "overfitting", "underfitting", "erratic", "diverging", "loss_spike",
            "still_improving", "insufficient_data")
FINDING_CODES = VERDICTS[:-1] + ("plateau", "lr_too_high", "lr_too_low", "exploding_gradients",
                            "vanishing_gradients", "non_finite", "resumed")


def format_number(value: float | None) -> str:
    """A number as messages, tables and figures show it: 4 significant digits, 3 when very
    large or small; ``NaN``, ``inf``, ``-inf``; ``-`` when there is none."""
    if value is None:
        return "-"
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value != 0 and (abs(value) >= 1e5 or abs(value) < 1e-3):
        return f"{value:.3g}"
    return f"{value:.4g}"


def _plain(value: Any) -> Any:
    """Numbers JSON can hold: numpy scalars to Python, non-finite floats to strings."""
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return round(value, 6) if abs(value) >= 1e-4 else float(f"{value:.6g}")
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


@dataclass
class Finding:
    code: str
    severity: str
    series: str | None
    step: int | None
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)
    advice: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        assert self.code in FINDING_CODES, self.code
        assert self.severity in SEVERITIES, self.severity

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "series": self.series,
            "step": None if self.step is None else int(self.step),
            "message": self.message,
            "evidence": _plain(self.evidence),
            "advice": list(self.advice),
        }


SHORT_CODES = {"loss_spike": "spike", "exploding_gradients": "exploding_grads",
               "vanishing_gradients": "vanishing_grads"}


def _short_label(finding: Finding) -> str:
    """``code@step series`` as the tables show a finding."""
    text = SHORT_CODES.get(finding.code, finding.code)
    if finding.step is not None:
        text += f"@{finding.step}"
    if finding.series:
        text += f" {finding.series}"
    return text


@dataclass
class Best:
    series: str
    step: int
    value: float
    checkpoint: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"series": self.series, "step": int(self.step), "value": _plain(self.value),
                "checkpoint": self.checkpoint}


@dataclass
class EarlyStop:
    """Where early stopping (HF / Keras semantics) would have stopped the run."""

    patience: int
    min_delta: float
    stop_step: int | None  # None: it would not have stopped
    best_step: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"patience": self.patience, "min_delta": self.min_delta,
                "stop_step": self.stop_step, "best_step": self.best_step}


@dataclass
class RunReport:
    run: str
    source: str
    points: int
    series: list[str]
    verdict: str
    findings: list[Finding] = field(default_factory=list)
    best: Best | None = None
    wasted_fraction: float | None = None
    early_stop: EarlyStop | None = None
    monitored: str | None = None
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    confidence: float | None = None  # how likely the verdict is right (calibrated), 0..1
    path: str | None = None  # the run's directory (or the file given)
    error: str | None = None  # why the run could not be read (verdict insufficient_data)

    def __post_init__(self) -> None:
        assert self.verdict in VERDICTS, self.verdict

    def key_findings(self, limit: int = 4) -> list[str]:
        """Short labels of the verdict's own finding and the key others, with their series:
        ``overfitting@1200 val/loss``, ``spike@300 train/loss``, ``+2 more``."""
        order = sorted(self.findings, key=lambda f: (f.code != self.verdict,
                                                      -SEVERITIES.index(f.severity)))
        labels = ([f"no data: {self.error}"] if self.error else []) \
            + [_short_label(finding) for finding in order]
        if len(labels) > limit:
            labels = labels[:limit - 1] + [f"+{len(labels) - limit + 1} more"]
        return labels

    @property
    def worst_severity(self) -> str:
        """The worst finding's severity; a run that could not be read is an error."""
        if self.error:
            return "error"
        ranks = [SEVERITIES.index(finding.severity) for finding in self.findings]
        return SEVERITIES[max(ranks)] if ranks else "info"

    def to_dict(self) -> dict[str, Any]:
        return {
            "run": self.run,
            "path": self.path,
            "source": self.source,
            "points": self.points,
            "series": self.series,
            "verdict": self.verdict,
            "confidence": _plain(self.confidence),
            "monitored": self.monitored,
            "findings": [finding.to_dict() for finding in self.findings],
            "best": self.best.to_dict() if self.best else None,
            "wasted_fraction": _plain(self.wasted_fraction),
            "early_stopping": self.early_stop.to_dict() if self.early_stop else None,
            "warnings": list(self.warnings),
            "notes": list(self.notes),
            "error": self.error,
        }
