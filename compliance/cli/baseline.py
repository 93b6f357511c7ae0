"""`compliance baseline`: accept the findings drafts have today, so that `compliance check
--baseline` reports only new ones."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import click

from ..errors import ComplianceError, PackError
from ..project.baseline import DEFAULT_NAME, KEY_ENV, BaselineError, create_baseline, load_key, relative_path
from ..project.config import Checkers
from .check import check_draft, draft_targets, say_unchecked
from .common import config_option, fail, lang_option, no_builtin_option, pack_option


def _who(folder: Path) -> str:
    """git's user.name for `folder`, else $USER."""
    try:
        name = subprocess.run(["git", "config", "user.name"], cwd=folder, capture_output=True, text=True,
                              check=False, timeout=10).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        name = ""
    return name or os.environ.get("USER") or "unknown"


@click.group()
def baseline() -> None:
    """Accept the findings drafts have today (a baseline), to adopt the checker in a project."""


@baseline.command(epilog="Exit status: 0 written, 2 a usage, key, pack or input error (nothing written).")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", default=DEFAULT_NAME, show_default=True, type=click.Path(dir_okay=False),
              help="The baseline file to write; drafts are named by their path from its folder.")
@click.option("--reason", required=True, help="Why these findings are accepted; reported with each one.")
@click.option("--who", help="Who accepts them [default: git config user.name, else $USER].")
@click.option("--expires", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="From this day (YYYY-MM-DD) the entries no longer apply.")
@config_option
@lang_option
@pack_option
@no_builtin_option
def create(paths: tuple[str, ...], output: str, reason: str, who: str | None, expires: dt.datetime | None,
           config: str | None, lang: str | None, packs: tuple[str, ...], no_builtin: bool) -> None:
    """Check drafts (files, or folders of drafts) as `compliance check` does and write every
    finding to a baseline file as accepted, with fingerprints that keep no text of the drafts."""
    if "-" in paths:
        raise click.UsageError("a baseline names drafts by their path; standard input (-) has none")
    if not reason.strip():
        raise click.BadParameter("must say why the findings are accepted", param_hint="--reason")
    today = dt.date.today()
    until = expires.date() if expires else None
    if until is not None and until <= today:
        raise click.BadParameter(f"{until} is not after today", param_hint="--expires")
    try:
        key, made = load_key([*paths, output], create=True)
    except BaselineError as exc:
        fail(str(exc))
    if made is not None:
        click.echo(f"compliance: made a baseline key in {made}; checking against this baseline needs it "
                   f"(in CI: ${KEY_ENV})", err=True)
    overrides = {"packs": packs, "builtin": False if no_builtin else None, "lang": lang,
                 "report_unused_waivers": False}  # a waiver that waives nothing is no finding to accept
    checkers = Checkers()
    try:
        targets, missing = draft_targets(paths, config, overrides)
        for target in targets:
            checkers.get(target.settings)
    except PackError as exc:
        fail(str(exc))
    for raw in missing:
        click.echo(f"compliance: {raw}: no such file or folder", err=True)
    findings, failed = {}, bool(missing)
    for target in targets:
        try:
            _, report = check_draft(target, checkers, lang)
        except ComplianceError as exc:
            say_unchecked(target, exc)
            failed = True
            continue
        # Keyed by the baseline's name of the draft, so a file named twice is counted once.
        findings[relative_path(target.path, output)] = report
    if failed:
        fail(f"{output} was not written, since not every draft could be checked")
    made_baseline = create_baseline(((path, report.text, report) for path, report in findings.items()),
                                    key, reason.strip(), who or _who(Path(output).resolve().parent), until)
    try:
        Path(output).write_text(made_baseline.to_json(), encoding="utf-8")
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")
    total = sum(e.count for e in made_baseline.entries)
    files = len({e.path for e in made_baseline.entries})
    click.echo(f"Baselined {total} finding{'s' * (total != 1)} in {files} file{'s' * (files != 1)} "
               f"(of {len(findings)} checked) in {output}.")
