"""Bad input, one test per recovery rule of the README's "Bad input" section.

Every command goes through ``attack.invoke``, which fails on a traceback, a Python warning
reaching the user, an exit code other than 0/1/2, or an exit 2 without exactly one
``error:`` line. The tests then check the rule itself: what was recovered, what was said.
"""

from __future__ import annotations

import builtins
import io
import json
import math
import os
import pickle
import random
import shutil
import struct
import tracemalloc
import zlib
from pathlib import Path

import pandas as pd
import pytest
from attack import every_command, exported, invoke, record_spans, run
from conftest import DATA
from writers import write_csv, write_scalars, write_trainer_state

from curvecli.errors import CurveError

LFS_POINTER = (b"version https://git-lfs.github.com/spec/v1\n"
               b"oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
               b"size 12345\n")
HF_RUN = DATA / "trainer_state" / "hf-distilbert-lora-imdb-tashu014"


@pytest.fixture(autouse=True)
def no_retry_delay(monkeypatch):
    """A broken trainer_state.json is re-read after 0.2 s (test_live tests that wait)."""
    from curvecli.readers import trainer_state

    monkeypatch.setattr(trainer_state, "_RETRY_DELAY_S", 0.0)


def one_error(result) -> str:
    """The single ``error:`` line of an exit-2 result."""
    assert result.exit_code == 2, result.stdout + result.stderr
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert result.stdout == ""
    return line


def good_run(folder: Path) -> Path:
    write_trainer_state(folder / "trainer_state.json",
                        [{"loss": 1.0 / (s + 1), "step": s} for s in range(1, 20)])
    return folder


# --------------------------------------------------------------------------- TensorBoard


def _events(folder: Path, n: int = 20) -> Path:
    return write_scalars(folder, [("train/loss", step, 1.0 / (step + 1)) for step in range(n)])


def test_tb_truncated_last_record_keeps_every_complete_record(tmp_path: Path) -> None:
    path = _events(tmp_path / "run")
    data = path.read_bytes()
    start, end = record_spans(data)[-1]
    path.write_bytes(data[: start + (end - start) // 2])
    result = run("export", tmp_path / "run", tmp_path / "out")
    assert result.exit_code == 0
    assert exported(result)["step"].tolist() == list(range(19))
    warnings = [line for line in result.stderr.splitlines() if "truncated" in line]
    assert len(warnings) == 1 and f"byte {start}" in warnings[0]


def test_tb_bad_crc_is_skipped_with_its_offset_and_reading_goes_on(tmp_path: Path) -> None:
    path = _events(tmp_path / "run")
    data = bytearray(path.read_bytes())
    start, end = record_spans(bytes(data))[5]  # record 0 is the file_version header: step 4
    data[end - 6] ^= 0x40  # a byte of the data, not of the framing
    path.write_bytes(bytes(data))
    result = run("export", tmp_path / "run", tmp_path / "out")
    assert result.exit_code == 0
    assert exported(result)["step"].tolist() == [s for s in range(20) if s != 4]
    assert f"byte {start}" in result.stderr and "checksum" in result.stderr


def test_tb_file_without_its_header_record_is_read(tmp_path: Path) -> None:
    path = _events(tmp_path / "run")
    data = path.read_bytes()
    _, first_end = record_spans(data)[0]
    path.write_bytes(data[first_end:])
    result = run("export", tmp_path / "run", tmp_path / "out")
    assert result.exit_code == 0
    assert exported(result)["step"].tolist() == list(range(20))


def test_tb_name_on_a_non_event_file_is_skipped_with_a_warning(tmp_path: Path) -> None:
    _events(tmp_path / "run")
    impostor = tmp_path / "run" / "events.out.tfevents.1700000000.host.1.0"
    impostor.write_text("epoch,loss\n0,1.0\n1,0.5\n")
    result = run("export", tmp_path / "run", tmp_path / "out")
    assert result.exit_code == 0
    assert len(exported(result)) == 20
    assert impostor.name in result.stderr and "not a TensorBoard event file" in result.stderr
    impostor_only = tmp_path / "alone"
    impostor_only.mkdir()
    shutil.copy(impostor, impostor_only / impostor.name)
    assert "not a TensorBoard event file" in one_error(run("ls", impostor_only, tmp_path / "o"))


# --------------------------------------------------------------------------- JSON


def test_invalid_json_names_the_file_and_exits_2_only_when_nothing_else_reads(
        tmp_path: Path) -> None:
    broken = tmp_path / "runs" / "broken" / "trainer_state.json"
    broken.parent.mkdir(parents=True)
    broken.write_text('{"log_history": [{"loss": 0.5, "step": 1},')
    line = one_error(run("export", broken.parent, tmp_path / "out"))
    assert "invalid JSON" in line and str(broken) in line
    good_run(tmp_path / "runs" / "good")
    result = run("export", tmp_path / "runs", tmp_path / "out")
    assert result.exit_code == 0 and len(exported(result)) == 19
    assert str(broken) in result.stderr and "invalid JSON" in result.stderr


def test_wandb_json_wrong_types_and_invalid_json(tmp_path: Path) -> None:
    rows = [{"_step": 0, "_runtime": 1.0, "loss": 1.0},
            {"_step": 1, "_runtime": 2.0, "loss": "oops"},
            {"_step": "two", "_runtime": 3.0, "loss": 0.5},
            {"_step": 3, "_runtime": None, "loss": [1, 2]},
            {"_step": 4, "_runtime": 5.0, "loss": "NaN"}]
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "history.jsonl").write_text(
        "\n".join(json.dumps(row) for row in rows) + "\n{not json\n")
    result = run("export", tmp_path / "run", tmp_path / "out")
    assert result.exit_code == 0
    frame = exported(result)
    assert frame["value"].tolist()[:2] == [1.0, 0.5] and math.isnan(frame["value"].iloc[-1])
    assert "skipped" in result.stderr
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "history.json").write_text('[{"_step": 0, "_runtime": 1, "loss": 1},')
    assert "invalid JSON" in one_error(run("export", tmp_path / "bad", tmp_path / "out"))


