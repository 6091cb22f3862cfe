//! The Word reader: a .docx (or, through LibreOffice, a .doc/.wps/.rtf/.odt) to the model.
//! The package's XML is read with roxmltree; paragraphs, with numbering labels frozen in and
//! tracked changes accepted, go through the text reader's passes as lines that carry the
//! heading levels the styles give; tables, pictures and notes enter the model beside them.

pub mod body;
pub mod chunks;
pub mod legacy;
pub mod numbering;
pub mod package;
pub mod report;
pub mod styles;
pub mod xml;

use std::collections::{BTreeSet, HashMap};

use body::{Unit, Walker, inlines_of, note_of};
use package::{Package, not_docx, parse_xml};
use report::Report;
use styles::{StyleRole, Styles};

use crate::error::{Error, Warning, WarningKind};
use crate::model::{Block, Document, Note, NoteKind, Placement, Section};
use crate::read::text::lines::{Hint, Line};
use crate::read::text::scraped::Metadata;
use crate::read::{Input, Parsed, ReadOptions};

/// The character that stands for a table or picture (then its index) among the lines.
const OBJECT: char = '\u{FFFC}';

/// Reads one Word file.
pub fn read(input: &Input, options: &ReadOptions) -> Result<Parsed, Error> {
    let bytes = legacy::to_docx(input)?;
    let mut package = Package::open(&input.name, &bytes)?;
    let main = main_part(&mut package)?;
    let rels = package.relationships(&main)?;
    let part_of = |kind: &str| {
        rels.values()
            .find(|(_, k)| k == kind)
            .map(|(target, _)| target.clone())
    };
    let mut report = Report::default();

    let styles_xml = match part_of("styles") {
        Some(part) => package.read_xml(&part)?,
        None => None,
    };
    let styles_tree = match &styles_xml {
        Some(xml) => Some(parse_xml(&input.name, "styles.xml", xml)?),
        None => None,
    };
    let styles = match &styles_tree {
        Some(tree) => Styles::parse(tree.root_element()),
        None => Styles::default(),
    };
    let mut numbering = match part_of("numbering") {
        Some(part) => match package.read_xml(&part)? {
            Some(xml) => {
                numbering::Numbering::parse(parse_xml(&input.name, &part, &xml)?.root_element())
            }
            None => numbering::Numbering::default(),
        },
        None => numbering::Numbering::default(),
    };
    if let Some(part) = part_of("comments")
        && let Some(xml) = package.read_xml(&part)?
    {
        let comments = parse_xml(&input.name, &part, &xml)?;
        report.comments_dropped = comments
            .root_element()
            .children()
            .filter(|n| xml::is(*n, "comment"))
            .count();
    }
    let mut media = HashMap::new();
    for (id, (target, kind)) in &rels {
        if kind == "image"
            && let Some(bytes) = package.read(target)?
        {
            media.insert(id.clone(), bytes);
        }
    }

    // Notes first: the body's references point at them.
    let mut note_ids: HashMap<(bool, String), u32> = HashMap::new();
    let mut note_sources = Vec::new();
    for (kind, endnote) in [("footnotes", false), ("endnotes", true)] {
        if let Some(part) = part_of(kind)
            && let Some(xml) = package.read_xml(&part)?
        {
            note_sources.push((endnote, part, xml));
        }
    }
    let note_docs = note_sources
        .iter()
        .map(|(endnote, part, xml)| Ok((*endnote, parse_xml(&input.name, part, xml)?)))
        .collect::<Result<Vec<_>, Error>>()?;
    let mut note_nodes = Vec::new();
    for (endnote, doc) in &note_docs {
        for node in doc.root_element().children().filter(|n| {
            (xml::is(*n, "footnote") || xml::is(*n, "endnote"))
                && !matches!(
                    xml::attr(*n, "type"),
                    Some("separator" | "continuationSeparator" | "continuationNotice")
                )
        }) {
            let id = xml::attr(node, "id").unwrap_or("").to_string();
            let model = note_ids.len() as u32 + 1;
            note_ids.insert((*endnote, id), model);
            note_nodes.push((*endnote, model, node));
        }
    }
    let no_media = HashMap::new();
    let mut notes = Vec::new();
    for (endnote, id, node) in note_nodes {
        let mut walker = Walker::new(&styles, &mut numbering, &note_ids, &no_media, &mut report);
        walker.blocks(node);
        let paragraphs: Vec<_> = walker
            .units
            .into_iter()
            .filter_map(|unit| match unit {
                Unit::Paragraph { text, .. } => {
                    Some(inlines_of(crate::read::text::space::trim(&text)))
                }
                _ => None,
            })
            .collect();
        if endnote {
            report.endnotes += 1;
        } else {
            report.footnotes += 1;
        }
        notes.push(Note {
            id,
            kind: if endnote {
                NoteKind::Endnote
            } else {
                NoteKind::Footnote
            },
            paragraphs,
        });
    }

    let document_xml = package
        .read_xml(&main)?
        .ok_or_else(|| not_docx(&input.name, "its main part is missing"))?;
    let mut facts = PartFacts::default();
    if let Some(tree) = &styles_tree {
        facts.note(tree.root());
    }
    drop(styles_tree);
    let units = {
        let mut walker = Walker::new(&styles, &mut numbering, &note_ids, &media, &mut report);
        walk_body(
            &input.name,
            &main,
            &document_xml,
            RUN_BYTES,
            &mut walker,
            &mut facts,
        )?;
        walker.units
    };
    drop(document_xml);
    // The parse trees, freed, were a helper thread's: give them back before the text is read.
    crate::memory::release_free_heap();
    report.numbering_frozen = numbering.labels;
    headers_and_footers(&mut package, &rels, &facts.header_footer_ids, &mut report)?;
    report.fonts_replaced = facts.fonts.into_iter().collect();

    let (lines, objects) = lines_and_objects(units, &mut report);
    if lines.is_empty() && objects.is_empty() {
        return Err(Error::EmptyInput {
            path: input.name.clone(),
        });
    }
    let mut parsed = if lines.is_empty() {
        Parsed {
            document: Document::default(),
            warnings: Vec::new(),
            explanations: Vec::new(),
            word_report: None,
        }
    } else {
        crate::read::text::read_pages(
            vec![(lines, Metadata::default())],
            std::slice::from_ref(input),
            options,
            Vec::new(),
        )?
    };
    let mut objects: Vec<Option<Block>> = objects.into_iter().map(Some).collect();
    place_objects(&mut parsed.document, &mut objects);
    let unplaced: Vec<Block> = objects.into_iter().flatten().collect();
    if !unplaced.is_empty() {
        parsed.warnings.push(Warning::general(
            WarningKind::Input,
            format!(
                "{} table(s)/picture(s) stood among the title, signature or date lines; they are placed after the text",
                unplaced.len()
            ),
        ));
        parsed.document.back.extend(unplaced);
    }
    parsed.document.notes = notes;
    strip_stand_ins(&mut parsed.document);
    for section in parsed.document.walk() {
        *report.headings.entry(section.1.heading.level).or_default() += 1;
    }
    for attachment in &parsed.document.attachments {
        for (_, section) in crate::model::walk_sections(&attachment.sections) {
            *report.headings.entry(section.heading.level).or_default() += 1;
        }
    }
    let mut warnings = std::mem::take(&mut parsed.warnings);
    warnings.extend(report.clone().into_warnings());
    parsed.warnings = warnings;
    parsed.word_report = Some(report);
    Ok(parsed)
}

