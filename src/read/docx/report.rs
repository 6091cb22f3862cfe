//! What reading a Word file kept, changed and dropped: the summary on stderr, each item with
//! `-v`, and the JSON of `--report FILE`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::{Warning, WarningKind};

/// Counts and lists of one Word file's reading.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Paragraphs with text in the body (text boxes' included, table cells' not).
    pub paragraphs: usize,
    /// Headings by level ("1" is the top), filled once the structure is built.
    pub headings: BTreeMap<u8, usize>,
    pub tables: usize,
    /// One-column tables read as the text they frame.
    pub layout_tables: usize,
    pub images: usize,
    pub text_boxes: usize,
    pub footnotes: usize,
    pub endnotes: usize,
    pub tracked: Tracked,
    pub comments_dropped: usize,
    pub numbering_frozen: usize,
    /// Table-of-contents paragraphs left out (`--toc` writes a fresh one).
    pub toc_entries: usize,
    /// The text of the headers and footers replaced by the template's.
    pub headers_footers_replaced: Vec<String>,
    /// Font names the document used, replaced by the template's faces.
    pub fonts_replaced: Vec<String>,
    /// What the model cannot carry, and where.
    pub unsupported: Vec<Unsupported>,
    #[serde(skip)]
    pub warnings: Vec<Warning>,
    #[serde(skip)]
    text_effects: Vec<usize>,
}

/// Tracked changes, all accepted.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Tracked {
    pub insertions: usize,
    pub deletions: usize,
    /// Formatting changes (the new formatting is what counts).
    pub formatting: usize,
}

impl Tracked {
    pub fn total(&self) -> usize {
        self.insertions + self.deletions + self.formatting
    }
}

/// One thing left out.
#[derive(Debug, Clone, Serialize)]
pub struct Unsupported {
    pub kind: String,
    /// The paragraph it was in or after.
    pub paragraph: usize,
    /// The text before it in its paragraph, or "".
    pub near: String,
}

impl Report {
    /// Something the model cannot carry, in paragraph `paragraph`.
    pub fn unsupported(&mut self, kind: &str, paragraph: usize, near: &str) {
        let near: String = near
            .chars()
            .rev()
            .take(20)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        self.warnings.push(Warning::at(
            paragraph,
            WarningKind::Input,
            if near.trim().is_empty() {
                format!("a Word {kind} cannot be carried over; left out")
            } else {
                format!(
                    "a Word {kind} after “{}” cannot be carried over; left out",
                    near.trim()
                )
            },
        ));
        self.unsupported.push(Unsupported {
            kind: kind.to_string(),
            paragraph,
            near,
        });
    }

    /// A text effect (glow, shadow, outline) in paragraph `paragraph`: reported once a
    /// paragraph.
    pub fn text_effect(&mut self, paragraph: usize) {
        if self.text_effects.last() != Some(&paragraph) {
            self.text_effects.push(paragraph);
            self.unsupported("text effect", paragraph, "");
        }
    }

    /// A warning about paragraph `paragraph`.
    pub fn warn(&mut self, paragraph: usize, message: String) {
        self.warnings
            .push(Warning::at(paragraph, WarningKind::Input, message));
    }

    /// The one-line summary.
    pub fn summary(&self) -> String {
        let mut kept = vec![format!("{} paragraphs", self.paragraphs)];
        let headings: usize = self.headings.values().sum();
        kept.push(format!("{headings} headings"));
        for (count, what) in [
            (self.tables, "tables"),
            (self.images, "pictures"),
            (self.text_boxes, "text boxes"),
            (self.footnotes + self.endnotes, "notes"),
        ] {
            if count > 0 {
                kept.push(format!("{count} {what}"));
            }
        }
        let mut line = format!("Word document: kept {}", kept.join(", "));
        let mut changed = Vec::new();
        if self.tracked.total() > 0 {
            changed.push(format!("accepted {} tracked changes", self.tracked.total()));
        }
        if self.numbering_frozen > 0 {
            changed.push(format!(
                "froze {} numbering labels into the text",
                self.numbering_frozen
            ));
        }
        if !self.headers_footers_replaced.is_empty() {
            changed.push(format!(
                "replaced {} headers/footers with the template's",
                self.headers_footers_replaced.len()
            ));
        }
        if !self.fonts_replaced.is_empty() {
            changed.push(format!(
                "replaced the fonts {}",
                self.fonts_replaced.join(", ")
            ));
        }
        let mut dropped = Vec::new();
        if self.comments_dropped > 0 {
            dropped.push(format!("{} comments", self.comments_dropped));
        }
        if self.toc_entries > 0 {
            dropped.push(format!(
                "a table of contents ({} lines; --toc writes a fresh one)",
                self.toc_entries
            ));
        }
        if !self.unsupported.is_empty() {
            dropped.push(format!(
                "{} objects it cannot carry (listed above)",
                self.unsupported.len()
            ));
        }
        if !changed.is_empty() {
            line.push_str("; ");
            line.push_str(&changed.join(", "));
        }
        if !dropped.is_empty() {
            line.push_str("; dropped ");
            line.push_str(&dropped.join(", "));
        }
        line.push_str(" (-v lists each, --report FILE writes them as JSON)");
        line
    }

    /// Every warning: the items, the details (`-v`) and the summary last.
    pub fn into_warnings(self) -> Vec<Warning> {
        let mut warnings = self.warnings.clone();
        for text in &self.headers_footers_replaced {
            warnings.push(Warning::general(
                WarningKind::Detail,
                format!("a Word header/footer was replaced by the template's: “{text}”"),
            ));
        }
        warnings.push(Warning::general(WarningKind::Input, self.summary()));
        warnings
    }
}
