//! "Forget my data": what this browser keeps and where, and a control that removes it all. Asks
//! once more in place (a `confirm()` dialog is blocked in sandboxed iframes).

use yew::prelude::*;

use crate::web::components::action_button::ActionButton;

use crate::ui::i18n::{Ops, T};
use crate::ui::state::{Action, Notice, PageAction};
use crate::web::hooks::use_app;
use crate::web::persist::{forget_all, storage_available};

#[function_component(ForgetData)]
pub fn forget_data() -> Html {
    let app = use_app();
    let lang = app.lang();
    let asking = use_state(|| false);
    let ask = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(true))
    };
    let keep = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(false))
    };
    let forget = {
        let asking = asking.clone();
        let state = app.state.clone();
        Callback::from(move |_: MouseEvent| {
            asking.set(false);
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(error) = forget_all().await {
                    web_sys::console::warn_2(&"tierlab: the stored file could not be removed:".into(), &error);
                }
                state.dispatch(Action::Page(PageAction::AddNotice(Notice::DataForgotten)));
            });
        })
    };
    if !storage_available() {
        return html! {
            <section class="card forget" data-testid="forget-data">
                <h2 class="card__title">{ Ops::ForgetTitle.get(lang) }</h2>
                <p class="card__subtitle" data-testid="kept-where">{ Ops::NoStorage.get(lang) }</p>
            </section>
        };
    }
    html! {
        <section class="card forget" data-testid="forget-data">
            <h2 class="card__title">{ Ops::ForgetTitle.get(lang) }</h2>
            <p class="card__subtitle" data-testid="kept-where">{ Ops::ForgetWhatIsKept.get(lang) }</p>
            if *asking {
                <div class="card__actions" role="group">
                    <span>{ Ops::ForgetConfirm.get(lang) }</span>
                    <ActionButton class="button button--danger" testid="forget-confirm" onclick={forget} label={Ops::ForgetButton.get(lang)} />
                    <ActionButton class="button" testid="forget-keep" onclick={keep} label={T::Cancel.get(lang)} />
                </div>
            } else {
                <div class="card__actions">
                    <ActionButton class="button" testid="forget-data-button" onclick={ask} label={Ops::ForgetButton.get(lang)} />
                </div>
            }
        </section>
    }
}
