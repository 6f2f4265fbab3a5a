//! Planning: turns the care rules and the shop's data into reminders.
//!
//! Each occurrence has a key (`check_in:p42`), so planning twice confirms instead of adding.
//! A pass stamps what it confirms with a new sequence number; open reminders of the planned
//! scope that it no longer confirms (a voided sale, a collected repair, a rule switched off) are
//! removed — unless staff already acted on them. Set-based SQL per rule keeps a full pass over a
//! million customers within seconds; a change for one customer re-plans that customer only.
//!
//! One planner per family of rules (`sales`, `birthdays`, `service`, `winback`), each a set of
//! `Planner` methods building its SQL; `upsert` and `sweep` are how every one of them writes.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Timelike, Utc};
use rusqlite::types::ToSql;
use rusqlite::{params, Connection, OptionalExtension, Statement};

use super::rule::{self, CareRule, RuleKind};
use crate::clock::{local_date, stamp};
use crate::db::Db;
use crate::error::Result;

mod birthdays;
pub mod debts;
mod sales;
mod service;
mod sweep;
mod tiers;
mod upsert;
pub mod vouchers;
mod winback;

/// Days ahead reminders are planned (the customer card shows them as upcoming care).
pub const HORIZON_DAYS: i64 = 30;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Kind(RuleKind),
    Customer(i64),
}

