//! Import of a KiotViet-style customer CSV of `--rows` rows (default 1,000,000) into an empty
//! database, against a baseline measured in the same run: the same rows parsed with the csv
//! crate and written by one bare prepared INSERT each into a plain table, in one transaction.
//!
//! `cargo bench --bench import -- --rows 1000000`

mod common;

use std::io::Write;

use common::{arg, timed};
use khachquen::clock::{Clock, SystemClock};
use khachquen::demo::{customer, Rng};
use khachquen::io::import::{self, CommitMode, Source};
use khachquen::Db;

const HEADER: &str = "Loại khách,Chi nhánh tạo,Mã khách hàng,Tên khách hàng,Điện thoại,Địa chỉ,Ngày sinh,Giới tính,Email,Nhóm khách hàng,Ghi chú,Tổng bán";

fn write_csv(path: &std::path::Path, rows: usize) {
    let mut f =
        std::io::BufWriter::new(std::fs::File::create(path).unwrap_or_else(|e| panic!("{e}")));
    f.write_all("\u{feff}".as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    writeln!(f, "{HEADER}").unwrap_or_else(|e| panic!("{e}"));
    let mut rng = Rng::new(7);
    for i in 0..rows {
        let c = customer(&mut rng, 2026);
        // Half the phones lost their leading zero in Excel, as real exports do.
        let phone = c.phones.first().cloned().unwrap_or_default();
        let phone = if i % 2 == 0 { phone.trim_start_matches('0').to_owned() } else { phone };
        let birthday = c.birthday.map(|b| b.display()).unwrap_or_default();
        let gender = if c.female { "Nữ" } else { "Nam" };
        let tags = c.tags.join("|");
        writeln!(
            f,
            "Cá nhân,Chi nhánh trung tâm,KH{i:07},{},{phone},\"{}\",{birthday},{gender},,{tags},,{}",
            c.full_name,
            c.address,
            (i % 97) * 100_000
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    f.flush().unwrap_or_else(|e| panic!("{e}"));
}

fn baseline(csv_path: &std::path::Path, db_path: &std::path::Path) -> usize {
    let mut conn = rusqlite::Connection::open(db_path).unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
         CREATE TABLE t(code, name, phone, address, birthday, gender, email, tags, notes)",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let tx = conn.transaction().unwrap_or_else(|e| panic!("{e}"));
    let mut n = 0;
    {
        let mut stmt = tx
            .prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
            .unwrap_or_else(|e| panic!("{e}"));
        let mut rdr = csv::Reader::from_path(csv_path).unwrap_or_else(|e| panic!("{e}"));
        for rec in rdr.records() {
            let r = rec.unwrap_or_else(|e| panic!("{e}"));
            let c = |i: usize| r.get(i).unwrap_or("");
            stmt.execute(rusqlite::params![c(2), c(3), c(4), c(5), c(6), c(7), c(8), c(9), c(10)])
                .unwrap_or_else(|e| panic!("{e}"));
            n += 1;
        }
    }
    tx.commit().unwrap_or_else(|e| panic!("{e}"));
    n
}

fn main() {
    let rows = arg("--rows", 1_000_000);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let csv_path = dir.path().join("kiotviet.csv");
    write_csv(&csv_path, rows);
    let bytes = std::fs::metadata(&csv_path).map(|m| m.len()).unwrap_or(0);
    println!("file: {rows} rows, {:.1} MB", bytes as f64 / 1_048_576.0);

    let (n, base) = timed(|| baseline(&csv_path, &dir.path().join("baseline.db")));
    println!(
        "baseline: csv parse + bare prepared INSERT of {n} rows {:.1} s ({:.0} rows/s)",
        base.as_secs_f64(),
        n as f64 / base.as_secs_f64()
    );

    let mut db = Db::open(&dir.path().join("import.db")).unwrap_or_else(|e| panic!("open: {e}"));
    let now = SystemClock.now();
    let (plan, first_dry) = timed(|| {
        let src = Source::read(&std::fs::read(&csv_path).unwrap_or_else(|e| panic!("{e}")))
            .unwrap_or_else(|e| panic!("{e}"));
        let insp = import::inspect(db.conn(), &src).unwrap_or_else(|e| panic!("{e}"));
        import::dry_run(db.conn(), &src, &insp.mapping, now, &mut |_| {})
            .unwrap_or_else(|e| panic!("{e}"))
    });
    println!(
        "dry run into the empty database: {} to create {:.1} s ({:.0} rows/s)",
        plan.create,
        first_dry.as_secs_f64(),
        plan.rows as f64 / first_dry.as_secs_f64()
    );
    let (report, took) = timed(|| {
        let src = Source::read(&std::fs::read(&csv_path).unwrap_or_else(|e| panic!("{e}")))
            .unwrap_or_else(|e| panic!("{e}"));
        let insp = import::inspect(db.conn(), &src).unwrap_or_else(|e| panic!("{e}"));
        import::commit(
            &mut db,
            &src,
            &insp.mapping,
            CommitMode::ValidOnly,
            "kiotviet.csv",
            "bench",
            now,
            &mut |_| {},
        )
        .unwrap_or_else(|e| panic!("{e}"))
    });
    let p = &report.plan;
    println!(
        "import: {} rows ({} created, {} refused) {:.1} s ({:.0} rows/s) = {:.1}× baseline",
        p.rows,
        p.create,
        p.errors,
        took.as_secs_f64(),
        p.rows as f64 / took.as_secs_f64(),
        took.as_secs_f64() / base.as_secs_f64()
    );
    let (plan, dry) = timed(|| {
        let src = Source::read(&std::fs::read(&csv_path).unwrap_or_else(|e| panic!("{e}")))
            .unwrap_or_else(|e| panic!("{e}"));
        let insp = import::inspect(db.conn(), &src).unwrap_or_else(|e| panic!("{e}"));
        import::dry_run(db.conn(), &src, &insp.mapping, now, &mut |_| {})
            .unwrap_or_else(|e| panic!("{e}"))
    });
    println!(
        "dry run of the same file again (every row found by code): {} skipped {:.1} s",
        plan.skip,
        dry.as_secs_f64()
    );
}
