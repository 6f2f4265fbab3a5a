//! The tables the shop can export: each one's column keys (the UI translates them) and the query
//! that reads them. Shop dates and times (UTC+7); merged records are part of the customer they
//! went into. A customer whose processing is restricted is left out of the customer list and of
//! what they said (interactions, complaints, scores), and unnamed in the business records
//! (sales, claims, returns), which the shop must keep.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Table {
    Customers,
    Purchases,
    Claims,
    Interactions,
    Products,
    SaleLines,
    Complaints,
    Scores,
    Returns,
    // Issue 17, loyreport: the loyalty ledgers and the vouchers.
    PointEntries,
    CreditEntries,
    DebtEntries,
    Vouchers,
}

crate::text::code::stored_code!(Table);

/// The customer's name unless their processing is restricted.
macro_rules! named {
    () => {
        "iif(c.restricted_at IS NULL, c.full_name, NULL)"
    };
}

impl Table {
    pub const ALL: [Table; 13] = [
        Table::Customers,
        Table::Purchases,
        Table::Claims,
        Table::Interactions,
        Table::Products,
        Table::SaleLines,
        Table::Complaints,
        Table::Scores,
        Table::Returns,
        Table::PointEntries,
        Table::CreditEntries,
        Table::DebtEntries,
        Table::Vouchers,
    ];

    /// Column keys, in order (the UI translates them; the CLI prints them as they are).
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Customers => CUSTOMERS,
            Table::Purchases => PURCHASES,
            Table::Claims => CLAIMS,
            Table::Interactions => INTERACTIONS,
            Table::Products => PRODUCTS,
            Table::SaleLines => SALE_LINES,
            Table::Complaints => COMPLAINTS,
            Table::Scores => SCORES,
            Table::Returns => RETURNS,
            Table::PointEntries => POINT_ENTRIES,
            Table::CreditEntries => CREDIT_ENTRIES,
            Table::DebtEntries => DEBT_ENTRIES,
            Table::Vouchers => VOUCHERS,
        }
    }

    pub(super) fn sql(self) -> &'static str {
        match self {
            Table::Customers => {
                "SELECT c.id, c.full_name, c.call_name, c.address_as, ph.canonical, c.email, c.birthday, c.address,
                    c.marketing_consent, c.archived_at IS NOT NULL, datetime(c.created_at, '+7 hours'),
                    coalesce(c.key, '')
                 FROM customer c LEFT JOIN customer_phone ph ON ph.customer_id = c.id AND ph.is_primary = 1
                 WHERE c.merged_into IS NULL AND c.restricted_at IS NULL ORDER BY c.id"
            }
            Table::Purchases => concat!(
                "SELECT p.receipt_no, date(p.sold_at, '+7 hours'), p.customer_id, ",
                named!(),
                ", p.staff, p.total, p.voided_at IS NOT NULL
                 FROM purchase p LEFT JOIN customer c ON c.id = p.customer_id ORDER BY p.sold_at, p.id"
            ),
            Table::Claims => concat!(
                "SELECT k.code, k.customer_id, ",
                named!(),
                ", k.product_name, k.serial, k.status, k.received_on,
                    k.promised_on, k.closed_on, k.loan_unit, k.loan_lent_on, k.loan_returned_on,
                    k.fee_charged, k.internal_cost
                 FROM claim k LEFT JOIN customer c ON c.id = k.customer_id ORDER BY k.id"
            ),
            Table::Interactions => {
                "SELECT datetime(i.at, '+7 hours'), i.customer_id, c.full_name, i.channel, i.direction, i.kind,
                    i.summary, i.staff
                 FROM interaction i JOIN customer c ON c.id = i.customer_id
                 WHERE c.restricted_at IS NULL ORDER BY i.at, i.id"
            }
            Table::Products => {
                "SELECT code, name, category, price, warranty_months, exchange_days, serial_required,
                    repurchase_days, archived_at IS NOT NULL
                 FROM product ORDER BY code"
            }
            // One row per line; a serialised line lists its units' serials, so sums stay right.
            Table::SaleLines => concat!(
                "SELECT p.receipt_no, date(p.sold_at, '+7 hours'), p.customer_id, ",
                named!(),
                ", pr.code, l.product_name, l.quantity, l.unit_price, l.discount,
                    l.unit_price * l.quantity - l.discount, l.warranty_months,
                    (SELECT group_concat(u.serial, ', ') FROM unit u WHERE u.line_id = l.id
                        AND u.serial IS NOT NULL AND u.replaces_unit_id IS NULL),
                    p.voided_at IS NOT NULL
                 FROM purchase_line l JOIN purchase p ON p.id = l.purchase_id
                 JOIN product pr ON pr.id = l.product_id
                 LEFT JOIN customer c ON c.id = p.customer_id ORDER BY p.sold_at, p.id, l.position"
            ),
            Table::Complaints => {
                "SELECT k.code, datetime(k.opened_at, '+7 hours'), k.customer_id, c.full_name, k.category,
                    k.severity, k.status, k.owner, k.channel, k.summary, datetime(k.respond_by, '+7 hours'),
                    datetime(k.resolve_by, '+7 hours'), datetime(k.first_response_at, '+7 hours'),
                    datetime(k.resolved_at, '+7 hours'), datetime(k.closed_at, '+7 hours')
                 FROM complaint k JOIN customer c ON c.id = k.customer_id
                 WHERE c.restricted_at IS NULL ORDER BY k.id"
            }
            Table::Scores => {
                "SELECT datetime(f.at, '+7 hours'), f.customer_id, c.full_name, f.metric, f.score, f.comment,
                    f.staff
                 FROM feedback f JOIN customer c ON c.id = f.customer_id
                 WHERE c.restricted_at IS NULL ORDER BY f.at, f.id"
            }
            Table::Returns => concat!(
                "SELECT r.returned_on, p.receipt_no, r.customer_id, ",
                named!(),
                ", l.product_name, u.serial, r.quantity, r.reason, r.outcome, r.refund_amount,
                    r.credit_amount, r.staff
                 FROM return_case r JOIN purchase_line l ON l.id = r.line_id
                 JOIN purchase p ON p.id = l.purchase_id LEFT JOIN unit u ON u.id = r.unit_id
                 LEFT JOIN customer c ON c.id = r.customer_id ORDER BY r.returned_on, r.id"
            ),
            other => loyalty_sql(other),
        }
    }
}

