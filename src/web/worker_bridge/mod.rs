//! The page's side of the compute worker: spawns it, numbers and sends requests, routes answers to
//! the reducer, and keeps the worker usable across cancels and crashes.
//!
//! Cancelling terminates the worker and starts a fresh one: a worker busy in a long loop cannot
//! read a "stop" message. The fresh worker is then given the data the old one held (the sample
//! parameters, or the file and its load settings), so the user never notices beyond a short wait.
//! Model columns published into the data (CLV, predictions, segments) are published again the same
//! way, after a cancel or a crash and after a reload (the requests are kept in localStorage).

mod operations;
mod pool;
mod script;
mod simulator;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, ErrorEvent, MessageEvent, Url, Worker};
use yew::Callback;

use crate::engine::ingest::{LoadSettings, ReadOptions};
use crate::engine::scenario::Scenario;
use crate::protocol::{Envelope, JobId, Request, Response, UserError};
use crate::session::pool::worker_bytes;

use crate::ui::state::{Action, JobInfo, JobKind, LabJob, PageAction, ScenarioId};
use crate::ui::stored::StoredPublished;

use self::script::worker_script_url;
use super::export::{download_buffer, download_text};
use super::persist::{file_store, published};

/// The embedded sample offered on first open.
pub const SAMPLE_CUSTOMERS: usize = 20_000;
pub const SAMPLE_SEED: u64 = 42;

/// How long a worker may take to announce `Ready` before the page gives up on it.
const READY_TIMEOUT_MS: u32 = 30_000;
/// Crashes in a row (without one successful answer between them) after which the page stops
/// restarting the worker: something is deterministically broken, and looping would hide it.
const MAX_CRASHES_IN_A_ROW: u32 = 3;

/// Where the worker's loaded data came from, so a fresh worker can be given the same.
#[derive(Clone)]
enum Source {
    Sample { customers: usize, seed: u64 },
    File { file: Blob, name: String, settings: LoadSettings },
}

/// ScenarioId data a stored list of published columns belongs to.
fn data_tag(source: &Source) -> String {
    match source {
        Source::Sample { customers, seed } => format!("sample:{customers}:{seed}"),
        Source::File { file, name, .. } => format!("file:{name}:{}", file.size()),
    }
}

/// The file the worker holds for `Inspect` / `Load` (not necessarily loaded yet).
#[derive(Clone)]
struct Attached {
    file: Blob,
    name: String,
}

struct Inner {
    dispatch: Callback<Action>,
    worker: Option<Worker>,
    ready: bool,
    /// Messages waiting for `Ready`: a wasm worker drops messages that arrive before its handler
    /// is installed.
    queue: Vec<Array>,
    next_job: JobId,
    pending: BTreeMap<JobId, JobKind>,
    compare_in_flight: Option<JobId>,
    /// The newest comparison asked for while another was running; older wishes are dropped.
    compare_waiting: Option<([ScenarioId; 2], Scenario, Scenario)>,
    /// Live evaluations and explanations sent and not answered yet.
    live_in_flight: usize,
    /// The newest live request asked for while others were running.
    live_waiting: Option<LiveRequest>,
    loaded: Option<Source>,
    attached: Option<Attached>,
    /// The lab jobs whose columns the loaded data holds, in the order they were published.
    published: Vec<LabJob>,
    /// What the last visit had published, until the first data of this visit has loaded.
    stored_published: Option<StoredPublished>,
    crashes_in_a_row: u32,
    ever_ready: bool,
    // Kept alive as long as the worker they listen to.
    on_message: Option<Closure<dyn FnMut(MessageEvent)>>,
    on_error: Option<Closure<dyn FnMut(ErrorEvent)>>,
    ready_timeout: Option<Timeout>,
    /// The helper workers simulations and model lab jobs are split over.
    pool: pool::Pool,
}

/// What the Scoring tab wants computed: one scenario's outcome and, when a customer is looked up,
/// their explanation under the same scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveRequest {
    pub which: ScenarioId,
    pub scenario: Scenario,
    pub customer: Option<String>,
}

/// A cheap, clonable handle shared through context.
#[derive(Clone)]
pub struct Bridge(Rc<RefCell<Inner>>);

