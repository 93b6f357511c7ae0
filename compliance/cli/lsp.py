"""`compliance lsp`: the language server, which an editor runs to show findings while a draft
is written (see docs/editors.md)."""
from __future__ import annotations

import click

from ..errors import PackError
from .common import config_option, fail, pack_option

LSP_PACKAGES = ("pygls", "lsprotocol")


@click.command(epilog="Exit status: runs until the editor ends it; 2 when the packs, the configuration or the "
                        "[lsp] extra cannot be loaded.")
@pack_option
@config_option
def lsp(packs: tuple[str, ...], config: str | None) -> None:
    """Run the language server on standard input and output: diagnostics for Markdown and
    plain-text drafts as they are typed, with quick fixes."""
    try:
        from ..lsp.server import ComplianceServer
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] not in LSP_PACKAGES:
            raise
        fail("the language server needs pygls and lsprotocol: pip install 'post-compliance[lsp]'")
    server = ComplianceServer(packs, config)
    try:
        server.load_packs()
    except PackError as exc:
        fail(str(exc))
    server.start_io()
