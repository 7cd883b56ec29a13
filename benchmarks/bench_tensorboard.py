"""Benchmark: curvecli's TensorBoard reader against tbparse and EventAccumulator (run by hand).

Writes an event file with tensorboard's own EventFileWriter (20 scalar tags, plus a histogram
and a text summary every 1000 steps) into benchmarks/_data/, then reads it with each tool in a
fresh subprocess, so that each peak RSS (ru_maxrss) belongs to one reader alone. Prints time,
points/s, peak RSS and each tool's time as a multiple of curvecli's, and checks that curvecli
returns the same (tag, step, value) multiset as EventAccumulator.

    python benchmarks/bench_tensorboard.py                      # 1M scalars, simple_value
    python benchmarks/bench_tensorboard.py --layout tensor      # 1M TF2-style tensor scalars
    python benchmarks/bench_tensorboard.py --size 5000000       # tbparse alone takes ~100 s
    python benchmarks/bench_tensorboard.py --quick              # 100k scalars, seconds

The machine's noise matters at curvecli's timescale, so each curvecli variant runs in
``--repeat`` fresh processes and the fastest counts; tbparse and EventAccumulator run once.

``--layout simple`` stores ``Summary.Value.simple_value`` (PyTorch/tensorboardX/HF);
``--layout tensor`` stores rank-0 DT_FLOAT tensors with ``tensor_content`` and the scalars
plugin metadata on each tag's first value only (what TF2/Keras's C++ writer does).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import math
import os
import resource
import struct
import subprocess
import sys
import time
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "_data"
TAGS = 20
EXTRA_EVERY = 1000  # steps between a histogram and a text summary
READERS = ("curvecli", "tbparse", "event_accumulator")
MODULES = {
    "curvecli": ["pandas", "curvecli.readers.tensorboard"],
    "tbparse": ["pandas", "tbparse"],
    "event_accumulator": ["pandas", "tensorboard.backend.event_processing.event_accumulator"],
}


# ------------------------------------------------------------------------------------------
# the input


def write_events(directory: Path, size: int, layout: str) -> Path:
    """Write ``size`` scalars with tensorboard's EventFileWriter; return the event file."""
    import numpy as np
    from tensorboard.compat.proto import event_pb2, summary_pb2, types_pb2
    from tensorboard.plugins.histogram import summary_v2 as histogram_summary
    from tensorboard.plugins.text import summary_v2 as text_summary
    from tensorboard.summary.writer import event_file_writer, record_writer

    try:  # same bytes, written ~50x sooner than with the writer's pure-Python crc32c
        import google_crc32c

        def masked_crc32c(data: bytes) -> int:
            crc = google_crc32c.value(bytes(data))
            return ((((crc >> 15) | (crc << 17)) & 0xFFFFFFFF) + 0xA282EAD8) & 0xFFFFFFFF

        record_writer.masked_crc32c = masked_crc32c
    except ImportError:
        pass

    directory.mkdir(parents=True, exist_ok=True)
    writer = event_file_writer.EventFileWriter(str(directory), max_queue_size=10_000)
    tags = [f"{('train', 'val', 'lr', 'grad')[i % 4]}/metric_{i:02d}" for i in range(TAGS)]
    rng = np.random.default_rng(0)
    values = rng.standard_normal(size).astype(np.float32)
    values[rng.integers(0, size, 10)] = np.nan
    values[rng.integers(0, size, 10)] = np.inf
    for index, value in enumerate(values.tolist()):
        step, tag_index = divmod(index, TAGS)
        tag = tags[tag_index]
        if layout == "simple":
            summary_value = summary_pb2.Summary.Value(tag=tag, simple_value=value)
        else:
            summary_value = summary_pb2.Summary.Value(tag=tag)
            summary_value.tensor.dtype = types_pb2.DT_FLOAT
            summary_value.tensor.tensor_shape.SetInParent()
            summary_value.tensor.tensor_content = struct.pack("<f", value)
            if step == 0:
                summary_value.metadata.plugin_data.plugin_name = "scalars"
        summary = summary_pb2.Summary(value=[summary_value])
        writer.add_event(event_pb2.Event(wall_time=1.7e9 + index / 100, step=step, summary=summary))
        if tag_index == 0 and step % EXTRA_EVERY == 0:
            histogram = histogram_summary.histogram_pb("weights", rng.standard_normal(1000))
            text = text_summary.text_pb("notes", f"step {step}")
            for extra in (histogram, text):
                writer.add_event(event_pb2.Event(wall_time=1.7e9, step=step, summary=extra))
    writer.close()
    (event_file,) = directory.glob("*tfevents*")
    return event_file


