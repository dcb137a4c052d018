//! The requests behind the member list download and the flagged-customers table.

use std::rc::Rc;

use crate::engine::members::{MemberFormat, MemberOptions};
use crate::engine::optimise::segments::SegmentChoice;
use crate::engine::scenario::Scenario;
use crate::protocol::Request;
use crate::ui::i18n::{file_language, Lang};
use crate::ui::state::{JobKind, ScenarioId};

use super::Bridge;

impl Bridge {
    /// The member list under `schemes` (in the order on screen), written in the page's language;
    /// the file is downloaded when it arrives.
    /// `recommend`: add the first scheme's next-best benefit for each customer's segment.
    pub fn member_list(
        &self,
        schemes: Vec<Scenario>,
        format: MemberFormat,
        lang: Lang,
        recommend: Option<SegmentChoice>,
    ) {
        let options = MemberOptions { language: file_language(lang), ..MemberOptions::default() };
        let request = Request::MemberList { scenarios: schemes, format, options, recommend };
        self.send(request, None, JobKind::Members { format });
    }

    /// Every customer's risk flags, threshold gaming judged under `scenario`.
    pub fn risk(&self, which: ScenarioId, scenario: Rc<Scenario>) {
        let request = Request::Risk { scenario: Some(Box::new((*scenario).clone())) };
        self.send(request, None, JobKind::Risk { which, scenario });
    }
}
