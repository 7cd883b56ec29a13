"""What a `watch` poll costs on a big run that grows, and whether memory stays put (by hand).

A TensorBoard event file of N train-loss points (tensorboard's own writer) is followed with
``curvecli.follow.Follower`` (what ``watch`` uses) and ``curvecli.watch.Watcher``; then, P
times, K points are appended (tensorboard's RecordWriter) and polled. Printed: the first read,
a poll of the unchanged file, the median read-only poll and judged poll after each append,
bytes read per poll against the bytes appended, and the process' peak RSS after the first
read and after all polls (a watch of days must not grow).

    python benchmarks/bench_watch.py [--points 5000000] [--append 1000] [--polls 20]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path


def _event(step: int, value: float) -> bytes:
    from tensorboard.compat.proto import event_pb2, summary_pb2

    summary = summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag="train/loss",
                                                                   simple_value=value)])
    return event_pb2.Event(wall_time=1.7e9 + step, step=step, summary=summary).SerializeToString()


def _write(path: Path, start: int, count: int) -> None:
    from tensorboard.summary.writer.record_writer import RecordWriter

    with open(path, "ab") as handle:
        writer = RecordWriter(handle)
        for step in range(start, start + count):
            writer.write(_event(step, 2.0 / (1.0 + 0.001 * step)))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=5_000_000)
    parser.add_argument("--append", type=int, default=1000)
    parser.add_argument("--polls", type=int, default=20)
    args = parser.parse_args()
    from curvecli.follow import Follower
    from curvecli.watch import Watcher

    with tempfile.TemporaryDirectory() as folder:
        run = Path(folder) / "run"
        run.mkdir()
        path = run / "events.out.tfevents.1700000000.bench"
        started = time.perf_counter()
        _write(path, 0, args.points)
        print(f"wrote {args.points:,} points ({path.stat().st_size / 1e6:.0f} MB) in "
              f"{time.perf_counter() - started:.1f} s")
        follower = Follower([run])
        watcher = Watcher(Follower([run]), stall_after=1e9)
        started = time.perf_counter()
        follower.poll()
        first = time.perf_counter() - started
        watcher.poll()
        rss_first = _rss_mb()
        started = time.perf_counter()
        follower.poll()
        unchanged = time.perf_counter() - started
        reads, judged, per_poll = [], [], []
        for index in range(args.polls):
            before = follower.bytes_read
            size = path.stat().st_size
            _write(path, args.points + index * args.append, args.append)
            appended = path.stat().st_size - size
            started = time.perf_counter()
            follower.poll()
            reads.append(time.perf_counter() - started)
            per_poll.append((follower.bytes_read - before) / appended)
            started = time.perf_counter()
            watcher.poll()
            judged.append(time.perf_counter() - started)
        print(f"first read: {first:.2f} s; poll of the unchanged file: {unchanged * 1e3:.1f} ms")
        print(f"poll after +{args.append:,} points: read {statistics.median(reads) * 1e3:.1f} ms "
              f"(median of {args.polls}), read + judge {statistics.median(judged):.2f} s; "
              f"bytes read / bytes appended: {max(per_poll):.2f}")
        print(f"peak RSS: {rss_first:.0f} MB after the first read, {_rss_mb():.0f} MB after "
              f"{args.polls} polls")


if __name__ == "__main__":
    main()
