"""Shared tools for the tests that attack curvecli with bad, broken and live logs.

``invoke`` runs one command in-process (typer's CliRunner) and checks the promises every
command makes whatever its input: the exception, if any, is the ``SystemExit`` of an exit
code; the exit code is 0, 1 or 2; no traceback and no Python warning reaches the user;
exit 2 comes with exactly one ``error: ...`` line; JSON output is strict JSON.
``every_command`` runs ls, export, diagnose, compare and plot on one PATH.
"""

from __future__ import annotations

import collections
import io
import json
import math
import struct
import traceback
import warnings
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

import curvecli
from curvecli.cli import app
from curvecli.frame import COLUMNS

runner = CliRunner()
PACKAGE = str(Path(curvecli.__file__).parent)
# Fuzz cases run in this session, by kind; conftest prints them at the end.
CASES: collections.Counter = collections.Counter()

# Commands a fuzz case can be sent through, cheapest first. "{p}" is the PATH, "{out}" a
# scratch directory for output files.
COMMANDS: dict[str, list[str]] = {
    "ls": ["ls", "--format", "json", "{p}"],
    "ls-table": ["ls", "{p}"],
    "export": ["export", "{p}"],
    "export-jsonl": ["export", "--format", "jsonl", "--smooth", "0.6", "-o", "{out}/x.jsonl",
                     "{p}"],
    "diagnose": ["diagnose", "--format", "json", "--fail-on", "warning", "{p}"],
    "diagnose-table": ["diagnose", "{p}"],
    "diagnose-markdown": ["diagnose", "--format", "markdown", "{p}"],
    "compare": ["compare", "--format", "json", "{p}", "{p}"],
    "compare-table": ["compare", "{p}", "{p}"],
    "forecast": ["forecast", "--format", "json", "{p}"],
    "plot-terminal": ["plot", "--terminal", "{p}"],
    "plot": ["plot", "--out", "{out}/plots", "{p}"],
    "sweep": ["sweep", "--format", "json", "{p}"],
    "watch-once": ["watch", "--once", "--format", "jsonl", "{p}"],
}
# Run by ``every_command`` only when asked (``also=True``): the hostile-tree tests run them.
ALSO = ("sweep", "watch-once")
# The commands the bulk fuzz rotates through (PNG plotting costs ~0.5 s, so it is sampled).
ROTATION = ("ls", "diagnose", "compare", "plot-terminal", "ls-table", "diagnose-table",
            "compare-table", "diagnose-markdown", "export-jsonl")


def _strict_json(text: str):
    def refuse(token: str):
        raise AssertionError(f"bare {token} in JSON output")

    return json.loads(text, parse_constant=refuse)


class Failure(AssertionError):
    pass


def check(result, args: list[str]) -> None:
    """Assert the promises every command keeps, whatever the input."""
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        text = "".join(traceback.format_exception(*result.exc_info))
        raise Failure(f"curvecli {' '.join(args)} raised {type(exc).__name__}: {exc}\n{text}")
    stderr, stdout = result.stderr, result.stdout
    if result.exit_code not in (0, 1, 2):
        raise Failure(f"curvecli {' '.join(args)}: exit code {result.exit_code}\n{stderr}")
    for stream in (stderr, stdout):
        if "Traceback" in stream:
            raise Failure(f"curvecli {' '.join(args)}: traceback in output\n{stream}")
    if result.exit_code == 2:
        errors = [line for line in stderr.splitlines() if line.startswith("error: ")]
        if len(errors) != 1:
            raise Failure(f"curvecli {' '.join(args)}: exit 2 needs one 'error:' line\n{stderr}")
        return
    if "--format" in args and args[args.index("--format") + 1] == "json":
        _strict_json(stdout)
    if args[0] == "export" and "-o" not in args:
        frame = pd.read_csv(io.StringIO(stdout)) if stdout.strip() else None
        if frame is not None:
            assert tuple(frame.columns) == COLUMNS, frame.columns


def invoke(*args: object, env: dict | None = None):
    """Run one command in-process and check it (see ``check``); returns the Result."""
    argv = [str(arg) for arg in args]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = runner.invoke(app, argv, catch_exceptions=True, env=env)
    check(result, argv)
    # A ResourceWarning is raised where the garbage collector happens to run: it is
    # curvecli's only when curvecli's code is where it was raised.
    ours = [w for w in caught
            if not issubclass(w.category, (DeprecationWarning, PendingDeprecationWarning))
            and (not issubclass(w.category, ResourceWarning) or w.filename.startswith(PACKAGE))]
    if ours:
        shown = "; ".join(f"{w.category.__name__}: {w.message} ({w.filename}:{w.lineno})"
                          for w in ours[:3])
        raise Failure(f"curvecli {' '.join(argv)}: Python warning(s) leak: {shown}")
    return result


def command(name: str, path: Path, out: Path) -> list[str]:
    return [part.format(p=path, out=out) for part in COMMANDS[name]]


def run(name: str, path: Path, out: Path):
    out.mkdir(parents=True, exist_ok=True)
    return invoke(*command(name, path, out))


