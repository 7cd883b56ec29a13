"""`curvecli watch`: real logs written live by a second process while watch follows them.

The writer process uses the real writers (tensorboard's EventFileWriter; an HF-style
trainer_state.json rewritten whole at each save; a Lightning-style metrics.csv appended row
by row); watch runs as the user runs it, in its own process, with JSON Lines on stdout.
"""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from attack import invoke
from writers import write_csv, write_scalars, write_trainer_state

WRITER = textwrap.dedent("""
    import json, math, os, random, sys, time
    from tensorboard.compat.proto import event_pb2, summary_pb2
    from tensorboard.summary.writer.event_file_writer import EventFileWriter

    kind, regime, out = sys.argv[1:4]
    count, delay = int(sys.argv[4]), float(sys.argv[5])
    random.seed(3)

    def loss(step):
        base = 2.0 / (1.0 + 0.05 * step) + 0.05
        if regime == "diverging" and step > 60:
            return base * 1.3 ** (step - 60)  # grows until float32 overflows to inf
        return base * (1.0 + 0.02 * random.uniform(-1, 1))

    def val(step):
        return 2.2 / (1.0 + 0.05 * step) + 0.08

    if kind == "tb":
        writer = EventFileWriter(out)
        for step in range(count):
            points = [("train/loss", loss(step))]
            if step % 10 == 9:
                points.append(("val/loss", val(step)))
            for tag, value in points:
                value = summary_pb2.Summary.Value(tag=tag, simple_value=value)
                summary = summary_pb2.Summary(value=[value])
                writer.add_event(event_pb2.Event(wall_time=time.time(), step=step,
                                                 summary=summary))
            writer.flush()
            time.sleep(delay)
        writer.close()
    elif kind == "hf":
        os.makedirs(out, exist_ok=True)
        history = []
        for step in range(1, count + 1):
            history.append({"loss": loss(step), "step": step, "epoch": step / 100})
            if step % 10 == 0:
                history.append({"eval_loss": val(step), "step": step, "epoch": step / 100})
            if step % 5 == 0:  # a save: the whole file rewritten (truncate, then write)
                with open(os.path.join(out, "trainer_state.json"), "w") as handle:
                    json.dump({"global_step": step, "log_history": history}, handle, indent=2)
            time.sleep(delay)
    elif kind == "csv":
        os.makedirs(out, exist_ok=True)
        with open(os.path.join(out, "metrics.csv"), "w") as handle:
            handle.write("epoch,step,train_loss,val_loss\\n")
            handle.flush()
            for step in range(count):
                value = f"{val(step)}" if step % 10 == 9 else ""
                handle.write(f"{step // 100},{step},{loss(step)},{value}\\n")
                handle.flush()
                time.sleep(delay)
""")


