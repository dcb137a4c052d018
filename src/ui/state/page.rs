//! The page around the tabs: language, the tab shown, whether the engine runs, the page-wide error
//! and the short notices. Other slices reach it only through effects.

use crate::protocol::UserError;
use crate::ui::i18n::lang::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Data,
    Scoring,
    Compare,
    Lab,
    Simulator,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EngineStatus {
    Starting,
    Ready,
    /// The worker could not be started at all: the page says so instead of staying blank.
    Failed,
}

/// Short informational messages (not errors).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    StorageCorrupt,
    FileRestored,
    FileRestoreFailed,
    EngineRestarted,
    Cancelled,
    /// This browser gives the page no storage here (e.g. a sandboxed iframe): nothing is kept.
    NoStorage,
    /// The user removed everything this browser kept.
    DataForgotten,
    /// A helper worker did not start in time: the work is split over fewer workers.
    FewerWorkers,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PageState {
    pub lang: Lang,
    pub tab: Tab,
    pub engine: EngineStatus,
    pub error: Option<UserError>,
    pub notices: Vec<Notice>,
}

pub enum PageAction {
    SetLang(Lang),
    SetTab(Tab),
    ShowError(UserError),
    DismissError,
    AddNotice(Notice),
    DismissNotice(Notice),
}

impl PageState {
    pub fn new(lang: Lang, notices: Vec<Notice>) -> PageState {
        PageState { lang, tab: Tab::Data, engine: EngineStatus::Starting, error: None, notices }
    }

    pub fn reduce(&mut self, action: PageAction) {
        match action {
            PageAction::SetLang(lang) => self.lang = lang,
            PageAction::SetTab(tab) => self.tab = tab,
            PageAction::ShowError(error) => self.error = Some(error),
            PageAction::DismissError => self.error = None,
            PageAction::AddNotice(notice) => self.notice(notice),
            PageAction::DismissNotice(notice) => self.notices.retain(|n| *n != notice),
        }
    }

    /// Shows a notice once (the same notice twice says nothing new).
    pub fn notice(&mut self, notice: Notice) {
        if !self.notices.contains(&notice) {
            self.notices.push(notice);
        }
    }
}
