"""`plot` and `compare --plot` defects of issue #12, each reproduced on logs written by the real
writers (TensorBoard's EventFileWriter, HF's trainer_state layout, CSV) or the copied real logs.

Figures are checked after drawing: where their text and legends end up (window extents
against the figure's), what is drawn (artists by gid), never pixels.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from pathlib import Path

import numpy as np
import pytest
from conftest import DATA
from tensorboard.compat.proto import event_pb2, summary_pb2
from tensorboard.summary.writer.event_file_writer import EventFileWriter
from typer.testing import CliRunner
from writers import write_trainer_state

import curvecli.cli.compare  # noqa: F401  (registers the command)
import curvecli.cli.plot  # noqa: F401
from curvecli.analysis import axes as axes_module
from curvecli.analysis import compare as compare_module
from curvecli.analysis.compare import Group, compare
from curvecli.analysis.diagnose import diagnose_run
from curvecli.cli import app
from curvecli.errors import UsageError
from curvecli.reading import load_paths
from curvecli.render import compare as compare_render
from curvecli.render import plot_files, png

runner = CliRunner()
OVERFIT = DATA / "labelled" / "seed" / "overfit.csv"  # train and val loss, overfitting at 500
SEEDS = DATA / "compare" / "seeds"
RUNS_TABLE = DATA / "wandb" / "wandb-runs-table-text-aug-kingb12" / "wandb_export.csv"
TOLERANCE = 1.0  # pixels


def invoke(*args, env=None):
    return runner.invoke(app, [str(arg) for arg in args], env=env)


def load(path: Path):
    return load_paths([path]).runs


def renderer_of(figure):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(figure.canvas, FigureCanvasAgg):
        FigureCanvasAgg(figure)
    figure.canvas.draw()
    return figure.canvas.get_renderer()


def assert_inside(figure, artist, renderer) -> None:
    box, frame = artist.get_window_extent(renderer), figure.bbox
    assert box.x0 >= frame.x0 - TOLERANCE and box.x1 <= frame.x1 + TOLERANCE, \
        (artist, box.bounds, frame.bounds)
    assert box.y0 >= frame.y0 - TOLERANCE and box.y1 <= frame.y1 + TOLERANCE, \
        (artist, box.bounds, frame.bounds)


def legends(figure) -> list:
    found = list(figure.legends)
    for axes in figure.axes:
        if axes.get_legend() is not None:
            found.append(axes.get_legend())
    return found


def overlapping(first, second) -> bool:
    return first.x0 < second.x1 and second.x0 < first.x1 and \
        first.y0 < second.y1 and second.y0 < first.y1


def long_name(index: int) -> str:
    return (f"r{index:02d}-" + "lr3e-4_warmup500_cosine_bs64_seed" * 3)[:60]


def write_sweep(root: Path, count: int) -> Path:
    for index in range(count):
        history = [{"eval_loss": 0.2 + 0.05 * index + 1.0 / step, "loss": 1.0 / step,
                    "step": step * 10} for step in range(1, 30)]
        write_trainer_state(root / long_name(index) / "trainer_state.json", history)
    return root


# --- 1. legends fit the figure ------------------------------------------------------------------


@pytest.mark.parametrize("count", [4, 8, 13])
def test_overlay_legend_with_60_character_run_names_fits_the_figure(tmp_path: Path,
                                                                     count: int) -> None:
    items = []
    for log in load(write_sweep(tmp_path / "sweep", count)):
        plot = png.prepare_run(log)
        items.append((plot, plot.curves["val/loss"], diagnose_run(log)))
    figure = png.overlay_figure(items, "val/loss")
    renderer = renderer_of(figure)
    (legend,) = legends(figure)
    assert len(legend.get_texts()) == count
    assert_inside(figure, legend, renderer)


def test_group_and_run_legends_with_long_names_fit_the_figure(tmp_path: Path) -> None:
    root = write_sweep(tmp_path / "sweep", 13)
    curves = {long_name(index) + "-config": [png.prepare_run(log).curves["val/loss"]]
              for index, log in enumerate(load(root))}
    figure = png.group_figure(curves, "val/loss", "step")
    renderer = renderer_of(figure)
    for legend in legends(figure):
        assert_inside(figure, legend, renderer)
    # A run with more loss curves than fit inside the panel: the legend goes beside it.
    history = [{f"eval_{'validation_set_of_a_long_name_' * 2}{index}_loss": 1.0 / step + index,
                "step": step} for step in range(1, 30) for index in range(8)]
    write_trainer_state(tmp_path / "many" / "trainer_state.json", history)
    (log,) = load(tmp_path / "many")
    figure = png.run_figure(png.prepare_run(log), diagnose_run(log), png.PlotOptions(), log)
    renderer = renderer_of(figure)
    assert legends(figure)
    for legend in legends(figure):
        assert_inside(figure, legend, renderer)


# --- 2. compare --plot: the title clear of the panels, seed groups as bands -------------------


def test_compare_plot_title_is_clear_of_the_panels_and_seed_groups_have_bands() -> None:
    long_label = "sweep/" + "lr-1e-5_warmup-1000_cosine-decay_" * 3 + "seed-4"
    comparison = compare(Group("baseline", load(SEEDS / "baseline")),
                         [Group("low-lr", load(SEEDS / "low-lr")),
                          Group(long_label, load(SEEDS / "rerun" / "seed-4"))])
    figure = compare_render.comparison_figure(comparison)
    renderer = renderer_of(figure)
    title = figure._suptitle.get_window_extent(renderer)
    for axes in figure.axes:
        assert not overlapping(title, axes.title.get_window_extent(renderer))
        assert not overlapping(title, axes.get_window_extent(renderer))
        assert_inside(figure, axes.get_legend(), renderer)
        assert_inside(figure, axes.xaxis.label, renderer)  # the notes under the panel
    first = figure.axes[0]
    bands = {c.get_gid(): c for c in first.collections if (c.get_gid() or "").startswith("band:")}
    assert set(bands) == {"band:baseline", "band:low-lr"}  # a group of one run has no band
    item = comparison.candidates[0].series[0]
    low, high = item.baseline_band
    runs = np.vstack([np.interp(item.grid, *curve) for curve in _run_curves(SEEDS / "baseline",
                                                                            item.series)])
    assert np.allclose(low, runs.min(axis=0)) and np.allclose(high, runs.max(axis=0))
    assert np.allclose(item.baseline_curve, runs.mean(axis=0))
    assert comparison.candidates[1].series[0].candidate_band is None


def _run_curves(path: Path, name: str):
    for log in load(path):
        series = png.prepare_run(log).series[name]
        yield series.steps.astype(float), series.values


# --- 3. --x time --------------------------------------------------------------------------------


def write_timed_scalars(logdir: Path, points: list[tuple[str, int, float, float]]) -> None:
    """(tag, step, value, wall_time) scalars with TensorBoard's own writer."""
    logdir.mkdir(parents=True, exist_ok=True)
    writer = EventFileWriter(str(logdir))
    for tag, step, value, wall_time in points:
        summary = summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag=tag,
                                                                       simple_value=value)])
        writer.add_event(event_pb2.Event(wall_time=wall_time, step=step, summary=summary))
    writer.close()


