use khachquen::customer;
use khachquen::error::Error;
use khachquen::io::import::{
    self, CommitMode, Field, Mapping, Preset, RowAction, Source, MAX_FILE_BYTES,
};

use crate::support::{add, db, now, today, STAFF};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR")))
        .expect("fixture exists")
}

fn refused(bytes: &[u8]) -> &'static str {
    match Source::read(bytes) {
        Err(Error::Import { code, .. }) => code,
        Err(e) => panic!("unexpected {e:?}"),
        Ok(_) => panic!("accepted"),
    }
}

fn count(db: &khachquen::Db, sql: &str) -> i64 {
    db.conn().query_row(sql, [], |r| r.get(0)).expect("count")
}

#[test]
fn a_kiotviet_export_maps_itself_and_the_dry_run_says_row_by_row_what_will_happen() {
    let mut db = db();
    // Already a customer, known by phone only: the file's row for her phone updates her.
    let binh = add(&mut db, "Trần Thị Bình", &["0912 000 222"]);
    let src = Source::read(&fixture("kiotviet.csv")).unwrap();
    let insp = import::inspect(db.conn(), &src).unwrap();
    assert_eq!(insp.rows, 9, "the blank row is not counted");
    let field =
        |title: &str| insp.mapping.columns[insp.headers.iter().position(|h| h == title).unwrap()];
    assert_eq!(field("Mã khách hàng"), Some(Field::Code));
    assert_eq!(field("Tên khách hàng"), Some(Field::FullName));
    assert_eq!(field("Điện thoại"), Some(Field::Phone));
    assert_eq!(field("Nhóm khách hàng"), Some(Field::Tags));
    assert_eq!(field("Số CMND/CCCD"), None, "national IDs are not brought in");
    assert_eq!(field("Tổng bán"), None);

    let before = count(&db, "SELECT count(*) FROM customer");
    let plan = import::dry_run(db.conn(), &src, &insp.mapping, now(), &mut |_| {}).unwrap();
    assert_eq!(count(&db, "SELECT count(*) FROM customer"), before, "a dry run writes nothing");
    assert_eq!((plan.create, plan.update, plan.skip, plan.errors), (5, 0, 0, 4), "{plan:#?}");
    let errors: Vec<(u64, String, String)> = plan
        .outcomes
        .iter()
        .filter(|o| o.action == RowAction::Error)
        .map(|o| (o.row, o.reasons[0].field.clone(), o.reasons[0].code.clone()))
        .collect();
    assert_eq!(
        errors,
        vec![
            (4, "email".into(), "email_invalid".into()),
            (8, "row:3".into(), "duplicate_code_in_file".into()),
            (9, "full_name".into(), "name_empty".into()),
            (10, "birthday".into(), "birthday_invalid".into()),
        ]
    );
    // KH000005 has a code new to us, so it is a new customer even though Bình has its phone.
    assert!(plan.outcomes.iter().any(|o| o.row == 6 && o.action == RowAction::Create));

    // All or nothing: refused, nothing written.
    let e = import::commit(
        &mut db,
        &src,
        &insp.mapping,
        CommitMode::AllOrNothing,
        "kiotviet.csv",
        STAFF,
        now(),
        &mut |_| {},
    );
    assert!(
        matches!(e, Err(Error::Import { code: "import_has_errors", ref detail }) if detail == "4"),
        "{e:?}"
    );
    assert_eq!(count(&db, "SELECT count(*) FROM customer"), before);
    assert_eq!(count(&db, "SELECT count(*) FROM import_batch"), 0);

    // Valid rows only, by choice.
    let report = import::commit(
        &mut db,
        &src,
        &insp.mapping,
        CommitMode::ValidOnly,
        "kiotviet.csv",
        STAFF,
        now(),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(report.plan.create, 5);
    let han = customer::search(db.conn(), "han", Default::default()).unwrap().hits;
    assert_eq!(han.len(), 1);
    let card = customer::get(db.conn(), han[0].id, today()).unwrap();
    assert_eq!(card.full_name, "Đặng Thị Ngọc Hân");
    assert_eq!(card.birthday_display, "12/05/1990");
    assert_eq!(card.tags, vec!["Thân thiết".to_owned(), "VIP".to_owned()]);
    let minh = &customer::search(db.conn(), "minh", Default::default()).unwrap().hits[0];
    assert_eq!(
        minh.primary_phone.as_deref(),
        Some("0903 111 222"),
        "the lost leading zero is restored"
    );
    let bao = &customer::search(db.conn(), "bao", Default::default()).unwrap().hits[0];
    assert_eq!(bao.primary_phone.as_deref(), Some("0978 000 111"));
    assert_eq!(count(&db, "SELECT count(*) FROM customer WHERE code = 'KH000001'"), 1);
    assert_eq!(customer::get(db.conn(), binh.id, today()).unwrap().full_name, "Trần Thị Bình");

    // The same file again: everyone is found by code and nothing changes.
    let again = import::dry_run(db.conn(), &src, &insp.mapping, now(), &mut |_| {}).unwrap();
    assert_eq!((again.create, again.update, again.skip), (0, 0, 5), "{again:#?}");
}

#[test]
fn a_messy_csv_with_semicolons_quotes_and_odd_headers_is_read_as_a_person_would() {
    let mut db = db();
    let src = Source::read(&fixture("messy.csv")).unwrap();
    let insp = import::inspect(db.conn(), &src).unwrap();
    assert_eq!(
        insp.mapping.columns,
        vec![
            Some(Field::FullName),
            Some(Field::Phone),
            Some(Field::Birthday),
            Some(Field::Notes),
            None
        ]
    );
    let plan = import::dry_run(db.conn(), &src, &insp.mapping, now(), &mut |_| {}).unwrap();
    assert_eq!((plan.create, plan.errors), (3, 1), "{plan:#?}");
    let lan = plan.outcomes.iter().find(|o| o.action == RowAction::Error).unwrap();
    assert_eq!(
        (lan.row, lan.name.as_str()),
        (5, "Ngô Thị Lan"),
        "rows are counted as a spreadsheet shows them"
    );
    import::commit(
        &mut db,
        &src,
        &insp.mapping,
        CommitMode::ValidOnly,
        "messy.csv",
        STAFF,
        now(),
        &mut |_| {},
    )
    .unwrap();
    let huong = &customer::search(db.conn(), "huong", Default::default()).unwrap().hits[0];
    let card = customer::get(db.conn(), huong.id, today()).unwrap();
    assert_eq!(card.full_name, "Bùi Thị Hương", "cells are trimmed");
    assert_eq!(card.phones.len(), 2, "two numbers in one cell");
    assert_eq!(card.notes, "Khách quen, hay mua\nvào cuối tuần");
    assert_eq!(card.birthday_display, "02/04/1988");
    assert_eq!(customer::search(db.conn(), "903111222", Default::default()).unwrap().hits.len(), 1);
}

fn xlsx_bytes() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (c, h) in ["Mã khách hàng", "Tên khách hàng", "Điện thoại", "Ngày sinh", "Giới tính"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "KH100").unwrap();
    sheet.write_string(1, 1, "Cao Thị Yến").unwrap();
    // A phone typed into Excel as a number: the leading zero is gone.
    sheet.write_number(1, 2, 912_345_678.0).unwrap();
    sheet
        .write_datetime_with_format(1, 3, ExcelDateTime::from_ymd(1991, 9, 2).unwrap(), &date)
        .unwrap();
    sheet.write_string(1, 4, "Nữ").unwrap();
    sheet.write_string(2, 0, "KH101").unwrap();
    sheet.write_string(2, 1, "Đinh Công Sơn").unwrap();
    sheet.write_string(2, 2, "0987 111 222").unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn an_xlsx_file_with_number_phones_and_date_cells() {
    let mut db = db();
    let src = Source::read(&xlsx_bytes()).unwrap();
    let insp = import::inspect(db.conn(), &src).unwrap();
    assert_eq!(insp.format, import::Format::Xlsx);
    assert_eq!(insp.sample[0][2], "912345678");
    import::commit(
        &mut db,
        &src,
        &insp.mapping,
        CommitMode::AllOrNothing,
        "kh.xlsx",
        STAFF,
        now(),
        &mut |_| {},
    )
    .unwrap();
    let yen = &customer::search(db.conn(), "yen", Default::default()).unwrap().hits[0];
    let card = customer::get(db.conn(), yen.id, today()).unwrap();
    assert_eq!(card.phones[0].canonical, "0912345678");
    assert_eq!(card.birthday_display, "02/09/1991");
    assert_eq!(card.gender, Some(customer::Gender::Female));
}

#[test]
fn utf16_and_bom_variants_read_the_same() {
    let text = "Tên khách hàng,Điện thoại\r\nĐặng Thị Hân,0912345678\r\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(text.as_bytes());
    let db = db();
    for bytes in [le, be, bom, text.as_bytes().to_vec()] {
        let src = Source::read(&bytes).unwrap();
        let insp = import::inspect(db.conn(), &src).unwrap();
        assert_eq!(insp.headers[0], "Tên khách hàng");
        assert_eq!(insp.sample[0][0], "Đặng Thị Hân");
    }
}

#[test]
fn bad_files_are_refused_with_a_reason_and_nothing_changes() {
    assert_eq!(refused(&fixture("tcvn3.csv")), "legacy_encoding");
    assert_eq!(refused(&fixture("vni-mojibake.csv")), "legacy_encoding");
    assert_eq!(refused(&fixture("empty.csv")), "empty_file");
    assert_eq!(refused(b"  \r\n \n"), "empty_file");
    assert_eq!(refused(&fixture("binary.csv")), "not_a_table");
    assert_eq!(refused(b"PK\x03\x04 not really a zip"), "not_a_table");
    assert_eq!(refused(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]), "xls_not_supported");
    assert_eq!(refused(&vec![b'a'; MAX_FILE_BYTES + 1]), "file_too_large");
    let db = db();
    let src = Source::read(&fixture("no-match.csv")).unwrap();
    assert!(matches!(
        import::inspect(db.conn(), &src),
        Err(Error::Import { code: "no_columns_matched", .. })
    ));
    // A mapping that names nothing to make a customer from.
    let only_notes = Mapping { columns: vec![Some(Field::Notes), None, None] };
    assert!(matches!(
        import::dry_run(db.conn(), &src, &only_notes, now(), &mut |_| {}),
        Err(Error::Import { code: "mapping_needs_name", .. })
    ));
    assert_eq!(count(&db, "SELECT count(*) FROM customer"), 0);
}

