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
    /// A 公文's closing after its body: 附件说明, 署名, 成文日期, 附注.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<Closing>,
    /// A 公文's attachments, or the document a 印发 notice issues, each a small document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    /// A 公文's record block (版记): 抄送, 印发机关 and 印发日期.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<Record>,
    /// Footnotes and endnotes, referenced from the text by [`Inline::NoteRef`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

impl Default for Document {
    fn default() -> Self {
        Document {
            version: MODEL_VERSION,
            meta: Meta::default(),
            front: Vec::new(),
            sections: Vec::new(),
            back: Vec::new(),
            closing: None,
            attachments: Vec::new(),
            record: None,
            notes: Vec::new(),
        }
    }
}

/// One element of a 公文 (a document number, a date, an issuer's name): its text as written,
/// without the label GB/T 9704 prints before it ("抄送：", "签发人："), and its input line.
///
/// ```
/// let number = wengao::model::Element::new("X政办发〔2024〕12号");
/// assert_eq!(number.text, "X政办发〔2024〕12号");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Element {
    pub text: String,
    /// The input line it was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<SourceLine>,
}

impl Element {
    /// An element not tied to an input line.
    pub fn new(text: impl Into<String>) -> Self {
        Element {
            text: text.into(),
            line: None,
        }
    }

    /// An element read from input line `line`.
    pub fn at(text: impl Into<String>, line: Option<SourceLine>) -> Self {
        Element {
            text: text.into(),
            line,
        }
    }
}

/// Which layout of GB/T 9704 a 公文 takes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    /// 文件格式: the issuer mark (usually with 文件) and the document number centred under it.
    #[default]
    File,
    /// A document to a superior (请示, 报告) with 签发人: the number flush left, the signers
    /// right, on one line.
    Upward,
    /// 信函格式 (函): the issuer without 文件 between red double rules, the number flush right.
    Letter,
}

/// The 版头 of a 公文: everything above the red rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub kind: DocKind,
    /// 份号, six digits ("000128").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_number: Option<Element>,
    /// 密级和保密期限 ("机密★1年").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrecy: Option<Element>,
    /// 紧急程度 ("特急").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<Element>,
    /// 发文机关标志, its lines as written ("X省人民政府办公厅文件"; a joint issue's names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mark: Vec<Element>,
    /// 发文字号 ("X政办发〔2025〕7号").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_number: Option<Element>,
    /// 签发人 names (without "签发人：").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signers: Vec<Element>,
}

/// One name of the 附件说明 ("附件：1.X清单").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentNote {
    /// The number written before the name (1 for "1."), `None` for a single unnumbered one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// The name, a wrapped name joined, without the number.
    pub name: Element,
}

/// A 公文's closing: the attachment notes, the signature, the date and the annotation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Closing {
    /// 附件说明.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachment_notes: Vec<AttachmentNote>,
    /// 发文机关署名: the issuers' names (several for a joint issue).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatures: Vec<Element>,
    /// 成文日期, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Element>,
    /// 附注, with its parentheses ("（此件公开发布）").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotation: Option<Element>,
    /// Whether the document bears a seal: the signature then stands centred over the date
    /// with room for the seal (GB/T 9704 7.3.5.1); unsealed, it stands right (7.3.5.2).
    #[serde(default = "sealed_by_default", skip_serializing_if = "is_sealed")]
    pub sealed: bool,
}

fn sealed_by_default() -> bool {
    true
}

fn is_sealed(sealed: &bool) -> bool {
    *sealed
}

/// One attachment (附件), or the document a 印发 notice issues: a small document of its own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// "附件1", "附件"; `None` for an issued document printed after its notice unlabelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Element>,
    /// The attachment's title lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub title: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub front: Vec<Block>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
}

/// A 公文's record block (版记).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// 抄送机关, without "抄送：" (a wrapped list joined).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cc: Option<Element>,
    /// 印发机关.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printer: Option<Element>,
    /// 印发日期, without "印发".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub print_date: Option<Element>,
}

/// The title block of a document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// A 公文's 版头 (issuer mark, document number …), `None` for a speech.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<Header>,
    /// Title lines as written (up to three; a letter-spaced title keeps its spaces).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub title: Vec<String>,
    /// Subtitle, speaker and date lines under the title, in the order they were written
    /// (a report may give its date before the speaker, a speech its speaker before the occasion).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<Detail>,
    /// "同志们：" — a speech's address before the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salutation: Option<String>,
    /// A 公文's 主送机关, its lines as written ("各区县人民政府，市政府各部门："), colon included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addressee: Vec<Element>,
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

