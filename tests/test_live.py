"""Live runs: another process writes the log while curvecli reads it.

A TensorBoard writer appends events (with tensorboard's own EventFileWriter, and record by
record in pieces, so that reads land inside a record); the Trainer rewrites
trainer_state.json whole at every save (truncate, then write). Every read must give a
consistent prefix of what is being written (steps 0..k-1 with their values, k never going
back) and never an error. The writers tell the reader, on their stdout, when the file is
in a half-written state, so the reads that matter are not left to chance.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import textwrap
import threading
import time
import types
from pathlib import Path

import pytest
from attack import exported, run

EVENTS = 120

TB_WRITER = textwrap.dedent("""
    import io, sys, time
    from tensorboard.compat.proto import event_pb2, summary_pb2
    from tensorboard.summary.writer.event_file_writer import EventFileWriter
    from tensorboard.summary.writer.record_writer import RecordWriter

    logdir, mode, count = sys.argv[1], sys.argv[2], int(sys.argv[3])

    def event(step):
        value = summary_pb2.Summary.Value(tag="train/loss", simple_value=1.0 / (step + 1))
        return event_pb2.Event(wall_time=1.7e9 + step, step=step,
                               summary=summary_pb2.Summary(value=[value]))

    if mode == "writer":  # tensorboard's EventFileWriter, flushed after every event
        writer = EventFileWriter(logdir, flush_secs=1)
        print("ready", flush=True)
        for step in range(count):
            writer.add_event(event(step))
            writer.flush()
            time.sleep(0.015)
        writer.close()
    else:  # the same framing, each record written in three pieces
        with open(logdir + "/events.out.tfevents.1700000000.host.1.0", "wb") as handle:
            print("ready", flush=True)
            for step in range(count):
                framed = io.BytesIO()
                RecordWriter(framed).write(event(step).SerializeToString())
                data = framed.getvalue()
                for start, cut in ((0, 5), (5, 20), (20, len(data))):
                    handle.write(data[start:cut])
                    handle.flush()
                    if cut < len(data) and step % 10 == 3:
                        print("cut", step, flush=True)
                        sys.stdin.readline()  # the reader reads this half-written record
                time.sleep(0.002)
    print("done", flush=True)
""")

STATE_WRITER = textwrap.dedent("""
    import json, sys, time

    path, saves = sys.argv[1], int(sys.argv[2])
    for save in range(1, saves + 1):
        history = [{"loss": 1.0 / step, "step": step, "epoch": step / 10}
                   for step in range(1, 10 * save + 1)]
        text = json.dumps({"global_step": 10 * save, "log_history": history}, indent=2)
        cut = len(text) // 2 if save % 2 else 0
        with open(path, "w", encoding="utf-8") as handle:  # as TrainerState.save_to_json
            handle.write(text[:cut])
            handle.flush()
            print("half" if cut else "empty", save, flush=True)
            sys.stdin.readline()  # the reader is reading the half-written file
            time.sleep(0.05)
            handle.write(text[cut:])
        print("saved", save, flush=True)
        sys.stdin.readline()  # the reader has read the saved file: the next save may begin
    print("done", flush=True)
