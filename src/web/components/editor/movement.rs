//! How customers move between tiers over time: which activity counts (the qualifying window), when
//! they go up, when and how far they go down, and what it takes to keep a tier.

use strum::IntoEnumIterator;
use yew::prelude::*;

use super::ctx::{EditCtx, NumberField};
use crate::engine::scenario::{Evaluation, QualifyingWindow, RetainRule, Scenario, Thresholds, UpgradeRule};
use crate::ui::choices::{
    downgrade_step_key, evaluation_key, RetainKind, UpgradeKind, WindowKind, DOWNGRADE_STEPS, EVALUATIONS,
};
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T};

pub fn movement_settings(ctx: &EditCtx) -> Html {
    let lang = ctx.lang;
    let rules = &ctx.scenario.tiers;
    let window = WindowKind::of(&rules.window);
    let upgrade = UpgradeKind::of(&rules.upgrade);
    let downgrade = rules.downgrade;
    let retain = RetainKind::of(&rules.retain);

    let windows =
        WindowKind::iter().map(|k| (k.as_ref().to_string(), i18n::window_kind_name(k, lang).to_string())).collect();
    let on_window = ctx.on_select(|s, key| {
        if let Some(kind) = key.parse::<WindowKind>().ok() {
            if kind != WindowKind::of(&s.tiers.window) {
                s.tiers.window = kind.starting_point();
            }
        }
    });
    let upgrades =
        UpgradeKind::iter().map(|k| (k.as_ref().to_string(), i18n::upgrade_kind_name(k, lang).to_string())).collect();
    let on_upgrade = ctx.on_select(|s, key| {
        if let Some(kind) = key.parse::<UpgradeKind>().ok() {
            if kind != UpgradeKind::of(&s.tiers.upgrade) {
                s.tiers.upgrade = kind.starting_point();
            }
        }
    });
    let evaluations = EVALUATIONS
        .iter()
        .map(|e| (evaluation_key(*e).to_string(), i18n::evaluation_name(*e, lang).to_string()))
        .collect();
    let on_evaluation = ctx.on_select(|s, key| {
        if let Some(e) = EVALUATIONS.iter().find(|e| evaluation_key(**e) == key) {
            s.tiers.downgrade.evaluation = *e;
        }
    });
    let steps = DOWNGRADE_STEPS
        .iter()
        .map(|d| (downgrade_step_key(*d).to_string(), i18n::downgrade_step_name(*d, lang).to_string()))
        .collect();
    let on_step = ctx.on_select(|s, key| {
        if let Some(step) = DOWNGRADE_STEPS.iter().find(|d| downgrade_step_key(**d) == key) {
            s.tiers.downgrade.step = *step;
        }
    });
    let retains =
        RetainKind::iter().map(|k| (k.as_ref().to_string(), i18n::retain_kind_name(k, lang).to_string())).collect();
    let on_retain = {
        let hint_bounds = ctx.hint.as_ref().map(|h| h.lower_bounds.clone());
        ctx.on_select(move |s, key| {
            if let Some(kind) = key.parse::<RetainKind>().ok() {
                if kind != RetainKind::of(&s.tiers.retain) {
                    s.tiers.retain = retain_starting_point(s, kind, hint_bounds.as_deref());
                }
            }
        })
    };
    let downgrades = downgrade.evaluation != Evaluation::Never;

    html! {
        <>
            <h4 class="subsection-title">{ T::QualifyingWindow.get(lang) }</h4>
            <div class="form-grid form-grid--2">
                { ctx.select_field(T::WindowLabel.get(lang), "window-kind", windows, window.as_ref(), on_window) }
                if let QualifyingWindow::RollingMonths { months } = rules.window {
                    { ctx.count_field(NumberField::new(T::WindowMonths.get(lang), "window-months", "tiers.window.months", f64::from(months)),
                        |s, v| s.tiers.window = QualifyingWindow::RollingMonths { months: v }) }
                }
            </div>
            <p class="help">{ T::WindowHelp.get(lang) }</p>

            <h4 class="subsection-title">{ T::UpgradeTitle.get(lang) }</h4>
            <div class="form-grid form-grid--2">
                { ctx.select_field(T::UpgradeWhen.get(lang), "upgrade-kind", upgrades, upgrade.as_ref(), on_upgrade) }
                if let UpgradeRule::ConsecutiveMonths { months } = rules.upgrade {
                    { ctx.count_field(NumberField::new(T::UpgradeMonths.get(lang), "upgrade-months", "tiers.upgrade.months", f64::from(months)),
                        |s, v| s.tiers.upgrade = UpgradeRule::ConsecutiveMonths { months: v }) }
                }
            </div>

            <h4 class="subsection-title">{ T::DowngradeTitle.get(lang) }</h4>
            <div class="form-grid form-grid--3">
                { ctx.select_field(T::DowngradeEvaluation.get(lang), "downgrade-evaluation", evaluations, evaluation_key(downgrade.evaluation), on_evaluation) }
                if downgrades {
                    { ctx.count_field(NumberField::new(T::GraceEvaluations.get(lang), "grace-evaluations", "tiers.downgrade.grace_evaluations",
                        f64::from(downgrade.grace_evaluations)), |s, v| s.tiers.downgrade.grace_evaluations = v) }
                    { ctx.select_field(T::DowngradeStep.get(lang), "downgrade-step", steps, downgrade_step_key(downgrade.step), on_step) }
                }
            </div>
            if downgrades {
                <p class="help">{ T::GraceHelp.get(lang) }</p>
            }

            <h4 class="subsection-title">{ T::RetainTitle.get(lang) }</h4>
            <div class="form-grid form-grid--2">
                { ctx.select_field(T::RetainRuleLabel.get(lang), "retain-kind", retains, retain.as_ref(), on_retain) }
                if let Some(RetainRule::FractionOfEntry { fraction }) = rules.retain {
                    { ctx.number_field(NumberField::new(T::RetainFraction.get(lang), "retain-fraction", "tiers.retain.fraction", fraction),
                        |s, v| s.tiers.retain = Some(RetainRule::FractionOfEntry { fraction: v })) }
                }
            </div>
            if let Some(RetainRule::Absolute { lower_bounds }) = &rules.retain {
                { retain_bounds(ctx, lower_bounds) }
            }
            <p class="help">{ if downgrades { T::RetainHelp.get(lang) } else { T::RetainUnused.get(lang) } }</p>
            { super::second_criterion::second_criterion_settings(ctx) }
        </>
    }
}

