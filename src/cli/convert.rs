//! `wengao convert`: read the inputs once, write every requested output all-or-nothing.

use std::io::IsTerminal;
use std::path::Path;

use wengao::files::{Outputs, Source, read_bounded, same_file};
use wengao::write::PageTemplate;
use wengao::{Error, WriteOptions};

use super::args::ConvertArgs;
use super::plan::{Planned, Target, plan_outputs};
use super::stdout::to_stdout;
use super::{KB, load_input, load_template, parse_font_overrides, read_setup, report};

/// Runs `wengao convert`.
pub fn run(args: ConvertArgs) -> Result<u8, Error> {
    let (from, read_options) = read_setup(&args.read, &args.inputs[0], args.keep_punctuation)?;
    let write_options = write_options(&args)?;
    if args.inputs.len() == 1 && Path::new(&args.inputs[0]).is_dir() {
        return super::batch::run(&args, &read_options, &write_options);
    }
    let output_is_dir = args.outputs.len() == 1 && args.outputs[0].is_dir();
    let plan = plan_outputs(&args.inputs, &args.outputs, &args.to, output_is_dir)?;
    check_targets(&plan, &args.inputs)?;
    // The PDF's faces load while the input is read.
    let fonts_ahead = plan
        .iter()
        .any(|p| p.format == wengao::Format::Pdf)
        .then(|| wengao::write::pdf::load_fonts_ahead(&write_options));
    let inputs = args
        .inputs
        .iter()
        .map(|name| load_input(name, &args.read))
        .collect::<Result<Vec<_>, _>>()?;
    let parsed = wengao::read::read(from, &inputs, &read_options)?;
    if let Some(loading) = fonts_ahead {
        let _ = loading.join();
    }
    // The input bytes are no longer needed; free them before the writers allocate.
    drop(inputs);
    remove_temporaries_on_signals();
    let mut warnings = parsed.warnings;
    // Files first, each into its temporary file; standard output last; then every file is
    // renamed into place. Any failure before that leaves every target as it was.
    let mut outputs = Outputs::default();
    for planned in &plan {
        if let Target::File(path) = &planned.target {
            wengao::write::write_file(
                &mut outputs,
                path,
                planned.format,
                &parsed.document,
                &write_options,
                &mut warnings,
            )?;
        }
    }
    for planned in plan.iter().filter(|p| p.target == Target::Stdout) {
        let written = to_stdout(|stdout| {
            wengao::write::write_to(planned.format, &parsed.document, &write_options, stdout)
        })?;
        warnings.extend(written.unwrap_or_default());
    }
    if let Some(path) = &args.report {
        let word = parsed.word_report.as_ref().ok_or_else(|| {
            Error::Usage(format!(
                "--report describes a Word input; {} is not one",
                args.inputs[0]
            ))
        })?;
        let json = serde_json::to_vec_pretty(word).map_err(|e| Error::Usage(e.to_string()))?;
        outputs.write(path, &mut |sink| {
            sink.write_all(&json).map_err(|e| Error::io(path, e))
        })?;
    }
    outputs.commit()?;
    report(&warnings, args.verbose);
    Ok(0)
}

/// The writers' options from the command line (template, fonts, HTML page template).
fn write_options(args: &ConvertArgs) -> Result<WriteOptions, Error> {
    let mut template = load_template(&args.style)?;
    if args.gongwen.duplex {
        template.page.duplex = true;
    }
    if args.gongwen.no_duplex {
        template.page.duplex = false;
    }
    let html_template = match &args.html_template {
        Some(path) => {
            let limit = args.style.max_template_kb.saturating_mul(KB);
            let bytes = read_bounded(path, limit, Source::Template)?;
            let source = String::from_utf8(bytes).map_err(|e| Error::Template {
                file: path.display().to_string(),
                line: 0,
                message: format!("not UTF-8 text: {e}"),
                hint: "save the page template as UTF-8",
            })?;
            Some(PageTemplate {
                origin: path.display().to_string(),
                source,
            })
        }
        None => None,
    };
    Ok(WriteOptions {
        template,
        toc: args.toc,
        fragment: args.fragment,
        html_template,
        fonts: parse_font_overrides(&args.style.fonts)?,
        seal: args.gongwen.no_seal.then_some(false),
        kind: args.gongwen.kind.map(super::args::KindArg::kind),
        markdown_images: None,
    })
}

/// Refuses outputs that cannot or must not be written: a missing directory, an input itself,
/// a binary format to a terminal.
fn check_targets(plan: &[Planned], inputs: &[String]) -> Result<(), Error> {
    for planned in plan {
        let path = match &planned.target {
            Target::Stdout => {
                if planned.format.is_binary() && std::io::stdout().is_terminal() {
                    return Err(Error::Usage(format!(
                        "{} is binary; write it to a file with -o out.{}",
                        planned.format.name(),
                        planned.format.extensions()[0]
                    )));
                }
                continue;
            }
            Target::File(path) => path,
        };
        let dir = wengao::files::parent_dir(path);
        if !dir.is_dir() {
            return Err(Error::Io {
                path: path.display().to_string(),
                message: format!("the directory {} does not exist", dir.display()),
                hint: "create it first or choose another output path",
            });
        }
        for input in inputs {
            if input != "-" && same_file(Path::new(input), path) {
                return Err(Error::Usage(format!(
                    "{}: the output would overwrite the input; choose another output name",
                    path.display()
                )));
            }
        }
    }
    Ok(())
}

/// On SIGINT, SIGTERM or SIGHUP, removes the temporary files of outputs being written and
/// exits with 128 + the signal's number, as a shell reports a signalled process.
pub fn remove_temporaries_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            wengao::files::remove_temporaries();
            std::process::exit(128 + signal);
        }
    });
}
