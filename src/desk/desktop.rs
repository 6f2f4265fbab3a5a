//! How the app lives on this PC's desktop: starting with the computer (issue 16).

use super::Desk;
use crate::error::Result;
use crate::outreach::desktop::{self, DesktopSettings};

impl Desk<'_> {
    pub fn desktop_settings(&mut self) -> Result<DesktopSettings> {
        desktop::get(self.db.conn())
    }

    /// The owner's alone (the core refuses anyone else). `apply` registers the choice with the
    /// system inside the transaction that stores it: the shell passes the autostart plugin.
    pub fn set_start_with_computer(
        &mut self,
        on: bool,
        apply: impl FnOnce(bool) -> Result<()>,
    ) -> Result<DesktopSettings> {
        desktop::set_start_with_computer(self.db, on, &self.who, self.now, apply)
    }
}
