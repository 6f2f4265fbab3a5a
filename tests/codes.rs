//! Stored codes: every enum's `code()` is derived once, and must equal the name serde sends the
//! UI (the CHECK constraints in the migrations hold the same names) and parse back to the same
//! variant.

use khachquen::card::TimelineKind;
use khachquen::care::rule::RuleKind;
use khachquen::customer::{AddressAs, Channel, Gender, PreferenceCategory};
use khachquen::feedback::complaint::{ComplaintCategory, ComplaintStatus, Severity};
use khachquen::feedback::interaction::InteractionKind;
use khachquen::feedback::promise::PromiseStatus;
use khachquen::feedback::score::Metric;
use khachquen::io::export::Table;
use khachquen::outreach::reminder::{ContactChannel, Outcome, ReminderStatus};
use khachquen::outreach::template::Locale;
use khachquen::privacy::{ConsentMethod, Purpose, RequestKind};
use khachquen::report::segment::SegmentKind;
use khachquen::sales::returns::ReturnOutcome;
use khachquen::sales::{ClaimStatus, UnitStatus};
use khachquen::staff::{Permission, Role};
use khachquen::text::phone::PhoneKind;
use strum::VariantArray;

fn serde_name<T: serde::Serialize>(v: T) -> String {
    match serde_json::to_value(v).unwrap() {
        serde_json::Value::String(s) => s,
        other => panic!("a unit variant serializes as a string, not {other}"),
    }
}

/// For each type, over every variant: `code()` is the serde name, and `parse(code())` gives the
/// variant back; text that is no code parses to nothing.
macro_rules! codes_agree {
    ($($t:ty),+ $(,)?) => {$(
        assert!(!<$t>::VARIANTS.is_empty());
        for &v in <$t>::VARIANTS {
            assert_eq!(
                v.code(),
                serde_name(v),
                "{v:?}: the code stored in the database must be the name the UI receives"
            );
            assert_eq!(<$t>::parse(v.code()), Some(v), "{v:?}: its code must read back as itself");
        }
        assert_eq!(<$t>::parse("not a code"), None, "{}: unknown text is no variant", stringify!($t));
    )+};
}

#[test]
fn every_stored_code_is_the_serde_name_and_parses_back() {
    codes_agree!(
        Gender,
        Channel,
        PreferenceCategory,
        UnitStatus,
        ClaimStatus,
        ReturnOutcome,
        SegmentKind,
        PromiseStatus,
        Severity,
        ComplaintCategory,
        ComplaintStatus,
        Metric,
        InteractionKind,
        Role,
        Permission,
        RuleKind,
        Locale,
        TimelineKind,
        ReminderStatus,
        ContactChannel,
        Outcome,
        Purpose,
        ConsentMethod,
        RequestKind,
        Table,
    );
}

#[test]
fn address_as_none_is_stored_empty_and_read_from_either_name() {
    for &v in AddressAs::VARIANTS {
        assert_eq!(AddressAs::parse(v.code()), Some(v), "{v:?}: its code must read back as itself");
        assert_eq!(AddressAs::parse(&serde_name(v)), Some(v), "{v:?}: the UI's name reads too");
        if v != AddressAs::None {
            assert_eq!(v.code(), serde_name(v), "{v:?}: stored as the name the UI receives");
        }
    }
    assert_eq!(AddressAs::None.code(), "", "the column's default '' means no form of address");
    assert_eq!(AddressAs::parse("Chị"), Some(AddressAs::Chi), "the word with its accent reads");
}

#[test]
fn phone_kind_is_stored_as_its_serde_name() {
    for &v in PhoneKind::VARIANTS {
        assert_eq!(v.as_str(), serde_name(v), "{v:?}: phone.kind holds the serde name");
        assert_eq!(PhoneKind::parse(v.as_str()), v);
    }
    assert_eq!(PhoneKind::parse("fax"), PhoneKind::Unknown, "anything else reads as unknown");
}

/// The `ALL` lists keep an order of their own (the UI's), but must name every variant once.
macro_rules! all_is_complete {
    ($($t:ty),+ $(,)?) => {$(
        let mut all: Vec<&str> = <$t>::ALL.iter().map(|v| v.code()).collect();
        let mut variants: Vec<&str> = <$t>::VARIANTS.iter().map(|v| v.code()).collect();
        all.sort_unstable();
        variants.sort_unstable();
        assert_eq!(all, variants, "{}::ALL must list every variant once", stringify!($t));
    )+};
}

#[test]
fn every_all_list_names_each_variant_once() {
    all_is_complete!(
        AddressAs,
        PreferenceCategory,
        ClaimStatus,
        SegmentKind,
        Severity,
        ComplaintCategory,
        ComplaintStatus,
        Role,
        Permission,
        Purpose,
        RequestKind,
        Table,
    );
}
