//! How each value the desk returns is masked for an account without `see_phones`. Every type
//! `serve` returns is listed here or beside its type in `staff::mask`: those that carry phone
//! numbers mask them; the others say they carry none. A new return type must be placed in one
//! list or the other before it compiles.

use serde::Serialize;

use crate::customer::{CustomerCard, DraftCheck, DuplicateMatch, SearchResult};
use crate::error::ErrorPayload;
use crate::outreach::reminder::ReminderView;
use crate::outreach::template::PreparedMessage;
use crate::report::segment::SegmentView;
use crate::sales::ClaimView;
use crate::staff::{mask_opt, mask_phone, MaskPhones};

/// A card shown with its phones in full on purpose (a logged reveal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Revealed(pub crate::customer::CustomerCard);

impl MaskPhones for Revealed {
    /// The reveal is the point, and it was logged.
    fn mask_phones(&mut self) {}
}

impl MaskPhones for super::care::ContactLink {
    /// Opened by the OS for the call or chat, never shown; the reveal was logged.
    fn mask_phones(&mut self) {}
}

impl MaskPhones for super::privacy::CopyFile {
    fn mask_phones(&mut self) {
        self.copy.customer.mask_phones();
        self.copy.care.mask_phones();
    }
}

impl MaskPhones for crate::audit::AuditPage {
    /// Details keep before/after values of customer records: any run of 8 or more digits is
    /// masked like a phone.
    fn mask_phones(&mut self) {
        for e in &mut self.entries {
            e.detail = mask_digit_runs(&e.detail);
        }
    }
}

/// Masks every run of 8+ digits (spaces and dots inside count as part of it).
pub fn mask_digit_runs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let digits = run.chars().filter(char::is_ascii_digit).count();
        if digits >= 8 {
            out.push_str(&mask_phone(run));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in s.chars() {
        let inside = c.is_ascii_digit() || (!run.is_empty() && (c == ' ' || c == '.'));
        if inside {
            run.push(c);
        } else {
            let trailing: String = {
                let kept = run.trim_end_matches([' ', '.']).len();
                run.split_off(kept)
            };
            flush(&mut run, &mut out);
            out.push_str(&trailing);
            out.push(c);
        }
    }
    let trailing = {
        let kept = run.trim_end_matches([' ', '.']).len();
        run.split_off(kept)
    };
    flush(&mut run, &mut out);
    out.push_str(&trailing);
    out
}

impl MaskPhones for SearchResult {
    fn mask_phones(&mut self) {
        for hit in &mut self.hits {
            mask_opt(&mut hit.primary_phone);
            mask_opt(&mut hit.primary_phone_canonical);
            mask_opt(&mut hit.matched_phone);
        }
    }
}

impl MaskPhones for CustomerCard {
    fn mask_phones(&mut self) {
        for p in &mut self.phones {
            p.canonical = mask_phone(&p.canonical);
            p.raw = mask_phone(&p.raw);
            p.display = mask_phone(&p.display);
        }
    }
}

impl MaskPhones for DuplicateMatch {
    fn mask_phones(&mut self) {
        mask_opt(&mut self.primary_phone);
    }
}

impl MaskPhones for DraftCheck {
    fn mask_phones(&mut self) {
        self.duplicates.mask_phones();
    }
}

impl MaskPhones for ErrorPayload {
    fn mask_phones(&mut self) {
        self.duplicates.mask_phones();
    }
}

impl MaskPhones for ReminderView {
    fn mask_phones(&mut self) {
        mask_opt(&mut self.phone);
        // The digits only serve call and Zalo links, which a reveal provides.
        self.phone_digits = None;
    }
}

impl MaskPhones for crate::outreach::reminder::TodayQueue {
    fn mask_phones(&mut self) {
        self.items.mask_phones();
    }
}

impl MaskPhones for crate::outreach::CustomerCare {
    fn mask_phones(&mut self) {
        self.reminders.mask_phones();
    }
}

impl MaskPhones for crate::outreach::reminder::OutcomeResult {
    fn mask_phones(&mut self) {
        self.reminder.mask_phones();
    }
}

impl MaskPhones for ClaimView {
    fn mask_phones(&mut self) {
        mask_opt(&mut self.customer_phone);
    }
}

impl MaskPhones for SegmentView {
    fn mask_phones(&mut self) {
        for m in &mut self.members {
            mask_opt(&mut m.phone);
        }
    }
}

impl MaskPhones for PreparedMessage {
    fn mask_phones(&mut self) {
        self.zalo_url = None;
        self.tel_url = None;
    }
}

