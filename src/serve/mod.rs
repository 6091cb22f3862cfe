//! `wengao serve`: the local web page for people who never open a terminal, and its API.
//!
//! One page (three embedded assets) and a small JSON API over HTTP/1.1 on loopback:
//! [`api`] reads and writes in memory (no file of the server's disk is read or written on a
//! request's behalf), [`pool`] bounds the conversions running at once and their time, and
//! [`guard`] refuses foreign hosts and origins and puts the security headers on every answer.
//!
//! ```no_run
//! let server = wengao::serve::start(wengao::serve::Config::default()).unwrap();
//! println!("http://{}/", server.addr());
//! server.stop();
//! ```

mod api;
mod assets;
mod guard;
mod pool;

use std::future::IntoFuture as _;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::{get, post};

use crate::error::Error;
use crate::template::{BUILTIN, Template};

/// How a server listens and how much it takes on.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address to bind; port 0 picks a free port ([`Server::addr`] tells which).
    pub addr: SocketAddr,
    /// Allow an address beyond loopback (other machines can then use the page).
    pub allow_remote: bool,
    /// The largest request body accepted, in bytes.
    pub max_upload_bytes: usize,
    /// Conversions running at once (the rest wait).
    pub workers: usize,
    /// How long a request waits for a free worker before it is refused (503).
    pub queue_timeout: Duration,
    /// How long a conversion may take before its request is answered 504.
    pub conversion_timeout: Duration,
    /// On [`Server::stop`], how long requests in flight are given to finish.
    pub shutdown_grace: Duration,
}

/// The port the page is served on unless `--addr` says otherwise.
pub const DEFAULT_PORT: u16 = 8720;

/// The upload limit unless `--max-upload` says otherwise: 50 MB.
pub const DEFAULT_MAX_UPLOAD_BYTES: usize = 50 * 1024 * 1024;

/// The template of a request that names none, as for `wengao convert`.
pub const DEFAULT_TEMPLATE: &str = "gongwen";

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], DEFAULT_PORT)),
            allow_remote: false,
            max_upload_bytes: DEFAULT_MAX_UPLOAD_BYTES,
            workers: std::thread::available_parallelism().map_or(2, usize::from),
            queue_timeout: Duration::from_secs(10),
            conversion_timeout: Duration::from_secs(30),
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// A running server: its address, and the way to stop it.
pub struct Server {
    addr: SocketAddr,
    state: Arc<AppState>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// How many conversions are running now.
    pub fn conversions_running(&self) -> usize {
        self.state.pool.running()
    }

    /// The page's address, e.g. `http://127.0.0.1:8720/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Stops accepting connections, lets requests in flight finish (up to the configured
    /// grace), and returns when the server is down.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Whether `addr` is only reachable from this machine.
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// Binds `config.addr` and serves the page and the API on a thread of its own; returns once
/// the socket is bound. Refuses an address beyond loopback unless `config.allow_remote`.
pub fn start(config: Config) -> Result<Server, Error> {
    if !config.allow_remote && !is_loopback(&config.addr) {
        return Err(Error::Usage(format!(
            "{} is not a loopback address: other machines could use the page; pass \
             --allow-remote to serve them, or use 127.0.0.1",
            config.addr
        )));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(config.workers.clamp(1, 4))
        .thread_name("wengao-serve")
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| Error::Usage(format!("cannot start the server: {e}")))?;
    let std_listener = std::net::TcpListener::bind(config.addr).map_err(|e| {
        Error::Usage(format!(
            "cannot listen on {}: {e} (is another wengao serve running? try --addr 127.0.0.1:0)",
            config.addr
        ))
    })?;
    let addr = std_listener
        .local_addr()
        .map_err(|e| Error::Usage(format!("cannot listen on {}: {e}", config.addr)))?;
    std_listener
        .set_nonblocking(true)
        .map_err(|e| Error::Usage(format!("cannot listen on {addr}: {e}")))?;
    let listener = {
        let _entered = runtime.enter();
        tokio::net::TcpListener::from_std(std_listener)
            .map_err(|e| Error::Usage(format!("cannot listen on {addr}: {e}")))?
    };
    let grace = config.shutdown_grace;
    let state = AppState::new(config, addr)?;
    let app = router(Arc::clone(&state));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("wengao-serve".into())
        .spawn(move || {
            runtime.block_on(serve(listener, app, stopped, grace));
            // Conversions that outlived their requests are not waited for.
            runtime.shutdown_timeout(Duration::from_millis(100));
        })
        .map_err(|e| Error::Usage(format!("cannot start the server: {e}")))?;
    Ok(Server {
        addr,
        state,
        stop: Some(stop),
        thread: Some(thread),
    })
}

/// Serves until `stopped` fires, then gives requests in flight `grace` to finish.
async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    stopped: tokio::sync::oneshot::Receiver<()>,
    grace: Duration,
) {
    let (begin_grace, grace_begun) = tokio::sync::oneshot::channel::<()>();
    let server = axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            let _ = stopped.await;
            let _ = begin_grace.send(());
        })
        .into_future();
    let deadline = async move {
        if grace_begun.await.is_ok() {
            tokio::time::sleep(grace).await;
        } else {
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        _ = server => {}
        () = deadline => {}
    }
}

/// What every request handler shares.
struct AppState {
    config: Config,
    /// The address bound, for the `Host` check.
    addr: SocketAddr,
    pool: pool::Pool,
    /// The shipped templates, parsed once.
    templates: Vec<(&'static str, Template)>,
    /// The template of a request that names none: `wengao convert`'s default.
    default_template: Template,
}

impl AppState {
    fn new(config: Config, addr: SocketAddr) -> Result<Arc<AppState>, Error> {
        let templates = BUILTIN
            .iter()
            .map(|(name, _)| Template::builtin(name).map(|t| (*name, t)))
            .collect::<Result<Vec<_>, _>>()?;
        let pool = pool::Pool::new(
            config.workers.max(1),
            config.queue_timeout,
            config.conversion_timeout,
        );
        Ok(Arc::new(AppState {
            config,
            addr,
            pool,
            templates,
            default_template: Template::builtin(DEFAULT_TEMPLATE)?,
        }))
    }

    fn template(&self, name: &str) -> Option<&Template> {
        self.templates
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t)
    }
}

/// The routes, behind the host and origin guard. The upload limit is the handlers' (so that
/// its answer is JSON): they read the raw body themselves.
fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(assets::index))
        .route("/assets/app.css", get(assets::css))
        .route("/assets/app.js", get(assets::js))
        .route("/healthz", get(api::healthz))
        .route("/api/templates", get(api::templates))
        .route("/api/outline", post(api::outline))
        .route("/api/convert", post(api::convert))
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            guard::guard,
        ))
        .with_state(state)
}
