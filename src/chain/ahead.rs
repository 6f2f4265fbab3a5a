//! The hub's next batch, asked for while this store applies the last one: on two cores the
//! hub's query and the decoding of its rows overlap the writing here. The pull runs on a
//! thread of its own holding the hub's connection, and is waited for outside the store's
//! transaction unless it is already done: a slow line to the hub never holds the write lock
//! that a sale's save at the counter waits for.

use std::thread::{Scope, ScopedJoinHandle};

use crate::error::{Error, Result};
use crate::hub::{self, Client, Cursors};
use crate::sync::change::Change;

type Pulled<'c> = (&'c mut Client, Result<Vec<Change>>);

/// The hub's connection, here or lent to the pull ahead.
pub(super) struct Puller<'scope, 'env, 'c> {
    scope: &'scope Scope<'scope, 'env>,
    client: Option<&'c mut Client>,
    ahead: Option<ScopedJoinHandle<'scope, Pulled<'c>>>,
    code: &'c str,
    batch: i64,
}

impl<'scope, 'env, 'c: 'scope> Puller<'scope, 'env, 'c> {
    pub(super) fn new(
        scope: &'scope Scope<'scope, 'env>,
        client: &'c mut Client,
        code: &'c str,
        batch: usize,
    ) -> Self {
        Puller { scope, client: Some(client), ahead: None, code, batch: batch as i64 }
    }

    /// Asks for the batch after `cursors`, on a thread of its own.
    pub(super) fn ask(&mut self, cursors: &Cursors) -> Result<()> {
        let client = self.client()?;
        let (code, batch, cursors) = (self.code, self.batch, cursors.clone());
        self.ahead = Some(self.scope.spawn(move || {
            let pulled = hub::pull(client, code, &cursors, batch);
            (client, pulled)
        }));
        Ok(())
    }

    /// Whether a batch asked for is in flight.
    pub(super) fn asked(&self) -> bool {
        self.ahead.is_some()
    }

    /// Whether the batch asked for is here, so that taking it waits for nothing.
    pub(super) fn ready(&self) -> bool {
        self.ahead.as_ref().is_some_and(ScopedJoinHandle::is_finished)
    }

    /// The batch asked for, once it is here; or, none being asked for, the batch after
    /// `cursors`, pulled now.
    pub(super) fn next(&mut self, cursors: &Cursors) -> Result<Vec<Change>> {
        let Some(ahead) = self.ahead.take() else {
            let (client, code, batch) = (self.client()?, self.code, self.batch);
            let pulled = hub::pull(client, code, cursors, batch);
            self.client = Some(client);
            return pulled;
        };
        let (client, pulled) = ahead.join().map_err(|_| Error::hub("hub_failed", "pull"))?;
        self.client = Some(client);
        pulled
    }

    /// The connection, unless a pull that failed took it down with its thread.
    fn client(&mut self) -> Result<&'c mut Client> {
        self.client.take().ok_or_else(|| Error::hub("hub_failed", "pull"))
    }
}
