//! The integration tests: one binary, one module per concern.

// The command line end to end: formats, batches, exit codes, encodings.
mod cli;

// Bad inputs, batches, --jobs determinism, --out-dir, --resume, Ctrl-C, encodings, properties.
mod robust;
