"""Statistics for tuning packs: per rule and period, how many findings the record holds and how
many of them were accepted, by waiver, approval or baseline. A rule whose findings are mostly
waived is a noisy rule: its authors keep telling it that it was wrong."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Mapping

from .records import read_records, record_day

PERIODS = ("day", "week", "month")


def period_of(day: dt.date, period: str) -> str:
    """The name of the `period` ("day", "week" or "month") that holds `day`: 2026-03-02,
    2026-W10 (ISO weeks, so a week is never split by a new year) or 2026-03."""
    if period == "day":
        return day.isoformat()
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "month":
        return f"{day.year}-{day.month:02d}"
    raise ValueError(f"period must be one of {', '.join(PERIODS)}")


@dataclass(frozen=True)
class RuleStats:
    """One rule in one period: its findings (counted and accepted) and how many of those a
    waiver, an approval or the baseline accepted."""
    rule: str
    period: str
    findings: int = 0
    waived: int = 0
    approved: int = 0
    baselined: int = 0

    @property
    def waived_share(self) -> float:
        """The share of the findings that were waived: the noisy-rule signal."""
        return self.waived / self.findings if self.findings else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "waived_share": round(self.waived_share, 4)}


_COLUMN = {"waiver": "waived", "approval": "approved", "baseline": "baselined"}


def rule_stats(folder: str | Path, period: str = "day") -> list[RuleStats]:
    """The statistics of every rule with findings in the check records of `folder`, per
    `period`, most findings first (then by rule and period). AuditError for a record line
    that is not JSON."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}")
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for _, _, record in read_records(folder):
        if record.get("kind") != "check":
            continue
        name = period_of(record_day(record), period)
        for finding in [*record.get("findings", ()), *record.get("suppressed", ())]:
            row = counts.setdefault((finding["rule"], name), dict.fromkeys(("findings", *_COLUMN.values()), 0))
            row["findings"] += 1
            kind = (finding.get("suppression") or {}).get("kind")
            if kind in _COLUMN:
                row[_COLUMN[kind]] += 1
    rows = [RuleStats(rule, name, **row) for (rule, name), row in counts.items()]
    return sorted(rows, key=lambda r: (-r.findings, r.rule, r.period))


def format_stats(rows: list[RuleStats]) -> str:
    """`rows` as a text table, one line a rule and period."""
    header = ("rule", "period", "findings", "waived", "approved", "baselined", "waived share")
    lines = [header] + [(r.rule, r.period, str(r.findings), str(r.waived), str(r.approved), str(r.baselined),
                         f"{r.waived_share:.0%}") for r in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in
                               enumerate(zip(line, widths))).rstrip() for line in lines)
