"""What ``watch`` shows: JSON Lines events, or a live table on a terminal.

The table has one row per run (run, last step, the monitored series' latest
value and its trend over the last points, the verdict so far, the last alert)
and is redrawn in place; alerts are printed above it as they come.
"""

from __future__ import annotations

import json
import sys

import numpy as np

from curvecli.analysis.report import format_number
from curvecli.errors import printable
from curvecli.render.tables import Column
from curvecli.watch import Event, RunState

TREND_POINTS = 10  # the trend arrow compares the last point with the median of these before it

WATCH_COLUMNS = [Column("run", "id"), Column("step", "number", right=True),
                 Column("monitored", "extra"), Column("latest", "number", right=True),
                 Column("verdict", "key"), Column("last alert", "text")]


def jsonl(event: Event) -> str:
    """One event as one line of JSON (non-finite numbers as strings, as everywhere)."""
    return json.dumps(event.to_dict(), allow_nan=False)


def write_events(events: list[Event]) -> None:
    for event in events:
        sys.stdout.write(jsonl(event) + "\n")
    sys.stdout.flush()


def _trend(values: np.ndarray) -> str:
    """↘, → or ↗: the last value against the median of the ones before it."""
    finite = values[np.isfinite(values)]
    if len(finite) < 3:
        return ""
    before = float(np.median(finite[-TREND_POINTS - 1:-1]))
    last = float(finite[-1])
    return "→" if last == before else "↘" if last < before else "↗"


def row(run: str, state: RunState, last_alert: str) -> list[str]:
    """A run's row of the live table."""
    report = state.report
    latest = monitored = "-"
    if report is not None and report.monitored:
        monitored = report.monitored
        if state.recent is not None and len(state.recent):
            latest = f"{format_number(float(state.recent[-1]))} {_trend(state.recent)}".strip()
    verdict = report.verdict if report is not None else "-"
    step = "-" if state.last_step is None else f"{state.last_step:,}"
    return [printable(run), step, printable(monitored), latest, verdict, printable(last_alert)]
