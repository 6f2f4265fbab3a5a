//! Tauri commands of interactions, complaints, scores, promises, the dashboard and segments:
//! one expression each, delivering the core's desk.

use khachquen::feedback::complaint::{
    ComplaintDraft, ComplaintEdit, ComplaintFilter, ComplaintTransition, ComplaintView,
    ResponseDraft,
};
use khachquen::feedback::interaction::{InteractionDraft, InteractionView};
use khachquen::feedback::promise::{PromiseClose, PromiseDraft, PromiseView};
use khachquen::feedback::score::{FeedbackDraft, FeedbackResult};
use khachquen::feedback::service::ServiceSettings;
use khachquen::io::sheet::Cell;
use khachquen::report::kpi::{Dashboard, PeriodInput};
use khachquen::report::segment::{CampaignDraft, CampaignResult, SegmentKind, SegmentView};
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, khachquen::error::ErrorPayload>;

#[tauri::command(async)]
pub fn log_interaction(state: State<AppState>, draft: InteractionDraft) -> Reply<InteractionView> {
    state.desk_wake(|d| d.log_interaction(&draft))
}

#[tauri::command(async)]
pub fn open_complaint(state: State<AppState>, draft: ComplaintDraft) -> Reply<ComplaintView> {
    state.desk_wake(|d| d.open_complaint(&draft))
}

#[tauri::command(async)]
pub fn complaints(state: State<AppState>, filter: ComplaintFilter) -> Reply<Vec<ComplaintView>> {
    state.desk(|d| d.complaints(&filter))
}

#[tauri::command(async)]
pub fn get_complaint(state: State<AppState>, id: i64) -> Reply<ComplaintView> {
    state.desk(|d| d.get_complaint(id))
}

#[tauri::command(async)]
pub fn respond_complaint(
    state: State<AppState>,
    id: i64,
    draft: ResponseDraft,
) -> Reply<ComplaintView> {
    state.desk_wake(|d| d.respond_complaint(id, &draft))
}

#[tauri::command(async)]
pub fn transition_complaint(
    state: State<AppState>,
    id: i64,
    draft: ComplaintTransition,
) -> Reply<ComplaintView> {
    state.desk_wake(|d| d.transition_complaint(id, &draft))
}

#[tauri::command(async)]
pub fn edit_complaint(
    state: State<AppState>,
    id: i64,
    draft: ComplaintEdit,
) -> Reply<ComplaintView> {
    state.desk_wake(|d| d.edit_complaint(id, &draft))
}

#[tauri::command(async)]
pub fn record_feedback(state: State<AppState>, draft: FeedbackDraft) -> Reply<FeedbackResult> {
    state.desk_wake(|d| d.record_feedback(&draft))
}

#[tauri::command(async)]
pub fn create_promise(state: State<AppState>, draft: PromiseDraft) -> Reply<PromiseView> {
    state.desk_wake(|d| d.create_promise(&draft))
}

#[tauri::command(async)]
pub fn close_promise(state: State<AppState>, id: i64, draft: PromiseClose) -> Reply<PromiseView> {
    state.desk_wake(|d| d.close_promise(id, &draft))
}

#[tauri::command(async)]
pub fn service_settings(state: State<AppState>) -> Reply<ServiceSettings> {
    state.desk(|d| d.service_settings())
}

#[tauri::command(async)]
pub fn save_service_settings(
    state: State<AppState>,
    settings: ServiceSettings,
) -> Reply<ServiceSettings> {
    state.desk(|d| d.save_service_settings(&settings))
}

#[tauri::command(async)]
pub fn dashboard(
    state: State<AppState>,
    period: PeriodInput,
    store: Option<String>,
) -> Reply<Dashboard> {
    state.desk(|d| d.dashboard(&period, store.as_deref()))
}

#[tauri::command(async)]
pub fn segment(
    state: State<AppState>,
    kind: SegmentKind,
    store: Option<String>,
) -> Reply<SegmentView> {
    state.desk(|d| d.segment(kind, store.as_deref()))
}

#[tauri::command(async)]
pub fn export_segment(
    state: State<AppState>,
    kind: SegmentKind,
    headers: Vec<String>,
    store: Option<String>,
) -> Reply<String> {
    state.desk(|d| d.export_segment(kind, &headers, store.as_deref()))
}

/// Saves the table the UI built (the report's numbers) as CSV in the exports folder: the core
/// writes it, numbers as numbers and text escaped against spreadsheet formulas.
#[tauri::command(async)]
pub fn save_export(state: State<AppState>, name: String, rows: Vec<Vec<Cell>>) -> Reply<String> {
    state.desk(|d| d.save_export(&name, &rows))
}

#[tauri::command(async)]
pub fn save_export_xlsx(
    state: State<AppState>,
    name: String,
    rows: Vec<Vec<Cell>>,
) -> Reply<String> {
    state.desk(|d| d.save_export_xlsx(&name, &rows))
}

#[tauri::command(async)]
pub fn create_campaign(state: State<AppState>, draft: CampaignDraft) -> Reply<CampaignResult> {
    state.desk_wake(|d| d.create_campaign(&draft))
}
