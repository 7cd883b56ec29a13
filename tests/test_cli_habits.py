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
