//! The intermediate model: one document tree that every reader builds and every writer reads.
//!
//! Serialised as JSON (`wengao convert -t json`) it starts with `"wengao-model": 1`, the
//! version of this shape, which the JSON reader checks. Headings and paragraphs carry the
//! input line they were read from (`line`, 1-based; absent when unknown) so that warnings and
//! `check` name real lines; a line is where a piece came from, not part of what it says.

use serde::{Deserialize, Serialize};

/// The version of the model's JSON shape; bumped whenever a field changes meaning or a
/// reader of the previous version would misread the new one.
pub const MODEL_VERSION: u32 = 1;

/// An input line number (1-based).
pub type SourceLine = u32;

/// A whole speech or official document.
///
/// ```
/// use wengao::model::{Document, Meta};
/// let doc = Document { meta: Meta { title: vec!["在大会上的讲话".into()], ..Meta::default() }, ..Document::default() };
/// assert_eq!(doc.title(), "在大会上的讲话");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// [`MODEL_VERSION`], written as `"wengao-model"`.
    #[serde(rename = "wengao-model")]
    pub version: u32,
    pub meta: Meta,
    /// Paragraphs before the first heading (after the salutation).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub front: Vec<Block>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// Closing paragraphs after the last section ("同志们，让我们……", source notes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub back: Vec<Block>,
}

impl Default for Document {
    fn default() -> Self {
        Document {
            version: MODEL_VERSION,
            meta: Meta::default(),
            front: Vec::new(),
            sections: Vec::new(),
            back: Vec::new(),
        }
    }
}

/// The title block of a document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The issuing authority's header line of a 公文 ("X市人民政府办公室文件").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// The document number ("X政办发〔2024〕12号").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_number: Option<String>,
    /// Title lines as written (one or two; a letter-spaced title keeps its spaces).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub title: Vec<String>,
    /// Subtitle, speaker and date lines under the title, in the order they were written
    /// (a report may give its date before the speaker, a speech its speaker before the occasion).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<Detail>,
    /// "同志们：" — the address before the body (or a 公文's 主送机关 "各区县人民政府：").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salutation: Option<String>,
}

/// One line of the title block under the title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Detail {
    pub role: DetailRole,
    pub text: String,
}

/// What a title-block line under the title says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DetailRole {
    /// "——在……上的讲话" or a parenthesised occasion line.
    Subtitle,
    /// Post and name of the speaker ("国务院总理 李强").
    Speaker,
    /// "（2023年3月5日）".
    Date,
}

impl DetailRole {
    /// The role's name in templates, CSS classes and Markdown front matter.
    pub fn name(self) -> &'static str {
        match self {
            DetailRole::Subtitle => "subtitle",
            DetailRole::Speaker => "speaker",
            DetailRole::Date => "date",
        }
    }
}

impl Meta {
    /// The text of the title-block line with `role`, if there is one.
    pub fn detail(&self, role: DetailRole) -> Option<&str> {
        self.details
            .iter()
            .find(|detail| detail.role == role)
            .map(|detail| detail.text.as_str())
    }

    /// True when the title block has a line with `role`.
    pub fn has_detail(&self, role: DetailRole) -> bool {
        self.detail(role).is_some()
    }

    /// Appends a title-block line after those already read.
    pub fn push_detail(&mut self, role: DetailRole, text: impl Into<String>) {
        self.details.push(Detail {
            role,
            text: text.into(),
        });
    }

    /// The lines printed under the title, in reading order: the details, then the salutation.
    pub fn lines_under_title(&self) -> impl Iterator<Item = &str> {
        self.details
            .iter()
            .map(|detail| detail.text.as_str())
            .chain(self.salutation.as_deref())
    }
}

/// A heading with everything under it up to the next heading of its level or higher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub heading: Heading,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Section>,
}

/// A heading: its level, its marker, its text as written and how it is printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Heading {
    /// Outline level, 1 for the top headings. Always greater than the parent's level; usually
    /// parent + 1, but deeper when the parent is on a missing page (see spec/headings.md).
    pub level: u8,
    /// The numbering marker, `None` for an unnumbered heading line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<Marker>,
    /// The heading as written, marker included ("一要事无巨细抓具体。"); for a run-in heading
    /// the lead sentence only.
    pub text: String,
    pub placement: Placement,
    /// The input line the heading was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<SourceLine>,
}

/// Whether a heading stands on its own line or leads its paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Placement {
    /// A line of its own.
    Standalone,
    /// The first sentence of a paragraph; `rest` is the remainder of that paragraph, printed
    /// in the same paragraph right after the lead sentence.
    RunIn { rest: Vec<Inline> },
}

/// A numbering marker: family, ordinal and the characters it was written with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Marker {
    pub family: Family,
    /// 1 for 一、 （一） 1. 第一， 一要 ①.
    pub ordinal: u32,
    /// The marker as written, e.g. "（一）", "(1)", "第三,", "一要".
    pub text: String,
    pub width: Width,
}

/// Whether a marker was written with full-width (（一） １．) or half-width ((一) 1.) characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Width {
    Full,
    Half,
    /// The marker has no bracket, dot or comma whose width could differ (一要, 一是).
    Neutral,
}

