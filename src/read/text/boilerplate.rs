//! Recognising web-page and print-copy boilerplate: share bars, counters, banners, page
//! numbers, running heads and jump lines, related-link lists.
//!
//! A line is boilerplate when its *whole shape* is such an artefact, never because a sentence
//! mentions one of the words ("把好的做法分享到基层。" is speech). A line that ends a sentence
//! is speech unless it is a counter ("共计3021个字，预计阅读时长9分钟。"); a line is a toolbar
//! only when the toolbar words account for nearly all of its Chinese characters.

use super::lines::Line;
use super::space::is_space;

/// Why a line was taken for boilerplate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    BareDigits,
    PageNumber,
    Counter,
    Toolbar,
    Label,
    SiteBanner,
    Copyright,
    Breadcrumb,
    Pager,
    JumpLine,
    RunningHead,
    RelatedLinks,
    RecordTitle,
}

impl Why {
    /// What the artefact is, for the warning.
    pub fn describe(self) -> &'static str {
        match self {
            Why::BareDigits => "a line of bare digits",
            Why::PageNumber => "a page number of a print copy",
            Why::Counter => "a word or reading-time counter of the web page",
            Why::Toolbar => "a share, print or font-size bar of the web page",
            Why::Label => "a source, author, date or link line of the web page",
            Why::SiteBanner => "a site banner",
            Why::Copyright => "a copyright or registration line",
            Why::Breadcrumb => "a breadcrumb of the web page",
            Why::Pager => "a pagination line",
            Why::JumpLine => "a jump line of a print copy",
            Why::RunningHead => "a running head of a print copy",
            Why::RelatedLinks => "a list of related links after the document",
            Why::RecordTitle => "a law database's record title, repeated by the document",
        }
    }

    /// Page furniture of a print copy: a paragraph may continue across it.
    fn is_page_furniture(self) -> bool {
        matches!(
            self,
            Why::PageNumber | Why::JumpLine | Why::RunningHead | Why::BareDigits
        )
    }
}

/// [`TOOLBAR_WORDS`], longest first, so that "微信扫码分享" goes before "分享".
static TOOLBAR_WORDS_LONGEST_FIRST: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| {
        let mut words = TOOLBAR_WORDS.to_vec();
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        words
    });

/// Any toolbar word, field label or font-size switch, found in one pass over a line (a
/// `contains` per word was 2.6% of converting a 246-page draft). A contiguous NFA: the DFA
/// the builder picks by default took longer to build (~10% of converting the seed speech to
/// HTML) than the searches it speeds up.
static TOOLBAR_OR_LABEL: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        let words = TOOLBAR_WORDS
            .iter()
            .chain(FIELD_LABELS)
            .chain(&["字体", "字号"]);
        aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(words)
            .expect("a few dozen short words")
    });

/// The words of share bars, toolbars, counters and link lists. A line made (almost) only of
/// these is boilerplate; a sentence that uses one of them is not.
pub const TOOLBAR_WORDS: &[&str] = &[
    "加入收藏",
    "收藏本站",
    "设为首页",
    "打印本页",
    "打印此页",
    "打印文章",
    "关闭窗口",
    "关闭本页",
    "返回顶部",
    "返回首页",
    "返回搜狐",
    "预计阅读时长",
    "阅读时长",
    "扫码分享",
    "扫码领取",
    "微信扫码",
    "扫一扫",
    "分享到",
    "分享",
    "领取福利",
    "复制链接",
    "点击下载",
    "下载文档",
    "文档下载",
    "下载本文",
    "立即下载",
    "会员登录",
    "相关阅读",
    "相关文章",
    "相关推荐",
    "相关链接",
    "热门推荐",
    "推荐阅读",
    "延伸阅读",
    "猜你喜欢",
    "更多范文",
    "查看更多",
    "点击查看",
    "阅读原文",
    "关注公众号",
    "转载请注明",
    "如有侵权",
    "侵删",
    "免责声明",
    "版权所有",
    "版权声明",
    "上一篇",
    "下一篇",
    "上一页",
    "下一页",
    "加入收藏夹",
    "收藏",
    "打印",
    "微信",
    "微博",
    "朋友圈",
];

