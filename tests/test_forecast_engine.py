"""The forecast engine (curvecli.analysis.forecast) on synthetic curves with known ends."""

from __future__ import annotations

import math

import numpy as np
import pytest

from curvecli.analysis.forecast import Forecast, forecast_curve, p_beat_value

END = 2000


def power_law(seed: int = 0, noise: float = 0.01, n: int = 200):
    """A loss 0.5 + 2 * (step / 10) ** -0.5 with Gaussian noise, logged every 10 steps."""
    rng = np.random.default_rng(seed)
    steps = np.arange(1, n + 1) * (END / n)
    values = 0.5 + 2.0 * (steps / 10.0) ** -0.5 + rng.normal(0.0, noise, n)
    return steps, values


def cut(steps, values, share):
    keep = steps <= share * steps[-1]
    return steps[keep], values[keep]


def test_power_law_cut_at_40_percent_lands_in_its_band_and_beats_the_last_value():
    steps, values = power_law()
    truth = 0.5 + 2.0 * (END / 10.0) ** -0.5
    seen_steps, seen = cut(steps, values, 0.4)
    result = forecast_curve(seen_steps, seen, END, lower_is_better=True)
    assert result.predicted is not None, result.reason
    assert result.low <= truth <= result.high
    assert abs(result.predicted - truth) < abs(seen[-1] - truth)
    assert result.reason is None and result.method.startswith("ensemble of")
    assert math.isclose(sum(result.weights.values()), 1.0, abs_tol=1e-3)
    assert len(result.path_steps) == len(result.path_mean) == len(result.path_low)
    assert result.path_steps[-1] == pytest.approx(END)
    assert np.all(result.path_low <= result.path_high)
    assert result.gain() > 0


def test_accuracy_like_rising_curve():
    rng = np.random.default_rng(1)
    steps = np.arange(1, 101) * 10.0
    values = 0.9 - 0.6 * (steps / 10.0) ** -0.7 + rng.normal(0.0, 0.004, len(steps))
    truth = 0.9 - 0.6 * 100.0 ** -0.7
    seen_steps, seen = cut(steps, values, 0.4)
    result = forecast_curve(seen_steps, seen, 1000, lower_is_better=False)
    assert result.predicted is not None, result.reason
    assert result.low <= truth <= result.high
    assert result.predicted > np.median(seen[-3:])
    assert result.gain() > 0


def test_four_points_are_refused_with_a_reason():
    result = forecast_curve([1, 2, 3, 4], [1.0, 0.8, 0.7, 0.65], 10, lower_is_better=True)
    assert result.predicted is None and result.low is None and result.high is None
    assert "at least 6" in result.reason


def test_nan_tail_is_refused():
    steps, values = power_law()
    values[-3:] = np.nan
    result = forecast_curve(steps, values, 4000, lower_is_better=True)
    assert result.predicted is None
    assert "non-finite" in result.reason


def test_constant_curve_gives_the_constant():
    result = forecast_curve(np.arange(20), np.full(20, 0.25), 100, lower_is_better=True,
                            beat=0.3)
    assert result.predicted == pytest.approx(0.25)
    assert result.low == pytest.approx(0.25) and result.high == pytest.approx(0.25)
    assert result.p_beat == 1.0


def test_p_beat_follows_the_distance_to_the_prediction():
    steps, values = power_law(seed=2)
    seen_steps, seen = cut(steps, values, 0.5)
    result = forecast_curve(seen_steps, seen, END, lower_is_better=True, beat=10.0)
    assert result.p_beat > 0.99  # a value far worse than the prediction is beaten
    assert p_beat_value(result, -10.0, lower_is_better=True) < 0.01  # far better: not
    middle = p_beat_value(result, result.predicted, lower_is_better=True)
    assert middle == pytest.approx(0.5, abs=1e-6)
    assert p_beat_value(Forecast(None, None, None, 0.8), 1.0, True) is None


def test_target_step_reachable_observed_and_unreachable():
    steps, values = power_law(seed=3)
    seen_steps, seen = cut(steps, values, 0.4)
    reachable = forecast_curve(seen_steps, seen, END, lower_is_better=True, target=0.68)
    assert reachable.target_step is not None
    assert seen_steps[-1] < reachable.target_step <= 10 * seen_steps[-1]
    observed = forecast_curve(seen_steps, seen, END, lower_is_better=True, target=1.0)
    assert observed.target_step == int(seen_steps[np.argmax(seen <= 1.0)])
    unreachable = forecast_curve(seen_steps, seen, END, lower_is_better=True, target=-5.0)
    assert unreachable.target_step is None


