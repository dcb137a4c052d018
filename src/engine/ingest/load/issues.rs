//! Why rows are dropped and what is noted about kept ones, counted per kind for the report.

use super::super::report::{IssueAction, IssueExample, IssueKind, IssueSummary};

/// Longest raw value kept in an issue example, in characters.
pub(super) const EXAMPLE_CHARS: usize = 80;
pub(super) const EXAMPLES_PER_ISSUE: usize = 5;

/// Why a row was dropped.
pub(super) struct Drop {
    pub(super) kind: IssueKind,
    pub(super) column: Option<usize>,
    pub(super) raw: String,
}

impl Drop {
    pub(super) fn row(kind: IssueKind, raw: String) -> Self {
        Drop { kind, column: None, raw }
    }
    pub(super) fn cell(kind: IssueKind, column: usize, raw: &str) -> Self {
        Drop { kind, column: Some(column), raw: raw.to_string() }
    }
}

/// Issues about a row that are recorded only if the row is kept.
#[derive(Default)]
pub(super) struct Notes {
    pub(super) items: Vec<Note>,
}

pub(super) struct Note {
    pub(super) kind: IssueKind,
    pub(super) action: IssueAction,
    pub(super) column: Option<usize>,
    pub(super) raw: String,
}

impl Notes {
    pub(super) fn clear(&mut self) {
        self.items.clear();
    }
    pub(super) fn push(&mut self, kind: IssueKind, action: IssueAction, column: Option<usize>, raw: String) {
        self.items.push(Note { kind, action, column, raw });
    }
}

/// Counts per (kind, action) with the first few examples, in order of first occurrence.
#[derive(Default)]
pub(super) struct IssueLog {
    pub(super) summaries: Vec<IssueSummary>,
}

impl IssueLog {
    pub(super) fn record(
        &mut self,
        kind: IssueKind,
        action: IssueAction,
        line: usize,
        column: Option<&str>,
        raw: &str,
    ) {
        let index = match self.summaries.iter().position(|s| s.kind == kind && s.action == action) {
            Some(i) => i,
            None => {
                self.summaries.push(IssueSummary { kind, action, count: 0, examples: Vec::new() });
                self.summaries.len() - 1
            }
        };
        let summary = &mut self.summaries[index];
        summary.count += 1;
        if summary.examples.len() < EXAMPLES_PER_ISSUE {
            summary.examples.push(IssueExample {
                line,
                column: column.map(str::to_string),
                raw: raw.chars().take(EXAMPLE_CHARS).collect(),
            });
        }
    }

    /// Adds a summary found after the row loop (`count` rows, the first few as (line, raw)) where
    /// the loop would have put it: before the first summary that started on a later line (or on the
    /// same line, except an unterminated quote, which the loop records before a row's notes).
    pub(super) fn insert_found_later(
        &mut self,
        kind: IssueKind,
        action: IssueAction,
        count: usize,
        first: &[(usize, String)],
    ) {
        let Some(&(first_line, _)) = first.first() else { return };
        let examples = first
            .iter()
            .take(EXAMPLES_PER_ISSUE)
            .map(|(line, raw)| IssueExample {
                line: *line,
                column: None,
                raw: raw.chars().take(EXAMPLE_CHARS).collect(),
            })
            .collect();
        let position = self
            .summaries
            .iter()
            .position(|s| {
                let line = s.examples.first().map_or(usize::MAX, |e| e.line);
                line > first_line || (line == first_line && s.kind != IssueKind::UnterminatedQuote)
            })
            .unwrap_or(self.summaries.len());
        self.summaries.insert(position, IssueSummary { kind, action, count, examples });
    }
}
