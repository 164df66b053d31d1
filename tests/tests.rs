//! The integration tests: one binary, one module per concern.

// The command line end to end: formats, batches, exit codes.
mod cli;
// `zhengce compare`: golden Markdown/CSV, JSON input.
mod compare;
// `zhengce eval`: the same figures as score.py, exit status, per-document output.
mod eval;
// PDF and Word input compared with the same documents as text.
mod formats;
// Golden zhengce/1 output for the bundled corpus (re-bless with ZHENGCE_BLESS=1).
mod golden;
// HTML pages as saved from government sites.
mod html;
// `zhengce numbers` end to end: spans in code points, full-width digits, bare numbers.
mod numbers;
// Work reports: review and plan parts; hedge, binding and base.
mod report_parts;
// Bad input, huge and pathological input, --resume and Ctrl-C, determinism, encodings.
mod robust;
// `zhengce report`: escaping and the headless-Chromium check.
mod report;
// CSV tables round-trip.
mod tables;
// Targets on invented policy text: indicators, status, year; proptests for spans.
mod targets;
// `zhengce track` and `zhengce panel`: the promise ledger on invented and real series.
mod track;