def every_command(path: Path, out: Path, png: bool = True, also: bool = False) -> dict:
    """Every command on ``path`` (``sweep`` and ``watch --once`` too with ``also``); returns
    {command name: Result}."""
    names = [name for name in COMMANDS
             if (png or name != "plot") and (also or name not in ALSO)]
    return {name: run(name, path, out) for name in names}


# --------------------------------------------------------------------------- hostile files

# A name of every kind curvecli reads a log under: claimed by name or sniffed, per reader.
LOG_NAMES = ("events.out.tfevents.1.host", "trainer_state.json", "metrics.csv", "training.log",
             "results.csv", "history.jsonl", "wandb-history.jsonl", "wandb_export.csv",
             "run-x.wandb", "train.log", "log.txt", "x.json", "run-.-tag-loss.csv",
             "history.parquet", "export.csv", "mlflow.db", "project.db", "meta.yaml",
             "data.tsv", "noname")
# What may sit under a log's name in a shared folder.
HOSTILE_KINDS = ("fifo", "zero", "urandom", "socket", "directory")


def make_hostile(path: Path, kind: str) -> bool:
    """Put a ``kind`` (see ``HOSTILE_KINDS``) at ``path``: a FIFO, a symlink to /dev/zero or
    /dev/urandom, a Unix socket, a directory. False when this system cannot make it."""
    import os
    import socket

    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if kind == "fifo":
            os.mkfifo(path)
        elif kind in ("zero", "urandom"):
            os.symlink(f"/dev/{kind}", path)
        elif kind == "socket":  # bound by its name from its folder: paths may be too long
            here = os.getcwd()
            try:
                os.chdir(path.parent)
                with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
                    server.bind(path.name)
            finally:
                os.chdir(here)
        else:
            path.mkdir()
    except (OSError, AttributeError, ValueError):  # no mkfifo/AF_UNIX, or a path too long
        return False
    return True


# The driver run in a subprocess by ``every_command_isolated``: each command through
# ``invoke`` (so every promise is checked there), one JSON line per command.
_DRIVER = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
import attack
for argv in json.loads(sys.argv[2]):
    start = time.monotonic()
    try:
        result = attack.invoke(*argv)
        line = {"exit": result.exit_code, "stdout": result.stdout, "stderr": result.stderr}
    except attack.Failure as failure:
        line = {"exit": None, "failure": str(failure)[:4000]}
    line.update(argv=argv, seconds=time.monotonic() - start)
    print(json.dumps(line), flush=True)
"""


def every_command_isolated(path: Path, out: Path, names, memory: int, timeout: float) -> dict:
    """``names`` of ``COMMANDS`` on ``path`` in one fresh Python process whose address space
    is limited to ``memory`` bytes and which is killed after ``timeout`` seconds (a hang
    fails the test instead of hanging it); returns {name: JSON line}, each with the exit code
    (None and ``failure`` when ``invoke``'s checks failed), stdout, stderr and seconds."""
    import resource
    import subprocess
    import sys

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    out.mkdir(parents=True, exist_ok=True)
    argvs = [command(name, path, out) for name in names]
    done = subprocess.run([sys.executable, "-c", _DRIVER, str(Path(__file__).parent),
                           json.dumps(argvs)], capture_output=True, text=True,
                          timeout=timeout, preexec_fn=limit, check=False)
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == len(names), f"the driver stopped ({done.returncode}): {done.stderr}"
    return dict(zip(names, lines))


def exported(result) -> pd.DataFrame:
    """The frame ``export`` wrote to stdout (empty frame when nothing was read)."""
    if not result.stdout.strip():
        return pd.DataFrame(columns=list(COLUMNS))
    return pd.read_csv(io.StringIO(result.stdout), keep_default_na=False,
                       na_values=["nan"], dtype={"split": str, "tag": str, "run": str})


# --------------------------------------------------------------------------- TFRecord framing


def record_spans(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of each TFRecord in ``data``, by the length fields alone."""
    spans, pos = [], 0
    while pos + 12 <= len(data):
        (length,) = struct.unpack_from("<Q", data, pos)
        end = pos + 12 + length + 4
        if end > len(data):
            break
        spans.append((pos, end))
        pos = end
    return spans


def scalar_count(event_bytes: bytes) -> int:
    """How many scalar points one Event holds, by TensorBoard's own protos (the reference)."""
    from tensorboard.compat.proto import event_pb2

    event = event_pb2.Event.FromString(event_bytes)
    count = 0
    for value in event.summary.value:
        kind = value.WhichOneof("value")
        if kind == "simple_value":
            count += 1
        elif kind == "tensor" and not value.tensor.tensor_shape.dim:
            plugin = value.metadata.plugin_data.plugin_name
            if plugin in ("scalars", "") and value.tensor.dtype in (1, 2, 3, 9, 14, 19):
                count += 1
    return count


def same_values(a, b) -> bool:
    """Element-wise equality where NaN equals NaN."""
    a, b = list(a), list(b)
    return len(a) == len(b) and all(
        (math.isnan(x) and math.isnan(y)) if isinstance(x, float) and math.isnan(x) else x == y
        for x, y in zip(a, b))
