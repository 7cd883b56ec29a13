"""Diagnose reports as JSON (DESIGN.md's schema) and as Markdown for CI summaries."""

from __future__ import annotations

import json

from curvecli.analysis.report import RunReport, format_number

SCHEMA_VERSION = 1


def to_json(reports: list[RunReport]) -> str:
    return json.dumps({"version": SCHEMA_VERSION, "runs": [r.to_dict() for r in reports]},
                      indent=2, allow_nan=False)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(reports: list[RunReport]) -> str:
    lines = ["## curvecli diagnose", "",
             "| run | verdict | confidence | monitored | best step | best value | wasted "
             "| findings |",
             "|---|---|---:|---|---:|---:|---:|---|"]
    for report in reports:
        best = report.best
        codes = report.key_findings(limit=6)
        lines.append(
            f"| {_cell(report.run)} | **{report.verdict}** | {format_number(report.confidence)} | "
            f"{_cell(report.monitored or '-')} | "
            f"{best.step if best else '-'} | {format_number(best.value) if best else '-'} | "
            f"{'-' if report.wasted_fraction is None else f'{report.wasted_fraction:.0%}'} | "
            f"{_cell(', '.join(codes)) or '-'} |")
    details = [r for r in reports if r.findings or r.notes]
    if details:
        lines += ["", "### Findings", ""]
    for report in details:
        lines.append(f"**{_cell(report.run)}**")
        lines.append("")
        for note in report.notes:
            lines.append(f"- note: {note}")
        for finding in report.findings:
            advice = f" — try: {'; '.join(finding.advice[:2])}" if finding.advice else ""
            lines.append(f"- `{finding.code}` ({finding.severity}): {finding.message}{advice}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
