//! The hub password at rest: sealed with `age` to a key that lives in the OS user's data
//! folder, beside (never inside) the database. A copy of the database file alone — a backup on
//! a USB stick, a file sent for support — does not let anyone write into the chain.

use std::io::Write;
use std::path::Path;

use age::secrecy::ExposeSecret;

use crate::error::{Error, Result};

/// The key's file in the data folder.
pub const KEY_FILE: &str = "hub.key";

fn unreadable() -> Error {
    Error::hub("hub_credentials_unreadable", "")
}

/// The folder's key, made on first use (readable by its owner only). It is written whole under
/// a temporary name and then given its own only if none is there yet: a crash mid-write leaves
/// no half key to be refused for ever, and of two first uses at once the second reads the first's.
fn key(dir: &Path) -> Result<age::x25519::Identity> {
    let path = dir.join(KEY_FILE);
    if !path.exists() {
        std::fs::create_dir_all(dir)?;
        let fresh = age::x25519::Identity::generate();
        // Created 0600 on Unix.
        let mut file = tempfile::NamedTempFile::new_in(dir)?;
        file.write_all(fresh.to_string().expose_secret().as_bytes())?;
        file.as_file().sync_all()?;
        match file.persist_noclobber(&path) {
            Ok(_) => {}
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e.error.into()),
        }
    }
    let text = std::fs::read_to_string(&path)?;
    text.trim().parse().map_err(|_| unreadable())
}

/// `secret` sealed with the key of the data folder `dir`, as ASCII armour to store.
pub fn seal(dir: &Path, secret: &str) -> Result<String> {
    let recipient = key(dir)?.to_public();
    age::encrypt_and_armor(&recipient, secret.as_bytes())
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}

/// The secret `sealed` holds, opened with the key of `dir`; `hub_credentials_unreadable` when
/// that key is not the one it was sealed with (the database moved to another computer).
pub fn unseal(dir: &Path, sealed: &str) -> Result<String> {
    if !dir.join(KEY_FILE).exists() {
        return Err(unreadable());
    }
    let plain = age::decrypt(&key(dir)?, sealed.as_bytes()).map_err(|_| unreadable())?;
    String::from_utf8(plain).map_err(|_| unreadable())
}
