//! The integration tests: one binary, one module per concern.

// The command line end to end: formats, batches, exit codes, encodings.
mod cli;
// The number grammar through the CLI: spans, folding, bare numbers vs targets.
mod numbers;

// Target meaning: indicator, measure, status, year; no panics, spans inside the text.
mod targets;
