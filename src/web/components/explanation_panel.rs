//! Why one customer is where they are: tier and score, what each term adds, how far the next tier
//! is, their tier month by month, their points and their features. Props only, so a test can
//! render it from a hand-built `Explanation`.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::explain::{Explanation, NextTier};
use crate::protocol::JobId;
use crate::ui::feature_info;
use crate::ui::format;
use crate::ui::i18n::{self, Lang, QualificationText, T};
use crate::web::charts::contributions::ContributionChart;
use crate::web::charts::palette::tier_colour;
use crate::web::charts::tier_strip::TierStrip;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub explanation: Rc<Explanation>,
    /// The scenario's tier names, lowest first (the month cells hold tier indices).
    pub tier_names: Vec<String>,
    pub lang: Lang,
    /// The job that produced it (`data-job`, so tests can wait for a newer one).
    #[prop_or_default]
    pub job: JobId,
    /// A newer explanation is being computed.
    #[prop_or_default]
    pub updating: bool,
}

/// "412.30 more to reach 钻石 Diamond".
pub fn distance_text(distance: f64, tier: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} more to reach {tier}", format::fixed(distance, 2)),
        Lang::Zh => format!("距离 {tier} 还差 {}", format::fixed(distance, 2)),
    }
}

/// The way to the next tier: the score's alone, or with a second criterion both parts ("14 more
/// orders or 2,300 more spend to reach 金牌 Gold").
fn next_tier_text(next: &NextTier, lang: Lang) -> String {
    match &next.second {
        None => distance_text(next.distance, &next.name, lang),
        Some(second) => {
            let unit = if second.score_is_spend { QualificationText::SpendUnit } else { QualificationText::ScoreUnit };
            i18n::two_criteria_distance(
                next.distance,
                unit.get(lang),
                second.distance,
                second.measure,
                second.combine,
                &next.name,
                lang,
            )
        }
    }
}

/// " · 钻石 Diamond starts at 969.80".
fn starts_at(tier: &str, bound: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!(" · {tier} starts at {}", format::fixed(bound, 2)),
        Lang::Zh => format!(" · {tier}起点为 {}", format::fixed(bound, 2)),
    }
}

#[function_component(ExplanationPanel)]
pub fn explanation_panel(props: &Props) -> Html {
    let lang = props.lang;
    let e = &props.explanation;
    let next = match &e.next_tier {
        Some(next) => html! {
            <p class="explain__next" data-testid="next-tier" data-value={format::raw(next.distance)}>
                { next_tier_text(next, lang) }
                <span class="muted">{ starts_at(&next.name, next.bound, lang) }</span>
            </p>
        },
        None => html! { <p class="explain__next" data-testid="next-tier">{ T::TopTierReached.get(lang) }</p> },
    };
    let points = e.points.as_ref().map(|p| {
        let item = |label: T, testid: &'static str, value: f64| html! {
            <div class="stat">
                <span class="stat__value" data-testid={testid} data-value={format::raw(value)}>{ format::quantity(value) }</span>
                <span class="stat__label">{ label.get(lang) }</span>
            </div>
        };
        html! {
            <div class="stats stats--compact">
                { item(T::PointsBalance, "points-balance", p.balance) }
                { item(T::PointsPending, "points-pending", p.pending) }
                { item(T::PointsEarnedToDate, "points-earned", p.earned_to_date) }
            </div>
        }
    });
    html! {
        <article class={classes!("explain", props.updating.then_some("explain--updating"))} data-testid="explanation"
            data-job={props.job.to_string()} aria-busy={props.updating.to_string()}>
            <header class="explain__head">
                <div>
                    <span class="explain__kicker">{ T::CustomerId.get(lang) }</span>
                    <h3 class="explain__id" data-testid="explanation-id">{ &e.customer_id }</h3>
                </div>
                <div class="explain__tier">
                    <span class="tier-pill" style={format!("--tier:{}", tier_colour(e.tier))} data-testid="explanation-tier"
                        data-value={e.tier.to_string()}>{ &e.tier_name }</span>
                    if let Some(segment) = &e.segment {
                        <span class="segment-pill" data-testid="explanation-segment">
                            { format!("{} {}", T::Segment.get(lang), i18n::segment_label(segment, lang)) }
                        </span>
                    }
                </div>
                <div class="explain__score">
                    <span class="explain__kicker">{ T::Score.get(lang) }</span>
                    <span class="explain__score-value" data-testid="explanation-score" data-value={format::raw(e.score)}>
                        { format::fixed(e.score, 2) }
                    </span>
                </div>
            </header>
            { next }
            <div class="explain__grid">
                <section>
                    <h4 class="subsection-title">{ T::Contributions.get(lang) }</h4>
                    if e.contributions.is_empty() {
                        <p class="muted">{ T::NoContributions.get(lang) }</p>
                    } else {
                        <ContributionChart contributions={e.contributions.clone()} {lang} />
                    }
                    <h4 class="subsection-title">{ T::TierByMonth.get(lang) }</h4>
                    if let Some(months) = &e.timeline {
                        <TierStrip months={months.clone()} labels={e.month_labels.clone()} tier_names={props.tier_names.clone()} {lang} />
                    } else {
                        <p class="muted">{ T::NeedsEventLogHistory.get(lang) }</p>
                    }
                    { for points.map(|p| html! {
                        <>
                            <h4 class="subsection-title">{ T::PointsTitle.get(lang) }</h4>
                            { p }
                        </>
                    }) }
                </section>
                <section>
                    <h4 class="subsection-title">{ T::FeaturesTitle.get(lang) }</h4>
                    <dl class="feature-list" data-testid="explanation-features">
                        { for e.features.iter().map(|(key, value)| html! {
                            <div class="feature-list__item" data-testid={format!("feature-{key}")} data-value={format::raw(*value)}>
                                <dt>{ i18n::feature_name(key, lang) }</dt>
                                <dd>{ feature_info::value(key, *value) }</dd>
                            </div>
                        }) }
                    </dl>
                </section>
            </div>
        </article>
    }
}