def test_scaling_the_values_scales_the_forecast():
    steps, values = power_law(seed=4)
    seen_steps, seen = cut(steps, values, 0.4)
    one = forecast_curve(seen_steps, seen, END, lower_is_better=True)
    ten = forecast_curve(seen_steps, seen * 10, END, lower_is_better=True)
    assert ten.predicted == pytest.approx(10 * one.predicted, rel=1e-6)
    assert ten.low == pytest.approx(10 * one.low, rel=1e-6)
    assert ten.high == pytest.approx(10 * one.high, rel=1e-6)


def test_shifted_steps_give_the_same_forecast():
    steps, values = power_law(seed=5)
    seen_steps, seen = cut(steps, values, 0.4)
    base = forecast_curve(seen_steps, seen, END, lower_is_better=True)
    shifted = forecast_curve(seen_steps + 5000, seen, END + 5000, lower_is_better=True)
    assert shifted.predicted == pytest.approx(base.predicted, rel=1e-6)
    assert shifted.path_steps[0] == pytest.approx(seen_steps[-1] + 5000)


@pytest.mark.parametrize("values", [
    np.linspace(1e30, 5e29, 40),
    np.linspace(-3.0, -5.0, 40),
    np.full(40, np.inf),
    np.r_[np.linspace(1.0, 0.5, 39), np.inf],
    np.r_[1.0, np.full(39, np.nan)],
    np.array([0.5, 0.4]),
    np.array([]),
])
def test_odd_input_never_raises(values):
    steps = np.arange(len(values)) * 7.0 + 3.0
    result = forecast_curve(steps, values, 1000, lower_is_better=True, target=0.1, beat=0.2)
    assert isinstance(result, Forecast)
    if result.predicted is None:
        assert result.reason
    else:
        assert math.isfinite(result.predicted) and result.low <= result.high


def test_huge_values_scale_like_small_ones():
    steps, values = power_law(seed=6)
    seen_steps, seen = cut(steps, values, 0.4)
    small = forecast_curve(seen_steps, seen, END, lower_is_better=True)
    huge = forecast_curve(seen_steps, seen * 1e30, END, lower_is_better=True)
    assert huge.predicted == pytest.approx(small.predicted * 1e30, rel=1e-6)


def test_duplicated_steps_keep_the_later_write():
    steps, values = power_law(seed=7)
    seen_steps, seen = cut(steps, values, 0.4)
    first_writes = seen.copy()
    first_writes[-10:] += 5.0  # wrong, then written again at the same steps
    doubled_steps = np.r_[seen_steps, seen_steps[-10:]]
    doubled = np.r_[first_writes, seen[-10:]]
    clean = forecast_curve(seen_steps, seen, END, lower_is_better=True)
    rewritten = forecast_curve(doubled_steps, doubled, END, lower_is_better=True)
    assert rewritten.predicted == pytest.approx(clean.predicted)


def test_noisy_flat_curve_is_refused_as_erratic():
    rng = np.random.default_rng(8)
    steps = np.arange(60) * 10.0
    values = 1.0 + rng.normal(0.0, 0.2, 60)
    result = forecast_curve(steps, values, 2000, lower_is_better=True)
    assert result.predicted is None and "erratic" in result.reason


def test_overfitting_curve_forecasts_a_rise():
    steps = np.arange(1, 61) * 10.0
    values = 0.3 + 2.0 * (steps / 10.0) ** -0.8 + 0.01 * steps / 10.0  # best near step 170
    seen_steps, seen = cut(steps, values, 0.7)
    result = forecast_curve(seen_steps, seen, 600, lower_is_better=True)
    assert result.predicted is not None, result.reason
    assert result.predicted > seen[-1]  # the rise goes on (a monotone family would fall)
    assert abs(result.predicted - values[-1]) < abs(seen[-1] - values[-1])


def test_long_noisy_train_curve_is_binned_and_fast_enough():
    rng = np.random.default_rng(9)
    steps = np.arange(1, 20001, dtype=float)
    values = 1.0 + 3.0 * steps ** -0.3 + rng.normal(0.0, 0.05, len(steps))
    result = forecast_curve(steps[:8000], values[:8000], 20000, lower_is_better=True)
    truth = 1.0 + 3.0 * 20000 ** -0.3
    assert result.predicted is not None, result.reason
    assert result.low <= truth <= result.high


def test_learning_rate_schedule_is_accepted():
    steps = np.arange(1, 101) * 10.0
    lr = 1e-3 * (1.0 - steps / 1000.0)
    values = 0.4 + 1.5 * (steps / 10.0) ** -0.5
    seen_steps, seen = cut(steps, values, 0.5)
    result = forecast_curve(seen_steps, seen, 1000, lower_is_better=True,
                            lr=(seen_steps, lr[: len(seen_steps)]))
    assert result.predicted is not None, result.reason
    assert result.predicted < seen[-1]