/// The main document part: `word/document.xml`, or wherever the package's relationships
/// point.
fn main_part(package: &mut Package<'_>) -> Result<String, Error> {
    let rels = package.relationships("")?;
    if let Some((target, _)) = rels.values().find(|(_, kind)| kind == "officeDocument") {
        return Ok(target.clone());
    }
    if package.has("word/document.xml") {
        return Ok("word/document.xml".to_string());
    }
    Err(not_docx(
        package.name(),
        "it is a zip without word/document.xml",
    ))
}

/// The body as lines for the text reader (a table or a picture as a line of its own holding
/// its stand-in) and the objects the stand-ins point at.
fn lines_and_objects(units: Vec<Unit>, report: &mut Report) -> (Vec<Line>, Vec<Block>) {
    let mut lines = Vec::new();
    let mut objects = Vec::new();
    let mut after_object = false;
    let mut last_number = 0;
    // Heading styles count from the shallowest the document uses: a draft whose top
    // headings are "Heading 2" has them at level 1.
    let shallowest = units
        .iter()
        .filter_map(|unit| match unit {
            Unit::Paragraph {
                role: StyleRole::Heading(level),
                ..
            } => Some(*level),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    for unit in units {
        let object = match unit {
            Unit::Paragraph { number, text, role } => {
                report.paragraphs += 1;
                last_number = number;
                let hint = match role {
                    StyleRole::Title => Hint::Heading(1),
                    StyleRole::Heading(level) => {
                        Hint::Heading((level + 2).saturating_sub(shallowest).min(9))
                    }
                    StyleRole::Body | StyleRole::Contents => Hint::None,
                };
                for (index, part) in text.split(['\n', '\r']).enumerate() {
                    let part = crate::read::text::space::trim(part);
                    if part.is_empty() {
                        continue;
                    }
                    lines.push(Line {
                        number,
                        text: part.to_string(),
                        // Word's paragraphs go through the hard-wrap pass like a text's lines
                        // (a draft extracted from a PDF has one printed line a paragraph);
                        // only a table or a picture is a sure break.
                        after_blank: after_object,
                        hint: if index == 0 { hint } else { Hint::None },
                    });
                    after_object = false;
                }
                continue;
            }
            Unit::Table(table) => Block::Table(table),
            Unit::Image(image) => Block::Image(image),
        };
        let number = object.line().map_or(last_number, |l| l as usize);
        lines.push(object_line(objects.len(), number));
        objects.push(object);
        after_object = true;
    }
    (lines, objects)
}

fn object_line(index: usize, number: usize) -> Line {
    Line {
        number,
        text: format!("{OBJECT}{index}"),
        after_blank: true,
        hint: Hint::None,
    }
}

/// Puts each table and picture where its stand-in paragraph ended up, and note stand-ins
/// in paragraphs as note references.
fn place_objects(document: &mut Document, objects: &mut [Option<Block>]) {
    fn blocks(list: &mut Vec<Block>, objects: &mut [Option<Block>]) {
        let mut out = Vec::with_capacity(list.len());
        for block in list.drain(..) {
            let Block::Paragraph { inlines, line } = block else {
                out.push(block);
                continue;
            };
            let text = crate::model::plain_text(&inlines);
            if text.contains(OBJECT) {
                // The stand-ins and the text around them, each in its place.
                for piece in split_objects(&text) {
                    match piece {
                        Ok(index) => {
                            if let Some(object) = objects.get_mut(index).and_then(Option::take) {
                                out.push(object);
                            }
                        }
                        Err(text) => out.push(Block::paragraph(
                            with_notes(crate::read::text::inline::enumerate(text)),
                            line,
                        )),
                    }
                }
            } else {
                out.push(Block::paragraph(with_notes(inlines), line));
            }
        }
        *list = out;
    }
    fn sections(list: &mut [Section], objects: &mut [Option<Block>]) {
        for section in list {
            if let Placement::RunIn { rest } = &mut section.heading.placement {
                *rest = with_notes(std::mem::take(rest));
            }
            blocks(&mut section.blocks, objects);
            sections(&mut section.children, objects);
        }
    }
    blocks(&mut document.front, objects);
    sections(&mut document.sections, objects);
    blocks(&mut document.back, objects);
    for attachment in &mut document.attachments {
        blocks(&mut attachment.front, objects);
        sections(&mut attachment.sections, objects);
    }
}

/// Text split at object stand-ins: `Ok(index)` for a stand-in, `Err(text)` between them.
fn split_objects(text: &str) -> Vec<Result<usize, &str>> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(OBJECT) {
        if !rest[..at].trim().is_empty() {
            pieces.push(Err(rest[..at].trim()));
        }
        let after = &rest[at + OBJECT.len_utf8()..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        match after[..digits].parse() {
            Ok(index) => pieces.push(Ok(index)),
            Err(_) => pieces.push(Err(&rest[at..at + OBJECT.len_utf8()])),
        }
        rest = &after[digits..];
    }
    if !rest.trim().is_empty() {
        pieces.push(Err(rest.trim()));
    }
    pieces
}

/// Inlines with note stand-ins inside their text turned into note references.
fn with_notes(inlines: Vec<crate::model::Inline>) -> Vec<crate::model::Inline> {
    use crate::model::Inline;
    if !inlines
        .iter()
        .any(|i| matches!(i, Inline::Text { text } if text.chars().any(|c| note_of(c).is_some())))
    {
        return inlines;
    }
    inlines
        .into_iter()
        .flat_map(|inline| match inline {
            Inline::Text { text } => inlines_of(&text),
            other => vec![other],
        })
        .collect()
}

/// Stand-ins left where no reference or object can stand (a heading's text, the title,
/// the signature) are taken out of the text: the notes and objects themselves are kept.
fn strip_stand_ins(document: &mut Document) {
    let mut left = false;
    document.for_each_text(&mut |text| {
        left = left || text.chars().any(|c| c == OBJECT || note_of(c).is_some());
    });
    if !left {
        return;
    }
    let Ok(mut value) = serde_json::to_value(&*document) else {
        return;
    };
    fn strip(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(text)
                if text.chars().any(|c| c == OBJECT || note_of(c).is_some()) =>
            {
                let mut out = String::with_capacity(text.len());
                let mut chars = text.chars().peekable();
                while let Some(c) = chars.next() {
                    if c == OBJECT {
                        while chars.peek().is_some_and(char::is_ascii_digit) {
                            chars.next();
                        }
                    } else if note_of(c).is_none() {
                        out.push(c);
                    }
                }
                *text = out;
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            serde_json::Value::Object(map) => map.values_mut().for_each(strip),
            _ => {}
        }
    }
    // Picture bytes are base64 strings: they never hold these characters.
    strip(&mut value);
    if let Ok(stripped) = serde_json::from_value(value) {
        *document = stripped;
    }
}

/// The text of the headers and footers the body's sections use, reported as replaced.
fn headers_and_footers(
    package: &mut Package<'_>,
    rels: &HashMap<String, (String, String)>,
    ids: &[String],
    report: &mut Report,
) -> Result<(), Error> {
    let mut seen = BTreeSet::new();
    for id in ids {
        let Some((target, _)) = rels.get(id) else {
            continue;
        };
        if !seen.insert(target.clone()) {
            continue;
        }
        let Some(xml_text) = package.read_xml(target)? else {
            continue;
        };
        let part = parse_xml(package.name(), target, &xml_text)?;
        for paragraph in part.descendants().filter(|n| xml::is(*n, "p")) {
            let text: String = paragraph
                .descendants()
                .filter(|n| xml::is(*n, "t"))
                .filter_map(|n| n.text())
                .collect();
            let text = text.trim();
            if !text.is_empty() {
                report.headers_footers_replaced.push(text.to_string());
            }
        }
    }
    Ok(())
}

/// Bytes of the main part parsed at a time: a run's tree takes a few hundred kilobytes, where
/// the whole tree of a 246-page draft took 8.7 MB.
const RUN_BYTES: usize = 64 * 1024;

/// Walks the main part's body, one run of top-level elements at a time ([`chunks`]), noting
/// each run's facts before its tree is dropped; a part the cut does not understand is parsed
/// whole, and a run that does not parse reports the whole part's error.
fn walk_body(
    name: &str,
    part: &str,
    whole: &str,
    run_bytes: usize,
    walker: &mut Walker,
    facts: &mut PartFacts,
) -> Result<(), Error> {
    let Some(body) = chunks::cut(whole, run_bytes) else {
        let tree = parse_xml(name, part, whole)?;
        let body = tree
            .root_element()
            .children()
            .find(|n| xml::is(*n, "body"))
            .ok_or_else(|| not_docx(name, "its main part has no body"))?;
        walker.blocks(body);
        facts.note(body);
        return Ok(());
    };
    let count = body.runs.len();
    // A run that does not parse reports the whole part's error, which names the place in
    // the part itself.
    fn parse_run<'a>(
        name: &str,
        part: &str,
        whole: &str,
        wrapped: &'a str,
    ) -> Result<roxmltree::Document<'a>, Error> {
        parse_xml(name, part, wrapped)
            .map_err(|run_error| parse_xml(name, part, whole).err().unwrap_or(run_error))
    }
    let mut walk = |tree: &roxmltree::Document| {
        if let Some(run) = tree.root_element().first_element_child() {
            walker.blocks(run);
            facts.note(run);
        }
    };
    if count < PARALLEL_RUNS {
        for index in 0..count {
            walk(&parse_run(name, part, whole, &body.wrapped(index))?);
        }
        return Ok(());
    }
    // Parsing is two thirds of the walk, and each run parses alone: a helper parses every
    // other run while this thread parses and walks the rest, in order. The helper's runs are
    // kept until the walk ends (their trees borrow them).
    let helper_runs: Vec<std::sync::OnceLock<String>> =
        (0..count / 2).map(|_| std::sync::OnceLock::new()).collect();
    std::thread::scope(|scope| {
        let (send, parsed) = std::sync::mpsc::sync_channel(2);
        let (body, helper_runs) = (&body, &helper_runs);
        scope.spawn(move || {
            for (slot, index) in helper_runs.iter().zip((1..count).step_by(2)) {
                let wrapped = slot.get_or_init(|| body.wrapped(index));
                // The walk stopped (an error): so does the helper.
                if send.send(parse_run(name, part, whole, wrapped)).is_err() {
                    return;
                }
            }
        });
        for index in 0..count {
            if index % 2 == 0 {
                walk(&parse_run(name, part, whole, &body.wrapped(index))?);
            } else {
                let tree = parsed
                    .recv()
                    .map_err(|_| not_docx(name, "reading its main part failed"))?;
                walk(&tree?);
            }
        }
        Ok(())
    })
}