/// One line of the outline ([`Document::outline`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineItem<'a> {
    /// 1 for the top headings and attachment titles.
    pub level: u8,
    pub text: std::borrow::Cow<'a, str>,
    /// The heading, `None` for an attachment's title.
    pub heading: Option<&'a Heading>,
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
    /// 第一部分, 第一篇.
    Part,
    /// 第一章.
    Chapter,
    /// 第一节 (a chapter's sections).
    Section,
    /// 一、 二、 十一、
    HanComma,
    /// "一 关于形势和任务", "二　标题", a bare "三": a numeral and white space (or nothing).
    /// Where a text uses both, these label the larger parts and 一、 the sections in them.
    HanSpace,
    /// 第一， 第二， (also 其一，, 第一点，, 第一个，, 第一种，)
    Ordinal,
    /// "第一　彻底消灭日本侵略者": 第 + numeral + white space, a titled point.
    OrdinalSpace,
    /// 首先， 其次， 再次， 最后，
    Sequence,
    /// （一） (一)
    HanBracket,
    /// "任务1：", "专题二：", "课题1 …": a short label, a number and a colon or white space,
    /// the label recurring.
    Labelled,
    /// "子课题1.2 …": a label and a dotted number, under the labelled family.
    LabelledSub,
    /// 1. 1． 1、
    ArabicDot,
    /// （1） (1)
    ArabicBracket,
    /// （a） (a): a lowercase Latin letter in brackets, under （1）.
    LetterBracket,
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
            Family::Chapter => 2,
            Family::Section => 3,
            Family::HanSpace => 4,
            Family::HanComma | Family::OrdinalSpace => 5,
            Family::Ordinal | Family::Sequence => 6,
            Family::HanBracket => 7,
            Family::Labelled => 8,
            Family::LabelledSub => 9,
            Family::ArabicDot => 10,
            Family::ArabicBracket => 11,
            Family::LetterBracket => 12,
            Family::Circled => 13,
            Family::YiShi | Family::YiYao | Family::YiFangMian => 14,
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
    Table(Table),
    Image(Image),
}

/// A table: rows of cells, a cell spanning columns or rows as in HTML (a cell a row span
/// covers is left out of the rows below it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub rows: Vec<TableRow>,
    /// Rows at the top printed again on every page the table runs onto.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub header_rows: u32,
    /// The columns' widths as the source gave them, in twentieths of a point; empty when
    /// unknown (the columns then share the width).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub column_widths: Vec<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<SourceLine>,
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableRow {
    pub cells: Vec<TableCell>,
}

/// One cell: its paragraphs and how many columns and rows it spans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableCell {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<Vec<Inline>>,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub col_span: u32,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub row_span: u32,
}

impl TableCell {
    /// A cell of one column and one row.
    pub fn new(paragraphs: Vec<Vec<Inline>>) -> Self {
        TableCell {
            paragraphs,
            col_span: 1,
            row_span: 1,
        }
    }
}

impl Table {
    /// How many grid columns the table has: the widest row, spans counted, rows spanning
    /// down from above included.
    pub fn column_count(&self) -> usize {
        self.grid().iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The table as a grid: for each row, each grid column's cell as (row, cell index) of
    /// the cell that covers it (a spanning cell covers several slots).
    pub fn grid(&self) -> Vec<Vec<(usize, usize)>> {
        let mut grid: Vec<Vec<Option<(usize, usize)>>> = vec![Vec::new(); self.rows.len()];
        for (r, row) in self.rows.iter().enumerate() {
            let mut column = 0;
            for (c, cell) in row.cells.iter().enumerate() {
                while grid[r].get(column).is_some_and(Option::is_some) {
                    column += 1;
                }
                let rows = (cell.row_span.max(1) as usize).min(self.rows.len() - r);
                for covered in grid.iter_mut().skip(r).take(rows) {
                    for slot in column..column + cell.col_span.max(1) as usize {
                        if covered.len() <= slot {
                            covered.resize(slot + 1, None);
                        }
                        covered[slot] = Some((r, c));
                    }
                }
                column += cell.col_span.max(1) as usize;
            }
        }
        grid.into_iter()
            .map(|row| row.into_iter().flatten().collect())
            .collect()
    }
}

/// A picture: its bytes as the source held them, its kind and its printed size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// The file's bytes (base64 in JSON).
    #[serde(with = "base64_bytes")]
    pub data: Vec<u8>,
    pub format: ImageFormat,
    /// Printed width and height in EMU (English Metric Units: 914 400 an inch, 36 000 a mm).
    pub width_emu: u64,
    pub height_emu: u64,
    /// The picture's description (alt text), or "".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub alt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<SourceLine>,
}

