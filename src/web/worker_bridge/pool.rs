//! The helper workers: with `navigator.hardwareConcurrency` cores (or `?workers=N`), the page runs
//! that many workers, the first being the bridge's own. Each helper is its own wasm instance
//! (no SharedArrayBuffer, so no special headers on the host) and holds its own copy of the data:
//! after each load it is sent the same requests the first worker got (the sample's parameters or
//! the file, then the model columns published into the data), in the same order.
//!
//! Simulations, sensitivity analyses, segmentations and random forests are split over every worker
//! (`crate::session::pool`): each computes a share, the page collects the shares and the first
//! worker finishes the job from them, so the answer is the one a single worker gives. A simulation
//! or sensitivity analysis first asks the first worker for its no-program baseline
//! (`Split::baseline_request`) and sends it with every helper's share, so the model is fitted once,
//! not once per worker. Progress adds
//! up the shares; cancelling terminates every helper (a busy worker cannot read a "stop" message)
//! and starts them again.
//!
//! A job is split only once every helper has been sent what the first worker will hold when it
//! reaches the job: the columns published so far and those still being published
//! (`helper_columns`); while new data loads, jobs run on the first worker alone. A helper that does
//! not say `Ready` in time is dropped (its shares run on the first worker) and the page says the
//! work now runs on fewer workers.

use std::collections::BTreeMap;

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, ErrorEvent, MessageEvent, Url, Worker};

use gloo::timers::callback::Timeout;

use crate::protocol::{Envelope, JobId, Request, Response, UserError};
use crate::session::pool::{
    affordable_workers, forced_workers, helper_columns, pool_size, split_request, PoolProgress, Running, Split,
};
use crate::session::pool_optimise::{PooledSearch, SearchStep};
use crate::ui::state::{Action, JobInfo, JobKind, Notice, PageAction};

use super::script::worker_script_url;
use super::{data_tag, Bridge, Source, READY_TIMEOUT_MS};

/// One helper worker.
struct Helper {
    /// Names the helper to its event handlers whatever its place in the list.
    id: u64,
    worker: Worker,
    ready: bool,
    _ready_timeout: Option<Timeout>,
    /// Messages waiting for `Ready`.
    queue: Vec<Array>,
    /// What the data requests sent so far were (keys of `data_requests`): a helper that has had a
    /// prefix of today's list is sent the rest, any other is sent everything (a load replaces data).
    synced: Vec<String>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

/// One share of a split job.
#[derive(Clone, Copy)]
struct Share {
    /// The job it is a share of.
    parent: JobId,
    /// Its place among the parent's parts.
    part: usize,
    /// The helper computing it (by id); `None`: the bridge's own worker.
    helper: Option<u64>,
}

/// A job split over the workers, waiting for its shares.
struct Pooled {
    split: Split,
    answers: Vec<Option<Response>>,
    progress: PoolProgress,
}

/// An optimisation split over the workers, round by round (`PooledSearch`).
struct Searching {
    search: PooledSearch,
    /// The batch of candidates being estimated: each share's request and answer.
    parts: Vec<Request>,
    answers: Vec<Option<Response>>,
}

/// The pool's state, inside the bridge.
pub(super) struct Pool {
    /// Workers in all, the bridge's own included.
    size: usize,
    helpers: Vec<Helper>,
    /// Job of a share -> where it belongs and runs.
    shares: BTreeMap<JobId, Share>,
    pooled: BTreeMap<JobId, Pooled>,
    searches: BTreeMap<JobId, Searching>,
    /// Job of an optimisation round (on the first worker) -> the optimisation.
    rounds: BTreeMap<JobId, JobId>,
    /// Job fitting the baseline on the first worker (`Split::baseline_request`) -> the split job
    /// whose parts wait for it.
    baselines: BTreeMap<JobId, JobId>,
    /// Set when a helper could not start: the page then runs everything on one worker.
    disabled: bool,
    next_helper: u64,
    /// One worker's memory for the loaded data (`worker_bytes`; 0 before any): big data runs on
    /// fewer workers (`affordable_workers`).
    pub(super) data_bytes: u64,
}

impl Pool {
    /// Workers for the loaded data: the pool's size, fewer when copies of the data would not fit.
    fn workers(&self) -> usize {
        affordable_workers(self.size, self.data_bytes)
    }

