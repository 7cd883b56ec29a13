"""`curvecli ls`: the runs found, one row each."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Literal

import typer

from curvecli.cli import PathsArgument, Reading, _load, app, reads_logs, reporting


@app.command("ls")
@reads_logs
def ls_command(
    paths: List[Path] = PathsArgument,
    output_format: Literal["table", "tsv", "json"] = typer.Option(
        "table", "--format", "-f", help="A table, tab-separated rows, or JSON."),
    reading: Reading = None,
) -> None:
    """List the runs found: source, series, points, step range, warnings."""
    with reporting():
        loaded = _load(paths, reading)
        from curvecli.render import terminal

        terminal.print_warnings(loaded.warnings)
        if output_format == "json":
            from curvecli.frame import series_names

            runs = [
                {
                    "run": run.run,
                    "source": run.source,
                    "series": series_names(run.frame),
                    "points": run.points,
                    "steps": [int(run.frame["step"].min()), int(run.frame["step"].max())]
                    if run.points else None,
                    "files": [str(path) for path in run.files],
                    "warnings": run.warnings,
                }
                for run in loaded.runs
            ]
            sys.stdout.write(json.dumps({"version": 1, "runs": runs}, indent=2) + "\n")
        else:
            terminal.print_runs(loaded.runs, output_format)
