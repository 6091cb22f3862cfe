//! Heading and enumeration markers: 一、 （一） 1. （1） ① 第一， 首先， 一是 一要 一方面 第一部分.

use crate::model::{Family, Marker, Width};

/// The characters of a Chinese numeral.
const HAN_DIGITS: [char; 14] = [
    '〇', '零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '两',
];

/// The sequence words and their ordinals: 首先， 其次， 再次， 最后，.
const SEQUENCE_WORDS: [(&str, u32); 4] = [("首先", 1), ("其次", 2), ("再次", 3), ("最后", 4)];

/// The value of a Chinese numeral such as "十二" or "二十一" (1..=999), if it is one.
///
/// ```
/// use wengao::read::text::markers::han_number;
/// assert_eq!(han_number("十二"), Some(12));
/// assert_eq!(han_number("二十一"), Some(21));
/// assert_eq!(han_number("一百零三"), Some(103));
/// assert_eq!(han_number("年"), None);
/// ```
pub fn han_number(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|v| v as u32)
    };
    let mut total = 0;
    let mut current = 0;
    let mut seen = false;
    for c in s.chars() {
        match c {
            '零' | '〇' => current = 0,
            '两' => current = 2,
            '十' => {
                total += if current == 0 && !seen { 1 } else { current } * 10;
                current = 0;
            }
            '百' => {
                total += current.max(1) * 100;
                current = 0;
            }
            c => current = digit(c)?,
        }
        seen = true;
    }
    let value = total + current;
    (1..=999).contains(&value).then_some(value)
}

/// The value of one or two digits (ASCII or full-width) of a marker: `None` for none or more
/// (a year, a count).
fn two_digit_number(digits: &str) -> Option<u32> {
    if digits.is_empty() || digits.chars().count() > 2 {
        return None;
    }
    digits
        .chars()
        .try_fold(0, |acc, c| Some(acc * 10 + ascii_digit_value(c)?))
}

fn ascii_digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Splits the leading run of characters satisfying `pred`.
fn leading(s: &str, pred: impl Fn(char) -> bool) -> (&str, &str) {
    let end = s
        .char_indices()
        .find(|&(_, c)| !pred(c))
        .map_or(s.len(), |(i, _)| i);
    s.split_at(end)
}

/// The width of a marker's dot, comma or bracket.
fn mark_width(mark: char) -> Width {
    if mark.is_ascii() {
        Width::Half
    } else {
        Width::Full
    }
}

fn marker(family: Family, ordinal: u32, text: &str, width: Width) -> Option<(Marker, usize)> {
    Some((
        Marker {
            family,
            ordinal,
            text: text.to_string(),
            width,
        },
        text.len(),
    ))
}

/// A heading that is a bare Chinese numeral ("## 一" in Markdown): the marker of the 一、
/// family, the whole text. Only for lines already known to be headings; in running text a
/// lone "一" is anything.
///
/// ```
/// use wengao::read::text::markers::bare_numeral;
/// assert_eq!(bare_numeral("三").unwrap().ordinal, 3);
/// assert!(bare_numeral("三国").is_none());
/// ```
pub fn bare_numeral(s: &str) -> Option<Marker> {
    let text = s.trim_matches(crate::read::text::space::is_space);
    if text.is_empty() || !text.chars().all(|c| HAN_DIGITS.contains(&c)) {
        return None;
    }
    let ordinal = han_number(text).filter(|&n| n > 0)?;
    marker(Family::HanSpace, ordinal, text, Width::Neutral).map(|(m, _)| m)
}

/// Whether `c` can start a marker of a family other than the labelled one ("任务2："): a
/// numeral, 第, a sequence word's first character, or anything but a Chinese character (a
/// bracket, a digit, ①). A quick test before [`parse`] where most characters are text.
pub fn may_start_unlabelled(c: char) -> bool {
    !crate::model::is_han(c)
        || HAN_DIGITS.contains(&c)
        // 第一， 其一， 另一方面， and the first characters of SEQUENCE_WORDS (a test
        // checks them; a search of the words here would run on every character of a text).
        || matches!(c, '第' | '其' | '另' | '首' | '再' | '最')
}

