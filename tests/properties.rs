use khachquen::customer::{self, CustomerDraft, PhoneDraft, SearchOptions};
use khachquen::text::phone::{normalize, Phone};
use khachquen::text::{fold, money};
use proptest::prelude::*;

use crate::support::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn fold_is_idempotent_and_ascii_for_vietnamese(s in "[a-zA-ZàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđĐ ]{0,40}") {
        let once = fold(&s);
        prop_assert_eq!(fold(&once), once.clone());
        prop_assert!(once.is_ascii(), "{:?} folded to non-ASCII {:?}", s, once);
    }

    #[test]
    fn fold_never_panics(s in any::<String>()) {
        let _ = fold(&s);
    }

    #[test]
    fn mobile_in_any_dress_normalises_to_itself(prefix in "0[35789]", rest in "[0-9]{8}", style in 0usize..5) {
        let n = format!("{prefix}{rest}");
        let national = &n[1..];
        let dressed = match style {
            0 => format!("{} {} {}", &n[..4], &n[4..7], &n[7..]),
            1 => format!("+84 {national}"),
            2 => format!("84{national}"),
            3 => national.to_owned(),
            _ => format!("{}.{}.{}", &n[..4], &n[4..7], &n[7..]),
        };
        match normalize(&dressed) {
            Phone::Valid { canonical, .. } => prop_assert_eq!(canonical, n),
            other => prop_assert!(false, "{} gave {:?}", dressed, other),
        }
    }

    #[test]
    fn phone_normalise_never_panics(s in any::<String>()) {
        let _ = normalize(&s);
    }

    #[test]
    fn money_format_parse_round_trip(n in 0i64..=i64::MAX / 10) {
        let shown = money::format_vnd(n);
        prop_assert_eq!(money::parse_vnd(&shown), Some(n));
    }

    #[test]
    fn money_parse_never_panics(s in any::<String>()) {
        let _ = money::parse_vnd(&s);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 60, ..ProptestConfig::default() })]

    /// No input to create, update or search panics; a refused draft leaves the database unchanged.
    #[test]
    fn create_update_search_never_panic(name in any::<String>(), phone in any::<String>(), birthday in any::<String>(),
        email in any::<String>(), address_as in any::<String>(), query in any::<String>()) {
        let mut db = db();
        let seed = add(&mut db, "Nguyễn Thị Lan", &["0912345678"]);
        let d = CustomerDraft {
            full_name: name, phones: vec![PhoneDraft { raw: phone, is_primary: true }], birthday, email, address_as,
            ..CustomerDraft::default()
        };
        let before = table_count(&db, "customer");
        if customer::create(&mut db, &d, STAFF, now()).is_err() {
            prop_assert_eq!(table_count(&db, "customer"), before);
        }
        let _ = customer::update(&mut db, seed.id, &d, STAFF, now());
        let _ = customer::search(db.conn(), &query, SearchOptions::default()).map_err(|e| e.to_string());
        prop_assert!(customer::search(db.conn(), &query, SearchOptions::default()).is_ok());
    }
}
