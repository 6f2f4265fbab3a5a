//! Tauri commands of after-sales: one expression each, delivering the core's desk.

use khachquen::sales::claim::{ClaimDraft, ClaimSummary, ClaimView, LoanDraft, TransitionDraft};
use khachquen::sales::policy::{Policy, PolicyTerms, ReturnCheck};
use khachquen::sales::product::{Product, ProductDraft};
use khachquen::sales::purchase::{PurchaseDraft, PurchaseView};
use khachquen::sales::returns::{ReturnPreview, ReturnView};
use khachquen::sales::search::SalesHits;
use khachquen::sales::settings::ShopSettings;
use khachquen::sales::{AfterSales, UnitView};
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, khachquen::error::ErrorPayload>;

#[tauri::command(async)]
pub fn lookup_sales(state: State<AppState>, query: String) -> Reply<SalesHits> {
    state.desk(|d| d.lookup_sales(&query))
}

#[tauri::command(async)]
pub fn customer_after_sales(state: State<AppState>, id: i64) -> Reply<AfterSales> {
    state.desk(|d| d.customer_after_sales(id))
}

#[tauri::command(async)]
pub fn find_products(state: State<AppState>, query: String) -> Reply<Vec<Product>> {
    state.desk(|d| d.find_products(&query))
}

#[tauri::command(async)]
pub fn product_catalogue(state: State<AppState>, query: String) -> Reply<Vec<Product>> {
    state.desk(|d| d.product_catalogue(&query))
}

#[tauri::command(async)]
pub fn get_product(state: State<AppState>, id: i64) -> Reply<Product> {
    state.desk(|d| d.get_product(id))
}

#[tauri::command(async)]
pub fn archive_product(state: State<AppState>, id: i64, archived: bool) -> Reply<Product> {
    state.desk(|d| d.archive_product(id, archived))
}

#[tauri::command(async)]
pub fn save_product(
    state: State<AppState>,
    id: Option<i64>,
    draft: ProductDraft,
) -> Reply<Product> {
    state.desk_wake(|d| d.save_product(id, &draft))
}

#[tauri::command(async)]
pub fn list_policies(state: State<AppState>) -> Reply<Vec<Policy>> {
    state.desk(|d| d.list_policies())
}

#[tauri::command(async)]
pub fn save_policy(state: State<AppState>, id: Option<i64>, terms: PolicyTerms) -> Reply<Policy> {
    state.desk(|d| d.save_policy(id, &terms))
}

#[tauri::command(async)]
pub fn create_purchase(state: State<AppState>, draft: PurchaseDraft) -> Reply<PurchaseView> {
    state.desk_wake(|d| d.create_purchase(&draft))
}

#[tauri::command(async)]
pub fn update_purchase(
    state: State<AppState>,
    id: i64,
    draft: PurchaseDraft,
) -> Reply<PurchaseView> {
    state.desk_wake(|d| d.update_purchase(id, &draft))
}

#[tauri::command(async)]
pub fn void_purchase(state: State<AppState>, id: i64, reason: String) -> Reply<PurchaseView> {
    state.desk_wake(|d| d.void_purchase(id, &reason))
}

#[tauri::command(async)]
pub fn get_purchase(state: State<AppState>, id: i64) -> Reply<PurchaseView> {
    state.desk(|d| d.get_purchase(id))
}

#[tauri::command(async)]
pub fn get_unit(state: State<AppState>, id: i64) -> Reply<UnitView> {
    state.desk(|d| d.get_unit(id))
}

#[tauri::command(async)]
pub fn open_claim(state: State<AppState>, draft: ClaimDraft) -> Reply<ClaimView> {
    state.desk_wake(|d| d.open_claim(&draft))
}

#[tauri::command(async)]
pub fn transition_claim(
    state: State<AppState>,
    id: i64,
    draft: TransitionDraft,
) -> Reply<ClaimView> {
    state.desk_wake(|d| d.transition_claim(id, &draft))
}

#[tauri::command(async)]
pub fn get_claim(state: State<AppState>, id: i64) -> Reply<ClaimView> {
    state.desk(|d| d.get_claim(id))
}

#[tauri::command(async)]
pub fn claim_board(state: State<AppState>) -> Reply<Vec<ClaimSummary>> {
    state.desk(|d| d.claim_board())
}

/// Issue 15: staff saw that two stores moved the claim while apart.
#[tauri::command(async)]
pub fn acknowledge_claim_conflict(state: State<AppState>, id: i64) -> Reply<ClaimView> {
    state.desk(|d| d.acknowledge_claim_conflict(id))
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
    state.desk(|d| d.preview_return(line_id, unit_id, check, &returned_on, quantity))
}

#[tauri::command(async)]
pub fn get_return(state: State<AppState>, id: i64) -> Reply<ReturnView> {
    state.desk(|d| d.get_return(id))
}

#[tauri::command(async)]
pub fn get_settings(state: State<AppState>) -> Reply<ShopSettings> {
    state.desk(|d| d.get_settings())
}

#[tauri::command(async)]
pub fn save_settings(state: State<AppState>, settings: ShopSettings) -> Reply<ShopSettings> {
    state.desk(|d| d.save_settings(&settings))
}

/// Opens the OS print dialog for the page shown (printing to PDF included).
#[tauri::command]
pub fn print_page(window: tauri::WebviewWindow) -> Result<(), String> {
    window.print().map_err(|e| e.to_string())
}

#[tauri::command(async)]
pub fn parse_money(state: State<AppState>, inputs: Vec<String>) -> Reply<Vec<Option<i64>>> {
    state.desk(|d| d.parse_money(&inputs))
}

// Loan units (issue 18, part 8).

#[tauri::command(async)]
pub fn lend_loan_unit(state: State<AppState>, id: i64, draft: LoanDraft) -> Reply<ClaimView> {
    state.desk(|d| d.lend_loan_unit(id, &draft))
}

#[tauri::command(async)]
pub fn return_loan_unit(state: State<AppState>, id: i64, draft: LoanDraft) -> Reply<ClaimView> {
    state.desk(|d| d.return_loan_unit(id, &draft))
}
