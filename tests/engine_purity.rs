//! The engine (src/engine/**) must stay pure Rust: it runs in the Web Worker, in the native CLI and in fast
//! native tests, so it may not reach for browser crates or for the browser shell (`crate::web`). This test
//! reads the sources and names every file and line that does.
//!
//! Native only: it reads files from disk, which a wasm test in the browser cannot.
#![cfg(not(target_arch = "wasm32"))]

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// Crates that only exist for the browser. A name ending in `*` covers the family (`gloo_timers`, ...).
const BROWSER_CRATES: &[&str] = &["yew*", "web_sys", "js_sys", "gloo*", "wasm_bindgen*", "console_error_panic_hook"];

/// Modules of this crate that are browser-only.
const BROWSER_MODULES: &[&str] = &["web"];

#[derive(Debug, PartialEq)]
struct Violation {
    file: String,
    line: usize,
    name: String,
    source_line: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: uses `{}`: {}", self.file, self.line, self.name, self.source_line.trim())
    }
}

/// Replaces comments, string literals and char literals with spaces (keeping newlines, so line numbers hold):
/// a doc comment that says "no yew here" or a message naming `web_sys` is not a dependency.
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            // Block comments nest in Rust.
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if let Some((hashes, body_start)) = raw_string_start(&chars, i) {
            // r"..", r#".."#, br".." : no escapes inside, ends at a quote followed by as many hashes.
            out.extend(chars[i..body_start].iter().map(|_| ' '));
            i = body_start;
            while i < chars.len() {
                let closes = chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#'));
                if closes {
                    out.extend(std::iter::repeat_n(' ', hashes + 1));
                    i += hashes + 1;
                    break;
                }
                out.push(blank(chars[i]));
                i += 1;
            }
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    out.push(' ');
                    i += 1;
                }
                out.push(blank(chars[i]));
                i += 1;
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{4e2d}') or a lifetime ('a): only the former is blanked.
            let literal_end = if next == Some('\\') {
                // Search from after the escaped character, so '\\'' ends at its second quote.
                (i + 3..chars.len()).find(|&k| chars[k] == '\'')
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match literal_end {
                Some(end) => {
                    out.extend(std::iter::repeat_n(' ', end - i + 1));
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// When a raw string literal starts at `i`: its number of hashes and the index just after its opening quote.
fn raw_string_start(chars: &[char], i: usize) -> Option<(usize, usize)> {
    // `r` inside an identifier (`for"`) is not a prefix.
    if i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_') {
        return None;
    }
    let mut k = i;
    if chars.get(k) == Some(&'b') {
        k += 1;
    }
    if chars.get(k) != Some(&'r') {
        return None;
    }
    k += 1;
    let hashes = chars[k.min(chars.len())..].iter().take_while(|&&c| c == '#').count();
    k += hashes;
    (chars.get(k) == Some(&'"')).then_some((hashes, k + 1))
}

fn is_browser_crate(identifier: &str) -> bool {
    BROWSER_CRATES.iter().any(|pattern| match pattern.strip_suffix('*') {
        // `gloo*` means `gloo` and `gloo_...`, not every word that happens to start with "gloo".
        Some(family) => identifier == family || identifier.starts_with(&format!("{family}_")),
        None => identifier == *pattern,
    })
}

/// Every browser crate or browser module the source names, with its line. Any mention of a browser crate as an
/// identifier counts (in `use`, `extern crate`, a path, an attribute such as `#[wasm_bindgen]`): none has a
/// reason to appear in the engine. Browser modules count when reached through `crate::`, `tierlab::` or `super::`.
fn find_violations(file: &str, source: &str) -> Vec<Violation> {
    let code = code_only(source);
    let original: Vec<&str> = source.lines().collect();
    let mut found = Vec::new();
    for (index, line) in code.lines().enumerate() {
        let tokens = tokenize(line);
        for (k, token) in tokens.iter().enumerate() {
            let names_browser_module = BROWSER_MODULES.contains(&token.as_str())
                && k >= 2
                && tokens[k - 1] == "::"
                && matches!(tokens[k - 2].as_str(), "crate" | "tierlab" | "super");
            if is_browser_crate(token) || names_browser_module {
                found.push(Violation {
                    file: file.to_string(),
                    line: index + 1,
                    name: token.clone(),
                    source_line: original.get(index).copied().unwrap_or_default().to_string(),
                });
            }
        }
    }
    found
}

/// Identifiers and `::` separators of one line of code, in order (everything else is dropped).
fn tokenize(line: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' {
            current.push(c);
        } else {
            if !current.is_empty() {
                tokens.push(std::mem::take(&mut current));
            }
            if c == ':' && chars.get(i + 1) == Some(&':') {
                tokens.push("::".to_string());
                i += 1;
            }
        }
        i += 1;
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display())).path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn engine_uses_no_browser_crates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let engine = root.join("src/engine");
    let mut files = Vec::new();
    rust_files(&engine, &mut files);
    files.sort();
    // Guards the walk itself: finding nothing would make this test pass vacuously.
    assert!(
        files.iter().any(|f| f.ends_with("src/engine/mod.rs")),
        "src/engine/mod.rs not found under {}",
        root.display()
    );
    assert!(files.len() >= 5, "only {} files found under src/engine", files.len());

    let mut violations = Vec::new();
    for file in &files {
        let source = fs::read_to_string(file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        let relative = file.strip_prefix(root).unwrap_or(file).display().to_string();
        violations.extend(find_violations(&relative, &source));
    }
    let report: Vec<String> = violations.iter().map(|v| v.to_string()).collect();
    assert!(
        violations.is_empty(),
        "the engine must stay free of browser crates (move browser code to src/web/):\n{}",
        report.join("\n")
    );
}