/// Labels of the fields a web page shows around an article ("来源：人民网").
pub const FIELD_LABELS: &[&str] = &[
    "上一篇",
    "下一篇",
    "原文链接",
    "原文地址",
    "本文链接",
    "责任编辑",
    "来源",
    "作者",
    "编辑",
    "发布时间",
    "发布日期",
    "更新时间",
    "打印时间",
    "浏览次数",
    "阅读次数",
    "点击数",
    "阅读量",
    "字号",
    "字体",
    "主办单位",
    "承办单位",
    "网站标识码",
    "ICP备案号",
];

/// Headings of the link lists a web page puts after an article.
const RELATED_HEADINGS: &[&str] = &[
    "相关链接",
    "相关阅读",
    "相关文章",
    "相关推荐",
    "推荐阅读",
    "延伸阅读",
    "热门文章",
    "猜你喜欢",
    "更多阅读",
];

/// Longest line still looked at as a possible web artefact (a paragraph is longer).
const MAX_ARTEFACT_CHARS: usize = 90;
/// Longest banner, label or breadcrumb line.
const MAX_SHORT_ARTEFACT_CHARS: usize = 60;
/// Chinese characters a toolbar line may have besides its toolbar words.
const TOOLBAR_RESIDUE: usize = 2;
/// Longest bare number taken for a counter or page number.
const MAX_BARE_DIGITS: usize = 16;
/// Longest section label of a newspaper page ("要闻") next to page furniture.
const MAX_SECTION_LABEL_CHARS: usize = 4;

fn visible(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|&c| !is_space(c))
}

fn han_count(text: &str) -> usize {
    text.chars().filter(|&c| crate::model::is_han(c)).count()
}

/// Whether a line ends a sentence (closing quotes and brackets looked through).
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(|c: char| is_space(c) || "”’）)」』】".contains(c))
        .ends_with(['。', '！', '？', '!', '?', '；'])
}

/// Why a line is web or print boilerplate on its own, or `None` when it belongs to the
/// document. Lines that are boilerplate only in context (running heads, related links) are
/// found by [`remove`].
///
/// ```
/// use wengao::read::text::boilerplate::classify;
/// assert!(classify("微信扫码分享").is_some());
/// assert!(classify("SUCAI198.COM —— 专注党建行政公文写作范文").is_some());
/// assert!(classify("要及时总结经验，把好的做法分享到基层。").is_none());
/// assert!(classify("同志们，让我们更加紧密团结。").is_none());
/// ```
pub fn classify(line: &str) -> Option<Why> {
    let line = line.trim_matches(is_space);
    if is_counter(line) {
        return Some(Why::Counter);
    }
    if is_site_disclaimer(line) {
        return Some(Why::Copyright);
    }
    if ends_sentence(line) || line.is_empty() {
        return None;
    }
    // Counted only here: most lines of a speech end a sentence.
    let chars = visible(line).count();
    if chars <= MAX_BARE_DIGITS && visible(line).all(|c| c.is_ascii_digit()) {
        return Some(Why::BareDigits);
    }
    if is_page_number(line) {
        return Some(Why::PageNumber);
    }
    if is_jump_line(line) {
        return Some(Why::JumpLine);
    }
    if chars > MAX_ARTEFACT_CHARS {
        return None;
    }
    if is_copyright(line) {
        return Some(Why::Copyright);
    }
    if is_breadcrumb(line) {
        return Some(Why::Breadcrumb);
    }
    if crate::read::text::markers::parse(line).is_some() {
        return None;
    }
    if is_field_line(line) {
        return Some(Why::Label);
    }
    if chars <= MAX_SHORT_ARTEFACT_CHARS && (contains_domain(line) || is_site_name(line)) {
        return Some(Why::SiteBanner);
    }
    if is_pager(line) {
        return Some(Why::Pager);
    }
    if is_toolbar(line) {
        return Some(Why::Toolbar);
    }
    None
}

