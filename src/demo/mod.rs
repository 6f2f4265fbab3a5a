//! Realistic Vietnamese demo customers, deterministic for a seed: family names at their real
//! frequencies, accented names, plausible mobiles (some still in old 11-digit form), birthdays,
//! preferences and tags. Used by the "load demo data" button, the CLI and the benchmarks; the
//! button also stages a shop's history around them ([`scene`]).

mod load;
pub mod scene;

use crate::customer::{AddressAs, Birthday};

pub use load::generate;
pub use scene::{stage, Scene};

/// Demo customers joined the shop within this many days.
const CREATED_SPAN_DAYS: i64 = 1500;

/// Family names with their share of the population in per mille (docs/domain.md §2: Nguyễn ≈ 38%,
/// the top 14 ≈ 90%); the remainder is spread over rarer names.
const FAMILY: &[(&str, u32)] = &[
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 71),
    ("Hoàng", 30),
    ("Huỳnh", 21),
    ("Phan", 45),
    ("Vũ", 22),
    ("Võ", 17),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đinh", 4),
    ("Trương", 4),
    ("Lâm", 3),
    ("Mai", 3),
    ("Tạ", 2),
    ("Lưu", 2),
    ("Quách", 1),
    ("Châu", 1),
];
const MIDDLE_F: &[&str] = &[
    "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Mỹ", "Bảo", "Thùy", "Hoài",
    "Phương", "Diệu",
];
const MIDDLE_M: &[&str] = &[
    "Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thành", "Công", "Xuân", "Quang", "Tuấn", "Gia",
    "Hoàng", "Trọng",
];
const GIVEN_F: &[&str] = &[
    "Lan", "Hân", "Hương", "Mai", "Linh", "Trang", "Thủy", "Hoa", "Ngọc", "Yến", "Nhung", "Hằng",
    "Vy", "Thảo", "Phương", "Anh", "Hà", "Nga", "Dung", "Huyền", "Quyên", "Diễm", "Oanh", "Loan",
    "Tuyết", "Nhi", "Trâm", "Hòa", "Ly", "My", "Uyên", "Ngân", "Châu", "Giang", "Hạnh", "Khánh",
    "Xuân", "Thư", "Vân", "Hiền",
];
const GIVEN_M: &[&str] = &[
    "Hùng", "Dũng", "Minh", "Tuấn", "Hải", "Nam", "Long", "Sơn", "Quân", "Phúc", "Đức", "Khoa",
    "Huy", "Bình", "Cường", "Thắng", "Trung", "Hiếu", "Tài", "Vinh", "Phong", "Đạt", "Khải", "Lộc",
    "Nghĩa", "Toàn", "Thịnh", "Quang", "Tâm", "Hưng", "Duy", "Kiên", "Thành", "Tùng", "Việt",
    "Hoàng", "Bảo", "An", "Định",
];
/// Current 10-digit mobile prefixes (a sample; the normaliser does not depend on them).
const MOBILE_PREFIX: &[&str] = &[
    "032", "033", "034", "035", "036", "037", "038", "039", "056", "058", "070", "076", "077",
    "078", "079", "081", "082", "083", "084", "085", "086", "088", "089", "090", "091", "093",
    "094", "096", "097", "098",
];
const OLD_PREFIX: &[&str] = &["0168", "0169", "0121", "0126", "0166"];
const STREETS: &[&str] = &[
    "Lê Lợi",
    "Nguyễn Huệ",
    "Trần Hưng Đạo",
    "Hai Bà Trưng",
    "Lý Thường Kiệt",
    "Phan Đình Phùng",
    "Điện Biên Phủ",
    "Cách Mạng Tháng Tám",
];
const CITIES: &[&str] = &[
    "Quận 1, TP. Hồ Chí Minh",
    "Quận 3, TP. Hồ Chí Minh",
    "Ba Đình, Hà Nội",
    "Cầu Giấy, Hà Nội",
    "Hải Châu, Đà Nẵng",
    "Ninh Kiều, Cần Thơ",
    "TP. Huế",
    "Biên Hòa, Đồng Nai",
];
const TAGS: &[&str] = &[
    "Khách quen",
    "VIP",
    "Khách sỉ",
    "Hay đổi trả",
    "Giới thiệu bạn bè",
    "Sinh viên",
    "Công ty",
    "Thích khuyến mãi",
];
const PREFS: &[(&str, &[&str])] = &[
    ("size", &["Size M", "Size L", "Size S", "Giày 38", "Giày 42", "Áo XL"]),
    ("colour", &["Thích màu đỏ", "Màu pastel", "Không mặc màu đen", "Xanh navy"]),
    ("brand", &["Apple", "Samsung", "Xiaomi", "Oppo", "Adidas", "Biti's"]),
    ("taste", &["Ít đường", "Không cay", "Thích trà sen", "Cà phê sữa đá"]),
    ("style", &["Công sở", "Thể thao", "Tối giản", "Vintage"]),
    ("other", &["Thích được gọi buổi chiều", "Giao hàng tận nhà", "Hay mua quà tặng"]),
];
const ALERTS: &[&str] = &[
    "Dị ứng hải sản",
    "Khách khó tính, cần tư vấn kỹ",
    "Nợ 500.000 ₫ từ lần trước",
    "Chỉ liên hệ qua Zalo",
    "Khiếm thính, nói chậm và rõ",
];

