//! Paragraphs written as XML with direct formatting: the blocks whose indents, colour, size or
//! place on the page differ from their role's style (the 公文's split lines, rules, signature,
//! attachment notes, the 版记 framed at the foot of the last page).

use std::fmt::Write as _;

use super::geometry::{PageGeometry, Twips};
use super::parts::escape;
use super::styles::{ParagraphStyle, fonts, hex, justification};
use crate::flow::{Block, Content, Flow, Rule, Span, SpanKind};
use crate::template::Template;

/// Whether `block` must be written here rather than as a plain paragraph of its style.
pub fn needs_direct(block: &Block, template: &Template) -> bool {
    let declared = Flow::role_style(template, block.role);
    let has_note_mark = |spans: &[Span]| spans.iter().any(|s| s.kind == SpanKind::NoteMark);
    let marks_notes = match &block.content {
        Content::Text(spans) => has_note_mark(spans),
        Content::RunIn { rest, .. } => has_note_mark(rest),
        _ => false,
    };
    matches!(block.content, Content::Split { .. } | Content::Rule(_))
        || marks_notes
        || block.fixed_top_mm.is_some()
        || block.at_last_page_foot
        || block.style != declared
}

/// Where a direct paragraph sits.
#[derive(Debug, Clone, Copy, Default)]
pub struct Placement {
    /// The height taken on the page above the block, in twips (for a block at a fixed top).
    pub used_above: i32,
    /// The outline level the paragraph carries when it differs from its style's.
    pub outline_level: Option<u8>,
    /// The paragraph sits in the 版记's table, which places it (no frame of its own).
    pub in_record_table: bool,
}

/// One `w:p` for `block`.
pub fn paragraph(
    block: &Block,
    template: &Template,
    geometry: &PageGeometry,
    placement: Placement,
    note_ids: &[u32],
) -> String {
    let style = &block.style;
    let pitch = geometry.line_pitch.0 as f32;
    let mut out = String::with_capacity(512);
    let _ = write!(
        out,
        "<w:p><w:pPr><w:pStyle w:val=\"{}\"/>",
        ParagraphStyle::of(block.role).id()
    );
    if block.keep_with_next {
        out.push_str("<w:keepNext/><w:keepLines/>");
    }
    if block.page_break_before {
        out.push_str("<w:pageBreakBefore/>");
    }
    let frame_top = block
        .fixed_top_mm
        .filter(|_| matches!(block.content, Content::Rule(_)));
    if block.at_last_page_foot && !placement.in_record_table {
        // Consecutive paragraphs with the same frame form one frame, at the type area's foot.
        let _ = write!(
            out,
            "<w:framePr w:w=\"{}\" w:wrap=\"notBeside\" w:vAnchor=\"margin\" \
             w:hAnchor=\"margin\" w:xAlign=\"center\" w:yAlign=\"bottom\"/>",
            geometry.text_width().0
        );
    } else if let Some(top_mm) = block.fixed_top_mm.filter(|&top| top < 0.0) {
        // Above the type area (a letter's mark): a frame placed from the paper's top.
        let _ = write!(
            out,
            "<w:framePr w:w=\"{}\" w:wrap=\"notBeside\" w:vAnchor=\"page\" \
             w:hAnchor=\"margin\" w:xAlign=\"center\" w:y=\"{}\"/>",
            geometry.text_width().0,
            geometry.margin_top.0 + Twips::from_mm(top_mm).0
        );
    } else if let Some(top_mm) = frame_top {
        // A rule at a place of its own on the page (a letter's foot rules).
        let _ = write!(
            out,
            "<w:framePr w:w=\"{}\" w:wrap=\"notBeside\" w:vAnchor=\"margin\" \
             w:hAnchor=\"margin\" w:xAlign=\"center\" w:y=\"{}\"/>",
            geometry.text_width().0,
            Twips::from_mm(top_mm).0
        );
    }
    if let Content::Rule(rule) = &block.content {
        out.push_str(&rule_border(rule));
    }
    if let Content::Split { .. } = block.content {
        let right =
            geometry.text_width().0 - Twips::from_pt(style.right_indent_chars * style.size_pt).0;
        let _ = write!(
            out,
            "<w:tabs><w:tab w:val=\"right\" w:pos=\"{right}\"/></w:tabs>"
        );
    }
    let is_rule = matches!(block.content, Content::Rule(_));
    out.push_str(if is_rule || block.fixed_top_mm.is_some() {
        "<w:snapToGrid w:val=\"0\"/>"
    } else {
        ""
    });
    // Spacing: a fixed top is the space left above the block on its page.
    let before = match block.fixed_top_mm {
        Some(top_mm) if top_mm < 0.0 => "w:before=\"0\"".to_string(),
        Some(top_mm) if frame_top.is_none() => {
            format!(
                "w:before=\"{}\"",
                (Twips::from_mm(top_mm).0 - placement.used_above).max(0)
            )
        }
        _ => lines_attr("before", block.space_before_lines, pitch),
    };
    let after = lines_attr("after", block.space_after_lines, pitch);
    let line = match &block.content {
        Content::Rule(rule) => Twips::from_pt(rule_height_pt(rule)),
        _ => geometry.line_height_for(style.size_pt),
    };
    let _ = write!(
        out,
        "<w:spacing {before} {after} w:line=\"{}\" w:lineRule=\"exact\"/>",
        line.0.max(1)
    );
    out.push_str(&indents(block, geometry));
    let _ = write!(out, "<w:jc w:val=\"{}\"/>", justification(style.align));
    if let Some(level) = placement.outline_level {
        let _ = write!(
            out,
            "<w:outlineLvl w:val=\"{}\"/>",
            level.saturating_sub(1).min(8)
        );
    }
    if is_rule {
        out.push_str("<w:rPr><w:sz w:val=\"2\"/><w:szCs w:val=\"2\"/></w:rPr>");
    }
    out.push_str("</w:pPr>");
    let run = |out: &mut String, span: &Span| {
        if span.kind == SpanKind::NoteMark {
            out.push_str(&super::objects::span_runs(
                std::slice::from_ref(span),
                template,
                note_ids,
            ));
        } else {
            out.push_str(&run_xml(span, block, template));
        }
    };
    match &block.content {
        Content::Text(spans) => spans.iter().for_each(|span| run(&mut out, span)),
        Content::Lines(lines) => {
            for (index, line) in lines.iter().enumerate() {
                if index > 0 {
                    out.push_str("<w:r><w:br/></w:r>");
                }
                let span = Span {
                    text: line.as_str().into(),
                    face: style.face,
                    bold: style.bold,
                    kind: SpanKind::Text,
                };
                run(&mut out, &span);
            }
        }
        Content::RunIn { lead, rest } => {
            run(&mut out, lead);
            rest.iter().for_each(|span| run(&mut out, span));
        }
        Content::Split { left, right } => {
            left.iter().for_each(|span| run(&mut out, span));
            out.push_str("<w:r><w:tab/></w:r>");
            right.iter().for_each(|span| run(&mut out, span));
        }
        Content::Rule(_) | Content::TableOfContents | Content::Table(_) | Content::Image(_) => {}
    }
    out.push_str("</w:p>");
    out
}

