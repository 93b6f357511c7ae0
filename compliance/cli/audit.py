"""`compliance audit`: verify, replay, export and summarise the audit record."""
from __future__ import annotations

import sys

import click

from ..audit.records import verify
from .common import EXIT_ERROR, EXIT_OK


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
