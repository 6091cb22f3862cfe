//! `wengao completions` and `wengao man`: shell completions and the man page from clap.

use std::path::Path;

use wengao::Error;

use super::stdout::{print_text, to_stdout};

/// Prints the completion script of `shell` for `command`.
pub fn completions(shell: clap_complete::Shell, command: &mut clap::Command) -> Result<u8, Error> {
    let mut script = Vec::new();
    clap_complete::generate(shell, command, "wengao", &mut script);
    print_text(&String::from_utf8_lossy(&script))?;
    Ok(0)
}

/// Prints the man page (roff) of `command`.
pub fn man(command: clap::Command) -> Result<u8, Error> {
    to_stdout(|stdout| {
        clap_mangen::Man::new(command)
            .render(stdout)
            .map_err(|e| Error::io(Path::new("<stdout>"), e))
    })?;
    Ok(0)
}
