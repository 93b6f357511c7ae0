"""What every command shares: exit statuses, options, making the checker, failing cleanly."""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Callable, Iterable, NoReturn

import click

from ..checker import Checker
from ..errors import InputError, PackError
from ..model import SEVERITIES, Report
from ..languages import pipeline_langs
from ..metadata import AUTHOR_ROLES, CHANNELS, JURISDICTIONS, Metadata, metadata_from
from ..posts import language_code
from ..project.baseline import BaselineError, apply_baseline, load_baseline, load_key, relative_path

EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR, EXIT_APPROVAL = 0, 1, 2, 3
EXIT_STATUSES = ("Exit status: 0 nothing at or above --fail-on, 1 something is, 2 a usage, pack or "
                 "input error, 3 only findings whose action is require_approval are.")


def exit_status(reports_ok: Iterable[Report]) -> int:
    """EXIT_OK when every report is ok, EXIT_APPROVAL when those that are not only need an
    approval, else EXIT_VIOLATIONS."""
    failing = [r for r in reports_ok if not r.ok]
    if not failing:
        return EXIT_OK
    return EXIT_APPROVAL if all(r.needs_approval for r in failing) else EXIT_VIOLATIONS

pack_option = click.option("--pack", "packs", multiple=True, type=click.Path(),
                           help="A rule pack file or folder, added to the built-in packs. Repeatable.")
fail_on_option = click.option("--fail-on", type=click.Choice(SEVERITIES), default=None,
                              help="Lowest severity that makes the exit status 1 [default: the configuration's "
                                   "fail_on, else warning].")
config_option = click.option("--config", type=click.Path(exists=True, dir_okay=False),
                             help="Use this configuration file instead of the .compliance.yaml found from each "
                                  "draft's folder upward.")
no_builtin_option = click.option("--no-builtin", is_flag=True, help="Leave out the built-in packs.")
baseline_option = click.option("--baseline", type=click.Path(dir_okay=False),
                               help="Report only the findings this baseline (from `compliance baseline create`) "
                                    "does not accept; those it accepts are listed as suppressed.")
record_option = click.option(
    "--record", "record", metavar="DIR", type=click.Path(file_okay=False),
    help="Record every check in the audit record folder DIR (see docs/audit.md) [default: the configuration's "
         "record:, else none].")


def _lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return language_code(value, pipeline_langs())
    except InputError as exc:
        raise click.BadParameter(str(exc)) from None


lang_option = click.option("--lang", callback=_lang,
                           help=f"Language of the posts ({', '.join(pipeline_langs())}, or any language code "
                                "for the language-neutral rules); detected when not given.")


def _metadata(ctx: click.Context, param: click.Parameter, value: object) -> object:
    if value in (None, (), False):
        return None
    key = param.name or ""
    values = [v.strip() for item in value for v in item.split(",") if v.strip()] if isinstance(value, tuple) else value
    try:
        metadata_from({key: values})
    except InputError as exc:
        raise click.BadParameter(str(exc)) from None
    return values


def metadata_options(command: Callable) -> Callable:
    """The post-metadata options; `metadata_of` reads what they were given."""
    options = [
        click.option("--channel", callback=_metadata, help=f"Where the drafts are published ({', '.join(CHANNELS)})."),
        click.option("--sponsored", is_flag=True, callback=_metadata, help="The drafts are paid or sponsored."),
        click.option("--gifted", is_flag=True, callback=_metadata, help="The author received the product free."),
        click.option("--affiliate", is_flag=True, callback=_metadata, help="The drafts carry commission links or codes."),
        click.option("--audience", multiple=True, callback=_metadata, metavar="CODES",
                     help=f"Jurisdictions ({', '.join(JURISDICTIONS)}) and retail or institutional, comma-separated."),
        click.option("--author-role", callback=_metadata, help=f"Who writes them ({', '.join(AUTHOR_ROLES)})."),
        click.option("--substantiation", multiple=True, callback=_metadata, metavar="REF",
                     help="A reference to the evidence for the drafts' claims. Repeatable."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def metadata_of(**given: object) -> Metadata:
    """The metadata the options of `metadata_options` gave (the keyword arguments they set)."""
    return metadata_from({k: v for k, v in given.items() if v is not None})


def colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def fail(message: str, status: int = EXIT_ERROR) -> NoReturn:
    click.echo(f"compliance: {message}", err=True)
    sys.exit(status)


def make_checker(packs: tuple[str, ...], fail_on: str, no_builtin: bool = False) -> Checker:
    try:
        if packs or no_builtin:
            return Checker.from_packs(packs, builtin=not no_builtin, fail_on=fail_on)
        return Checker.default(fail_on=fail_on)
    except PackError as exc:
        fail(str(exc))


def baseline_filter(baseline_file: str | None, paths: Iterable[str]) -> Callable[[Path | None, Report], Report]:
    """What `--baseline` does to one draft's report (the draft's path, None for standard
    input): moves the findings the baseline accepts to `suppressed`, and warns on standard
    error, once, of each of its expired entries. Nothing when `baseline_file` is None. Fails
    (exit status 2) when the baseline or its key cannot be used."""
    if baseline_file is None:
        return lambda path, report: report
    try:
        baseline = load_baseline(baseline_file)
        key, _ = load_key([*(p for p in paths if p != "-"), baseline_file])
        baseline.check_key(key)
    except BaselineError as exc:
        fail(str(exc))
    today = dt.date.today()
    warned: set[int | None] = set()

    def accept(path: Path | None, report: Report) -> Report:
        if path is None:
            return report
        report, expired = apply_baseline(report, relative_path(path, baseline_file), report.text, baseline, key, today)
        for entry in expired:
            if entry.line not in warned:
                warned.add(entry.line)
                click.echo(f"compliance: warning: {baseline_file}:{entry.line}: baseline entry for {entry.rule} "
                           f"expired on {entry.expires}", err=True)
        return report

    return accept
