//! Tauri commands of after-sales: one expression each, calling `khachquen::sales`.

use khachquen::clock::{local_date, Clock, SystemClock};
use khachquen::sales::claim::{self, ClaimDraft, ClaimSummary, ClaimView, TransitionDraft};
use khachquen::sales::policy::{self, Policy, PolicyTerms, ReturnCheck};
use khachquen::sales::product::{self, Product, ProductDraft};
use khachquen::sales::purchase::{self, PurchaseDraft, PurchaseView};
use khachquen::sales::returns::{self, ReturnDraft, ReturnPreview, ReturnView};
use khachquen::sales::search::{lookup, SalesHits};
use khachquen::sales::settings::{self, ShopSettings};
use khachquen::sales::{self as sales, unit, AfterSales, UnitView};
use khachquen::staff::Permission;
use tauri::State;

use crate::state::{AppState, COUNTER};

type Reply<T> = Result<T, khachquen::error::ErrorPayload>;

fn today() -> chrono::NaiveDate {
    local_date(SystemClock.now())
}

#[tauri::command(async)]
pub fn lookup_sales(state: State<AppState>, query: String) -> Reply<SalesHits> {
    state.act(COUNTER, |db, _| lookup(db.conn(), &query, today()))
}

#[tauri::command(async)]
pub fn customer_after_sales(state: State<AppState>, id: i64) -> Reply<AfterSales> {
    state.act(COUNTER, |db, _| sales::for_customer(db.conn(), id, today()))
}

#[tauri::command(async)]
pub fn find_products(state: State<AppState>, query: String) -> Reply<Vec<Product>> {
    state.act(COUNTER, |db, _| product::find(db.conn(), &query, 20))
}

#[tauri::command(async)]
pub fn product_catalogue(state: State<AppState>, query: String) -> Reply<Vec<Product>> {
    state.act(COUNTER, |db, _| product::catalogue(db.conn(), &query, 500))
}

#[tauri::command(async)]
pub fn get_product(state: State<AppState>, id: i64) -> Reply<Product> {
    state.act(COUNTER, |db, _| product::get(db.conn(), id))
}

#[tauri::command(async)]
pub fn archive_product(state: State<AppState>, id: i64, archived: bool) -> Reply<Product> {
    state.act(COUNTER, |db, who| {
        product::set_archived(db, id, archived, &who.name, SystemClock.now())
    })
}

#[tauri::command(async)]
pub fn save_product(
    state: State<AppState>,
    id: Option<i64>,
    draft: ProductDraft,
) -> Reply<Product> {
    state.act_wake(COUNTER, |db, who| product::save(db, id, &draft, &who.name, SystemClock.now()))
}

#[tauri::command(async)]
pub fn list_policies(state: State<AppState>) -> Reply<Vec<Policy>> {
    state.act(COUNTER, |db, _| policy::list(db.conn()))
}

#[tauri::command(async)]
pub fn save_policy(state: State<AppState>, id: Option<i64>, terms: PolicyTerms) -> Reply<Policy> {
    state.act(Some(Permission::EditSettings), |db, who| {
        policy::save(db, id, &terms, &who.name, SystemClock.now())
    })
}

#[tauri::command(async)]
pub fn create_purchase(state: State<AppState>, draft: PurchaseDraft) -> Reply<PurchaseView> {
    state.act_wake(COUNTER, |db, who| purchase::create(db, &draft, &who.name, SystemClock.now()))
}

#[tauri::command(async)]
pub fn update_purchase(
    state: State<AppState>,
    id: i64,
    draft: PurchaseDraft,
) -> Reply<PurchaseView> {
    state
        .act_wake(COUNTER, |db, who| purchase::update(db, id, &draft, &who.name, SystemClock.now()))
}

#[tauri::command(async)]
pub fn void_purchase(state: State<AppState>, id: i64, reason: String) -> Reply<PurchaseView> {
    state.act_wake(COUNTER, |db, who| purchase::void(db, id, &reason, &who.name, SystemClock.now()))
}

#[tauri::command(async)]
pub fn get_purchase(state: State<AppState>, id: i64) -> Reply<PurchaseView> {
    state.act(COUNTER, |db, _| purchase::get(db.conn(), id, today()))
}

#[tauri::command(async)]
pub fn get_unit(state: State<AppState>, id: i64) -> Reply<UnitView> {
    state.act(COUNTER, |db, _| unit::get(db.conn(), id, today()))
}

#[tauri::command(async)]
pub fn open_claim(state: State<AppState>, draft: ClaimDraft) -> Reply<ClaimView> {
    state.act_wake(COUNTER, |db, who| {
        claim::open(db, &draft, &who.name, SystemClock.now()).map(|c| who.shown(c))
    })
}

#[tauri::command(async)]
pub fn transition_claim(
    state: State<AppState>,
    id: i64,
    draft: TransitionDraft,
) -> Reply<ClaimView> {
    state.act_wake(COUNTER, |db, who| {
        claim::transition(db, id, &draft, &who.name, SystemClock.now()).map(|c| who.shown(c))
    })
}

#[tauri::command(async)]
pub fn get_claim(state: State<AppState>, id: i64) -> Reply<ClaimView> {
    state.shown(COUNTER, |db, _| claim::get(db.conn(), id, today()))
}

#[tauri::command(async)]
pub fn claim_board(state: State<AppState>) -> Reply<Vec<ClaimSummary>> {
    state.act(COUNTER, |db, _| claim::board(db.conn(), today()))
}

#[tauri::command(async)]
pub fn preview_return(
    state: State<AppState>,
    line_id: i64,
    unit_id: Option<i64>,
    check: ReturnCheck,
    returned_on: String,
    quantity: i64,
) -> Reply<ReturnPreview> {
    state.act(COUNTER, |db, _| {
        returns::preview(
            db.conn(),
            line_id,
            unit_id,
            check,
            &returned_on,
            quantity,
            SystemClock.now(),
        )
    })
}

#[tauri::command(async)]
pub fn record_return(state: State<AppState>, draft: ReturnDraft) -> Reply<ReturnView> {
    state.act_wake(COUNTER, |db, who| {
        let may_override = who.can(Permission::OverridePolicy);
        returns::record_by(db, &draft, &who.name, may_override, SystemClock.now())
    })
}

#[tauri::command(async)]
pub fn get_return(state: State<AppState>, id: i64) -> Reply<ReturnView> {
    state.act(COUNTER, |db, _| returns::get(db.conn(), id))
}

#[tauri::command(async)]
pub fn get_settings(state: State<AppState>) -> Reply<ShopSettings> {
    state.act(COUNTER, |db, _| settings::get(db.conn()))
}

#[tauri::command(async)]
pub fn save_settings(state: State<AppState>, settings: ShopSettings) -> Reply<ShopSettings> {
    state.act(Some(Permission::EditSettings), |db, who| {
        settings::save(db, &settings, &who.name, SystemClock.now())
    })
}

/// Opens the OS print dialog for the page shown (printing to PDF included).
#[tauri::command]
pub fn print_page(window: tauri::WebviewWindow) -> Result<(), String> {
    window.print().map_err(|e| e.to_string())
}