/// Parses a marker at the start of `s`, returning it and its length in bytes.
/// Guards against dates, counts and numbers in sentences ("2023年", "第一个", "1.5%", "第一档：").
///
/// ```
/// use wengao::read::text::markers::parse;
/// use wengao::model::Family;
/// assert_eq!(parse("（三）基本原则").unwrap().0.family, Family::HanBracket);
/// assert_eq!(parse("第三,要解决好").unwrap().0.ordinal, 3);
/// assert_eq!(parse("一要事无巨细").unwrap().0.family, Family::YiYao);
/// assert!(parse("1.5%的增长").is_none());
/// assert!(parse("第一个阶段，从").is_none());
/// assert!(parse("一、二、三产业").is_none());
/// ```
pub fn parse(s: &str) -> Option<(Marker, usize)> {
    let first = s.chars().next()?;
    match first {
        '（' | '(' => parse_bracketed(s),
        '①'..='⑳' => marker(
            Family::Circled,
            first as u32 - '①' as u32 + 1,
            &s[..first.len_utf8()],
            Width::Neutral,
        ),
        '第' => parse_di(s),
        '其' => parse_qi(s).or_else(|| parse_sequence(s)),
        '首' | '再' | '最' => parse_sequence(s),
        '另' if s.starts_with("另一方面") => {
            marker(Family::YiFangMian, 2, "另一方面", Width::Neutral)
        }
        c if ascii_digit_value(c).is_some() => parse_arabic(s),
        c if HAN_DIGITS.contains(&c) => parse_han(s),
        c if crate::model::is_han(c) => parse_labelled(s),
        _ => None,
    }
}

/// The longest label of a labelled heading ("任务1：", "专题 二："), in characters.
const MAX_LABEL_CHARS: usize = 4;

/// "任务1：…", "考点 2：…", "专题三：…", "课题1 基于…": a label of one to four Chinese
/// characters, a number and a colon or white space, then the heading's text. "子课题1.2 …"
/// (a dotted number) is the sub-numbering [`Family::LabelledSub`]. Whether the label recurs
/// (one "电话1：" is no heading family) is the structure's to decide.
fn parse_labelled(s: &str) -> Option<(Marker, usize)> {
    // Most lines start with a Chinese character: look at no more than a label's length.
    let end = s
        .char_indices()
        .take(MAX_LABEL_CHARS + 1)
        .find(|&(_, c)| !is_label_char(c))
        .map(|(i, _)| i)?;
    let (label, after) = s.split_at(end);
    let label_chars = label.chars().count();
    if !(1..=MAX_LABEL_CHARS).contains(&label_chars)
        // Attachments, and the captions of figures, tables and boxed columns (专栏).
        || ["附", "图", "表", "专栏"].iter().any(|p| label.starts_with(p))
    {
        return None;
    }
    let after = after.trim_start_matches(crate::read::text::space::is_space);
    let (digits, rest) = leading(after, |c| ascii_digit_value(c).is_some());
    let (family, ordinal, rest) = if digits.is_empty() {
        let (numeral, rest) = leading(after, |c| HAN_DIGITS.contains(&c));
        (Family::Labelled, han_number(numeral)?, rest)
    } else {
        match rest
            .strip_prefix(['.', '．'])
            .map(|more| leading(more, |c| ascii_digit_value(c).is_some()))
        {
            Some((sub, rest)) if !sub.is_empty() => {
                // "子课题1.2": numbered by the last part, the first a number all the same.
                two_digit_number(digits)?;
                (Family::LabelledSub, two_digit_number(sub)?, rest)
            }
            _ => (Family::Labelled, two_digit_number(digits)?, rest),
        }
    };
    let spaced = rest.starts_with(crate::read::text::space::is_space);
    let rest = rest.trim_start_matches(crate::read::text::space::is_space);
    let title = match rest.chars().next() {
        Some(colon @ ('：' | ':')) => &rest[colon.len_utf8()..],
        // "课题1 基于…": white space instead of the colon, then words (not "1 000").
        Some(c) if spaced && (crate::model::is_han(c) || c.is_alphabetic()) => rest,
        _ => return None,
    };
    if ordinal == 0
        || title
            .trim_matches(crate::read::text::space::is_space)
            .is_empty()
    {
        return None;
    }
    let len = s.len() - title.len();
    marker(family, ordinal, &s[..len], Width::Neutral)
}

/// The label of a labelled marker ("任务" of "任务 1："), to tell its families apart.
pub fn label_of(marker: &Marker) -> &str {
    let end = marker
        .text
        .char_indices()
        .find(|&(_, c)| !is_label_char(c))
        .map_or(marker.text.len(), |(i, _)| i);
    &marker.text[..end]
}

