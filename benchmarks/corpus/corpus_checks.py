"""Read a corpus run back with curvecli and check its curves against a regime.

``read_series(run_dir)`` gives the key curves (train loss, val loss, val metric, lr) as
numpy arrays; ``CHECKS[regime](series, ctx)`` returns ``(ok, reason, extra)`` following
the README's labelling criteria; ``label_run`` applies the intended regime's check and,
when it fails, the first other check that passes (recorded in ``relabelled``).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FALLBACK = ("insufficient_data", "diverging", "overfitting", "still_improving",
            "underfitting", "erratic", "healthy")


@dataclass
class Series:
    """One curve: steps and values (NaN/inf kept)."""
    name: str
    steps: np.ndarray
    values: np.ndarray

    def __len__(self):
        return len(self.values)


def read_series(run_dir) -> dict[str, Series]:
    """The run's curves keyed train_loss, val_loss, val_metric, lr (those present), via curvecli.
    val_loss / val_metric are the held-out set's: val, else test when the run has no val series."""
    import pandas as pd

    from curvecli import load_runs
    frames = [run.frame for run in load_runs(str(run_dir)).runs if run.points]
    if not frames:
        return {}
    f = pd.concat(frames)
    # the held-out set: "val" (val/valid/validation/eval/dev), else one called "test" (Loss/test,
    # test_loss: loops that name their only held-out set so)
    has_val = ((f.split == "val") & f.metric.isin(["loss", "accuracy", "mae"])).any()
    held = "val" if has_val else "test"
    picks = {
        "train_loss": (f.split == "train") & (f.metric == "loss"),
        "val_loss": (f.split == held) & (f.metric == "loss"),
        "val_metric": (f.split == held) & f.metric.isin(["accuracy", "mae"]),
        "lr": f.metric == "learning_rate",
    }
    out = {}
    for key, mask in picks.items():
        sub = f[mask].sort_values("step", kind="stable")
        if len(sub):
            name = f"{sub.split.iloc[0]}/{sub.metric.iloc[0]}" if sub.split.iloc[0] else sub.metric.iloc[0]
            out[key] = Series(name, sub.step.to_numpy(float), sub.value.to_numpy(float))
    return out


def nll_view(s: dict, task) -> dict:
    """Fifteenth batch: a Gaussian NLL (task kind "hetero") has no natural zero (it goes negative
    once the variance is below 1 / e), and the checks compare levels by ratios. Its loss series
    are read as exp(2 (NLL - NLL_0)), NLL_0 = 0.5 (log var(y_train) + 1) the NLL of the marginal
    Gaussian (torch's full=False convention): for a Gaussian fit this is the (geometric-mean)
    predictive variance over the marginal's, an MSE-like scale on which the marginal scores 1
    (``prior_entropy``) and a perfect model 0 (the exponent is capped at 300, so that a finite
    NLL, however large, stays finite: a poisoned batch lifts it to ~600). Every other kind is
    returned unchanged. Twenty-third batch: a normalising flow's NLL over D = 2 dimensions (kind
    "flow") likewise, as exp(2 (NLL - NLL_0) / D) = exp(NLL - NLL_0), NLL_0 the diagonal
    Gaussian fit's on the val rows (``tasks.dev23_nll_ref``): the geometric-mean variance ratio
    per dimension, on which that Gaussian scores 1."""
    kind = getattr(task, "kind", "")
    if kind not in ("hetero", "flow"):
        return s
    if kind == "flow":
        from tasks import dev23_nll_ref
        ref, f = dev23_nll_ref(task), 1.0
    else:
        ref, f = 0.5 * (float(np.log(np.var(task.y_train))) + 1.0), 2.0
    out = dict(s)
    for k in ("train_loss", "val_loss"):
        if k in s:
            x = s[k].values
            with np.errstate(over="ignore", invalid="ignore"):   # a finite NLL stays finite
                v = np.where(np.isfinite(x), np.exp(np.minimum(f * (x - ref), 300.0)), x)
            out[k] = Series(f"{s[k].name} (as exp({f:g} (NLL - {ref:.2f})))", s[k].steps, v)
    return out


def noise(v: np.ndarray) -> float:
    """Point-to-point scatter around a 5-point rolling median (robust sigma)."""
    v = v[np.isfinite(v)]
    if len(v) < 5:
        return 0.0
    med = np.array([np.median(v[max(0, i - 2):i + 3]) for i in range(len(v))])
    return float(1.4826 * np.median(np.abs(v - med)))


def tail(v, frac=0.1, k=3):
    """Median of the last max(k, frac*n) points."""
    n = max(k, int(len(v) * frac))
    return float(np.median(v[-n:]))


def prior_entropy(task) -> float:
    """Loss of predicting the label prior: entropy (classification / lm), 1.0 (standardised regression)."""
    if task.kind == "regression":
        return float(np.var(task.y_val) + np.mean(task.y_val) ** 2)
    if task.kind == "hetero":           # fifteenth batch: the marginal Gaussian on nll_view's scale
        return 1.0
    if task.kind == "poisson":          # eighteenth batch: PoissonNLLLoss(log_input=True),
        m = float(np.mean(task.y_val))  # full=False, of the mean rate: m - E[y] log m
        return float(m - m * np.log(m))
    if task.kind == "vae":              # nineteenth batch: a mean predictor's negative ELBO
        return float(np.var(task.x_val, axis=0).sum())   # (summed squared error, KL 0)
    if task.kind == "diffusion":        # nineteenth batch: predicting zero noise, MSE 1
        return 1.0
    if task.kind == "contrastive":      # nineteenth batch: InfoNCE of a group of 64 at chance
        from tasks import CON_GROUP
        return float(np.log(CON_GROUP))
    if task.kind in ("kd", "detection"):    # twentieth batch: KD + CE of a uniform student;
        from tasks import dev20_chance_loss  # the detector's prior class and mean box
        return dev20_chance_loss(task)
    if task.kind in ("seq2seq", "ranking", "multitask"):   # twenty-first batch: the target
        from tasks import dev21_chance_loss  # words' entropy, the hinge's margin, CE + MSE
        return dev21_chance_loss(task)
    if task.kind in ("ctc", "nodes", "focal"):   # twenty-second batch: uniform frames' CTC,
        from tasks import dev22_chance_loss  # the class prior, a constant logit's focal
        return dev22_chance_loss(task)
    if task.kind in ("flow", "pinn", "cox"):   # twenty-third batch: 1 on nll_view's scale, the
        from tasks import dev23_chance_loss  # physics loss of u = 0, a constant risk's Cox loss
        return dev23_chance_loss(task)
    if task.kind == "mlm":              # fifteenth batch: the masked tokens' unigram entropy
        p = np.bincount(task.y_train[task.y_train >= 0]).astype(float)
        p = p[p > 0] / p.sum()
        return float(-(p * np.log(p)).sum())
    if task.kind == "segmentation":     # sixteenth batch: per-pixel BCE, the foreground share
        q = float(np.clip(task.y_train.mean(), 1e-6, 1 - 1e-6))
        return float(-(q * np.log(q) + (1 - q) * np.log(1 - q)))
    if task.kind == "multilabel":       # BCE averaged over labels: the mean binary entropy
        q = np.clip(task.y_train.mean(0), 1e-6, 1 - 1e-6)
        return float(np.mean(-(q * np.log(q) + (1 - q) * np.log(1 - q))))
    p = np.bincount(task.y_train.ravel()).astype(float)
    p = p[p > 0] / p.sum()
    return float(-(p * np.log(p)).sum())


def chance_acc(task) -> float:
    """Majority-class accuracy on val (multilabel: the subset accuracy of the per-label majority)."""
    if task.kind == "multilabel":
        maj = (task.y_train.mean(0) > 0.5).astype(task.y_val.dtype)
        return float(np.mean(np.all(task.y_val == maj, axis=1)))
    if task.kind == "segmentation":     # sixteenth batch: every pixel background
        return float(1 - task.y_val.mean())
    if task.kind == "contrastive":      # nineteenth batch: top-1 retrieval in a group of 64
        from tasks import CON_GROUP
        return 1.0 / CON_GROUP
    if task.kind == "detection":        # twentieth batch: the commonest object class
        c = task.y_val[:, 0].astype(np.int64)
        return float(np.bincount(c).max() / c.size)
    if task.kind in ("seq2seq", "ranking", "multitask"):   # twenty-first batch
        from tasks import dev21_chance_acc
        return dev21_chance_acc(task)
    if task.kind in ("ctc", "nodes", "focal"):   # twenty-second batch
        from tasks import dev22_chance_acc
        return dev22_chance_acc(task)
    if task.kind in ("flow", "pinn", "cox"):   # twenty-third batch
        from tasks import dev23_chance_acc
        return dev23_chance_acc(task)
    if task.kind == "mlm":              # fifteenth batch: the commonest masked token
        y = task.y_val[task.y_val >= 0]
        return float(np.bincount(y).max() / y.size)
    return float(np.bincount(task.y_val.ravel()).max() / task.y_val.size)


HIGH_FLOOR_TASKS = ("noisy4",)      # eleventh batch: tasks whose loss floor is high (label noise)


def starts_low(ctx) -> bool:
    """Eleventh batch: the first evaluation already sits near the run's floor, so a small total
    gain is not "hardly learns" (nor "flat from the first evaluation") when the loss ends well
    below chance: a fine-tune (its body pre-trained, unlogged, on related data; the generators
    set ``task.fine_tune`` on such runs only) or a task whose floor is high (noisy4: one
    epoch takes it most of the way). Every earlier run is judged as before."""
    return bool(getattr(ctx, "fine_tune", False)) or getattr(ctx, "name", "") in HIGH_FLOOR_TASKS


def monitored(s):
    """Validation loss, else train loss."""
    return s.get("val_loss") or s.get("train_loss")


def finite_monitored(s, min_points):
    """The monitored series when it has ``min_points`` points, all finite; else None."""
    m = monitored(s)
    if m is None or len(m) < min_points or not np.all(np.isfinite(m.values)):
        return None
    return m


# ----------------------------------------------------------------------------- checks

def check_insufficient(s, ctx):
    n = max((len(x) for k, x in s.items() if k != "lr"), default=0)
    return n < 4, f"longest series has {n} points", {}


