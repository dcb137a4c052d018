//! The comparison on screen. Props only (no context), so it renders the same in the page and in a
//! test that builds a `Comparison` by hand.

use std::rc::Rc;

use yew::prelude::*;

use super::kpi_cards::KpiTable;
use super::points_panel::PointsPanel;
use super::tier_tables::{RevenueShareTable, WarningList};
use super::timeline_panel::TimelinePanel;
use crate::engine::compare::Comparison;
use crate::protocol::JobId;
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T};
use crate::web::charts::cost_breakdown::CostBreakdownChart;
use crate::web::charts::tier_distribution::TierDistributionChart;
use crate::web::charts::transition_heatmap::TransitionHeatmap;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub comparison: Rc<Comparison>,
    /// The job that produced it (exposed as `data-job` so tests can wait for a new result).
    pub job: JobId,
    pub lang: Lang,
    /// A newer comparison is being computed.
    #[prop_or_default]
    pub updating: bool,
    /// The letters of the schemes compared (`comparison.a`'s, then `comparison.b`'s).
    #[prop_or(['A', 'B'])]
    pub letters: [char; 2],
}

#[function_component(Results)]
pub fn results(props: &Props) -> Html {
    let lang = props.lang;
    let c = &props.comparison;
    html! {
        <section class={classes!("results", props.updating.then_some("results--updating"))} data-testid="results"
            data-job={props.job.to_string()} aria-busy={props.updating.to_string()}>
            <div class="page-head">
                <div>
                    <h2 class="page-head__title">{ T::ResultsTitle.get(lang) }</h2>
                    <p class="page-head__subtitle">
                        { format!("{} {}", format::count(c.customers), T::CustomersLoaded.get(lang)) }
                        if let Some(m) = &c.movement {
                            { format!(" · {}: ", i18n::tier_moves(props.letters, lang)) }
                            <span class="up" data-testid="moved-up" data-value={m.up.to_string()}>
                                { format!("▲ {} {}", format::count(m.up), T::MovedUp.get(lang)) }
                            </span>{ " · " }
                            <span class="down" data-testid="moved-down" data-value={m.down.to_string()}>
                                { format!("▼ {} {}", format::count(m.down), T::MovedDown.get(lang)) }
                            </span>{ " · " }
                            <span data-testid="stayed" data-value={m.same.to_string()}>
                                { format!("{} {}", format::count(m.same), T::Stayed.get(lang)) }
                            </span>
                        }
                    </p>
                </div>
                if props.updating { <span class="hint">{ T::ResultsStale.get(lang) }</span> }
            </div>
            <KpiTable comparison={c.clone()} {lang} letters={props.letters} />
            <div class="chart-grid">
                <TierDistributionChart comparison={c.clone()} {lang} letters={props.letters} />
                <TransitionHeatmap comparison={c.clone()} {lang} letters={props.letters} />
                <CostBreakdownChart comparison={c.clone()} {lang} letters={props.letters} />
                <RevenueShareTable comparison={c.clone()} {lang} letters={props.letters} />
            </div>
            <WarningList comparison={c.clone()} {lang} letters={props.letters} />
            <TimelinePanel comparison={c.clone()} {lang} letters={props.letters} />
            <PointsPanel comparison={c.clone()} {lang} letters={props.letters} />
        </section>
    }
}
