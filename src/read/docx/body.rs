//! The body of `document.xml` (and of notes, text boxes, headers) in reading order:
//! paragraphs with their numbering labels frozen in and tracked changes accepted, tables,
//! pictures, text boxes once; what the model cannot carry is counted and reported.

use std::collections::HashMap;

use roxmltree::Node;

use super::numbering::Numbering;
use super::report::Report;
use super::styles::{StyleRole, Styles};
use super::xml::{attr, child, is, on, rel_attr, val, w_name};
use crate::model::{EMU_PER_MM, Image, ImageFormat, Inline, Table, TableCell, TableRow};

/// The namespaces of drawings, text boxes and Office's compatibility markup.
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const M: &str = "http://schemas.openxmlformats.org/officeDocument/2006/math";
const V: &str = "urn:schemas-microsoft-com:vml";
const W14: &str = "http://schemas.microsoft.com/office/word/2010/wordml";

/// The first private-use character that stands for a note reference in paragraph text
/// (note id n is `NOTE_MARK_BASE + n`) until the model is built.
pub const NOTE_MARK_BASE: u32 = 0xF0000;

/// A note reference's stand-in character.
pub fn note_mark(id: u32) -> char {
    char::from_u32(NOTE_MARK_BASE + id.min(0xFFFD)).unwrap_or('\u{FFFD}')
}

/// The note id a character stands for.
pub fn note_of(c: char) -> Option<u32> {
    let code = c as u32;
    (NOTE_MARK_BASE..NOTE_MARK_BASE + 0xFFFE)
        .contains(&code)
        .then(|| code - NOTE_MARK_BASE)
}

/// Text with note stand-ins as inlines.
pub fn inlines_of(text: &str) -> Vec<Inline> {
    let mut inlines = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        match note_of(c) {
            Some(id) => {
                if !current.is_empty() {
                    inlines.push(Inline::text(std::mem::take(&mut current)));
                }
                inlines.push(Inline::NoteRef { id });
            }
            None => current.push(c),
        }
    }
    if !current.is_empty() {
        inlines.push(Inline::text(current));
    }
    inlines
}

/// What the body holds, in reading order.
#[derive(Debug)]
pub enum Unit {
    Paragraph {
        /// The paragraph's number in the document (the "line" of messages).
        number: usize,
        text: String,
        role: StyleRole,
    },
    Table(Table),
    Image(Image),
}

/// A picture's bytes by relationship id, found through the part's relationships.
pub type Media = HashMap<String, Vec<u8>>;

/// The walker's context: styles, numbering, notes, media, and what it has counted.
pub struct Walker<'a> {
    pub styles: &'a Styles,
    pub numbering: &'a mut Numbering,
    /// Note stand-ins by (endnote?, the XML id).
    pub notes: &'a HashMap<(bool, String), u32>,
    pub media: &'a Media,
    pub report: &'a mut Report,
    pub units: Vec<Unit>,
    /// Paragraphs met so far.
    pub paragraphs: usize,
    /// Open fields: (instruction so far, in the result part, a TOC).
    fields: Vec<Field>,
    /// Text of a paragraph whose mark was deleted, waiting for the next one.
    carried: String,
    /// Inside a table cell: pictures and text boxes wait until the table is done.
    in_cell: usize,
    deferred: Vec<Unit>,
    /// A TOC field's entries dropped so far.
    toc_paragraphs: usize,
}

#[derive(Debug, Default)]
struct Field {
    instruction: String,
    in_result: bool,
    toc: bool,
}

/// The text and the things found while reading one paragraph.
#[derive(Default)]
struct Paragraph {
    text: String,
    /// Pictures and text boxes, placed after the paragraph.
    after: Vec<Unit>,
}

impl<'a> Walker<'a> {
    pub fn new(
        styles: &'a Styles,
        numbering: &'a mut Numbering,
        notes: &'a HashMap<(bool, String), u32>,
        media: &'a Media,
        report: &'a mut Report,
    ) -> Self {
        Walker {
            styles,
            numbering,
            notes,
            media,
            report,
            units: Vec::new(),
            paragraphs: 0,
            fields: Vec::new(),
            carried: String::new(),
            in_cell: 0,
            deferred: Vec::new(),
            toc_paragraphs: 0,
        }
    }

