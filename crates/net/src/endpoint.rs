//! The QUIC endpoint: bind, accept trusted nodes, dial pinned nodes.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use casebook_base::limits::{
    CONNECT_TIMEOUT_MS, IDLE_TIMEOUT_MS, KEEP_ALIVE_MS, MAX_BIDI_STREAMS, MAX_UNI_STREAMS,
};
use casebook_base::{NodeId, SecretKey};
use quinn::crypto::rustls::{QuicClientConfig, QuicServerConfig};

use crate::{Error, Trust, tls};

/// Server name sent in the handshake. Identity comes from the pinned key, not from a name, so
/// every node uses the same one.
const SERVER_NAME: &str = "casebook.invalid";

fn transport() -> Arc<quinn::TransportConfig> {
    let mut t = quinn::TransportConfig::default();
    t.max_concurrent_bidi_streams(MAX_BIDI_STREAMS.into())
        .max_concurrent_uni_streams(MAX_UNI_STREAMS.into())
        .max_idle_timeout(Some(quinn::IdleTimeout::from(quinn::VarInt::from_u32(
            IDLE_TIMEOUT_MS,
        ))))
        .keep_alive_interval(Some(Duration::from_millis(KEEP_ALIVE_MS)));
    Arc::new(t)
}

/// A node's QUIC endpoint, listening and dialling on one UDP socket.
#[derive(Debug, Clone)]
pub struct Endpoint {
    inner: quinn::Endpoint,
    key: Arc<SecretKey>,
}

/// An authenticated connection to a peer node.
#[derive(Debug, Clone)]
pub struct PeerConnection {
    conn: quinn::Connection,
    peer: NodeId,
}

impl PeerConnection {
    /// The verified node id of the other side.
    pub fn peer(&self) -> NodeId {
        self.peer
    }

    /// The QUIC connection, for opening and accepting streams.
    pub fn connection(&self) -> &quinn::Connection {
        &self.conn
    }

    /// Whether the other node closed this connection because it does not trust this node's
    /// key. In TLS 1.3 a dialler's handshake completes before the listener has checked the
    /// dialler's key, so that refusal arrives as the connection's close, after `connect`.
    pub fn refused_by_peer(&self) -> bool {
        self.conn
            .close_reason()
            .is_some_and(|reason| refused_by_peer(&reason))
    }

    /// Close the connection with an application error code and a reason.
    pub fn close(&self, code: u32, reason: &str) {
        self.conn
            .close(quinn::VarInt::from_u32(code), reason.as_bytes());
    }
}

/// The TLS alert a node sends when it refuses the other node's key: rustls maps the
/// verifiers' [`rustls::CertificateError::ApplicationVerificationFailure`] to it.
fn access_denied() -> quinn::TransportErrorCode {
    quinn::TransportErrorCode::crypto(u8::from(rustls::AlertDescription::AccessDenied))
}

/// Whether `err` is the other node refusing this node's key (a TLS `access_denied` alert
/// received), as opposed to a network failure or another protocol error.
pub fn refused_by_peer(err: &quinn::ConnectionError) -> bool {
    matches!(err, quinn::ConnectionError::ConnectionClosed(close) if close.error_code == access_denied())
}

/// Whether `err` is this node refusing the other node's key (the alert sent).
fn refused_here(err: &quinn::ConnectionError) -> bool {
    matches!(err, quinn::ConnectionError::TransportError(e) if e.code == access_denied())
}

fn peer_of(conn: &quinn::Connection) -> Result<NodeId, Error> {
    let certs = conn
        .peer_identity()
        .and_then(|any| {
            any.downcast::<Vec<rustls::pki_types::CertificateDer<'static>>>()
                .ok()
        })
        .ok_or(Error::NoIdentity)?;
    match certs.as_slice() {
        [one] => NodeId::from_spki_der(one.as_ref()).ok_or(Error::NoIdentity),
        _ => Err(Error::NoIdentity),
    }
}

