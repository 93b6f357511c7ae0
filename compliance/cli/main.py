"""The `compliance` command: check drafts, scan JSONL batches, and work with rule packs.

Exit statuses: 0 nothing at or above --fail-on, 1 something is, 2 a usage, pack or input error.
No traceback reaches the user: an unexpected error prints one line and a hint to --debug.
"""
from __future__ import annotations

import atexit
import gc
import importlib
import os
import signal
import sys

import click

from .common import EXIT_ERROR, EXIT_STATUSES

# The commands, each the function of that name in the module of that name, imported only
# when it runs (or `--help` lists them all): a one-file `check` in a pre-commit hook should
# not pay for the imports of the audit, rules and service commands.
COMMANDS = ("approve", "audit", "baseline", "check", "config", "lsp", "rules", "scan", "serve")


class _Group(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        return getattr(importlib.import_module(f".{cmd_name}", __package__), cmd_name)

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
    # At exit the interpreter's last collections would walk and free every object still
    # there (modules, rules, pipelines: about 0.25 s, a fifth of a one-file check), memory the
    # operating system takes back anyway. Nothing waits on them: commands close their files,
    # and weakref finalizers and atexit handlers still run. Frozen objects are left alone.
    # (Unregistered first, so running commands in one process registers it once.)
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)