/// Bodies cut into fewer runs than this are parsed on one thread.
const PARALLEL_RUNS: usize = 4;

/// What the reader reports from the parts' trees besides their text.
#[derive(Default)]
struct PartFacts {
    /// The fonts the document names (styles and runs), which the template's faces replace.
    fonts: BTreeSet<String>,
    /// The relationship ids of the headers and footers the sections use, in order.
    header_footer_ids: Vec<String>,
}

impl PartFacts {
    fn note(&mut self, node: roxmltree::Node) {
        for node in node.descendants() {
            match xml::w_name(node) {
                "rFonts" => {
                    for key in ["eastAsia", "ascii", "hAnsi"] {
                        if let Some(name) = xml::attr(node, key) {
                            self.fonts.insert(name.to_string());
                        }
                    }
                }
                "headerReference" | "footerReference" => {
                    if let Some(id) = xml::rel_attr(node, "id") {
                        self.header_footer_ids.push(id.to_string());
                    }
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs the walker over `xml` cut into runs of `run_bytes`.
    fn walk(xml: &str, run_bytes: usize) -> Result<(String, Vec<String>, Vec<String>), Error> {
        let (styles, mut numbering) = (Styles::default(), numbering::Numbering::default());
        let (note_ids, media, mut report) = (HashMap::new(), HashMap::new(), Report::default());
        let mut facts = PartFacts::default();
        let mut walker = Walker::new(&styles, &mut numbering, &note_ids, &media, &mut report);
        walk_body(
            "t.docx",
            "word/document.xml",
            xml,
            run_bytes,
            &mut walker,
            &mut facts,
        )?;
        let units = format!("{:?}", walker.units);
        Ok((
            units,
            facts.fonts.into_iter().collect(),
            facts.header_footer_ids,
        ))
    }

    fn document(paragraphs: &[String]) -> String {
        format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="{}" xmlns:r="{}"><w:body>{}<w:sectPr><w:headerReference r:id="rId9"/></w:sectPr></w:body></w:document>"#,
            xml::W,
            xml::R,
            paragraphs.concat()
        )
    }

    #[test]
    fn a_body_read_in_runs_reads_as_the_whole() {
        let paragraphs: Vec<String> = (1..=200)
            .map(|n| {
                format!(
                    r#"<w:p><w:r><w:rPr><w:rFonts w:eastAsia="字体{}"/></w:rPr><w:t>第{n}段：正文</w:t></w:r></w:p>"#,
                    n % 3
                )
            })
            .collect();
        let xml = document(&paragraphs);
        let whole = walk(&xml, usize::MAX).unwrap();
        assert!(whole.0.contains("第200段"));
        assert_eq!(whole.1, ["字体0", "字体1", "字体2"]);
        assert_eq!(whole.2, ["rId9"]);
        for run_bytes in [1, 100, 1000] {
            assert_eq!(walk(&xml, run_bytes).unwrap(), whole, "runs of {run_bytes}");
        }
    }

    #[test]
    fn a_run_that_does_not_parse_reports_the_whole_part() {
        // Runs of 10 bytes hold one paragraph each: the bad one is parsed by this thread
        // (an even run) or by the helper (an odd one).
        for bad in [40, 41] {
            let mut paragraphs = vec!["<w:p><w:r><w:t>一</w:t></w:r></w:p>".to_string(); 50];
            paragraphs[bad] = "<w:p><w:r><w:t>甲 & 乙</w:t></w:r></w:p>".to_string();
            let xml = document(&paragraphs);
            let whole = parse_xml("t.docx", "word/document.xml", &xml).unwrap_err();
            let in_runs = walk(&xml, 10).unwrap_err();
            assert_eq!(in_runs.to_string(), whole.to_string(), "paragraph {bad}");
        }
    }

    #[test]
    fn stand_ins_split_the_text_around_them() {
        let text = format!("前文{OBJECT}0后文{OBJECT}12");
        assert_eq!(
            split_objects(&text),
            vec![Err("前文"), Ok(0), Err("后文"), Ok(12)]
        );
    }
}