    fn position(&self, helper: u64) -> Option<usize> {
        self.helpers.iter().position(|h| h.id == helper)
    }

    /// As many workers as the browser has cores (or `?workers=N`), within `WORKERS`.
    pub(super) fn new() -> Pool {
        let window = web_sys::window();
        let cores = window.as_ref().map_or(1.0, |w| w.navigator().hardware_concurrency());
        let query = window.and_then(|w| w.location().search().ok()).unwrap_or_default();
        Pool {
            size: pool_size(cores, forced_workers(&query)),
            helpers: Vec::new(),
            shares: BTreeMap::new(),
            pooled: BTreeMap::new(),
            searches: BTreeMap::new(),
            rounds: BTreeMap::new(),
            baselines: BTreeMap::new(),
            disabled: false,
            next_helper: 0,
            data_bytes: 0,
        }
    }

    pub(super) fn is_share(&self, job: JobId) -> bool {
        self.shares.contains_key(&job) || self.rounds.contains_key(&job) || self.baselines.contains_key(&job)
    }

    /// The request of part `part` of the split job or optimisation `parent`.
    fn part(&self, parent: JobId, part: usize) -> Option<&Request> {
        match self.pooled.get(&parent) {
            Some(pooled) => pooled.split.parts.get(part),
            None => self.searches.get(&parent)?.parts.get(part),
        }
    }
}

/// The requests that give a fresh worker the loaded data, with a key each (the data's tag and the
/// request's JSON) to tell what a helper already has.
fn data_requests(loaded: &Source, published: &[Request]) -> Vec<(String, Request, Option<Blob>)> {
    let tag = data_tag(loaded);
    let mut requests = match loaded {
        Source::Sample { customers, seed } => {
            vec![(Request::LoadSample { customers: *customers, seed: *seed }, None)]
        }
        Source::File { file, name, settings } => vec![
            (Request::Inspect { file_name: name.clone(), options: settings.read.clone() }, Some(file.clone())),
            (Request::Load { settings: settings.clone() }, None),
        ],
    };
    requests.extend(published.iter().map(|request| (request.clone(), None)));
    requests
        .into_iter()
        .map(|(request, file)| {
            (format!("{tag}\n{}", serde_json::to_string(&request).unwrap_or_default()), request, file)
        })
        .collect()
}

impl Bridge {
    fn next_job(&self) -> JobId {
        let mut inner = self.0.borrow_mut();
        let job = inner.next_job;
        inner.next_job += 1;
        job
    }

    /// Sends a request split over the pool (`split_request`), or as one job when there is one
    /// worker, no data yet, new data loading, or the request cannot be split.
    pub(super) fn send_pooled(&self, request: Request, kind: JobKind) -> JobId {
        let columns = {
            let inner = self.0.borrow();
            let published: Vec<Request> = inner.published.iter().map(|job| job.request()).collect();
            let running: Vec<Running> = inner.pending.values().map(running).collect();
            helper_columns(&published, &running)
        };
        let Some(columns) = columns else {
            return self.send(request, None, kind);
        };
        // Starts the helpers if needed (and gives up on them if they cannot start), and sends them
        // every column the first worker will hold when it reaches this job.
        self.sync_helpers_with(&columns);
        let workers = self.pooled_workers();
        if workers > 1 {
            if let Some((search, first)) = PooledSearch::start(&request) {
                return self.start_search(search, first, kind);
            }
        }
        let Some(split) = split_request(&request, workers) else {
            return self.send(request, None, kind);
        };
        let parent = self.next_job();
        let baseline_request = split.baseline_request();
        let dispatch = {
            let mut inner = self.0.borrow_mut();
            inner.pending.insert(parent, kind.clone());
            let parts = split.parts.len();
            let progress = PoolProgress::new(parts, split.shared_stage());
            let pooled = Pooled { answers: vec![None; parts], progress, split };
            inner.pool.pooled.insert(parent, pooled);
            inner.dispatch.clone()
        };
        dispatch.emit(Action::JobSent(JobInfo { id: parent, kind, stage: None, done: 0, total: 0 }));
        match baseline_request {
            // The first worker fits the baseline once; the parts go out with it (`on_baseline`).
            Some(fit) => {
                let job = self.next_job();
                self.0.borrow_mut().pool.baselines.insert(job, parent);
                self.post_to(0, job, &fit, None);
            }
            None => self.send_parts(parent),
        }
        parent
    }

