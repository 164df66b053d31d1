//! The integration tests: one binary, one module per concern.

// The command line end to end: formats, batches, exit codes, encodings.
mod cli;

// Target meaning: indicator, measure, status, year; no panics, spans inside the text.
mod targets;
