"""`compliance audit`: verify, replay, export and summarise the audit record."""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from ..audit.export import export, verify_bundle
from ..audit.records import AuditError, verify
from ..audit.replay import describe, replay
from ..audit.retention import purge, set_retention
from ..audit.stats import PERIODS, format_stats, rule_stats
from ..errors import ComplianceError
from ..project.config import config_for
from .common import EXIT_ERROR, EXIT_OK, EXIT_VIOLATIONS, fail


@click.group("audit")
def audit() -> None:
    """Work with the audit record (the folder `--record` and the configuration's `record:` write)."""


@audit.command("verify")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
def audit_verify(folder: str) -> None:
    """Recompute the record's hash chain; name the first record changed, removed or reordered.
    Exit status 0 when the chain is intact, 2 when it is not."""
    result = verify(folder)
    if result.ok:
        click.echo(f"{folder}: {result.records:,} record{'s' * (result.records != 1)}, chain intact")
        sys.exit(EXIT_OK)
    click.echo(f"compliance: {result.problem} ({result.records:,} records before it are intact)", err=True)
    sys.exit(EXIT_ERROR)


# -- replay, export, statistics -----------------------------------------------------------

def _configured_record_folder() -> str | None:
    """The record folder the configuration governing the current folder names, or None."""
    try:
        settings = config_for(Path.cwd()).settings_for(None)
    except ComplianceError as exc:
        fail(str(exc))
    return str(settings.record.dir) if settings.record is not None else None


@audit.command("replay")
@click.argument("record_id")
@click.option("--record", "folder", type=click.Path(exists=True, file_okay=False),
              help="The record folder [default: the configuration's record:].")
def audit_replay(record_id: str, folder: str | None) -> None:
    """Check a recorded post again with the rule set its check used, on the day it was made,
    and show what differs from the recorded findings (- recorded only, + replay only,
    ~ changed). RECORD_ID may be a unique start of the id. Only a record that kept the post's
    text can be replayed. Exit status 0 identical, 1 different, 2 cannot replay."""
    folder = folder or _configured_record_folder()
    if not folder:
        fail("no record folder: give --record DIR or set record: in the configuration")
    try:
        result = replay(folder, record_id)
    except AuditError as exc:
        fail(str(exc))
    for line in describe(result):
        click.echo(line)
    found = len(result.findings)
    if result.identical:
        click.echo(f"record {result.record['id']}: replay identical ({found} finding{'s' * (found != 1)})")
        sys.exit(EXIT_OK)
    click.echo(f"record {result.record['id']}: replay differs ({len(result.differences)} "
               f"difference{'s' * (len(result.differences) != 1)})")
    sys.exit(EXIT_VIOLATIONS)


_day = click.DateTime(["%Y-%m-%d"])


@audit.command("export")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--since", required=True, type=_day, help="The first UTC day to export (YYYY-MM-DD).")
@click.option("--until", required=True, type=_day, help="The last UTC day to export (YYYY-MM-DD).")
@click.option("--rule", metavar="GLOB", help="Only checks with a finding (counted or accepted) of a rule matching GLOB.")
@click.option("--author", metavar="NAME", help="Only checks of drafts whose recorded author is NAME.")
@click.option("-o", "--output", "bundle", required=True, type=click.Path(file_okay=False),
              help="The bundle folder to write (new, or empty).")
def audit_export(folder: str, since: dt.datetime, until: dt.datetime, rule: str | None, author: str | None,
                 bundle: str) -> None:
    """Write a self-contained bundle of the checks of a period: records.jsonl (with the
    approvals of their content), rulesets/ (policy text included), report.html (opens
    offline) and chain.json; `compliance audit verify-bundle` checks it. Exit status 0, 1 when
    the source chain is broken (the bundle is written and says so), 2 on error."""
    if until < since:
        fail("--until is before --since")
    try:
        result = export(folder, bundle, since.date(), until.date(), rule, author)
    except AuditError as exc:
        fail(str(exc))
    click.echo(f"{result.bundle}: {result.checks:,} check{'s' * (result.checks != 1)}, {result.approvals:,} "
               f"approval{'s' * (result.approvals != 1)}, {result.rule_sets:,} rule set{'s' * (result.rule_sets != 1)}")
    if result.problem:
        click.echo(f"compliance: warning: the source chain is broken: {result.problem}", err=True)
        sys.exit(EXIT_VIOLATIONS)
    sys.exit(EXIT_OK)


@audit.command("verify-bundle")
@click.argument("bundle", type=click.Path(exists=True, file_okay=False))
@click.option("--against", "source", type=click.Path(exists=True, file_okay=False),
              help="Also check that this record folder's chain is intact and holds every exported record unchanged.")
def audit_verify_bundle(bundle: str, source: str | None) -> None:
    """Check an exported bundle offline: file hashes, rule set hashes, each record's hash
    and links, and that it holds exactly the records it lists. Exit status 0 when it is as
    exported, 2 when it is not."""
    result = verify_bundle(bundle, source)
    if result.ok:
        click.echo(f"{bundle}: {result.records:,} record{'s' * (result.records != 1)}, bundle intact"
                   + (f" and matching {source}" if source else ""))
        sys.exit(EXIT_OK)
    for problem in result.problems:
        click.echo(f"compliance: {problem}", err=True)
    sys.exit(EXIT_ERROR)


@audit.command("stats")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--period", type=click.Choice(PERIODS), default="month", show_default=True,
              help="Count per UTC day, ISO week or month.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def audit_stats(folder: str, period: str, fmt: str) -> None:
    """Per rule and period: findings (counted and accepted), how many were waived, approved
    and baselined, and the share waived (high: a noisy rule). Most findings first."""
    try:
        rows = rule_stats(folder, period)
    except AuditError as exc:
        fail(str(exc))
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in rows], indent=2, ensure_ascii=False))
    elif rows:
        click.echo(format_stats(rows))
    else:
        click.echo(f"{folder}: no findings recorded")


# -- retention and purge ------------------------------------------------------------------


@audit.command("hold")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--on/--off", "on", required=True, help="Set or lift the legal hold.")
def audit_hold(folder: str, on: bool) -> None:
    """Set or lift a legal hold on a record folder: while it is set, `compliance audit purge`
    deletes nothing, whatever the retention period says."""
    try:
        set_retention(folder, legal_hold=on)
    except AuditError as exc:
        fail(str(exc))
    click.echo(f"{folder}: legal hold {'set: nothing may be purged' if on else 'lifted'}")


@audit.command("purge")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--before", required=True, type=_day, help="Delete the daily record files of UTC days before this one.")
@click.option("--retention-days", type=click.IntRange(min=1), default=None,
              help="Days a day's records are kept [default: the folder's retention.json, else 1095].")
def audit_purge(folder: str, before: dt.datetime, retention_days: int | None) -> None:
    """Delete whole daily record files older than --before, once they are past the retention
    period; purged.json then names the last record deleted, so `audit verify` still checks
    the chain that is left. Refuses (exit status 2, nothing deleted) under a legal hold, for a
    file inside the retention period, or when the chain does not verify."""
    try:
        purged = purge(folder, before.date(), retention_days=retention_days)
    except AuditError as exc:
        fail(str(exc))
    names = ", ".join(p.name for p in purged)
    click.echo(f"{folder}: purged {len(purged):,} daily file{'s' * (len(purged) != 1)}" + (f" ({names})" if names else ""))
