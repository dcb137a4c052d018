//! Native memory benchmark of what the page's worker does with one big transaction log:
//! `cargo run --release --example bench_memory -- FILE [months] [replications]`.
//!
//! Drives a `Session` with the requests `tests/e2e/bench.mjs --large FILE` sends (inspect, load,
//! BG/NBD + Gamma-Gamma fit, simulate A and no program on one thread, as in one Web Worker) and
//! counts every heap allocation: the bytes live before each step (what the session keeps from the
//! steps before) and the most live at once during it, the answer's JSON text included.
//! A wasm instance's memory never shrinks, so the largest "peak in step" is about the least the tab's
//! worker grows to. It also prints a hash of each answer, so a change of memory layout can be checked
//! to give the same numbers to the last bit. Under each step, the phases the engine reports
//! progress in (a new stage, or each step of the CLV fit) with the bytes live when the phase ended
//! and the most live during it: where in a step its peak is. Results are recorded in
//! docs/benchmarks.md.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use serde_json::json;
use tierlab::engine::progress::{Progress, Stage};
use tierlab::engine::scenario::Scenario;
use tierlab::protocol::{Request, Response};
use tierlab::session::Session;

/// The system allocator, counting the bytes live now and the most live since the last reset.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// The most live since the last phase was printed (`Phases`).
static PHASE_PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            grew(layout.size());
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { System.dealloc(pointer, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { System.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            // A moved block is briefly held twice; count the larger size only, as an in-place grow would.
            LIVE.fetch_sub(layout.size(), Relaxed);
            grew(new_size);
        }
        moved
    }
}

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
    PHASE_PEAK.fetch_max(live, Relaxed);
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MB: f64 = 1024.0 * 1024.0;

/// FNV-1a of an answer's JSON: equal hashes before and after a change mean equal numbers.
fn fingerprint(json: &str) -> u64 {
    json.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// Runs one request and encodes its answer as JSON while the answer is still held, as the worker
/// does before posting it to the page (the text is part of the step's peak).
fn step(label: &str, run: impl FnOnce() -> Response) -> Response {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    PHASE_PEAK.store(before, Relaxed);
    let start = Instant::now();
    let answer = run();
    if let Response::Failed { error } = &answer {
        panic!("{label}: {error:?}");
    }
    let json = serde_json::to_string(&answer).expect("answers serialise");
    println!(
        "    until the answer's JSON{:<12} live {:>6.0} MB   peak since the line above {:>6.0} MB",
        "",
        LIVE.load(Relaxed) as f64 / MB,
        PHASE_PEAK.load(Relaxed) as f64 / MB
    );
    println!(
        "{label:<44} {:>7.2} s   live before {:>6.0} MB   peak in step {:>6.0} MB   answer {:>6.1} MB of JSON, {:016x}",
        start.elapsed().as_secs_f64(),
        before as f64 / MB,
        PEAK.load(Relaxed) as f64 / MB,
        json.len() as f64 / MB,
        fingerprint(&json)
    );
    answer
}

/// Prints a line when the engine reports a new stage, or a new step of the CLV fit (a handful per
/// fit), with the memory of the phase that ended there.
#[derive(Default)]
struct Phases {
    last: Option<(Stage, u64)>,
}

impl Progress for Phases {
    fn report(&mut self, stage: Stage, done: u64, total: u64) {
        let new_phase = match self.last {
            Some((last, _)) if last != stage => true,
            Some((_, last_done)) => stage == Stage::Training && done != last_done,
            None => true,
        };
        if new_phase {
            println!(
                "    until {stage:?} {done}/{total:<8} live {:>6.0} MB   peak since the line above {:>6.0} MB",
                LIVE.load(Relaxed) as f64 / MB,
                PHASE_PEAK.swap(LIVE.load(Relaxed), Relaxed) as f64 / MB
            );
        }
        self.last = Some((stage, done));
    }
}

fn request(value: serde_json::Value) -> Request {
    serde_json::from_value(value).expect("a valid request")
}

fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("usage: bench_memory FILE [months] [replications]");
    let months: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(12);
    let replications: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let mut session = Session::new();
    let bytes = std::fs::read(&file).expect("the file is readable");
    println!("{:<44} {:>7.0} MB", "file bytes", bytes.len() as f64 / MB);
    let inspected = step("inspect", || {
        session.handle(
            request(json!({ "type": "inspect", "file_name": file, "options": {} })),
            Some(bytes),
            &mut Phases::default(),
        )
    });
    let Response::Inspected { settings, .. } = inspected else { panic!("not inspected") };
    let loaded = step("load", || session.handle(Request::Load { settings: *settings }, None, &mut Phases::default()));
    let Response::Loaded { summary } = loaded else { panic!("not loaded") };
    println!("  ({} rows, {} customers)", summary.events, summary.customers);
    let end = summary.period.expect("a dated log").1;
    let fitted = step("BG/NBD + Gamma-Gamma fit and predictions", || {
        session.handle(
            request(json!({
                "type": "fit_clv",
                "settings": { "calibration_end": end, "horizon_months": 12 },
                "publish": false,
            })),
            None,
            &mut Phases::default(),
        )
    });
    // The worker lets the answer go once posted.
    drop(fitted);
    step(&format!("simulate {months} months x (A, none) x {replications}"), || {
        session.handle(
            request(json!({
                "type": "simulate",
                "schemes": [Scenario::template()],
                "reference": 0,
                "settings": { "months": months, "replications": replications, "seed": 7, "threads": 1 },
            })),
            None,
            &mut Phases::default(),
        )
    });
    println!("{:<44} {:>7} s   live at the end {:>6.0} MB", "", "", LIVE.load(Relaxed) as f64 / MB);
}
