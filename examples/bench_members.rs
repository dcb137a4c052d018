//! Native time and memory of the member list (a benchmark, not a test).
//!
//! ```text
//! cargo run --release --example bench_members -- [customers=1000000] [seed=42] [out_dir=/tmp]
//! ```
//!
//! The sample population is generated and loaded, then the list is built for the template A and the
//! default B (both with their points ledgers and replays) and written as CSV and as .xlsx. Each step
//! prints its time, the resident memory after it, and its own peak: the kernel's peak counter is reset
//! before every step (Linux `/proc/self/clear_refs`), so loading's peak does not hide the writers'.

use std::time::Instant;

use tierlab::engine::evaluate::PreparedData;
use tierlab::engine::ingest::{self, ReadOptions, SourceText, TextEncoding};
use tierlab::engine::members::{member_list, write_csv, write_xlsx, MemberOptions};
use tierlab::engine::progress::Silent;
use tierlab::engine::sample::{generate_csv, SampleConfig};
use tierlab::engine::scenario::Scenario;

/// (current, peak since the last reset) resident memory in MB.
fn memory() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn step<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let start = Instant::now();
    let result = f();
    let (now, peak) = memory();
    println!(
        "{label:<44} {:>8.2} s   RSS after {now:>7.0} MB   peak in step {peak:>7.0} MB",
        start.elapsed().as_secs_f64()
    );
    result
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let customers: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let seed: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(42);
    let out_dir = std::path::PathBuf::from(args.get(2).cloned().unwrap_or_else(|| "/tmp".into()));
    println!("TierLab member list, native release build, {customers} customers, seed {seed}");
    let csv = step("generate the sample", || {
        generate_csv(&SampleConfig { customers, seed, ..SampleConfig::default() }, &mut Silent)
    });
    let data = step("inspect + load + prepare", || {
        let source = SourceText { byte_size: csv.len(), text: csv, encoding: TextEncoding::Utf8 };
        let inspection = ingest::inspect(&source, &ReadOptions::default()).expect("inspect");
        let (dataset, _) = ingest::load(&source, &ingest::default_settings(&inspection), &mut Silent).expect("load");
        PreparedData::new(dataset)
    });
    let scenarios = [Scenario::template(), Scenario::template_b()];
    let list = step("member_list (A and B, risk flags)", || {
        member_list(&data, &scenarios, &MemberOptions::default(), &mut Silent).expect("list")
    });
    drop(data);
    let csv_path = out_dir.join("tierlab_members.csv");
    step("write CSV", || {
        let file = std::fs::File::create(&csv_path).expect("create");
        write_csv(&list, file, &mut Silent).expect("write");
    });
    let xlsx_path = out_dir.join("tierlab_members.xlsx");
    step("write .xlsx (in memory, then to disk)", || {
        let bytes = write_xlsx(&list, &mut Silent).expect("xlsx");
        std::fs::write(&xlsx_path, bytes).expect("write");
    });
    let size = |p: &std::path::Path| std::fs::metadata(p).map_or(0, |m| m.len()) as f64 / 1e6;
    println!(
        "{} rows x {} columns: CSV {:.0} MB, .xlsx {:.0} MB",
        list.customer_count(),
        list.columns().len(),
        size(&csv_path),
        size(&xlsx_path)
    );
}