impl PartialEq for Bridge {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Bridge {
    pub fn new(dispatch: Callback<Action>) -> Bridge {
        let bridge = Bridge(Rc::new(RefCell::new(Inner {
            dispatch,
            worker: None,
            ready: false,
            queue: Vec::new(),
            next_job: 1,
            pending: BTreeMap::new(),
            compare_in_flight: None,
            compare_waiting: None,
            live_in_flight: 0,
            live_waiting: None,
            loaded: None,
            attached: None,
            published: Vec::new(),
            stored_published: published::load(),
            crashes_in_a_row: 0,
            ever_ready: false,
            on_message: None,
            on_error: None,
            ready_timeout: None,
            pool: pool::Pool::new(),
        })));
        bridge.spawn();
        bridge
    }

    pub fn load_sample(&self) {
        self.0.borrow_mut().attached = None;
        self.send(Request::LoadSample { customers: SAMPLE_CUSTOMERS, seed: SAMPLE_SEED }, None, JobKind::LoadSample);
    }

    /// Reads a newly chosen file's format and column guesses (nothing is loaded yet).
    pub fn inspect(&self, file: Blob, name: String, options: ReadOptions) {
        self.0.borrow_mut().attached = Some(Attached { file: file.clone(), name: name.clone() });
        let request = Request::Inspect { file_name: name.clone(), options };
        self.send(request, Some(file), JobKind::Inspect { file_name: name });
    }

    /// Re-reads the attached file with other reader options (delimiter, header). Without a file on
    /// this side (the sample), the worker re-reads the bytes it already holds.
    pub fn reinspect(&self, source_name: String, options: ReadOptions) {
        let attached = self.0.borrow().attached.clone();
        match attached {
            Some(Attached { file, name }) => self.inspect(file, name, options),
            None => {
                let request = Request::Inspect { file_name: source_name.clone(), options };
                self.send(request, None, JobKind::Inspect { file_name: source_name });
            }
        }
    }

    /// Whether the page holds the file behind the current data (false for the generated sample), i.e.
    /// whether it can be re-read with other reader options.
    pub fn has_file(&self) -> bool {
        self.0.borrow().attached.is_some()
    }

    pub fn load(&self, settings: LoadSettings) {
        // The worker lets go of a file's text once it has loaded it: loading the same file again
        // (other roles or policies) sends the file along.
        let again = {
            let inner = self.0.borrow();
            match (&inner.attached, &inner.loaded) {
                (Some(attached), Some(Source::File { file, .. })) if js_sys::Object::is(&attached.file, file) => {
                    Some(attached.file.clone())
                }
                _ => None,
            }
        };
        self.send(Request::Load { settings }, again, JobKind::Load { startup: false });
    }

    /// Restores the file saved in this browser: inspect it, then load it with its saved settings.
    pub fn restore_file(&self, file: Blob, name: String, settings: LoadSettings) {
        self.0.borrow_mut().attached = Some(Attached { file: file.clone(), name: name.clone() });
        let request = Request::Inspect { file_name: name.clone(), options: settings.read.clone() };
        self.send(request, Some(file), JobKind::Restore);
        self.send(Request::Load { settings }, None, JobKind::Load { startup: true });
    }

    /// Compares A and B; while a comparison runs, only the newest request waits behind it.
    pub fn compare(&self, pair: [ScenarioId; 2], a: Scenario, b: Scenario) {
        let busy = self.0.borrow().compare_in_flight.is_some();
        if busy {
            self.0.borrow_mut().compare_waiting = Some((pair, a, b));
        } else {
            let job = self.send(Request::Compare { a: Box::new(a), b: Box::new(b) }, None, JobKind::Compare { pair });
            self.0.borrow_mut().compare_in_flight = Some(job);
        }
    }

    /// Evaluates a scenario (and explains a customer under it) for the Scoring tab. Sliders ask
    /// many times a second: while earlier requests run, only the newest wish waits behind them.
    /// The explanation is sent right after the evaluation, so the worker reuses it.
    pub fn live(&self, request: LiveRequest) {
        let busy = self.0.borrow().live_in_flight > 0;
        if busy {
            self.0.borrow_mut().live_waiting = Some(request);
            return;
        }
        let LiveRequest { which, scenario, customer } = request;
        let mut sent = 1;
        let evaluate = Request::Evaluate { scenario: Box::new(scenario.clone()) };
        self.send(evaluate, None, JobKind::Evaluate { which });
        if let Some(customer_id) = customer {
            self.send(Request::Explain { scenario: Box::new(scenario), customer_id }, None, JobKind::Explain { which });
            sent += 1;
        }
        self.0.borrow_mut().live_in_flight += sent;
    }

