//! One error type for the core. Each variant has a stable `code` that the UI translates; the
//! English `Display` text is for logs and the CLI.

use serde::Serialize;
use ts_rs::TS;

use crate::customer::DuplicateMatch;
use crate::sales::SerialConflict;

/// A field that failed validation, with a stable reason code (`name_empty`, `email_invalid`…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldError {
    pub field: String,
    pub code: String,
}

impl FieldError {
    pub fn new(field: &str, code: &str) -> Self {
        FieldError { field: field.to_owned(), code: code.to_owned() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid input: {}", .0.iter().map(|f| format!("{} ({})", f.field, f.code)).collect::<Vec<_>>().join(", "))]
    Validation(Vec<FieldError>),
    #[error("a customer with this phone or name and birthday already exists")]
    DuplicateSuspected(Vec<DuplicateMatch>),
    #[error("{what} {id} was not found")]
    NotFound { what: &'static str, id: i64 },
    #[error("customer {0} is archived or merged and cannot be changed")]
    CustomerArchived(i64),
    #[error("cannot merge a customer into itself")]
    MergeSelf,
    #[error("this database was written by a newer version of Khách Quen (schema {found}, this app knows {supported}); update the app instead")]
    SchemaTooNew { found: i64, supported: i64 },
    #[error("the file is not a Khách Quen database: {0}")]
    NotADatabase(String),
    #[error("serial already sold and not returned")]
    SerialSold(Vec<SerialConflict>),
    #[error("a claim cannot go from {from} to {to}")]
    ForbiddenTransition { from: &'static str, to: &'static str },
    #[error("purchase {0} has claims or returns: its lines cannot change")]
    PurchaseLocked(i64),
    #[error("purchase {0} is void")]
    PurchaseVoided(i64),
    #[error("unit {0} is no longer with the customer")]
    UnitNotHeld(i64),
    #[error("claim {0} is already open for this unit")]
    ClaimAlreadyOpen(i64),
    #[error("reminder {0} is already closed")]
    ReminderClosed(i64),
    #[error("the file is not a sound Khách Quen backup: {0}")]
    NotABackup(String),
    #[error("wrong PIN; {0} tries left before the account locks")]
    WrongPin(i64),
    #[error("too many wrong PINs: the account is locked until {0}")]
    PinLocked(String),
    #[error("too many wrong PINs: the account is locked until the owner unlocks it")]
    AccountLocked,
    #[error("the PIN is too short for this role: set a new one before anything else")]
    PinChangeRequired,
    #[error("no one is signed in (or the counter locked after idle time)")]
    SignedOut,
    #[error("this account may not {0}")]
    Forbidden(&'static str),
    #[error("{}", import_message(code, detail))]
    Import { code: &'static str, detail: String },
    /// A backup or restore refused for a reason of its own: `schema_mismatch`,
    /// `backup_roles_forged`, `backup_demotes_you`, `wrong_passphrase`, `passphrase_required`,
    /// `passphrase_not_set`.
    #[error("{}", backup_message(code, detail))]
    Backup { code: &'static str, detail: String },
    /// The chain's PostgreSQL hub refused or could not be reached: `hub_unreachable`,
    /// `hub_auth_failed`, `hub_too_new`, `hub_not_initialised`, `site_code_taken`,
    /// `site_code_invalid`, `hub_seq_gap`, `hub_wrong_site`, `hub_refused`,
    /// `hub_credentials_unreadable`, `hub_clock_ahead`, `hub_change_invalid`,
    /// `site_role_taken`, `hub_tls_untrusted`, `hub_tls_root_unreadable`, `hub_failed`.
    #[error("{}", hub_message(code, detail))]
    Hub { code: &'static str, detail: String },
    /// Opening a database written by an older version, whose upgrade did not happen:
    /// `upgrade_backup_failed` (the copy before it could not be written; `path` is its folder),
    /// `upgrade_failed` (the data is as it was; `path` is the copy), `upgrade_restore_failed`
    /// (the copy at `path` could not be put back).
    #[error("{}", upgrade_message(code, path, reason))]
    Upgrade { code: &'static str, path: String, reason: String },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    pub fn code(&self) -> &'static str {
        match self {
            Error::Validation(_) => "validation",
            Error::DuplicateSuspected(_) => "duplicate_suspected",
            Error::NotFound { .. } => "not_found",
            Error::CustomerArchived(_) => "customer_archived",
            Error::MergeSelf => "merge_self",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::NotADatabase(_) => "not_a_database",
            Error::SerialSold(_) => "serial_sold",
            Error::ForbiddenTransition { .. } => "forbidden_transition",
            Error::PurchaseLocked(_) => "purchase_locked",
            Error::PurchaseVoided(_) => "purchase_voided",
            Error::UnitNotHeld(_) => "unit_not_held",
            Error::ClaimAlreadyOpen(_) => "claim_already_open",
            Error::ReminderClosed(_) => "reminder_closed",
            Error::NotABackup(_) => "not_a_backup",
            Error::WrongPin(_) => "wrong_pin",
            Error::PinLocked(_) => "pin_locked",
            Error::AccountLocked => "account_locked",
            Error::PinChangeRequired => "pin_change_required",
            Error::SignedOut => "signed_out",
            Error::Forbidden(_) => "forbidden",
            Error::Import { code, .. } => code,
            Error::Backup { code, .. } => code,
            Error::Hub { code, .. } => code,
            Error::Upgrade { code, .. } => code,
            Error::Sqlite(_) => "storage",
            Error::Io(_) => "io",
        }
    }

    pub fn invalid(field: &str, code: &str) -> Self {
        Error::Validation(vec![FieldError::new(field, code)])
    }
}

fn import_message(code: &str, detail: &str) -> String {
    match code {
        "file_too_large" => format!("the file is larger than {detail} MB"),
        "xlsx_too_large" => format!("the workbook expands to more than {detail} MB or its sheet spans more than 2,000,000 cells"),
        "empty_file" => "the file is empty".into(),
        "not_a_table" => "the file is not a CSV or XLSX table".into(),
        "xls_not_supported" => "old .xls files are not read: save it as .xlsx or CSV".into(),
        "legacy_encoding" => "the file is in a legacy Vietnamese encoding (TCVN3/VNI): save it as CSV UTF-8 or XLSX".into(),
        "csv_malformed" => format!("the CSV file is malformed: {detail}"),
        "no_columns_matched" => "no column of the header matches a customer field".into(),
        "mapping_needs_name" => "map a column to the name, the code or the phone".into(),
        "field_mapped_twice" => format!("{detail} is mapped to two columns"),
        "import_has_errors" => format!("{detail} rows are refused; nothing was imported (import the valid rows only, or fix them)"),
        "nothing_to_undo" => "there is no import to undo".into(),
        "undo_conflict" => format!("{detail} imported customers were changed since; the import cannot be undone"),
        other => format!("import refused: {other} {detail}"),
    }
}

fn backup_message(code: &str, detail: &str) -> String {
    match code {
        "schema_mismatch" => format!("the file's tables differ from what Khách Quen makes ({detail}); it was altered and is refused"),
        "backup_roles_forged" => format!("the file grants roles what no owner can grant ({detail}); it is refused"),
        "backup_demotes_you" => "the file would take the owner's rights from the account restoring it; it is refused".into(),
        "wrong_passphrase" => "wrong backup passphrase".into(),
        "passphrase_required" => "this backup is encrypted: give its passphrase".into(),
        "passphrase_not_set" => "set a backup passphrase before backing up outside the data folder".into(),
        other => format!("backup refused: {other} {detail}"),
    }
}

fn hub_message(code: &str, detail: &str) -> String {
    match code {
        "hub_unreachable" => format!("the hub cannot be reached: {detail}"),
        "hub_auth_failed" => "the hub refused this site's name or password".into(),
        "hub_too_new" => format!("the hub was set up by a newer version of Khách Quen (hub schema {detail}); update the app"),
        "hub_not_initialised" => "the hub has no Khách Quen tables: run `khachquen hub init` first".into(),
        "site_code_taken" => format!("the store code {detail} is already taken in this chain"),
        "site_code_invalid" => format!("a store code is 1 to 16 letters, digits, - or _ (not {detail})"),
        "hub_seq_gap" => format!("changes are missing before this batch ({detail}); nothing was taken"),
        "hub_wrong_site" => format!("this site may only send its own changes ({detail})"),
        "hub_refused" => format!("the hub refused this site: {detail}"),
        "chain_not_joined" => "this database has not joined a chain: run `khachquen site join` first".into(),
        "site_already_joined" => format!("this database is already store {detail} of a chain"),
        "hub_credentials_unreadable" => "the saved hub password cannot be read on this computer; join the hub again".into(),
        "hub_clock_ahead" => format!("this computer's clock is more than an hour ahead of the hub's ({detail}); set it right, then sync again"),
        "hub_change_invalid" => format!("the hub refused a malformed change ({detail}); nothing was taken"),
        "hub_tls_untrusted" => "the hub's certificate is not one this site trusts (sslmode verify-ca or verify-full): give its certificate as sslrootcert=PATH".into(),
        "hub_tls_root_unreadable" => format!("the certificate file {detail} (sslrootcert) cannot be read"),
        "site_role_taken" => format!("the hub's server already has a role named {detail}; its administrator must drop it first"),
        other => format!("hub error: {other} {detail}"),
    }
}

fn upgrade_message(code: &str, path: &str, reason: &str) -> String {
    match code {
        "upgrade_backup_failed" => format!("the copy to keep before upgrading the data could not be written in {path} ({reason}); nothing was changed"),
        "upgrade_failed" => format!("upgrading the data failed ({reason}); the data is as it was, and the copy taken before is {path}"),
        other => format!("upgrading the data failed and the copy taken before, {path}, could not be put back ({reason}); restore it by hand ({other})"),
    }
}

impl Error {
    pub fn hub(code: &'static str, detail: impl Into<String>) -> Self {
        Error::Hub { code, detail: detail.into() }
    }

    pub fn upgrade(
        code: &'static str,
        path: &std::path::Path,
        reason: impl std::fmt::Display,
    ) -> Self {
        Error::Upgrade { code, path: path.display().to_string(), reason: reason.to_string() }
    }

    pub fn backup(code: &'static str, detail: impl Into<String>) -> Self {
        Error::Backup { code, detail: detail.into() }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What crosses to the UI: a stable `code` it translates, the English message for logs, and the
/// details some codes carry (which fields failed, which customers a draft may duplicate).
#[derive(Debug, Clone, Serialize, TS)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
    pub fields: Vec<FieldError>,
    pub duplicates: Vec<DuplicateMatch>,
    /// Other sales still holding a serial (`serial_sold`).
    pub serial_conflicts: Vec<SerialConflict>,
    /// What the message needs besides its code: tries left (`wrong_pin`), the instant a lock
    /// ends (`pin_locked`), the permission missing (`forbidden`), what differs in an altered
    /// backup (`schema_mismatch`, `backup_roles_forged`), where the copy kept before a failed
    /// upgrade is (`upgrade_…`).
    pub detail: Option<String>,
}

impl From<&Error> for ErrorPayload {
    fn from(e: &Error) -> Self {
        ErrorPayload {
            code: e.code().to_owned(),
            message: e.to_string(),
            fields: match e {
                Error::Validation(f) => f.clone(),
                _ => vec![],
            },
            duplicates: match e {
                Error::DuplicateSuspected(d) => d.clone(),
                _ => vec![],
            },
            serial_conflicts: match e {
                Error::SerialSold(c) => c.clone(),
                _ => vec![],
            },
            detail: match e {
                Error::WrongPin(n) => Some(n.to_string()),
                Error::PinLocked(until) => Some(until.clone()),
                Error::Forbidden(p) => Some((*p).to_owned()),
                Error::Import { detail, .. } if !detail.is_empty() => Some(detail.clone()),
                Error::Backup { detail, .. } if !detail.is_empty() => Some(detail.clone()),
                Error::Hub { detail, .. } if !detail.is_empty() => Some(detail.clone()),
                Error::Upgrade { path, .. } => Some(path.clone()),
                _ => None,
            },
        }
    }
}

impl From<Error> for ErrorPayload {
    fn from(e: Error) -> Self {
        ErrorPayload::from(&e)
    }
}
