//! The package parts wengao writes itself: settings.xml, core.xml and the TOC field
//! (styles.xml is [`super::styles`]).

use std::fmt::Write as _;

use super::styles::ParagraphStyle;
use crate::model::{DetailRole, Document};

/// The WordprocessingML main namespace.
pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Fixed creation and modification date: output must not depend on the clock.
pub const FIXED_DATE: &str = "2000-01-01T00:00:00Z";

/// Escapes text for XML and drops characters XML 1.0 cannot carry.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Drops characters XML 1.0 cannot carry (for text handed to docx-rs, which escapes).
pub fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|&c| !((c as u32) < 0x20 && c != '\t') && c != '\u{FFFE}' && c != '\u{FFFF}')
        .collect()
}

/// The deepest heading level that gets a style: at least 4, at most Word's 9.
pub fn heading_levels(document: &Document) -> u8 {
    // An attachment's headings sit one level deeper in the outline than their style.
    let deepest = document
        .outline()
        .iter()
        .map(|item| item.level)
        .max()
        .unwrap_or(0);
    deepest.clamp(4, 9)
}

/// Whether Word should update the document's fields when it opens the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldUpdate {
    /// Nothing to update (page numbers update themselves).
    Never,
    /// Update on open: a table of contents needs its page numbers filled in.
    OnOpen,
}

/// settings.xml: odd and even footers, Chinese typography settings, field updates for a TOC.
pub fn settings_xml(field_update: FieldUpdate) -> String {
    let update = match field_update {
        FieldUpdate::OnOpen => "<w:updateFields w:val=\"true\"/>",
        FieldUpdate::Never => "",
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings xmlns:w=\"{W_NS}\">\
         <w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/>\
         <w:evenAndOddHeaders/><w:characterSpacingControl w:val=\"doNotCompress\"/>{update}\
         <w:compat><w:compatSetting w:name=\"compatibilityMode\" \
         w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
         <w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>\
         <w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/></w:settings>"
    )
}

/// docProps/core.xml: title, subject (the subtitle), language and fixed dates.
pub fn core_xml(document: &Document) -> String {
    let subject = document
        .meta
        .detail(DetailRole::Subtitle)
        .map(|s| s.trim_start_matches(['—', '─', '-', ' ']).trim())
        .filter(|s| !s.is_empty())
        .map(|s| format!("<dc:subject>{}</dc:subject>", escape(s)))
        .unwrap_or_default();
    let creator = document
        .meta
        .detail(DetailRole::Speaker)
        .map(|s| format!("<dc:creator>{}</dc:creator>", escape(s.trim())))
        .unwrap_or_default();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title>{subject}{creator}<dc:language>zh-CN</dc:language>\
         <cp:revision>1</cp:revision>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">{FIXED_DATE}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{FIXED_DATE}</dcterms:modified>\
         </cp:coreProperties>",
        escape(&document.title())
    )
}

/// A table of contents built as a real field: the "目录" line, then a `TOC` field whose cached
/// result lists the headings (Word rebuilds it with page numbers when it opens the file). Its
/// last paragraph carries `spacing_after` (a `w:spacing` element, or "").
pub fn toc_xml(document: &Document, heading_levels: u8, spacing_after: &str) -> String {
    let outline = document.outline();
    let entries: Vec<(u8, &str)> = outline
        .iter()
        .map(|item| (item.level.min(heading_levels), item.text.as_ref()))
        .filter(|(level, _)| *level <= 4)
        .collect();
    let mut out = String::new();
    let _ = write!(
        out,
        "<w:p><w:pPr><w:pStyle w:val=\"{}\"/></w:pPr><w:r><w:t>目　录</w:t></w:r></w:p>",
        ParagraphStyle::TocHeading.id()
    );
    let begin = "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r>\
                 <w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-4\" \\h \\z \\u </w:instrText></w:r>\
                 <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>";
    let end = "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
    if entries.is_empty() {
        let _ = write!(
            out,
            "<w:p><w:pPr><w:pStyle w:val=\"{}\"/>{spacing_after}</w:pPr>{begin}{end}</w:p>",
            ParagraphStyle::Toc(1).id()
        );
        return out;
    }
    let last = entries.len() - 1;
    for (index, (level, text)) in entries.iter().enumerate() {
        let _ = write!(
            out,
            "<w:p><w:pPr><w:pStyle w:val=\"{}\"/>{}</w:pPr>{}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>{}</w:p>",
            ParagraphStyle::Toc(*level).id(),
            if index == last { spacing_after } else { "" },
            if index == 0 { begin } else { "" },
            escape(text),
            if index == last { end } else { "" },
        );
    }
    out
}
