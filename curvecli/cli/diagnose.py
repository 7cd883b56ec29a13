"""`curvecli diagnose`: a verdict per run."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Literal, Optional

import typer

from curvecli.cli import (
    EXIT_FINDING,
    MinDeltaOption,
    PathsArgument,
    PatienceOption,
    Reading,
    _load,
    app,
    append_step_summary,
    reads_logs,
    reporting,
)

FAIL_ON = ("info", "warning", "error")


def _problem_id(path: Path, paths: List[Path]) -> str:
    """The id of a run that could not be read: its folder relative to the PATH given."""
    from curvecli.discover import relative_id
    from curvecli.errors import printable

    folder = path.parent if path.parent != Path("") else Path(".")
    for given in paths:
        if folder.resolve().is_relative_to(Path(given).resolve()):
            return relative_id(folder.resolve(), Path(given).resolve())
    return printable(folder.as_posix())


@app.command("diagnose")
@reads_logs
def diagnose_command(
    paths: List[Path] = PathsArgument,
    metric: Optional[str] = typer.Option(
        None, "--metric", "-m",
        metavar="SERIES",
        help="Series to judge (val/loss, val/accuracy, eval_f1, val/perplexity...)."),
    output_format: Literal["table", "tsv", "json", "markdown"] = typer.Option(
        "table", "--format", "-f", help="A table, tab-separated rows, JSON or Markdown."),
    fail_on: Optional[Literal["info", "warning", "error"]] = typer.Option(
        None, "--fail-on", help="Exit 1 when a finding has this severity or worse, or a run "
                                "cannot be read."),
    patience: Optional[int] = PatienceOption,
    min_delta: Optional[float] = MinDeltaOption,
    reading: Reading = None,
) -> None:
    """One verdict per run, with findings, evidence and advice."""
    with reporting():
        from curvecli.errors import printable_text

        loaded = _load(paths, reading)
        from curvecli.analysis.diagnose import diagnose, unreadable
        from curvecli.render import report as report_render
        from curvecli.render import terminal

        skipped: list[str] = []
        reports = diagnose(loaded.runs, metric=metric, patience=patience, min_delta=min_delta,
                           warnings=skipped)
        reports += [unreadable(_problem_id(problem.path, paths), str(problem.path),
                               problem.message)
                    for problem in loaded.problems if problem.unreadable]
        if not any(report.points for report in reports):
            from curvecli.errors import NoLogsError

            raise NoLogsError("no points to judge in any run", ", ".join(map(str, paths)))
        terminal.print_warnings(loaded.warnings + [w for r in reports for w in r.warnings
                                                   if w not in loaded.warnings] + skipped)
        if output_format == "json":
            sys.stdout.write(report_render.to_json(reports) + "\n")
        elif output_format == "markdown":
            sys.stdout.write(printable_text(report_render.to_markdown(reports)))
        else:
            terminal.print_diagnosis(reports, output_format)
        append_step_summary(report_render.to_markdown(reports))
        if fail_on is not None:
            threshold = FAIL_ON.index(fail_on)
            if any(FAIL_ON.index(r.worst_severity) >= threshold
                   for r in reports if r.findings or r.error):
                raise typer.Exit(EXIT_FINDING)
