"""`curvecli watch`: follow runs while they train; say each new finding once."""

from __future__ import annotations

import os
import sys
import time
from contextlib import nullcontext
from pathlib import Path
from typing import List, Literal, Optional

import typer

from curvecli.cli import (
    EXIT_FINDING,
    EXIT_OK,
    MinDeltaOption,
    PathsArgument,
    PatienceOption,
    Reading,
    app,
    reads_logs,
    reporting,
)

# Events --exit-on may name: the live findings, and these.
OTHER_EVENTS = ("stalled", "early_stopping")


@app.command("watch")
@reads_logs
def watch_command(
    paths: List[Path] = PathsArgument,
    interval: float = typer.Option(10.0, "--interval", min=0.05,
                                   help="Seconds between polls."),
    once: bool = typer.Option(False, "--once",
                              help="One pass over what is there, then exit."),
    exit_on: Optional[str] = typer.Option(
        None, "--exit-on", metavar="CODES",
        help="Exit 1 as soon as one of these appears (comma-separated: diverging, non_finite, "
             "loss_spike, overfitting, erratic, plateau, stalled, "
             "early_stopping)."),
    webhook: Optional[str] = typer.Option(
        None, "--webhook", metavar="URL",
        help="POST each alert as JSON (Slack/Discord readable `text`, plus the event)."),
    output_format: Literal["table", "jsonl"] = typer.Option(
        "table", "--format", "-f",
        help="A live table on a terminal (JSON Lines when stdout is not one), or JSON Lines."),
    stall_after: Optional[float] = typer.Option(
        None, "--stall-after", min=0.0, metavar="SECONDS",
        help="A growing run with no new point for this long is stalled (default: 10 logging "
             "intervals, at least 60 s)."),
    metric: Optional[str] = typer.Option(None, "--metric", "-m", metavar="SERIES",
                                         help="Series to judge, as in diagnose."),
    patience: Optional[int] = PatienceOption,
    min_delta: Optional[float] = MinDeltaOption,
    reading: Reading = None,
) -> None:
    """Follow runs as they train: each new finding once, as it happens; exit codes for CI."""
    with reporting():
        from curvecli.render import terminal
        from curvecli.watch import Watcher

        codes = _exit_codes(exit_on)
        from curvecli.remote import as_url

        remote = [as_url(path) for path in paths if as_url(path)]
        if remote:
            from curvecli.errors import UsageError

            raise UsageError(f"watch follows local paths only, not {remote[0]}",
                             hint="run the watch where the logs are written, or mount the "
                                  "bucket; the other commands read remote paths")
        missing = [path for path in paths if not os.path.lexists(path)]
        if once and missing:
            from curvecli.errors import UsageError

            raise UsageError(f"no such file or directory: {missing[0]}")
        terminal.set_verbosity(reading.quiet, reading.verbose)
        watcher = Watcher.over(paths, reading.input_format, reading.all_sources, metric=metric,
                               patience=patience, min_delta=min_delta, stall_after=stall_after)
        live = output_format == "table" and sys.stdout.isatty() and not once
        session = _Session(watcher, codes, webhook, live)
        raise typer.Exit(session.run(once, interval))


def _exit_codes(text: Optional[str]) -> set[str]:
    from curvecli.errors import UsageError
    from curvecli.watch import LIVE_CODES

    codes = {code.strip() for code in (text or "").split(",") if code.strip()}
    unknown = sorted(codes - set(LIVE_CODES) - set(OTHER_EVENTS))
    if unknown:
        raise UsageError(f"unknown --exit-on code(s): {', '.join(unknown)}; use "
                         f"{', '.join(LIVE_CODES + OTHER_EVENTS)}")
    return codes


class _Session:
    """One watch: polls, shows events, posts alerts, decides the exit code."""

    def __init__(self, watcher, codes: set[str], webhook: Optional[str], live: bool):
        from curvecli.webhook import Webhook

        self.watcher, self.codes, self.live = watcher, codes, live
        self.warnings: list[str] = []
        self.hook = Webhook(webhook, self.warnings.append) if webhook else None
        self.last_alert: dict[str, str] = {}
        self.waited: set = set()
        self.alerts = 0

    def run(self, once: bool, interval: float) -> int:
        display = self._display() if self.live else None
        try:
            with display if display is not None else nullcontext():
                while True:
                    hit = self._poll(display, once)
                    if hit or once:
                        return EXIT_FINDING if hit else EXIT_OK
                    time.sleep(interval)
        except KeyboardInterrupt:
            return EXIT_OK
        finally:
            if self.hook is not None:
                self.hook.flush()
            self._flush_warnings()
            self._summary()

    def _poll(self, display, final: bool) -> bool:
        from curvecli.render import watch as render

        events = self.watcher.poll(final)
        for path in self.watcher.follower.waiting:
            if path not in self.waited:
                self.waited.add(path)
                self.warnings.append(f"{path}: does not exist yet; waiting for it")
        alerts = [event for event in events if event.kind != "run"]
        for event in alerts:
            self.alerts += 1
            if event.kind != "early_stopping" or event.run not in self.last_alert:
                step = event.finding.step if event.finding is not None else None
                self.last_alert[event.run] = event.code + (f"@{step}" if step is not None else "")
            if self.hook is not None:
                self.hook.send(event.text(), event.to_dict())
        if display is None:
            render.write_events(events)
        else:
            for event in alerts:
                display.console.print(event.text(), markup=False, highlight=False)
            display.update(self._table(), refresh=True)
        self._flush_warnings()
        return any(event.code in self.codes for event in alerts)

    def _display(self):
        from rich.live import Live

        from curvecli.render.terminal import stdout_console

        return Live(self._table(), console=stdout_console(), auto_refresh=False,
                    transient=False)

    def _table(self):
        from curvecli.render import watch as render
        from curvecli.render.terminal import VERDICT_STYLE, rich_table, stdout_console

        rows = [render.row(run, state, self.last_alert.get(run, "-"))
                for run, state in self.watcher.runs.items()]
        return rich_table(render.WATCH_COLUMNS, rows, stdout_console().width,
                          {"verdict": VERDICT_STYLE})

    def _flush_warnings(self) -> None:
        from curvecli.render import terminal

        if self.warnings:
            pending, self.warnings[:] = list(self.warnings), []
            terminal.print_warnings(pending)

    def _summary(self) -> None:
        runs = len(self.watcher.runs)
        hook = ""
        if self.hook is not None:
            hook = f"; webhook: {self.hook.sent} posted, {self.hook.failed} failed"
        sys.stderr.write(f"watched {runs} run(s): {self.alerts} alert(s){hook}\n")
