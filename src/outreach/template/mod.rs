//! Message templates per reminder kind and language, with placeholders filled from the real
//! customer and subject: "Chào {xung_ho} {ten}, …" → "Chào chị Lan, …".

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::care::rule::RuleKind;
use crate::clock::stamp;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};

mod message;
mod values;

pub use message::{prepare, prepare_view, preview, preview_kind, render, PreparedMessage, Preview};
pub use values::{values_for, values_of};

pub const MAX_BODY: usize = 2000;

/// Every placeholder a template may use. Written with a capital (`{Xung_ho}`) it starts the
/// sentence with a capital ("Chị Lan ơi").
pub const PLACEHOLDERS: [&str; 16] = [
    "xung_ho",
    "ten",
    "ho_ten",
    "cua_hang",
    "sdt_cua_hang",
    "san_pham",
    "serial",
    "ngay_mua",
    "han_bao_hanh",
    "so_ngay",
    "so_tien",
    "so_hoa_don",
    "ma_phieu",
    "ngay_hen",
    "noi_dung",
    // Issue 17: the customer's newest usable personal voucher, or nothing.
    "voucher",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Locale {
    Vi,
    En,
}

crate::text::code::stored_code!(Locale);

pub fn default_body(kind: RuleKind, locale: Locale) -> &'static str {
    match (kind, locale) {
        (RuleKind::ThankYou, Locale::Vi) => "Chào {xung_ho} {ten}, {cua_hang} cảm ơn {xung_ho} đã mua {san_pham}. Có gì cần hỗ trợ {xung_ho} cứ nhắn cho shop nhé!",
        (RuleKind::ThankYou, Locale::En) => "Hello {ten}, thank you for buying {san_pham} at {cua_hang}. Message us any time if you need help!",
        (RuleKind::CheckIn, Locale::Vi) => "Chào {xung_ho} {ten}, {san_pham} {xung_ho} mua ngày {ngay_mua} dùng có ổn không ạ? {Cua_hang} luôn sẵn sàng hỗ trợ {xung_ho}.",
        (RuleKind::CheckIn, Locale::En) => "Hello {ten}, how is the {san_pham} you bought on {ngay_mua}? {Cua_hang} is here to help.",
        (RuleKind::Birthday, Locale::Vi) => "{Cua_hang} chúc mừng sinh nhật {xung_ho} {ten}! Chúc {xung_ho} một tuổi mới thật nhiều sức khoẻ và niềm vui.",
        (RuleKind::Birthday, Locale::En) => "Happy birthday, {ten}! Best wishes from all of us at {cua_hang}.",
        (RuleKind::Anniversary, Locale::Vi) => "Chào {xung_ho} {ten}, sắp đến ngày {ngay_hen} âm lịch của gia đình. {cua_hang} xin gửi lời hỏi thăm {xung_ho}.",
        (RuleKind::Anniversary, Locale::En) => "Hello {ten}, your family's remembrance day ({ngay_hen}, lunar) is coming. Warm regards from {cua_hang}.",
        (RuleKind::WarrantyExpiring, Locale::Vi) => "Chào {xung_ho} {ten}, bảo hành {san_pham} ({serial}) của {xung_ho} hết hạn ngày {han_bao_hanh} (còn {so_ngay} ngày). {Xung_ho} mang máy qua {cua_hang} kiểm tra miễn phí trước khi hết hạn nhé.",
        (RuleKind::WarrantyExpiring, Locale::En) => "Hello {ten}, the warranty on your {san_pham} ({serial}) ends on {han_bao_hanh} ({so_ngay} days left). Bring it to {cua_hang} for a free check before then.",
        (RuleKind::Repurchase, Locale::Vi) => "Chào {xung_ho} {ten}, {san_pham} {xung_ho} mua ngày {ngay_mua} chắc sắp dùng hết. {Xung_ho} cần shop chuẩn bị sẵn không ạ?",
        (RuleKind::Repurchase, Locale::En) => "Hello {ten}, you may be running out of the {san_pham} bought on {ngay_mua}. Shall we set some aside for you?",
        (RuleKind::WinBack, Locale::Vi) => "Chào {xung_ho} {ten}, lâu rồi {cua_hang} chưa gặp {xung_ho}. Shop có nhiều hàng mới, mời {xung_ho} ghé chơi ạ!",
        (RuleKind::WinBack, Locale::En) => "Hello {ten}, we have not seen you at {cua_hang} for a while. Plenty of new arrivals — drop by!",
        (RuleKind::RepairUncollected, Locale::Vi) => "Chào {xung_ho} {ten}, máy {san_pham} (phiếu {ma_phieu}) đã sửa xong, {xung_ho} ghé {cua_hang} nhận máy giúp shop nhé. Phí: {so_tien}.",
        (RuleKind::RepairUncollected, Locale::En) => "Hello {ten}, your {san_pham} (slip {ma_phieu}) is ready to collect at {cua_hang}. Fee: {so_tien}.",
        (RuleKind::ClaimOverdue, Locale::Vi) => "Chào {xung_ho} {ten}, {cua_hang} xin lỗi vì {san_pham} (phiếu {ma_phieu}) chưa xong đúng hẹn {ngay_hen}. Shop sẽ báo {xung_ho} ngay khi có máy.",
        (RuleKind::ClaimOverdue, Locale::En) => "Hello {ten}, we are sorry your {san_pham} (slip {ma_phieu}) was not ready on {ngay_hen} as promised. We will call you as soon as it is.",
        (RuleKind::ComplaintDue, Locale::Vi) => "Chào {xung_ho} {ten}, {cua_hang} đã nhận phản ánh của {xung_ho} (mã {ma_phieu}) và đang xử lý. Shop xin lỗi vì sự bất tiện và sẽ báo {xung_ho} sớm nhất.",
        (RuleKind::ComplaintDue, Locale::En) => "Hello {ten}, {cua_hang} has your complaint ({ma_phieu}) in hand. We are sorry for the trouble and will get back to you very soon.",
        (RuleKind::PromiseDue, Locale::Vi) => "Chào {xung_ho} {ten}, như đã hẹn với {xung_ho}: {noi_dung}. {Cua_hang} xin báo để {xung_ho} tiện sắp xếp ạ.",
        (RuleKind::PromiseDue, Locale::En) => "Hello {ten}, as promised: {noi_dung}. Best regards, {cua_hang}.",
        (RuleKind::LowScore, Locale::Vi) => "Chào {xung_ho} {ten}, {cua_hang} cảm ơn {xung_ho} đã góp ý. Shop rất tiếc vì trải nghiệm chưa tốt và muốn nghe thêm để khắc phục ạ.",
        (RuleKind::LowScore, Locale::En) => "Hello {ten}, thank you for your feedback. {Cua_hang} is sorry it fell short and would like to hear more so we can put it right.",
        (RuleKind::TierReached, Locale::Vi) => "Chúc mừng {xung_ho} {ten} đã lên hạng thành viên {noi_dung} của {cua_hang}! Cảm ơn {xung_ho} đã luôn tin tưởng ủng hộ shop, lần tới ghé shop {xung_ho} nhớ báo để nhận ưu đãi của hạng mới nhé.",
        (RuleKind::TierReached, Locale::En) => "Congratulations, {ten}: you are now a {noi_dung} member of {cua_hang}! Thank you for your loyalty; mention it on your next visit to enjoy your new tier's benefits.",
        (RuleKind::Manual | RuleKind::Campaign, Locale::Vi) => "Chào {xung_ho} {ten}, {cua_hang} xin liên hệ với {xung_ho}.",
        (RuleKind::Manual | RuleKind::Campaign, Locale::En) => "Hello {ten}, this is {cua_hang} getting back to you.",
        (RuleKind::DebtDue, Locale::Vi) => "Dạ {xung_ho} {ten} ơi, {cua_hang} xin phép nhắc {xung_ho} khoản {so_tien} đến hạn thanh toán ngày {ngay_hen}. Khi nào tiện {xung_ho} ghé shop hoặc chuyển khoản giúp shop nhé ạ. Shop cảm ơn {xung_ho} nhiều!",
        (RuleKind::DebtDue, Locale::En) => "Hello {ten}, a gentle reminder from {cua_hang}: {so_tien} falls due on {ngay_hen}. Drop by or send a transfer whenever it suits you. Thank you!",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Template {
    pub kind: RuleKind,
    pub locale: Locale,
    pub body: String,
    pub is_default: bool,
}

pub fn get(conn: &Connection, kind: RuleKind, locale: Locale) -> Result<Template> {
    let body: Option<String> = conn
        .prepare_cached("SELECT body FROM message_template WHERE kind = ?1 AND locale = ?2")?
        .query_row(params![kind.code(), locale.code()], |r| r.get(0))
        .optional()?;
    Ok(match body {
        Some(body) => Template { kind, locale, body, is_default: false },
        None => {
            Template { kind, locale, body: default_body(kind, locale).to_owned(), is_default: true }
        }
    })
}

pub fn all(conn: &Connection) -> Result<Vec<Template>> {
    let kinds = RuleKind::PLANNED.into_iter().chain([RuleKind::Manual]);
    let mut out = Vec::new();
    for kind in kinds {
        for locale in [Locale::Vi, Locale::En] {
            out.push(get(conn, kind, locale)?);
        }
    }
    Ok(out)
}

/// The placeholders in a body, or the errors that make it unusable: an unknown name, a brace
/// left open.
pub fn check(body: &str) -> std::result::Result<Vec<String>, Vec<FieldError>> {
    let mut names = Vec::new();
    let mut errors = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            errors.push(FieldError::new("body", "brace_unbalanced"));
            break;
        }
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            errors.push(FieldError::new("body", "brace_unbalanced"));
            break;
        };
        let name = &after[..close];
        if PLACEHOLDERS.contains(&name.to_lowercase().as_str()) && !name.contains('{') {
            names.push(name.to_owned());
        } else {
            errors.push(FieldError::new(&format!("body.{name}"), "unknown_placeholder"));
        }
        rest = &after[close + 1..];
    }
    if errors.is_empty() {
        Ok(names)
    } else {
        Err(errors)
    }
}

