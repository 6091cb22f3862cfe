//! Word-like files that are not .docx (.doc, .wps, .rtf, .odt): recognised by content and
//! turned into .docx by LibreOffice when `soffice` is installed.

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::read::Input;

/// How long LibreOffice may take to convert one file.
const CONVERT_TIMEOUT: Duration = Duration::from_secs(120);

/// What a Word-like file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Docx,
    /// Word 97–2003 or WPS (an OLE compound file).
    Compound,
    Rtf,
    Odt,
}

impl Kind {
    fn extension(self) -> &'static str {
        match self {
            Kind::Docx => "docx",
            Kind::Compound => "doc",
            Kind::Rtf => "rtf",
            Kind::Odt => "odt",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Kind::Docx => "a Word document",
            Kind::Compound => "an old Word (.doc) or WPS file",
            Kind::Rtf => "an RTF file",
            Kind::Odt => "an OpenDocument text (.odt)",
        }
    }
}

/// The kind of a Word-like file by its bytes.
pub fn kind(bytes: &[u8]) -> Option<Kind> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some(Kind::Compound);
    }
    if bytes.starts_with(b"{\\rtf") {
        return Some(Kind::Rtf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // The first entry of an OpenDocument file is its mimetype, stored.
        if bytes.get(30..38) == Some(b"mimetype")
            && bytes
                .windows(39)
                .take(200)
                .any(|w| w == b"application/vnd.oasis.opendocument.text")
        {
            return Some(Kind::Odt);
        }
        return Some(Kind::Docx);
    }
    None
}

/// Whether the bytes are a Word-like file (a zip counts: the docx reader says what is wrong
/// with one that is not Word).
pub fn is_word_like(bytes: &[u8]) -> bool {
    kind(bytes).is_some()
}

/// The input as .docx bytes: itself (not copied), or LibreOffice's conversion of it.
pub fn to_docx(input: &Input) -> Result<Cow<'_, [u8]>, Error> {
    let kind = kind(&input.bytes);
    match kind {
        Some(Kind::Docx) => Ok(Cow::Borrowed(&input.bytes)),
        Some(other) => convert(input, other).map(Cow::Owned),
        None => Err(super::package::not_docx(
            &input.name,
            "it is neither a .docx nor a file LibreOffice converts (.doc, .wps, .rtf, .odt)",
        )),
    }
}

fn convert(input: &Input, kind: Kind) -> Result<Vec<u8>, Error> {
    let unavailable = |why: String| Error::Io {
        path: input.name.clone(),
        message: format!(
            "{} can only be read through LibreOffice: {why}",
            kind.describe()
        ),
        hint: "install LibreOffice (soffice), or save the file as .docx in Word or WPS",
    };
    let dir = tempfile::tempdir().map_err(|e| unavailable(format!("no temporary folder ({e})")))?;
    let source = dir.path().join(format!("input.{}", kind.extension()));
    std::fs::write(&source, &input.bytes).map_err(|e| unavailable(e.to_string()))?;
    let profile = dir.path().join("profile");
    let mut child = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&source)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|_| unavailable("soffice is not installed (not on PATH)".to_string()))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > CONVERT_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(unavailable(format!(
                    "soffice did not finish in {} s",
                    CONVERT_TIMEOUT.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(unavailable(e.to_string())),
        }
    };
    let converted = dir.path().join("input.docx");
    if !status.success() || !Path::new(&converted).exists() {
        let mut stderr = String::new();
        if let Some(mut pipe) = child.stderr.take() {
            let _ = pipe.read_to_string(&mut stderr);
        }
        let why = stderr
            .lines()
            .next()
            .unwrap_or("it could not convert the file")
            .to_string();
        return Err(unavailable(format!("soffice failed: {why}")));
    }
    std::fs::read(&converted).map_err(|e| unavailable(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::{Kind, kind};

    #[test]
    fn word_like_files_by_content() {
        assert_eq!(kind(b"{\\rtf1\\ansi"), Some(Kind::Rtf));
        assert_eq!(
            kind(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Some(Kind::Compound)
        );
        assert_eq!(kind(b"PK\x03\x04rest"), Some(Kind::Docx));
        assert_eq!(kind("一、总体要求".as_bytes()), None);
    }
}
