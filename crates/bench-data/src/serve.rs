//! Alice's side of a casebook sync benchmark: her node serving on loopback in the benchmark's
//! own process, accepting only (each sync is started by Bob's child process), with the outcome
//! of every session written down so the benchmark can print Alice's view of each one.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};

use casebook::Node;
use casebook_sync::{Event, Report, Server};
use tokio::runtime::Runtime;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::BoxResult;

/// One line per session Alice's server ended, in the order they ended.
#[derive(Debug, Clone, Default)]
pub struct SessionLog(Arc<Mutex<Vec<String>>>);

impl SessionLog {
    /// The lines written so far (none if a writer panicked while holding the log).
    pub fn lines(&self) -> Vec<String> {
        self.0.lock().map(|l| l.clone()).unwrap_or_default()
    }

    fn push(&self, line: String) {
        if let Ok(mut l) = self.0.lock() {
            l.push(line);
        }
    }
}

/// Alice's listen-only server, running on a benchmark's runtime until [`Serving::stop`].
#[derive(Debug)]
pub struct Serving {
    /// The address it listens on: 127.0.0.1 and a port the system chose.
    pub addr: SocketAddr,
    log: SessionLog,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl Serving {
    /// Bind `alice`'s server on 127.0.0.1 (any port), listening only, and run it on `rt`.
    /// A session that ends well is logged as `describe` words its report, prefixed `ok: `; one
    /// that fails as `error: ` and why.
    ///
    /// # Errors
    /// If the server cannot bind.
    pub fn start(
        rt: &Runtime,
        alice: Arc<Node>,
        describe: impl Fn(&Report) -> String + Send + Sync + 'static,
    ) -> BoxResult<Self> {
        let log = SessionLog::default();
        let server = {
            let _enter = rt.enter();
            let log = log.clone();
            Server::bind(
                alice,
                SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
                Arc::new(move |e: Event| {
                    if let Event::Ended { outcome, .. } = e {
                        log.push(match outcome {
                            Ok(r) => format!("ok: {}", describe(&r)),
                            Err(e) => format!("error: {e}"),
                        });
                    }
                }),
            )?
            .listen_only()
        };
        let addr = server.local_addr()?;
        let (stop, stopped) = oneshot::channel::<()>();
        let task = rt.spawn(async move {
            server
                .run(async {
                    let _ = stopped.await;
                })
                .await;
        });
        Ok(Self {
            addr,
            log,
            stop,
            task,
        })
    }

    /// Stop the server and wait until it has; then its log, read when the caller chooses.
    pub fn stop(self, rt: &Runtime) -> SessionLog {
        let _ = self.stop.send(());
        let _ = rt.block_on(self.task);
        self.log
    }
}