#[test]
fn rows_matching_by_phone_update_and_undo_puts_everything_back() {
    let mut db = db();
    let hoa = add(&mut db, "Phạm Thị Hoa", &["0912 345 678"]);
    let csv = "Họ tên,SĐT,Email,Nhóm\nPhạm Thị Hoa,0912345678,hoa@gmail.com,VIP\nLý Văn Phúc,0977000111,,\n";
    let src = Source::read(csv.as_bytes()).unwrap();
    let insp = import::inspect(db.conn(), &src).unwrap();
    let report = import::commit(
        &mut db,
        &src,
        &insp.mapping,
        CommitMode::AllOrNothing,
        "a.csv",
        STAFF,
        now(),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!((report.plan.create, report.plan.update), (1, 1));
    let card = customer::get(db.conn(), hoa.id, today()).unwrap();
    assert_eq!((card.email.as_str(), card.tags.clone()), ("hoa@gmail.com", vec!["VIP".to_owned()]));
    assert_eq!(customer::search(db.conn(), "phuc", Default::default()).unwrap().hits.len(), 1);

    let undone = import::undo_last(&mut db, STAFF, now()).unwrap();
    assert!(undone.undone_at.is_some());
    let card = customer::get(db.conn(), hoa.id, today()).unwrap();
    assert_eq!((card.email.as_str(), card.tags.len()), ("", 0), "her details are back");
    assert!(
        customer::search(db.conn(), "phuc", Default::default()).unwrap().hits.is_empty(),
        "gone from search"
    );
    assert_eq!(count(&db, "SELECT count(*) FROM customer_phone WHERE canonical = '0977000111'"), 0);
    assert!(matches!(
        import::undo_last(&mut db, STAFF, now()),
        Err(Error::Import { code: "nothing_to_undo", .. })
    ));
}

#[test]
fn undo_is_refused_once_an_imported_customer_was_edited() {
    let mut db = db();
    let src = Source::read("Họ tên,SĐT\nLý Văn Phúc,0977000111\n".as_bytes()).unwrap();
    let insp = import::inspect(db.conn(), &src).unwrap();
    import::commit(
        &mut db,
        &src,
        &insp.mapping,
        CommitMode::AllOrNothing,
        "a.csv",
        STAFF,
        now(),
        &mut |_| {},
    )
    .unwrap();
    let phuc = customer::search(db.conn(), "phuc", Default::default()).unwrap().hits[0].id;
    let later = now() + chrono::Duration::minutes(5);
    let mut d = crate::support::draft("Lý Văn Phúc", &["0977000111"]);
    d.notes = "Khách mới".into();
    customer::update(&mut db, phuc, &d, STAFF, later).unwrap();
    let e = import::undo_last(&mut db, STAFF, later);
    assert!(matches!(e, Err(Error::Import { code: "undo_conflict", .. })), "{e:?}");
    assert_eq!(customer::get(db.conn(), phuc, today()).unwrap().notes, "Khách mới");
}

#[test]
fn a_saved_preset_maps_a_file_with_the_same_columns() {
    let mut db = db();
    let csv = "Khách,Số máy,Lưu ý\nLan,0912345678,hay đổi size\n";
    let src = Source::read(csv.as_bytes()).unwrap();
    let headers: Vec<String> = ["Khách", "Số máy", "Lưu ý"].map(String::from).to_vec();
    let m =
        Mapping { columns: vec![Some(Field::FullName), Some(Field::Phone), Some(Field::Notes)] };
    import::save_preset(&mut db, &Preset::from_mapping("Sổ tay cũ", &headers, &m), STAFF, now())
        .unwrap();
    let insp = import::inspect(db.conn(), &src).unwrap();
    assert_eq!(insp.preset.as_deref(), Some("Sổ tay cũ"));
    assert_eq!(insp.mapping, m);
}

/// A zip by hand: each entry `(name, method, declared uncompressed size, data)`, stored (0) or
/// deflated (8), its directory saying whatever it is told to.
fn zip_by_hand(entries: &[(&str, u16, u32, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for (name, method, declared, data) in entries {
        let offset = out.len() as u32;
        let common = |v: &mut Vec<u8>| {
            v.extend(20u16.to_le_bytes()); // version needed
            v.extend(0u16.to_le_bytes()); // flags
            v.extend(method.to_le_bytes());
            v.extend([0u8; 4]); // time, date
            v.extend(0u32.to_le_bytes()); // crc (never reached: reading stops at the bound)
            v.extend((data.len() as u32).to_le_bytes());
            v.extend(declared.to_le_bytes());
            v.extend((name.len() as u16).to_le_bytes());
            v.extend(0u16.to_le_bytes()); // extra
        };
        out.extend(b"PK\x03\x04");
        common(&mut out);
        out.extend(name.as_bytes());
        out.extend(*data);
        directory.extend(b"PK\x01\x02");
        directory.extend(20u16.to_le_bytes()); // version made by
        common(&mut directory);
        directory.extend([0u8; 8]); // comment length, disk, internal attributes
        directory.extend(0u32.to_le_bytes()); // external attributes
        directory.extend(offset.to_le_bytes());
        directory.extend(name.as_bytes());
    }
    let start = out.len() as u32;
    out.extend(&directory);
    out.extend(b"PK\x05\x06");
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((directory.len() as u32).to_le_bytes());
    out.extend(start.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// A deflate stream (one fixed-Huffman block) expanding to at least `len` zero bytes: a
/// literal zero, then "258 more, one back" over and over, 13 bits each.
fn zeros_deflated(len: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut acc, mut n) = (0u32, 0u32);
    let mut bits = |value: u32, count: u32, out: &mut Vec<u8>| {
        // Huffman codes go most significant bit first; header fields are given pre-reversed.
        for i in (0..count).rev() {
            acc |= ((value >> i) & 1) << n;
            n += 1;
            if n == 8 {
                out.push(acc as u8);
                (acc, n) = (0, 0);
            }
        }
    };
    bits(0b110, 3, &mut out); // BFINAL = 1, BTYPE = 01 (fixed), least significant first
    bits(0b0011_0000, 8, &mut out); // literal 0
    for _ in 0..len.div_ceil(258) {
        bits(0b1100_0101, 8, &mut out); // length 258 (symbol 285)
        bits(0, 5, &mut out); // distance 1
    }
    bits(0, 7, &mut out); // end of block
    bits(0, 7, &mut out); // flush the last byte
    out
}

fn xlsx_refused(bytes: &[u8]) -> (&'static str, String) {
    match Source::read(bytes) {
        Err(Error::Import { code, detail }) => (code, detail),
        Err(e) => panic!("unexpected {e:?}"),
        Ok(_) => panic!("accepted"),
    }
}

#[test]
fn a_workbook_that_would_expand_beyond_the_bounds_is_refused_before_it_is_read() {
    const MB: u32 = 1024 * 1024;
    // Its directory says so: 300 MB once expanded, from a few bytes.
    let declared = zip_by_hand(&[("xl/worksheets/sheet1.xml", 0, 300 * MB, b"<x/>")]);
    assert_eq!(xlsx_refused(&declared), ("xlsx_too_large", "200".into()));
    // Its directory lies (1 KB): what it really expands to is counted, and stops at the bound.
    let bomb = zeros_deflated(201 * MB as usize);
    assert!(bomb.len() < 2 * MB as usize, "a bomb: {} bytes", bomb.len());
    let lying = zip_by_hand(&[("xl/worksheets/sheet1.xml", 8, 1024, &bomb)]);
    assert_eq!(xlsx_refused(&lying).0, "xlsx_too_large");
    // A small, honest workbook whose two cells span billions: refused by the cells it spans.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Tên khách hàng").unwrap();
    sheet.write_string(1_048_575, 16_383, "Nguyễn Thị Lan").unwrap();
    let wide = book.save_to_buffer().unwrap();
    assert!(wide.len() < 10_000);
    assert_eq!(xlsx_refused(&wide).0, "xlsx_too_large");
    // Under the bound, as before: the area from the first used cell to the last.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(2, 1, "Tên khách hàng").unwrap();
    sheet.write_string(3, 1, "Nguyễn Thị Lan").unwrap();
    sheet.write_number(3, 2, 912_345_678.0).unwrap();
    let src = Source::read(&book.save_to_buffer().unwrap()).unwrap();
    let rows: Vec<Vec<String>> = src.rows().map(|r| r.unwrap().1).collect();
    assert_eq!(
        rows,
        vec![
            vec!["Tên khách hàng".to_owned(), String::new()],
            vec!["Nguyễn Thị Lan".to_owned(), "912345678".to_owned()]
        ]
    );
}
