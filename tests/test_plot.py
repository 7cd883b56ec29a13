"""`plot`: the figure's data (lines, markers, axes), the files written, the CLI contract.

Assertions are on the matplotlib Figure (lines by gid, their x/y) and on the
written file's magic bytes and size, never on pixels.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from conftest import DATA
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner
from writers import write_csv, write_scalars, write_trainer_state

import curvecli.cli.plot  # noqa: F401  (registers the command)
from curvecli.analysis.diagnose import diagnose_run
from curvecli.analysis.smoothing import smooth_frame
from curvecli.cli import app
from curvecli.reading import load_paths
from curvecli.render import png

runner = CliRunner()
LABELLED = DATA / "labelled"
OVERFIT = LABELLED / "seed" / "overfit.csv"  # overfitting, onset (val best) at step 500
SPIKE_RUN = LABELLED / "generated" / "loss_spike-digits-hf"  # spike at step 260
NAN_RUN = LABELLED / "generated" / "diverging-digits-hf-nan"  # train loss turns NaN/inf
HF_RUN = DATA / "trainer_state" / "hf-distilbert-lora-imdb-tashu014"
KERAS_RUN = DATA / "csv" / "keras-car-brand-cnn-burakerguvn"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def invoke(*args):
    return runner.invoke(app, ["plot", *[str(arg) for arg in args]])


def load_one(path: Path):
    (log,) = load_paths([path]).runs
    return log


def figure_of(path: Path, **options):
    log = load_one(path)
    plot_options = png.PlotOptions(**options)
    report = diagnose_run(log)
    plot = png.prepare_run(log, plot_options)
    return png.run_figure(plot, report, plot_options, log), plot, report


def lines(figure, gid: str):
    return [line for axes in figure.axes for line in axes.get_lines() if line.get_gid() == gid]


def one_line(figure, gid: str):
    found = lines(figure, gid)
    assert len(found) == 1, [line.get_gid() for a in figure.axes for line in a.get_lines()]
    return found[0]


def axes_of(figure, gid: str):
    (axes,) = [axes for axes in figure.axes if axes.get_gid() == gid]
    return axes


# --- the library -------------------------------------------------------------------------------


def test_decimate_keeps_a_one_point_spike_and_bounds_the_size() -> None:
    x = np.arange(100_000, dtype=float)
    y = np.sin(x / 5000)
    y[54_321] = 50.0
    y[77_777] = -50.0
    xd, yd = png.decimate_minmax(x, y, 1000)
    assert len(xd) <= 2 * 1000 + 2
    assert 50.0 in yd and -50.0 in yd
    assert xd[0] == 0 and xd[-1] == x[-1]
    assert np.all(np.diff(xd) > 0)  # original order


def test_decimate_keeps_non_finite_points_and_short_lines_unchanged() -> None:
    x = np.arange(10_000, dtype=float)
    y = np.ones_like(x)
    y[[10, 500, 9000]] = [np.nan, np.inf, -np.inf]
    xd, yd = png.decimate_minmax(x, y, 100)
    assert {10.0, 500.0, 9000.0} <= set(xd.tolist())
    short = np.array([1.0, 3.0, 2.0])
    assert png.decimate_minmax(short, short, 5)[1].tolist() == [1.0, 3.0, 2.0]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=3000), st.integers(1, 200))
def test_decimate_preserves_every_bucket_extreme(values, buckets) -> None:
    y = np.array(values)
    x = np.arange(len(y), dtype=float)
    xd, yd = png.decimate_minmax(x, y, buckets)
    assert len(xd) <= max(len(y), 2 * buckets + 2)
    assert yd.max() == y.max() and yd.min() == y.min()
    assert set(xd.tolist()) <= set(x.tolist())


def _decimate_by_sorting(x, y, buckets):
    """decimate_minmax's selection as a stable sort by (bucket, value) per finite point."""
    n = len(x)
    if n <= 2 * buckets + 2:
        return x, y
    lo, hi = x.min(), x.max()
    ids = np.clip(((x - lo) / (hi - lo) * buckets).astype(np.int64), 0, buckets - 1)
    keep = ~np.isfinite(y)
    keep[0] = keep[-1] = True
    rows = np.flatnonzero(np.isfinite(y))
    order = rows[np.lexsort((y[rows], ids[rows]))]
    bucket = ids[order]
    starts = np.flatnonzero(np.r_[True, bucket[1:] != bucket[:-1]])
    keep[order[starts]] = True
    keep[order[np.r_[starts[1:] - 1, len(order) - 1]]] = True
    return x[keep], y[keep]