def write_paused_run(logdir: Path) -> None:
    """300 steps at 6 s each, paused for 15 hours after step 20 (a resumed job)."""
    start, points = 1_700_000_000.0, []
    for step in range(1, 301):
        wall = start + 6.0 * step + (15 * 3600.0 if step > 20 else 0.0)
        points.append(("train/loss", step, 2.0 * math.exp(-step / 100) + 0.1, wall))
        points.append(("train/epoch", step, step / 60.0, wall))
        if step % 20 == 0:
            points.append(("eval/loss", step, 2.0 * math.exp(-step / 100) + 0.2, wall + 1.0))
    write_timed_scalars(logdir, points)


def test_time_axis_reads_in_round_hours_and_its_second_axis_does_not_collide(
        tmp_path: Path) -> None:
    write_paused_run(tmp_path / "tb")
    (log,) = load(tmp_path / "tb")
    options = png.PlotOptions(x="time")
    plot = png.prepare_run(log, options)
    figure = png.run_figure(plot, diagnose_run(log), options, log)
    renderer = renderer_of(figure)
    bottom = figure.axes[-1] if figure.axes[-1].get_gid() else \
        [a for a in figure.axes if (a.get_gid() or "").startswith("panel:")][-1]
    (secondary,) = [child for axes in figure.axes for child in axes.child_axes
                    if child.get_gid() == "secondary:step"]
    labels = [label for label in secondary.xaxis.get_ticklabels() if label.get_text()]
    boxes = [label.get_window_extent(renderer) for label in labels]
    assert len(boxes) >= 2
    for first, second in zip(boxes, boxes[1:]):
        assert first.x1 <= second.x0, [label.get_text() for label in labels]
    # The second axis sits below the first one's tick labels and label.
    primary = [label.get_window_extent(renderer) for label in bottom.xaxis.get_ticklabels()
               if label.get_text()] + [bottom.xaxis.label.get_window_extent(renderer)]
    for box in boxes + [secondary.xaxis.label.get_window_extent(renderer)]:
        assert not any(overlapping(box, other) for other in primary)
    # Every secondary tick is where that step is drawn.
    values = [float(label.get_text().replace(",", "")) for label in labels]
    positions = [bottom.transData.inverted().transform((box.x0 + box.width / 2, 0))[0]
                 for box in boxes]
    assert np.allclose(plot.to_x(values), positions, atol=0.02 * (bottom.get_xlim()[1]))
    # The time axis says what it measures, in round hours.
    assert bottom.get_xlabel() == "elapsed time (h)"
    ticks = [t for t in bottom.get_xticks() if bottom.get_xlim()[0] <= t <= bottom.get_xlim()[1]]
    assert ticks and all(float(t).is_integer() for t in ticks)  # whole hours


