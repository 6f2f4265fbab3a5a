//! Member tiers by spend over a rolling 12 months (Thành viên, Bạc, Vàng, Kim cương by default).
