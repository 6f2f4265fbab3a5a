//! Tauri commands of vouchers and what customers owe (issue 17): one expression each.

use khachquen::loyalty::debt_account::{DebtAccount, PaymentDraft};
use khachquen::loyalty::debt_list::OpenDebts;
use khachquen::loyalty::debt_settings::DebtSettings;
use khachquen::loyalty::voucher_create::VoucherDraft;
use khachquen::loyalty::voucher_list::{VoucherUse, VoucherView};
use khachquen::loyalty::voucher_settings::VoucherSettings;
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, khachquen::error::ErrorPayload>;

#[tauri::command(async)]
pub fn list_vouchers(state: State<AppState>, customer_id: Option<i64>) -> Reply<Vec<VoucherView>> {
    state.desk(|d| d.list_vouchers(customer_id))
}

#[tauri::command(async)]
pub fn voucher_uses(state: State<AppState>, id: i64) -> Reply<Vec<VoucherUse>> {
    state.desk(|d| d.voucher_uses(id))
}

#[tauri::command(async)]
pub fn create_voucher(state: State<AppState>, draft: VoucherDraft) -> Reply<VoucherView> {
    state.desk(|d| d.create_voucher(&draft))
}

#[tauri::command(async)]
pub fn archive_voucher(state: State<AppState>, id: i64, archived: bool) -> Reply<VoucherView> {
    state.desk(|d| d.archive_voucher(id, archived))
}

#[tauri::command(async)]
pub fn quote_voucher(
    state: State<AppState>,
    code: String,
    customer_id: Option<i64>,
    amount: i64,
) -> Reply<i64> {
    state.desk(|d| d.quote_voucher(&code, customer_id, amount))
}

#[tauri::command(async)]
pub fn voucher_settings(state: State<AppState>) -> Reply<VoucherSettings> {
    state.desk(|d| d.voucher_settings())
}

/// Re-plans the thank-you and birthday reminders' vouchers: Today may change.
#[tauri::command(async)]
pub fn save_voucher_settings(
    state: State<AppState>,
    settings: VoucherSettings,
) -> Reply<VoucherSettings> {
    state.desk_wake(|d| d.save_voucher_settings(&settings))
}

#[tauri::command(async)]
pub fn debt_account(state: State<AppState>, customer_id: i64) -> Reply<DebtAccount> {
    state.desk(|d| d.debt_account(customer_id))
}

/// A payment removes the reminders of the debts it cleared: Today and the tray refresh.
#[tauri::command(async)]
pub fn record_payment(
    state: State<AppState>,
    customer_id: i64,
    payment: PaymentDraft,
) -> Reply<DebtAccount> {
    state.desk_wake(|d| d.record_payment(customer_id, &payment))
}

#[tauri::command(async)]
pub fn set_debt_limit(
    state: State<AppState>,
    customer_id: i64,
    limit: String,
) -> Reply<DebtAccount> {
    state.desk(|d| d.set_debt_limit(customer_id, &limit))
}

#[tauri::command(async)]
pub fn open_debts(state: State<AppState>, overdue_only: bool) -> Reply<OpenDebts> {
    state.desk(|d| d.open_debts(overdue_only))
}

#[tauri::command(async)]
pub fn debt_settings(state: State<AppState>) -> Reply<DebtSettings> {
    state.desk(|d| d.debt_settings())
}

#[tauri::command(async)]
pub fn save_debt_settings(state: State<AppState>, settings: DebtSettings) -> Reply<DebtSettings> {
    state.desk(|d| d.save_debt_settings(&settings))
}
