//! PDF input (text layer). Not implemented yet: see issue 8.

use super::Decoded;
use crate::error::{Error, Result};

pub fn decode_pdf(_bytes: &[u8]) -> Result<Decoded> {
    Err(Error::Unreadable("PDF input is not supported yet; convert it to text first".into()))
}
