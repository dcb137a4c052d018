//! k-means segments on screen: how well each number of segments separates the customers
//! (silhouette, and inertia), and a profile of every segment in the features' own units with its
//! name, which the user may change before the segments become a column. Props only.

use crate::ui::i18n::TL;
use std::collections::BTreeMap;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::web::components::card::ScrollTable;

use super::model_parts::feature_label;
use crate::engine::features::catalog::FeatureKey;
use crate::engine::models::segments::SegmentReport;
use crate::ui::feature_info;
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T};
use crate::ui::lab::FieldProblem;
use crate::web::charts::line_chart::{LineChart, LineSeries, Marker};
use crate::web::charts::palette::tier_colour;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub report: Rc<SegmentReport>,
    /// The names as edited, one per segment.
    pub names: Vec<String>,
    #[prop_or_default]
    pub name_problems: BTreeMap<usize, FieldProblem>,
    pub on_rename: Callback<(usize, String)>,
    pub lang: Lang,
}

pub const SILHOUETTE: &str = crate::web::charts::palette::SERIES_MAIN;
pub const INERTIA: &str = crate::web::charts::palette::SERIES_MUTED;

#[function_component(SegmentResults)]
pub fn segment_results(props: &Props) -> Html {
    let lang = props.lang;
    let r = &props.report;
    let ks: Vec<f64> = r.curve.iter().map(|c| c.k as f64).collect();
    let (k_low, k_high) = (ks.first().copied().unwrap_or(2.0), ks.last().copied().unwrap_or(2.0));
    let x_domain = if k_high > k_low { (k_low - 0.3, k_high + 0.3) } else { (k_low - 1.0, k_low + 1.0) };
    let x_ticks: Vec<(f64, String)> = r.curve.iter().map(|c| (c.k as f64, c.k.to_string())).collect();
    let silhouette = vec![LineSeries {
        name: TL::SegSilhouette.get(lang).into(),
        colour: SILHOUETTE,
        points: r.curve.iter().filter_map(|c| c.silhouette.map(|s| (c.k as f64, s))).collect(),
        dashed: false,
        dots: true,
    }];
    let inertia = vec![LineSeries {
        name: TL::SegInertia.get(lang).into(),
        colour: INERTIA,
        points: r.curve.iter().map(|c| (c.k as f64, c.inertia)).collect(),
        dashed: false,
        dots: true,
    }];
    let marker = Some(Marker { x: r.k as f64, label: format!("k = {}", r.k) });
    let keys: Vec<Option<FeatureKey>> = r.features.iter().map(|f| FeatureKey::try_from(f.clone()).ok()).collect();
    let rename = |index: usize| {
        let on_rename = props.on_rename.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                on_rename.emit((index, input.value()));
            }
        })
    };
    html! {
        <div class="lab-results" data-testid="segment-results">
            <section class="card">
                <div class="card__head">
                    <div>
                        <h3 class="card__title">{ TL::SegChoiceTitle.get(lang) }</h3>
                        <p class="card__subtitle" data-testid="segments-k" data-value={r.k.to_string()}>
                            { i18n::segments_k_sentence(r.k, r.curve.len() > 1, r.segments.len(), lang) }
                        </p>
                    </div>
                </div>
                if r.curve.len() > 1 {
                    <div class="chart-grid">
                        <figure class="chart">
                            <figcaption class="chart__caption">
                                <h4 class="chart__title">{ TL::SegSilhouette.get(lang) }</h4>
                                <p class="chart__desc">{ TL::SegSilhouetteDesc.get(lang) }</p>
                            </figcaption>
                            <LineChart series={silhouette} x_ticks={x_ticks.clone()} {x_domain} marker={marker.clone()}
                                x_title={TL::SegKAxis.get(lang)} y_title={TL::SegSilhouette.get(lang)} testid="segments-silhouette"
                                plot_height={160.0} {lang} />
                        </figure>
                        <figure class="chart">
                            <figcaption class="chart__caption">
                                <h4 class="chart__title">{ TL::SegInertia.get(lang) }</h4>
                                <p class="chart__desc">{ TL::SegInertiaDesc.get(lang) }</p>
                            </figcaption>
                            <LineChart series={inertia} x_ticks={x_ticks} {x_domain} {marker}
                                x_title={TL::SegKAxis.get(lang)} y_title={TL::SegInertia.get(lang)} testid="segments-inertia"
                                plot_height={160.0} {lang} />
                        </figure>
                    </div>
                } else if let Some(s) = r.curve.first().and_then(|c| c.silhouette) {
                    <p class="help" data-testid="segments-silhouette-value" data-value={format::raw(s)}>
                        { format!("{}: {}", TL::SegSilhouette.get(lang), format::fixed(s, 3)) }</p>
                }
            </section>
            <section class="card table-card" data-testid="segments-profiles">
                <div class="card__head card__head--padded">
                    <div>
                        <h3 class="card__title">{ TL::SegProfilesTitle.get(lang) }</h3>
                        <p class="card__subtitle">{ i18n::segments_ranked_by(&r.ranked_by, lang) }</p>
                    </div>
                </div>
                <ScrollTable class="table--compact segment-profiles" head={html! {
                    <tr>
                        <th scope="col">{ TL::SegName.get(lang) }</th>
                        <th scope="col" class="num">{ T::Customers.get(lang) }</th>
                        <th scope="col" class="num">{ T::ShareOfCustomers.get(lang) }</th>
                        { for r.features.iter().map(|f| html! { <th scope="col" class="num">{ feature_label(f, lang) }</th> }) }
                        <th scope="col" class="num">{ TL::SegMeanSpend.get(lang) }</th>
                        <th scope="col" class="num">{ T::ShareOfRevenue.get(lang) }</th>
                    </tr>
                }}>
                    { for r.segments.iter().enumerate().map(|(i, s)| {
                        let name = props.names.get(i).cloned().unwrap_or_else(|| s.name.clone());
                        let problem = props.name_problems.get(&i).map(|p| i18n::field_problem(p, lang));
                        html! {
                            <tr data-testid={format!("segment-row-{i}")} data-size={s.size.to_string()}>
                                <td class="segment-profiles__name">
                                    <span class="tier-dot" style={format!("background:{}", tier_colour(r.segments.len() - 1 - i))}></span>
                                    <input type="text" class={classes!("input", problem.is_some().then_some("input--invalid"))}
                                        value={name} data-testid={format!("segment-name-{i}")}
                                        aria-label={TL::SegName.get(lang)} oninput={rename(i)} />
                                    if let Some(p) = problem { <span class="field-error" role="alert">{ p }</span> }
                                </td>
                                <td class="num">{ format::count(s.size) }</td>
                                <td class="num" data-testid={format!("segment-share-{i}")} data-value={format::raw(s.share)}>
                                    { format::share(s.share) }</td>
                                { for s.feature_means.iter().zip(&keys).enumerate().map(|(f, (mean, key))| html! {
                                    <td class="num" data-testid={format!("segment-mean-{i}-{f}")}
                                        data-value={mean.map(format::raw).unwrap_or_default()}>
                                        { match (mean, key) {
                                            (Some(m), Some(k)) => feature_info::value(k, *m),
                                            (Some(m), None) => format::plain(*m),
                                            _ => "–".to_string(),
                                        } }
                                    </td>
                                }) }
                                <td class="num">{ s.mean_spend.map(format::money).unwrap_or_else(|| "–".into()) }</td>
                                <td class="num">{ s.revenue_share.map(format::share).unwrap_or_else(|| "–".into()) }</td>
                            </tr>
                        }
                    }) }

                </ScrollTable>
                { for r.imputed.iter().filter(|i| i.imputed > 0).map(|i| html! {
                    <p class="help card__note">{ i18n::imputed_sentence(&feature_label(&i.feature, lang), i.imputed,
                        &format::plain(i.median), lang) }</p>
                }) }
            </section>
        </div>
    }
}
