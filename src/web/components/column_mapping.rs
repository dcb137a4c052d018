//! The user's decisions before loading: what each column means, what a row is, how the file is
//! read, and what to do with gaps and duplicates.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::web::components::card::{CardHead, ScrollTable};

use crate::engine::ingest::{DateOrder, Delimiter, DuplicatePolicy, MissingPolicy, ReadOptions};
use crate::engine::roles::{ColumnRole, DatasetShape};
use crate::ui::i18n::{self, Ops, T};
use crate::ui::state::{Action, DataAction, Draft};
use crate::web::hooks::use_app;

const DELIMITERS: [(Delimiter, &str); 5] = [
    (Delimiter::Comma, "comma"),
    (Delimiter::Tab, "tab"),
    (Delimiter::Semicolon, "semicolon"),
    (Delimiter::Pipe, "pipe"),
    (Delimiter::Whitespace, "whitespace"),
];
const MISSING: [(MissingPolicy, &str); 5] = [
    (MissingPolicy::DropRow, "drop_row"),
    (MissingPolicy::FillMean, "fill_mean"),
    (MissingPolicy::FillMedian, "fill_median"),
    (MissingPolicy::FillMode, "fill_mode"),
    (MissingPolicy::FillZero, "fill_zero"),
];
const DUPLICATES: [(DuplicatePolicy, &str); 2] = [(DuplicatePolicy::Keep, "keep"), (DuplicatePolicy::Drop, "drop")];
const SHAPES: [(DatasetShape, &str); 2] =
    [(DatasetShape::EventLog, "event_log"), (DatasetShape::CustomerTable, "customer_table")];

fn select_value(event: &Event) -> Option<String> {
    event.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()).map(|s| s.value())
}

