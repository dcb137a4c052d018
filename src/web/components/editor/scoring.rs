//! The scoring part of the editor: which model turns features into a score, and its settings.

use strum::IntoEnumIterator;
use yew::prelude::*;

use crate::web::components::action_button::ActionButton;

use super::ctx::{select, EditCtx, NumberField};
use crate::engine::features::catalog::FeatureKey;
use crate::engine::features::table::ConversionPrior;
use crate::engine::scenario::{FeatureWeight, Scenario, Scoring};
use crate::ui::choices::{funnel_stage_key, ModelKind, PriorKind, FUNNEL_STAGES};
use crate::ui::feature_info::{self, FeatureGroup};
use crate::ui::format;
use crate::ui::i18n::{self, Lang, QualificationText, T};
use crate::web::components::weight_input::WeightInput;

/// Weighted and linear models list their terms; the validator allows up to any number, the page
/// offers adding until every feature is used.
fn terms_mut(scoring: &mut Scoring) -> Option<&mut Vec<FeatureWeight>> {
    match scoring {
        Scoring::WeightedScore { weights, .. } => Some(weights),
        Scoring::LinearPoints { terms, .. } => Some(terms),
        _ => None,
    }
}

pub fn scoring_settings(ctx: &EditCtx) -> Html {
    let lang = ctx.lang;
    let model = ModelKind::of(&ctx.scenario.scoring);
    let on_model = {
        let features = ctx.features.clone();
        ctx.on_select(move |s, key| {
            if let Some(kind) = key.parse::<ModelKind>().ok() {
                if kind != ModelKind::of(&s.scoring) {
                    s.scoring = kind.starting_point(&features);
                }
            }
        })
    };
    let options = ModelKind::iter().map(|k| (k.as_ref().to_string(), i18n::model_name(k, lang).to_string())).collect();
    let absolute_bounds = matches!(ctx.scenario.tiers.thresholds, crate::engine::scenario::Thresholds::Absolute { .. });
    html! {
        <div class="scoring-settings">
            <label class="field">
                <span class="field__label">{ T::ScoringModel.get(lang) }</span>
                { select("scoring-model", T::ScoringModel.get(lang), options, model.as_ref(), on_model) }
            </label>
            <p class="formula" data-testid="scoring-formula">{ formula(&ctx.scenario.scoring, lang) }</p>
            { model_settings(ctx) }
            { ctx.problem_lines(&["scoring", "scoring.weights", "scoring.terms"]) }
            if absolute_bounds {
                <p class="help">{ T::ScaleChangesBounds.get(lang) }</p>
            }
        </div>
    }
}

fn formula(scoring: &Scoring, lang: Lang) -> &'static str {
    match scoring {
        Scoring::GrowthValue { .. } => T::FormulaGrowth.get(lang),
        Scoring::LevelGrowth { .. } => QualificationText::FormulaLevel.get(lang),
        Scoring::WeightedScore { .. } => T::FormulaWeighted.get(lang),
        Scoring::LinearPoints { .. } => T::FormulaLinear.get(lang),
        Scoring::FunnelConversion { .. } => T::FormulaFunnel.get(lang),
        Scoring::Rating { .. } => T::FormulaRating.get(lang),
        Scoring::Rfm => T::FormulaRfm.get(lang),
        Scoring::Metric { .. } => T::FormulaMetric.get(lang),
        Scoring::QualifyingPoints => T::FormulaQualifying.get(lang),
    }
}

