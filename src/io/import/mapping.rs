//! Which column holds what: suggested from the header (KiotViet's and Sapo's exports are known
//! by name), changed by the user, and saved as named presets.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The customer's code in the old system ("KH000123"): the first key to match on.
    Code,
    FullName,
    CallName,
    AddressAs,
    /// May be given to several columns; a cell may hold several numbers ("0912… / 0903…").
    Phone,
    Email,
    Birthday,
    Gender,
    Address,
    /// Groups or tags, split on `|`, `,` or `;`.
    Tags,
    Notes,
    /// Issue 17: the points the old system says she holds now ("Điểm hiện tại"); an opening
    /// entry in her points ledger.
    Points,
    /// What she spent there ("Tổng bán trừ trả hàng", "Tổng chi tiêu"): her opening spend.
    TotalSpent,
    /// What she owes now ("Nợ cần thu hiện tại", "Công nợ"): an opening entry of her debt.
    Debt,
}

impl Field {
    pub const ALL: [Field; 14] = [
        Field::Code,
        Field::FullName,
        Field::CallName,
        Field::AddressAs,
        Field::Phone,
        Field::Email,
        Field::Birthday,
        Field::Gender,
        Field::Address,
        Field::Tags,
        Field::Notes,
        Field::Points,
        Field::TotalSpent,
        Field::Debt,
    ];

    /// Header names (folded) that mean this field. KiotViet's and Sapo's export titles come
    /// first (docs/domain.md §6), then common hand-made ones.
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Code => &["ma khach hang", "ma kh", "ma khach", "customer code", "code", "ma"],
            Field::FullName => &[
                "ten khach hang",
                "ho ten",
                "ho va ten",
                "ten khach",
                "khach hang",
                "ten",
                "name",
                "full name",
                "customer name",
            ],
            Field::CallName => &["ten goi", "call name", "nickname"],
            Field::AddressAs => &["xung ho", "danh xung", "address as", "title"],
            Field::Phone => &[
                "dien thoai",
                "so dien thoai",
                "sdt",
                "so dt",
                "dt",
                "di dong",
                "dien thoai 2",
                "so dien thoai 2",
                "phone",
                "mobile",
                "phone number",
            ],
            Field::Email => &["email", "e-mail", "thu dien tu"],
            Field::Birthday => &["ngay sinh", "sinh nhat", "birthday", "date of birth", "dob"],
            Field::Gender => &["gioi tinh", "gender", "sex"],
            Field::Address => &["dia chi", "address"],
            Field::Tags => &["nhom khach hang", "nhom", "nhan", "tags", "tag", "group"],
            Field::Notes => &["ghi chu", "notes", "note", "mo ta"],
            // KiotViet's "Tổng điểm" counts every point ever earned, spent ones included: not a
            // balance, so left unmapped.
            Field::Points => &[
                "diem hien tai",
                "diem tich luy",
                "diem tich luy hien tai",
                "so diem",
                "diem",
                "points",
                "loyalty points",
            ],
            // Net of returns first: KiotViet's file has both, and what was returned was not
            // spent (see `suggest`).
            Field::TotalSpent => &[
                "tong ban tru tra hang",
                "tong chi tieu",
                "tong ban",
                "tong tien mua",
                "tong tien hang",
                "total spent",
            ],
            Field::Debt => &[
                "no can thu hien tai",
                "cong no",
                "cong no hien tai",
                "no hien tai",
                "no can thu",
                "du no",
                "debt",
            ],
        }
    }
}

/// One entry per file column, in order: the field it fills, or `None` to ignore it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Mapping {
    pub columns: Vec<Option<Field>>,
}

impl Mapping {
    pub fn has(&self, f: Field) -> bool {
        self.columns.contains(&Some(f))
    }

    /// A mapping that can make customers: a name, or a key to find existing ones by.
    pub fn check(&self) -> Result<()> {
        if self.columns.iter().all(Option::is_none) {
            return Err(Error::Import { code: "no_columns_matched", detail: String::new() });
        }
        if !self.has(Field::FullName) && !self.has(Field::Code) && !self.has(Field::Phone) {
            return Err(Error::Import { code: "mapping_needs_name", detail: String::new() });
        }
        let once = [
            Field::Code,
            Field::FullName,
            Field::Email,
            Field::Birthday,
            Field::Points,
            Field::TotalSpent,
            Field::Debt,
        ];
        if let Some(f) =
            once.iter().find(|f| self.columns.iter().filter(|c| **c == Some(**f)).count() > 1)
        {
            return Err(Error::Import { code: "field_mapped_twice", detail: format!("{f:?}") });
        }
        Ok(())
    }
}

