//! `khachquen`: the headless CLI over the same core as the desktop app.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use khachquen::clock::{local_date, Clock, SystemClock};
use khachquen::customer::{self, CustomerDraft, PhoneDraft, SearchOptions};
use khachquen::{Db, Error};

mod chain;
mod duplicates;
mod hub;
mod import;

use import::import;

/// Staff name recorded in the audit log for CLI changes.
const CLI_STAFF: &str = "cli";

#[derive(Parser)]
#[command(name = "khachquen", version, about = "Khách Quen: customer care at the retail counter")]
struct Cli {
    /// Database file (default: the app's data directory, or $KHACHQUEN_DATA_DIR/khachquen.db).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create or show customers.
    Customer {
        #[command(subcommand)]
        action: CustomerCmd,
    },
    /// Find customers by phone digits, accentless name, or both; best match first.
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Print JSON instead of `id<TAB>full name<TAB>primary phone`.
        #[arg(long)]
        json: bool,
        /// Include archived customers.
        #[arg(long)]
        archived: bool,
    },
    /// Back the database up (SQLite online backup, verified, then the folder rotated).
    Backup {
        /// Folder for the backups (default: `backups` next to the database).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Replace the database with a backup, after verifying it; the current database is kept as
    /// `before-restore-….db` in the backups folder. An encrypted backup (`….db.age`) takes its
    /// passphrase from $KHACHQUEN_BACKUP_PASSPHRASE.
    Restore {
        file: PathBuf,
        /// Folder for the safety copy (default: `backups` next to the database).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Check integrity and foreign keys; exit non-zero when anything is wrong.
    Check,
    /// Export a table to CSV (UTF-8 with BOM), or XLSX when `--out` ends in `.xlsx`:
    /// customers, purchases, claims or interactions.
    Export {
        table: String,
        /// File to write (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Bring customers in from a CSV or XLSX file (KiotViet and Sapo exports map themselves).
    /// Prints what each refused row is refused for; writes nothing with `--dry-run`.
    Import {
        /// The file; omit with `--undo`.
        file: Option<PathBuf>,
        /// Show what would happen, change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Import the valid rows even if some are refused (default: all or nothing).
        #[arg(long)]
        valid_only: bool,
        /// A saved column mapping to use instead of the header's suggestion.
        #[arg(long, value_name = "NAME")]
        preset: Option<String>,
        /// Undo the last import instead.
        #[arg(long)]
        undo: bool,
    },
    /// Generate realistic Vietnamese demo customers and the shop's history with them, as the
    /// app's "load demo data" does (deterministic for a seed and clock).
    Demo {
        #[arg(long)]
        customers: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Customers only, without consents, sales, claims or care: the fast generator the
        /// million-customer benchmarks use.
        #[arg(long)]
        customers_only: bool,
    },
    /// The chain's PostgreSQL hub (several stores, one customer base).
    Hub {
        #[command(subcommand)]
        action: hub::HubCmd,
    },
    /// This database as a store of a chain.
    Site {
        #[command(subcommand)]
        action: chain::SiteCmd,
    },
    /// Send this store's changes to the hub, then take the others', until nothing is left.
    /// Safe to stop at any moment; run again to carry on.
    Sync,
}

#[derive(Subcommand)]
enum CustomerCmd {
    Add {
        #[arg(long)]
        name: String,
        /// Repeat for several phones; the first is primary.
        #[arg(long)]
        phone: Vec<String>,
        /// `YYYY-MM-DD`, `dd/MM/yyyy` or `dd/MM`.
        #[arg(long)]
        birthday: Option<String>,
        /// anh, chị, em, cô, chú, bác, ông, bà (accents optional).
        #[arg(long = "address-as")]
        address_as: Option<String>,
        #[arg(long = "call-name")]
        call_name: Option<String>,
        /// Create even if a customer with the same phone exists.
        #[arg(long)]
        allow_duplicate: bool,
    },
    Show {
        id: i64,
    },
    /// Change a customer's name, phones (given ones replace the list; the first is primary)
    /// or note, as the app's form does.
    Edit {
        id: i64,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        phone: Vec<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// List pairs of customers that may be one person, strongest first.
    Duplicates {
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Merge customer OTHER into KEEP: phones, tags, preferences, notes and all history move to
    /// KEEP, whose values win (its empty fields are filled from OTHER's); OTHER is archived.
    Merge {
        keep: i64,
        other: i64,
    },
}

/// Whoever runs the command line holds the database file itself: the owner's rights, named
/// `cli` in the audit log.
fn cli_actor() -> khachquen::staff::Actor {
    use khachquen::staff::{Actor, Permission, Role};
    Actor {
        id: 0,
        name: CLI_STAFF.into(),
        role: Role::Owner,
        permissions: Permission::ALL.to_vec(),
        must_change_pin: false,
        key: None,
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("khachquen: {e}");
            if let Error::DuplicateSuspected(found) = &e {
                for d in found {
                    eprintln!(
                        "  existing: {}\t{}\t{}",
                        d.id,
                        d.full_name,
                        d.primary_phone.as_deref().unwrap_or("")
                    );
                }
                eprintln!("  (use --allow-duplicate to create anyway)");
            }
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    // The hub is a PostgreSQL server: no database file of this computer is opened.
    if let Command::Hub { action } = cli.command {
        return hub::hub(action);
    }
    let path = cli
        .db
        .or_else(khachquen::paths::default_db)
        .ok_or_else(|| Error::Io(std::io::Error::other("no --db given and no home directory")))?;
    let now = SystemClock.now();
    // A restore must not open (and migrate) the database it is about to replace.
    if let Command::Restore { file, dir } = cli.command {
        return restore(&path, &file, dir, now);
    }
    let mut db = khachquen::desk::open(&path, now)?;
    match cli.command {
        Command::Customer { action } => customer_cmd(&mut db, action, now),
        Command::Search { query, limit, json, archived } => {
            search(&db, &query, limit, json, archived)
        }
        Command::Backup { dir } => backup(&mut db, &backups(&path, dir), now),
        Command::Restore { .. } | Command::Hub { .. } => Ok(()),
        Command::Check => check(&db),
        Command::Export { table, out } => export(&db, &table, out),
        Command::Import { file, dry_run, valid_only, preset, undo } => {
            import(&mut db, file, dry_run, valid_only, preset, undo, now)
        }
        Command::Demo { customers, seed, customers_only } => {
            demo(&mut db, &path, (customers, seed, customers_only), now)
        }
        Command::Site { action } => chain::site(&mut db, &path, action, now),
        Command::Sync => chain::sync(&mut db, &path),
    }
}

/// The backups folder: the one given, or `backups` next to the database.
fn backups(path: &Path, dir: Option<PathBuf>) -> PathBuf {
    dir.unwrap_or_else(|| path.parent().unwrap_or(Path::new(".")).join("backups"))
}

fn restore(
    path: &Path,
    file: &Path,
    dir: Option<PathBuf>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), Error> {
    // An encrypted backup's passphrase comes from the environment, never the command line
    // (which other users of the machine can read).
    let passphrase = std::env::var("KHACHQUEN_BACKUP_PASSPHRASE").ok();
    let done = khachquen::io::backup::restore(
        path,
        file,
        &backups(path, dir),
        passphrase.as_deref(),
        &cli_actor(),
        now,
    )?;
    Db::open(path)?;
    eprintln!(
        "restored {} → {} (previous database kept as {}; {} erasure(s) re-applied)",
        file.display(),
        path.display(),
        done.safety.as_deref().map_or("-".into(), |p| p.display().to_string()),
        done.reapplied
    );
    Ok(())
}

fn customer_cmd(
    db: &mut Db,
    action: CustomerCmd,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), Error> {
    match action {
        CustomerCmd::Add { name, phone, birthday, address_as, call_name, allow_duplicate } => {
            let draft = CustomerDraft {
                full_name: name,
                call_name: call_name.unwrap_or_default(),
                address_as: address_as.unwrap_or_default(),
                phones: phone
                    .into_iter()
                    .map(|raw| PhoneDraft { raw, is_primary: false })
                    .collect(),
                birthday: birthday.unwrap_or_default(),
                allow_duplicate,
                ..CustomerDraft::default()
            };
            let card = customer::create(db, &draft, CLI_STAFF, now)?;
            println!(
                "{}\t{}\t{}",
                card.id,
                card.full_name,
                card.phones.first().map(|p| p.canonical.as_str()).unwrap_or("")
            );
        }
        CustomerCmd::Show { id } => {
            let card = customer::get(db.conn(), id, local_date(now))?;
            println!("{}", serde_json::to_string_pretty(&card).map_err(|e| Error::Io(e.into()))?);
        }
        CustomerCmd::Edit { id, name, phone, note } => {
            chain::edit(db, chain::Edit { id, name, phones: phone, note }, now)?
        }
        CustomerCmd::Duplicates { limit } => duplicates::duplicates(db, limit)?,
        CustomerCmd::Merge { keep, other } => duplicates::merge(db, keep, other, now)?,
    }
    Ok(())
}

fn search(db: &Db, query: &str, limit: u32, json: bool, archived: bool) -> Result<(), Error> {
    let result =
        customer::search(db.conn(), query, SearchOptions { limit, include_archived: archived })?;
    if json {
        println!("{}", serde_json::to_string(&result).map_err(|e| Error::Io(e.into()))?);
    } else {
        for h in &result.hits {
            println!(
                "{}\t{}\t{}",
                h.id,
                h.full_name,
                h.primary_phone_canonical.as_deref().unwrap_or("")
            );
        }
    }
    Ok(())
}

fn backup(db: &mut Db, dir: &Path, now: chrono::DateTime<chrono::Utc>) -> Result<(), Error> {
    let start = std::time::Instant::now();
    let b = khachquen::io::backup::backup(db, dir, Some(&cli_actor()), now)?;
    println!("{}", b.path);
    eprintln!("{} bytes, verified, in {:.1} s", b.bytes, start.elapsed().as_secs_f64());
    Ok(())
}

fn check(db: &Db) -> Result<(), Error> {
    let report = khachquen::io::backup::check(db.conn())?;
    for line in report.integrity.iter().chain(&report.foreign_keys) {
        println!("{line}");
    }
    if !report.is_ok() {
        return Err(Error::Io(std::io::Error::other("the database has problems (listed above)")));
    }
    Ok(())
}

fn export(db: &Db, table: &str, out: Option<PathBuf>) -> Result<(), Error> {
    use khachquen::io::export;
    let Some(t) = export::Table::parse(table) else {
        let known: Vec<&str> = export::Table::ALL.iter().map(|t| t.code()).collect();
        return Err(Error::Io(std::io::Error::other(format!(
            "unknown table `{table}` (one of: {})",
            known.join(", ")
        ))));
    };
    let headers: Vec<String> = t.columns().iter().map(|c| (*c).to_owned()).collect();
    let n = match out {
        Some(file) if file.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) => {
            export::write_xlsx(db.conn(), t, &headers, &file)?
        }
        Some(file) => export::write_csv(
            db.conn(),
            t,
            &headers,
            std::io::BufWriter::new(std::fs::File::create(file)?),
        )?,
        None => export::write_csv(db.conn(), t, &headers, std::io::stdout().lock())?,
    };
    eprintln!("{n} rows");
    Ok(())
}

/// (customers, seed, customers only).
fn demo(
    db: &mut Db,
    path: &Path,
    (customers, seed, customers_only): (usize, u64, bool),
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), Error> {
    let start = std::time::Instant::now();
    let first = khachquen::customer::bulk::next_id(db.conn())?;
    let n = khachquen::demo::generate(db, customers, seed, now, CLI_STAFF)?;
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{n} customers in {secs:.1} s ({:.0}/s) → {}",
        n as f64 / secs.max(1e-9),
        path.display()
    );
    if customers_only {
        return Ok(());
    }
    // The same steps as the app's button (`Desk::load_demo`).
    khachquen::privacy::demo_consents(db, first, CLI_STAFF, now)?;
    let scene = khachquen::demo::stage(db, first, seed, now, CLI_STAFF)?;
    khachquen::care::plan::run(db, &khachquen::care::plan::Scope::All, now)?;
    eprintln!("history: {} sales, {} claims", scene.purchases, scene.claims);
    Ok(())
}
