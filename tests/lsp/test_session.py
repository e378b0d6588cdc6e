"""An editor session with `schemagraph lsp`, driven by pytest-lsp as a real LSP client.

It opens the migration that closes the foreign-key cycle of the corpus case
`golang-migrate-fk-cycle`, checks the diagnostic and its related locations, edits the
buffer to break the cycle and gets an empty list, then asks for hover, go to definition
and a code action. The buffer edits never touch the files on disk.
"""

import asyncio
import os
import pathlib
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

ROOT = pathlib.Path(__file__).resolve().parents[2]
CASE = ROOT / "corpus" / "golang-migrate-fk-cycle"
MIGRATIONS = CASE / "db" / "migrations"
BIN = os.environ.get("SCHEMAGRAPH_BIN", str(ROOT / "target" / "debug" / "schemagraph"))
TIMEOUT = 30


def uri(path: pathlib.Path) -> str:
    return path.as_uri()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BIN, "lsp"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            workspace_folders=[types.WorkspaceFolder(uri=uri(CASE), name="case")],
        )
    )
    yield
    await lsp_client.shutdown_session()


async def published(client: LanguageClient, target: str, condition):
    """The diagnostics last published for `target`, once they satisfy `condition`.

    The client records every publishDiagnostics notification; waiting on the record rather
    than on "the next notification" cannot miss one that arrives between two awaits.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    while loop.time() < deadline:
        diagnostics = client.diagnostics.get(target)
        if diagnostics is not None and condition(list(diagnostics)):
            return list(diagnostics)
        await asyncio.sleep(0.05)
    raise AssertionError(f"no diagnostics for {target} satisfied the condition; last: {client.diagnostics.get(target)}")


def position_of(path: pathlib.Path, needle: str, line_hint: int = 0) -> types.Position:
    lines = path.read_text().splitlines()
    for i, line in enumerate(lines[line_hint:], start=line_hint):
        if needle in line:
            return types.Position(line=i, character=line.index(needle) + 1)
    raise AssertionError(f"{needle!r} not in {path}")


async def test_cycle_edit_hover_definition_and_code_action(client: LanguageClient):
    closing = MIGRATIONS / "000004_add_tenant_owner.up.sql"
    closing_uri = uri(closing)

    # Open the migration that closes the cycle: its diagnostic names the cycle and points
    # at every key in it.
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=closing_uri, language_id="sql", version=1, text=closing.read_text()
            )
        )
    )
    diagnostics = await published(client, closing_uri, lambda ds: any(d.code == "fk-cycle" for d in ds))
    cycles = [d for d in diagnostics if d.code == "fk-cycle"]
    assert len(cycles) == 1, diagnostics
    cycle = cycles[0]
    assert cycle.source == "schemagraph"
    assert cycle.severity == types.DiagnosticSeverity.Error
    assert cycle.range.start == types.Position(line=2, character=4)
    assert cycle.code_description.href.endswith("fk-cycle.md")
    related = sorted(
        (pathlib.Path(r.location.uri.removeprefix("file://")).name, r.location.range.start.line)
        for r in cycle.related_information
    )
    assert related == [
        ("000002_create_accounts.up.sql", 2),
        ("000003_create_users.up.sql", 2),
        ("000004_add_tenant_owner.up.sql", 2),
    ], related

    # The pull model gives the same answer.
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=closing_uri))
    )
    assert [d.code for d in report.items] == [d.code for d in diagnostics]

    # The rule's own fix as a code action: add the foreign key NOT VALID, just before `;`.
    not_valid = next(d for d in diagnostics if d.code == "foreign-key-without-not-valid")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=closing_uri),
            range=not_valid.range,
            context=types.CodeActionContext(diagnostics=[not_valid]),
        )
    )
    fix = next(a for a in actions if a.title.startswith("Add the constraint NOT VALID"))
    assert fix.is_preferred, fix
    [edit] = fix.edit.changes[closing_uri]
    constraint_line = closing.read_text().splitlines()[2]
    end = types.Position(line=2, character=constraint_line.index(";"))
    assert (edit.range.start, edit.range.end, edit.new_text) == (end, end, " NOT VALID"), edit

    # Edit the unsaved buffer to break the cycle: the file's diagnostics go away.
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=closing_uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="-- The owner link is gone.\n")],
        )
    )
    assert await published(client, closing_uri, lambda ds: ds == []) == []

    # Hover on `accounts` where users references it: the table as it stands before 000003.
    users = MIGRATIONS / "000003_create_users.up.sql"
    at = position_of(users, "accounts (id)")
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri(users)), position=at)
    )
    text = hover.contents.value
    assert "table `accounts`" in text, text
    assert "before `000003_create_users`" in text, text
    assert "`tenant_id`" in text and "`bigint`" in text, text
    assert "created by migration `000002_create_accounts`" in text, text

    # Go to definition: the CREATE TABLE of 000002.
    location = await client.text_document_definition_async(
        types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=uri(users)), position=at)
    )
    assert location.uri == uri(MIGRATIONS / "000002_create_accounts.up.sql")
    assert location.range.start == types.Position(line=0, character=0)

    # A column: `tenant_id` in accounts, created by 000002.
    accounts = MIGRATIONS / "000002_create_accounts.up.sql"
    column_at = position_of(accounts, "tenant_id)", line_hint=7)
    location = await client.text_document_definition_async(
        types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=uri(accounts)), position=column_at)
    )
    assert location.uri == uri(accounts)
    assert location.range.start.line == 2

    # A code action on a finding of 000003: allow it here, with a reason to fill in.
    users_diagnostics = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri(users)))
    )
    finding = next(d for d in users_diagnostics.items if d.code == "global-references-tenant")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(users)),
            range=finding.range,
            context=types.CodeActionContext(diagnostics=[finding]),
        )
    )
    allow = next(a for a in actions if a.title == "Allow `global-references-tenant` here (schemagraph)")
    edit = allow.edit.changes[uri(users)][0]
    assert edit.new_text == "-- schemagraph: allow global-references-tenant -- reason\n"
    assert edit.range.start == types.Position(line=0, character=0)
