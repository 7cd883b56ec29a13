"""`curvecli ls`: the runs found, one row each."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from curvecli.cli import (AllSourcesOption, InputFormatOption, JobsOption,
                          PathsArgument, _load, app, reporting)


@app.command("ls")
def ls_command(
    paths: List[Path] = PathsArgument,
    output_format: str = typer.Option("table", "--format", "-f", help="table or json."),
    input_format: Optional[str] = InputFormatOption,
    all_sources: bool = AllSourcesOption,
    jobs: Optional[int] = JobsOption,
) -> None:
    """List the runs found: source, series, points, step range, warnings."""
    with reporting():
        if output_format not in ("table", "json"):
            from curvecli.errors import UsageError

            raise UsageError(f"unknown --format '{output_format}' for ls; use table or json")
        loaded = _load(paths, input_format, all_sources, jobs)
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
            terminal.print_runs(loaded.runs)
