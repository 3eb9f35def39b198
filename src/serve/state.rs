//! What every request shares: the folders, the form token, the handouts catalogue (reloaded
//! when files change), held print jobs, and the bound on builds running at once.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use handout::diagnostics::Diagnostic;
use handout::model::Date;

use super::catalogue::{self, Catalogue};
use super::tickets::Tickets;

pub type Shared = Arc<App>;

pub struct App {
    /// The handouts folder, canonical: every file the pages read or write is inside it.
    pub root: PathBuf,
    pub brand: PathBuf,
    /// Put in every form and checked on every post: a page from another site cannot know it.
    pub token: String,
    /// The port the server listens on; a request's `Host` must name it.
    pub port: u16,
    /// Host names besides `localhost` and IP addresses that requests may use (`--allow-host`).
    pub allowed_hosts: Vec<String>,
    /// Log more than method, route, status and time.
    pub verbose: bool,
    pub date_fallback: Option<Date>,
    /// Builds running at once, at most one per core: each already uses every core.
    pub builds: tokio::sync::Semaphore,
    pub tickets: Tickets,
    catalogue: Mutex<Option<Arc<Catalogue>>>,
}

/// How [`App`] is made, from the command line.
pub struct Config {
    pub root: PathBuf,
    pub brand: PathBuf,
    pub token: String,
    pub port: u16,
    pub allowed_hosts: Vec<String>,
    pub verbose: bool,
    pub date_fallback: Option<Date>,
}

impl App {
    pub fn new(config: Config) -> App {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        App {
            root: config.root,
            brand: config.brand,
            token: config.token,
            port: config.port,
            allowed_hosts: config.allowed_hosts,
            verbose: config.verbose,
            date_fallback: config.date_fallback,
            builds: tokio::sync::Semaphore::new(cores),
            tickets: Tickets::default(),
            catalogue: Mutex::new(None),
        }
    }

    /// The handouts as they are now: the one made before if no file has changed since,
    /// else read again. Blocking (files, layout): call it off the event loop.
    pub fn catalogue(&self) -> Result<Arc<Catalogue>, Diagnostic> {
        let stamp = catalogue::stamp(&self.root, &self.brand);
        if let Some(known) = self.cached().filter(|c| c.stamp == stamp) {
            return Ok(known);
        }
        let fresh = Arc::new(catalogue::load(&self.root, &self.brand, stamp)?);
        *self.catalogue.lock().unwrap_or_else(|e| e.into_inner()) = Some(fresh.clone());
        Ok(fresh)
    }

    fn cached(&self) -> Option<Arc<Catalogue>> {
        self.catalogue
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Forgets the catalogue, after the write page saved a file (its time may not change
    /// within the file system's clock resolution).
    pub fn forget_catalogue(&self) {
        *self.catalogue.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

/// Runs blocking work (reading files, laying out, building PDFs) off the event loop, as at
/// most one build per core.
pub async fn blocking<T: Send + 'static>(
    app: &Shared,
    work: impl FnOnce(&App) -> T + Send + 'static,
) -> Option<T> {
    let _permit = app.builds.acquire().await.ok()?;
    let app = app.clone();
    tokio::task::spawn_blocking(move || work(&app)).await.ok()
}
