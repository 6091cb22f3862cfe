//! Page geometry in Word's units: twips for lengths, the docGrid line pitch and character space.

use crate::template::{Page, Role};

/// Twentieths of a point, Word's unit for page geometry and indents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Twips(pub i32);

impl Twips {
    /// A length in millimetres, rounded to the nearest twip.
    pub fn from_mm(mm: f32) -> Twips {
        Twips((mm * 1440.0 / 25.4).round() as i32)
    }

    /// A length in points, rounded to the nearest twip.
    pub fn from_pt(pt: f32) -> Twips {
        Twips((pt * 20.0).round() as i32)
    }

    /// The length in points.
    pub fn pt(self) -> f32 {
        self.0 as f32 / 20.0
    }
}

/// The page of a template in twips, with the grid that gives its lines and characters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageGeometry {
    pub width: Twips,
    pub height: Twips,
    pub margin_top: Twips,
    pub margin_bottom: Twips,
    pub margin_left: Twips,
    pub margin_right: Twips,
    /// Distance from the bottom edge of the paper to the bottom of the footer.
    pub footer: Twips,
    /// docGrid `w:linePitch`: the height of one grid line.
    pub line_pitch: Twips,
    /// docGrid `w:charSpace`: the grid's character pitch minus the default font size, in
    /// 1/4096 pt.
    pub char_space: i32,
    /// The font size the grid is measured against (the body size, the document default).
    pub chars_base_pt: f32,
}

impl PageGeometry {
    /// Geometry for `page`, with the grid measured against the body role's font size (the
    /// document default size, which Word and LibreOffice both use as the grid's base).
    ///
    /// ```
    /// use wengao::template::Template;
    /// use wengao::write::docx::geometry::PageGeometry;
    /// let t = Template::builtin("gongwen").unwrap();
    /// let g = PageGeometry::new(&t.page, &t.roles.body, &t.roles.page_number);
    /// assert_eq!((g.width.0, g.height.0), (11906, 16838));
    /// assert_eq!(g.lines_per_page(), 22);
    /// assert_eq!(g.chars_per_line(t.roles.body.size.pt()), 28);
    /// ```
    pub fn new(page: &Page, body: &Role, page_number: &Role) -> PageGeometry {
        let width = Twips::from_mm(page.width_mm);
        let height = Twips::from_mm(page.height_mm);
        let margin_top = Twips::from_mm(page.margin_top_mm);
        let margin_bottom = Twips::from_mm(page.margin_bottom_mm);
        let margin_left = Twips::from_mm(page.margin_left_mm);
        let margin_right = Twips::from_mm(page.margin_right_mm);
        let text_height = height.0 - margin_top.0 - margin_bottom.0;
        let text_width = width.0 - margin_left.0 - margin_right.0;
        // Both Word and LibreOffice put floor(text height / pitch) lines on a page and
        // floor(text width / pitch) characters on a line, so the pitches are rounded down.
        let line_pitch = Twips(text_height / page.lines_per_page.max(1) as i32);
        let char_pitch_pt = text_width as f32 / 20.0 / page.chars_per_line.max(1) as f32;
        let char_space = ((char_pitch_pt - body.size.pt()) * 4096.0).floor() as i32;
        // The page number line's top sits `page_number_gap_mm` below the text block.
        let number_line_mm = page_number.size.pt() * 1.3 * 25.4 / 72.0;
        let footer_mm = (page.margin_bottom_mm - page.page_number_gap_mm - number_line_mm).max(0.0);
        PageGeometry {
            width,
            height,
            margin_top,
            margin_bottom,
            margin_left,
            margin_right,
            footer: Twips::from_mm(footer_mm),
            line_pitch,
            char_space,
            chars_base_pt: body.size.pt(),
        }
    }

    /// Width of the text block.
    pub fn text_width(&self) -> Twips {
        Twips(self.width.0 - self.margin_left.0 - self.margin_right.0)
    }

    /// Height of the text block.
    pub fn text_height(&self) -> Twips {
        Twips(self.height.0 - self.margin_top.0 - self.margin_bottom.0)
    }

    /// Lines that fit on a page at the grid's line pitch.
    pub fn lines_per_page(&self) -> i32 {
        self.text_height().0 / self.line_pitch.0
    }

    /// Characters of `size_pt` that fit on a line at the grid's character pitch.
    pub fn chars_per_line(&self, size_pt: f32) -> i32 {
        let pitch = size_pt + self.char_space as f32 / 4096.0;
        (self.text_width().pt() / pitch).floor() as i32
    }

    /// The width of one grid cell: the base size plus `charSpace`.
    pub fn cell_pt(&self) -> f32 {
        self.chars_base_pt + self.char_space as f32 / 4096.0
    }

    /// Horizontal scale in percent (`w:w`) that makes a glyph of `size_pt` no wider than one
    /// grid cell, for sizes within a point above the cell; `None` for other sizes.
    ///
    /// LibreOffice gives a character wider than a cell two cells (and ignores letter spacing
    /// when it measures), so a 16 pt glyph in the 15.79 pt cells of a 28-character line
    /// must be scaled to 98 %; Word puts it on the same grid either way.
    pub fn scale_for(&self, size_pt: f32) -> Option<u32> {
        let cell = self.cell_pt();
        if size_pt <= cell || size_pt > cell + 1.0 {
            return None;
        }
        Some((cell / size_pt * 100.0).floor() as u32)
    }

    /// The exact line height for text of `size_pt`: the smallest whole number of grid lines
    /// that holds the glyphs.
    pub fn line_height_for(&self, size_pt: f32) -> Twips {
        let needed = Twips::from_pt(size_pt * 1.25).0;
        let lines = (needed + self.line_pitch.0 - 1) / self.line_pitch.0;
        Twips(self.line_pitch.0 * lines.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Template;

    #[test]
    fn gongwen_grid_is_22_by_28_with_a_little_to_spare() {
        let t = Template::builtin("gongwen").unwrap();
        let g = PageGeometry::new(&t.page, &t.roles.body, &t.roles.page_number);
        assert_eq!(g.margin_top, Twips(2098));
        assert_eq!(g.margin_left, Twips(1587));
        assert_eq!(g.line_pitch, Twips(579));
        assert_eq!(g.lines_per_page(), 22);
        assert_eq!(g.chars_per_line(16.0), 28);
        // One more character would not fit.
        let pitch = 16.0 + g.char_space as f32 / 4096.0;
        assert!(pitch * 29.0 > g.text_width().pt());
        // A 16 pt glyph is narrowed to fit its 15.79 pt cell; 二号 is left alone.
        assert_eq!(g.scale_for(16.0), Some(98));
        assert!(16.0 * 0.98 <= pitch);
        assert_eq!(g.scale_for(22.0), None);
        assert_eq!(g.scale_for(15.0), None);
    }

    #[test]
    fn plain_grid_follows_its_template() {
        let t = Template::builtin("plain").unwrap();
        let g = PageGeometry::new(&t.page, &t.roles.body, &t.roles.page_number);
        assert_eq!(g.lines_per_page(), 32);
        assert_eq!(g.chars_per_line(t.roles.body.size.pt()), 33);
    }

    #[test]
    fn a_title_line_takes_whole_grid_lines() {
        let t = Template::builtin("gongwen").unwrap();
        let g = PageGeometry::new(&t.page, &t.roles.body, &t.roles.page_number);
        assert_eq!(g.line_height_for(16.0), Twips(579));
        assert_eq!(g.line_height_for(26.0), Twips(1158));
    }
}