def event_file_for(size: int, layout: str) -> Path:
    directory = DATA_DIR / f"{layout}-{size}"
    found = sorted(directory.glob("*tfevents*"))
    if found:
        return found[0]
    print(f"writing {size:,} scalars ({layout}) to {directory} ...", file=sys.stderr)
    started = time.perf_counter()
    # In a child process: Linux carries a process's peak RSS over exec, so a parent grown by
    # writing would lend its peak to every reader's ru_maxrss.
    command = [sys.executable, __file__, "--write", str(directory), "--size", str(size)]
    subprocess.run([*command, "--layout", layout], check=True)
    print(f"  done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return sorted(directory.glob("*tfevents*"))[0]


# ------------------------------------------------------------------------------------------
# one reader, in a subprocess


# Each reader is (load, points): ``load`` is timed and returns what the tool gives its user;
# ``points`` turns that into (tags, steps, values) for the multiset check, untimed.


def load_curvecli(path: Path, layout: str):
    from curvecli.readers.tensorboard import TensorBoardReader

    return TensorBoardReader().read(path).table


def points_curvecli(table):
    return table["tag"].astype(str).tolist(), table["step"].to_numpy(), table["value"].to_numpy()


def load_tbparse(path: Path, layout: str):
    from tbparse import SummaryReader

    reader = SummaryReader(str(path), pivot=False)
    return reader.scalars if layout == "simple" else reader.tensors


def points_tbparse(frame):
    import numpy as np

    # .tensors also holds the histogram and text tensors; keep the numeric 0-d ones
    scalar = frame["value"].map(lambda v: np.ndim(v) == 0 and np.asarray(v).dtype.kind in "fiu")
    frame = frame[scalar.astype(bool)]
    return frame["tag"].tolist(), frame["step"].to_numpy(), frame["value"].to_numpy(dtype=float)


def load_event_accumulator(path: Path, layout: str):
    from tensorboard.backend.event_processing import event_accumulator as ea
    from tensorboard.util import tensor_util

    accumulator = ea.EventAccumulator(str(path), size_guidance={ea.SCALARS: 0, ea.TENSORS: 0})
    accumulator.Reload()
    series = {tag: accumulator.Scalars(tag) for tag in accumulator.Tags()[ea.SCALARS]}
    for tag in accumulator.Tags()[ea.TENSORS]:
        if accumulator.SummaryMetadata(tag).plugin_data.plugin_name == "scalars":
            series[tag] = [
                ea.ScalarEvent(e.wall_time, e.step, tensor_util.make_ndarray(e.tensor_proto).item())
                for e in accumulator.Tensors(tag)
            ]
    return series


def points_event_accumulator(series):
    tags, steps, values = [], [], []
    for tag, events in series.items():
        tags += [tag] * len(events)
        steps += [e.step for e in events]
        values += [e.value for e in events]
    return tags, steps, values


def multiset_digest(tags, steps, values) -> str:
    """A digest of the sorted (tag, step, value) triples; NaNs compare equal."""
    import numpy as np
    import pandas as pd

    bits = np.asarray(values, dtype=np.float64).copy()
    bits[np.isnan(bits)] = np.nan  # one NaN bit pattern
    frame = pd.DataFrame(
        {"tag": tags, "step": np.asarray(steps, dtype=np.int64), "bits": bits.view(np.int64)}
    ).sort_values(["tag", "step", "bits"], kind="stable")
    digest = hashlib.sha256()
    digest.update("\n".join(frame["tag"].tolist()).encode())
    digest.update(frame["step"].to_numpy().tobytes())
    digest.update(frame["bits"].to_numpy().tobytes())
    return digest.hexdigest()


def run_one(reader: str, path: Path, layout: str) -> dict:
    load, points = globals()[f"load_{reader}"], globals()[f"points_{reader}"]
    for module in MODULES[reader]:  # imports are not part of the timing
        importlib.import_module(module)

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    loaded = load(path, layout)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tags, steps, values = points(loaded)
    return {
        "reader": reader,
        "points": len(tags),
        "seconds": seconds,
        "peak_mb": peak / 1024,
        "baseline_mb": baseline / 1024,
        "digest": multiset_digest(tags, steps, values),
    }


# ------------------------------------------------------------------------------------------
# the table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="number of scalars")
    parser.add_argument("--layout", choices=("simple", "tensor"), default="simple")
    parser.add_argument("--quick", action="store_true", help="100k scalars")
    parser.add_argument("--readers", default=",".join(READERS), help="comma-separated subset")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="fresh processes per curvecli reader; the fastest counts (the others run once)",
    )
    parser.add_argument("--run-one", help=argparse.SUPPRESS)
    parser.add_argument("--write", help=argparse.SUPPRESS)
    parser.add_argument("--path", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.run_one:
        print(json.dumps(run_one(args.run_one, Path(args.path), args.layout)))
        return 0
    if args.write:
        write_events(Path(args.write), args.size, args.layout)
        return 0

    size = 100_000 if args.quick else args.size
    path = event_file_for(size, args.layout)
    results = []
    for reader in args.readers.split(","):
        command = [sys.executable, __file__, "--run-one", reader, "--path", str(path)]
        command += ["--layout", args.layout]
        runs = []
        for _ in range(max(args.repeat, 1) if reader.startswith("curvecli") else 1):
            completed = subprocess.run(command, capture_output=True, text=True, env=os.environ)
            if completed.returncode != 0:
                print(f"{reader} failed:\n{completed.stderr}", file=sys.stderr)
                break
            runs.append(json.loads(completed.stdout.strip().splitlines()[-1]))
        if runs:
            results.append(min(runs, key=lambda run: run["seconds"]))

    size_mb = path.stat().st_size / 2**20
    print(
        f"\n{path.name}: {size:,} scalars ({args.layout}), {size_mb:.0f} MB, "
        f"python {sys.version.split()[0]}"
    )
    base = next((r for r in results if r["reader"] == "curvecli"), None)
    reference = next((r for r in results if r["reader"] == "event_accumulator"), None)
    header = (
        f"{'reader':<20}{'points':>11}{'time s':>9}{'points/s':>12}{'peak RSS MB':>13}"
        f"{'(imports)':>11}{'x curvecli':>12}{'== EA':>7}"
    )
    print(header)
    print("-" * len(header))
    for result in results:
        ratio = result["seconds"] / base["seconds"] if base else math.nan
        same = (
            "?" if reference is None else "yes" if result["digest"] == reference["digest"] else "NO"
        )
        print(
            f"{result['reader']:<20}{result['points']:>11,}{result['seconds']:>9.2f}"
            f"{result['points'] / result['seconds']:>12,.0f}{result['peak_mb']:>13,.0f}"
            f"{result['baseline_mb']:>11,.0f}{ratio:>11.1f}x{same:>7}"
        )
    print(
        "\npeak RSS: ru_maxrss of the reader's own process; (imports): the same before reading."
        "\n== EA: the reader's (tag, step, value) multiset equals EventAccumulator's."
    )
    if base and reference and base["digest"] != reference["digest"]:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
