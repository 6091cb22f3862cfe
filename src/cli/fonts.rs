//! `wengao fonts`: the font each template role resolved to (for the PDF), and from where.

use wengao::Error;
use wengao::write::pdf::fonts::{FontSearch, Fonts};

use super::args::StyleArgs;
use super::stdout::print_text;
use super::{load_template, parse_font_overrides};

/// Runs `wengao fonts`.
pub fn run(style: &StyleArgs) -> Result<u8, Error> {
    let template = load_template(style)?;
    let overrides = parse_font_overrides(&style.fonts)?;
    let resolved = Fonts::load(&template, &overrides, &FontSearch::from_env())?;
    print_text(&resolved.report())?;
    Ok(0)
}
