"""What every command shares: exit statuses, options, making the checker, failing cleanly."""
from __future__ import annotations

import os
import sys
from typing import NoReturn

import click

from ..checker import Checker
from ..errors import InputError, PackError
from ..model import SEVERITIES
from ..languages import pipeline_langs
from ..posts import language_code

EXIT_OK, EXIT_VIOLATIONS, EXIT_ERROR = 0, 1, 2
EXIT_STATUSES = ("Exit status: 0 nothing at or above --fail-on, 1 something is, 2 a usage, pack or "
                 "input error.")

pack_option = click.option("--pack", "packs", multiple=True, type=click.Path(),
                           help="A rule pack file or folder, added to the built-in packs. Repeatable.")
fail_on_option = click.option("--fail-on", type=click.Choice(SEVERITIES), default="warning", show_default=True,
                              help="Lowest severity that makes the exit status 1.")
no_builtin_option = click.option("--no-builtin", is_flag=True, help="Leave out the built-in packs.")


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
