//! Warranty claims in every state the board shows: one just received, some on the bench, one
//! waiting for the customer's approval, one at the service centre past the chase day, one past
//! its promised day, one ready for pickup, and closed ones with their fee and cost. Each claim is
//! opened and moved through the claim's own functions, on the days the moves happened.

use chrono::{DateTime, Duration, Utc};

use super::catalogue::ITEMS;
use super::sales::Sold;
use super::{at, crew, dmy, Rng};
use crate::clock::local_date;
use crate::db::Db;
use crate::error::Result;
use crate::sales::claim::{self, ClaimDraft, ClaimStatus, TransitionDraft};

use ClaimStatus::*;

/// One move: to where, how many days ago, and what it carries.
struct Move {
    to: ClaimStatus,
    days_ago: i64,
    fee: i64,
    cost: i64,
    note: &'static str,
}

const fn mv(to: ClaimStatus, days_ago: i64) -> Move {
    Move { to, days_ago, fee: 0, cost: 0, note: "" }
}

const fn paid(to: ClaimStatus, days_ago: i64, fee: i64, cost: i64, note: &'static str) -> Move {
    Move { to, days_ago, fee, cost, note }
}

/// A claim's story: received how many days ago, promised for how many days after, the symptom,
/// whether a loan unit went out, and its moves.
struct Story {
    received_ago: i64,
    promise_in: Option<i64>,
    symptom: &'static str,
    loan: &'static str,
    moves: &'static [Move],
}

const STORIES: &[Story] = &[
    Story {
        received_ago: 0,
        promise_in: Some(5),
        symptom: "Màn hình sọc xanh, cảm ứng chập chờn",
        loan: "",
        moves: &[],
    },
    Story {
        received_ago: 2,
        promise_in: Some(5),
        symptom: "Sạc không vào pin",
        loan: "",
        moves: &[mv(Diagnosing, 1)],
    },
    Story {
        received_ago: 4,
        promise_in: Some(7),
        symptom: "Rơi vỡ kính lưng, camera mờ",
        loan: "",
        moves: &[
            mv(Diagnosing, 3),
            paid(AwaitingApproval, 3, 0, 0, "Báo giá thay kính lưng và cụm camera"),
        ],
    },
    Story {
        received_ago: 21,
        promise_in: Some(14),
        symptom: "Máy tự khởi động lại liên tục",
        loan: "Máy mượn Samsung Galaxy A05",
        moves: &[mv(Diagnosing, 20), mv(AtServiceCenter, 19)],
    },
    Story {
        received_ago: 12,
        promise_in: Some(5),
        symptom: "Bản lề màn hình gãy một bên",
        loan: "Laptop mượn Dell Latitude 5400",
        moves: &[mv(Diagnosing, 11), mv(AwaitingParts, 10)],
    },
    Story {
        received_ago: 3,
        promise_in: Some(4),
        symptom: "Loa ngoài rè, mic thu nhỏ",
        loan: "",
        moves: &[mv(Repairing, 2)],
    },
    Story {
        received_ago: 9,
        promise_in: Some(5),
        symptom: "Không lên nguồn sau khi cắm sạc qua đêm",
        loan: "",
        moves: &[mv(Diagnosing, 8), paid(Ready, 5, 0, 350_000, "Thay IC sạc")],
    },
    Story {
        received_ago: 45,
        promise_in: Some(7),
        symptom: "Pin chai, tụt nhanh",
        loan: "Máy mượn iPhone 11",
        moves: &[
            mv(Diagnosing, 44),
            mv(Repairing, 43),
            paid(Ready, 40, 0, 650_000, "Thay pin chính hãng"),
            mv(Returned, 38),
        ],
    },
    Story {
        received_ago: 75,
        promise_in: Some(10),
        symptom: "Máy không làm lạnh",
        loan: "",
        moves: &[
            mv(Diagnosing, 74),
            paid(Repairing, 73, 450_000, 280_000, "Nạp gas, thay rơ-le"),
            mv(Ready, 70),
            mv(Returned, 69),
        ],
    },
    Story {
        received_ago: 110,
        promise_in: Some(3),
        symptom: "Lỗi phần cứng ngay tuần đầu",
        loan: "",
        moves: &[
            mv(Diagnosing, 109),
            paid(Replaced, 108, 0, 0, "Đổi máy mới theo chính sách 1 đổi 1"),
        ],
    },
    Story {
        received_ago: 150,
        promise_in: None,
        symptom: "Máy vào nước, không lên nguồn",
        loan: "",
        moves: &[
            mv(Diagnosing, 149),
            paid(Rejected, 148, 0, 0, "Máy vào nước: ngoài điều kiện bảo hành"),
        ],
    },
];