@pytest.mark.parametrize("history, warning", [
    ([{"loss": "0.5", "step": 1}, {"loss": 0.4, "step": 2}], "non-numeric"),
    ([{"loss": 0.5, "step": "one"}, {"loss": 0.4, "step": 2}], "without a numeric step"),
    ([{"loss": 0.5, "step": 1}, "junk", None, 3, {"loss": 0.3, "step": 3}], "non-numeric"),
    ([{"loss": 0.5, "step": 1, "epoch": "first"}, {"loss": 0.4, "step": 2, "epoch": [1]}], ""),
    ([{"loss": 10**400, "step": 1}, {"loss": 0.4, "step": 10**30}], ""),
    ([{"loss": 0.5, "step": 1.5}, {"loss": 0.4, "step": -3}, {"loss": 0.3, "step": True}], ""),
    ([{"loss": {"nested": 1}, "step": 1}, {"loss": 0.4, "step": 2, "": 1.0}], ""),
])
def test_trainer_state_wrong_types_keep_every_usable_point(tmp_path: Path, history: list,
                                                          warning: str) -> None:
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "trainer_state.json").write_text(json.dumps({
        "log_history": history, "best_model_checkpoint": 5, "best_metric": "high",
        "global_step": "many", "stateful_callbacks": {"EarlyStoppingCallback": {
            "args": {"early_stopping_patience": "three", "early_stopping_threshold": 10**400}}}}))
    results = every_command(tmp_path / "run", tmp_path / "out", png=False)
    assert results["export"].exit_code == 0
    assert warning in results["export"].stderr


@pytest.mark.parametrize("content, message", [
    ('{"global_step": 5}', "no log_history"),
    ('{"log_history": {"loss": 1}}', "log_history is a dict"),
    ('[1, 2, 3]', "expected a JSON object"),
    ('"just a string"', "expected a JSON object"),
    ("{" * 100_000, "invalid JSON"),
    ('{"log_history": [' + "[" * 5000 + "]" * 5000 + "]}", ""),
])
def test_trainer_state_missing_keys_and_wrong_shapes(tmp_path: Path, content: str,
                                                     message: str) -> None:
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "trainer_state.json").write_text(content)
    results = every_command(tmp_path / "run", tmp_path / "out", png=False)
    for result in results.values():
        if result.exit_code == 2:
            assert message in result.stderr and "trainer_state.json" in result.stderr


