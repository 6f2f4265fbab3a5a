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

/// The folder's key, made on first use (readable by its owner only).
fn key(dir: &Path) -> Result<age::x25519::Identity> {
    let path = dir.join(KEY_FILE);
    if !path.exists() {
        std::fs::create_dir_all(dir)?;
        let fresh = age::x25519::Identity::generate();
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        // Two first uses at once: the one that lost the race reads the winner's key.
        if let Ok(mut f) = options.open(&path) {
            f.write_all(fresh.to_string().expose_secret().as_bytes())?;
            f.sync_all()?;
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
