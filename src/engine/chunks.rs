//! Long loops run a chunk at a time, for WebAssembly engines.
//!
//! A browser starts each wasm function in quickly compiled baseline code and compiles an optimised
//! version in the background once the function has run for a while; a call already under way keeps
//! the code it started with until it returns (V8 has no on-stack replacement for wasm). A function
//! called once that loops over millions of customers therefore runs wholly in baseline code: in
//! Chromium's profile of CDNOW x 100, such loops (the CLV predictions, the monthly totals, the
//! calibration summary) took most of the load and the fit, at two to three times their optimised
//! time. `each_in_chunks` runs a loop's body through a function called once per chunk, so after
//! its first chunks the rest runs optimised. Natively it is the same loop, in the same order.

use std::ops::Range;

/// Items per call: enough that a call costs nothing beside its work, few enough that the engine
/// has switched to optimised code after a small share of a big loop.
const CHUNK: usize = 4096;

/// Calls `body` with each index of `range`, in order.
#[inline]
pub fn each_in_chunks(range: Range<usize>, mut body: impl FnMut(usize)) {
    let mut start = range.start;
    while start < range.end {
        let end = range.end.min(start.saturating_add(CHUNK));
        run_chunk(start..end, &mut body);
        start = end;
    }
}

/// One chunk, never inlined: the function the engine optimises after its first calls.
#[inline(never)]
fn run_chunk<F: FnMut(usize)>(range: Range<usize>, body: &mut F) {
    for i in range {
        body(i);
    }
}

/// Calls `step` until it returns `false` (a loop over something read as it goes, like a file's
/// records), a chunk of calls at a time as `each_in_chunks`.
#[inline]
pub fn while_in_chunks(mut step: impl FnMut() -> bool) {
    while run_steps(&mut step) {}
}

/// Up to a chunk of steps, never inlined; `false` once a step returned `false`.
#[inline(never)]
fn run_steps<F: FnMut() -> bool>(step: &mut F) -> bool {
    for _ in 0..CHUNK {
        if !step() {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_index_once_in_order() {
        for range in [0..0, 3..3, 0..1, 5..CHUNK + 7, 0..3 * CHUNK] {
            let mut seen = Vec::new();
            each_in_chunks(range.clone(), |i| seen.push(i));
            assert_eq!(seen, range.collect::<Vec<_>>());
        }
    }

    #[test]
    fn steps_until_the_first_false() {
        for steps in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5] {
            let mut calls = 0;
            while_in_chunks(|| {
                calls += 1;
                calls <= steps
            });
            assert_eq!(calls, steps + 1);
        }
    }
}