const CUSTOMERS: &[&str] = &[
    "id",
    "full_name",
    "call_name",
    "address_as",
    "phone",
    "email",
    "birthday",
    "address",
    "marketing_consent",
    "archived",
    "created_at",
    // The chain-wide key: how two stores' exports line the same customer up.
    "chain_key",
];

const PURCHASES: &[&str] =
    &["receipt_no", "sold_on", "customer_id", "customer", "staff", "total", "voided"];

const CLAIMS: &[&str] = &[
    "code",
    "customer_id",
    "customer",
    "product",
    "serial",
    "status",
    "received_on",
    "promised_on",
    "closed_on",
    "loan_unit",
    "loan_lent_on",
    "loan_returned_on",
    "fee_charged",
    "internal_cost",
];

const INTERACTIONS: &[&str] =
    &["at", "customer_id", "customer", "channel", "direction", "kind", "summary", "staff"];

const PRODUCTS: &[&str] = &[
    "product_code",
    "product",
    "category",
    "price",
    "warranty_months",
    "exchange_days",
    "serial_required",
    "repurchase_days",
    "archived",
];

const SALE_LINES: &[&str] = &[
    "receipt_no",
    "sold_on",
    "customer_id",
    "customer",
    "product_code",
    "product",
    "quantity",
    "unit_price",
    "discount",
    "line_total",
    "warranty_months",
    "serials",
    "voided",
];