/// "共计3021个字，预计阅读时长9分钟。", "阅读量：1.2万".
fn is_counter(line: &str) -> bool {
    let digits_before = |word: &str| {
        line.match_indices(word).any(|(at, _)| {
            line[..at]
                .trim_end_matches(is_space)
                .ends_with(|c: char| c.is_ascii_digit())
        })
    };
    (line.contains("共计") && digits_before("个字"))
        || (line.contains("阅读时长") && digits_before("分钟"))
}

/// Page numbers, jump lines and edition lines are short: longer lines (bytes) are not looked
/// at closer.
const MAX_SHORT_LINE_BYTES: usize = 96;

/// "— 3 —", "- 3 -", "－3－", "第 3 页", "第3页 共10页".
fn is_page_number(line: &str) -> bool {
    if line.len() > MAX_SHORT_LINE_BYTES {
        return false;
    }
    // Both forms hold only digits, dashes and 第页共/: most lines fail at their first
    // character, before any copy is made.
    let dashes = |c: char| "-—–－―─".contains(c);
    if !visible(line).all(|c| c.is_ascii_digit() || dashes(c) || "第页共/／".contains(c)) {
        return false;
    }
    let compact: String = visible(line).collect();
    let core = compact.trim_matches(dashes);
    let dashed = core.len() < compact.len()
        && !core.is_empty()
        && core.len() <= 4
        && core.chars().all(|c| c.is_ascii_digit());
    let paged = compact.starts_with('第')
        && compact.contains('页')
        && compact.chars().count() <= MAX_BARE_DIGITS
        && compact
            .chars()
            .all(|c| c.is_ascii_digit() || "第页共/／".contains(c));
    dashed || paged
}

/// "（下转第二版）", "（上接第一版）", "(转第4版)".
fn is_jump_line(line: &str) -> bool {
    if line.len() > MAX_SHORT_LINE_BYTES || !line.contains('版') {
        return false;
    }
    let compact: String = visible(line).collect();
    let inner = compact
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    (inner.starts_with("下转") || inner.starts_with("上接") || inner.starts_with("转"))
        && inner.ends_with('版')
        && inner.chars().count() <= 8
}

fn is_copyright(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    lower.starts_with("copyright")
        || line.contains('©')
        || line.starts_with("版权所有")
        || (line.contains("ICP") && line.contains('备'))
        || line.contains("网站标识码")
}

/// A site's or scraper's notice about the copy, a sentence of its own: "本文正文由脚本自官方
/// 公开页面提取，仅供检索查阅；以官方链接发布版本为准。", "依《著作权法》第五条…不适用著作权法。"
/// It speaks of the page, the site or the copyright, which a document's own sentences do
/// not ("本表仅供参考，以最终公布为准。" stays).
fn is_site_disclaimer(line: &str) -> bool {
    let disclaims = || {
        line.contains("为准")
            && ["脚本", "页面", "本网", "本站", "网站", "转载", "链接"]
                .iter()
                .any(|w| line.contains(w))
    };
    (line.contains("仅供") && disclaims()) || (line.contains("著作权法") && line.contains("不适用"))
}

/// "首页 > 政务公开 > 通知公告", "当前位置：首页 > 新闻".
fn is_breadcrumb(line: &str) -> bool {
    let starts = ["首页", "当前位置", "您的位置", "你的位置", "您现在的位置"]
        .iter()
        .any(|w| line.starts_with(w));
    starts && line.contains(['>', '»', '›', '＞', '→'])
}

/// A field line of the page: a label, a colon and a short value that is not a sentence
/// ("来源：人民网", "（来源：新华网）", "上一篇：关于……的通知").
fn is_field_line(line: &str) -> bool {
    let inner = line.trim_start_matches(['(', '（', '【', '[']);
    FIELD_LABELS.iter().any(|label| {
        inner
            .strip_prefix(label)
            .and_then(|rest| rest.trim_start_matches(is_space).strip_prefix([':', '：']))
            .is_some_and(|value| !value.contains(['。', '；']))
    })
}

