"""The language server: drafts checked as they are typed, their findings published as
diagnostics in UTF-16 positions, and quick fixes (waive a finding, remove a profanity, repair
a waiver).

Each open draft has at most one check pending: a newer version cancels the older one's, and a
result for a version the editor has moved past is dropped, never published. Checks run one at
a time on a worker thread, so the server keeps answering while one runs.
"""
from __future__ import annotations

import asyncio
import functools
import os
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version as package_version
from typing import Iterator

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.workspace import TextDocument

from ..cli.check import check_text
from ..documents import MARKDOWN_SUFFIXES, read_draft
from ..errors import ComplianceError
from ..findings.waivers import NO_REASON, UNUSED, WAIVER_RULE_PREFIX
from ..model import Violation
from ..output.places import cited_message, position
from ..project.config import Checkers, Settings, config_for
from ..project.drafts import DRAFT_SUFFIXES

SOURCE = "post-compliance"
DEBOUNCE = 0.3  # seconds of quiet after an edit before the draft is checked
REASON_PLACEHOLDER = "TODO: why this is fine"
DRAFT_LANGUAGES = ("markdown", "plaintext", "text")  # "text": what Neovim calls plain text
_SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
             "info": types.DiagnosticSeverity.Information}


class _Utf16Protocol(LanguageServerProtocol):
    """pygls' protocol, always in UTF-16 positions. Every client supports them (LSP requires
    it); pygls would take a client's first preference instead (Neovim's is UTF-8), and the
    ranges here are counted by `position(..., "utf-16-le")`."""

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams):
        if params.capabilities.general is not None:
            params.capabilities.general.position_encodings = [types.PositionEncodingKind.Utf16]
        return (yield from super().lsp_initialize(params))


class ComplianceServer(LanguageServer):
    """Checks the Markdown and plain-text documents an editor opens, each under the
    configuration found from its folder upward (or the file `config`), with `packs` added."""

    def __init__(self, packs: tuple[str, ...] = (), config: str | None = None) -> None:
        super().__init__(SOURCE, package_version("post-compliance"), protocol_cls=_Utf16Protocol)
        self.packs, self.config = tuple(packs), config
        self.checkers = Checkers()
        # One check at a time: Checkers is not thread-safe and a check holds the GIL anyway,
        # and a queued check that a newer version cancels never starts.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="compliance-check")
        self._tasks: dict[str, asyncio.Task] = {}
        self.feature(types.TEXT_DOCUMENT_DID_OPEN)(_opened)
        self.feature(types.TEXT_DOCUMENT_DID_CHANGE)(_changed)
        self.feature(types.TEXT_DOCUMENT_DID_SAVE)(_saved)
        self.feature(types.TEXT_DOCUMENT_DID_CLOSE)(_closed)
        self.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                     types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))(_code_actions)

    def load_packs(self) -> None:
        """Load the built-in and command-line packs now, so a pack that cannot load fails at
        start (PackError) and the first check starts warm."""
        self.checkers.get(Settings().with_command_line(packs=self.packs))

    def settings_for(self, path: str | None) -> Settings:
        """The settings for the draft at `path`; a document with no file (None) takes the
        top-level settings of the workspace folder's configuration."""
        found_from = path if path is not None else self.workspace.root_path or os.getcwd()
        return config_for(found_from, self.config).settings_for(path).with_command_line(packs=self.packs)

    def diagnose(self, text: str, name: str, path: str | None, markdown: bool,
                 version: int | None) -> list[types.Diagnostic]:
        """The diagnostics for version `version` of the draft `text` (named `name`, at `path`):
        its findings, waived ones left out, and a note when its language has no packs. A draft
        that cannot be checked gets one error at its start saying why."""
        try:
            report = check_text(text, name, self.settings_for(path), self.checkers, markdown=markdown)
        except ComplianceError as exc:
            return [_note(f"not checked: {exc}", types.DiagnosticSeverity.Error)]
        diagnostics = [diagnostic(text, v, version) for v in report.violations]
        if report.coverage:
            diagnostics.append(_note(report.coverage, types.DiagnosticSeverity.Information))
        return diagnostics

    def schedule(self, uri: str, delay: float) -> None:
        """Check the document at `uri` in `delay` seconds, in place of any check pending for it."""
        if not is_draft(self.workspace.get_text_document(uri)):
            return
        self.cancel(uri)
        task = asyncio.get_running_loop().create_task(self._check(uri, delay))
        self._tasks[uri] = task
        task.add_done_callback(functools.partial(self._done, uri))

    def cancel(self, uri: str) -> None:
        """Drop the check pending or running for the document at `uri`, if any."""
        task = self._tasks.pop(uri, None)
        if task is not None:
            task.cancel()

    async def _check(self, uri: str, delay: float) -> None:
        await asyncio.sleep(delay)
        doc = self.workspace.get_text_document(uri)
        version = doc.version
        diagnostics = await asyncio.get_running_loop().run_in_executor(
            self._executor, self.diagnose, doc.source, draft_name(doc), doc.path, is_markdown(doc), version)
        # Cancelling cannot stop a check the worker has begun: the version decides what is current.
        if self.workspace.get_text_document(uri).version == version:
            self.publish(uri, diagnostics, version)

    def _done(self, uri: str, task: asyncio.Task) -> None:
        if self._tasks.get(uri) is task:
            del self._tasks[uri]
        if not task.cancelled() and (exc := task.exception()) is not None:
            self.window_log_message(types.LogMessageParams(
                types.MessageType.Error,
                f"internal error checking {uri}: {type(exc).__name__}: {exc} (please report it)"))

    def publish(self, uri: str, diagnostics: list[types.Diagnostic], version: int | None = None) -> None:
        """Replace the diagnostics the editor shows for `uri` (of `version`, when known)."""
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))


