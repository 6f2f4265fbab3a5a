//! The repair ticket's states as Vietnamese shops run them (docs/domain.md §4), and the only moves
//! allowed between them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum ClaimStatus {
    /// tiếp nhận
    Received,
    /// kiểm tra
    Diagnosing,
    /// chờ khách duyệt giá
    AwaitingApproval,
    /// đang sửa
    Repairing,
    /// gửi hãng
    AtServiceCenter,
    /// chờ linh kiện
    AwaitingParts,
    /// đã sửa xong, chờ khách lấy
    Ready,
    /// đã trả khách
    Returned,
    /// đổi mới
    Replaced,
    /// hoàn tiền
    Refunded,
    /// từ chối bảo hành
    Rejected,
    /// khách không sửa
    Declined,
    /// hủy
    Cancelled,
}

crate::text::code::stored_code!(ClaimStatus);

use ClaimStatus::*;

impl ClaimStatus {
    pub const ALL: [ClaimStatus; 13] = [
        Received,
        Diagnosing,
        AwaitingApproval,
        Repairing,
        AtServiceCenter,
        AwaitingParts,
        Ready,
        Returned,
        Replaced,
        Refunded,
        Rejected,
        Declined,
        Cancelled,
    ];

    /// The claim is over: the item went back, was replaced or refunded, or the claim ended.
    pub fn is_closed(self) -> bool {
        matches!(self, Returned | Replaced | Refunded | Rejected | Declined | Cancelled)
    }

    /// Where a claim in this state may go next.
    pub fn next(self) -> &'static [ClaimStatus] {
        match self {
            Received => {
                &[Diagnosing, Repairing, AtServiceCenter, Replaced, Refunded, Rejected, Cancelled]
            }
            Diagnosing => &[
                AwaitingApproval,
                Repairing,
                AtServiceCenter,
                AwaitingParts,
                Ready,
                Replaced,
                Refunded,
                Rejected,
                Cancelled,
            ],
            AwaitingApproval => &[Repairing, AtServiceCenter, Declined, Cancelled],
            Repairing => &[AwaitingParts, AtServiceCenter, Ready, Replaced, Refunded],
            AtServiceCenter => &[Repairing, AwaitingParts, Ready, Replaced, Refunded, Rejected],
            AwaitingParts => &[Repairing, AtServiceCenter, Ready, Replaced, Refunded, Cancelled],
            Ready => &[Returned],
            Returned | Replaced | Refunded | Rejected | Declined | Cancelled => &[],
        }
    }

    pub fn can_go_to(self, to: ClaimStatus) -> bool {
        self.next().contains(&to)
    }
}
