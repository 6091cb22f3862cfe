//! `wengao outline`: the heading tree as the reader sees it.

use wengao::Error;

use super::args::InspectArgs;
use super::parse_one;
use super::stdout::print_text;

/// Runs `wengao outline`.
pub fn run(args: &InspectArgs) -> Result<u8, Error> {
    // The outline shows headings as written, so punctuation is not normalised.
    let parsed = parse_one(&args.input, &args.read)?;
    print_text(&wengao::outline::outline(&parsed.document))?;
    Ok(0)
}
