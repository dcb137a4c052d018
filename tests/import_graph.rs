//! The library's modules import each other without circles: read every file of `src/` (the library
//! crate; the binaries are their own crates), take the module paths it names (`use crate::...`,
//! `use super::...`, `use self::...`, grouped or not, and such paths written inline), resolve each
//! to the deepest module file that exists, and look for circles. A module's own test module is left
//! out (it sees its parent by design). Fails naming the modules on each circle.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

type Module = Vec<String>;

/// `src/a/b.rs` and `src/a/b/mod.rs` are `a::b`; `src/lib.rs` is the crate root (an empty path).
fn module_of(relative: &Path) -> Module {
    let mut parts: Vec<String> = relative.with_extension("").iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

fn collect(dir: &Path, root: &Path, files: &mut BTreeMap<Module, String>) {
    for entry in fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        let relative = path.strip_prefix(root).expect("under src/");
        if path.is_dir() {
            if relative != Path::new("bin") {
                collect(&path, root, files);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.insert(module_of(relative), fs::read_to_string(&path).expect("a readable source file"));
        }
    }
}

/// The code without comments, string contents and the file's test module.
fn code(text: &str) -> String {
    // Only an inline test module: a `mod tests;` declaration may come before the file's imports.
    let text = match text.find("#[cfg(test)]\nmod tests {") {
        Some(at) => &text[..at],
        None => text,
    };
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                out.push('"');
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
                out.push('"');
            }
            _ => out.push(c),
        }
    }
    out
}

/// The paths of one `use` tree: `a::{b, c::{d, self}}` gives `a::b`, `a::c::d`, `a::c`.
fn expand(prefix: &[String], tree: &str, out: &mut Vec<Module>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{').filter(|_| tree.ends_with('}')) {
        let mut base = prefix.to_vec();
        base.extend(tree[..open].split("::").map(str::trim).filter(|s| !s.is_empty()).map(String::from));
        let (mut depth, mut start) = (0, open + 1);
        let inner_end = tree.len() - 1;
        for (i, c) in tree.char_indices().take(inner_end).skip(open + 1) {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&base, &tree[start..i], out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand(&base, &tree[start..inner_end], out);
        return;
    }
    let path = tree.split(" as ").next().unwrap_or(tree);
    let mut full = prefix.to_vec();
    full.extend(path.split("::").map(str::trim).filter(|s| !s.is_empty() && *s != "self").map(String::from));
    if !full.is_empty() {
        out.push(full);
    }
}

/// The module file a path from `module` lands in, if it is one of ours (`crate::`, `super::`,
/// `self::` or a submodule's name).
fn resolve(module: &Module, path: &[String], files: &BTreeMap<Module, String>) -> Option<Module> {
    let mut full: Module = match path.first().map(String::as_str) {
        Some("crate") => Vec::new(),
        Some("super") | Some("self") => module.clone(),
        // `use child::Item` names a submodule of this one (anything else is another crate).
        Some(first) if files.contains_key(&[module.as_slice(), &[first.to_string()]].concat()) => module.clone(),
        _ => return None,
    };
    let mut rest = path.iter().skip(usize::from(path[0] == "crate")).peekable();
    while let Some(step) = rest.next_if(|s| *s == "super" || *s == "self") {
        if step == "super" {
            full.pop();
        }
    }
    full.extend(rest.cloned());
    (0..=full.len()).rev().map(|n| full[..n].to_vec()).find(|m| files.contains_key(m))
}

fn edges(files: &BTreeMap<Module, String>) -> BTreeMap<Module, BTreeSet<Module>> {
    let mut graph = BTreeMap::new();
    for (module, text) in files {
        let code = code(text);
        let mut paths = Vec::new();
        let mut rest = code.as_str();
        let mut inline = String::new();
        while let Some(at) = rest.find("use ") {
            let boundary = at == 0 || !rest[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_');
            inline.push_str(&rest[..at]);
            let Some(end) = rest[at..].find(';') else { break };
            if boundary {
                expand(&[], &rest[at + 4..at + end], &mut paths);
            } else {
                inline.push_str(&rest[at..at + end]);
            }
            rest = &rest[at + end + 1..];
        }
        inline.push_str(rest);
        for word in inline.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')) {
            if word.starts_with("crate::") || word.starts_with("super::") || word.starts_with("self::") {
                paths.push(word.split("::").filter(|s| !s.is_empty()).map(String::from).collect());
            }
        }
        let targets: BTreeSet<Module> =
            paths.iter().filter_map(|p| resolve(module, p, files)).filter(|t| t != module).collect();
        graph.insert(module.clone(), targets);
    }
    graph
}

