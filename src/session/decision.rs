//! Decision support: the optimiser over the whole scheme, the next-best benefit of every segment
//! and category affinity, on the loaded data and the simulator's baseline.

use super::state::{validated, Session};
use crate::engine::members::Language;
use crate::engine::optimise::affinity::category_affinity;
use crate::engine::optimise::recommend::{member_column, next_best_benefit, SegmentAdvice};
use crate::engine::optimise::segments::{SegmentChoice, SegmentLabels};
use crate::engine::optimise::{optimise_scheme, SearchRanges};
use crate::engine::progress::Progress;
use crate::engine::scenario::Scenario;
use crate::engine::simulate::SimulationSettings;
use crate::protocol::{Response, UserError};

impl Session {
    pub(super) fn optimise(
        &mut self,
        base: &Scenario,
        ranges: &SearchRanges,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        validated(&base.name, base)?;
        // A wrong range fails before the baseline is fitted.
        ranges.check(base).map_err(|e| UserError::Optimise { error: e.into() })?;
        // The search's simulations draw from the default (BG/NBD) baseline, as the CLI's do.
        let (data, baseline, _) = self.baseline(&SimulationSettings::default(), progress)?;
        let result = optimise_scheme(base, ranges, data, baseline, None, progress)
            .map_err(|error| UserError::Optimise { error })?;
        Ok(Response::Optimised { result: Box::new(result) })
    }

    pub(super) fn recommend(
        &mut self,
        scheme: &Scenario,
        segments: &SegmentChoice,
        settings: &SimulationSettings,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        let (_, advice) = self.advise(scheme, segments, settings, progress)?;
        Ok(Response::Recommended { advice })
    }

    pub(super) fn affinity(
        &mut self,
        segments: &SegmentChoice,
        progress: &mut dyn Progress,
    ) -> Result<Response, UserError> {
        let data = self.data()?;
        let labels =
            SegmentLabels::of(data, segments, progress).map_err(|error| UserError::AdviceSegments { error })?;
        Ok(Response::AffinityFound { affinity: category_affinity(&data.dataset, &labels) })
    }

    /// Every segment's next-best benefit against `scheme`, with the segments it was made for.
    fn advise(
        &mut self,
        scheme: &Scenario,
        segments: &SegmentChoice,
        settings: &SimulationSettings,
        progress: &mut dyn Progress,
    ) -> Result<(SegmentLabels, Vec<SegmentAdvice>), UserError> {
        validated(&scheme.name, scheme)?;
        settings.check().map_err(|error| UserError::Simulate { error })?;
        let labels =
            SegmentLabels::of(self.data()?, segments, progress).map_err(|error| UserError::AdviceSegments { error })?;
        let (data, baseline, _) = self.baseline(settings, progress)?;
        let advice = next_best_benefit(scheme, &labels, data, baseline, settings, progress)
            .map_err(|error| UserError::Simulate { error })?;
        Ok((labels, advice))
    }

    /// The member list's `next_best_benefit` column for `scheme` (default simulation settings):
    /// the recommendations' words and each customer's index into them.
    pub(super) fn recommendation_column(
        &mut self,
        scheme: &Scenario,
        segments: &SegmentChoice,
        language: Language,
        progress: &mut dyn Progress,
    ) -> Result<(Vec<String>, Vec<u32>), UserError> {
        let (labels, advice) = self.advise(scheme, segments, &SimulationSettings::default(), progress)?;
        Ok(member_column(&labels, &advice, language))
    }
}

#[cfg(test)]
pub(super) mod tests {
    use crate::engine::members::{MemberFormat, MemberOptions};
    use crate::engine::optimise::{optimise_scheme, SearchEffort, SearchRanges, ValueRange};
    use crate::engine::progress::Silent;
    use crate::engine::scenario::Scenario;
    use crate::engine::simulate::SimulationSettings;
    use crate::protocol::{Request, Response, UserError};
    use crate::session::{fit_baseline, Session};

    use super::*;

    fn loaded() -> Session {
        let mut session = Session::new();
        session.handle(Request::LoadSample { customers: 400, seed: 11 }, None, &mut Silent);
        session
    }

    /// Two settings searched with little effort.
    pub(in crate::session) fn small_ranges() -> SearchRanges {
        SearchRanges {
            discount_percent: Some(vec![
                ValueRange { min: 0.0, max: 0.0 },
                ValueRange { min: 0.0, max: 6.0 },
                ValueRange { min: 2.0, max: 8.0 },
                ValueRange { min: 4.0, max: 12.0 },
            ]),
            free_shipping_from: Some(ValueRange { min: 1.0, max: 4.0 }),
            search: SearchEffort { replications: 2, sweeps: 1, confirm_replications: 4, months: 3, seed: 9 },
            ..SearchRanges::default()
        }
    }

