//! `khachquen hub init --url URL`: the chain's PostgreSQL hub, set up or brought up to date.

use clap::Subcommand;
use khachquen::Error;

#[derive(Subcommand)]
pub(crate) enum HubCmd {
    /// Create the hub's tables in the PostgreSQL database at URL, or migrate them to this
    /// version (idempotent). URL: postgres://owner:password@host:5432/database[?sslmode=require]
    Init {
        #[arg(long, value_name = "URL")]
        url: String,
    },
}

pub(crate) fn hub(action: HubCmd) -> Result<(), Error> {
    match action {
        HubCmd::Init { url } => {
            let version = khachquen::hub::init(&url)?;
            println!("hub schema version {version}");
            Ok(())
        }
    }
}