def test_git_lfs_pointer_is_named_as_such(tmp_path: Path) -> None:
    line = one_error(run("export", DATA / "trainer_state" / "hf-lfs-pointer-spam-justin-donnelly",
                         tmp_path))
    assert "this is a Git LFS pointer" in line and "run git lfs pull" in line
    for name in ("trainer_state.json", "metrics.csv", "history.jsonl", "run-x.wandb",
                 "events.out.tfevents.1.host"):
        folder = tmp_path / name.replace(".", "_")
        folder.mkdir()
        (folder / name).write_bytes(LFS_POINTER)
        line = one_error(run("ls", folder, tmp_path / "out"))
        assert "Git LFS pointer" in line and name in line, line


def test_a_pointer_checkpoint_never_hides_a_readable_trainer_state(tmp_path: Path) -> None:
    good_run(tmp_path / "out")  # global_step 19
    (tmp_path / "out" / "checkpoint-500").mkdir()
    (tmp_path / "out" / "checkpoint-500" / "trainer_state.json").write_bytes(LFS_POINTER)
    (tmp_path / "out" / "checkpoint-600").mkdir()
    (tmp_path / "out" / "checkpoint-600" / "trainer_state.json").write_bytes(b"")
    result = run("export", tmp_path / "out", tmp_path / "x")
    assert result.exit_code == 0 and len(exported(result)) == 19
    assert "checkpoint-500" in result.stderr and "git lfs pull" in result.stderr
    assert "checkpoint-600" in result.stderr and "empty file" in result.stderr


def test_empty_log_history_is_a_warning_naming_the_file(tmp_path: Path) -> None:
    write_trainer_state(tmp_path / "run" / "trainer_state.json", [])
    results = every_command(tmp_path / "run", tmp_path / "out", png=False)
    assert results["export"].exit_code == 0
    assert "log_history is empty" in results["export"].stderr
    assert "trainer_state.json" in results["export"].stderr


# --------------------------------------------------------------------------- CSV


def _csv(tmp_path: Path, content: bytes, name: str = "metrics.csv") -> Path:
    folder = tmp_path / "run"
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(content)
    return folder


def test_csv_empty_file_and_header_only(tmp_path: Path) -> None:
    line = one_error(run("export", DATA / "csv" / "keras-empty-log-braincnn-amineechraibi",
                         tmp_path))
    assert line.startswith("error: empty file (0 bytes)") and "training.log" in line
    folder = _csv(tmp_path, b"epoch,loss,val_loss\n", "training.log")
    results = every_command(folder, tmp_path / "out", png=False)
    assert results["export"].exit_code == 0
    assert "no data rows" in results["export"].stderr


def test_csv_ragged_rows_keep_what_parses(tmp_path: Path) -> None:
    folder = _csv(tmp_path, b"epoch,loss,val_loss\n0,1.0,1.1\n1,0.9\n2,0.8,0.85,99\n3,0.7,0.75\n"
                            b"4,0.6,0.6", "training.log")
    result = run("export", folder, tmp_path / "out")
    frame = exported(result)
    assert frame[frame.tag == "loss"]["step"].tolist() == [0, 1, 3, 4]
    assert "fewer fields" in result.stderr and "more fields" in result.stderr


@pytest.mark.parametrize("encoding, separator", [("utf-8-sig", ","), ("latin-1", ";"),
                                                 ("utf-8", "\t"), ("latin-1", ",")])
def test_csv_bom_latin1_and_separators(tmp_path: Path, encoding: str, separator: str) -> None:
    text = separator.join(["epoch", "loss", "val_loss", "précision"]) + "\n" + "\n".join(
        separator.join([str(e), f"{1 / (e + 1):.3f}", f"{1.1 / (e + 1):.3f}", "0.5"])
        for e in range(6)) + "\n"
    folder = _csv(tmp_path, text.encode(encoding), "training.log")
    result = run("export", folder, tmp_path / "out")
    frame = exported(result)
    assert set(frame.tag) == {"loss", "val_loss", "précision"}
    assert len(frame) == 18
    if encoding == "latin-1":
        assert "latin-1" in result.stderr


