//! `khachquen import`: customers from a CSV or XLSX file, or the last import undone.

use std::path::PathBuf;

use khachquen::{Db, Error};

use crate::CLI_STAFF;

pub(crate) fn import(
    db: &mut Db,
    file: Option<PathBuf>,
    dry_run: bool,
    valid_only: bool,
    preset: Option<String>,
    undo: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), Error> {
    use khachquen::io::import::{self, CommitMode, Source};
    if undo {
        let b = import::undo_last(db, CLI_STAFF, now)?;
        eprintln!("undone: {} ({} created, {} updated)", b.file_name, b.created, b.updated);
        return Ok(());
    }
    let Some(file) = file else {
        return Err(Error::Io(std::io::Error::other("give the file to import (or --undo)")));
    };
    let start = std::time::Instant::now();
    let src = Source::read(&std::fs::read(&file)?)?;
    let mut insp = import::inspect(db.conn(), &src)?;
    if let Some(name) = preset {
        let p = import::preset(db.conn(), &name)?
            .ok_or_else(|| Error::Io(std::io::Error::other(format!("no preset named `{name}`"))))?;
        insp.mapping = p.apply(&insp.headers);
    }
    for (h, f) in insp.headers.iter().zip(&insp.mapping.columns) {
        eprintln!("  {h} → {}", f.map_or("(ignored)".to_owned(), |f| format!("{f:?}")));
    }
    let name = file.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut progress = |n: u64| {
        if n % 100_000 == 0 && n > 0 {
            eprintln!("  {n} rows…");
        }
    };
    let plan = if dry_run {
        import::dry_run(db.conn(), &src, &insp.mapping, now, &mut progress)?
    } else {
        let mode = if valid_only { CommitMode::ValidOnly } else { CommitMode::AllOrNothing };
        let r = import::commit(db, &src, &insp.mapping, mode, &name, CLI_STAFF, now, &mut progress);
        match r {
            Ok(r) => r.plan,
            Err(e @ Error::Import { code: "import_has_errors", .. }) => {
                // Say which rows, then refuse: nothing was written.
                let plan = import::dry_run(db.conn(), &src, &insp.mapping, now, &mut |_| {})?;
                print_refused(&plan);
                return Err(e);
            }
            Err(e) => return Err(e),
        }
    };
    print_refused(&plan);
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{}{} rows: {} to create, {} to update, {} skipped, {} refused ({:.1} s, {:.0} rows/s)",
        if dry_run { "dry run — " } else { "" },
        plan.rows,
        plan.create,
        plan.update,
        plan.skip,
        plan.errors,
        secs,
        plan.rows as f64 / secs.max(1e-9)
    );
    Ok(())
}

fn print_refused(plan: &khachquen::io::import::ImportPlan) {
    use khachquen::io::import::RowAction;
    for o in plan.outcomes.iter().filter(|o| o.action == RowAction::Error) {
        let why: Vec<String> =
            o.reasons.iter().map(|r| format!("{} {}", r.field, r.code)).collect();
        eprintln!("  row {}: {} — {}", o.row, o.name, why.join(", "));
    }
}
