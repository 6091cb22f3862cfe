//! Word's automatic numbering (`numbering.xml`): each numbered paragraph's label rendered as
//! Word prints it ("一、", "（二）", "3.", "①"), so that the label is frozen into the text.

use std::collections::HashMap;

use roxmltree::Node;

use super::xml::{attr, child, is, val};

/// One level of a list definition.
#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// What follows the label: "tab" (Word's default), "space" or "nothing".
    suffix: String,
    /// The level after which this one starts again (`w:lvlRestart`); `None`: any shallower.
    restart: Option<usize>,
    /// Legal numbering (`w:isLgl`): every level's number in Arabic digits.
    legal: bool,
}

/// The list definitions and the counters of the numbering met so far.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Vec<Option<Level>>>,
    /// numId → (abstractNumId, levels overridden by the instance, start overrides).
    instances: HashMap<String, Instance>,
    /// Counters by abstract list (Word continues a list across instances of it unless an
    /// instance overrides a start) then by instance.
    counters: HashMap<String, [Option<u32>; 9]>,
    /// How many labels were rendered.
    pub labels: usize,
}

#[derive(Debug, Clone, Default)]
struct Instance {
    abstract_id: String,
    levels: HashMap<usize, Level>,
    starts: HashMap<usize, u32>,
}

fn level_of(node: Node) -> Level {
    let number = |name: &str| {
        child(node, name)
            .and_then(val)
            .and_then(|v| v.parse::<u32>().ok())
    };
    Level {
        start: number("start").unwrap_or(1),
        format: child(node, "numFmt")
            .and_then(val)
            .unwrap_or("decimal")
            .to_string(),
        text: child(node, "lvlText")
            .and_then(val)
            .unwrap_or("")
            .to_string(),
        suffix: child(node, "suff")
            .and_then(val)
            .unwrap_or("tab")
            .to_string(),
        restart: number("lvlRestart").map(|r| r as usize),
        legal: child(node, "isLgl").is_some_and(|n| val(n) != Some("0") && val(n) != Some("false")),
    }
}

fn level_index(node: Node) -> Option<usize> {
    attr(node, "ilvl")
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&l| l < 9)
}

impl Numbering {
    /// Reads `numbering.xml`'s root.
    pub fn parse(root: Node) -> Numbering {
        let mut numbering = Numbering::default();
        for node in root.children().filter(|n| is(*n, "abstractNum")) {
            let Some(id) = attr(node, "abstractNumId") else {
                continue;
            };
            let mut levels: Vec<Option<Level>> = vec![None; 9];
            for lvl in node.children().filter(|n| is(*n, "lvl")) {
                if let Some(index) = level_index(lvl) {
                    levels[index] = Some(level_of(lvl));
                }
            }
            numbering.abstracts.insert(id.to_string(), levels);
        }
        for node in root.children().filter(|n| is(*n, "num")) {
            let Some(id) = attr(node, "numId") else {
                continue;
            };
            let Some(abstract_id) = child(node, "abstractNumId").and_then(val) else {
                continue;
            };
            let mut instance = Instance {
                abstract_id: abstract_id.to_string(),
                ..Instance::default()
            };
            for over in node.children().filter(|n| is(*n, "lvlOverride")) {
                let Some(index) = level_index(over) else {
                    continue;
                };
                if let Some(start) = child(over, "startOverride")
                    .and_then(val)
                    .and_then(|v| v.parse().ok())
                {
                    instance.starts.insert(index, start);
                }
                if let Some(lvl) = child(over, "lvl") {
                    instance.levels.insert(index, level_of(lvl));
                }
            }
            numbering.instances.insert(id.to_string(), instance);
        }
        numbering
    }

    /// The level definition in force for instance `num_id` at `level`.
    fn level(&self, num_id: &str, level: usize) -> Option<Level> {
        let instance = self.instances.get(num_id)?;
        if let Some(own) = instance.levels.get(&level) {
            return Some(own.clone());
        }
        self.abstracts
            .get(&instance.abstract_id)?
            .get(level)?
            .clone()
    }