const CENTERS: &[&str] =
    &["TTBH Samsung Quận 10", "TTBH Apple Quận 3", "Trạm bảo hành ASUS Cầu Giấy"];

/// Opens and moves every story's claim on a unit sold long enough before it; returns how many.
pub fn open_all(
    db: &mut Db,
    rng: &mut Rng,
    sold: &[Sold],
    now: DateTime<Utc>,
    staff: &str,
) -> Result<usize> {
    let mut used: Vec<i64> = Vec::new();
    let mut n = 0;
    for story in STORIES {
        // A unit still under its warranty when it came in, sold at least a week before.
        let fits = |s: &&Sold, u: &(i64, usize)| {
            let age = s.days_ago - story.received_ago;
            age >= 7
                && age * 12 < i64::from(ITEMS[u.1].warranty_months) * 365
                && !used.contains(&u.0)
        };
        let Some((unit, item)) =
            sold.iter().flat_map(|s| s.units.iter().filter(move |u| fits(&s, u))).next().copied()
        else {
            continue;
        };
        used.push(unit);
        tell(db, rng, story, unit, item, now, staff)?;
        n += 1;
    }
    Ok(n)
}

fn tell(
    db: &mut Db,
    rng: &mut Rng,
    story: &Story,
    unit: i64,
    item: usize,
    now: DateTime<Utc>,
    staff: &str,
) -> Result<()> {
    let received = at(now, story.received_ago, 9 + rng.below(3) as u32, rng.below(60) as u32);
    let day = local_date(received);
    let technician = crew(rng);
    let d = ClaimDraft {
        unit_id: unit,
        received_on: dmy(day),
        symptom: story.symptom.to_owned(),
        condition_note: "Máy trầy nhẹ cạnh viền".to_owned(),
        accessories: if ITEMS[item].category == "Laptop" {
            "Sạc, túi chống sốc"
        } else {
            "Không"
        }
        .to_owned(),
        lock_note: String::new(),
        promised_on: story.promise_in.map(|p| dmy(day + Duration::days(p))).unwrap_or_default(),
        loan_unit: story.loan.to_owned(),
        technician: technician.to_owned(),
    };
    let id = claim::open(db, &d, staff, received)?.summary.id;
    for m in story.moves {
        let when = at(now, m.days_ago, 14, 30 + rng.below(30) as u32);
        let amount = |v: i64| if v > 0 { v.to_string() } else { String::new() };
        let t = TransitionDraft {
            to: m.to,
            on: dmy(local_date(when)),
            note: m.note.to_owned(),
            service_center: if m.to == AtServiceCenter {
                (*rng.pick(CENTERS)).to_owned()
            } else {
                String::new()
            },
            quote: if m.to == AwaitingApproval { "1.250.000".into() } else { String::new() },
            fee_charged: amount(m.fee),
            internal_cost: amount(m.cost),
            technician: String::new(),
            replacement_serial: if m.to == Replaced {
                super::sales::serial(rng, ITEMS[item].serial)
            } else {
                String::new()
            },
            refund_amount: String::new(),
        };
        claim::transition(db, id, &t, staff, when)?;
    }
    Ok(())
}
