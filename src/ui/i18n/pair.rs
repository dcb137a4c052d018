//! The head-to-head comparison's texts, which name the two schemes compared by their letters (A and
//! B by default; any two the Compare tab puts side by side).

use super::lang::Lang;

/// The letter of one side of a comparison. The sides keep their wire names ("a" is the left, reference
/// side, "b" the right) in test ids and CSS classes; what the user reads is the scheme's own letter.
pub fn side_letter([left, right]: [char; 2], side: &str) -> char {
    if side == "a" {
        left
    } else {
        right
    }
}

/// "Tier moves from A to C" (`left`, `right`: the letters of the schemes compared).
pub fn tier_moves([left, right]: [char; 2], lang: Lang) -> String {
    match lang {
        Lang::En => format!("Tier moves from {left} to {right}"),
        Lang::Zh => format!("从 {left} 到 {right} 的等级变化"),
    }
}

/// An axis of the transition heatmap: "Tier under C".
pub fn tier_under(letter: char, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Tier under {letter}"),
        Lang::Zh => format!("方案 {letter} 等级"),
    }
}

pub fn transitions_desc([left, right]: [char; 2], lang: Lang) -> String {
    match lang {
        Lang::En => format!("Rows: tier under {left}. Columns: tier under {right}. Each cell counts customers."),
        Lang::Zh => format!("行：方案 {left} 的等级；列：方案 {right} 的等级。格中数字为客户人数。"),
    }
}

pub fn tier_distribution_desc([left, right]: [char; 2], lang: Lang) -> String {
    match lang {
        Lang::En => format!("Number of customers in each tier under {left} and {right}, with their share."),
        Lang::Zh => format!("方案 {left} 与 {right} 下每个等级的客户人数及占比。"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_side_reads_its_schemes_letter() {
        assert_eq!(side_letter(['C', 'A'], "a"), 'C');
        assert_eq!(side_letter(['C', 'A'], "b"), 'A');
    }

    #[test]
    fn the_pair_is_named_in_both_languages() {
        assert_eq!(tier_moves(['A', 'C'], Lang::En), "Tier moves from A to C");
        assert_eq!(tier_moves(['A', 'C'], Lang::Zh), "从 A 到 C 的等级变化");
        assert_eq!(tier_under('C', Lang::Zh), "方案 C 等级");
        assert_eq!(
            transitions_desc(['C', 'A'], Lang::En),
            "Rows: tier under C. Columns: tier under A. Each cell counts customers."
        );
        assert_eq!(tier_distribution_desc(['A', 'B'], Lang::Zh), "方案 A 与 B 下每个等级的客户人数及占比。");
    }
}
