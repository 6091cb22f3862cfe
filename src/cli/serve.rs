//! `wengao serve`: starts the page's server, prints its address, and stops it gracefully on
//! SIGINT or SIGTERM (requests in flight finish first).

use std::io::Write as _;

use signal_hook::consts::{SIGINT, SIGTERM};
use wengao::Error;
use wengao::serve::{Config, is_loopback, start};

use super::args::ServeArgs;

/// Runs `wengao serve` until it is told to stop; exit status 0.
pub fn run(args: &ServeArgs) -> Result<u8, Error> {
    let config = Config {
        addr: args.addr,
        allow_remote: args.allow_remote,
        max_upload_bytes: args.max_upload.0,
        ..Config::default()
    };
    // Registered before the server starts, so a signal that comes early is not lost.
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])
        .map_err(|e| Error::Usage(format!("cannot watch for signals: {e}")))?;
    let server = start(config)?;
    if !is_loopback(&server.addr()) {
        eprintln!(
            "wengao: warning: serving on {}: anyone who can reach this machine can use the page",
            server.addr()
        );
    }
    let url = page_url(&server);
    println!("wengao: the page is at {url}  (Ctrl-C stops)");
    let _ = std::io::stdout().flush();
    if args.open {
        open_browser(&url);
    }
    let _ = signals.forever().next();
    eprintln!("wengao: stopping (requests in flight finish first; a second Ctrl-C stops at once)");
    // While the requests in flight finish, a second signal ends the process at once.
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            std::process::exit(128 + signal);
        }
    });
    server.stop();
    Ok(0)
}

/// The address to open: a server bound to every address is opened on loopback.
fn page_url(server: &wengao::serve::Server) -> String {
    let addr = server.addr();
    if addr.ip().is_unspecified() {
        format!("http://127.0.0.1:{}/", addr.port())
    } else {
        server.url()
    }
}

/// Opens `url` with xdg-open; a failure is a warning, the page is still served.
fn open_browser(url: &str) {
    let opened = std::process::Command::new("xdg-open")
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match opened {
        // Waited for on a thread of its own, so it leaves no zombie behind.
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(error) => {
            eprintln!("wengao: warning: could not open a browser ({error}); open {url} yourself");
        }
    }
}
