//! A UDP relay between one client and one server on loopback that can stop forwarding, so a
//! peer can vanish at a chosen moment: after its first datagram (a handshake that never
//! finishes), or after it connected (an idle peer that sends nothing, not even keep-alives).

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use tokio::net::UdpSocket;

use super::Result;

/// What the relay forwards, changeable while it runs.
#[derive(Debug)]
pub struct Control {
    /// Datagrams from the client it may still forward to the server (`u64::MAX`: all).
    client_budget: AtomicU64,
    /// Whether it forwards the server's datagrams to the client.
    to_client: AtomicBool,
    /// Datagrams forwarded and dropped, each way.
    forwarded_to_server: AtomicU64,
    dropped_to_server: AtomicU64,
    forwarded_to_client: AtomicU64,
    dropped_to_client: AtomicU64,
}

/// A running relay; stops when dropped.
#[derive(Debug)]
pub struct Relay {
    /// Where clients send their datagrams.
    pub addr: SocketAddr,
    control: Arc<Control>,
    task: tokio::task::JoinHandle<()>,
}

impl Relay {
    /// Relay to `server`, forwarding everything until told otherwise. Call within a tokio
    /// runtime.
    ///
    /// # Errors
    /// If a socket cannot be bound.
    pub async fn start(server: SocketAddr) -> Result<Self> {
        let front = UdpSocket::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
        let back = UdpSocket::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
        back.connect(server).await?;
        let addr = front.local_addr()?;
        let control = Arc::new(Control {
            client_budget: AtomicU64::new(u64::MAX),
            to_client: AtomicBool::new(true),
            forwarded_to_server: AtomicU64::new(0),
            dropped_to_server: AtomicU64::new(0),
            forwarded_to_client: AtomicU64::new(0),
            dropped_to_client: AtomicU64::new(0),
        });
        let task = tokio::spawn(forward(front, back, control.clone()));
        Ok(Self {
            addr,
            control,
            task,
        })
    }

    /// Forward only the next `n` datagrams from the client, and drop every one after.
    pub fn client_budget(&self, n: u64) {
        self.control.client_budget.store(n, Ordering::SeqCst);
    }

    /// Forward nothing more from the server to the client.
    pub fn cut_to_client(&self) {
        self.control.to_client.store(false, Ordering::SeqCst);
    }

    /// Forward nothing more either way: the client has vanished.
    pub fn cut(&self) {
        self.client_budget(0);
        self.cut_to_client();
    }

    /// (forwarded to the server, dropped on the way to it, forwarded to the client, dropped
    /// on the way to it), in datagrams.
    pub fn counts(&self) -> (u64, u64, u64, u64) {
        let c = &self.control;
        (
            c.forwarded_to_server.load(Ordering::SeqCst),
            c.dropped_to_server.load(Ordering::SeqCst),
            c.forwarded_to_client.load(Ordering::SeqCst),
            c.dropped_to_client.load(Ordering::SeqCst),
        )
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn forward(front: UdpSocket, back: UdpSocket, control: Arc<Control>) {
    let mut client: Option<SocketAddr> = None;
    let mut from_client = vec![0u8; 65_536];
    let mut from_server = vec![0u8; 65_536];
    loop {
        tokio::select! {
            got = front.recv_from(&mut from_client) => {
                let Ok((n, source)) = got else { continue };
                client.get_or_insert(source);
                let allowed = control
                    .client_budget
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |b| match b {
                        0 => None,
                        u64::MAX => Some(u64::MAX),
                        b => Some(b - 1),
                    })
                    .is_ok();
                if allowed && back.send(&from_client[..n]).await.is_ok() {
                    control.forwarded_to_server.fetch_add(1, Ordering::SeqCst);
                } else {
                    control.dropped_to_server.fetch_add(1, Ordering::SeqCst);
                }
            }
            got = back.recv(&mut from_server) => {
                let Ok(n) = got else { continue };
                match client {
                    Some(to) if control.to_client.load(Ordering::SeqCst) => {
                        if front.send_to(&from_server[..n], to).await.is_ok() {
                            control.forwarded_to_client.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                    _ => {
                        control.dropped_to_client.fetch_add(1, Ordering::SeqCst);
                    }
                }
            }
        }
    }
}