/// How far back a pass still creates a reminder that fell due while nobody planned (the app
/// was closed): a thank-you a week late is no longer one; an overdue repair stays overdue.
fn lookback(kind: RuleKind) -> i64 {
    match kind {
        RuleKind::ThankYou => 3,
        RuleKind::CheckIn | RuleKind::WarrantyExpiring => 7,
        RuleKind::Birthday | RuleKind::Anniversary => 2,
        RuleKind::Repurchase => 30,
        // Customers who crossed the silence within the last month: a year of lapsed customers
        // on the first day would bury the queue (segments and campaigns are for those).
        RuleKind::WinBack => 30,
        // A low score two weeks old is no longer a follow-up but a lost chance.
        RuleKind::LowScore => 14,
        // A congratulation a week late still pleases; a month late it is odd.
        RuleKind::TierReached => 7,
        RuleKind::RepairUncollected
        | RuleKind::ClaimOverdue
        | RuleKind::ComplaintDue
        | RuleKind::PromiseDue
        | RuleKind::Manual
        | RuleKind::Campaign
        | RuleKind::DebtDue => 3650,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PlanStats {
    /// Reminders created or confirmed.
    pub planned: usize,
    /// Open reminders no longer warranted, removed.
    pub removed: usize,
}

/// Reminder indexes whose keys a full pass writes in random order.
const BULK_INDEXES: &[&str] =
    &["reminder_waiting", "reminder_waiting_kind", "reminder_unannounced", "reminder_customer"];

pub fn run(db: &mut Db, scope: &Scope, now: DateTime<Utc>) -> Result<PlanStats> {
    if *scope != Scope::All {
        return db.write(|tx| run_in(tx, scope, now));
    }
    // A pass over everyone reads customers, units and reminders at random: a bigger page cache
    // for its duration (the counter's lookups need far less).
    let before: i64 = db.conn().query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    db.conn().execute_batch("PRAGMA cache_size = -131072")?;
    let result = db.write(|tx| {
        // The first pass (or one after a bulk load) writes hundreds of thousands of reminders:
        // their indexes are rebuilt once, sorted, rather than grown row by row.
        let cold = planned_to(tx)?.is_none();
        let rebuild = if cold { crate::db::drop_indexes(tx, BULK_INDEXES)? } else { vec![] };
        let stats = run_in(tx, scope, now)?;
        for sql in &rebuild {
            tx.execute_batch(sql)?;
        }
        Ok(stats)
    });
    db.conn().execute_batch(&format!("PRAGMA cache_size = {before}"))?;
    result
}

/// Makes the next pass over everyone examine the whole window: for writes that did not
/// re-plan their customers one by one (a bulk load, an import).
pub fn forget_window(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM setting WHERE key = 'care.planned_to'", [])?;
    Ok(())
}

/// A planning pass inside the caller's transaction.
pub fn run_in(conn: &Connection, scope: &Scope, now: DateTime<Utc>) -> Result<PlanStats> {
    pass(conn, scope, now, false)
}

/// A pass after the rules or the due time changed: open reminders are moved to their new due.
pub fn replan_in(conn: &Connection, scope: &Scope, now: DateTime<Utc>) -> Result<PlanStats> {
    pass(conn, scope, now, true)
}

fn pass(
    conn: &Connection,
    scope: &Scope,
    now: DateTime<Utc>,
    refresh_due: bool,
) -> Result<PlanStats> {
    let mut p = Planner::new(conn, scope, now, refresh_due)?;
    let today = p.today;
    let kinds: Vec<RuleKind> = match scope {
        Scope::Kind(k) => vec![*k],
        _ => RuleKind::PLANNED.to_vec(),
    };
    let (live, reachable) = contactable(conn, p.customer)?;
    let mut windows = Vec::new();
    for kind in kinds {
        let rule = rule::get(conn, kind)?;
        let planned = rule.enabled && if kind == RuleKind::ComplaintDue { live } else { reachable };
        if planned {
            p.plan(&rule)?;
            // Outside `plan`: a re-plan of everyone finds the reminders already there too.
            p.vouchers_for(kind)?;
        }
        // A rule not planned takes all its untouched reminders; a planned one only those in
        // the window it re-examined.
        let from = if planned { iso(p.window(kind).0) } else { String::new() };
        match p.customer {
            Some(_) => windows.push((kind, from)),
            None if p.sweeping => p.sweep(kind, &from)?,
            None => {}
        }
    }
    if p.sweeping && p.customer.is_some() {
        p.sweep_customer(&windows)?;
    }
    if *scope == Scope::All {
        conn.execute(
            "INSERT INTO setting(key, value) VALUES ('care.planned_to', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [iso(today + Duration::days(HORIZON_DAYS))],
        )?;
    }
    Ok(p.stats)
}

/// One customer: skip every rule when they cannot be contacted, and sweep once at the end.
/// (live, reachable): a complaint is answered even when the customer wants no other contact.
fn contactable(conn: &Connection, customer: Option<i64>) -> Result<(bool, bool)> {
    Ok(match customer {
        Some(id) => conn
            .prepare_cached(
                "SELECT archived_at IS NULL AND merged_into IS NULL, no_contact = 0 FROM customer WHERE id = ?1",
            )?
            .query_row([id], |r| Ok((r.get::<_, bool>(0)?, r.get::<_, bool>(1)?)))
            .optional()?
            .map_or((false, false), |(live, open)| (live, live && open)),
        None => (true, true),
    })
}

/// The last day everyone's reminders were planned up to.
fn planned_to(conn: &Connection) -> Result<Option<NaiveDate>> {
    let v: Option<String> = conn
        .query_row("SELECT value FROM setting WHERE key = 'care.planned_to'", [], |r| r.get(0))
        .optional()?;
    Ok(v.and_then(|v| NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok()))
}

fn minutes(t: NaiveTime) -> i64 {
    i64::from(t.num_seconds_from_midnight() / 60)
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

struct Planner<'c> {
    conn: &'c Connection,
    seq: i64,
    today: NaiveDate,
    now: String,
    shift: String,
    /// SQL for the due instant from `due`: a plain concatenation when the due time falls on
    /// the same UTC day (no date function per row), else `strftime`.
    due_at: String,
    refresh_due: bool,
    /// Confirm what is planned and remove what no longer is. The daily pass over everyone only
    /// adds (what entered the window since yesterday): every change to a sale, a claim or a
    /// customer already re-planned that customer, and not rewriting half a million confirmed
    /// rows keeps the pass to seconds.
    sweeping: bool,
    /// The daily pass: the first day not planned yet for everyone.
    since: Option<NaiveDate>,
    customer: Option<i64>,
    /// This store's code at a site of a chain: reminders are kept to its own (`care::home`).
    site: Option<String>,
    stats: PlanStats,
}

impl<'c> Planner<'c> {
    /// A planner for one pass: takes the pass's sequence number and reads the due time.
    fn new(
        conn: &'c Connection,
        scope: &Scope,
        now: DateTime<Utc>,
        refresh_due: bool,
    ) -> Result<Self> {
        let seq: i64 = conn.query_row(
            "INSERT INTO setting(key, value) VALUES ('care.plan_seq', '1')
             ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1 RETURNING CAST(value AS INTEGER)",
            [],
            |r| r.get(0),
        )?;
        let settings = super::settings::get(conn)?;
        let today = local_date(now);
        // due_at = due_on + this many minutes (the due time at UTC+7, as UTC).
        let utc_minutes = minutes(settings.due_time()) - 7 * 60;
        let due_at = if utc_minutes >= 0 {
            format!("due || 'T{:02}:{:02}:00Z'", utc_minutes / 60, utc_minutes % 60)
        } else {
            "strftime('%Y-%m-%dT%H:%M:%SZ', due, :shift)".to_owned()
        };
        let mut p = Planner {
            conn,
            seq,
            today,
            now: stamp(now),
            shift: format!("{utc_minutes:+} minutes"),
            due_at,
            refresh_due,
            sweeping: refresh_due || *scope != Scope::All,
            since: None,
            customer: match scope {
                Scope::Customer(id) => Some(*id),
                _ => None,
            },
            site: super::home::this_store(conn)?,
            stats: PlanStats::default(),
        };
        if *scope == Scope::All && !p.sweeping {
            // A clock set back leaves days never planned: then the whole window is examined.
            let horizon = today + Duration::days(HORIZON_DAYS);
            p.since = planned_to(conn)?.filter(|d| *d <= horizon).map(|d| d + Duration::days(1));
        }
        Ok(p)
    }
}

impl Planner<'_> {
    fn window(&self, kind: RuleKind) -> (NaiveDate, NaiveDate) {
        let from = self.today - Duration::days(lookback(kind));
        let to = self.today + Duration::days(HORIZON_DAYS);
        // The daily pass looks only at the days that entered the window since the last one;
        // the claim rules depend on state, not on the calendar, and their tables are small.
        let by_state = matches!(
            kind,
            RuleKind::RepairUncollected
                | RuleKind::ClaimOverdue
                | RuleKind::ComplaintDue
                | RuleKind::PromiseDue
                | RuleKind::DebtDue
        );
        match self.since {
            Some(since) if !by_state => (from.max(since), to),
            _ => (from, to),
        }
    }

    fn customer_filter(&self, column: &str) -> String {
        if self.customer.is_some() {
            format!(" AND {column} = :cid")
        } else {
            String::new()
        }
    }

    fn plan(&mut self, rule: &CareRule) -> Result<()> {
        if self.window(rule.kind).0 > self.window(rule.kind).1 {
            return Ok(());
        }
        match rule.kind {
            RuleKind::ThankYou | RuleKind::CheckIn => self.purchase_follow_up(rule),
            RuleKind::WarrantyExpiring => self.warranty_expiring(rule),
            RuleKind::Repurchase => self.repurchase(rule),
            RuleKind::WinBack => self.win_back(rule),
            RuleKind::RepairUncollected => self.repair_uncollected(rule),
            RuleKind::ClaimOverdue => self.claim_overdue(rule),
            RuleKind::Birthday => self.birthdays(rule),
            RuleKind::Anniversary => self.anniversaries(rule),
            RuleKind::PromiseDue => self.promise_due(rule),
            RuleKind::LowScore => self.low_score(rule),
            RuleKind::ComplaintDue => self.complaints(rule),
            RuleKind::TierReached => self.tier_reached(rule),
            RuleKind::Manual | RuleKind::Campaign => Ok(()),
            RuleKind::DebtDue => self.debt_due(rule),
        }
    }
}

/// The rule's first offset in days: most rules have one.
fn first_offset(rule: &CareRule) -> i64 {
    i64::from(rule.params.offsets.first().copied().unwrap_or(0))
}

/// Binds the named parameters the statement uses, ignoring the others.
pub(crate) fn bind<'a>(
    stmt: &mut Statement,
    args: impl Iterator<Item = &'a (&'a str, &'a dyn ToSql)>,
) -> Result<()> {
    for (name, value) in args {
        if let Some(i) = stmt.parameter_index(name)? {
            stmt.raw_bind_parameter(i, value)?;
        }
    }
    Ok(())
}