/// Heading marker families, in their usual order of rank (highest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// An unnumbered heading line ("2023年工作回顾").
    Unnumbered,
    /// 第一部分, 第一章, 第一节.
    Part,
    /// 一、 二、 十一、
    HanComma,
    /// 第一， 第二， (also 其一，)
    Ordinal,
    /// 首先， 其次， 再次， 最后，
    Sequence,
    /// （一） (一)
    HanBracket,
    /// 1. 1． 1、
    ArabicDot,
    /// （1） (1)
    ArabicBracket,
    /// ① ②
    Circled,
    /// 一是 二是
    YiShi,
    /// 一要 二要
    YiYao,
    /// 一方面 另一方面
    YiFangMian,
}

impl Family {
    /// Rank used for nesting: lower is higher in the hierarchy. 一是/一要/一方面 share a rank.
    pub fn rank(self) -> u8 {
        match self {
            Family::Unnumbered => 0,
            Family::Part => 1,
            Family::HanComma => 2,
            Family::Ordinal | Family::Sequence => 3,
            Family::HanBracket => 4,
            Family::ArabicDot => 5,
            Family::ArabicBracket => 6,
            Family::Circled => 7,
            Family::YiShi | Family::YiYao | Family::YiFangMian => 8,
        }
    }
}

/// A block of body text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Block {
    Paragraph {
        inlines: Vec<Inline>,
        /// The input line the paragraph starts on.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        line: Option<SourceLine>,
    },
}

/// Text inside a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Inline {
    Text {
        text: String,
    },
    /// The marker of an inline enumeration item ("一是" in "……：一是…，二是…").
    ItemMarker {
        marker: Marker,
    },
}

impl Inline {
    /// Plain text run.
    pub fn text(text: impl Into<String>) -> Self {
        Inline::Text { text: text.into() }
    }

    /// The characters of this inline as printed.
    pub fn as_str(&self) -> &str {
        match self {
            Inline::Text { text } => text,
            Inline::ItemMarker { marker } => &marker.text,
        }
    }
}

/// The printed text of a run of inlines.
pub fn plain_text(inlines: &[Inline]) -> String {
    inlines.iter().map(Inline::as_str).collect()
}

impl Block {
    /// A paragraph read from input line `line`.
    pub fn paragraph(inlines: Vec<Inline>, line: Option<SourceLine>) -> Block {
        Block::Paragraph { inlines, line }
    }

    /// The inlines of the block.
    pub fn inlines(&self) -> &[Inline] {
        match self {
            Block::Paragraph { inlines, .. } => inlines,
        }
    }

    /// The input line the block starts on.
    pub fn line(&self) -> Option<SourceLine> {
        match self {
            Block::Paragraph { line, .. } => *line,
        }
    }

    /// The printed text of the block.
    pub fn plain_text(&self) -> String {
        plain_text(self.inlines())
    }
}

impl Document {
    /// The title lines joined, or "" when the document has no title.
    pub fn title(&self) -> String {
        self.meta.title.join("")
    }

    /// Every section in document order with its path of indices from the top (depth first).
    pub fn walk(&self) -> Vec<(Vec<usize>, &Section)> {
        fn visit<'a>(
            sections: &'a [Section],
            path: &mut Vec<usize>,
            out: &mut Vec<(Vec<usize>, &'a Section)>,
        ) {
            for (index, section) in sections.iter().enumerate() {
                path.push(index);
                out.push((path.clone(), section));
                visit(&section.children, path, out);
                path.pop();
            }
        }
        let mut out = Vec::new();
        visit(&self.sections, &mut Vec::new(), &mut out);
        out
    }

    /// The document with every source line forgotten: two documents read from different
    /// inputs (a text and the Markdown written from it) compare equal when they say the same.
    pub fn without_lines(mut self) -> Document {
        fn clear(sections: &mut [Section]) {
            for section in sections {
                section.heading.line = None;
                clear_blocks(&mut section.blocks);
                clear(&mut section.children);
            }
        }
        fn clear_blocks(blocks: &mut [Block]) {
            for block in blocks {
                match block {
                    Block::Paragraph { line, .. } => *line = None,
                }
            }
        }
        clear_blocks(&mut self.front);
        clear(&mut self.sections);
        clear_blocks(&mut self.back);
        self
    }

    /// Every character of the document's text in reading order: title block, front, headings
    /// and their bodies, back. Used to check that no writer loses or doubles text.
    pub fn reading_text(&self) -> String {
        let mut out = String::new();
        self.for_each_text(&mut |piece| out.push_str(piece));
        out
    }

    /// Hands the pieces of [`Document::reading_text`] to `visit` in order, without building
    /// the whole string.
    pub fn for_each_text(&self, visit: &mut dyn FnMut(&str)) {
        let meta = &self.meta;
        for field in [&meta.issuer, &meta.doc_number].into_iter().flatten() {
            visit(field);
        }
        for line in &meta.title {
            visit(line);
        }
        for line in meta.lines_under_title() {
            visit(line);
        }
        let inlines = |inlines: &[Inline], visit: &mut dyn FnMut(&str)| {
            for inline in inlines {
                visit(inline.as_str());
            }
        };
        for block in &self.front {
            inlines(block.inlines(), visit);
        }
        for (_, section) in self.walk() {
            visit(&section.heading.text);
            if let Placement::RunIn { rest } = &section.heading.placement {
                inlines(rest, visit);
            }
            for block in &section.blocks {
                inlines(block.inlines(), visit);
            }
        }
        for block in &self.back {
            inlines(block.inlines(), visit);
        }
    }
}

/// True for characters of the CJK Unified Ideographs blocks (including extensions), the
/// characters that "nothing is lost" checks compare.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x30000..=0x323AF)
}
