//! The `wengao` command line: arguments to library calls, results to stdout, messages to stderr.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use wengao::read::text::decode::encoding_by_label;
use wengao::{Error, Format, Input, ReadOptions, Template, Warning, WarningKind, WriteOptions};

#[derive(Parser)]
#[command(
    name = "wengao",
    version,
    about = "Convert Chinese speeches and official documents (讲话稿, 公文)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct ReadArgs {
    /// Input format (default: from the extension, else text).
    #[arg(long, value_enum)]
    from: Option<Format>,
    /// Decode text input with this encoding (utf-8, gbk, gb18030) instead of detecting it.
    #[arg(long)]
    encoding: Option<String>,
    /// Keep web-page boilerplate lines (banners, share buttons, counters).
    #[arg(long)]
    keep_boilerplate: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Convert a speech to one or more formats.
    Convert {
        /// Input files, in page order ("-" reads standard input). Several files are pages of one text.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// Output file ("-" for standard output); the format comes from its extension unless -t says. Repeat for several.
        #[arg(short, long = "output")]
        outputs: Vec<PathBuf>,
        /// Output formats, comma-separated (text, md, json, html, docx, pdf). Without -o: one format goes to
        /// stdout, several are written next to the input.
        #[arg(short = 't', long = "to", value_enum, value_delimiter = ',')]
        to: Vec<Format>,
        #[command(flatten)]
        read: ReadArgs,
        /// Keep half-width punctuation between Chinese characters as written.
        #[arg(long)]
        keep_punctuation: bool,
        /// Style template: gongwen, speech, plain, or a .toml file.
        #[arg(long, default_value = "gongwen")]
        template: String,
        /// Add a table of contents (DOCX, HTML).
        #[arg(long)]
        toc: bool,
        /// HTML: write only the <article>.
        #[arg(long)]
        fragment: bool,
        /// HTML: a page template file instead of the shipped one.
        #[arg(long)]
        html_template: Option<String>,
        /// A font file for a role, e.g. body=/path/FangSong.ttf (repeatable).
        #[arg(long = "font", value_name = "ROLE=PATH")]
        fonts: Vec<String>,
        /// List every warning, including each removed boilerplate line.
        #[arg(short, long)]
        verbose: bool,
    },
    /// Print the heading outline: title lines, then headings indented two spaces per level.
    Outline {
        input: String,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Check heading numbering: gaps, repeats, mixed widths, skipped levels, empty headings.
    Check {
        input: String,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff) to standard output.
    Man,
    /// Show the font each template role resolved to (for PDF), and from which file.
    Fonts {
        /// Style template: gongwen, speech, plain, or a .toml file.
        #[arg(long, default_value = "gongwen")]
        template: String,
        /// A font file for a role, e.g. body=/path/FangSong.ttf (repeatable).
        #[arg(long = "font", value_name = "ROLE=PATH")]
        fonts: Vec<String>,
    },
    /// List the shipped templates, or print one to start a template of your own.
    Templates {
        #[command(subcommand)]
        action: Option<TemplateAction>,
    },
}

#[derive(Subcommand)]
enum TemplateAction {
    /// Print a shipped template's TOML.
    Show { name: String },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("wengao: {error}");
            ExitCode::from(error.exit_code() as u8)
        }
    }
}

