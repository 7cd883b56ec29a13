"""Benchmark: every curvecli reader against what people use instead, and the CLI end to end.

Run by hand, not by CI (``--quick`` is the regression guard CI may run: it prints the ratios
and asserts nothing about absolute times). Inputs are written by the real writers into the
gitignored benchmarks/_data/ and reused on later runs:

* TensorBoard event files (tensorboard's EventFileWriter, via bench_tensorboard.py): 20 scalar
  tags, ``simple_value`` and TF2 tensor scalars, a histogram and a text summary mixed in;
  curvecli against tbparse and EventAccumulator (load-all);
* an HF ``trainer_state.json`` (``json.dumps(state, indent=2, sort_keys=True)`` as the Trainer
  writes it; training and eval entries, some NaN); curvecli against ``json.load`` + pandas
  (DataFrame, melt, dropna) and a plain Python walk of ``log_history``;
* a Lightning ``metrics.csv`` (``csv.DictWriter`` as CSVLogger uses it: sorted sparse columns,
  CRLF, ``nan`` cells); curvecli against ``pd.read_csv`` (C and pyarrow engines) + melt and the
  ``csv`` module;
* a sweep of small runs (trainer_state, Lightning CSV and TensorBoard), read by
  ``curvecli.load_runs`` with ``jobs=1`` and with one process per core;
* the CLI: ``--help``, ``ls`` of a small run, ``diagnose``, ``compare`` and ``plot`` of the
  largest TensorBoard run.

Each reader runs in a fresh process, so its peak RSS (ru_maxrss) is its own; curvecli rows are
the fastest of ``--repeat`` processes, the others run once. "same points" compares each tool's
(tag, step, value) multiset, NaN included, with the input's reference: EventAccumulator for
TensorBoard, the plain Python walk for trainer_state.json and the ``csv`` module for CSV.

    python benchmarks/bench_all.py              # full sizes (tbparse and EA at 5M take minutes)
    python benchmarks/bench_all.py --quick      # small sizes, well under a minute
    python benchmarks/bench_all.py --only trainer_state,csv
"""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_tensorboard as tb  # noqa: E402  (the TensorBoard writer, loaders and digest)

DATA_DIR = tb.DATA_DIR
PARTS = ("tensorboard", "trainer_state", "csv", "sweep", "cli")
FULL = {"tb_sizes": (1_000_000, 5_000_000), "entries": 200_000, "rows": 2_000_000, "runs": 1_000}
QUICK = {"tb_sizes": (100_000,), "entries": 20_000, "rows": 200_000, "runs": 100}
# One small run of the sweep, per format.
SWEEP_TB_SCALARS, SWEEP_ENTRIES, SWEEP_ROWS = 3_000, 300, 600
HELP_REPEAT = 3
SMALL_RUN = Path(__file__).resolve().parents[1] / "sample_logs" / "hf-finance-news-cls-arshiv-web"


# ------------------------------------------------------------------------------------------
# the inputs, written by the real writers


