//! Tauri commands of interactions, complaints, scores, promises, the dashboard and segments:
//! one expression each, calling `khachquen::feedback`.

use khachquen::clock::{Clock, SystemClock};
use khachquen::feedback::complaint::{
    self, ComplaintDraft, ComplaintEdit, ComplaintFilter, ComplaintTransition, ComplaintView,
    GoodwillDraft, ResponseDraft,
};
use khachquen::feedback::hours::{self, ServiceSettings};
use khachquen::feedback::interaction::{self, InteractionDraft, InteractionView};
use khachquen::feedback::kpi::{self, Dashboard, PeriodInput};
use khachquen::feedback::promise::{self, PromiseClose, PromiseDraft, PromiseView};
use khachquen::feedback::score::{self, FeedbackDraft, FeedbackResult};
use khachquen::feedback::segment::{self, CampaignDraft, CampaignResult, SegmentKind, SegmentView};
use khachquen::staff::Permission;
use tauri::State;

use crate::state::{AppState, COUNTER};

type Reply<T> = Result<T, khachquen::error::ErrorPayload>;

#[tauri::command(async)]
pub fn log_interaction(state: State<AppState>, draft: InteractionDraft) -> Reply<InteractionView> {
    state.act_wake(COUNTER, |db, who| interaction::log(db, &draft, &who.name, SystemClock.now()))
}

#[tauri::command(async)]
pub fn open_complaint(state: State<AppState>, draft: ComplaintDraft) -> Reply<ComplaintView> {
    state.act_wake(COUNTER, |db, who| complaint::open(db, &draft, &who.name, SystemClock.now()))
}

#[tauri::command(async)]
pub fn complaints(state: State<AppState>, filter: ComplaintFilter) -> Reply<Vec<ComplaintView>> {
    state.act(COUNTER, |db, _| complaint::list(db.conn(), &filter, SystemClock.now()))
}

#[tauri::command(async)]
pub fn get_complaint(state: State<AppState>, id: i64) -> Reply<ComplaintView> {
    state.act(COUNTER, |db, _| complaint::get(db.conn(), id, SystemClock.now()))
}

#[tauri::command(async)]
pub fn respond_complaint(
    state: State<AppState>,
    id: i64,
    draft: ResponseDraft,
) -> Reply<ComplaintView> {
    state.act_wake(COUNTER, |db, who| {
        complaint::respond(db, id, &draft, &who.name, SystemClock.now())
    })
}

#[tauri::command(async)]
pub fn transition_complaint(
    state: State<AppState>,
    id: i64,
    draft: ComplaintTransition,
) -> Reply<ComplaintView> {
    state.act_wake(COUNTER, |db, who| {
        complaint::transition(db, id, &draft, &who.name, SystemClock.now())
    })
}

#[tauri::command(async)]
pub fn edit_complaint(
    state: State<AppState>,
    id: i64,
    draft: ComplaintEdit,
) -> Reply<ComplaintView> {
    state.act_wake(COUNTER, |db, who| complaint::edit(db, id, &draft, &who.name, SystemClock.now()))
}

#[tauri::command(async)]
pub fn add_goodwill(state: State<AppState>, id: i64, draft: GoodwillDraft) -> Reply<ComplaintView> {
    state.act(Some(Permission::ApproveGoodwill), |db, who| {
        complaint::add_goodwill(db, id, &draft, &who.name, SystemClock.now())
    })
}

#[tauri::command(async)]
pub fn record_feedback(state: State<AppState>, draft: FeedbackDraft) -> Reply<FeedbackResult> {
    state.act_wake(COUNTER, |db, who| score::record(db, &draft, &who.name, SystemClock.now()))
}

#[tauri::command(async)]
pub fn create_promise(state: State<AppState>, draft: PromiseDraft) -> Reply<PromiseView> {
    state.act_wake(COUNTER, |db, who| promise::create(db, &draft, &who.name, SystemClock.now()))
}

#[tauri::command(async)]
pub fn close_promise(state: State<AppState>, id: i64, draft: PromiseClose) -> Reply<PromiseView> {
    state.act_wake(COUNTER, |db, who| promise::close(db, id, &draft, &who.name, SystemClock.now()))
}

#[tauri::command(async)]
pub fn service_settings(state: State<AppState>) -> Reply<ServiceSettings> {
    state.act(COUNTER, |db, _| hours::get(db.conn()))
}

#[tauri::command(async)]
pub fn save_service_settings(
    state: State<AppState>,
    settings: ServiceSettings,
) -> Reply<ServiceSettings> {
    state.act(Some(Permission::EditSettings), |db, who| {
        hours::save(db, &settings, &who.name, SystemClock.now())
    })
}

#[tauri::command(async)]
pub fn dashboard(state: State<AppState>, period: PeriodInput) -> Reply<Dashboard> {
    state.act(COUNTER, |db, _| {
        let now = SystemClock.now();
        state.dashboards.get(db.conn(), &kpi::parse_period(&period)?, now)
    })
}

#[tauri::command(async)]
pub fn segment(state: State<AppState>, kind: SegmentKind) -> Reply<SegmentView> {
    state.shown(COUNTER, |db, _| segment::view(db.conn(), kind, SystemClock.now()))
}

/// Writes the segment's members to a CSV file in the exports folder; returns its path.
#[tauri::command(async)]
pub fn export_segment(
    state: State<AppState>,
    kind: SegmentKind,
    headers: Vec<String>,
) -> Reply<String> {
    state.act(Some(Permission::Export), |db, who| {
        let now = SystemClock.now();
        let (path, file) = crate::exports::create(&state.export_dir(), kind.code(), now)?;
        segment::write_csv(db.conn(), kind, now, &headers, file)?;
        crate::exports::audited(db, &who.name, "segment", &path, now)
    })
}

/// Saves the table the UI built (the report's numbers) as CSV in the exports folder: the core
/// writes it, numbers as numbers and text escaped against spreadsheet formulas.
#[tauri::command(async)]
pub fn save_export(
    state: State<AppState>,
    name: String,
    rows: Vec<Vec<khachquen::io::sheet::Cell>>,
) -> Reply<String> {
    state.act(Some(Permission::Export), |db, who| {
        let now = SystemClock.now();
        let path = crate::exports::fresh_path(&state.export_dir(), &name, "csv", now)?;
        khachquen::io::sheet::write_csv(&rows, std::fs::File::create_new(&path)?)?;
        crate::exports::audited(db, &who.name, "report", &path, now)
    })
}

/// Saves the table the UI built (the report's numbers) as an XLSX workbook in the exports folder.
#[tauri::command(async)]
pub fn save_export_xlsx(
    state: State<AppState>,
    name: String,
    rows: Vec<Vec<khachquen::io::sheet::Cell>>,
) -> Reply<String> {
    state.act(Some(Permission::Export), |db, who| {
        let now = SystemClock.now();
        let path = crate::exports::fresh_path(&state.export_dir(), &name, "xlsx", now)?;
        khachquen::io::sheet::write_xlsx(&name, &rows, &path)?;
        crate::exports::audited(db, &who.name, "report", &path, now)
    })
}

#[tauri::command(async)]
pub fn create_campaign(state: State<AppState>, draft: CampaignDraft) -> Reply<CampaignResult> {
    state.act_wake(COUNTER, |db, who| {
        segment::create_campaign(db, &draft, &who.name, SystemClock.now())
    })
}
