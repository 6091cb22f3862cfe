//! YAML front matter, the small subset Markdown notes use: `key: value`, `key: "value"`, and
//! lists of strings (`key:` then `  - item` lines). Errors name the line they are on.

use crate::error::{Error, Warning, WarningKind};
use crate::model::SourceLine;

/// A front-matter value: one string or a list of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Scalar(String),
    List(Vec<String>),
}

impl Value {
    /// The value as one string (a list's items joined).
    pub fn text(&self) -> String {
        match self {
            Value::Scalar(text) => text.clone(),
            Value::List(items) => items.concat(),
        }
    }

    /// The value as a list (a scalar is a list of one).
    pub fn items(&self) -> Vec<String> {
        match self {
            Value::Scalar(text) => vec![text.clone()],
            Value::List(items) => items.clone(),
        }
    }
}

/// One `key: value` entry and the line of its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub value: Value,
    pub line: usize,
}

/// The entries of a front matter, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub entries: Vec<Entry>,
}

/// The key wengao's own Markdown carries: the model version it was written from.
pub const MODEL_KEY: &str = "wengao-model";

impl FrontMatter {
    /// Whether wengao wrote this Markdown (its structure then reads back as written).
    pub fn is_wengao(&self) -> bool {
        self.entries.iter().any(|e| e.key == MODEL_KEY)
    }

    /// Parses the front matter text; `first_line` is the line of the opening `---`.
    pub fn parse(
        yaml: &str,
        name: &str,
        first_line: SourceLine,
        warnings: &mut Vec<Warning>,
    ) -> Result<FrontMatter, Error> {
        let mut entries: Vec<Entry> = Vec::new();
        // The key whose list items follow (`key:` with nothing after it).
        let mut list_open = false;
        for (index, line) in yaml.lines().enumerate() {
            let line_number = first_line as usize + 1 + index;
            let bad = |message: String| Error::FrontMatter {
                path: name.to_string(),
                line: line_number,
                message,
            };
            let scalar = |raw: &str| -> Result<String, Error> {
                let raw = raw.trim();
                if raw.starts_with('"') {
                    serde_json::from_str(raw)
                        .map_err(|e| bad(format!("the value {raw} is not a closed string ({e})")))
                } else {
                    Ok(raw.trim_matches('\'').to_string())
                }
            };
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            if let Some(item) = line.trim_start().strip_prefix("- ") {
                let item = scalar(item)?;
                match entries.last_mut() {
                    Some(Entry {
                        value: Value::List(items),
                        ..
                    }) if list_open => items.push(item),
                    _ => return Err(bad("a list item without a key above it".into())),
                }
                continue;
            }
            let Some((key, value)) = line.split_once(':') else {
                return Err(bad(format!(
                    "{:?} is not `key: value` (write front matter as YAML key-value lines)",
                    line.trim()
                )));
            };
            let key = key.trim().to_string();
            let value = value.trim();
            if key.is_empty() {
                return Err(bad(format!(
                    "{:?} has no key before its colon",
                    line.trim()
                )));
            }
            list_open = value.is_empty();
            let value = if list_open {
                Value::List(Vec::new())
            } else {
                Value::Scalar(scalar(value)?)
            };
            if entries.iter().any(|e| e.key == key) {
                warnings.push(Warning::at(
                    line_number,
                    WarningKind::Input,
                    format!("front matter key `{key}` is given twice; the later one counts"),
                ));
            }
            entries.push(Entry {
                key,
                value,
                line: line_number,
            });
        }
        Ok(FrontMatter { entries })
    }
}