def write_trainer_state(path: Path, entries: int, seed: int = 0) -> None:
    """A trainer_state.json as transformers' TrainerState.save_to_json writes it."""
    import numpy as np

    rng = np.random.default_rng(seed)
    logging_steps, eval_every, epochs = 10, 20, 3  # an eval entry after every 19 training logs
    logs = entries - 1  # and one summary entry at the end
    train_logs = logs - logs // eval_every
    max_steps = train_logs * logging_steps
    steps_per_epoch = max_steps / epochs
    noise = rng.standard_normal(train_logs)
    losses = (2.5 * np.exp(-np.arange(train_logs) / (train_logs / 4)) + 0.3 + 0.05 * noise)
    grad_norms = np.abs(1.0 + 0.3 * rng.standard_normal(train_logs))
    for index in rng.integers(0, train_logs, 20):  # fp16 overflows
        losses[index], grad_norms[index] = math.nan, math.inf if index % 2 else math.nan
    log_history, train_index = [], 0
    for entry in range(logs):
        if (entry + 1) % eval_every == 0:  # at the step of the training log before it
            step = train_index * logging_steps
            epoch = step / steps_per_epoch
            eval_loss = float(losses[train_index - 1]) + 0.1 + 0.02 * float(rng.standard_normal())
            runtime = round(12.0 + float(rng.random()), 4)
            log_history.append({
                "epoch": epoch, "eval_accuracy": float(rng.random()) * 0.2 + 0.75,
                "eval_f1": float(rng.random()) * 0.2 + 0.7, "eval_loss": eval_loss,
                "eval_runtime": runtime, "eval_samples_per_second": round(2000 / runtime, 3),
                "eval_steps_per_second": round(250 / runtime, 3), "step": step,
            })
            continue
        train_index += 1
        step = train_index * logging_steps
        log_history.append({
            "epoch": step / steps_per_epoch, "grad_norm": float(grad_norms[train_index - 1]),
            "learning_rate": 5e-05 * (1 - step / max_steps),
            "loss": round(float(losses[train_index - 1]), 4), "step": step,
        })
    log_history.append({
        "epoch": float(epochs), "step": max_steps, "total_flos": 1.2e17, "train_loss": 0.61,
        "train_runtime": 3600.5, "train_samples_per_second": 88.9, "train_steps_per_second": 11.1,
    })
    state = {
        "best_global_step": max_steps, "best_metric": 0.31,
        "best_model_checkpoint": f"out/checkpoint-{max_steps}", "epoch": float(epochs),
        "eval_steps": logging_steps * (eval_every - 1), "global_step": max_steps,
        "is_hyper_param_search": False, "is_local_process_zero": True,
        "is_world_process_zero": True, "log_history": log_history,
        "logging_steps": logging_steps, "max_steps": max_steps, "num_input_tokens_seen": 0,
        "num_train_epochs": epochs, "save_steps": 500,
        "stateful_callbacks": {"TrainerControl": {"args": {
            "should_epoch_stop": False, "should_evaluate": False, "should_log": False,
            "should_save": True, "should_training_stop": True}, "attributes": {}}},
        "total_flos": 1.2e17, "train_batch_size": 8, "trial_name": None, "trial_params": None,
    }
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(state, indent=2, sort_keys=True) + "\n")


def write_lightning_csv(path: Path, rows: int, seed: int = 0) -> None:
    """A metrics.csv as Lightning's CSVLogger writes it: one row per log_metrics call.

    Each logged step gives a training row (``self.log(..., on_step=True)``, with epoch) and a
    LearningRateMonitor row (step only); validation and epoch-end rows come in between.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    log_every, val_every, epoch_every = 50, 100, 1000  # steps; logged steps
    logged = rows // 2
    losses = (2.3 * np.exp(-np.arange(logged) / (logged / 4)) + 0.2
              + 0.05 * rng.standard_normal(logged)).astype(np.float32).tolist()
    accuracies = rng.random(logged).astype(np.float32).tolist()
    for index in rng.integers(0, logged, 10):
        losses[index] = math.nan
    fields = sorted(["epoch", "step", "lr-AdamW", "train_loss_step", "train_acc_step",
                     "val_loss", "val_acc", "train_loss_epoch", "train_acc_epoch"])
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        written = 1
        for index in range(logged):
            if written >= rows + 1:
                break
            step = (index + 1) * log_every - 1
            epoch = index // epoch_every
            writer.writerow({"train_loss_step": losses[index], "train_acc_step": accuracies[index],
                             "epoch": epoch, "step": step})
            writer.writerow({"lr-AdamW": 1e-3 * (1 - index / logged), "step": step})
            written += 2
            if (index + 1) % val_every == 0:
                writer.writerow({"val_loss": losses[index] + 0.1, "val_acc": accuracies[index],
                                 "epoch": epoch, "step": step})
                written += 1
            if (index + 1) % epoch_every == 0:
                writer.writerow({"train_loss_epoch": losses[index],
                                 "train_acc_epoch": accuracies[index],
                                 "epoch": epoch, "step": step})
                written += 1


def write_sweep(directory: Path, runs: int) -> None:
    """``runs`` small runs, a third each trainer_state.json, Lightning metrics.csv, TensorBoard."""
    for index in range(runs):
        run = directory / f"lr{index % 10}-seed{index:04d}"
        run.mkdir(parents=True)
        kind = index % 3
        if kind == 0:
            write_trainer_state(run / "trainer_state.json", SWEEP_ENTRIES, seed=index)
        elif kind == 1:
            write_lightning_csv(run / "metrics.csv", SWEEP_ROWS, seed=index)
        else:
            tb.write_events(run, SWEEP_TB_SCALARS, ("simple", "tensor")[index % 2])


WRITERS = {"trainer_state": write_trainer_state, "csv": write_lightning_csv, "sweep": write_sweep}
FILE_NAMES = {"trainer_state": "trainer_state.json", "csv": "metrics.csv", "sweep": "sweep"}


def input_for(kind: str, size: int) -> Path:
    """The cached input (written in a child process so that no reader inherits its peak)."""
    directory = DATA_DIR / f"{kind}-{size}"
    path = directory / FILE_NAMES[kind]
    if path.exists():
        return path
    print(f"writing {kind} ({size:,}) to {directory} ...", file=sys.stderr)
    started = time.perf_counter()
    partial = directory.with_name(directory.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    command = [sys.executable, __file__, "--write", kind, "--size", str(size),
               "--path", str(partial / FILE_NAMES[kind])]
    subprocess.run(command, check=True)
    partial.rename(directory)
    print(f"  done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def size_mb(path: Path) -> float:
    files = path.rglob("*") if path.is_dir() else [path]
    return sum(f.stat().st_size for f in files if f.is_file()) / 2**20


# ------------------------------------------------------------------------------------------
# the tools; each (load, points): ``load`` is timed, ``points`` gives (tags, steps, values)


def curvecli_loader(reader_name: str):
    """The reader's read plus the frame build: what ``curvecli.load`` does after discovery."""

    def load(path: Path):
        from curvecli import frame
        from curvecli.readers import by_name

        reader = by_name(reader_name)
        return frame.build_frame(reader.read(path).table, path.parent.name, reader.source)

    return load