def _start_writer(tmp_path: Path, kind: str, regime: str, out: Path, count: int,
                  delay: float = 0.01) -> subprocess.Popen:
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    return subprocess.Popen([sys.executable, str(script), kind, regime, str(out), str(count),
                             str(delay)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _watch(*args: object, timeout: float = 60.0) -> tuple[int, list[dict], str]:
    done = subprocess.run([sys.executable, "-m", "curvecli", "watch", "--format", "jsonl",
                           *map(str, args)], capture_output=True, text=True, timeout=timeout)
    events = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    return done.returncode, events, done.stderr


def _alarms(events: list[dict]) -> list[dict]:
    return [e for e in events if e["event"] == "finding"
            and e["finding"]["severity"] in ("warning", "error")]


@pytest.mark.parametrize("kind", [pytest.param("tb", marks=pytest.mark.slow), "hf", "csv"])
def test_a_diverging_run_stops_the_watch_before_its_loss_overflows(tmp_path: Path,
                                                                     kind: str) -> None:
    out = tmp_path / "run"
    writer = _start_writer(tmp_path, kind, "diverging", out, 420)
    try:
        code, events, stderr = _watch(out, "--interval", "0.1", "--exit-on", "diverging",
                                      "--stall-after", "600")
    finally:
        writer.kill()
        writer.wait()
    assert code == 1, stderr
    (alert,) = [e for e in events if e["event"] == "finding"
                and e["finding"]["code"] == "diverging"]
    # float32 overflows at about step 60 + 340 (1.3 ** 340 > 3.4e38); it was seen far sooner.
    assert alert["finding"]["step"] < 200
    assert alert["run"] == "run" and alert["version"] == 1 and alert["time"] > 0


@pytest.mark.parametrize("kind", [pytest.param("tb", marks=pytest.mark.slow), "hf", "csv"])
def test_a_healthy_run_replayed_live_raises_no_alarm(tmp_path: Path, kind: str) -> None:
    from curvecli.watch import Watcher

    out = tmp_path / "run"
    writer = _start_writer(tmp_path, kind, "healthy", out, 300, delay=0.005)
    watcher = Watcher.over([out], stall_after=600)
    deadline = time.monotonic() + 60
    events = []
    while writer.poll() is None and time.monotonic() < deadline:
        events.extend(watcher.poll())
        time.sleep(0.05)
    writer.wait()
    events.extend(watcher.poll(final=True))
    assert [e.kind for e in events][:1] == ["run"]
    assert watcher.runs["run"].points >= 300
    alarms = [e for e in events if e.finding is not None
              and e.finding.severity in ("warning", "error")]
    assert alarms == []


def test_the_watch_follows_a_live_run_and_says_each_finding_once(tmp_path: Path) -> None:
    out = tmp_path / "run"
    writer = _start_writer(tmp_path, "tb", "diverging", out, 420, delay=0.005)
    try:
        code, events, _ = _watch(out, "--interval", "0.05", "--exit-on", "non_finite",
                                 "--stall-after", "600", timeout=90)
    finally:
        writer.kill()
        writer.wait()
    assert code == 1
    kinds = [(e["event"], e.get("finding", {}).get("code")) for e in events]
    assert kinds[0] == ("run", None)
    assert len(kinds) == len(set(kinds))  # nothing said twice
    codes = [code for _, code in kinds]
    assert codes.index("diverging") < codes.index("non_finite")


class _Hook(http.server.BaseHTTPRequestHandler):
    received: list = []
    fail_first = 0

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if _Hook.fail_first > 0:
            _Hook.fail_first -= 1
            self.send_response(503)
            self.end_headers()
            return
        _Hook.received.append(json.loads(body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def hook_server():
    _Hook.received, _Hook.fail_first = [], 1
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()


def test_the_webhook_receives_the_alert_after_a_retry(tmp_path: Path, hook_server,
                                                      monkeypatch) -> None:
    from curvecli import webhook

    monkeypatch.setattr(webhook, "BACKOFF_SECONDS", 0.01)
    out = tmp_path / "run"
    write_scalars(out, [("train/loss", step, 1.0 / (step + 1) if step < 30 else 10.0 ** step)
                        for step in range(60)])
    result = invoke("watch", "--once", "--exit-on", "diverging", "--webhook", hook_server, out)
    assert result.exit_code == 1, result.stderr
    texts = [body["text"] for body in _Hook.received]
    assert any("diverging" in text for text in texts)
    (posted,) = [body for body in _Hook.received
                 if body["event"].get("finding", {}).get("code") == "diverging"]
    assert posted["content"] == posted["text"] and posted["event"]["run"] == "run"


def test_a_dead_webhook_is_a_warning_not_a_failure(tmp_path: Path, monkeypatch) -> None:
    from curvecli import webhook

    monkeypatch.setattr(webhook, "BACKOFF_SECONDS", 0.01)
    out = tmp_path / "run"
    write_scalars(out, [("train/loss", step, 1.0 / (step + 1) if step < 30 else 10.0 ** step)
                        for step in range(60)])
    result = invoke("watch", "--once", "--format", "jsonl", "--webhook",
                    "http://127.0.0.1:9/nothing", out)
    assert result.exit_code == 0 and "webhook failed" in result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert any(e["event"] == "finding" for e in events)


def test_once_on_a_finished_tree_gives_the_findings_of_diagnose(tmp_path: Path) -> None:
    from curvecli.watch import LIVE_CODES

    tree = Path(__file__).parent / "data" / "corpus"
    runs = sorted(p for p in tree.rglob("*") if p.is_dir() and p.parent.parent == tree)[:12]
    for run in runs:
        result = invoke("watch", "--once", "--format", "jsonl", run)
        assert result.exit_code == 0
        events = [json.loads(line) for line in result.stdout.splitlines()]
        watched = {(e["run"], e["finding"]["code"], e["finding"]["series"], e["finding"]["step"])
                   for e in events if e["event"] == "finding"}
        report = json.loads(invoke("diagnose", "--format", "json", run).stdout)
        diagnosed = {(r["run"], f["code"], f["series"], f["step"]) for r in report["runs"]
                     for f in r["findings"] if f["code"] in LIVE_CODES}
        assert watched == diagnosed, run


def test_incremental_reads_cost_the_new_bytes_and_equal_a_fresh_read(tmp_path: Path) -> None:
    import curvecli
    from curvecli.follow import Follower

    out = tmp_path / "run"
    follower = Follower([out])
    path = write_scalars(out, [("train/loss", step, 1.0 / (step + 1)) for step in range(2000)])
    (first,) = follower.poll()
    size = path.stat().st_size
    assert follower.bytes_read == size
    from tensorboard.compat.proto import event_pb2, summary_pb2
    from tensorboard.summary.writer.record_writer import RecordWriter

    with open(path, "ab") as handle:
        writer = RecordWriter(handle)
        for step in range(2000, 2100):
            value = summary_pb2.Summary.Value(tag="train/loss", simple_value=1.0 / (step + 1))
            event = event_pb2.Event(wall_time=1.7e9, step=step,
                                    summary=summary_pb2.Summary(value=[value]))
            writer.write(event.SerializeToString())
    grown = path.stat().st_size
    (second,) = follower.poll()
    assert follower.bytes_read == grown  # only the appended records were read
    fresh = curvecli.load_runs(out).runs[0]
    assert second.points == fresh.points == 2100
    assert second.frame.equals(fresh.frame)


def test_trainer_state_caught_mid_rewrite_keeps_the_last_good_read(tmp_path: Path) -> None:
    from curvecli.follow import Follower

    out = tmp_path / "run"
    state = write_trainer_state(out / "trainer_state.json",
                                [{"loss": 1.0 / step, "step": step} for step in range(1, 40)])
    follower = Follower([out])
    (log,) = follower.poll()
    state.write_text('{"log_history": [{"loss": 0.5, "st')  # half-written
    (again,) = follower.poll()
    assert again.points == log.points
    write_trainer_state(state, [{"loss": 1.0 / step, "step": step} for step in range(1, 60)])
    (later,) = follower.poll()
    assert later.points == 59


def test_a_csv_log_appended_row_by_row_is_read_by_its_new_lines(tmp_path: Path) -> None:
    import curvecli
    from curvecli.follow import Follower

    path = tmp_path / "run" / "metrics.csv"
    path.parent.mkdir()
    lines = "".join(f"{step // 100},{step},{1.0 / (step + 1)},"
                    f"{1.1 / (step + 1) if step % 10 == 9 else ''}\n" for step in range(300))
    path.write_text("epoch,step,train_loss,val_loss\n")
    follower = Follower([tmp_path / "run"])
    follower.poll()
    cut = 0
    with open(path, "a") as handle:
        for size in (37, 500, 1, 1200, 999, 3000, len(lines)):  # cuts land inside rows
            handle.write(lines[cut:cut + size])
            handle.flush()
            cut += size
            follower.poll()
    (log,) = follower.poll()
    assert follower.bytes_read < 1.5 * path.stat().st_size  # partial rows are read twice
    fresh = curvecli.load_runs(tmp_path / "run").runs[0]
    assert log.points == fresh.points == 330
    assert log.frame.equals(fresh.frame)


def test_a_training_appended_to_a_followed_csv_is_a_run_of_its_own(tmp_path: Path) -> None:
    # fit run again with CSVLogger(append=True) while curvecli follows the file: the new
    # training (its epochs back at 0) is session=2, as a fresh read says, not rows mixed into
    # the first training; a resume from a middle epoch still goes on with its run.
    import curvecli
    from curvecli.follow import Follower

    path = tmp_path / "run" / "training_log.csv"
    write_csv(path, ["epoch", "loss", "val_loss"],
              [[epoch, 1.0 / (epoch + 1), 1.1 / (epoch + 1)] for epoch in range(10)])
    follower = Follower([tmp_path / "run"])
    assert [log.run for log in follower.poll()] == ["run"]
    with open(path, "a") as handle:
        handle.write("".join(f"{epoch},{2.0 / (epoch + 1)},{2.1 / (epoch + 1)}\n"
                             for epoch in range(12)))
    logs = {log.run: log for log in follower.poll()}
    fresh = {log.run: log for log in curvecli.load_runs(tmp_path / "run").runs}
    assert sorted(logs) == sorted(fresh) == ["run/session=1", "run/session=2"]
    assert logs["run/session=2"].frame.equals(fresh["run/session=2"].frame)


def test_once_on_a_missing_path_is_an_error_but_a_watch_waits_for_it(tmp_path: Path) -> None:
    from curvecli.watch import Watcher

    result = invoke("watch", "--once", tmp_path / "nothing")
    assert result.exit_code == 2 and "no such file or directory" in result.stderr
    watcher = Watcher.over([tmp_path / "later"])
    assert watcher.poll() == [] and watcher.follower.waiting == [tmp_path / "later"]
    write_trainer_state(tmp_path / "later" / "trainer_state.json",
                        [{"loss": 1.0 / step, "step": step} for step in range(1, 9)])
    assert [event.kind for event in watcher.poll()][:1] == ["run"]


def test_a_growing_text_log_equals_a_fresh_read(tmp_path: Path) -> None:
    import curvecli
    from curvecli.follow import Follower

    path = tmp_path / "run" / "train.log"
    path.parent.mkdir()
    lines = [f"Ep 1 (Step {step:06d}): Train loss {1 / (step + 1):.3f}, "
             f"Val loss {1.1 / (step + 1):.3f}\n" for step in range(0, 40, 5)]
    path.write_text("".join(lines[:3]))
    follower = Follower([tmp_path / "run"])
    follower.poll()
    with open(path, "a") as handle:
        handle.write("".join(lines[3:]))
    (log,) = follower.poll()
    fresh = curvecli.load_runs(tmp_path / "run").runs[0]
    assert log.points == fresh.points == 16
    assert log.frame.equals(fresh.frame)
