//! The one registry of formats: names, file extensions, and which can be read.

use std::path::Path;

/// Every format wengao reads or writes. Adding one is a variant here, a writer arm in
/// `write::write` (the match does not compile without it) and a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// Plain text (UTF-8 or GBK in; UTF-8 out, boilerplate removed).
    #[value(alias = "txt")]
    Text,
    /// CommonMark with YAML front matter.
    #[value(alias = "md")]
    Markdown,
    /// The model as JSON.
    Json,
    /// HTML5 page (or fragment).
    Html,
    /// Word document laid out to GB/T 9704.
    Docx,
    /// Printable PDF with embedded Chinese fonts.
    Pdf,
}

/// Extensions of files the Word reader takes through LibreOffice.
pub const WORD_LIKE_EXTENSIONS: &[&str] =
    &["doc", "wps", "rtf", "odt", "dot", "wpt", "docm", "dotx"];

impl Format {
    /// Every format, in the order `--help` lists them.
    pub const ALL: &'static [Format] = &[
        Format::Text,
        Format::Markdown,
        Format::Json,
        Format::Html,
        Format::Docx,
        Format::Pdf,
    ];

    /// The short name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }

    /// File extensions, the first being the one written.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Text => &["txt", "text"],
            Format::Markdown => &["md", "markdown"],
            Format::Json => &["json"],
            Format::Html => &["html", "htm"],
            Format::Docx => &["docx"],
            Format::Pdf => &["pdf"],
        }
    }

    /// Whether a reader exists for the format.
    pub fn is_readable(self) -> bool {
        matches!(
            self,
            Format::Text | Format::Markdown | Format::Json | Format::Docx
        )
    }

    /// The format an input's name says: its own extension, or a Word-like one that the
    /// Word reader takes through LibreOffice (.doc, .wps, .rtf, .odt).
    ///
    /// ```
    /// use wengao::format::Format;
    /// assert_eq!(Format::of_input("草稿.WPS".as_ref()), Some(Format::Docx));
    /// ```
    pub fn of_input(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        if WORD_LIKE_EXTENSIONS.contains(&ext.as_str()) {
            return Some(Format::Docx);
        }
        Format::from_path(path)
    }

    /// Whether the output is binary (never printed to a terminal).
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Docx | Format::Pdf)
    }

    /// The format a path's extension names.
    ///
    /// ```
    /// use wengao::format::Format;
    /// assert_eq!(Format::from_path("a/speech.MD".as_ref()), Some(Format::Markdown));
    /// assert_eq!(Format::from_path("speech".as_ref()), None);
    /// ```
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.extensions().contains(&ext.as_str()))
    }

    /// The format a name in a request names: what `--from` and `--to` take (a format's name
    /// or its alias), any case.
    ///
    /// ```
    /// use wengao::format::Format;
    /// assert_eq!(Format::from_name("markdown"), Some(Format::Markdown));
    /// assert_eq!(Format::from_name("TXT"), Some(Format::Text));
    /// assert_eq!(Format::from_name("rtf"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Format> {
        <Format as clap::ValueEnum>::from_str(name.trim(), true).ok()
    }

    /// The input format `bytes` look like, for an input that comes without a name: a zip
    /// (a .docx; an .odt), an OLE file (.doc, .wps) or an RTF is DOCX (the Word reader takes
    /// them), `{` first is JSON, front matter or `#` headings
    /// are Markdown, anything else is text.
    ///
    /// ```
    /// use wengao::format::Format;
    /// assert_eq!(Format::sniff(b"  {\"wengao-model\": 1}"), Format::Json);
    /// assert_eq!(Format::sniff("# 讲话\n\n## 一、要求\n".as_bytes()), Format::Markdown);
    /// assert_eq!(Format::sniff("讲话\n一、要求\n".as_bytes()), Format::Text);
    /// ```
    pub fn sniff(bytes: &[u8]) -> Format {
        if crate::read::docx::legacy::is_word_like(bytes) {
            return Format::Docx;
        }
        let head = &bytes[..bytes.len().min(64 * 1024)];
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let Some(first) = head.iter().position(|b| !b.is_ascii_whitespace()) else {
            return Format::Text;
        };
        if head[first] == b'{' {
            return Format::Json;
        }
        // A character cut at the 64 KB mark becomes U+FFFD, which no test below looks at.
        let text = String::from_utf8_lossy(head);
        let front_matter = text.lines().next().is_some_and(|l| l.trim_end() == "---");
        let atx_heading = text.lines().any(|line| {
            let hashes = line.bytes().take_while(|&b| b == b'#').count();
            (1..=6).contains(&hashes) && line[hashes..].starts_with(' ')
        });
        if front_matter || atx_heading {
            Format::Markdown
        } else {
            Format::Text
        }
    }

    /// The names of the formats wengao reads, for messages.
    pub fn readable_names() -> String {
        Format::ALL
            .iter()
            .filter(|f| f.is_readable())
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Every format's name, for messages.
    pub fn names() -> String {
        Format::ALL
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(", ")
    }
}