fn run(cli: Cli) -> Result<u8, Error> {
    match cli.command {
        Command::Convert {
            inputs,
            outputs,
            to,
            read,
            keep_punctuation,
            template,
            toc,
            fragment,
            html_template,
            fonts,
            verbose,
        } => {
            let (from, read_options) = read_setup(&read, &inputs[0], keep_punctuation)?;
            let template = Template::load(&template)?;
            let fonts = parse_font_overrides(&fonts)?;
            let write_options = WriteOptions {
                template,
                toc,
                fragment,
                html_template,
                fonts,
            };
            if inputs.len() == 1 && Path::new(&inputs[0]).is_dir() {
                return convert_directory(
                    Path::new(&inputs[0]),
                    &outputs,
                    &to,
                    &read_options,
                    &write_options,
                    verbose,
                );
            }
            let targets = plan_outputs(&inputs, &outputs, &to)?;
            let input_data = inputs
                .iter()
                .map(|name| load(name))
                .collect::<Result<Vec<_>, _>>()?;
            for (format, target) in &targets {
                if target.is_none() && format.is_binary() && std::io::stdout().is_terminal() {
                    return Err(Error::Usage(format!(
                        "{} is binary; write it to a file with -o out.{}",
                        format.name(),
                        format.extensions()[0]
                    )));
                }
            }
            let parsed = wengao::read::read(from, &input_data, &read_options)?;
            // The input bytes are no longer needed; free them before the writers allocate.
            drop(input_data);
            let mut warnings = parsed.warnings;
            // Each output goes straight to its file (or stdout) as it is made: no format
            // waits in memory for the others.
            for (format, target) in &targets {
                warnings.extend(match target {
                    Some(path) => {
                        wengao::output::write_file(path, *format, &parsed.document, &write_options)?
                    }
                    None => to_stdout(|stdout| {
                        wengao::write::write_to(*format, &parsed.document, &write_options, stdout)
                    })?
                    .unwrap_or_default(),
                });
            }
            report(&warnings, verbose);
            Ok(0)
        }
        Command::Outline { input, read } => {
            // The outline shows headings as written, so punctuation is not normalised.
            let parsed = parse_one(&input, &read, true)?;
            print_text(&wengao::outline::outline(&parsed.document))?;
            Ok(0)
        }
        Command::Check { input, read } => {
            let parsed = parse_one(&input, &read, true)?;
            let problems = wengao::outline::check(&parsed.document, &parsed.heading_lines);
            let listing: String = problems
                .iter()
                .map(|problem| format!("{input}:{}: {}\n", problem.line, problem.message))
                .collect();
            print_text(&listing)?;
            Ok(if problems.is_empty() { 0 } else { 1 })
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "wengao",
                &mut script,
            );
            print_text(&String::from_utf8_lossy(&script))?;
            Ok(0)
        }
        Command::Man => {
            to_stdout(|stdout| {
                clap_mangen::Man::new(<Cli as clap::CommandFactory>::command())
                    .render(stdout)
                    .map_err(|e| Error::io(Path::new("<stdout>"), e))
            })?;
            Ok(0)
        }
        Command::Fonts { template, fonts } => {
            let template = Template::load(&template)?;
            let overrides = parse_font_overrides(&fonts)?;
            let search = wengao::write::pdf::fonts::FontSearch::from_env();
            let resolved = wengao::write::pdf::fonts::Fonts::load(&template, &overrides, &search)?;
            print_text(&resolved.report())?;
            Ok(0)
        }
        Command::Templates { action } => {
            match action {
                None => {
                    let mut listing = String::new();
                    for (name, _) in wengao::template::BUILTIN {
                        let template = Template::builtin(name)?;
                        listing += &format!("{name:10} {}\n", template.description);
                    }
                    print_text(&listing)?;
                }
                Some(TemplateAction::Show { name }) => match Template::builtin_source(&name) {
                    Some(source) => print_text(source)?,
                    None => {
                        Template::builtin(&name)?;
                    }
                },
            }
            Ok(0)
        }
    }
}

/// Standard output that notices when its reader has gone (`wengao … | head`), so that the
/// program stops quietly, as Unix tools do, instead of reporting a broken pipe.
struct Stdout {
    lock: std::io::StdoutLock<'static>,
    reader_gone: bool,
}

impl Stdout {
    fn note<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(error) = &result {
            self.reader_gone |= error.kind() == std::io::ErrorKind::BrokenPipe;
        }
        result
    }
}

impl Write for Stdout {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let result = self.lock.write(bytes);
        self.note(result)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let result = self.lock.flush();
        self.note(result)
    }
}