/// The kinds of picture wengao reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImageFormat {
    Png,
    Jpeg,
    Gif,
    Bmp,
    /// Windows metafiles: kept as they are in DOCX, a placeholder elsewhere.
    Emf,
    Wmf,
}

impl ImageFormat {
    /// The kind of picture `bytes` hold, by their signature.
    pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
        match bytes {
            [0x89, b'P', b'N', b'G', ..] => Some(ImageFormat::Png),
            [0xFF, 0xD8, 0xFF, ..] => Some(ImageFormat::Jpeg),
            [b'G', b'I', b'F', b'8', ..] => Some(ImageFormat::Gif),
            [b'B', b'M', ..] => Some(ImageFormat::Bmp),
            [0x01, 0, 0, 0, ..] if bytes.get(40..44) == Some(b" EMF") => Some(ImageFormat::Emf),
            [0xD7, 0xCD, 0xC6, 0x9A, ..] | [0x01, 0x00, 0x09, 0x00, ..] => Some(ImageFormat::Wmf),
            _ => None,
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpeg",
            ImageFormat::Gif => "gif",
            ImageFormat::Bmp => "bmp",
            ImageFormat::Emf => "emf",
            ImageFormat::Wmf => "wmf",
        }
    }

    /// The MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Gif => "image/gif",
            ImageFormat::Bmp => "image/bmp",
            ImageFormat::Emf => "image/x-emf",
            ImageFormat::Wmf => "image/x-wmf",
        }
    }

    /// Whether browsers and PDF viewers show it (a raster image), as opposed to a metafile.
    pub fn is_raster(self) -> bool {
        !matches!(self, ImageFormat::Emf | ImageFormat::Wmf)
    }
}

/// EMU in a millimetre.
pub const EMU_PER_MM: u64 = 36_000;

/// A footnote or an endnote: its number (as referenced by [`Inline::NoteRef`]) and text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub id: u32,
    pub kind: NoteKind,
    pub paragraphs: Vec<Vec<Inline>>,
}

/// Where Word printed a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    Footnote,
    Endnote,
}

fn one() -> u32 {
    1
}

fn is_one(value: &u32) -> bool {
    *value == 1
}

fn is_zero(value: &u32) -> bool {
    *value == 0
}

/// Bytes as a base64 string in JSON.
mod base64_bytes {
    use base64::Engine as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .map_err(serde::de::Error::custom)
    }
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
    /// A reference to the note [`Note::id`] (its mark is printed by the writers, not text).
    NoteRef {
        id: u32,
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
            Inline::NoteRef { .. } => "",
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

    /// The inlines of a paragraph; none for a table or a picture.
    pub fn inlines(&self) -> &[Inline] {
        match self {
            Block::Paragraph { inlines, .. } => inlines,
            Block::Table(_) | Block::Image(_) => &[],
        }
    }

    /// The input line the block starts on.
    pub fn line(&self) -> Option<SourceLine> {
        match self {
            Block::Paragraph { line, .. } => *line,
            Block::Table(table) => table.line,
            Block::Image(image) => image.line,
        }
    }

    /// The printed text of the block (a table's cells in reading order).
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        self.for_each_text(&mut |piece| out.push_str(piece));
        out
    }

    /// The block's text in reading order: a paragraph's inlines, a table's cells row by row.
    pub fn for_each_text(&self, visit: &mut dyn FnMut(&str)) {
        match self {
            Block::Paragraph { inlines, .. } => {
                for inline in inlines {
                    visit(inline.as_str());
                }
            }
            Block::Table(table) => {
                for cell in table.rows.iter().flat_map(|row| &row.cells) {
                    for paragraph in &cell.paragraphs {
                        for inline in paragraph {
                            visit(inline.as_str());
                        }
                    }
                }
            }
            // A picture's description is not printed text.
            Block::Image(_) => {}
        }
    }
}