def points_frame(table):
    return table["tag"].astype(str).tolist(), table["step"].to_numpy(), table["value"].to_numpy()


def load_json_pandas(path: Path):
    import pandas as pd

    with open(path, encoding="utf-8") as handle:
        history = json.load(handle)["log_history"]
    history = [entry for entry in history if "train_runtime" not in entry]
    wide = pd.DataFrame(history)
    return wide.melt(id_vars=["step", "epoch"], var_name="tag").dropna(subset=["value"])


def load_json_loop(path: Path):
    """Every number of every log entry but step and epoch; what a careful script does."""
    with open(path, encoding="utf-8") as handle:
        history = json.load(handle)["log_history"]
    tags, steps, values = [], [], []
    for entry in history:
        if "train_runtime" in entry:
            continue
        for key, value in entry.items():
            if key not in ("step", "epoch") and type(value) in (int, float):
                tags.append(key)
                steps.append(entry["step"])
                values.append(float(value))
    return tags, steps, values


def load_pandas_c(path: Path):
    import pandas as pd

    wide = pd.read_csv(path)
    return wide.melt(id_vars=["step", "epoch"], var_name="tag").dropna(subset=["value"])


def load_pandas_pyarrow(path: Path):
    import pandas as pd

    wide = pd.read_csv(path, engine="pyarrow")
    return wide.melt(id_vars=["step", "epoch"], var_name="tag").dropna(subset=["value"])


def load_csv_loop(path: Path):
    tags, steps, values = [], [], []
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            step = int(row["step"])
            for key, cell in row.items():
                if key not in ("step", "epoch") and cell != "":
                    tags.append(key)
                    steps.append(step)
                    values.append(float(cell))
    return tags, steps, values


def points_long(table):
    return table["tag"].astype(str).tolist(), table["step"].to_numpy(), table["value"].to_numpy()


def identity(points):
    return points


def sweep_loader(jobs: int):
    """``load_runs``: what ls, diagnose and plot do (one frame per run, not concatenated)."""

    def load(path: Path):
        import curvecli

        return curvecli.load_runs(path, jobs=jobs).runs

    return load


def points_sweep(runs):
    import numpy as np

    keys, steps, values = [], [], []
    for run in runs:
        keys += [f"{run.run}\0{tag}" for tag in run.frame["tag"].astype(str)]
        steps.append(run.frame["step"].to_numpy())
        values.append(run.frame["value"].to_numpy())
    return keys, np.concatenate(steps), np.concatenate(values)


