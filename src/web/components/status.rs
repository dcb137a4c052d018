//! What the page says about itself: engine start-up, the running job, errors and notices.

use yew::prelude::*;

use crate::ui::i18n::{self, Ops, T};
use crate::ui::state::{Action, EngineStatus, JobInfo, JobKind, Notice, PageAction};
use crate::web::hooks::use_app;

/// Never a blank page: says the engine is starting, or that it could not start and what to do.
#[function_component(EngineGate)]
pub fn engine_gate() -> Html {
    let app = use_app();
    let lang = app.lang();
    match app.state.page.engine {
        EngineStatus::Ready => html! {},
        EngineStatus::Starting => html! {
            <div class="banner banner--info" role="status">
                <span class="spinner" aria-hidden="true"></span>
                { T::EngineStarting.get(lang) }
            </div>
        },
        EngineStatus::Failed => html! {
            <div class="banner banner--error" role="alert" data-testid="error-banner">
                <strong>{ T::ErrorTitle.get(lang) }</strong>
                <p>{ if sandboxed() { Ops::EngineFailedSandboxed.get(lang) } else { T::EngineFailed.get(lang) } }</p>
            </div>
        },
    }
}

/// The page runs with an opaque origin: a sandboxed iframe without `allow-same-origin`.
fn sandboxed() -> bool {
    web_sys::window().map(|w| w.origin() == "null").unwrap_or(false)
}

#[function_component(ErrorBanner)]
pub fn error_banner() -> Html {
    let app = use_app();
    let lang = app.lang();
    let Some(error) = &app.state.page.error else { return html! {} };
    let dismiss = app.callback(|_: MouseEvent| Action::Page(PageAction::DismissError));
    html! {
        <div class="banner banner--error" role="alert" data-testid="error-banner">
            <div class="banner__body">
                <strong>{ T::ErrorTitle.get(lang) }</strong>
                <p>{ i18n::user_error(error, lang) }</p>
            </div>
            <button type="button" class="button button--ghost button--small" onclick={dismiss}>
                { T::Dismiss.get(lang) }
            </button>
        </div>
    }
}

#[function_component(Notices)]
pub fn notices() -> Html {
    let app = use_app();
    let lang = app.lang();
    html! {
        <>{ for app.state.page.notices.iter().map(|notice| {
            let notice = *notice;
            let text = match notice {
                Notice::StorageCorrupt => T::StorageCorrupt.get(lang),
                Notice::FileRestored => T::FileRestored.get(lang),
                Notice::FileRestoreFailed => T::FileRestoreFailed.get(lang),
                Notice::EngineRestarted => T::EngineRestarted.get(lang),
                Notice::Cancelled => T::Cancelled.get(lang),
                Notice::NoStorage => Ops::NoStorage.get(lang),
                Notice::DataForgotten => Ops::ForgetDone.get(lang),
                Notice::FewerWorkers => T::FewerWorkers.get(lang),
            };
            let dismiss = app.callback(move |_: MouseEvent| Action::Page(PageAction::DismissNotice(notice)));
            html! {
                <div class="banner banner--notice" role="status">
                    <p class="banner__body" data-testid={format!("notice-{notice:?}")}>{ text }</p>
                    <button type="button" class="button button--ghost button--small" onclick={dismiss}>
                        { T::Dismiss.get(lang) }
                    </button>
                </div>
            }
        }) }</>
    }
}

/// Stage and percentage of the job the worker runs now, with Cancel. Present only while a job runs.
#[function_component(JobProgress)]
pub fn job_progress() -> Html {
    let app = use_app();
    // The Scoring tab's live jobs show their own quiet busy state next to the results.
    let Some(job) = app.state.jobs.iter().find(|j| !j.kind.is_live()) else { return html! {} };
    // Comparisons re-run by themselves while typing: a quiet bar, no dialog-like box.
    let quiet = matches!(job.kind, JobKind::Compare { .. });
    html! { <ProgressBar job={job.clone()} {quiet} testid="job-progress" cancel_testid="job-cancel" /> }
}

#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    pub job: JobInfo,
    /// A slim bar instead of a box (for jobs that start by themselves or sit inside a section).
    #[prop_or_default]
    pub quiet: bool,
    #[prop_or_default]
    pub class: Classes,
    pub testid: AttrValue,
    pub cancel_testid: AttrValue,
}

/// A job's stage, progress (indeterminate until the worker reports a total) and Cancel, which
/// replaces the worker.
#[function_component(ProgressBar)]
pub fn progress_bar(props: &ProgressProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let job = &props.job;
    let stage = job.stage.map(|s| i18n::stage_name(s, lang)).unwrap_or(T::Working.get(lang));
    let fraction = job.fraction();
    let percent = fraction.map(|f| (f * 100.0).round() as u32);
    let bridge = app.bridge.clone();
    let cancel = Callback::from(move |_: MouseEvent| bridge.cancel());
    html! {
        <div class={classes!("progress", props.quiet.then_some("progress--quiet"), props.class.clone())}
            data-testid={props.testid.clone()} role="status" aria-live="polite">
            <div class="progress__label">
                <span class="spinner" aria-hidden="true"></span>
                <span>{ stage }</span>
                if let Some(p) = percent { <span class="progress__percent">{ format!("{p} %") }</span> }
            </div>
            <div class="progress__track" role="progressbar" aria-valuemin="0" aria-valuemax="100"
                aria-valuenow={percent.map(|p| p.to_string())}>
                <div class={classes!("progress__bar", fraction.is_none().then_some("progress__bar--indeterminate"))}
                    style={format!("width: {}%", percent.unwrap_or(30))}></div>
            </div>
            <button type="button" class="button button--small" data-testid={props.cancel_testid.clone()} onclick={cancel}>
                { T::Cancel.get(lang) }
            </button>
        </div>
    }
}
