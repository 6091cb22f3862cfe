//! The `wengao` command line: clap parses the arguments, [`cli`] runs the command, and an
//! error is printed as one line with a hint (exit status 2).

mod cli;

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use cli::args::{ConvertArgs, InspectArgs, ServeArgs, StyleArgs};

#[derive(Parser)]
#[command(
    name = "wengao",
    version,
    about = "Convert Chinese speeches and official documents (讲话稿, 公文)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert a speech to one or more formats.
    Convert(ConvertArgs),
    /// Print the heading outline: title lines, then headings indented two spaces per level.
    Outline(InspectArgs),
    /// Check heading numbering: gaps, repeats, mixed widths, skipped levels, empty headings.
    Check(InspectArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff) to standard output.
    Man,
    /// Serve the page for people who never open a terminal: paste, preview, download.
    Serve(ServeArgs),
    /// Show the font each template role resolved to (for PDF), and from which file.
    Fonts(StyleArgs),
    /// List the shipped templates, or print one to start a template of your own.
    Templates {
        #[command(subcommand)]
        action: Option<TemplateAction>,
    },
}

#[derive(Subcommand)]
enum TemplateAction {
    /// Print a shipped template's TOML.
    Show { name: String },
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Convert(args) => cli::convert::run(args),
        Command::Outline(args) => cli::outline::run(&args),
        Command::Check(args) => cli::check::run(&args),
        Command::Completions { shell } => cli::docs::completions(shell, &mut Cli::command()),
        Command::Man => cli::docs::man(Cli::command()),
        Command::Serve(args) => cli::serve::run(&args),
        Command::Fonts(style) => cli::fonts::run(&style),
        Command::Templates { action } => cli::templates::run(match &action {
            Some(TemplateAction::Show { name }) => Some(name),
            None => None,
        }),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("wengao: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}