/// "X市人民政府门户网站", "中国政府网".
fn is_site_name(line: &str) -> bool {
    !line.contains(['，', '。', '、'])
        && (["门户网站", "官方网站", "官网", "政府网"]
            .iter()
            .any(|w| line.ends_with(w))
            || ["【法宝引证码】", "北大法宝", "官方直链"]
                .iter()
                .any(|w| line.contains(w))
            || is_file_name(line))
}

/// A link to a file alone on its line: "b80791aa8c.pdf", "附件1.docx".
fn is_file_name(line: &str) -> bool {
    let lower = line.trim_matches(is_space).to_ascii_lowercase();
    [
        ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".ofd", ".zip", ".rar",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext))
        && !lower.contains(char::is_whitespace)
}

/// "上一页 1 2 下一页", "第1页 共2页".
fn is_pager(line: &str) -> bool {
    if !line.contains("页") {
        return false;
    }
    let compact: String = visible(line).collect();
    (compact.contains("上一页") || compact.contains("下一页"))
        && han_count(&compact.replace("上一页", "").replace("下一页", "")) <= TOOLBAR_RESIDUE
}

/// A line whose Chinese characters are (nearly) all toolbar words and field labels with
/// their values: "【字体：大 中 小】 打印本页 关闭窗口", "分享：", "字号：T|T".
fn is_toolbar(line: &str) -> bool {
    // Most lines hold no toolbar word at all.
    if !TOOLBAR_OR_LABEL.is_match(line) {
        return false;
    }
    let mut rest: String = line.to_string();
    // The font-size switch "字体：大 中 小" and "字号：T|T".
    for (word, tail) in [("字体", "大中小"), ("字号", "")] {
        if let Some(at) = rest.find(word) {
            let after: String = rest[at + word.len()..]
                .chars()
                .filter(|&c| !is_space(c) && !"：:【】[]|Tt".contains(c))
                .take(tail.chars().count())
                .collect();
            if after == tail {
                rest = rest.replacen(word, "", 1);
                for c in tail.chars() {
                    rest = rest.replacen(c, "", 1);
                }
            }
        }
    }
    let total = han_count(line);
    let mut removed = total - han_count(&rest);
    // Field labels with a short value ("来源：市政府办公室", "浏览次数：123").
    for label in FIELD_LABELS {
        while let Some(at) = rest.find(label) {
            let after = &rest[at + label.len()..];
            let Some(value) = after.trim_start_matches(is_space).strip_prefix([':', '：']) else {
                break;
            };
            let value_end = value
                .find(['\u{3000}', '|', '】'])
                .or_else(|| value.find("  "))
                .unwrap_or(value.len());
            let end = rest.len() - value.len() + value_end;
            removed += han_count(&rest[at..end]);
            rest.replace_range(at..end, "");
        }
    }
    for word in TOOLBAR_WORDS_LONGEST_FIRST.iter() {
        while let Some(at) = rest.find(*word) {
            removed += han_count(word);
            rest.replace_range(at..at + word.len(), "");
        }
    }
    let residue = han_count(&rest);
    removed >= 2 && residue <= TOOLBAR_RESIDUE && removed >= 2 * residue
}

/// A web host name such as "SUCAI198.COM" or "www.example.cn".
fn contains_domain(line: &str) -> bool {
    // Most lines have no dot at all: no lower-cased copy for them.
    if !line.contains('.') {
        return false;
    }
    let lower = line.to_ascii_lowercase();
    for tld in [".com", ".cn", ".net", ".org", ".cc", ".top", ".gov"] {
        let mut from = 0;
        while let Some(pos) = lower[from..].find(tld) {
            let at = from + pos;
            let before = lower[..at].chars().next_back();
            let after = lower[at + tld.len()..].chars().next();
            let label_before = before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-');
            let ends_label = after.is_none_or(|c| !c.is_ascii_alphanumeric());
            if label_before && ends_label {
                return true;
            }
            from = at + tld.len();
        }
    }
    false
}

