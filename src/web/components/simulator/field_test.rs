//! Planning the live test of B against the reference (A unless another is chosen): for a chosen significance and power, how many customers
//! each arm needs for each test length, from the simulated margin difference and its spread.

use std::rc::Rc;

use yew::prelude::*;

use crate::web::components::card::{CardHead, ScrollTable};

use crate::engine::simulate::planner::FieldTestPlan;
use crate::engine::simulate::{Comparison, SimulationResult};
use crate::ui::format;
use crate::ui::i18n::{self, Lang, T};
use crate::ui::state::{Action, ScenarioId, SimAction, SimPanel};
use crate::web::components::number_input::NumberInput;
use crate::web::hooks::use_app;

#[derive(Properties, PartialEq)]
pub struct ViewProps {
    pub plan: Rc<FieldTestPlan>,
    pub customers: usize,
    /// Months of history the CUPED covariate covers, when the simulation had one.
    pub pre_period_months: Option<u32>,
    /// The letters of the scheme tested and of the reference it is tested against.
    #[prop_or(['B', 'A'])]
    pub letters: [char; 2],
    pub lang: Lang,
}

#[function_component(FieldTestView)]
pub fn field_test_view(props: &ViewProps) -> Html {
    let lang = props.lang;
    let plan = &props.plan;
    let no_effect = plan.durations.iter().all(|d| d.customers_per_arm.is_none());
    let adjusted = plan.durations.iter().any(|d| d.customers_per_arm_adjusted.is_some());
    let recommended = plan.recommended_months.and_then(|m| plan.durations.get(m as usize - 1));
    let cuped_note = recommended.zip(props.pre_period_months).and_then(|(d, months)| {
        Some(i18n::field_test_cuped_note(months, d.variance_reduction?, d.customers_per_arm_adjusted?, lang))
    });
    let sample_ratio_note = recommended
        .and_then(|d| Some(i18n::field_test_sample_ratio_note(d.customers_per_arm?, d.sample_ratio_range?, lang)));
    let headline = match plan.recommended_months {
        _ if no_effect => T::SimNoEffect.get(lang).to_string(),
        Some(months) => {
            let per_arm = plan.durations.get(months as usize - 1).and_then(|d| d.customers_per_arm).unwrap_or(0.0);
            i18n::field_test_recommendation(months, per_arm, plan.significance, plan.power, lang)
        }
        None => i18n::field_test_too_small(props.customers, lang),
    };
    html! {
        <div data-testid="field-test-result" data-recommended={plan.recommended_months.map(|m| m.to_string()).unwrap_or_default()}>
            <p class={classes!("sim-field-test__headline", if plan.recommended_months.is_some() { "tone-good" } else { "tone-bad" })}
                data-testid="field-test-headline">{ headline }</p>
            <ScrollTable class="table--compact" head={html! {
                <tr>
                    <th class="num">{ T::SimTestLength.get(lang) }</th>
                    <th class="num">{ i18n::effect_per_customer(props.letters, lang) }</th>
                    <th class="num">{ T::SimPerArm.get(lang) }</th>
                    if adjusted { <th class="num">{ T::SimPerArmAdjusted.get(lang) }</th> }
                    <th class="num">{ T::SimSampleRatioRange.get(lang) }</th>
                    <th>{ T::SimFits.get(lang) }</th>
                </tr>
            }}>
                { for plan.durations.iter().map(|d| {
                    let recommended = plan.recommended_months == Some(d.months);
                    html! {
                        <tr class={classes!(recommended.then_some("sim-optimiser__best-row"))}
                            data-testid={format!("field-test-row-{}", d.months)}
                            data-value={d.customers_per_arm.map(format::raw).unwrap_or_default()}>
                            <td class="num">{ i18n::months_text(d.months as usize, lang) }</td>
                            <td class="num">{ format::signed_money(d.effect_per_customer) }</td>
                            <td class="num">{ d.customers_per_arm.map_or_else(|| "–".to_string(), |n| format::fixed(n, 0)) }</td>
                            if adjusted {
                                <td class="num" data-testid={format!("field-test-adjusted-{}", d.months)}
                                    data-value={d.customers_per_arm_adjusted.map(format::raw).unwrap_or_default()}>
                                    { d.customers_per_arm_adjusted.map_or_else(|| "–".to_string(), |n| format::fixed(n, 0)) }</td>
                            }
                            <td class="num">{ d.sample_ratio_range.map_or_else(|| "–".to_string(), |(low, high)| {
                                format!("< {} · > {}", format::fixed(low, 0), format::fixed(high, 0))
                            }) }</td>
                            <td>{ if d.fits { T::Yes.get(lang) } else { T::No.get(lang) } }
                                if recommended { <span class="badge badge--ok">{ T::SimRecommended.get(lang) }</span> }</td>
                        </tr>
                    }
                }) }

            </ScrollTable>
            if let Some(note) = cuped_note { <p class="help" data-testid="field-test-cuped">{ note }</p> }
            if let Some(note) = sample_ratio_note { <p class="help" data-testid="field-test-sample-ratio">{ note }</p> }
        </div>
    }
}

