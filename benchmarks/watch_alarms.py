"""How `watch` would have alarmed on the labelled corpus, replayed as it trained (run by hand).

Each corpus run is cut at 10%, 20%, ..., 100% of its last step (every series keeps its points
up to the cut, as a live log would hold them) and judged at each cut with the watcher's rule
(``curvecli.watch``: the findings of ``LIVE_CODES`` with severity warning or error). Printed
per split (dev, test) and label:

* false alarms: runs labelled ``healthy`` or ``still_improving`` that raised any alarm at
  any cut, and which finding did;
* detection: runs labelled ``diverging`` whose ``diverging``/``non_finite`` alarm came at
  some cut, and the earliest cut (share of the run) at which it did.

    python benchmarks/watch_alarms.py [--split dev] [--cuts 10]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from score_corpus import CORPUS, collect_labels  # noqa: E402

ALARM_SEVERITIES = ("warning", "error")


def replay(entry: dict, cuts: int) -> dict:
    """The alarms raised at each cut of one run: [(share, [codes])]."""
    from curvecli import load_runs
    from curvecli.analysis.diagnose import diagnose_run
    from curvecli.frame import RunLog
    from curvecli.watch import LIVE_CODES

    runs = [run for run in load_runs(entry["path"]).runs if run.points]
    result = {"key": entry["key"], "split": entry["split"], "label": entry["verdict"],
              "cuts": []}
    if not runs:
        return result
    log = max(runs, key=lambda run: run.points)
    first, last = int(log.frame["step"].min()), int(log.frame["step"].max())
    for index in range(1, cuts + 1):
        share = index / cuts
        cut = first + (last - first) * share
        frame = log.frame[log.frame["step"] <= cut].reset_index(drop=True)
        if frame.empty:
            continue
        report = diagnose_run(RunLog(log.run, log.source, frame, log.files, [], log.meta))
        codes = sorted({f.code for f in report.findings
                        if f.code in LIVE_CODES and f.severity in ALARM_SEVERITIES})
        result["cuts"].append((share, codes))
    return result


def confirmed(cuts: list) -> list:
    """The watcher's rule: a finding of ``CONFIRM_CODES`` counts once it held at two
    judgements in a row (or at the last one, the finished run)."""
    from curvecli.watch import CONFIRM_CODES

    kept = []
    for index, (share, codes) in enumerate(cuts):
        later = set(cuts[index + 1][1]) if index + 1 < len(cuts) else set(codes)
        kept.append((share, [c for c in codes if c not in CONFIRM_CODES or c in later]))
    return kept


def summarise(results: list[dict]) -> None:
    for r in results:
        r["cuts"] = confirmed(r["cuts"])
    for split in sorted({r["split"] for r in results}):
        part = [r for r in results if r["split"] == split]
        quiet = [r for r in part if r["label"] in ("healthy", "still_improving")]
        alarmed = [r for r in quiet if any(codes for _, codes in r["cuts"])]
        why = Counter(code for r in alarmed for code in {c for _, cs in r["cuts"] for c in cs})
        print(f"## {split}: false alarms on {len(alarmed)}/{len(quiet)} healthy or "
              f"still-improving runs replayed live ({dict(why)})")
        for r in alarmed:
            first = next((share, codes) for share, codes in r["cuts"] if codes)
            print(f"   {r['key']} ({r['label']}): {first[1]} from {first[0]:.0%} of the run")
        diverging = [r for r in part if r["label"] == "diverging"]
        when = []
        for r in diverging:
            hit = [share for share, codes in r["cuts"]
                   if {"diverging", "non_finite"} & set(codes)]
            when.append(hit[0] if hit else None)
        found = [w for w in when if w is not None]
        spread = Counter(f"{w:.0%}" for w in found)
        print(f"   diverging runs alarmed: {len(found)}/{len(diverging)}; earliest cut: "
              f"{dict(sorted(spread.items()))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", action="append", help="dev, test (default both)")
    parser.add_argument("--cuts", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args()
    splits = args.split or ["dev", "test"]
    entries = [e for e in collect_labels(CORPUS) if e["split"] in splits]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(replay, entries, [args.cuts] * len(entries), chunksize=4))
    summarise(results)
    if args.dump:
        args.dump.write_text(json.dumps(results, indent=1))
    by_label = defaultdict(int)
    for r in results:
        by_label[r["label"]] += 1
    print(f"{len(results)} runs replayed at {args.cuts} cuts each: {dict(by_label)}")


if __name__ == "__main__":
    main()