impl Document {
    /// The title lines joined, or "" when the document has no title.
    pub fn title(&self) -> String {
        self.meta.title.join("")
    }

    /// Every block in reading order: the front, the sections, the back, then each
    /// attachment's (the order the flow lays them out in).
    pub fn for_each_block<'a>(&'a self, visit: &mut dyn FnMut(&'a Block)) {
        fn sections<'a>(list: &'a [Section], visit: &mut dyn FnMut(&'a Block)) {
            for section in list {
                section.blocks.iter().for_each(&mut *visit);
                sections(&section.children, visit);
            }
        }
        self.front.iter().for_each(&mut *visit);
        sections(&self.sections, visit);
        self.back.iter().for_each(&mut *visit);
        for attachment in &self.attachments {
            attachment.front.iter().for_each(&mut *visit);
            sections(&attachment.sections, visit);
        }
    }

    /// The printed number of note `id`: its place in [`Document::notes`], from 1 (0 for an
    /// id no note has).
    pub fn note_number(&self, id: u32) -> usize {
        self.notes
            .iter()
            .position(|note| note.id == id)
            .map_or(0, |at| at + 1)
    }

    /// The pictures in reading order.
    pub fn images(&self) -> Vec<&Image> {
        let mut images = Vec::new();
        self.for_each_block(&mut |block| {
            if let Block::Image(image) = block {
                images.push(image);
            }
        });
        images
    }

    /// Every section in document order with its path of indices from the top (depth first).
    pub fn walk(&self) -> Vec<(Vec<usize>, &Section)> {
        walk_sections(&self.sections)
    }

    /// The outline: every heading with its level, then each attachment's title at level 1 with
    /// its headings one level deeper (an attachment is a document inside the document).
    ///
    /// ```
    /// use wengao::model::*;
    /// let heading = |text: &str| Section {
    ///     heading: Heading { level: 1, marker: None, text: text.into(), placement: Placement::Standalone, line: None },
    ///     blocks: vec![], children: vec![],
    /// };
    /// let doc = Document {
    ///     sections: vec![heading("一、要求")],
    ///     attachments: vec![Attachment { title: vec!["评选标准".into()], sections: vec![heading("一、条件")], ..Attachment::default() }],
    ///     ..Document::default()
    /// };
    /// let outline: Vec<(u8, String)> = doc.outline().into_iter().map(|i| (i.level, i.text.into_owned())).collect();
    /// assert_eq!(outline, vec![(1, "一、要求".into()), (1, "评选标准".into()), (2, "一、条件".into())]);
    /// ```
    pub fn outline(&self) -> Vec<OutlineItem<'_>> {
        fn visit<'a>(sections: &'a [Section], shift: u8, out: &mut Vec<OutlineItem<'a>>) {
            for section in sections {
                out.push(OutlineItem {
                    level: section.heading.level.saturating_add(shift),
                    text: std::borrow::Cow::Borrowed(&section.heading.text),
                    heading: Some(&section.heading),
                });
                visit(&section.children, shift, out);
            }
        }
        let mut out = Vec::new();
        visit(&self.sections, 0, &mut out);
        for attachment in &self.attachments {
            if !attachment.title.is_empty() {
                out.push(OutlineItem {
                    level: 1,
                    text: std::borrow::Cow::Owned(attachment.title.concat()),
                    heading: None,
                });
            }
            let shift = u8::from(!attachment.title.is_empty());
            visit(&attachment.sections, shift, &mut out);
        }
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
                    Block::Table(table) => table.line = None,
                    Block::Image(image) => image.line = None,
                }
            }
        }
        fn clear_element(element: &mut Element) {
            element.line = None;
        }
        clear_blocks(&mut self.front);
        clear(&mut self.sections);
        clear_blocks(&mut self.back);
        if let Some(header) = &mut self.meta.header {
            for element in [
                &mut header.copy_number,
                &mut header.secrecy,
                &mut header.urgency,
                &mut header.doc_number,
            ]
            .into_iter()
            .flatten()
            {
                clear_element(element);
            }
            header.mark.iter_mut().for_each(clear_element);
            header.signers.iter_mut().for_each(clear_element);
        }
        self.meta.addressee.iter_mut().for_each(clear_element);
        if let Some(closing) = &mut self.closing {
            for note in &mut closing.attachment_notes {
                clear_element(&mut note.name);
            }
            closing.signatures.iter_mut().for_each(clear_element);
            for element in [&mut closing.date, &mut closing.annotation]
                .into_iter()
                .flatten()
            {
                clear_element(element);
            }
        }
        for attachment in &mut self.attachments {
            if let Some(label) = &mut attachment.label {
                clear_element(label);
            }
            clear_blocks(&mut attachment.front);
            clear(&mut attachment.sections);
        }
        if let Some(record) = &mut self.record {
            for element in [&mut record.cc, &mut record.printer, &mut record.print_date]
                .into_iter()
                .flatten()
            {
                clear_element(element);
            }
        }
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
    /// The printed labels of the 公文 elements are part of the text: "签发人：", "附件：" and the
    /// attachment numbers, "抄送：", "印发".
    pub fn for_each_text(&self, visit: &mut dyn FnMut(&str)) {
        let meta = &self.meta;
        if let Some(header) = &meta.header {
            header.for_each_text(visit);
        }
        for line in &meta.title {
            visit(line);
        }
        for line in meta.lines_under_title() {
            visit(line);
        }
        for element in &meta.addressee {
            visit(&element.text);
        }
        visit_blocks(&self.front, visit);
        visit_sections(&self.sections, visit);
        visit_blocks(&self.back, visit);
        if let Some(closing) = &self.closing {
            closing.for_each_text(visit);
        }
        for attachment in &self.attachments {
            if let Some(label) = &attachment.label {
                visit(&label.text);
            }
            for line in &attachment.title {
                visit(line);
            }
            visit_blocks(&attachment.front, visit);
            visit_sections(&attachment.sections, visit);
        }
        // Notes print after the text they annotate, before the 版记 that closes the document.
        for note in &self.notes {
            for inline in note.paragraphs.iter().flatten() {
                visit(inline.as_str());
            }
        }
        if let Some(record) = &self.record {
            record.for_each_text(visit);
        }
    }
}

