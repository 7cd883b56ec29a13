"""Contact sheets of a labelled corpus: one panel per run, 16 per PNG page.

Each panel draws the run's key curves as curvecli reads them (train loss, val loss on
the left axis, log scale when they span a decade; val accuracy / metric and the LR on a
right axis) and is titled with the run key, the label and the cause.

    python benchmarks/corpus/contact_sheet.py --labels <corpus>/labels-torch.json --out /tmp/sheets/torch
        [--only SUBSTRING] [--per-page 16] [--verdict healthy]
"""
from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def draw_panel(ax, run_dir: Path, key: str, label: dict) -> None:
    """One run: losses on `ax`, val metric and LR (rescaled) on a twin axis."""
    from corpus_checks import read_series
    s = read_series(run_dir)
    finite = []
    for name, color, lw in (("train_loss", "tab:blue", 0.6), ("val_loss", "tab:red", 1.4)):
        if name in s:
            x = s[name]
            ax.plot(x.steps, x.values, color=color, lw=lw, marker="o" if len(x) < 40 else None, ms=2,
                    label=x.name)
            bad = ~np.isfinite(x.values)
            if bad.any():
                ax.plot(x.steps[bad], np.zeros(bad.sum()), "x", color="k", ms=4, label="NaN/inf")
            finite.extend(x.values[np.isfinite(x.values)])
    if finite:
        v = s["val_loss"].values if "val_loss" in s else np.asarray(finite)
        v = v[np.isfinite(v)] if np.isfinite(v).any() else np.asarray(finite)
        top = max(np.max(v), np.percentile(finite, 98)) if len(v) else np.max(finite)
        lo = max(np.min(v), np.percentile(finite, 1)) if len(v) else np.min(finite)
        if lo > 0 and top / lo > 50:      # NaN runs, exploding losses: log scale
            ax.set_yscale("log")
        else:
            ax.set_ylim(0, top * 1.1)
    ax2 = ax.twinx()
    if "val_metric" in s:
        m = s["val_metric"]
        ax2.plot(m.steps, m.values, color="tab:green", lw=1.0, marker="." if len(m) < 40 else None,
                 label=m.name)
    if "lr" in s and np.nanmax(s["lr"].values) > 0:
        lr = s["lr"]
        top = max(1.0, np.nanmax(s["val_metric"].values)) if "val_metric" in s else 1.0
        ax2.plot(lr.steps, lr.values / np.nanmax(lr.values) * top, color="0.6", lw=0.7, ls="--",
                 label=f"lr (max {np.nanmax(lr.values):.2g})")
    ax2.tick_params(labelsize=5)
    ax.tick_params(labelsize=5)
    for st in label.get("spike_steps") or []:
        ax.axvline(st, color="orange", lw=0.6, ls=":")
    if label.get("onset_step") is not None:
        ax.axvline(label["onset_step"], color="purple", lw=0.6, ls=":")
    verdict = label["verdict"] + (f" (ok: {','.join(label['acceptable'])})" if label.get("acceptable") else "")
    if label.get("relabelled"):
        verdict += " [relabelled]"
    title = f"{key}\n{verdict}\n" + textwrap.shorten(label.get("cause", ""), 150)
    ax.set_title("\n".join(textwrap.wrap(title, 70, replace_whitespace=False)), fontsize=5.5)
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = ax2.get_legend_handles_labels()
    ax.legend(h1 + h2, l1 + l2, fontsize=4.5, loc="upper right", framealpha=0.6)


def main(argv=None) -> int:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", required=True)
    ap.add_argument("--out", required=True, help="output directory (PNG pages sheet-NN.png)")
    ap.add_argument("--corpus", default=None, help="corpus root (default: the labels file's folder)")
    ap.add_argument("--only", default=None, help="only keys containing SUBSTRING (comma = any of)")
    ap.add_argument("--verdict", default=None, help="only runs with this verdict")
    ap.add_argument("--per-page", type=int, default=16)
    args = ap.parse_args(argv)
    labels = json.loads(Path(args.labels).read_text())
    root = Path(args.corpus) if args.corpus else Path(args.labels).parent
    keys = sorted(labels, key=lambda k: (labels[k]["verdict"], k.split("/")[1], k))
    if args.only:
        keys = [k for k in keys if any(s in k for s in args.only.split(","))]
    if args.verdict:
        keys = [k for k in keys if labels[k]["verdict"] == args.verdict]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    n = args.per_page
    cols = 4
    for page, i in enumerate(range(0, len(keys), n)):
        chunk = keys[i:i + n]
        rows = -(-len(chunk) // cols)
        fig, axes = plt.subplots(rows, cols, figsize=(16, 3.6 * rows), squeeze=False)
        for ax, key in zip(axes.flat, chunk):
            try:
                draw_panel(ax, root / key, key, labels[key])
            except Exception as exc:  # a broken run should not stop the sheet
                ax.set_title(f"{key}\nERROR {exc}", fontsize=6)
        for ax in list(axes.flat)[len(chunk):]:
            ax.axis("off")
        fig.tight_layout()
        path = out / f"sheet-{page + 1:02d}.png"
        fig.savefig(path, dpi=110)
        plt.close(fig)
        print(path, f"({len(chunk)} runs: {chunk[0]} .. {chunk[-1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
