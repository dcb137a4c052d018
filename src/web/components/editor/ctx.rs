//! What every part of a scenario editor needs: the scenario, its problems by field, the features
//! the data offers, and callbacks that change the scenario in the state.

use std::collections::BTreeMap;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::engine::features::catalog::FeatureKey;
use crate::engine::scenario::Scenario;
use crate::ui::i18n::{self, Lang};
use crate::ui::state::{Action, AppState, ScenarioAction, ScenarioId};
use crate::ui::tier_edits::OutcomeHint;
use crate::web::components::number_input::NumberInput;

pub struct EditCtx {
    pub which: ScenarioId,
    pub lang: Lang,
    pub scenario: Rc<Scenario>,
    problems: BTreeMap<String, Vec<String>>,
    dispatch: UseReducerDispatcher<AppState>,
    /// Features the loaded data provides (every built-in one while unknown).
    pub features: Rc<Vec<FeatureKey>>,
    /// Text columns customers can be segmented by, with a few example values each.
    pub text_columns: Rc<Vec<(String, Vec<String>)>>,
    pub hint: Option<OutcomeHint>,
}

impl EditCtx {
    pub fn new(
        which: ScenarioId,
        state: &UseReducerHandle<AppState>,
        features: Rc<Vec<FeatureKey>>,
        text_columns: Rc<Vec<(String, Vec<String>)>>,
    ) -> EditCtx {
        let scenario = state.scenarios.get(which).clone();
        let lang = state.lang();
        let mut problems: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for problem in scenario.validate() {
            problems.entry(problem.field.clone()).or_default().push(i18n::problem_text(&problem, lang));
        }
        let hint = state.latest_outcome(which).filter(|o| o.tiers.len() == scenario.tier_count()).map(|o| {
            OutcomeHint { lower_bounds: o.lower_bounds.clone(), shares: o.tiers.iter().map(|t| t.share).collect() }
        });
        EditCtx { which, lang, scenario, problems, dispatch: state.dispatcher(), features, text_columns, hint }
    }

    /// What is wrong with one field, as one sentence (or none).
    pub fn problem(&self, field: &str) -> Option<AttrValue> {
        self.problems.get(field).map(|texts| AttrValue::from(texts.join(" ")))
    }

    /// Problems of fields at or under any of these paths (for a section's badge).
    pub fn count_problems(&self, prefixes: &[&str]) -> usize {
        self.problems
            .iter()
            .filter(|(field, _)| {
                prefixes.iter().any(|p| {
                    field.as_str() == *p || field.starts_with(&format!("{p}.")) || field.starts_with(&format!("{p}["))
                })
            })
            .map(|(_, texts)| texts.len())
            .sum()
    }

    /// Problems of exactly these fields, as error lines (for problems of a whole list or section).
    pub fn problem_lines(&self, fields: &[&str]) -> Html {
        let texts: Vec<String> = fields.iter().filter_map(|f| self.problems.get(*f)).flatten().cloned().collect();
        html! { <>{ for texts.into_iter().map(|t| html! { <p class="field-error" role="alert">{ t }</p> }) }</> }
    }

    /// Every problem under a path, each with its field named (for settings without their own inputs).
    pub fn problems_under(&self, prefix: &str) -> Html {
        let names = &self.scenario.tiers.names;
        let lines: Vec<String> = self
            .problems
            .iter()
            .filter(|(field, _)| field.starts_with(prefix))
            .flat_map(|(field, texts)| {
                texts.iter().map(move |t| format!("{}: {t}", i18n::field_name(field, names, self.lang)))
            })
            .collect();
        html! { <>{ for lines.into_iter().map(|t| html! { <p class="field-error" role="alert">{ t }</p> }) }</> }
    }

    /// Changes the scenario as it is when the change is applied.
    pub fn apply(&self, change: impl FnOnce(&mut Scenario) + 'static) {
        self.dispatch.dispatch(Action::Scenarios(ScenarioAction::Edit { id: self.which, change: Box::new(change) }));
    }

    pub fn on_number(&self, change: impl Fn(&mut Scenario, f64) + 'static) -> Callback<f64> {
        let (dispatch, which, change) = (self.dispatch.clone(), self.which, Rc::new(change));
        Callback::from(move |value: f64| {
            let change = change.clone();
            dispatch.dispatch(Action::Scenarios(ScenarioAction::Edit {
                id: which,
                change: Box::new(move |s| change(s, value)),
            }));
        })
    }

    /// For whole-number settings (months, days): a typed fraction is rounded; text that is not a
    /// number keeps the last value (the field itself says "enter a number").
    pub fn on_count(&self, change: impl Fn(&mut Scenario, u32) + 'static) -> Callback<f64> {
        self.on_number(move |s, value| {
            if value.is_finite() {
                change(s, value.round().clamp(0.0, f64::from(u32::MAX)) as u32);
            }
        })
    }

