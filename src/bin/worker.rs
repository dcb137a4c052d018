//! The compute Web Worker, built by trunk (`data-type="worker"`).

#[cfg(target_arch = "wasm32")]
fn main() {
    tierlab::web::worker::run();
}

/// The worker only exists in the browser; natively this binary does nothing.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
