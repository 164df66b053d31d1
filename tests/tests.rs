//! The integration tests: one binary, one module per concern.

// The command line end to end: formats, batches, exit codes, encodings.
mod cli;

// PDF and Word input: seeds as PDF, a task table as DOCX, scans, wrapped sentences.
mod formats;
