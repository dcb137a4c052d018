//! Any error the worker answers with, in the reader's language: each kind is said by the module
//! that knows it.

use crate::engine::members::MemberError;
use crate::protocol::UserError;

use super::lab_errors;
use super::lang::Lang;
use super::messages::*;
use super::sim_sentences;
use super::texts::T;

pub fn user_error(error: &UserError, lang: Lang) -> String {
    match error {
        UserError::Ingest { error } => ingest_error(error, lang),
        UserError::Scenario { which, error } => match lang {
            Lang::En => format!("Scenario {which}: {}", scenario_error(error, lang)),
            Lang::Zh => format!("方案 {which}：{}", scenario_error(error, lang)),
        },
        UserError::Evaluate { which, error } => match lang {
            Lang::En => format!("Scenario {which}: {}", evaluate_error(error, lang)),
            Lang::Zh => format!("方案 {which}：{}", evaluate_error(error, lang)),
        },
        UserError::UnknownCustomer { id } => unknown_customer(id, lang),
        UserError::BadRequest { message } => match lang {
            Lang::En => format!("The request was not possible: {message}"),
            Lang::Zh => format!("无法执行该请求：{message}"),
        },
        UserError::NoData => T::NeedData.get(lang).into(),
        UserError::NoFile => {
            lang.pick("Choose a file first (or load the sample data).", "请先选择文件（或加载示例数据）。").into()
        }
        UserError::Internal { message } => match lang {
            Lang::En => format!("TierLab hit an internal error (a bug, not your data): {message}"),
            Lang::Zh => format!("TierLab 出现内部错误（程序缺陷，与你的数据无关）：{message}"),
        },
        UserError::Clv { error } => lab_errors::clv_error(error, lang),
        UserError::TrainingSet { error } => lab_errors::training_set_error(error, lang),
        UserError::Model { error } => lab_errors::model_error(error, lang),
        UserError::Segments { error } => lab_errors::segment_error(error, lang),
        UserError::Members { error } => member_error(error, lang),
        UserError::ColumnName { name } => match lang {
            Lang::En => {
                format!("\"{name}\" cannot be used as a column name: it is empty or already a column of the file.")
            }
            Lang::Zh => format!("“{name}”不能用作列名：名称为空，或与文件中的列重名。"),
        },
        UserError::Simulate { error } => sim_sentences::simulate_error(error, lang),
        UserError::Optimise { error } => super::optimiser::optimise_error(error, lang),
        UserError::AdviceSegments { error } => super::optimiser::segments_error(error, lang),
        UserError::FieldTest { error } => sim_sentences::plan_error(error, lang),
    }
}

fn member_error(error: &MemberError, lang: Lang) -> String {
    match (error, lang) {
        (MemberError::ScenarioCount { found, min, max }, Lang::En) => {
            format!("A member list takes {min} to {max} scenarios; {found} were given.")
        }
        (MemberError::ScenarioCount { found, min, max }, Lang::Zh) => {
            format!("会员名单需要 {min} 到 {max} 个方案，当前为 {found} 个。")
        }
        (MemberError::Evaluate { which, error }, Lang::En) => {
            format!("Scenario {which}: {}", evaluate_error(error, lang))
        }
        (MemberError::Evaluate { which, error }, Lang::Zh) => format!("方案 {which}：{}", evaluate_error(error, lang)),
        (MemberError::UnknownSegmentColumn { name }, Lang::En) => {
            format!("There is no text column named “{name}” to take segments from.")
        }
        (MemberError::UnknownSegmentColumn { name }, Lang::Zh) => format!("没有名为“{name}”的文本列可作为分群。"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::models::clv::{ClvError, ClvModel, NonConvergence};
    use crate::engine::optimise::{OptimiseError, RangesError, SearchEffort};
    use crate::engine::pricing::Warning;
    use crate::engine::simulate::planner::{PlanError, POWER};
    use crate::engine::simulate::{SimulateError, SimulationSettings};

    #[test]
    fn model_errors_are_said_in_both_languages() {
        let not_converged = UserError::Clv {
            error: ClvError::NotConverged {
                model: ClvModel::BgNbd,
                reason: NonConvergence::ParameterDiverged { name: "alpha".into(), towards_zero: false },
                iterations: 500,
                gradient_norm: None,
                params: vec![],
            },
        };
        assert_eq!(
            user_error(&not_converged, Lang::En),
            "The purchase model (BG/NBD) found no stable answer after 500 iterations (parameter α ran off towards infinity: \
             the data do not pin it down). Try a later calibration end, weeks instead of days, or a small penalizer (0.001–0.1)."
        );
        assert!(user_error(&not_converged, Lang::Zh)
            .starts_with("购买模型（BG/NBD）在 500 次迭代后仍未得到稳定结果（参数 α 趋向无穷大"));
        let params = UserError::Model {
            error: crate::engine::models::supervised::ModelError::InvalidParameters {
                errors: vec![crate::engine::models::supervised::params::DEPTH.error(31.0)],
            },
        };
        assert_eq!(user_error(&params, Lang::En), "Tree depth: Must be between 1 and 30.");
        assert_eq!(user_error(&params, Lang::Zh), "树深度：必须在 1 到 30 之间。");
        let too_many = UserError::TrainingSet {
            error: crate::engine::models::supervised::TrainingSetError::TooManyClasses { classes: 40, max: 20 },
        };
        assert!(user_error(&too_many, Lang::Zh).starts_with("目标有 40 个不同取值；最多只能学习 20 个类别"));
        // Target shares are fractions: 0.6 is 60 %.
        let ties = Warning::SharesMissedByTies { tier: "Regular".into(), target: 0.6, actual: 0.778 };
        assert!(warning_text(&ties, Lang::En).starts_with("“Regular” was meant to hold 60.0 % but holds 77.8 %"));
    }

    #[test]
    fn simulator_errors_are_said_in_both_languages() {
        let months = UserError::Simulate { error: SimulateError::Range(SimulationSettings::MONTHS.error(40.0)) };
        assert_eq!(user_error(&months, Lang::En), "Months to simulate must be between 1 and 36.");
        assert_eq!(user_error(&months, Lang::Zh), "模拟月数必须在 1 到 36 之间。");
        let holdout = UserError::Simulate { error: SimulateError::NoHoldout };
        assert!(user_error(&holdout, Lang::En).contains("choose an earlier date"));
        assert!(user_error(&holdout, Lang::Zh).contains("请选择更早的日期"));
        // Planner ranges are fractions in the engine and percentages on the page.
        let power = UserError::FieldTest { error: PlanError::Range(POWER.error(0.3)) };
        assert_eq!(user_error(&power, Lang::En), "Power must be between 50 % and 99 %.");
        assert_eq!(user_error(&power, Lang::Zh), "检验功效必须在 50 % 到 99 % 之间。");
        let search =
            UserError::Optimise { error: OptimiseError::Ranges(RangesError::Range(SearchEffort::SWEEPS.error(12.0))) };
        assert_eq!(user_error(&search, Lang::En), "Passes over the settings must be a whole number from 1 to 10.");
        assert_eq!(user_error(&search, Lang::Zh), "搜索轮数必须是 1 到 10 之间的整数。");
        let nested = UserError::Optimise { error: OptimiseError::Simulate { error: SimulateError::NoCustomers } };
        assert_eq!(user_error(&nested, Lang::Zh), "数据中没有可以模拟的客户。");
    }
}
