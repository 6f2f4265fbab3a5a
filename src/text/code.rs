//! Stored codes of the domain's enums: `claim.status = 'awaiting_parts'`, `role = 'manager'`.
//!
//! Each enum derives its codes once, from its variant names, with `strum::IntoStaticStr` and
//! `strum::EnumString` under `#[strum(serialize_all = "snake_case")]`: the same names serde
//! sends to the UI under `#[serde(rename_all = "snake_case")]`, and the values the SQL CHECK
//! constraints allow. `stored_code!` then gives the enum its `code()` and `parse()`, so no list
//! of match arms is written by hand and none can drift. `tests/codes.rs` checks, variant by
//! variant, that the code is the serde name and that it parses back.

/// `impl T { pub fn code(self) -> &'static str; pub fn parse(s: &str) -> Option<T> }` for enums
/// deriving `strum::IntoStaticStr` and `strum::EnumString`. Inherent methods, so callers need no
/// trait in scope.
macro_rules! stored_code {
    ($($t:ty),+ $(,)?) => {$(
        impl $t {
            /// The code stored in the database: the variant's serde name.
            pub fn code(self) -> &'static str {
                self.into()
            }

            /// The variant whose code is `s` exactly; `None` for anything else.
            pub fn parse(s: &str) -> Option<Self> {
                s.parse().ok()
            }
        }
    )+};
}

pub(crate) use stored_code;
