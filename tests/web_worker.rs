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
use tierlab::engine::ingest::ReadOptions;
use tierlab::engine::progress::Silent;
use tierlab::engine::scenario::Scenario;
use tierlab::protocol::{Envelope, Request, Response, UserError};
use tierlab::session::Session;
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

/// Stands for a bug in the engine: called inside the worker while it runs the real loop.
#[wasm_bindgen]
pub fn tierlab_test_panic() {
    let empty: Vec<u32> = Vec::new();
    let _ = empty[std::hint::black_box(3)];
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
    spawn_worker_with("")
}

/// `extra` runs after the loop is installed (e.g. a trigger for a deliberate panic).
fn spawn_worker_with(extra: &str) -> Worker {
    let href = web_sys::window().unwrap().location().href().unwrap();
    let js = Url::new_with_base("wasm-bindgen-test.js", &href).unwrap().href();
    let wasm = Url::new_with_base("wasm-bindgen-test_bg.wasm", &href).unwrap().href();
    let source = format!(
        "import init, {{ tierlab_test_worker_main, tierlab_test_panic }} from {js:?};\n\
         await init({{ module_or_path: {wasm:?} }});\ntierlab_test_worker_main();\n{extra}\n"
    );
    let options = BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = Blob::new_with_str_sequence_and_options(&Array::of1(&source.into()), &options).unwrap();
    let url = Url::create_object_url_with_blob(&blob).unwrap();
    let worker_options = WorkerOptions::new();
    worker_options.set_type(WorkerType::Module);
    Worker::new_with_options(&url, &worker_options).unwrap()
}

fn send(worker: &Worker, job: u32, request: &Request, attachment: Option<&Blob>) {
    let text = serde_json::to_string(&Envelope { job, body: request }).unwrap();
    let message = Array::of1(&text.into());
    if let Some(file) = attachment {
        message.push(file);
    }
    worker.post_message(&message).unwrap();
}

fn csv_blob(text: &str) -> Blob {
    let options = BlobPropertyBag::new();
    options.set_type("text/csv");
    Blob::new_with_str_sequence_and_options(&Array::of1(&text.into()), &options).unwrap()
}

/// What the session answers when called directly, without the worker in between.
fn direct(session: &mut Session, request: &Request, attachment: Option<&str>) -> Response {
    session.handle(request.clone(), attachment.map(|t| t.as_bytes().to_vec()), &mut Silent)
}

/// The worker shell must be transparent: every answer that comes back through `postMessage` and
/// JSON is exactly what `Session::handle` returns for the same requests in the same order (which
/// also checks that the same seed gives the same data), each under the job id it was sent with.
/// The file travels as a `Blob` beside the JSON and is read inside the worker.
#[wasm_bindgen_test]
async fn worker_answers_like_the_session_under_each_job_id() {
    let worker = spawn_test_worker();
    let inbox = Inbox::default();
    inbox.listen(&worker);
    assert_eq!(inbox.next_answer().await, Envelope { job: 0, body: Response::Ready });

    let csv = "customer_id,date,amount\nc1,2024-01-05,120.50\nc2,2024-01-06,80\nc1,2024-02-01,35.25\n";
    let requests = [
        (7, Request::Compare { a: Box::new(Scenario::template()), b: Box::new(Scenario::template()) }, None),
        (8, Request::LoadSample { customers: 200, seed: 1 }, None),
        (9, Request::Inspect { file_name: "orders.csv".into(), options: ReadOptions::default() }, Some(csv)),
    ];
    for (job, request, attachment) in &requests {
        send(&worker, *job, request, attachment.map(csv_blob).as_ref());
    }
    let mut session = Session::new();
    let mut answers = Vec::new();
    for (job, request, attachment) in &requests {
        let expected = direct(&mut session, request, *attachment);
        let answer = inbox.next_answer().await;
        assert_eq!(answer.job, *job);
        assert_eq!(answer.body, expected, "job {job}");
        answers.push(answer.body);
    }
    worker.terminate();

    // And what those answers are: no data before the sample; the sample has the customers asked
    // for; the 3-row CSV read from the Blob has 3 records in 3 columns.
    assert_eq!(answers[0], Response::Failed { error: UserError::NoData });
    let Response::Loaded { summary } = &answers[1] else { panic!("sample not loaded: {:?}", answers[1]) };
    assert_eq!(summary.customers, 200);
    let Response::Inspected { inspection, .. } = &answers[2] else { panic!("csv not inspected: {:?}", answers[2]) };
    assert_eq!((inspection.record_count, inspection.columns.len()), (3, 3));
}

/// A panic inside the worker is not silence: the page gets `Failed { Internal }` for the job that
/// was running, so it can say so and start a fresh worker.
#[wasm_bindgen_test]
async fn a_panic_in_the_worker_is_reported_against_the_current_job() {
    let worker = spawn_worker_with(
        "self.addEventListener('message', (e) => { if (e.data === 'panic') { tierlab_test_panic(); } });",
    );
    let inbox = Inbox::default();
    inbox.listen(&worker);
    assert_eq!(inbox.next_answer().await.body, Response::Ready);

    send(&worker, 5, &Request::SampleCsv { customers: 3, seed: 1 }, None);
    assert_eq!(inbox.next_answer().await.job, 5);
    worker.post_message(&"panic".into()).unwrap();

    // The loop itself answers the malformed message (job 0); the panic report names job 5.
    let mut reports = Vec::new();
    for _ in 0..2 {
        reports.push(inbox.next_answer().await);
    }
    let panic = reports.iter().find(|r| r.job == 5).unwrap_or_else(|| panic!("no panic report in {reports:?}"));
    match &panic.body {
        Response::Failed { error: UserError::Internal { message } } => {
            assert!(message.starts_with("panic: "), "{message}");
            assert!(message.contains("index out of bounds"), "{message}");
        }
        other => panic!("expected an internal failure, got {other:?}"),
    }
    worker.terminate();
}
