//! The commands: each module runs one subcommand from its parsed arguments and returns the
//! exit status (errors go back to `main`, which prints them as one line).

pub mod args;
pub mod batch;
pub mod check;
pub mod convert;
pub mod docs;
pub mod fonts;
pub mod outline;
pub mod plan;
pub mod serve;
pub mod stdout;
pub mod templates;

use std::path::Path;

use wengao::files::{Source, read_bounded, read_stream};
use wengao::read::text::decode::encoding_by_label;
use wengao::{Error, Format, Input, ReadOptions, Template, Warning, WarningKind};

use args::{ReadArgs, StyleArgs};

/// Bytes in a megabyte and a kilobyte, for the size limits given on the command line.
const MB: u64 = 1024 * 1024;
const KB: u64 = 1024;

/// The input format and reader options from the command line; `first_input` decides the
/// format when `--from` does not.
pub fn read_setup(
    read: &ReadArgs,
    first_input: &str,
    keep_punctuation: bool,
) -> Result<(Format, ReadOptions), Error> {
    let from = match read.from {
        Some(format) => format,
        None => Format::of_input(Path::new(first_input))
            .filter(|f| f.is_readable())
            .unwrap_or(Format::Text),
    };
    if !from.is_readable() {
        return Err(Error::Usage(format!(
            "wengao cannot read {}; --from takes {}",
            from.name(),
            Format::readable_names()
        )));
    }
    let encoding = match &read.encoding {
        Some(label) => Some(encoding_by_label(label).ok_or_else(|| {
            Error::Usage(format!(
                "unknown encoding {label:?}; try utf-8, gbk or gb18030"
            ))
        })?),
        None => None,
    };
    Ok((
        from,
        ReadOptions {
            encoding,
            keep_boilerplate: read.keep_boilerplate,
            keep_punctuation,
        },
    ))
}

/// Reads an input file, or standard input for "-", refusing more than `--max-input-mb`.
pub fn load_input(name: &str, read: &ReadArgs) -> Result<Input, Error> {
    let limit = read.max_input_mb.saturating_mul(MB);
    let bytes = if name == "-" {
        read_stream(std::io::stdin().lock(), "<stdin>", limit, Source::Input)?
    } else {
        read_bounded(Path::new(name), limit, Source::Input)?
    };
    Ok(Input {
        name: name.to_string(),
        bytes,
    })
}

/// Reads one input into the model, as `outline` and `check` do (punctuation as written).
pub fn parse_one(input: &str, read: &ReadArgs) -> Result<wengao::Parsed, Error> {
    let (from, options) = read_setup(read, input, true)?;
    wengao::read::read(from, &[load_input(input, read)?], &options)
}

/// The style template named or given by path, its file no larger than `--max-template-kb`.
pub fn load_template(style: &StyleArgs) -> Result<Template, Error> {
    Template::load(&style.template, style.max_template_kb.saturating_mul(KB))
}

/// `--font ROLE=PATH` arguments as (role, path) pairs.
pub fn parse_font_overrides(specs: &[String]) -> Result<Vec<(String, String)>, Error> {
    specs
        .iter()
        .map(|spec| {
            spec.split_once('=')
                .map(|(role, path)| (role.trim().to_string(), path.trim().to_string()))
                .ok_or_else(|| {
                    Error::Usage(format!(
                        "--font {spec:?}: write ROLE=PATH, e.g. body=/path/FangSong.ttf"
                    ))
                })
        })
        .collect()
}

/// Prints warnings to stderr; removed boilerplate is summarised unless `verbose`.
pub fn report(warnings: &[Warning], verbose: bool) {
    let boilerplate = warnings
        .iter()
        .filter(|w| w.kind == WarningKind::Boilerplate)
        .count();
    for warning in warnings {
        if verbose || !matches!(warning.kind, WarningKind::Boilerplate | WarningKind::Detail) {
            eprintln!("wengao: warning: {warning}");
        }
    }
    if boilerplate > 0 && !verbose {
        eprintln!(
            "wengao: removed {boilerplate} line(s) of web boilerplate (-v lists them, --keep-boilerplate keeps them)"
        );
    }
}
