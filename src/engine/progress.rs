//! Progress reporting from long engine loops to whoever runs them (the Web Worker posts messages,
//! the CLI stays quiet, tests ignore it). Engine loops report at most about a hundred times per
//! stage, so reporting is never the bottleneck.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Decoding,
    Parsing,
    Building,
    Generating,
    Scoring,
    Pricing,
    Comparing,
    Training,
    Simulating,
    /// Writing an export file (the member list).
    Exporting,
}

pub trait Progress {
    /// `done` of `total` units of `stage` are finished.
    fn report(&mut self, stage: Stage, done: u64, total: u64);

    /// The requester asked to stop: long searches (the optimiser) check this between steps and
    /// return what they have. Nobody cancels by default.
    fn cancelled(&mut self) -> bool {
        false
    }
}

/// Discards progress (CLI, tests).
pub struct Silent;

impl Progress for Silent {
    fn report(&mut self, _stage: Stage, _done: u64, _total: u64) {}
}

impl<F: FnMut(Stage, u64, u64)> Progress for F {
    fn report(&mut self, stage: Stage, done: u64, total: u64) {
        self(stage, done, total)
    }
}

/// Calls `report` roughly every 1 % of `total` steps; loops call `tick` once per step.
pub struct Throttle {
    stage: Stage,
    total: u64,
    step: u64,
    next: u64,
}

impl Throttle {
    pub fn new(stage: Stage, total: u64) -> Self {
        let step = (total / 100).max(1);
        Throttle { stage, total, step, next: 0 }
    }

    #[inline]
    pub fn tick(&mut self, done: u64, progress: &mut dyn Progress) {
        if done >= self.next {
            progress.report(self.stage, done, self.total);
            self.next = done + self.step;
        }
    }

    pub fn finish(&self, progress: &mut dyn Progress) {
        progress.report(self.stage, self.total, self.total);
    }
}
