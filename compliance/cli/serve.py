"""`compliance serve`: the HTTP service and the staff page (compliance.service), under uvicorn."""
from __future__ import annotations

import os

import click

from ..audit.records import AuditError
from ..errors import PackError
from ..project.config import config_for
from .common import config_option, fail, pack_option, record_option

_SERVICE_MODULES = {"fastapi", "starlette", "uvicorn", "pydantic"}


@click.command(epilog="Exit status: runs until stopped (0 after Ctrl-C); 2 when the packs, the configuration "
                        "or the [serve] extra cannot be loaded.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface; put it behind your proxy).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--max-body", type=click.IntRange(min=1), default=None,
              help="Largest request body in bytes; larger gets 413 [default: 2 MiB].")
@pack_option
@config_option
@record_option
def serve(host: str, port: int, max_body: int | None, packs: tuple[str, ...], config: str | None,
          record: str | None) -> None:
    """Serve the checker over HTTP (POST /v1/check, POST /v1/scan, GET /v1/rules, /healthz, OpenAPI at
    /docs) and the staff page at /. Packs and the configuration (found from the working folder
    upward, or --config) load once, at start."""
    try:
        import uvicorn

        from ..service import MAX_BODY, create_app
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in _SERVICE_MODULES:
            raise
        fail(f"the service needs {exc.name}, which is not installed: pip install 'post-compliance[serve]'")
    try:
        settings = config_for(os.getcwd(), config).settings_for(None).with_command_line(packs=packs, record=record)
        app = create_app(settings, max_body=max_body or MAX_BODY, record=settings.record)
    except (PackError, AuditError) as exc:
        fail(str(exc))
    uvicorn.run(app, host=host, port=port, log_level="info")
