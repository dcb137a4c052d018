//! Every word the page shows, in English and 简体中文. Fixed labels live in one table (`texts::T`);
//! names of engine enums are in `names`, and messages that carry values (errors, warnings,
//! validation problems) in the other modules, so the engine's codes turn into sentences a marketer
//! reads — never a Rust `Debug` string. Pure data and string work: tested natively.

pub mod capacity;
pub mod lab_clv;
pub mod lab_errors;
pub mod lab_fields;
pub mod lab_models;
pub mod lab_texts;
pub mod lang;
pub mod messages;
pub mod names;
pub mod operations;
pub mod optimiser;
pub mod pair;
pub mod qualification;
pub mod scenario_changes;
pub mod schemes;
pub mod sim_sentences;
pub mod sim_words;
pub mod texts;
pub mod user_errors;

pub use capacity::*;
pub use lab_clv::*;
pub use lab_errors::*;
pub use lab_fields::*;
pub use lab_models::*;
pub use lab_texts::*;
pub use lang::*;
pub use messages::*;
pub use names::*;
pub use operations::*;
pub use optimiser::*;
pub use pair::*;
pub use qualification::*;
pub use scenario_changes::*;
pub use schemes::*;
pub use sim_sentences::*;
pub use sim_words::*;
pub use texts::*;
pub use user_errors::*;
