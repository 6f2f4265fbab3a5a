//! The TypeScript types of everything that crosses to the UI, generated from these Rust types
//! (ts-rs) into `ui/src/lib/bindings/`. A test fails when the committed files are stale.

use std::path::Path;

use ts_rs::{ExportError, TS};

use crate::customer::{
    CustomerCard, CustomerDraft, DraftCheck, PreferenceDraft, SearchOptions, SearchResult,
};
use crate::error::ErrorPayload;

/// Writes every exported type (and the types they use) into `dir`.
pub fn export_all(dir: &Path) -> Result<(), ExportError> {
    core_types(dir)?;
    sales_types(dir)?;
    care_types(dir)?;
    feedback_types(dir)?;
    write_lists(dir)
}

/// The customer, staff, audit, import and export, privacy and desk types.
fn core_types(dir: &Path) -> Result<(), ExportError> {
    CustomerCard::export_all_to(dir)?;
    CustomerDraft::export_all_to(dir)?;
    DraftCheck::export_all_to(dir)?;
    PreferenceDraft::export_all_to(dir)?;
    SearchOptions::export_all_to(dir)?;
    SearchResult::export_all_to(dir)?;
    ErrorPayload::export_all_to(dir)?;
    crate::staff::Actor::export_all_to(dir)?;
    crate::staff::SessionState::export_all_to(dir)?;
    crate::staff::StaffView::export_all_to(dir)?;
    crate::staff::StaffDraft::export_all_to(dir)?;
    crate::audit::AuditFilter::export_all_to(dir)?;
    crate::audit::AuditPage::export_all_to(dir)?;
    crate::io::import::Inspection::export_all_to(dir)?;
    crate::io::import::ImportPlan::export_all_to(dir)?;
    crate::io::import::ImportReport::export_all_to(dir)?;
    crate::io::import::ImportBatch::export_all_to(dir)?;
    crate::io::import::Preset::export_all_to(dir)?;
    crate::io::import::CommitMode::export_all_to(dir)?;
    crate::io::export::Table::export_all_to(dir)?;
    crate::io::sheet::Cell::export_all_to(dir)?;
    crate::privacy::ConsentDraft::export_all_to(dir)?;
    crate::privacy::ConsentState::export_all_to(dir)?;
    crate::privacy::RequestDraft::export_all_to(dir)?;
    crate::privacy::RequestUpdate::export_all_to(dir)?;
    crate::privacy::RequestView::export_all_to(dir)?;
    crate::desk::SubjectCopy::export_all_to(dir)?;
    crate::paths::AppInfo::export_all_to(dir)?;
    crate::customer::Preference::export_all_to(dir)?;
    Ok(())
}

/// The after-sales types: catalogue, purchases, claims, returns.
fn sales_types(dir: &Path) -> Result<(), ExportError> {
    use crate::sales::{claim, policy, product, purchase, returns, search, settings};
    search::SalesHits::export_all_to(dir)?;
    crate::sales::AfterSales::export_all_to(dir)?;
    product::Product::export_all_to(dir)?;
    product::ProductDraft::export_all_to(dir)?;
    policy::Policy::export_all_to(dir)?;
    policy::ReturnCheck::export_all_to(dir)?;
    purchase::PurchaseDraft::export_all_to(dir)?;
    purchase::PurchaseView::export_all_to(dir)?;
    claim::ClaimDraft::export_all_to(dir)?;
    claim::TransitionDraft::export_all_to(dir)?;
    claim::ClaimView::export_all_to(dir)?;
    claim::LoanDraft::export_all_to(dir)?;
    returns::ReturnDraft::export_all_to(dir)?;
    returns::ReturnPreview::export_all_to(dir)?;
    returns::ReturnView::export_all_to(dir)?;
    settings::ShopSettings::export_all_to(dir)?;
    Ok(())
}