@pytest.mark.parametrize("seed", range(8))
def test_decimate_in_x_order_keeps_what_sorting_keeps(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 30_000
    x = np.sort(rng.integers(0, 2 * n, n)).astype(float)  # repeated x too
    y = np.round(rng.normal(size=n), 1)  # many ties: the first lowest, the last highest
    y[rng.random(n) < 0.01] = [np.nan, np.inf, -np.inf][seed % 3]
    if seed % 2:
        x = x[::-1].copy()  # x out of order: the sorting path itself
    got = png.decimate_minmax(x, y, 500)
    want = _decimate_by_sorting(x, y, 500)
    assert np.array_equal(got[0], want[0])
    assert np.array_equal(got[1], want[1], equal_nan=True)


def test_scale_from_pairs_is_the_same_in_any_order() -> None:
    rng = np.random.default_rng(1)
    steps = np.sort(rng.integers(0, 500, 4000)).astype(float)
    values = steps / 100.0 + rng.normal(0.0, 0.3, len(steps))
    values[::97] = np.nan
    in_order = png.Scale.from_pairs("epoch", "epoch", steps, values)
    shuffled = rng.permutation(len(steps))
    any_order = png.Scale.from_pairs("epoch", "epoch", steps[shuffled], values[shuffled])
    assert np.array_equal(in_order.steps, any_order.steps)
    assert np.array_equal(in_order.values, any_order.values)
    assert np.all(np.diff(in_order.steps) > 0) and np.all(np.diff(in_order.values) >= 0)


def test_y_extent_is_tensorboards_percentile_range() -> None:
    values = np.r_[np.arange(100.0), [1e9]]  # 101 points with one outlier
    low, high = png.y_extent(values)
    ys = np.sort(values)
    assert (low, high) == (ys[math.ceil(100 * 0.05)], ys[math.floor(100 * 0.95)])
    assert png.y_extent(values, clip=False) == (0.0, 1e9)
    sparse = [5.0, 1.0, 9.0]  # every point an evaluation: all shown
    assert png.y_extent(sparse) == (1.0, 9.0)
    assert png.y_extent([np.nan, -1.0, 2.0], log=True) == (2.0, 2.0)


def test_file_names_are_safe_and_unique() -> None:
    assert png.safe_name("lightning_logs/version_0") == "lightning_logs__version_0"
    assert png.safe_name("../a\\b:c d") == "a__b_c_d"
    assert png.safe_name(".hidden") == "hidden"
    assert png.safe_name("") == "run"
    long = png.safe_name("x" * 500)
    assert len(long) <= 120 and long != png.safe_name("x" * 499)
    assert png.unique_names(["a", "A", "a", "b"]) == ["a", "A-2", "a-3", "b"]


def test_overfitting_run_draws_curves_best_onset_and_early_stop() -> None:
    figure, plot, report = figure_of(OVERFIT)
    assert report.verdict == "overfitting"
    loss = axes_of(figure, "panel:loss:loss")
    val = one_line(figure, "line:val/loss")  # 10 evaluations: drawn raw, with markers
    assert val.get_xdata().tolist() == list(range(100, 1001, 100))
    assert val.get_ydata()[4] == 0.85 and val.get_marker() == "o"
    best = one_line(figure, "best")
    assert (best.get_xdata()[0], best.get_ydata()[0]) == (500, 0.85)
    onset = one_line(figure, "overfitting-onset")
    assert onset.get_xdata()[0] == 500
    region = [p for p in loss.patches if p.get_gid() == "overfitting-region"]
    assert region and region[0].get_x() == 500
    assert one_line(figure, "early-stop").get_xdata()[0] == report.early_stop.stop_step == 800
    assert "overfitting" in figure.get_suptitle()
    low, high = loss.get_ylim()
    assert low < 0.08 and high > 2.2  # every evaluation in view


def test_spike_and_non_finite_points_are_marked() -> None:
    figure, _, report = figure_of(SPIKE_RUN)
    spikes = [f.step for f in report.findings if f.code == "loss_spike"]
    assert 260 in spikes
    marker = one_line(figure, "spike:train/loss:260")
    assert marker.get_xdata()[0] == 260
    low, high = marker.axes.get_ylim()
    assert low <= marker.get_ydata()[0] <= high  # a spike is never clipped away

    figure, plot, _ = figure_of(NAN_RUN)
    train = plot.curves["train/loss"]
    bad = train.steps[~np.isfinite(train.values)]
    marked = [line for line in figure.axes[0].get_lines()
              if (line.get_gid() or "").startswith("nonfinite:train/loss")]
    assert sorted(x for line in marked for x in line.get_xdata()) == sorted(bad.tolist())
    assert all(not line.get_clip_on() for line in marked)  # drawn at the edge, visible
    assert all(y in (0.0, 1.0) for line in marked for y in line.get_ydata())


def test_explicit_smoothing_draws_exactly_what_export_writes(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    history = [{"loss": float(2 * math.exp(-step / 300) + rng.normal(0, 0.05)), "step": step,
                "epoch": step / 100} for step in range(1, 301)]
    write_trainer_state(tmp_path / "run" / "trainer_state.json", history)
    log = load_one(tmp_path / "run")
    options = png.PlotOptions(smooth=0.9)
    plot = png.prepare_run(log, options)
    figure = png.run_figure(plot, diagnose_run(log), options, log)
    exported = smooth_frame(log.frame, 0.9)[log.frame["tag"].astype(str) == "loss"]
    assert np.array_equal(one_line(figure, "line:train/loss").get_ydata(), exported)
    raw = one_line(figure, "raw:train/loss")
    assert np.array_equal(raw.get_ydata(), log.frame["value"][log.frame["tag"] == "loss"])


@pytest.mark.parametrize("tags", [("loss",), ("train_loss", "loss")])
def test_smoothing_of_a_resumed_run_is_what_export_writes(tmp_path: Path, tags) -> None:
    # A run resumed from step 150 (the later write wins), its loss under one tag or two.
    rng = np.random.default_rng(3)
    steps = list(range(1, 201)) + list(range(150, 301))
    rows = []
    for index, step in enumerate(steps):
        value = float(2 * math.exp(-step / 300) + rng.normal(0, 0.05))
        rows.append([step, step / 100] + [value if index % len(tags) == column else ""
                                          for column in range(len(tags))])
    write_csv(tmp_path / "run" / "metrics.csv", ["step", "epoch", *tags], rows)
    log = load_one(tmp_path / "run")
    plot = png.prepare_run(log, png.PlotOptions(smooth=0.8))
    curve = plot.curves["train/loss"]
    exported = log.frame.assign(smoothed=smooth_frame(log.frame, 0.8))
    exported = exported[exported["metric"] == "loss"]
    # The drawn line: export's numbers at the points that survive the rewind, in step order.
    survivors = exported.drop_duplicates("step", keep="last").sort_values("step", kind="stable")
    assert np.array_equal(curve.steps, survivors["step"].to_numpy())
    assert np.array_equal(curve.smoothed, survivors["smoothed"].to_numpy())
    assert curve.steps[-1] == 300 and len(curve.steps) == 300


def test_default_smoothing_is_chosen_per_series_and_printed() -> None:
    assert png.auto_weight(10) == 0.0  # sparse: raw
    assert png.auto_weight(100) == 0.6  # TensorBoard's default
    assert png.auto_weight(1000) == 0.9
    assert png.auto_weight(10**6) == 0.99
    figure, plot, _ = figure_of(HF_RUN)
    assert plot.curves["val/loss"].smoothed is None  # 3 evaluations
    assert plot.smoothing == "" and "EMA" not in figure.axes[0].get_title()
    figure, plot, _ = figure_of(SPIKE_RUN)
    weight = plot.curves["train/loss"].weight
    assert weight == png.auto_weight(len(plot.curves["train/loss"].values)) > 0
    assert f"EMA {weight:g}" in figure.axes[0].get_title()


def test_long_series_are_decimated_with_their_spike(tmp_path: Path) -> None:
    steps = np.arange(1, 20_001)
    values = 1.0 + 0.01 * np.sin(steps)
    values[12_345] = 40.0
    write_scalars(tmp_path / "tb", [("train/loss", int(s), float(v)) for s, v in
                                    zip(steps, values)])
    figure, _, _ = figure_of(tmp_path / "tb", smooth=0.0)
    line = one_line(figure, "line:train/loss")
    assert len(line.get_xdata()) <= png.MAX_LINE_POINTS + 2
    assert 40.0 in line.get_ydata()


def test_epochs_under_steps_and_examples_on_top() -> None:
    figure, plot, _ = figure_of(HF_RUN)
    children = {child.get_gid() for axes in figure.axes for child in axes.child_axes}
    assert {"secondary:epoch", "secondary:examples"} <= children
    assert [axes.get_xlabel() for axes in figure.axes if axes.get_xlabel()] == ["step"]
    epoch = plot.scales["epoch"]
    entry_steps = plot.curves["train/loss"].steps
    log = load_one(HF_RUN)
    rows = log.frame[log.frame["tag"] == "loss"]
    assert np.allclose(epoch(entry_steps), rows["epoch"].to_numpy(), atol=1e-6)


def test_x_axis_choices(tmp_path: Path) -> None:
    figure, plot, _ = figure_of(HF_RUN, x="epoch")
    log = load_one(HF_RUN)
    rows = log.frame[log.frame["tag"] == "eval_loss"]
    assert np.allclose(one_line(figure, "line:val/loss").get_xdata(), rows["epoch"].to_numpy())
    _, plot, _ = figure_of(HF_RUN, x="examples", batch_size=16)
    assert np.allclose(plot.curves["val/loss"].x, plot.curves["val/loss"].steps * 16)
    _, plot, _ = figure_of(OVERFIT, x="time")  # no wall times: steps, with a warning
    assert plot.x.name == "step" and "time" in plot.warnings[0]
    figure, plot, _ = figure_of(KERAS_RUN)  # epoch-indexed: the step axis says epoch
    assert plot.x.label == "epoch" and plot.step_word == "epoch"
    children = {child.get_gid() for axes in figure.axes for child in axes.child_axes}
    assert "secondary:epoch" not in children


def test_tokens_seen_axis_from_the_logged_counter(tmp_path: Path) -> None:
    history = [{"loss": 2.0 - step / 100, "step": step, "epoch": step / 50,
                "num_input_tokens_seen": step * 4096} for step in range(1, 101)]
    write_trainer_state(tmp_path / "lm" / "trainer_state.json", history)
    figure, plot, _ = figure_of(tmp_path / "lm", x="tokens")
    assert np.allclose(plot.curves["train/loss"].x, plot.curves["train/loss"].steps * 4096)
    assert [axes.get_xlabel() for axes in figure.axes if axes.get_xlabel()] == ["tokens seen"]
    figure, _, _ = figure_of(tmp_path / "lm")
    children = {child.get_gid() for axes in figure.axes for child in axes.child_axes}
    assert {"secondary:tokens", "secondary:epoch"} <= children
    assert not any("tokens" in (axes.get_gid() or "") for axes in figure.axes)  # no panel


def test_log_y_and_no_clip() -> None:
    figure, _, _ = figure_of(SPIKE_RUN, log_y=True)
    assert axes_of(figure, "panel:loss:loss").get_yscale() == "log"
    figure, plot, _ = figure_of(SPIKE_RUN, clip=False)
    low, high = axes_of(figure, "panel:loss:loss").get_ylim()
    values = np.concatenate([c.values for c in plot.curves.values() if "loss" in c.metric])
    values = values[np.isfinite(values)]
    assert low <= values.min() and high >= values.max()


def test_metric_panels_and_metric_selection() -> None:
    figure, _, _ = figure_of(HF_RUN)
    gids = [axes.get_gid() for axes in figure.axes]
    assert gids[0] == "panel:loss:loss" and "panel:schedule:lr / grad_norm" in gids
    figure, _, _ = figure_of(LABELLED / "generated" / "overfitting-cancer-hf")
    assert any(g.startswith("panel:metric:accuracy") for g in
               [axes.get_gid() or "" for axes in figure.axes])
    log = load_one(LABELLED / "generated" / "overfitting-cancer-hf")
    options = png.PlotOptions(metrics=("val/accuracy",))
    plot = png.prepare_run(log, options)
    figure = png.run_figure(plot, diagnose_run(log, metric="val/accuracy"), options, log)
    assert [a.get_gid() for a in figure.axes if (a.get_gid() or "").startswith("panel:")][0] \
        == "panel:metric:accuracy"
    assert one_line(figure, "best")  # judged on val/accuracy, marked there


def test_group_aggregation_and_regex() -> None:
    assert png.group_runs(["s/lr1/seed0", "s/lr1/seed1", "s/lr2/seed0"]) == {
        "s/lr1": ["s/lr1/seed0", "s/lr1/seed1"], "s/lr2": ["s/lr2/seed0"]}
    assert png.group_runs(["a_seed1", "a_seed2", "b_seed1"], r"_seed\d+") == {
        "a": ["a_seed1", "a_seed2"], "b": ["b_seed1"]}
    assert png.group_runs(["lr0.1-s1", "lr0.1-s2"], r"lr([\d.]+)") == {"0.1": ["lr0.1-s1",
                                                                            "lr0.1-s2"]}
    x = np.array([0.0, 1.0, 2.0])
    curves = [png.Curve.of("a", "loss", x, y) for y in
              (np.array([1.0, 2.0, 3.0]), np.array([3.0, 4.0, 5.0]))]
    grid, mean, low, high = png.aggregate(curves, "minmax")
    assert mean.tolist() == [2.0, 3.0, 4.0] and low.tolist() == [1.0, 2.0, 3.0]
    _, _, low, high = png.aggregate(curves, "std")
    assert np.allclose(high - low, 2.0)


def test_save_is_deterministic_for_every_format(tmp_path: Path) -> None:
    for file_format in png.FORMATS:
        outputs = []
        for attempt in range(2):
            figure, _, _ = figure_of(OVERFIT)
            path = png.save_figure(figure, tmp_path / f"{attempt}.{file_format}", file_format)
            outputs.append(path.read_bytes())
        assert outputs[0] == outputs[1], file_format
        assert len(outputs[0]) > 10_000
    assert (tmp_path / "0.png").read_bytes().startswith(PNG_MAGIC)
    assert (tmp_path / "0.pdf").read_bytes().startswith(b"%PDF")
    assert b"<svg" in (tmp_path / "0.svg").read_bytes()[:500]
    assert not list(tmp_path.glob(".*.tmp"))


# --- the command -------------------------------------------------------------------------------


def test_plot_writes_one_png_per_run_and_prints_the_paths(tmp_path: Path) -> None:
    out = tmp_path / "plots"
    result = invoke(OVERFIT, HF_RUN, "--out", out)
    assert result.exit_code == 0, result.output
    written = result.stdout.split()
    runs = [log.run for log in load_paths([OVERFIT, HF_RUN]).runs]
    assert [Path(p).name for p in written] == [f"{png.safe_name(run)}.png" for run in runs]
    assert all(Path(p).parent == out for p in written)
    for path in written:
        data = Path(path).read_bytes()
        assert data.startswith(PNG_MAGIC) and len(data) > 20_000
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert width == png.FIG_WIDTH * png.DPI and 400 < height < 3000


def test_plot_slashes_in_run_names_and_default_out(tmp_path: Path, monkeypatch) -> None:
    logs = tmp_path / "logs" / "lightning_logs" / "version_0"
    write_csv(logs / "metrics.csv", ["epoch", "step", "train_loss", "val_loss"],
              [[e, e * 10 + 9, 1.0 / (e + 1), 1.2 / (e + 1)] for e in range(12)])
    monkeypatch.chdir(tmp_path)
    result = invoke(tmp_path / "logs")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(Path("curvecli-plots") / "lightning_logs__version_0.png")
    assert (tmp_path / "curvecli-plots" / "lightning_logs__version_0.png").exists()
    assert not list(logs.glob("*.png"))


def test_plot_refuses_to_write_into_a_log_folder(tmp_path: Path) -> None:
    write_trainer_state(tmp_path / "run" / "trainer_state.json",
                        [{"loss": 1.0 / step, "step": step} for step in range(1, 20)])
    result = invoke(tmp_path / "run", "--out", tmp_path / "run")
    assert result.exit_code == 2
    assert "log folder" in result.stderr and not list((tmp_path / "run").rglob("*.png"))


@pytest.mark.parametrize("args, message", [
    (["--smooth", "1.5"], "--smooth"),
    (["--x", "wall"], "--x"),
    (["--format", "jpg"], "--format"),
    (["--band", "iqr"], "--band"),
    (["--group", "("], "--group"),
    (["--metric", "val/bleu"], "val/bleu"),
])
def test_plot_bad_usage_exits_2_with_one_line(tmp_path: Path, args, message) -> None:
    result = invoke(OVERFIT, "--out", tmp_path, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.output


def test_overlay_and_seed_groups(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    for config, floor in (("lr1", 0.2), ("lr2", 0.5)):
        for seed in range(3):
            history = [{"eval_loss": floor + 1 / step + rng.normal(0, 0.01), "step": step}
                       for step in range(1, 40)]
            write_trainer_state(tmp_path / "sweep" / config / f"seed{seed}" /
                                "trainer_state.json", history)
    result = invoke(tmp_path / "sweep", "--overlay", "--out", tmp_path / "o")
    assert result.exit_code == 0, result.output
    assert Path(result.stdout.strip()).name == "overlay-val_loss.png"
    items = []
    for log in load_paths([tmp_path / "sweep"]).runs:
        plot = png.prepare_run(log)
        items.append((plot, plot.curves["val/loss"], diagnose_run(log)))
    figure = png.overlay_figure(items, "val/loss")
    assert len([line for line in figure.axes[0].get_lines()
                if (line.get_gid() or "").startswith("line:")]) == 6
    assert len([line for line in figure.axes[0].get_lines()
                if (line.get_gid() or "").startswith("best:")]) == 6

    result = invoke(tmp_path / "sweep", "--seeds", "--band", "std", "--out", tmp_path / "g")
    assert result.exit_code == 0, result.output
    assert Path(result.stdout.strip()).name == "groups-val_loss.png"
    groups = {key: [item[1] for item in items if item[0].run.startswith(key)]
              for key in ("lr1", "lr2")}
    figure = png.group_figure(groups, "val/loss", "step")
    bands = [c.get_gid() for c in figure.axes[0].collections]
    assert bands == ["band:lr1", "band:lr2"]
    means = {line.get_gid(): line for line in figure.axes[0].get_lines()}
    assert set(means) == {"mean:lr1", "mean:lr2"}
    assert means["mean:lr1"].get_ydata()[-1] < means["mean:lr2"].get_ydata()[-1]


def test_terminal_view_draws_braille_and_the_verdict(tmp_path: Path) -> None:
    result = invoke(OVERFIT, "--terminal", "--out", tmp_path / "none")
    assert result.exit_code == 0, result.output
    assert "overfitting" in result.stdout and "★" in result.stdout
    assert any(0x2800 < ord(char) <= 0x28FF for char in result.stdout)
    assert "overfitting from step 500" in result.stdout
    assert not (tmp_path / "none").exists()


def test_val_logged_by_epoch_is_drawn_at_its_epochs_ends_on_the_train_axis(
        tmp_path: Path) -> None:
    # add_scalar("Loss/train", loss, global_step) every 10 steps, add_scalar("Loss/val", v,
    # epoch) once per 100-step epoch: drawn as logged, val would sit squeezed at x = 0..29.
    points = [("Loss/train", step, 1.2 * math.exp(-step / 600) + 0.02)
              for step in range(0, 3000, 10)]
    points += [("Loss/val", epoch, 0.5 + math.exp(-epoch / 3)) for epoch in range(30)]
    write_scalars(tmp_path, points)
    plot = png.prepare_run(load_one(tmp_path))
    val = plot.curves["val/loss"]
    assert val.x[0] == 99 and val.x[-1] == 2999
    assert any("by epoch (0-29)" in warning for warning in plot.warnings)


def test_a_smoothed_plot_of_a_log_restating_a_point_draws_the_series_diagnose_reads(
        tmp_path: Path) -> None:
    # A public console log resumed from epoch 20 (tests/data/public, SOURCE.txt) whose
    # "checkpoint loaded (epoch=20, val_loss=1.0521)" lines restate a val point: diagnose reads
    # val epochs 1-30, and the smoothed plot must index the same points (it once kept the
    # restatement as a rewind and failed with an IndexError).
    run = DATA / "public" / "text-skinlesion-vgg16-akash05"
    result = invoke(run, "--smooth", "0.9", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    (figure,) = tmp_path.glob("*.png")
    assert figure.read_bytes().startswith(PNG_MAGIC)


def test_a_score_without_a_named_direction_is_drawn_the_way_it_is_judged() -> None:
    # A public relation extractor (SOURCE.txt) logs its val precision as `p`, rising 0.30 ->
    # 0.84 while the train loss falls: diagnose reads it as higher-is-better, and so does the
    # figure (its best region, its best marker).
    _, plot, report = figure_of(DATA / "public" / "tb-relex-seq2seq-mgeromel")
    assert report.monitored == "val/p"
    assert not plot.curves["val/p"].lower_is_better
    assert plot.curves["train/loss"].lower_is_better
