"""``curvecli watch``: judge runs while they train, and say each new finding once.

The watcher decides when to judge and what is new; the judging is
``diagnose_run``, the same code path as ``diagnose``, so a live alert and a
later ``diagnose`` agree. At each poll (``Watcher.poll``) the follower gives
every run as it is now, reading only what changed; a run with new points is
diagnosed again, and the findings of ``LIVE_CODES`` not reported before are
events. A finding is known by its code and series (and, for spikes, its
step), so an overfitting onset is reported once, when the rise is
established, even as its numbers move; the findings a run's next points often
take back (``CONFIRM_CODES``) are reported once they held at two judgements in
a row (replaying the labelled runs live, this halves the alarms on healthy
runs: ``benchmarks/watch_alarms.py``). Also events: a run that appears, the
step where early stopping would stop, and a run that ``stalled``: it grew
while watched, then had no new point for ``stall_after`` seconds (by default
``STALL_INTERVALS`` times the run's own logging interval, at least
``STALL_MIN_SECONDS``), and its log does not say it finished (HF's
end-of-training entry).

Findings that need the whole run to be right (``underfitting``,
``still_improving``, the learning-rate advice) are not live events: a run at
its first steps has learned little and is still improving by definition.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from curvecli.analysis.diagnose import diagnose_run
from curvecli.analysis.report import Finding, RunReport
from curvecli.analysis.series import extract
from curvecli.errors import CurveError
from curvecli.follow import Follower
from curvecli.frame import RunLog

# The findings reported as they happen (the others need the finished run).
LIVE_CODES = ("diverging", "non_finite", "loss_spike", "overfitting", "erratic", "plateau")
# Findings that a run's next points often take back (a noisy val point, a bump): reported
# once they held at two judgements in a row, or at a final one (``--once``).
CONFIRM_CODES = ("overfitting", "erratic", "loss_spike", "plateau")
# Findings whose every occurrence is an event (others: once per series).
PER_STEP_CODES = ("loss_spike",)
STALL_INTERVALS = 10.0  # stalled: no new point for this many of the run's logging intervals
STALL_MIN_SECONDS = 60.0  # ... and never sooner than this
EVENT_VERSION = 1
RECENT_POINTS = 11  # monitored values kept per run for the live table's trend
JUDGE_EVERY_POINTS = 200_000  # runs smaller than this are judged at every poll that adds points
JUDGE_GROWTH = 0.01  # bigger ones once they grew by 1% ...
JUDGE_MAX_WAIT = 30.0  # ... or this many seconds after they were last judged


@dataclass
class Event:
    """One thing worth saying: a run appeared, a finding became true, early stopping would
    stop, a run stalled."""

    kind: str  # run | finding | early_stopping | stalled
    time: float
    run: str
    source: str
    finding: Finding | None = None
    detail: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The JSON Lines event (``{"version": 1, "event": ..., "time": ..., ...}``)."""
        from curvecli.analysis.report import _plain

        event = {"version": EVENT_VERSION, "event": self.kind, "time": round(self.time, 3),
                 "run": self.run, "source": self.source}
        if self.finding is not None:
            event["finding"] = self.finding.to_dict()
        event.update(_plain(self.detail))
        return event

    @property
    def code(self) -> str:
        return self.finding.code if self.finding is not None else self.kind

    def text(self) -> str:
        """One line for people (a chat message, a terminal)."""
        if self.finding is not None:
            return f"{self.run}: {self.finding.code} ({self.finding.severity}): " \
                   f"{self.finding.message}"
        if self.kind == "stalled":
            return (f"{self.run}: stalled: no new point for {self.detail['idle_seconds']:.0f} s "
                    f"(last step {self.detail['last_step']})")
        if self.kind == "early_stopping":
            stop = self.detail["early_stopping"]
            return (f"{self.run}: early stopping (patience {stop['patience']}) would stop at "
                    f"step {stop['stop_step']}, keeping step {stop['best_step']}")
        return f"{self.run}: watching ({self.source}, {self.detail.get('points', 0):,} points)"


@dataclass
class RunState:
    """What the watcher knows of one run between polls."""

    points: int = 0  # when last judged
    seen: int = 0  # at the last poll
    last_step: int | None = None
    changed_at: float = 0.0  # when it last gained points
    interval: float | None = None  # its own logging interval (seconds between points)
    said: set = field(default_factory=set)  # finding keys already reported
    pending: set = field(default_factory=set)  # CONFIRM_CODES keys seen at the last judgement
    stalled: bool = False
    grew: bool = False  # it gained points while watched (a finished run never stalls)
    judged_at: float = 0.0
    report: RunReport | None = None
    recent: np.ndarray | None = None  # the monitored series' last values, for the live table