/// The care and outreach types: rules, reminders, templates, the care profile.
fn care_types(dir: &Path) -> Result<(), ExportError> {
    use crate::calendar::lunar;
    use crate::care::rule;
    use crate::customer::care_profile as profile;
    use crate::outreach::{reminder, schedule, template};
    rule::CareRule::export_all_to(dir)?;
    reminder::TodayQueue::export_all_to(dir)?;
    reminder::ManualDraft::export_all_to(dir)?;
    reminder::OutcomeDraft::export_all_to(dir)?;
    reminder::OutcomeResult::export_all_to(dir)?;
    reminder::QueueFilter::export_all_to(dir)?;
    reminder::InteractionView::export_all_to(dir)?;
    template::Template::export_all_to(dir)?;
    template::PreparedMessage::export_all_to(dir)?;
    template::Preview::export_all_to(dir)?;
    profile::CareProfile::export_all_to(dir)?;
    crate::care::settings::CareSettings::export_all_to(dir)?;
    schedule::Announcement::export_all_to(dir)?;
    lunar::LunarDate::export_all_to(dir)?;
    crate::outreach::CustomerCare::export_all_to(dir)?;
    crate::outreach::Templates::export_all_to(dir)?;
    Ok(())
}

/// The feedback and report types: complaints, scores, promises, KPIs, segments, backups.
fn feedback_types(dir: &Path) -> Result<(), ExportError> {
    use crate::feedback::{complaint, interaction, promise, score, service};
    use crate::report::{kpi, segment};
    interaction::InteractionDraft::export_all_to(dir)?;
    complaint::ComplaintDraft::export_all_to(dir)?;
    complaint::ComplaintView::export_all_to(dir)?;
    complaint::ComplaintFilter::export_all_to(dir)?;
    complaint::ResponseDraft::export_all_to(dir)?;
    complaint::ComplaintTransition::export_all_to(dir)?;
    complaint::ComplaintEdit::export_all_to(dir)?;
    complaint::GoodwillDraft::export_all_to(dir)?;
    service::ServiceSettings::export_all_to(dir)?;
    score::FeedbackDraft::export_all_to(dir)?;
    score::FeedbackResult::export_all_to(dir)?;
    promise::PromiseDraft::export_all_to(dir)?;
    promise::PromiseClose::export_all_to(dir)?;
    kpi::PeriodInput::export_all_to(dir)?;
    kpi::Dashboard::export_all_to(dir)?;
    segment::SegmentView::export_all_to(dir)?;
    segment::CampaignDraft::export_all_to(dir)?;
    segment::CampaignResult::export_all_to(dir)?;
    crate::io::backup::BackupInfo::export_all_to(dir)?;
    Ok(())
}

/// The core's lists the UI needs as values, not only as types (ts-rs exports types only):
/// `lists.ts`, checked for drift like every other file here.
fn write_lists(dir: &Path) -> Result<(), ExportError> {
    use crate::io::export::Table;
    use crate::io::import::Field;
    use crate::staff::{min_pin_digits, Role, MAX_PIN_DIGITS};
    let mut columns = String::new();
    for t in Table::ALL {
        columns.push_str(&format!("  {}: {},\n", json(&t)?, json(&t.columns())?));
    }
    let mut pins = String::new();
    for r in Role::ALL {
        pins.push_str(&format!("  {}: {},\n", json(&r)?, min_pin_digits(r)));
    }
    let text = format!(
        "// Generated from the core's lists by `khachquen::bindings::export_all`. \
         Do not edit this file manually.\n\
         import type {{ Field }} from \"./Field\";\n\
         import type {{ Role }} from \"./Role\";\n\
         import type {{ Table }} from \"./Table\";\n\n\
         /**\n * Column keys of each exported table, in order (`Table::columns`).\n */\n\
         export const EXPORT_COLUMNS: Record<Table, ReadonlyArray<string>> = {{\n{columns}}};\n\n\
         /**\n * The fields an import column may be given, in order (`Field::ALL`).\n */\n\
         export const IMPORT_FIELDS: ReadonlyArray<Field> = {};\n\n\
         /**\n * The fewest digits a PIN may have, per role (`staff::min_pin_digits`).\n */\n\
         export const MIN_PIN_DIGITS: Record<Role, number> = {{\n{pins}}};\n\n\
         /**\n * The most digits a PIN may have (`staff::MAX_PIN_DIGITS`).\n */\n\
         export const MAX_PIN_DIGITS = {MAX_PIN_DIGITS};\n",
        json(&Field::ALL)?
    );
    std::fs::write(dir.join("lists.ts"), text)?;
    Ok(())
}

fn json<T: serde::Serialize + ?Sized>(v: &T) -> Result<String, ExportError> {
    serde_json::to_string(v).map_err(|e| ExportError::Io(std::io::Error::other(e)))
}
