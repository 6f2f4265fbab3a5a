//! A sale and how it is paid: the purchase (`sales::purchase`) and its settlement in one
//! transaction — tier discount, voucher, points, store credit, then paid now or left owing.