/// A letter-spaced line ("人 民 日 报", "X X 日 报"): three or more single characters
/// separated by spaces, and nothing else.
/// The longest line (bytes) that may be letter-spaced.
const MAX_LETTER_SPACED_BYTES: usize = 160;

fn is_letter_spaced(line: &str) -> bool {
    // A masthead or running head is short, and spaced out.
    if line.len() > MAX_LETTER_SPACED_BYTES || !line.contains(is_space) {
        return false;
    }
    let mut words = line.split(is_space).filter(|w| !w.is_empty());
    let mut count = 0;
    words.all(|w| {
        count += 1;
        w.chars().nth(1).is_none()
    }) && count >= 3
}

/// A newspaper's dateline or running head: a date with its weekday ("2024年3月6日　星期三"),
/// and no sentence.
fn is_dateline(line: &str) -> bool {
    (line.contains("星期") || line.contains("周一") || line.contains("农历"))
        && visible(line).count() <= MAX_SHORT_ARTEFACT_CHARS
        && line.contains('年')
        && line.contains('日')
        && !line.contains(['，', '。'])
}

/// One removed line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub line: Line,
    pub why: Why,
}

/// Removes the boilerplate lines of one page of text; returns the lines kept and those
/// removed. A paragraph cut by page furniture (a page number, running head or jump line
/// between a line that ends mid-sentence and its continuation) is joined again.
///
/// ```
/// use wengao::read::text::{boilerplate::remove, lines::split};
/// let (kept, removed) = remove(split("一、要求\n第二，坚持扩大内需这个战略基点，全力推动\n（下转第二版）\n- 2 -\n消费和投资良性互动。\n"));
/// assert_eq!(removed.len(), 2);
/// assert_eq!(kept[1].text, "第二，坚持扩大内需这个战略基点，全力推动消费和投资良性互动。");
/// ```
pub fn remove(lines: Vec<Line>) -> (Vec<Line>, Vec<Removed>) {
    let mut why: Vec<Option<Why>> = lines.iter().map(|l| classify(&l.text)).collect();
    // Six digits on a 公文's first line are its 份号 (copy number), not a stray page number.
    if let Some(first) = lines
        .iter()
        .position(|l| !l.text.trim_matches(is_space).is_empty())
        && is_copy_number(lines[first].text.trim_matches(is_space))
    {
        why[first] = None;
    }
    mark_running_heads(&lines, &mut why);
    mark_related_links(&lines, &mut why);
    mark_database_record_title(&lines, &mut why);
    mark_section_labels(&lines, &mut why);
    let mut kept: Vec<Line> = Vec::with_capacity(lines.len());
    let mut removed = Vec::new();
    // A print copy's running head glued to the start of a paragraph: cut off and reported.
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|mut line| {
            if let Some((head, rest)) = split_print_head(&line.text) {
                let (head, rest) = (head.to_string(), rest.to_string());
                removed.push(Removed {
                    line: Line {
                        text: head,
                        ..line.clone()
                    },
                    why: Why::RunningHead,
                });
                line.text = rest;
            }
            line
        })
        .collect();
    // In a hard-wrapped text, only a line that reaches the wrap width goes on across a page
    // break (a short line there is a table row or a paragraph's end).
    let width = if why.iter().flatten().any(|w| w.is_page_furniture()) {
        super::lines::wrap_width(&lines)
    } else {
        None
    };
    // Whether page furniture was removed since the last kept line.
    let mut across_furniture = false;
    for (line, why) in lines.into_iter().zip(why) {
        match why {
            Some(why) => {
                across_furniture |= why.is_page_furniture();
                removed.push(Removed { line, why });
            }
            None => {
                let continues = across_furniture
                    && kept.last().is_some_and(|previous| {
                        !ends_paragraph(&previous.text)
                            && width
                                .is_none_or(|width| super::lines::reaches(&previous.text, width))
                    })
                    && crate::read::text::markers::parse(&line.text).is_none();
                across_furniture = false;
                match kept.last_mut() {
                    Some(previous) if continues => previous.text.push_str(&line.text),
                    _ => kept.push(line),
                }
            }
        }
    }
    (kept, removed)
}

