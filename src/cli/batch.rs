//! `wengao convert DIR -o OUTDIR -t …`: every readable file under a directory, in parallel.

use std::io::IsTerminal;
use std::path::Path;

use wengao::batch::{Batch, FileResult};
use wengao::{Error, ReadOptions, WriteOptions};

use super::MB;
use super::args::ConvertArgs;
use super::convert::remove_temporaries_on_signals;
use super::plan::is_stdout;

/// Runs a batch conversion of the directory `args.inputs[0]`.
pub fn run(
    args: &ConvertArgs,
    read_options: &ReadOptions,
    write_options: &WriteOptions,
) -> Result<u8, Error> {
    let dir = Path::new(&args.inputs[0]);
    let [output_dir] = args.outputs.as_slice() else {
        return Err(Error::Usage(
            "a directory input needs one output directory: -o OUTDIR -t docx,pdf,md,html".into(),
        ));
    };
    if is_stdout(output_dir) {
        return Err(Error::Usage(
            "a directory input writes many files; give an output directory, not -o -".into(),
        ));
    }
    if args.to.is_empty() {
        return Err(Error::Usage(
            "say which formats to write with -t, e.g. -t docx,pdf,md,html".into(),
        ));
    }
    std::fs::create_dir_all(output_dir).map_err(|e| Error::io(output_dir, e))?;
    let total = wengao::batch::find_inputs(dir)?.inputs.len();
    if total == 0 {
        return Err(Error::Usage(format!(
            "{}: no .txt, .md or .json files under this directory",
            dir.display()
        )));
    }
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(total as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
        {
            bar.set_style(style);
        }
        bar
    });
    let on_done = |result: &FileResult| {
        if let Some(bar) = &bar {
            bar.set_message(result.input.display().to_string());
            bar.inc(1);
        }
    };
    remove_temporaries_on_signals();
    let batch = Batch {
        input_dir: dir,
        output_dir,
        formats: &args.to,
        from: args.read.from,
        read_options,
        write_options,
        input_limit: args.read.max_input_mb.saturating_mul(MB),
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let results = batch.run(&on_done)?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    for warning in &results.warnings {
        eprintln!("wengao: warning: {warning}");
    }
    let failed: Vec<_> = results
        .files
        .iter()
        .filter_map(|r| r.outcome.as_ref().err().map(|e| (&r.input, e)))
        .collect();
    let written: usize = results
        .files
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok())
        .map(Vec::len)
        .sum();
    if args.verbose {
        for result in &results.files {
            for warning in &result.warnings {
                eprintln!("wengao: {}: warning: {warning}", result.input.display());
            }
        }
    }
    eprintln!(
        "wengao: converted {} of {} files ({written} outputs) into {}",
        results.files.len() - failed.len(),
        results.files.len(),
        output_dir.display()
    );
    for (input, error) in &failed {
        eprintln!("wengao: failed: {}: {error}", input.display());
    }
    Ok(if failed.is_empty() { 0 } else { 1 })
}