CURVECLI_MODULES = ["pandas", "curvecli.frame", "curvecli.readers"]
# (kind, tool) -> (label, modules imported before timing, load, points)
TOOLS = {
    ("tensorboard", "curvecli"): (
        "curvecli", CURVECLI_MODULES, curvecli_loader("tensorboard"), points_frame),
    ("tensorboard", "tbparse"): ("tbparse", tb.MODULES["tbparse"], None, tb.points_tbparse),
    ("tensorboard", "event_accumulator"): (
        "EventAccumulator", tb.MODULES["event_accumulator"], None, tb.points_event_accumulator),
    ("trainer_state", "curvecli"): (
        "curvecli", CURVECLI_MODULES, curvecli_loader("trainer_state"), points_frame),
    ("trainer_state", "json_pandas"): (
        "json + pandas (DataFrame, melt)", ["pandas"], load_json_pandas, points_long),
    ("trainer_state", "json_loop"): ("json + Python loop", [], load_json_loop, identity),
    ("csv", "curvecli"): ("curvecli", CURVECLI_MODULES, curvecli_loader("lightning"), points_frame),
    ("csv", "pandas_c"): ("pd.read_csv (C) + melt", ["pandas"], load_pandas_c, points_long),
    ("csv", "pandas_pyarrow"): (
        "pd.read_csv (pyarrow) + melt", ["pandas", "pyarrow.csv"], load_pandas_pyarrow,
        points_long),
    ("csv", "csv_loop"): ("csv.DictReader loop", [], load_csv_loop, identity),
}
REFERENCE = {"tensorboard": "event_accumulator", "trainer_state": "json_loop",
             "csv": "csv_loop", "sweep": "jobs=1"}


def tool_spec(kind: str, tool: str):
    if kind == "sweep":
        jobs = int(tool.split("=")[1])
        return (f"curvecli load_runs(jobs={jobs})", ["curvecli.reading", "curvecli.readers"],
                sweep_loader(jobs), points_sweep)
    return TOOLS[kind, tool]


def run_one(kind: str, tool: str, path: Path, layout: str, repeat: int = 1) -> dict:
    """Load ``path`` ``repeat`` times in this process; the fastest counts."""
    _, modules, load, points = tool_spec(kind, tool)
    if load is None:  # tbparse and EventAccumulator take the layout
        load = (lambda loader: lambda p: loader(p, layout))(getattr(tb, f"load_{tool}"))
    for module in modules:  # imports are not part of the timing
        importlib.import_module(module)
    if any(module.startswith("curvecli") for module in modules):
        from curvecli.readers import readers

        readers()  # the registry imports every reader module on first use

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    seconds = math.inf
    for _ in range(repeat):
        loaded = None
        started = time.perf_counter()
        loaded = load(path)
        seconds = min(seconds, time.perf_counter() - started)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    frame_mb = None
    if hasattr(loaded, "memory_usage") and tool != "tbparse":
        frame_mb = float(loaded.memory_usage(deep=True).sum()) / 2**20
    tags, steps, values = points(loaded)
    return {"seconds": seconds, "peak_mb": peak / 1024, "imports_mb": baseline / 1024,
            "workers_mb": workers / 1024, "frame_mb": frame_mb, "points": len(tags),
            "digest": tb.multiset_digest(tags, steps, values)}


# ------------------------------------------------------------------------------------------
# the driver


@dataclass
class Row:
    input: str
    tool: str
    seconds: float
    points: int | None = None
    peak_mb: float | None = None
    ratio: float | None = None
    same: str = ""
    extra: dict = field(default_factory=dict)


def measure(kind: str, tool: str, path: Path, repeat: int, layout: str = "simple",
            in_process: bool = False) -> dict | None:
    """The fastest of ``repeat`` fresh processes (or of ``repeat`` loads in one process)."""
    command = [sys.executable, __file__, "--run-one", f"{kind}:{tool}", "--path", str(path),
               "--layout", layout, "--repeat", str(repeat if in_process else 1)]
    runs = []
    for _ in range(1 if in_process else repeat):
        completed = subprocess.run(command, capture_output=True, text=True)
        if completed.returncode != 0:
            print(f"{kind} {tool} failed:\n{completed.stderr}", file=sys.stderr)
            return None
        runs.append(json.loads(completed.stdout.strip().splitlines()[-1]))
    return min(runs, key=lambda run: run["seconds"])