#[function_component(FieldTestPanel)]
pub fn field_test_panel() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let settings = &state.sim.settings;
    let run = state.sim.run.clone();
    let inputs = settings.field_test();

    // The plan follows the simulation and the inputs by itself: it is quick.
    {
        let bridge = app.bridge.clone();
        let wanted = run.as_ref().map(|r| r.job).zip(inputs);
        let have = state.sim.plan.as_ref().map(|p| (p.simulation, (p.significance, p.power)));
        let field_test = run.as_ref().and_then(|r| tested(&r.result)).map(|c| c.field_test.clone());
        use_effect_with(wanted.map(|(job, (s, p))| (job, s.to_bits(), p.to_bits())), move |_| {
            if let (Some((job, (significance, power))), Some(field_test)) = (wanted, field_test) {
                if have != Some((job, (significance, power))) {
                    bridge.plan_field_test(job, field_test, significance, power);
                }
            }
        });
    }

    let number = |label: T,
                  testid: &'static str,
                  value: f64,
                  range: Option<(f64, f64)>,
                  set: fn(&mut crate::ui::state::SimSettings, f64)| {
        let on_commit = app.callback(move |v: f64| Action::Sim(SimAction::Settings(Box::new(move |s| set(s, v)))));
        let problem = range.map(|range| {
            AttrValue::from(match lang {
                Lang::En => format!("Must be between {} % and {} %.", format::plain(range.0), format::plain(range.1)),
                Lang::Zh => format!("必须在 {} % 到 {} % 之间。", format::plain(range.0), format::plain(range.1)),
            })
        });
        html! {
            <label class="field">
                <span class="field__label">{ label.get(lang) }</span>
                <NumberInput {value} {on_commit} testid={testid} label={label.get(lang)} suffix={Some(AttrValue::from("%"))} {problem} />
            </label>
        }
    };
    let plan = state.sim.plan.as_ref().filter(|p| run.as_ref().is_some_and(|r| r.job == p.simulation));
    let error = state.sim.error(SimPanel::FieldTest).map(|e| i18n::user_error(e, lang));
    html! {
        <section class="card sim-field-test" data-testid="sim-field-test">
            <CardHead title={T::SimFieldTestTitle.get(lang)} subtitle={T::SimFieldTestDesc.get(lang)} />
            <div class="form-grid">
                { number(T::Significance, "field-test-significance", settings.significance_percent, settings.significance_problem(),
                    |s, v| s.significance_percent = v) }
                { number(T::Power, "field-test-power", settings.power_percent, settings.power_problem(), |s, v| s.power_percent = v) }
            </div>
            <p class="help">{ T::SimFieldTestHelp.get(lang) }</p>
            if let Some(error) = error {
                <div class="banner banner--error banner--inline" role="alert"><p class="banner__body">{ error }</p></div>
            }
            if run.is_none() {
                <p class="muted">{ T::SimRunFirst.get(lang) }</p>
            } else if let (Some(plan), Some(run)) = (plan, run.as_ref()) {
                <FieldTestView plan={plan.plan.clone()} customers={run.result.customers} {lang}
                    letters={tested(&run.result).map_or(['B', 'A'], |c| [c.scheme, run.result.reference].map(ScenarioId::letter_at))}
                    pre_period_months={tested(&run.result).and_then(|c| c.field_test.pre_period.as_ref()).map(|p| p.months)} />
            }
        </section>
    }
}

/// The comparison the live test is planned on: B against the reference, or the first one when B is
/// the reference.
fn tested(result: &SimulationResult) -> Option<&Comparison> {
    result.comparison(1).or(result.comparisons.first())
}
