//! `khachquen site join …`, `khachquen sync` and `khachquen customer edit ID …`: a store of a
//! chain, from the command line.

use std::path::Path;

use clap::Subcommand;
use khachquen::clock::local_date;
use khachquen::customer::{self, bulk::draft_of, PhoneDraft};
use khachquen::{Db, Error};

use crate::CLI_STAFF;

#[derive(Subcommand)]
pub(crate) enum SiteCmd {
    /// Make this database store CODE of the chain whose hub is at URL (the hub owner's
    /// connection URL, used once and not kept), then send what it holds.
    Join {
        #[arg(long, value_name = "URL")]
        hub: String,
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
    },
}

/// The database's folder keeps the key the hub password is sealed with.
fn folder(path: &Path) -> &Path {
    path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

pub(crate) fn site(
    db: &mut Db,
    path: &Path,
    action: SiteCmd,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), Error> {
    let SiteCmd::Join { hub, code, name } = action;
    let done = khachquen::chain::join(db, folder(path), (&hub, &code, &name), CLI_STAFF, now)?;
    eprintln!("joined as {code}: {} change(s) sent, {} received", done.pushed, done.pulled);
    Ok(())
}

pub(crate) fn sync(db: &mut Db, path: &Path) -> Result<(), Error> {
    let done = khachquen::chain::sync(db, folder(path))?;
    eprintln!("{} change(s) sent, {} received", done.pushed, done.pulled);
    Ok(())
}

/// What `customer edit` changes; the rest of the card stays as it is.
pub(crate) struct Edit {
    pub id: i64,
    pub name: Option<String>,
    pub phones: Vec<String>,
    pub note: Option<String>,
}

/// The same audited edit as the app's form: the stored card, with the fields given replaced
/// (phones given replace the whole list, the first primary).
pub(crate) fn edit(
    db: &mut Db,
    edit: Edit,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), Error> {
    let card = customer::get(db.conn(), edit.id, local_date(now))?;
    let mut draft = draft_of(&card);
    if let Some(name) = edit.name {
        draft.full_name = name;
    }
    if !edit.phones.is_empty() {
        draft.phones = edit
            .phones
            .into_iter()
            .enumerate()
            .map(|(i, raw)| PhoneDraft { raw, is_primary: i == 0 })
            .collect();
    }
    if let Some(note) = edit.note {
        draft.notes = note;
    }
    let card = customer::update(db, edit.id, &draft, CLI_STAFF, now)?;
    let phones: Vec<&str> = card.phones.iter().map(|p| p.canonical.as_str()).collect();
    println!("{}\t{}\t{}", card.id, card.full_name, phones.join(","));
    Ok(())
}
