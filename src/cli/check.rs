//! `wengao check`: numbering problems, one per line with the input's line; exit 1 when any.

use wengao::Error;

use super::args::InspectArgs;
use super::parse_one;
use super::stdout::print_text;

/// Runs `wengao check`.
pub fn run(args: &InspectArgs) -> Result<u8, Error> {
    let parsed = parse_one(&args.input, &args.read)?;
    let problems = wengao::outline::check(&parsed.document);
    let listing: String = problems
        .iter()
        .map(|problem| match problem.line {
            Some(line) => format!("{}:{line}: {}\n", args.input, problem.message),
            None => format!("{}: {}\n", args.input, problem.message),
        })
        .collect();
    print_text(&listing)?;
    Ok(if problems.is_empty() { 0 } else { 1 })
}
