"""Terminal output with rich: the run table of ``ls`` and warnings on stderr.

The only module that imports rich. Tables go to stdout (they are the output
the user asked for); warnings and notes go to stderr.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager

from rich.console import Console
from rich.table import Table
from rich.text import Text

from curvecli.errors import printable
from curvecli.frame import RunLog, series_names
from curvecli.names import is_curve_metric
from curvecli.render import tables
from curvecli.render.tables import Column

# Past this many warnings, the rest are counted rather than printed.
MAX_WARNINGS_SHOWN = 20


def stdout_console() -> Console:
    """Rich on stdout; in a pipe, lines are never wrapped."""
    return Console(file=sys.stdout, soft_wrap=not sys.stdout.isatty())


def stderr_console() -> Console:
    return Console(file=sys.stderr, soft_wrap=True, highlight=False)


def _step_range(run: RunLog) -> str:
    if run.frame.empty:
        return "-"
    steps = run.frame["step"]
    return f"{steps.min()}..{steps.max()}"


SERIES_SHOWN = 5  # series named per run in the ls table; `ls --format json` lists all


def _series_rank(name: str) -> tuple[int, int, str]:
    """The series that matter first: losses, then val, train and test curves, run-level
    series; counters and throughput (``val/runtime``, ``samples_per_second``) last."""
    split, _, metric = name.rpartition("/")
    bookkeeping = 0 if is_curve_metric(metric) else 1
    if metric == "loss" and split in ("val", "train"):
        return (bookkeeping, 0, name)
    return (bookkeeping, {"val": 1, "train": 2, "test": 3}.get(split, 4), name)


RUN_COLUMNS = [Column("run", "id"), Column("source", "extra"), Column("series", "text"),
               Column("points", "number", right=True), Column("steps", "extra", right=True),
               Column("warnings", "number", right=True)]


def _runs_rows(runs: list[RunLog]) -> list[list[str]]:
    """One row per run: run, source, series, points, step range, warnings."""
    rows = []
    for run in runs:
        series = sorted(series_names(run.frame), key=_series_rank)
        shown = ", ".join(series[:SERIES_SHOWN])
        if len(series) > SERIES_SHOWN:
            shown += f" (+{len(series) - SERIES_SHOWN} more)"
        rows.append([run.run, run.source, shown or "-", f"{run.points:,}", _step_range(run),
                     str(len(run.warnings))])
    return rows


def print_runs(runs: list[RunLog], fmt: str = "table") -> None:
    print_table(RUN_COLUMNS, _runs_rows(runs), fmt)


# Rich's box costs this many characters per column, plus one.
BOX_PER_COLUMN = 3


def print_table(columns: list[Column], rows: list[list[str]], fmt: str = "table",
                styles: dict[str, dict[str, str]] | None = None) -> None:
    """A table to stdout: ``tsv``; plain rows that never wrap when stdout is not a terminal;
    else a rich table fitted to the terminal (``styles``: column -> cell text -> style)."""
    if fmt == "tsv":
        sys.stdout.write(tables.tsv(columns, rows))
        return
    if not tables.stdout_is_terminal():
        sys.stdout.write("\n".join(tables.plain_lines(columns, rows)) + "\n")
        return
    console = stdout_console()
    console.print(rich_table(columns, rows, console.width, styles))


def rich_table(columns: list[Column], rows: list[list[str]], width: int,
               styles: dict[str, dict[str, str]] | None = None) -> Table:
    """The rich table of ``rows`` fitted to ``width`` terminal columns (see tables.fit):
    text columns fold, the others never wrap."""
    columns, rows = tables.fit(columns, rows, width - 1, per_column=BOX_PER_COLUMN,
                               cut_text=False)
    table = Table(show_header=True, header_style="bold", pad_edge=False)
    for column in columns:
        table.add_column(column.name, justify="right" if column.right else "left",
                         no_wrap=column.role != "text", overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell, style=(styles or {}).get(column.name, {}).get(cell, ""))
                        for column, cell in zip(columns, row)))
    return table


# How much talk goes to stderr: 0 quiet (errors only), 1 warnings, 2 verbose (every warning).
_VERBOSITY = {"level": 1}


def set_verbosity(quiet: bool, verbose: bool) -> None:
    """``--quiet`` silences warnings; ``--verbose`` prints every one (no cap) and notes."""
    _VERBOSITY["level"] = 0 if quiet else 2 if verbose else 1


def verbose() -> bool:
    return _VERBOSITY["level"] >= 2


def print_warnings(warnings: list[str]) -> None:
    """Warnings to stderr, one line each: identical ones once with their count, the first
    ``MAX_WARNINGS_SHOWN`` (all with --verbose), none with --quiet."""
    if not warnings or _VERBOSITY["level"] == 0:
        return
    counts: dict[str, int] = {}
    for warning in warnings:
        counts[warning] = counts.get(warning, 0) + 1
    lines = [f"{warning} ({count} times)" if count > 1 else warning
             for warning, count in counts.items()]
    limit = len(lines) if verbose() else MAX_WARNINGS_SHOWN
    console = stderr_console()
    for line in lines[:limit]:
        console.print(Text(f"warning: {printable(line)}", style="yellow"))
    if len(lines) > limit:
        console.print(Text(f"warning: ... and {len(lines) - limit} more (--verbose shows them)",
                           style="yellow"))


def print_note(note: str) -> None:
    """A detail for --verbose, to stderr."""
    if verbose():
        stderr_console().print(Text(f"note: {printable(note)}", style="dim"))


VERDICT_STYLE = {
    "healthy": "bold green",
    "still_improving": "bold cyan",
    "underfitting": "bold yellow",
    "loss_spike": "bold yellow",
    "erratic": "bold magenta",
    "overfitting": "bold red",
    "diverging": "bold white on red",
    "insufficient_data": "dim",
}
SEVERITY_STYLE = {"info": "cyan", "warning": "yellow", "error": "red"}


DIAGNOSE_COLUMNS = [Column("run", "id"), Column("verdict", "key"),
                    Column("conf", "number", right=True), Column("monitored", "extra"),
                    Column("best", "extra", right=True), Column("wasted", "extra", right=True),
                    Column("findings", "text")]


def _diagnose_rows(reports) -> list[list[str]]:
    """One row per run: verdict, confidence, best step/value, wasted share, key findings with
    their series."""
    rows = []
    for report in reports:
        best = f"{report.best.value:.4g} @ {report.best.step}" if report.best else "-"
        wasted = "-" if report.wasted_fraction is None else f"{report.wasted_fraction:.0%}"
        conf = "-" if report.confidence is None else f"{report.confidence:.2f}"
        rows.append([report.run, report.verdict, conf, report.monitored or "-", best, wasted,
                     ", ".join(report.key_findings()) or "-"])
    return rows


def print_diagnosis(reports, fmt: str = "table") -> None:
    """The verdict table, then (not for tsv) each run's findings, notes and advice."""
    print_table(DIAGNOSE_COLUMNS, _diagnose_rows(reports), fmt, {"verdict": VERDICT_STYLE})
    if fmt == "tsv":
        return
    console = stdout_console()
    for report in reports:
        stop = report.early_stop
        if not report.findings and not report.notes and not (stop and stop.stop_step is not None):
            continue
        console.print(Text(f"\n{printable(report.run)}: {report.verdict}",
                           style=VERDICT_STYLE[report.verdict]))
        for note in report.notes:
            console.print(Text(f"  note: {printable(note)}", style="dim"))
        if report.best and report.best.checkpoint:
            console.print(Text(printable(f"  best checkpoint: {report.best.checkpoint} "
                                         f"({report.best.series} {report.best.value:.4g} at "
                                         f"step {report.best.step})")))
        if stop and stop.stop_step is not None:
            kept = f"keeping step {stop.best_step}" if stop.best_step is not None \
                else "with no finite value to keep"
            console.print(Text(f"  early stopping (patience {stop.patience}) would have stopped at "
                               f"step {stop.stop_step}, {kept}"))
        for finding in report.findings:
            line = Text("  ")
            line.append(f"{finding.code}", style=SEVERITY_STYLE[finding.severity])
            line.append(f" {printable(finding.message)}")
            console.print(line)
            if finding.advice:
                console.print(Text(f"    try: {'; '.join(finding.advice)}", style="dim"))


@contextmanager
def reading_progress(min_runs: int):
    """A progress bar on stderr for reading sweeps; yields the ``progress(done, total)`` hook."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("reading runs"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), console=stderr_console(), transient=True)
    task = None

    def progress(done: int, total: int) -> None:
        nonlocal task
        if total < min_runs:
            return
        if task is None:
            bar.start()
            task = bar.add_task("read", total=total)
        bar.update(task, completed=done)

    try:
        yield progress
    finally:
        if task is not None:
            bar.stop()
