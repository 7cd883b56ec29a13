"""hparam_importance: which hyper-parameters of a sweep matter, and which way (issue #15)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from curvecli.analysis.importance import MIN_RUNS, hparam_importance
from curvecli.errors import UsageError

N_RUNS = 100


def _sweep(seed: int = 0, n: int = N_RUNS):
    """lr (log-uniform, best in the middle), weight decay (lower is better), an optimizer
    (sgd worse), a seed and a noise column (irrelevant), a run name, a constant."""
    rng = np.random.default_rng(seed)
    lr = 10 ** rng.uniform(-5, -1, n)
    weight_decay = rng.uniform(0.0, 0.1, n)
    optimizer = rng.choice(["adam", "sgd", "rmsprop"], n)
    frame = pd.DataFrame({
        "lr": lr, "weight_decay": weight_decay, "optimizer": optimizer,
        "seed": rng.integers(0, 10_000, n), "noise": rng.normal(size=n),
        "run_name": [f"run-{i}" for i in range(n)], "epochs": 10})
    loss = ((np.log10(lr) + 3) ** 2 + 15 * weight_decay + np.where(optimizer == "sgd", 1.5, 0.0)
            + rng.normal(0, 0.3, n))
    return frame, loss


def _by_name(result):
    return {h.name: h for h in result.hparams}


@pytest.fixture(scope="module")
def result():
    frame, loss = _sweep()
    return hparam_importance(frame, loss, lower_is_better=True)


def test_non_monotonic_lr_comes_first_where_correlation_misses_it(result):
    frame, loss = _sweep()
    top = result.hparams[0]
    assert top.name == "lr" and top.kind == "log-numeric"
    assert top.direction == "non-monotonic"
    assert 10 ** -3.7 < top.best < 10 ** -2.3  # the optimum is 1e-3
    assert top.low <= top.importance <= top.high
    # A correlation ranks lr below weight decay: its effect is symmetric in log lr.
    lr_corr = abs(np.corrcoef(np.log10(frame.lr), loss)[0, 1])
    assert lr_corr < abs(np.corrcoef(frame.weight_decay, loss)[0, 1])


def test_irrelevant_columns_get_low_importance(result):
    found = _by_name(result)
    assert found["seed"].importance < 0.05 and found["noise"].importance < 0.05
    assert found["lr"].importance > 0.3
    assert 0 < result.explained <= 1
    assert sum(h.importance for h in result.hparams) == pytest.approx(result.explained)


def test_monotone_weight_decay_and_categorical_optimizer(result):
    found = _by_name(result)
    assert found["weight_decay"].direction == "lower is better"
    assert found["weight_decay"].kind == "numeric"  # uniform 0..0.1 is not a log scale
    optimizer = found["optimizer"]
    assert optimizer.kind == "categorical" and optimizer.direction == "categorical"
    assert optimizer.best in ("adam", "rmsprop")
    assert optimizer.importance > found["seed"].importance


def test_ids_and_constants_are_skipped_with_why(result):
    assert result.skipped["run_name"] == "an id: every run differs"
    assert result.skipped["epochs"] == "constant"
    assert {"run_name", "epochs"}.isdisjoint(_by_name(result))
    assert result.reason is None
    assert "random forest" in result.method and f"{N_RUNS} runs" in result.method


def test_higher_is_better_metric_flips_directions():
    frame, loss = _sweep()
    result = hparam_importance(frame, -loss, lower_is_better=False)
    found = _by_name(result)
    assert found["weight_decay"].direction == "lower is better"
    assert result.hparams[0].name == "lr"


def test_diverged_runs_count_as_the_worst():
    frame, loss = _sweep(seed=1)
    loss = loss.copy()
    loss[np.log10(frame.lr.to_numpy()) > -1.6] = np.nan
    loss[:3] = np.inf
    result = hparam_importance(frame, loss, lower_is_better=True)
    top = result.hparams[0]
    assert top.name == "lr" and top.direction == "non-monotonic"
    assert top.best < 10 ** -1.6


def test_too_few_runs_says_so():
    frame, loss = _sweep(n=MIN_RUNS - 1)
    result = hparam_importance(frame, loss, lower_is_better=True)
    assert result.hparams == [] and "too few runs" in result.reason


def test_metric_that_never_varies_says_so():
    frame, _ = _sweep(n=30)
    result = hparam_importance(frame, np.full(30, np.nan), lower_is_better=True)
    assert result.hparams == [] and "same in every run" in result.reason


def test_nothing_matters_gives_low_importance_everywhere():
    frame, _ = _sweep(n=80)
    noise = np.random.default_rng(5).normal(size=80)
    result = hparam_importance(frame, noise, lower_is_better=True)
    assert all(h.importance < 0.05 for h in result.hparams)
    assert all(h.direction == "none" for h in result.hparams if h.importance < 0.01)


def test_deterministic_for_a_seed_and_scale_invariant():
    frame, loss = _sweep(n=50)
    first = hparam_importance(frame, loss, lower_is_better=True, seed=3)
    again = hparam_importance(frame, loss, lower_is_better=True, seed=3)
    scaled = hparam_importance(frame, loss * 10, lower_is_better=True, seed=3)
    for other in (again, scaled):
        assert [h.name for h in other.hparams] == [h.name for h in first.hparams]
        assert [h.importance for h in other.hparams] == [h.importance for h in first.hparams]
        assert [h.direction for h in other.hparams] == [h.direction for h in first.hparams]


def test_column_types_missing_values_and_duplicates():
    rng = np.random.default_rng(3)
    n = 60
    use_bn = rng.random(n) < 0.5
    momentum = np.where(rng.random(n) < 0.5, rng.uniform(0.5, 0.99, n), np.nan)
    frame = pd.DataFrame({
        "use_bn": use_bn, "momentum": momentum,
        "lr_text": [f"{v:.5f}" for v in 10 ** rng.uniform(-5, -2, n)],  # MLflow: text
        "group": rng.choice(["a", "b"], n), "group_copy": None, "sparse": np.nan})
    frame["group_copy"] = frame.group.map({"a": "x", "b": "y"})
    frame.loc[:2, "sparse"] = 1.0
    metric = np.where(use_bn, 1.0, 0.0) + rng.normal(0, 0.2, n)
    result = hparam_importance(frame, metric, lower_is_better=False)
    found = _by_name(result)
    assert result.hparams[0].name == "use_bn" and found["use_bn"].kind == "boolean"
    assert found["use_bn"].best is True
    assert found["lr_text"].kind == "log-numeric"
    assert found["momentum"].runs == int(np.isfinite(momentum).sum())
    assert result.skipped["group_copy"] == "same as 'group'"
    assert result.skipped["sparse"].startswith("mostly missing")


def test_wrong_length_is_a_usage_error():
    frame, loss = _sweep(n=20)
    with pytest.raises(UsageError):
        hparam_importance(frame, loss[:-1], lower_is_better=True)