def compare_tools(label: str, kind: str, path: Path, tools: list[str], repeat: int,
                  layout: str = "simple", in_process: bool = False) -> list[Row]:
    """Time ``tools`` on one input; the first is the base of the ratios."""
    results = {}
    for tool in tools:
        print(f"  {label}: {tool} ...", file=sys.stderr)
        fastest_of = repeat if tool.startswith(("curvecli", "jobs")) else 1
        result = measure(kind, tool, path, fastest_of, layout, in_process)
        if result:
            results[tool] = result
    base = results.get(tools[0])
    reference = results.get(REFERENCE[kind])
    file_mb = size_mb(path)
    rows = []
    for tool, result in results.items():
        same = "?"
        if reference:
            missing = reference["points"] - result["points"]
            same = ("yes" if result["digest"] == reference["digest"]
                    else f"NO ({missing:,} lost)" if missing > 0 else "NO")
        row = Row(label, tool_spec(kind, tool)[0], result["seconds"], result["points"],
                  result["peak_mb"], result["seconds"] / base["seconds"] if base else None, same)
        if tool == tools[0] and result["frame_mb"] is not None:
            row.extra["memory"] = (result["peak_mb"], file_mb, result["frame_mb"],
                                   result["imports_mb"])
        if kind == "sweep" and tool != "jobs=1":
            row.extra["workers_mb"] = result["workers_mb"]
        rows.append(row)
    return rows


def curvecli_command() -> str:
    return shutil.which("curvecli") or str(Path(sys.executable).with_name("curvecli"))


def time_command(label: str, arguments: list[str], repeat: int, points: int | None,
                 cwd: Path) -> Row | None:
    """Wall time and peak RSS (wait4) of one curvecli command, fastest of ``repeat``."""
    best = None
    for _ in range(repeat):
        with tempfile.TemporaryFile() as errors:
            started = time.perf_counter()
            process = subprocess.Popen([curvecli_command(), *arguments], cwd=cwd,
                                       stdout=subprocess.DEVNULL, stderr=errors)
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - started
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode not in (0, 1):
                errors.seek(0)
                print(f"curvecli {label} failed:\n{errors.read().decode()}", file=sys.stderr)
                return None
        if best is None or seconds < best.seconds:
            best = Row("CLI", f"`curvecli {label}`", seconds, points, usage.ru_maxrss / 1024)
    return best


def cli_rows(tb_size: int, repeat: int) -> list[Row]:
    simple = tb.event_file_for(tb_size, "simple").parent
    tensor = tb.event_file_for(tb_size, "tensor").parent
    millions = f"{tb_size / 1e6:g}M"
    rows = []
    with tempfile.TemporaryDirectory() as work:
        commands = [
            ("--help", ["--help"], HELP_REPEAT, None),
            ("ls <small run>", ["ls", str(SMALL_RUN)], HELP_REPEAT, None),
            (f"diagnose <{millions} TB run>", ["diagnose", str(simple)], repeat, tb_size),
            (f"compare <{millions}> <{millions}>", ["compare", str(simple), str(tensor)], repeat,
             2 * tb_size),
            (f"plot <{millions} TB run>", ["plot", str(simple), "--out", work], repeat, tb_size),
        ]
        for label, arguments, times, points in commands:
            print(f"  CLI: curvecli {label} ...", file=sys.stderr)
            row = time_command(label, arguments, times, points, Path(work))
            if row:
                rows.append(row)
    return rows


def fmt_seconds(seconds: float) -> str:
    digits = 3 if seconds < 1 else 2 if seconds < 10 else 1
    return f"{seconds:.{digits}f}"