fn visit_blocks(blocks: &[Block], visit: &mut dyn FnMut(&str)) {
    for block in blocks {
        block.for_each_text(visit);
    }
}

fn visit_sections(sections: &[Section], visit: &mut dyn FnMut(&str)) {
    for section in sections {
        visit(&section.heading.text);
        if let Placement::RunIn { rest } = &section.heading.placement {
            for inline in rest {
                visit(inline.as_str());
            }
        }
        visit_blocks(&section.blocks, visit);
        visit_sections(&section.children, visit);
    }
}

/// The label GB/T 9704 prints before the signers' names.
pub const SIGNER_LABEL: &str = "签发人：";
/// The label before the 附件说明.
pub const ATTACHMENT_NOTE_LABEL: &str = "附件：";
/// The label before the 抄送机关.
pub const CC_LABEL: &str = "抄送：";
/// The word after the 印发日期.
pub const PRINTED_WORD: &str = "印发";

impl Header {
    /// The header's text in reading order, labels included.
    pub fn for_each_text(&self, visit: &mut dyn FnMut(&str)) {
        for element in [&self.copy_number, &self.secrecy, &self.urgency]
            .into_iter()
            .flatten()
        {
            visit(&element.text);
        }
        for element in &self.mark {
            visit(&element.text);
        }
        if let Some(number) = &self.doc_number {
            visit(&number.text);
        }
        if !self.signers.is_empty() {
            visit(SIGNER_LABEL);
            for signer in &self.signers {
                visit(&signer.text);
            }
        }
    }

    /// The header as plain-text paragraphs in reading order: 份号, 密级, 紧急程度, the
    /// issuer's mark, then the 发文字号 and the 签发人 on one line.
    pub fn printed_lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = [&self.copy_number, &self.secrecy, &self.urgency]
            .into_iter()
            .flatten()
            .chain(&self.mark)
            .map(|element| element.text.clone())
            .collect();
        let signers: Vec<&str> = self.signers.iter().map(|s| s.text.as_str()).collect();
        let signers =
            (!signers.is_empty()).then(|| format!("{SIGNER_LABEL}{}", signers.join("　")));
        match (&self.doc_number, signers) {
            (Some(number), Some(signers)) => lines.push(format!("{}　　{signers}", number.text)),
            (Some(number), None) => lines.push(number.text.clone()),
            (None, Some(signers)) => lines.push(signers),
            (None, None) => {}
        }
        lines
    }
}

