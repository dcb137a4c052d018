//! Taking a decision into operation: the member list as a file, and the risk flags.

use crate::engine::members::{member_list, write_csv, write_xlsx, MemberFormat, MemberOptions};
use crate::engine::optimise::segments::SegmentChoice;
use crate::engine::progress::Progress;
use crate::engine::risk::{assess, assess_for_scenario, RiskSettings};
use crate::engine::scenario::Scenario;
use crate::protocol::{Response, UserError};

use super::state::{validated, Session};

impl Session {
    pub(super) fn member_list(
        &mut self,
        scenarios: &[Scenario],
        format: MemberFormat,
        options: &MemberOptions,
        recommend: Option<&SegmentChoice>,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        for scenario in scenarios {
            validated(&scenario.name, scenario)?;
        }
        let mut list =
            member_list(self.data()?, scenarios, options, progress).map_err(|error| UserError::Members { error })?;
        if let (Some(segments), Some(first)) = (recommend, scenarios.first()) {
            let (words, codes) = self.recommendation_column(first, segments, options.language, progress)?;
            list = list.with_next_best_benefit(words, codes);
        }
        let bytes = match format {
            MemberFormat::Csv => {
                let mut bytes = Vec::new();
                write_csv(&list, &mut bytes, progress).map(|_| bytes).map_err(|e| e.to_string())
            }
            MemberFormat::Xlsx => write_xlsx(&list, progress).map_err(|e| e.to_string()),
        }
        .map_err(|message| UserError::Internal { message })?;
        Ok(Response::File {
            file_name: format.file_name().to_string(),
            media_type: format.media_type().to_string(),
            size: bytes.len(),
            bytes,
        })
    }

    pub(super) fn risk(
        &mut self,
        scenario: Option<&Scenario>,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        let data = self.data()?;
        let report = match scenario {
            Some(scenario) => {
                validated(&scenario.name, scenario)?;
                assess_for_scenario(data, scenario, progress)
                    .map_err(|error| UserError::Evaluate { which: scenario.name.clone(), error })?
            }
            None => assess(data, &RiskSettings::default(), None, progress),
        };
        Ok(Response::RiskAssessed { report: Box::new(report) })
    }
}