def test_csv_non_finite_values_are_points_and_missing_cells_are_not(tmp_path: Path) -> None:
    cells = ["nan", "NaN", "inf", "-inf", "Infinity", "-Infinity", "NA", "", "0.5", "N/A"]
    rows = "".join(f"{i},{cell}\n" for i, cell in enumerate(cells))
    folder = _csv(tmp_path, ("epoch,loss\n" + rows).encode(), "training.log")
    results = every_command(folder, tmp_path / "out", png=True)
    values = exported(results["export"])["value"].tolist()
    assert len(values) == 7
    assert all(math.isnan(v) for v in values[:2])
    assert values[2:] == [math.inf, -math.inf, math.inf, -math.inf, 0.5]


def test_csv_thousands_separators_and_units(tmp_path: Path) -> None:
    content = (b'step,loss,tokens,lr\n0,"1,234.5",10%,1e-3\n1,"1,000.0",12%,5e-4 \n'
               b'2,"999.5",0.5s,junk\n3,12 ms,14%,1e-4\n')
    folder = _csv(tmp_path, content)
    result = run("export", folder, tmp_path / "out")
    frame = exported(result)
    assert frame[frame.tag == "loss"]["value"].tolist() == [1234.5, 1000.0, 999.5, 12.0]
    assert "thousands separators or units" in result.stderr
    assert "not numbers" in result.stderr  # "junk"


@pytest.mark.parametrize("content", [
    b"\x00\x01\x02,\xff\xfe\n1,2\n", b"a,b\n" + b'"unterminated\n' * 3, b"\n\n\n",
    b"step;loss\n0;0,5\n1;0,25\n", b"step,step,loss\n0,1,2\n", b",\n,\n", b'"",""\n1,2\n',
    b"epoch,loss\n" + b"9" * 400 + b",1\n", b"step,loss\n-1e400,5\n1e19,6\n",
    b"\xef\xbb\xbf\xef\xbb\xbfstep,loss\n1,2\n", b"\r\r\rstep,loss\r1,2\r",
])
def test_csv_odd_bytes_never_crash(tmp_path: Path, content: bytes) -> None:
    every_command(_csv(tmp_path, content), tmp_path / "out", png=False)


# --------------------------------------------------------------------------- directories


