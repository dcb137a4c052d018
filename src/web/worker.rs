//! The compute worker's shell: receives `[request_json, file?]` messages, runs them through the pure
//! `Session`, and posts `Envelope<Response>` JSON back. Everything heavy happens here, never on the
//! page's thread.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

use crate::engine::progress::{Progress, Stage};
use crate::protocol::{Envelope, JobId, Request, Response, UserError};
use crate::session::Session;

/// Progress messages closer together than this are dropped: the page repaints at most this often
/// anyway, and posting thousands of messages would slow the job itself.
const PROGRESS_INTERVAL_MS: f64 = 50.0;

thread_local! {
    /// The job being worked on, so a panic can be reported against it.
    static CURRENT_JOB: Cell<JobId> = const { Cell::new(0) };
}

/// Entry point of the `worker` binary.
pub fn run() {
    install();
}

/// Installs the message loop and the panic reporter on this worker's global scope and announces
/// `Ready`. Also used by the browser tests, which start the worker from the test bundle.
pub fn install() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        web_sys::console::error_1(&"tierlab worker: not running in a dedicated worker".into());
        return;
    };
    install_panic_reporter(scope.clone());

    let session = Rc::new(RefCell::new(Session::new()));
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        handle_message(&reply_scope, &session, event);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();

    post(&scope, 0, &Response::Ready);
}

fn handle_message(scope: &DedicatedWorkerGlobalScope, session: &Rc<RefCell<Session>>, event: MessageEvent) {
    let parts = Array::from(&event.data());
    let Some(text) = parts.get(0).as_string() else {
        post(scope, 0, &internal("message without a JSON request"));
        return;
    };
    let envelope: Envelope<Request> = match serde_json::from_str(&text) {
        Ok(envelope) => envelope,
        Err(error) => {
            post(scope, 0, &internal(&format!("unreadable request: {error}")));
            return;
        }
    };
    let job = envelope.job;
    CURRENT_JOB.with(|current| current.set(job));

    let attachment = match read_attachment(&parts.get(1)) {
        Ok(bytes) => bytes,
        Err(message) => {
            post(scope, job, &internal(&message));
            return;
        }
    };

    let mut progress = ThrottledPoster::new(scope.clone(), job);
    // A re-entrant borrow cannot happen (one message at a time), but never panic over it.
    let mut response = match session.try_borrow_mut() {
        Ok(mut session) => session.handle(envelope.body, attachment, &mut progress),
        Err(_) => internal("the worker is busy"),
    };
    match &mut response {
        Response::File { bytes, .. } => {
            let bytes = std::mem::take(bytes);
            post_with_file(scope, job, &response, &bytes);
        }
        _ => post(scope, job, &response),
    }
}

/// Posts `[json, ArrayBuffer]`, transferring the buffer (a file's bytes are never copied into JSON).
fn post_with_file(scope: &DedicatedWorkerGlobalScope, job: JobId, response: &Response, bytes: &[u8]) {
    let text = serde_json::to_string(&Envelope { job, body: response }).unwrap_or_default();
    let buffer = Uint8Array::from(bytes).buffer();
    let message = Array::of2(&JsValue::from_str(&text), &buffer);
    if let Err(error) = scope.post_message_with_transfer(&message, &Array::of1(&buffer)) {
        web_sys::console::error_2(&"tierlab worker: postMessage failed".into(), &error);
    }
}

/// Reads the attached `File` / `Blob` synchronously: fine inside a worker, and it keeps the page
/// from ever holding the bytes of a big file.
fn read_attachment(value: &JsValue) -> Result<Option<Vec<u8>>, String> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let blob: Blob = value.clone().dyn_into().map_err(|_| "the attachment is not a file".to_string())?;
    let reader = FileReaderSync::new().map_err(|e| format!("cannot read files here: {e:?}"))?;
    let buffer = reader.read_as_array_buffer(&blob).map_err(|e| format!("the file could not be read: {e:?}"))?;
    Ok(Some(Uint8Array::new(&buffer).to_vec()))
}

fn internal(message: &str) -> Response {
    Response::Failed { error: UserError::Internal { message: message.to_string() } }
}

fn post(scope: &DedicatedWorkerGlobalScope, job: JobId, response: &Response) {
    let envelope = Envelope { job, body: response };
    let text = match serde_json::to_string(&envelope) {
        Ok(text) => text,
        Err(error) => {
            // Only non-finite floats can fail here; report that instead of going silent.
            let fallback = Envelope { job, body: internal(&format!("response could not be encoded: {error}")) };
            serde_json::to_string(&fallback).unwrap_or_default()
        }
    };
    if let Err(error) = scope.post_message(&JsValue::from_str(&text)) {
        web_sys::console::error_2(&"tierlab worker: postMessage failed".into(), &error);
    }
}

/// A panic would otherwise leave the page waiting forever: report it as `Failed { Internal }` on
/// the current job. The instance is dead afterwards (panics abort); the page sees the worker's
/// `error` event and starts a fresh one.
fn install_panic_reporter(scope: DedicatedWorkerGlobalScope) {
    std::panic::set_hook(Box::new(move |info| {
        let message = format!("panic: {info}");
        web_sys::console::error_1(&message.clone().into());
        let job = CURRENT_JOB.with(|current| current.get());
        post(&scope, job, &internal(&message));
    }));
}

/// Forwards engine progress as `Response::Progress`, at most every `PROGRESS_INTERVAL_MS` per
/// stage, always including each stage's first and last report.
struct ThrottledPoster {
    scope: DedicatedWorkerGlobalScope,
    job: JobId,
    last_stage: Option<Stage>,
    last_post_ms: f64,
}

impl ThrottledPoster {
    fn new(scope: DedicatedWorkerGlobalScope, job: JobId) -> Self {
        ThrottledPoster { scope, job, last_stage: None, last_post_ms: f64::NEG_INFINITY }
    }

    fn now_ms(&self) -> f64 {
        // `std::time::Instant` traps on wasm32-unknown-unknown; the worker scope has a clock.
        self.scope.performance().map(|p| p.now()).unwrap_or(0.0)
    }
}

impl Progress for ThrottledPoster {
    fn report(&mut self, stage: Stage, done: u64, total: u64) {
        let now = self.now_ms();
        let new_stage = self.last_stage != Some(stage);
        let finished = done >= total;
        if new_stage || finished || now - self.last_post_ms >= PROGRESS_INTERVAL_MS {
            self.last_stage = Some(stage);
            self.last_post_ms = now;
            post(&self.scope, self.job, &Response::Progress { stage, done, total });
        }
    }
}
