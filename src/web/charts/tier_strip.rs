//! One customer's tier month by month: a row of cells coloured by tier, blank before they joined,
//! with the month written under the first month of each year.

use yew::prelude::*;

use super::draw::chrome_style;
use super::frame::palette::tier_colour;
use crate::ui::i18n::{Lang, T};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Tier at the end of each month (`None` before the customer's first event).
    pub months: Vec<Option<usize>>,
    pub labels: Vec<String>,
    pub tier_names: Vec<String>,
    pub lang: Lang,
}

#[function_component(TierStrip)]
pub fn tier_strip(props: &Props) -> Html {
    let lang = props.lang;
    let count = props.months.len();
    let name = |tier: usize| props.tier_names.get(tier).cloned().unwrap_or_else(|| format!("#{}", tier + 1));
    // Tiers this customer held, lowest first, for the legend.
    let mut held: Vec<usize> = props.months.iter().flatten().copied().collect();
    held.sort_unstable();
    held.dedup();
    let tier_text = |tier: &Option<usize>| tier.map_or_else(|| T::NotYetCustomer.get(lang).to_string(), name);
    let summary = runs(&props.months)
        .into_iter()
        .map(|(tier, first, last)| {
            let label = |m: usize| props.labels.get(m).cloned().unwrap_or_default();
            let months = if first == last { label(first) } else { format!("{} – {}", label(first), label(last)) };
            format!("{months}: {}", tier_text(&tier))
        })
        .collect::<Vec<_>>()
        .join("; ");
    html! {
        <div class="tier-strip" data-testid="tier-strip" style={chrome_style()}>
            // One image to a screen reader, named by the tiers held and when; the cells' titles are
            // the same story month by month for a pointer.
            <div class="tier-strip__cells" style={format!("grid-template-columns: repeat({count}, minmax(0, 1fr))")}
                role="img" aria-label={format!("{} — {summary}", T::TierByMonth.get(lang))}>
                { for props.months.iter().enumerate().map(|(m, tier)| {
                    let label = props.labels.get(m).cloned().unwrap_or_default();
                    let (style, title) = match tier {
                        Some(t) => (format!("background:{}", tier_colour(*t)), format!("{label}: {}", name(*t))),
                        None => (String::new(), format!("{label}: {}", T::NotYetCustomer.get(lang))),
                    };
                    html! {
                        <span class={classes!("tier-strip__cell", tier.is_none().then_some("tier-strip__cell--empty"))}
                            style={style} title={title}
                            data-testid={format!("month-cell-{m}")}
                            data-tier={tier.map(|t| t.to_string()).unwrap_or_default()} data-month={label.clone()}></span>
                    }
                }) }
            </div>
            <div class="tier-strip__labels" style={format!("grid-template-columns: repeat({count}, minmax(0, 1fr))")}>
                { for props.labels.iter().enumerate().map(|(m, label)| {
                    // Each January carries the date, and the first month unless a January follows
                    // too closely for both labels to fit.
                    let first_january = props.labels.iter().position(|l| l.ends_with("-01"));
                    let shown = label.ends_with("-01") || (m == 0 && first_january.is_none_or(|j| j >= 4));
                    html! { <span class="tier-strip__label">{ if shown { label.clone() } else { String::new() } }</span> }
                }) }
            </div>
            <div class="tier-strip__legend">
                { for held.into_iter().map(|t| html! {
                    <span class="tier-strip__key"><span class="tier-dot" style={format!("background:{}", tier_colour(t))}></span>{ name(t) }</span>
                }) }
                if props.months.iter().any(Option::is_none) {
                    <span class="tier-strip__key"><span class="tier-dot tier-dot--empty"></span>{ T::NotYetCustomer.get(lang) }</span>
                }
            </div>
        </div>
    }
}

/// Consecutive months in the same tier: `(tier, first month, last month)`.
fn runs(months: &[Option<usize>]) -> Vec<(Option<usize>, usize, usize)> {
    let mut runs: Vec<(Option<usize>, usize, usize)> = Vec::new();
    for (m, tier) in months.iter().enumerate() {
        match runs.last_mut() {
            Some((current, _, last)) if current == tier => *last = m,
            _ => runs.push((*tier, m, m)),
        }
    }
    runs
}