    /// Statistics of every feature of the loaded data.
    pub fn feature_stats(&self) {
        self.send(Request::FeatureStats, None, JobKind::FeatureStats);
    }

    /// A model lab job: a CLV fit, a training or segments (with or without publishing a column).
    /// Segmentations and random forests are split over the pool.
    pub fn lab(&self, job: LabJob) {
        self.send_pooled(job.request(), JobKind::Lab(job));
    }

    pub fn sample_csv(&self) {
        self.send(Request::SampleCsv { customers: SAMPLE_CUSTOMERS, seed: SAMPLE_SEED }, None, JobKind::SampleCsv);
    }

    /// Stops whatever runs: the worker is replaced and given back the loaded data.
    pub fn cancel(&self) {
        self.replace_worker(false);
    }

    fn send(&self, request: Request, attachment: Option<Blob>, kind: JobKind) -> JobId {
        let (job, dispatch) = {
            let mut inner = self.0.borrow_mut();
            let job = inner.next_job;
            inner.next_job += 1;
            inner.pending.insert(job, kind.clone());
            let text = serde_json::to_string(&Envelope { job, body: &request }).unwrap_or_default();
            let message = Array::of1(&JsValue::from_str(&text));
            if let Some(file) = attachment {
                message.push(&file);
            }
            if inner.ready {
                post(&inner, &message);
            } else {
                inner.queue.push(message);
            }
            (job, inner.dispatch.clone())
        };
        dispatch.emit(Action::JobSent(JobInfo { id: job, kind, stage: None, done: 0, total: 0 }));
        job
    }

