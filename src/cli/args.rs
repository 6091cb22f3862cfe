//! The command line's arguments (clap derive), one struct per command.

use std::net::SocketAddr;
use std::path::PathBuf;

use wengao::Format;

/// How inputs are read (shared by convert, outline and check).
#[derive(clap::Args, Clone, Debug)]
pub struct ReadArgs {
    /// Input format (default: from the extension, else text).
    #[arg(long, value_enum)]
    pub from: Option<Format>,
    /// Decode text input with this encoding (utf-8, gbk, gb18030) instead of detecting it.
    #[arg(long)]
    pub encoding: Option<String>,
    /// Keep web-page boilerplate lines (banners, share buttons, counters).
    #[arg(long)]
    pub keep_boilerplate: bool,
    /// Refuse inputs larger than this many megabytes.
    #[arg(long, value_name = "MB", default_value_t = 200)]
    pub max_input_mb: u64,
}

/// `wengao convert`.
#[derive(clap::Args, Debug)]
pub struct ConvertArgs {
    /// Input files, in page order ("-" reads standard input). Several files are pages of one
    /// text; a directory converts every readable file under it.
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Output file ("-" for standard output); the format comes from its extension unless -t
    /// says. Repeat for several.
    #[arg(short, long = "output")]
    pub outputs: Vec<PathBuf>,
    /// Output formats, comma-separated (text, md, json, html, docx, pdf). Without -o: one format
    /// goes to stdout, several are written next to the input.
    #[arg(short = 't', long = "to", value_enum, value_delimiter = ',')]
    pub to: Vec<Format>,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Keep half-width punctuation between Chinese characters as written.
    #[arg(long)]
    pub keep_punctuation: bool,
    #[command(flatten)]
    pub style: StyleArgs,
    /// Add a table of contents (DOCX, HTML).
    #[arg(long)]
    pub toc: bool,
    /// HTML: write only the <article>.
    #[arg(long)]
    pub fragment: bool,
    #[command(flatten)]
    pub gongwen: GongwenArgs,
    /// HTML: a page template file instead of the shipped one.
    #[arg(long)]
    pub html_template: Option<PathBuf>,
    /// List every warning, including each removed boilerplate line.
    #[arg(short, long)]
    pub verbose: bool,
    /// Word input: write what was kept, changed and dropped to FILE as JSON.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
}

/// The style template and fonts (shared by convert and fonts).
#[derive(clap::Args, Clone, Debug)]
pub struct StyleArgs {
    /// Style template: gongwen, speech, plain, or a .toml file.
    #[arg(long, default_value = "gongwen")]
    pub template: String,
    /// A font file for a role, e.g. body=/path/FangSong.ttf (repeatable).
    #[arg(long = "font", value_name = "ROLE=PATH")]
    pub fonts: Vec<String>,
    /// Refuse template files larger than this many kilobytes.
    #[arg(long, value_name = "KB", default_value_t = 1024)]
    pub max_template_kb: u64,
}

/// `wengao outline` and `wengao check`: one input.
#[derive(clap::Args, Debug)]
pub struct InspectArgs {
    /// The input file ("-" reads standard input).
    pub input: String,
    /// outline: under each heading, why it is a heading and why at its level.
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// How a 公文's elements are laid out.
#[derive(clap::Args, Clone, Debug)]
pub struct GongwenArgs {
    /// Lay out the 署名 and 成文日期 for a document issued without a seal (GB/T 9704 7.3.5.2).
    #[arg(long)]
    pub no_seal: bool,
    /// Printed on both sides: the 版记 falls on an even page (default of the gongwen template).
    #[arg(long, conflicts_with = "no_duplex")]
    pub duplex: bool,
    /// Printed on one side: no blank page before the 版记.
    #[arg(long)]
    pub no_duplex: bool,
    /// The 公文's kind instead of the one found in the text.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
}

/// `--kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    /// 文件格式: the mark with 文件, the number centred.
    File,
    /// An upward 请示 or 报告: the number left, 签发人 right.
    Upward,
    /// 信函格式 (函): the mark 30 mm from the paper's top, double rules.
    Letter,
}

impl KindArg {
    pub fn kind(self) -> wengao::model::DocKind {
        match self {
            KindArg::File => wengao::model::DocKind::File,
            KindArg::Upward => wengao::model::DocKind::Upward,
            KindArg::Letter => wengao::model::DocKind::Letter,
        }
    }
}

/// `wengao serve`.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// The address to listen on (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8720")]
    pub addr: SocketAddr,
    /// Open the page in the default browser (xdg-open).
    #[arg(long)]
    pub open: bool,
    /// Allow an address beyond loopback: other machines can then use the page.
    #[arg(long)]
    pub allow_remote: bool,
    /// Refuse uploads larger than this (e.g. 50MB, 512KB, 1GB; a bare number is megabytes).
    #[arg(long, value_name = "SIZE", default_value_t = ByteSize(wengao::serve::DEFAULT_MAX_UPLOAD_BYTES))]
    pub max_upload: ByteSize,
}

/// A size given on the command line: a number with B, KB, MB or GB (binary units, any case,
/// the B optional), megabytes without a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteSize(pub usize);

const UNITS: [(&str, u32); 4] = [("G", 30), ("M", 20), ("K", 10), ("", 0)];

impl std::str::FromStr for ByteSize {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let upper = text.trim().to_ascii_uppercase();
        let digits = upper.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == ' ');
        let unit = upper[digits.len()..].trim();
        let shift = match unit.strip_suffix('B').unwrap_or(unit) {
            "" if unit.is_empty() => 20,
            prefix => UNITS
                .iter()
                .find(|(p, _)| *p == prefix)
                .map(|(_, shift)| *shift)
                .ok_or_else(|| format!("{text:?}: write a size such as 50MB, 512KB or 1GB"))?,
        };
        let number: usize = digits
            .parse()
            .map_err(|_| format!("{text:?}: write a size such as 50MB, 512KB or 1GB"))?;
        number
            .checked_mul(1 << shift)
            .map(ByteSize)
            .ok_or_else(|| format!("{text:?} is too large"))
    }
}

impl std::fmt::Display for ByteSize {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (unit, shift) = UNITS
            .iter()
            .find(|(_, shift)| self.0 % (1 << shift) == 0 && self.0 >= 1 << shift)
            .copied()
            .unwrap_or(("", 0));
        write!(f, "{}{unit}B", self.0 >> shift)
    }
}

#[cfg(test)]
mod tests {
    use super::ByteSize;

    #[test]
    fn sizes_read_and_print() {
        for (text, bytes) in [
            ("50MB", 50 << 20),
            ("50mb", 50 << 20),
            ("50 M", 50 << 20),
            ("50", 50 << 20),
            ("512KB", 512 << 10),
            ("1GB", 1 << 30),
            ("1000B", 1000),
        ] {
            assert_eq!(text.parse::<ByteSize>(), Ok(ByteSize(bytes)), "{text}");
        }
        for text in ["", "MB", "5TB", "-1MB", "1.5MB", "99999999999999999999GB"] {
            assert!(text.parse::<ByteSize>().is_err(), "{text}");
        }
        assert_eq!(ByteSize(50 << 20).to_string(), "50MB");
        assert_eq!(ByteSize(1000).to_string(), "1000B");
        assert_eq!(ByteSize(0).to_string(), "0B");
    }
}
