//! Birthdays and remembrance days (ngày giỗ): solar birthdays by an indexed lookup per day of
//! the window, lunar days (few customers) by computing each one's next observed day.

use chrono::{Datelike, Duration};
use rusqlite::types::ToSql;

use super::upsert::ELIGIBLE;
use super::{bind, iso, Planner};
use crate::calendar::lunar;
use crate::care::rule::CareRule;
use crate::error::Result;

impl Planner<'_> {
    /// Birthdays, solar (per offset) and lunar.
    pub(super) fn birthdays(&mut self, rule: &CareRule) -> Result<()> {
        for o in &rule.params.offsets {
            self.solar_birthdays(rule, i64::from(*o))?;
        }
        self.lunar_days(
            rule,
            "birthday_lunar = 1 AND c.birthday IS NOT NULL",
            "substr(c.birthday, -5)",
        )?;
        Ok(())
    }

    /// Remembrance days (ngày giỗ), kept on the lunar calendar.
    pub(super) fn anniversaries(&mut self, rule: &CareRule) -> Result<()> {
        self.lunar_days(rule, "c.anniversary_lunar IS NOT NULL", "c.anniversary_lunar")?;
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
