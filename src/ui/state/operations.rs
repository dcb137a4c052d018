//! What a marketer takes away from a decision: the member list file (built by the worker, offered
//! as a download) and the flagged customers with their reasons, judged under one scheme.

use std::rc::Rc;

use crate::engine::members::MemberFormat;
use crate::engine::risk::{FlagKind, FlaggedCustomer, RiskReport};
use crate::engine::scenario::Scenario;
use crate::protocol::{JobId, Response};
use crate::ui::i18n::{segment_default_name, Lang};

use super::jobs::JobKind;
use super::lab::LabJob;
use super::scenarios::ScenarioId;

/// Rows of the flagged-customers table shown at first and added by each "show more".
pub const RISK_ROWS_STEP: usize = 50;

/// The flagged customers found by one check.
#[derive(Clone, Debug, PartialEq)]
pub struct RiskRun {
    pub job: JobId,
    /// The data version it was computed on (`DataState::version`).
    pub data_version: u32,
    pub which: ScenarioId,
    /// The scheme as it was when judged (threshold gaming reads its window and bounds).
    pub scenario: Rc<Scenario>,
    pub report: Rc<RiskReport>,
}

impl RiskRun {
    /// The data or the scheme changed since the check.
    pub fn is_stale(&self, data_version: u32, scenario: &Scenario) -> bool {
        self.data_version != data_version || *self.scenario != *scenario
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct OpsState {
    /// Name and size of the last member list handed to the browser as a download.
    pub last_file: Option<(String, usize)>,
    pub risk: Option<RiskRun>,
    /// The scheme the next check judges threshold gaming (and reads thresholds) under.
    pub risk_under: ScenarioId,
    /// Only customers with this flag; `None` shows all.
    pub risk_filter: Option<FlagKind>,
    pub risk_rows: usize,
}

impl Default for OpsState {
    fn default() -> Self {
        OpsState {
            last_file: None,
            risk: None,
            risk_under: ScenarioId::A,
            risk_filter: None,
            risk_rows: RISK_ROWS_STEP,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum OpsAction {
    JudgeUnder(ScenarioId),
    Filter(Option<FlagKind>),
    ShowMoreFlagged,
}

impl OpsState {
    pub fn reduce(&mut self, action: OpsAction) {
        match action {
            OpsAction::JudgeUnder(which) => self.risk_under = which,
            OpsAction::Filter(kind) => {
                self.risk_filter = kind;
                self.risk_rows = RISK_ROWS_STEP;
            }
            OpsAction::ShowMoreFlagged => self.risk_rows += RISK_ROWS_STEP,
        }
    }

    pub fn member_file_ready(&mut self, file_name: String, size: usize) {
        self.last_file = Some((file_name, size));
    }

    pub fn risk_assessed(&mut self, run: RiskRun) {
        self.risk = Some(run);
        self.risk_rows = RISK_ROWS_STEP;
    }

    /// New data: flags of the old data mean nothing, and the old file is not this data's list.
    pub fn data_replaced(&mut self) {
        self.risk = None;
        self.last_file = None;
    }

    /// The flagged customers the table shows (after the filter), the first `risk_rows` of them, and
    /// how many match in all.
    pub fn flagged_rows(&self) -> (Vec<&FlaggedCustomer>, usize) {
        let Some(run) = &self.risk else { return (Vec::new(), 0) };
        let matching = run.report.flagged.iter().filter(|c| match self.risk_filter {
            Some(kind) => c.flags.iter().any(|f| f.kind == kind),
            None => true,
        });
        let total = matching.clone().count();
        (matching.take(self.risk_rows).collect(), total)
    }
}

/// Names the engine makes up, put into the page's language as the answer arrives: the suggested
/// k-means segment names (only while the worker has not published them: a published column keeps the
/// names it was given).
pub fn in_page_language(kind: &JobKind, mut response: Response, lang: Lang) -> Response {
    if lang == Lang::En {
        return response;
    }
    match (kind, &mut response) {
        (JobKind::Lab(LabJob::Segment { publish_as: None, names, .. }), Response::Segmented { report })
            if names.is_empty() =>
        {
            for segment in &mut report.segments {
                segment.name = segment_default_name(&segment.name, lang);
            }
        }
        _ => {}
    }
    response
}

/// Which member list format a job asked for (for the button that shows it is busy).
pub fn format_key(format: MemberFormat) -> &'static str {
    match format {
        MemberFormat::Csv => "csv",
        MemberFormat::Xlsx => "xlsx",
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::progress::Silent;
    use crate::protocol::{Request, Response};
    use crate::session::Session;

    use super::*;

    fn report() -> RiskReport {
        let mut session = Session::new();
        session.handle(Request::LoadSample { customers: 2000, seed: 11 }, None, &mut Silent);
        let Response::RiskAssessed { report } = session.handle(Request::Risk { scenario: None }, None, &mut Silent)
        else {
            panic!("no risk report")
        };
        *report
    }

    #[test]
    fn answers_land_in_the_slice_and_new_data_drops_them() {
        use crate::engine::members::MemberOptions;
        use crate::ui::state::{Action, AppState, JobInfo, Restored};
        let mut session = Session::new();
        let mut state = AppState::new(Restored::fresh(Lang::En));
        let finish = |state: &mut AppState, job: JobId, kind: JobKind, response: Response| {
            state.reduce(Action::JobSent(JobInfo { id: job, kind: kind.clone(), stage: None, done: 0, total: 0 }));
            state.reduce(Action::JobFinished { job, kind, response });
        };
        let loaded = session.handle(Request::LoadSample { customers: 300, seed: 5 }, None, &mut Silent);
        finish(&mut state, 1, JobKind::LoadSample, loaded);
        let scenario = Rc::new(Scenario::template());
        let request = Request::Risk { scenario: Some(Box::new((*scenario).clone())) };
        let answer = session.handle(request, None, &mut Silent);
        let kind = JobKind::Risk { which: ScenarioId::A, scenario: scenario.clone() };
        assert!(!state.jobs.risk_running());
        finish(&mut state, 2, kind, answer);
        let run = state.ops.risk.clone().expect("the report is on screen");
        assert_eq!((run.job, run.data_version, run.report.customers), (2, state.data.version, 300));
        assert!(!run.is_stale(state.data.version, &scenario));
        let request = Request::MemberList {
            scenarios: vec![Scenario::template()],
            format: MemberFormat::Csv,
            options: MemberOptions::default(),
            recommend: None,
        };
        let answer = session.handle(request, None, &mut Silent);
        let Response::File { size, .. } = &answer else { panic!("{answer:?}") };
        let size = *size;
        finish(&mut state, 3, JobKind::Members { format: MemberFormat::Csv }, answer);
        assert_eq!(state.ops.last_file, Some(("members.csv".to_string(), size)));
        assert_eq!(state.jobs.members_running(MemberFormat::Csv), None);
        let again = session.handle(Request::LoadSample { customers: 200, seed: 5 }, None, &mut Silent);
        finish(&mut state, 4, JobKind::LoadSample, again);
        assert_eq!((state.ops.risk.clone(), state.ops.last_file.clone()), (None, None));
    }

    #[test]
    fn suggested_segment_names_arrive_in_chinese_unless_published() {
        use crate::engine::features::catalog::{Feature, FeatureKey};
        use crate::engine::models::segments::{SegmentCount, SegmentParams};
        let mut session = Session::new();
        session.handle(Request::LoadSample { customers: 400, seed: 3 }, None, &mut Silent);
        let params = SegmentParams {
            features: vec![FeatureKey::from(Feature::Monetary), FeatureKey::from(Feature::Frequency)],
            k: SegmentCount::Fixed { k: 3 },
            ..SegmentParams::default()
        };
        let job = LabJob::Segment { params: Box::new(params), publish_as: None, names: vec![] };
        let answer = session.handle(job.request(), None, &mut Silent);
        let Response::Segmented { report } = in_page_language(&JobKind::Lab(job.clone()), answer.clone(), Lang::Zh)
        else {
            panic!("{answer:?}")
        };
        let names: Vec<&str> = report.segments.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["高价值客户", "中价值客户", "低价值客户"]);
        assert_eq!(in_page_language(&JobKind::Lab(job), answer.clone(), Lang::En), answer);
        let published = LabJob::Segment {
            params: Box::new(SegmentParams::default()),
            publish_as: Some("segment".into()),
            names: vec![],
        };
        assert_eq!(in_page_language(&JobKind::Lab(published), answer.clone(), Lang::Zh), answer);
    }

    #[test]
    fn the_table_filters_by_flag_and_grows_by_steps() {
        let report = report();
        let mut state = OpsState::default();
        assert_eq!(state.flagged_rows().1, 0);
        let spend = report.count(FlagKind::SpendOutlier);
        let all = report.flagged.len();
        assert!(all > 0, "the sample has outliers");
        state.risk_assessed(RiskRun {
            job: 1,
            data_version: 1,
            which: ScenarioId::A,
            scenario: Rc::new(Scenario::template()),
            report: Rc::new(report),
        });
        let (rows, total) = state.flagged_rows();
        assert_eq!((rows.len(), total), (all.min(RISK_ROWS_STEP), all));
        state.reduce(OpsAction::Filter(Some(FlagKind::SpendOutlier)));
        let (rows, total) = state.flagged_rows();
        assert_eq!(total, spend);
        assert!(rows.iter().all(|c| c.flags.iter().any(|f| f.kind == FlagKind::SpendOutlier)));
        state.reduce(OpsAction::ShowMoreFlagged);
        assert_eq!(state.risk_rows, 2 * RISK_ROWS_STEP);
        // Editing the scheme or loading other data makes the check stale; new data drops it.
        let run = state.risk.clone().unwrap();
        assert!(!run.is_stale(1, &Scenario::template()));
        assert!(run.is_stale(2, &Scenario::template()));
        assert!(run.is_stale(1, &Scenario::template_b()));
        state.data_replaced();
        assert_eq!(state.risk, None);
    }
}
