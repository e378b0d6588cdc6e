//! The server loop: requests and notifications on stdio, answered from an engine
//! `Workspace` kept up to date with the editor's buffers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability, DiagnosticOptions,
    DiagnosticServerCapabilities, DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReportResult,
    FullDocumentDiagnosticReport, GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverContents, HoverParams,
    HoverProviderCapability, InitializeParams, Location, MarkupContent, MarkupKind, OneOf, PublishDiagnosticsParams,
    RelatedFullDocumentDiagnosticReport, SaveOptions, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, TextEdit, Uri, WorkspaceEdit,
};
use sg_engine::{Config, DiskFs, OverlayFs, Workspace, load_config};
use sg_model::{Origin, Span};

use crate::convert::{self, path_to_uri, uri_to_path};
use crate::lookup;

pub(crate) struct Server {
    root: PathBuf,
    disk: DiskFs,
    /// Open buffers by path relative to the root; they win over the files on disk.
    overlay: BTreeMap<String, Vec<u8>>,
    workspace: Workspace,
    /// Files diagnostics were last published for, so stale ones can be cleared.
    published: BTreeSet<String>,
}

/// Runs the server on `connection` until the client asks it to exit.
pub fn serve(connection: Connection) -> Result<(), String> {
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::FULL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(false) })),
            ..Default::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        diagnostic_provider: Some(DiagnosticServerCapabilities::Options(DiagnosticOptions {
            identifier: Some("schemagraph".to_owned()),
            inter_file_dependencies: true,
            workspace_diagnostics: false,
            work_done_progress_options: Default::default(),
        })),
        ..Default::default()
    };
    let capabilities = serde_json::to_value(capabilities).map_err(|e| e.to_string())?;
    let params = connection.initialize(capabilities).map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).map_err(|e| e.to_string())?;
    let root = root_of(&params).ok_or("the client gave no workspace folder or root URI")?;

    let (config, config_error) = match load_config(&root, None) {
        Ok(c) => (c, None),
        Err(e) => (Config::default(), Some(e.to_string())),
    };
    let disk = DiskFs::new(&root);
    let overlay = BTreeMap::new();
    let workspace = Workspace::new(&OverlayFs { base: &disk, overlay: &overlay }, config);
    let mut server = Server { root, disk, overlay, workspace, published: BTreeSet::new() };
    if let Some(message) = config_error {
        server.show_error(&connection, &message);
    }
    server.publish(&connection);

    for message in &connection.receiver {
        match message {
            Message::Request(req) => {
                if connection.handle_shutdown(&req).map_err(|e| e.to_string())? {
                    return Ok(());
                }
                let response = server.request(req);
                connection.sender.send(Message::Response(response)).map_err(|e| e.to_string())?;
            }
            Message::Notification(n) => {
                if n.method == lsp_types::notification::Exit::METHOD {
                    return Ok(());
                }
                server.notification(&connection, n);
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

#[allow(deprecated, reason = "root_uri is the fallback for clients without workspace folders")]
fn root_of(params: &InitializeParams) -> Option<PathBuf> {
    let folder = params.workspace_folders.as_ref().and_then(|f| f.first()).map(|f| &f.uri);
    folder.or(params.root_uri.as_ref()).and_then(uri_to_path)
}

impl Server {
    /// The path relative to the root, for a document of the workspace.
    fn relative(&self, uri: &Uri) -> Option<String> {
        let path = uri_to_path(uri)?;
        let rel = path.strip_prefix(&self.root).ok()?;
        let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        (!parts.is_empty()).then(|| parts.join("/"))
    }

    fn uri(&self, rel: &str) -> Option<Uri> {
        path_to_uri(&self.root.join(rel))
    }

    fn refresh(&mut self, changed: &str) {
        let fs = OverlayFs { base: &self.disk, overlay: &self.overlay };
        self.workspace.update(&fs, &[changed.to_owned()]);
    }

    fn show_error(&self, connection: &Connection, message: &str) {
        let params = lsp_types::ShowMessageParams {
            typ: lsp_types::MessageType::ERROR,
            message: format!("schemagraph: {message}"),
        };
        let _ = connection.sender.send(Message::Notification(Notification::new(
            lsp_types::notification::ShowMessage::METHOD.to_owned(),
            params,
        )));
    }

    /// The diagnostics of one file.
    fn diagnostics_for(&self, rel: &str) -> Vec<lsp_types::Diagnostic> {
        let analysis = self.workspace.analysis();
        let Some(id) = analysis.files.find(rel) else { return Vec::new() };
        analysis
            .diagnostics
            .iter()
            .filter(|d| d.finding.span.file == id)
            .map(|d| convert::diagnostic(&self.root, analysis, d))
            .collect()
    }

    /// Publishes diagnostics for every migration file and every file with findings, and
    /// clears files that had diagnostics and no longer do.
    fn publish(&mut self, connection: &Connection) {
        let analysis = self.workspace.analysis();
        let mut now: BTreeSet<String> = BTreeSet::new();
        for s in &analysis.streams {
            for m in &s.migrations {
                for id in std::iter::once(m.file).chain(m.down_file) {
                    now.insert(analysis.files.path(id).to_owned());
                }
            }
        }
        for d in &analysis.diagnostics {
            now.insert(analysis.files.path(d.finding.span.file).to_owned());
        }
        let stale: Vec<String> = self.published.difference(&now).cloned().collect();
        for rel in now.iter().chain(&stale) {
            let Some(uri) = self.uri(rel) else { continue };
            let params = PublishDiagnosticsParams { uri, diagnostics: self.diagnostics_for(rel), version: None };
            let n = Notification::new(lsp_types::notification::PublishDiagnostics::METHOD.to_owned(), params);
            let _ = connection.sender.send(Message::Notification(n));
        }
        self.published = now;
    }

    fn notification(&mut self, connection: &Connection, n: Notification) {
        use lsp_types::notification as N;
        let rel = match n.method.as_str() {
            N::DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params) else { return };
                let Some(rel) = self.relative(&p.text_document.uri) else { return };
                self.overlay.insert(rel.clone(), p.text_document.text.into_bytes());
                rel
            }
            N::DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params) else { return };
                let Some(rel) = self.relative(&p.text_document.uri) else { return };
                // Full synchronization: the last change holds the whole buffer.
                let Some(change) = p.content_changes.into_iter().last() else { return };
                self.overlay.insert(rel.clone(), change.text.into_bytes());
                rel
            }
            N::DidSaveTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(n.params) else { return };
                let Some(rel) = self.relative(&p.text_document.uri) else { return };
                rel
            }
            N::DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params) else { return };
                let Some(rel) = self.relative(&p.text_document.uri) else { return };
                // The file on disk is what counts again.
                self.overlay.remove(&rel);
                rel
            }
            _ => return,
        };
        self.refresh(&rel);
        self.publish(connection);
    }

    fn request(&mut self, req: Request) -> Response {
        use lsp_types::request as R;
        let id = req.id.clone();
        let result = match req.method.as_str() {
            R::DocumentDiagnosticRequest::METHOD => self.pull_diagnostics(req),
            R::HoverRequest::METHOD => self.hover(req),
            R::GotoDefinition::METHOD => self.definition(req),
            R::CodeActionRequest::METHOD => self.code_actions(req),
            _ => {
                return Response::new_err(
                    id,
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    format!("unknown method {}", req.method),
                );
            }
        };
        match result {
            Ok(value) => Response { id, response_result: Ok(value) },
            Err(message) => Response::new_err(id, lsp_server::ErrorCode::InvalidParams as i32, message),
        }
    }

    fn pull_diagnostics(&self, req: Request) -> Result<serde_json::Value, String> {
        let p: DocumentDiagnosticParams = params(req)?;
        let items = self.relative(&p.text_document.uri).map(|rel| self.diagnostics_for(&rel)).unwrap_or_default();
        let report = DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
            RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: None, items },
            },
        ));
        serde_json::to_value(report).map_err(|e| e.to_string())
    }

    /// The table or column under a position: its description for hover and the place that
    /// created it. Objects are looked up in the schema just before the migration the
    /// cursor is in; one this migration creates is described as it stands at the head.
    fn lookup(&self, uri: &Uri, pos: lsp_types::Position) -> Option<(String, Origin)> {
        let rel = self.relative(uri)?;
        let analysis = self.workspace.analysis();
        let file = analysis.files.find(&rel)?;
        let offset = convert::offset(&analysis.files, file, pos);
        let (qualifier, name, _) = lookup::word_at(analysis.files.text(file), offset)?;
        let place = lookup::place(analysis, file)?;
        let cursor = Span::new(file, offset, offset);
        let before = place.migration.map(|i| place.stream.schema_before(i));
        let state = before.as_ref().unwrap_or(&place.stream.head);
        let when = match place.migration {
            Some(i) => format!("as it stands before `{}`", place.stream.migrations[i].label()),
            None => "at the head of the history".to_owned(),
        };
        if let Some(found) = lookup::find(state, place.stream, place.migration, cursor, qualifier.as_deref(), &name) {
            return Some((lookup::describe(analysis, place.stream, &found, &when), found.origin()));
        }
        let head = &place.stream.head;
        let found = lookup::find(head, place.stream, place.migration, cursor, qualifier.as_deref(), &name)?;
        let text =
            lookup::describe(analysis, place.stream, &found, "created by this or a later migration; shown at the head");
        Some((text, found.origin()))
    }

    fn hover(&self, req: Request) -> Result<serde_json::Value, String> {
        let p: HoverParams = params(req)?;
        let tp = p.text_document_position_params;
        let Some((text, _)) = self.lookup(&tp.text_document.uri, tp.position) else {
            return Ok(serde_json::Value::Null);
        };
        let hover = Hover {
            contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: text }),
            range: None,
        };
        serde_json::to_value(hover).map_err(|e| e.to_string())
    }

    fn definition(&self, req: Request) -> Result<serde_json::Value, String> {
        let p: GotoDefinitionParams = params(req)?;
        let tp = p.text_document_position_params;
        let Some((_, origin)) = self.lookup(&tp.text_document.uri, tp.position) else {
            return Ok(serde_json::Value::Null);
        };
        let analysis = self.workspace.analysis();
        let span = origin.span;
        let Some(uri) = self.uri(analysis.files.path(span.file)) else { return Ok(serde_json::Value::Null) };
        let location = Location { uri, range: convert::range(&analysis.files, span) };
        serde_json::to_value(GotoDefinitionResponse::Scalar(location)).map_err(|e| e.to_string())
    }

    #[expect(
        clippy::mutable_key_type,
        reason = "lsp-types keys WorkspaceEdit changes by Uri, whose parsed form caches in a Cell; the key is never mutated"
    )]
    fn code_actions(&self, req: Request) -> Result<serde_json::Value, String> {
        let p: CodeActionParams = params(req)?;
        let Some(rel) = self.relative(&p.text_document.uri) else { return Ok(serde_json::json!([])) };
        let analysis = self.workspace.analysis();
        let Some(file) = analysis.files.find(&rel) else { return Ok(serde_json::json!([])) };
        let start = convert::offset(&analysis.files, file, p.range.start);
        let end = convert::offset(&analysis.files, file, p.range.end);
        let mut actions = Vec::new();
        for d in analysis.diagnostics.iter().filter(|d| d.finding.span.file == file) {
            let span = d.finding.span;
            if (span.end as usize) < start || (span.start as usize) > end {
                continue;
            }
            let lsp_diag = convert::diagnostic(&self.root, analysis, d);
            if let Some(edit) = crate::actions::allow_here(analysis, &rel, file, d) {
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Allow `{}` here (schemagraph)", d.finding.rule),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![lsp_diag.clone()]),
                    edit: Some(self.workspace_edit(&rel, vec![edit])),
                    ..Default::default()
                }));
            }
            if let Some(fix) = &d.finding.fix {
                let mut by_file: BTreeMap<String, Vec<TextEdit>> = BTreeMap::new();
                for e in &fix.edits {
                    by_file.entry(analysis.files.path(e.span.file).to_owned()).or_default().push(TextEdit {
                        range: convert::range(&analysis.files, e.span),
                        new_text: e.replacement.clone(),
                    });
                }
                let changes = by_file.into_iter().filter_map(|(f, edits)| Some((self.uri(&f)?, edits))).collect();
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![lsp_diag]),
                    edit: Some(WorkspaceEdit { changes: Some(changes), ..Default::default() }),
                    is_preferred: Some(true),
                    ..Default::default()
                }));
            }
        }
        serde_json::to_value(actions).map_err(|e| e.to_string())
    }

    fn workspace_edit(&self, rel: &str, edits: Vec<TextEdit>) -> WorkspaceEdit {
        let changes = self.uri(rel).map(|uri| std::iter::once((uri, edits)).collect());
        WorkspaceEdit { changes, ..Default::default() }
    }
}

fn params<P: serde::de::DeserializeOwned>(req: Request) -> Result<P, String> {
    serde_json::from_value(req.params).map_err(|e| e.to_string())
}
