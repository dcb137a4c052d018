//! Who moves where: customers by tier under A (rows) and tier under B (columns).

use std::rc::Rc;

use yew::prelude::*;

use super::heatmap::Heatmap;
use crate::engine::compare::Comparison;
use crate::ui::i18n::{self, Lang, T};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub comparison: Rc<Comparison>,
    pub lang: Lang,
    /// The letters of the schemes compared (`comparison.a`'s, then `comparison.b`'s).
    #[prop_or(['A', 'B'])]
    pub letters: [char; 2],
}

#[function_component(TransitionHeatmap)]
pub fn transition_heatmap(props: &Props) -> Html {
    let lang = props.lang;
    let c = &props.comparison;
    let names =
        |tiers: &[crate::engine::pricing::TierOutcome]| tiers.iter().map(|t| t.name.clone()).collect::<Vec<_>>();
    let cells: Vec<Vec<f64>> = c.transitions.iter().map(|row| row.iter().map(|&n| n as f64).collect()).collect();
    html! {
        <Heatmap title={T::Transitions.get(lang)} desc={i18n::transitions_desc(props.letters, lang)}
            row_axis={i18n::tier_under(props.letters[0], lang)} column_axis={i18n::tier_under(props.letters[1], lang)}
            rows={names(&c.a.tiers)} columns={names(&c.b.tiers)} {cells}
            testid="transition-heatmap" cell_prefix="transition-" />
    }
}
