//! The worker's state and request handling, free of browser types so it is tested natively.
//! (in progress)