// ---- the detector itself: it must catch what it is there to catch, and only that ----

fn lines_flagged(source: &str) -> Vec<(usize, String)> {
    find_violations("synthetic.rs", source).into_iter().map(|v| (v.line, v.name)).collect()
}

#[test]
fn detector_catches_imports_paths_and_extern_crates() {
    let source = "\
use std::fmt;
use yew::prelude::*;
fn f() {
    let w = web_sys::window();
    let n = ::js_sys::Date::now();
}
extern crate gloo_timers;
#[wasm_bindgen]
pub fn g() {}
use wasm_bindgen_futures::spawn_local;
use crate::web::app;
use {
    serde::Serialize,
    gloo,
};
use super::super::web::worker;
";
    assert_eq!(
        lines_flagged(source),
        vec![
            (2, "yew".to_string()),
            (4, "web_sys".to_string()),
            (5, "js_sys".to_string()),
            (7, "gloo_timers".to_string()),
            (8, "wasm_bindgen".to_string()),
            (10, "wasm_bindgen_futures".to_string()),
            (11, "web".to_string()),
            (14, "gloo".to_string()),
            (16, "web".to_string()),
        ]
    );
}

#[test]
fn detector_names_file_and_line() {
    let violations = find_violations("src/engine/bad.rs", "// fine\nuse yew::Html;\n");
    assert_eq!(violations.len(), 1);
    assert_eq!(violations[0].to_string(), "src/engine/bad.rs:2: uses `yew`: use yew::Html;");
}

#[test]
fn detector_ignores_comments_strings_and_lookalikes() {
    let source = r####"
//! No yew, web_sys or gloo in here: the engine is pure.
/// Unlike `wasm_bindgen::JsValue`, this is plain data.
/* a block comment naming js_sys::Date /* nested yew */ still a comment */
fn f<'a>(x: &'a str) -> &'a str {
    let message = "call web_sys::window() in src/web instead";
    let escaped = "a \" quote then yew::Html";
    let raw = r#"gloo::timers "quoted" yew"#;
    let quote = '"';
    let escaped_quote = '\'';
    let yewish = 1;
    let glooming = 2;
    let web = 3;
    let path = self::web::thing;
    x
}
"####;
    assert_eq!(lines_flagged(source), vec![]);
}

#[test]
fn line_numbers_survive_multi_line_comments_and_strings() {
    let source = "/* one\ntwo\nthree */\nlet s = \"a\nb\";\nuse js_sys::Array;\n";
    assert_eq!(lines_flagged(source), vec![(6, "js_sys".to_string())]);
}
