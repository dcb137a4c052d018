//! The two pieces every results card repeats: its heading block and its scrolling table.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CardHeadProps {
    pub title: AttrValue,
    pub subtitle: AttrValue,
    /// Cards at the top of a tab are `h2`; cards inside a panel (the Model lab's) are `h3`.
    #[prop_or(2)]
    pub level: u8,
}

#[function_component(CardHead)]
pub fn card_head(props: &CardHeadProps) -> Html {
    let title = props.title.clone();
    let heading = if props.level <= 2 {
        html! { <h2 class="card__title">{ title }</h2> }
    } else {
        html! { <h3 class="card__title">{ title }</h3> }
    };
    html! {
        <div class="card__head">
            <div>
                { heading }
                <p class="card__subtitle">{ props.subtitle.clone() }</p>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ScrollTableProps {
    /// Classes beside `table` (e.g. `table--compact`).
    #[prop_or_default]
    pub class: Classes,
    /// The header cells (one `<tr>`).
    pub head: Html,
    /// The body rows.
    pub children: Html,
}

/// A table that scrolls sideways on narrow screens instead of widening the page.
#[function_component(ScrollTable)]
pub fn scroll_table(props: &ScrollTableProps) -> Html {
    html! {
        <div class="table-scroll">
            <table class={classes!("table", props.class.clone())}>
                <thead>{ props.head.clone() }</thead>
                <tbody>{ props.children.clone() }</tbody>
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ChartFigureProps {
    pub title: AttrValue,
    pub desc: AttrValue,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// The chart (or what stands in for it).
    pub children: Html,
}

/// A chart card: title and one-line description above the chart.
#[function_component(ChartFigure)]
pub fn chart_figure(props: &ChartFigureProps) -> Html {
    html! {
        <figure class="card chart" data-testid={props.testid.clone()}>
            <figcaption class="chart__caption">
                <h3 class="chart__title">{ props.title.clone() }</h3>
                <p class="chart__desc">{ props.desc.clone() }</p>
            </figcaption>
            { props.children.clone() }
        </figure>
    }
}
