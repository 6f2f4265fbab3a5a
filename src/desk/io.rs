//! Imports (a file staged for the account that chose it, mapped, dry-run, committed, undone)
//! and exports of whole tables.

use super::{files, Desk, Staged};
use crate::error::{Error, Result};
use crate::io::export::{self, Table};
use crate::io::import::{
    self, CommitMode, ImportBatch, ImportPlan, ImportReport, Inspection, Mapping, Preset, Source,
};
use crate::staff::Permission;

fn not_staged() -> Error {
    Error::Import { code: "nothing_staged", detail: String::new() }
}

impl Desk<'_> {
    /// Reads the chosen file and keeps it, for this account only, while its columns are mapped.
    pub fn stage_import(&mut self, name: &str, bytes: &[u8]) -> Result<Inspection> {
        self.need(Permission::Import)?;
        let source = Source::read(bytes)?;
        let inspection = import::inspect(self.db.conn(), &source)?;
        let name: String = name.chars().take(200).collect();
        *self.counter.staged() = Some(Staged { staff_id: self.who.id, name, source });
        Ok(inspection)
    }

    /// The staged file's size in rows, for progress (0 when none is staged for this account).
    pub fn staged_rows(&self) -> u64 {
        let staged = self.counter.staged();
        staged.as_ref().filter(|s| s.staff_id == self.who.id).map_or(0, |s| s.source.len_hint())
    }

    pub fn import_dry_run(
        &mut self,
        mapping: &Mapping,
        progress: &mut dyn FnMut(u64),
    ) -> Result<ImportPlan> {
        self.need(Permission::Import)?;
        let staged = self.counter.staged();
        let s = staged.as_ref().filter(|s| s.staff_id == self.who.id).ok_or_else(not_staged)?;
        import::dry_run(self.db.conn(), &s.source, mapping, self.now, progress)
    }

    pub fn import_commit(
        &mut self,
        mapping: &Mapping,
        mode: CommitMode,
        progress: &mut dyn FnMut(u64),
    ) -> Result<ImportReport> {
        self.need(Permission::Import)?;
        let staged = self.counter.staged();
        let s = staged.as_ref().filter(|s| s.staff_id == self.who.id).ok_or_else(not_staged)?;
        let (name, who) = (&s.name, &self.who.name);
        let report =
            import::commit(self.db, &s.source, mapping, mode, name, who, self.now, progress)?;
        self.counter.forget_figures();
        Ok(report)
    }

    pub fn last_import(&mut self) -> Result<Option<ImportBatch>> {
        self.need(Permission::Import)?;
        import::last_batch(self.db.conn())
    }

    pub fn undo_import(&mut self) -> Result<ImportBatch> {
        self.need(Permission::Import)?;
        let batch = import::undo_last(self.db, &self.who.name, self.now)?;
        self.counter.forget_figures();
        Ok(batch)
    }

    pub fn import_presets(&mut self) -> Result<Vec<Preset>> {
        self.need(Permission::Import)?;
        import::presets(self.db.conn())
    }

    pub fn save_import_preset(
        &mut self,
        name: &str,
        headers: &[String],
        mapping: &Mapping,
    ) -> Result<()> {
        self.need(Permission::Import)?;
        let p = Preset::from_mapping(name, headers, mapping);
        import::save_preset(self.db, &p, &self.who.name, self.now)
    }

    pub fn delete_import_preset(&mut self, name: &str) -> Result<()> {
        self.need(Permission::Import)?;
        import::delete_preset(self.db, name, &self.who.name, self.now)
    }

    /// A table written to the exports folder as CSV (UTF-8 with BOM) or XLSX; returns the path.
    pub fn export_table(&mut self, table: Table, xlsx: bool, headers: &[String]) -> Result<String> {
        self.need(Permission::Export)?;
        let ext = if xlsx { "xlsx" } else { "csv" };
        let path = files::fresh_path(&self.counter.export_dir(), table.code(), ext, self.now)?;
        if xlsx {
            export::write_xlsx(self.db.conn(), table, headers, &path)?;
        } else {
            // write_csv puts the byte-order mark first itself.
            let file = std::io::BufWriter::new(std::fs::File::create_new(&path)?);
            export::write_csv(self.db.conn(), table, headers, file)?;
        }
        files::audited(self.db, &self.who.name, table.code(), 0, &path, self.now)
    }
}

impl Desk<'_> {
    pub fn backup_info(&mut self) -> Result<crate::io::backup::BackupInfo> {
        crate::io::backup::info(self.db.conn(), self.counter.data_dir())
    }

    /// Where every copy of every customer goes: the owner's choice alone (the core refuses
    /// anyone else).
    pub fn set_backup_folder(&mut self, dir: &str) -> Result<crate::io::backup::BackupInfo> {
        crate::io::backup::set_folder(self.db, dir, &self.who, self.now)?;
        self.backup_info()
    }

    /// The passphrase backups outside the data folder are encrypted with (the owner's).
    pub fn set_backup_passphrase(&mut self, phrase: &str) -> Result<crate::io::backup::BackupInfo> {
        crate::io::backup::set_passphrase(self.db, phrase, &self.who, self.now)?;
        self.backup_info()
    }

    /// How many days exports are kept (the owner's).
    pub fn set_exports_retention(&mut self, days: i64) -> Result<crate::io::backup::BackupInfo> {
        crate::io::retention::set_days(self.db, days, &self.who, self.now)?;
        self.backup_info()
    }
}