    /// Whether text read now is dropped: a field's instruction, or a table of contents.
    fn dropping(&self) -> bool {
        self.fields.iter().any(|f| f.toc) || self.fields.last().is_some_and(|f| !f.in_result)
    }

    /// Reads block-level content: paragraphs, tables, content controls, custom XML.
    pub fn blocks(&mut self, parent: Node) {
        for node in parent.children().filter(Node::is_element) {
            match w_name(node) {
                "p" => self.paragraph(node),
                "tbl" => {
                    // Rows that are one cell holding a stretch of the text (a one-column
                    // table, or a full-width cell of many paragraphs) frame the document's
                    // own paragraphs; the rows between them are tables.
                    let mut data_rows = Vec::new();
                    for row in table_rows(node) {
                        if is_frame_row(row, node) {
                            self.table_of_rows(node, std::mem::take(&mut data_rows));
                            self.report.layout_tables += 1;
                            for cell in row_cells(row) {
                                self.blocks(cell);
                            }
                        } else {
                            data_rows.push(row);
                        }
                    }
                    self.table_of_rows(node, data_rows);
                }
                "sdt" => {
                    if is_toc_block(node) {
                        let entries = node.descendants().filter(|n| is(*n, "p")).count();
                        self.report.toc_entries += entries;
                        self.paragraphs += entries;
                        continue;
                    }
                    if let Some(content) = child(node, "sdtContent") {
                        self.blocks(content);
                    }
                }
                "customXml" | "ins" | "moveTo" => {
                    if w_name(node) != "customXml" {
                        self.report.tracked.insertions += 1;
                    }
                    self.blocks(node);
                }
                "del" | "moveFrom" => self.report.tracked.deletions += 1,
                "sectPr" => self.section(node),
                _ if node.tag_name().namespace() == Some(MC) => {
                    if let Some(choice) = mc_choice(node) {
                        self.blocks(choice);
                    }
                }
                _ if node.tag_name().namespace() == Some(M) => {
                    self.report.unsupported("equation", self.paragraphs, "");
                }
                _ => {}
            }
        }
    }

    fn push(&mut self, unit: Unit) {
        self.units.push(unit);
    }

    /// A section's properties: a landscape page is reported (the template sets the page).
    fn section(&mut self, node: Node) {
        if let Some(size) = child(node, "pgSz")
            && attr(size, "orient") == Some("landscape")
        {
            self.report
                .unsupported("landscape section", self.paragraphs, "");
        }
    }

