//! Encrypted backups, for the ones written outside the data folder (a USB stick, a network
//! drive), with `age`.
//!
//! When the owner sets the passphrase, a fresh X25519 key is made. The settings keep:
//! - its public half (`backup.recipient`), to which every outside backup is encrypted;
//! - the key sealed with the passphrase (`backup.sealed_key`, age scrypt, ASCII armour), which
//!   every outside backup carries, so the file alone and the passphrase restore it on any
//!   machine.
//!
//! Neither the passphrase nor the key in clear is stored anywhere: a key kept on this machine
//! would open every old backup on a stick, erased customers included. A restore always asks
//! for the passphrase. What is encrypted is a copy already verified; the encrypted file is read
//! back and compared, by hash, with the bytes that were written.
//!
//! An outside backup `khachquen-YYYYMMDD-HHMMSS.db.age` is:
//! `MAGIC`, the sealed key's length and a newline, the sealed key, then the database as an
//! age file encrypted to the recipient.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;

use age::secrecy::{ExposeSecret, SecretString};
use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::staff::{Actor, Role};

pub(super) const MAGIC: &[u8] = b"khachquen-backup age v1\n";
const RECIPIENT_KEY: &str = "backup.recipient";
const SEALED_KEY: &str = "backup.sealed_key";
/// The settings that hold the keys.
pub(super) const KEY_SETTINGS: [&str; 2] = [RECIPIENT_KEY, SEALED_KEY];
pub const MIN_PASSPHRASE: usize = 8;
const MAX_PASSPHRASE: usize = 256;
const MAX_SEALED: usize = 64 * 1024;

/// The keys in force, when the owner has set a passphrase.
pub(super) struct Keys {
    recipient: String,
    sealed: String,
}

fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(crate::db::setting::get(conn, key)?.filter(|v: &String| !v.is_empty()))
}

pub(super) fn keys(conn: &Connection) -> Result<Option<Keys>> {
    Ok(match (setting(conn, RECIPIENT_KEY)?, setting(conn, SEALED_KEY)?) {
        (Some(recipient), Some(sealed)) => Some(Keys { recipient, sealed }),
        _ => None,
    })
}

pub fn has_passphrase(conn: &Connection) -> Result<bool> {
    Ok(keys(conn)?.is_some())
}

fn crypto(e: impl std::fmt::Display) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

/// Sets (or changes) the passphrase of outside backups: the owner's alone. Backups already
/// written keep the passphrase they were written with.
pub fn set_passphrase(db: &mut Db, passphrase: &str, by: &Actor, now: DateTime<Utc>) -> Result<()> {
    if by.role != Role::Owner {
        return Err(Error::Forbidden(super::OWNER_ONLY));
    }
    let length = passphrase.chars().count();
    if length < MIN_PASSPHRASE {
        return Err(Error::invalid("passphrase", "passphrase_too_short"));
    }
    if length > MAX_PASSPHRASE {
        return Err(Error::invalid("passphrase", "too_long"));
    }
    let key = age::x25519::Identity::generate();
    let recipient = key.to_public().to_string();
    let local = key.to_string();
    let sealed = age::encrypt_and_armor(
        &age::scrypt::Recipient::new(SecretString::from(passphrase)),
        local.expose_secret().as_bytes(),
    )
    .map_err(crypto)?;
    db.write(|tx| {
        for (k, v) in [(RECIPIENT_KEY, recipient.as_str()), (SEALED_KEY, sealed.as_str())] {
            crate::db::setting::set(tx, k, v)?;
        }
        crate::audit::record(
            tx,
            now,
            &by.name,
            "save",
            "backup_passphrase",
            0,
            serde_json::json!({ "recipient": recipient }),
        )
    })
}

/// Whether `path` is an encrypted backup (by its first bytes, not its name).
pub(super) fn is_sealed(path: &Path) -> bool {
    let mut head = [0u8; MAGIC.len()];
    File::open(path).and_then(|mut f| f.read_exact(&mut head)).is_ok() && head == MAGIC
}

