//! What Law 91/2025 asks of the shop: proof of each consent per purpose, a log of data-subject
//! requests with their deadlines, restriction, a copy of what is held, and erasure that keeps
//! the sales and warranty facts but nothing personal.

mod consent;
mod erase;
mod register;
mod request;

pub use consent::{
    consent_text, consents, demo_consents, granted, record_consent, ConsentDraft, ConsentMethod,
    ConsentState, Purpose,
};
pub use erase::{erase, erase_again, erase_in, erase_records, set_restricted};
pub use register::{reapply_erasures, Erasure, REGISTER_FILE};
pub use request::{
    create_request, list_requests, update_request, RequestDraft, RequestKind, RequestUpdate,
    RequestView,
};