    #[test]
    fn the_optimise_request_finds_what_the_engine_finds() {
        let mut session = loaded();
        let base = Scenario::template();
        let ranges = small_ranges();
        let request = Request::Optimise { base: Box::new(base.clone()), ranges: Box::new(ranges.clone()) };
        let Response::Optimised { result } = session.handle(request, None, &mut Silent) else { panic!() };
        let data = session.prepared().unwrap();
        let (baseline, _) = fit_baseline(data, &mut Silent);
        let direct = optimise_scheme(&base, &ranges, data, &baseline, None, &mut Silent).unwrap();
        assert_eq!(result.best, direct.best);
        assert_eq!(result.best_point, direct.best_point);
        assert_eq!(result.confirmation, direct.confirmation);
        assert_eq!(result.evaluations, direct.evaluations);
        // The answer is typed data: it survives the trip through JSON to the page unchanged.
        let json = serde_json::to_string(&Response::Optimised { result: result.clone() }).unwrap();
        assert_eq!(serde_json::from_str::<Response>(&json).unwrap(), Response::Optimised { result });
    }

    #[test]
    fn wrong_ranges_and_segments_fail_with_their_field() {
        let mut session = loaded();
        let mut ranges = small_ranges();
        ranges.objective = crate::engine::optimise::Objective::Cautious { percentile: 70 };
        let request = Request::Optimise { base: Box::new(Scenario::template()), ranges: Box::new(ranges) };
        let Response::Failed { error: UserError::Optimise { error } } = session.handle(request, None, &mut Silent)
        else {
            panic!()
        };
        let crate::engine::optimise::OptimiseError::Ranges(crate::engine::optimise::RangesError::Range(range)) = error
        else {
            panic!("{error:?}")
        };
        assert_eq!((range.field.as_str(), range.value), ("objective.percentile", 70.0));
        let column = SegmentChoice::Column { name: "no such".into() };
        let answer = session.handle(Request::Affinity { segments: column.clone() }, None, &mut Silent);
        assert_eq!(
            answer,
            Response::Failed {
                error: UserError::AdviceSegments {
                    error: crate::engine::optimise::segments::SegmentsError::NoSuchColumn { name: "no such".into() }
                }
            }
        );
    }

    #[test]
    fn recommendations_per_segment_and_in_the_member_list() {
        let mut session = loaded();
        let scheme = Scenario::template();
        let settings = SimulationSettings { months: 3, replications: 4, ..SimulationSettings::default() };
        let request = Request::Recommend {
            scheme: Box::new(scheme.clone()),
            segments: SegmentChoice::Rfm,
            settings: settings.clone(),
        };
        let Response::Recommended { advice } = session.handle(request, None, &mut Silent) else { panic!() };
        let data = session.prepared().unwrap();
        let labels = SegmentLabels::of(data, &SegmentChoice::Rfm, &mut Silent).unwrap();
        let (baseline, _) = fit_baseline(data, &mut Silent);
        let direct = next_best_benefit(&scheme, &labels, data, &baseline, &settings, &mut Silent).unwrap();
        assert_eq!(advice, direct);
        assert_eq!(advice.iter().map(|a| a.customers).sum::<usize>(), 400, "every customer is in one RFM segment");
        // The sample has categories: every segment with purchases gets its lifts.
        let Response::AffinityFound { affinity: Some(affinity) } =
            session.handle(Request::Affinity { segments: SegmentChoice::Rfm }, None, &mut Silent)
        else {
            panic!()
        };
        assert!(!affinity.is_empty() && affinity.iter().all(|s| !s.categories.is_empty()));
        // The member list's column: the recommendation of each customer's segment.
        let list = |recommend| Request::MemberList {
            scenarios: vec![scheme.clone()],
            format: MemberFormat::Csv,
            options: MemberOptions::default(),
            recommend,
        };
        let Response::File { bytes, .. } = session.handle(list(Some(SegmentChoice::Rfm)), None, &mut Silent) else {
            panic!()
        };
        let text = String::from_utf8_lossy(&bytes).to_string();
        assert!(text.lines().next().unwrap().ends_with("next best benefit"), "{text}");
        let words: Vec<String> = advice.iter().map(|a| a.recommendation.words(Language::En)).collect();
        let (column, _) = member_column(&labels, &advice, Language::En);
        assert_eq!(column, words);
        for row in text.lines().skip(1) {
            let last = row.rsplit(',').next().unwrap();
            assert!(words.iter().any(|w| w == last), "{row}");
        }
        let Response::File { bytes, .. } = session.handle(list(None), None, &mut Silent) else { panic!() };
        let header = String::from_utf8_lossy(&bytes).lines().next().unwrap().to_string();
        assert!(header.ends_with("(not computed)"), "{header}");
    }
}
