//! Inputs of the lab's forms: each edits the stored settings through the reducer and shows the
//! problem of its field next to it; and the run button that turns into progress with Cancel.

use crate::ui::i18n::TL;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::protocol::UserError;
use crate::ui::i18n::{self, Lang};
use crate::ui::lab::{LabSettings, Problems};
use crate::ui::state::{Action, JobInfo, LabAction};
use crate::web::components::number_input::NumberInput;
use crate::web::components::status::ProgressBar;
use crate::web::hooks::AppContext;

/// A callback that changes the lab settings with the value it receives.
pub fn edit<V: 'static>(app: &AppContext, change: impl Fn(&mut LabSettings, V) + 'static) -> Callback<V> {
    let change = Rc::new(change);
    app.callback(move |value: V| {
        let change = change.clone();
        Action::Lab(LabAction::Edit(Box::new(move |s| change(s, value))))
    })
}

/// The problem of one field, in words.
pub fn problem(problems: &Problems, key: &str, lang: Lang) -> Option<AttrValue> {
    problems.get(key).map(|p| AttrValue::from(i18n::field_problem(p, lang)))
}

pub struct Number<'a> {
    pub label: &'a str,
    pub testid: &'static str,
    pub value: f64,
    pub problem: Option<AttrValue>,
    pub suffix: Option<&'static str>,
    pub on_commit: Callback<f64>,
}

pub fn number(field: Number) -> Html {
    html! {
        <label class="field">
            <span class="field__label">{ field.label.to_string() }</span>
            <NumberInput value={field.value} testid={field.testid} label={field.label.to_string()}
                suffix={field.suffix.map(AttrValue::from)} problem={field.problem} on_commit={field.on_commit} />
        </label>
    }
}

pub fn checkbox(label: &str, testid: &'static str, checked: bool, on_change: Callback<bool>) -> Html {
    let onchange = Callback::from(move |event: Event| {
        if let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
            on_change.emit(input.checked());
        }
    });
    html! {
        <label class="check">
            <input type="checkbox" class="checkbox" {checked} data-testid={testid} {onchange} />
            <span>{ label.to_string() }</span>
        </label>
    }
}

/// How much of a form grid a field takes.
#[derive(Clone, Copy, PartialEq)]
pub enum Width {
    Column,
    /// Two columns (long option texts).
    Wide,
}

/// A `<select>` that reports the chosen value.
pub fn choice(
    label: &str,
    testid: &'static str,
    options: Vec<(String, String)>,
    selected: &str,
    on_change: Callback<String>,
    width: Width,
) -> Html {
    let onchange = Callback::from(move |event: Event| {
        if let Some(select) = event.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) {
            on_change.emit(select.value());
        }
    });
    html! {
        <label class={classes!("field", (width == Width::Wide).then_some("field--wide"))}>
            <span class="field__label">{ label.to_string() }</span>
            <select class="select" data-testid={testid} aria-label={label.to_string()} {onchange}>
                { for options.into_iter().map(|(value, text)| {
                    let is_selected = value == selected;
                    html! { <option value={value} selected={is_selected}>{ text }</option> }
                }) }
            </select>
        </label>
    }
}

/// A date (`kind = "date"`) or month (`"month"`) picker.
pub struct DateField<'a> {
    pub label: &'a str,
    pub testid: &'static str,
    pub kind: &'static str,
    pub value: String,
    pub min: Option<String>,
    pub max: Option<String>,
    pub problem: Option<AttrValue>,
    pub on_change: Callback<String>,
}

pub fn date(field: DateField) -> Html {
    let on_change = field.on_change.clone();
    let onchange = Callback::from(move |event: Event| {
        if let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
            on_change.emit(input.value());
        }
    });
    let invalid = field.problem.is_some();
    html! {
        <label class="field">
            <span class="field__label">{ field.label.to_string() }</span>
            <input type={field.kind} class={classes!("input", invalid.then_some("input--invalid"))} value={field.value}
                min={field.min} max={field.max} data-testid={field.testid} aria-label={field.label.to_string()}
                aria-invalid={invalid.to_string()} {onchange} />
            if let Some(p) = field.problem {
                <span class="field-error" role="alert" data-testid={format!("{}-error", field.testid)}>{ p }</span>
            }
        </label>
    }
}

/// A text field (column names).
pub fn text(
    label: &str,
    testid: &'static str,
    value: &str,
    problem: Option<AttrValue>,
    on_input: Callback<String>,
) -> Html {
    let oninput = Callback::from(move |event: InputEvent| {
        if let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
            on_input.emit(input.value());
        }
    });
    let invalid = problem.is_some();
    html! {
        <label class="field">
            <span class="field__label">{ label.to_string() }</span>
            <input type="text" class={classes!("input", invalid.then_some("input--invalid"))} value={value.to_string()}
                data-testid={testid} aria-label={label.to_string()} aria-invalid={invalid.to_string()} {oninput} />
            if let Some(p) = problem {
                <span class="field-error" role="alert" data-testid={format!("{testid}-error")}>{ p }</span>
            }
        </label>
    }
}

/// Why the section's last job failed, in words.
pub fn error_box(error: Option<&UserError>, lang: Lang, testid: &'static str) -> Html {
    match error {
        Some(error) => html! {
            <div class="banner banner--error banner--inline" role="alert" data-testid={testid}>
                <div class="banner__body">
                    <strong>{ TL::LabFailed.get(lang) }</strong>
                    <p>{ i18n::user_error(error, lang) }</p>
                </div>
            </div>
        },
        None => html! {},
    }
}

#[derive(Properties, PartialEq)]
pub struct RunProps {
    pub label: AttrValue,
    pub testid: AttrValue,
    /// This section's job, while it is queued or running.
    pub job: Option<JobInfo>,
    /// The form has problems (they are shown at the fields).
    #[prop_or_default]
    pub blocked: Option<AttrValue>,
    pub on_run: Callback<()>,
}

/// The section's run button; while its job runs, the stage, a progress bar and Cancel instead (a
/// long training stays cancellable right where it was started).
#[function_component(RunBar)]
pub fn run_bar(props: &RunProps) -> Html {
    if let Some(job) = &props.job {
        return html! {
            <ProgressBar job={job.clone()} quiet={true} class="lab-progress"
                testid={format!("{}-progress", props.testid)} cancel_testid="lab-cancel" />
        };
    }
    let on_run = props.on_run.clone();
    let onclick = Callback::from(move |_: MouseEvent| on_run.emit(()));
    html! {
        <div class="lab-run">
            <button type="button" class="button button--primary" data-testid={props.testid.clone()}
                disabled={props.blocked.is_some()} {onclick}>{ props.label.clone() }</button>
            if let Some(reason) = &props.blocked { <span class="hint hint--warn">{ reason.clone() }</span> }
        </div>
    }
}
