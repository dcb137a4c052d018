//! Different entry bounds for some customer segments: segments come from a text column of the data
//! (city, channel, an existing tier...) or from the RFM segments.

use yew::prelude::*;

use crate::web::components::action_button::ActionButton;

use crate::web::components::card::ScrollTable;

use super::ctx::{select, EditCtx};
use crate::engine::scenario::{Scenario, SegmentOverride, SegmentSource, SegmentThresholds, Thresholds};
use crate::engine::scoring::rfm::RfmSegment;
use crate::ui::i18n::{self, Lang, T};
use crate::web::components::number_input::NumberInput;

const RFM_SOURCE: &str = "rfm";
const COLUMN_PREFIX: &str = "column:";

fn source_key(source: &SegmentSource) -> String {
    match source {
        SegmentSource::Rfm => RFM_SOURCE.to_string(),
        SegmentSource::Column { name } => format!("{COLUMN_PREFIX}{name}"),
    }
}

fn source_from_key(key: &str) -> Option<SegmentSource> {
    if key == RFM_SOURCE {
        Some(SegmentSource::Rfm)
    } else {
        key.strip_prefix(COLUMN_PREFIX).map(|name| SegmentSource::Column { name: name.to_string() })
    }
}

/// Entry bounds for a new override, on the score's own scale: the absolute bounds when there are,
/// else where the latest result put the tiers, else 100, 500, 2,500...
fn starting_bounds(scenario: &Scenario, hint: Option<&[f64]>) -> Vec<f64> {
    let count = scenario.tier_count().saturating_sub(1);
    match (&scenario.tiers.thresholds, hint) {
        (Thresholds::Absolute { lower_bounds }, _) => lower_bounds.clone(),
        (_, Some(hint)) if hint.len() == count && hint.iter().all(|b| b.is_finite()) => {
            hint.iter().map(|b| (b * 10.0).round() / 10.0).collect()
        }
        _ => (1..=count).map(|i| 100.0 * 5f64.powi(i as i32 - 1)).collect(),
    }
}

pub fn segment_settings(ctx: &EditCtx) -> Html {
    let lang = ctx.lang;
    let segments = ctx.scenario.tiers.segment_thresholds.as_ref();
    let first_column = ctx.text_columns.first().map(|(name, _)| name.clone());
    let on_enabled = ctx.on_check(move |s, on| {
        s.tiers.segment_thresholds = on.then(|| SegmentThresholds {
            source: first_column.clone().map_or(SegmentSource::Rfm, |name| SegmentSource::Column { name }),
            overrides: vec![],
        });
    });
    let enabled = segments.is_some();
    html! {
        <>
            <label class="check">
                <input type="checkbox" class="checkbox" checked={enabled} data-testid="segments-enabled" onchange={on_enabled} />
                <span>{ T::SegmentsEnable.get(lang) }</span>
            </label>
            <p class="help">{ T::SegmentsHelp.get(lang) }</p>
            if let Some(segments) = segments {
                { segment_rules(ctx, segments) }
            }
        </>
    }
}

fn segment_rules(ctx: &EditCtx, segments: &SegmentThresholds) -> Html {
    let lang = ctx.lang;
    let mut sources: Vec<(String, String)> = vec![(RFM_SOURCE.to_string(), T::RfmSegments.get(lang).to_string())];
    sources.extend(
        ctx.text_columns.iter().map(|(name, _)| {
            (format!("{COLUMN_PREFIX}{name}"), format!("{} {name}", lang.pick("Column:", "数据列：")))
        }),
    );
    let current = source_key(&segments.source);
    if !sources.iter().any(|(key, _)| *key == current) {
        sources.push((current.clone(), current.trim_start_matches(COLUMN_PREFIX).to_string()));
    }
    let on_source = ctx.on_select(|s, key| {
        if let (Some(segments), Some(source)) = (&mut s.tiers.segment_thresholds, source_from_key(key)) {
            if segments.source != source {
                segments.source = source;
                // Segment names of one source mean nothing under another.
                segments.overrides.clear();
            }
        }
    });
    let is_rfm = segments.source == SegmentSource::Rfm;
    let examples: Vec<String> = match &segments.source {
        SegmentSource::Column { name } => {
            ctx.text_columns.iter().find(|(n, _)| n == name).map(|(_, e)| e.clone()).unwrap_or_default()
        }
        SegmentSource::Rfm => vec![],
    };
    let taken: Vec<String> = segments.overrides.iter().map(|o| o.segment.clone()).collect();
    let next_segment = if is_rfm {
        RfmSegment::ALL.iter().map(|s| s.key().to_string()).find(|k| !taken.contains(k)).unwrap_or_default()
    } else {
        examples.iter().find(|e| !taken.contains(e)).cloned().unwrap_or_default()
    };
    let hint = ctx.hint.as_ref().map(|h| h.lower_bounds.clone());
    let add = ctx.on_click(move |s| {
        let bounds = starting_bounds(s, hint.as_deref());
        if let Some(segments) = &mut s.tiers.segment_thresholds {
            segments.overrides.push(SegmentOverride { segment: next_segment.clone(), lower_bounds: bounds });
        }
    });
    let names = &ctx.scenario.tiers.names;
    let datalist_id = format!("segment-values-{}", ctx.which.key());
    html! {
        <>
            <label class="field">
                <span class="field__label">{ T::SegmentSource.get(lang) }</span>
                { select("segment-source", T::SegmentSource.get(lang), sources, &current, on_source) }
                { ctx.problem_lines(&["tiers.segment_thresholds.source.name"]) }
            </label>
            if !examples.is_empty() {
                <datalist id={datalist_id.clone()}>
                    { for examples.iter().map(|e| html! { <option value={e.clone()} /> }) }
                </datalist>
            }
            if !segments.overrides.is_empty() {
                <ScrollTable class="tier-table segment-table" head={html! {
                    <tr>
                        <th>{ T::Segment.get(lang) }</th>
                        { for names.iter().skip(1).map(|n| html! { <th>{ format!("{n} ≥") }</th> }) }
                        <th></th>
                    </tr>
                }}>
                    { for segments.overrides.iter().enumerate().map(|(k, o)| override_row(ctx, k, o, is_rfm, &datalist_id)) }

                </ScrollTable>
            }
            <ActionButton class="button button--small button--ghost" testid="add-segment" onclick={add} label={format!("+ {}", T::AddSegment.get(lang))} />
        </>
    }
}

