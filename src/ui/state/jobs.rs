//! The jobs sent to the worker and not answered yet, oldest first (the worker runs them in this
//! order), each with what it was sent for so its answer lands in the right slice.

use std::rc::Rc;

use crate::engine::members::MemberFormat;
use crate::engine::progress::Stage;
use crate::engine::scenario::Scenario;
use crate::protocol::JobId;
use crate::ui::lab::LabSection;

use super::decision::{DecisionJob, DecisionPanel};
use super::lab::LabJob;
use super::scenarios::ScenarioId;
use super::simulator::{SimJob, SimPanel};

/// What a job was sent for, so its answer lands in the right place.
#[derive(Clone, Debug, PartialEq)]
pub enum JobKind {
    LoadSample,
    Inspect {
        file_name: String,
    },
    /// `startup`: restoring the file saved in this browser (a failure falls back to the sample).
    Load {
        startup: bool,
    },
    /// The head-to-head comparison of these two schemes (left, right).
    Compare {
        pair: [ScenarioId; 2],
    },
    /// Every scheme replayed on the history beside the reference, for these schemes.
    CompareSchemes {
        schemes: Vec<std::rc::Rc<crate::engine::scenario::Scenario>>,
        reference: usize,
    },
    /// The Scoring tab's live outcome of one scenario.
    Evaluate {
        which: ScenarioId,
    },
    /// The looked-up customer under one scenario.
    Explain {
        which: ScenarioId,
    },
    FeatureStats,
    SampleCsv,
    /// Re-sending the data a fresh worker needs after a cancel or a crash; its answers only matter
    /// when they fail.
    Restore,
    /// The Simulator tab's jobs.
    Sim(SimJob),
    /// A model lab job (CLV fit, training, segments).
    Lab(LabJob),
    /// The optimiser, the next-best benefit or category affinity.
    Decision(DecisionJob),
    /// The member list file (downloaded when it arrives).
    Members {
        format: MemberFormat,
    },
    /// The flagged customers, judged under scheme `which` as it was sent.
    Risk {
        which: ScenarioId,
        scenario: Rc<Scenario>,
    },
}

impl JobKind {
    /// Jobs the page sends by itself while the user edits; quick, and shown in place.
    pub fn is_live(&self) -> bool {
        matches!(
            self,
            JobKind::Evaluate { .. }
                | JobKind::Explain { .. }
                | JobKind::FeatureStats
                | JobKind::Sim(SimJob::PlanFieldTest { .. })
        )
    }

    /// The simulator panel whose answer this job brings.
    pub fn sim_panel(&self) -> Option<SimPanel> {
        match self {
            JobKind::Sim(job) => Some(job.panel()),
            _ => None,
        }
    }

    /// The lab section whose answer this job brings.
    pub fn lab_section(&self) -> Option<LabSection> {
        match self {
            JobKind::Lab(job) => Some(job.section()),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct JobInfo {
    pub id: JobId,
    pub kind: JobKind,
    pub stage: Option<Stage>,
    pub done: u64,
    pub total: u64,
}

impl JobInfo {
    /// 0-1, or `None` before the first progress report.
    pub fn fraction(&self) -> Option<f64> {
        (self.total > 0).then(|| (self.done as f64 / self.total as f64).clamp(0.0, 1.0))
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Jobs {
    pending: Vec<JobInfo>,
}

impl Jobs {
    pub fn iter(&self) -> impl Iterator<Item = &JobInfo> {
        self.pending.iter()
    }

    /// The job the worker is running now (the oldest unanswered one).
    pub fn running(&self) -> Option<&JobInfo> {
        self.pending.first()
    }

    pub fn sent(&mut self, info: JobInfo) {
        self.pending.push(info);
    }

    pub fn progress(&mut self, job: JobId, stage: Stage, done: u64, total: u64) {
        if let Some(info) = self.pending.iter_mut().find(|j| j.id == job) {
            info.stage = Some(stage);
            info.done = done;
            info.total = total;
        }
    }

    pub fn finished(&mut self, job: JobId) {
        self.pending.retain(|j| j.id != job);
    }

    /// The worker was replaced: nothing it was sent will be answered.
    pub fn clear(&mut self) {
        self.pending.clear();
    }

    pub fn compare_running(&self) -> bool {
        self.iter().any(|j| matches!(j.kind, JobKind::Compare { .. }))
    }

    /// The member list of this format is being built.
    pub fn members_running(&self, format: MemberFormat) -> Option<&JobInfo> {
        self.iter().find(|j| j.kind == JobKind::Members { format })
    }

    pub fn risk_running(&self) -> bool {
        self.iter().any(|j| matches!(j.kind, JobKind::Risk { .. }))
    }

    /// A live evaluation or explanation is being computed.
    pub fn live_running(&self) -> bool {
        self.iter().any(|j| matches!(j.kind, JobKind::Evaluate { .. } | JobKind::Explain { .. }))
    }

    /// The simulator job of a panel that is queued or running, if any.
    pub fn sim_running(&self, panel: SimPanel) -> Option<&JobInfo> {
        self.iter().find(|j| j.kind.sim_panel() == Some(panel))
    }

    /// The decision-support job of a panel that is queued or running, if any.
    pub fn decision_running(&self, panel: DecisionPanel) -> Option<&JobInfo> {
        self.iter().find(|j| matches!(&j.kind, JobKind::Decision(job) if job.panel() == panel))
    }

    /// The lab job of a section that is queued or running, if any.
    pub fn lab_running(&self, section: LabSection) -> Option<&JobInfo> {
        self.iter().find(|j| j.kind.lab_section() == Some(section))
    }
}
