//! Embed mode: `?embed=1` in the page's address (an iframe on another site) asks for a compact
//! header. Read from the query, not the fragment, which carries shared links.

/// Whether the query string (`?a=b&embed=1`, with or without the `?`) asks for embed mode:
/// `embed`, `embed=1`, `embed=true` or `embed=yes`.
pub fn embed_requested(query: &str) -> bool {
    query.trim_start_matches('?').split('&').any(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        key == "embed" && matches!(value, "" | "1" | "true" | "yes")
    })
}

#[cfg(test)]
mod tests {
    use super::embed_requested;

    #[test]
    fn embed_mode_is_asked_for_in_the_query() {
        assert!(embed_requested("?embed=1"));
        assert!(embed_requested("?lang=zh&embed"));
        assert!(embed_requested("embed=true"));
        assert!(!embed_requested(""));
        assert!(!embed_requested("?embed=0"));
        assert!(!embed_requested("?embedded=1"));
        assert!(!embed_requested("?x=embed"));
    }
}
