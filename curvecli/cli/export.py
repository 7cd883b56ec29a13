"""`curvecli export`: the frame, every point."""

from __future__ import annotations

from pathlib import Path
from typing import List, Literal, Optional

import typer

from curvecli.cli import (
    PathsArgument,
    Reading,
    _load,
    app,
    reads_logs,
    refuse_log_folder,
    reporting,
)


@app.command("export")
@reads_logs
def export_command(
    paths: List[Path] = PathsArgument,
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output file (default stdout)."),
    output_format: Optional[Literal["csv", "jsonl", "parquet"]] = typer.Option(
        None, "--format", "-f",
        help="csv, jsonl or parquet (default: from the -o suffix, else csv)."),
    smooth: Optional[float] = typer.Option(
        None, "--smooth", help="Add a `smoothed` column: TensorBoard's EMA with this weight."),
    reading: Reading = None,
) -> None:
    """Write the frame: every point, one row each (run, source, tag, split, metric, ...)."""
    with reporting():
        from curvecli.errors import UsageError
        from curvecli.render import export, terminal

        output_format = export.format_for(output_format, out)
        if smooth is not None and not 0.0 <= smooth < 1.0:
            raise UsageError(f"--smooth must be in [0, 1), got {smooth}")
        loaded = _load(paths, reading)
        if out is not None and str(out) != "-" and (not out.exists() or out.is_file()):
            refuse_log_folder(out, loaded.runs, "-o", inputs=paths)
        terminal.print_warnings(loaded.warnings)
        frame = loaded.frame
        if smooth is not None:
            from curvecli.analysis.smoothing import smooth_frame

            frame = frame.assign(smoothed=smooth_frame(frame, smooth))
        export.write_frame(frame, output_format, out)