/// `w:before="…" w:beforeLines="…"` for a gap in grid lines.
fn lines_attr(side: &str, lines: f32, pitch: f32) -> String {
    format!(
        "w:{side}=\"{}\" w:{side}Lines=\"{}\"",
        (lines * pitch).round() as i32,
        (lines * 100.0).round() as i32
    )
}

/// `w:ind`: left, right and first-line (or hanging) indents in characters of the block's size;
/// a rule longer than the type area reaches out on both sides.
fn indents(block: &Block, geometry: &PageGeometry) -> String {
    let style = &block.style;
    if let Content::Rule(Rule {
        length_mm: Some(length),
        from_left,
        ..
    }) = &block.content
    {
        if *from_left {
            let short = geometry.text_width().0 - Twips::from_mm(*length).0;
            return format!("<w:ind w:left=\"0\" w:right=\"{short}\"/>");
        }
        let reach = (Twips::from_mm(*length).0 - geometry.text_width().0) / 2;
        return format!("<w:ind w:left=\"{}\" w:right=\"{}\"/>", -reach, -reach);
    }
    let twips = |chars: f32| Twips::from_pt(chars * style.size_pt).0;
    let hundredths = |chars: f32| (chars * 100.0).round() as i32;
    let first = style.first_line_indent_chars;
    let first_line = if first < 0.0 {
        format!(
            "w:hanging=\"{}\" w:hangingChars=\"{}\"",
            twips(-first),
            hundredths(-first)
        )
    } else {
        format!(
            "w:firstLine=\"{}\" w:firstLineChars=\"{}\"",
            twips(first),
            hundredths(first)
        )
    };
    format!(
        "<w:ind w:left=\"{}\" w:leftChars=\"{}\" w:right=\"{}\" w:rightChars=\"{}\" {first_line}/>",
        twips(style.left_indent_chars),
        hundredths(style.left_indent_chars),
        twips(style.right_indent_chars),
        hundredths(style.right_indent_chars)
    )
}

/// The height of a rule's paragraph: the rule and, for a double rule, the gap and the second.
fn rule_height_pt(rule: &Rule) -> f32 {
    rule.thickness_pt + rule.double.map_or(0.0, |(thickness, gap)| thickness + gap)
}

/// `w:pBdr` drawing the rule under an empty paragraph.
fn rule_border(rule: &Rule) -> String {
    format!("<w:pBdr>{}</w:pBdr>", border("bottom", rule))
}

/// One border element (`w:bottom`, `w:top` …) drawing `rule`: single, or thick over thin, or
/// thin over thick. Widths are in eighths of a point (2–96).
pub fn border(side: &str, rule: &Rule) -> String {
    let eighths = |pt: f32| ((pt * 8.0).round() as i32).clamp(2, 96);
    let (kind, size) = match rule.double {
        None => ("single", eighths(rule.thickness_pt)),
        Some((second, _)) if second < rule.thickness_pt => {
            ("thickThinSmallGap", eighths(rule.thickness_pt))
        }
        Some((second, _)) => ("thinThickSmallGap", eighths(second)),
    };
    format!(
        "<w:{side} w:val=\"{kind}\" w:sz=\"{size}\" w:space=\"0\" w:color=\"{}\"/>",
        hex(rule.color)
    )
}

/// One `w:r` for `span`: its face's fonts when they differ from the block's, the block's size
/// and colour.
fn run_xml(span: &Span, block: &Block, template: &Template) -> String {
    let style = &block.style;
    let mut properties = String::new();
    if span.face != style.face {
        let face = span.face.style(&template.roles);
        properties.push_str(&fonts(&face.east_asian, &face.latin));
    } else {
        properties.push_str(&fonts(style.east_asian, style.latin));
    }
    if span.bold != style.bold {
        properties.push_str(if span.bold {
            "<w:b/><w:bCs/>"
        } else {
            "<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>"
        });
    }
    let _ = write!(properties, "<w:color w:val=\"{}\"/>", hex(style.color));
    let size = (style.size_pt * 2.0).round() as i32;
    let _ = write!(
        properties,
        "<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>"
    );
    format!(
        "<w:r><w:rPr>{properties}</w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        escape(&super::parts::xml_safe(&span.text))
    )
}
