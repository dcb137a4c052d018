//! The browser tests' way to put one component on the test page and read it back by `data-testid`.
#![allow(dead_code)]

use wasm_bindgen_futures::JsFuture;
use web_sys::Element;
use yew::BaseComponent;

/// One macrotask: Yew renders on its scheduler, so after this the DOM is there.
pub async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20).unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Renders `C` with `props` into a fresh element appended to the page's body.
pub async fn render<C: BaseComponent>(props: C::Properties) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
    tick().await;
    root
}

pub fn by_testid(root: &Element, id: &str) -> Element {
    root.query_selector(&format!("[data-testid=\"{id}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={id}"))
}

/// The trimmed text of the element with `data-testid={id}`.
pub fn text(root: &Element, id: &str) -> String {
    text_of(&by_testid(root, id))
}

pub fn text_of(element: &Element) -> String {
    element.text_content().unwrap_or_default().trim().to_string()
}

/// Attribute `name` of the element with `data-testid={id}` ("" when absent).
pub fn attr(root: &Element, id: &str, name: &str) -> String {
    attr_of(&by_testid(root, id), name)
}

pub fn attr_of(element: &Element, name: &str) -> String {
    element.get_attribute(name).unwrap_or_default()
}