def test_no_logs_found_lists_what_was_looked_for(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("hello")
    (tmp_path / "weights.bin").write_bytes(b"\x00" * 100)
    line = one_error(run("export", tmp_path, tmp_path / "out"))
    assert "no training logs found" in line
    assert "trainer_state.json" in line and "events.out.tfevents" in line


@pytest.fixture
def unreadable(monkeypatch):
    """Make a file unreadable: chmod 000, or (as root, who reads anything) fail its opens."""
    made: list[Path] = []

    def deny(path: Path) -> None:
        path = Path(path)
        made.append(path)
        if os.geteuid() != 0:
            path.chmod(0)
            return
        real_open = io.open

        def guarded(file, *args, **kwargs):
            if isinstance(file, (str, os.PathLike)) and Path(file).resolve() in {
                    p.resolve() for p in made}:
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(io, "open", guarded)
        monkeypatch.setattr(builtins, "open", guarded)

    yield deny
    for path in made:
        path.chmod(0o644)


def test_unreadable_file_is_a_warning_and_alone_an_error(tmp_path: Path, unreadable) -> None:
    good_run(tmp_path / "runs" / "good")
    locked = good_run(tmp_path / "runs" / "locked") / "trainer_state.json"
    unreadable(locked)
    result = run("export", tmp_path / "runs", tmp_path / "out")
    assert result.exit_code == 0 and len(exported(result)) == 19
    assert "Permission denied" in result.stderr and "locked" in result.stderr
    line = one_error(run("export", locked.parent, tmp_path / "out"))
    assert "Permission denied" in line and str(locked) in line


def test_symlink_loops_and_dangling_links(tmp_path: Path) -> None:
    good_run(tmp_path / "run")
    (tmp_path / "run" / "loop").symlink_to(tmp_path)
    (tmp_path / "run" / "a.csv").symlink_to(tmp_path / "run" / "b.csv")
    (tmp_path / "run" / "b.csv").symlink_to(tmp_path / "run" / "a.csv")
    (tmp_path / "run" / "gone.json").symlink_to(tmp_path / "nowhere.json")
    results = every_command(tmp_path, tmp_path.parent / f"{tmp_path.name}-out", png=False)
    assert results["export"].exit_code == 0 and len(exported(results["export"])) == 19


def test_thousands_of_stray_files(tmp_path: Path) -> None:
    good_run(tmp_path / "run")
    for index in range(3000):
        folder = tmp_path / "junk" / f"d{index % 30}"
        folder.mkdir(parents=True, exist_ok=True)
        suffix = (".txt", ".json", ".bin", ".log", "", ".csv")[index % 6]
        content = random.Random(index).randbytes(64) if index % 2 else b"hello\n"
        (folder / f"f{index}{suffix}").write_bytes(content)
    result = run("ls", tmp_path, tmp_path.parent / "out")
    assert result.exit_code == 0
    assert [r["run"] for r in json.loads(result.stdout)["runs"] if r["points"]] == ["run"]


def test_a_sweep_read_in_parallel_mixes_every_source(tmp_path: Path) -> None:
    """16 runs or more are read by a process pool; frames of every source come back."""
    for index in range(18):
        if index % 3 == 0:
            _events(tmp_path / f"tb{index}", 5)
        elif index % 3 == 1:
            good_run(tmp_path / f"hf{index}")
        else:
            (tmp_path / f"broken{index}").mkdir()
            (tmp_path / f"broken{index}" / "trainer_state.json").write_text("{")
    result = invoke("export", "--jobs", "2", tmp_path)
    assert result.exit_code == 0
    assert len(exported(result)) == 6 * 5 + 6 * 19
    assert result.stderr.count("invalid JSON") == 6


def test_non_utf8_file_names(tmp_path: Path) -> None:
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/r\xffn\xe9"))
    good_run(folder)
    write_csv(folder.parent / "caf\udce9" / "training.log", ["epoch", "loss"],
              [[e, 1.0 / (e + 1)] for e in range(5)])
    results = every_command(tmp_path, tmp_path.parent / f"{tmp_path.name}-out", png=True)
    assert results["export"].exit_code == 0
    assert {r["run"] for r in json.loads(results["ls"].stdout)["runs"]} == {"r\ufffdn\ufffd",
                                                                             "caf\ufffd"}


# --------------------------------------------------------------------------- values

NAN, INF = math.nan, math.inf
VALUE_CASES = {
    "nan": [NAN] * 6,
    "inf": [INF, -INF, INF, INF],
    "huge": [1e308, 1e308, -1e308, 1e308, 1e307],
    "negative": [-1.0, -2.0, -3.0, -4.0, -5.0, -6.0],
    "single": [0.5],
    "identical": [0.3] * 25,
    "mixed": [1.0, NAN, 0.5, INF, 0.2, -INF, 0.1, 0.05],
    "subnormal": [5e-324, 1e-320, 0.0, 5e-324],
}
STEP_CASES = {
    "forward": lambda n: list(range(n)),
    "backwards": lambda n: list(range(n, 0, -1)),
    "duplicates": lambda n: [i // 2 for i in range(n)],
}


def _value_run(folder: Path, fmt: str, steps: list[int], values: list[float]) -> Path:
    if fmt == "trainer_state":
        history = [entry for step, value in zip(steps, values)
                   for entry in ({"loss": value, "step": step, "epoch": step / 10},
                                 {"eval_loss": value, "eval_accuracy": -value, "step": step})]
        write_trainer_state(folder / "trainer_state.json", history)
    elif fmt == "lightning":
        write_csv(folder / "metrics.csv", ["epoch", "step", "train_loss", "val_loss", "lr"],
                  [[s, s, repr(v), repr(v), 1e-3] for s, v in zip(steps, values)])
    else:
        write_scalars(folder, [(tag, step, value) for step, value in zip(steps, values)
                               for tag in ("train/loss", "val/loss", "train/grad_norm")])
    return folder


@pytest.mark.parametrize("fmt", ["trainer_state", "lightning", "tensorboard"])
@pytest.mark.parametrize("steps", list(STEP_CASES))
@pytest.mark.parametrize("values", list(VALUE_CASES))
def test_value_edge_cases_through_every_command(tmp_path: Path, values: str, steps: str,
                                                fmt: str) -> None:
    numbers = VALUE_CASES[values]
    folder = _value_run(tmp_path / "run", fmt, STEP_CASES[steps](len(numbers)), numbers)
    # PNG plotting is the slow command: once per value case.
    png = fmt == "trainer_state" and steps == "forward"
    results = every_command(folder, tmp_path / "out", png=png)
    frame = exported(results["export"])
    assert len(frame) == len(numbers) * 3
    for name, result in results.items():
        assert result.exit_code in ((0, 1) if name != "plot" else (0, 2)), (name, result.stderr)
    report = json.loads(results["diagnose"].stdout)
    assert len(report["runs"]) == 1 and report["runs"][0]["verdict"]
    if png and results["plot"].exit_code == 0:
        (figure,) = [Path(line) for line in results["plot"].stdout.splitlines()]
        assert figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_compare_with_a_zero_or_non_finite_baseline_says_so(tmp_path: Path) -> None:
    base = _value_run(tmp_path / "base", "trainer_state", list(range(10)), [0.0] * 10)
    cand = _value_run(tmp_path / "cand", "trainer_state", list(range(10)), [NAN] * 10)
    same = _value_run(tmp_path / "same", "trainer_state", list(range(10)), [0.0] * 10)
    for candidate in (cand, same):
        result = invoke("compare", "--format", "json", base, candidate)
        metrics = json.loads(result.stdout)["metrics"]
        for metric in metrics:
            relative = metric["delta"]["relative"]
            assert relative in ("NaN", "Infinity", "-Infinity", None) or math.isfinite(relative)
    assert invoke("compare", base, cand).exit_code == 1  # NaN is worse than any number


# --------------------------------------------------------------------------- safety


def _snapshot(root: Path) -> dict:
    return {str(path): (path.stat().st_size, path.stat().st_mtime_ns)
            for path in sorted(root.rglob("*")) if not path.is_symlink()}


def test_commands_never_write_into_the_folders_they_read(tmp_path: Path, monkeypatch) -> None:
    logs = tmp_path / "logs"
    shutil.copytree(HF_RUN, logs / "hf")
    shutil.copytree(DATA / "csv" / "keras-car-brand-cnn-burakerguvn", logs / "keras")
    before = _snapshot(logs)
    monkeypatch.chdir(tmp_path)  # plot's default --out is ./curvecli-plots
    every_command(logs, tmp_path / "out", png=True)
    assert _snapshot(logs) == before
    for args in (["plot", "--out", logs / "hf", logs / "hf"],
                 ["export", "-o", logs / "keras" / "all.csv", logs],
                 ["compare", "--plot", logs / "hf" / "compare.png", logs / "hf", logs / "hf"]):
        assert "inside the log folder" in one_error(invoke(*args))
    assert _snapshot(logs) == before


def test_output_files_are_written_to_a_temporary_name_and_renamed(tmp_path: Path,
                                                                  monkeypatch) -> None:
    out = tmp_path / "frame.csv"
    out.write_text("old content\n")
    from curvecli.render import export

    def broken(frame, fmt, handle):
        handle.write("run,source\npartial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "_write_text", broken)
    with pytest.raises(CurveError, match="No space left on device"):
        export.write_frame(pd.DataFrame({"a": [1]}), "csv", out)
    assert out.read_text() == "old content\n"  # the old file is untouched, no partial file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["frame.csv"]
    monkeypatch.undo()
    assert invoke("export", HF_RUN, "-o", out).exit_code == 0
    assert len(pd.read_csv(out)) == 66
    assert sorted(p.name for p in tmp_path.iterdir()) == ["frame.csv"]


@pytest.mark.parametrize("args, named", [
    (["plot", "--out", "/proc/curvecli-plots"], "/proc/curvecli-plots"),
    (["plot", "--out", "/dev/null"], "/dev/null"),
    (["export", "-o", "/proc/frame.csv"], "/proc/frame.csv"),
    (["export", "--format", "parquet", "-o", "/proc/f.pq"], "/proc/f.pq"),
    (["compare", "--plot", "/proc/compare.png", HF_RUN], "/proc/compare.png"),
    (["export", "-o", "/nonexistent/x.csv"], "/nonexistent"),
])
def test_an_output_that_cannot_be_written_is_one_error(args: list, named: str) -> None:
    result = invoke(*args, HF_RUN)
    assert result.exit_code == 2  # (compare prints its table before it draws the plot)
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert named in line, line


class _Bomb:
    def __reduce__(self):
        return (os.system, ("touch PWNED",))


def test_nothing_from_a_log_is_executed_or_unpickled(tmp_path: Path, monkeypatch) -> None:
    shutil.copytree(DATA / "wandb" / "wandb-binary-run-nanogpt-druidowm", tmp_path / "run")
    (tmp_path / "run" / "files" / "config.yaml").write_text(
        'lr: !!python/object/apply:os.system ["touch PWNED"]\n')
    bomb = pickle.dumps(_Bomb())
    for name in ("trainer_state.pkl", "metrics.pickle", "training_args.bin", "history.csv",
                 "rng_state.pth", "events.pkl"):
        (tmp_path / "run" / name).write_bytes(bomb)
    monkeypatch.chdir(tmp_path)
    every_command(tmp_path / "run", tmp_path / "out", png=False)
    assert not (tmp_path / "PWNED").exists()
    source = "".join(p.read_text() for p in Path(__file__).parent.parent.joinpath(
        "curvecli").rglob("*.py"))
    for forbidden in ("import pickle", "pickle.load", "yaml.load(", "yaml.unsafe_load",
                      "eval(", "exec(", "torch.load", "allow_pickle", "read_pickle"):
        assert forbidden not in source, forbidden


def test_escape_sequences_in_names_never_reach_the_terminal(tmp_path: Path) -> None:
    nasty = ["\x1b]0;pwned\x07loss", "val_\x1b[2Jloss", "acc\r\nerror: fake", "\x9b31mlr"]
    write_trainer_state(tmp_path / "r\x1b[31mun" / "trainer_state.json", [
        {"step": step, **{name: value / (step + 1)
                          for name, value in zip(nasty, (1.0, 1.2, 0.5, 0.1))}}
        for step in range(8)])
    results = every_command(tmp_path, tmp_path.parent / f"{tmp_path.name}-out", png=True)
    for name, result in results.items():
        if name != "export":  # export writes the data as it is, for other programs
            for text in (result.stdout, result.stderr):
                assert not any(c in text for c in "\x1b\x07\x9b\r"), (name, text)
    assert results["diagnose-table"].exit_code == 0
    assert "\\x1b" in results["ls-table"].stdout  # shown, escaped


def run_traced(*args):
    """``run(*args)`` and the peak of Python-traced memory during it."""
    tracemalloc.start()
    try:
        result = run(*args)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_huge_stray_file_is_sniffed_not_loaded(tmp_path: Path) -> None:
    good_run(tmp_path / "run")
    with open(tmp_path / "run" / "dump.log", "wb") as handle:
        handle.truncate(1 << 30)  # sparse: 1 GiB of zeros
    result, peak = run_traced("ls", tmp_path / "run", tmp_path / "out")
    assert result.exit_code == 0
    assert peak < 64 << 20, peak


def test_a_huge_non_event_file_with_an_event_name_is_not_loaded(tmp_path: Path) -> None:
    (tmp_path / "run").mkdir()
    with open(tmp_path / "run" / "events.out.tfevents.1.host", "wb") as handle:
        handle.write(b"not an event file at all\n")
        handle.truncate(256 << 20)
    result, peak = run_traced("ls", tmp_path / "run", tmp_path / "out")
    assert result.exit_code == 2
    assert peak < 64 << 20, peak


def test_a_big_event_file_is_streamed_not_loaded_whole(tmp_path: Path) -> None:
    crc32c = pytest.importorskip("google_crc32c")  # the pure-Python checksum takes minutes
    from tensorboard.compat.proto import event_pb2, summary_pb2

    def masked(data: bytes) -> bytes:
        crc = crc32c.value(data)
        return struct.pack("<I", ((((crc >> 15) | (crc << 17)) & 0xFFFFFFFF) + 0xA282EAD8)
                           & 0xFFFFFFFF)

    def record(event) -> bytes:
        data = event.SerializeToString()
        header = struct.pack("<Q", len(data))
        return header + masked(header) + data + masked(data)

    (tmp_path / "run").mkdir()
    with open(tmp_path / "run" / "events.out.tfevents.1.host", "wb") as handle:
        handle.write(record(event_pb2.Event(wall_time=1.0, graph_def=b"\x00" * (64 << 20))))
        for step in range(10):
            value = summary_pb2.Summary.Value(tag="loss", simple_value=1.0 / (step + 1))
            handle.write(record(event_pb2.Event(wall_time=2.0 + step, step=step,
                                                summary=summary_pb2.Summary(value=[value]))))
    result, peak = run_traced("export", tmp_path / "run", tmp_path / "out")
    assert len(exported(result)) == 10
    assert peak < 16 << 20, f"peak {peak >> 20} MiB for a 64 MiB file"


def _wandb_file(payloads: list[bytes]) -> bytes:
    """A .wandb file (LevelDB log framing, FORMATS.md §3.5) holding ``payloads``."""
    parts, used = [struct.pack("<4sHB", b":W&B", 0xBEE1, 0)], 7
    for payload in payloads:
        first = True
        while True:
            left = 32768 - used % 32768
            if left < 7:
                parts.append(b"\0" * left)
                used += left
                continue
            chunk, payload = payload[: left - 7], payload[left - 7:]
            kind = (1 if not payload else 2) if first else (4 if not payload else 3)
            parts.append(struct.pack("<IHB", zlib.crc32(chunk, zlib.crc32(bytes([kind]))),
                                     len(chunk), kind) + chunk)
            used, first = used + 7 + len(chunk), False
            if not payload:
                break
    return b"".join(parts)


def test_a_big_wandb_file_is_streamed_not_loaded_whole(tmp_path: Path) -> None:
    pb = pytest.importorskip("wandb.proto.wandb_internal_pb2")

    def history(step: int) -> bytes:
        record = pb.Record()
        for key, value in (("_step", step), ("loss", 1.0 / (step + 1))):
            item = record.history.item.add()
            item.key, item.value_json = key, json.dumps(value)
        return record.SerializeToString()

    output = pb.Record()
    output.output.line = "x" * (1 << 20)  # a run that printed a lot: 64 MiB of console output
    payloads = [payload for step in range(64) for payload in (history(step),
                                                              output.SerializeToString())]
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "run-big.wandb").write_bytes(_wandb_file(payloads))
    result, peak = run_traced("export", tmp_path / "run", tmp_path / "out")
    assert exported(result)["step"].tolist() == list(range(64))
    assert peak < 16 << 20, f"peak {peak >> 20} MiB for a 64 MiB file"


def test_a_big_text_log_is_streamed_not_loaded_whole(tmp_path: Path) -> None:
    noise = (b"[INFO] worker restarted; " + b"nothing to see here " * 50 + b"\n") * 5_500
    metric = "Ep {} (Step {:06d}): Train loss {:.3f}, Val loss {:.3f}\n"
    with open(tmp_path / "train.log", "wb") as handle:
        for step in range(60):  # ~70 MiB of stdout, 120 points
            handle.write(metric.format(step // 10, step, 1 / (step + 1), 1.1 / (step + 1)).encode())
            if step % 5 == 4:
                handle.write(noise)
    result, peak = run_traced("export", tmp_path / "train.log", tmp_path / "out")
    assert len(exported(result)) == 120
    assert peak < 16 << 20, f"peak {peak >> 20} MiB for a 70 MiB file"


def test_struct_framing_helper_agrees_with_the_writer(tmp_path: Path) -> None:
    data = _events(tmp_path, 3).read_bytes()
    spans = record_spans(data)
    assert spans[-1][1] == len(data) and len(spans) == 4
    assert struct.unpack_from("<Q", data, 0)[0] == spans[0][1] - 16