fn model_settings(ctx: &EditCtx) -> Html {
    let lang = ctx.lang;
    match &ctx.scenario.scoring {
        Scoring::LevelGrowth { amount, orders, interactions, theta, gamma } => {
            level_growth_settings(ctx, [*amount, *orders, *interactions], *theta, *gamma)
        }
        Scoring::GrowthValue { amount, orders, interactions } => {
            let row = |label: T,
                       testid: &'static str,
                       field: &'static str,
                       value: f64,
                       slot: fn(&mut Scoring) -> Option<&mut f64>| {
                html! {
                    <div class="weight-row">
                        <span class="weight-row__label">{ label.get(lang) }</span>
                        <WeightInput {value} testid={testid} label={label.get(lang)}
                            problem={ctx.problem(&format!("scoring.{field}"))}
                            on_change={ctx.on_number(move |s, v| if let Some(w) = slot(&mut s.scoring) { *w = v })} />
                    </div>
                }
            };
            html! {
                <div class="weights">
                    { row(T::WeightAmount, "weight-amount", "amount", *amount, |s| match s {
                        Scoring::GrowthValue { amount, .. } => Some(amount), _ => None }) }
                    { row(T::WeightOrders, "weight-orders", "orders", *orders, |s| match s {
                        Scoring::GrowthValue { orders, .. } => Some(orders), _ => None }) }
                    { row(T::WeightInteractions, "weight-interactions", "interactions", *interactions, |s| match s {
                        Scoring::GrowthValue { interactions, .. } => Some(interactions), _ => None }) }
                </div>
            }
        }
        Scoring::WeightedScore { weights, cap_percentile } => html! {
            <>
                { term_rows(ctx, weights, "scoring.weights") }
                <div class="form-grid form-grid--3">
                    { ctx.number_field(NumberField::new(T::CapPercentile.get(lang), "cap-percentile", "scoring.cap_percentile", *cap_percentile),
                        |s, v| if let Scoring::WeightedScore { cap_percentile, .. } = &mut s.scoring { *cap_percentile = v }) }
                </div>
                <p class="help">{ T::CapPercentileHelp.get(lang) }</p>
            </>
        },
        Scoring::LinearPoints { intercept, terms } => html! {
            <>
                <div class="form-grid form-grid--3">
                    { ctx.number_field(NumberField::new(T::Intercept.get(lang), "intercept", "scoring.intercept", *intercept),
                        |s, v| if let Scoring::LinearPoints { intercept, .. } = &mut s.scoring { *intercept = v }) }
                </div>
                { term_rows(ctx, terms, "scoring.terms") }
            </>
        },
        Scoring::FunnelConversion { stage, prior } => funnel_settings(ctx, *stage, prior),
        Scoring::Rating { positive_weight, negative_weight } => {
            let row = |label: T, testid: &'static str, field: &'static str, value: f64, positive: bool| {
                html! {
                    <div class="weight-row">
                        <span class="weight-row__label">{ label.get(lang) }</span>
                        <WeightInput {value} testid={testid} label={label.get(lang)} max={2.0} step={0.05}
                            problem={ctx.problem(&format!("scoring.{field}"))}
                            on_change={ctx.on_number(move |s, v| if let Scoring::Rating { positive_weight, negative_weight } = &mut s.scoring {
                                if positive { *positive_weight = v } else { *negative_weight = v }
                            })} />
                    </div>
                }
            };
            html! {
                <div class="weights">
                    { row(T::PositiveWeight, "positive-weight", "positive_weight", *positive_weight, true) }
                    { row(T::NegativeWeight, "negative-weight", "negative_weight", *negative_weight, false) }
                </div>
            }
        }
        Scoring::Rfm => html! { <p class="help">{ T::RfmHelp.get(lang) }</p> },
        Scoring::Metric { feature } => html! {
            <label class="field">
                <span class="field__label">{ T::Feature.get(lang) }</span>
                { feature_select(ctx, "metric-feature", feature, None, ctx.on_select(|s, key| {
                    if let (Scoring::Metric { feature }, Ok(key)) = (&mut s.scoring, FeatureKey::try_from(key.to_string())) {
                        *feature = key;
                    }
                })) }
            </label>
        },
        Scoring::QualifyingPoints => html! { <p class="help">{ T::QualifyingHelp.get(lang) }</p> },
    }
}