fn override_row(ctx: &EditCtx, k: usize, o: &SegmentOverride, is_rfm: bool, datalist_id: &str) -> Html {
    let lang = ctx.lang;
    let field = format!("tiers.segment_thresholds.overrides[{k}]");
    let segment_problem = ctx.problem(&format!("{field}.segment"));
    let set_segment = move |s: &mut Scenario, value: String| {
        if let Some(o) = s.tiers.segment_thresholds.as_mut().and_then(|x| x.overrides.get_mut(k)) {
            o.segment = value;
        }
    };
    let segment_input = if is_rfm {
        let options = RfmSegment::ALL
            .iter()
            .map(|s| (s.key().to_string(), i18n::rfm_segment_name(*s, lang).to_string()))
            .collect();
        select(
            format!("segment-{k}"),
            T::Segment.get(lang),
            options,
            &o.segment,
            ctx.on_select(move |s, v| set_segment(s, v.to_string())),
        )
    } else {
        html! {
            <input type="text" class={classes!("input", segment_problem.is_some().then_some("input--invalid"))}
                value={o.segment.clone()} list={datalist_id.to_string()} data-testid={format!("segment-{k}")}
                aria-label={T::Segment.get(lang)} oninput={ctx.on_text(set_segment)} />
        }
    };
    let remove = ctx.on_click(move |s| {
        if let Some(segments) = &mut s.tiers.segment_thresholds {
            if k < segments.overrides.len() {
                segments.overrides.remove(k);
            }
        }
    });
    html! {
        <tr>
            <td>
                { segment_input }
                if let Some(p) = segment_problem { <span class="field-error" role="alert">{ p }</span> }
                { ctx.problem_lines(&[&format!("{field}.lower_bounds")]) }
            </td>
            { for o.lower_bounds.iter().enumerate().map(|(i, bound)| html! {
                <td>
                    <NumberInput value={*bound} testid={format!("segment-{k}-bound-{i}")}
                        label={format!("{} · {}", o.segment, T::LowerBound.get(lang))}
                        problem={ctx.problem(&format!("{field}.lower_bounds[{i}]"))}
                        on_commit={ctx.on_number(move |s, v| {
                            if let Some(o) = s.tiers.segment_thresholds.as_mut().and_then(|x| x.overrides.get_mut(k)) {
                                if let Some(slot) = o.lower_bounds.get_mut(i) { *slot = v; }
                            }
                        })} />
                </td>
            }) }
            <td class="tier-table__remove">
                <button type="button" class="icon-button" data-testid={format!("remove-segment-{k}")}
                    title={T::RemoveTerm.get(lang)} aria-label={T::RemoveTerm.get(lang)} onclick={remove}>{ "×" }</button>
            </td>
        </tr>
    }
}

/// One line for the section header: "off" or "RFM segments · 2 with own bounds".
pub fn summary(scenario: &Scenario, lang: Lang) -> String {
    match &scenario.tiers.segment_thresholds {
        None => lang.pick("off: the same bounds for everyone", "关闭：所有客户使用相同门槛").to_string(),
        Some(segments) => {
            let source = match &segments.source {
                SegmentSource::Rfm => T::RfmSegments.get(lang).to_string(),
                SegmentSource::Column { name } => name.clone(),
            };
            match lang {
                Lang::En => format!("{source} · {} with own bounds", segments.overrides.len()),
                Lang::Zh => format!("{source} · {} 个客群单独设门槛", segments.overrides.len()),
            }
        }
    }
}
