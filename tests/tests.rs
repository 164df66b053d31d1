//! The integration tests: one binary, one module per concern.

// The command line end to end: formats, batches, exit codes.
mod cli;
// Golden zhengce/1 output for the bundled corpus (re-bless with ZHENGCE_BLESS=1).
mod golden;
// HTML pages as saved from government sites.
mod html;