/// Feature + weight rows of the weighted and linear models, with add and remove.
fn term_rows(ctx: &EditCtx, terms: &[FeatureWeight], path: &'static str) -> Html {
    let lang = ctx.lang;
    let unused = ctx.features.iter().find(|k| !terms.iter().any(|t| &t.feature == *k)).cloned();
    let add = unused.map(|feature| {
        ctx.on_click(move |s| {
            if let Some(terms) = terms_mut(&mut s.scoring) {
                terms.push(FeatureWeight { feature: feature.clone(), weight: 0.1 });
            }
        })
    });
    html! {
        <div class="weights weights--terms">
            { for terms.iter().enumerate().map(|(i, term)| {
                let on_feature = ctx.on_select(move |s, key| {
                    if let (Some(terms), Ok(key)) = (terms_mut(&mut s.scoring), FeatureKey::try_from(key.to_string())) {
                        if let Some(term) = terms.get_mut(i) { term.feature = key; }
                    }
                });
                let on_weight = ctx.on_number(move |s, v| {
                    if let Some(term) = terms_mut(&mut s.scoring).and_then(|t| t.get_mut(i)) { term.weight = v; }
                });
                let remove = ctx.on_click(move |s| {
                    if let Some(terms) = terms_mut(&mut s.scoring) { if i < terms.len() { terms.remove(i); } }
                });
                let label = format!("{} · {}", i18n::feature_name(&term.feature, lang), T::Weight.get(lang));
                html! {
                    <div class="weight-row weight-row--term">
                        <span class="weight-row__feature">
                            { feature_select(ctx, format!("weight-feature-{i}"), &term.feature, ctx.problem(&format!("{path}[{i}].feature")), on_feature) }
                        </span>
                        <WeightInput value={term.weight} testid={format!("weight-{i}")} label={label}
                            problem={ctx.problem(&format!("{path}[{i}].weight"))} on_change={on_weight} />
                        <button type="button" class="icon-button" data-testid={format!("remove-weight-{i}")}
                            title={T::RemoveTerm.get(lang)} aria-label={T::RemoveTerm.get(lang)} onclick={remove}>{ "×" }</button>
                    </div>
                }
            }) }
            if let Some(add) = add {
                <ActionButton class="button button--small button--ghost" testid="add-weight" onclick={add} label={format!("+ {}", T::AddTerm.get(lang))} />
            }
        </div>
    }
}

/// A picker of the features the data provides, grouped; a feature the data lacks stays listed
/// (marked) while it is selected, so the choice is visible and the evaluation can say what is missing.
pub fn feature_select(
    ctx: &EditCtx,
    testid: impl Into<AttrValue>,
    selected: &FeatureKey,
    problem: Option<AttrValue>,
    onchange: Callback<Event>,
) -> Html {
    let lang = ctx.lang;
    let missing = !ctx.features.contains(selected);
    let selected_key = selected.to_string();
    let option = |key: &FeatureKey, extra: &str| {
        let value = key.to_string();
        let is_selected = value == selected_key;
        html! { <option value={value} selected={is_selected}>{ format!("{}{extra}", i18n::feature_option(key, lang)) }</option> }
    };
    html! {
        <span class="feature-select">
            <select class={classes!("select", problem.is_some().then_some("input--invalid"))} data-testid={testid.into()}
                aria-label={T::Feature.get(lang)} {onchange}>
                if missing {
                    { option(selected, lang.pick(" (not in this data)", "（当前数据没有）")) }
                }
                { for FeatureGroup::iter().filter_map(|group| {
                    let keys: Vec<&FeatureKey> = ctx.features.iter().filter(|k| feature_info::group(k) == group).collect();
                    (!keys.is_empty()).then(|| html! {
                        <optgroup label={i18n::feature_group_name(group, lang)}>
                            { for keys.into_iter().map(|k| option(k, "")) }
                        </optgroup>
                    })
                }) }
            </select>
            if let Some(problem) = problem { <span class="field-error" role="alert">{ problem }</span> }
        </span>
    }
}

