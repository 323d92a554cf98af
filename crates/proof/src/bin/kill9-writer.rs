//! The child process of the kill -9 suite (`tests/kill9.rs`): it opens the node in the data
//! directory given as its argument and logs calls on the first account file in a loop,
//! printing `ack <change hash>` on stdout only after each commit has returned. With
//! `--serve`, it first listens on 127.0.0.1 (port 0, printed as `addr <address>`) so the
//! parent can sync with it while it writes: the parent's changes then arrive as sync batches.
//!
//! It runs until it is killed.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use casebook::edit;
use casebook::{FileId, Node};
use casebook_proof::sample::call;
use casebook_sync::Server;

fn main() {
    if let Err(e) = run() {
        eprintln!("kill9-writer: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: kill9-writer DIR [--serve]")?);
    let serve = args.next().as_deref() == Some("--serve");
    let node = Arc::new(Node::open(&dir)?);
    let file: FileId = node
        .summaries()?
        .first()
        .ok_or("the node holds no account file")?
        .file_id
        .parse()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    let mut out = std::io::stdout().lock();
    if serve {
        let listen: SocketAddr = "127.0.0.1:0".parse()?;
        let server = runtime.block_on(async {
            Server::bind(Arc::clone(&node), listen, Arc::new(|_| {})).map(Server::listen_only)
        })?;
        writeln!(out, "addr {}", server.local_addr()?)?;
        out.flush()?;
        runtime.spawn(async move { server.run(std::future::pending()).await });
    }
    for n in 0u64.. {
        let call = call(node.adviser(), node.now(), format!("call {n}"));
        let edited = node.apply(file, |d, c, _| edit::log_interaction(d, c, &call))?;
        if let Some(hash) = edited.change {
            writeln!(out, "ack {hash}")?;
            out.flush()?;
        }
    }
    Ok(())
}
