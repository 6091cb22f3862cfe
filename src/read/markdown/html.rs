//! Raw HTML inside Markdown: its text kept, its tags removed.

/// The text of an HTML block, a paragraph per block element or line: tags removed, character
/// references decoded, comments, scripts and styles left out.
pub fn html_text(html: &str) -> Vec<String> {
    const BLOCK_TAGS: &[&str] = &[
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "blockquote",
        "table",
        "ul",
        "ol",
        "hr",
    ];
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut rest = html;
    let mut skipping: Option<&str> = None;
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let text = decode_entities(current.trim());
        if !text.is_empty() {
            paragraphs.push(text);
        }
        current.clear();
    };
    while !rest.is_empty() {
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let tag_start = rest.strip_prefix('<').filter(|tail| {
            tail.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
        });
        if let Some(close) = tag_start.and_then(|tail| tail.find('>')) {
            let tag = &rest[1..1 + close];
            let end = close + 2;
            let closing = tag.starts_with('/');
            let tag_name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            rest = &rest[end..];
            match skipping {
                Some(name) if closing && tag_name == name => skipping = None,
                Some(_) => {}
                None if !closing && (tag_name == "script" || tag_name == "style") => {
                    skipping = Some(if tag_name == "script" {
                        "script"
                    } else {
                        "style"
                    });
                }
                None if BLOCK_TAGS.contains(&tag_name.as_str()) => {
                    flush(&mut current, &mut paragraphs);
                }
                None => {}
            }
            continue;
        }
        let next = rest.find(['<', '\n']).unwrap_or(rest.len());
        let (chunk, tail) = if next == 0 {
            rest.split_at(1)
        } else {
            rest.split_at(next)
        };
        if skipping.is_none() {
            if chunk == "\n" {
                flush(&mut current, &mut paragraphs);
            } else {
                current.push_str(chunk);
            }
        }
        rest = tail;
    }
    flush(&mut current, &mut paragraphs);
    paragraphs
}

/// Decodes the character references of HTML text (`&amp;`, `&#20013;`, `&#x4E2D;`).
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail.find(';').filter(|&i| i <= 10);
        let decoded = end.and_then(|end| {
            let name = &tail[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, length)) => {
                out.push(c);
                rest = &tail[length..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_blocks_keep_their_text() {
        assert_eq!(
            html_text(
                "<div>这段话</div>\n<p>第二段 &amp; <b>加粗</b></p><!-- 注释 --><script>x()</script>"
            ),
            vec!["这段话", "第二段 & 加粗"]
        );
    }

    #[test]
    fn unclosed_angle_brackets_are_text() {
        assert_eq!(html_text("<p>a < b 中</p>\n<中"), vec!["a < b 中", "<中"]);
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            decode_entities("&#20013;&#x6587;&lt;&bogus;"),
            "中文<&bogus;"
        );
    }
}
