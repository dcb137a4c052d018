//! Test customers by actual class (rows) and predicted class (columns): the diagonal holds the right
//! answers. An HTML table with coloured cells, like the tier transition table, with each row's
//! share so classes of different sizes compare.

use yew::prelude::*;

use super::draw::chrome_style;
use super::frame::palette::{heat, text_on, tier_colour};
use crate::ui::format;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub classes: Vec<String>,
    /// `counts[actual][predicted]`.
    pub counts: Vec<Vec<u64>>,
    pub actual_label: AttrValue,
    pub predicted_label: AttrValue,
    pub testid: AttrValue,
}

#[function_component(ConfusionMatrix)]
pub fn confusion_matrix(props: &Props) -> Html {
    let classes = props.classes.len();
    let name = |i: usize| props.classes.get(i).cloned().unwrap_or_else(|| format!("#{}", i + 1));
    html! {
        <div class="table-scroll" style={chrome_style()}>
            <table class="heatmap" data-testid={props.testid.clone()}>
                <thead>
                    <tr>
                        <th class="heatmap__corner">
                            <span class="heatmap__axis-b">{ format!("{} →", props.predicted_label) }</span>
                            <span class="heatmap__axis-a">{ format!("{} ↓", props.actual_label) }</span>
                        </th>
                        { for (0..classes).map(|j| html! {
                            <th scope="col" class="heatmap__head">
                                <span class="tier-dot" style={format!("background:{}", tier_colour(j))}></span>{ name(j) }
                            </th>
                        }) }
                        <th scope="col" class="heatmap__total">{ "Σ" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for props.counts.iter().enumerate().map(|(i, row)| {
                        let total: u64 = row.iter().sum();
                        html! {
                            <tr>
                                <th scope="row" class="heatmap__head heatmap__head--row">
                                    <span class="tier-dot" style={format!("background:{}", tier_colour(i))}></span>{ name(i) }
                                </th>
                                { for (0..classes).map(|j| {
                                    let count = row.get(j).copied().unwrap_or(0);
                                    // Shaded by the share of the actual class, so a small class's
                                    // mistakes show as clearly as a big one's.
                                    let fraction = if total > 0 { count as f64 / total as f64 } else { 0.0 };
                                    let fill = heat(fraction);
                                    html! {
                                        <td class={classes!("heatmap__cell", (i == j).then_some("heatmap__cell--same"))}
                                            style={format!("background:{fill};color:{}", text_on(&fill))}
                                            data-testid={format!("{}-{i}-{j}", props.testid)} data-value={count.to_string()}
                                            title={format!("{} → {}: {} ({})", name(i), name(j), format::count(count as usize), format::share(fraction))}>
                                            { format::count(count as usize) }
                                        </td>
                                    }
                                }) }
                                <td class="heatmap__total">{ format::count(total as usize) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
