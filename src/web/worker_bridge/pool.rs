//! The helper workers: with `navigator.hardwareConcurrency` cores (or `?workers=N`), the page runs
//! that many workers, the first being the bridge's own. Each helper is its own wasm instance
//! (no SharedArrayBuffer, so no special headers on the host) and holds its own copy of the data:
//! after each load it is sent the same requests the first worker got (the sample's parameters or
//! the file, then the model columns published into the data), in the same order.
//!
//! Simulations and sensitivity analyses are split over every worker (`crate::session::pool`): each
//! computes a share, the page collects the shares and the first worker finishes the job from them,
//! so the answer is the one a single worker gives. Progress adds up the shares; cancelling
//! terminates every helper (a busy worker cannot read a "stop" message) and starts them again.

use std::collections::BTreeMap;

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, ErrorEvent, MessageEvent, Url, Worker};

use crate::protocol::{Envelope, JobId, Request, Response, UserError};
use crate::session::pool::{affordable_workers, forced_workers, pool_size, split_request, PoolProgress, Split};
use crate::ui::state::{Action, JobInfo, JobKind};

use super::script::worker_script_url;
use super::{data_tag, Bridge, Source};

/// One helper worker.
struct Helper {
    worker: Worker,
    ready: bool,
    /// Messages waiting for `Ready`.
    queue: Vec<Array>,
    /// What the data requests sent so far were (keys of `data_requests`): a helper that has had a
    /// prefix of today's list is sent the rest, any other is sent everything (a load replaces data).
    synced: Vec<String>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

/// A job split over the workers, waiting for its shares.
struct Pooled {
    split: Split,
    answers: Vec<Option<Response>>,
    progress: PoolProgress,
}

/// The pool's state, inside the bridge.
pub(super) struct Pool {
    /// Workers in all, the bridge's own included.
    size: usize,
    helpers: Vec<Helper>,
    /// Job of a share -> (the job it is a share of, its worker).
    shares: BTreeMap<JobId, (JobId, usize)>,
    pooled: BTreeMap<JobId, Pooled>,
    /// Set when a helper could not start: the page then runs everything on one worker.
    disabled: bool,
    /// One worker's memory for the loaded data (`worker_bytes`; 0 before any): big data runs on
    /// fewer workers (`affordable_workers`).
    pub(super) data_bytes: u64,
}

impl Pool {
    /// Workers for the loaded data: the pool's size, fewer when copies of the data would not fit.
    fn workers(&self) -> usize {
        affordable_workers(self.size, self.data_bytes)
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
            disabled: false,
            data_bytes: 0,
        }
    }

    pub(super) fn is_share(&self, job: JobId) -> bool {
        self.shares.contains_key(&job)
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

    /// Sends a simulation or sensitivity request split over the pool, or as one job when there is
    /// one worker, no data yet, or the request cannot be split.
    pub(super) fn send_pooled(&self, request: Request, kind: JobKind) -> JobId {
        // Starts the helpers if needed (and gives up on them if they cannot start).
        self.sync_helpers();
        let workers = {
            let inner = self.0.borrow();
            if inner.pool.disabled || inner.loaded.is_none() {
                1
            } else {
                inner.pool.workers()
            }
        };
        let Some(split) = split_request(&request, workers) else {
            return self.send(request, None, kind);
        };
        let parent = self.next_job();
        let parts = split.parts.clone();
        let dispatch = {
            let mut inner = self.0.borrow_mut();
            inner.pending.insert(parent, kind.clone());
            let pooled = Pooled { answers: vec![None; parts.len()], progress: PoolProgress::new(parts.len()), split };
            inner.pool.pooled.insert(parent, pooled);
            inner.dispatch.clone()
        };
        dispatch.emit(Action::JobSent(JobInfo { id: parent, kind, stage: None, done: 0, total: 0 }));
        for (worker, part) in parts.iter().enumerate() {
            let job = self.next_job();
            self.0.borrow_mut().pool.shares.insert(job, (parent, worker));
            self.post_to(worker, job, part, None);
        }
        parent
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
            let published: Vec<Request> = inner.published.iter().map(|job| job.request()).collect();
            data_requests(loaded, &published)
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
        for index in 0..size - 1 {
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
        let index = self.0.borrow().pool.helpers.len();
        let weak = std::rc::Rc::downgrade(&self.0);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(inner) = weak.upgrade() {
                Bridge(inner).on_helper_message(index, event);
            }
        });
        let weak = std::rc::Rc::downgrade(&self.0);
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            if let Some(inner) = weak.upgrade() {
                Bridge(inner).on_helper_error(index, event.message());
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let helper = Helper {
            worker,
            ready: false,
            queue: Vec::new(),
            synced: Vec::new(),
            _on_message: on_message,
            _on_error: on_error,
        };
        self.0.borrow_mut().pool.helpers.push(helper);
        Ok(())
    }

    fn on_helper_message(&self, index: usize, event: MessageEvent) {
        let Some(text) = event.data().as_string() else { return };
        let Ok(envelope) = serde_json::from_str::<Envelope<Response>>(&text) else { return };
        match envelope.body {
            Response::Ready => {
                let mut inner = self.0.borrow_mut();
                if let Some(helper) = inner.pool.helpers.get_mut(index) {
                    helper.ready = true;
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
        let Some(&(parent, worker)) = self.0.borrow().pool.shares.get(&job) else { return };
        if let Response::Progress { stage, done, total } = body {
            let (shown, dispatch) = {
                let mut inner = self.0.borrow_mut();
                let Some(pooled) = inner.pool.pooled.get_mut(&parent) else { return };
                (pooled.progress.report(worker, stage, done, total), inner.dispatch.clone())
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
            pooled.answers[worker] = Some(body);
            if failed || pooled.answers.iter().all(Option::is_some) {
                inner.pool.shares.retain(|_, (p, _)| *p != parent);
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
    fn on_helper_error(&self, index: usize, message: String) {
        web_sys::console::error_2(&"tierlab: a helper worker stopped:".into(), &JsValue::from_str(&message));
        let (never_ready, failed) = {
            let mut inner = self.0.borrow_mut();
            let never_ready = inner.pool.helpers.get(index).is_some_and(|h| !h.ready);
            let failed: Vec<JobId> = inner
                .pool
                .shares
                .iter()
                .filter(|(_, (_, worker))| *worker == index + 1)
                .map(|(_, (parent, _))| *parent)
                .collect();
            for parent in &failed {
                inner.pool.pooled.remove(parent);
                inner.pool.shares.retain(|_, (p, _)| p != parent);
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
    }
}