    fn paragraph(&mut self, node: Node) {
        self.paragraphs += 1;
        let number = self.paragraphs;
        let ppr = child(node, "pPr");
        let style = ppr.and_then(|p| child(p, "pStyle")).and_then(val);
        let mut role = self.styles.role(style);
        if let Some(level) = ppr
            .and_then(|p| child(p, "outlineLvl"))
            .and_then(val)
            .and_then(|v| v.parse::<u8>().ok())
        {
            role = match level {
                0..=8 if role != StyleRole::Title => StyleRole::Heading(level + 1),
                0..=8 => role,
                _ => StyleRole::Body,
            };
        }
        if let Some(ppr) = ppr {
            if child(ppr, "pPrChange").is_some() {
                self.report.tracked.formatting += 1;
            }
            if let Some(section) = child(ppr, "sectPr") {
                self.section(section);
            }
        }
        let in_toc_before = self.dropping() && self.fields.iter().any(|f| f.toc);
        let mut paragraph = Paragraph::default();
        self.inline(node, &mut paragraph);
        let in_toc = in_toc_before || self.fields.iter().any(|f| f.toc);
        // A field whose instruction never reached its result by the paragraph's end is
        // malformed: drop it rather than the rest of the document.
        while self.fields.last().is_some_and(|f| !f.in_result) {
            self.fields.pop();
        }
        let mark = ppr.and_then(|p| child(p, "rPr"));
        let mark_deleted =
            mark.is_some_and(|r| child(r, "del").is_some() || child(r, "moveFrom").is_some());
        if mark.is_some_and(|r| child(r, "ins").is_some()) {
            self.report.tracked.insertions += 1;
        }
        if role == StyleRole::Contents || in_toc {
            self.toc_paragraphs += 1;
            self.report.toc_entries += 1;
            self.flush_after(paragraph.after);
            return;
        }
        let mut text = std::mem::take(&mut self.carried);
        text.push_str(&paragraph.text);
        if mark_deleted {
            // The paragraph mark is deleted: this paragraph runs on into the next.
            self.report.tracked.deletions += 1;
            self.carried = text;
            self.flush_after(paragraph.after);
            return;
        }
        let has_text = !crate::read::text::space::trim(&text).is_empty();
        let numbering = ppr
            .and_then(|p| child(p, "numPr"))
            .and_then(|num| {
                let id = child(num, "numId").and_then(val)?.to_string();
                let level = child(num, "ilvl")
                    .and_then(val)
                    .and_then(|v| v.parse().ok());
                Some((id, level))
            })
            .map(|(id, level)| {
                let style_level = self.styles.numbering(style).map(|(_, l)| l);
                (id, level.or(style_level).unwrap_or(0))
            })
            .or_else(|| self.styles.numbering(style));
        if let Some((id, level)) = numbering
            && let Some(label) = self.numbering.next_label(&id, level)
            && has_text
        {
            let lead = text.len()
                - text
                    .trim_start_matches(crate::read::text::space::is_space)
                    .len();
            text.insert_str(lead, &label);
        }
        if has_text {
            self.push(Unit::Paragraph { number, text, role });
        }
        self.flush_after(paragraph.after);
    }

    /// Places a paragraph's pictures and text boxes: after it, or after the table it is in.
    fn flush_after(&mut self, after: Vec<Unit>) {
        if self.in_cell > 0 {
            self.deferred.extend(after);
        } else {
            self.units.extend(after);
        }
    }