/// The lines of the title block and the 公文 elements as they print, by where they print: the
/// text writer's paragraphs, and what the Markdown shows again in its body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrintedElements {
    /// The 版头 before the title.
    pub header: Vec<String>,
    /// Under the title: subtitle, speaker, date, salutation, then the 主送机关.
    pub under_title: Vec<String>,
    /// After the body: 附件说明, 署名, 成文日期, 附注.
    pub closing: Vec<String>,
    /// The 版记, last.
    pub record: Vec<String>,
}

impl PrintedElements {
    pub fn of(document: &Document) -> PrintedElements {
        Self::from_parts(
            &document.meta,
            document.closing.as_ref(),
            document.record.as_ref(),
        )
    }

    pub fn from_parts(
        meta: &Meta,
        closing: Option<&Closing>,
        record: Option<&Record>,
    ) -> PrintedElements {
        PrintedElements {
            header: meta
                .header
                .as_ref()
                .map(Header::printed_lines)
                .unwrap_or_default(),
            under_title: meta
                .lines_under_title()
                .map(str::to_string)
                .chain(meta.addressee.iter().map(|element| element.text.clone()))
                .collect(),
            closing: closing.map(Closing::printed_lines).unwrap_or_default(),
            record: record.map(Record::printed_lines).unwrap_or_default(),
        }
    }
}

impl AttachmentNote {
    /// The note as printed: "1.名称", or the name alone.
    pub fn printed(&self) -> String {
        match self.number {
            Some(number) => format!("{number}.{}", self.name.text),
            None => self.name.text.clone(),
        }
    }
}

impl Closing {
    /// The closing's text in reading order, labels included.
    pub fn for_each_text(&self, visit: &mut dyn FnMut(&str)) {
        if !self.attachment_notes.is_empty() {
            visit(ATTACHMENT_NOTE_LABEL);
            for note in &self.attachment_notes {
                visit(&note.printed());
            }
        }
        for element in self
            .signatures
            .iter()
            .chain(&self.date)
            .chain(&self.annotation)
        {
            visit(&element.text);
        }
    }

    /// The closing as plain-text paragraphs in reading order: the 附件说明 (its label before
    /// the first), the signatures, the date and the 附注.
    pub fn printed_lines(&self) -> Vec<String> {
        let notes = self
            .attachment_notes
            .iter()
            .enumerate()
            .map(|(index, note)| {
                let label = if index == 0 {
                    ATTACHMENT_NOTE_LABEL
                } else {
                    ""
                };
                format!("{label}{}", note.printed())
            });
        let elements = self
            .signatures
            .iter()
            .chain(&self.date)
            .chain(&self.annotation)
            .map(|element| element.text.clone());
        notes.chain(elements).collect()
    }
}

impl Record {
    /// The record as plain-text paragraphs: "抄送：…", then the printer and "…印发".
    pub fn printed_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(cc) = &self.cc {
            lines.push(format!("{CC_LABEL}{}", cc.text));
        }
        let printer = self.printer.as_ref().map_or("", |p| p.text.as_str());
        if let Some(date) = &self.print_date {
            lines.push(format!("{printer}　　{}{PRINTED_WORD}", date.text));
        } else if !printer.is_empty() {
            lines.push(printer.to_string());
        }
        lines
    }

    /// The record block's text in reading order, labels included.
    pub fn for_each_text(&self, visit: &mut dyn FnMut(&str)) {
        if let Some(cc) = &self.cc {
            visit(CC_LABEL);
            visit(&cc.text);
        }
        if let Some(printer) = &self.printer {
            visit(&printer.text);
        }
        if let Some(date) = &self.print_date {
            visit(&date.text);
            visit(PRINTED_WORD);
        }
    }
}

/// True for characters of the CJK Unified Ideographs blocks (including extensions), the
/// characters that "nothing is lost" checks compare.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x30000..=0x323AF)
}

/// Every section of `sections` and below in reading order, with its path of indices.
pub fn walk_sections(sections: &[Section]) -> Vec<(Vec<usize>, &Section)> {
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
    visit(sections, &mut Vec::new(), &mut out);
    out
}