fn retain_bounds(ctx: &EditCtx, bounds: &[f64]) -> Html {
    ctx.bound_row(bounds, "retain-bound", T::RetainBound.get(ctx.lang), "tiers.retain.lower_bounds", |s, i, v| {
        if let Some(RetainRule::Absolute { lower_bounds }) = &mut s.tiers.retain {
            if let Some(slot) = lower_bounds.get_mut(i) {
                *slot = v;
            }
        }
    })
}

/// Retain bounds start at 80 % of the entry bounds (absolute ones, or where the last result put
/// the tiers), so keeping a tier is a little easier than reaching it.
fn retain_starting_point(scenario: &Scenario, kind: RetainKind, hint_bounds: Option<&[f64]>) -> Option<RetainRule> {
    match kind {
        RetainKind::SameAsEntry => None,
        RetainKind::FractionOfEntry => Some(RetainRule::FractionOfEntry { fraction: 0.8 }),
        RetainKind::Absolute => {
            let bounds_count = scenario.tier_count().saturating_sub(1);
            let entry: Vec<f64> = match (&scenario.tiers.thresholds, hint_bounds) {
                (Thresholds::Absolute { lower_bounds }, _) => lower_bounds.clone(),
                (_, Some(hint)) if hint.len() == bounds_count && hint.iter().all(|b| b.is_finite()) => hint.to_vec(),
                _ => (1..=bounds_count).map(|i| 100.0 * 5f64.powi(i as i32 - 1)).collect(),
            };
            Some(RetainRule::Absolute { lower_bounds: entry.iter().map(|b| (b * 0.8 * 10.0).round() / 10.0).collect() })
        }
    }
}

/// One line for the section header: "lifetime · up at once · never down".
pub fn summary(scenario: &Scenario, lang: Lang) -> String {
    let rules = &scenario.tiers;
    let window = i18n::window_short(&rules.window, lang);
    let up = match rules.upgrade {
        UpgradeRule::Immediate => lang.pick("up at once", "即时升级").to_string(),
        UpgradeRule::ConsecutiveMonths { months } => match lang {
            Lang::En => format!("up after {months} months"),
            Lang::Zh => format!("连续 {months} 个月升级"),
        },
    };
    let down = match rules.downgrade.evaluation {
        Evaluation::Never => lang.pick("never down", "不降级").to_string(),
        Evaluation::Monthly => lang.pick("down monthly", "每月评估降级").to_string(),
        Evaluation::Quarterly => lang.pick("down quarterly", "每季度评估降级").to_string(),
        Evaluation::Yearly => lang.pick("down yearly", "每年评估降级").to_string(),
        Evaluation::Anniversary => lang.pick("down at anniversaries", "周年评估降级").to_string(),
    };
    let retain = match &rules.retain {
        Some(RetainRule::FractionOfEntry { fraction }) if rules.downgrade.evaluation != Evaluation::Never => {
            format!(" · {} {}", lang.pick("keep at", "保级"), format::share(*fraction))
        }
        _ => String::new(),
    };
    format!("{window} · {up} · {down}{retain}")
}