    /// Sends every part of the split job `parent` to its worker.
    fn send_parts(&self, parent: JobId) {
        let parts = match self.0.borrow().pool.pooled.get(&parent) {
            Some(pooled) => pooled.split.parts.clone(),
            None => return,
        };
        for (part, request) in parts.iter().enumerate() {
            let job = self.next_job();
            let helper = part.checked_sub(1).and_then(|i| self.0.borrow().pool.helpers.get(i).map(|h| h.id));
            self.0.borrow_mut().pool.shares.insert(job, Share { parent, part, helper });
            // A helper dropped while the baseline was fitted: its part runs on the first worker.
            let worker = if helper.is_some() { part } else { 0 };
            self.post_to(worker, job, request, None);
        }
    }

    /// The first worker's progress or answer fitting the baseline of the split job `parent`: its
    /// parts are sent with the baseline, or the job fails with the first worker's error.
    fn on_baseline(&self, job: JobId, parent: JobId, body: Response) {
        if let Response::Progress { stage, done, total } = body {
            let dispatch = self.0.borrow().dispatch.clone();
            dispatch.emit(Action::JobProgress { job: parent, stage, done, total });
            return;
        }
        let shipped = {
            let mut inner = self.0.borrow_mut();
            inner.pool.baselines.remove(&job);
            let Some(pooled) = inner.pool.pooled.get_mut(&parent) else { return };
            let shipped = pooled.split.ship_baseline(body);
            if shipped.is_err() {
                inner.pool.pooled.remove(&parent);
            }
            shipped
        };
        match shipped {
            Ok(()) => self.send_parts(parent),
            Err(error) => self.on_answer(parent, Response::Failed { error }, None),
        }
    }

    /// The workers a job can be split over now.
    fn pooled_workers(&self) -> usize {
        let inner = self.0.borrow();
        if inner.pool.disabled || inner.loaded.is_none() {
            1
        } else {
            inner.pool.workers().min(inner.pool.helpers.len() + 1)
        }
    }

    /// Starts an optimisation split over the pool: its first round goes to the first worker.
    fn start_search(&self, search: PooledSearch, first: Request, kind: JobKind) -> JobId {
        let parent = self.next_job();
        let dispatch = {
            let mut inner = self.0.borrow_mut();
            inner.pending.insert(parent, kind.clone());
            inner.pool.searches.insert(parent, Searching { search, parts: Vec::new(), answers: Vec::new() });
            inner.dispatch.clone()
        };
        dispatch.emit(Action::JobSent(JobInfo { id: parent, kind, stage: None, done: 0, total: 0 }));
        self.search_step(parent, SearchStep::Round(first));
        parent
    }

    /// Sends an optimisation's next round or batch of shares, or answers it.
    fn search_step(&self, parent: JobId, step: SearchStep) {
        match step {
            SearchStep::Round(round) => {
                let job = self.next_job();
                self.0.borrow_mut().pool.rounds.insert(job, parent);
                self.post_to(0, job, &round, None);
            }
            SearchStep::Estimate(parts) => {
                {
                    let mut inner = self.0.borrow_mut();
                    let Some(searching) = inner.pool.searches.get_mut(&parent) else { return };
                    searching.answers = vec![None; parts.len()];
                    searching.parts = parts.clone();
                }
                for (part, request) in parts.iter().enumerate() {
                    let job = self.next_job();
                    let helper = part.checked_sub(1).and_then(|i| self.0.borrow().pool.helpers.get(i).map(|h| h.id));
                    self.0.borrow_mut().pool.shares.insert(job, Share { parent, part, helper });
                    self.post_to(part, job, request, None);
                }
            }
            SearchStep::Answer(answer) => {
                self.0.borrow_mut().pool.searches.remove(&parent);
                self.on_answer(parent, answer, None);
            }
        }
    }