/// The mapping the header suggests: each column given the field whose name it carries, a field
/// given once (phones excepted).
pub fn suggest(headers: &[String]) -> Mapping {
    let mut columns = Vec::with_capacity(headers.len());
    for h in headers {
        let key = fold(h).replace(['_', '.', ':', '*'], " ");
        let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
        let field = Field::ALL.into_iter().find(|f| {
            f.synonyms().contains(&key.as_str())
                && (*f == Field::Phone || !columns.contains(&Some(*f)))
        });
        columns.push(field);
    }
    prefer_net_spend(headers, &mut columns);
    Mapping { columns }
}

/// KiotViet writes "Tổng bán" before "Tổng bán trừ trả hàng": the net one is what she spent.
fn prefer_net_spend(headers: &[String], columns: &mut [Option<Field>]) {
    let net = headers.iter().position(|h| {
        fold(h).split_whitespace().collect::<Vec<_>>().join(" ") == "tong ban tru tra hang"
    });
    if let Some(net) = net {
        for c in columns.iter_mut().filter(|c| **c == Some(Field::TotalSpent)) {
            *c = None;
        }
        columns[net] = Some(Field::TotalSpent);
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Preset {
    pub name: String,
    /// Header title (folded) → field.
    pub fields: Vec<(String, Option<Field>)>,
}

impl Preset {
    pub fn from_mapping(name: &str, headers: &[String], m: &Mapping) -> Preset {
        Preset {
            name: name.trim().to_owned(),
            fields: headers.iter().zip(&m.columns).map(|(h, f)| (fold(h), *f)).collect(),
        }
    }

    /// The mapping for a file with these headers: columns by title, unknown ones ignored.
    pub fn apply(&self, headers: &[String]) -> Mapping {
        Mapping {
            columns: headers
                .iter()
                .map(|h| {
                    let k = fold(h);
                    self.fields.iter().find(|(t, _)| *t == k).and_then(|(_, f)| *f)
                })
                .collect(),
        }
    }
}

pub fn presets(conn: &Connection) -> Result<Vec<Preset>> {
    let mut stmt = conn.prepare_cached("SELECT name, mapping FROM import_preset ORDER BY name")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (name, json) = row?;
        if let Ok(fields) = serde_json::from_str(&json) {
            out.push(Preset { name, fields });
        }
    }
    Ok(out)
}

pub fn preset(conn: &Connection, name: &str) -> Result<Option<Preset>> {
    let json: Option<String> = conn
        .query_row("SELECT mapping FROM import_preset WHERE name = ?1", [name.trim()], |r| r.get(0))
        .optional()?;
    Ok(json
        .and_then(|j| serde_json::from_str(&j).ok())
        .map(|fields| Preset { name: name.trim().to_owned(), fields }))
}

/// A preset's name, and the columns it remembers (a customer file has a few dozen).
pub const MAX_PRESET_NAME: usize = 60;
pub const MAX_PRESET_COLUMNS: usize = 500;

pub fn save_preset(
    db: &mut Db,
    p: &Preset,
    staff: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let name = crate::text::limit("name", &p.name, MAX_PRESET_NAME)?;
    if name.is_empty() {
        return Err(Error::invalid("name", "name_empty"));
    }
    if p.fields.len() > MAX_PRESET_COLUMNS {
        return Err(Error::invalid("headers", "too_many"));
    }
    if p.fields.iter().any(|(h, _)| h.chars().count() > crate::text::limit::NAME) {
        return Err(Error::invalid("headers", "too_long"));
    }
    let json = serde_json::to_string(&p.fields).map_err(|e| Error::Io(std::io::Error::other(e)))?;
    db.write(|tx| {
        tx.execute(
            "INSERT INTO import_preset(name, mapping) VALUES (?1, ?2)
             ON CONFLICT(name) DO UPDATE SET mapping = excluded.mapping",
            params![name, json],
        )?;
        crate::audit::record(
            tx,
            now,
            staff,
            "save",
            "import_preset",
            0,
            serde_json::json!({ "name": name }),
        )
    })
}

pub fn delete_preset(
    db: &mut Db,
    name: &str,
    staff: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    db.write(|tx| {
        tx.execute("DELETE FROM import_preset WHERE name = ?1", [name])?;
        crate::audit::record(
            tx,
            now,
            staff,
            "remove",
            "import_preset",
            0,
            serde_json::json!({ "name": name }),
        )
    })
}