impl Endpoint {
    /// Bind to `addr` (use port 0 to let the OS choose) as the node with `key`, admitting
    /// incoming connections from nodes `trust` accepts.
    ///
    /// # Errors
    /// [`Error::Bind`] if the address is unavailable; [`Error::Tls`] for an unusable key.
    pub fn bind(key: &SecretKey, addr: SocketAddr, trust: Arc<dyn Trust>) -> Result<Self, Error> {
        let key = Arc::new(SecretKey::from_seed(key.to_seed()));
        let tls = tls::server_config(&key, trust)?;
        let quic = QuicServerConfig::try_from(tls).map_err(|e| Error::Tls(e.to_string()))?;
        let mut server = quinn::ServerConfig::with_crypto(Arc::new(quic));
        server.transport_config(transport());
        let inner =
            quinn::Endpoint::server(server, addr).map_err(|source| Error::Bind { addr, source })?;
        Ok(Self { inner, key })
    }

    /// The address this endpoint listens on.
    ///
    /// # Errors
    /// If the socket has gone.
    pub fn local_addr(&self) -> Result<SocketAddr, Error> {
        Ok(self.inner.local_addr()?)
    }

    /// This endpoint's node id.
    pub fn node_id(&self) -> NodeId {
        self.key.node_id()
    }

    /// Dial `addr` and require the node there to be `expected`.
    ///
    /// # Errors
    /// [`Error::NotTrusted`] if the peer refuses this node's key during the handshake (it
    /// may also refuse it just after: see [`PeerConnection::refused_by_peer`]);
    /// [`Error::Connect`] if the handshake fails otherwise, including when the peer has another
    /// key; [`Error::Timeout`] if nobody answers in time.
    pub async fn connect(
        &self,
        addr: SocketAddr,
        expected: NodeId,
    ) -> Result<PeerConnection, Error> {
        let tls = tls::client_config(&self.key, expected)?;
        let quic = QuicClientConfig::try_from(tls).map_err(|e| Error::Tls(e.to_string()))?;
        let mut client = quinn::ClientConfig::new(Arc::new(quic));
        client.transport_config(transport());
        let connecting = self
            .inner
            .connect_with(client, addr, SERVER_NAME)
            .map_err(|source| Error::Dial { addr, source })?;
        let conn = tokio::time::timeout(Duration::from_millis(CONNECT_TIMEOUT_MS), connecting)
            .await
            .map_err(|_| Error::Timeout {
                addr,
                secs: CONNECT_TIMEOUT_MS / 1000,
            })?
            .map_err(|source| {
                if refused_by_peer(&source) {
                    Error::NotTrusted {
                        addr,
                        node: expected,
                    }
                } else {
                    Error::Connect {
                        addr,
                        expected,
                        source,
                    }
                }
            })?;
        let peer = peer_of(&conn)?;
        // The verifier already pinned the key; check again so a bug there cannot go unseen.
        if peer != expected {
            conn.close(quinn::VarInt::from_u32(1), b"wrong node");
            return Err(Error::NoIdentity);
        }
        Ok(PeerConnection { conn, peer })
    }

    /// Wait for the next incoming connection that completes its handshake.
    ///
    /// Returns `None` once the endpoint is closed. A handshake that fails (an untrusted node,
    /// a wrong protocol) yields `Some(Err(..))`; the caller logs it and keeps accepting.
    /// A server that must keep accepting while a handshake is under way (anyone can start one
    /// and never finish it) uses [`Endpoint::accept_handshake`] instead.
    pub async fn accept(&self) -> Option<Result<PeerConnection, Error>> {
        Some(self.accept_handshake().await?.complete().await)
    }

    /// Wait for the next incoming connection attempt, without waiting for its handshake:
    /// complete it with [`Handshake::complete`], typically in a task of its own.
    ///
    /// Returns `None` once the endpoint is closed.
    pub async fn accept_handshake(&self) -> Option<Handshake> {
        Some(Handshake(self.inner.accept().await?))
    }
}

/// An incoming connection whose handshake has not completed yet.
#[derive(Debug)]
pub struct Handshake(quinn::Incoming);

impl Handshake {
    /// The address the attempt came from.
    pub fn remote_address(&self) -> SocketAddr {
        self.0.remote_address()
    }

    /// Turn the attempt away at once, without a handshake (e.g. too many are under way).
    pub fn refuse(self) {
        self.0.refuse();
    }

