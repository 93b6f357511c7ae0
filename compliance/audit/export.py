"""Export: a self-contained bundle of the audit record for a period, for an auditor.

The bundle folder holds `records.jsonl` (the selected check records and the approvals of
the content they checked, each exactly as recorded, in record order), `rulesets/` (the rule
sets those checks used, policy text included, named by content hash), `report.html` (a
readable report that needs nothing but a browser) and `chain.json` (the source folder's
verification result at export time, the source chain's last record, the seq and hash of
every exported record, and the SHA-256 of every other file). `verify_bundle` checks a bundle
offline, and against its source folder when that is at hand.
"""
from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import html
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from .. import __version__
from .records import AuditError, canonical, read_records, record_day, record_hash, verify

BUNDLE_VERSION = 1
RECORDS, CHAIN, REPORT, RULESETS = "records.jsonl", "chain.json", "report.html", "rulesets"


def _all_findings(record: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [*record.get("findings", ()), *record.get("suppressed", ())]


def select(folder: str | Path, since: dt.date, until: dt.date, rule: str | None = None,
           author: str | None = None) -> list[dict[str, Any]]:
    """The check records of `folder` made from `since` to `until` (UTC days, both included),
    with a finding (counted or accepted) of a rule matching the glob `rule` and by `author`
    (the metadata's) when given, and every approval of content one of them checked, whenever
    it was given; in record order."""
    records = [r for _, _, r in read_records(folder)]
    checks = [r for r in records if r.get("kind") == "check" and since <= record_day(r) <= until
              and (rule is None or any(fnmatch.fnmatchcase(f["rule"], rule) for f in _all_findings(r)))
              and (author is None or (r.get("metadata") or {}).get("author") == author)]
    content = {r["content_sha256"] for r in checks}
    chosen = {id(r) for r in checks}
    return [r for r in records if id(r) in chosen
            or (r.get("kind") == "approval" and r.get("content_sha256") in content)]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _link(record: Mapping[str, Any] | None) -> dict[str, Any] | None:
    return None if record is None else {"seq": record.get("seq"), "hash": record.get("hash")}


@dataclass(frozen=True)
class Export:
    """What `export` wrote: the bundle folder, how many check and approval records, the rule
    sets, and the source folder's verification problem (None: its chain was intact)."""
    bundle: Path
    checks: int
    approvals: int
    rule_sets: int
    problem: str | None


def export(folder: str | Path, bundle: str | Path, since: dt.date, until: dt.date, rule: str | None = None,
           author: str | None = None, now: dt.datetime | None = None) -> Export:
    """Write the bundle of the records `select` chooses to the folder `bundle` (made; it must
    not exist or be empty). A broken source chain does not stop the export: the bundle says
    so. AuditError when the source cannot be read, a rule set is not archived, or the bundle
    cannot be written."""
    source, bundle = Path(folder), Path(bundle)
    if not source.is_dir():
        raise AuditError(f"{source}: no such record folder")
    if bundle.exists() and (not bundle.is_dir() or any(bundle.iterdir())):
        raise AuditError(f"{bundle}: already exists and is not an empty folder")
    chosen = select(source, since, until, rule, author)
    verification = verify(source)
    last = None
    for _, _, last in read_records(source):
        pass
    checks = [r for r in chosen if r.get("kind") == "check"]
    digests = sorted({r["rule_set_sha256"] for r in checks})
    try:
        (bundle / RULESETS).mkdir(parents=True, exist_ok=True)
        for digest in digests:
            archived = source / RULESETS / f"{digest}.json"
            if not archived.is_file():
                raise AuditError(f"{archived}: the rule set of a selected record is not archived")
            shutil.copyfile(archived, bundle / RULESETS / archived.name)
        # Records are written as the chain hashed them (canonical JSON), so they are the
        # recorded records field for field and their hashes verify.
        (bundle / RECORDS).write_bytes(b"".join(canonical(r) + b"\n" for r in chosen))
        policies = {d: json.loads((bundle / RULESETS / f"{d}.json").read_text("utf-8")) for d in digests}
        summary = {"source": str(source.resolve()), "since": since.isoformat(), "until": until.isoformat(),
                   "rule": rule, "author": author, "records": verification.records, "problem": verification.problem}
        (bundle / REPORT).write_text(render_report(chosen, policies, summary), "utf-8")
        files = {name: _sha256(bundle / name) for name in
                 [RECORDS, REPORT, *(f"{RULESETS}/{d}.json" for d in digests)]}
        chain = {
            "bundle_version": BUNDLE_VERSION, "engine": __version__, "source": summary["source"],
            "exported": (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).isoformat(),
            "selection": {"since": summary["since"], "until": summary["until"], "rule": rule, "author": author},
            "source_chain": {"records": verification.records, "intact": verification.ok,
                             "problem": verification.problem, "last": _link(last)},
            "records": {"count": len(chosen), "checks": len(checks), "approvals": len(chosen) - len(checks),
                        "first": _link(chosen[0] if chosen else None), "last": _link(chosen[-1] if chosen else None),
                        "links": [_link(r) for r in chosen]},
            "files": files,
        }
        (bundle / CHAIN).write_text(json.dumps(chain, indent=2, ensure_ascii=False) + "\n", "utf-8")
    except OSError as exc:
        raise AuditError(f"{bundle}: cannot write the bundle: {exc.strerror or exc}") from None
    return Export(bundle, len(checks), len(chosen) - len(checks), len(digests), verification.problem)


@dataclass(frozen=True)
class BundleCheck:
    """The outcome of `verify_bundle`: how many records the bundle holds and every problem
    found (none: the bundle is what was exported)."""
    records: int
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_bundle(bundle: str | Path, source: str | Path | None = None) -> BundleCheck:
    """Check the bundle at `bundle` offline: every file has the SHA-256 `chain.json` gives,
    every rule set its name's content hash, every record its own hash, records that follow
    each other in the source chain link up (`prev_hash`), and the records are exactly those
    `chain.json` lists. With `source`, also that the source chain is intact and holds every
    exported record unchanged at its seq."""
    bundle = Path(bundle)
    try:
        chain = json.loads((bundle / CHAIN).read_text("utf-8"))
        lines = (bundle / RECORDS).read_text("utf-8").splitlines()
    except (OSError, ValueError) as exc:
        return BundleCheck(0, (f"{bundle}: not a bundle ({exc})",))
    problems: list[str] = []
    for name, digest in chain.get("files", {}).items():
        path = bundle / name
        if not path.is_file():
            problems.append(f"{path}: missing")
        elif _sha256(path) != digest:
            problems.append(f"{path}: changed since the export (its SHA-256 differs from chain.json's)")
    for path in sorted((bundle / RULESETS).glob("*.json")):
        if _sha256(path) != path.stem:
            problems.append(f"{path}: its content no longer has the hash it is named by")
    records: list[dict[str, Any]] = []
    for number, line in enumerate(lines, 1):
        try:
            record = json.loads(line)
        except ValueError:
            problems.append(f"{bundle / RECORDS}:{number}: not a JSON record")
            continue
        seq, where = record.get("seq") if isinstance(record, dict) else None, f"{bundle / RECORDS}:{number}"
        if not isinstance(seq, int):
            problems.append(f"{where}: not a record (no seq)")
            continue
        if record.get("hash") != record_hash(record):
            problems.append(f"{where}: record {seq} was changed (its hash does not match)")
        if records and seq <= records[-1]["seq"]:
            problems.append(f"{where}: record {seq} is out of order")
        elif records and seq == records[-1]["seq"] + 1 and record.get("prev_hash") != records[-1].get("hash"):
            problems.append(f"{where}: record {seq} does not follow record {records[-1]['seq']} (prev_hash)")
        if record.get("kind") == "check" and not (bundle / RULESETS / f"{record.get('rule_set_sha256')}.json").is_file():
            problems.append(f"{where}: the rule set of record {seq} is not in the bundle")
        records.append(record)
    if [_link(r) for r in records] != chain.get("records", {}).get("links"):
        problems.append(f"{bundle / RECORDS}: does not hold exactly the records chain.json lists "
                        "(records were added, removed or replaced)")
    if source is not None:
        problems.extend(_against_source(records, Path(source)))
    return BundleCheck(len(records), tuple(problems))


def _against_source(records: Iterable[Mapping[str, Any]], source: Path) -> list[str]:
    """What the source folder says against `records`: a broken chain, or a record it holds
    otherwise or not at all."""
    verification = verify(source)
    problems = [] if verification.ok else [f"{source}: {verification.problem}"]
    try:
        hashes = {r.get("seq"): r.get("hash") for _, _, r in read_records(source)}
    except AuditError as exc:
        return problems + [str(exc)]
    problems.extend(f"{source}: record {r.get('seq')} of the bundle is not in the source as exported"
                    for r in records if hashes.get(r.get("seq")) != r.get("hash"))
    return problems


# -- the HTML report ---------------------------------------------------------------------

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem; color: #1d1d1f; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.summary dt { font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #c8c8cc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f3; }
tbody.check { border-top: 2px solid #86868b; }
.result-failed { color: #a50e0e; font-weight: 600; } .result-passed { color: #1b6e20; }
.result-error { color: #8a4b00; font-weight: 600; }
.sev-error { color: #a50e0e; } .sev-warning { color: #8a4b00; } .sev-info { color: #555; }
.broken { color: #a50e0e; font-weight: 600; }
tr.approval td { background: #f3f8f3; }
code { font-size: .9em; }
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _citation(f: Mapping[str, Any]) -> str:
    c = f.get("citation") or {}
    return f"{c.get('policy', '')} §{c.get('section', '')} {c.get('title', '')}".strip()


def _accepted(f: Mapping[str, Any]) -> str:
    s = f.get("suppression")
    if not s:
        return ""
    where = f" ({s['source']})" if s.get("source") else ""
    return f"{s.get('kind')}: {s.get('reason')}{where}"


def _when(time: str | None) -> str:
    """A record's time as people read it: "2026-03-02 10:00 UTC"."""
    return f"{time[:10]} {time[11:16]} UTC" if time else ""


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'s' * (count != 1)}"


def _result(record: Mapping[str, Any]) -> tuple[str, str]:
    if "error" in record:
        return "error", f"error: {record['error']}"
    return ("passed", "passed") if record.get("ok") else ("failed", "failed")


def _check_rows(record: Mapping[str, Any], approvals: list[Mapping[str, Any]]) -> str:
    meta = record.get("metadata") or {}
    findings = _all_findings(record)
    status, result = _result(record)
    span = max(len(findings), 1) + len(approvals)
    head = (f'<td rowspan="{span}">{_e(record["time"][11:19])}</td>'
            f'<td rowspan="{span}" class="path">{_e(meta.get("path"))}'
            f'{"<br>" + _e(meta.get("channel")) if meta.get("channel") else ""}</td>'
            f'<td rowspan="{span}">{_e(meta.get("author"))}</td>'
            f'<td rowspan="{span}" class="result result-{status}">{_e(result)}</td>')
    rows = [f'<td class="rule"><code>{_e(f["rule"])}</code></td>'
            f'<td class="severity sev-{_e(f.get("severity"))}">{_e(f.get("severity"))}</td>'
            f'<td class="message">{_e(f.get("message"))}</td>'
            f'<td class="citation">{_e(_citation(f))}</td>'
            f'<td class="accepted">{_e(_accepted(f))}</td>' for f in findings]
    if not rows:
        rows = ['<td colspan="5" class="none">no findings</td>']
    rows += [f'<td colspan="5" class="approval-text">Approved by {_e(a.get("approver"))} ({_e(a.get("role"))}) '
             f'on {_e(_when(a.get("time")))}{": " + _e(a.get("comment")) if a.get("comment") else ""}</td>' for a in approvals]
    classes = [""] * (len(rows) - len(approvals)) + [' class="approval"'] * len(approvals)
    body = "".join(f"<tr{c}>{head if i == 0 else ''}{row}</tr>" for i, (c, row) in enumerate(zip(classes, rows)))
    return f'<tbody class="check" id="check-{_e(record.get("id"))}">{body}</tbody>'


def _cited_sections(checks: list[Mapping[str, Any]], rule_sets: Mapping[str, Mapping[str, Any]]) -> list[tuple[str, str]]:
    """(citation, policy text) of every section the findings of `checks` cite, looked up in
    the rule set each check used."""
    out: dict[str, str] = {}
    for record in checks:
        data = rule_sets.get(record["rule_set_sha256"], {})
        rules = {r["id"]: r for r in data.get("rules", ())}
        policies = {p["id"]: p for p in data.get("policies", ())}
        for f in _all_findings(record):
            rule = rules.get(f["rule"])
            if rule is None:  # the waiver checks are the engine's own, not a pack's
                continue
            sections = {s["id"]: s for s in policies.get(rule["policy"], {}).get("sections", ())}
            out.setdefault(_citation(f), sections.get(rule["cite"], {}).get("text", ""))
    return sorted(out.items())


def render_report(records: list[Mapping[str, Any]], rule_sets: Mapping[str, Mapping[str, Any]],
                  summary: Mapping[str, Any]) -> str:
    """The HTML report of `records` (checks and approvals): a table per UTC day with each
    check's draft, result and findings (rule, severity, message, citation, why it was
    accepted) and the approvals of its content, then the text of every policy section cited.
    Self-contained (inline CSS, no scripts, nothing fetched); every value is escaped.
    `summary` gives source, since, until, rule, author, records and problem."""
    checks = [r for r in records if r.get("kind") == "check"]
    approvals: dict[str, list[Mapping[str, Any]]] = {}
    for r in records:
        if r.get("kind") == "approval":
            approvals.setdefault(r["content_sha256"], []).append(r)
    days: dict[dt.date, list[Mapping[str, Any]]] = {}
    for r in checks:
        days.setdefault(record_day(r), []).append(r)
    chain = (f'intact ({_plural(summary["records"], "record")})' if summary["problem"] is None
             else f'<span class="broken">broken: {_e(summary["problem"])}</span>')
    filters = ", ".join(f"{k} {_e(summary[k])}" for k in ("rule", "author") if summary.get(k)) or "none"
    header = ("<thead><tr><th>Time (UTC)</th><th>Draft</th><th>Author</th><th>Result</th><th>Rule</th>"
              "<th>Severity</th><th>Message</th><th>Citation</th><th>Accepted because</th></tr></thead>")
    parts = [
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<title>Audit record {_e(summary["since"])} to {_e(summary["until"])}</title>',
        f"<style>{_STYLE}</style></head><body>",
        f'<h1>Audit record {_e(summary["since"])} to {_e(summary["until"])}</h1>',
        '<dl class="summary">',
        f'<dt>Source</dt><dd>{_e(summary["source"])}</dd>',
        f"<dt>Filters</dt><dd>{filters}</dd>",
        f'<dt>Chain at export</dt><dd class="chain">{chain}</dd>',
        f"<dt>Exported</dt><dd>{_plural(len(checks), 'check')}, {_plural(len(records) - len(checks), 'approval')}</dd>",
        "</dl>",
    ]
    for day in sorted(days):
        parts.append(f'<section class="day" id="day-{day.isoformat()}"><h2>{day.isoformat()}</h2>'
                     f"<table>{header}")
        parts.extend(_check_rows(r, approvals.get(r["content_sha256"], [])) for r in days[day])
        parts.append("</table></section>")
    if not days:
        parts.append("<p>No checks in this period.</p>")
    cited = _cited_sections(checks, rule_sets)
    if cited:
        parts.append('<section id="policies"><h2>Policy sections cited</h2><dl>')
        parts.extend(f"<dt>{_e(citation)}</dt><dd>{_e(text)}</dd>" for citation, text in cited)
        parts.append("</dl></section>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
