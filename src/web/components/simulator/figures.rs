//! Reading figures out of a simulation result, and showing one simulated quantity: its mean and
//! its interval, with every raw number in `data-*` attributes for tests.

use yew::prelude::*;

use crate::engine::simulate::kpi::{Kpi, Spread};
use crate::engine::simulate::{IncrementalKpi, SchemeResult, SimulationResult};
use crate::ui::format;
use crate::ui::state::IntervalLevel;

pub fn total(scheme: &SchemeResult, kpi: Kpi) -> Option<&Spread> {
    scheme.totals.iter().find(|k| k.kpi == kpi).map(|k| &k.spread)
}

/// B - A (the second scheme against the first, the reference the page runs with).
pub fn difference(result: &SimulationResult, kpi: Kpi) -> Option<&Spread> {
    result.comparison(1)?.difference.iter().find(|k| k.kpi == kpi).map(|k| &k.spread)
}

pub fn incremental(scheme: &SchemeResult, kpi: IncrementalKpi) -> Option<&Spread> {
    scheme.incremental.iter().find(|k| k.kpi == kpi).map(|k| &k.spread)
}

/// The interval's ends at the chosen level.
pub fn bounds(spread: &Spread, level: IntervalLevel) -> (f64, f64) {
    match level {
        IntervalLevel::P90 => (spread.low90, spread.high90),
        IntervalLevel::P95 => (spread.low95, spread.high95),
    }
}

/// How a quantity reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Currency, in whole units: simulated totals are not precise to the cent.
    Money,
    Count,
    /// A 0-1 share, shown in percent (differences in percentage points).
    Share,
    /// A plain ratio such as ROI.
    Ratio,
}

pub fn shown(kind: Kind, value: f64) -> String {
    match kind {
        Kind::Money | Kind::Count => format::fixed(value, 0),
        Kind::Share => format::share(value),
        Kind::Ratio => format::fixed(value, 2),
    }
}

pub fn shown_signed(kind: Kind, value: f64) -> String {
    match kind {
        Kind::Money | Kind::Count => format::signed(value, |v| format::fixed(v, 0)),
        Kind::Share => format::signed_share_points(value),
        Kind::Ratio => format::signed(value, |v| format::fixed(v, 2)),
    }
}

/// Colour of a B − A difference: green when B is better, red when worse, neutral when it shows as
/// zero (a red "0.0 pp" would claim a loss the reader cannot see).
pub fn tone(kind: Kind, value: f64, higher_is_better: bool) -> &'static str {
    let shown_as_zero = match kind {
        Kind::Money | Kind::Count => value.abs() < 0.5,
        Kind::Share => value.abs() < 0.0005,
        Kind::Ratio => value.abs() < 0.005,
    };
    if shown_as_zero || !value.is_finite() {
        "tone-neutral"
    } else if (value > 0.0) == higher_is_better {
        "tone-good"
    } else {
        "tone-bad"
    }
}

#[derive(Properties, PartialEq)]
pub struct CellProps {
    pub testid: AttrValue,
    pub spread: Spread,
    pub kind: Kind,
    pub level: IntervalLevel,
    /// A difference: shown with its sign.
    #[prop_or_default]
    pub signed: bool,
    /// The interval is not known (only the mean is shown).
    #[prop_or(true)]
    pub interval: bool,
    #[prop_or_default]
    pub class: Classes,
}

/// `12,300` over `8,100 – 16,400`.
#[function_component(SpreadValue)]
pub fn spread_value(props: &CellProps) -> Html {
    let s = &props.spread;
    let text = |v: f64| if props.signed { shown_signed(props.kind, v) } else { shown(props.kind, v) };
    let (low, high) = bounds(s, props.level);
    if !props.interval {
        return html! {
            <span class={classes!("sim-value", props.class.clone())} data-testid={props.testid.clone()}
                data-value={format::raw(s.mean)}>
                <span class="sim-value__mean">{ text(s.mean) }</span>
            </span>
        };
    }
    html! {
        <span class={classes!("sim-value", props.class.clone())} data-testid={props.testid.clone()}
            data-value={format::raw(s.mean)} data-low90={format::raw(s.low90)} data-high90={format::raw(s.high90)}
            data-low95={format::raw(s.low95)} data-high95={format::raw(s.high95)}>
            <span class="sim-value__mean">{ text(s.mean) }</span>
            <span class="sim-value__interval">{ format!("{} – {}", text(low), text(high)) }</span>
        </span>
    }
}
