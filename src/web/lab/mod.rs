//! The model lab's logic on the page side: settings as typed (and their checks), the state of its
//! results and published columns, and where the settings are kept. The components are in
//! `components::lab`.

pub mod dates;
pub mod persist;
pub mod settings;
pub mod state;

pub use settings::LabSection;
pub use state::{LabAction, LabJob, LabState};
