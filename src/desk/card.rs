//! The customer card's top: the briefing, the timeline, alert notes read, the customer's
//! language. Reading them is the counter's everyday work: any signed-in account may.

use super::Desk;
use crate::card::{self, Briefing, ContactChoice, ContactPick, TimelinePage, TimelineQuery};
use crate::error::Result;
use crate::outreach::reminder::{OutcomeDraft, OutcomeResult};
use crate::outreach::template::{self, Locale, PreparedMessage};

impl Desk<'_> {
    pub fn briefing(&mut self, id: i64) -> Result<Briefing> {
        card::briefing(self.db.conn(), id, &self.who.name, self.now)
    }

    pub fn timeline(&mut self, id: i64, q: &TimelineQuery) -> Result<TimelinePage> {
        card::timeline(self.db.conn(), id, q)
    }

    /// One key at the card: the alert read, in the version shown; the briefing again.
    pub fn acknowledge_alert(&mut self, preference_id: i64, version: &str) -> Result<Briefing> {
        let customer =
            card::acknowledge(self.db, preference_id, version, &self.who.name, self.now)?;
        self.briefing(customer)
    }

    pub fn set_customer_language(&mut self, id: i64, locale: Locale) -> Result<Locale> {
        card::set_language(self.db, id, locale, &self.who.name, self.now)
    }

    /// A reminder's message in its customer's language, whatever language the app is shown in.
    pub fn contact_message(&mut self, reminder_id: i64) -> Result<PreparedMessage> {
        let customer = crate::outreach::reminder::get(self.db.conn(), reminder_id)?.customer_id;
        let locale = card::language(self.db.conn(), customer)?;
        template::prepare(self.db.conn(), reminder_id, locale, self.now)
    }

    /// The card's template chooser: her open reminders, then the shop's templates, each
    /// rendered in her language.
    pub fn card_contact_choices(&mut self, id: i64) -> Result<Vec<ContactChoice>> {
        card::contact_choices(self.db.conn(), id, self.now)
    }

    /// A contact from the card not on one of her reminders: nothing is written until now.
    pub fn record_card_contact(
        &mut self,
        id: i64,
        pick: &ContactPick,
        draft: &OutcomeDraft,
    ) -> Result<OutcomeResult> {
        card::record_contact(self.db, id, pick, draft, &self.who.name, self.now)
    }

    /// The Zalo or call link for a template from the card; the number is revealed (and the
    /// reveal logged) as for a reminder's link.
    pub fn card_contact_link(
        &mut self,
        id: i64,
        pick: &ContactPick,
        via: &str,
    ) -> Result<super::care::ContactLink> {
        let msg = card::contact_pick_message(self.db.conn(), id, pick, self.now)?;
        let via = if via == "zalo" { "zalo" } else { "call" };
        crate::staff::reveal_phones(self.db, id, via, &self.who, self.now)?;
        msg.link(via).map(super::care::ContactLink)
    }
}
