//! The facts about the chosen source: file, format as detected, size of the data.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::date;
use crate::engine::roles::DatasetShape;
use crate::protocol::DataSummary;
use crate::ui::format;
use crate::ui::i18n::{self, T};
use crate::ui::state::Draft;
use crate::web::hooks::use_lang;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub draft: Rc<Draft>,
    pub data: Option<Rc<DataSummary>>,
}

#[function_component(SourceSummary)]
pub fn source_summary(props: &Props) -> Html {
    let lang = use_lang();
    let inspection = &props.draft.inspection;
    // Loaded figures only describe the draft when the draft is what is loaded.
    let data = props.data.as_ref().filter(|_| props.draft.loaded);
    let item = |label: T, value: String| {
        html! {
            <div class="fact">
                <dt class="fact__label">{ label.get(lang) }</dt>
                <dd class="fact__value">{ value }</dd>
            </div>
        }
    };
    let period = data
        .and_then(|d| d.period)
        .map(|(first, last)| format!("{} – {}", date::format_date(first), date::format_date(last)));
    html! {
        <section class="card" data-testid="source-summary">
            <div class="card__head">
                <h2 class="card__title">{ T::SourceTitle.get(lang) }</h2>
                if data.is_some() {
                    <span class="badge badge--ok">{ T::LoadedBadge.get(lang) }</span>
                } else {
                    <span class="badge badge--warn">{ T::NotLoadedBadge.get(lang) }</span>
                }
            </div>
            <dl class="facts">
                { item(T::SourceName, props.draft.file_name.clone()) }
                { item(T::SourceSize, format::bytes(inspection.byte_size)) }
                { item(T::SourceEncoding, i18n::encoding_name(inspection.encoding, lang).to_string()) }
                { item(T::SourceDelimiter, i18n::delimiter_name(inspection.delimiter, lang).to_string()) }
                { item(T::SourceHeader, if inspection.has_header { T::Yes } else { T::No }.get(lang).to_string()) }
                { item(T::SourceRows, format::count(inspection.record_count)) }
                if let Some(data) = data {
                    { item(T::SourceCustomers, format::large(data.customers as f64, lang, |v| format::count(v as usize))) }
                    if data.shape == DatasetShape::EventLog {
                        { item(T::SourceEvents, format::count(data.events)) }
                        { item(T::SourcePurchases, format::count(data.purchases)) }
                    }
                    { item(T::SourceRevenue, format::large(data.revenue, lang, format::money)) }
                }
                if let Some(period) = period {
                    { item(T::SourcePeriod, period) }
                }
            </dl>
        </section>
    }
}
