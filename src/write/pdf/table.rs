//! Tables laid out for the PDF: column widths in the source's proportions across the type area,
//! cell text broken with the body's line-breaking rules, row heights from their tallest cell,
//! the grid's rules, and a row split across pages where it does not fit (the header rows are
//! printed again above the rest, by the paginator).

use super::layout::{
    Geometry, Line, LinePlacement, Metrics, Run, Segment, break_paragraph, measure, place, weight,
};
use crate::flow::{FaceRole, Rgb};
use crate::model::{Inline, Table};
use crate::template::Roles;

/// Space between a cell's rules and its text, left and right, in points.
const PAD_X: f32 = 4.0;
/// Space between a cell's rules and its text, top and bottom, in points.
const PAD_Y: f32 = 3.0;
/// Baseline to baseline inside a cell, in em (single spacing).
const CELL_LINE_EM: f32 = 1.3;
/// Where a line's baseline sits under the line's top, in em.
const CELL_ASCENT_EM: f32 = 1.0;
/// The grid's rules, in points.
pub const TABLE_RULE_PT: f32 = 0.5;

/// One row of a table, laid out: its cells' lines (baselines from the row's top, x on the
/// page), its height and its rules.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRowLayout {
    /// The lines of each cell that starts in this row.
    pub cells: Vec<Vec<Line>>,
    pub height: f32,
    /// A header row, printed again at the top of each page the table runs onto.
    pub header: bool,
    pub left: f32,
    pub right: f32,
    /// Where vertical rules stand in this row.
    pub verticals: Vec<f32>,
    /// The stretches of the rule under this row (none under a cell that spans on down).
    pub bottom: Vec<(f32, f32)>,
}

impl TableRowLayout {
    /// The row's rules when its top stands at `top` (from the page's top); `with_top` adds the
    /// rule above it (the table's first row, or the first on a page).
    pub fn segments(&self, top: f32, with_top: bool) -> Vec<Segment> {
        let bottom = top + self.height;
        let mut out = Vec::new();
        if with_top {
            out.push(Segment::horizontal(top, self.left, self.right));
        }
        for &x in &self.verticals {
            out.push(Segment {
                x1: x,
                y1: top,
                x2: x,
                y2: bottom,
                thickness: TABLE_RULE_PT,
            });
        }
        for &(from, to) in &self.bottom {
            out.push(Segment::horizontal(bottom, from, to));
        }
        out
    }

    /// Splits the row where `available` points run out: the lines that fit stay, the others
    /// move to a second part that starts at its own top. `None` when nothing would stay or
    /// nothing would move.
    pub fn split(&self, available: f32) -> Option<(TableRowLayout, TableRowLayout)> {
        let limit = available - PAD_Y;
        let size = |line: &Line| line.glyphs.first().map_or(0.0, |g| g.size);
        let bottom_of = |line: &Line| line.baseline + (CELL_LINE_EM - CELL_ASCENT_EM) * size(line);
        let mut stay_cells = Vec::with_capacity(self.cells.len());
        let mut moved_cells = Vec::with_capacity(self.cells.len());
        for cell in &self.cells {
            let (stay, mut go): (Vec<Line>, Vec<Line>) =
                cell.iter().cloned().partition(|l| bottom_of(l) <= limit);
            // The cell's moved lines start at the top of the second part.
            if let Some(first) = go.first() {
                let shift = first.baseline - CELL_ASCENT_EM * size(first) - PAD_Y;
                for line in &mut go {
                    line.baseline -= shift;
                }
            }
            stay_cells.push(stay);
            moved_cells.push(go);
        }
        let stays = stay_cells.iter().any(|c| !c.is_empty());
        let moves = moved_cells.iter().any(|c| !c.is_empty());
        if !stays || !moves {
            return None;
        }
        let rest_height = moved_cells
            .iter()
            .flatten()
            .map(|l| bottom_of(l) + PAD_Y)
            .fold(0.0f32, f32::max);
        let first = TableRowLayout {
            cells: stay_cells,
            height: available,
            bottom: vec![(self.left, self.right)],
            ..self.clone()
        };
        let second = TableRowLayout {
            cells: moved_cells,
            height: rest_height.max(self.height - available),
            ..self.clone()
        };
        Some((first, second))
    }

    /// Every line of the row.
    pub fn lines(&self) -> impl Iterator<Item = &Line> {
        self.cells.iter().flatten()
    }
}