    fn spawn(&self) {
        let url = match worker_script_url() {
            Ok(url) => url,
            Err(error) => return self.start_failed(&error),
        };
        let worker = match Worker::new(&url) {
            Ok(worker) => worker,
            Err(error) => return self.start_failed(&error),
        };
        let _ = Url::revoke_object_url(&url);

        let weak = Rc::downgrade(&self.0);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(inner) = weak.upgrade() {
                Bridge(inner).on_message(event);
            }
        });
        let weak = Rc::downgrade(&self.0);
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            if let Some(inner) = weak.upgrade() {
                Bridge(inner).on_worker_error(event.message());
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));

        let weak = Rc::downgrade(&self.0);
        let timeout = Timeout::new(READY_TIMEOUT_MS, move || {
            if let Some(inner) = weak.upgrade() {
                let bridge = Bridge(inner);
                if !bridge.0.borrow().ready {
                    bridge.start_failed(&JsValue::from_str("the worker did not start in time"));
                }
            }
        });

        let mut inner = self.0.borrow_mut();
        inner.worker = Some(worker);
        inner.ready = false;
        inner.on_message = Some(on_message);
        inner.on_error = Some(on_error);
        inner.ready_timeout = Some(timeout);
    }

    fn start_failed(&self, error: &JsValue) {
        web_sys::console::error_2(&"tierlab: the worker could not start:".into(), error);
        let dispatch = {
            let mut inner = self.0.borrow_mut();
            if let Some(worker) = inner.worker.take() {
                worker.terminate();
            }
            inner.ready_timeout = None;
            inner.dispatch.clone()
        };
        dispatch.emit(Action::EngineFailed);
    }

    fn on_message(&self, event: MessageEvent) {
        // A file answer is `[json, ArrayBuffer]`; everything else is the JSON text alone.
        let data = event.data();
        let (text, file) = match data.as_string() {
            Some(text) => (text, None),
            None if js_sys::Array::is_array(&data) => {
                let parts = js_sys::Array::from(&data);
                let Some(text) = parts.get(0).as_string() else { return };
                (text, Some(parts.get(1)))
            }
            None => return,
        };
        let envelope: Envelope<Response> = match serde_json::from_str(&text) {
            Ok(envelope) => envelope,
            Err(error) => {
                let message = format!("unreadable answer from the worker: {error}");
                let dispatch = self.0.borrow().dispatch.clone();
                dispatch.emit(Action::Page(PageAction::ShowError(UserError::Internal { message })));
                return;
            }
        };
        let job = envelope.job;
        if self.0.borrow().pool.is_share(job) {
            return self.on_share(job, envelope.body);
        }
        match envelope.body {
            Response::Ready => self.on_ready(),
            Response::Progress { stage, done, total } => {
                let dispatch = self.0.borrow().dispatch.clone();
                dispatch.emit(Action::JobProgress { job, stage, done, total });
            }
            response => self.on_answer(job, response, file),
        }
    }

    fn on_ready(&self) {
        let dispatch = {
            let mut inner = self.0.borrow_mut();
            inner.ready = true;
            inner.ever_ready = true;
            inner.ready_timeout = None;
            for message in std::mem::take(&mut inner.queue) {
                post(&inner, &message);
            }
            inner.dispatch.clone()
        };
        dispatch.emit(Action::EngineReady);
    }

    /// `file`: the transferred `ArrayBuffer` of a `File` answer. Its bytes stay on the JS side (the
    /// `bytes` of the answer stay empty): a member list of a million customers is handed to the
    /// browser as it came, never copied into the page's wasm memory, which would never shrink again.
    fn on_answer(&self, job: JobId, response: Response, file: Option<JsValue>) {
        let Some(kind) = self.0.borrow_mut().pending.remove(&job) else {
            // An answer for a job that was cancelled or belongs to a replaced worker.
            return;
        };
        let failed = matches!(response, Response::Failed { .. });
        if !failed {
            self.0.borrow_mut().crashes_in_a_row = 0;
        }
        if let Response::Loaded { summary } = &response {
            self.0.borrow_mut().pool.data_bytes = worker_bytes(summary.events, summary.customers);
        }
        match (&kind, &response) {
            (JobKind::LoadSample, Response::Loaded { .. }) => {
                self.0.borrow_mut().loaded = Some(Source::Sample { customers: SAMPLE_CUSTOMERS, seed: SAMPLE_SEED });
                wasm_bindgen_futures::spawn_local(async {
                    let _ = file_store::clear_file().await;
                });
                self.data_changed();
            }
            (JobKind::Load { .. }, Response::Loaded { summary }) => {
                self.remember_loaded_file(summary.settings.clone());
                self.data_changed();
            }
            (JobKind::Load { startup: true }, Response::Failed { .. }) => {
                // The saved file no longer loads (e.g. a newer TierLab reads it differently).
                self.0.borrow_mut().stored_published = None;
                self.load_sample();
            }
            (JobKind::Lab(lab_job), _) if lab_job.publishes() && !failed => self.remember_published(lab_job.clone()),
            (JobKind::SampleCsv, Response::Csv { file_name, text }) => download_text(file_name, text),
            (JobKind::Members { .. }, Response::File { file_name, media_type, .. }) => {
                if let Some(buffer) = &file {
                    download_buffer(file_name, media_type, buffer);
                }
            }
            _ => {}
        }
        if matches!(kind, JobKind::Compare { .. }) {
            self.compare_done();
        }
        if matches!(kind, JobKind::Evaluate { .. } | JobKind::Explain { .. }) {
            self.live_done();
        }
        let dispatch = self.0.borrow().dispatch.clone();
        dispatch.emit(Action::JobFinished { job, kind, response });
    }

    fn remember_loaded_file(&self, settings: LoadSettings) {
        let attached = self.0.borrow().attached.clone();
        if let Some(Attached { file, name }) = attached {
            let source = Source::File { file: file.clone(), name: name.clone(), settings: settings.clone() };
            self.0.borrow_mut().loaded = Some(source);
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(error) = file_store::save_file(&file, &name, &settings).await {
                    web_sys::console::warn_2(&"tierlab: the file could not be saved for next time:".into(), &error);
                }
            });
        }
    }

    /// New data holds none of the old model columns. On the first data of a visit, the columns the
    /// last visit published on the same data are published again.
    fn data_changed(&self) {
        let (stored, data) = {
            let mut inner = self.0.borrow_mut();
            inner.published.clear();
            (inner.stored_published.take(), inner.loaded.as_ref().map(data_tag))
        };
        match (stored, data) {
            (Some(stored), Some(data)) if stored.data == data => {
                for job in stored.requests.into_iter().filter_map(LabJob::from_request) {
                    self.lab(job);
                }
            }
            _ => self.save_published(),
        }
        self.sync_helpers();
    }

    /// A later job publishing a column replaces the earlier one that published it.
    fn remember_published(&self, job: LabJob) {
        {
            let mut inner = self.0.borrow_mut();
            let columns = job.published_columns();
            inner.published.retain(|earlier| !earlier.published_columns().iter().any(|c| columns.contains(c)));
            inner.published.push(job);
        }
        self.save_published();
        self.sync_helpers();
    }

    fn save_published(&self) {
        let inner = self.0.borrow();
        if let Some(data) = inner.loaded.as_ref().map(data_tag) {
            let requests = inner.published.iter().map(LabJob::request).collect();
            published::save(&StoredPublished { data, requests });
        }
    }

    fn compare_done(&self) {
        let waiting = {
            let mut inner = self.0.borrow_mut();
            inner.compare_in_flight = None;
            inner.compare_waiting.take()
        };
        if let Some((pair, a, b)) = waiting {
            self.compare(pair, a, b);
        }
    }

    fn live_done(&self) {
        let waiting = {
            let mut inner = self.0.borrow_mut();
            inner.live_in_flight = inner.live_in_flight.saturating_sub(1);
            if inner.live_in_flight == 0 {
                inner.live_waiting.take()
            } else {
                None
            }
        };
        if let Some(request) = waiting {
            self.live(request);
        }
    }

    fn on_worker_error(&self, message: String) {
        let (ever_ready, crashes) = {
            let inner = self.0.borrow();
            (inner.ever_ready, inner.crashes_in_a_row)
        };
        if !ever_ready {
            // The script or the wasm could not be loaded at all.
            return self.start_failed(&JsValue::from_str(&message));
        }
        web_sys::console::error_2(&"tierlab: the worker stopped:".into(), &JsValue::from_str(&message));
        if crashes + 1 >= MAX_CRASHES_IN_A_ROW {
            self.start_failed(&JsValue::from_str("the worker keeps crashing"));
            return;
        }
        self.0.borrow_mut().crashes_in_a_row += 1;
        self.replace_worker(true);
    }

    /// Terminates the current worker, starts a fresh one and gives it back the loaded data.
    fn replace_worker(&self, crashed: bool) {
        self.stop_helpers();
        let (loaded, dispatch, published) = {
            let mut inner = self.0.borrow_mut();
            if let Some(worker) = inner.worker.take() {
                worker.set_onmessage(None);
                worker.set_onerror(None);
                worker.terminate();
            }
            inner.pending.clear();
            inner.queue.clear();
            inner.compare_in_flight = None;
            inner.compare_waiting = None;
            inner.live_in_flight = 0;
            inner.live_waiting = None;
            // The fresh worker will hold the loaded data's file, not a half-inspected new one.
            inner.attached = match &inner.loaded {
                Some(Source::File { file, name, .. }) => Some(Attached { file: file.clone(), name: name.clone() }),
                _ => None,
            };
            (inner.loaded.clone(), inner.dispatch.clone(), inner.published.clone())
        };
        dispatch.emit(Action::WorkerReplaced { crashed });
        self.spawn();
        match loaded {
            Some(Source::Sample { customers, seed }) => {
                self.send(Request::LoadSample { customers, seed }, None, JobKind::Restore);
            }
            Some(Source::File { file, name, settings }) => {
                let inspect = Request::Inspect { file_name: name, options: settings.read.clone() };
                self.send(inspect, Some(file), JobKind::Restore);
                self.send(Request::Load { settings }, None, JobKind::Restore);
            }
            // Nothing was loaded yet. After a crash, start over with the sample so the page is not
            // left empty; after a cancel, respect it (the user can load the sample or a file).
            None if crashed => self.load_sample(),
            None => {}
        }
        // After the data, the model columns it held (answers mark them published again).
        for job in published {
            self.send(job.request(), None, JobKind::Lab(job));
        }
        self.sync_helpers();
    }
}

fn post(inner: &Inner, message: &Array) {
    if let Some(worker) = &inner.worker {
        if let Err(error) = worker.post_message(message) {
            web_sys::console::error_2(&"tierlab: could not send to the worker:".into(), &error);
        }
    }
}
