//! Tauri commands of imports and exports. The chosen file's bytes arrive once (a raw IPC body)
//! and stay staged while the user maps columns, runs the dry run and commits.

use khachquen::clock::{Clock, SystemClock};
use khachquen::error::ErrorPayload;
use khachquen::io::import::{
    self, CommitMode, ImportBatch, ImportPlan, ImportReport, Inspection, Mapping, Preset, Source,
};
use khachquen::staff::Permission;
use serde::Serialize;
use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Emitter, Runtime, State};

use crate::state::AppState;

type Reply<T> = Result<T, ErrorPayload>;

/// A file chosen for import: its name and rows, kept until the next one is chosen.
pub struct Staged {
    name: String,
    source: Source,
}

fn not_staged() -> ErrorPayload {
    (&khachquen::Error::Import { code: "nothing_staged", detail: String::new() }).into()
}

#[derive(Clone, Serialize)]
struct Progress {
    done: u64,
    total: u64,
}

/// Reads the file sent as the raw body (its name in the `x-file-name` header, URI-encoded) and
/// returns what the mapping screen needs.
#[tauri::command(async)]
pub fn stage_import(state: State<AppState>, request: Request<'_>) -> Reply<Inspection> {
    state.actor(Some(Permission::Import))?;
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(
            (&khachquen::Error::Import { code: "not_a_table", detail: String::new() }).into()
        );
    };
    let name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(percent_decode)
        .unwrap_or_default();
    let source = Source::read(bytes).map_err(ErrorPayload::from)?;
    let inspection = state.with(|db| import::inspect(db.conn(), &source))?;
    *state.staged.lock().unwrap_or_else(|p| p.into_inner()) = Some(Staged { name, source });
    Ok(inspection)
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
    state.actor(Some(Permission::Import))?;
    let staged = state.staged.lock().unwrap_or_else(|p| p.into_inner());
    let s = staged.as_ref().ok_or_else(not_staged)?;
    let mut progress = emitter(&app, s.source.len_hint());
    state.with(|db| {
        import::dry_run(db.conn(), &s.source, &mapping, SystemClock.now(), &mut progress)
    })
}

#[tauri::command(async)]
pub fn import_commit<R: Runtime>(
    app: AppHandle<R>,
    state: State<AppState>,
    mapping: Mapping,
    mode: CommitMode,
) -> Reply<ImportReport> {
    let who = state.actor(Some(Permission::Import))?;
    let staged = state.staged.lock().unwrap_or_else(|p| p.into_inner());
    let s = staged.as_ref().ok_or_else(not_staged)?;
    let mut progress = emitter(&app, s.source.len_hint());
    let report = state.with(|db| {
        import::commit(
            db,
            &s.source,
            &mapping,
            mode,
            &s.name,
            &who.name,
            SystemClock.now(),
            &mut progress,
        )
    })?;
    state.dashboards.clear();
    state.wake.wake();
    Ok(report)
}

#[tauri::command(async)]
pub fn last_import(state: State<AppState>) -> Reply<Option<ImportBatch>> {
    state.act(Some(Permission::Import), |db, _| import::last_batch(db.conn()))
}

#[tauri::command(async)]
pub fn undo_import(state: State<AppState>) -> Reply<ImportBatch> {
    let batch = state.act(Some(Permission::Import), |db, who| {
        import::undo_last(db, &who.name, SystemClock.now())
    })?;
    state.dashboards.clear();
    state.wake.wake();
    Ok(batch)
}

#[tauri::command(async)]
pub fn import_presets(state: State<AppState>) -> Reply<Vec<Preset>> {
    state.act(Some(Permission::Import), |db, _| import::presets(db.conn()))
}

#[tauri::command(async)]
pub fn save_import_preset(
    state: State<AppState>,
    name: String,
    headers: Vec<String>,
    mapping: Mapping,
) -> Reply<()> {
    state.act(Some(Permission::Import), |db, who| {
        let p = Preset::from_mapping(&name, &headers, &mapping);
        import::save_preset(db, &p, &who.name, SystemClock.now())
    })
}

#[tauri::command(async)]
pub fn delete_import_preset(state: State<AppState>, name: String) -> Reply<()> {
    state.act(Some(Permission::Import), |db, who| {
        import::delete_preset(db, &name, &who.name, SystemClock.now())
    })
}

/// Writes a table to the exports folder as CSV (UTF-8 with BOM) or XLSX; returns the path.
#[tauri::command(async)]
pub fn export_table(
    state: State<AppState>,
    table: khachquen::io::export::Table,
    xlsx: bool,
    headers: Vec<String>,
) -> Reply<String> {
    use khachquen::io::export;
    state.act(Some(Permission::Export), |db, who| {
        let now = SystemClock.now();
        let ext = if xlsx { "xlsx" } else { "csv" };
        let path = crate::exports::fresh_path(&state.export_dir(), table.code(), ext, now)?;
        if xlsx {
            export::write_xlsx(db.conn(), table, &headers, &path)?;
        } else {
            // write_csv puts the byte-order mark first itself.
            let file = std::io::BufWriter::new(std::fs::File::create_new(&path)?);
            export::write_csv(db.conn(), table, &headers, file)?;
        }
        crate::exports::audited(db, &who.name, table.code(), &path, now)
    })
}
