//! The shop's own details, printed on warranty cards and slips.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Db;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ShopSettings {
    pub shop_name: String,
    pub shop_address: String,
    pub shop_phone: String,
    /// Printed at the foot of every slip (opening hours, hotline…).
    pub slip_footer: String,
}

const KEYS: [&str; 4] = ["shop_name", "shop_address", "shop_phone", "slip_footer"];

pub fn get(conn: &Connection) -> Result<ShopSettings> {
    let mut s = ShopSettings::default();
    let mut stmt = conn.prepare_cached("SELECT key, value FROM setting")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (k, v) = row?;
        match k.as_str() {
            "shop_name" => s.shop_name = v,
            "shop_address" => s.shop_address = v,
            "shop_phone" => s.shop_phone = v,
            "slip_footer" => s.slip_footer = v,
            _ => {}
        }
    }
    Ok(s)
}

pub fn save(
    db: &mut Db,
    s: &ShopSettings,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<ShopSettings> {
    let values = [&s.shop_name, &s.shop_address, &s.shop_phone, &s.slip_footer];
    let errors: Vec<FieldError> = KEYS
        .iter()
        .zip(values)
        .filter(|(_, v)| v.trim().chars().count() > 500)
        .map(|(k, _)| FieldError::new(k, "too_long"))
        .collect();
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    db.write(|tx| {
        for (k, v) in KEYS.iter().zip(values) {
            crate::db::setting::set(tx, k, &crate::text::nfc(v.trim()))?;
        }
        crate::audit::record(tx, now, staff, "save", "setting", 0, serde_json::json!({}))
    })?;
    get(db.conn())
}
