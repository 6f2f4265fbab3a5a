//! The figures the owner watches: KPIs over a period compared with the one before, and the
//! segments of customers (VIP, regulars, at risk…) that campaigns are built from.

pub mod kpi;
pub mod segment;
