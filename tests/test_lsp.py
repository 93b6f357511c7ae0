"""`compliance lsp`: the language server, driven over stdio by a real LSP client that
presents itself as Neovim (which prefers UTF-8 positions)."""
import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from compliance.lsp.server import DEBOUNCE

FIXTURES = Path(__file__).parent / "fixtures"
SWEARING = "What a week. The new checkout finally shipped, and honestly the old one was a total shit show.\n"
CLEAN = "What a week. The new checkout finally shipped, and honestly the old one was a total mess.\n"

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("drafts")


@pytest_lsp.fixture(scope="module",
                    config=ClientServerConfig(server_command=[sys.executable, "-m", "compliance", "lsp"]))
async def client(lsp_client: LanguageClient, workspace: Path):
    result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("neovim"), root_uri=workspace.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="drafts")]))
    # Neovim lists UTF-8 first; the server answers with UTF-16, which every client supports.
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf16
    yield
    await lsp_client.shutdown_session()


async def published(client: LanguageClient, uri: str) -> types.PublishDiagnosticsParams:
    """The next diagnostics the server publishes for `uri`."""
    async def wait():
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri:
                return params
    return await asyncio.wait_for(wait(), 30)


def open_draft(client: LanguageClient, path: Path, text: str, language: str = "markdown") -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
    return uri


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


async def test_a_finding_after_emoji_is_ranged_in_utf16_units(client: LanguageClient, workspace: Path):
    before = "What a week 🙌 and honestly the old checkout was a total "
    uri = open_draft(client, workspace / "emoji.md", f"Launch day! 🚀🎉\n{before}shit show.\n")
    params = await published(client, uri)
    assert params.version == 1
    [d] = [d for d in params.diagnostics if d.code == "en.profanity.strong"]
    assert (d.range.start.line, d.range.start.character) == (1, utf16(before))
    assert (d.range.end.line, d.range.end.character) == (1, utf16(before) + len("shit"))
    assert d.severity == types.DiagnosticSeverity.Error and d.source == "post-compliance"
    assert "[Model Social Media Policy §conduct.language Language and tone]" in d.message


async def test_fixing_the_text_clears_the_diagnostics_and_closing_too(client: LanguageClient, workspace: Path):
    uri = open_draft(client, workspace / "fix.txt", SWEARING, language="plaintext")
    assert [d.code for d in (await published(client, uri)).diagnostics] == ["en.profanity.strong"]
    change(client, uri, 2, CLEAN)
    params = await published(client, uri)
    assert params.version == 2 and not params.diagnostics
    change(client, uri, 3, SWEARING)
    assert (await published(client, uri)).diagnostics
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
    assert not (await published(client, uri)).diagnostics


async def test_rapid_changes_publish_only_the_last_version(client: LanguageClient, workspace: Path):
    uri = open_draft(client, workspace / "rapid.md", CLEAN)
    assert not (await published(client, uri)).diagnostics
    for version, text in ((2, SWEARING), (3, SWEARING.replace("shit", "fucking")), (4, CLEAN + "Ship it.\n")):
        change(client, uri, version, text)
    params = await published(client, uri)
    assert params.version == 4 and not params.diagnostics
    await asyncio.sleep(DEBOUNCE * 3)  # a stale version's findings would arrive by now
    assert not client.diagnostics[uri]


def applied(text: str, edit: types.TextEdit) -> str:
    """`text` with `edit` made (ASCII text: UTF-16 units are characters)."""
    lines = text.split("\n")

    def offset(p: types.Position) -> int:
        return sum(len(line) + 1 for line in lines[:p.line]) + p.character
    return text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]


async def test_code_action_waives_the_finding_above_its_paragraph(client: LanguageClient, workspace: Path):
    text = "Intro.\n\nWhat a week. The new checkout finally shipped, and honestly\nthe old one was a total shit show.\n"
    uri = open_draft(client, workspace / "waive.md", text)
    [d] = (await published(client, uri)).diagnostics
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri), range=d.range,
        context=types.CodeActionContext(diagnostics=[d])))
    by_title = {a.title: a.edit.changes[uri] for a in actions}
    [remove] = by_title["Remove “shit”"]
    assert applied(text, remove).endswith("a total show.\n")
    [waiver] = by_title["Waive en.profanity.strong here…"]
    assert waiver.range.start == types.Position(2, 0)
    assert waiver.new_text == "<!-- compliance-ignore en.profanity.strong: TODO: why this is fine -->\n"
    change(client, uri, 2, applied(text, waiver))
    params = await published(client, uri)
    assert params.version == 2 and not params.diagnostics


async def test_workspace_configuration_changes_what_is_reported(client: LanguageClient, workspace: Path):
    project = workspace / "acme"
    project.mkdir()
    (project / ".compliance.yaml").write_text(
        f"packs: [{FIXTURES / 'acme.yaml'}]\ndisable: [en.profanity.strong]\n", encoding="utf-8")
    text = "Sneak peek of Project Bluefin today, and honestly the old checkout was a total shit show.\n"
    configured = {d.code: d for d in (await published(client, open_draft(client, project / "post.md", text))).diagnostics}
    plain = {d.code for d in (await published(client, open_draft(client, workspace / "post.md", text))).diagnostics}
    assert "en.profanity.strong" in plain and "acme.codenames" not in plain
    assert "en.profanity.strong" not in configured
    assert configured["acme.codenames"].code_description.href == "https://intranet.example/social-policy"