/// Lays `table` out across the type area in the table role's face.
pub fn lay_table(
    table: &Table,
    roles: &Roles,
    geometry: &Geometry,
    metrics: &dyn Metrics,
    missing: &mut Vec<char>,
) -> Vec<TableRowLayout> {
    let grid = table.grid();
    let columns = table.column_count().max(1);
    let widths = column_widths(table, columns, geometry.block_width);
    let mut edges = Vec::with_capacity(columns + 1);
    let mut x = geometry.block_left;
    edges.push(x);
    for width in &widths {
        x += width;
        edges.push(x);
    }
    let role = FaceRole::Table;
    let size = role.style(roles).size.pt();
    let bold = role.style(roles).bold;
    let line_height = size * CELL_LINE_EM;
    // Each cell's lines, set at its row's top (baselines from there).
    struct Placed {
        row: usize,
        span: usize,
        lines: Vec<Line>,
        height: f32,
    }
    let mut placed: Vec<Placed> = Vec::new();
    for (r, slots) in grid.iter().enumerate() {
        let mut column = 0;
        while column < slots.len() {
            let (owner_row, owner_cell) = slots[column];
            let cell = &table.rows[owner_row].cells[owner_cell];
            let span = (cell.col_span.max(1) as usize).min(slots.len() - column);
            if owner_row == r {
                let left = edges[column] + PAD_X;
                let width = (edges[column + span] - edges[column] - 2.0 * PAD_X).max(size);
                let mut lines = Vec::new();
                let mut baseline = PAD_Y + CELL_ASCENT_EM * size;
                for paragraph in &cell.paragraphs {
                    let text: String = paragraph
                        .iter()
                        .map(|inline| match inline {
                            Inline::NoteRef { id } => id.to_string(),
                            other => other.as_str().to_string(),
                        })
                        .collect();
                    let runs = [Run {
                        text: std::borrow::Cow::Owned(text),
                        face: role,
                        weight: weight(bold),
                        color: Rgb::BLACK,
                    }];
                    let units = measure(&runs, size, geometry, metrics, missing);
                    for (start, end) in break_paragraph(&units, width, width) {
                        let glyphs = place(&units[start..end], left, width, LinePlacement::Left);
                        lines.push(Line {
                            row: 0,
                            baseline,
                            role,
                            fill: super::layout::Fill::Natural,
                            glyphs,
                        });
                        baseline += line_height;
                    }
                }
                let content_lines = lines.len().max(1) as f32;
                placed.push(Placed {
                    row: r,
                    span: (cell.row_span.max(1) as usize).min(grid.len() - r),
                    lines,
                    height: content_lines * line_height + 2.0 * PAD_Y,
                });
            }
            column += span;
        }
    }
    // Row heights: the tallest cell of one row; a cell spanning rows adds what it lacks to
    // the last of them.
    let mut heights = vec![line_height + 2.0 * PAD_Y; grid.len()];
    for cell in placed.iter().filter(|c| c.span == 1) {
        heights[cell.row] = heights[cell.row].max(cell.height);
    }
    for cell in placed.iter().filter(|c| c.span > 1) {
        let rows = cell.row..cell.row + cell.span;
        let have: f32 = heights[rows.clone()].iter().sum();
        if cell.height > have {
            heights[rows.end - 1] += cell.height - have;
        }
    }
    let mut out = Vec::with_capacity(grid.len());
    for (r, slots) in grid.iter().enumerate() {
        let cells = placed
            .iter_mut()
            .filter(|c| c.row == r)
            .map(|c| std::mem::take(&mut c.lines))
            .collect();
        let mut verticals = vec![edges[0]];
        for k in 1..slots.len() {
            if slots[k] != slots[k - 1] {
                verticals.push(edges[k]);
            }
        }
        verticals.push(edges[slots.len().min(edges.len() - 1)]);
        let mut bottom: Vec<(f32, f32)> = Vec::new();
        for k in 0..slots.len() {
            let continues = grid.get(r + 1).and_then(|next| next.get(k)) == Some(&slots[k]);
            if continues {
                continue;
            }
            match bottom.last_mut() {
                Some(last) if (last.1 - edges[k]).abs() < 0.01 => last.1 = edges[k + 1],
                _ => bottom.push((edges[k], edges[k + 1])),
            }
        }
        out.push(TableRowLayout {
            cells,
            height: heights[r],
            header: (r as u32) < table.header_rows,
            left: edges[0],
            right: edges[slots.len().min(edges.len() - 1)],
            verticals,
            bottom,
        });
    }
    out
}

/// The columns' widths in points, in the source's proportions, filling `total`.
fn column_widths(table: &Table, columns: usize, total: f32) -> Vec<f32> {
    let given = &table.column_widths;
    let source: Vec<f32> = if given.len() == columns && given.iter().all(|&w| w > 0) {
        given.iter().map(|&w| w as f32).collect()
    } else {
        vec![1.0; columns]
    };
    let sum: f32 = source.iter().sum();
    source.iter().map(|w| w / sum * total).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{TableCell, TableRow};
    use crate::template::Template;
    use crate::write::pdf::layout::FixedMetrics;

    fn cell(text: &str) -> TableCell {
        TableCell::new(vec![vec![Inline::text(text)]])
    }

    fn lay_with_the_gongwen_template(table: &Table) -> Vec<TableRowLayout> {
        let template = Template::builtin("gongwen").unwrap();
        let geometry = Geometry::of(&template);
        lay_table(
            table,
            &template.roles,
            &geometry,
            &FixedMetrics::default(),
            &mut Vec::new(),
        )
    }

    #[test]
    fn a_merged_cell_has_no_rule_through_it() {
        let mut wide = cell("合并");
        wide.col_span = 2;
        let table = Table {
            rows: vec![
                TableRow { cells: vec![wide] },
                TableRow {
                    cells: vec![cell("甲"), cell("乙")],
                },
            ],
            header_rows: 1,
            column_widths: Vec::new(),
            line: None,
        };
        let rows = lay_with_the_gongwen_template(&table);
        assert_eq!(rows[0].verticals.len(), 2, "only the outer edges");
        assert_eq!(rows[1].verticals.len(), 3);
        assert!(rows[0].header && !rows[1].header);
        assert_eq!(rows[0].cells[0][0].text(), "合并");
    }

    #[test]
    fn a_tall_row_splits_where_the_room_runs_out() {
        let text = "国".repeat(400);
        let table = Table {
            rows: vec![TableRow {
                cells: vec![cell(&text)],
            }],
            header_rows: 0,
            column_widths: Vec::new(),
            line: None,
        };
        let rows = lay_with_the_gongwen_template(&table);
        let (first, second) = rows[0].split(100.0).expect("split");
        let count = |row: &TableRowLayout| -> usize { row.lines().map(|l| l.glyphs.len()).sum() };
        assert_eq!(count(&first) + count(&second), 400);
        assert!(
            second.cells[0][0].baseline < 30.0,
            "the rest starts at its own top"
        );
    }
}
