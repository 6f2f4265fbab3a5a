//! The demo shop's catalogue: phones, laptops, appliances and a few consumables, at Vietnamese
//! retail prices, saved through the catalogue's own `save` so codes and checks are the real ones.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

use crate::db::Db;
use crate::error::Result;
use crate::sales::product::{self, ProductDraft};

/// What kind of serial a product's units carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SerialKind {
    Imei,
    Serial,
    None,
}

pub struct Item {
    pub name: &'static str,
    pub category: &'static str,
    pub price: i64,
    pub warranty_months: u32,
    pub exchange_days: u32,
    pub serial: SerialKind,
    pub repurchase_days: Option<u32>,
}

const fn item(
    name: &'static str,
    category: &'static str,
    price: i64,
    warranty_months: u32,
    exchange_days: u32,
    serial: SerialKind,
) -> Item {
    Item { name, category, price, warranty_months, exchange_days, serial, repurchase_days: None }
}

use SerialKind::{Imei, None as NoSerial, Serial};

pub const ITEMS: &[Item] = &[
    item("iPhone 15 128GB", "Điện thoại", 19_990_000, 12, 30, Imei),
    item("iPhone 13 128GB", "Điện thoại", 13_490_000, 12, 30, Imei),
    item("Samsung Galaxy S24 256GB", "Điện thoại", 20_990_000, 12, 30, Imei),
    item("Samsung Galaxy A55 5G", "Điện thoại", 9_290_000, 12, 30, Imei),
    item("Xiaomi Redmi Note 13", "Điện thoại", 4_890_000, 18, 15, Imei),
    item("OPPO Reno11 F 5G", "Điện thoại", 8_490_000, 12, 30, Imei),
    item("vivo Y36", "Điện thoại", 5_290_000, 12, 15, Imei),
    item("MacBook Air M2 13 inch", "Laptop", 24_990_000, 12, 15, Serial),
    item("Laptop ASUS Vivobook 15 OLED", "Laptop", 15_490_000, 24, 15, Serial),
    item("Laptop Dell Inspiron 14", "Laptop", 17_990_000, 12, 15, Serial),
    item("Laptop Lenovo IdeaPad Slim 3", "Laptop", 12_990_000, 24, 15, Serial),
    item("Tủ lạnh Panasonic Inverter 322 lít", "Điện máy", 12_890_000, 24, 7, Serial),
    item("Máy giặt LG Inverter 9 kg", "Điện máy", 8_290_000, 24, 7, Serial),
    item("Điều hòa Daikin Inverter 1 HP", "Điện máy", 10_990_000, 12, 7, Serial),
    item("Nồi cơm điện Sharp 1,8 lít", "Gia dụng", 1_290_000, 12, 7, Serial),
    item("Máy lọc nước Kangaroo KG100", "Gia dụng", 4_590_000, 24, 7, Serial),
    item("Tai nghe AirPods Pro 2", "Phụ kiện", 5_990_000, 12, 30, Serial),
    item("Sạc dự phòng Xiaomi 20.000 mAh", "Phụ kiện", 590_000, 6, 7, NoSerial),
    item("Ốp lưng iPhone 15 trong suốt", "Phụ kiện", 190_000, 0, 7, NoSerial),
    Item {
        repurchase_days: Some(180),
        ..item("Lõi lọc nước Kangaroo số 1", "Gia dụng", 150_000, 0, 0, NoSerial)
    },
];

/// The preset policy (migration 0002) an item sells under: phones under the phone terms, the
/// rest of the warranted goods under the electronics ones; consumables under none.
fn preset(it: &Item) -> Option<&'static str> {
    match it.category {
        _ if it.warranty_months == 0 => None,
        "Điện thoại" => Some("Điện thoại"),
        _ => Some("Điện tử"),
    }
}

/// The catalogue's product ids in [`ITEMS`] order: a product of the same name already in the
/// shop is reused (a second demo load does not double the catalogue).
pub fn stock(db: &mut Db, staff: &str, now: DateTime<Utc>) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(ITEMS.len());
    for it in ITEMS {
        let existing: Option<i64> = db
            .conn()
            .prepare_cached("SELECT id FROM product WHERE name = ?1 AND archived_at IS NULL")?
            .query_row([it.name], |r| r.get(0))
            .optional()?;
        let id = match existing {
            Some(id) => id,
            None => {
                // A shop that renamed or archived the preset sells the demo without it.
                let policy_id: Option<i64> = match preset(it) {
                    Some(name) => db
                        .conn()
                        .prepare_cached(
                            "SELECT id FROM policy WHERE name = ?1 AND archived_at IS NULL
                             ORDER BY id LIMIT 1",
                        )?
                        .query_row([name], |r| r.get(0))
                        .optional()?,
                    None => None,
                };
                let d = ProductDraft {
                    code: String::new(),
                    name: it.name.to_owned(),
                    category: it.category.to_owned(),
                    price: it.price.to_string(),
                    warranty_months: it.warranty_months,
                    exchange_days: it.exchange_days,
                    policy_id,
                    repurchase_days: it.repurchase_days,
                    serial_required: it.serial != NoSerial,
                };
                product::save(db, None, &d, staff, now)?.id
            }
        };
        ids.push(id);
    }
    Ok(ids)
}
