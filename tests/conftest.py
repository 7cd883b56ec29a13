"""Shared fixtures: where the copied real logs live."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from hypothesis import settings

from curvecli.frame import RunLog

# Property tests draw the same examples on every run: a failure is reproducible, never flaky.
settings.register_profile("deterministic", derandomize=True, database=None)
settings.load_profile("deterministic")

DATA = Path(__file__).parent / "data"
SAMPLE_LOGS = Path(__file__).parent.parent / "sample_logs"
THIN = 5  # "thin" keeps every 5th point of each series of 50 or more


def codes(report) -> set[str]:
    """The finding codes of a diagnose report."""
    return {finding.code for finding in report.findings}


def transformed(log: RunLog, kind: str) -> RunLog:
    """The run with every loss x10 (``"scale"``) or every 5th point kept (``"thin"``), as
    the invariance checks of issue #11 and ``benchmarks/score_corpus.py`` transform it."""
    frame = log.frame.copy()
    losses = frame["metric"].astype(str).str.contains("loss")
    if kind == "scale":
        frame.loc[losses, "value"] *= 10
    elif len(frame):
        parts = [group.iloc[::THIN] if len(group) >= 50 else group
                 for _, group in frame.groupby(["split", "metric"], observed=True, sort=False)]
        frame = pd.concat(parts).sort_index()
    return RunLog(log.run, log.source, frame.reset_index(drop=True), log.files, [], log.meta)


def pytest_terminal_summary(terminalreporter) -> None:
    """How many fuzz cases ran (tests/attack.py counts them)."""
    import sys

    attack = sys.modules.get("attack")
    if attack is None or not attack.CASES:
        return
    total = sum(attack.CASES.values())
    parts = ", ".join(f"{kind} {count}" for kind, count in sorted(attack.CASES.items()))
    terminalreporter.write_line(f"fuzz: {total} broken inputs ({parts})")
