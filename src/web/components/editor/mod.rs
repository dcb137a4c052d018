//! One scenario's settings, in collapsible sections that each sum themselves up in one line:
//! scoring, tiers, movement over time, segments, points, benefits and economics. Every change is
//! applied at once; validation problems appear next to their field and are counted on the
//! section's header.

pub mod benefits;
pub mod coupons;
pub mod ctx;
pub mod movement;
pub mod points;
pub mod risk;
pub mod scoring;
pub mod second_criterion;
pub mod section;
pub mod segments;
pub mod tiers;
pub mod toolbar;

use std::rc::Rc;

use yew::prelude::*;

use self::ctx::EditCtx;
use self::section::EditorSection;
use self::toolbar::EditorToolbar;
use crate::engine::features::catalog::FeatureKey;
use crate::engine::ingest::ValueType;
use crate::engine::roles::DatasetShape;
use crate::protocol::DataSummary;
use crate::ui::feature_info;
use crate::ui::i18n::{Ops, T};
use crate::ui::scenario_diff::{differences, is_under};
use crate::ui::state::{Action, CompareAction, ScenarioId, Section};
use crate::web::hooks::use_app;

/// ScenarioId parts an editor shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Everything, for the Compare tab.
    Full,
    /// Scoring (always open) and the tier rules it feeds, for the Scoring tab.
    Scoring,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub which: ScenarioId,
    #[prop_or(Layout::Full)]
    pub layout: Layout,
}

