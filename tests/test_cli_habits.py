"""The CLI where it is used: pipes, CI logs, narrow terminals, umasks, output files.

Each test reproduces one defect a user met (issue #12) and checks the fix.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pandas as pd
import pytest
from attack import invoke
from writers import write_trainer_state


def _run(folder: Path, n: int = 30) -> Path:
    write_trainer_state(folder / "trainer_state.json",
                        [{"loss": 2.0 / step, "step": step} for step in range(1, n)])
    return folder


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    from curvecli.render import files

    files._umask_mode.cache_clear()
    yield
    os.umask(old)
    files._umask_mode.cache_clear()


@pytest.mark.parametrize("args, name", [
    (["export", "-o", "{out}/frame.csv"], "frame.csv"),
    (["export", "-o", "{out}/frame.parquet"], "frame.parquet"),
    (["plot", "--out", "{out}", "--format", "svg"], "run.svg"),
    (["compare", "--plot", "{out}/compare.png"], "compare.png"),
])
def test_output_files_get_the_umask_mode(tmp_path: Path, umask_022, args: list, name: str):
    run = _run(tmp_path / "run")
    out = tmp_path / "out"
    out.mkdir()
    args = [arg.replace("{out}", str(out)) for arg in args]
    result = invoke(*args, run, *([run] if args[0] == "compare" else []))
    assert result.exit_code in (0, 1), result.output
    (written,) = [path for path in out.iterdir() if path.name == name]
    assert stat.S_IMODE(written.stat().st_mode) == 0o644


def test_export_picks_the_format_from_the_suffix(tmp_path: Path) -> None:
    run = _run(tmp_path / "run")
    for name, check in (("x.parquet", pd.read_parquet),
                        ("x.jsonl", lambda path: pd.read_json(path, lines=True)),
                        ("x.csv", pd.read_csv)):
        result = invoke("export", "-o", tmp_path / name, run)
        assert result.exit_code == 0, result.output
        assert len(check(tmp_path / name)) == 29
    result = invoke("export", "-f", "csv", "-o", tmp_path / "forced.parquet", run)
    assert result.exit_code == 0
    assert (tmp_path / "forced.parquet").read_text().startswith("run,")


def test_plot_from_inside_a_run_refuses_its_default_folder(tmp_path: Path, monkeypatch) -> None:
    run = _run(tmp_path / "run")
    monkeypatch.chdir(run)
    result = invoke("plot", ".")
    assert result.exit_code == 2
    assert "inside the log folder" in result.stderr and "--out" in result.stderr
    assert sorted(path.name for path in run.iterdir()) == ["trainer_state.json"]


def test_export_into_the_tree_it_reads_is_refused(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    _run(tree / "a")
    _run(tree / "b")
    result = invoke("export", "-o", tree / "all.csv", tree)
    assert result.exit_code == 2 and "being read" in result.stderr
    assert not (tree / "all.csv").exists()
    assert invoke("export", "-o", tmp_path / "all.csv", tree).exit_code == 0


def test_input_format_applies_to_log_files_only(tmp_path: Path) -> None:
    run = tmp_path / "run"
    run.mkdir()
    (run / "metrics.csv").write_text("step,loss\n" + "".join(f"{i},{1 / i}\n" for i in range(1, 9)))
    (run / "SOURCE.txt").write_text("step,loss\nfrom somewhere,1\n")
    (run / "README.md").write_text("step,loss\n1,2\n")
    result = invoke("ls", "--format", "json", "--input-format", "csv", tmp_path)
    assert result.exit_code == 0, result.output
    (found,) = json.loads(result.stdout)["runs"]
    assert [Path(path).name for path in found["files"]] == ["metrics.csv"]
    assert "SOURCE.txt" not in result.stderr


def test_input_format_names_match_the_readers() -> None:
    from typing import get_args

    from curvecli.cli import InputFormat
    from curvecli.readers import reader_names

    assert list(get_args(InputFormat)) == reader_names()


@pytest.mark.parametrize("args", [["diagnose", "--format", "xml"], ["ls", "--bogus"],
                                  ["plot", "--x", "weeks"], ["export", "-f", "xlsx"]])
def test_usage_errors_are_one_error_line(tmp_path: Path, args: list) -> None:
    result = invoke(*args, _run(tmp_path / "run"))
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error: ") and len(lines) == 2 and lines[1].startswith("hint: ")
    assert "╭" not in result.stderr


def _tree(root: Path, n: int) -> Path:
    for index in range(n):
        _run(root / f"a-very-long-experiment-name-with-many-settings-lr{index}e-4" / "version_0")
    return root


def test_tables_in_a_pipe_never_wrap(tmp_path: Path) -> None:
    tree = _tree(tmp_path / "sweep", 12)
    for command in ("ls", "diagnose"):
        result = invoke(command, tree)
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        rows = [line for line in lines if "version_0" in line]
        assert len(rows) == 12  # one line per run, ids whole
        assert all(line.split()[0].endswith("/version_0") for line in rows)
        assert not any(char in result.stdout for char in "┃│━")


def test_tsv_rows_split_on_tabs(tmp_path: Path) -> None:
    tree = _tree(tmp_path / "sweep", 3)
    result = invoke("diagnose", "--format", "tsv", tree)
    header, *rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert header[:3] == ["run", "verdict", "conf"] and len(rows) == 3
    assert all(len(row) == len(header) and row[1] in ("healthy", "still_improving")
               for row in rows)
    compare = invoke("compare", "--format", "tsv", tree / os.listdir(tree)[0], tree)
    header, *rows = [line.split("\t") for line in compare.stdout.splitlines()]
    assert header[0] == "candidate" and header[-1] == "verdict" and rows


def test_narrow_terminals_keep_ids_recognisable_and_verdicts_whole() -> None:
    from curvecli.render.tables import Column, fit, plain_lines

    columns = [Column("run", "id"), Column("verdict", "key"), Column("best", "extra"),
               Column("findings", "text")]
    rows = [["lightning_logs/some-long-sweep-name-with-settings-lr3e-4/version_12",
             "still_improving",
             "0.1234 @ 5000", "still_improving@5000 val/loss, plateau@4000 val/accuracy"]]
    fitted_columns, fitted = fit(columns, rows, 80)
    lines = plain_lines(fitted_columns, fitted)
    assert all(len(line) <= 80 for line in lines)
    assert "still_improving" in lines[1].split() and "best" not in lines[0]
    run = fitted[0][0]
    assert run.startswith("lightning_logs/") and run.endswith("version_12") and "…" in run


def test_compare_text_fits_the_terminal_width(tmp_path: Path) -> None:
    from curvecli import load_runs
    from curvecli.analysis.compare import Group, compare
    from curvecli.render.compare import to_text

    a, b = _run(tmp_path / "a"), _run(tmp_path / "b", 40)
    comparison = compare(Group("a", load_runs(a).runs), [Group("b", load_runs(b).runs)])
    assert max(len(line) for line in to_text(comparison).splitlines()) > 80
    narrow = to_text(comparison, 80).splitlines()
    start = next(i for i, line in enumerate(narrow) if line.split()[:1] == ["series"])
    table = narrow[start:start + 3]
    assert all(len(line) <= 80 for line in table)
    assert table[0].split()[-1] == "verdict" and table[2].split()[0] == "train/loss"


def test_diagnose_writes_the_step_summary_and_a_bad_one_is_a_warning(tmp_path: Path) -> None:
    run = _run(tmp_path / "run")
    summary = tmp_path / "summary.md"
    result = invoke("diagnose", run, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 0 and "## curvecli diagnose" in summary.read_text()
    result = invoke("diagnose", run, env={"GITHUB_STEP_SUMMARY": str(tmp_path / "no" / "x.md")})
    assert result.exit_code == 0 and "warning:" in result.stderr and "x.md" in result.stderr


LFS_POINTER = "version https://git-lfs.github.com/spec/v1\noid sha256:{}\nsize 1234\n".format(
    "0" * 64)


def test_run_ids_are_unique_and_json_carries_each_path(tmp_path: Path) -> None:
    a, b = _run(tmp_path / "a" / "version_0"), _run(tmp_path / "b" / "version_0")
    result = invoke("diagnose", "--format", "json", a, b)
    runs = json.loads(result.stdout)["runs"]
    assert [run["run"] for run in runs] == ["a/version_0", "b/version_0"]
    assert [Path(run["path"]) for run in runs] == [a, b]
    single = json.loads(invoke("diagnose", "-f", "json", a / "trainer_state.json").stdout)
    assert single["runs"][0]["run"] == "version_0"
    twice = json.loads(invoke("ls", "-f", "json", a, a).stdout)["runs"]
    assert len({run["run"] for run in twice}) == 2


def test_unreadable_runs_are_reported_and_fail_ci(tmp_path: Path) -> None:
    _run(tmp_path / "sweep" / "good")
    (tmp_path / "sweep" / "lfs").mkdir()
    (tmp_path / "sweep" / "lfs" / "trainer_state.json").write_text(LFS_POINTER)
    result = invoke("diagnose", "--format", "json", tmp_path / "sweep")
    assert result.exit_code == 0
    runs = {run["run"]: run for run in json.loads(result.stdout)["runs"]}
    assert set(runs) == {"good", "lfs"}
    assert "Git LFS pointer" in runs["lfs"]["error"] and runs["good"]["error"] is None
    assert runs["lfs"]["verdict"] == "insufficient_data"
    assert invoke("diagnose", "--fail-on", "error", tmp_path / "sweep").exit_code == 1
    table = invoke("diagnose", tmp_path / "sweep").stdout
    assert "no data: " in table and "lfs" in table


def test_compare_names_the_unreadable_run(tmp_path: Path) -> None:
    base = _run(tmp_path / "base")
    (tmp_path / "cand").mkdir()
    (tmp_path / "cand" / "trainer_state.json").write_text(LFS_POINTER)
    _run(tmp_path / "seeds" / "s1")
    (tmp_path / "seeds" / "s2").mkdir()
    (tmp_path / "seeds" / "s2" / "trainer_state.json").write_text(LFS_POINTER)
    result = invoke("compare", base, tmp_path / "seeds")
    assert result.exit_code in (0, 1)
    assert "s2:" in result.stderr and "left out of the comparison" in result.stderr
    alone = invoke("compare", base, tmp_path / "cand")
    assert alone.exit_code == 2 and "Git LFS pointer" in alone.stderr


def test_metric_over_a_sweep_skips_runs_without_it(tmp_path: Path) -> None:
    _run(tmp_path / "sweep" / "plain")
    write_trainer_state(tmp_path / "sweep" / "asr" / "trainer_state.json",
                        [{"eval_wer": 50 / step, "step": step} for step in range(1, 30)])
    result = invoke("diagnose", "--metric", "wer", "--format", "json", tmp_path / "sweep")
    assert result.exit_code == 0, result.output
    (run,) = json.loads(result.stdout)["runs"]
    assert run["run"] == "asr" and run["monitored"] == "val/wer"
    assert "1 run(s) without 'wer' left out: plain" in result.stderr
    missing = invoke("diagnose", "--metric", "bleu", tmp_path / "sweep")
    assert missing.exit_code == 2 and "pass --metric" not in missing.stderr


def test_warnings_name_their_file_repeat_once_and_obey_quiet(tmp_path: Path) -> None:
    run = tmp_path / "run"
    run.mkdir()
    (run / "metrics.csv").write_text("step,loss,tag\n" + "".join(f"{i},{1 / i},x{i}\n"
                                                                for i in range(1, 9)))
    result = invoke("ls", tmp_path)
    (line,) = [line for line in result.stderr.splitlines() if "non-numeric" in line]
    assert line.startswith(f"warning: {run / 'metrics.csv'}: ")
    assert invoke("ls", "-q", tmp_path).stderr == ""
    verbose = invoke("ls", "--verbose", tmp_path).stderr
    assert "note: run: csv, 8 points from" in verbose


def test_identical_warnings_are_counted_and_long_lists_shortened(tmp_path: Path) -> None:
    from curvecli.errors import short_list
    from curvecli.render import terminal

    assert short_list([f"f{i}" for i in range(17)]) == "f0, f1, f2 and 14 more"
    import io
    import sys

    stderr, sys.stderr = sys.stderr, io.StringIO()
    try:
        terminal.set_verbosity(False, False)
        terminal.print_warnings(["same"] * 5 + ["other"])
        printed = sys.stderr.getvalue()
    finally:
        sys.stderr = stderr
    assert printed.splitlines() == ["warning: same (5 times)", "warning: other"]


def test_a_run_logged_twice_says_which_series_the_dropped_copy_had(tmp_path: Path) -> None:
    from writers import write_scalars

    run = tmp_path / "out"
    write_trainer_state(run / "trainer_state.json",
                        [{"loss": 2.0 / s, "step": s} for s in range(1, 30)]
                        + [{"eval_loss": 2.0 / s, "step": s} for s in range(1, 30)])
    write_scalars(run / "runs" / "x", [(tag, s, 2.0 / s if tag == "train/loss" else 0.1)
                                       for s in range(1, 20) for tag in ("train/loss", "lr/pg0")])
    result = invoke("ls", run)
    assert "learning_rate (only in tensorboard) left out" in result.stderr


def test_ls_lists_the_series_that_matter_before_throughput(tmp_path: Path) -> None:
    write_trainer_state(tmp_path / "run" / "trainer_state.json",
                        [{"eval_runtime": 3.0, "eval_samples_per_second": 9.0, "eval_wer": 0.5,
                          "eval_loss": 1.0 / step, "step": step} for step in range(1, 9)])
    result = invoke("ls", "--format", "tsv", tmp_path / "run")
    series = result.stdout.splitlines()[1].split("\t")[2].split(", ")
    assert series[:2] == ["val/loss", "val/wer"] and series[-1].startswith("val/")
    assert series.index("val/wer") < series.index("val/runtime")