/// SplitMix64: tiny, fast and the same stream on every platform and version, which a library
/// generator does not promise across releases (the seed must keep giving the same customers).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }
}

pub struct DemoCustomer {
    pub full_name: String,
    pub call_name: String,
    pub address_as: AddressAs,
    pub female: bool,
    pub phones: Vec<String>,
    pub birthday: Option<Birthday>,
    pub address: String,
    pub tags: Vec<&'static str>,
    pub preferences: Vec<(&'static str, &'static str, bool)>,
    pub created_days_ago: i64,
    pub contact_days_ago: Option<i64>,
}

fn family(rng: &mut Rng) -> &'static str {
    let total: u32 = FAMILY.iter().map(|f| f.1).sum();
    let mut roll = rng.below(u64::from(total)) as u32;
    for (name, weight) in FAMILY {
        if roll < *weight {
            return name;
        }
        roll -= weight;
    }
    FAMILY[0].0
}

fn mobile(rng: &mut Rng) -> String {
    format!("{}{:07}", rng.pick(MOBILE_PREFIX), rng.below(10_000_000))
}

/// How the counter addresses someone of this sex and age.
fn address_as(female: bool, age: i32) -> AddressAs {
    match (female, age) {
        (_, a) if a >= 65 => {
            if female {
                AddressAs::Ba
            } else {
                AddressAs::Ong
            }
        }
        (true, a) if a >= 45 => AddressAs::Co,
        (false, a) if a >= 45 => AddressAs::Chu,
        (true, a) if a <= 22 => AddressAs::Em,
        (true, _) => AddressAs::Chi,
        (false, _) => AddressAs::Anh,
    }
}

/// Half the customers give no birthday; a tenth give the day without the year.
fn birthday(rng: &mut Rng, birth_year: i32) -> Option<Birthday> {
    match rng.below(10) {
        0..=4 => None,
        5 => Some(Birthday {
            year: None,
            month: 1 + rng.below(12) as u32,
            day: 1 + rng.below(28) as u32,
        }),
        _ => Some(Birthday {
            year: Some(birth_year),
            month: 1 + rng.below(12) as u32,
            day: 1 + rng.below(28) as u32,
        }),
    }
}

/// One customer from the stream; `year` is the current year at the shop.
pub fn customer(rng: &mut Rng, year: i32) -> DemoCustomer {
    let female = rng.chance(580);
    let (middles, givens) = if female { (MIDDLE_F, GIVEN_F) } else { (MIDDLE_M, GIVEN_M) };
    let given = *rng.pick(givens);
    let mut parts = vec![family(rng), *rng.pick(middles)];
    if rng.chance(250) {
        parts.push(*rng.pick(middles));
    }
    parts.push(given);
    parts.dedup();
    let full_name = parts.join(" ");
    let birth_year = year - 18 - rng.below(55) as i32;
    let age = year - birth_year;
    let address_as = address_as(female, age);
    let mut phones = vec![if rng.chance(30) {
        // Old 11-digit form as it sits in old files; stored converted.
        format!("{}.{:03}.{:04}", rng.pick(OLD_PREFIX), rng.below(1000), rng.below(10_000))
    } else {
        mobile(rng)
    }];
    if rng.chance(80) {
        phones.push(mobile(rng));
    }
    let birthday = birthday(rng, birth_year);
    let address = if rng.chance(600) {
        format!("{} {}, {}", 1 + rng.below(300), rng.pick(STREETS), rng.pick(CITIES))
    } else {
        String::new()
    };
    let mut tags = Vec::new();
    if rng.chance(400) {
        tags.push(*rng.pick(TAGS));
        if rng.chance(200) {
            tags.push(*rng.pick(TAGS));
            tags.dedup();
        }
    }
    let mut preferences = Vec::new();
    if rng.chance(300) {
        let (cat, values) = rng.pick(PREFS);
        preferences.push((*cat, *rng.pick(values), false));
    }
    if rng.chance(30) {
        preferences.push(("other", *rng.pick(ALERTS), true));
    }
    let created_days_ago = rng.below(CREATED_SPAN_DAYS as u64) as i64;
    let contact_days_ago = rng.chance(700).then(|| rng.below(created_days_ago as u64 + 1) as i64);
    DemoCustomer {
        full_name,
        call_name: given.to_owned(),
        address_as,
        female,
        phones,
        birthday,
        address,
        tags,
        preferences,
        created_days_ago,
        contact_days_ago,
    }
}
