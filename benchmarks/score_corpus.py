#!/usr/bin/env python
"""Score `diagnose` verdicts on the labelled corpus, split by split (run by hand).

Label sources:

* the generated corpus (``$CURVECLI_CORPUS``, default ``benchmarks/_data/corpus``): every
  ``labels-*.json`` there; each label carries its split (``dev`` or ``test``, by task);
  verdicts in ``benchmarks/corpus/audit.json`` (set by eye from contact sheets, without
  looking at curvecli's verdicts) replace the generators' (``--no-audit`` to ignore them);
* ``tests/data/labelled/labels.json``: the public runs judged by eye (split ``real``), the
  seed examples (``seed``) and the first generated set (``legacy``, tuned on: count it as dev);
* ``benchmarks/public_runs/labels.json``: 43 more public logs collected and judged by eye after
  the rules were written (split ``public_runs``), and any folder given with ``--labelled``.

For each split it prints the accuracy (a verdict is right when it is the label or in its
``acceptable`` list), the healthy runs called overfitting/diverging/erratic, recall per
regime, the confusion matrix (rows: label, columns: verdict) and a reliability table of the
verdicts' confidence. ``--invariance`` also checks that x10 scaling of the losses and
thinning to every 5th point change no verdict (a change is excused, and counted apart, when the
full run's verdict was loss_spike and every deciding spike was shorter than 5 points, which
thinning may skip). ``--wrong`` lists the runs scored wrong; ``--task T`` / ``--skip-task T``
score one corpus task or leave it out (a new batch scored alone, before tuning on it).

    python benchmarks/score_corpus.py                      # every split
    python benchmarks/score_corpus.py --split test --wrong
    python benchmarks/score_corpus.py --split test --invariance
    python benchmarks/score_corpus.py --dump /tmp/scores.json   # per-run results

Tune on dev (and legacy); report test and real. Never tune on test.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
LABELLED = REPO / "tests" / "data" / "labelled"
CORPUS = Path(os.environ.get("CURVECLI_CORPUS", REPO / "benchmarks" / "_data" / "corpus"))
FORBIDDEN_FOR_HEALTHY = {"overfitting", "diverging", "erratic"}
THIN = 5  # thinning keeps every 5th point; a spike shorter than this may vanish (issue #11)
VERDICTS = ("healthy", "overfitting", "underfitting", "erratic", "diverging", "loss_spike",
            "still_improving", "insufficient_data")
CONFIDENCE_BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)


AUDIT = REPO / "benchmarks" / "corpus" / "audit.json"
PUBLIC_RUNS = REPO / "benchmarks" / "public_runs"  # public logs labelled by eye after the rules


def collect_labels(corpus: Path, audit: bool = True, extra: tuple[Path, ...] = ()) -> list[dict]:
    """Every label with its path and split; a verdict in ``corpus/audit.json`` (the runs
    looked at by eye after generation) replaces the generator's, which stays as
    ``constructed``. Each ``extra`` folder holds more labelled runs in a ``labels.json``
    keyed by their path under it (split: the entry's, else the folder's name)."""
    reviewed = json.loads(AUDIT.read_text()) if audit and AUDIT.exists() else {}
    entries = []
    missing = 0
    for labels_file in sorted(corpus.glob("labels-*.json")):
        for key, label in json.loads(labels_file.read_text()).items():
            if not (corpus / key).exists():
                missing += 1
                continue
            if key in reviewed:
                label = {**label, "constructed": label["verdict"],
                         "verdict": reviewed[key]["verdict"],
                         "acceptable": reviewed[key].get("acceptable", [])}
            entries.append({**label, "key": key, "path": str(corpus / key),
                            "split": label.get("split", "dev")})
    if missing:
        print(f"warning: {missing} labelled runs are not on disk (regenerate them)",
              file=sys.stderr)
    for key, label in json.loads((LABELLED / "labels.json").read_text()).items():
        split = {"real": "real", "seed": "seed"}.get(label.get("origin"), "legacy")
        entries.append({**label, "key": key, "path": str(LABELLED / key), "split": split})
    for folder in extra:
        for key, label in json.loads((folder / "labels.json").read_text()).items():
            entries.append({**label, "key": key, "path": str(folder / key),
                            "split": label.get("split", folder.name)})
    return entries


def _transformed(log, kind: str):
    from curvecli.frame import RunLog

    frame = log.frame.copy()
    if kind == "scale":
        losses = frame["metric"].astype(str).str.contains("loss")
        frame.loc[losses, "value"] *= 10
    else:
        parts = [group.iloc[::THIN] if len(group) >= 50 else group
                 for _, group in frame.groupby(["split", "metric"], observed=True, sort=False)]
        frame = pd.concat(parts).sort_index()
    return RunLog(log.run, log.source, frame.reset_index(drop=True), log.files, [], log.meta)


def judge(entry: dict, invariance: bool = False) -> dict:
    """Diagnose one labelled run: the run with the most points when a path holds several, or,
    for a key ``<path>#<name>``, the run of that file whose id ends with ``/<name>``
    (``training_log.csv#session=2``: one training of a file that holds several)."""
    from curvecli import load_runs
    from curvecli.analysis.confidence import confidence_key
    from curvecli.analysis.diagnose import diagnose_run

    result = {"key": entry["key"], "split": entry["split"], "label": entry["verdict"],
              "acceptable": entry.get("acceptable", [])}
    try:
        path, _, wanted = entry["path"].partition("#")
        runs = [run for run in load_runs(path).runs if run.points
                and (not wanted or run.run.endswith("/" + wanted))]
        if not runs:
            return {**result, "verdict": "insufficient_data", "confidence": None, "codes": [],
                    "scaled": "insufficient_data", "thinned": "insufficient_data",
                    "how": "insufficient_data||"}
        log = max(runs, key=lambda run: run.points)
        report = diagnose_run(log)
    except Exception as error:  # noqa: BLE001 - a benchmark reports and goes on
        return {**result, "verdict": "error", "error": f"{type(error).__name__}: {error}"}
    spikes = [f.evidence.get("points", 1) for f in report.findings
              if f.code == "loss_spike" and f.severity == "warning"]
    result.update(verdict=report.verdict, confidence=report.confidence,
                  short_spike=report.verdict == "loss_spike" and max(spikes, default=1) < THIN,
                  codes=sorted({f.code for f in report.findings}), monitored=report.monitored,
                  how=confidence_key(report.verdict, report.findings, report.monitored))
    if invariance:
        result["scaled"] = diagnose_run(_transformed(log, "scale")).verdict
        result["thinned"] = diagnose_run(_transformed(log, "thin")).verdict
    return result


def is_right(result: dict) -> bool:
    return result["verdict"] == result["label"] or result["verdict"] in result["acceptable"]


def _confusion(results: list[dict]) -> str:
    labels = [v for v in VERDICTS if any(r["label"] == v for r in results)]
    got = [v for v in VERDICTS if any(r["verdict"] == v for r in results)]
    got += sorted({r["verdict"] for r in results} - set(got))
    counts = Counter((r["label"], r["verdict"]) for r in results)
    short = {v: v[:9] for v in got}
    lines = ["label \\ verdict".ljust(18) + " ".join(short[v].rjust(9) for v in got)]
    for label in labels:
        lines.append(label[:17].ljust(18) + " ".join(
            str(counts.get((label, v), "")).rjust(9) for v in got))
    return "\n".join(lines)


def _reliability(results: list[dict]) -> str:
    scored = [r for r in results if isinstance(r.get("confidence"), (int, float))]
    if not scored:
        return "no confidence reported"
    lines, gap = ["confidence   runs  mean conf  right"], 0.0
    for low, high in zip(CONFIDENCE_BINS, CONFIDENCE_BINS[1:]):
        inside = [r for r in scored if low <= r["confidence"] < high]
        if not inside:
            continue
        mean = float(np.mean([r["confidence"] for r in inside]))
        right = float(np.mean([is_right(r) for r in inside]))
        gap += len(inside) * abs(mean - right)
        lines.append(f"{low:.1f}-{min(high, 1.0):.1f}   {len(inside):5d}  {mean:9.2f}  "
                     f"{right:5.2f}")
    lines.append(f"expected calibration error: {gap / len(scored):.3f}")
    return "\n".join(lines)


def summarise(split: str, results: list[dict], wrong: bool, invariance: bool) -> None:
    right = sum(is_right(r) for r in results)
    alarms = [r for r in results if r["label"] == "healthy" and not is_right(r)
              and r["verdict"] in FORBIDDEN_FOR_HEALTHY]
    print(f"\n## {split}: {right}/{len(results)} right ({right / len(results):.1%}); "
          f"healthy called overfitting/diverging/erratic: {len(alarms)}")
    recall = defaultdict(list)
    for r in results:
        recall[r["label"]].append(is_right(r))
    print("recall: " + ", ".join(f"{label} {sum(oks)}/{len(oks)}"
                                 for label, oks in sorted(recall.items())))
    print(_confusion(results))
    print(_reliability(results))
    if invariance:
        for kind in ("scaled", "thinned"):
            changed = [r for r in results if r.get(kind, r["verdict"]) != r["verdict"]]
            excused = [r for r in changed if kind == "thinned" and r.get("short_spike")]
            print(f"{kind}: {len(changed) - len(excused)} verdicts changed"
                  + (f" (and {len(excused)} spike(s) shorter than {THIN} points vanished)"
                     if excused else "")
                  + "".join(f"\n   {r['key']}: {r['verdict']} -> {r[kind]}"
                            + ("  [short spike]" if r in excused else "") for r in changed))
    if wrong:
        for r in sorted(results, key=lambda r: r["key"]):
            if not is_right(r):
                print(f"  WRONG {r['key']}: label {r['label']} got {r['verdict']} "
                      f"(conf {r.get('confidence')}) {r.get('codes')} on {r.get('monitored')}"
                      + (f" ERROR {r['error']}" if "error" in r else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", action="append", help="dev, test, real, seed, legacy")
    parser.add_argument("--only", help="score labels whose key contains this text")
    parser.add_argument("--task", action="append", help="score only this corpus task")
    parser.add_argument("--skip-task", action="append", default=[],
                        help="leave this corpus task out")
    parser.add_argument("--wrong", action="store_true", help="list the runs scored wrong")
    parser.add_argument("--invariance", action="store_true", help="x10 scaling and thinning")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--dump", type=Path, help="write per-run results as JSON")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--labelled", type=Path, action="append", default=[PUBLIC_RUNS],
                        help="a folder of more labelled runs (its labels.json); "
                             "benchmarks/public_runs is always scored")
    parser.add_argument("--no-audit", action="store_true",
                        help="score against the generators' labels, not corpus/audit.json")
    args = parser.parse_args(argv)
    entries = [e for e in collect_labels(args.corpus, audit=not args.no_audit,
                                              extra=tuple(args.labelled))
               if (not args.split or e["split"] in args.split)
               and (not args.only or args.only in e["key"])
               and (not args.task or e.get("task") in args.task)
               and e.get("task") not in args.skip_task]
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(judge, entries, [args.invariance] * len(entries), chunksize=4))
    by_split = defaultdict(list)
    for result in results:
        by_split[result["split"]].append(result)
    known = ("dev", "legacy", "test", "real", "seed")
    for split in known + tuple(sorted(set(by_split) - set(known))):
        if by_split.get(split):
            summarise(split, by_split[split], args.wrong, args.invariance)
    if args.dump:
        args.dump.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
