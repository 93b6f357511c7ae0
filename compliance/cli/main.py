"""The `compliance` command: check drafts, scan JSONL batches, and work with rule packs.

Exit statuses: 0 nothing at or above --fail-on, 1 something is, 2 a usage, pack or input error.
No traceback reaches the user: an unexpected error prints one line and a hint to --debug.
"""
from __future__ import annotations

import os
import signal
import sys

import click

from .approve import approve
from .audit import audit
from .baseline import baseline
from .check import check
from .config import config
from .lsp import lsp
from .common import EXIT_ERROR, EXIT_STATUSES
from .rules import rules
from .scan import scan
from .serve import serve


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            # The reader went away (`| head`): stop quietly, as Unix tools do, and keep Python
            # from failing again while it flushes standard output at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(128 + signal.SIGPIPE)
        except Exception as exc:  # noqa: BLE001 - the one place that turns a bug into one line
            if ctx.obj and ctx.obj.get("debug"):
                raise
            command = " ".join(sys.argv[1:3]) or "compliance"
            click.echo(f"compliance: internal error in `{command}`: {type(exc).__name__}: {exc} "
                       "(run again with --debug for the traceback, and please report it)", err=True)
            sys.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_STATUSES)
@click.version_option(package_name="post-compliance")
@click.option("--debug", is_flag=True, help="Show the traceback of an unexpected error.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Check social media posts against policy rule packs before they are published."""
    ctx.obj = {"debug": debug}


main.add_command(check)
main.add_command(scan)
main.add_command(rules)
main.add_command(config)
main.add_command(baseline)
main.add_command(audit)
main.add_command(approve)
main.add_command(lsp)
main.add_command(serve)
