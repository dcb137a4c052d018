//! Every feature the loaded data provides, with how many customers have it and how it is spread.
//! Props only (renders the same in a test).

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::explain::FeatureStats;
use crate::ui::feature_info;
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub stats: Rc<Vec<FeatureStats>>,
    pub lang: Lang,
}

#[function_component(FeatureTable)]
pub fn feature_table(props: &Props) -> Html {
    let lang = props.lang;
    html! {
        <div class="table-scroll">
            <table class="table table--compact feature-table" data-testid="feature-table">
                <thead>
                    <tr>
                        <th>{ T::Feature.get(lang) }</th>
                        <th class="num">{ T::WithValue.get(lang) }</th>
                        <th class="num">{ T::Missing.get(lang) }</th>
                        <th class="num">{ T::Mean.get(lang) }</th>
                        <th class="num">{ T::Median.get(lang) }</th>
                        <th class="num">{ "P90" }</th>
                        <th class="num">{ T::Max.get(lang) }</th>
                    </tr>
                </thead>
                <tbody>
                    { for props.stats.iter().map(|s| {
                        let value = |v: f64| if v.is_finite() { feature_info::value(&s.key, v) } else { "–".to_string() };
                        html! {
                            <tr data-testid={format!("feature-row-{}", s.key)}>
                                <th scope="row" title={s.key.to_string()}>{ i18n::feature_name(&s.key, lang) }</th>
                                <td class="num">{ format::count(s.count) }</td>
                                <td class={classes!("num", (s.missing > 0).then_some("muted"))}>{ format::count(s.missing) }</td>
                                <td class="num">{ value(s.mean) }</td>
                                <td class="num">{ value(s.median) }</td>
                                <td class="num">{ value(s.p90) }</td>
                                <td class="num">{ value(s.max) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
