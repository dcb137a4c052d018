//! How precisely a run knows its key difference: what "run until sure" (`UntilSure`, one of the
//! settings) stops on. Replications are added in batches until the Monte Carlo standard error of the
//! key difference is below a set share of its size, or a cap is reached. The key difference is
//! the incremental margin of the best scheme other than the reference minus the reference's (B - A
//! for two schemes; a single scheme against no program). Replication r always draws from the same
//! streams, so stopping after R replications gives exactly the numbers of a fixed run of R.

use serde::{Deserialize, Serialize};

/// How precisely a run knows its key difference.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Precision {
    /// The key difference is this scheme's incremental margin minus the reference's (index into
    /// `schemes`; the reference itself when it is the only scheme: its increment over no program).
    pub scheme: usize,
    /// Mean of the key difference over the replications.
    pub mean: f64,
    /// Its Monte Carlo standard error: the replications' standard deviation / sqrt(replications).
    pub standard_error: f64,
    pub replications: u32,
    /// Run until sure: whether the error target was met before the cap (`None` for a fixed run).
    pub target_met: Option<bool>,
}
