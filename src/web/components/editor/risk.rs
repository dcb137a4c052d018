//! The scheme's risk option: keep flagged customers out of tiering, and which flags count for it.

use yew::prelude::*;

use super::ctx::EditCtx;
use crate::engine::risk::FlagKind;
use crate::engine::scenario::Scenario;
use crate::ui::i18n::{flag_kind_name, Lang, Ops};

pub fn risk_settings(ctx: &EditCtx) -> Html {
    let lang = ctx.lang;
    let risk = &ctx.scenario.risk;
    let on_exclude = ctx.on_check(|s, on| s.risk.exclude_flagged = on);
    let kinds = FlagKind::ALL.iter().map(|&kind| {
        let on_kind = ctx.on_check(move |s, on| {
            s.risk.exclude_kinds.retain(|k| *k != kind);
            if on {
                s.risk.exclude_kinds.push(kind);
                s.risk.exclude_kinds.sort();
            }
        });
        html! {
            <label class="check">
                <input type="checkbox" class="checkbox" checked={risk.exclude_kinds.contains(&kind)}
                    disabled={!risk.exclude_flagged} data-testid={format!("risk-kind-{}", kind.key())} onchange={on_kind} />
                <span>{ flag_kind_name(kind, lang) }</span>
            </label>
        }
    });
    html! {
        <>
            <label class="check">
                <input type="checkbox" class="checkbox" checked={risk.exclude_flagged} data-testid="risk-exclude"
                    onchange={on_exclude} />
                <span>{ Ops::RiskExclude.get(lang) }</span>
            </label>
            <p class="help">{ Ops::RiskExcludeHelp.get(lang) }</p>
            <fieldset class="risk-kinds">
                <legend class="field__label">{ Ops::RiskExcludeKinds.get(lang) }</legend>
                { for kinds }
            </fieldset>
            { ctx.problems_under("risk") }
        </>
    }
}

pub fn summary(scenario: &Scenario, lang: Lang) -> String {
    let risk = &scenario.risk;
    if !risk.exclude_flagged {
        return Ops::RiskOff.get(lang).to_string();
    }
    let names: Vec<&str> = risk.exclude_kinds.iter().map(|k| flag_kind_name(*k, lang)).collect();
    match lang {
        Lang::En => format!("flagged held at base tier: {}", names.join(", ")),
        Lang::Zh => format!("被标记客户留在最低等级：{}", names.join("、")),
    }
}
