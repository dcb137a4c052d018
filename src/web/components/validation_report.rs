//! What ingest found and did: every row accounted for, each problem kind with its first examples.

use std::rc::Rc;

use yew::prelude::*;

use crate::web::components::card::ScrollTable;

use crate::protocol::DataSummary;
use crate::ui::format;
use crate::ui::i18n::{self, T};
use crate::web::hooks::use_lang;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub summary: Rc<DataSummary>,
}

#[function_component(ValidationReportView)]
pub fn validation_report(props: &Props) -> Html {
    let lang = use_lang();
    let report = &props.summary.report;
    let tile = |label: T, value: usize, tone: &'static str, testid: &'static str| {
        html! {
            <div class={classes!("stat", tone)} data-testid={testid} data-value={value.to_string()}>
                <span class="stat__value">{ format::count(value) }</span>
                <span class="stat__label">{ label.get(lang) }</span>
            </div>
        }
    };
    html! {
        <section class="card" data-testid="validation-report">
            <div class="card__head">
                <h2 class="card__title">{ T::ReportTitle.get(lang) }</h2>
            </div>
            <div class="stats">
                { tile(T::ReportRead, report.records_read, "", "report-read") }
                { tile(T::ReportKept, report.rows_kept, "stat--ok", "report-kept") }
                { tile(T::ReportDropped, report.rows_dropped, if report.rows_dropped > 0 { "stat--warn" } else { "" }, "report-dropped") }
                { tile(T::ReportBlank, report.blank_lines, "", "report-blank") }
            </div>
            if report.issues.is_empty() {
                <p class="muted">{ T::ReportNoIssues.get(lang) }</p>
            } else {
                <ScrollTable head={html! {
                    <tr>
                        <th>{ T::ReportProblem.get(lang) }</th>
                        <th class="num">{ T::ReportCount.get(lang) }</th>
                        <th>{ T::ReportAction.get(lang) }</th>
                        <th>{ T::ReportExamples.get(lang) }</th>
                    </tr>
                }}>
                    { for report.issues.iter().map(|issue| html! {
                        <tr>
                            <td>{ i18n::issue_name(issue.kind, lang) }</td>
                            <td class="num">{ format::count(issue.count) }</td>
                            <td>{ i18n::issue_action_name(issue.action, lang) }</td>
                            <td>
                                <ul class="examples">
                                    { for issue.examples.iter().map(|example| html! {
                                        <li>
                                            <span class="examples__where">
                                                { i18n::line_label(example.line, lang) }
                                                if let Some(column) = &example.column { { format!(" · {column}") } }
                                            </span>
                                            if !example.raw.is_empty() {
                                                <code class="examples__raw">{ &example.raw }</code>
                                            }
                                        </li>
                                    }) }
                                </ul>
                            </td>
                        </tr>
                    }) }

                </ScrollTable>
            }
            if !report.rescaled.is_empty() {
                <p class="muted" data-testid="report-rescaled">
                    { T::ReportRescaled.get(lang) }{ ": " }
                    { report.rescaled.iter().map(|(column, factor)| format!("{column} (× {})", format::plain(*factor))).collect::<Vec<_>>().join(", ") }
                </p>
            }
            if !report.filled.is_empty() {
                <p class="muted">
                    { T::ReportFilled.get(lang) }{ ": " }
                    { report.filled.iter().map(|(column, n)| format!("{column} ({})", format::count(*n))).collect::<Vec<_>>().join(", ") }
                </p>
            }
        </section>
    }
}