#[function_component(ScenarioEditor)]
pub fn scenario_editor(props: &Props) -> Html {
    let app = use_app();
    let state = &app.state;
    let lang = app.lang();
    let which = props.which;
    let features: Rc<Vec<FeatureKey>> = {
        let stats = state.data.features.clone();
        use_memo(stats, |stats| match stats {
            Some(stats) if !stats.is_empty() => stats.iter().map(|s| s.key.clone()).collect(),
            _ => feature_info::all_builtin(),
        })
    };
    // The file's text columns, then text columns the model lab published (segments, predicted tiers).
    let published_text = state.lab.text_columns();
    let text_columns = use_memo((state.data.summary.clone(), published_text), |(data, published)| {
        let mut columns = data.as_deref().map(segment_columns).unwrap_or_default();
        columns.extend(
            published.iter().filter(|(name, _)| !columns.iter().any(|(n, _)| n == name)).cloned().collect::<Vec<_>>(),
        );
        columns
    });
    let ctx = EditCtx::new(which, state, features, text_columns);
    let scenario = ctx.scenario.clone();
    let scope = which.key();
    let toggle = app.callback(|section| Action::Compare(CompareAction::ToggleSection(section)));
    // Every scheme but the reference says in its sections how many settings differ from the
    // reference (the same list as the Simulator's diff).
    let reference = state.scenarios.reference();
    let changes: Rc<Vec<String>> = {
        let pair = (state.scenarios.get(reference).clone(), state.scenarios.get(which).clone());
        use_memo(pair, |(reference, this)| differences(reference, this).into_iter().map(|c| c.path).collect())
    };
    let changed = |paths: &[&str]| {
        if which != reference {
            changes.iter().filter(|c| paths.iter().any(|p| is_under(c, p))).count()
        } else {
            0
        }
    };
    let open = |section: Section| state.compare.open_sections.contains(&section);

    let section = |section: Section,
                   title: T,
                   summary: String,
                   paths: &[&str],
                   body: &dyn Fn(&EditCtx) -> Html,
                   always_open: bool| {
        let is_open = always_open || open(section);
        html! {
            <EditorSection {section} scope={scope.clone()} title={title.get(lang)} summary={summary}
                problems={ctx.count_problems(paths)} changed={changed(paths)} open={is_open}
                on_toggle={(!always_open).then(|| toggle.clone())}>
                if is_open { { body(&ctx) } }
            </EditorSection>
        }
    };

    let scoring_tab = props.layout == Layout::Scoring;
    let sections = html! {
        <>
            { section(Section::Scoring, T::ScoringSection, scoring::summary(&scenario, lang), &["scoring"],
                &scoring::scoring_settings, scoring_tab) }
            { section(Section::Tiers, T::TiersTitle, tiers::summary(&scenario, lang),
                &["tiers.names", "tiers.thresholds"], &tiers::tier_settings, false) }
            { section(Section::Movement, T::MovementSection, movement::summary(&scenario, lang),
                &["tiers.window", "tiers.upgrade", "tiers.downgrade", "tiers.retain", "tiers.second_criterion"], &movement::movement_settings, false) }
            if !scoring_tab {
                { section(Section::Segments, T::SegmentsSection, segments::summary(&scenario, lang),
                    &["tiers.segment_thresholds"], &segments::segment_settings, false) }
                { section(Section::Points, T::PointsSection, points::summary(&scenario, lang), &["points"],
                    &points::points_settings, false) }
                { section(Section::Benefits, T::BenefitsTitle, benefits::benefits_summary(&scenario, lang), &["benefits"],
                    &benefits::benefit_settings, false) }
                { section(Section::Economics, T::EconomicsTitle, benefits::economics_summary(&scenario, lang),
                    &["economics"], &benefits::economics_settings, false) }
                <EditorSection section={Section::Risk} scope={scope.clone()} title={Ops::RiskSection.get(lang)}
                    summary={risk::summary(&scenario, lang)} problems={ctx.count_problems(&["risk"])}
                    changed={changed(&["risk"])} open={open(Section::Risk)} on_toggle={Some(toggle.clone())}>
                    if open(Section::Risk) { { risk::risk_settings(&ctx) } }
                </EditorSection>
            }
        </>
    };

    let title = crate::ui::i18n::scheme_label(which.letter(), lang);
    let name_problem = ctx.problem("name");
    let on_name = ctx.on_text(|s, name| s.name = name);
    html! {
        <section class={classes!("card", "editor", format!("editor--{scope}"), scoring_tab.then_some("editor--scoring"))}
            data-testid={format!("scenario-{scope}")}>
            <div class="editor__head">
                <span class={classes!("scenario-badge", format!("scenario-badge--{scope}"))}>{ which.letter().to_string() }</span>
                <div class="editor__title">
                    <span class="editor__kicker">{ title }</span>
                    <input type="text" class={classes!("input", "input--title", name_problem.is_some().then_some("input--invalid"))}
                        value={scenario.name.clone()} data-testid="scenario-name"
                        aria-label={T::ScenarioName.get(lang)} oninput={on_name} />
                    if let Some(p) = name_problem { <span class="field-error" role="alert">{ p }</span> }
                </div>
            </div>
            if !scoring_tab {
                <EditorToolbar {which} />
            }
            <div class="ed-sections">{ sections }</div>
        </section>
    }
}

/// Text columns of the loaded data that hold one value per customer, with a few example values:
/// what customers can be segmented by. Mirrors how loading keeps such columns (demographics and
/// other per-customer text; event-level columns like channel are not per customer).
pub fn segment_columns(summary: &DataSummary) -> Vec<(String, Vec<String>)> {
    use crate::engine::roles::ColumnRole;
    summary
        .inspection
        .columns
        .iter()
        .zip(&summary.settings.roles)
        .filter(|(column, &role)| {
            let per_customer = match summary.shape {
                DatasetShape::EventLog => !role.describes_event() && role != ColumnRole::Other,
                DatasetShape::CustomerTable => true,
            };
            let text = !role.is_numeric()
                && !role.is_date()
                && !matches!(role, ColumnRole::CustomerId | ColumnRole::Ignore)
                && (role != ColumnRole::Other
                    || !matches!(
                        column.value_type,
                        ValueType::Integer | ValueType::Decimal | ValueType::Date | ValueType::DateTime
                    ));
            per_customer && text
        })
        .map(|(column, _)| (column.name.clone(), column.examples.clone()))
        .collect()
}
