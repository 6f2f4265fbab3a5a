//! Touchpoints, complaints, scores, promises, the report and segments, and their exports.

use super::{files, Desk};
use crate::error::Result;
use crate::feedback::complaint::{
    self, ComplaintDraft, ComplaintEdit, ComplaintFilter, ComplaintTransition, ComplaintView,
    GoodwillDraft, ResponseDraft,
};
use crate::feedback::interaction::{self, InteractionDraft, InteractionView};
use crate::feedback::promise::{self, PromiseClose, PromiseDraft, PromiseView};
use crate::feedback::score::{self, FeedbackDraft, FeedbackResult};
use crate::feedback::service::{self, ServiceSettings};
use crate::io::sheet::Cell;
use crate::report::kpi::{self, Dashboard, PeriodInput};
use crate::report::segment::{self, CampaignDraft, CampaignResult, SegmentKind, SegmentView};
use crate::staff::Permission;

impl Desk<'_> {
    pub fn log_interaction(&mut self, draft: &InteractionDraft) -> Result<InteractionView> {
        interaction::log(self.db, draft, &self.who.name, self.now)
    }

    pub fn open_complaint(&mut self, draft: &ComplaintDraft) -> Result<ComplaintView> {
        complaint::open(self.db, draft, &self.who.name, self.now)
    }

    pub fn complaints(&mut self, filter: &ComplaintFilter) -> Result<Vec<ComplaintView>> {
        complaint::list(self.db.conn(), filter, self.now)
    }

    pub fn get_complaint(&mut self, id: i64) -> Result<ComplaintView> {
        complaint::get(self.db.conn(), id, self.now)
    }

    pub fn respond_complaint(&mut self, id: i64, draft: &ResponseDraft) -> Result<ComplaintView> {
        complaint::respond(self.db, id, draft, &self.who.name, self.now)
    }

    pub fn transition_complaint(
        &mut self,
        id: i64,
        draft: &ComplaintTransition,
    ) -> Result<ComplaintView> {
        complaint::transition(self.db, id, draft, &self.who.name, self.now)
    }

    pub fn edit_complaint(&mut self, id: i64, draft: &ComplaintEdit) -> Result<ComplaintView> {
        complaint::edit(self.db, id, draft, &self.who.name, self.now)
    }

    pub fn add_goodwill(&mut self, id: i64, draft: &GoodwillDraft) -> Result<ComplaintView> {
        self.need(Permission::ApproveGoodwill)?;
        complaint::add_goodwill(self.db, id, draft, &self.who.name, self.now)
    }

    pub fn record_feedback(&mut self, draft: &FeedbackDraft) -> Result<FeedbackResult> {
        score::record(self.db, draft, &self.who.name, self.now)
    }

    pub fn create_promise(&mut self, draft: &PromiseDraft) -> Result<PromiseView> {
        promise::create(self.db, draft, &self.who.name, self.now)
    }

    pub fn close_promise(&mut self, id: i64, draft: &PromiseClose) -> Result<PromiseView> {
        promise::close(self.db, id, draft, &self.who.name, self.now)
    }

    pub fn service_settings(&mut self) -> Result<ServiceSettings> {
        service::get(self.db.conn())
    }

    pub fn save_service_settings(&mut self, s: &ServiceSettings) -> Result<ServiceSettings> {
        self.need(Permission::EditSettings)?;
        service::save(self.db, s, &self.who.name, self.now)
    }

    /// The report for `period` at `store` (`None` or empty: all stores).
    pub fn dashboard(&mut self, period: &PeriodInput, store: Option<&str>) -> Result<Dashboard> {
        let p = kpi::parse_period(period)?;
        self.counter.dashboards.get_at(self.db.conn(), &p, one_store(store), self.now)
    }

    /// The segment at `store` (`None` or empty: all stores).
    pub fn segment(&mut self, kind: SegmentKind, store: Option<&str>) -> Result<SegmentView> {
        segment::view_at(self.db.conn(), kind, one_store(store), self.now)
    }

    /// The segment's members as CSV in the exports folder; returns its path.
    pub fn export_segment(
        &mut self,
        kind: SegmentKind,
        headers: &[String],
        store: Option<&str>,
    ) -> Result<String> {
        self.need(Permission::Export)?;
        let (path, file) = files::create_csv(&self.counter.export_dir(), kind.code(), self.now)?;
        segment::write_csv_at(self.db.conn(), kind, one_store(store), self.now, headers, file)?;
        files::audited(self.db, &self.who.name, "segment", 0, &path, self.now)
    }

    /// The report's table as CSV in the exports folder, text escaped against formulas.
    pub fn save_export(&mut self, name: &str, rows: &[Vec<Cell>]) -> Result<String> {
        self.need(Permission::Export)?;
        let path = files::fresh_path(&self.counter.export_dir(), name, "csv", self.now)?;
        crate::io::sheet::write_csv(rows, std::fs::File::create_new(&path)?)?;
        files::audited(self.db, &self.who.name, "report", 0, &path, self.now)
    }

    /// The report's table as an XLSX workbook in the exports folder.
    pub fn save_export_xlsx(&mut self, name: &str, rows: &[Vec<Cell>]) -> Result<String> {
        self.need(Permission::Export)?;
        let path = files::fresh_path(&self.counter.export_dir(), name, "xlsx", self.now)?;
        crate::io::sheet::write_xlsx(name, rows, &path)?;
        files::audited(self.db, &self.who.name, "report", 0, &path, self.now)
    }

    pub fn create_campaign(&mut self, draft: &CampaignDraft) -> Result<CampaignResult> {
        segment::create_campaign(self.db, draft, &self.who.name, self.now)
    }
}

/// A store picked, or `None` for all stores (nothing picked, or an empty pick).
fn one_store(store: Option<&str>) -> Option<&str> {
    store.map(str::trim).filter(|s| !s.is_empty())
}
