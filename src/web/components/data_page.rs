//! The Data tab: where the data comes from, what it looks like, how it is read, what was wrong.

use yew::prelude::*;

use crate::web::components::action_button::ActionButton;

use super::column_mapping::ColumnMapping;
use super::drop_zone::DropZone;
use super::forget_data::ForgetData;
use super::preview_table::PreviewTable;
use super::source_summary::SourceSummary;
use super::validation_report::ValidationReportView;
use crate::ui::i18n::T;
use crate::web::hooks::use_app;

#[function_component(DataPage)]
pub fn data_page() -> Html {
    let app = use_app();
    let lang = app.lang();
    let load_sample = {
        let bridge = app.bridge.clone();
        Callback::from(move |_: MouseEvent| bridge.load_sample())
    };
    let download_sample = {
        let bridge = app.bridge.clone();
        Callback::from(move |event: MouseEvent| {
            event.prevent_default();
            bridge.sample_csv();
        })
    };
    let draft = app.state.data.draft.clone();
    let data = app.state.data.summary.clone();
    html! {
        <div class="page page--data">
            <div class="data-top">
            <section class="card">
                <div class="card__head">
                    <div>
                        <h2 class="card__title">{ T::DataTitle.get(lang) }</h2>
                        <p class="card__subtitle">{ T::DataIntro.get(lang) }</p>
                    </div>
                    <div class="card__actions">
                        <ActionButton class="button" testid="load-sample" onclick={load_sample} label={T::LoadSample.get(lang)} />
                        <a href="#" class="link" data-testid="download-sample" onclick={download_sample}>
                            { T::DownloadSampleCsv.get(lang) }
                        </a>
                    </div>
                </div>
                <DropZone />
                <p class="privacy-note">{ T::PrivacyNote.get(lang) }</p>
            </section>
            if let Some(draft) = draft.clone() {
                <SourceSummary draft={draft} data={data.clone()} />
            }
            </div>
            if let Some(draft) = draft.clone() {
                <PreviewTable draft={draft.clone()} />
                <ColumnMapping draft={draft} />
            } else {
                <section class="card card--empty"><p>{ T::NoDataYet.get(lang) }</p></section>
            }
            // The report describes the loaded data; while another file is being mapped it would mislead.
            if let Some(data) = data.filter(|_| draft.as_ref().is_none_or(|d| d.loaded)) {
                <ValidationReportView summary={data} />
            }
            <ForgetData />
        </div>
    }
}
