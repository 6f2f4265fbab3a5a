//! CSV exports: every table under translated headers, with a BOM, Vietnamese intact.

use khachquen::io::export::{self, Table};

use crate::sales_support::*;
use crate::support::*;

fn csv(db: &khachquen::Db, table: Table) -> String {
    let headers: Vec<String> = table.columns().iter().map(|c| c.to_uppercase()).collect();
    let mut out = Vec::new();
    export::write_csv(db.conn(), table, &headers, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn tables_export_with_bom_headers_and_shop_dates() {
    let mut db = db();
    let phone = phone_product(&mut db);
    let lan = add(&mut db, "Nguyễn Thị Lan, \"Lan béo\"", &["0912345678"]);
    let binh = add(&mut db, "Trần Văn Bình", &[]);
    khachquen::customer::merge(&mut db, lan.id, binh.id, STAFF, now()).unwrap();
    let sale = sell(&mut db, Some(lan.id), phone.id, "IMEI1", 3);
    open_claim(&mut db, sale.units[0].id, 1);

    let customers = csv(&db, Table::Customers);
    assert!(customers.starts_with("\u{feff}ID,FULL_NAME,CALL_NAME,"), "{customers}");
    let lines: Vec<&str> = customers.trim_end().lines().collect();
    assert_eq!(lines.len(), 2, "the merged record is part of the one it went into: {customers}");
    assert!(lines[1].contains("\"Nguyễn Thị Lan, \"\"Lan béo\"\"\""), "quoted: {}", lines[1]);
    assert!(lines[1].contains(",0912345678,"), "{}", lines[1]);

    let purchases = csv(&db, Table::Purchases);
    assert!(
        purchases.contains(&format!("{},2026-11-20,{},", sale.receipt_no, lan.id)),
        "{purchases}"
    );
    assert!(purchases.trim_end().ends_with(",19990000,0"), "{purchases}");
    let claims = csv(&db, Table::Claims);
    assert!(
        claims.contains("BH000001") && claims.contains("IMEI1") && claims.contains("received"),
        "{claims}"
    );
    assert_eq!(csv(&db, Table::Interactions).lines().count(), 1, "headers only");

    let mut out = Vec::new();
    let err = export::write_csv(db.conn(), Table::Claims, &["one".into()], &mut out).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: headers (count)");
}

#[test]
fn the_cli_exports_a_table_and_refuses_an_unknown_one() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("shop.db");
    let cli = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_khachquen"))
            .arg("--db")
            .arg(&db_path)
            .args(args)
            .output()
            .unwrap()
    };
    assert!(cli(&["customer", "add", "--name", "Đặng Thị Ngọc Hân", "--phone", "0912345678"])
        .status
        .success());
    let file = dir.path().join("khach.csv");
    let out = cli(&["export", "customers", "--out", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("\u{feff}id,full_name,"), "{text}");
    assert!(text.contains("Đặng Thị Ngọc Hân"), "{text}");
    let out = cli(&["export", "khach"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("unknown table `khach` (one of: customers, purchases, claims, interactions, products, sale_lines, complaints, scores, returns, point_entries, credit_entries, debt_entries, vouchers)"));
}

#[test]
fn xlsx_export_keeps_phone_zeros_as_text_and_numbers_as_numbers() {
    use calamine::{Data, Reader};
    let mut db = db();
    let lan = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("khach.xlsx");
    let headers: Vec<String> =
        Table::Customers.columns().iter().map(|c| c.to_uppercase()).collect();
    assert_eq!(export::write_xlsx(db.conn(), Table::Customers, &headers, &path).unwrap(), 1);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let sheet = book.worksheet_range("customers").unwrap();
    assert_eq!(sheet.get((0, 1)), Some(&Data::String("FULL_NAME".into())));
    assert_eq!(sheet.get((1, 0)), Some(&Data::Float(lan.id as f64)));
    assert_eq!(sheet.get((1, 1)), Some(&Data::String("Nguyễn Thị Lan".into())));
    assert_eq!(
        sheet.get((1, 4)),
        Some(&Data::String("0912345678".into())),
        "the leading zero stays"
    );
}

#[test]
fn the_reports_rows_become_a_sheet_with_numbers_as_numbers() {
    use calamine::{Data, Reader};
    use khachquen::io::sheet::{self, Cell};
    // As the UI sends them: titles, labels, numbers and gaps.
    let rows: Vec<Vec<Cell>> = serde_json::from_str(
        r#"[["Mục", "Chỉ số", "Kỳ này", "Kỳ trước"],
            ["KPI", "Doanh thu", 15400000, 12100000.5],
            ["KPI", "Khách mới", 12, null]]"#,
    )
    .unwrap();
    assert_eq!(rows[2][3], Cell::Empty);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bao-cao.xlsx");
    sheet::write_xlsx("bao-cao: 11/2026", &rows, &path).unwrap();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["bao-cao 112026"], "no character Excel refuses in a name");
    let got = book.worksheet_range("bao-cao 112026").unwrap();
    assert_eq!(got.get((0, 2)), Some(&Data::String("Kỳ này".into())));
    assert_eq!(got.get((1, 1)), Some(&Data::String("Doanh thu".into())));
    assert_eq!(got.get((1, 2)), Some(&Data::Float(15_400_000.0)));
    assert_eq!(got.get((1, 3)), Some(&Data::Float(12_100_000.5)));
    assert_eq!(got.get((2, 3)).filter(|d| **d != Data::Empty), None, "a gap stays empty");

    let wide = vec![vec![Cell::Empty; 16_385]];
    let err = sheet::write_xlsx("x", &wide, &dir.path().join("wide.xlsx")).unwrap_err();
    assert!(matches!(err, khachquen::Error::Validation(_)), "{err:?}");
    assert!(!dir.path().join("wide.xlsx").exists(), "nothing written");
}

