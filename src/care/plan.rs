//! Planning: turns the care rules and the shop's data into reminders.
//!
//! Each occurrence has a key (`check_in:p42`), so planning twice confirms instead of adding.
//! A pass stamps what it confirms with a new sequence number; open reminders of the planned
//! scope that it no longer confirms (a voided sale, a collected repair, a rule switched off) are
//! removed — unless staff already acted on them. Set-based SQL per rule keeps a full pass over a
//! million customers within seconds; a change for one customer re-plans that customer only.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Timelike, Utc};
use rusqlite::types::ToSql;
use rusqlite::{params, Connection, OptionalExtension, Statement};

use super::rule::{self, CareRule, RuleKind};
use crate::calendar::lunar;
use crate::clock::{day_start, local_date, stamp};
use crate::db::Db;
use crate::error::Result;

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
        RuleKind::RepairUncollected
        | RuleKind::ClaimOverdue
        | RuleKind::ComplaintDue
        | RuleKind::PromiseDue
        | RuleKind::Manual
        | RuleKind::Campaign => 3650,
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
        stats: PlanStats::default(),
    };
    let kinds: Vec<RuleKind> = match scope {
        Scope::Kind(k) => vec![*k],
        _ => RuleKind::PLANNED.to_vec(),
    };
    if *scope == Scope::All && !p.sweeping {
        // A clock set back leaves days never planned: then the whole window is examined.
        let horizon = today + Duration::days(HORIZON_DAYS);
        p.since = planned_to(conn)?.filter(|d| *d <= horizon).map(|d| d + Duration::days(1));
    }
    // One customer: skip every rule when they cannot be contacted, and sweep once at the end.
    // (live, reachable): a complaint is answered even when the customer wants no other contact.
    let (live, reachable) = match p.customer {
        Some(id) => conn
            .prepare_cached(
                "SELECT archived_at IS NULL AND merged_into IS NULL, no_contact = 0 FROM customer WHERE id = ?1",
            )?
            .query_row([id], |r| Ok((r.get::<_, bool>(0)?, r.get::<_, bool>(1)?)))
            .optional()?
            .map_or((false, false), |(live, open)| (live, live && open)),
        None => (true, true),
    };
    let mut windows = Vec::new();
    for kind in kinds {
        let rule = rule::get(conn, kind)?;
        let planned = rule.enabled && if kind == RuleKind::ComplaintDue { live } else { reachable };
        if planned {
            p.plan(&rule)?;
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

/// A confirmed occurrence only gets the pass's number: no indexed column is written, so the
/// daily pass over hundreds of thousands of reminders stays cheap.
const CONFIRM: &str = "DO UPDATE SET plan_seq = excluded.plan_seq";
/// After a rule or the due time changed, open reminders also take the new due day and time.
const REFRESH_DUE: &str = "DO UPDATE SET plan_seq = excluded.plan_seq,
    notified_at = CASE WHEN reminder.status = 'open' AND reminder.due_at <> excluded.due_at
        THEN NULL ELSE reminder.notified_at END,
    due_on = CASE WHEN reminder.status = 'open' THEN excluded.due_on ELSE reminder.due_on END,
    due_at = CASE WHEN reminder.status = 'open' THEN excluded.due_at ELSE reminder.due_at END";

/// Owned reminders (complaints, promises) take a new owner or due instant while still open.
const OWNED: &str = "DO UPDATE SET plan_seq = excluded.plan_seq,
    assignee = CASE WHEN reminder.status = 'open' THEN excluded.assignee ELSE reminder.assignee END,
    notified_at = CASE WHEN reminder.status = 'open' AND reminder.due_at <> excluded.due_at
        THEN NULL ELSE reminder.notified_at END,
    due_on = CASE WHEN reminder.status = 'open' THEN excluded.due_on ELSE reminder.due_on END,
    due_at = CASE WHEN reminder.status = 'open' THEN excluded.due_at ELSE reminder.due_at END";

/// Reachability without reading the customer row: the few customers who cannot be contacted
/// come from a small partial index, so rules that need no consent skip a million random reads.
const UNREACHABLE: &str = "(SELECT id FROM customer WHERE archived_at IS NOT NULL
    OR merged_into IS NOT NULL OR no_contact = 1)";

/// The join and condition that keep a rule to the customers it may contact, `col` holding the
/// customer id: consent needs the row, reachability alone does not. Care (thank-you, birthday,
/// warranty ending, re-purchase, win-back) needs the customer's care-call consent; service
/// (a repair to collect, a late claim, a promise, a low score) needs none; promotion needs
/// marketing consent besides.
fn eligible(col: &str, kind: RuleKind, promotional: bool) -> (String, String) {
    if promotional || kind.needs_care_consent() {
        (format!(" JOIN customer c ON c.id = {col}"), ELIGIBLE.to_owned())
    } else {
        (String::new(), format!("{col} NOT IN {UNREACHABLE}"))
    }
}

const ELIGIBLE: &str = "c.archived_at IS NULL AND c.merged_into IS NULL AND c.no_contact = 0
    AND c.care_consent = 1 AND (:promo = 0 OR c.marketing_consent = 1)";

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
    stats: PlanStats,
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

    /// Inserts or confirms the reminders `candidates` selects: columns cid, subj, sid, occ, due.
    fn upsert(
        &mut self,
        kind: RuleKind,
        candidates: &str,
        args: &[(&str, &dyn ToSql)],
    ) -> Result<()> {
        let conflict = match (self.refresh_due, self.sweeping) {
            (true, _) => REFRESH_DUE,
            (false, true) => CONFIRM,
            (false, false) => "DO NOTHING",
        };
        let at = self.due_at.clone();
        self.upsert_with(kind, candidates, args, &at, "''", conflict)
    }

    /// Reminders for one person (`who`) at an instant of their own (`at`): an open one follows
    /// a new owner or target. Few rows, so the indexed columns may be rewritten.
    fn upsert_owned(
        &mut self,
        kind: RuleKind,
        candidates: &str,
        args: &[(&str, &dyn ToSql)],
        at: &str,
    ) -> Result<()> {
        self.upsert_with(kind, candidates, args, at, "who", OWNED)
    }

    fn upsert_with(
        &mut self,
        kind: RuleKind,
        candidates: &str,
        args: &[(&str, &dyn ToSql)],
        at: &str,
        who: &str,
        conflict: &str,
    ) -> Result<()> {
        let sql = format!(
            "INSERT INTO reminder(kind, customer_id, subject, subject_id, occurrence, due_on, due_at,
                assignee, plan_seq, created_by, created_at, updated_at)
             SELECT :kind, cid, subj, sid, occ, due, {at}, {who},
                :seq, 'system', :now, :now
             FROM ({candidates}) WHERE due BETWEEN :from AND :to
             ON CONFLICT(occurrence) WHERE occurrence IS NOT NULL {conflict}"
        );
        let (from, to) = self.window(kind);
        let (from, to, code) = (iso(from), iso(to), kind.code());
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let common: [(&str, &dyn ToSql); 7] = [
            (":kind", &code),
            (":shift", &self.shift),
            (":seq", &self.seq),
            (":now", &self.now),
            (":from", &from),
            (":to", &to),
            (":cid", &self.customer),
        ];
        bind(&mut stmt, common.iter().chain(args))?;
        self.stats.planned += stmt.raw_execute()?;
        Ok(())
    }

    /// One customer's open reminders this pass did not confirm, all kinds in one statement.
    fn sweep_customer(&mut self, windows: &[(RuleKind, String)]) -> Result<()> {
        let cases: String =
            windows.iter().map(|(k, from)| format!(" WHEN '{}' THEN '{from}'", k.code())).collect();
        let sql = format!(
            "DELETE FROM reminder WHERE customer_id = :cid AND status = 'open' AND attempts = 0
                AND occurrence IS NOT NULL AND plan_seq <> :seq
                AND due_on >= CASE kind{cases} ELSE '9999' END"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let args: [(&str, &dyn ToSql); 2] = [(":seq", &self.seq), (":cid", &self.customer)];
        bind(&mut stmt, args.iter())?;
        self.stats.removed += stmt.raw_execute()?;
        Ok(())
    }

    /// Removes open reminders of `kind` that this pass did not confirm, due from `from`.
    fn sweep(&mut self, kind: RuleKind, from: &str) -> Result<()> {
        let sql = format!(
            "DELETE FROM reminder WHERE status = 'open' AND status IN ('open', 'snoozed')
                AND attempts = 0 AND occurrence IS NOT NULL
                AND kind = :kind AND plan_seq <> :seq AND due_on >= :from{}",
            self.customer_filter("customer_id")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let code = kind.code();
        let args: [(&str, &dyn ToSql); 4] =
            [(":kind", &code), (":seq", &self.seq), (":from", &from), (":cid", &self.customer)];
        bind(&mut stmt, args.iter())?;
        self.stats.removed += stmt.raw_execute()?;
        Ok(())
    }

    fn plan(&mut self, rule: &CareRule) -> Result<()> {
        if self.window(rule.kind).0 > self.window(rule.kind).1 {
            return Ok(());
        }
        let promo = rule.params.promotional;
        let first = i64::from(rule.params.offsets.first().copied().unwrap_or(0));
        let pf = self.customer_filter("p.customer_id");
        let uf = self.customer_filter("u.customer_id");
        let kf = self.customer_filter("k.customer_id");
        let (from, to) = self.window(rule.kind);
        match rule.kind {
            RuleKind::ThankYou | RuleKind::CheckIn => {
                let by_category =
                    serde_json::to_string(&rule.params.by_category).unwrap_or_default();
                let offsets =
                    rule.params.by_category.values().map(|d| i64::from(*d)).chain([first]);
                let (min, max) =
                    (offsets.clone().min().unwrap_or(first), offsets.max().unwrap_or(first));
                let offset = if rule.kind == RuleKind::CheckIn
                    && !rule.params.by_category.is_empty()
                {
                    "coalesce((SELECT min(j.value) FROM purchase_line l JOIN product pr ON pr.id = l.product_id
                        JOIN json_each(:by_category) j ON j.key = pr.category WHERE l.purchase_id = p.id), :off)"
                } else {
                    ":off"
                };
                let (join, reach) = eligible("p.customer_id", rule.kind, promo);
                let candidates = format!(
                    "SELECT p.customer_id AS cid, 'purchase' AS subj, p.id AS sid,
                        '{code}:p' || p.id AS occ,
                        date(p.sold_at, '+7 hours', '+' || {offset} || ' days') AS due
                     FROM purchase p{join}
                     WHERE p.voided_at IS NULL AND p.sold_at >= :sold_from AND p.sold_at < :sold_to
                        AND p.customer_id IS NOT NULL AND {reach}{pf}",
                    code = rule.kind.code()
                );
                let sold_from = day_start(from - Duration::days(max));
                let sold_to = day_start(to - Duration::days(min) + Duration::days(1));
                self.upsert(
                    rule.kind,
                    &candidates,
                    &[
                        (":off", &first),
                        (":by_category", &by_category),
                        (":sold_from", &sold_from),
                        (":sold_to", &sold_to),
                        (":promo", &promo),
                    ],
                )?;
            }
            RuleKind::WarrantyExpiring => {
                let (join, reach) = eligible("u.customer_id", rule.kind, promo);
                for o in &rule.params.offsets {
                    let o = i64::from(*o);
                    let candidates = format!(
                        "SELECT u.customer_id AS cid, 'unit' AS subj, u.id AS sid,
                            'warranty_expiring:u' || u.id || ':' || u.warranty_end || ':' || :o AS occ,
                            date(u.warranty_end, '-' || :o || ' days') AS due
                         FROM unit u{join}
                         WHERE u.status = 'sold' AND u.warranty_months > 0 AND u.customer_id IS NOT NULL
                            AND u.warranty_end BETWEEN :end_from AND :end_to AND {reach}{uf}"
                    );
                    let end_from = iso(from + Duration::days(o));
                    let end_to = iso(to + Duration::days(o));
                    self.upsert(
                        rule.kind,
                        &candidates,
                        &[
                            (":o", &o),
                            (":end_from", &end_from),
                            (":end_to", &end_to),
                            (":promo", &promo),
                        ],
                    )?;
                }
            }
            RuleKind::Repurchase => {
                let intervals: Vec<i64> = self
                    .conn
                    .prepare_cached(
                        "SELECT DISTINCT repurchase_days FROM product WHERE repurchase_days > 0",
                    )?
                    .query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                let (join, reach) = eligible("p.customer_id", rule.kind, promo);
                let join = join.replace(" JOIN ", " CROSS JOIN ");
                for days in intervals {
                    // Due `days` after the sale, `first` days early; not when bought again since.
                    // The product test first (materialised): the "bought again since" check
                    // then runs only for lines of products with this interval.
                    let candidates = format!(
                        "WITH sold AS MATERIALIZED (
                            SELECT p.customer_id AS cid, p.id AS pid, p.sold_at, l.id AS lid, l.product_id
                            FROM purchase p CROSS JOIN purchase_line l ON l.purchase_id = p.id{join}
                            WHERE p.voided_at IS NULL AND p.sold_at >= :sold_from AND p.sold_at < :sold_to
                                AND p.customer_id IS NOT NULL
                                AND l.product_id IN (SELECT id FROM product WHERE repurchase_days = :days)
                                AND {reach}{pf})
                         SELECT cid, 'purchase' AS subj, pid AS sid, 'repurchase:l' || lid AS occ,
                            date(sold_at, '+7 hours', '+' || (:days - :off) || ' days') AS due
                         FROM sold s WHERE NOT EXISTS (SELECT 1 FROM purchase p2
                            JOIN purchase_line l2 ON l2.purchase_id = p2.id
                            WHERE p2.customer_id = s.cid AND p2.sold_at > s.sold_at
                                AND p2.voided_at IS NULL AND l2.product_id = s.product_id)"
                    );
                    let sold_from = day_start(from - Duration::days(days - first));
                    let sold_to = day_start(to - Duration::days(days - first) + Duration::days(1));
                    self.upsert(
                        rule.kind,
                        &candidates,
                        &[
                            (":days", &days),
                            (":off", &first),
                            (":sold_from", &sold_from),
                            (":sold_to", &sold_to),
                            (":promo", &promo),
                        ],
                    )?;
                }
            }
            RuleKind::WinBack => {
                // Silent since the later of the last live purchase and the last contact: the
                // candidates are the customers active on the days whose silence ends in the
                // window; their last purchase and count come from the covering index.
                let cf2 = self.customer_filter("c2.id");
                let candidates = format!(
                    "SELECT cid, '' AS subj, NULL AS sid, 'win_back:c' || cid || ':' || last AS occ,
                        date(last, '+' || :off || ' days') AS due
                     FROM (SELECT c.id AS cid, max(date(s.lastp, '+7 hours'),
                             coalesce(date(c.last_contact_at, '+7 hours'), '')) AS last
                           FROM (SELECT p.customer_id AS pc, max(p.sold_at) AS lastp, count(*) AS n
                                 FROM purchase p
                                 WHERE p.voided_at IS NULL AND p.customer_id IS NOT NULL AND p.customer_id IN
                                     (SELECT p.customer_id FROM purchase p
                                       WHERE p.voided_at IS NULL AND p.customer_id IS NOT NULL
                                         AND p.sold_at >= :active_from AND p.sold_at < :active_to{pf}
                                      UNION
                                      SELECT c2.id FROM customer c2 WHERE c2.last_contact_at >= :active_from
                                         AND c2.last_contact_at < :active_to{cf2})
                                 GROUP BY p.customer_id HAVING count(*) >= :min_purchases) s
                           JOIN customer c ON c.id = s.pc
                           WHERE {ELIGIBLE})"
                );
                let min = i64::from(rule.params.min_purchases.max(1));
                let active_from = day_start(from - Duration::days(first));
                let active_to = day_start(to - Duration::days(first) + Duration::days(1));
                self.upsert(
                    rule.kind,
                    &candidates,
                    &[
                        (":off", &first),
                        (":min_purchases", &min),
                        (":promo", &promo),
                        (":active_from", &active_from),
                        (":active_to", &active_to),
                    ],
                )?;
            }
            RuleKind::RepairUncollected => {
                let (join, reach) = eligible("k.customer_id", rule.kind, promo);
                let candidates = format!(
                    "SELECT k.customer_id AS cid, 'claim' AS subj, k.id AS sid,
                        'repair_uncollected:k' || k.id || ':' || k.ready_on AS occ,
                        date(k.ready_on, '+' || :off || ' days') AS due
                     FROM (SELECT k.*, (SELECT max(e.happened_on) FROM claim_event e
                              WHERE e.claim_id = k.id AND e.to_status = 'ready') AS ready_on
                           FROM claim k WHERE k.closed_on IS NULL AND k.status = 'ready'{kf}) k{join}
                     WHERE k.ready_on IS NOT NULL AND k.customer_id IS NOT NULL AND {reach}"
                );
                self.upsert(rule.kind, &candidates, &[(":off", &first), (":promo", &promo)])?;
            }
            RuleKind::ClaimOverdue => {
                let (join, reach) = eligible("k.customer_id", rule.kind, promo);
                let candidates = format!(
                    "SELECT k.customer_id AS cid, 'claim' AS subj, k.id AS sid,
                        'claim_overdue:k' || k.id || ':' || k.promised_on AS occ,
                        date(k.promised_on, '+' || (:off + 1) || ' days') AS due
                     FROM claim k{join}
                     WHERE k.closed_on IS NULL AND k.status <> 'ready' AND k.promised_on IS NOT NULL
                        AND k.customer_id IS NOT NULL AND {reach}{kf}"
                );
                self.upsert(rule.kind, &candidates, &[(":off", &first), (":promo", &promo)])?;
            }
            RuleKind::Birthday => {
                for o in &rule.params.offsets {
                    self.solar_birthdays(rule, i64::from(*o))?;
                }
                self.lunar_days(
                    rule,
                    "birthday_lunar = 1 AND c.birthday IS NOT NULL",
                    "substr(c.birthday, -5)",
                )?;
            }
            RuleKind::Anniversary => {
                self.lunar_days(rule, "c.anniversary_lunar IS NOT NULL", "c.anniversary_lunar")?;
            }
            RuleKind::PromiseDue => {
                let (join, reach) = eligible("m.customer_id", rule.kind, promo);
                let mf = self.customer_filter("m.customer_id");
                let candidates = format!(
                    "SELECT m.customer_id AS cid, 'promise' AS subj, m.id AS sid,
                        'promise_due:m' || m.id || ':' || m.due_on AS occ,
                        date(m.due_on, '-' || :off || ' days') AS due, m.owner AS who
                     FROM promise m{join} WHERE m.status = 'open' AND {reach}{mf}"
                );
                let at = self.due_at.clone();
                self.upsert_owned(
                    rule.kind,
                    &candidates,
                    &[(":off", &first), (":promo", &promo)],
                    &at,
                )?;
            }
            RuleKind::LowScore => {
                let (join, reach) = eligible("f.customer_id", rule.kind, promo);
                let ff = self.customer_filter("f.customer_id");
                let candidates = format!(
                    "SELECT f.customer_id AS cid, 'feedback' AS subj, f.id AS sid, 'low_score:f' || f.id AS occ,
                        date(f.at, '+7 hours', '+' || :off || ' days') AS due
                     FROM feedback f{join}
                     WHERE f.low = 1 AND f.at >= :at_from AND f.at < :at_to AND {reach}{ff}"
                );
                let at_from = day_start(from - Duration::days(first));
                let at_to = day_start(to - Duration::days(first) + Duration::days(1));
                self.upsert(
                    rule.kind,
                    &candidates,
                    &[
                        (":off", &first),
                        (":promo", &promo),
                        (":at_from", &at_from),
                        (":at_to", &at_to),
                    ],
                )?;
            }
            RuleKind::ComplaintDue => self.complaints(rule)?,
            RuleKind::Manual | RuleKind::Campaign => {}
        }
        Ok(())
    }

    /// Live complaints, due to their owner `offsets[0]` opening hours before the target they
    /// work towards (the response, then the resolution); at once when the target is nearer.
    fn complaints(&mut self, rule: &CareRule) -> Result<()> {
        use crate::clock::parse_stamp;
        let warn = i64::from(rule.params.offsets.first().copied().unwrap_or(0)) * 60;
        let cal = crate::calendar::Calendar::new(&crate::calendar::shop(self.conn)?);
        let kf = self.customer_filter("k.customer_id");
        let sql = format!(
            "SELECT k.id, k.customer_id, k.owner, k.opened_at, k.first_response_at, k.respond_by, k.resolve_by
             FROM complaint k JOIN customer c ON c.id = k.customer_id
             WHERE k.status <> 'resolved' AND k.status <> 'closed' AND c.archived_at IS NULL
                AND c.merged_into IS NULL{kf}"
        );
        let live: Vec<LiveComplaint> = {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let args: [(&str, &dyn ToSql); 1] = [(":cid", &self.customer)];
            bind(&mut stmt, args.iter())?;
            let mut rows = stmt.raw_query();
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                out.push(LiveComplaint {
                    id: r.get(0)?,
                    customer: r.get(1)?,
                    owner: r.get(2)?,
                    opened: r.get(3)?,
                    responded: r.get::<_, Option<String>>(4)?.is_some(),
                    respond_by: r.get(5)?,
                    resolve_by: r.get(6)?,
                });
            }
            out
        };
        for LiveComplaint { id, customer: cid, owner, opened, responded, respond_by, resolve_by } in
            live
        {
            let (stage, target) =
                if responded { ("resolve", resolve_by) } else { ("respond", respond_by) };
            let (Some(start), Some(end)) = (parse_stamp(&opened), parse_stamp(&target)) else {
                continue;
            };
            let span = cal.minutes_between(start, end);
            let due = if span <= warn { start } else { cal.add(start, span - warn) };
            let occurrence = format!("complaint_due:x{id}:{stage}:{target}");
            let (day, at) = (iso(local_date(due)), stamp(due));
            let candidates =
                "SELECT :id AS cid, 'complaint' AS subj, :sid AS sid, :occ AS occ, :due AS due,
                :at AS at, :who AS who";
            self.upsert_owned(
                rule.kind,
                candidates,
                &[
                    (":id", &cid),
                    (":sid", &id),
                    (":occ", &occurrence),
                    (":due", &day),
                    (":at", &at),
                    (":who", &owner),
                ],
                "at",
            )?;
        }
        Ok(())
    }

    /// Birthdays on the solar calendar: one indexed lookup per day of the window.
    fn solar_birthdays(&mut self, rule: &CareRule, offset: i64) -> Result<()> {
        let (from, to) = self.window(rule.kind);
        let cf = self.customer_filter("c.id");
        let candidates = format!(
            "SELECT c.id AS cid, '' AS subj, NULL AS sid,
                'birthday:c' || c.id || ':' || :day || ':' || :o AS occ, :due AS due
             FROM customer c WHERE substr(c.birthday, -5) IN (:md, :md2) AND c.birthday IS NOT NULL
                AND c.birthday_lunar = 0 AND {ELIGIBLE}{cf}"
        );
        let promo = rule.params.promotional;
        let mut day = from + Duration::days(offset);
        while day <= to + Duration::days(offset) {
            let md = day.format("%m-%d").to_string();
            // 29/02 is kept on 28/02 in common years.
            let leap_day = day.month() == 2
                && day.day() == 28
                && day.succ_opt().is_some_and(|n| n.month() == 3);
            let md2 = if leap_day { "02-29".to_owned() } else { md.clone() };
            let (due, iso_day) = (iso(day - Duration::days(offset)), iso(day));
            self.upsert(
                rule.kind,
                &candidates,
                &[
                    (":md", &md),
                    (":md2", &md2),
                    (":due", &due),
                    (":day", &iso_day),
                    (":o", &offset),
                    (":promo", &promo),
                ],
            )?;
            day += Duration::days(1);
        }
        Ok(())
    }

    /// Lunar birthdays and anniversaries (few customers): the next observed day computed here.
    fn lunar_days(&mut self, rule: &CareRule, condition: &str, month_day: &str) -> Result<()> {
        let (from, _) = self.window(rule.kind);
        let cf = self.customer_filter("c.id");
        let sql = format!(
            "SELECT c.id, {month_day} FROM customer c WHERE {condition} AND {ELIGIBLE}{cf}"
        );
        let promo = rule.params.promotional;
        let people: Vec<(i64, String)> = {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let args: [(&str, &dyn ToSql); 2] = [(":promo", &promo), (":cid", &self.customer)];
            bind(&mut stmt, args.iter())?;
            let mut rows = stmt.raw_query();
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                out.push((r.get(0)?, r.get(1)?));
            }
            out
        };
        let code = rule.kind.code();
        for (id, md) in people {
            let Some((month, day)) =
                md.split_once('-').and_then(|(m, d)| Some((m.parse().ok()?, d.parse().ok()?)))
            else {
                continue;
            };
            for o in &rule.params.offsets {
                let o = i64::from(*o);
                let Some(date) = lunar::next_observed(day, month, from + Duration::days(o)) else {
                    continue;
                };
                let (due, iso_day) = (iso(date - Duration::days(o)), iso(date));
                let occurrence = format!("{code}:c{id}:{iso_day}:{o}");
                let candidates =
                    "SELECT :id AS cid, '' AS subj, NULL AS sid, :occ AS occ, :due AS due";
                self.upsert(
                    rule.kind,
                    candidates,
                    &[(":id", &id), (":occ", &occurrence), (":due", &due)],
                )?;
            }
        }
        Ok(())
    }
}

/// A complaint still being worked, as the planner reads it.
struct LiveComplaint {
    id: i64,
    customer: i64,
    owner: String,
    opened: String,
    responded: bool,
    respond_by: String,
    resolve_by: String,
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
