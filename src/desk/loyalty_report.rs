//! The owner's loyalty figures (issue 17): the report screen's loyalty section. Read like the
//! dashboard; its tables leave the app through `save_export`/`save_export_xlsx` (Export).

use super::Desk;
use crate::error::Result;
use crate::loyalty::report::{self, LoyaltyReport};
use crate::report::kpi::{self, PeriodInput};

impl Desk<'_> {
    pub fn loyalty_report(&mut self, period: &PeriodInput) -> Result<LoyaltyReport> {
        let period = kpi::parse_period(period)?;
        report::of_period(self.db.conn(), period.from, period.to, self.today())
    }
}
