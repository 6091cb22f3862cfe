//! Recognising web-page boilerplate (banners, share buttons, counters, pagination) in copied text.

/// Why a line is web boilerplate, or `None` when it belongs to the document.
///
/// ```
/// use wengao::read::text::boilerplate::classify;
/// assert!(classify("微信扫码分享").is_some());
/// assert!(classify("SUCAI198.COM —— 专注党建行政公文写作范文").is_some());
/// assert!(classify("同志们，让我们更加紧密团结。").is_none());
/// ```
pub fn classify(line: &str) -> Option<&'static str> {
    let chars = line.chars().count();
    if line
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace())
        && chars <= 16
    {
        return Some("a line of bare digits");
    }
    if chars > 90 {
        return None;
    }
    const SHARE_AND_COUNTERS: &[&str] = &[
        "加入收藏",
        "预计阅读时长",
        "阅读时长",
        "扫码分享",
        "扫码领取",
        "微信扫码",
        "扫一扫",
        "分享到",
        "领取福利",
        "打印本页",
        "打印此页",
        "关闭窗口",
        "返回顶部",
        "浏览次数",
        "阅读次数",
        "点击数：",
        "【字体",
        "字号：",
        "责任编辑",
        "相关阅读",
        "相关文章",
        "相关推荐",
        "热门推荐",
        "推荐阅读",
        "猜你喜欢",
        "上一篇",
        "下一篇",
        "版权所有",
        "版权声明",
        "Copyright",
        "©",
        "ICP备",
        "免责声明",
        "收藏本站",
        "设为首页",
        "点击下载",
        "下载word",
        "下载文档",
        "文档下载",
        "下载本文",
        "立即下载",
        "会员登录",
        "复制链接",
        "原文链接",
        "阅读原文",
        "转载请注明",
        "如有侵权",
        "侵删",
        "关注公众号",
        "更多范文",
        "查看更多",
        "点击查看",
        "返回搜狐",
    ];
    if SHARE_AND_COUNTERS
        .iter()
        .any(|marker| line.contains(marker))
    {
        return Some("a share, print or counter line of the web page");
    }
    if line.contains("共计") && line.contains("个字") {
        return Some("a word counter of the web page");
    }
    if is_source_line(line) {
        return Some("a source line of the web page");
    }
    if chars <= 60 && contains_domain(line) {
        return Some("a site banner");
    }
    if is_pager(line) {
        return Some("a pagination line");
    }
    None
}

/// "(来源：新华网)", "来源：人民网 2023-03-05", "发布时间：…".
fn is_source_line(line: &str) -> bool {
    let inner = line.trim_start_matches(['(', '（', '【', '[']);
    [
        "来源：",
        "来源:",
        "发布时间：",
        "发布时间:",
        "发布日期：",
        "作者：",
        "作者:",
        "编辑：",
    ]
    .iter()
    .any(|prefix| inner.starts_with(prefix))
        && line.chars().count() <= 60
}

/// "上一页 1 2 下一页", "第1页 共2页".
fn is_pager(line: &str) -> bool {
    (line.contains("上一页") || line.contains("下一页"))
        || (line.starts_with('第')
            && line.contains("页")
            && line.contains('共')
            && line.chars().count() <= 16)
}

/// A web host name such as "SUCAI198.COM" or "www.example.cn".
fn contains_domain(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    for tld in [".com", ".cn", ".net", ".org", ".cc", ".top"] {
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
            "(来源：人民网)",
            "原文链接：http://example.cn/a.html",
            "Copyright © 2024 某某范文网 版权所有",
            "更多范文请关注公众号",
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
        ] {
            assert_eq!(classify(line), None, "{line}");
        }
    }
}