""")


def _start(script: str, *args: object) -> tuple[subprocess.Popen, queue.Queue]:
    """The writer process, and a queue of the lines it prints."""
    process = subprocess.Popen([sys.executable, "-c", script, *map(str, args)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    lines: queue.Queue = queue.Queue()
    process.reader = threading.Thread(  # type: ignore[attr-defined]
        target=lambda: [lines.put(line.strip()) for line in process.stdout], daemon=True)
    process.reader.start()  # type: ignore[attr-defined]
    return process, lines


def _stop(process: subprocess.Popen) -> None:
    process.kill()
    process.wait()
    process.reader.join(timeout=10)  # type: ignore[attr-defined]
    for stream in (process.stdin, process.stdout, process.stderr):
        stream.close()


def _next_line(process: subprocess.Popen, lines: queue.Queue, wait: bool) -> str:
    deadline = time.monotonic() + 60
    while True:
        try:
            return lines.get(timeout=0.05 if wait else 0)
        except queue.Empty:
            if not wait:
                return ""
        if process.poll() is not None and lines.empty() or time.monotonic() > deadline:
            raise AssertionError(f"writer stopped: {process.stderr.read()}")


def _tell(process: subprocess.Popen) -> None:
    process.stdin.write("go\n")
    process.stdin.flush()


def _tb_prefix(result) -> int:
    """The number of points read, after checking they are steps 0..k-1 with their values."""
    assert result.exit_code == 0, result.stderr
    frame = exported(result)
    steps = frame["step"].tolist()
    assert steps == list(range(len(steps))), steps
    assert all(abs(value - 1.0 / (step + 1)) < 1e-6
               for step, value in zip(steps, frame["value"]))
    return len(steps)


def _binary_export(logdir: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "curvecli", "export", str(logdir)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("mode", [pytest.param("writer", marks=pytest.mark.slow), "pieces"])
def test_export_while_tensorboard_appends(tmp_path: Path, mode: str) -> None:
    logdir = tmp_path / "run"
    logdir.mkdir()
    writer, lines = _start(TB_WRITER, logdir, mode, EVENTS)
    try:
        assert _next_line(writer, lines, wait=True) == "ready"
        binaries = [_binary_export(logdir)]  # the installed entry point reads along
        seen, cuts, reads = 0, 0, 0
        while (line := _next_line(writer, lines, wait=False)) != "done":
            result = run("export", logdir, tmp_path / "out")
            count = _tb_prefix(result)
            assert count >= seen
            seen, reads = count, reads + 1
            if line.startswith("cut"):
                # Read inside a record: every record before it, and one warning about it.
                assert count == int(line.split()[1]), (line, count)
                assert result.stderr.count("truncated") == 1, result.stderr
                cuts += 1
                _tell(writer)
            if len(binaries) < 3 and seen > 40 * len(binaries):
                binaries.append(_binary_export(logdir))
        writer.wait(timeout=30)
        assert writer.returncode == 0, writer.stderr.read()
        assert cuts == (2 * EVENTS // 10 if mode == "pieces" else 0)
        assert reads > 5
        for binary in binaries:
            out, err = binary.communicate(timeout=60)
            assert binary.returncode == 0 and "Traceback" not in err, err
            rows = out.splitlines()[1:]
            assert [int(row.split(",")[5]) for row in rows] == list(range(len(rows)))
        assert _tb_prefix(run("export", logdir, tmp_path / "out")) == EVENTS
    finally:
        _stop(writer)


def test_export_while_the_trainer_rewrites_trainer_state(tmp_path: Path, monkeypatch) -> None:
    from curvecli.readers import trainer_state

    waits: list[float] = []
    path = tmp_path / "run" / "trainer_state.json"
    path.parent.mkdir()
    saves = 6
    writer, lines = _start(STATE_WRITER, path, saves)

    def sleep(seconds: float) -> None:
        """The reader's retry wait: the writer, held on the half-written file until now, is
        told to finish, and the wait lasts until it has (however slow the machine), so the
        retry reads the whole file."""
        waits.append(seconds)
        _tell(writer)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                json.loads(path.read_text(encoding="utf-8"))
                return
            except ValueError:
                time.sleep(0.01)

    # the reader's own view of the time module, not time.sleep for the whole process
    monkeypatch.setattr(trainer_state, "time", types.SimpleNamespace(sleep=sleep))
    try:
        seen, reads = 0, 0
        while (line := _next_line(writer, lines, wait=True)) != "done":
            event, number = line.split()
            result = run("export", path.parent, tmp_path / "out")
            assert result.exit_code == 0, (line, result.stderr)
            assert result.stderr == "", result.stderr
            frame = exported(result)
            steps = frame["step"].tolist()
            assert steps == list(range(1, len(steps) + 1))
            assert frame["value"].tolist() == [1.0 / step for step in steps]
            assert len(steps) == 10 * int(number), (line, len(steps))
            assert len(steps) >= seen
            seen, reads = len(steps), reads + 1
            if event == "saved":  # however slow this read, the next save waits for it
                _tell(writer)
        writer.wait(timeout=30)
        assert writer.returncode == 0, writer.stderr.read()
        assert reads == 2 * saves and seen == 10 * saves
        assert len(waits) == saves  # every read of a half-written or empty file was retried
    finally:
        _stop(writer)


def test_a_truncated_trainer_state_that_stays_so_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "run" / "trainer_state.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"log_history": [{"loss": 1.0, "step": 1}]})[:20])
    result = run("export", path.parent, tmp_path / "out")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: invalid JSON") and str(path) in line
