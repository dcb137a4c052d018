//! Tiers over time from the replay: members per tier at each month end and the customers moved up
//! and down, for one scenario or for A and B side by side on shared scales. Props only.

use std::rc::Rc;

use yew::prelude::*;

use crate::web::components::card::ChartFigure;

use crate::engine::compare::Comparison;
use crate::engine::replay::TimelineSummary;
use crate::ui::i18n::{self, Lang, T};
use crate::web::charts::flow_chart::{self, FlowChart, Series};
use crate::web::charts::tier_timeline::{self, TierTimelineChart};

pub const UP_COLOUR: &str = crate::web::charts::palette::POSITIVE;
pub const DOWN_COLOUR: &str = crate::web::charts::palette::NEGATIVE;

fn moves(timeline: &TimelineSummary, lang: Lang) -> (Vec<Series>, Vec<Series>) {
    let up = Series {
        name: T::MovedUpSeries.get(lang).to_string(),
        colour: UP_COLOUR,
        values: timeline.upgrades.iter().map(|&n| f64::from(n)).collect(),
    };
    let down = Series {
        name: T::MovedDownSeries.get(lang).to_string(),
        colour: DOWN_COLOUR,
        values: timeline.downgrades.iter().map(|&n| f64::from(n)).collect(),
    };
    (vec![up], vec![down])
}

fn moves_extent(timeline: &TimelineSummary, lang: Lang) -> (f64, f64) {
    let (up, down) = moves(timeline, lang);
    flow_chart::extent(&up, &down, timeline.labels.len())
}

#[derive(Properties, PartialEq)]
pub struct BlockProps {
    pub timeline: TimelineSummary,
    pub tier_names: Vec<String>,
    pub lang: Lang,
    /// "a", "b" or "live": makes test ids unique.
    pub side: AttrValue,
    #[prop_or_default]
    pub members_max: Option<f64>,
    #[prop_or_default]
    pub moves_extent: Option<(f64, f64)>,
    /// Members and moves side by side (a full-width card) instead of one above the other.
    #[prop_or_default]
    pub wide: bool,
}

/// One scenario's members per tier and moves per month.
#[function_component(TimelineBlock)]
pub fn timeline_block(props: &BlockProps) -> Html {
    let lang = props.lang;
    let (up, down) = moves(&props.timeline, lang);
    let upgrades: u64 = props.timeline.upgrades.iter().map(|&n| u64::from(n)).sum();
    let downgrades: u64 = props.timeline.downgrades.iter().map(|&n| u64::from(n)).sum();
    html! {
        <div class={classes!("timeline-block", props.wide.then_some("timeline-block--wide"))}>
            <div>
                <h4 class="subsection-title">{ T::MembersTitle.get(lang) }</h4>
                <TierTimelineChart timeline={props.timeline.clone()} tier_names={props.tier_names.clone()} {lang}
                    scale_max={props.members_max} testid={format!("tier-timeline-{}", props.side)} />
            </div>
            <div>
                <h4 class="subsection-title">
                    { T::MovesTitle.get(lang) }
                    <span class="subsection-title__note">
                        <span class="up" data-testid={format!("upgrades-{}", props.side)} data-value={upgrades.to_string()}>
                            { format!("▲ {}", crate::ui::format::count(upgrades as usize)) }</span>{ " · " }
                        <span class="down" data-testid={format!("downgrades-{}", props.side)} data-value={downgrades.to_string()}>
                            { format!("▼ {}", crate::ui::format::count(downgrades as usize)) }</span>
                    </span>
                </h4>
                <FlowChart labels={props.timeline.labels.clone()} {up} {down} y_title={T::CustomersAxis.get(lang)} {lang}
                    extent={props.moves_extent} testid={format!("tier-moves-{}", props.side)} />
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub comparison: Rc<Comparison>,
    pub lang: Lang,
    /// The letters of the schemes compared (`comparison.a`'s, then `comparison.b`'s).
    #[prop_or(['A', 'B'])]
    pub letters: [char; 2],
}

/// The two schemes side by side, on the same scales so their heights compare.
#[function_component(TimelinePanel)]
pub fn timeline_panel(props: &Props) -> Html {
    let lang = props.lang;
    let c = &props.comparison;
    let (Some(a), Some(b)) = (&c.a.timeline, &c.b.timeline) else { return html! {} };
    let members_max = tier_timeline::peak(a).max(tier_timeline::peak(b));
    let (moves_a, moves_b) = (moves_extent(a, lang), moves_extent(b, lang));
    let moves_extent = (moves_a.0.max(moves_b.0), moves_a.1.max(moves_b.1));
    let names =
        |o: &crate::engine::pricing::ScenarioOutcome| o.tiers.iter().map(|t| t.name.clone()).collect::<Vec<_>>();
    let column = |side: &'static str, name: &str, timeline: &TimelineSummary, tier_names: Vec<String>| {
        let letter = i18n::side_letter(props.letters, side);
        html! {
            <div class="side-column">
                <h4 class="side-column__title">
                    <span class={classes!("kpi-card__tag", format!("kpi-card__tag--{side}"))}>{ letter }</span>{ name.to_string() }
                </h4>
                <TimelineBlock timeline={timeline.clone()} {tier_names} {lang} side={side} members_max={Some(members_max)}
                    moves_extent={Some(moves_extent)} />
            </div>
        }
    };
    html! {
        <ChartFigure title={T::TierTimeline.get(lang)} desc={T::TierTimelineDesc.get(lang)} testid="timeline-panel">
            <div class="side-by-side">
                { column("a", &c.a.name, a, names(&c.a)) }
                { column("b", &c.b.name, b, names(&c.b)) }
            </div>
        </ChartFigure>
    }
}