/// 份号: six digits.
fn is_copy_number(text: &str) -> bool {
    text.len() == 6 && text.chars().all(|c| c.is_ascii_digit())
}

/// "《 人民日报 》（ 2015年01月18日   01 版）　　湖南省…": a newspaper's running head (its name
/// and the date and page of the edition) at the start of a line with text after it; returns
/// the head and the text.
///
/// ```
/// use wengao::read::text::boilerplate::split_print_head;
/// let (head, rest) = split_print_head("《 人民日报 》（ 2015年01月18日   01 版）　　湖南省吉首市").unwrap();
/// assert_eq!(rest, "湖南省吉首市");
/// assert!(head.ends_with('）'));
/// ```
pub fn split_print_head(text: &str) -> Option<(&str, &str)> {
    let after_name = text.strip_prefix('《')?;
    let close = after_name.find('》')?;
    if after_name[..close].chars().count() > MAX_PAPER_NAME_CHARS {
        return None;
    }
    let rest = after_name[close + '》'.len_utf8()..].trim_start_matches(is_space);
    let inner = rest.strip_prefix(['（', '('])?;
    let end = inner.find(['）', ')'])?;
    let edition = &inner[..end];
    if !(edition.contains('版') && edition.contains('年')) {
        return None;
    }
    let close_len = inner[end..].chars().next()?.len_utf8();
    let head_len = text.len() - inner.len() + end + close_len;
    let body = text[head_len..].trim_start_matches(is_space);
    (!body.is_empty()).then(|| (&text[..head_len], body))
}

/// The longest newspaper name in a running head.
const MAX_PAPER_NAME_CHARS: usize = 12;

/// Whether a line can end a paragraph (a stop, a colon, a closing bracket or quote).
fn ends_paragraph(text: &str) -> bool {
    text.ends_with([
        '。', '！', '？', '：', '；', '”', '）', '…', '!', '?', ':', ')',
    ])
}

/// Letter-spaced mastheads and running heads, and newspaper datelines: boilerplate when a
/// letter-spaced line repeats, or stands next to a dateline (a title is letter-spaced too,
/// but once and alone).
fn mark_running_heads(lines: &[Line], why: &mut [Option<Why>]) {
    let datelines: Vec<bool> = lines.iter().map(|l| is_dateline(&l.text)).collect();
    // Every line's text, sorted, to find the lines a letter-spaced line starts in one
    // search rather than a pass over the text for each.
    // Sorted the first time a letter-spaced line asks: most texts have none.
    let mut sorted: Option<Vec<(&str, usize)>> = None;
    let mut repeated_elsewhere = |text: &str, index: usize| {
        let sorted = sorted.get_or_insert_with(|| {
            let mut all: Vec<(&str, usize)> = lines
                .iter()
                .enumerate()
                .map(|(i, l)| (l.text.as_str(), i))
                .collect();
            all.sort_unstable();
            all
        });
        let from = sorted.partition_point(|(other, _)| *other < text);
        sorted[from..]
            .iter()
            .take_while(|(other, _)| other.starts_with(text))
            .any(|(_, other)| *other != index)
    };
    for (index, line) in lines.iter().enumerate() {
        if why[index].is_some() {
            continue;
        }
        let text = &line.text;
        let near_dateline = (index.saturating_sub(1)..=(index + 1).min(lines.len() - 1))
            .any(|i| i != index && datelines[i]);
        let spaced = is_letter_spaced(text);
        let repeats = spaced && repeated_elsewhere(text, index);
        let spaced_head_with_date = datelines[index]
            && text
                .split(is_space)
                .filter(|w| !w.is_empty())
                .take_while(|w| w.chars().nth(1).is_none())
                .count()
                >= 3;
        let dateline_under_masthead = datelines[index] && near_dateline_of_masthead(lines, index);
        if (spaced && (repeats || near_dateline))
            || spaced_head_with_date
            || dateline_under_masthead
        {
            why[index] = Some(Why::RunningHead);
        }
    }
    // "今日8版": the edition line under a masthead.
    for (index, line) in lines.iter().enumerate() {
        if line.text.len() > MAX_SHORT_LINE_BYTES || !line.text.contains("今日") {
            continue;
        }
        let compact: String = visible(&line.text).collect();
        if why[index].is_none()
            && compact.starts_with("今日")
            && compact.ends_with('版')
            && compact.chars().count() <= 6
        {
            why[index] = Some(Why::RunningHead);
        }
    }
}

