//! The `outline` view (the reader's measured output) and the `check` of heading numbering.

use std::collections::HashMap;

use crate::model::{Document, Family, Placement, Section, SourceLine, Width, walk_sections};

/// Title lines at column 0, then each heading indented two spaces per level.
///
/// ```
/// use wengao::model::*;
/// let doc = Document {
///     meta: Meta { title: vec!["讲话".into()], ..Meta::default() },
///     sections: vec![Section {
///         heading: Heading { level: 1, marker: None, text: "一、要求".into(), placement: Placement::Standalone, line: None },
///         blocks: vec![], children: vec![],
///     }],
///     ..Document::default()
/// };
/// assert_eq!(wengao::outline::outline(&doc), "讲话\n  一、要求\n");
/// ```
///
/// An attachment (or a document issued inside a notice) is a document of its own: its title
/// lines at the title's level, its headings at their own levels under it.
pub fn outline(document: &Document) -> String {
    fn push_sections(out: &mut String, sections: &[Section]) {
        for section in sections {
            for _ in 0..section.heading.level {
                out.push_str("  ");
            }
            out.push_str(&section.heading.text);
            out.push('\n');
            push_sections(out, &section.children);
        }
    }
    let mut out = String::new();
    let push_title = |out: &mut String, lines: &[String]| {
        for line in lines {
            out.push_str(line);
            out.push('\n');
        }
    };
    push_title(&mut out, &document.meta.title);
    push_sections(&mut out, &document.sections);
    for attachment in &document.attachments {
        push_title(&mut out, &attachment.title);
        push_sections(&mut out, &attachment.sections);
    }
    out
}

/// One numbering problem found by `check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Input line of the heading, when the reader knows it.
    pub line: Option<SourceLine>,
    pub message: String,
}

/// Finds gaps, repeats, mixed widths, skipped levels and empty headings, each with the input
/// line of its heading.
pub fn check(document: &Document) -> Vec<Problem> {
    let mut problems = check_sections(&document.sections);
    // Each attachment numbers its headings afresh.
    for attachment in &document.attachments {
        problems.extend(check_sections(&attachment.sections));
    }
    problems.extend(crate::gongwen_check::check(document));
    problems.sort_by_key(|p| p.line);
    problems
}

/// The numbering problems of one body's sections.
fn check_sections(top: &[Section]) -> Vec<Problem> {
    let sections = walk_sections(top);
    let mut problems = Vec::new();

    // Numbering among siblings of one family: gaps and repeats.
    let mut sibling_groups: Vec<&[Section]> = vec![top];
    sibling_groups.extend(sections.iter().map(|(_, s)| s.children.as_slice()));
    for siblings in sibling_groups {
        let mut last: HashMap<Family, u32> = HashMap::new();
        for section in siblings {
            let Some(marker) = &section.heading.marker else {
                continue;
            };
            let line = section.heading.line;
            let previous = last.insert(marker.family, marker.ordinal);
            // "最后，" means "last", not "fourth": no gap after 其次.
            if marker.family == Family::Sequence && marker.text.starts_with("最后") {
                continue;
            }
            let text = &section.heading.text;
            match previous {
                Some(p) if marker.ordinal == p => problems.push(Problem {
                    line,
                    message: format!("repeated number {}: {text}", marker.text),
                }),
                Some(p) if marker.ordinal > p + 1 => problems.push(Problem {
                    line,
                    message: format!(
                        "gap in numbering: {} follows number {p} (expected {}): {text}",
                        marker.text,
                        p + 1
                    ),
                }),
                Some(p) if marker.ordinal < p => problems.push(Problem {
                    line,
                    message: format!(
                        "numbering goes back: {} after number {p}: {text}",
                        marker.text
                    ),
                }),
                _ => {}
            }
        }
    }

    // Widths: a family written both full- and half-width; the minority width is reported.
    let mut width_counts: HashMap<(Family, Width), usize> = HashMap::new();
    for (_, section) in &sections {
        if let Some(marker) = &section.heading.marker {
            *width_counts
                .entry((marker.family, marker.width))
                .or_default() += 1;
        }
    }
    for (_, section) in &sections {
        let Some(marker) = &section.heading.marker else {
            continue;
        };
        let (mine, other) = match marker.width {
            Width::Full => (Width::Full, Width::Half),
            Width::Half => (Width::Half, Width::Full),
            Width::Neutral => continue,
        };
        let count = |width| {
            width_counts
                .get(&(marker.family, width))
                .copied()
                .unwrap_or(0)
        };
        if count(other) > count(mine) || (count(other) == count(mine) && mine == Width::Half) {
            problems.push(Problem {
                line: section.heading.line,
                message: format!(
                    "{} mixes widths: most headings of this kind use {other:?}-width marks: {}",
                    marker.text, section.heading.text
                )
                .replace("Full-width", "full-width")
                .replace("Half-width", "half-width"),
            });
        }
    }

    // Skipped levels and headings with nothing under them.
    for (index, (path, section)) in sections.iter().enumerate() {
        let parent_level = if path.len() == 1 {
            0
        } else {
            let parent_index = index_of_parent(&sections, index);
            sections[parent_index].1.heading.level
        };
        let heading = &section.heading;
        if heading.level > parent_level + 1 {
            problems.push(Problem {
                line: section.heading.line,
                message: format!(
                    "level {} under level {parent_level}: a heading level is skipped (missing page or parent?): {}",
                    heading.level, heading.text
                ),
            });
        }
        let has_body = !section.blocks.is_empty()
            || !section.children.is_empty()
            || matches!(&heading.placement, Placement::RunIn { rest } if !rest.is_empty());
        if !has_body {
            problems.push(Problem {
                line: section.heading.line,
                message: format!("heading with no body: {}", heading.text),
            });
        }
    }
    problems
}

fn index_of_parent(sections: &[(Vec<usize>, &Section)], index: usize) -> usize {
    let parent_path = &sections[index].0[..sections[index].0.len() - 1];
    (0..index)
        .rev()
        .find(|&i| sections[i].0 == parent_path)
        .unwrap_or(0)
}
