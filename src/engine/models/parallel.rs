//! Independent work items (forest trees, k-means restarts) run on several threads natively, with
//! results in item order, so the outcome is the same with 1 thread or N: each item derives its own
//! random stream from (seed, item index), never from a generator shared across items. In the browser
//! the engine runs on one thread per worker; the page can split the same items over workers.

/// Threads to use: the machine's cores natively, one in wasm (no threads in a worker instance).
pub fn default_threads() -> usize {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
    #[cfg(target_arch = "wasm32")]
    {
        1
    }
}

/// `work(i)` for every i in `0..count`, in index order. Items run in batches of `threads`; `done` is
/// called on the calling thread with each result's index, in order, after its batch.
pub fn map_indexed<T: Send>(
    count: usize,
    threads: usize,
    work: impl Fn(usize) -> T + Sync,
    done: &mut dyn FnMut(usize),
) -> Vec<T> {
    let threads = threads.clamp(1, count.max(1));
    let mut out = Vec::with_capacity(count);
    if threads == 1 || cfg!(target_arch = "wasm32") {
        for i in 0..count {
            out.push(work(i));
            done(i);
        }
        return out;
    }
    let mut start = 0;
    while start < count {
        let end = (start + threads).min(count);
        let work = &work;
        let batch: Vec<T> = std::thread::scope(|scope| {
            let handles: Vec<_> = (start..end).map(|i| scope.spawn(move || work(i))).collect();
            handles.into_iter().map(|h| h.join().expect("a work item panicked")).collect()
        });
        for (offset, result) in batch.into_iter().enumerate() {
            out.push(result);
            done(start + offset);
        }
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_item_order_whatever_the_threads() {
        let square = |i: usize| i * i;
        let mut seen = Vec::new();
        let one = map_indexed(10, 1, square, &mut |i| seen.push(i));
        assert_eq!(seen, (0..10).collect::<Vec<_>>());
        for threads in [2, 3, 16] {
            let mut order = Vec::new();
            assert_eq!(map_indexed(10, threads, square, &mut |i| order.push(i)), one);
            assert_eq!(order, seen);
        }
        assert!(map_indexed(0, 4, square, &mut |_| {}).is_empty());
    }
}