    /// The first worker's progress or answer on an optimisation's round.
    fn on_round(&self, job: JobId, parent: JobId, body: Response) {
        if let Response::Progress { stage, done, total } = body {
            let dispatch = self.0.borrow().dispatch.clone();
            dispatch.emit(Action::JobProgress { job: parent, stage, done, total });
            return;
        }
        self.0.borrow_mut().pool.rounds.remove(&job);
        let workers = self.pooled_workers();
        let step = {
            let mut inner = self.0.borrow_mut();
            let Some(searching) = inner.pool.searches.get_mut(&parent) else { return };
            searching.search.on_round(body, workers)
        };
        self.search_step(parent, step);
    }

    /// A share's answer on an optimisation's batch of candidates.
    fn on_search_share(&self, job: JobId, parent: JobId, part: usize, body: Response) {
        let failed = matches!(body, Response::Failed { .. });
        let step = {
            let mut inner = self.0.borrow_mut();
            inner.pool.shares.remove(&job);
            let Some(searching) = inner.pool.searches.get_mut(&parent) else { return };
            if let Some(slot) = searching.answers.get_mut(part) {
                *slot = Some(body);
            }
            if !failed && !searching.answers.iter().all(Option::is_some) {
                return;
            }
            let answers = std::mem::take(&mut searching.answers)
                .into_iter()
                .map(|a| a.unwrap_or(Response::Failed { error: UserError::Internal { message: "no answer".into() } }))
                .collect();
            let step = searching.search.on_estimates(answers);
            inner.pool.shares.retain(|_, share| share.parent != parent);
            step
        };
        self.search_step(parent, step);
    }

    /// Posts a request to worker `worker` (0: the bridge's own), queued until it is ready.
    fn post_to(&self, worker: usize, job: JobId, request: &Request, file: Option<&Blob>) {
        let text = serde_json::to_string(&Envelope { job, body: request }).unwrap_or_default();
        let message = Array::of1(&JsValue::from_str(&text));
        if let Some(file) = file {
            message.push(file);
        }
        let mut inner = self.0.borrow_mut();
        if worker == 0 {
            if inner.ready {
                super::post(&inner, &message);
            } else {
                inner.queue.push(message);
            }
            return;
        }
        let Some(helper) = inner.pool.helpers.get_mut(worker - 1) else { return };
        if helper.ready {
            if let Err(error) = helper.worker.post_message(&message) {
                web_sys::console::error_2(&"tierlab: could not send to a helper worker:".into(), &error);
            }
        } else {
            helper.queue.push(message);
        }
    }

    /// Starts the helpers if they are not running and sends each the loaded data it lacks. Called
    /// when data is loaded or a column published, so the helpers are ready before a simulation.
    pub(super) fn sync_helpers(&self) {
        let published: Vec<Request> = self.0.borrow().published.iter().map(|job| job.request()).collect();
        self.sync_helpers_with(&published);
    }

    /// `sync_helpers`, the helpers given the loaded data and the column-publishing `columns`.
    fn sync_helpers_with(&self, columns: &[Request]) {
        let (size, disabled) = {
            let inner = self.0.borrow();
            (inner.pool.workers(), inner.pool.disabled)
        };
        // Data too big for this many copies (a bigger file than before): fewer helpers.
        if self.0.borrow().pool.helpers.len() + 1 > size {
            self.stop_helpers();
        }
        if disabled || size < 2 {
            return;
        }
        let wanted = {
            let inner = self.0.borrow();
            let Some(loaded) = &inner.loaded else { return };
            data_requests(loaded, columns)
        };
        while self.0.borrow().pool.helpers.len() < size - 1 {
            if let Err(error) = self.spawn_helper() {
                web_sys::console::warn_2(&"tierlab: a helper worker could not start; using one worker:".into(), &error);
                self.stop_helpers();
                self.0.borrow_mut().pool.disabled = true;
                return;
            }
        }
        let keys: Vec<String> = wanted.iter().map(|(key, ..)| key.clone()).collect();
        let helpers = self.0.borrow().pool.helpers.len();
        for index in 0..helpers {
            let synced = self.0.borrow().pool.helpers[index].synced.clone();
            let from = if keys.starts_with(&synced) { synced.len() } else { 0 };
            for (_, request, file) in &wanted[from..] {
                let job = self.next_job();
                self.post_to(index + 1, job, request, file.as_ref());
            }
            self.0.borrow_mut().pool.helpers[index].synced = keys.clone();
        }
    }

