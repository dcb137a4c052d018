//! The page, built by trunk for the browser.

#[cfg(target_arch = "wasm32")]
fn main() {
    tierlab::web::run_app();
}

/// The page only exists in the browser; natively this binary does nothing.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