    /// Complete the handshake: the peer must prove a trusted node key within
    /// [`CONNECT_TIMEOUT_MS`].
    ///
    /// # Errors
    /// [`Error::Untrusted`] if the node is not trusted, [`Error::Incoming`] if the handshake
    /// fails otherwise (e.g. a wrong protocol),
    /// [`Error::HandshakeTimeout`] if it does not finish in time, [`Error::NoIdentity`] without one key.
    pub async fn complete(self) -> Result<PeerConnection, Error> {
        let addr = self.0.remote_address();
        let conn = tokio::time::timeout(Duration::from_millis(CONNECT_TIMEOUT_MS), self.0)
            .await
            .map_err(|_| Error::HandshakeTimeout {
                addr,
                secs: CONNECT_TIMEOUT_MS / 1000,
            })?
            .map_err(|source| {
                if refused_here(&source) {
                    Error::Untrusted { addr }
                } else {
                    Error::Incoming { addr, source }
                }
            })?;
        let peer = peer_of(&conn)?;
        Ok(PeerConnection { conn, peer })
    }
}

impl Endpoint {
    /// Close every connection and stop accepting.
    pub fn close(&self) {
        self.inner.close(quinn::VarInt::from_u32(0), b"closing");
    }

    /// Wait until every connection has closed cleanly.
    pub async fn wait_idle(&self) {
        self.inner.wait_idle().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TrustList;

    fn key(n: u8) -> SecretKey {
        SecretKey::from_seed([n; 32])
    }

    fn loopback() -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], 0))
    }

    const LIMIT: Duration = Duration::from_secs(10);

    #[tokio::test]
    async fn trusted_nodes_connect_and_see_each_others_ids() {
        let (a, b) = (key(1), key(2));
        let server =
            Endpoint::bind(&b, loopback(), Arc::new(TrustList::new([a.node_id()]))).unwrap();
        let client = Endpoint::bind(&a, loopback(), Arc::new(TrustList::new([]))).unwrap();
        let addr = server.local_addr().unwrap();
        let accept = tokio::spawn(async move {
            let conn = server.accept().await.unwrap().unwrap();
            let (mut send, mut recv) = conn.connection().accept_bi().await.unwrap();
            let got = recv.read_to_end(1024).await.unwrap();
            send.write_all(&got).await.unwrap();
            send.finish().unwrap();
            let _ = conn.connection().closed().await;
            conn.peer()
        });
        let conn = tokio::time::timeout(LIMIT, client.connect(addr, b.node_id()))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(conn.peer(), b.node_id());
        let (mut send, mut recv) = conn.connection().open_bi().await.unwrap();
        send.write_all(b"hello").await.unwrap();
        send.finish().unwrap();
        assert_eq!(recv.read_to_end(1024).await.unwrap(), b"hello");
        conn.close(0, "done");
        assert_eq!(
            tokio::time::timeout(LIMIT, accept).await.unwrap().unwrap(),
            a.node_id()
        );
    }

    #[tokio::test]
    async fn unknown_peer_is_refused_during_the_handshake() {
        let (stranger, b) = (key(3), key(4));
        let server = Endpoint::bind(&b, loopback(), Arc::new(TrustList::new([]))).unwrap();
        let client = Endpoint::bind(&stranger, loopback(), Arc::new(TrustList::new([]))).unwrap();
        let addr = server.local_addr().unwrap();
        let accept = tokio::spawn(async move { server.accept().await.map(|r| r.is_err()) });
        let dial = tokio::time::timeout(LIMIT, client.connect(addr, b.node_id()))
            .await
            .unwrap();
        assert_refused(dial).await;
        assert_eq!(
            tokio::time::timeout(LIMIT, accept).await.unwrap().unwrap(),
            Some(true)
        );
    }

    #[tokio::test]
    async fn the_listener_names_an_untrusted_dialler_as_such() {
        let (stranger, b) = (key(12), key(13));
        let server = Endpoint::bind(&b, loopback(), Arc::new(TrustList::new([]))).unwrap();
        let client = Endpoint::bind(&stranger, loopback(), Arc::new(TrustList::new([]))).unwrap();
        let addr = server.local_addr().unwrap();
        let accept = tokio::spawn(async move { server.accept().await });
        let _ = tokio::time::timeout(LIMIT, client.connect(addr, b.node_id())).await;
        let outcome = tokio::time::timeout(LIMIT, accept).await.unwrap().unwrap();
        assert!(
            matches!(outcome, Some(Err(Error::Untrusted { .. }))),
            "{outcome:?}"
        );
    }

    /// In TLS 1.3 the client finishes its half of the handshake before the server has checked
    /// the client's key, so a refused dial either fails outright or is closed by the server
    /// straight after, before any stream can carry a byte.
    async fn assert_refused(dial: Result<PeerConnection, Error>) {
        let conn = match dial {
            Ok(conn) => conn,
            Err(e) => {
                assert!(
                    matches!(e, Error::NotTrusted { .. }),
                    "the dialler is told it is not trusted: {e:?}"
                );
                return;
            }
        };
        let reason = tokio::time::timeout(LIMIT, conn.connection().closed())
            .await
            .unwrap();
        assert!(
            conn.refused_by_peer(),
            "the dialler can tell it is not trusted: {reason:?}"
        );
        assert!(
            !matches!(reason, quinn::ConnectionError::LocallyClosed),
            "the server must close the connection: {reason:?}"
        );
        let stream = conn.connection().open_bi().await;
        assert!(
            stream.is_err(),
            "no stream can be opened on a refused connection"
        );
    }

    #[tokio::test]
    async fn a_server_with_another_key_is_refused_by_the_dialler() {
        let (a, b, impostor) = (key(5), key(6), key(7));
        let server = Endpoint::bind(
            &impostor,
            loopback(),
            Arc::new(TrustList::new([a.node_id()])),
        )
        .unwrap();
        let client = Endpoint::bind(&a, loopback(), Arc::new(TrustList::new([]))).unwrap();
        let addr = server.local_addr().unwrap();
        tokio::spawn(async move { server.accept().await.map(|r| r.is_err()) });
        let dial = tokio::time::timeout(LIMIT, client.connect(addr, b.node_id()))
            .await
            .unwrap();
        assert!(dial.is_err(), "the dialler pins the node id it expects");
    }

    #[tokio::test]
    async fn untrusting_refuses_the_next_handshake() {
        let (a, b) = (key(8), key(9));
        let trust = Arc::new(TrustList::new([a.node_id()]));
        let server = Endpoint::bind(&b, loopback(), trust.clone()).unwrap();
        let client = Endpoint::bind(&a, loopback(), Arc::new(TrustList::new([]))).unwrap();
        let addr = server.local_addr().unwrap();
        let srv = server.clone();
        tokio::spawn(async move { while let Some(_c) = srv.accept().await {} });
        let first = tokio::time::timeout(LIMIT, client.connect(addr, b.node_id()))
            .await
            .unwrap();
        assert!(first.is_ok());
        trust.remove(&a.node_id());
        let second = tokio::time::timeout(LIMIT, client.connect(addr, b.node_id()))
            .await
            .unwrap();
        assert_refused(second).await;
    }

    #[tokio::test]
    async fn a_client_with_another_protocol_is_refused() {
        let (a, b) = (key(10), key(11));
        let server =
            Endpoint::bind(&b, loopback(), Arc::new(TrustList::new([a.node_id()]))).unwrap();
        let addr = server.local_addr().unwrap();
        let accept = tokio::spawn(async move { server.accept().await.map(|r| r.is_err()) });
        let mut tls = tls::client_config(&a, b.node_id()).unwrap();
        tls.alpn_protocols = vec![b"other/1".to_vec()];
        let quic = QuicClientConfig::try_from(tls).unwrap();
        let client = quinn::Endpoint::client(loopback()).unwrap();
        let connecting = client
            .connect_with(quinn::ClientConfig::new(Arc::new(quic)), addr, SERVER_NAME)
            .unwrap();
        let dial = tokio::time::timeout(LIMIT, connecting).await.unwrap();
        assert!(dial.is_err(), "wrong ALPN must be refused");
        assert_eq!(
            tokio::time::timeout(LIMIT, accept).await.unwrap().unwrap(),
            Some(true)
        );
    }
}
