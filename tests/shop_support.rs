//! A shop with an owner, a staff member and a manager, each signed in, and the desk served as
//! any of them: the setting of the tests of the one door and of approvals at the counter.

use khachquen::desk::{self, Counter, Desk};
use khachquen::error::ErrorPayload;
use khachquen::staff::{self, Actor, MaskPhones, Role, StaffDraft};
use khachquen::Db;

use crate::support::now;

pub const OWNER_PIN: &str = "246810";
pub const MANAGER_PIN: &str = "975310";
pub const STAFF_PIN: &str = "135790";

pub struct Shop {
    pub db: Db,
    pub counter: Counter,
    pub owner: Actor,
    pub staff: Actor,
    pub manager: Actor,
    _dir: tempfile::TempDir,
}

pub fn account(db: &mut Db, by: &Actor, name: &str, role: Role, pin: &str) -> Actor {
    let d = StaffDraft { name: name.into(), role: Some(role), pin: pin.into(), active: true };
    let v = staff::create(db, &d, by, now()).expect("account");
    staff::sign_in(db, v.id, pin, now()).expect("sign in")
}

pub fn shop() -> Shop {
    let mut db = crate::support::db();
    let owner = staff::first_owner(&mut db, "Chủ Hà", OWNER_PIN, now()).expect("owner");
    let staff = account(&mut db, &owner, "Lan", Role::Staff, STAFF_PIN);
    let manager = account(&mut db, &owner, "Minh", Role::Manager, MANAGER_PIN);
    let dir = tempfile::tempdir().expect("tempdir");
    Shop { db, counter: Counter::new(dir.path().to_path_buf()), owner, staff, manager, _dir: dir }
}

#[allow(clippy::result_large_err)] // the payload the UI gets, as the shell returns it
impl Shop {
    pub fn as_<T: MaskPhones>(
        &mut self,
        who: &Actor,
        f: impl FnOnce(&mut Desk) -> khachquen::Result<T>,
    ) -> Result<T, ErrorPayload> {
        desk::serve(&mut self.db, &self.counter, who, now(), f)
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.db.conn().query_row(sql, [], |r| r.get(0)).expect("count")
    }
}