/// A character of a label: Chinese, not a numeral.
fn is_label_char(c: char) -> bool {
    crate::model::is_han(c) && !HAN_DIGITS.contains(&c)
}

fn parse_bracketed(s: &str) -> Option<(Marker, usize)> {
    let open = s.chars().next()?;
    let body = &s[open.len_utf8()..];
    let (digits, after) = leading(body, |c| ascii_digit_value(c).is_some());
    let letter = body.chars().next().filter(char::is_ascii_lowercase);
    let (family, ordinal, after) = if !digits.is_empty() {
        (Family::ArabicBracket, two_digit_number(digits)?, after)
    } else if let Some(letter) = letter {
        (
            Family::LetterBracket,
            u32::from(letter) - u32::from('a') + 1,
            &body[1..],
        )
    } else {
        let (numeral, after) = leading(body, |c| HAN_DIGITS.contains(&c));
        (Family::HanBracket, han_number(numeral)?, after)
    };
    let close = after.chars().next()?;
    if !matches!(close, '）' | ')') || ordinal == 0 {
        return None;
    }
    let len = s.len() - after.len() + close.len_utf8();
    // Width is the brackets': "（1）" is the standard full-width form, "(1)" the web one.
    let width = if open == '（' && close == '）' {
        Width::Full
    } else {
        Width::Half
    };
    marker(family, ordinal, &s[..len], width)
}

fn parse_di(s: &str) -> Option<(Marker, usize)> {
    let body = &s['第'.len_utf8()..];
    let (numeral, after) = leading(body, |c| HAN_DIGITS.contains(&c));
    let ordinal = han_number(numeral)?;
    for (suffix, family) in [
        ("部分", Family::Part),
        ("篇", Family::Part),
        ("章", Family::Chapter),
        ("节", Family::Section),
    ] {
        if let Some(rest) = after.strip_prefix(suffix) {
            // "第一章 总则" but not "第一节课" or "第一部分内容是…" run into a sentence.
            let next = rest.chars().next();
            if next.is_none_or(|c| crate::read::text::space::is_space(c) || "：:，,、".contains(c))
            {
                let len = s.len() - rest.len();
                return marker(family, ordinal, &s[..len], Width::Neutral);
            }
        }
    }
    // "第一　彻底消灭日本侵略者": a titled point.
    if let Some(first) = after.chars().next()
        && crate::read::text::space::is_space(first)
    {
        let text = after.trim_start_matches(crate::read::text::space::is_space);
        if text.starts_with(|c: char| crate::model::is_han(c)) {
            let len = s.len() - after.len();
            let (mut found, _) = marker(Family::OrdinalSpace, ordinal, &s[..len], Width::Neutral)?;
            found.text = s[..len].to_string();
            return Some((found, s.len() - text.len()));
        }
        return None;
    }
    // "第一，", "第一点，", "第一个，", "第一种，".
    let after = after
        .strip_prefix(['点', '个', '种', '条'])
        .filter(|rest| rest.starts_with(['，', ',', '、']))
        .unwrap_or(after);
    let comma = after.chars().next()?;
    if matches!(comma, '，' | ',' | '、') && after.chars().nth(1).is_some() {
        let len = s.len() - after.len() + comma.len_utf8();
        return marker(Family::Ordinal, ordinal, &s[..len], mark_width(comma));
    }
    None
}

fn parse_qi(s: &str) -> Option<(Marker, usize)> {
    let body = &s['其'.len_utf8()..];
    let (numeral, after) = leading(body, |c| HAN_DIGITS.contains(&c));
    let ordinal = han_number(numeral)?;
    let comma = after.chars().next()?;
    if !matches!(comma, '，' | ',' | '：' | ':') {
        return None;
    }
    let len = s.len() - after.len() + comma.len_utf8();
    marker(
        Family::Ordinal,
        ordinal,
        &s[..len],
        if comma.is_ascii() {
            Width::Half
        } else {
            Width::Full
        },
    )
}

fn parse_sequence(s: &str) -> Option<(Marker, usize)> {
    for (word, ordinal) in SEQUENCE_WORDS {
        if let Some(rest) = s.strip_prefix(word) {
            let comma = rest.chars().next()?;
            if matches!(comma, '，' | ',') {
                let len = word.len() + comma.len_utf8();
                return marker(Family::Sequence, ordinal, &s[..len], mark_width(comma));
            }
        }
    }
    None
}