    pub fn on_select(&self, change: impl Fn(&mut Scenario, &str) + 'static) -> Callback<Event> {
        let (dispatch, which, change) = (self.dispatch.clone(), self.which, Rc::new(change));
        Callback::from(move |event: Event| {
            let Some(select) = event.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) else { return };
            let (change, value) = (change.clone(), select.value());
            dispatch.dispatch(Action::Scenarios(ScenarioAction::Edit {
                id: which,
                change: Box::new(move |s| change(s, &value)),
            }));
        })
    }

    pub fn on_check(&self, change: impl Fn(&mut Scenario, bool) + 'static) -> Callback<Event> {
        let (dispatch, which, change) = (self.dispatch.clone(), self.which, Rc::new(change));
        Callback::from(move |event: Event| {
            let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            let (change, checked) = (change.clone(), input.checked());
            dispatch.dispatch(Action::Scenarios(ScenarioAction::Edit {
                id: which,
                change: Box::new(move |s| change(s, checked)),
            }));
        })
    }

    pub fn on_text(&self, change: impl Fn(&mut Scenario, String) + 'static) -> Callback<InputEvent> {
        let (dispatch, which, change) = (self.dispatch.clone(), self.which, Rc::new(change));
        Callback::from(move |event: InputEvent| {
            let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            let (change, text) = (change.clone(), input.value());
            dispatch.dispatch(Action::Scenarios(ScenarioAction::Edit {
                id: which,
                change: Box::new(move |s| change(s, text)),
            }));
        })
    }

    pub fn on_click(&self, change: impl Fn(&mut Scenario) + 'static) -> Callback<MouseEvent> {
        let (dispatch, which, change) = (self.dispatch.clone(), self.which, Rc::new(change));
        Callback::from(move |_: MouseEvent| {
            let change = change.clone();
            dispatch
                .dispatch(Action::Scenarios(ScenarioAction::Edit { id: which, change: Box::new(move |s| change(s)) }));
        })
    }

    /// A labelled number field with its problem.
    pub fn number_field(&self, field: NumberField, change: impl Fn(&mut Scenario, f64) + 'static) -> Html {
        let on_commit = self.on_number(change);
        self.number_field_with(field, on_commit)
    }

    pub fn count_field(&self, field: NumberField, change: impl Fn(&mut Scenario, u32) + 'static) -> Html {
        let on_commit = self.on_count(change);
        self.number_field_with(field, on_commit)
    }

    fn number_field_with(&self, field: NumberField, on_commit: Callback<f64>) -> Html {
        html! {
            <label class="field">
                <span class="field__label">{ field.label }</span>
                <NumberInput value={field.value} testid={field.testid} label={field.label}
                    suffix={field.suffix.map(AttrValue::from)} problem={self.problem(field.path)} {on_commit} />
            </label>
        }
    }

    /// One number input per tier above the first (bound `i` belongs to tier `i + 1`), with the
    /// problems of the list under them. `set(scenario, i, value)` stores bound `i`.
    pub fn bound_row(
        &self,
        bounds: &[f64],
        testid: &'static str,
        what: &'static str,
        path: &'static str,
        set: fn(&mut Scenario, usize, f64),
    ) -> Html {
        let names = &self.scenario.tiers.names;
        html! {
            <>
                <div class="bound-row">
                    { for bounds.iter().enumerate().map(|(i, bound)| {
                        let name = names.get(i + 1).cloned().unwrap_or_else(|| format!("#{}", i + 2));
                        html! {
                            <label class="field">
                                <span class="field__label">{ name.clone() }</span>
                                <NumberInput value={*bound} testid={format!("{testid}-{i}")}
                                    label={format!("{name} · {what}")}
                                    problem={self.problem(&format!("{path}[{i}]"))}
                                    on_commit={self.on_number(move |s, v| set(s, i, v))} />
                            </label>
                        }
                    }) }
                </div>
                { self.problem_lines(&[path]) }
            </>
        }
    }

    /// A labelled select of `(value, text)` options.
    pub fn select_field(
        &self,
        label: &'static str,
        testid: &'static str,
        options: Vec<(String, String)>,
        selected: &str,
        on_change: Callback<Event>,
    ) -> Html {
        html! {
            <label class="field">
                <span class="field__label">{ label }</span>
                { select(testid, label, options, selected, on_change) }
            </label>
        }
    }
}

/// One number setting: its label, test id, field path (for problems), value and unit.
pub struct NumberField {
    pub label: &'static str,
    pub testid: &'static str,
    pub path: &'static str,
    pub value: f64,
    pub suffix: Option<&'static str>,
}

impl NumberField {
    pub fn new(label: &'static str, testid: &'static str, path: &'static str, value: f64) -> NumberField {
        NumberField { label, testid, path, value, suffix: None }
    }

    pub fn suffix(mut self, suffix: &'static str) -> NumberField {
        self.suffix = Some(suffix);
        self
    }
}

/// A `<select>` with the given option selected.
pub fn select(
    testid: impl Into<AttrValue>,
    label: impl Into<AttrValue>,
    options: Vec<(String, String)>,
    selected: &str,
    onchange: Callback<Event>,
) -> Html {
    html! {
        <select class="select" data-testid={testid.into()} aria-label={label.into()} {onchange}>
            { for options.into_iter().map(|(value, text)| {
                let is_selected = value == selected;
                html! { <option value={value} selected={is_selected}>{ text }</option> }
            }) }
        </select>
    }
}
