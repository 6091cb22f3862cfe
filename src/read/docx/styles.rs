//! The document's paragraph styles (`styles.xml`): which are headings and at what level,
//! which are the title, a table of contents or numbered, following `w:basedOn`.

use std::collections::HashMap;

use roxmltree::Node;

use super::xml::{attr, child, is, val};

/// What a paragraph style says of its paragraphs.
#[derive(Debug, Clone, Default)]
struct StyleDef {
    name: String,
    based_on: Option<String>,
    /// `w:outlineLvl` (0 is a top heading, 9 body text).
    outline_level: Option<u8>,
    /// Numbering through the style: (numId, ilvl).
    numbering: Option<(String, usize)>,
}

/// What a paragraph's style makes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StyleRole {
    Body,
    Title,
    /// A heading of this level (1 is the top).
    Heading(u8),
    /// An entry or the title of a table of contents.
    Contents,
}

/// The paragraph styles by id.
#[derive(Debug, Default)]
pub struct Styles {
    styles: HashMap<String, StyleDef>,
    default_paragraph: Option<String>,
}

impl Styles {
    /// Reads `styles.xml`'s root.
    pub fn parse(root: Node) -> Styles {
        let mut styles = Styles::default();
        for node in root.children().filter(|n| is(*n, "style")) {
            if attr(node, "type").is_some_and(|t| t != "paragraph") {
                continue;
            }
            let Some(id) = attr(node, "styleId") else {
                continue;
            };
            let ppr = child(node, "pPr");
            let numbering = ppr.and_then(|p| child(p, "numPr")).and_then(|num| {
                let id = child(num, "numId").and_then(val)?;
                let level = child(num, "ilvl")
                    .and_then(val)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                Some((id.to_string(), level))
            });
            let def = StyleDef {
                name: child(node, "name").and_then(val).unwrap_or(id).to_string(),
                based_on: child(node, "basedOn").and_then(val).map(str::to_string),
                outline_level: ppr
                    .and_then(|p| child(p, "outlineLvl"))
                    .and_then(val)
                    .and_then(|v| v.parse().ok()),
                numbering,
            };
            if attr(node, "default").is_some_and(|d| d == "1" || d == "true") {
                styles.default_paragraph = Some(id.to_string());
            }
            styles.styles.insert(id.to_string(), def);
        }
        styles
    }

    /// The style and those it is based on, nearest first (at most 20: a loop ends there).
    fn chain(&self, id: Option<&str>) -> Vec<&StyleDef> {
        let mut chain = Vec::new();
        let mut current = id.or(self.default_paragraph.as_deref());
        while let Some(id) = current {
            let Some(def) = self.styles.get(id) else {
                break;
            };
            chain.push(def);
            if chain.len() >= 20 {
                break;
            }
            current = def.based_on.as_deref();
        }
        chain
    }

    /// The role of a paragraph of style `id`: by name first (a "Title", a "heading 2", a
    /// "标题 3", a "toc 1"), then by outline level, up the `basedOn` chain.
    pub fn role(&self, id: Option<&str>) -> StyleRole {
        for def in self.chain(id) {
            if let Some(role) = role_by_name(&def.name) {
                // Chinese Word's Title has outline level 0 but stays the title.
                return role;
            }
            match def.outline_level {
                Some(level @ 0..=8) => return StyleRole::Heading(level + 1),
                Some(_) => return StyleRole::Body,
                None => {}
            }
        }
        StyleRole::Body
    }

    /// The numbering a style gives its paragraphs: (numId, ilvl).
    pub fn numbering(&self, id: Option<&str>) -> Option<(String, usize)> {
        self.chain(id)
            .into_iter()
            .find_map(|def| def.numbering.clone())
    }
}

/// A role a style's name says ("heading 1", "Heading 1", "标题 1", "Title", "toc 2").
fn role_by_name(name: &str) -> Option<StyleRole> {
    let lower = name.trim().to_lowercase();
    let numbered = |prefix: &str| -> Option<u8> {
        let rest = lower.strip_prefix(prefix)?.trim();
        let level: u8 = rest.parse().ok()?;
        (1..=9).contains(&level).then_some(level)
    };
    if let Some(level) = numbered("heading").or_else(|| numbered("标题")) {
        return Some(StyleRole::Heading(level));
    }
    if numbered("toc").is_some()
        || lower == "toc heading"
        || lower == "目录标题"
        || lower.starts_with("目录 ")
    {
        return Some(StyleRole::Contents);
    }
    // "公文标题": 公文 templates name their styles after the elements of GB/T 9704.
    if lower == "title" || lower == "标题" || lower == "公文标题" {
        return Some(StyleRole::Title);
    }
    // Title-block styles (pandoc's, often based on a heading style) are not headings: the
    // text reader decides what their lines are.
    if matches!(
        lower.as_str(),
        "subtitle" | "副标题" | "author" | "作者" | "date" | "日期" | "abstract" | "摘要"
    ) {
        return Some(StyleRole::Body);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{StyleRole, role_by_name};

    #[test]
    fn style_names_in_english_and_chinese() {
        assert_eq!(role_by_name("heading 2"), Some(StyleRole::Heading(2)));
        assert_eq!(role_by_name("标题 4"), Some(StyleRole::Heading(4)));
        assert_eq!(role_by_name("Title"), Some(StyleRole::Title));
        assert_eq!(role_by_name("公文标题"), Some(StyleRole::Title));
        assert_eq!(role_by_name("toc 1"), Some(StyleRole::Contents));
        assert_eq!(role_by_name("Normal (Web)"), None);
        assert_eq!(role_by_name("heading 12"), None);
    }
}
