//! The real worker request loop, in a real Web Worker, spoken to with the real protocol.
//!
//! The test harness has no trunk-built `worker.js`, so the worker is a module-type Blob script that
//! imports this test bundle's own JS (served by wasm-bindgen-test-runner next to the page as
//! `wasm-bindgen-test.js`) and calls `tierlab_test_worker_main`, which installs the same message
//! loop the `worker` binary installs.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::{Array, Function, Promise};
use tierlab::protocol::{Envelope, Request, Response};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Blob, BlobPropertyBag, MessageEvent, Url, Worker, WorkerOptions, WorkerType};

wasm_bindgen_test_configure!(run_in_browser);

/// Runs inside the spawned worker.
#[wasm_bindgen]
pub fn tierlab_test_worker_main() {
    tierlab::web::worker::install();
}

/// Messages from the worker, in arrival order, with a way to wait for the next one.
#[derive(Clone, Default)]
struct Inbox {
    messages: Rc<RefCell<VecDeque<String>>>,
    waiter: Rc<RefCell<Option<Function>>>,
}

impl Inbox {
    fn listen(&self, worker: &Worker) {
        let inbox = self.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(text) = event.data().as_string() {
                inbox.messages.borrow_mut().push_back(text);
                if let Some(wake) = inbox.waiter.borrow_mut().take() {
                    let _ = wake.call0(&JsValue::NULL);
                }
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
    }

    /// The next answer that is not a progress report.
    async fn next_answer(&self) -> Envelope<Response> {
        loop {
            let next = self.messages.borrow_mut().pop_front();
            match next {
                Some(text) => {
                    let envelope: Envelope<Response> = serde_json::from_str(&text).expect("worker speaks the protocol");
                    if !matches!(envelope.body, Response::Progress { .. }) {
                        return envelope;
                    }
                }
                None => {
                    let waiter = self.waiter.clone();
                    let promise = Promise::new(&mut |resolve, _| *waiter.borrow_mut() = Some(resolve));
                    JsFuture::from(promise).await.expect("wake-up");
                }
            }
        }
    }
}

fn spawn_test_worker() -> Worker {
    let href = web_sys::window().unwrap().location().href().unwrap();
    let js = Url::new_with_base("wasm-bindgen-test.js", &href).unwrap().href();
    let wasm = Url::new_with_base("wasm-bindgen-test_bg.wasm", &href).unwrap().href();
    let source = format!(
        "import init, {{ tierlab_test_worker_main }} from {js:?};\nawait init({{ module_or_path: {wasm:?} }});\ntierlab_test_worker_main();\n"
    );
    let options = BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = Blob::new_with_str_sequence_and_options(&Array::of1(&source.into()), &options).unwrap();
    let url = Url::create_object_url_with_blob(&blob).unwrap();
    let worker_options = WorkerOptions::new();
    worker_options.set_type(WorkerType::Module);
    Worker::new_with_options(&url, &worker_options).unwrap()
}

fn send(worker: &Worker, job: u32, request: Request) {
    let text = serde_json::to_string(&Envelope { job, body: request }).unwrap();
    worker.post_message(&Array::of1(&text.into())).unwrap();
}

#[wasm_bindgen_test]
async fn worker_says_ready_and_answers_each_job_by_its_id() {
    let worker = spawn_test_worker();
    let inbox = Inbox::default();
    inbox.listen(&worker);

    let ready = inbox.next_answer().await;
    assert_eq!(ready, Envelope { job: 0, body: Response::Ready });

    // Requests are answered in order, each under the job id it was sent with.
    send(&worker, 7, Request::LoadSample { customers: 200, seed: 1 });
    send(&worker, 8, Request::SampleCsv { customers: 5, seed: 1 });
    let first = inbox.next_answer().await;
    let second = inbox.next_answer().await;
    assert_eq!(first.job, 7);
    assert_eq!(second.job, 8);
    worker.terminate();
}
