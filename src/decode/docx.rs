//! Word (.docx) input. Not implemented yet: see issue 8.

use super::Decoded;
use crate::error::{Error, Result};

pub fn decode_docx(_bytes: &[u8]) -> Result<Decoded> {
    Err(Error::Unreadable("DOCX input is not supported yet; convert it to text first".into()))
}
