//! The integration tests: one binary, one module per concern.

// The command line end to end: formats, batches, exit codes, encodings.
mod cli;

// `zhengce compare`: golden Markdown/CSV, JSON input.
mod compare;
// `zhengce report`: escaping and the headless-Chromium check.
mod report;
// CSV tables round-trip.
mod tables;