/// Whether the dateline at `index` sits next to a letter-spaced masthead.
fn near_dateline_of_masthead(lines: &[Line], index: usize) -> bool {
    (index.saturating_sub(1)..=(index + 1).min(lines.len() - 1))
        .any(|i| i != index && is_letter_spaced(&lines[i].text))
}

/// A law database's export header ("【法宝引证码】…", "原文链接：…", then the record's title):
/// the title line is the database's when the document writes it again further down.
fn mark_database_record_title(lines: &[Line], why: &mut [Option<Why>]) {
    let Some(code) = lines.iter().position(|l| l.text.contains("【法宝引证码】")) else {
        return;
    };
    let Some(title) = (code + 1..lines.len().min(code + 4)).find(|&i| why[i].is_none()) else {
        return;
    };
    let text: String = visible(&lines[title].text).collect();
    let repeated = lines[title + 1..]
        .iter()
        .any(|l| visible(&l.text).collect::<String>() == text);
    if repeated && !text.is_empty() {
        why[title] = Some(Why::RecordTitle);
    }
}

/// The longest line (bytes) that may be a related-links heading ("【相关链接】" with spaces).
const MAX_RELATED_HEADING_BYTES: usize = 48;

/// A "相关链接" heading after the document and the link titles under it, to the end.
fn mark_related_links(lines: &[Line], why: &mut [Option<Why>]) {
    let Some(start) = lines.iter().position(|l| {
        // The headings are a few characters; most lines are not looked at closer.
        if l.text.len() > MAX_RELATED_HEADING_BYTES {
            return false;
        }
        let compact: String = visible(&l.text)
            .filter(|&c| !"：:【】[]".contains(c))
            .collect();
        RELATED_HEADINGS.contains(&compact.as_str())
    }) else {
        return;
    };
    let titles_follow = lines[start + 1..]
        .iter()
        .zip(&why[start + 1..])
        .all(|(line, why)| why.is_some() || !ends_sentence(&line.text));
    if titles_follow {
        for entry in &mut why[start..] {
            entry.get_or_insert(Why::RelatedLinks);
        }
    }
}

/// A newspaper page's section label ("要闻") between its running head and the text.
fn mark_section_labels(lines: &[Line], why: &mut [Option<Why>]) {
    for index in 1..lines.len() {
        // After a newspaper's running head or jump line; a bare page number precedes a
        // book's part titles as often as a section label.
        let after_furniture = matches!(why[index - 1], Some(Why::RunningHead | Why::JumpLine));
        let text = &lines[index].text;
        let short = || {
            visible(text).count() <= MAX_SECTION_LABEL_CHARS
                && visible(text).all(crate::model::is_han)
        };
        if why[index].is_none() && after_furniture && short() {
            why[index] = Some(Why::RunningHead);
        }
    }
}

