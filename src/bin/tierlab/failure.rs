//! Why the program stops, and with which exit status: every failure is one line on stderr.

/// 2 = wrong usage (as clap answers), 1 = bad input or data.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum Failure {
    #[error("{0} (see `tierlab help`)")]
    Usage(String),
    #[error("{0}")]
    Input(String),
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::Usage(message.into())
    }

    pub fn input(message: impl Into<String>) -> Failure {
        Failure::Input(message.into())
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Usage(_) => 2,
            Failure::Input(_) => 1,
        }
    }

    /// clap's answer to wrong usage, in one line: its first paragraph (what is wrong, with the
    /// arguments or values it names); the tips and usage lines after it are what `tierlab help`
    /// shows anyway.
    pub fn from_clap(error: &clap::Error) -> Failure {
        if error.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            return Failure::usage("no command given");
        }
        let text = error.render().to_string();
        let first: Vec<&str> = text
            .lines()
            .skip_while(|line| line.trim().is_empty())
            .take_while(|line| !line.trim().is_empty())
            .map(str::trim)
            .collect();
        Failure::usage(first.join(" ").trim_start_matches("error: "))
    }
}
