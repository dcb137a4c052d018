//! The model lab's part of the page state: its settings, the results on screen with the request that
//! produced each (so "use as a column" can send exactly that request again), errors per section, and
//! the model outputs published as columns of the loaded data.

use std::rc::Rc;

use crate::engine::models::clv::{ClvOverview, ClvSettings};
use crate::engine::models::segments::{SegmentParams, SegmentReport};
use crate::engine::models::supervised::{ClassificationReport, RegressionReport};
use crate::protocol::{JobId, Request, Response, UserError};
use crate::ui::lab::{LabSection, LabSettings, PredictRequest};

use super::effect::Effect;

/// The columns a published CLV fit adds (fixed names, see `Request::FitClv`).
pub const CLV_COLUMNS: [&str; 3] = ["p_alive", "expected_purchases", "clv"];

#[derive(Clone, Debug, PartialEq)]
pub struct ClvResult {
    pub job: JobId,
    pub settings: ClvSettings,
    /// What the page shows of the fit (the per-customer values stay in the worker).
    pub overview: Rc<ClvOverview>,
    /// The calibration end of the fit whose outputs are the `p_alive` / `expected_purchases` / `clv`
    /// columns of the data: this fit's, or a refit of it up to the end of the data.
    pub published_as_of: Option<i64>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Prediction {
    Value(Rc<RegressionReport>),
    Tiers(Rc<ClassificationReport>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct PredictionResult {
    pub job: JobId,
    pub request: Rc<PredictRequest>,
    pub report: Prediction,
    /// The column this model's predictions were published as.
    pub published_as: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SegmentResult {
    pub job: JobId,
    pub params: SegmentParams,
    pub report: Rc<SegmentReport>,
    /// The names as the user edits them (the suggested names to start with).
    pub names: Vec<String>,
    pub published_as: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ColumnKind {
    Numeric,
    /// A text column with its values (segment names, tier names).
    Text {
        values: Vec<String>,
    },
}

/// A model output the worker added to the loaded data.
#[derive(Clone, Debug, PartialEq)]
pub struct PublishedColumn {
    pub name: String,
    pub kind: ColumnKind,
}

/// What a lab job was sent for; carries its request so the answer is stored with it.
#[derive(Clone, Debug, PartialEq)]
pub enum LabJob {
    FitClv { settings: Box<ClvSettings>, publish: bool },
    Train { request: Rc<PredictRequest>, publish_as: Option<String> },
    Segment { params: Box<SegmentParams>, publish_as: Option<String>, names: Vec<String> },
}

impl LabJob {
    pub fn section(&self) -> LabSection {
        match self {
            LabJob::FitClv { .. } => LabSection::Clv,
            LabJob::Train { .. } => LabSection::Predict,
            LabJob::Segment { .. } => LabSection::Segments,
        }
    }

    pub fn publishes(&self) -> bool {
        match self {
            LabJob::FitClv { publish, .. } => *publish,
            LabJob::Train { publish_as, .. } | LabJob::Segment { publish_as, .. } => publish_as.is_some(),
        }
    }

    /// The job behind a request, for requests stored to publish model columns again.
    pub fn from_request(request: Request) -> Option<LabJob> {
        Some(match request {
            Request::FitClv { settings, publish } => LabJob::FitClv { settings, publish },
            Request::TrainValue { spec, model, options, publish_as } => {
                LabJob::Train { request: Rc::new(PredictRequest::Value { spec: *spec, model, options }), publish_as }
            }
            Request::TrainTiers { features, target, model, options, publish_as } => LabJob::Train {
                request: Rc::new(PredictRequest::Tiers { features, target, model, options }),
                publish_as,
            },
            Request::Segment { params, publish_as, names } => LabJob::Segment { params, publish_as, names },
            _ => return None,
        })
    }

    /// The columns this job adds to the data when it publishes.
    pub fn published_columns(&self) -> Vec<String> {
        match self {
            LabJob::FitClv { publish: true, .. } => CLV_COLUMNS.iter().map(|c| c.to_string()).collect(),
            LabJob::FitClv { publish: false, .. } => Vec::new(),
            LabJob::Train { publish_as, .. } | LabJob::Segment { publish_as, .. } => {
                publish_as.iter().cloned().collect()
            }
        }
    }

    pub fn request(&self) -> Request {
        match self {
            LabJob::FitClv { settings, publish } => Request::FitClv { settings: settings.clone(), publish: *publish },
            LabJob::Train { request, publish_as } => request.request(publish_as.clone()),
            LabJob::Segment { params, publish_as, names } => {
                Request::Segment { params: params.clone(), publish_as: publish_as.clone(), names: names.clone() }
            }
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabState {
    pub settings: Rc<LabSettings>,
    /// Stored settings could not be read and were replaced by the defaults (said once).
    pub settings_corrupt: bool,
    pub clv: Option<ClvResult>,
    pub prediction: Option<PredictionResult>,
    pub segments: Option<SegmentResult>,
    /// Why the last job of each section failed, shown in that section.
    errors: [Option<UserError>; 3],
    pub published: Vec<PublishedColumn>,
    /// Columns the engine lost when it was restarted (after a cancel or a crash), to say so.
    pub columns_lost: Vec<String>,
}

pub enum LabAction {
    SetSection(LabSection),
    /// Changes the settings as they are when applied (never a stale copy from an earlier render).
    Edit(Box<dyn FnOnce(&mut LabSettings)>),
    RenameSegment {
        index: usize,
        name: String,
    },
    DismissSettingsNotice,
    DismissColumnsLost,
}

fn slot(section: LabSection) -> usize {
    match section {
        LabSection::Clv => 0,
        LabSection::Predict => 1,
        LabSection::Segments => 2,
    }
}

impl LabState {
    pub fn new(settings: LabSettings, settings_corrupt: bool) -> LabState {
        LabState { settings: Rc::new(settings), settings_corrupt, ..LabState::default() }
    }

    pub fn error(&self, section: LabSection) -> Option<&UserError> {
        self.errors[slot(section)].as_ref()
    }

    /// The lab's own actions never touch another slice (the convention is the simulator's: effects
    /// come back, here always none).
    pub fn reduce(&mut self, action: LabAction) -> Vec<Effect> {
        match action {
            LabAction::SetSection(section) => Rc::make_mut(&mut self.settings).section = section,
            LabAction::Edit(change) => change(Rc::make_mut(&mut self.settings)),
            LabAction::RenameSegment { index, name } => {
                if let Some(slot) = self.segments.as_mut().and_then(|s| s.names.get_mut(index)) {
                    *slot = name;
                }
            }
            LabAction::DismissSettingsNotice => self.settings_corrupt = false,
            LabAction::DismissColumnsLost => self.columns_lost.clear(),
        }
        Vec::new()
    }

    /// New data: results and published columns belonged to the old data.
    pub fn data_loaded(&mut self) {
        *self = LabState {
            settings: self.settings.clone(),
            settings_corrupt: self.settings_corrupt,
            ..LabState::default()
        };
    }

    /// A fresh worker holds the data as loaded, without the published columns: when any were lost,
    /// anything computed from the data must be recomputed.
    pub fn worker_replaced(&mut self) -> Vec<Effect> {
        if self.published.is_empty() {
            return Vec::new();
        }
        self.columns_lost = self.published.drain(..).map(|c| c.name).collect();
        if let Some(clv) = &mut self.clv {
            clv.published_as_of = None;
        }
        if let Some(p) = &mut self.prediction {
            p.published_as = None;
        }
        if let Some(s) = &mut self.segments {
            s.published_as = None;
        }
        vec![Effect::DataColumnsChanged]
    }

    pub fn is_published(&self, name: &str) -> bool {
        self.published.iter().any(|c| c.name == name)
    }

    /// Published text columns with their values, for the scenario editor's segment sources.
    pub fn text_columns(&self) -> Vec<(String, Vec<String>)> {
        self.published
            .iter()
            .filter_map(|c| match &c.kind {
                ColumnKind::Text { values } => Some((c.name.clone(), values.clone())),
                ColumnKind::Numeric => None,
            })
            .collect()
    }

    fn publish(&mut self, name: &str, kind: ColumnKind) {
        self.published.retain(|c| c.name != name);
        self.published.push(PublishedColumn { name: name.to_string(), kind });
        self.columns_lost.retain(|c| c != name);
    }
}

impl LabState {
    /// Stores a lab job's answer. A published column changes the data: the feature list is asked
    /// for again and anything computed from the data (the live view, the comparison) re-runs.
    pub fn answered(&mut self, job: JobId, lab_job: LabJob, response: Response) -> Vec<Effect> {
        let section = lab_job.section();
        let published = self.store(job, lab_job, response);
        if published.is_some() {
            self.errors[slot(section)] = None;
        }
        if published == Some(true) {
            vec![Effect::DataColumnsChanged]
        } else {
            Vec::new()
        }
    }

    /// `None`: the answer was a failure (kept for its section) or of another kind; else whether it
    /// published a column.
    fn store(&mut self, job: JobId, lab_job: LabJob, response: Response) -> Option<bool> {
        let section = lab_job.section();
        let published = match (lab_job, response) {
            (_, Response::Failed { error }) => {
                self.errors[slot(section)] = Some(error);
                return None;
            }
            (LabJob::FitClv { settings, publish }, Response::ClvFitted { overview }) => {
                if publish {
                    for name in CLV_COLUMNS {
                        self.publish(name, ColumnKind::Numeric);
                    }
                }
                let as_of = publish.then_some(settings.calibration_end);
                match &mut self.clv {
                    // A refit up to the end of the data was published: the checked fit (with its holdout
                    // charts) stays on screen.
                    Some(shown) if publish && shown.settings != *settings => shown.published_as_of = as_of,
                    _ => {
                        self.clv = Some(ClvResult {
                            job,
                            settings: *settings,
                            overview: Rc::new(*overview),
                            published_as_of: as_of,
                        })
                    }
                }
                publish
            }
            (LabJob::Train { request, publish_as }, Response::TrainedValue { report }) => {
                if let Some(name) = &publish_as {
                    self.publish(name, ColumnKind::Numeric);
                }
                let report = Prediction::Value(Rc::new(*report));
                let published = publish_as.is_some();
                self.prediction = Some(PredictionResult { job, request, report, published_as: publish_as });
                published
            }
            (LabJob::Train { request, publish_as }, Response::TrainedTiers { report }) => {
                if let Some(name) = &publish_as {
                    self.publish(name, ColumnKind::Text { values: report.classes.clone() });
                }
                let report = Prediction::Tiers(Rc::new(*report));
                let published = publish_as.is_some();
                self.prediction = Some(PredictionResult { job, request, report, published_as: publish_as });
                published
            }
            (LabJob::Segment { params, publish_as, .. }, Response::Segmented { report }) => {
                let names: Vec<String> = report.segments.iter().map(|s| s.name.clone()).collect();
                if let Some(name) = &publish_as {
                    self.publish(name, ColumnKind::Text { values: names.clone() });
                }
                let published = publish_as.is_some();
                self.segments = Some(SegmentResult {
                    job,
                    params: *params,
                    report: Rc::new(*report),
                    names,
                    published_as: publish_as,
                });
                published
            }
            // An answer of another kind cannot come for a lab request.
            _ => return None,
        };
        Some(published)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::models::clv::ClvError;

    #[test]
    fn a_failure_stays_in_its_section_and_asks_nothing_of_others() {
        let mut lab = LabState::default();
        let job = LabJob::FitClv { settings: Box::new(ClvSettings::new(0)), publish: true };
        let error = UserError::Clv { error: ClvError::NoPurchases };
        assert!(lab.answered(1, job, Response::Failed { error: error.clone() }).is_empty());
        assert_eq!(lab.error(LabSection::Clv), Some(&error));
        assert_eq!(lab.error(LabSection::Segments), None);
        assert!(lab.published.is_empty());
        // Without published columns a fresh worker loses nothing.
        assert!(lab.worker_replaced().is_empty());
        lab.publish("clv", ColumnKind::Numeric);
        assert_eq!(lab.worker_replaced(), [Effect::DataColumnsChanged]);
        assert_eq!(lab.columns_lost, ["clv"]);
        assert!(lab.reduce(LabAction::DismissColumnsLost).is_empty());
        assert!(lab.columns_lost.is_empty());
    }

    #[test]
    fn published_jobs_name_their_columns_and_requests_round_trip() {
        let clv = LabJob::FitClv { settings: Box::new(ClvSettings::new(5)), publish: true };
        assert_eq!(clv.published_columns(), CLV_COLUMNS);
        assert_eq!(LabJob::from_request(clv.request()), Some(clv.clone()));
        let quiet = LabJob::FitClv { settings: Box::new(ClvSettings::new(5)), publish: false };
        assert!(!quiet.publishes() && quiet.published_columns().is_empty());
        assert_eq!(LabJob::from_request(Request::FeatureStats), None);
    }
}
