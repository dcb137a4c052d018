//! A button that runs one action: the page's most repeated piece of markup, in one place.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ActionButtonProps {
    /// The button's look (`button`, `button button--small button--ghost`, ...).
    pub class: Classes,
    /// The end-to-end tests' handle.
    pub testid: AttrValue,
    pub label: AttrValue,
    pub onclick: Callback<MouseEvent>,
    #[prop_or_default]
    pub disabled: bool,
}

#[function_component(ActionButton)]
pub fn action_button(props: &ActionButtonProps) -> Html {
    html! {
        <button type="button" class={props.class.clone()} data-testid={props.testid.clone()}
            disabled={props.disabled} onclick={props.onclick.clone()}>
            { props.label.clone() }
        </button>
    }
}