# pygls hands each handler the server as `ls`.
async def _opened(ls: ComplianceServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


async def _changed(ls: ComplianceServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, DEBOUNCE)


async def _saved(ls: ComplianceServer, params: types.DidSaveTextDocumentParams) -> None:
    # A save re-checks at once: the configuration beside the draft may have changed.
    ls.schedule(params.text_document.uri, 0)


async def _closed(ls: ComplianceServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.cancel(params.text_document.uri)
    ls.publish(params.text_document.uri, [])


def _code_actions(ls: ComplianceServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    only = params.context.only
    if only and types.CodeActionKind.QuickFix not in only:
        return []
    doc = ls.workspace.get_text_document(params.text_document.uri)
    # A diagnostic of another version has offsets into other text: its fresh one is coming.
    return [action for d in params.context.diagnostics
            if d.source == SOURCE and isinstance(d.data, dict) and d.data.get("version") == doc.version
            for action in fixes(doc, d)]


def is_draft(doc: TextDocument) -> bool:
    """Whether the server checks `doc`: Markdown or plain text by language or file name."""
    return doc.language_id in DRAFT_LANGUAGES or doc.uri.lower().endswith(DRAFT_SUFFIXES)


def is_markdown(doc: TextDocument) -> bool:
    """Whether `doc` is read as Markdown: its language says so, else its file name."""
    if doc.language_id in DRAFT_LANGUAGES:
        return doc.language_id == "markdown"
    return doc.uri.lower().endswith(MARKDOWN_SUFFIXES)


def draft_name(doc: TextDocument) -> str:
    """How findings and errors name `doc`: its file, else its URI."""
    return doc.path or doc.uri


def span(text: str, start: int, end: int) -> types.Range:
    """The LSP range of `text[start:end]`, in UTF-16 code units."""
    return types.Range(_lsp_position(text, start), _lsp_position(text, end))


def _lsp_position(text: str, offset: int) -> types.Position:
    line, column = position(text, offset, "utf-16-le")
    return types.Position(line - 1, column - 1)


def diagnostic(text: str, v: Violation, version: int | None) -> types.Diagnostic:
    """The diagnostic for finding `v` of `text`; its data lets a code action find the
    finding again in that version."""
    message = cited_message(v) + (f"\nSuggestion: {v.suggestion}" if v.suggestion else "")
    return types.Diagnostic(
        range=span(text, v.start, v.end), message=message, severity=_SEVERITY[v.severity], code=v.rule,
        code_description=types.CodeDescription(href=v.citation.url) if v.citation.url else None,
        source=SOURCE, tags=[types.DiagnosticTag.Unnecessary] if v.rule == UNUSED else None,
        data={"version": version, "rule": v.rule, "category": v.category, "start": v.start, "end": v.end})


def _note(message: str, severity: types.DiagnosticSeverity) -> types.Diagnostic:
    start = types.Position(0, 0)
    return types.Diagnostic(range=types.Range(start, start), message=message, severity=severity, source=SOURCE)


def fixes(doc: TextDocument, d: types.Diagnostic) -> Iterator[types.CodeAction]:
    """The quick fixes for our diagnostic `d`, made for the version `doc` is at."""
    text, rule, start, end = doc.source, d.data["rule"], d.data["start"], d.data["end"]
    if is_markdown(doc) and not rule.startswith(WAIVER_RULE_PREFIX):
        line = paragraph_start(read_draft(text, draft_name(doc), markdown=True).text, text.count("\n", 0, start))
        yield _quickfix(f"Waive {rule} here…", doc.uri, d, waiver_edit(text, line, rule))
    if d.data["category"] == "profanity":
        yield _quickfix(f"Remove “{text[start:end]}”", doc.uri, d,
                        types.TextEdit(span(text, *_with_one_space(text, start, end)), ""))
    comment = text[start:end]
    if not (comment.startswith("<!--") and comment.endswith("-->")):
        return
    if rule == UNUSED:
        yield _quickfix("Remove the unused waiver", doc.uri, d,
                        types.TextEdit(span(text, *_whole_lines(text, start, end)), ""))
    elif rule == NO_REASON:
        body = comment[:-3].rstrip().rstrip(":").rstrip()
        yield _quickfix("Give the waiver a reason", doc.uri, d,
                        types.TextEdit(span(text, start, end), f"{body}: {REASON_PLACEHOLDER} -->"))


def _quickfix(title: str, uri: str, d: types.Diagnostic, edit: types.TextEdit) -> types.CodeAction:
    return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[d],
                            edit=types.WorkspaceEdit(changes={uri: [edit]}))


def paragraph_start(prose: str, line: int) -> int:
    """The first line (0-based) of the paragraph holding `line`, as a waiver reads
    paragraphs: up to a blank line. `prose` is the draft as checked, where front matter, code
    and comments are blank too, so the waiver never lands inside them."""
    lines = prose.split("\n")
    while line > 0 and lines[line - 1].strip(" \t"):
        line -= 1
    return line


def waiver_edit(text: str, line: int, rule: str) -> types.TextEdit:
    """An edit putting a waiver of `rule`, with a reason to replace, on its own line above
    `line`, indented as that line is."""
    raw = text.split("\n")[line]
    indent = raw[:len(raw) - len(raw.lstrip(" \t"))]
    eol = "\r\n" if raw.endswith("\r") else "\n"
    at = types.Position(line, 0)
    return types.TextEdit(types.Range(at, at), f"{indent}<!-- compliance-ignore {rule}: {REASON_PLACEHOLDER} -->{eol}")


def _with_one_space(text: str, start: int, end: int) -> tuple[int, int]:
    """`text[start:end]` with the space after it (or else before it), so removing a word
    leaves one space between its neighbours."""
    if text[end:end + 1] == " " and (start == 0 or text[start - 1] in " \t\n"):
        return start, end + 1
    if text[start - 1:start] == " ":
        return start - 1, end
    return start, end


def _whole_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """`text[start:end]` widened to its whole lines and their line break when nothing else
    is written on them."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    last = len(text) if last < 0 else last + 1
    if text[first:start].strip() or text[end:last].strip():
        return start, end
    return first, last