# --- 4. long subtitles --------------------------------------------------------------------------


def test_long_title_and_subtitle_stay_inside_the_figure(tmp_path: Path) -> None:
    metric = "eval_" + "held_out_validation_split_of_the_benchmark_" * 2 + "loss"
    history = []
    for step in range(10, 310, 10):
        history.append({"loss": 2.0 / math.sqrt(step), "step": step, "epoch": step / 100})
        history.append({metric: 1.0 + abs(step - 150) / 150, "step": step, "epoch": step / 100})
    name = "sweep_" + "learning-rate-3e-4_batch-64_warmup-500_" * 3 + "seed-1"
    write_trainer_state(tmp_path / name / "trainer_state.json", history)
    (log,) = load(tmp_path / name)
    report = diagnose_run(log)
    assert report.early_stop.stop_step is not None  # a details line of four long parts
    figure = png.run_figure(png.prepare_run(log), report, png.PlotOptions(), log)
    renderer = renderer_of(figure)
    assert_inside(figure, figure._suptitle, renderer)
    subtitle = figure.axes[0].title
    assert "\n" in subtitle.get_text()  # wrapped, not cut
    assert_inside(figure, subtitle, renderer)
    assert not overlapping(subtitle.get_window_extent(renderer),
                           figure._suptitle.get_window_extent(renderer))


# --- 5. one value per series --------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["one_eval", "runs_table"])
def test_summary_only_run_says_insufficient_data_and_draws_no_curve(tmp_path: Path,
                                                                     kind: str) -> None:
    if kind == "one_eval":
        write_trainer_state(tmp_path / "run" / "trainer_state.json",
                            [{"eval_loss": 0.61, "eval_accuracy": 0.82, "step": 500,
                              "epoch": 1.0}])
        (log,) = load(tmp_path / "run")
    else:
        log = load(RUNS_TABLE)[0]
    report = diagnose_run(log)
    assert report.verdict == "insufficient_data"
    figure = png.run_figure(png.prepare_run(log), report, png.PlotOptions(), log)
    texts = [figure._suptitle.get_text()] + [t.get_text() for a in figure.axes for t in a.texts]
    texts += [a.get_title() for a in figure.axes]
    assert "insufficient data" in figure._suptitle.get_text()
    assert not any("healthy" in text for text in texts)
    assert not [line for a in figure.axes for line in a.get_lines()]  # no curve, no dot
    values = {t.get_gid(): t for a in figure.axes for t in a.texts if t.get_gid()}
    if kind == "one_eval":
        assert {"summary:val/loss", "summary:val/accuracy"} <= set(values)
    renderer = renderer_of(figure)
    for text in values.values():
        assert_inside(figure, text, renderer)

    result = invoke("plot", tmp_path / "run" if kind == "one_eval" else RUNS_TABLE,
                    "--terminal")
    assert result.exit_code == 0, result.output
    assert "insufficient data" in result.stdout and "healthy" not in result.stdout
    assert not any(0x2800 < ord(char) <= 0x28FF for char in result.stdout)  # no chart
    if kind == "one_eval":
        assert "val/loss: 0.61 at step 500" in result.stdout


