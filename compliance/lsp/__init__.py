"""The language server behind `compliance lsp`: the checker's findings as editor diagnostics
while a draft is written, with quick fixes. It needs the `lsp` extra (pygls, lsprotocol),
which only this package and the CLI import."""
