//! The customer card's top: the briefing, the timeline, alert notes read, the customer's
//! language. Reading them is the counter's everyday work: any signed-in account may.

use super::Desk;
use crate::card::{self, Briefing, TimelinePage, TimelineQuery};
use crate::error::Result;
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
}
