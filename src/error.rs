//! Errors (fatal, one line with a hint) and warnings (collected, never fatal).

use std::fmt;
use std::path::Path;

/// A fatal error. Its `Display` is one lowercase line that says what to do.
#[derive(Debug)]
pub enum Error {
    /// Reading or writing a file failed.
    Io {
        path: String,
        message: String,
        hint: &'static str,
    },
    /// The input is not text in any encoding wengao reads.
    Undecodable {
        path: String,
        offset: usize,
        detail: String,
    },
    /// The input has no text at all.
    EmptyInput { path: String },
    /// A template file is malformed.
    Template {
        file: String,
        line: usize,
        message: String,
        /// What to look at to write a good one.
        hint: &'static str,
    },
    /// A JSON model file is malformed.
    Json { path: String, message: String },
    /// A Markdown file's front matter is malformed.
    FrontMatter {
        path: String,
        line: usize,
        message: String,
    },
    /// The command line asks for something impossible.
    Usage(String),
    /// A writer could not produce its output (missing fonts and the like).
    Write {
        format: &'static str,
        message: String,
    },
}

impl Error {
    /// An I/O error on `path`, with a hint chosen from its kind.
    pub fn io(path: &Path, err: std::io::Error) -> Error {
        use std::io::ErrorKind;
        let hint = match err.kind() {
            ErrorKind::NotFound => "check the path",
            ErrorKind::PermissionDenied => "check the file's permissions",
            ErrorKind::IsADirectory => "give a file, not a directory",
            _ => "check the path and the disk",
        };
        let message = if path.is_dir() {
            "is a directory".to_string()
        } else {
            match err.kind() {
                ErrorKind::NotFound => "no such file".to_string(),
                _ => err.to_string().to_lowercase(),
            }
        };
        let hint = if path.is_dir() {
            "give a file, not a directory"
        } else {
            hint
        };
        Error::Io {
            path: path.display().to_string(),
            message,
            hint,
        }
    }

    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        2
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io {
                path,
                message,
                hint,
            } => write!(f, "{path}: {message} ({hint})"),
            Error::Undecodable {
                path,
                offset,
                detail,
            } => write!(
                f,
                "{path}: not readable text at byte {offset}: {detail} (is it a binary file? \
                 for other encodings pass --encoding gbk|gb18030|utf-8)"
            ),
            Error::EmptyInput { path } => {
                write!(
                    f,
                    "{path}: the input is empty (give a file with the speech's text)"
                )
            }
            Error::Template {
                file,
                line,
                message,
                hint,
            } => write!(f, "{file}:{line}: bad template: {message} ({hint})"),
            Error::FrontMatter {
                path,
                line,
                message,
            } => write!(
                f,
                "{path}:{line}: bad front matter: {message} (front matter is `key: value` lines \
                 between two `---` lines)"
            ),
            Error::Json { path, message } => write!(
                f,
                "{path}: not a wengao JSON model: {message} (write one with `wengao convert -t json`)"
            ),
            Error::Usage(message) => write!(f, "{message}"),
            Error::Write { format, message } => write!(f, "cannot write {format}: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// A problem worth telling the user that does not stop the conversion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// 1-based line in the input, when the warning is about a line.
    pub line: Option<usize>,
    pub kind: WarningKind,
    pub message: String,
}

/// What a warning is about; `-v` lists every kind, the default lists all but removed boilerplate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningKind {
    /// A web-page line (banner, share button, counter) was removed.
    Boilerplate,
    /// Something in the input was read in a way the user may want to check.
    Input,
    /// A character has no glyph in any available font, or similar output issue.
    Output,
    /// One item of a summary already reported (a tracked change accepted, a Word header
    /// replaced): listed with `-v` only.
    Detail,
}

impl Warning {
    /// A warning about line `line` of the input.
    pub fn at(line: usize, kind: WarningKind, message: impl Into<String>) -> Self {
        Warning {
            line: Some(line),
            kind,
            message: message.into(),
        }
    }

    /// A warning not tied to a line.
    pub fn general(kind: WarningKind, message: impl Into<String>) -> Self {
        Warning {
            line: None,
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}