fn parse_arabic(s: &str) -> Option<(Marker, usize)> {
    let (digits, after) = leading(s, |c| ascii_digit_value(c).is_some());
    let value = two_digit_number(digits)?;
    let dot = after.chars().next()?;
    // U+FE52 SMALL FULL STOP stands in for the dot in some typeset texts ("1﹒推进…").
    if !matches!(dot, '.' | '．' | '、' | '﹒') || value == 0 {
        return None;
    }
    let rest = &after[dot.len_utf8()..];
    let next = rest.chars().next()?;
    // "1.5%" and "3.2万" are numbers, not markers.
    if ascii_digit_value(next).is_some() || next == '%' || next == '％' {
        return None;
    }
    let len = s.len() - rest.len();
    marker(Family::ArabicDot, value, &s[..len], mark_width(dot))
}

fn parse_han(s: &str) -> Option<(Marker, usize)> {
    if s.starts_with("一方面") {
        return marker(Family::YiFangMian, 1, "一方面", Width::Neutral);
    }
    let (numeral, after) = leading(s, |c| {
        HAN_DIGITS.contains(&c) && c != '两' && c != '零' && c != '〇'
    });
    let ordinal = han_number(numeral)?;
    let next = after.chars().next()?;
    let after_next = &after[next.len_utf8()..];
    // "一 关于形势和任务", "二　　关于下半年的目标": a numeral, white space, then the heading.
    if crate::read::text::space::is_space(next) {
        let text = after.trim_start_matches(crate::read::text::space::is_space);
        let starts_words = text.starts_with(|c: char| crate::model::is_han(c) || c == '“');
        return (starts_words && numeral.chars().count() <= 3).then(|| {
            let len = s.len() - text.len();
            (
                Marker {
                    family: Family::HanSpace,
                    ordinal,
                    text: numeral.to_string(),
                    width: Width::Neutral,
                },
                len,
            )
        });
    }
    match next {
        '、' | '．' | '.' => {
            // "一、二、三产业" is a list of numbers, not a heading.
            let (more, tail) = leading(after_next, |c| HAN_DIGITS.contains(&c));
            if !more.is_empty() && tail.starts_with(['、', '是']) {
                return None;
            }
            if after_next.is_empty() {
                return None;
            }
            let len = s.len() - after_next.len();
            let width = if next == '.' {
                Width::Half
            } else if next == '．' {
                Width::Full
            } else {
                Width::Neutral
            };
            marker(Family::HanComma, ordinal, &s[..len], width)
        }
        '是' | '要' => {
            // "一是一，二是二" and "三要素" are not markers.
            let following = after_next.chars().next()?;
            if HAN_DIGITS.contains(&following) || (next == '要' && following == '素') {
                return None;
            }
            let family = if next == '是' {
                Family::YiShi
            } else {
                Family::YiYao
            };
            let len = s.len() - after_next.len();
            marker(family, ordinal, &s[..len], Width::Neutral)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fam(s: &str) -> Option<(Family, u32, String)> {
        parse(s).map(|(m, _)| (m.family, m.ordinal, m.text))
    }

    #[test]
    fn every_marker_start_passes_the_quick_test() {
        for (word, _) in SEQUENCE_WORDS {
            assert!(may_start_unlabelled(word.chars().next().unwrap()), "{word}");
        }
        for text in [
            "第一，要",
            "其二，是",
            "另一方面，",
            "一是加强",
            "（一）总体",
            "1.完善",
            "①加强",
        ] {
            assert!(
                parse(text).is_some() && may_start_unlabelled(text.chars().next().unwrap()),
                "{text}"
            );
        }
        assert!(!may_start_unlabelled('要'));
    }

    #[test]
    fn families() {
        assert_eq!(
            fam("一、总体要求"),
            Some((Family::HanComma, 1, "一、".into()))
        );
        assert_eq!(
            fam("十一、开拓投融资渠道"),
            Some((Family::HanComma, 11, "十一、".into()))
        );
        assert_eq!(
            fam("(二)改革学校评价"),
            Some((Family::HanBracket, 2, "(二)".into()))
        );
        assert_eq!(
            fam("（十）加快发展"),
            Some((Family::HanBracket, 10, "（十）".into()))
        );
        assert_eq!(
            fam("1.完善幼儿园评价"),
            Some((Family::ArabicDot, 1, "1.".into()))
        );
        assert_eq!(fam("１．完善"), Some((Family::ArabicDot, 1, "１．".into())));
        assert_eq!(fam("2、完善"), Some((Family::ArabicDot, 2, "2、".into())));
        assert_eq!(
            fam("（12）促进"),
            Some((Family::ArabicBracket, 12, "（12）".into()))
        );
        assert_eq!(fam("③加强"), Some((Family::Circled, 3, "③".into())));
        assert_eq!(
            fam("第四，要解决"),
            Some((Family::Ordinal, 4, "第四，".into()))
        );
        assert_eq!(fam("其二，是"), Some((Family::Ordinal, 2, "其二，".into())));
        assert_eq!(
            fam("首先，要"),
            Some((Family::Sequence, 1, "首先，".into()))
        );
        assert_eq!(
            fam("最后，要"),
            Some((Family::Sequence, 4, "最后，".into()))
        );
        assert_eq!(fam("二是扎实打好"), Some((Family::YiShi, 2, "二是".into())));
        assert_eq!(fam("三要联系实际"), Some((Family::YiYao, 3, "三要".into())));
        assert_eq!(
            fam("一方面，"),
            Some((Family::YiFangMian, 1, "一方面".into()))
        );
        assert_eq!(
            fam("第一部分 总体要求"),
            Some((Family::Part, 1, "第一部分".into()))
        );
        assert_eq!(fam("第二章"), Some((Family::Chapter, 2, "第二章".into())));
        assert_eq!(
            fam("任务1：明确要求"),
            Some((Family::Labelled, 1, "任务1：".into()))
        );
        assert_eq!(
            fam("专题 三：党的建设"),
            Some((Family::Labelled, 3, "专题 三：".into()))
        );
        assert_eq!(
            fam("附件1：名单"),
            None,
            "an attachment line is no labelled heading"
        );
        assert_eq!(fam("任务1："), None, "a label with nothing after it");
        assert_eq!(
            fam("（b）融合行业知识图谱"),
            Some((Family::LetterBracket, 2, "（b）".into()))
        );
        assert_eq!(fam("(ab)两个字母"), None);
        assert_eq!(fam("（A）通知"), None, "capitals are answer options");
        assert_eq!(
            fam("课题2  积水监测预警"),
            Some((Family::Labelled, 2, "课题2  ".into()))
        );
        assert_eq!(
            fam("子课题2.3 预警信息发布"),
            Some((Family::LabelledSub, 3, "子课题2.3 ".into()))
        );
        assert_eq!(fam("共3 000元"), None, "white space, then a number");
        assert_eq!(fam("课题2积水监测"), None, "neither colon nor white space");
        assert_eq!(fam("专栏1  管网普查工程"), None, "a boxed column's caption");
        assert_eq!(fam("电话：123"), None, "no number");
        assert_eq!(
            fam("第一点，要看到"),
            Some((Family::Ordinal, 1, "第一点，".into()))
        );
        assert_eq!(
            fam("一 关于形势和任务"),
            Some((Family::HanSpace, 1, "一".into()))
        );
        assert_eq!(
            fam("二　　关于下半年的目标"),
            Some((Family::HanSpace, 2, "二".into()))
        );
    }

    #[test]
    fn traps() {
        for s in [
            "2023年工作回顾",
            "第一个阶段，从二〇二〇年",
            "第一档：",
            "1.5%",
            "3.2万亿元",
            "一年来，我们",
            "一是一，二是二",
            "三要素",
            "一、",
            "第一节课上",
            "十九大以来的五年",
            "一些工作",
            "二〇二〇年",
        ] {
            assert_eq!(fam(s), None, "{s}");
        }
    }

    #[test]
    fn widths() {
        assert_eq!(parse("(一)x").unwrap().0.width, Width::Half);
        assert_eq!(parse("（一）x").unwrap().0.width, Width::Full);
        assert_eq!(parse("（1）x").unwrap().0.width, Width::Full);
        assert_eq!(parse("(1)x").unwrap().0.width, Width::Half);
        assert_eq!(parse("1．x").unwrap().0.width, Width::Full);
        assert_eq!(parse("第三,x").unwrap().0.width, Width::Half);
    }
}