# --- 6. the terminal without colour -------------------------------------------------------------


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {}])
def test_terminal_without_colour_tells_train_from_val(tmp_path: Path, env) -> None:
    result = invoke("plot", OVERFIT, "--terminal", env=env)  # not a TTY: no colour either
    assert result.exit_code == 0, result.output
    legend = [line for line in result.stdout.splitlines() if "train/loss" in line][0]
    assert "━ train/loss" in legend and "○ val/loss" in legend
    chart = result.stdout.split("loss:")[0]
    assert "○" in chart and any(0x2800 < ord(char) <= 0x28FF for char in chart)


# --- 7. figures drawn in parallel ---------------------------------------------------------------


def test_parallel_plot_writes_the_same_bytes_in_the_same_order(tmp_path: Path) -> None:
    root = write_sweep(tmp_path / "sweep", 6)
    write_trainer_state(root / "empty-ish" / "trainer_state.json",
                        [{"eval_loss": 0.5, "step": 1}])
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = invoke("plot", root, "--out", out, "-j", jobs)
        assert result.exit_code == 0, result.output
        outputs.append(([Path(line).name for line in result.stdout.split()], result.stderr,
                        {path.name: path.read_bytes() for path in out.iterdir()}))
    assert outputs[0][0] == outputs[1][0] and len(outputs[0][0]) == 7
    assert outputs[0][1] == outputs[1][1]
    assert outputs[0][2] == outputs[1][2]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                    reason="figures are drawn in forked processes")
def test_write_figures_in_processes_keeps_order_errors_and_warnings(tmp_path: Path) -> None:
    (log,) = load(OVERFIT)
    plot, report = png.prepare_run(log), diagnose_run(log)

    def draw(index, notes):
        def run():
            notes.append(f"figure {index} drawn by {os.getpid()}")
            if index == 2:
                raise UsageError("nothing to draw")
            return png.run_figure(plot, report, png.PlotOptions(), log)
        return run

    jobs = []
    for index in range(5):
        notes: list[str] = []
        jobs.append(plot_files.FigureJob(str(index), draw(index, notes),
                                         tmp_path / f"{index}.png", notes))
    results = list(plot_files.write_figures(jobs, "png", 2))
    assert [r.path.name if r.path else None for r in results] == \
        ["0.png", "1.png", None, "3.png", "4.png"]
    assert str(results[2].error) == "nothing to draw"
    assert all(len(job.warnings) == 1 for job in jobs)
    assert any(str(os.getpid()) not in job.warnings[0] for job in jobs)  # drawn elsewhere
    serial = png.save_figure(png.run_figure(plot, report, png.PlotOptions(), log),
                             tmp_path / "serial.png")
    assert serial.read_bytes() == (tmp_path / "0.png").read_bytes()


# --- one home: token counters, one grid ---------------------------------------------------------


def test_plot_and_compare_know_the_same_token_counters(tmp_path: Path) -> None:
    for name, per_step in (("base", 1000), ("cand", 2000)):
        history = []
        for step in range(10, 210, 10):
            history.append({"loss": 3 * math.exp(-step * per_step / 1e5), "step": step,
                            "ntokens": step * per_step})
            history.append({"eval_loss": 3 * math.exp(-step * per_step / 1e5) + 0.1,
                            "step": step})
        write_trainer_state(tmp_path / name / "trainer_state.json", history)
    assert "ntokens" in axes_module.TOKEN_METRICS and png.TOKEN_METRICS is \
        axes_module.TOKEN_METRICS
    (log,) = load(tmp_path / "cand")
    plot = png.prepare_run(log, png.PlotOptions(x="tokens"))
    assert plot.x.name == "tokens" and not plot.warnings
    assert np.allclose(plot.curves["val/loss"].x, plot.curves["val/loss"].steps * 2000)
    comparison = compare(Group("base", load(tmp_path / "base")),
                         [Group("cand", load(tmp_path / "cand"))], align="tokens")
    assert comparison.candidates[0].series[0].start == 20000.0


def test_one_grid_for_compare_and_seed_groups() -> None:
    x_a, x_b = np.arange(0.0, 100.0, 3.0), np.arange(1.0, 100.0, 2.0)
    curves = [(x_a, np.exp(-x_a / 50)), (x_b, np.exp(-x_b / 50))]
    grid = axes_module.common_grid(curves)
    aligned = compare_module._align("val/loss", [compare_module._Curve("a", *curves[0])],
                                    [compare_module._Curve("b", *curves[1])], "step", [])
    assert np.array_equal(aligned.grid, grid.x)
    mean = png.aggregate([png.Curve.of("a", "loss", x, y) for x, y in curves])
    assert np.array_equal(mean[0], grid.x) and np.allclose(mean[1], grid.values.mean(axis=0))
