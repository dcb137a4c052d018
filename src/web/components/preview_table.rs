//! The first rows of the file as the reader understood them.

use std::rc::Rc;

use yew::prelude::*;

use crate::web::components::card::CardHead;

use crate::ui::i18n::T;
use crate::ui::state::Draft;
use crate::web::hooks::use_lang;

/// Rows shown; the inspection carries up to 20.
const PREVIEW_ROWS: usize = 10;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub draft: Rc<Draft>,
}

#[function_component(PreviewTable)]
pub fn preview_table(props: &Props) -> Html {
    let lang = use_lang();
    let inspection = &props.draft.inspection;
    let columns = inspection.columns.len();
    html! {
        <section class="card">
            <CardHead title={T::PreviewTitle.get(lang)} subtitle={T::PreviewNote.get(lang)} />
            <div class="table-scroll">
                <table class="table table--compact" data-testid="preview-table">
                    <thead>
                        <tr>
                            <th class="table__index">{ "#" }</th>
                            { for inspection.columns.iter().map(|c| html! { <th>{ &c.name }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for inspection.preview.iter().take(PREVIEW_ROWS).enumerate().map(|(i, row)| html! {
                            <tr>
                                <td class="table__index">{ i + 1 }</td>
                                // Short rows are padded so every row has a cell per column.
                                { for (0..columns.max(row.len())).map(|c| html! {
                                    <td>{ row.get(c).cloned().unwrap_or_default() }</td>
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