pub fn save(db: &mut Db, t: &Template, staff: &str, now: DateTime<Utc>) -> Result<Template> {
    let mut errors = Vec::new();
    let body = crate::text::limit_in("body", &t.body, MAX_BODY, &mut errors);
    if body.is_empty() && errors.is_empty() {
        errors.push(FieldError::new("body", "required"));
    }
    if let Err(e) = check(&body) {
        errors.extend(e);
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    db.write(|tx| {
        tx.execute(
            "INSERT INTO message_template(kind, locale, body, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(kind, locale) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            params![t.kind.code(), t.locale.code(), body, stamp(now)],
        )?;
        crate::audit::record(tx, now, staff, "save", "message_template", 0, serde_json::json!({ "kind": t.kind.code(), "locale": t.locale.code() }))
    })?;
    get(db.conn(), t.kind, t.locale)
}

pub fn reset(
    db: &mut Db,
    kind: RuleKind,
    locale: Locale,
    staff: &str,
    now: DateTime<Utc>,
) -> Result<Template> {
    db.write(|tx| {
        tx.execute(
            "DELETE FROM message_template WHERE kind = ?1 AND locale = ?2",
            params![kind.code(), locale.code()],
        )?;
        crate::audit::record(
            tx,
            now,
            staff,
            "reset",
            "message_template",
            0,
            serde_json::json!({ "kind": kind.code() }),
        )
    })?;
    get(db.conn(), kind, locale)
}
