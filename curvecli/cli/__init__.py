"""The command line: options -> library call -> renderer -> exit code.

One module per command; this one holds the app, the options every command
shares, and ``reporting``. Only the ``cli`` package imports typer. ``reporting`` is
the one place that turns a ``CurveError`` into ``error: <what> (<file>)`` on stderr and exit code 2.
Heavy modules (pandas, the readers) are imported inside the commands so that
``curvecli --help`` starts fast.
"""

from __future__ import annotations

import functools
import inspect
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import List, Literal, Optional

import typer
from typer.core import TyperGroup

from curvecli import __version__
from curvecli.errors import CurveError, TimedOut, printable, short_list

EXIT_OK, EXIT_FINDING, EXIT_BAD_INPUT = 0, 1, 2



class CurveGroup(TyperGroup):
    """The command group: a usage error (an unknown option, a bad choice) is one ``error:``
    line and a hint on stderr with exit code 2, like every other error, not a box."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True,
             **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.TyperException as error:
            if type(error).__name__ == "NoArgsIsHelpError":
                error.show()
                sys.exit(EXIT_BAD_INPUT)
            context = getattr(error, "ctx", None)
            command = context.command_path if context is not None else "curvecli"
            sys.stderr.write(f"error: {printable(error.format_message())}\n"
                             f"hint: {command} --help lists the options\n")
            sys.exit(EXIT_BAD_INPUT)
        except typer.Abort:
            sys.stderr.write("error: aborted\n")
            sys.exit(EXIT_BAD_INPUT)
        sys.exit(code if isinstance(code, int) else EXIT_OK)


app = typer.Typer(
    name="curvecli",
    cls=CurveGroup,
    help="Read training logs (HF Trainer, TensorBoard, CSV, W&B) and say what the curves mean.",
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Options shared by every command that reads logs: declared once.
PathsArgument = typer.Argument(..., help="Log files, run directories or trees of runs.",
                               show_default=False, metavar="PATH")
# The readers' names (curvecli.readers), written out so that --help imports no reader.
InputFormat = Literal["tensorboard", "wandb_binary", "trainer_state", "mlflow", "mlflow_db",
                      "trackio", "dvclive", "export", "wandb_history", "json_history",
                      "wandb_parquet", "wandb_panel", "wandb_runs", "tensorboard_export",
                      "lightning", "keras", "yolo", "yolo_txt", "csv_long", "csv", "text"]
InputFormatOption = typer.Option(None, "--input-format",
                                 help="Read every log file as this format instead of sniffing.")
AllSourcesOption = typer.Option(False, "--all-sources",
                                help="Keep every logger's copy of a run logged twice.")
JobsOption = typer.Option(None, "--jobs", "-j", min=1,
                          help="Processes for reading sweeps and drawing figures (default: "
                               "the number of cores).")
# Early stopping as diagnose and watch simulate it.
PatienceOption = typer.Option(None, "--patience", min=1,
                              help="Early-stopping patience in evaluations (default 3).")
MinDeltaOption = typer.Option(None, "--min-delta", min=0.0,
                              help="Early-stopping minimum improvement (default 0).")
QuietOption = typer.Option(False, "--quiet", "-q", help="No warnings on stderr (errors only).")
VerboseOption = typer.Option(False, "--verbose", "-v",
                             help="Every warning (no cap), and what was read from where.")
TimeoutOption = typer.Option(None, "--timeout", min=0.0, metavar="SECONDS",
                             help="Stop with an error after this long (default: no limit; a "
                                  "read that stalls stops it anyway).")


def _error_line(error: CurveError | TimedOut) -> None:
    sys.stderr.write(f"error: {error}\n")
    if error.hint:
        sys.stderr.write(f"hint: {printable(error.hint)}\n")


@contextmanager
def reporting():
    """Turn library errors into one line on stderr and exit code 2."""
    try:
        yield
    except (CurveError, TimedOut) as error:
        _error_line(error)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except BrokenPipeError:
        # `curvecli export ... | head`: the reader went away; that is not an error.
        sys.stderr.close()
        raise typer.Exit(EXIT_OK) from None
    except OSError as error:  # the system said no (a full disk, a read-only place): one line
        _error_line(CurveError(error.strerror or str(error), error.filename))
        raise typer.Exit(EXIT_BAD_INPUT) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"curvecli {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """curvecli: learning curves, read and diagnosed, from the command line."""


# Below this many runs a progress bar would only flicker.
PROGRESS_MIN_RUNS = 20


def refuse_log_folder(target: Path, runs, option: str, hint: Optional[str] = None,
                      inputs: Optional[List[Path]] = None) -> None:
    """Refuse to write into a folder a log was read from, at any depth (output never lands
    among a run's logs); with ``inputs`` (an output the readers would read back, such as an
    exported CSV), refuse anywhere under an input directory too, where the next read of the
    same tree would take it for a run."""
    from curvecli.errors import UsageError

    place = Path(target).resolve()
    folders = {Path(path).resolve().parent for log in runs for path in log.files}
    for folder in sorted(folders):
        if place == folder or folder in place.parents:
            raise UsageError(f"{option} {target} is inside the log folder {folder}; "
                             "choose a directory outside it", hint=hint)
    for given in inputs or []:
        root = Path(given).resolve()
        if root.is_dir() and root in place.parents:
            raise UsageError(f"{option} {target} is inside {given}, which is being read: "
                             "a later read would take the output for a log; write it elsewhere",
                             hint=hint)


@dataclass(frozen=True)
class Reading:
    """The options every log-reading command shares, as one value (see ``reads_logs``)."""

    input_format: Optional[str] = None
    all_sources: bool = False
    jobs: Optional[int] = None
    quiet: bool = False
    verbose: bool = False
    timeout: Optional[float] = None


# (name, annotation, typer option) of each shared option, in --help order.
READING_OPTIONS = (("input_format", Optional[InputFormat], InputFormatOption),
                   ("all_sources", bool, AllSourcesOption),
                   ("jobs", Optional[int], JobsOption),
                   ("quiet", bool, QuietOption),
                   ("verbose", bool, VerboseOption),
                   ("timeout", Optional[float], TimeoutOption))


def reads_logs(command):
    """Give a command the shared reading options (declared once, in ``READING_OPTIONS``): they
    are appended to its signature for typer, and handed to it as one ``reading: Reading``."""
    signature = inspect.signature(command)
    own = [param for name, param in signature.parameters.items() if name != "reading"]
    shared = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=option,
                                annotation=annotation)
              for name, annotation, option in READING_OPTIONS]

    @functools.wraps(command)
    def wrapper(**kwargs):
        from curvecli.safeio import watchdog

        reading = Reading(**{name: kwargs.pop(name) for name, _, _ in READING_OPTIONS})
        # The watchdog (--timeout, a stalled read) guards the whole command; the command's
        # own ``reporting`` reports it, this one what escapes it (the last output written).
        with reporting(), watchdog(reading.timeout):
            return command(reading=reading, **kwargs)

    wrapper.__signature__ = signature.replace(parameters=own + shared)
    wrapper.__annotations__ = {**{k: v for k, v in command.__annotations__.items()
                                  if k != "reading"},
                               **{name: annotation for name, annotation, _ in READING_OPTIONS}}
    return wrapper


def _load(paths: List[Path], reading: Reading):
    """Read the PATHs (a progress bar on a terminal for sweeps); set how much goes to stderr."""
    from curvecli.render import terminal

    terminal.set_verbosity(reading.quiet, reading.verbose)
    loaded = _read(paths, reading)
    if terminal.verbose():
        for run in loaded.runs:
            terminal.print_note(f"{run.run}: {run.source}, {run.points:,} points from "
                                f"{short_list(run.files, 5) or 'no file'}")
    return loaded


def _read(paths: List[Path], reading: Reading):
    from curvecli.reading import load_paths

    options = {"input_format": reading.input_format, "all_sources": reading.all_sources,
               "jobs": reading.jobs}
    if not sys.stderr.isatty():
        return load_paths(paths, **options)
    from curvecli.render.terminal import reading_progress

    with reading_progress(PROGRESS_MIN_RUNS) as progress:
        return load_paths(paths, progress=progress, **options)


# GitHub Actions sets this to a file whose Markdown becomes the job's summary page.
STEP_SUMMARY_ENV = "GITHUB_STEP_SUMMARY"


def append_step_summary(markdown: str) -> None:
    """Append a command's Markdown report to ``$GITHUB_STEP_SUMMARY`` when it is set; a file
    that cannot be written is a warning (the job's own result does not depend on it)."""
    import os

    from curvecli.errors import printable_text

    summary = os.environ.get(STEP_SUMMARY_ENV)
    if not summary:
        return
    try:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(printable_text(markdown) + "\n")
    except OSError as error:
        from curvecli.render.terminal import print_warnings

        print_warnings([f"{summary}: cannot append the ${STEP_SUMMARY_ENV} summary: "
                        f"{error.strerror or error}"])


def write_report(output_format: str, warnings: List[str], json_text, markdown,
                 tables) -> None:
    """A report command's output: the warnings to stderr; ``json_text()`` or the Markdown to
    stdout for those formats, else ``tables(output_format)`` (table, tsv); the Markdown to
    the GitHub step summary whatever the format."""
    from curvecli.errors import printable_text
    from curvecli.render import terminal

    terminal.print_warnings(warnings)
    text = markdown()
    if output_format == "json":
        sys.stdout.write(json_text() + "\n")
    elif output_format == "markdown":
        sys.stdout.write(printable_text(text))
    else:
        tables(output_format)
    append_step_summary(text)


def main() -> None:
    """Console entry point."""
    app()


# Each command module registers itself on ``app`` when imported.
from curvecli.cli import compare, diagnose, export, forecast, ls, plot, sweep, watch  # noqa: E402,F401