fn funnel_settings(ctx: &EditCtx, stage: crate::engine::scenario::FunnelStage, prior: &ConversionPrior) -> Html {
    let lang = ctx.lang;
    let on_stage = ctx.on_select(|s, key| {
        if let Scoring::FunnelConversion { stage, .. } = &mut s.scoring {
            if let Some(found) = FUNNEL_STAGES.iter().find(|st| funnel_stage_key(**st) == key) {
                *stage = *found;
            }
        }
    });
    let on_prior = ctx.on_select(|s, key| {
        if let (Scoring::FunnelConversion { prior, .. }, Some(kind)) = (&mut s.scoring, key.parse::<PriorKind>().ok()) {
            if kind != PriorKind::of(prior) {
                *prior = kind.starting_point();
            }
        }
    });
    let stages = FUNNEL_STAGES
        .iter()
        .map(|s| (funnel_stage_key(*s).to_string(), i18n::funnel_stage_name(*s, lang).to_string()))
        .collect();
    let priors =
        PriorKind::iter().map(|k| (k.as_ref().to_string(), i18n::prior_kind_name(k, lang).to_string())).collect();
    let prior_fields = match prior {
        ConversionPrior::Population { strength } => html! {
            { ctx.number_field(NumberField::new(T::PriorStrength.get(lang), "prior-strength", "scoring.prior.strength", *strength),
                |s, v| if let Scoring::FunnelConversion { prior: ConversionPrior::Population { strength }, .. } = &mut s.scoring { *strength = v }) }
        },
        ConversionPrior::Fixed { a, b } => html! {
            <>
                { ctx.number_field(NumberField::new("a", "prior-a", "scoring.prior.a", *a),
                    |s, v| if let Scoring::FunnelConversion { prior: ConversionPrior::Fixed { a, .. }, .. } = &mut s.scoring { *a = v }) }
                { ctx.number_field(NumberField::new("b", "prior-b", "scoring.prior.b", *b),
                    |s, v| if let Scoring::FunnelConversion { prior: ConversionPrior::Fixed { b, .. }, .. } = &mut s.scoring { *b = v }) }
            </>
        },
    };
    let prior_note = match prior {
        ConversionPrior::Population { strength } => match lang {
            Lang::En => format!(
                "a + b = {}: every customer counts as if they had {} extra tries at the population's own rate.",
                format::plain(*strength),
                format::plain(*strength)
            ),
            Lang::Zh => format!(
                "a + b = {}：相当于给每位客户额外加上 {} 次按全体平均转化率发生的尝试。",
                format::plain(*strength),
                format::plain(*strength)
            ),
        },
        ConversionPrior::Fixed { a, b } => match lang {
            Lang::En => format!(
                "A customer with no events gets (0 + {a}) / (0 + {a} + {b}) = {}.",
                format::share(smoothed_mean(*a, *b)),
                a = format::plain(*a),
                b = format::plain(*b)
            ),
            Lang::Zh => format!(
                "没有任何行为的客户得到 (0 + {a}) / (0 + {a} + {b}) = {}。",
                format::share(smoothed_mean(*a, *b)),
                a = format::plain(*a),
                b = format::plain(*b)
            ),
        },
    };
    html! {
        <>
            <div class="form-grid form-grid--2">
                { ctx.select_field(T::FunnelStage.get(lang), "funnel-stage", stages, funnel_stage_key(stage), on_stage) }
                { ctx.select_field(T::Smoothing.get(lang), "prior-kind", priors, PriorKind::of(prior).as_ref(), on_prior) }
            </div>
            <div class="smoothing">
                <p class="smoothing__formula"><span class="formula formula--inline">{ "rate = (k + a) / (n + a + b)" }</span></p>
                <p class="help">{ T::SmoothingHelp.get(lang) }</p>
                <div class="form-grid form-grid--3">{ prior_fields }</div>
                <p class="help" data-testid="prior-note">{ prior_note }</p>
            </div>
        </>
    }
}

