//! The JSON reader: the model as `wengao convert -t json` writes it, version checked.

use serde::Deserialize;

use crate::error::Error;
use crate::model::{Document, MODEL_VERSION, Section};
use crate::read::{Input, Parsed};

/// The one field read before the rest: which version of the model a file holds.
#[derive(Deserialize)]
struct VersionProbe {
    #[serde(rename = "wengao-model")]
    version: Option<serde_json::Value>,
}

/// Reads a JSON model, checks its version and that its heading levels nest.
///
/// ```
/// use wengao::read::{Input, json::read};
/// let old = Input { name: "old.json".into(), bytes: br#"{"meta":{}}"#.to_vec() };
/// assert!(read(&old).unwrap_err().to_string().contains("wengao-model"));
/// ```
pub fn read(input: &Input) -> Result<Parsed, Error> {
    let bad = |message: String| Error::Json {
        path: input.name.clone(),
        message,
    };
    let probe: VersionProbe =
        serde_json::from_slice(&input.bytes).map_err(|e| bad(e.to_string()))?;
    match probe.version {
        None => {
            return Err(bad(
                "no \"wengao-model\" version field (written by another program or an older \
                 wengao; convert the source again)"
                    .into(),
            ));
        }
        Some(version) if version != MODEL_VERSION => {
            return Err(bad(format!(
                "model version {version} is not one this wengao reads (it reads version \
                 {MODEL_VERSION}); convert the source again with this wengao"
            )));
        }
        Some(_) => {}
    }
    let document: Document =
        serde_json::from_slice(&input.bytes).map_err(|e| bad(e.to_string()))?;
    check_levels(&document.sections, 0).map_err(bad)?;
    Ok(Parsed {
        document,
        warnings: Vec::new(),
        explanations: Vec::new(),
        word_report: None,
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