    fn spawn_helper(&self) -> Result<(), JsValue> {
        let url = worker_script_url()?;
        let worker = Worker::new(&url)?;
        let _ = Url::revoke_object_url(&url);
        let id = {
            let mut inner = self.0.borrow_mut();
            inner.pool.next_helper += 1;
            inner.pool.next_helper
        };
        let weak = std::rc::Rc::downgrade(&self.0);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(inner) = weak.upgrade() {
                Bridge(inner).on_helper_message(id, event);
            }
        });
        let weak = std::rc::Rc::downgrade(&self.0);
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            if let Some(inner) = weak.upgrade() {
                Bridge(inner).on_helper_error(id, event.message());
            }
        });
        let weak = std::rc::Rc::downgrade(&self.0);
        let ready_timeout = Timeout::new(READY_TIMEOUT_MS, move || {
            if let Some(inner) = weak.upgrade() {
                Bridge(inner).on_helper_silent(id);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let helper = Helper {
            id,
            worker,
            ready: false,
            _ready_timeout: Some(ready_timeout),
            queue: Vec::new(),
            synced: Vec::new(),
            _on_message: on_message,
            _on_error: on_error,
        };
        self.0.borrow_mut().pool.helpers.push(helper);
        Ok(())
    }

    /// A helper has not said `Ready` in time: it is dropped, the pool runs one worker fewer from
    /// now on, its shares run on the first worker instead (the same answers), and the page says so.
    fn on_helper_silent(&self, id: u64) {
        let (rerun, dispatch) = {
            let mut inner = self.0.borrow_mut();
            let Some(index) = inner.pool.position(id) else { return };
            if inner.pool.helpers[index].ready {
                return;
            }
            let helper = inner.pool.helpers.remove(index);
            helper.worker.set_onmessage(None);
            helper.worker.set_onerror(None);
            helper.worker.terminate();
            inner.pool.size = inner.pool.size.saturating_sub(1).max(1);
            let pool = &mut inner.pool;
            let moved: Vec<(JobId, JobId, usize)> =
                pool.shares.iter().filter(|(_, s)| s.helper == Some(id)).map(|(j, s)| (*j, s.parent, s.part)).collect();
            let mut rerun = Vec::new();
            for (job, parent, part) in moved {
                if let Some(share) = pool.shares.get_mut(&job) {
                    share.helper = None;
                }
                if let Some(request) = pool.part(parent, part) {
                    rerun.push((job, request.clone()));
                }
            }
            (rerun, inner.dispatch.clone())
        };
        web_sys::console::warn_1(&"tierlab: a helper worker did not start in time; using fewer workers".into());
        for (job, part) in rerun {
            self.post_to(0, job, &part, None);
        }
        dispatch.emit(Action::Page(PageAction::AddNotice(Notice::FewerWorkers)));
    }

    fn on_helper_message(&self, id: u64, event: MessageEvent) {
        let Some(text) = event.data().as_string() else { return };
        let Ok(envelope) = serde_json::from_str::<Envelope<Response>>(&text) else { return };
        match envelope.body {
            Response::Ready => {
                let mut inner = self.0.borrow_mut();
                let index = inner.pool.position(id);
                if let Some(helper) = index.and_then(|i| inner.pool.helpers.get_mut(i)) {
                    helper.ready = true;
                    helper._ready_timeout = None;
                    for message in std::mem::take(&mut helper.queue) {
                        let _ = helper.worker.post_message(&message);
                    }
                }
            }
            body if self.0.borrow().pool.is_share(envelope.job) => self.on_share(envelope.job, body),
            // The answers to the data requests: only a failure is worth a word (the job using
            // this helper will then fail too, saying why).
            Response::Failed { error } => {
                web_sys::console::warn_2(
                    &"tierlab: a helper worker refused its data:".into(),
                    &error.to_string().into(),
                );
            }
            _ => {}
        }
    }

    /// A share's progress or answer (from any worker, the bridge's own included).
    pub(super) fn on_share(&self, job: JobId, body: Response) {
        let round = self.0.borrow().pool.rounds.get(&job).copied();
        if let Some(parent) = round {
            return self.on_round(job, parent, body);
        }
        let fitting = self.0.borrow().pool.baselines.get(&job).copied();
        if let Some(parent) = fitting {
            return self.on_baseline(job, parent, body);
        }
        let Some(&Share { parent, part, .. }) = self.0.borrow().pool.shares.get(&job) else { return };
        if self.0.borrow().pool.searches.contains_key(&parent) {
            if !matches!(body, Response::Progress { .. }) {
                self.on_search_share(job, parent, part, body);
            }
            return;
        }
        if let Response::Progress { stage, done, total } = body {
            let (shown, dispatch) = {
                let mut inner = self.0.borrow_mut();
                let Some(pooled) = inner.pool.pooled.get_mut(&parent) else { return };
                (pooled.progress.report(part, stage, done, total), inner.dispatch.clone())
            };
            let (stage, done, total) = shown;
            dispatch.emit(Action::JobProgress { job: parent, stage, done, total });
            return;
        }
        let failed = matches!(body, Response::Failed { .. });
        let finished = {
            let mut inner = self.0.borrow_mut();
            inner.pool.shares.remove(&job);
            let Some(pooled) = inner.pool.pooled.get_mut(&parent) else { return };
            pooled.answers[part] = Some(body);
            if failed || pooled.answers.iter().all(Option::is_some) {
                inner.pool.shares.retain(|_, share| share.parent != parent);
                inner.pool.pooled.remove(&parent)
            } else {
                None
            }
        };
        let Some(Pooled { split, answers, .. }) = finished else { return };
        let answers = answers
            .into_iter()
            .map(|a| a.unwrap_or(Response::Failed { error: UserError::Internal { message: "no answer".into() } }))
            .collect();
        match split.finish(answers) {
            // The first worker finishes the job under its own number: its answer is the job's.
            Ok(finish) => self.post_to(0, parent, &finish, None),
            Err(error) => self.on_answer(parent, Response::Failed { error }, None),
        }
    }

    /// A helper crashed: its jobs fail (saying so), and it is started again with the data.
    fn on_helper_error(&self, id: u64, message: String) {
        web_sys::console::error_2(&"tierlab: a helper worker stopped:".into(), &JsValue::from_str(&message));
        let (never_ready, failed) = {
            let mut inner = self.0.borrow_mut();
            let Some(index) = inner.pool.position(id) else { return };
            let never_ready = !inner.pool.helpers[index].ready;
            let failed: Vec<JobId> =
                inner.pool.shares.values().filter(|share| share.helper == Some(id)).map(|share| share.parent).collect();
            for parent in &failed {
                inner.pool.pooled.remove(parent);
                inner.pool.searches.remove(parent);
                inner.pool.shares.retain(|_, share| share.parent != *parent);
            }
            (never_ready, failed)
        };
        for parent in failed {
            let error = UserError::Internal { message: format!("a helper worker stopped: {message}") };
            self.on_answer(parent, Response::Failed { error }, None);
        }
        self.stop_helpers();
        if never_ready {
            // Its files do not load: running on one worker is better than failing every time.
            self.0.borrow_mut().pool.disabled = true;
        } else {
            self.sync_helpers();
        }
    }

    /// Terminates every helper and forgets the split jobs (their answers would be for nobody).
    pub(super) fn stop_helpers(&self) {
        let mut inner = self.0.borrow_mut();
        for helper in inner.pool.helpers.drain(..) {
            helper.worker.set_onmessage(None);
            helper.worker.set_onerror(None);
            helper.worker.terminate();
        }
        inner.pool.shares.clear();
        inner.pool.pooled.clear();
        inner.pool.searches.clear();
        inner.pool.rounds.clear();
        inner.pool.baselines.clear();
    }
}

/// A job the first worker has not answered yet, as `helper_columns` reads it.
fn running(kind: &JobKind) -> Running {
    match kind {
        JobKind::LoadSample | JobKind::Load { .. } | JobKind::Restore => Running::Loading,
        JobKind::Lab(job) if job.publishes() => Running::Publishing(job.request()),
        _ => Running::Other,
    }
}
