//! The main part's body cut into runs of whole top-level elements, each parsed on its own, so
//! that the reader never holds the tree of the whole document (8.7 MB for 1.8 MB of XML).
//!
//! A light scan finds where each child of `<w:body>` starts and ends (tags, quoted attribute
//! values, comments, CDATA, processing instructions); each run is then parsed by roxmltree
//! inside copies of the root's and the body's start tags, which declare the namespaces. The
//! scan only cuts: anything it does not expect (a DTD, unbalanced tags, no body) sends the
//! caller back to parsing the whole part, whose error message then says what is wrong.

/// A body cut into runs, with what each run is wrapped in to be parsed alone.
#[derive(Debug, PartialEq)]
pub struct Body<'a> {
    /// The root's start tag and the body's, verbatim: they declare the namespaces.
    pub open: String,
    /// The end tags matching `open`.
    pub close: String,
    /// Runs of whole top-level children of the body (with the white space between them).
    pub runs: Vec<&'a str>,
}

impl Body<'_> {
    /// Run `index` wrapped so that it parses as a document of its own.
    pub fn wrapped(&self, index: usize) -> String {
        let run = self.runs[index];
        let mut xml = String::with_capacity(self.open.len() + run.len() + self.close.len());
        xml.push_str(&self.open);
        xml.push_str(run);
        xml.push_str(&self.close);
        xml
    }
}

/// A tag or other markup found by the scan.
enum Token<'a> {
    Start { name: &'a str, empty: bool },
    End,
    Other,
}

/// Cuts the body of `xml` into runs of at least `run_bytes` (the last may be shorter); `None`
/// when the part is not laid out as the scan expects.
pub fn cut(xml: &str, run_bytes: usize) -> Option<Body<'_>> {
    let mut depth = 0usize;
    let mut at = 0;
    let mut root: Option<(&str, &str)> = None; // (name, start tag)
    let mut body: Option<(&str, &str)> = None;
    let mut body_done = false;
    let mut runs = Vec::new();
    let mut run_start = 0;
    while let Some(offset) = xml[at..].find('<') {
        let tag_start = at + offset;
        let (token, end) = token(xml, tag_start)?;
        at = end;
        match token {
            Token::Start { name, empty } => {
                if depth == 0 {
                    if root.is_some() || empty {
                        return None;
                    }
                    root = Some((name, &xml[tag_start..end]));
                } else if depth == 1 && body.is_none() && local(name) == "body" && !empty {
                    body = Some((name, &xml[tag_start..end]));
                    run_start = end;
                }
                if !empty {
                    depth += 1;
                }
            }
            Token::End => {
                depth = depth.checked_sub(1)?;
                if depth == 1 && body.is_some() && !body_done {
                    // The body's own end tag.
                    runs.push(&xml[run_start..tag_start]);
                    body_done = true;
                }
            }
            Token::Other => {}
        }
        // A child of the body has just ended: cut here when the run is long enough.
        if depth == 2
            && body.is_some()
            && !body_done
            && !matches!(token, Token::Other)
            && end - run_start >= run_bytes
        {
            runs.push(&xml[run_start..end]);
            run_start = end;
        }
    }
    let ((root_name, root_tag), (body_name, body_tag)) = (root?, body?);
    if depth != 0 || !body_done {
        return None;
    }
    runs.retain(|run| !run.trim().is_empty());
    Some(Body {
        open: format!("{root_tag}{body_tag}"),
        close: format!("</{body_name}></{root_name}>"),
        runs,
    })
}

/// The markup starting at `start` (a `<`) and where it ends. Bytes, not characters: every
/// byte the scan looks for is ASCII, and UTF-8 never uses ASCII bytes inside a character.
fn token(xml: &str, start: usize) -> Option<(Token<'_>, usize)> {
    let rest = &xml.as_bytes()[start..];
    let skip_to = |terminator: &str| {
        xml[start..]
            .find(terminator)
            .map(|i| (Token::Other, start + i + terminator.len()))
    };
    match *rest.get(1)? {
        b'?' => skip_to("?>"),
        b'!' if rest.starts_with(b"<!--") => skip_to("-->"),
        b'!' if rest.starts_with(b"<![CDATA[") => skip_to("]]>"),
        // A DTD: refused by the whole-part parse.
        b'!' => None,
        b'/' => xml[start..].find('>').map(|i| (Token::End, start + i + 1)),
        _ => {
            let name_end = 1 + rest[1..]
                .iter()
                .position(|&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/'))?;
            if name_end == 1 {
                return None;
            }
            let name = &xml[start + 1..start + name_end];
            // Attribute values may hold '>' and '/': step over quoted stretches.
            let mut quote = None;
            for (i, &b) in rest.iter().enumerate().skip(name_end) {
                match quote {
                    Some(q) if b == q => quote = None,
                    Some(_) => {}
                    None if b == b'"' || b == b'\'' => quote = Some(b),
                    None if b == b'>' => {
                        let empty = rest[i - 1] == b'/';
                        return Some((Token::Start { name, empty }, start + i + 1));
                    }
                    None => {}
                }
            }
            None
        }
    }
}

/// The local part of a qualified name.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="urn:w" xmlns:x="urn:x"><w:background w:color="FFFFFF"/><w:body>
<w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p><!-- a comment with <w:p> in it -->
<w:tbl><w:tr><w:tc><w:p x:a="1 > 0 and 2/1"><w:r><w:t><![CDATA[<not a tag>]]></w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p/><w:sectPr><w:pgSz w:w="11906"/></w:sectPr></w:body></w:document>
"#;

    #[test]
    fn runs_are_whole_children_of_the_body() {
        let body = cut(DOC, 1).expect("cut");
        assert_eq!(
            body.open,
            r#"<w:document xmlns:w="urn:w" xmlns:x="urn:x"><w:body>"#
        );
        assert_eq!(body.close, "</w:body></w:document>");
        assert_eq!(body.runs.len(), 4, "{:#?}", body.runs);
        assert!(body.runs[0].trim().starts_with("<w:p>"));
        assert!(body.runs[1].contains("<!-- a comment") && body.runs[1].ends_with("</w:tbl>"));
        assert_eq!(body.runs[2].trim(), "<w:p/>");
        for index in 0..body.runs.len() {
            roxmltree::Document::parse(&body.wrapped(index)).expect("each run parses alone");
        }
        // Put back together, the runs are the body's content.
        let whole = cut(DOC, usize::MAX).unwrap();
        assert_eq!(whole.runs.len(), 1);
        assert_eq!(body.runs.concat().trim(), whole.runs[0].trim());
    }

    #[test]
    fn what_the_scan_does_not_expect_goes_back_to_the_whole_parse() {
        for bad in [
            "",
            "no markup",
            "<w:document><w:body><w:p></w:body></w:document>",
            "<w:document><w:body><w:p/></w:body>",
            "<w:document><w:p/></w:document>",
            "<!DOCTYPE x [<!ENTITY a 'b'>]><w:document><w:body/></w:document>",
            "<w:document><w:body><w:p a=\"unclosed></w:p></w:body></w:document>",
            "<w:document><w:body><w:p/></w:body></w:document><extra/>",
            "<w:document><w:body></w:body></w:document></w:document>",
            "<w:document><w:body><",
        ] {
            assert_eq!(cut(bad, 1), None, "{bad}");
        }
    }
}
