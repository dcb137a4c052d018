//! A number field that keeps what the user typed, commits on every input and change, and says
//! "enter a number" instead of quietly using 0 when the text is not one.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::ui::format::parse_number;
use crate::ui::i18n::T;
use crate::web::hooks::use_lang;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub value: f64,
    /// Receives the parsed number, or NaN for text that is not a number (the scenario's own
    /// validation then blocks the run and names the field).
    pub on_commit: Callback<f64>,
    pub testid: AttrValue,
    pub label: AttrValue,
    /// What is wrong with the committed value, from scenario validation.
    #[prop_or_default]
    pub problem: Option<AttrValue>,
    #[prop_or_default]
    pub suffix: Option<AttrValue>,
    #[prop_or_default]
    pub class: Classes,
}

fn shown(value: f64) -> String {
    if value.is_finite() {
        format!("{value}")
    } else {
        String::new()
    }
}

#[function_component(NumberInput)]
pub fn number_input(props: &Props) -> Html {
    let lang = use_lang();
    let text = use_state(|| shown(props.value));

    // Follow outside changes (reset, import, copy) unless the text already means this value.
    {
        let text = text.clone();
        use_effect_with(props.value.to_bits(), move |bits| {
            let value = f64::from_bits(*bits);
            let same = parse_number(&text).is_some_and(|typed| typed == value);
            if value.is_finite() && !same {
                text.set(shown(value));
            }
        });
    }

    let commit = {
        let text = text.clone();
        let on_commit = props.on_commit.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            let typed = input.value();
            on_commit.emit(parse_number(&typed).unwrap_or(f64::NAN));
            text.set(typed);
        })
    };
    let on_input = {
        let commit = commit.clone();
        Callback::from(move |event: InputEvent| commit.emit(event.into()))
    };

    let not_a_number = parse_number(&text).is_none();
    let message = if not_a_number { Some(AttrValue::from(T::EnterNumber.get(lang))) } else { props.problem.clone() };
    let invalid = message.is_some();
    html! {
        <span class={classes!("number-input", props.class.clone(), invalid.then_some("number-input--invalid"))}>
            <span class={classes!("number-input__box", props.suffix.is_some().then_some("number-input__box--suffixed"))}>
                <input type="text" inputmode="decimal" class="input input--number" value={(*text).clone()}
                    data-testid={props.testid.clone()} aria-label={props.label.clone()}
                    aria-invalid={invalid.to_string()} oninput={on_input} onchange={commit} />
                if let Some(suffix) = &props.suffix { <span class="number-input__suffix">{ suffix }</span> }
            </span>
            if let Some(message) = message {
                <span class="field-error" role="alert" data-testid={format!("{}-error", props.testid)}>{ message }</span>
            }
        </span>
    }
}