def print_table(rows: list[Row]) -> None:
    print("| input | tool | points | time (s) | points/s | × curvecli | peak RSS (MB) "
          "| same points |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for row in rows:
        rate = f"{row.points / row.seconds:,.0f}" if row.points else ""
        ratio = f"{row.ratio:.1f}×" if row.ratio is not None and row.ratio >= 0.95 else (
            f"{row.ratio:.2f}×" if row.ratio is not None else "")
        print(f"| {row.input} | {row.tool} | {f'{row.points:,}' if row.points else ''} | "
              f"{fmt_seconds(row.seconds)} | {rate} | {ratio} | {row.peak_mb:,.0f} | {row.same} |")


def print_notes(rows: list[Row], repeat: int, in_process: bool) -> None:
    where = "loads in one process" if in_process else "fresh processes"
    print(f"\ncurvecli rows: fastest of {repeat} {where}; commands: fastest of {repeat} runs "
          f"(--help and ls: of {HELP_REPEAT}); other tools run once. "
          "× curvecli: the tool's time over curvecli's on the same input (sweeps: over jobs=1).")
    print("peak RSS: ru_maxrss of the tool's own process (interpreter and imports included); "
          "same points: (tag, step, value) multiset, NaN included, equals the reference's "
          "(EventAccumulator, json + Python loop, csv.DictReader loop, jobs=1).")
    for row in rows:
        if "memory" in row.extra:
            peak, file_mb, frame_mb, imports_mb = row.extra["memory"]
            print(f"memory, {row.input}: peak {peak:,.0f} MB = {peak / (file_mb + frame_mb):.2f}× "
                  f"(file {file_mb:,.0f} MB + frame {frame_mb:,.0f} MB); "
                  f"{(peak - imports_mb) / (file_mb + frame_mb):.2f}× without the "
                  f"{imports_mb:,.0f} MB of imports")
        if "workers_mb" in row.extra:
            print(f"sweep, {row.tool}: the largest worker peaked at "
                  f"{row.extra['workers_mb']:,.0f} MB (not in the peak RSS column)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small inputs; seconds, not minutes")
    parser.add_argument("--only", default=",".join(PARTS), help="comma-separated subset of "
                        + ", ".join(PARTS))
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per curvecli measurement (fresh processes; with --quick, "
                        "loads in one process); the fastest counts")
    parser.add_argument("--tb-sizes",
                        help="comma-separated scalar counts (default 1M,5M; quick 100k)")
    parser.add_argument("--tb-layouts", default="simple,tensor")
    parser.add_argument("--skip-tools", default="", help="e.g. tbparse,event_accumulator")
    parser.add_argument("--run-one", help=argparse.SUPPRESS)
    parser.add_argument("--write", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--layout", default="simple", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.run_one:
        kind, tool = args.run_one.split(":")
        print(json.dumps(run_one(kind, tool, Path(args.path), args.layout, args.repeat)))
        return 0
    if args.write:
        WRITERS[args.write](Path(args.path), args.size)
        return 0

    sizes = dict(QUICK if args.quick else FULL)
    if args.tb_sizes:
        sizes["tb_sizes"] = tuple(int(float(size)) for size in args.tb_sizes.split(","))
    parts = args.only.split(",")
    skipped = set(args.skip_tools.split(","))
    repeat = max(args.repeat, 1)
    cores = os.cpu_count() or 1
    started = time.perf_counter()
    rows: list[Row] = []

    if "tensorboard" in parts:
        tools = [t for t in ("curvecli", "tbparse", "event_accumulator") if t not in skipped]
        for size in sizes["tb_sizes"]:
            for layout in args.tb_layouts.split(","):
                path = tb.event_file_for(size, layout)
                label = f"TensorBoard {size / 1e6:g}M {layout} ({size_mb(path):,.0f} MB)"
                rows += compare_tools(label, "tensorboard", path, tools, repeat, layout, args.quick)
    if "trainer_state" in parts:
        path = input_for("trainer_state", sizes["entries"])
        label = f"trainer_state.json {sizes['entries']:,} entries ({size_mb(path):,.0f} MB)"
        tools = [t for t in ("curvecli", "json_pandas", "json_loop") if t not in skipped]
        rows += compare_tools(label, "trainer_state", path, tools, repeat,
                              in_process=args.quick)
    if "csv" in parts:
        path = input_for("csv", sizes["rows"])
        label = f"Lightning metrics.csv {sizes['rows']:,} rows ({size_mb(path):,.0f} MB)"
        tools = [t for t in ("curvecli", "pandas_c", "pandas_pyarrow", "csv_loop")
                 if t not in skipped]
        rows += compare_tools(label, "csv", path, tools, repeat,
                              in_process=args.quick)
    if "sweep" in parts:
        path = input_for("sweep", sizes["runs"])
        label = f"sweep of {sizes['runs']:,} runs ({size_mb(path):,.0f} MB)"
        jobs = [f"jobs={n}" for n in dict.fromkeys((1, 2, cores))]
        rows += compare_tools(label, "sweep", path, jobs, repeat,
                              in_process=args.quick)
    if "cli" in parts:
        rows += cli_rows(max(sizes["tb_sizes"]), repeat)

    print()
    print_table(rows)
    print_notes(rows, repeat, args.quick)
    print(f"\n{cores} cores, python {sys.version.split()[0]}; "
          f"{time.perf_counter() - started:.0f} s in all", file=sys.stderr)
    lost = [row for row in rows if row.tool.startswith("curvecli") and row.same.startswith("NO")]
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
