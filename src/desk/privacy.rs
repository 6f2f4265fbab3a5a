//! Personal data (Law 91/2025): consents, data-subject requests, a copy of what is held,
//! restriction and erasure. Whatever answers a request or lowers a customer's protection needs
//! `handle_personal_data`; logging what a customer asked for or agreed to is counter work.

use serde::Serialize;

use super::{files, Desk, SubjectCopy};
use crate::error::Result;
use crate::privacy::{self, ConsentDraft, ConsentState, RequestDraft, RequestUpdate, RequestView};
use crate::staff::Permission;

/// A copy of what is held, saved as JSON in the exports folder, and the same for the page.
#[derive(Debug, Clone, Serialize)]
pub struct CopyFile {
    pub path: String,
    pub copy: SubjectCopy,
}

impl Desk<'_> {
    pub fn customer_consents(&mut self, id: i64) -> Result<Vec<ConsentState>> {
        privacy::consents(self.db.conn(), id)
    }

    /// A consent given is recorded by whoever hears it (with its method and evidence); a
    /// withdrawal recorded on the customer's behalf is a personal-data request.
    pub fn record_consent(&mut self, id: i64, draft: &ConsentDraft) -> Result<Vec<ConsentState>> {
        if !draft.granted {
            self.need(Permission::HandlePersonalData)?;
        }
        privacy::record_consent(self.db, id, draft, &self.who.name, self.now)
    }

    /// The consent wording in force: `[version, text]`.
    pub fn consent_text(&mut self) -> Result<(String, String)> {
        privacy::consent_text(self.db.conn())
    }

    /// One customer's requests (shown on the card), or every open one: the latter is the
    /// privacy officer's list.
    pub fn data_requests(&mut self, id: Option<i64>) -> Result<Vec<RequestView>> {
        if id.is_none() {
            self.need(Permission::HandlePersonalData)?;
        }
        privacy::list_requests(self.db.conn(), id, self.today())
    }

    /// Logging a request as it is received starts its legal deadline: anyone at the counter.
    pub fn create_data_request(&mut self, id: i64, draft: &RequestDraft) -> Result<RequestView> {
        privacy::create_request(self.db, id, draft, &self.who.name, self.now)
    }

    pub fn update_data_request(&mut self, id: i64, update: &RequestUpdate) -> Result<RequestView> {
        self.need(Permission::HandlePersonalData)?;
        privacy::update_request(self.db, id, update, &self.who.name, self.now)
    }

    /// Everything held about the customer, saved as JSON in the exports folder. Audited: a
    /// copy of personal data left the database.
    pub fn subject_copy(&mut self, id: i64) -> Result<CopyFile> {
        self.need(Permission::HandlePersonalData)?;
        self.need(Permission::Export)?;
        let copy = super::subject_copy(self.db.conn(), id, self.now)?;
        let path = files::fresh_path(
            &self.counter.export_dir(),
            &format!("khach-{id}"),
            "json",
            self.now,
        )?;
        let json = serde_json::to_vec_pretty(&copy).map_err(|e| crate::Error::Io(e.into()))?;
        std::fs::write(&path, json)?;
        let (who, now, file) = (&self.who.name, self.now, path.display().to_string());
        self.db.write(|tx| {
            let detail = serde_json::json!({ "file": file });
            crate::audit::record(tx, now, who, "subject_copy", "customer", id, detail)
        })?;
        Ok(CopyFile { path: file, copy })
    }

    pub fn set_restricted(&mut self, id: i64, on: bool) -> Result<()> {
        self.need(Permission::HandlePersonalData)?;
        privacy::set_restricted(self.db, id, on, &self.who.name, self.now)
    }

    pub fn erase_customer(&mut self, id: i64) -> Result<()> {
        self.need(Permission::HandlePersonalData)?;
        self.need(Permission::Erase)?;
        privacy::erase(self.db, id, &self.who.name, self.now)?;
        self.counter.forget_figures();
        Ok(())
    }
}