/// A name typed to be a formula (OWASP "CSV injection").
const FORMULA: &str = r#"=HYPERLINK("http://x","y")"#;

#[test]
fn csv_exports_write_text_that_looks_like_a_formula_as_text_and_numbers_as_numbers() {
    use khachquen::io::sheet::{self, Cell};
    use khachquen::report::segment::{self, SegmentKind};
    let mut db = db();
    let shirt = shirt_product(&mut db);
    let evil = add(&mut db, FORMULA, &["0912345678"]);
    let minus = add(&mut db, "-Trừ Văn Âm", &[]);
    sell(&mut db, Some(evil.id), shirt.id, "", 3);

    let customers = csv(&db, Table::Customers);
    let line = customers.lines().find(|l| l.contains("HYPERLINK")).unwrap();
    assert!(
        line.starts_with(&format!("{},\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",", evil.id)),
        "the id stays a number; the name is quoted and prefixed with ': {line}"
    );
    let line = customers.lines().find(|l| l.contains("Trừ Văn Âm")).unwrap();
    assert!(line.starts_with(&format!("{},\"'-Trừ Văn Âm\",", minus.id)), "{line}");
    let purchases = csv(&db, Table::Purchases);
    assert!(purchases.contains("\"'=HYPERLINK("), "the buyer's name in sales too: {purchases}");

    // The segment export: the same rule, counts and sums as numbers.
    let mut out = Vec::new();
    let headers: Vec<String> =
        ["Mã", "Tên", "SĐT", "Lần", "Tổng", "Cuối"].map(String::from).to_vec();
    segment::write_csv(db.conn(), SegmentKind::FirstTime, now(), &headers, &mut out).unwrap();
    let members = String::from_utf8(out).unwrap();
    assert!(
        members.contains(&format!("{},\"'=HYPERLINK(", evil.id)) && members.contains(",1,350000,"),
        "{members}"
    );

    // The report: numbers the UI sends as numbers stay numbers, negative ones included.
    let rows = vec![
        vec![Cell::Text("Chỉ số".into()), Cell::Text("Kỳ này".into())],
        vec![Cell::Text("@SUM(A1)".into()), Cell::Number(-5.0)],
        vec![Cell::Text("Khách mới".into()), Cell::Empty],
        vec![Cell::Text("+84".into()), Cell::Number(66.7)],
    ];
    let mut out = Vec::new();
    sheet::write_csv(&rows, &mut out).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "\u{feff}Chỉ số,Kỳ này\n\"'@SUM(A1)\",-5\nKhách mới,\n\"'+84\",66.7\n"
    );
}

#[test]
fn xlsx_exports_write_text_as_strings_never_as_formulas() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    use khachquen::io::sheet::{self, Cell};
    let mut db = db();
    add(&mut db, FORMULA, &[]);
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("customers.xlsx");
    let headers: Vec<String> = Table::Customers.columns().iter().map(|c| c.to_string()).collect();
    export::write_xlsx(db.conn(), Table::Customers, &headers, &table).unwrap();
    let report = dir.path().join("report.xlsx");
    let rows = vec![vec![Cell::Text("=1+1".into()), Cell::Number(-5.0)]];
    sheet::write_xlsx("Báo cáo", &rows, &report).unwrap();

    for (path, row, want) in [(&table, 1, FORMULA), (&report, 0, "=1+1")] {
        let mut book: Xlsx<_> = open_workbook(path).unwrap();
        let name = book.sheet_names()[0].clone();
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(formulas.used_cells().next().is_none(), "no formula written in {path:?}");
        let range = book.worksheet_range(&name).unwrap();
        let col = if row == 1 { 1 } else { 0 };
        assert_eq!(range.get_value((row, col)), Some(&Data::String(want.into())), "{path:?}");
    }
    let mut book: Xlsx<_> = open_workbook(&report).unwrap();
    let range = book.worksheet_range("Báo cáo").unwrap();
    assert_eq!(range.get_value((0, 1)), Some(&Data::Float(-5.0)), "numbers stay numbers");
}
