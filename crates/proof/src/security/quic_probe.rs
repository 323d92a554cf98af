//! Raw QUIC clients and servers that break casebook's handshake rules on purpose: another key
//! than the one expected, a raw public key signed by someone else, several certificates, no
//! certificate, X.509 instead of a raw key, another protocol (ALPN). They are built on the
//! same quinn and rustls as `casebook-net`, but with verifiers that accept anything, so every
//! refusal they meet comes from casebook's side.
//!
//! Each probe counts what it was sent on application streams: a refused handshake must leave
//! those counts at zero.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use casebook::{NodeId, SecretKey};
use quinn::crypto::rustls::{QuicClientConfig, QuicServerConfig};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::{ResolvesClientCert, WantsClientCert};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName, UnixTime};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use rustls::{DigitallySignedStruct, DistinguishedName, SignatureScheme};

use super::Result;

/// The server name probes send; casebook ignores it (identity is the pinned key).
const SERVER_NAME: &str = "casebook.invalid";

/// Most bytes a probe reads from one stream before it stops counting.
const READ_LIMIT: usize = 16 * 1024 * 1024;

/// What a probe presents as its TLS identity.
#[derive(Clone)]
pub struct Identity {
    /// The certificates sent, in order (the first is the end entity): raw public keys
    /// (SubjectPublicKeyInfo DER) when `raw_keys`, otherwise whatever bytes are given, sent as
    /// X.509 certificates.
    pub chain: Vec<Vec<u8>>,
    /// The PKCS#8 DER of the key that signs the handshake; it need not match the chain.
    signer_pkcs8: Vec<u8>,
    /// Whether to negotiate raw public keys (RFC 7250), as casebook requires.
    pub raw_keys: bool,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The signer's PKCS#8 holds a secret seed: never print it.
        f.debug_struct("Identity")
            .field("certificates", &self.chain.len())
            .field("raw_keys", &self.raw_keys)
            .finish_non_exhaustive()
    }
}

impl Identity {
    /// The honest identity of `key`: its own raw public key, signed by it.
    pub fn of(key: &SecretKey) -> Self {
        Self {
            chain: vec![key.node_id().to_spki_der().to_vec()],
            signer_pkcs8: key.to_pkcs8_der(),
            raw_keys: true,
        }
    }

    /// Claim to be `claimed` (its raw public key) while signing with `signer`, who lacks
    /// `claimed`'s secret key.
    pub fn claiming(claimed: NodeId, signer: &SecretKey) -> Self {
        Self {
            chain: vec![claimed.to_spki_der().to_vec()],
            signer_pkcs8: signer.to_pkcs8_der(),
            raw_keys: true,
        }
    }

    /// `key`'s honest raw public key followed by `extra` more certificates.
    pub fn with_extra_certificates(key: &SecretKey, extra: &[NodeId]) -> Self {
        let mut id = Self::of(key);
        id.chain
            .extend(extra.iter().map(|n| n.to_spki_der().to_vec()));
        id
    }

    /// No certificate at all (an empty chain), signing with `signer`.
    pub fn empty(signer: &SecretKey) -> Self {
        Self {
            chain: Vec::new(),
            ..Self::of(signer)
        }
    }

    /// `key` sent as an X.509 certificate chain (its raw key bytes in the certificate slot)
    /// instead of negotiating raw public keys.
    pub fn as_x509(key: &SecretKey) -> Self {
        Self {
            raw_keys: false,
            ..Self::of(key)
        }
    }

    fn certified(&self, provider: &CryptoProvider) -> Result<Arc<CertifiedKey>> {
        let der = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.signer_pkcs8.clone()));
        let signing = provider.key_provider.load_private_key(der)?;
        let chain = self
            .chain
            .iter()
            .map(|c| CertificateDer::from(c.clone()))
            .collect();
        Ok(Arc::new(CertifiedKey::new(chain, signing)))
    }
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// Accepts every certificate and every handshake signature: a probe does not care who it
/// talks to, so any refusal is the other side's.
#[derive(Debug)]
struct AcceptAnything {
    raw_keys: bool,
}

impl ServerCertVerifier for AcceptAnything {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        _m: &[u8],
        _c: &CertificateDer<'_>,
        _d: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn verify_tls13_signature(
        &self,
        _m: &[u8],
        _c: &CertificateDer<'_>,
        _d: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        vec![SignatureScheme::ED25519]
    }

