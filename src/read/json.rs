//! The JSON reader: the model as `wengao convert -t json` writes it.

use crate::error::Error;
use crate::model::{Document, Section};
use crate::read::{Input, Parsed};

/// Reads a JSON model and checks that its heading levels nest.
pub fn read(input: &Input) -> Result<Parsed, Error> {
    let document: Document = serde_json::from_slice(&input.bytes).map_err(|e| Error::Json {
        path: input.name.clone(),
        message: e.to_string(),
    })?;
    check_levels(&document.sections, 0).map_err(|message| Error::Json {
        path: input.name.clone(),
        message,
    })?;
    let heading_lines = vec![0; document.walk().len()];
    Ok(Parsed {
        document,
        warnings: Vec::new(),
        heading_lines,
    })
}

fn check_levels(sections: &[Section], parent: u8) -> Result<(), String> {
    for section in sections {
        let level = section.heading.level;
        if level <= parent {
            return Err(format!(
                "heading {:?} has level {level}, not deeper than its parent's {parent}",
                section.heading.text
            ));
        }
        check_levels(&section.children, level)?;
    }
    Ok(())
}