def _key(finding: Finding) -> tuple:
    step = finding.step if finding.code in PER_STEP_CODES else None
    return (finding.code, finding.series, step)


def logging_interval(log: RunLog) -> float | None:
    """The run's median wall-clock seconds between consecutive logged steps (None when the
    log keeps no wall time)."""
    frame = log.frame
    if frame.empty or "wall_time" not in frame:
        return None
    times = frame.groupby("step", observed=True)["wall_time"].max().to_numpy()
    times = np.sort(times[np.isfinite(times)])
    gaps = np.diff(times)
    gaps = gaps[gaps > 0]
    return float(np.median(gaps)) if len(gaps) else None


@dataclass
class Watcher:
    """Polls a follower and turns what changed into events."""

    follower: Follower
    metric: str | None = None
    patience: int | None = None
    min_delta: float | None = None
    stall_after: float | None = None
    clock: Callable[[], float] = time.time
    runs: dict[str, RunState] = field(default_factory=dict)

    @classmethod
    def over(cls, paths: list[Path], input_format: str | None = None,
             all_sources: bool = False, **options) -> Watcher:
        return cls(Follower([Path(p) for p in paths], input_format, all_sources), **options)

    def poll(self, final: bool = False) -> list[Event]:
        """Read what changed and return the new events, in run order. ``final``: this is the
        last look (``--once``), so findings need no confirmation."""
        now = self.clock()
        events: list[Event] = []
        for log in self.follower.poll():
            state = self.runs.get(log.run)
            if state is None:
                state = self.runs[log.run] = RunState(changed_at=now)
                events.append(Event("run", now, log.run, log.source,
                                    detail={"points": log.points}))
            if log.points != state.seen:
                state.grew = state.seen > 0 or state.grew
                state.seen, state.changed_at, state.stalled = log.points, now, False
            if log.points != state.points and (final or self._due(log, state, now)):
                events.extend(self._judge(log, state, now, final))
            events.extend(self._stall(log, state, now))
        return events

    @staticmethod
    def _due(log: RunLog, state: RunState, now: float) -> bool:
        """Whether a run that gained points is judged now: always below ``JUDGE_EVERY_POINTS``
        points; above, once it grew by ``JUDGE_GROWTH`` since it was last judged or
        ``JUDGE_MAX_WAIT`` seconds passed (judging millions of points takes seconds)."""
        if log.points < JUDGE_EVERY_POINTS or state.points == 0:
            return True
        grown = (log.points - state.points) / max(state.points, 1)
        return grown >= JUDGE_GROWTH or now - state.judged_at >= JUDGE_MAX_WAIT

    def _judge(self, log: RunLog, state: RunState, now: float, final: bool) -> list[Event]:
        state.points, state.judged_at = log.points, now
        state.last_step = int(log.frame["step"].max()) if log.points else None
        state.interval = logging_interval(log) or state.interval
        series = extract(log.frame)
        try:
            report = diagnose_run(log, self.metric, self.patience, self.min_delta, series)
        except CurveError:
            return []  # not judgeable yet (a --metric the run has not logged so far)
        state.report = report
        monitored = series.get(report.monitored or "")
        state.recent = monitored.values[-RECENT_POINTS:] if monitored is not None else None
        events, pending = [], set()
        for finding in report.findings:
            key = _key(finding)
            if finding.code not in LIVE_CODES or key in state.said:
                continue
            if finding.code in CONFIRM_CODES and not final and key not in state.pending:
                pending.add(key)
                continue
            state.said.add(key)
            events.append(Event("finding", now, log.run, log.source, finding))
        state.pending = pending
        stop = report.early_stop
        if stop is not None and stop.stop_step is not None and "early_stop" not in state.said:
            state.said.add("early_stop")
            events.append(Event("early_stopping", now, log.run, log.source,
                                detail={"early_stopping": stop.to_dict()}))
        return events

    def stall_limit(self, state: RunState) -> float:
        """Seconds without a new point after which a run is stalled."""
        if self.stall_after is not None:
            return self.stall_after
        interval = state.interval if state.interval and math.isfinite(state.interval) else 0.0
        return max(STALL_MIN_SECONDS, STALL_INTERVALS * interval)

    def _stall(self, log: RunLog, state: RunState, now: float) -> list[Event]:
        idle = now - state.changed_at
        finished = bool(log.meta.get("summary"))  # HF's end-of-training entry
        if state.stalled or not state.grew or finished or idle < self.stall_limit(state):
            return []
        state.stalled = True
        return [Event("stalled", now, log.run, log.source,
                      detail={"idle_seconds": idle, "last_step": state.last_step,
                              "stall_after": self.stall_limit(state)})]