/// Re-plans, inside a write's transaction, the customers it concerned: a sale, a claim, a
/// return or an edit of the customer changes what care is due, and nothing else will notice.
pub(crate) fn after_write(
    conn: &Connection,
    customers: &[Option<i64>],
    now: DateTime<Utc>,
) -> Result<()> {
    let mut done: Vec<i64> = Vec::new();
    for id in customers.iter().flatten() {
        if !done.contains(id) {
            run_in(conn, &Scope::Customer(*id), now)?;
            done.push(*id);
        }
    }
    Ok(())
}

/// Re-plans one customer after a change that concerns them (a sale, a claim, their profile).
pub fn customer(db: &mut Db, id: i64, now: DateTime<Utc>) -> Result<PlanStats> {
    run(db, &Scope::Customer(id), now)
}

/// The customers a purchase, unit or claim belongs to, for re-planning after it changed.
pub fn owner_of(conn: &Connection, subject: &str, id: i64) -> Result<Option<i64>> {
    let sql = match subject {
        "purchase" => "SELECT customer_id FROM purchase WHERE id = ?1",
        "claim" => "SELECT customer_id FROM claim WHERE id = ?1",
        _ => "SELECT customer_id FROM unit WHERE id = ?1",
    };
    Ok(conn.prepare_cached(sql)?.query_row(params![id], |r| r.get(0)).optional()?.flatten())
}