impl MaskPhones for crate::card::ContactChoice {
    fn mask_phones(&mut self) {
        self.message.mask_phones();
    }
}

/// Types that carry no customer's phone number.
macro_rules! no_phones {
    ($($t:ty),* $(,)?) => {
        $(impl MaskPhones for $t {
            fn mask_phones(&mut self) {}
        })*
    };
}

no_phones!(
    (),
    // Issue 15: store codes only.
    crate::care::home::HomeStore,
    crate::staff::StaffStores,
    bool,
    i64,
    usize,
    String,
    crate::customer::Preference,
    crate::sales::product::Product,
    crate::sales::policy::Policy,
    crate::sales::purchase::PurchaseView,
    crate::sales::UnitView,
    crate::sales::claim::ClaimSummary,
    crate::sales::search::SalesHits,
    crate::sales::AfterSales,
    crate::sales::returns::ReturnPreview,
    crate::sales::returns::ReturnView,
    // The shop's own phone, printed on its slips.
    crate::sales::settings::ShopSettings,
    crate::customer::care_profile::CareProfile,
    crate::care::rule::CareRule,
    crate::outreach::Templates,
    crate::outreach::template::Template,
    crate::outreach::template::Preview,
    crate::care::settings::CareSettings,
    crate::feedback::interaction::InteractionView,
    crate::feedback::complaint::ComplaintView,
    crate::feedback::score::FeedbackResult,
    crate::feedback::promise::PromiseView,
    crate::feedback::service::ServiceSettings,
    crate::report::kpi::Dashboard,
    crate::report::segment::CampaignResult,
    crate::staff::StaffView,
    crate::staff::Actor,
    crate::staff::Role,
    crate::staff::Permission,
    crate::privacy::ConsentState,
    crate::privacy::RequestView,
    crate::io::import::ImportBatch,
    crate::io::import::ImportReport,
    crate::io::import::Preset,
    // The file's own rows, which the account chose and holds.
    crate::io::import::Inspection,
    crate::io::import::ImportPlan,
    crate::io::backup::BackupInfo,
    crate::io::backup::BackupFile,
    // Manager approval (issue 18): names and roles of who may approve.
    crate::staff::Approver,
    // The card (issue 18): what happened and what is open, without the customer's phones.
    crate::card::Briefing,
    crate::card::TimelinePage,
    crate::outreach::template::Locale,
    // Issue 16: whether the app starts with the computer.
    crate::outreach::desktop::DesktopSettings,
    // Issue 15, the app: the store's code and name, the hub's address and counts.
    crate::chain::ChainStatus,
    // Issue 17 (loypoints): rules, tiers, balances, ledger lines, a sale's settlement.
    crate::loyalty::rules::PointsRules,
    crate::loyalty::tier::Tier,
    crate::loyalty::summary::LoyaltySummary,
    crate::loyalty::settle::Settlement,
    // Issue 17, loyreport: totals only, nobody's name or phone.
    crate::loyalty::report::LoyaltyReport,
    // Issue 17 (vouchers, debts): names and amounts, no phones.
    crate::loyalty::voucher_list::VoucherView,
    crate::loyalty::voucher_list::VoucherUse,
    crate::loyalty::voucher_settings::VoucherSettings,
    crate::loyalty::debt_account::DebtAccount,
    crate::loyalty::debt_list::OpenDebts,
    crate::loyalty::debt_settings::DebtSettings,
);

impl MaskPhones for crate::customer::DuplicateScan {
    fn mask_phones(&mut self) {
        for pair in &mut self.pairs {
            mask_opt(&mut pair.a.primary_phone);
            mask_opt(&mut pair.b.primary_phone);
        }
    }
}

// Issue 17: a reason typed by hand may hold a number.
impl MaskPhones for crate::loyalty::history::LedgerLine {
    fn mask_phones(&mut self) {
        self.reason = mask_digit_runs(&self.reason);
    }
}

impl<A: MaskPhones, B: MaskPhones> MaskPhones for (A, B) {
    fn mask_phones(&mut self) {
        self.0.mask_phones();
        self.1.mask_phones();
    }
}

#[cfg(test)]
mod tests {
    use super::mask_digit_runs;

    #[test]
    fn masks_long_digit_runs_only() {
        assert_eq!(
            mask_digit_runs(r#"{"phone":"0912 345 678","qty":12}"#),
            r#"{"phone":"0912 xxx 678","qty":12}"#
        );
        assert_eq!(mask_digit_runs("2026-11-29 lúc 10.30"), "2026-11-29 lúc 10.30");
        assert_eq!(mask_digit_runs("84912345678."), "8491xxxx678.");
    }
}
