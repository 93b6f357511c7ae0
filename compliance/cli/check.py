"""`compliance check`: text and Markdown drafts, from files or standard input."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..documents import decode_draft, read_draft
from ..errors import ComplianceError
from ..output import FORMATS
from .common import (EXIT_ERROR, EXIT_OK, EXIT_STATUSES, EXIT_VIOLATIONS, colour, fail_on_option, lang_option,
                     make_checker, no_builtin_option, pack_option)


@click.command(epilog=EXIT_STATUSES)
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option
@pack_option
@fail_on_option
@no_builtin_option
def check(paths: tuple[str, ...], fmt: str, lang: str | None, packs: tuple[str, ...], fail_on: str,
          no_builtin: bool) -> None:
    """Check text or Markdown drafts (PATH, or - for standard input)."""
    checker = make_checker(packs, fail_on, no_builtin)
    formatter = FORMATS[fmt](sys.stdout, colour=colour())
    formatter.begin(checker.rule_set)
    failed_input = False
    all_ok = True
    for path in paths:
        name = "<stdin>" if path == "-" else path
        try:
            data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as exc:
            click.echo(f"compliance: {path}: cannot read: {exc.strerror or exc}", err=True)
            failed_input = True
            continue
        try:
            raw, warning = decode_draft(data, name)
            if warning:
                click.echo(f"compliance: warning: {warning}", err=True)
            draft = read_draft(raw, name)
            report = checker.check_document(draft.text, lang=lang or draft.lang, channel=draft.channel, id=path)
        except ComplianceError as exc:
            click.echo(f"compliance: {exc}" if str(exc).startswith(name) else f"compliance: {name}: {exc}", err=True)
            failed_input = True
            continue
        formatter.add(path, raw, report)
        all_ok = all_ok and report.ok
    formatter.end()
    if failed_input:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_OK if all_ok else EXIT_VIOLATIONS)
