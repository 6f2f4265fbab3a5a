//! TLS to the hub as libpq does it. `prefer` (the default) and `require` encrypt without
//! checking the server's certificate: a hub on the shop's LAN is most often Debian's default
//! cluster (`ssl = on` with a self-signed certificate), which checking would make unreachable.
//! `verify-ca` checks the certificate chains to a trusted root, `verify-full` also that it
//! names the host. The roots are `sslrootcert=PATH` (PEM) when given, else Mozilla's; as in
//! libpq, `require` with an `sslrootcert` checks like `verify-ca`.

use std::path::PathBuf;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::error::{Error, Result};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Check {
    Nothing,
    Chain,
    ChainAndName,
}

/// What the URL asks of TLS beyond what the client library knows (it takes `sslmode` up to
/// `require` only, and no `sslrootcert`).
pub(crate) struct Asked {
    /// The URL with `verify-ca`/`verify-full` read as `require` and `sslrootcert` taken out.
    pub url: String,
    check: Check,
    root: Option<PathBuf>,
}

/// Reads `sslmode` and `sslrootcert` out of `url`, a URL or `key=value` words.
pub(crate) fn asked(url: &str) -> Asked {
    let (head, params, sep) = match url.split_once('?') {
        Some((head, query)) if url.contains("://") => (format!("{head}?"), query, '&'),
        _ if url.contains("://") => (url.to_owned(), "", '&'),
        _ => (String::new(), url, ' '),
    };
    let mut check = Check::Nothing;
    let mut root = None;
    let mut kept = Vec::new();
    for param in params.split(sep).filter(|p| !p.is_empty()) {
        match param.split_once('=') {
            Some(("sslmode", "verify-ca")) => {
                check = Check::Chain;
                kept.push("sslmode=require");
            }
            Some(("sslmode", "verify-full")) => {
                check = Check::ChainAndName;
                kept.push("sslmode=require");
            }
            Some(("sslrootcert", path)) => root = Some(PathBuf::from(decoded(path))),
            _ => kept.push(param),
        }
    }
    if check == Check::Nothing && root.is_some() && kept.contains(&"sslmode=require") {
        check = Check::Chain;
    }
    let joined = kept.join(&sep.to_string());
    let url = if head.ends_with('?') && joined.is_empty() {
        head.trim_end_matches('?').to_owned()
    } else {
        format!("{head}{joined}")
    };
    Asked { url, check, root }
}

/// `%XX` escapes of a URL's query, as a path with a space or a `&` needs them.
fn decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn roots(asked: &Asked) -> Result<RootCertStore> {
    let Some(path) = &asked.root else {
        return Ok(RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() });
    };
    let unreadable = || Error::hub("hub_tls_root_unreadable", path.display().to_string());
    let mut store = RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(path).map_err(|_| unreadable())? {
        store.add(cert.map_err(|_| unreadable())?).map_err(|_| unreadable())?;
    }
    if store.is_empty() {
        return Err(unreadable());
    }
    Ok(store)
}

/// The connector for what `asked` asks.
pub(crate) fn connector(asked: &Asked) -> Result<MakeRustlsConnect> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier: Arc<dyn ServerCertVerifier> = match asked.check {
        Check::Nothing => Arc::new(Unchecked(provider.clone())),
        check => {
            let webpki = WebPkiServerVerifier::builder_with_provider(
                Arc::new(roots(asked)?),
                provider.clone(),
            )
            .build()
            .map_err(|e| Error::hub("hub_tls_root_unreadable", e.to_string()))?;
            if check == Check::Chain {
                Arc::new(AnyName(webpki))
            } else {
                webpki
            }
        }
    };
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::hub("hub_failed", e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}

/// Encryption without a check of who answers (libpq's `require`): the handshake's signatures
/// are still checked, so the link is encrypted to whoever holds the certificate's key.
#[derive(Debug)]
struct Unchecked(Arc<CryptoProvider>);

impl ServerCertVerifier for Unchecked {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        let algorithms = &self.0.signature_verification_algorithms;
        rustls::crypto::verify_tls12_signature(message, cert, dss, algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        let algorithms = &self.0.signature_verification_algorithms;
        rustls::crypto::verify_tls13_signature(message, cert, dss, algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// libpq's `verify-ca`: the chain checked, the host name not.
#[derive(Debug)]
struct AnyName(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for AnyName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        // The name is checked after the chain: this error means the chain was good.
        match self.0.verify_server_cert(end_entity, intermediates, name, ocsp, now) {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// Whether `e` is the server's certificate refused.
pub(crate) fn untrusted(e: &postgres::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cause {
        let tls = c
            .downcast_ref::<rustls::Error>()
            .or_else(|| c.downcast_ref::<std::io::Error>()?.get_ref()?.downcast_ref());
        if matches!(tls, Some(rustls::Error::InvalidCertificate(_))) {
            return true;
        }
        cause = c.source();
    }
    false
}