    /// Reads the inline content of `node` into `out`.
    fn inline(&mut self, node: Node, out: &mut Paragraph) {
        for node in node.children().filter(Node::is_element) {
            let namespace = node.tag_name().namespace();
            if namespace == Some(MC) {
                if let Some(choice) = mc_choice(node) {
                    self.inline(choice, out);
                }
                continue;
            }
            if namespace == Some(M) {
                if matches!(node.tag_name().name(), "oMath" | "oMathPara") {
                    self.report
                        .unsupported("equation", self.paragraphs, &out.text);
                }
                continue;
            }
            match w_name(node) {
                "r" => self.run(node, out),
                "ins" | "moveTo" => {
                    self.report.tracked.insertions += 1;
                    self.inline(node, out);
                }
                "del" | "moveFrom" => self.report.tracked.deletions += 1,
                "hyperlink" | "smartTag" | "customXml" | "dir" | "bdo" => self.inline(node, out),
                "sdt" => {
                    if let Some(content) = child(node, "sdtContent") {
                        self.inline(content, out);
                    }
                }
                "fldSimple" => {
                    let instruction = attr(node, "instr").unwrap_or("");
                    if field_name(instruction) == "TOC" {
                        self.report.toc_entries += 1;
                    } else {
                        self.inline(node, out);
                    }
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, run: Node, out: &mut Paragraph) {
        for node in run.children().filter(Node::is_element) {
            if node.tag_name().namespace() == Some(MC) {
                if let Some(choice) = mc_choice(node) {
                    self.run(choice, out);
                }
                continue;
            }
            match w_name(node) {
                "t" if !self.dropping() => out.text.push_str(node.text().unwrap_or("")),
                "tab" | "ptab" if !self.dropping() => out.text.push('\t'),
                "br" | "cr" if !self.dropping() => out.text.push('\n'),
                "noBreakHyphen" if !self.dropping() => out.text.push('\u{2011}'),
                "sym" if !self.dropping() => {
                    if let Some(c) = attr(node, "char")
                        .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                        .map(|code| {
                            if (0xF020..=0xF0FF).contains(&code) {
                                code - 0xF000
                            } else {
                                code
                            }
                        })
                        .and_then(char::from_u32)
                    {
                        out.text.push(c);
                    }
                }
                "instrText" => {
                    if let Some(field) = self.fields.last_mut() {
                        field.instruction.push_str(node.text().unwrap_or(""));
                    }
                }
                "fldChar" => match attr(node, "fldCharType") {
                    Some("begin") => self.fields.push(Field::default()),
                    Some("separate") => {
                        if let Some(field) = self.fields.last_mut() {
                            field.in_result = true;
                            field.toc = field_name(&field.instruction) == "TOC";
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                },
                "footnoteReference" | "endnoteReference" => {
                    let endnote = w_name(node) == "endnoteReference";
                    let id = attr(node, "id").unwrap_or("");
                    match self.notes.get(&(endnote, id.to_string())) {
                        Some(model) => out.text.push(note_mark(*model)),
                        None => self.report.warn(
                            self.paragraphs,
                            format!("a note reference (id {id}) has no note; left out"),
                        ),
                    }
                }
                "drawing" => self.drawing(node, out),
                "pict" => self.vml(node, out),
                "object" => self
                    .report
                    .unsupported("embedded object", self.paragraphs, &out.text),
                "rPr"
                    if node.children().any(|n| {
                        n.tag_name().namespace() == Some(W14)
                            && matches!(
                                n.tag_name().name(),
                                "glow"
                                    | "shadow"
                                    | "reflection"
                                    | "textOutline"
                                    | "textFill"
                                    | "props3d"
                            )
                    }) =>
                {
                    self.report.text_effect(self.paragraphs);
                }
                _ => {}
            }
        }
    }

    /// A DrawingML object: a picture, a text box, a group of them; a chart, a SmartArt or
    /// a shape is reported.
    fn drawing(&mut self, node: Node, out: &mut Paragraph) {
        let frame = node.children().find(|n| {
            n.tag_name().namespace() == Some(WP)
                && matches!(n.tag_name().name(), "inline" | "anchor")
        });
        let Some(frame) = frame else { return };
        let extent = frame
            .children()
            .find(|n| n.has_tag_name((WP, "extent")))
            .map(|e| {
                let number = |name| {
                    e.attribute(name)
                        .and_then(|v| v.parse::<u64>().ok())
                        .unwrap_or(0)
                };
                (number("cx"), number("cy"))
            })
            .unwrap_or((0, 0));
        let alt = frame
            .children()
            .find(|n| n.has_tag_name((WP, "docPr")))
            .and_then(|d| d.attribute("descr").or(d.attribute("title")))
            .unwrap_or("")
            .to_string();
        let Some(data) = frame
            .descendants()
            .find(|n| n.has_tag_name((A, "graphicData")))
        else {
            return;
        };
        let uri = data.attribute("uri").unwrap_or("");
        if uri.ends_with("/chart") {
            self.report.unsupported("chart", self.paragraphs, &out.text);
        } else if uri.ends_with("/diagram") {
            self.report
                .unsupported("SmartArt", self.paragraphs, &out.text);
        } else {
            let mut found = false;
            // Pictures and text boxes, alone or in a group, in document order.
            for part in data.descendants() {
                if part.has_tag_name((A, "blip")) {
                    if let Some(id) = rel_attr(part, "embed").or(rel_attr(part, "link")) {
                        // A picture of a group has its own size; a lone one the frame's.
                        self.picture(id, extent, &alt, out);
                        found = true;
                    }
                } else if is(part, "txbxContent") && !inside_text_box(part) {
                    self.text_box(part, out);
                    found = true;
                }
            }
            if !found {
                self.report.unsupported("shape", self.paragraphs, &out.text);
            }
        }
    }

    /// A VML object (old Word, or the fallback of a new one): a text box or a picture.
    fn vml(&mut self, node: Node, out: &mut Paragraph) {
        let mut found = false;
        for part in node.descendants() {
            if is(part, "txbxContent") && !inside_text_box(part) {
                self.text_box(part, out);
                found = true;
            } else if part.has_tag_name((V, "imagedata"))
                && let Some(id) = rel_attr(part, "id")
            {
                let size = vml_size(part);
                self.picture(id, size, "", out);
                found = true;
            }
        }
        if !found {
            self.report.unsupported("shape", self.paragraphs, &out.text);
        }
    }

    fn picture(&mut self, id: &str, (width, height): (u64, u64), alt: &str, out: &mut Paragraph) {
        let Some(bytes) = self.media.get(id) else {
            self.report.warn(
                self.paragraphs,
                format!("a picture (relationship {id}) is missing from the file; left out"),
            );
            return;
        };
        let Some(format) = ImageFormat::sniff(bytes) else {
            self.report
                .unsupported("picture in an unknown format", self.paragraphs, &out.text);
            return;
        };
        // A picture without a size gets a sensible one: 120 mm wide, 4:3.
        let (width, height) = if width == 0 || height == 0 {
            (120 * EMU_PER_MM, 90 * EMU_PER_MM)
        } else {
            (width, height)
        };
        self.report.images += 1;
        out.after.push(Unit::Image(Image {
            data: bytes.clone(),
            format,
            width_emu: width,
            height_emu: height,
            alt: alt.to_string(),
            line: crate::read::text::structure::source_line(self.paragraphs),
        }));
    }

    /// The units of the block content under `node`, read apart from the units so far.
    fn units_of(&mut self, node: Node) -> Vec<Unit> {
        let outer = std::mem::take(&mut self.units);
        self.blocks(node);
        std::mem::replace(&mut self.units, outer)
    }

    /// A text box's paragraphs, read once, after the paragraph that anchors it.
    fn text_box(&mut self, content: Node, out: &mut Paragraph) {
        self.report.text_boxes += 1;
        let fields = std::mem::take(&mut self.fields);
        let boxed = self.units_of(content);
        self.fields = fields;
        out.after.extend(boxed);
    }

    /// A table of `rows` of `node`, placed with the pictures its cells held after it.
    fn table_of_rows(&mut self, node: Node, rows: Vec<Node>) {
        if rows.is_empty() {
            return;
        }
        let table = self.table(node, rows);
        self.push(Unit::Table(table));
        if self.in_cell == 0 {
            let deferred = std::mem::take(&mut self.deferred);
            self.units.extend(deferred);
        }
    }

    fn table(&mut self, node: Node, rows_of: Vec<Node>) -> Table {
        self.in_cell += 1;
        let column_widths: Vec<u32> = child(node, "tblGrid")
            .map(|grid| {
                grid.children()
                    .filter(|n| is(*n, "gridCol"))
                    .map(|c| {
                        attr(c, "w")
                            .and_then(|w| w.parse::<f64>().ok())
                            .unwrap_or(0.0)
                            .max(0.0) as u32
                    })
                    .collect()
            })
            .unwrap_or_default();
        // Rows as (grid column, cell, vertical merge) lists.
        let mut rows: Vec<Vec<(usize, TableCell, Merge)>> = Vec::new();
        let mut header_rows = 0;
        let mut header_run = true;
        for row in rows_of {
            let trpr = child(row, "trPr");
            if trpr.is_some_and(|p| child(p, "del").is_some()) {
                self.report.tracked.deletions += 1;
                continue;
            }
            let header = trpr.is_some_and(|p| on(child(p, "tblHeader")));
            if header && header_run {
                header_rows += 1;
            } else {
                header_run = false;
            }
            let mut column = trpr
                .and_then(|p| child(p, "gridBefore"))
                .and_then(val)
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0)
                .min(1000);
            let mut cells = Vec::new();
            for cell in row_cells(row) {
                let tcpr = child(cell, "tcPr");
                let span = tcpr
                    .and_then(|p| child(p, "gridSpan"))
                    .and_then(val)
                    .and_then(|v| v.parse::<u32>().ok())
                    .unwrap_or(1)
                    .clamp(1, 1000);
                let merge = match tcpr.and_then(|p| child(p, "vMerge")) {
                    Some(m) if val(m) == Some("restart") => Merge::Restart,
                    Some(_) => Merge::Continue,
                    None => Merge::None,
                };
                let paragraphs = self.cell(cell);
                let mut model = TableCell::new(paragraphs);
                model.col_span = span;
                cells.push((column, model, merge));
                column += span as usize;
            }
            rows.push(cells);
        }
        self.in_cell -= 1;
        self.report.tables += 1;
        Table {
            rows: merge_rows(rows),
            header_rows,
            column_widths,
            line: crate::read::text::structure::source_line(self.paragraphs),
        }
    }

    /// A cell's paragraphs as inlines; a nested table's cells in place, in reading order.
    fn cell(&mut self, cell: Node) -> Vec<Vec<Inline>> {
        let inner = self.units_of(cell);
        let mut paragraphs = Vec::new();
        for unit in inner {
            match unit {
                Unit::Paragraph { text, .. } => paragraphs.push(inlines_of(&text)),
                Unit::Table(table) => {
                    for nested in table.rows.into_iter().flat_map(|r| r.cells) {
                        paragraphs.extend(nested.paragraphs);
                    }
                }
                picture @ Unit::Image(_) => {
                    self.report.warn(
                        self.paragraphs,
                        "a picture inside a table cell is placed after the table".to_string(),
                    );
                    self.deferred.push(picture);
                }
            }
        }
        paragraphs
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Merge {
    None,
    Restart,
    Continue,
}

/// Rows with vertical merges resolved: a restarting cell spans the continuing cells below
/// it, which leave the rows (their text, if any, joins the spanning cell).
fn merge_rows(rows: Vec<Vec<(usize, TableCell, Merge)>>) -> Vec<TableRow> {
    let mut out: Vec<TableRow> = Vec::with_capacity(rows.len());
    // For each grid column, the (row, cell index) of the cell a merge continues.
    let mut open: HashMap<usize, (usize, usize)> = HashMap::new();
    for (r, row) in rows.into_iter().enumerate() {
        let mut cells = Vec::with_capacity(row.len());
        for (column, cell, merge) in row {
            match merge {
                Merge::Continue => {
                    if let Some(&(row_at, cell_at)) = open.get(&column) {
                        let spanning: &mut TableCell = &mut out[row_at].cells[cell_at];
                        spanning.row_span += 1;
                        spanning
                            .paragraphs
                            .extend(cell.paragraphs.into_iter().filter(|p| !p.is_empty()));
                        continue;
                    }
                    open.insert(column, (r, cells.len()));
                    cells.push(cell);
                }
                Merge::Restart => {
                    open.insert(column, (r, cells.len()));
                    cells.push(cell);
                }
                Merge::None => {
                    open.remove(&column);
                    cells.push(cell);
                }
            }
        }
        out.push(TableRow { cells });
    }
    out
}

/// Whether a row frames text rather than holding data: its one cell is the table's only
/// column, or spans the whole width and holds a stretch of text (several paragraphs, or a
/// long one) rather than a caption.
fn is_frame_row(row: Node, table: Node) -> bool {
    const FRAME_PARAGRAPHS: usize = 3;
    const FRAME_CHARS: usize = 100;
    let cells = row_cells(row);
    let [cell] = cells.as_slice() else {
        return false;
    };
    let columns = child(table, "tblGrid")
        .map(|g| g.children().filter(|n| is(*n, "gridCol")).count())
        .unwrap_or(1);
    let span = child(*cell, "tcPr")
        .and_then(|p| child(p, "gridSpan"))
        .and_then(val)
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(1);
    if columns <= 1 {
        return true;
    }
    let paragraphs = cell.children().filter(|n| is(*n, "p")).count();
    let chars: usize = cell
        .descendants()
        .filter(|n| is(*n, "t"))
        .filter_map(|n| n.text())
        .map(|t| t.chars().count())
        .sum();
    span >= columns && (paragraphs >= FRAME_PARAGRAPHS || chars >= FRAME_CHARS)
}

/// A table's rows, through content controls and custom XML around them.
fn table_rows<'a, 'i>(table: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    let mut rows = Vec::new();
    for node in table.children().filter(Node::is_element) {
        match w_name(node) {
            "tr" => rows.push(node),
            "sdt" => rows.extend(
                child(node, "sdtContent")
                    .map(table_rows)
                    .unwrap_or_default(),
            ),
            "customXml" => rows.extend(table_rows(node)),
            _ => {}
        }
    }
    rows
}

fn row_cells<'a, 'i>(row: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    let mut cells = Vec::new();
    for node in row.children().filter(Node::is_element) {
        match w_name(node) {
            "tc" => cells.push(node),
            "sdt" => cells.extend(child(node, "sdtContent").map(row_cells).unwrap_or_default()),
            "customXml" => cells.extend(row_cells(node)),
            _ => {}
        }
    }
    cells
}

/// The branch of `mc:AlternateContent` to read: the first `mc:Choice` (never also the
/// `mc:Fallback` copy); the fallback only when there is no choice.
fn mc_choice<'a, 'i>(node: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    if node.tag_name().name() != "AlternateContent" {
        return None;
    }
    node.children()
        .find(|n| n.has_tag_name((MC, "Choice")))
        .or_else(|| node.children().find(|n| n.has_tag_name((MC, "Fallback"))))
}

/// Whether a `w:txbxContent` sits inside another one (read with the outer box).
fn inside_text_box(node: Node) -> bool {
    node.ancestors().skip(1).any(|n| is(n, "txbxContent"))
}

/// A content control that holds a table of contents.
fn is_toc_block(sdt: Node) -> bool {
    child(sdt, "sdtPr")
        .and_then(|p| child(p, "docPartObj"))
        .and_then(|d| child(d, "docPartGallery"))
        .and_then(val)
        .is_some_and(|g| g.eq_ignore_ascii_case("Table of Contents"))
}

/// A field instruction's name ("TOC" of ` TOC \o "1-3" \h `).
fn field_name(instruction: &str) -> &str {
    instruction.split_whitespace().next().unwrap_or("")
}

/// A VML shape's size from its style ("width:120pt;height:90pt"), in EMU.
fn vml_size(imagedata: Node) -> (u64, u64) {
    let Some(style) = imagedata.parent().and_then(|p| p.attribute("style")) else {
        return (0, 0);
    };
    let mut size = (0, 0);
    for declaration in style.split(';') {
        let Some((key, value)) = declaration.split_once(':') else {
            continue;
        };
        let value = value.trim();
        let emu = if let Some(pt) = value.strip_suffix("pt") {
            pt.trim()
                .parse::<f64>()
                .map(|v| v * 12_700.0)
                .unwrap_or(0.0)
        } else if let Some(inch) = value.strip_suffix("in") {
            inch.trim()
                .parse::<f64>()
                .map(|v| v * 914_400.0)
                .unwrap_or(0.0)
        } else {
            0.0
        };
        let emu = if emu.is_finite() {
            emu.clamp(0.0, 1e12) as u64
        } else {
            0
        };
        match key.trim() {
            "width" => size.0 = emu,
            "height" => size.1 = emu,
            _ => {}
        }
    }
    size
}

#[cfg(test)]
mod tests {
    use super::{inlines_of, note_mark};
    use crate::model::Inline;

    #[test]
    fn note_stand_ins_become_references() {
        let text = format!("正文{}后文", note_mark(3));
        assert_eq!(
            inlines_of(&text),
            vec![
                Inline::text("正文"),
                Inline::NoteRef { id: 3 },
                Inline::text("后文")
            ]
        );
    }
}
