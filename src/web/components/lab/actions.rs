//! What a published model column can do next: tier scenario A by it, or open the segment rules where
//! it is a segment source.

use yew::prelude::*;

use crate::engine::features::catalog::FeatureKey;
use crate::engine::scenario::{Scoring, Thresholds};
use crate::ui::choices::even_shares;
use crate::ui::state::{Action, CompareAction, LiveAction, PageAction, ScenarioAction, ScenarioId, Section, Tab};
use crate::web::hooks::AppContext;

/// Tiers scenario A by a published column, through the same reducer action the scenario editor uses:
/// its score becomes that column, absolute bounds (on the old score's scale) become target shares,
/// and the Scoring tab opens on A to show the result.
pub fn tier_by(app: &AppContext, key: FeatureKey) -> Callback<MouseEvent> {
    let state = app.state.clone();
    Callback::from(move |_: MouseEvent| {
        let key = key.clone();
        state.dispatch(Action::Scenarios(ScenarioAction::Edit {
            id: ScenarioId::A,
            change: Box::new(move |s| {
                s.scoring = Scoring::Metric { feature: key };
                if matches!(s.tiers.thresholds, Thresholds::Absolute { .. }) {
                    s.tiers.thresholds = Thresholds::TargetShares { percent: even_shares(s.tier_count()) };
                }
            }),
        }));
        state.dispatch(Action::Live(LiveAction::SetSide(ScenarioId::A)));
        state.dispatch(Action::Page(PageAction::SetTab(Tab::Scoring)));
    })
}

/// Opens the scenario editor's segment rules (Compare tab), where a published text column is one
/// of the segment sources.
pub fn open_segment_rules(app: &AppContext) -> Callback<MouseEvent> {
    let state = app.state.clone();
    Callback::from(move |_: MouseEvent| {
        if !state.compare.open_sections.contains(&Section::Segments) {
            state.dispatch(Action::Compare(CompareAction::ToggleSection(Section::Segments)));
        }
        state.dispatch(Action::Page(PageAction::SetTab(Tab::Compare)));
    })
}
