//! `wengao outline`: the heading tree as the reader sees it.

use wengao::Error;

use super::args::InspectArgs;
use super::parse_one;
use super::stdout::print_text;

/// Runs `wengao outline`.
pub fn run(args: &InspectArgs) -> Result<u8, Error> {
    // The outline shows headings as written, so punctuation is not normalised.
    let parsed = parse_one(&args.input, &args.read)?;
    let outline = wengao::outline::outline(&parsed.document);
    if !args.explain {
        print_text(&outline)?;
        return Ok(0);
    }
    // Each heading line of the outline, then why, indented under it.
    let mut explanations = parsed.explanations.iter();
    let mut listing = String::with_capacity(outline.len() * 3);
    for line in outline.lines() {
        listing.push_str(line);
        listing.push('\n');
        let text = line.trim_start_matches(' ');
        let indent = line.len() - text.len();
        let found = explanations
            .clone()
            .position(|e| e.text == text)
            .and_then(|at| explanations.nth(at));
        if let Some(explanation) = found {
            let place = explanation
                .line
                .map_or(String::new(), |l| format!("line {l}: "));
            let doubt = if explanation.doubtful { "[check] " } else { "" };
            listing.push_str(&format!(
                "{:indent$}    ↳ {doubt}{place}level {}: {}\n",
                "", explanation.level, explanation.why,
            ));
        } else if indent == 0 {
            listing.push_str("    ↳ title\n");
        }
    }
    print_text(&listing)?;
    Ok(0)
}