    fn requires_raw_public_keys(&self) -> bool {
        self.raw_keys
    }
}

impl ClientCertVerifier for AcceptAnything {
    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        &[]
    }

    fn verify_client_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _now: UnixTime,
    ) -> std::result::Result<ClientCertVerified, rustls::Error> {
        Ok(ClientCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        _m: &[u8],
        _c: &CertificateDer<'_>,
        _d: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn verify_tls13_signature(
        &self,
        _m: &[u8],
        _c: &CertificateDer<'_>,
        _d: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        vec![SignatureScheme::ED25519]
    }

    fn client_auth_mandatory(&self) -> bool {
        false
    }

    fn requires_raw_public_keys(&self) -> bool {
        self.raw_keys
    }
}

/// Presents one fixed certificate chain, whatever is asked.
#[derive(Debug)]
struct Presents {
    key: Arc<CertifiedKey>,
    raw_keys: bool,
}

impl ResolvesClientCert for Presents {
    fn resolve(
        &self,
        _root_hint_subjects: &[&[u8]],
        _sigschemes: &[SignatureScheme],
    ) -> Option<Arc<CertifiedKey>> {
        Some(self.key.clone())
    }

    fn only_raw_public_keys(&self) -> bool {
        self.raw_keys
    }

    fn has_certs(&self) -> bool {
        true
    }
}

impl ResolvesServerCert for Presents {
    fn resolve(&self, _client_hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(self.key.clone())
    }

    fn only_raw_public_keys(&self) -> bool {
        self.raw_keys
    }
}

/// How long a probe's connections may stay idle unless told otherwise (milliseconds):
/// casebook's own, with casebook's keep-alive, so a probe that means to stay connected does,
/// as a real peer would.
const PROBE_IDLE_TIMEOUT_MS: u32 = casebook::limits::IDLE_TIMEOUT_MS;

/// Transport settings of a probe.
fn transport(idle_timeout_ms: u32) -> Arc<quinn::TransportConfig> {
    let mut t = quinn::TransportConfig::default();
    t.max_idle_timeout(Some(quinn::IdleTimeout::from(quinn::VarInt::from_u32(
        idle_timeout_ms,
    ))))
    .keep_alive_interval(Some(Duration::from_millis(casebook::limits::KEEP_ALIVE_MS)));
    Arc::new(t)
}

/// How a probe client dials.
#[derive(Clone, Debug)]
pub struct ClientSpec {
    /// The identity presented, or none at all (no client certificate).
    pub identity: Option<Identity>,
    /// The protocols offered (casebook speaks only `casebook/1`).
    pub alpn: Vec<Vec<u8>>,
    /// The idle timeout the probe asks for (milliseconds); QUIC uses the smaller of the two
    /// sides', so a long one leaves the other side's own limit in force.
    pub idle_timeout_ms: u32,
}

impl ClientSpec {
    /// A client presenting `identity` and offering casebook's protocol.
    pub fn new(identity: Option<Identity>) -> Self {
        Self {
            identity,
            alpn: vec![casebook::limits::ALPN.to_vec()],
            idle_timeout_ms: PROBE_IDLE_TIMEOUT_MS,
        }
    }

    /// Ask for this idle timeout instead (milliseconds).
    #[must_use]
    pub fn idle_timeout_ms(mut self, ms: u32) -> Self {
        self.idle_timeout_ms = ms;
        self
    }

    /// Offer these protocols instead.
    #[must_use]
    pub fn alpn(mut self, alpn: &[&[u8]]) -> Self {
        self.alpn = alpn.iter().map(|a| a.to_vec()).collect();
        self
    }

    /// The quinn client configuration.
    ///
    /// # Errors
    /// If rustls or quinn refuse the configuration.
    pub fn config(&self) -> Result<quinn::ClientConfig> {
        let provider = provider();
        // Ask for a raw public key from the server, as casebook's dialler does, so the
        // handshake gets as far as the client's own certificate.
        let verifier = Arc::new(AcceptAnything { raw_keys: true });
        let builder: rustls::ConfigBuilder<rustls::ClientConfig, WantsClientCert> =
            rustls::ClientConfig::builder_with_provider(provider.clone())
                .with_protocol_versions(&[&rustls::version::TLS13])?
                .dangerous()
                .with_custom_certificate_verifier(verifier);
        let mut tls = match &self.identity {
            Some(id) => builder.with_client_cert_resolver(Arc::new(Presents {
                key: id.certified(&provider)?,
                raw_keys: id.raw_keys,
            })),
            None => builder.with_no_client_auth(),
        };
        tls.alpn_protocols.clone_from(&self.alpn);
        let quic = QuicClientConfig::try_from(tls)?;
        let mut config = quinn::ClientConfig::new(Arc::new(quic));
        config.transport_config(transport(self.idle_timeout_ms));
        Ok(config)
    }
}

/// A client endpoint on 127.0.0.1, port 0, that dials with any [`ClientSpec`].
///
/// # Errors
/// If the socket cannot be bound.
pub fn client_endpoint() -> Result<quinn::Endpoint> {
    Ok(quinn::Endpoint::client(SocketAddr::from((
        [127, 0, 0, 1],
        0,
    )))?)
}

/// What one probe dial found.
#[derive(Debug, Default)]
pub struct DialOutcome {
    /// The handshake completed from the probe's side (in TLS 1.3 a client completes before
    /// the server has judged its certificate, so this alone is not acceptance).
    pub handshake_completed: bool,
    /// Why the handshake failed, when it did.
    pub handshake_error: Option<String>,
    /// Whether a stream could be opened and written to.
    pub stream_opened: bool,
    /// Bytes received from the other side on any application stream.
    pub bytes_received: u64,
    /// How the connection ended, as quinn saw it.
    pub closed: Option<String>,
}

/// Dial `addr` with `spec`; if the handshake completes, open a stream, send `payload`, and
/// count what comes back until the connection closes or `wait` passes.
pub async fn dial(
    endpoint: &quinn::Endpoint,
    addr: SocketAddr,
    spec: &ClientSpec,
    payload: &[u8],
    wait: Duration,
) -> DialOutcome {
    let mut outcome = DialOutcome::default();
    let config = match spec.config() {
        Ok(c) => c,
        Err(e) => {
            outcome.handshake_error = Some(format!("probe configuration: {e}"));
            return outcome;
        }
    };
    let connecting = match endpoint.connect_with(config, addr, SERVER_NAME) {
        Ok(c) => c,
        Err(e) => {
            outcome.handshake_error = Some(e.to_string());
            return outcome;
        }
    };
    let conn = match tokio::time::timeout(wait, connecting).await {
        Ok(Ok(conn)) => conn,
        Ok(Err(e)) => {
            outcome.handshake_error = Some(e.to_string());
            return outcome;
        }
        Err(_) => {
            outcome.handshake_error = Some("handshake timed out".into());
            return outcome;
        }
    };
    outcome.handshake_completed = true;
    let received = Arc::new(AtomicU64::new(0));
    let talk = {
        let conn = conn.clone();
        let received = received.clone();
        let payload = payload.to_vec();
        async move {
            let (mut send, mut recv) = conn.open_bi().await.ok()?;
            send.write_all(&payload).await.ok()?;
            Some(count_stream(&mut recv, &received).await)
        }
    };
    let opened = tokio::time::timeout(wait, talk).await;
    outcome.stream_opened = matches!(opened, Ok(Some(_)));
    // Whatever the stream did, also wait for the connection's end (a refused client is closed
    // by the server right after its handshake).
    if let Ok(reason) = tokio::time::timeout(wait, conn.closed()).await {
        outcome.closed = Some(reason.to_string());
    }
    outcome.bytes_received = received.load(Ordering::Relaxed);
    conn.close(quinn::VarInt::from_u32(0), b"probe done");
    outcome
}

/// Read `recv` to its end (or [`READ_LIMIT`]), adding every byte to `received`.
async fn count_stream(recv: &mut quinn::RecvStream, received: &AtomicU64) -> u64 {
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    while let Ok(Some(n)) = recv.read(&mut buf).await {
        total += n as u64;
        received.fetch_add(n as u64, Ordering::Relaxed);
        if total as usize >= READ_LIMIT {
            break;
        }
    }
    total
}

/// How a probe server answers.
#[derive(Clone, Debug)]
pub struct ServerSpec {
    /// The identity presented.
    pub identity: Identity,
    /// The protocols it speaks; empty selects none.
    pub alpn: Vec<Vec<u8>>,
    /// What it writes on every stream it accepts (bytes a dialler must never take in).
    pub payload: Vec<u8>,
}

impl ServerSpec {
    /// A server presenting `identity`, speaking casebook's protocol.
    pub fn new(identity: Identity, payload: Vec<u8>) -> Self {
        Self {
            identity,
            alpn: vec![casebook::limits::ALPN.to_vec()],
            payload,
        }
    }

    /// Speak these protocols instead.
    #[must_use]
    pub fn alpn(mut self, alpn: &[&[u8]]) -> Self {
        self.alpn = alpn.iter().map(|a| a.to_vec()).collect();
        self
    }

    fn config(&self) -> Result<quinn::ServerConfig> {
        let provider = provider();
        let mut tls = rustls::ServerConfig::builder_with_provider(provider.clone())
            .with_protocol_versions(&[&rustls::version::TLS13])?
            .with_client_cert_verifier(Arc::new(AcceptAnything {
                raw_keys: self.identity.raw_keys,
            }))
            .with_cert_resolver(Arc::new(Presents {
                key: self.identity.certified(&provider)?,
                raw_keys: self.identity.raw_keys,
            }));
        tls.alpn_protocols.clone_from(&self.alpn);
        let quic = QuicServerConfig::try_from(tls)?;
        let mut config = quinn::ServerConfig::with_crypto(Arc::new(quic));
        config.transport_config(transport(PROBE_IDLE_TIMEOUT_MS));
        Ok(config)
    }
}

/// What a probe server saw.
#[derive(Debug, Default)]
pub struct ServerCounts {
    /// Connection attempts that reached it.
    pub incoming: AtomicU64,
    /// Handshakes that completed from its side.
    pub handshakes_completed: AtomicU64,
    /// Application streams the dialler opened.
    pub streams: AtomicU64,
    /// Bytes the dialler sent on them.
    pub bytes_received: AtomicU64,
}

/// A probe server on 127.0.0.1, port 0, running until dropped.
#[derive(Debug)]
pub struct ProbeServer {
    /// Where it listens.
    pub addr: SocketAddr,
    /// What it saw.
    pub counts: Arc<ServerCounts>,
    endpoint: quinn::Endpoint,
    task: tokio::task::JoinHandle<()>,
}

impl ProbeServer {
    /// Start a server answering as `spec` says. Call from within a tokio runtime.
    ///
    /// # Errors
    /// If the configuration is refused or the socket cannot be bound.
    pub fn start(spec: &ServerSpec) -> Result<Self> {
        let endpoint =
            quinn::Endpoint::server(spec.config()?, SocketAddr::from(([127, 0, 0, 1], 0)))?;
        let addr = endpoint.local_addr()?;
        let counts = Arc::new(ServerCounts::default());
        let task = {
            let endpoint = endpoint.clone();
            let counts = counts.clone();
            let payload = spec.payload.clone();
            tokio::spawn(async move {
                while let Some(incoming) = endpoint.accept().await {
                    counts.incoming.fetch_add(1, Ordering::Relaxed);
                    let counts = counts.clone();
                    let payload = payload.clone();
                    tokio::spawn(async move {
                        let Ok(conn) = incoming.await else { return };
                        counts.handshakes_completed.fetch_add(1, Ordering::Relaxed);
                        while let Ok((mut send, mut recv)) = conn.accept_bi().await {
                            counts.streams.fetch_add(1, Ordering::Relaxed);
                            let counts = counts.clone();
                            let payload = payload.clone();
                            tokio::spawn(async move {
                                let _ = send.write_all(&payload).await;
                                count_stream(&mut recv, &counts.bytes_received).await;
                            });
                        }
                    });
                }
            })
        };
        Ok(Self {
            addr,
            counts,
            endpoint,
            task,
        })
    }

    /// A snapshot: (incoming, handshakes completed, streams, bytes received).
    pub fn snapshot(&self) -> (u64, u64, u64, u64) {
        let c = &self.counts;
        (
            c.incoming.load(Ordering::Relaxed),
            c.handshakes_completed.load(Ordering::Relaxed),
            c.streams.load(Ordering::Relaxed),
            c.bytes_received.load(Ordering::Relaxed),
        )
    }
}

impl Drop for ProbeServer {
    fn drop(&mut self) {
        self.endpoint
            .close(quinn::VarInt::from_u32(0), b"probe done");
        self.task.abort();
    }
}
