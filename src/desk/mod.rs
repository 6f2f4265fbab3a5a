//! The one door to the core for a signed-in account. Every operation the app offers is a method
//! of [`Desk`]: it checks the permission it needs, does the work (whose audit row the domain
//! function writes in the same transaction as the change), and [`serve`] masks what it returns
//! for the account. The shell only turns its session into the account and delivers.
//!
//! Masking fails closed: `serve` accepts only values whose type says how its phones are masked
//! ([`MaskPhones`]); a new type without that says so does not compile, and for an account
//! without `see_phones` every value is masked before it leaves the core.

mod approval;
mod card;
mod care;
mod copy;
mod counter;
mod customers;
mod desktop;
mod duplicates;
mod feedback;
mod files;
mod io;
// Issue 17: points, tiers, store credit, the sale's tender.
mod loyalty;
// Issue 17, loyreport: the loyalty report.
mod loyalty_report;
mod masking;
mod privacy;
mod sales;
mod staff;
// Issue 15: who does what in a chain.
mod stores;

// Issue 15, the app: the store in its chain.
mod chain;
// Issue 17 ("loyvouch"): vouchers and what customers owe.
mod debts;
mod vouchers;

pub use care::ContactLink;
pub use copy::{subject_copy, SubjectCopy};
pub use counter::{Counter, Staged};
pub use masking::{mask_digit_runs, Revealed};
pub use privacy::CopyFile;

use chrono::{DateTime, Utc};

use crate::db::Db;
use crate::error::{Error, ErrorPayload, Result};
use crate::staff::{Actor, MaskPhones, Permission};

/// One call of one account: the database, who acts, when, and the app's shared state.
pub struct Desk<'a> {
    db: &'a mut Db,
    who: Actor,
    now: DateTime<Utc>,
    counter: &'a Counter,
}

impl<'a> Desk<'a> {
    /// Who acts, as the database holds the account now.
    pub fn who(&self) -> &Actor {
        &self.who
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Refused with `forbidden` unless the account holds `p`.
    fn need(&self, p: Permission) -> Result<()> {
        self.who.require(p)
    }

    fn today(&self) -> chrono::NaiveDate {
        crate::clock::local_date(self.now)
    }
}

/// Opens the shop's database for the app: migrated, and with every erasure in the register
/// outside it applied again before anyone can search (a file copied back by hand, not through a
/// restore, must not bring an erased customer back either).
pub fn open(path: &std::path::Path, now: DateTime<Utc>) -> Result<Db> {
    let mut db = Db::open(path)?;
    crate::privacy::reapply_erasures(&mut db, now)?;
    Ok(db)
}

/// Runs `f` for the account signed in as `signed_in`. The account is read again from the
/// database first (a role changed or an account disabled since sign-in counts at once; one gone
/// is signed out), and the value or error is masked as that account must see it.
// The payload is what the shell sends the UI, once per failed call: boxing it gains nothing.
#[allow(clippy::result_large_err)]
pub fn serve<T: MaskPhones>(
    db: &mut Db,
    counter: &Counter,
    signed_in: &Actor,
    now: DateTime<Utc>,
    f: impl FnOnce(&mut Desk) -> Result<T>,
) -> std::result::Result<T, ErrorPayload> {
    let who = match counter.account(db, signed_in) {
        Ok(Some(who)) => who,
        Ok(None) => return Err(ErrorPayload::from(Error::SignedOut)),
        Err(e) => return Err(ErrorPayload::from(e)),
    };
    let mut desk = Desk { db, who, now, counter };
    let result = f(&mut desk);
    let who = desk.who;
    result.map(|v| who.shown(v)).map_err(|e| who.shown(ErrorPayload::from(e)))
}