def check_diverging(s, ctx):
    for key in ("val_loss", "train_loss"):
        x = s.get(key)
        if x is not None and not np.all(np.isfinite(x.values)):
            i = int(np.argmax(~np.isfinite(x.values)))
            return True, f"{x.name} becomes {x.values[i]} at step {int(x.steps[i])} and stays non-finite", {}
    m = monitored(s)
    v = m.values
    if len(v) >= 4:
        lo = float(np.min(v))
        t = v[-max(2, len(v) // 5):]
        tr = s.get("train_loss")
        train_up = tr is None or len(tr) < 4 or tail(tr.values, 0.2) >= 2 * float(np.min(tr.values))
        if np.median(t) >= 3 * lo and np.all(t > 2 * lo) and train_up:
            return True, (f"{m.name} falls to {lo:.3g} at step {int(m.steps[np.argmin(v)])} then climbs to "
                          f"{np.median(t):.3g} ({np.median(t) / lo:.1f}x) and stays there"), {}
    acc = s.get("val_metric")
    if acc is not None and acc.name.endswith("accuracy") and len(acc) >= 4:
        ca = chance_acc(ctx)
        best, end = float(np.max(acc.values)), tail(acc.values)
        if best >= ca + 0.2 and end <= ca + 0.05:
            return True, f"val accuracy reaches {best:.2f} then collapses to chance {end:.2f} (majority {ca:.2f})", {}
    return False, "finite and no lasting climb or collapse", {}


def check_overfitting(s, ctx):
    few = _few_evals(s, ctx)
    if few is not None:     # twenty-sixth batch: 2-5 evaluations
        return check_overfitting_few(*few, ctx)
    m = s.get("val_loss")
    if m is None or len(m) < 6 or not np.all(np.isfinite(m.values)):
        return False, "no finite val series", {}
    v = m.values
    b = int(np.argmin(v))
    best, end, first = float(v[b]), tail(v), float(v[0])
    nz = noise(v)
    if b > 0.7 * len(v):
        return False, f"val best at point {b}/{len(v)} (late)", {}
    rise = end - best
    small_drop = first - best < 0.1 * first        # best at the first evals: ask for a large rise
    if end < 1.1 * best or rise < 3 * nz or rise < 0.25 * (first - best) or (small_drop and rise < 0.5 * best):
        return False, f"val rises only {end / best - 1:.0%} above best {best:.3g} (noise {nz:.2g})", {}
    tr = s.get("train_loss")
    if tr is not None and np.all(np.isfinite(tr.values)):
        at_best = tr.values[tr.steps <= m.steps[b]]
        after = tr.values[tr.steps > m.steps[b]]
        if len(at_best) and len(after) and tail(after) > np.median(at_best[-max(3, len(at_best) // 10):]):
            return False, "train loss does not keep falling after the val best", {}
        tr_txt = f" while train falls to {tail(tr.values):.3g}"
    else:
        tr_txt = ""
    return True, (f"val loss best {best:.3g} at step {int(m.steps[b])}, rises to {end:.3g} "
                  f"({end / best - 1:+.0%}) by step {int(m.steps[-1])}{tr_txt}"), {"onset_step": int(m.steps[b])}


def check_underfitting(s, ctx):
    m = finite_monitored(s, 4)
    if m is None:
        return False, "no finite series", {}
    v = m.values
    h = prior_entropy(ctx)
    end, first, lo = tail(v), float(v[0]), float(np.min(v))
    if end > 1.3 * lo:
        return False, "loss rises at the end", {}
    acc = s.get("val_metric")
    acc_txt = ""
    if acc is not None and acc.name.endswith("accuracy"):
        acc_txt = f", val accuracy {acc.values[0]:.2f} -> {tail(acc.values):.2f} (majority {chance_acc(ctx):.2f})"
    if end >= 0.85 * h:
        return True, f"{m.name} ends at {end:.3g}, near chance level {h:.3g} (start {first:.3g}){acc_txt}", {}
    if (first - lo) < 0.1 * first and not (starts_low(ctx) and end < 0.75 * h):
        return True, f"{m.name} flat from its first evaluation: {first:.3g} -> {end:.3g}{acc_txt}", {}
    return False, f"{m.name} falls {first:.3g} -> {end:.3g}, well below chance {h:.3g}", {}


def _late_gain(v):
    """(gain over the last quarter, total gain, noise) on the monitored curve."""
    n = len(v)
    q = max(1, n // 4)
    k = max(1, n // 20)
    start_q = float(np.median(v[max(0, n - 1 - q - k // 2): n - q + k // 2 + 0]))
    end = float(np.median(v[-k:]))
    return start_q - end, float(v[0]) - float(np.min(v)), noise(v)


def check_still_improving(s, ctx):
    few = _few_evals(s, ctx)
    if few is not None:     # twenty-sixth batch: 2-5 evaluations
        return check_still_improving_few(*few, ctx)
    m = finite_monitored(s, 4)
    if m is None:
        return False, "no finite series", {}
    v = m.values
    late, total, nz = _late_gain(v)
    if total <= 0 or late < 0.05 * total or late < 3 * nz:
        return False, f"last quarter gains {late:.3g} of {total:.3g} (noise {nz:.2g})", {}
    if v[-1] > np.min(v) + max(2 * nz, 0.05 * total):
        return False, "not at its best at the end", {}
    extra = {"acceptable": ["healthy"]} if late < 0.1 * total else {}
    return True, (f"{m.name} still falling at the end: {late:.3g} gained in the last quarter "
                  f"({late / total:.0%} of the total {total:.3g}, noise {nz:.2g})"), extra


def check_erratic(s, ctx):
    m = finite_monitored(s, 6)
    if m is None:
        return False, "no finite series", {}
    v = m.values
    d = np.abs(np.diff(v))
    rel = float(np.median(d) / np.median(v))
    third = max(2, len(v) // 3)
    trend = abs(np.median(v[:third]) - np.median(v[-third:]))
    if rel < 0.15:
        return False, f"neighbouring evals differ by {rel:.0%} (median)", {}
    if trend > 2 * np.median(d):
        return False, f"clear trend {trend:.3g} vs swings {np.median(d):.3g}", {}
    return True, (f"{m.name} swings by {rel:.0%} between neighbouring evals (range {v.min():.3g}-{v.max():.3g}) "
                  f"with no trend"), {}


def check_healthy(s, ctx):
    few = _few_evals(s, ctx)
    if few is not None:     # twenty-sixth batch: 2-5 evaluations
        return check_healthy_few(*few, ctx)
    m = finite_monitored(s, 6)
    if m is None:
        return False, "no finite series", {}
    v = m.values
    h = prior_entropy(ctx)
    b = int(np.argmin(v))
    best, end, first = float(v[b]), tail(v), float(v[0])
    late, total, nz = _late_gain(v)
    if end > 0.8 * h and ctx.kind in ("classification", "sequence"):
        return False, f"ends near chance ({end:.3g} vs {h:.3g})", {}
    if total < 0.2 * first and not (starts_low(ctx) and end < 0.75 * h):
        # a fine-tune well below chance at its first eval only has a few percent left to gain
        return False, "hardly learns", {}
    if late >= 0.05 * total and late >= 3 * nz:
        return False, f"still improving ({late:.3g} of {total:.3g} in the last quarter)", {}
    if end > best + max(3 * nz, 0.1 * best) and end - best >= 0.25 * (first - best):
        return False, f"ends {end / best - 1:+.0%} above best", {}
    extra = {"acceptable": ["still_improving"]} if late > 0.03 * total else {}
    if end > best + max(2 * nz, 0.05 * best):
        extra.setdefault("acceptable", []).append("overfitting")
    acc = s.get("val_metric")
    acc_txt = f", {acc.name} {tail(acc.values):.3g}" if acc is not None else ""
    return True, (f"{m.name} falls {first:.3g} -> best {best:.3g} at step {int(m.steps[b])} and levels off "
                  f"(ends {end:.3g}, last quarter moves {late:+.2g}){acc_txt}"), extra


def check_loss_spike(s, ctx, recipe=None):
    tr = s.get("train_loss")
    windows = [(a, b) for a, b, _ in (recipe.bumps + recipe.poison)] if recipe else []
    if tr is None or not windows or not np.all(np.isfinite(tr.values)):
        return False, "no finite train series or no planned spike", {}
    st, v = tr.steps, tr.values
    peaks, parts = [], []
    for start, length in windows:
        span = max(length, 3 * recipe.log_every)
        pre = v[(st >= start - max(10 * span, 50)) & (st < start)]
        if len(pre) < 3:
            return False, f"too few points before the spike at {start}", {}
        level = float(np.median(pre))
        win = (st >= start) & (st <= start + length + 2 * span)
        if not win.any():
            return False, f"no logged point in the spike window at {start}", {}
        i = int(np.flatnonzero(win)[np.argmax(v[win])])
        if v[i] < 2.5 * level:
            return False, f"peak {v[i]:.3g} only {v[i] / level:.1f}x the local level {level:.3g}", {}
        after = v[st > start + length]
        roll = np.array([np.median(after[j:j + 5]) for j in range(max(1, len(after) - 4))]) if len(after) else []
        if not len(roll) or np.min(roll) > 1.5 * level:
            return False, f"no recovery to 1.5x of {level:.3g} after the spike at {start}", {}
        peaks.append(int(st[i]))
        n_high = int(np.sum(v[(st >= start) & (st <= start + length + 2 * span)] > 2 * level))
        parts.append(f"{v[i] / level:.0f}x at step {int(st[i])} ({v[i]:.3g} vs {level:.3g}, "
                     f"{n_high} logged points above 2x) then back to {np.min(roll):.3g}")
    return True, f"{tr.name} spikes " + "; ".join(parts), {"spike_steps": peaks}


# ----------------------------------------------------------------------------- few evaluations
# twenty-sixth batch (everyday short trainings): a run with 2-5 evaluations beside a train series
# of 8+ logs (HF Trainer fine-tunes of 2-5 epochs evaluated once per epoch) is judged on those
# few points, as an engineer reads it: healthy when the train curve falls and the evaluations
# improve (insufficient_data acceptable), overfitting when the last evaluation is clearly worse
# than the best one while train keeps falling, still_improving when the last evaluation still
# gains a large share of what was gained. Only for these tasks, so the earlier batches' labels
# stay as they were.
FEW_EVAL_TASKS = ("tab12", "word_class", "seq_peak")


def _few_evals(s, ctx):
    """(val Series, train values) when the task is a FEW_EVAL_TASKS one and the val series has
    2-5 finite points beside 8+ train logs; else None (the ordinary checks apply)."""
    if getattr(ctx, "name", None) not in FEW_EVAL_TASKS:
        return None
    m, tr = s.get("val_loss"), s.get("train_loss")
    if m is None or tr is None or not 2 <= len(m) < 6 or len(tr) < 8:
        return None
    if not (np.all(np.isfinite(m.values)) and np.all(np.isfinite(tr.values))):
        return None
    return m, tr.values


def _train_falls(t):
    return tail(t) < 0.85 * float(np.median(t[:3]))


def check_healthy_few(m, t, ctx):
    v = m.values
    h = prior_entropy(ctx)
    first, last, best = float(v[0]), float(v[-1]), float(np.min(v))
    if last > 0.8 * h and ctx.kind in ("classification", "sequence"):
        return False, f"ends near chance ({last:.3g} vs {h:.3g})", {}
    if not _train_falls(t):
        return False, "train loss does not fall", {}
    if last > best + max(0.05 * best, 0.1 * (first - best)):
        return False, f"last of {len(v)} evals {last / best - 1:+.0%} above best", {}
    acc = ["insufficient_data"]
    if len(v) > 2 and (float(v[-2]) - last) > 0.15 * (first - best):
        acc.append("still_improving")
    if last > best:
        acc.append("overfitting")
    return True, (f"{m.name} over {len(v)} evaluations {first:.3g} -> {last:.3g} (best {best:.3g}) "
                  f"while the train loss falls to {tail(t):.3g}"), {"acceptable": acc}


def check_overfitting_few(m, t, ctx):
    v = m.values
    b = int(np.argmin(v))
    last, best = float(v[-1]), float(v[b])
    if b == len(v) - 1 or last < 1.1 * best:
        return False, f"last of {len(v)} evals only {last / best - 1:+.0%} above best", {}
    if not _train_falls(t):
        return False, "train loss does not fall", {}
    return True, (f"val loss best {best:.3g} at step {int(m.steps[b])} of {len(v)} evaluations, "
                  f"{last:.3g} ({last / best - 1:+.0%}) at the last while train falls to "
                  f"{tail(t):.3g}"), {"onset_step": int(m.steps[b]),
                                      "acceptable": ["healthy", "insufficient_data"]}


def check_still_improving_few(m, t, ctx):
    v = m.values
    first, last = float(v[0]), float(v[-1])
    if last > float(np.min(v)) or first - last <= 0:
        return False, "not at its best at the end", {}
    gain = float(v[-2]) - last
    if gain < 0.25 * (first - last) / max(1, len(v) - 1) * 1.0 or gain < 0.05 * first:
        return False, f"last evaluation gains {gain:.3g} of {first - last:.3g}", {}
    return True, (f"{m.name} still falling at the last of {len(v)} evaluations: {first:.3g} -> "
                  f"{last:.3g}, the last one gains {gain:.3g}"), {
                      "acceptable": ["healthy", "insufficient_data"]}


CHECKS = {
    "insufficient_data": check_insufficient, "diverging": check_diverging, "overfitting": check_overfitting,
    "underfitting": check_underfitting, "still_improving": check_still_improving, "erratic": check_erratic,
    "healthy": check_healthy, "loss_spike": check_loss_spike,
}


def run_check(regime, s, task, recipe):
    """Apply one regime's check."""
    if regime == "loss_spike":
        return check_loss_spike(s, task, recipe)
    return CHECKS[regime](s, task)


def monitored_tag(recipe, regime) -> str:
    """The tag as written of the series judged."""
    if recipe.writer == "summarywriter":
        from gen_torch import TAG_STYLES
        train, val = TAG_STYLES[recipe.tags][:2]
    else:
        train, val = ("train_loss_step" if recipe.on_epoch else "train_loss"), "val_loss"
    return train if regime == "loss_spike" else val


def label_run(recipe, run_dir, task) -> dict | None:
    """The label for a generated run, or None when no regime's check fits (drop it)."""
    s = nll_view(read_series(run_dir), task)
    if not s:
        return None
    intended = recipe.regime
    if intended != "insufficient_data" and check_insufficient(s, task)[0]:
        ok, why, extra = False, "too few points", {}
    else:
        ok, why, extra = run_check(intended, s, task, recipe)
    verdict, relabelled, reason = intended, None, why
    if not ok:
        for other in FALLBACK:
            if other == intended:
                continue
            ok2, why2, extra2 = run_check(other, s, task, recipe)
            if ok2:
                verdict, relabelled, reason, extra = other, f"from {intended} (automatic check): {why}", why2, extra2
                break
        else:
            return None
    acceptable = sorted(set(recipe.acceptable + extra.pop("acceptable", [])) - {verdict})
    label = {"verdict": verdict, "acceptable": acceptable, "reason": reason,
             "monitored": monitored_tag(recipe, verdict)}
    label.update(extra)
    label["relabelled"] = relabelled
    return label


# ----------------------------------------------------------------------------- twenty-eighth batch
# sequence models (sort_lm, logline_lm, demand_ts): a model too small (a 4-8 unit recurrent net)
# learns part of the task and levels off far below chance but well above what the task's good
# models reach; an engineer calls that underfitting when the curve has levelled. The floors are
# the val losses the healthy recipes end at (transformer 0.37, GRU 0.75, GRU forecast 0.35).
# Only for these tasks: every earlier label stays as it was.
B28_FLOORS = {"sort_lm": 0.37, "logline_lm": 0.75, "demand_ts": 0.35}
_b28_prev_check_underfitting = check_underfitting


def b28_check_underfitting(s, ctx):
    """check_underfitting, and on a twenty-eighth batch task also a loss that levelled off at
    1.6x or more of the task's floor (the last quarter gains under 10% of the total), or that
    ends at 2.5x or more of it however it slopes (a model far too small, crawling)."""
    ok, why, extra = _b28_prev_check_underfitting(s, ctx)
    floor = B28_FLOORS.get(getattr(ctx, "name", ""))
    if ok or floor is None:
        return ok, why, extra
    m = finite_monitored(s, 6)
    if m is None:
        return ok, why, extra
    v = m.values
    end, lo = tail(v), float(np.min(v))
    late, total, _ = _late_gain(v)
    if end < 1.6 * floor or end > 1.3 * lo or (end < 2.5 * floor and total > 0
                                                and late >= 0.1 * total):
        return ok, why, extra
    return True, (f"{m.name} ends at {end:.3g}, {end / floor:.1f}x the {floor:.3g} this "
                  f"task's good models reach (last quarter gains {late:.3g} of {total:.3g})"), {
                      "acceptable": ["still_improving"]}


CHECKS["underfitting"] = b28_check_underfitting


# ----------------------------------------------------------------------------- twenty-ninth batch
# fine-tunes of a pre-trained encoder on 64-128 examples (rev_sentiment, rev_aspects,
# rev_rating): the model memorises the few examples from its first steps, so val loss is at its
# best at the first evaluation (or barely below it) and climbs for the rest of the run while the
# train loss goes to ~0. check_overfitting asks for a large rise when the best is at the start;
# an engineer calls this curve overfitting (the model learned nothing that generalises:
# underfitting acceptable). Only for these tasks: every earlier label stays as it was.
B29_TASKS = ("rev_sentiment", "rev_aspects", "rev_rating")
_b29_prev_check_overfitting = check_overfitting


def b29_check_overfitting(s, ctx):
    """check_overfitting, and on a twenty-ninth batch task also a val loss that is best in the
    first third of the run and ends 15% or more (and 3 noise levels) above that best while the
    train loss ends under 60% of its first logged values (memorised from the start)."""
    ok, why, extra = _b29_prev_check_overfitting(s, ctx)
    if ok or getattr(ctx, "name", "") not in B29_TASKS:
        return ok, why, extra
    m, tr = s.get("val_loss"), s.get("train_loss")
    if (m is None or tr is None or len(m) < 6 or len(tr) < 4
            or not np.all(np.isfinite(m.values)) or not np.all(np.isfinite(tr.values))):
        return ok, why, extra
    v = m.values
    b = int(np.argmin(v))
    best, end = float(v[b]), tail(v)
    t0 = float(np.median(tr.values[:max(1, len(tr) // 20)]))
    if (b > 0.35 * len(v) or end < 1.15 * best or end - best < 3 * noise(v)
            or tail(tr.values) > 0.6 * t0):
        return ok, why, extra
    return True, (f"val loss best {best:.3g} at step {int(m.steps[b])} (of {int(m.steps[-1])}), "
                  f"rises to {end:.3g} ({end / best - 1:+.0%}) while train falls "
                  f"{t0:.3g} -> {tail(tr.values):.3g}: memorised from the start"), {
                      "onset_step": int(m.steps[b]), "acceptable": ["underfitting"]}


CHECKS["overfitting"] = b29_check_overfitting


# ----------------------------------------------------------------------------- thirtieth batch
# regression and forecasting (rent_raw, yield_log, kwh_ts): the losses differ by writer (MSE on
# a raw target in the thousands, L1, Huber) and start far above the rest of the curve (the
# model first learns the target's offset), so "well below chance" holds for nearly every run.
# The val MAE, logged by every writer in the target's units, is compared with what the task's
# good models reach (B30_MAE_FLOORS: the healthy recipes' final val MAE, rent 290-475, yield
# 0.23-0.28, load 0.155-0.167): a curve that levelled
# off at 1.5x or more of it is underfitting; one still falling steadily at 2x or more of it is
# still improving. Only for these tasks: every earlier label stays as it was.
B30_MAE_FLOORS = {"rent_raw": 330.0, "yield_log": 0.26, "kwh_ts": 0.16}
_b30_prev_check_underfitting = CHECKS["underfitting"]
_b30_prev_check_still_improving = CHECKS["still_improving"]


def _b30_mae(s, ctx):
    """(end, last-quarter gain, floor) of the val MAE on a thirtieth-batch task, else None."""
    floor = B30_MAE_FLOORS.get(getattr(ctx, "name", ""))
    m = s.get("val_metric")
    if floor is None or m is None or len(m.values) < 6 or not np.all(np.isfinite(m.values)):
        return None
    v = np.asarray(m.values, float)
    late, _, _ = _late_gain(v)
    return tail(v), late, floor


def b30_check_underfitting(s, ctx):
    """The earlier check, and on a thirtieth-batch task a val MAE that ends at 1.5x or more
    of the task's floor with its last quarter gaining under 5% of its level."""
    ok, why, extra = _b30_prev_check_underfitting(s, ctx)
    got = _b30_mae(s, ctx)
    if ok or got is None:
        return ok, why, extra
    end, late, floor = got
    if end < 1.5 * floor or late >= 0.05 * end:
        return ok, why, extra
    return True, (f"val MAE ends at {end:.3g}, {end / floor:.1f}x the {floor:.3g} this task's "
                  f"good models reach, levelled (last quarter gains {late:.3g})"), {
                      "acceptable": ["still_improving"]}


def b30_check_still_improving(s, ctx):
    """The earlier check, and on a thirtieth-batch task a val MAE at 2x or more of the task's
    floor whose last quarter still takes 5% or more off its level."""
    ok, why, extra = _b30_prev_check_still_improving(s, ctx)
    got = _b30_mae(s, ctx)
    if ok or got is None:
        return ok, why, extra
    end, late, floor = got
    if end < 2.0 * floor or late < 0.05 * end:
        return ok, why, extra
    return True, (f"val MAE ends at {end:.3g}, {end / floor:.1f}x the {floor:.3g} this task's "
                  f"good models reach, its last quarter still gains {late:.3g}"), {
                      "acceptable": ["underfitting"]}


CHECKS["underfitting"] = b30_check_underfitting
CHECKS["still_improving"] = b30_check_still_improving


# ----------------------------------------------------------------------------- thirty-second batch
# research loops (b32_ae_img, b32_tagbag, b32_glyph): a model too small (a 1-unit code, a 2-unit
# MLP) still ends "well below chance" (the autoencoder's mean predictor, ln 8, the label prior's
# BCE), so the earlier check calls it healthy or still improving. The val loss is compared with
# what the task's good models reach (B32_LOSS_FLOORS: the healthy recipes' final val loss,
# autoencoder MSE ~0.11, tagger BCE ~0.13-0.15, glyph CE ~0.38-0.5): a curve levelled at 2x or
# more of it is underfitting. Only for these tasks: every earlier label stays as it was.
B32_LOSS_FLOORS = {"b32_ae_img": 0.11, "b32_tagbag": 0.14, "b32_glyph": 0.42}


def levelled_above_floor(s, floor, memorised_exempt=False, times=2.0, series="val_loss"):
    """(True, why, extra) when the val loss ends at ``times`` (2x) or more of ``floor`` (what the
    task's good models reach) with its last quarter gaining under 5% of its level, else None; with
    ``memorised_exempt``, not when the train loss ended under half of it (a model that memorised
    its train set is not too small). ``series`` (sixty-fourth batch): the series compared, the
    train loss for train-only runs."""
    m = s.get(series)
    if floor is None or m is None or len(m) < 6 or not np.all(np.isfinite(m.values)):
        return None
    v = np.asarray(m.values, float)
    end = tail(v)
    late, _, _ = _late_gain(v)
    tr = s.get("train_loss") if memorised_exempt else None
    if tr is not None and len(tr) and tail(np.asarray(tr.values, float)) < 0.5 * end:
        return None
    if end < times * floor or late >= 0.05 * end:
        return None
    return True, (f"{m.name if series != 'val_loss' else 'val loss'} ends at {end:.3g}, "
                  f"{end / floor:.1f}x the {floor:.3g} this task's "
                  f"good models reach, levelled (last quarter gains {late:.3g})"), {
                      "acceptable": ["still_improving"]}


def add_floor_check(floors, memorised_exempt=False, times=2.0, series="val_loss"):
    """Chain onto CHECKS["underfitting"] a check for the tasks in ``floors`` (task -> what its
    good models reach): the earlier check, and else ``levelled_above_floor`` (on ``series``)."""
    earlier = CHECKS["underfitting"]

    def check(s, ctx):
        ok, why, extra = earlier(s, ctx)
        found = None if ok else levelled_above_floor(
            s, floors.get(getattr(ctx, "name", "")), memorised_exempt, times, series)
        return found or (ok, why, extra)

    CHECKS["underfitting"] = check


add_floor_check(B32_LOSS_FLOORS)


# ----------------------------------------------------------------------------- thirty-fourth batch
# everyday loops (b34_textbag3, b34_points2d, b34_hetreg): Lightning runs with two val loaders
# write val_loss/dataloader_idx_0 and _1 (and val_acc / val_mae likewise), which the readers keep
# as metrics "loss/dataloader_idx_0" ... of the val split; the checks judge the first loader (the
# val set itself) as the run's val series. Only when such a metric is there: every earlier run is
# read as before.
_b34_prev_read_series = read_series


def read_series(run_dir) -> dict[str, Series]:  # noqa: F811
    """The earlier read_series; for a run with two val loaders the first one's loss and metric
    (dataloader_idx_0) as val_loss / val_metric."""
    s = _b34_prev_read_series(run_dir)
    import pandas as pd

    from curvecli import load_runs
    frames = [run.frame for run in load_runs(str(run_dir)).runs if run.points]
    if not frames:
        return s
    f = pd.concat(frames)
    idx0 = (f.split == "val") & f.metric.astype(str).str.endswith("/dataloader_idx_0")
    if not idx0.any():
        return s
    for key, names in (("val_loss", ("loss",)), ("val_metric", ("acc", "accuracy", "mae"))):
        mask = idx0 & f.metric.astype(str).str.split("/").str[0].isin(names)
        sub = f[mask].sort_values("step", kind="stable")
        if len(sub):
            s[key] = Series(f"val/{sub.metric.iloc[0]}", sub.step.to_numpy(float),
                            sub.value.to_numpy(float))
    return s


_b34_prev_monitored_tag = monitored_tag


def monitored_tag(recipe, regime) -> str:  # noqa: F811
    """The earlier tag; a thirty-fourth batch run with two val loaders: the first loader's."""
    tag = _b34_prev_monitored_tag(recipe, regime)
    if getattr(recipe, "task", "").startswith("b34_") and recipe.writer == "summarywriter":
        return "loss/train" if regime == "loss_spike" else "loss/val"
    if getattr(recipe, "two_val", False) and tag == "val_loss":
        return "val_loss/dataloader_idx_0"
    return tag


_b34_prev_check_loss_spike = check_loss_spike


def check_loss_spike(s, ctx, recipe=None):  # noqa: F811
    """The earlier check; on a thirty-fourth batch task (train loss logged once per epoch) the
    planned bump / poisoned steps are read in the series' units: the epoch holding them (at the
    0-based epoch index in the SummaryWriter loops, at the epoch's last global step in Lightning
    and hf), one logged point per epoch."""
    if recipe is None or not getattr(ctx, "name", "").startswith("b34_"):
        return _b34_prev_check_loss_spike(s, ctx, recipe)
    import math
    from dataclasses import replace
    spe = math.ceil(len(ctx.x_train) / recipe.batch)
    wins = [(a, b) for a, b, _ in recipe.bumps + recipe.poison]
    if recipe.writer == "summarywriter":
        bumps, every = [(a // spe, 1, 1.0) for a, _ in wins], 1
    else:
        bumps, every = [(a, spe, 1.0) for a, _ in wins], spe
    return _b34_prev_check_loss_spike(s, ctx, replace(recipe, bumps=bumps, poison=[],
                                                      log_every=every))


# ----------------------------------------------------------------------------- thirty-third batch
# HF Trainer with custom modules (b33_credit, b33_sensor, b33_objpos): a model too small (a linear
# model on the raw sensor window, a 2-unit MLP on the position regression) levels well below
# chance, so the earlier check calls it healthy. As for the thirty-second batch, the val loss is
# compared with what the task's good models reach (B33_LOSS_FLOORS: the healthy recipes' final val
# loss): a curve levelled at 2x or more of it is underfitting. Only for these tasks.
B33_LOSS_FLOORS = {"b33_credit": 0.22, "b33_sensor": 0.1, "b33_objpos": 0.06}
add_floor_check(B33_LOSS_FLOORS, memorised_exempt=True)


# ----------------------------------------------------------------------------- thirty-fifth batch
# Schedules and losses with their own shapes (b35_cls6, b35_quant4, b35_nllreg): a model too
# small (a 2-unit MLP, a linear model on the quantile shells) levels well below chance, so the
# earlier check calls it healthy. As for the thirty-second and thirty-third batches, the val loss
# is compared with what the task's good models reach (B35_LOSS_FLOORS: the healthy recipes' final
# val loss; with label smoothing 0.1 on the classifiers, and on nll_view's scale for the Gaussian
# NLL, exp(2 (NLL - NLL_0)): NLL ~ -0.55 against NLL_0 0.5): a curve levelled at 1.5x or more of
# it is underfitting. Only for these tasks.
B35_LOSS_FLOORS = {"b35_cls6": 0.72, "b35_quant4": 0.67, "b35_nllreg": 0.12}
add_floor_check(B35_LOSS_FLOORS, memorised_exempt=True, times=1.5)


# ----------------------------------------------------------------------------- thirty-sixth batch
# Fine-tunes with step-logged noise (b36_tab3, b36_blobs6, b36_quant4): a 2-unit body fine-tuned
# from its pretext task creeps down well below chance (1.08 against ln 6 on the blobs), so the
# earlier check calls it still improving. As for the thirty-second and thirty-third batches, the
# val loss is compared with what the task's good fine-tunes reach (B36_LOSS_FLOORS: the healthy
# recipes' final val loss): a curve levelled at 2x or more of it is underfitting, unless the train
# loss ended under half of it (a wide body that memorised its rows). Only for these tasks.
B36_LOSS_FLOORS = {"b36_tab3": 0.48, "b36_blobs6": 0.5, "b36_quant4": 0.19}
add_floor_check(B36_LOSS_FLOORS, memorised_exempt=True)


# ----------------------------------------------------------------------------- thirty-seventh batch
# Augmentation, dropout and BatchNorm (b37_digits16, b37_shapes16, b37_weave16): a 1-channel CNN
# with 2 hidden units sits near chance (ln 10, ln 5) and may creep down. As for the thirty-second
# to thirty-sixth batches, the val loss is compared with what the task's good CNNs reach
# (B37_LOSS_FLOORS: the healthy recipes' final val loss, eval mode): a curve levelled at 2x or more
# of it is underfitting, unless the train loss ended under half of it (a bare CNN that memorised
# its 150 images). Only for these tasks.
B37_LOSS_FLOORS = {"b37_digits16": 0.13, "b37_shapes16": 0.76, "b37_weave16": 0.44}
add_floor_check(B37_LOSS_FLOORS, memorised_exempt=True)


# ----------------------------------------------------------------------------- thirty-eighth batch
# Tiny GPTs trained from scratch on generated streams (b38_grammar_lm, b38_arith_lm,
# b38_markov_lm): a width-4 transformer learns part of the grammar and levels at 2.5 nats, far
# below the unigram entropy (3.42) and chance (ln 40), so the earlier check calls it healthy. As
# for the thirty-second to thirty-seventh batches, the val loss is compared with what the task's
# good models reach (B38_LOSS_FLOORS: the healthy recipes' final val loss; the Markov source's
# entropy rate is 1.60): on these streams a good model's loss is close to the source's entropy, so
# a curve levelled at 1.25x or more of it is underfitting, unless the train loss ended under half
# of it (a model that memorised its 40 windows). Only for these tasks.
B38_LOSS_FLOORS = {"b38_grammar_lm": 2.0, "b38_arith_lm": 1.82, "b38_markov_lm": 1.62}
add_floor_check(B38_LOSS_FLOORS, memorised_exempt=True, times=1.25)


# ----------------------------------------------------------------------------- thirty-ninth batch
# Keras 3 as people use it (b39_fraud2, b39_gesture4, b39_outreg): a 2-unit LSTM / GRU on the
# gestures creeps down from ln 4 and may level far above what the good recurrent models reach. As
# for the thirty-second to thirty-eighth batches, the val loss is compared with that level
# (B39_LOSS_FLOORS: the healthy recipes' final val loss): a curve levelled at 2x or more of it is
# underfitting, unless the train loss ended under half of it (an LSTM(128) that memorised its 120
# sequences). Only for the gestures: the fraud task's class-weighted runs and the regression's
# validation_split runs (outliers in their val slice) have no single good level.
B39_LOSS_FLOORS = {"b39_gesture4": 0.13}
add_floor_check(B39_LOSS_FLOORS, memorised_exempt=True)


# ----------------------------------------------------------------------------- fortieth batch
# Losses other than cross-entropy (b40_outlier_reg: SmoothL1 on targets with 8% outliers,
# b40_tags_ml: BCE over 8 labels, b40_pinball_fc: the 0.9-quantile pinball loss): a 2-unit MLP
# on the tags levels at 0.5, below the mean-prior level (0.53) the earlier check measures
# against. As for the thirty-second to thirty-eighth batches, the val loss is compared with what
# the task's good models reach (B40_LOSS_FLOORS: the healthy recipes' final val loss): a curve
# levelled at 1.5x or more of it is underfitting, unless the train loss ended under half of it (a
# wide MLP that memorised its 150 rows). b40_outlier_reg has no floor: its val outliers move a
# good model's SmoothL1 0.6-0.86 from seed to seed. Only for these tasks.
B40_LOSS_FLOORS = {"b40_tags_ml": 0.34, "b40_pinball_fc": 0.13}
add_floor_check(B40_LOSS_FLOORS, memorised_exempt=True, times=1.5)


# ----------------------------------------------------------------------------- forty-second batch
# HF Trainer with several eval sets (b42_reviews3, b42_digits_ood, b42_claims2): the Trainer is
# given eval_dataset={"in_domain": ..., "shifted": ...} and logs eval_in_domain_loss,
# eval_shifted_loss (and _accuracy, _macro_f1, _mcc) but no eval_loss, which the readers keep as
# metrics "in_domain_loss", "shifted_loss", ... of the val split. The checks judge the in-domain
# set (the val set itself) as the run's val series. Only when such a metric is there and no val
# loss was found: every earlier run is read as before.
_b42_prev_read_series = read_series


def read_series(run_dir) -> dict[str, Series]:  # noqa: F811
    """The earlier read_series; for a run whose only val losses are per named eval set, the
    in-domain set's loss and accuracy as val_loss / val_metric."""
    s = _b42_prev_read_series(run_dir)
    if "val_loss" in s:
        return s
    import pandas as pd

    from curvecli import load_runs
    frames = [run.frame for run in load_runs(str(run_dir)).runs if run.points]
    if not frames:
        return s
    f = pd.concat(frames)
    for key, metric in (("val_loss", "in_domain_loss"), ("val_metric", "in_domain_accuracy")):
        sub = f[(f.split == "val") & (f.metric == metric)].sort_values("step", kind="stable")
        if len(sub):
            s[key] = Series(f"val/{metric}", sub.step.to_numpy(float), sub.value.to_numpy(float))
    return s


# ----------------------------------------------------------------------------- forty-first batch
# Quick experiments as people run them (b41_churn2, b41_topics4, b41_glyphs5): 8-15 evaluations,
# Adam 1e-3. A 2-unit MLP or a linear model levels within 4-6 epochs at 1.3-1.8x what the good
# models reach, well below chance (a 2-unit MLP on the churn task: 0.48 against 0.34, chance
# 0.62). As for the thirty-second to fortieth batches, the val loss is compared with that level
# (B41_LOSS_FLOORS: the healthy recipes' final val loss, the lowest seed's; the glyphs' seeds
# end 0.78-1.06): a curve levelled at 1.3x or more of it is underfitting, unless the train loss
# ended under half of it (a wide MLP that memorised its 300 rows). Only for these tasks.
B41_LOSS_FLOORS = {"b41_churn2": 0.34, "b41_topics4": 0.7, "b41_glyphs5": 0.9}
add_floor_check(B41_LOSS_FLOORS, memorised_exempt=True, times=1.3)


# What the forty-second batch's good models reach on the in-domain eval set (the healthy recipes'
# final eval_in_domain_loss, label smoothing 0.1 included: it lifts a perfect model's loss to
# ~0.2 on 2 classes and ~0.5 on 10): a 2-unit MLP levels at 1.4x or more of it (the reviews at
# 0.91 against 0.62), unless the train loss ended under half of it (a wide MLP that memorised its
# 150 rows). Only for these tasks.
B42_LOSS_FLOORS = {"b42_reviews3": 0.62, "b42_digits_ood": 0.63, "b42_claims2": 0.27}
add_floor_check(B42_LOSS_FLOORS, memorised_exempt=True, times=1.4)


# ----------------------------------------------------------------------------- forty-fourth batch
# Long per-step trainings with few evaluations (b44_sensors6, b44_shells3, b44_moons4): MLPs
# trained for 2,000-6,000 steps, evaluated every 250-500. A 2-unit MLP, or a hot optimiser that
# left the model far above what the good ones reach, levels at 2-6x the good models' val loss
# while still well below chance on the sensors (1.5 against 0.5, chance ln 6 = 1.79). As for the
# thirty-second to forty-second batches, the val loss is compared with that level
# (B44_LOSS_FLOORS: the healthy recipes' final val loss, the lowest seed's): a curve levelled at
# 1.5x or more of it is underfitting, unless the train loss ended under half of it (a wide MLP
# that memorised its 200 rows). Only for these tasks.
B44_LOSS_FLOORS = {"b44_sensors6": 0.5, "b44_shells3": 0.17, "b44_moons4": 0.35}
add_floor_check(B44_LOSS_FLOORS, memorised_exempt=True, times=1.5)


# ----------------------------------------------------------------------------- forty-third batch
# Quick experiments, second round (b43_energy_reg, b43_species8, b43_pulses6): 4-25 evaluations at
# Adam 1e-3. A linear model (a 2-unit MLP at Adam 1e-2 on the pulses, which a linear model reads
# well) levels within 3-5 epochs well above what the good models reach but far below chance, so
# the earlier check ("falls, well below chance") calls it healthy: the scaled regression's linear
# fit levels at 0.27-0.31 against 0.12 (chance 1.0), the 8-class one at 0.95 against 0.46, the
# pulses' 2-unit MLP at 0.71-0.73 against 0.22-0.25. As for the thirty-second to forty-second
# batches, the val loss is compared with B43_LOSS_FLOORS (the healthy torch recipes' final val
# loss, the lowest seed's; the pulses' GRU seeds end 0.22-0.39 still falling, so 0.25): a curve
# levelled at 1.5x or more of it is underfitting, unless the train loss ended under half of it (a
# wide MLP that memorised its 150 rows). Only for these tasks.
B43_LOSS_FLOORS = {"b43_energy_reg": 0.12, "b43_species8": 0.46, "b43_pulses6": 0.25}
add_floor_check(B43_LOSS_FLOORS, memorised_exempt=True, times=1.5)


# ----------------------------------------------------------------------------- forty-fifth batch
# Sparse validation (b45_aniso5, b45_warp_reg, b45_xor4): 2-16 evaluations, one every 2-10
# epochs. A linear model levels within the first two or three evaluations well above what the
# good MLPs reach but below chance (the sheared blobs' linear fit ~0.5-0.76 against 0.27-0.41,
# the XOR's 1.2-1.4 (near chance, ln 4 = 1.39) against 0.35-0.6, the warped regression's
# 0.63-1.25 against 0.15-0.38), which the earlier check ("falls, well below chance") can call
# healthy. As for the thirty-second to forty-fourth batches, the val loss is compared with
# B45_LOSS_FLOORS (the healthy torch recipes' final val loss, the lowest seed's): a curve
# levelled at 1.5x or more of it is underfitting, unless the train loss ended under half of it
# (a wide MLP that memorised its 150-300 rows). Only for these tasks.
B45_LOSS_FLOORS = {"b45_aniso5": 0.27, "b45_warp_reg": 0.15, "b45_xor4": 0.35}
add_floor_check(B45_LOSS_FLOORS, memorised_exempt=True, times=1.5)


# ----------------------------------------------------------------------------- forty-sixth batch
# Unscaled regression (b46_house_price, b46_trip_counts, b46_job_secs): targets in raw units, so
# the first evaluation of a fresh model scores the whole target's square (6e10 on the price in
# dollars, 20 on log1p counts read from raw inputs) and the drop to a good model's level is 10-30x.
# (1) The overfitting check's "rise at least a quarter of the drop to the best" can then never be
# met: a 2x512 MLP on 80 rows whose val MSE climbs from 2.2e9 to 6.7e9 while the train loss falls
# is called healthy. For these tasks only, a val loss that ends 1.1x or more above its best (best
# not in the last 30% of the evaluations, the rise over 3x the noise) while the train loss keeps
# falling is overfitting (the earlier check first).
# (2) A linear model on the log counts levels at 0.59-0.71, an LR-broken model at the mean's loss:
# as for the thirty-second to forty-fifth batches, the val loss is compared with
# B46_LOSS_FLOORS (the healthy torch recipes' final val loss, the lowest seed's): a curve levelled
# at 1.5x or more of it is underfitting, unless the train loss ended under half of it. No floor
# for the seconds: their torch runs train a Huber loss and the hf / Keras runs the MSE.
B46_TASKS = ("b46_house_price", "b46_trip_counts", "b46_job_secs")
B46_LOSS_FLOORS = {"b46_house_price": 1.8e9, "b46_trip_counts": 0.36}
add_floor_check(B46_LOSS_FLOORS, memorised_exempt=True, times=1.5)
def raw_unit_rise(s, ratio: float) -> dict | None:
    """The numbers of a val loss that ends ``ratio`` times its best or more (its best not in
    the last 30% of points, the rise over 3x the noise) while the train loss, finite
    throughout, ends below its level at the val best; else None. The rise of a loss whose first
    evaluation is 10-30x its best (raw-unit targets, windows after the train window) that the
    earlier check, measuring against that first drop, misses (batches 46 and 50)."""
    m, tr = s.get("val_loss"), s.get("train_loss")
    if m is None or tr is None or len(m) < 6 or not np.all(np.isfinite(m.values)) \
            or not np.all(np.isfinite(tr.values)):
        return None
    v = m.values
    b = int(np.argmin(v))
    best, end = float(v[b]), tail(v)
    at_best, after = tr.values[tr.steps <= m.steps[b]], tr.values[tr.steps > m.steps[b]]
    if (b > 0.7 * len(v) or end < ratio * best or end - best < 3 * noise(v) or not len(at_best)
            or not len(after) or tail(after) > np.median(at_best[-max(3, len(at_best) // 10):])):
        return None
    return {"best": best, "best_step": int(m.steps[b]), "end": end, "rise": end / best - 1,
            "last_step": int(m.steps[-1]), "train_end": tail(tr.values), "first": float(v[0])}


def add_raw_unit_rise_check(tasks, ratio: float, reason: str) -> None:
    """Chain onto CHECKS["overfitting"] a check for ``tasks``: the earlier check, and else
    ``raw_unit_rise`` at ``ratio``, its numbers written into ``reason`` (a str.format
    template)."""
    earlier = CHECKS["overfitting"]

    def check(s, ctx):
        ok, why, extra = earlier(s, ctx)
        found = None if ok or getattr(ctx, "name", "") not in tasks else raw_unit_rise(s, ratio)
        if found is None:
            return ok, why, extra
        return True, reason.format(**found), {"onset_step": found["best_step"]}

    CHECKS["overfitting"] = check


# The forty-sixth batch's tasks: a rise of 1.1x above the val best (not late, over 3x the noise)
# with the train loss still falling after it, whatever the first evaluation scored.
add_raw_unit_rise_check(B46_TASKS, 1.1, (
    "val loss best {best:.3g} at step {best_step}, rises to {end:.3g} ({rise:+.0%}) by step "
    "{last_step} while train falls to {train_end:.3g} (raw-unit target: first eval "
    "{first:.3g})"))


# ----------------------------------------------------------------------------- forty-eighth batch
# Small validation sets (b48_few4, b48_quant2, b48_fold3): val sets of 48, 32 and 20 examples. A
# 2-unit hidden layer on the 4 classes levels at 0.42-0.56 against the good models' 0.22
# (chance ln 4 = 1.39), which the earlier check ("falls, well below chance") calls healthy. As
# for the thirty-second to forty-sixth batches, the val loss is compared with B48_LOSS_FLOORS (the
# healthy torch recipe's final val loss, the lowest seed's): a curve levelled at 1.5x or more of
# it is underfitting, unless the train loss ended under half of it (a wide MLP that memorised its
# 60 rows). Only b48_few4: the shells' linear fit sits at ln 2 (the chance check finds it) and
# the five folds of b48_fold3 reach 0.15-0.3, too far apart for one floor.
B48_LOSS_FLOORS = {"b48_few4": 0.22}
add_floor_check(B48_LOSS_FLOORS, memorised_exempt=True, times=1.5)


# ----------------------------------------------------------------------------- forty-seventh batch
# Losses with parts and no natural floor (b47_vae_swiss, b47_glyph_views, b47_hetero_friedman).
# A linear model's Gaussian NLL on b47_hetero_friedman levels at -0.12 to -0.21 against -0.65 to
# -0.79 for the good MLPs: on nll_view's scale 0.24-0.29 against 0.08-0.11, "well below chance"
# (1) by the earlier check, so healthy. As for the thirty-second to forty-sixth batches, the val
# loss (nll_view's scale) is compared with B47_LOSS_FLOORS (the healthy torch recipes' final val
# loss, the lowest seed's): a curve levelled at 2x or more of it is underfitting, unless the train
# loss ended under half of it. Only for this task.
B47_LOSS_FLOORS = {"b47_hetero_friedman": 0.082}
add_floor_check(B47_LOSS_FLOORS, memorised_exempt=True, times=2.0)


# ----------------------------------------------------------------------------- fiftieth batch
# Time-series forecasting with temporal splits (b50_season_fc, b50_shift_fc, b50_walk_fc): the
# val windows come after the train windows in time, and one epoch of 74 steps takes a good model
# most of the way (the noise of the series is most of the loss), so the first evaluation already
# sits near the floor and the total gain is small: as for noisy4 (HIGH_FLOOR_TASKS, eleventh
# batch) that is not "hardly learns" when the loss ends well below the prior's. A window too
# short to see the cycle (an MLP reading the last 2-4 values) levels at 2-3x the good models'
# loss with a curve as flat as theirs; as for the thirty-second to forty-eighth batches, the val
# loss is compared with B50_LOSS_FLOORS (the healthy torch recipe's final val loss, the lowest
# seed's): a curve levelled at 1.6x or more of it is underfitting (the regime shifts, whose
# noisier val regime is most of the MAE: 1.4x), unless the train loss ended under half of it (a
# wide MLP that memorised its 60-100 windows). Only for these tasks.
B50_TASKS = ("b50_season_fc", "b50_shift_fc", "b50_walk_fc")
HIGH_FLOOR_TASKS = HIGH_FLOOR_TASKS + B50_TASKS
B50_LOSS_FLOORS = {"b50_season_fc": 0.29, "b50_walk_fc": 0.026}
add_floor_check(B50_LOSS_FLOORS, memorised_exempt=True, times=1.6)
add_floor_check({"b50_shift_fc": 0.72}, memorised_exempt=True, times=1.4)


# A big model on a short history (60-100 windows, noisy targets) overfits from the first epochs:
# its val best is the first or second evaluation and the val loss climbs 25-40% while the train
# loss falls to nothing, which the earlier check (best at the first evaluations: a rise of half
# the best) calls nothing. For these tasks only, a rise of 1.2x above the val best (not late,
# over 3x the noise) with the train loss still falling after it is overfitting, whatever the
# first evaluation scored (the forty-sixth batch's rule at 1.2x rather than 1.1x).
# The fiftieth batch's tasks: a val loss 1.2x above its best (not late, over 3x the noise) while
# the train loss keeps falling after the best.
add_raw_unit_rise_check(B50_TASKS, 1.2, (
    "val loss best {best:.3g} at step {best_step} (first eval {first:.3g}), rises to "
    "{end:.3g} ({rise:+.0%}) by step {last_step} while train falls to {train_end:.3g}"))


# ----------------------------------------------------------------------------- forty-ninth batch
# Recurrent models and gradient clipping (b49_add_lm, b49_reverse_lm, b49_dyck_lm). A 1x16
# vanilla tanh RNN on the addition levels at 1.6-1.7 and on the reversal at 1.7 against the
# 2x64 LSTMs' 0.22 and 0.025 (chance ln 10 = 2.30): "well below chance" by the earlier check,
# so healthy. As for the thirty-second to forty-eighth batches, the val loss is compared with
# B49_LOSS_FLOORS (the healthy torch recipe's final val loss, the lowest seed's): a curve
# levelled at 2x or more of it is underfitting, unless the train loss ended under half of it.
# The brackets' text is mostly entropy (which bracket opens, when one closes): one epoch of 63
# steps takes a good LSTM most of the way, so its first evaluation already sits near the floor;
# as for noisy4 (HIGH_FLOOR_TASKS, eleventh batch) that is not "hardly learns" when the loss
# ends well below the prior's. Only for these tasks.
HIGH_FLOOR_TASKS = HIGH_FLOOR_TASKS + ("b49_dyck_lm",)
B49_LOSS_FLOORS = {"b49_add_lm": 0.22, "b49_reverse_lm": 0.025}
add_floor_check(B49_LOSS_FLOORS, memorised_exempt=True, times=2.0)


# ----------------------------------------------------------------------------- fifty-second batch
# Low-precision numerics (b52_quant8, b52_hastie2, b52_shells3): MLPs trained in bfloat16 on the
# CPU (autocast, pure bf16, Lightning "bf16-mixed" / "bf16-true", HF bf16=True, Keras
# "mixed_bfloat16"). A pure-bf16 model logs its losses in quantised steps (0.2734375, 0.28125:
# bf16 keeps 8 bits of mantissa, steps of 1/256 to 1/128 near 0.3), which the earlier checks read
# as any other noise. A linear model on the two nonlinear tasks sits at chance (ln 2, ln 3) and
# the tiny MLP on the 8 classes levels at 2-3x the good models' loss; as for the thirty-second to
# fiftieth batches, the val loss is compared with B52_LOSS_FLOORS (the healthy Lightning
# bf16-mixed recipe's final val loss, the lowest of the healthy recipes): a curve levelled at 2x or
# more of it is underfitting, unless the train loss ended under half of it (a wide MLP that
# memorised its 100 rows). The steps a guard skipped (a -inf row's NaN batch) leave no train loss
# point and a non-finite grad norm, which no check reads. Only for these tasks.
B52_TASKS = ("b52_quant8", "b52_hastie2", "b52_shells3")
B52_LOSS_FLOORS = {"b52_quant8": 0.60, "b52_hastie2": 0.16, "b52_shells3": 0.16}
add_floor_check(B52_LOSS_FLOORS, memorised_exempt=True, times=2.0)


# ----------------------------------------------------------------------------- fifty-first batch
# Two-phase fine-tunes logged as one run (b51_digits_ft, b51_quant_ft, b51_cluster_ft): a body
# pre-trained on a related task, a fresh head trained alone, then everything unfrozen. A 1x2
# (tiny) body pre-trained on the coarser task and never unfrozen ends at 1.4-1.8 against the good
# fine-tunes' 0.17-0.40 (chance ln 10 = 2.30, ln 6 = 1.79, ln 8 = 2.08): "well below chance" by
# the earlier check, so healthy. As for the thirty-second to fiftieth batches, the val loss is
# compared with B51_LOSS_FLOORS (the healthy torch recipe's final val loss, the lowest seed's): a
# curve levelled at 2x or more of it is underfitting, unless the train loss ended under half of
# it. Only for these tasks.
B51_LOSS_FLOORS = {"b51_digits_ft": 0.17, "b51_quant_ft": 0.40, "b51_cluster_ft": 0.19}
add_floor_check(B51_LOSS_FLOORS, memorised_exempt=True, times=2.0)


# ----------------------------------------------------------------------------- fifty-fourth batch
# Short fine-tunes of 1-5 epochs (b54_blobs12_ft, b54_friedman4_ft, b54_sparse6_ft): a pre-trained
# body with a fresh head fine-tuned for 1-5 epochs, evaluated once an epoch or every 30-50 steps
# (1-6 evaluations) beside a train loss logged every 10 steps. As for the twenty-sixth batch's
# tasks, a val series of 2-5 points beside 8+ train logs is judged by the few-evaluation checks
# (FEW_EVAL_TASKS) instead of being dropped by the checks that want 6 points; as for the
# thirty-second to fifty-second batches, a val loss levelled at 2x or more of B54_LOSS_FLOORS
# (the healthy torch recipe's final val loss, the lowest seed's) is underfitting, unless the train
# loss ended under half of it. Only for these tasks.
B54_TASKS = ("b54_blobs12_ft", "b54_friedman4_ft", "b54_sparse6_ft")
FEW_EVAL_TASKS = FEW_EVAL_TASKS + B54_TASKS
B54_LOSS_FLOORS = {"b54_blobs12_ft": 0.68, "b54_friedman4_ft": 0.66, "b54_sparse6_ft": 0.70}
add_floor_check(B54_LOSS_FLOORS, memorised_exempt=True, times=2.0)


# ----------------------------------------------------------------------------- fifty-third batch
# Ranking and retrieval (b53_blobs_list, b53_map_pair, b53_digits_trip): dual encoders trained
# with a listwise softmax over 10 candidates (chance ln 10 = 2.30), a pairwise margin hinge or a
# triplet loss (chance: the margin, 1), the val MRR / recall@k / NDCG@5 logged beside the val
# loss. A 2-d linear embedding levels at 0.29-0.34 on the margin tasks, "well below chance" by the
# earlier check, and at 1.74-1.88 on the listwise task against the good encoders' 0.57; as for
# the thirty-second to fifty-second batches, the val loss is compared with B53_LOSS_FLOORS (the
# healthy Adam 1e-3 recipe's lowest final val loss over seeds): a curve levelled at 2x or more of
# it is underfitting, unless the train loss ended under half of it (a wide encoder that memorised
# its 60 queries). Runs logging only the scores have no val loss to compare. Only these tasks.
B53_LOSS_FLOORS = {"b53_blobs_list": 0.57, "b53_map_pair": 0.0073, "b53_digits_trip": 0.054}
add_floor_check(B53_LOSS_FLOORS, memorised_exempt=True, times=2.0)


# ----------------------------------------------------------------------------- fifty-sixth batch
# Val loss and val score disagree (b56_noisy6, b56_imb4, b56_blobs5): MLPs on flipped labels whose
# val loss climbs while the score holds, and models too small. A 2-unit hidden layer levels at
# 1.1 on the 6 classes (0.98 on the overlapping blobs) against the good MLPs' 0.19 (0.46), "well
# below chance" by the earlier check; a linear model on the imbalanced 4 classes levels at 0.56
# with its accuracy at the majority share (0.83) and a low macro-F1, against the good MLPs' 0.38.
# As for the thirty-second to fifty-fourth batches, the val loss is compared with
# B56_LOSS_FLOORS (the healthy torch recipe's lowest final val loss over seeds): a curve levelled
# at 2x (the imbalanced task 1.4x: its prior entropy, 0.6, is near every model's level) or more
# of it is underfitting, unless the train loss ended under half of it. Only these tasks.
B56_LOSS_FLOORS = {"b56_noisy6": 0.19, "b56_blobs5": 0.46}
add_floor_check(B56_LOSS_FLOORS, memorised_exempt=True, times=2.0)
add_floor_check({"b56_imb4": 0.38}, memorised_exempt=True, times=1.4)


# ----------------------------------------------------------------------------- fifty-seventh batch
# Underfitting by causes other than model size (b57_quant3, b57_hastie, b57_wave4, b57_wave4_raw):
# the 2x64 MLP held back by weight decay, an L2 term, dropout 0.8, label smoothing 0.5, a frozen
# random body, an LR 30-100x too low or unnormalised inputs levels at 0.6-1.2 (quant3 and wave4)
# or at chance (hastie), "well below chance" by the earlier check, against the same MLP's 0.15 /
# 0.15 / 0.37 with Adam 1e-3. As for the thirty-second to fifty-sixth batches, the val loss is
# compared with B57_LOSS_FLOORS (the healthy torch recipe's lowest final val loss over seeds; the
# unnormalised copy of b57_wave4 with the normalised one's): a curve levelled at 2x or more of it
# is underfitting, unless the train loss ended under half of it. Only these tasks.
B57_LOSS_FLOORS = {"b57_quant3": 0.146, "b57_hastie": 0.154, "b57_wave4": 0.372,
                   "b57_wave4_raw": 0.372}
add_floor_check(B57_LOSS_FLOORS, memorised_exempt=True, times=2.0)


# ----------------------------------------------------------------------------- fifty-eighth batch
# Late trouble in long runs (b58_class8_long, b58_friedman_long, b58_moons_long): models too
# small on 4,000-step runs keep falling slowly, far above what the 2x64 MLP reaches: a 2-unit
# hidden layer levels at 1.1 on the 8 classes against 0.17, a linear model at 0.25 on the
# standardised Friedman target against 0.018 and at 0.31 on the moons against 0.12, "well below
# chance" by the earlier check. As for the thirty-second to fifty-sixth batches, the val loss is
# compared with B58_LOSS_FLOORS (the healthy torch recipe's lowest final val loss over seeds): a
# curve levelled at 2x or more of it is underfitting, unless the train loss ended under half of
# it. Only these tasks.
B58_LOSS_FLOORS = {"b58_class8_long": 0.17, "b58_friedman_long": 0.018, "b58_moons_long": 0.117}
add_floor_check(B58_LOSS_FLOORS, memorised_exempt=True, times=2.0)


# ----------------------------------------------------------------------------- fifty-ninth batch
# Multi-epoch fine-tunes of small LMs (b59_markov_ft, b59_subtract_ft, b59_grammar_ft): a model
# too small (width 8) levels at 1.3x the good models' loss, "well below chance" (the unigram
# entropy) by the earlier check, and an LM's loss has the source's entropy as its floor, so the
# ratio to the best model never reaches the 2x of the classifier batches. As for the thirty-second
# to fifty-eighth batches, the val loss is compared with B59_LOSS_FLOORS (the lowest final val
# loss the batch's good torch runs reach over seeds, the GRU LMs' on the subtractions): a curve
# levelled at 1.25x or more of it is underfitting, unless the train loss ended under half of it.
B59_LOSS_FLOORS = {"b59_markov_ft": 1.22, "b59_subtract_ft": 1.5, "b59_grammar_ft": 2.2}
add_floor_check(B59_LOSS_FLOORS, memorised_exempt=True, times=1.25)


# ----------------------------------------------------------------------------- sixty-first batch
# Loss spikes in noisy per-step logs (b61_blobs6, b61_friedman1, b61_seqcount): a linear model
# (a 2-unit GRU on the sequences) levels at 4-10x the good models' val loss while still "well
# below chance", so, as for the thirty-second to fifty-ninth batches, the val loss is compared
# with B61_LOSS_FLOORS (the lowest final val loss of the batch's good torch runs over seeds): a
# curve levelled at 2x or more of it is underfitting, unless the train loss ended under half of it.
B61_LOSS_FLOORS = {"b61_blobs6": 0.02, "b61_friedman1": 0.12, "b61_seqcount": 0.018}
add_floor_check(B61_LOSS_FLOORS, memorised_exempt=True, times=2.0)


# ----------------------------------------------------------------------------- sixtieth batch
# Erratic training and its noisy-but-fine twins (b60_blobs7, b60_circles, b60_friedman2): a
# 2-unit hidden layer levels at 1.14 on the 7 overlapping blobs against 0.49, a linear model at
# 0.13 on the standardised Friedman #2 target against 0.008, "well below chance" by the earlier
# check. As for the thirty-second to fifty-ninth batches, the val loss is compared with
# B60_LOSS_FLOORS (the healthy torch recipe's lowest final val loss over seeds): a curve levelled
# at 2x or more of it is underfitting, unless the train loss ended under half of it.
B60_LOSS_FLOORS = {"b60_blobs7": 0.49, "b60_circles": 0.051, "b60_friedman2": 0.0083}
add_floor_check(B60_LOSS_FLOORS, memorised_exempt=True, times=2.0)


# ----------------------------------------------------------------------------- sixty-third batch
# Online data, a fresh sample every batch (b63_quantiles, b63_roll, b63_classif): no train/val
# gap, so a model too small shows only by its level; a 2-unit hidden layer levels at 1.33 on the
# six-class stream against the good 2x64 MLP's 0.43, "well below chance" (1.79) by the earlier
# check. As for the thirty-second to sixty-first batches, the val loss is compared with
# B63_LOSS_FLOORS (the lowest final val loss of the healthy torch runs over seeds 1-3; quoted in
# tasks.B63_GOOD): a curve levelled at 2x or more of it is underfitting, unless the train loss
# ended under half of it.
B63_LOSS_FLOORS = {"b63_quantiles": 0.23, "b63_roll": 0.011, "b63_classif": 0.43}
add_floor_check(B63_LOSS_FLOORS, memorised_exempt=True, times=2.0)


# ----------------------------------------------------------------------------- sixty-second batch
# Training-loop mistakes beside the correct loop (b62_digits, b62_wavereg, b62_seqmode): a linear
# model on the digits levels at 0.21 against the correct loop's 0.055, a 4-unit GRU on the
# sequences at 0.145 against 0.058, and an MLP validated with its dropout on (model.eval()
# forgotten) at 0.31-0.34, all "well below chance" by the earlier check. As for the thirty-second
# to sixty-first batches, the val loss is compared with B62_LOSS_FLOORS (the lowest final val
# loss of the correct loop's torch runs over seeds, the sequences' rounded down): a curve
# levelled at 2.5x or more of it is underfitting, unless the train loss ended under half of it
# (the 2x64 MLP's 0.12 on one seed stays healthy). The regression has no floor: the linear model
# reaches the MLP's level there.
B62_LOSS_FLOORS = {"b62_digits": 0.055, "b62_seqmode": 0.05}
add_floor_check(B62_LOSS_FLOORS, memorised_exempt=True, times=2.5)


# ----------------------------------------------------------------------------- sixty-fourth batch
# Train-only logs (b64_charlm, b64_digits_ae, b64_friedfit): no val series, so the monitored
# series is the train loss, and a model too small shows only by the level its train loss settles
# at: a width-4 GRU LM, a 1-unit autoencoder code and a linear fit of Friedman #1 fall well below
# their first logs ("well below chance" by the earlier check) and, noisy per step, read healthy.
# As for the thirty-second to sixty-third batches, the level is compared with B64_LOSS_FLOORS
# (the good models' final train loss: the lowest of the healthy torch runs for the LM and the
# autoencoder, the cosine runs' level at batch 32 for the Friedman fit; quoted in
# tasks.B64_GOOD), here on the train loss (series="train_loss"): a curve levelled at 1.5x or more
# of it is underfitting.
B64_LOSS_FLOORS = {"b64_charlm": 0.66, "b64_digits_ae": 0.2, "b64_friedfit": 0.02}
add_floor_check(B64_LOSS_FLOORS, times=1.5, series="train_loss")

# The monitored series of a train-only torch run (no val series is written) of these tasks is
# its train loss: the tag as written of the train loss, whatever the regime. Batches 64, 66 and
# 70 add their tasks.
TRAIN_ONLY_TASKS: set[str] = set(B64_LOSS_FLOORS)
_before_train_only_monitored_tag = monitored_tag


def monitored_tag(recipe, regime) -> str:  # noqa: F811
    """The earlier tag; a train-only (``no_val``) torch run of ``TRAIN_ONLY_TASKS``: its train
    loss tag."""
    if getattr(recipe, "task", "") in TRAIN_ONLY_TASKS and getattr(recipe, "no_val", False):
        return _before_train_only_monitored_tag(recipe, "loss_spike")
    return _before_train_only_monitored_tag(recipe, regime)


# ----------------------------------------------------------------------------- sixty-fifth batch
# Small real data sets that ship with scikit-learn (b65_cancer, b65_cancer_raw, b65_diabetes,
# b65_iris), a fresh train/val split per seed on 30-80 val rows: Adam 1e-5 on the raw cancer
# features levels at 0.47 against the raw healthy runs' 0.17-0.24, "well below chance" (0.66)
# by the earlier check and healthy without a floor. As for the thirty-second to sixty-fourth
# batches, the val loss is compared with B65_LOSS_FLOORS (the lowest final val loss of the
# healthy torch runs over seeds 1-3: the raw cancer features' MLP, the diabetes linear fit;
# quoted in tasks.B65_GOOD): a curve levelled at 2x or more of it is underfitting, unless the
# train loss ended under half of it. The standardised cancer rows and iris have no floor: their
# healthy logistic models level at 4-30x the MLP's best seed, the val sets differing by seed.
B65_LOSS_FLOORS = {"b65_cancer_raw": 0.17, "b65_diabetes": 0.34}
add_floor_check(B65_LOSS_FLOORS, memorised_exempt=True, times=2.0)


# ----------------------------------------------------------------------------- sixty-sixth batch
# Train-only logs, a second round (b66_digits_cnn, b66_seqcls, b66_tabreg): no val series, so the
# monitored series is the train loss, and a model too small or an LR so low nothing moves shows
# only by the level its train loss settles at. As for batch 64, the level is compared with
# B66_LOSS_FLOORS (the good models' final train loss, the healthy torch runs'; quoted in
# tasks.B66_GOOD) on the train loss (series="train_loss"): a curve levelled at 1.5x or more of it
# is underfitting.
B66_LOSS_FLOORS = {"b66_digits_cnn": 0.08, "b66_seqcls": 0.08, "b66_tabreg": 0.012}
add_floor_check(B66_LOSS_FLOORS, times=1.5, series="train_loss")

# The monitored series of a sixty-sixth batch train-only torch run is its train loss.
TRAIN_ONLY_TASKS.update(B66_LOSS_FLOORS)


# ----------------------------------------------------------------------------- sixty-seventh batch
# Few evaluations beside a long per-step train loss (b67_seqcls, b67_tagger, b67_friedreg): runs
# of 1-8 epochs validated once an epoch (HF eval_strategy "epoch", Lightning's val loop, a
# SummaryWriter loop) beside the train loss every 1-25 steps. As for the twenty-sixth and
# fifty-fourth batches' tasks, a val series of 2-5 points beside 8+ train logs is judged by the
# few-evaluation checks (FEW_EVAL_TASKS) instead of being dropped by the checks that want 6
# points; as for the thirty-second to sixty-fifth batches, a val loss levelled at 2x or more of
# B67_LOSS_FLOORS (the lowest final val loss of the healthy torch runs over seeds 1-3; quoted in
# tasks.B67_GOOD) is underfitting, unless the train loss ended under half of it (only the runs
# with 6 or more evaluations reach it).
B67_TASKS = ("b67_seqcls", "b67_tagger", "b67_friedreg")
FEW_EVAL_TASKS = FEW_EVAL_TASKS + B67_TASKS
B67_LOSS_FLOORS = {"b67_seqcls": 0.07, "b67_tagger": 0.226, "b67_friedreg": 0.066}
add_floor_check(B67_LOSS_FLOORS, memorised_exempt=True, times=2.0)


# ----------------------------------------------------------------------------- sixty-eighth batch
# Heavy regularisation, the train loss above the val loss (b68_digits, b68_wave, b68_friedreg):
# augmentation and dropout on in train mode only, so the logged train loss sits above the val
# loss. A regulariser too strong levels both losses high, a level only the task knows: as for the
# thirty-second to sixty-seventh batches, a val loss levelled at 2x or more of B68_LOSS_FLOORS
# (the lowest final val loss of the healthy torch runs over seeds 1-3; quoted in tasks.B68_GOOD)
# is underfitting, unless the train loss ended under half of it (the bare wide MLPs on 100-150
# rows memorise).
B68_LOSS_FLOORS = {"b68_digits": 0.095, "b68_wave": 0.029, "b68_friedreg": 0.108}
add_floor_check(B68_LOSS_FLOORS, memorised_exempt=True, times=2.0)


# ----------------------------------------------------------------------------- sixty-ninth batch
# Resumed and restarted trainings (b69_digits, b69_classif, b69_friedreg): as for the
# thirty-second to sixty-eighth batches, a val loss levelled at 2x or more of B69_LOSS_FLOORS
# (about the final val loss of the healthy uninterrupted runs; quoted in tasks.B69_GOOD) is
# underfitting, unless the train loss ended under half of it (the wide MLPs on 150 rows
# memorise); on b69_classif, whose linear fit levels at 1.8x the MLP's 0.52 while the healthy
# runs end within 1.25x of it, at 1.6x.
B69_LOSS_FLOORS = {"b69_digits": 0.09, "b69_friedreg": 0.035}
add_floor_check(B69_LOSS_FLOORS, memorised_exempt=True, times=2.0)
B69_CLASSIF_FLOOR = {"b69_classif": 0.52}
add_floor_check(B69_CLASSIF_FLOOR, memorised_exempt=True, times=1.6)


# ----------------------------------------------------------------------------- seventieth batch
# Long per-step logs of LM-style pre-training (b70_descr_lm, b70_hmm_lm, b70_mul_lm): half of
# the runs evaluate every 100-400 steps, half are train-only (no val series: the monitored series
# is the train loss). A model too small or an LR far too low levels well below the first logs
# ("well below chance" by the earlier check) but above what the good model reaches: as for the
# thirty-second to sixty-ninth batches, the level is compared with B70_LOSS_FLOORS (the good
# models' final loss, the healthy torch runs'; quoted in tasks.B70_GOOD), on the val loss where
# there is one and on the train loss of the train-only runs: a curve levelled at 1.2x or more of
# it is underfitting (the healthy runs end within 1.06x of it; a width-4 model levels at
# 1.25-1.35x on the description text and the products, 1.09x on the HMM).
B70_LOSS_FLOORS = {"b70_descr_lm": 1.85, "b70_hmm_lm": 1.5, "b70_mul_lm": 1.4}
add_floor_check(B70_LOSS_FLOORS, times=1.2)
add_floor_check(B70_LOSS_FLOORS, times=1.2, series="train_loss")
# The sources' loss floors are high (entropy rates 1.65, 1.49 and 0.74 nats against unigram
# entropies of 2.95, 2.32 and 2.53): the first evaluation (step 100-400) already sits near the
# unigram level, so a total gain of 20% is not "hardly learns" when the loss ends well below
# chance (as for noisy4, HIGH_FLOOR_TASKS, eleventh batch).
HIGH_FLOOR_TASKS = HIGH_FLOOR_TASKS + tuple(B70_LOSS_FLOORS)

# The monitored series of a seventieth batch train-only torch run is its train loss.
TRAIN_ONLY_TASKS.update(B70_LOSS_FLOORS)


# ----------------------------------------------------------------------------- seventy-first batch
# Sequence-to-sequence GRUs with a greedy-decode metric beside the val loss (b71_reverse,
# b71_sort, b71_grammar; kind "seq2seq", the twenty-first batch's loss and chance levels): as for
# the thirty-second to sixty-ninth batches, a val loss levelled at 2x or more of B71_LOSS_FLOORS
# (about the final val loss of the healthy torch runs over seeds 1-3; quoted in tasks.B71_GOOD)
# is underfitting, unless the train loss ended under half of it (the wide GRUs on 150 pairs
# memorise): the 4-unit GRU levels at 1.47-2.02, "well below chance" by the earlier check.
B71_LOSS_FLOORS = {"b71_reverse": 0.68, "b71_sort": 0.27, "b71_grammar": 0.009}
add_floor_check(B71_LOSS_FLOORS, memorised_exempt=True, times=2.0)


# ----------------------------------------------------------------------------- seventy-second batch
# Lightning the way typical users write it (b72_churn, b72_classes7, b72_hetreg: train_loss_step
# and train_loss_epoch, val_loss and val_acc / val_f1 / val_mae on_epoch, EarlyStopping on a third
# of the runs): as for the thirty-second to seventy-first batches, a val loss levelled at 2x or
# more of B72_LOSS_FLOORS (the lowest final val loss of the healthy ReduceLROnPlateau runs over
# seeds 1-3; quoted in tasks.B72_GOOD) is underfitting, unless the train loss ended under half of
# it (the wide MLPs on 150 rows memorise). The 2-unit MLP levels at 1.6x (churn) and 2.5x
# (hetreg) but still falls a little: both set to underfitting from the contact sheets.
B72_LOSS_FLOORS = {"b72_churn": 0.23, "b72_classes7": 0.56, "b72_hetreg": 0.12}
add_floor_check(B72_LOSS_FLOORS, memorised_exempt=True, times=2.0)


# ----------------------------------------------------------------------------- seventy-third batch
# HF fine-tunes of a tiny MLM-pre-trained BERT as users write them (b73_intent, b73_urgency,
# b73_slots): as for the thirty-second to seventy-first batches, an eval loss levelled at 2x or
# more of B73_LOSS_FLOORS (about the final eval loss of the healthy runs, seeds 1-3) is
# underfitting, unless the train loss ended under half of it (few examples memorised): a frozen
# encoder on the tagger levels at 0.22 (the good models: 0.01), "near chance" by the earlier
# check because the padding tokens make the tag accuracy high from the first evaluation.
B73_LOSS_FLOORS = {"b73_intent": 0.7, "b73_urgency": 0.7, "b73_slots": 0.012}
add_floor_check(B73_LOSS_FLOORS, memorised_exempt=True, times=2.0)


# ----------------------------------------------------------------------------- seventy-fourth batch
# SummaryWriter the way typical PyTorch users write it (b74_digits, b74_waves, b74_table:
# Loss/train every N batches or the epoch mean, Loss/val and Accuracy/val once an epoch, at the
# epoch index or the global step): as for the thirty-second to seventy-third batches, a val loss
# levelled at 2x or more of B74_LOSS_FLOORS (the lowest final val loss of the healthy Adam runs
# over seeds 1-3; quoted in tasks.B74_GOOD) is underfitting, unless the train loss ended under
# half of it (the wide models on 150 rows memorise).
B74_LOSS_FLOORS = {"b74_digits": 0.07, "b74_waves": 0.05, "b74_table": 0.52}
add_floor_check(B74_LOSS_FLOORS, memorised_exempt=True, times=2.0)
