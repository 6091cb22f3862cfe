//! Standard output that stops quietly when its reader has gone (`wengao … | head`).

use std::io::Write;
use std::path::Path;

use wengao::Error;

/// Standard output that notices a closed pipe, so that the program stops quietly, as Unix
/// tools do, instead of reporting a broken pipe.
pub struct Stdout {
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
pub fn to_stdout<T>(
    produce: impl FnOnce(&mut Stdout) -> Result<T, Error>,
) -> Result<Option<T>, Error> {
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
pub fn print_text(text: &str) -> Result<(), Error> {
    to_stdout(|stdout| {
        stdout
            .write_all(text.as_bytes())
            .map_err(|e| Error::io(Path::new("<stdout>"), e))
    })?;
    Ok(())
}
