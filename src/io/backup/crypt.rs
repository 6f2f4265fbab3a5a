//! Encrypted backups, for the ones written outside the data folder (a USB stick, a network
//! drive), with `age`.
//!
//! When the owner sets the passphrase, a fresh X25519 key is made. The settings keep:
//! - its public half (`backup.recipient`), to which every outside backup is encrypted;
//! - the key sealed with the passphrase (`backup.sealed_key`, age scrypt, ASCII armour), which
//!   every outside backup carries, so the file alone and the passphrase restore it on any
//!   machine;
//! - the key itself (`backup.key`), with which this machine reads back each backup it writes
//!   before it counts. It lives only inside the database, which holds every customer in
//!   clear already; it protects nothing there and gives nothing away outside, where it only
//!   travels encrypted.
//!
//! The passphrase itself is stored nowhere. A restore always asks for it.
//!
//! An outside backup `khachquen-YYYYMMDD-HHMMSS.db.age` is:
//! `MAGIC`, the sealed key's length and a newline, the sealed key, then the database as an
//! age file encrypted to the recipient.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;

use age::secrecy::{ExposeSecret, SecretString};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use crate::db::Db;
use crate::error::{Error, Result};
use crate::staff::{Actor, Role};

pub(super) const MAGIC: &[u8] = b"khachquen-backup age v1\n";
const RECIPIENT_KEY: &str = "backup.recipient";
const SEALED_KEY: &str = "backup.sealed_key";
const LOCAL_KEY: &str = "backup.key";
/// The settings that hold the keys.
pub(super) const KEY_SETTINGS: [&str; 3] = [RECIPIENT_KEY, SEALED_KEY, LOCAL_KEY];
pub const MIN_PASSPHRASE: usize = 8;
const MAX_PASSPHRASE: usize = 256;
const MAX_SEALED: usize = 64 * 1024;

/// The keys in force, when the owner has set a passphrase.
pub(super) struct Keys {
    recipient: String,
    sealed: String,
    local: String,
}

fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| r.get(0))
        .optional()?
        .filter(|v: &String| !v.is_empty()))
}

pub(super) fn keys(conn: &Connection) -> Result<Option<Keys>> {
    Ok(
        match (setting(conn, RECIPIENT_KEY)?, setting(conn, SEALED_KEY)?, setting(conn, LOCAL_KEY)?)
        {
            (Some(recipient), Some(sealed), Some(local)) => Some(Keys { recipient, sealed, local }),
            _ => None,
        },
    )
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
        for (k, v) in [
            (RECIPIENT_KEY, recipient.as_str()),
            (SEALED_KEY, sealed.as_str()),
            (LOCAL_KEY, local.expose_secret()),
        ] {
            tx.execute(
                "INSERT INTO setting(key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![k, v],
            )?;
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

/// Writes `plain` (a verified copy) encrypted to `dest`, then reads it back with this
/// machine's key and compares it with `plain` byte for byte before it counts.
pub(super) fn seal(plain: &Path, dest: &Path, keys: &Keys) -> Result<()> {
    let recipient: age::x25519::Recipient = keys.recipient.parse().map_err(crypto)?;
    let local: age::x25519::Identity = keys.local.parse().map_err(crypto)?;
    let partial = super::partial_of(dest);
    let _ = std::fs::remove_file(&partial);
    let written = (|| -> Result<()> {
        let mut out = BufWriter::new(File::create(&partial)?);
        out.write_all(MAGIC)?;
        out.write_all(format!("{}\n", keys.sealed.len()).as_bytes())?;
        out.write_all(keys.sealed.as_bytes())?;
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .map_err(crypto)?;
        let mut w = encryptor.wrap_output(out)?;
        std::io::copy(&mut BufReader::new(File::open(plain)?), &mut w)?;
        w.finish()?.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        let mut back = payload(&partial, &local)?;
        if !same_bytes(&mut back, &mut BufReader::new(File::open(plain)?))? {
            return Err(Error::NotABackup("the encrypted copy does not read back".into()));
        }
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

fn payload(path: &Path, key: &age::x25519::Identity) -> Result<impl Read> {
    let mut r = BufReader::new(File::open(path)?);
    header(&mut r)?;
    decryptor(r, key)
}

/// Reads both to the end; true when they hold the same bytes.
fn same_bytes(a: &mut impl Read, b: &mut impl Read) -> Result<bool> {
    let (mut x, mut y) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let n = fill(a, &mut x).map_err(|e| Error::NotABackup(e.to_string()))?;
        let m = fill(b, &mut y)?;
        if n != m || x[..n] != y[..m] {
            return Ok(false);
        }
        if n == 0 {
            return Ok(true);
        }
    }
}

fn fill(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}
