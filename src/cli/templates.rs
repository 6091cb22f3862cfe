//! `wengao templates`: the shipped templates, or one of them as TOML to start your own.

use wengao::{Error, Template};

use super::stdout::print_text;

/// Runs `wengao templates [show NAME]`.
pub fn run(show: Option<&str>) -> Result<u8, Error> {
    match show {
        None => {
            let mut listing = String::new();
            for (name, _) in wengao::template::BUILTIN {
                let template = Template::builtin(name)?;
                listing += &format!("{name:10} {}\n", template.description);
            }
            print_text(&listing)?;
        }
        Some(name) => match Template::builtin_source(name) {
            Some(source) => print_text(source)?,
            None => {
                Template::builtin(name)?;
            }
        },
    }
    Ok(0)
}
