//! Ordered SQL migrations. All pending ones run in one transaction; the schema version is
//! SQLite's `user_version`. A newer schema than this build knows is refused before any write.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

/// Migration N (1-based) brings the schema from version N-1 to N. Append only; never edit one
/// that has shipped.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_customers.sql"),
    include_str!("migrations/0002_after_sales.sql"),
    include_str!("migrations/0003_care.sql"),
    include_str!("migrations/0004_feedback.sql"),
    include_str!("migrations/0005_staff.sql"),
    include_str!("migrations/0006_privacy.sql"),
    include_str!("migrations/0007_guard.sql"),
    include_str!("migrations/0008_sign_in.sql"),
    include_str!("migrations/0009_backups.sql"),
    include_str!("migrations/0010_erasure.sql"),
    // Issue 18: approvals, loan units, dismissed duplicates, the card.
    include_str!("migrations/0011_approval.sql"),
    include_str!("migrations/0012_loan_units.sql"),
    include_str!("migrations/0013_duplicates.sql"),
    include_str!("migrations/0014_card.sql"),
    // Issue 15: multi-site sync.
    include_str!("migrations/0015_sync.sql"),
    include_str!("migrations/0016_chain.sql"),
    // Issue 17: loyalty.
    include_str!("migrations/0017_loyalty.sql"),
    // Issue 15, the app: how this store's syncing goes (its number leaves room for 0018).
    include_str!("migrations/0019_chain_status.sql"),
    // Issue 15: who does what in a chain (home store, staff stores, chain-wide rules).
    include_str!("migrations/0020_chain_roles.sql"),
    // Issue 17, loyreport: opening balances of an import, the loyalty tables synced.
    include_str!("migrations/0023_loyalty_report.sql"),
    // Issue 17, nightly: the index of lapsing lots.
    include_str!("migrations/0024_loyalty_nightly.sql"),
    // Issue 15, claims: events ordered chain-wide, the state folded from them, conflicts shown.
    include_str!("migrations/0026_claim_events.sql"),
    // Issue 15, chain codes: the store of each record, codes unique per store (built as 0025;
    // numbered after 0026, which reached main first).
    include_str!("migrations/0027_stores.sql"),
    // Issue 15, converge: a phone moved by a merge travels whole under the customer it joined.
    include_str!("migrations/0028_moved_phones_whole.sql"),
    // Issue 15, converge: the customer a record named, once a merge moves it.
    include_str!("migrations/0029_ref_origin.sql"),
    // Issue 15, converge: a phone a merge moves stays the data of the customer it left.
    include_str!("migrations/0030_moved_phones_hers.sql"),
    // Issue 15, erasure: merges audited before 0030 quote each customer under her own row.
    include_str!("migrations/0031_merge_audit_split.sql"),
    // Issue 15, scale: what a site applied of other sites' records, one row a record.
    include_str!("migrations/0032_record_clocks.sql"),
    // Issue 15, scale: what a site applied, a rowid table (rows of 650 bytes split cheaply).
    include_str!("migrations/0033_record_rows.sql"),
    // Issue 15, scale: whether anyone here is erased, at once.
    include_str!("migrations/0034_erased_index.sql"),
    // Issue 15, the join: a record's own writer found by an index, not listed row by row.
    include_str!("migrations/0035_record_writers.sql"),
];

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Refuses a schema newer than this build knows, reading only.
pub(super) fn refuse_newer(conn: &Connection, supported: usize) -> Result<()> {
    let (found, supported) = (schema_version(conn)?, supported as i64);
    if found > supported {
        return Err(Error::SchemaTooNew { found, supported });
    }
    Ok(())
}

pub(super) fn run(conn: &mut Connection) -> Result<()> {
    apply(conn, MIGRATIONS)
}

/// Brings `conn` to `migrations.len()` with the pending ones, all in one transaction: a failing
/// one leaves the database at the version it had. (`run` with this build's list; tests hand it
/// a broken one.)
pub fn apply(conn: &mut Connection, migrations: &[&str]) -> Result<()> {
    let supported = migrations.len() as i64;
    let found = schema_version(conn)?;
    if found > supported {
        return Err(Error::SchemaTooNew { found, supported });
    }
    if found == supported {
        return Ok(());
    }
    // Foreign keys off while they run (SQLite ignores the switch inside a transaction): a
    // migration that rebuilds a table would otherwise have every row of it looked up in each
    // child table as it goes, in children with no index on the reference (0027 took more than
    // ten minutes on 600,000 sales). Every rebuild keeps the ids; an upgrade checks afterwards
    // that no row lost its parent (`upgrade::upgraded`).
    let keys: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", false)?;
    let done = apply_pending(conn, migrations, supported);
    conn.pragma_update(None, "foreign_keys", keys)?;
    // A rebuild that failed half-way may have left its renaming switch on.
    conn.pragma_update(None, "legacy_alter_table", false)?;
    done
}

fn apply_pending(conn: &mut Connection, migrations: &[&str], supported: i64) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    // Re-read inside the lock: another process may have migrated meanwhile.
    let found = schema_version(&tx)?;
    if found > supported {
        return Err(Error::SchemaTooNew { found, supported });
    }
    for (i, sql) in migrations.iter().enumerate().skip(usize::try_from(found).unwrap_or(0)) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}
