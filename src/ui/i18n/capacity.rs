//! What the page says about a file too big for a browser tab, before reading it: the estimate and
//! the command-line tool that reads it with the same engine.

use super::lang::Lang;
use super::texts::texts;
use crate::engine::ingest::estimate::{LoadEstimate, TAB_MEMORY_LIMIT};
use crate::ui::format;

texts! {
    Cap;
    TooBigTitle => "This file is too big for a browser tab", "此文件太大，浏览器标签页无法处理";
    TooBigCli => "The command-line tool reads it with the same engine and has no such limit, for example:",
        "命令行工具使用同一计算引擎读取它，不受此限制，例如：";
    TooBigSplit => "Or load part of it here: a shorter period, or a sample of the customers.",
        "也可以只在这里载入其中一部分：较短的时间段，或部分客户的样本。";
}

/// The estimate behind the refusal: the file's size, its rows and customers, and what it needs
/// against what a tab can hold.
pub fn too_big_reason(estimate: &LoadEstimate, lang: Lang) -> String {
    let size = format::bytes(estimate.file_bytes as usize);
    let need = format::bytes(estimate.peak_bytes as usize);
    let limit = format::bytes(TAB_MEMORY_LIMIT as usize);
    let rows = format::large(estimate.rows as f64, lang, |v| format::count(v as usize));
    let customers = format::large(estimate.customers as f64, lang, |v| format::count(v as usize));
    match lang {
        Lang::En => format!(
            "{size}, about {rows} rows of {customers} customers: loading, fitting and simulating it needs about \
             {need} of memory, more than a tab can hold ({limit})."
        ),
        Lang::Zh => format!(
            "{size}，约 {rows} 行、{customers} 位客户：载入、拟合与模拟约需 {need} 内存，超过浏览器标签页能容纳的 {limit}。"
        ),
    }
}

/// The commands that handle the file on the command line (its own name in them).
pub fn cli_commands(file_name: &str) -> [String; 2] {
    let file = if file_name.contains([' ', '\'', '"']) { format!("\"{file_name}\"") } else { file_name.to_string() };
    [
        format!("tierlab clv --data {file} --calibration-end YYYY-MM-DD"),
        format!("tierlab simulate --data {file} scenario.json"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reason_gives_the_figures_in_both_languages() {
        let estimate =
            LoadEstimate { file_bytes: 400 << 20, rows: 15_000_000, customers: 5_000_000, peak_bytes: 5 << 30 };
        assert_eq!(
            too_big_reason(&estimate, Lang::En),
            "400.0 MB, about 15,000,000 rows of 5,000,000 customers: loading, fitting and simulating it needs about \
             5,120.0 MB of memory, more than a tab can hold (4,096.0 MB)."
        );
        assert_eq!(
            too_big_reason(&estimate, Lang::Zh),
            "400.0 MB，约 1,500万 行、500万 位客户：载入、拟合与模拟约需 5,120.0 MB 内存，超过浏览器标签页能容纳的 4,096.0 MB。"
        );
    }

    #[test]
    fn the_commands_name_the_file_quoted_when_it_has_spaces() {
        assert_eq!(cli_commands("orders.csv")[0], "tierlab clv --data orders.csv --calibration-end YYYY-MM-DD");
        assert_eq!(cli_commands("my orders.csv")[1], "tierlab simulate --data \"my orders.csv\" scenario.json");
    }
}
