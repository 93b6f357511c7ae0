"""`compliance config show`: the settings that govern a draft, and where each came from."""
from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import PackError
from ..project.config import config_for
from .common import config_option, fail


@click.group("config")
def config() -> None:
    """Show the project configuration (.compliance.yaml) that applies to drafts."""


@config.command("show", epilog="Exit status: 0 the settings were shown, 2 the configuration cannot be used.")
@click.argument("path", required=False, default=".")
@config_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def config_show(path: str, config: str | None, fmt: str) -> None:
    """Print the effective configuration for PATH (a draft or folder; default: here) and the
    file, line and column each value comes from."""
    try:
        project = config_for(Path(path), config)
    except PackError as exc:
        fail(str(exc))
    settings = project.settings_for(None if Path(path).is_dir() else path)
    rows = settings.describe()
    where = project.locator.path if project.locator else None
    if fmt == "json":
        click.echo(json.dumps({"config": where, "path": path, "excluded": project.excludes(path),
                               "settings": {k: {"value": v, "from": list(s)} for k, v, s in rows}},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"configuration: {where or 'none found (defaults throughout)'}")
    click.echo(f"for: {path}" + ("  (excluded when its folder is checked)" if project.excludes(path) else ""))
    width = max(len(k) for k, _, _ in rows)
    for key, value, sources in rows:
        shown = json.dumps(value, ensure_ascii=False)
        click.echo(f"  {key:<{width}}  {shown}")
        click.echo(f"  {'':<{width}}    from {', '.join(sources)}")
