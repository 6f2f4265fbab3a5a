//! The demo shop's history around its customers: a catalogue, two years of sales with serials,
//! warranty claims in every state, returns within policy, complaints, scores, promises and
//! touchpoints. Everything is written through the domains' own functions, dated as if it
//! happened on its day, so the data passes the same checks as real use and care is planned from
//! it as it would be. Deterministic for a seed and `now`. The benchmarks' bulk generator is [`super::generate`], not this.

mod catalogue;
mod claims;
mod complaints;
mod feedback;
mod returns;
mod sales;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};

use super::Rng;
use crate::clock::{local_date, vietnam};
use crate::db::Db;
use crate::error::Result;

pub use catalogue::ITEMS;

/// How much of the history a load wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scene {
    pub products: usize,
    pub purchases: usize,
    pub claims: usize,
    pub complaints: usize,
    pub scores: usize,
    pub promises: usize,
    pub interactions: usize,
    pub returns: usize,
}

/// The people behind the counter and the bench, named on claims, complaints and scores.
const CREW: &[&str] = &["Ngọc Hân", "Minh Tuấn", "Thu Trang", "Quốc Bảo"];

/// Writes the history for the customers from id `first` on (the ones a demo load just added).
pub fn stage(db: &mut Db, first: i64, seed: u64, now: DateTime<Utc>, staff: &str) -> Result<Scene> {
    let customers = demo_customers(db, first)?;
    if customers.is_empty() {
        return Ok(Scene::default());
    }
    // Demo history is fiction: losing its last seconds to a power cut costs nothing, while a
    // disk flush per write would make the click take far longer. WAL keeps it consistent.
    let sync: i64 = db.conn().query_row("PRAGMA synchronous", [], |r| r.get(0))?;
    db.conn().pragma_update(None, "synchronous", "NORMAL")?;
    // A second load into the same shop draws other serials (a serial sells once).
    let seed = seed ^ (first as u64).wrapping_mul(0xA076_1D64_78BD_642F);
    let staged = write(db, &customers, seed, now, staff);
    db.conn().pragma_update(None, "synchronous", sync)?;
    staged
}

fn write(
    db: &mut Db,
    customers: &[(i64, bool)],
    seed: u64,
    now: DateTime<Utc>,
    staff: &str,
) -> Result<Scene> {
    let mut rng = Rng::new(seed.rotate_left(17) ^ 0x5CE4_E000);
    let products = catalogue::stock(db, staff, now - Duration::days(sales::HISTORY_DAYS + 5))?;
    let sold = sales::sell(db, &mut rng, customers, &products, now, staff)?;
    let claims = claims::open_all(db, &mut rng, &sold, now, staff)?;
    let returns = returns::write(db, &mut rng, &sold, &products, now, staff)?;
    let mut scene = feedback::write(db, &mut rng, &sold, now, staff)?;
    scene.products = products.len();
    scene.purchases = sold.len();
    scene.claims = claims;
    scene.returns = returns;
    Ok(scene)
}

/// The customers of this load, with whether they agreed to care calls.
fn demo_customers(db: &Db, first: i64) -> Result<Vec<(i64, bool)>> {
    let mut stmt = db.conn().prepare(
        "SELECT id, care_consent FROM customer WHERE id >= ?1 AND merged_into IS NULL ORDER BY id",
    )?;
    let rows = stmt.query_map([first], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `days` before `now`'s shop day, at `hour`:`minute` shop time.
fn at(now: DateTime<Utc>, days: i64, hour: u32, minute: u32) -> DateTime<Utc> {
    let day = local_date(now) - Duration::days(days);
    on(day, hour, minute).min(now)
}

fn on(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    let t = NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default();
    vietnam()
        .from_local_datetime(&day.and_time(t))
        .single()
        .map_or_else(|| Utc.from_utc_datetime(&day.and_time(t)), |t| t.with_timezone(&Utc))
}

/// A date as the forms take it.
fn dmy(day: NaiveDate) -> String {
    crate::text::date::format_date(day)
}

fn crew(rng: &mut Rng) -> &'static str {
    rng.pick::<&str>(CREW)
}