const COMPLAINTS: &[&str] = &[
    "code",
    "opened_at",
    "customer_id",
    "customer",
    "category",
    "severity",
    "status",
    "owner",
    "channel",
    "summary",
    "respond_by",
    "resolve_by",
    "first_response_at",
    "resolved_at",
    "closed_at",
];

const SCORES: &[&str] =
    &["at", "customer_id", "customer", "metric", "score", "comment", "served_by"];

const RETURNS: &[&str] = &[
    "returned_on",
    "receipt_no",
    "customer_id",
    "customer",
    "product",
    "serial",
    "quantity",
    "reason",
    "outcome",
    "refund_amount",
    "credit_amount",
    "staff",
];

// Issue 17, loyreport. The ledgers are business records: every entry stays (the balances must
// add up), a restricted customer unnamed and what staff wrote about her left out.

/// The staff's words about the customer unless her processing is restricted.
macro_rules! noted {
    ($col:literal) => {
        concat!("iif(c.restricted_at IS NULL, ", $col, ", NULL)")
    };
}

fn loyalty_sql(t: Table) -> &'static str {
    match t {
        Table::PointEntries => concat!(
            "SELECT datetime(e.at, '+7 hours'), e.customer_id, ",
            named!(),
            ", e.kind, e.points, p.receipt_no, ",
            noted!("e.reason"),
            ", e.staff, e.expires_on
             FROM point_entry e JOIN customer c ON c.id = e.customer_id
             LEFT JOIN purchase p ON p.id = e.purchase_id ORDER BY e.at, e.id"
        ),
        Table::CreditEntries => concat!(
            "SELECT datetime(e.at, '+7 hours'), e.customer_id, ",
            named!(),
            ", e.kind, e.amount, p.receipt_no, ",
            noted!("e.reason"),
            ", e.staff
             FROM credit_entry e JOIN customer c ON c.id = e.customer_id
             LEFT JOIN purchase p ON p.id = e.purchase_id ORDER BY e.at, e.id"
        ),
        Table::DebtEntries => concat!(
            "SELECT datetime(e.at, '+7 hours'), e.customer_id, ",
            named!(),
            ", e.kind, e.amount, p.receipt_no, e.due_on, e.method, ",
            noted!("e.note"),
            ", e.staff
             FROM debt_entry e JOIN customer c ON c.id = e.customer_id
             LEFT JOIN purchase p ON p.id = e.purchase_id ORDER BY e.at, e.id"
        ),
        _ => concat!(
            "SELECT v.code, v.kind, v.value, v.min_spend, v.expires_on, v.max_uses,
                (SELECT coalesce(sum(CASE u.kind WHEN 'redeem' THEN 1 ELSE -1 END), 0)
                 FROM voucher_use u WHERE u.voucher_id = v.id),
                v.customer_id, ",
            named!(),
            ", v.origin, datetime(v.created_at, '+7 hours'), v.archived_at IS NOT NULL
             FROM voucher v LEFT JOIN customer c ON c.id = v.customer_id ORDER BY v.id"
        ),
    }
}

const POINT_ENTRIES: &[&str] = &[
    "at",
    "customer_id",
    "customer",
    "kind",
    "points",
    "receipt_no",
    "reason",
    "staff",
    "expires_on",
];

const CREDIT_ENTRIES: &[&str] =
    &["at", "customer_id", "customer", "kind", "amount", "receipt_no", "reason", "staff"];

const DEBT_ENTRIES: &[&str] = &[
    "at",
    "customer_id",
    "customer",
    "kind",
    "amount",
    "receipt_no",
    "due_on",
    "method",
    "note",
    "staff",
];

const VOUCHERS: &[&str] = &[
    "code",
    "kind",
    "value",
    "min_spend",
    "expires_on",
    "max_uses",
    "uses",
    "customer_id",
    "customer",
    "origin",
    "created_at",
    "archived",
];