/// `Callback<Event>` for a `<select>` whose option values are keys of `options`.
fn on_select<V: Copy + 'static>(options: &'static [(V, &'static str)], then: Callback<V>) -> Callback<Event> {
    Callback::from(move |event: Event| {
        let chosen = select_value(&event).and_then(|key| options.iter().find(|(_, k)| *k == key).map(|(v, _)| *v));
        if let Some(value) = chosen {
            then.emit(value);
        }
    })
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub draft: Rc<Draft>,
}

#[function_component(ColumnMapping)]
pub fn column_mapping(props: &Props) -> Html {
    let app = use_app();
    let lang = app.lang();
    let draft = &props.draft;
    let settings = &draft.settings;
    let inspection = &draft.inspection;

    let reinspect = {
        let bridge = app.bridge.clone();
        let read = settings.read.clone();
        let name = draft.file_name.clone();
        move |change: fn(&mut ReadOptions, Option<String>)| {
            let bridge = bridge.clone();
            let read = read.clone();
            let name = name.clone();
            Callback::from(move |event: Event| {
                let mut options = read.clone();
                change(&mut options, select_value(&event));
                bridge.reinspect(name.clone(), options);
            })
        }
    };
    let on_delimiter = reinspect(|options, key| {
        options.delimiter = key.and_then(|k| DELIMITERS.iter().find(|(_, name)| *name == k).map(|(d, _)| *d));
    });
    let on_header = reinspect(|options, key| {
        options.has_header = match key.as_deref() {
            Some("yes") => Some(true),
            Some("no") => Some(false),
            _ => None,
        };
    });
    let on_date_order = reinspect(|options, key| {
        options.date_order = match key.as_deref() {
            Some("day_first") => Some(DateOrder::DayFirst),
            Some("month_first") => Some(DateOrder::MonthFirst),
            _ => None,
        };
    });
    let on_decimal = reinspect(|options, key| {
        options.decimal_comma = match key.as_deref() {
            Some("comma") => Some(true),
            Some("point") => Some(false),
            _ => None,
        };
    });
    let on_sheet = reinspect(|options, key| options.sheet = key);
    // The generated sample has no file on this side to re-read (and its format is known anyway).
    let can_reread = app.bridge.has_file();
    let apply = {
        let bridge = app.bridge.clone();
        let settings = settings.clone();
        Callback::from(move |_: MouseEvent| bridge.load(settings.clone()))
    };

    let delimiter_key = DELIMITERS.iter().find(|(d, _)| *d == inspection.delimiter).map_or("comma", |(_, k)| k);
    let header_key = if inspection.has_header { "yes" } else { "no" };
    let shape_key = SHAPES.iter().find(|(s, _)| *s == settings.shape).map_or("event_log", |(_, k)| k);
    let missing_key = MISSING.iter().find(|(m, _)| *m == settings.missing).map_or("drop_row", |(_, k)| k);
    let duplicates_key = DUPLICATES.iter().find(|(d, _)| *d == settings.duplicates).map_or("keep", |(_, k)| k);

    let field = |label: T, control: Html| {
        html! {
            <label class="field">
                <span class="field__label">{ label.get(lang) }</span>
                { control }
            </label>
        }
    };

    html! {
        <section class="card">
            <CardHead title={T::MappingTitle.get(lang)} subtitle={T::MappingIntro.get(lang)} />
            <div class="form-grid">
                if inspection.sheets.len() > 1 {
                    <label class="field">
                        <span class="field__label">{ Ops::SheetLabel.get(lang) }</span>
                        <select class="select" data-testid="sheet-select" onchange={on_sheet}
                            title={Ops::SheetHelp.get(lang)}>
                            { for inspection.sheets.iter().map(|sheet| html! {
                                <option value={sheet.clone()} selected={inspection.sheet.as_deref() == Some(sheet.as_str())}>
                                    { sheet }
                                </option>
                            }) }
                        </select>
                    </label>
                }
                { field(T::ShapeLabel, html! {
                    <select class="select" data-testid="shape-select"
                        onchange={on_select(&SHAPES, app.callback(|shape| Action::Data(DataAction::SetShape(shape))))}>
                        { for SHAPES.iter().map(|(shape, key)| html! {
                            <option value={*key} selected={*key == shape_key}>{ i18n::shape_name(*shape, lang) }</option>
                        }) }
                    </select>
                }) }
                { field(T::SourceDelimiter, html! {
                    <select class="select" data-testid="delimiter-select" onchange={on_delimiter}
                        disabled={!can_reread} title={(!can_reread).then(|| T::SampleFixedFormat.get(lang))}>
                        { for DELIMITERS.iter().map(|(d, key)| html! {
                            <option value={*key} selected={*key == delimiter_key}>{ i18n::delimiter_name(*d, lang) }</option>
                        }) }
                    </select>
                }) }
                { field(T::SourceHeader, html! {
                    <select class="select" data-testid="header-select" onchange={on_header}
                        disabled={!can_reread} title={(!can_reread).then(|| T::SampleFixedFormat.get(lang))}>
                        <option value="yes" selected={header_key == "yes"}>{ T::Yes.get(lang) }</option>
                        <option value="no" selected={header_key == "no"}>{ T::No.get(lang) }</option>
                    </select>
                }) }
                // Only files with dates written year-last (3/15/2026, 15.03.2026) have an order to choose.
                if let Some(order) = inspection.date_order {
                    { field(T::DateOrderLabel, html! {
                        <select class="select" data-testid="date-order-select" onchange={on_date_order}
                            title={T::DateOrderHelp.get(lang)}>
                            <option value="month_first" selected={order == DateOrder::MonthFirst}>{ T::DateOrderMonthFirst.get(lang) }</option>
                            <option value="day_first" selected={order == DateOrder::DayFirst}>{ T::DateOrderDayFirst.get(lang) }</option>
                        </select>
                    }) }
                }
                { field(T::DecimalMarkLabel, html! {
                    <select class="select" data-testid="decimal-select" onchange={on_decimal}
                        disabled={!can_reread} title={if can_reread { T::DecimalMarkHelp.get(lang) } else { T::SampleFixedFormat.get(lang) }}>
                        <option value="point" selected={!inspection.decimal_comma}>{ T::DecimalPoint.get(lang) }</option>
                        <option value="comma" selected={inspection.decimal_comma}>{ T::DecimalComma.get(lang) }</option>
                    </select>
                }) }
                { field(T::MissingLabel, html! {
                    <select class="select" data-testid="missing-policy"
                        onchange={on_select(&MISSING, app.callback(|policy| Action::Data(DataAction::SetMissing(policy))))}>
                        { for MISSING.iter().map(|(m, key)| html! {
                            <option value={*key} selected={*key == missing_key}>{ i18n::missing_policy_name(*m, lang) }</option>
                        }) }
                    </select>
                }) }
                { field(T::DuplicatesLabel, html! {
                    <select class="select" data-testid="duplicate-policy"
                        onchange={on_select(&DUPLICATES, app.callback(|policy| Action::Data(DataAction::SetDuplicates(policy))))}>
                        { for DUPLICATES.iter().map(|(d, key)| html! {
                            <option value={*key} selected={*key == duplicates_key}>{ i18n::duplicate_policy_name(*d, lang) }</option>
                        }) }
                    </select>
                }) }
            </div>
            <ScrollTable class="mapping" head={html! {
                <tr>
                    <th>{ T::ColumnHeading.get(lang) }</th>
                    <th>{ T::RoleHeading.get(lang) }</th>
                    <th>{ T::TypeHeading.get(lang) }</th>
                    <th>{ T::ExamplesHeading.get(lang) }</th>
                </tr>
            }}>
                { for inspection.columns.iter().enumerate().map(|(i, column)| {
                    let role = settings.roles.get(i).copied().unwrap_or(column.role);
                    let onchange = {
                        let state = app.state.clone();
                        Callback::from(move |event: Event| {
                            if let Some(role) = select_value(&event).and_then(|k| ColumnRole::from_key(&k)) {
                                state.dispatch(Action::Data(DataAction::SetRole { column: i, role }));
                            }
                        })
                    };
                    html! {
                        <tr class={classes!((role == ColumnRole::Ignore).then_some("mapping__row--ignored"))}>
                            <td class="mapping__name">{ &column.name }</td>
                            <td>
                                <select class="select select--small" data-testid={format!("role-select-{i}")}
                                    aria-label={format!("{}: {}", T::RoleHeading.get(lang), column.name)} {onchange}>
                                    { for ColumnRole::ALL.iter().map(|r| html! {
                                        <option value={r.key()} selected={*r == role}>{ i18n::role_name(*r, lang) }</option>
                                    }) }
                                </select>
                            </td>
                            <td class="muted" data-testid={format!("column-type-{i}")} data-type={format!("{:?}", column.value_type)}>
                                { i18n::value_type_name(column.value_type, lang) }
                                if column.type_confidence < 0.999 && column.type_confidence > 0.0 {
                                    <span class="muted">{ format!(" · {}", crate::ui::format::share(column.type_confidence)) }</span>
                                }
                            </td>
                            <td class="mapping__examples">{ column.examples.iter().take(3).cloned().collect::<Vec<_>>().join(" · ") }</td>
                        </tr>
                    }
                }) }

            </ScrollTable>
            <div class="card__footer">
                <button type="button" data-testid="apply-load" onclick={apply}
                    class={classes!("button", (!draft.loaded).then_some("button--primary"))}>
                    { T::ApplyLoad.get(lang) }
                </button>
            </div>
        </section>
    }
}
