//! A collapsible part of the editor: a header line that names it, sums it up in one line and counts
//! its problems, so a closed editor reads like a table of contents.

use yew::prelude::*;

use crate::ui::state::Section;
use crate::web::hooks::use_lang;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub section: Section,
    /// Makes element ids unique when two editors are on the page ("a", "b").
    pub scope: AttrValue,
    pub title: AttrValue,
    pub summary: AttrValue,
    #[prop_or_default]
    pub problems: usize,
    /// Settings in this section that differ from scenario A (shown on B's editor).
    #[prop_or_default]
    pub changed: usize,
    pub open: bool,
    /// `None`: always open (no toggle).
    #[prop_or_default]
    pub on_toggle: Option<Callback<Section>>,
    #[prop_or_default]
    pub children: Html,
}

#[function_component(EditorSection)]
pub fn editor_section(props: &Props) -> Html {
    let lang = use_lang();
    let key = props.section.as_ref();
    let body_id = format!("{}-{key}-body", props.scope);
    let badge = (props.problems > 0).then(|| {
        let text = match lang {
            crate::ui::i18n::Lang::En if props.problems == 1 => "1 problem".to_string(),
            crate::ui::i18n::Lang::En => format!("{} problems", props.problems),
            crate::ui::i18n::Lang::Zh => format!("{} 处问题", props.problems),
        };
        html! { <span class="badge badge--error" data-testid={format!("section-{key}-problems")}>{ text }</span> }
    });
    let changed = (props.changed > 0).then(|| {
        let text = match lang {
            crate::ui::i18n::Lang::En => format!("≠ A · {}", props.changed),
            crate::ui::i18n::Lang::Zh => format!("与 A 不同 · {}", props.changed),
        };
        html! {
            <span class="badge badge--changed" data-testid={format!("section-{key}-changed")}
                data-value={props.changed.to_string()}>{ text }</span>
        }
    });
    let head_inner = html! {
        <>
            <span class="ed-section__title">{ props.title.clone() }</span>
            <span class="ed-section__summary" data-testid={format!("section-{key}-summary")}>{ props.summary.clone() }</span>
            <span class="ed-section__badges">{ for changed }{ for badge }</span>
        </>
    };
    let head = match &props.on_toggle {
        Some(on_toggle) => {
            let section = props.section;
            let onclick = on_toggle.reform(move |_: MouseEvent| section);
            html! {
                <button type="button" class="ed-section__head" aria-expanded={props.open.to_string()}
                    aria-controls={body_id.clone()} data-testid={format!("section-{key}")} {onclick}>
                    <span class="ed-section__chevron" aria-hidden="true"></span>
                    { head_inner }
                </button>
            }
        }
        None => html! { <div class="ed-section__head ed-section__head--static">{ head_inner }</div> },
    };
    html! {
        <section class={classes!("ed-section", props.open.then_some("ed-section--open"))}>
            { head }
            if props.open {
                <div class="ed-section__body" id={body_id}>{ props.children.clone() }</div>
            }
        </section>
    }
}