/// The groups of modules that import each other in a circle (strongly connected components with
/// more than one module), each sorted, found with Tarjan's algorithm.
fn circles(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct Search<'a> {
        graph: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'a Module, usize>,
        low: BTreeMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        found: Vec<Vec<Module>>,
    }
    impl<'a> Search<'a> {
        fn visit(&mut self, node: &'a Module) {
            let at = self.index.len();
            self.index.insert(node, at);
            self.low.insert(node, at);
            self.stack.push(node);
            for next in self.graph.get(node).into_iter().flatten() {
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.low[node].min(self.low[next]);
                    self.low.insert(node, low);
                } else if self.stack.contains(&next) {
                    let low = self.low[node].min(self.index[next]);
                    self.low.insert(node, low);
                }
            }
            if self.low[node] == self.index[node] {
                let start = self.stack.iter().position(|m| *m == node).expect("on the stack");
                let mut group: Vec<Module> = self.stack.drain(start..).cloned().collect();
                if group.len() > 1 {
                    group.sort();
                    self.found.push(group);
                }
            }
        }
    }
    let mut search =
        Search { graph, index: BTreeMap::new(), low: BTreeMap::new(), stack: Vec::new(), found: Vec::new() };
    for node in graph.keys() {
        if !search.index.contains_key(node) {
            search.visit(node);
        }
    }
    search.found.sort();
    search.found
}

fn name(module: &Module) -> String {
    if module.is_empty() {
        "crate".into()
    } else {
        format!("crate::{}", module.join("::"))
    }
}

/// Circles left in the engine, listed so a new circle anywhere fails now; delete a line once its
/// circle is gone (the test fails while a listed circle no longer exists). None are left: the last
/// one broke when the scenario took its risk option (`scenario::risk_control`), the prepared data
/// and window scoring moved to `prepared` (which neither `evaluate` nor `risk` sits below), and the
/// rules' flag types to `risk::flags`.
const KNOWN_ENGINE_CIRCLES: [&str; 0] = [];

#[test]
fn the_library_imports_without_circles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    collect(&root, &root, &mut files);
    let graph = edges(&files);
    assert!(graph.len() > 100, "every module file is read ({} found)", graph.len());
    // The checker itself finds what it should: the page state re-exports its slices.
    let state = vec!["ui".to_string(), "state".to_string()];
    assert!(graph[&state].contains(&vec!["ui".into(), "state".into(), "root".into()]));
    let found: Vec<String> =
        circles(&graph).iter().map(|group| group.iter().map(name).collect::<Vec<_>>().join(" ")).collect();
    let known: Vec<String> =
        KNOWN_ENGINE_CIRCLES.iter().map(|c| c.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    assert_eq!(found, known, "modules that import each other in a circle (each line one circle)");
}

#[test]
fn the_layers_import_downwards_only() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = BTreeMap::new();
    collect(&root, &root, &mut files);
    for (module, targets) in edges(&files) {
        let layer = module.first().map(String::as_str);
        for target in targets {
            let target_layer = target.first().map(String::as_str);
            let allowed = match layer {
                // The engine knows nothing of the page; the page model nothing of the browser.
                Some("engine") => target_layer == Some("engine"),
                Some("ui") => target_layer != Some("web"),
                _ => true,
            };
            assert!(allowed, "{} imports {}", name(&module), name(&target));
        }
    }
}

#[test]
fn the_checker_sees_grouped_and_inline_paths() {
    let files: BTreeMap<Module, String> = [
        (vec![], String::new()),
        (vec!["a".into()], "use crate::b::{self, c::{D, e::F}};\nfn x() { super::b::c::g(); }".into()),
        (vec!["b".into()], "mod c;\n#[cfg(test)]\nmod tests;\npub use c::D;\nuse std::rc::Rc;".into()),
        (vec!["b".into(), "c".into()], "// use crate::a;\nfn y() -> &'static str { \"crate::a::z\" }".into()),
    ]
    .into_iter()
    .collect();
    let graph = edges(&files);
    assert_eq!(graph[&vec!["a".to_string()]], BTreeSet::from([vec!["b".into()], vec!["b".into(), "c".into()]]));
    assert_eq!(graph[&vec!["b".to_string()]], BTreeSet::from([vec!["b".into(), "c".into()]]), "a child by its name");
    assert!(graph[&vec!["b".to_string(), "c".into()]].is_empty(), "comments and strings are not imports");
    assert!(circles(&graph).is_empty());
    let mut circular = files.clone();
    circular.insert(vec!["b".into(), "c".into()], "use crate::a::thing;".into());
    // a -> b -> b::c -> a.
    assert_eq!(
        circles(&edges(&circular)),
        vec![vec![vec!["a".to_string()], vec!["b".into()], vec!["b".into(), "c".into()]]]
    );
}
