//! The store in its chain (issue 15, the app): its status for everyone, testing a hub and joining
//! one for the owner, and asking the background sync to go now. The sync itself runs on the
//! shell's own connection (`chain::sync_and_record`), never at the desk: the counter does not
//! wait on the network.

use super::Desk;
use crate::chain::{self, ChainStatus};
use crate::error::{Error, Result};
use crate::staff::Role;

/// Joining hands the hub's owner account to the app once, and ties the shop to a chain for
/// good: the owner's alone, as backups and restores are.
fn owner_only(d: &Desk) -> Result<()> {
    if d.who.role != Role::Owner {
        return Err(Error::Forbidden(crate::io::backup::OWNER_ONLY));
    }
    Ok(())
}

/// An address left empty is said so before anything tries to reach it.
fn address(url: &str) -> Result<&str> {
    let url = url.trim();
    if url.is_empty() {
        return Err(Error::invalid("url", "hub_url_invalid"));
    }
    Ok(url)
}

impl Desk<'_> {
    /// Any account: the top bar shows it at every counter.
    pub fn chain_status(&mut self) -> Result<ChainStatus> {
        chain::status(self.db.conn())
    }

    /// Connects to the hub at `url` (the hub owner's URL) and checks its schema; writes nothing.
    /// Returns the hub's schema version, or the failure's code (`hub_unreachable`,
    /// `hub_auth_failed`, `hub_too_new`, `hub_not_initialised`, `hub_url_invalid`…).
    pub fn chain_test(&mut self, url: &str) -> Result<i64> {
        owner_only(self)?;
        chain::test(address(url)?)
    }

    /// Makes this shop store `code`, named `name`, of the hub at `url` (the owner's URL: used
    /// once, never kept). Audited in the joining transaction; what the shop holds is sent by the
    /// background sync, which the shell wakes after this.
    pub fn chain_join(&mut self, url: &str, code: &str, name: &str) -> Result<ChainStatus> {
        owner_only(self)?;
        let url = address(url)?;
        let (code, name) = (code.trim(), name.trim());
        if name.is_empty() {
            return Err(Error::invalid("name", "name_empty"));
        }
        let dir = self.counter.data_dir().to_path_buf();
        chain::enlist(self.db, &dir, (url, code, name), &self.who.name, self.now)?;
        chain::status(self.db.conn())
    }

    /// Any account: asks the background sync to go now (`go`, the shell's wake-up) and returns
    /// the status as it stands; the sync's outcome arrives with the next status. Refused with
    /// `chain_not_joined` before the shop has joined a hub.
    pub fn chain_sync_now(&mut self, go: impl FnOnce()) -> Result<ChainStatus> {
        let status = chain::status(self.db.conn())?;
        if !status.joined {
            return Err(Error::hub("chain_not_joined", ""));
        }
        go();
        Ok(status)
    }
}
