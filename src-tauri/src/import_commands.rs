//! Tauri commands of imports and exports. The chosen file's bytes arrive once (a raw IPC body)
//! and stay staged while the user maps columns, runs the dry run and commits.

use khachquen::error::ErrorPayload;
use khachquen::io::import::{
    CommitMode, ImportBatch, ImportPlan, ImportReport, Inspection, Mapping, Preset,
};
use serde::Serialize;
use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Emitter, Runtime, State};

use crate::state::AppState;

type Reply<T> = Result<T, ErrorPayload>;

#[derive(Clone, Serialize)]
struct Progress {
    done: u64,
    total: u64,
}

/// Reads the file sent as the raw body (its name in the `x-file-name` header, URI-encoded) and
/// returns what the mapping screen needs.
#[tauri::command(async)]
pub fn stage_import(state: State<AppState>, request: Request<'_>) -> Reply<Inspection> {
    let name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(percent_decode)
        .unwrap_or_default();
    let bytes: &[u8] = match request.body() {
        InvokeBody::Raw(bytes) => bytes,
        // Anything else is no file: the core refuses it as not a table.
        InvokeBody::Json(_) => &[],
    };
    state.desk(|d| d.stage_import(&name, bytes))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn emitter<R: Runtime>(app: &AppHandle<R>, total: u64) -> impl FnMut(u64) + '_ {
    move |done| {
        let _ = app.emit("import-progress", Progress { done, total });
    }
}

#[tauri::command(async)]
pub fn import_dry_run<R: Runtime>(
    app: AppHandle<R>,
    state: State<AppState>,
    mapping: Mapping,
) -> Reply<ImportPlan> {
    state.desk(|d| d.import_dry_run(&mapping, &mut emitter(&app, d.staged_rows())))
}

#[tauri::command(async)]
pub fn import_commit<R: Runtime>(
    app: AppHandle<R>,
    state: State<AppState>,
    mapping: Mapping,
    mode: CommitMode,
) -> Reply<ImportReport> {
    state.desk_wake(|d| d.import_commit(&mapping, mode, &mut emitter(&app, d.staged_rows())))
}

#[tauri::command(async)]
pub fn last_import(state: State<AppState>) -> Reply<Option<ImportBatch>> {
    state.desk(|d| d.last_import())
}

#[tauri::command(async)]
pub fn undo_import(state: State<AppState>) -> Reply<ImportBatch> {
    state.desk_wake(|d| d.undo_import())
}

#[tauri::command(async)]
pub fn import_presets(state: State<AppState>) -> Reply<Vec<Preset>> {
    state.desk(|d| d.import_presets())
}

#[tauri::command(async)]
pub fn save_import_preset(
    state: State<AppState>,
    name: String,
    headers: Vec<String>,
    mapping: Mapping,
) -> Reply<()> {
    state.desk(|d| d.save_import_preset(&name, &headers, &mapping))
}

#[tauri::command(async)]
pub fn delete_import_preset(state: State<AppState>, name: String) -> Reply<()> {
    state.desk(|d| d.delete_import_preset(&name))
}

/// Writes a table to the exports folder as CSV (UTF-8 with BOM) or XLSX; returns the path.
#[tauri::command(async)]
pub fn export_table(
    state: State<AppState>,
    table: khachquen::io::export::Table,
    xlsx: bool,
    headers: Vec<String>,
) -> Reply<String> {
    state.desk(|d| d.export_table(table, xlsx, &headers))
}