/// Writes `plain` (a verified copy) encrypted to `dest`, then reads the file back and checks
/// it holds exactly the bytes written, before it counts.
pub(super) fn seal(plain: &Path, dest: &Path, keys: &Keys) -> Result<()> {
    let recipient: age::x25519::Recipient = keys.recipient.parse().map_err(crypto)?;
    let partial = super::partial_of(dest);
    let _ = std::fs::remove_file(&partial);
    let written = (|| -> Result<()> {
        let mut out = Hashing::new(BufWriter::new(File::create(&partial)?));
        out.write_all(MAGIC)?;
        out.write_all(format!("{}\n", keys.sealed.len()).as_bytes())?;
        out.write_all(keys.sealed.as_bytes())?;
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .map_err(crypto)?;
        let mut w = encryptor.wrap_output(out)?;
        std::io::copy(&mut BufReader::new(File::open(plain)?), &mut w)?;
        let out = w.finish()?;
        let written = out.hash();
        out.inner.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        let mut back = Hashing::new(std::io::sink());
        std::io::copy(&mut BufReader::new(File::open(&partial)?), &mut back)?;
        if back.hash() != written {
            return Err(Error::NotABackup("the encrypted copy does not read back".into()));
        }
        // And it opens as ours: the header and the sealed key read back.
        header(&mut BufReader::new(File::open(&partial)?))?;
        Ok(())
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, dest)?;
    Ok(())
}

/// Decrypts the encrypted backup at `path` into `out` with the passphrase it was written with.
/// A wrong passphrase is `wrong_passphrase`; a damaged file `not_a_backup`.
pub(super) fn open(path: &Path, passphrase: &str, out: &Path) -> Result<()> {
    let mut r = BufReader::new(File::open(path)?);
    let sealed = header(&mut r)?;
    let key = unseal(&sealed, passphrase)?;
    let mut reader = decryptor(r, &key)?;
    let mut w = BufWriter::new(File::create(out)?);
    std::io::copy(&mut reader, &mut w).map_err(|e| Error::NotABackup(e.to_string()))?;
    w.flush()?;
    Ok(())
}

fn unseal(sealed: &str, passphrase: &str) -> Result<age::x25519::Identity> {
    let identity = age::scrypt::Identity::new(SecretString::from(passphrase));
    let secret = age::decrypt(&identity, sealed.as_bytes()).map_err(|e| match e {
        age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => {
            Error::backup("wrong_passphrase", "")
        }
        other => Error::NotABackup(other.to_string()),
    })?;
    let secret = String::from_utf8(secret).map_err(|e| Error::NotABackup(e.to_string()))?;
    secret.trim().parse().map_err(|e: &str| Error::NotABackup(e.to_owned()))
}

/// Reads the magic and the sealed key, leaving `r` at the age payload.
fn header(r: &mut impl BufRead) -> Result<String> {
    let bad = || Error::NotABackup("not an encrypted Khách Quen backup".into());
    let mut magic = [0u8; MAGIC.len()];
    r.read_exact(&mut magic).map_err(|_| bad())?;
    if magic != MAGIC {
        return Err(bad());
    }
    let mut line = String::new();
    r.take(16).read_line(&mut line).map_err(|_| bad())?;
    let len: usize = line.trim().parse().map_err(|_| bad())?;
    if len > MAX_SEALED {
        return Err(bad());
    }
    let mut sealed = vec![0u8; len];
    r.read_exact(&mut sealed).map_err(|_| bad())?;
    String::from_utf8(sealed).map_err(|_| bad())
}

fn decryptor<R: BufRead>(r: R, key: &age::x25519::Identity) -> Result<impl Read> {
    let not_ours = |e: age::DecryptError| Error::NotABackup(e.to_string());
    age::Decryptor::new_buffered(r)
        .map_err(not_ours)?
        .decrypt(std::iter::once(key as &dyn age::Identity))
        .map_err(not_ours)
}

/// Passes bytes through, hashing them: what reached the disk is read back and compared.
struct Hashing<W> {
    inner: W,
    hasher: std::collections::hash_map::DefaultHasher,
    len: u64,
}

impl<W: Write> Hashing<W> {
    fn new(inner: W) -> Self {
        Hashing { inner, hasher: Default::default(), len: 0 }
    }

    fn hash(&self) -> (u64, u64) {
        use std::hash::Hasher;
        (self.hasher.finish(), self.len)
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        use std::hash::Hasher;
        let n = self.inner.write(buf)?;
        self.hasher.write(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
