//! The model lab's form words: section names, what is wrong with a field, target choices.

use crate::ui::format;
use crate::ui::lab::{FieldProblem, LabSection, TargetChoice};

use super::lang::{en_zh, Lang};
use super::texts::T;

pub fn lab_section_name(section: LabSection, lang: Lang) -> &'static str {
    match section {
        LabSection::Clv => lang.pick("Customer value", "客户价值"),
        LabSection::Predict => lang.pick("Predict value / tiers", "预测价值 / 等级"),
        LabSection::Segments => lang.pick("Segments", "客户分群"),
    }
}

pub fn field_problem(problem: &FieldProblem, lang: Lang) -> String {
    match problem {
        FieldProblem::NotANumber => T::EnterNumber.get(lang).to_string() + lang.pick(".", "。"),
        FieldProblem::NotWhole => lang.pick("Enter a whole number.", "请输入整数。").into(),
        FieldProblem::Between { low, high } => en_zh(
            lang,
            format!("Must be between {} and {}.", format::plain(*low), format::plain(*high)),
            format!("必须在 {} 到 {} 之间。", format::plain(*low), format::plain(*high)),
        ),
        FieldProblem::AtLeast { low } => en_zh(
            lang,
            format!("Must be {} or more.", format::plain(*low)),
            format!("不能小于 {}。", format::plain(*low)),
        ),
        FieldProblem::Above { low } => en_zh(
            lang,
            format!("Must be above {}.", format::plain(*low)),
            format!("必须大于 {}。", format::plain(*low)),
        ),
        FieldProblem::BadDate => lang.pick("Enter a date (year-month-day).", "请输入日期（年-月-日）。").into(),
        FieldProblem::BadMonth => lang.pick("Enter a month (year-month).", "请输入月份（年-月）。").into(),
        FieldProblem::HoldoutNotAfterCalibration => {
            lang.pick("Must be after the calibration end.", "必须晚于校准期截止日。").into()
        }
        FieldProblem::Empty => lang.pick("Must not be empty.", "不能为空。").into(),
        FieldProblem::Duplicate => lang.pick("Same name as another one.", "与其他名称重复。").into(),
        FieldProblem::NoFeatures => lang.pick("Choose at least one feature.", "请至少选择一个特征。").into(),
        FieldProblem::MoreThanFeatures { features } => en_zh(
            lang,
            format!("At most the number of features chosen ({features})."),
            format!("不能超过已选特征数（{features}）。"),
        ),
        FieldProblem::ScenarioInvalid => lang
            .pick(
                "This scenario has problems of its own: fix them in its editor first.",
                "该方案本身有问题：请先在方案编辑器中修正。",
            )
            .into(),
        FieldProblem::NoColumn => {
            lang.pick("The data has no text column to learn from.", "数据中没有可供学习的文本列。").into()
        }
        FieldProblem::FileColumn => lang
            .pick("This is a column of your file: choose another name.", "这是文件中已有的列名，请换一个名称。")
            .into(),
    }
}

pub fn target_choice_name(choice: TargetChoice, a: &str, b: &str, lang: Lang) -> String {
    match choice {
        TargetChoice::HoldoutSpend => lang
            .pick("Spend in the months after a calibration month (recommended)", "校准月之后几个月的消费（推荐）")
            .into(),
        TargetChoice::HoldoutPurchases => {
            lang.pick("Purchases in the months after a calibration month", "校准月之后几个月的购买次数").into()
        }
        TargetChoice::Column => lang.pick("A numeric column or feature", "数值列或指标").into(),
        TargetChoice::TiersA => en_zh(lang, format!("Tiers of scenario A ({a})"), format!("方案 A 的等级（{a}）")),
        TargetChoice::TiersB => en_zh(lang, format!("Tiers of scenario B ({b})"), format!("方案 B 的等级（{b}）")),
        TargetChoice::TextColumn => lang.pick("A text column (e.g. an existing tier)", "文本列（如现有等级）").into(),
    }
}
