//! Proactive care: Today's queue, reminders and their outcomes, rules, templates, settings.

use super::Desk;
use crate::care::plan;
use crate::care::rule::{self, CareRule, RuleKind};
use crate::care::settings::{self, CareSettings};
use crate::customer::care_profile::{self, CareProfile};
use crate::error::Result;
use crate::outreach::reminder::{
    self, ManualDraft, OutcomeDraft, OutcomeResult, QueueFilter, ReminderView, TodayQueue,
};
use crate::outreach::template::{self, Locale, PreparedMessage, Preview, Template};
use crate::outreach::{CustomerCare, Templates};
use crate::staff::Permission;

/// A `tel:` or Zalo link to open for a reminder: it carries the number in full, revealed (and
/// logged) for an account that sees phones masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactLink(pub String);

impl Desk<'_> {
    pub fn care_today(&mut self, filter: &QueueFilter) -> Result<TodayQueue> {
        reminder::today(self.db.conn(), filter, self.now)
    }

    pub fn customer_care(&mut self, id: i64) -> Result<CustomerCare> {
        crate::outreach::customer_care(self.db.conn(), id, self.now)
    }

    pub fn save_care_profile(&mut self, id: i64, p: &CareProfile) -> Result<CareProfile> {
        care_profile::save(self.db, id, p, &self.who.name, self.now)
    }

    pub fn create_reminder(&mut self, draft: &ManualDraft) -> Result<ReminderView> {
        reminder::create_manual(self.db, draft, &self.who.name, self.now)
    }

    pub fn record_outcome(&mut self, id: i64, draft: &OutcomeDraft) -> Result<OutcomeResult> {
        reminder::record_outcome(self.db, id, draft, &self.who.name, self.now)
    }

    pub fn dismiss_reminder(&mut self, id: i64) -> Result<ReminderView> {
        reminder::dismiss(self.db, id, &self.who.name, self.now)
    }

    pub fn prepare_message(&mut self, id: i64, locale: Locale) -> Result<PreparedMessage> {
        template::prepare(self.db.conn(), id, locale, self.now)
    }

    /// Calling is everyday work, so an account that sees phones masked may still call or open
    /// Zalo from a reminder: the number is revealed for it and the reveal logged.
    pub fn contact_link(&mut self, id: i64, via: &str) -> Result<ContactLink> {
        // Rendered as the customer reads it, like the message copied beside the link.
        let msg = self.contact_message(id)?;
        let customer = reminder::get(self.db.conn(), id)?.customer_id;
        let via = if via == "zalo" { "zalo" } else { "call" };
        crate::staff::reveal_phones(self.db, customer, via, &self.who, self.now)?;
        msg.link(via).map(ContactLink)
    }

    pub fn care_rules(&mut self) -> Result<Vec<CareRule>> {
        rule::all(self.db.conn())
    }

    pub fn save_care_rule(&mut self, r: &CareRule) -> Result<CareRule> {
        self.need(Permission::EditSettings)?;
        rule::save(self.db, r, &self.who.name, self.now)
    }

    pub fn reset_care_rule(&mut self, kind: RuleKind) -> Result<CareRule> {
        self.need(Permission::EditSettings)?;
        rule::reset(self.db, kind, &self.who.name, self.now)
    }

    pub fn message_templates(&mut self) -> Result<Templates> {
        crate::outreach::templates(self.db.conn())
    }

    pub fn save_template(&mut self, t: &Template) -> Result<Template> {
        self.need(Permission::EditSettings)?;
        template::save(self.db, t, &self.who.name, self.now)
    }

    pub fn reset_template(&mut self, kind: RuleKind, locale: Locale) -> Result<Template> {
        self.need(Permission::EditSettings)?;
        template::reset(self.db, kind, locale, &self.who.name, self.now)
    }

    pub fn preview_template(&mut self, body: &str, kind: RuleKind) -> Result<Preview> {
        template::preview_kind(self.db.conn(), body, kind, self.now)
    }

    pub fn care_settings(&mut self) -> Result<CareSettings> {
        settings::get(self.db.conn())
    }

    pub fn save_care_settings(&mut self, s: &CareSettings) -> Result<CareSettings> {
        self.need(Permission::EditSettings)?;
        settings::save(self.db, s, &self.who.name, self.now)
    }

    /// Re-plans everything now (after an import, or from settings).
    pub fn replan_care(&mut self) -> Result<usize> {
        self.need(Permission::EditSettings)?;
        plan::run(self.db, &plan::Scope::All, self.now).map(|s| s.planned)
    }
}
