//! The member list download, on the Compare and the Simulator tabs: the schemes on screen, one row
//! per customer, as CSV (UTF-8 with BOM, so Excel shows Chinese) or .xlsx. The worker builds the
//! file with progress (the page-wide bar, with Cancel); the page only hands the bytes to the browser.

use yew::prelude::*;

use crate::web::components::card::CardHead;

use crate::engine::members::MemberFormat;
use crate::engine::optimise::segments::SegmentChoice;
use crate::ui::format;
use crate::ui::i18n::{Ops, T, TO};
use crate::ui::state::operations::format_key;
use crate::ui::state::{Action, DecisionAction};
use crate::web::hooks::{runnable, use_app};

#[function_component(MemberDownload)]
pub fn member_download() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let schemes = state.scenarios.scenarios();
    let valid = schemes.iter().all(|s| runnable(s));
    let blocked = if !state.data.is_loaded() {
        Some(T::NeedData)
    } else if !valid {
        Some(T::FixToRun)
    } else {
        None
    };
    let advice_form = &state.decision.advice_form;
    // The column takes the segments chosen under the next-best benefit (RFM until one is chosen).
    let recommend = advice_form.member_column.then(|| advice_form.segments().unwrap_or(SegmentChoice::Rfm));
    let toggle_column = app.callback(|_: Event| {
        Action::Decision(DecisionAction::AdviceForm(Box::new(|f| f.member_column = !f.member_column)))
    });
    let button = |format: MemberFormat, label: Ops| {
        let busy = state.jobs.members_running(format).is_some();
        let onclick = {
            let bridge = app.bridge.clone();
            let schemes = schemes.clone();
            let recommend = recommend.clone();
            Callback::from(move |_: MouseEvent| {
                bridge.member_list(schemes.iter().map(|s| (**s).clone()).collect(), format, lang, recommend.clone());
            })
        };
        html! {
            <button type="button" class="button" data-testid={format!("members-{}", format_key(format))}
                disabled={blocked.is_some() || busy} aria-busy={busy.to_string()} {onclick}>
                { if busy { Ops::MembersBuilding.get(lang) } else { label.get(lang) } }
            </button>
        }
    };
    html! {
        <section class="card" data-testid="member-download">
            <CardHead title={Ops::MembersTitle.get(lang)} subtitle={Ops::MembersIntro.get(lang)} />
            <label class="check">
                <input type="checkbox" class="checkbox" data-testid="members-next-best" checked={advice_form.member_column}
                    onchange={toggle_column} />
                <span>{ TO::MemberColumn.get(lang) }</span>
            </label>
            <div class="card__actions">
                { button(MemberFormat::Csv, Ops::MembersCsv) }
                { button(MemberFormat::Xlsx, Ops::MembersXlsx) }
                if let Some(reason) = blocked {
                    <span class="hint hint--warn">{ reason.get(lang) }</span>
                }
                if let Some((name, size)) = &state.ops.last_file {
                    <span class="hint" data-testid="members-ready" data-file={name.clone()} data-size={size.to_string()}>
                        { format!("{} {name} ({})", Ops::MembersReady.get(lang), format::bytes(*size)) }
                    </span>
                }
            </div>
        </section>
    }
}
