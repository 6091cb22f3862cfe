//! Which outputs a `convert` writes, and where: a pure function of the arguments.

use std::path::{Path, PathBuf};

use wengao::{Error, Format};

/// Where one output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

/// One output of a conversion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub format: Format,
    pub target: Target,
}

/// `-o -` names standard output, as in most command-line tools.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Decides each output's format and destination from the inputs, the `-o` paths and the `-t`
/// formats. `output_is_dir` says whether the only `-o` names an existing directory (the
/// caller looks; this function does no I/O).
pub fn plan_outputs(
    inputs: &[String],
    outputs: &[PathBuf],
    to: &[Format],
    output_is_dir: bool,
) -> Result<Vec<Planned>, Error> {
    let file = |format: Format, path: PathBuf| Planned {
        format,
        target: Target::File(path),
    };
    if outputs.is_empty() {
        return match to {
            [] => Err(Error::Usage(
                "say where to write: -o FILE, or -t FORMAT for stdout".into(),
            )),
            [one] => Ok(vec![Planned {
                format: *one,
                target: Target::Stdout,
            }]),
            many => {
                let first = &inputs[0];
                if first == "-" {
                    return Err(Error::Usage(
                        "several formats from stdin need -o for each".into(),
                    ));
                }
                Ok(many
                    .iter()
                    .map(|format| {
                        file(
                            *format,
                            Path::new(first).with_extension(format.extensions()[0]),
                        )
                    })
                    .collect())
            }
        };
    }
    if to.len() > 1 && outputs.len() == 1 && output_is_dir {
        let stem = Path::new(&inputs[0])
            .file_stem()
            .filter(|_| inputs[0] != "-")
            .map(|s| s.to_os_string())
            .unwrap_or_else(|| "stdin".into());
        return Ok(to
            .iter()
            .map(|format| {
                file(
                    *format,
                    outputs[0]
                        .join(&stem)
                        .with_extension(format.extensions()[0]),
                )
            })
            .collect());
    }
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
    outputs
        .iter()
        .enumerate()
        .map(|(index, path)| {
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
            Ok(if is_stdout(path) {
                Planned {
                    format,
                    target: Target::Stdout,
                }
            } else {
                file(format, path.clone())
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    fn files(plan: &[Planned]) -> Vec<(Format, Option<&Path>)> {
        plan.iter()
            .map(|p| {
                (
                    p.format,
                    match &p.target {
                        Target::Stdout => None,
                        Target::File(path) => Some(path.as_path()),
                    },
                )
            })
            .collect()
    }

    #[test]
    fn extensions_decide_formats() {
        let plan = plan_outputs(
            &inputs(&["s.txt"]),
            &["a.md".into(), "b.pdf".into()],
            &[],
            false,
        )
        .unwrap();
        assert_eq!(
            files(&plan),
            vec![
                (Format::Markdown, Some(Path::new("a.md"))),
                (Format::Pdf, Some(Path::new("b.pdf")))
            ]
        );
    }

    #[test]
    fn one_format_without_output_goes_to_stdout() {
        let plan = plan_outputs(&inputs(&["s.txt"]), &[], &[Format::Json], false).unwrap();
        assert_eq!(files(&plan), vec![(Format::Json, None)]);
    }

    #[test]
    fn several_formats_go_next_to_the_input_or_into_a_directory() {
        let beside = plan_outputs(
            &inputs(&["d/s.txt"]),
            &[],
            &[Format::Docx, Format::Html],
            false,
        )
        .unwrap();
        assert_eq!(
            files(&beside),
            vec![
                (Format::Docx, Some(Path::new("d/s.docx"))),
                (Format::Html, Some(Path::new("d/s.html")))
            ]
        );
        let into = plan_outputs(
            &inputs(&["d/s.txt"]),
            &["out".into()],
            &[Format::Docx, Format::Pdf],
            true,
        )
        .unwrap();
        assert_eq!(files(&into)[1], (Format::Pdf, Some(Path::new("out/s.pdf"))));
    }

    #[test]
    fn impossible_requests_are_refused() {
        let refused = |outputs: &[&str], to: &[Format]| {
            let outputs: Vec<PathBuf> = outputs.iter().map(PathBuf::from).collect();
            plan_outputs(&inputs(&["s.txt"]), &outputs, to, false).is_err()
        };
        assert!(refused(&[], &[]));
        assert!(refused(&["a.xyz"], &[]));
        assert!(refused(&["-"], &[]));
        assert!(refused(&["-", "-"], &[Format::Markdown, Format::Json]));
        assert!(refused(&["a.md"], &[Format::Markdown, Format::Json]));
        assert!(
            plan_outputs(
                &inputs(&["-"]),
                &[],
                &[Format::Markdown, Format::Json],
                false
            )
            .is_err()
        );
    }
}
