//! The worker's state and request handling, free of browser types so it is tested natively.

use crate::engine::progress::Progress;
use crate::protocol::{Request, Response, UserError};

/// Everything the worker remembers between requests: the attached file and the loaded data.
#[derive(Default)]
pub struct Session {}

impl Session {
    pub fn new() -> Self {
        Session::default()
    }

    /// Answers one request. `attachment` carries the file bytes of an `Inspect` request.
    pub fn handle(&mut self, request: Request, attachment: Option<Vec<u8>>, progress: &mut dyn Progress) -> Response {
        let _ = (request, attachment, progress);
        // Placeholder until the engine pipeline lands (lead engineer is writing it).
        Response::Failed { error: UserError::Internal { message: "session not wired yet".into() } }
    }
}