/// Runs `produce` on standard output and flushes it. `Ok(None)` when the reader closed the
/// pipe before everything was written: not an error, the rest is simply not wanted.
fn to_stdout<T>(produce: impl FnOnce(&mut Stdout) -> Result<T, Error>) -> Result<Option<T>, Error> {
    let mut stdout = Stdout {
        lock: std::io::stdout().lock(),
        reader_gone: false,
    };
    let result = produce(&mut stdout).and_then(|value| {
        stdout
            .flush()
            .map(|()| value)
            .map_err(|e| Error::io(Path::new("<stdout>"), e))
    });
    match result {
        Err(_) if stdout.reader_gone => Ok(None),
        other => other.map(Some),
    }
}

/// Prints a command's text result on standard output.
fn print_text(text: &str) -> Result<(), Error> {
    to_stdout(|stdout| {
        stdout
            .write_all(text.as_bytes())
            .map_err(|e| Error::io(Path::new("<stdout>"), e))
    })?;
    Ok(())
}

/// `--font ROLE=PATH` arguments as (role, path) pairs.
fn parse_font_overrides(specs: &[String]) -> Result<Vec<(String, String)>, Error> {
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

fn read_setup(
    read: &ReadArgs,
    first_input: &str,
    keep_punctuation: bool,
) -> Result<(Format, ReadOptions), Error> {
    let from = match read.from {
        Some(format) => format,
        None => Format::from_path(Path::new(first_input))
            .filter(|f| f.is_readable())
            .unwrap_or(Format::Text),
    };
    if !from.is_readable() {
        return Err(Error::Usage(format!(
            "wengao cannot read {}; --from takes text, md or json",
            from.name()
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

fn parse_one(
    input: &str,
    read: &ReadArgs,
    keep_punctuation: bool,
) -> Result<wengao::Parsed, Error> {
    let (from, options) = read_setup(read, input, keep_punctuation)?;
    wengao::read::read(from, &[load(input)?], &options)
}

/// Reads an input file, or standard input for "-".
fn load(name: &str) -> Result<Input, Error> {
    let bytes = if name == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(Path::new("<stdin>"), e))?;
        bytes
    } else {
        let path = Path::new(name);
        if path.is_dir() {
            return Err(Error::Io {
                path: name.to_string(),
                message: "is a directory".into(),
                hint: "give a file, not a directory",
            });
        }
        std::fs::read(path).map_err(|e| Error::io(path, e))?
    };
    Ok(Input {
        name: name.to_string(),
        bytes,
    })
}

/// Decides each output's format and destination (`None` = stdout).
fn plan_outputs(
    inputs: &[String],
    outputs: &[PathBuf],
    to: &[Format],
) -> Result<Vec<(Format, Option<PathBuf>)>, Error> {
    let mut plan = Vec::new();
    if outputs.is_empty() {
        match to {
            [] => {
                return Err(Error::Usage(
                    "say where to write: -o FILE, or -t FORMAT for stdout".into(),
                ));
            }
            [one] => plan.push((*one, None)),
            many => {
                let first = &inputs[0];
                if first == "-" {
                    return Err(Error::Usage(
                        "several formats from stdin need -o for each".into(),
                    ));
                }
                for format in many {
                    plan.push((
                        *format,
                        Some(Path::new(first).with_extension(format.extensions()[0])),
                    ));
                }
            }
        }
    } else if to.len() > 1 && outputs.len() == 1 && outputs[0].is_dir() {
        let stem = Path::new(&inputs[0])
            .file_stem()
            .map(|s| s.to_os_string())
            .unwrap_or_else(|| "stdin".into());
        for format in to {
            plan.push((
                *format,
                Some(
                    outputs[0]
                        .join(&stem)
                        .with_extension(format.extensions()[0]),
                ),
            ));
        }
    } else {
        if !to.is_empty() && to.len() != outputs.len() {
            return Err(Error::Usage(format!(
                "{} outputs but {} formats; give one -t per -o, or let extensions decide",
                outputs.len(),
                to.len()
            )));
        }
        if outputs.iter().filter(|path| is_stdout(path)).count() > 1 {
            return Err(Error::Usage(
                "only one output can go to standard output (-o -)".into(),
            ));
        }
        for (index, path) in outputs.iter().enumerate() {
            let format = match to.get(index) {
                Some(format) => *format,
                None if is_stdout(path) => {
                    return Err(Error::Usage(
                        "-o - writes to standard output; say the format with -t".into(),
                    ));
                }
                None => Format::from_path(path).ok_or_else(|| {
                    Error::Usage(format!(
                        "{}: unknown output format; use an extension ({}) or -t",
                        path.display(),
                        Format::names()
                    ))
                })?,
            };
            let target = (!is_stdout(path)).then(|| path.clone());
            plan.push((format, target));
        }
    }
    for (_, target) in &plan {
        let Some(target) = target else { continue };
        let dir = target
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !dir.is_dir() {
            return Err(Error::Io {
                path: target.display().to_string(),
                message: format!("the directory {} does not exist", dir.display()),
                hint: "create it first or choose another output path",
            });
        }
        for input in inputs {
            if input != "-" && wengao::batch::same_file(Path::new(input), target) {
                return Err(Error::Usage(format!(
                    "{}: the output would overwrite the input; choose another output name",
                    target.display()
                )));
            }
        }
    }
    Ok(plan)
}

/// `-o -` names standard output, as in most command-line tools.
fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Batch mode: every .txt and .md under `dir` to each format of `to` under one output directory.
fn convert_directory(
    dir: &Path,
    outputs: &[PathBuf],
    to: &[Format],
    read_options: &ReadOptions,
    write_options: &WriteOptions,
    verbose: bool,
) -> Result<u8, Error> {
    let [output_dir] = outputs else {
        return Err(Error::Usage(
            "a directory input needs one output directory: -o OUTDIR -t docx,pdf,md,html".into(),
        ));
    };
    if is_stdout(output_dir) {
        return Err(Error::Usage(
            "a directory input writes many files; give an output directory, not -o -".into(),
        ));
    }
    if to.is_empty() {
        return Err(Error::Usage(
            "say which formats to write with -t, e.g. -t docx,pdf,md,html".into(),
        ));
    }
    std::fs::create_dir_all(output_dir).map_err(|e| Error::io(output_dir, e))?;
    let total = wengao::batch::find_inputs(dir)?.len();
    if total == 0 {
        return Err(Error::Usage(format!(
            "{}: no .txt or .md files under this directory",
            dir.display()
        )));
    }
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
                .expect("a valid progress template"),
        );
        Some(bar)
    } else {
        None
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let on_done = |result: &wengao::batch::FileResult| {
        if let Some(bar) = &bar {
            bar.set_message(result.input.display().to_string());
            bar.inc(1);
        }
    };
    let results = wengao::batch::convert_tree(
        dir,
        output_dir,
        to,
        read_options,
        write_options,
        threads,
        &on_done,
    )?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let failed: Vec<_> = results
        .iter()
        .filter_map(|r| r.outcome.as_ref().err().map(|e| (&r.input, e)))
        .collect();
    let written: usize = results
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok())
        .map(Vec::len)
        .sum();
    if verbose {
        for result in &results {
            for warning in &result.warnings {
                eprintln!("wengao: {}: warning: {warning}", result.input.display());
            }
        }
    }
    eprintln!(
        "wengao: converted {} of {total} files ({written} outputs) into {}",
        total - failed.len(),
        output_dir.display()
    );
    for (input, error) in &failed {
        eprintln!("wengao: failed: {}: {error}", input.display());
    }
    Ok(if failed.is_empty() { 0 } else { 1 })
}

/// Prints warnings to stderr; removed boilerplate is summarised unless `verbose`.
fn report(warnings: &[Warning], verbose: bool) {
    let boilerplate = warnings
        .iter()
        .filter(|w| w.kind == WarningKind::Boilerplate)
        .count();
    for warning in warnings {
        if verbose || warning.kind != WarningKind::Boilerplate {
            eprintln!("wengao: warning: {warning}");
        }
    }
    if boilerplate > 0 && !verbose {
        eprintln!(
            "wengao: removed {boilerplate} line(s) of web boilerplate (-v lists them, --keep-boilerplate keeps them)"
        );
    }
}