/// Removes a pagination marker such as "(第2/2页)" or "（第2页）" from a title line.
/// Returns the cleaned line and the marker removed.
///
/// ```
/// use wengao::read::text::boilerplate::strip_page_marker;
/// assert_eq!(strip_page_marker("讲话(第2/2页)"), Some(("讲话".to_string(), "(第2/2页)".to_string())));
/// assert_eq!(strip_page_marker("第二部分"), None);
/// ```
pub fn strip_page_marker(line: &str) -> Option<(String, String)> {
    let trimmed = line.trim_end();
    let close = trimmed.chars().next_back()?;
    let open = match close {
        ')' => '(',
        '）' => '（',
        ']' => '[',
        '】' => '【',
        _ => return None,
    };
    let start = trimmed.rfind(open)?;
    let inner = &trimmed[start + open.len_utf8()..trimmed.len() - close.len_utf8()];
    let inner_ok = inner.starts_with('第')
        && inner.ends_with('页')
        && inner.len() >= 6
        && inner[3..inner.len() - 3].chars().all(|c| {
            c.is_ascii_digit() || c == '/' || c == '／' || ('０'..='９').contains(&c) || c == ' '
        });
    if !inner_ok || start == 0 {
        return None;
    }
    Some((
        trimmed[..start].trim_end().to_string(),
        trimmed[start..].to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::text::lines::split;

    #[test]
    fn seed_boilerplate_lines() {
        for line in [
            "SUCAI198.COM —— 专注党建行政公文写作范文",
            "admin 分享 时间: 加入收藏 共计11082个字,预计阅读时长37分钟。",
            "221381",
            "领取福利",
            "微信扫码领取福利",
            "微信扫码分享",
            "【字体：大 中 小】 打印本页 关闭窗口",
            "【 字体： 大 中 小 】 打印时间：2024-03-01",
            "字号：T|T",
            "分享：",
            "(来源：人民网)",
            "原文链接：http://example.cn/a.html",
            "Copyright © 2024 某某范文网 版权所有",
            "更多范文请关注公众号",
            "发布时间：2024-02-28 16:30　　来源：市政府办公室　　浏览次数：123",
            "首页 > 政务公开 > 通知公告",
            "X市人民政府门户网站",
            "【打印本页】　【关闭窗口】",
            "上一篇：关于做好春季农业生产工作的通知",
            "— 3 —",
            "- 12 -",
            "（下转第二版）",
            "上一页 1 2 下一页",
        ] {
            assert!(classify(line).is_some(), "{line}");
        }
    }

    #[test]
    fn speech_lines_are_kept() {
        for line in [
            "同志们，让我们更加紧密团结在以习近平同志为核心的党中央周围。",
            "一要事无巨细抓具体。",
            "2023年工作回顾",
            "三、搞好这次活动的几点要求",
            "居民人均可支配收入实际增长6.5%。",
            "（这是中共中央总书记习近平在十八届中共中央政治局第一次集体学习时的讲话。）",
            "要及时总结经验，把好的做法分享到基层。",
            "各单位要落实版权声明制度。",
            "请大家阅读相关文章和上一篇讲话，领会精神实质。",
            "要及时总结经验，把好的做法分享到",
            "一、经验分享",
            "二、分享",
            "活动时间",
            "收藏家协会",
            "上一篇讲话中我提到的几个问题",
            "来源：经调查，问题主要来自三个方面。",
            "政 府 工 作 报 告",
        ] {
            assert_eq!(classify(line), None, "{line}");
        }
    }

    #[test]
    fn running_heads_and_page_turns() {
        let text = "X X 日 报\n2024年3月6日　星期三\n今日8版\n在全市大会上的讲话\n第二，坚持扩大内需，全力推动\n（下转第二版）\n02\nX X 日 报   2024年3月6日   星期三\n要闻\n（上接第一版）\n消费和投资良性互动。\n";
        let (kept, removed) = remove(split(text));
        let kept: Vec<&str> = kept.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            kept,
            vec![
                "在全市大会上的讲话",
                "第二，坚持扩大内需，全力推动消费和投资良性互动。"
            ]
        );
        assert_eq!(removed.len(), 8);
    }

    #[test]
    fn a_letter_spaced_title_alone_is_kept() {
        let (kept, removed) = remove(split("政 府 工 作 报 告\n各位代表：\n现在报告工作。\n"));
        assert_eq!(kept.len(), 3);
        assert!(removed.is_empty());
    }

    #[test]
    fn related_links_after_the_document() {
        let text = "通知正文。\n（此件公开发布）\n相关链接\n关于切实加强高标准农田建设的意见\nX省关于做好春季农业生产工作的通知\n";
        let (kept, removed) = remove(split(text));
        assert_eq!(kept.len(), 2);
        assert_eq!(removed.len(), 3);
    }
}