fn smoothed_mean(a: f64, b: f64) -> f64 {
    if a + b > 0.0 {
        a / (a + b)
    } else {
        f64::NAN
    }
}

/// Level growth: the growth-value weights, theta and gamma.
fn level_growth_settings(ctx: &EditCtx, weights: [f64; 3], theta: f64, gamma: f64) -> Html {
    let lang = ctx.lang;
    fn slot(s: &mut Scoring, k: usize) -> Option<&mut f64> {
        match s {
            Scoring::LevelGrowth { amount, orders, interactions, theta, gamma } => {
                [amount, orders, interactions, theta, gamma].into_iter().nth(k)
            }
            _ => None,
        }
    }
    let rows = [
        (T::WeightAmount, "weight-amount", "amount"),
        (T::WeightOrders, "weight-orders", "orders"),
        (T::WeightInteractions, "weight-interactions", "interactions"),
    ]
    .into_iter()
    .enumerate()
    .map(|(k, (label, testid, field))| {
        html! {
            <div class="weight-row">
                <span class="weight-row__label">{ label.get(lang) }</span>
                <WeightInput value={weights[k]} testid={testid} label={label.get(lang)}
                    problem={ctx.problem(&format!("scoring.{field}"))}
                    on_change={ctx.on_number(move |s, v| if let Some(w) = slot(&mut s.scoring, k) { *w = v })} />
            </div>
        }
    });
    html! {
        <>
            <div class="weights">{ for rows }</div>
            <div class="form-grid form-grid--2">
                { ctx.number_field(NumberField::new(QualificationText::LevelTheta.get(lang), "level-theta", "scoring.theta", theta),
                    move |s, v| if let Some(w) = slot(&mut s.scoring, 3) { *w = v }) }
                { ctx.number_field(NumberField::new(QualificationText::LevelGamma.get(lang), "level-gamma", "scoring.gamma", gamma),
                    move |s, v| if let Some(w) = slot(&mut s.scoring, 4) { *w = v }) }
            </div>
        </>
    }
}

/// One line for the section header: the model and its main settings.
pub fn summary(scenario: &Scenario, lang: Lang) -> String {
    let model = i18n::model_name(ModelKind::of(&scenario.scoring), lang);
    let detail = match &scenario.scoring {
        Scoring::GrowthValue { amount, orders, interactions } => {
            format!("{} / {} / {}", format::plain(*amount), format::plain(*orders), format::plain(*interactions))
        }
        Scoring::LevelGrowth { amount, orders, interactions, theta, gamma } => format!(
            "{} / {} / {} · θ {} · γ {}",
            format::plain(*amount),
            format::plain(*orders),
            format::plain(*interactions),
            format::plain(*theta),
            format::plain(*gamma)
        ),
        Scoring::WeightedScore { weights, .. } => terms_summary(weights, lang),
        Scoring::LinearPoints { intercept, terms } => {
            format!("b₀ {} + {}", format::plain(*intercept), terms_summary(terms, lang))
        }
        Scoring::FunnelConversion { stage, .. } => i18n::funnel_stage_name(*stage, lang).to_string(),
        Scoring::Rating { positive_weight, negative_weight } => {
            format!("+{} / −{}", format::plain(*positive_weight), format::plain(*negative_weight))
        }
        Scoring::Rfm => "R + F + M".to_string(),
        Scoring::Metric { feature } => i18n::feature_name(feature, lang),
        Scoring::QualifyingPoints => String::new(),
    };
    if detail.is_empty() {
        model.to_string()
    } else {
        format!("{model} · {detail}")
    }
}

fn terms_summary(terms: &[FeatureWeight], lang: Lang) -> String {
    let names: Vec<String> = terms.iter().take(3).map(|t| i18n::feature_name(&t.feature, lang)).collect();
    let more = terms.len().saturating_sub(3);
    let sep = lang.pick(", ", "、");
    if more > 0 {
        format!("{}{sep}+{more}", names.join(sep))
    } else {
        names.join(sep)
    }
}
