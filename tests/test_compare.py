"""`curvecli compare`: verdicts on real runs, seed groups, alignment, statistics, formats."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from conftest import DATA
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner
from writers import write_csv, write_scalars, write_trainer_state

import curvecli.cli.compare  # noqa: F401  (registers the command on the app)
from curvecli.analysis import compare as compare_module
from curvecli.analysis.compare import (
    DEFAULT_TOLERANCE,
    Group,
    Tolerance,
    compare,
    parse_tolerance,
    regularized_incomplete_beta,
    t_test,
    t_two_sided_p,
)
from curvecli.cli import app
from curvecli.errors import UsageError
from curvecli.frame import RunLog, build_frame, points_table
from curvecli.reading import load_paths
from curvecli.render import compare as render

runner = CliRunner()
GENERATED = DATA / "labelled" / "generated"
HEALTHY = GENERATED / "healthy-digits-hf"
DIVERGED = GENERATED / "diverging-digits-hf-nan"
UNDERFIT = GENERATED / "underfitting-digits-hf"  # same data and model family, loss stuck at ~1.4
SEEDS = DATA / "compare" / "seeds"


def invoke(*args, env=None):
    return runner.invoke(app, ["compare", *[str(arg) for arg in args]], env=env)


def as_json(*args):
    result = invoke(*args, "--format", "json")
    return result, json.loads(result.stdout) if result.stdout.strip() else None


def group(path: Path) -> Group:
    return Group(str(path), load_paths([path]).runs)


def metric(report: dict, series: str, candidate: str | None = None) -> dict:
    return next(m for m in report["metrics"] if m["series"] == series
                and (candidate is None or m["candidate"]["group"] == candidate))


def log_history(path: Path) -> list[dict]:
    return json.loads((path / "trainer_state.json").read_text())["log_history"]


# --------------------------------------------------------------------------- real runs


def test_a_run_against_itself_is_same() -> None:
    result, report = as_json(HEALTHY, HEALTHY)
    assert result.exit_code == 0, result.output
    assert report["verdict"] == "same" and report["version"] == 1
    assert [m["series"] for m in report["metrics"]] == ["val/loss", "val/accuracy"]
    for entry in report["metrics"]:
        assert entry["verdict"] == "same"
        assert entry["delta"] == {"absolute": 0.0, "relative": 0.0}
        assert entry["speedup"] == 1.0
        assert entry["range"] == {"axis": "step", "start": 40.0, "end": 600.0, "points": 15}


def test_healthy_against_diverged_is_a_regression() -> None:
    result, report = as_json(HEALTHY, DIVERGED)
    assert result.exit_code == 1
    assert report["verdict"] == "regression"
    loss = metric(report, "val/loss")
    assert loss["verdict"] == "worse" and loss["candidate"]["value"] == "NaN"
    assert loss["range"]["start"] == 40.0 and loss["range"]["end"] == 310.0  # the overlap
    assert metric(report, "val/accuracy")["verdict"] == "worse"
    assert report["candidates"][0]["runs"][0]["verdict"] == "diverging"
    assert report["baseline"]["runs"][0]["verdict"] == "healthy"
    assert any("diverging" in reason for reason in report["candidates"][0]["reasons"])
    assert "compared on step 40..310 only" in result.stderr


def test_diverged_against_healthy_is_an_improvement() -> None:
    result, report = as_json(DIVERGED, HEALTHY)
    assert result.exit_code == 0
    assert report["verdict"] == "improvement"
    assert {m["verdict"] for m in report["metrics"]} == {"better"}


def test_a_clearly_worse_run_is_a_regression_and_the_reverse_an_improvement() -> None:
    worse, report = as_json(HEALTHY, UNDERFIT)
    assert worse.exit_code == 1 and report["verdict"] == "regression"
    assert metric(report, "val/loss")["delta"]["relative"] > 5  # 0.13 -> 1.37
    better, report = as_json(UNDERFIT, HEALTHY)
    assert better.exit_code == 0 and report["verdict"] == "improvement"


def test_a_candidate_that_diverges_is_a_regression_even_when_its_numbers_look_fine() -> None:
    # Compare on train/loss before the blow-up only: the numbers are better, the run is not.
    result, report = as_json(HEALTHY, DIVERGED, "--metric", "train/loss", "--at", "step:100")
    assert metric(report, "train/loss")["verdict"] == "better"
    assert result.exit_code == 1 and report["verdict"] == "regression"
    assert report["candidates"][0]["reasons"] == [
        "diagnosis: candidate run 'diverging-digits-hf-nan' is diverging and no baseline run is"]


def seed_group(root: Path, runs: list[Path]) -> Path:
    """A folder of seeds: copies of real runs named s0, s1, ..."""
    import shutil

    for number, run in enumerate(runs):
        shutil.copytree(run, root / f"s{number}")
    return root


OVERFIT = GENERATED / "overfitting-digits-tb"


@pytest.mark.parametrize("overfit_seeds, regression", [(1, False), (2, True)])
def test_one_seed_flipping_regime_is_not_a_regression_a_majority_is(
        tmp_path: Path, overfit_seeds: int, regression: bool) -> None:
    # The numbers are made irrelevant (--tolerance 1000, absolute): only the diagnosis counts.
    baseline = seed_group(tmp_path / "base", [HEALTHY] * 3)
    candidate = seed_group(tmp_path / "cand",
                           [HEALTHY] * (3 - overfit_seeds) + [OVERFIT] * overfit_seeds)
    result, report = as_json(baseline, candidate, "--metric", "val/loss", "--tolerance", "1000")
    assert [run["verdict"] for run in report["candidates"][0]["runs"]].count("overfitting") \
        == overfit_seeds
    assert (report["verdict"] == "regression") == regression
    assert result.exit_code == (1 if regression else 0)
    if regression:
        assert report["candidates"][0]["reasons"] == [
            "diagnosis: 2 of 3 candidate run(s) are overfitting (s1/runs, s2/runs) and none of the "
            "other side's"]


def test_one_diverged_seed_is_a_regression(tmp_path: Path) -> None:
    baseline = seed_group(tmp_path / "base", [HEALTHY] * 3)
    candidate = seed_group(tmp_path / "cand", [HEALTHY, HEALTHY, DIVERGED])
    result, report = as_json(baseline, candidate, "--metric", "val/loss", "--tolerance", "1000")
    assert result.exit_code == 1 and report["verdict"] == "regression"
    assert "diagnosis: candidate run 's2' is diverging and no baseline run is" \
        in report["candidates"][0]["reasons"]


@pytest.mark.parametrize("name", ["val/accuracy", "eval_accuracy"])
def test_higher_is_better_metrics(name: str) -> None:
    result, report = as_json(HEALTHY, UNDERFIT, "--metric", name)
    entry = metric(report, "val/accuracy")
    assert entry["direction"] == "higher_is_better"
    assert entry["delta"]["absolute"] < 0 and entry["verdict"] == "worse"
    assert result.exit_code == 1
    result, report = as_json(UNDERFIT, HEALTHY, "--metric", name)
    entry = metric(report, "val/accuracy")
    assert entry["delta"]["absolute"] > 0 and entry["verdict"] == "better"
    assert entry["baseline"]["best"] < entry["candidate"]["best"]
    assert result.exit_code == 0 and report["verdict"] == "improvement"


# --------------------------------------------------------------------------- seed groups


def test_seed_groups_within_noise_are_same() -> None:
    result, report = as_json(SEEDS / "baseline", SEEDS / "rerun")
    assert result.exit_code == 0, result.output
    assert report["verdict"] == "same"
    loss = metric(report, "val/loss")
    assert loss["baseline"]["runs"] == 3 and loss["candidate"]["runs"] == 3
    assert loss["baseline"]["spread"] > 0 and len(loss["candidate"]["per_run"]) == 3
    # The means differ by more than the tolerance; only the seed noise makes it "same".
    assert abs(loss["delta"]["relative"]) > 0.01
    assert loss["test"]["name"] == "welch_t" and loss["test"]["p_value"] > 0.05
    assert "seed noise" in loss["reason"]


def test_single_seeds_differ_where_their_groups_do_not() -> None:
    result, report = as_json(SEEDS / "baseline" / "seed-1", SEEDS / "rerun" / "seed-4")
    assert report["verdict"] == "regression" and result.exit_code == 1
    assert metric(report, "val/loss")["test"] is None  # one run each: tolerance only
    loose = invoke(SEEDS / "baseline" / "seed-1", SEEDS / "rerun" / "seed-4", "--tolerance", "20%")
    assert loose.exit_code == 0


def test_a_clearly_worse_seed_group_is_a_regression() -> None:
    result, report = as_json(SEEDS / "baseline", SEEDS / "low-lr")
    assert result.exit_code == 1 and report["verdict"] == "regression"
    for entry in report["metrics"]:
        assert entry["verdict"] == "worse" and entry["test"]["p_value"] < 0.01
    result, report = as_json(SEEDS / "low-lr", SEEDS / "baseline")
    assert result.exit_code == 0 and report["verdict"] == "improvement"


def test_a_group_against_one_run_uses_the_groups_variance() -> None:
    comparison = compare(group(SEEDS / "baseline"), [group(SEEDS / "rerun" / "seed-5")])
    loss = comparison.candidates[0].series[0]
    assert loss.test is not None and loss.test.name == "t_one_run" and loss.test.df == 2
    assert loss.verdict == "same"


# --------------------------------------------------------------------------- alignment


def test_different_logging_frequency_is_aligned(tmp_path: Path) -> None:
    history = log_history(HEALTHY)
    evals = [entry for entry in history if "eval_loss" in entry]
    trains = [entry for entry in history if "loss" in entry]
    thinned = trains[::3] + evals[::2] + ([] if evals[-1] in evals[::2] else [evals[-1]])
    write_trainer_state(tmp_path / "thin" / "trainer_state.json",
                        sorted(thinned, key=lambda entry: entry["step"]))
    result, report = as_json(HEALTHY, tmp_path / "thin")
    assert result.exit_code == 0 and report["verdict"] == "same"
    val = metric(report, "val/loss")
    assert val["range"]["points"] == 15  # the union of both runs' steps: every point
    assert abs(val["delta"]["relative"]) < 0.005
    train = metric(as_json(HEALTHY, tmp_path / "thin", "--metric", "train/loss")[1], "train/loss")
    # Thinned to every 3rd point the train curve ends earlier: the overlap says so.
    assert train["range"]["start"] == trains[0]["step"]
    assert train["range"]["end"] == trains[::3][-1]["step"]
    inside = [entry for entry in trains if entry["step"] <= train["range"]["end"]]
    assert train["range"]["points"] == len(inside)


def test_runs_of_different_lengths_are_compared_on_the_overlap(tmp_path: Path) -> None:
    history = log_history(HEALTHY)
    write_trainer_state(tmp_path / "short" / "trainer_state.json",
                        [entry for entry in history if entry["step"] <= 300])
    result, report = as_json(HEALTHY, tmp_path / "short")
    assert result.exit_code == 0 and report["verdict"] == "same"
    loss = metric(report, "val/loss")
    assert loss["range"]["end"] == 280.0  # the short run's last eval
    assert loss["delta"]["absolute"] == 0.0
    assert "compared on step 40..280 only, 43% of run 'healthy-digits-hf'" in result.stderr


def test_every_point_is_compared(tmp_path: Path) -> None:
    """Two runs logged on interleaved steps: the grid is the union, not a sample."""
    n = 20_000
    steps_a = np.arange(0, 2 * n, 2)
    steps_b = np.arange(1, 2 * n, 2)
    for name, steps in (("a", steps_a), ("b", steps_b)):
        write_csv(tmp_path / name / "metrics.csv", ["step", "val_loss"],
                  [[int(step), 2.0 * math.exp(-step / 8000) + 0.1] for step in steps])
    result, report = as_json(tmp_path / "a", tmp_path / "b")
    loss = metric(report, "val/loss")
    assert loss["range"]["start"] == 1.0 and loss["range"]["end"] == 2 * n - 2
    assert loss["range"]["points"] == 2 * n - 2  # every step of both runs inside the overlap
    assert report["verdict"] == "same" and result.exit_code == 0


def test_the_grid_is_the_union_of_the_steps_or_the_shared_steps() -> None:
    def curve(run, steps):
        steps = np.asarray(steps, dtype=float)
        return compare_module._Curve(run, steps, np.exp(-steps / 50.0))

    shared = np.arange(0.0, 100.0, 3.0)
    same = compare_module._align("val/loss", [curve("a", shared)],
                                 [curve("b", shared), curve("c", shared)], "step", [])
    assert np.array_equal(same.grid, shared)
    assert np.array_equal(same.baseline[0], np.exp(-shared / 50.0))
    other = compare_module._align("val/loss", [curve("a", shared)],
                                  [curve("b", np.arange(1.0, 100.0, 2.0))], "step", [])
    assert (other.start, other.end) == (1.0, 99.0)
    assert np.array_equal(other.grid, np.union1d(shared[shared >= 1.0], np.arange(1.0, 100.0, 2.0)))


def test_align_on_epochs() -> None:
    result, report = as_json(SEEDS / "baseline", SEEDS / "rerun", "--align", "epoch")
    assert result.exit_code == 0
    loss = metric(report, "val/loss")
    assert loss["range"]["axis"] == "epoch"
    assert loss["range"]["start"] == pytest.approx(40 / 38, abs=1e-3)  # first eval: step 40
    assert loss["range"]["end"] == pytest.approx(600 / 38, abs=1e-3)


def test_align_on_tokens(tmp_path: Path) -> None:
    def run(path: Path, tokens_per_step: int, rate: float) -> Path:
        history = []
        for step in range(10, 210, 10):
            history.append({"loss": 3 * math.exp(-step * rate), "step": step,
                            "num_input_tokens_seen": step * tokens_per_step})
            history.append({"eval_loss": 3 * math.exp(-step * rate) + 0.1, "step": step})
        return write_trainer_state(path / "trainer_state.json", history).parent

    # Twice the batch: half the steps per token and twice the loss drop per step.
    base = run(tmp_path / "base", 1000, 0.01)
    cand = run(tmp_path / "cand", 2000, 0.02)
    on_steps = as_json(base, cand)[1]
    assert metric(on_steps, "val/loss")["verdict"] == "better"
    result, on_tokens = as_json(base, cand, "--align", "tokens")
    assert result.exit_code == 0 and on_tokens["verdict"] == "same"
    loss = metric(on_tokens, "val/loss")
    assert loss["range"] == {"axis": "tokens", "start": 20000.0, "end": 200000.0,
                             "points": 19}
    missing = invoke(HEALTHY, HEALTHY, "--align", "tokens")
    assert missing.exit_code == 2 and "token count" in missing.stderr


# --------------------------------------------------------------------------- options


def test_at_best_and_at_a_step() -> None:
    best = as_json(HEALTHY, DIVERGED, "--at", "best")[1]
    loss = metric(best, "val/loss")
    assert loss["statistic"] == "best"
    assert loss["candidate"]["value"] == loss["candidate"]["best"] == pytest.approx(0.2569, 1e-3)
    assert loss["candidate"]["best_step"] == 60.0
    early = as_json(HEALTHY, HEALTHY, "--at", "step:200")[1]
    assert metric(early, "val/loss")["statistic"] == "step:200"
    outside = invoke(HEALTHY, DIVERGED, "--at", "step:500")
    assert outside.exit_code == 2 and "40..310" in outside.stderr
    wrong_axis = invoke(HEALTHY, HEALTHY, "--at", "epoch:3")
    assert wrong_axis.exit_code == 2 and "--align epoch" in wrong_axis.stderr


def test_tolerance_parsing() -> None:
    assert parse_tolerance(DEFAULT_TOLERANCE) == Tolerance(0.01, True)
    assert parse_tolerance("2.5%") == Tolerance(0.025, True)
    assert parse_tolerance("0.01") == Tolerance(0.01, False)
    assert parse_tolerance("1e-3") == Tolerance(0.001, False)
    assert str(parse_tolerance("2%")) == "2%"
    for bad in ("abc", "-1%", "2%%", "", "nan"):
        with pytest.raises(UsageError):
            parse_tolerance(bad)
    assert Tolerance(0.02, True).allows(10.0, 0.2) and not Tolerance(0.02, True).allows(10.0, 0.3)
    assert Tolerance(0.05, False).allows(10.0, 0.05) and not Tolerance(0.05, False).allows(1, 0.06)


def test_an_absolute_tolerance() -> None:
    args = (SEEDS / "baseline" / "seed-1", SEEDS / "rerun" / "seed-4", "--metric", "val/loss")
    assert invoke(*args, "--tolerance", "0.05").exit_code == 0  # 0.132 -> 0.153
    assert invoke(*args, "--tolerance", "0.01").exit_code == 1


def test_several_candidates() -> None:
    result, report = as_json(HEALTHY, HEALTHY, DIVERGED)
    assert result.exit_code == 1 and report["verdict"] == "regression"
    assert [c["verdict"] for c in report["candidates"]] == ["same", "regression"]
    assert len(report["metrics"]) == 4
    assert metric(report, "val/loss", str(DIVERGED))["verdict"] == "worse"
    assert metric(report, "val/loss", str(HEALTHY))["verdict"] == "same"


@pytest.mark.parametrize("args, message", [
    (["--metric", "val/f1"], "no series 'val/f1'"),
    (["--format", "yaml"], "Invalid value for '--format'"),
    (["--align", "wall_time"], "Invalid value for '--align'"),
    (["--at", "last"], "bad --at"),
    (["--tolerance", "lots"], "bad --tolerance"),
])
def test_bad_options_exit_2(args: list[str], message: str) -> None:
    result = invoke(HEALTHY, HEALTHY, *args)
    assert result.exit_code == 2 and message in result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    missing = invoke(HEALTHY, tmp_path / "nope")
    assert missing.exit_code == 2 and missing.stderr.startswith("error:")
    write_csv(tmp_path / "other" / "metrics.csv", ["step", "reward"], [[1, 0.5], [2, 0.6]])
    nothing_shared = invoke(HEALTHY, tmp_path / "other")
    assert nothing_shared.exit_code == 2 and "no series to compare" in nothing_shared.stderr
    write_csv(tmp_path / "late" / "metrics.csv", ["step", "val_loss"], [[5000, 0.5], [6000, 0.4]])
    disjoint = invoke(HEALTHY, tmp_path / "late", "--metric", "val/loss")
    assert disjoint.exit_code == 2 and "do not overlap" in disjoint.stderr


# --------------------------------------------------------------------------- output


@pytest.mark.parametrize("output_format", ["table", "tsv", "json", "markdown"])
def test_every_format_has_a_renderer(output_format: str) -> None:
    result = invoke(HEALTHY, DIVERGED, "--format", output_format)
    assert result.exit_code == 1 and result.stdout.strip()
    assert "warning:" not in result.stdout  # talk goes to stderr


def test_json_shape() -> None:
    report = as_json(SEEDS / "baseline", SEEDS / "rerun")[1]
    assert list(report)[:2] == ["version", "verdict"]
    assert set(report) == {"version", "verdict", "statistic", "tolerance", "align", "alpha",
                           "baseline", "candidates", "metrics", "warnings"}
    assert report["tolerance"] == {"value": 0.01, "relative": True, "text": "1%"}
    first = report["baseline"]["runs"][0]
    assert 0.5 <= first.pop("confidence") <= 1.0
    assert first == {"run": "seed-1", "source": "trainer_state", "verdict": "healthy",
                     "monitored": "val/loss"}
    entry = report["metrics"][0]
    assert set(entry) == {"series", "direction", "statistic", "range", "baseline", "candidate",
                          "delta", "deltas", "reach_step", "speedup", "test", "verdict", "reason",
                          "forecast"}
    assert set(entry["baseline"]) == {"group", "runs", "value", "spread", "per_run", "final",
                                      "best", "best_step", "mean"}
    assert set(entry["deltas"]) == {"final", "best", "mean"}
    assert set(entry["test"]) == {"name", "t", "df", "p_value", "alpha", "significant"}


def test_table_and_markdown_say_what_was_used() -> None:
    table = invoke(HEALTHY, DIVERGED).stdout
    assert table.startswith("verdict: REGRESSION")
    assert "40..310 (15 pts)" in table and "diverging" in table
    markdown = invoke(HEALTHY, DIVERGED, "--format", "markdown").stdout
    assert markdown.startswith("## curvecli compare: 🔴 regression")
    assert "| `val/loss` | lower | 40..310 (15 pts) |" in markdown
    assert "tolerance 1% (relative)" in markdown and "Welch" in markdown


def test_markdown_is_appended_to_the_github_step_summary(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n")
    result = invoke(HEALTHY, HEALTHY, "--format", "json",
                    env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 0
    json.loads(result.stdout)  # stdout keeps the requested format
    text = summary.read_text()
    assert text.startswith("# earlier step\n") and "## curvecli compare: ⚪ same" in text


def test_plot_overlays_both_runs(tmp_path: Path) -> None:
    comparison = compare(group(HEALTHY), [group(DIVERGED)])
    figure = render.comparison_figure(comparison)
    axes = figure.get_axes()
    assert [ax.get_title() for ax in axes] == ["val/loss (lower is better)",
                                               "val/accuracy (higher is better)"]
    item = comparison.candidates[0].series[0]
    baseline_line, candidate_line = axes[0].get_lines()[:2]
    assert np.array_equal(baseline_line.get_xdata(), item.grid)
    assert np.array_equal(candidate_line.get_ydata(), item.candidate_curve, equal_nan=True)
    assert "NaN" in axes[0].get_xlabel() and "worse" in axes[0].get_xlabel()
    out = tmp_path / "compare.png"
    result = invoke(HEALTHY, DIVERGED, "--plot", out)
    assert result.exit_code == 1 and f"wrote {out}" in result.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 720)
    assert not list(tmp_path.glob(".compare.png.*"))


# --------------------------------------------------------------------------- statistics


@pytest.mark.parametrize("t", [0.0, 0.5, 1.0, 2.0, 7.5, 40.0])
def test_t_p_values_match_closed_forms(t: float) -> None:
    assert t_two_sided_p(t, 1) == pytest.approx(1 - 2 / math.pi * math.atan(t), abs=1e-10)
    assert t_two_sided_p(t, 2) == pytest.approx(1 - t / math.sqrt(2 + t * t), abs=1e-10)
    assert t_two_sided_p(-t, 2) == t_two_sided_p(t, 2)


def test_t_p_values_match_tables() -> None:
    assert t_two_sided_p(2.228138852, 10) == pytest.approx(0.05, abs=1e-7)
    assert t_two_sided_p(2.776445105, 4) == pytest.approx(0.05, abs=1e-7)
    assert t_two_sided_p(63.65674116, 1) == pytest.approx(0.01, abs=1e-7)
    assert t_two_sided_p(1.959963985, 1e7) == pytest.approx(0.05, abs=1e-6)  # the normal limit
    assert regularized_incomplete_beta(0.3, 2.0, 3.0) == pytest.approx(0.3483, abs=1e-12)


def test_welch_test_is_calibrated_under_the_null() -> None:
    """Seeds drawn from one distribution: p < 0.05 about 5% of the time."""
    rng = np.random.default_rng(0)
    draws = rng.normal(0.0, 1.0, size=(3000, 6))
    p_values = [t_test(list(row[:3]), list(row[3:])).p_value for row in draws]
    assert 0.03 < np.mean(np.array(p_values) < 0.05) < 0.065
    assert 0.45 < np.median(p_values) < 0.55
    shifted = [t_test(list(row[:3]), list(row[3:] + 5.0)).p_value for row in draws[:200]]
    assert np.mean(np.array(shifted) < 0.05) > 0.9


def test_t_test_edge_cases() -> None:
    assert t_test([1.0], [2.0]) is None
    assert t_test([1.0, 1.0], [1.0, 1.0]).p_value == 1.0
    assert t_test([1.0, 1.0], [2.0, 2.0]).p_value == 0.0
    assert t_test([1.0, math.nan], [2.0, 3.0]) is None
    equal = t_test([1.0, 2.0, 3.0], [2.0, 3.0, 4.0])
    assert equal.df == pytest.approx(4.0) and equal.t == pytest.approx(math.sqrt(1.5))


@given(st.floats(-50, 50), st.floats(0.5, 200))
@settings(max_examples=200, deadline=None)
def test_p_values_are_probabilities_that_fall_with_t(t: float, df: float) -> None:
    p = t_two_sided_p(t, df)
    assert 0.0 <= p <= 1.0
    assert t_two_sided_p(abs(t) + 0.5, df) <= p + 1e-12


def _run(name: str, steps: np.ndarray, values: np.ndarray) -> RunLog:
    table = points_table("val_loss", steps, values)
    return RunLog(name, "csv", build_frame(table, name, "csv"))


@given(st.lists(st.floats(0.01, 10.0), min_size=2, max_size=40),
       st.lists(st.floats(0.01, 10.0), min_size=2, max_size=40))
@settings(max_examples=25, deadline=None)
def test_swapping_the_sides_swaps_better_and_worse(first: list[float], second: list[float]) -> None:
    a = _run("a", np.arange(len(first)) * 3, np.array(first))
    b = _run("b", np.arange(len(second)) * 2, np.array(second))
    same = compare(Group("a", [a]), [Group("a", [a])])
    assert same.verdict == "same"
    # An absolute tolerance: a relative one is relative to whichever side is the baseline.
    forward = compare(Group("a", [a]), [Group("b", [b])], tolerance="0.01").candidates[0].series[0]
    backward = compare(Group("b", [b]), [Group("a", [a])], tolerance="0.01").candidates[0].series[0]
    flipped = {"better": "worse", "worse": "better", "same": "same"}
    assert backward.verdict == flipped[forward.verdict]
    assert (forward.start, forward.end, forward.points) == (backward.start, backward.end,
                                                            backward.points)


def test_a_candidate_that_stopped_early_is_forecast_to_the_baselines_end(tmp_path):
    """The candidate logged 300 of the baseline's 1,000 steps: it is forecast to step 1,000
    and its chance of ending better than the baseline is given; the verdict stays on the
    overlap."""
    steps = np.arange(0, 1001, 20)
    write_scalars(tmp_path / "base", [("val/loss", int(s), float(0.5 + 2 * (s + 50) ** -0.5))
                                      for s in steps])
    write_scalars(tmp_path / "cand", [("val/loss", int(s), float(0.3 + 2 * (s + 50) ** -0.5))
                                      for s in steps if s <= 300])
    result = runner.invoke(app, ["compare", "--format", "json", str(tmp_path / "base"),
                                 str(tmp_path / "cand")])
    report = json.loads(result.stdout)
    forecast = report["metrics"][0]["forecast"]
    assert forecast["to_step"] == 1000 and forecast["runs"] == 1
    assert forecast["low"] <= 0.3 + 2 * 1050 ** -0.5 <= forecast["high"]
    assert forecast["p_better"] > 0.95
    assert any("forecast at the baseline's step 1,000" in reason
               for reason in report["candidates"][0]["reasons"])
    same_length = runner.invoke(app, ["compare", "--format", "json", str(tmp_path / "base"),
                                      str(tmp_path / "base")])
    assert json.loads(same_length.stdout)["metrics"][0]["forecast"] is None