    /// The label of the next paragraph numbered `num_id` at `level`, counting it: the
    /// rendered `lvlText` and what follows it. `None` for numbering switched off (numId 0)
    /// or undefined.
    pub fn next_label(&mut self, num_id: &str, level: usize) -> Option<String> {
        if num_id == "0" || level >= 9 {
            return None;
        }
        let instance = self.instances.get(num_id)?;
        // An instance that overrides a start counts on its own; others share the list's.
        let key = if instance.starts.is_empty() {
            format!("a{}", instance.abstract_id)
        } else {
            format!("n{num_id}")
        };
        let instance_starts: Vec<Option<u32>> =
            (0..9).map(|l| instance.starts.get(&l).copied()).collect();
        // Each level's definition, looked up once.
        let levels: Vec<Option<Level>> = (0..9).map(|l| self.level(num_id, l)).collect();
        let this = levels[level].clone()?;
        let starts: Vec<u32> = levels
            .iter()
            .zip(&instance_starts)
            .map(|(definition, start)| start.or(definition.as_ref().map(|d| d.start)).unwrap_or(1))
            .collect();
        let format_of = |l: usize| levels[l].as_ref().map_or("decimal", |d| d.format.as_str());
        // Deeper levels start again, unless one restarts only after a shallower level.
        let restarts: Vec<bool> = (0..9)
            .map(|deeper| {
                deeper > level
                    && levels[deeper]
                        .as_ref()
                        .and_then(|d| d.restart)
                        .unwrap_or(deeper)
                        > level
            })
            .collect();
        let counters = self.counters.entry(key).or_insert([None; 9]);
        counters[level] = Some(match counters[level] {
            Some(n) => n.saturating_add(1),
            None => starts[level],
        });
        for (deeper, restart) in restarts.iter().enumerate() {
            if *restart {
                counters[deeper] = None;
            }
        }
        let counters = *counters;
        let mut label = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(digit) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let referenced = (digit as usize).saturating_sub(1).min(8);
                    let number = counters[referenced].unwrap_or(starts[referenced]);
                    let format = if this.legal && referenced != level {
                        "decimal"
                    } else {
                        format_of(referenced)
                    };
                    label.push_str(&format_number(number, format));
                    continue;
                }
            }
            label.push(c);
        }
        if this.format == "bullet" {
            label = "•".to_string();
        }
        if label.is_empty() {
            return None;
        }
        self.labels += 1;
        let ends_in_mark = label
            .chars()
            .last()
            .is_some_and(|c| "、.．）)：:，,".contains(c));
        match this.suffix.as_str() {
            "nothing" => {}
            _ if ends_in_mark => {}
            _ if this.format == "bullet" => label.push(' '),
            _ => label.push('\u{3000}'),
        }
        Some(label)
    }
}

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// `number` in Word's number format `format`.
///
/// ```
/// use wengao::read::docx::numbering::format_number;
/// assert_eq!(format_number(12, "chineseCounting"), "十二");
/// assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
/// assert_eq!(format_number(28, "lowerLetter"), "bb");
/// assert_eq!(format_number(14, "upperRoman"), "XIV");
/// ```
pub fn format_number(number: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "japaneseCounting"
        | "koreanCounting"
        | "ideographDigital"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => {
            if format == "ideographDigital" {
                number
                    .to_string()
                    .chars()
                    .filter_map(|d| d.to_digit(10))
                    .map(|d| DIGITS[d as usize])
                    .collect()
            } else {
                chinese_counting(number)
            }
        }
        "ideographTraditional" => {
            const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
            STEMS[(number.max(1) as usize - 1) % 10].to_string()
        }
        "ideographZodiac" => {
            const BRANCHES: [char; 12] = [
                '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
            ];
            BRANCHES[(number.max(1) as usize - 1) % 12].to_string()
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&number) => {
            char::from_u32(0x2460 + number - 1).map_or_else(|| number.to_string(), String::from)
        }
        "decimalEnclosedParen" if (1..=20).contains(&number) => {
            char::from_u32(0x2474 + number - 1).map_or_else(|| number.to_string(), String::from)
        }
        "decimalEnclosedFullstop" if (1..=20).contains(&number) => {
            char::from_u32(0x2488 + number - 1).map_or_else(|| number.to_string(), String::from)
        }
        "decimalZero" => format!("{number:02}"),
        "upperLetter" => letters(number).to_uppercase(),
        "lowerLetter" => letters(number),
        "upperRoman" => roman(number),
        "lowerRoman" => roman(number).to_lowercase(),
        "decimalFullWidth" | "decimalFullWidth2" => number
            .to_string()
            .chars()
            .filter_map(|d| char::from_u32(d as u32 - '0' as u32 + 0xFF10))
            .collect(),
        "none" => String::new(),
        _ => number.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五, 1200 → 一千二百.
fn chinese_counting(number: u32) -> String {
    if number == 0 {
        return "〇".to_string();
    }
    if number >= 10_000 {
        return number.to_string();
    }
    let units = ['千', '百', '十'];
    let values = [1000, 100, 10];
    let mut out = String::new();
    let mut rest = number;
    let mut zero_pending = false;
    for (unit, value) in units.iter().zip(values) {
        let digit = rest / value;
        rest %= value;
        if digit > 0 {
            if zero_pending {
                out.push('〇');
                zero_pending = false;
            }
            // "十二", not "一十二", at the start.
            if !(digit == 1 && value == 10 && out.is_empty()) {
                out.push(DIGITS[digit as usize]);
            }
            out.push(*unit);
        } else if !out.is_empty() {
            zero_pending = true;
        }
    }
    if rest > 0 {
        if zero_pending {
            out.push('〇');
        }
        out.push(DIGITS[rest as usize]);
    }
    out.replace('〇', "零")
}

/// 1 → a, 26 → z, 27 → aa, 28 → bb (Word repeats the letter).
fn letters(number: u32) -> String {
    let number = number.max(1) - 1;
    let letter = (b'a' + (number % 26) as u8) as char;
    std::iter::repeat_n(letter, (number / 26 + 1).min(50) as usize).collect()
}

fn roman(mut number: u32) -> String {
    if number == 0 || number >= 4000 {
        return number.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while number >= value {
            out.push_str(digits);
            number -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{chinese_counting, format_number};

    #[test]
    fn chinese_numbers_read_as_written() {
        let cases = [
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (21, "二十一"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
            (1200, "一千二百"),
            (1005, "一千零五"),
        ];
        for (number, text) in cases {
            assert_eq!(chinese_counting(number), text, "{number}");
        }
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(3, "decimalZero"), "03");
        assert_eq!(format_number(4, "lowerRoman"), "iv");
        assert_eq!(format_number(21, "decimalEnclosedCircle"), "21");
    }
}
