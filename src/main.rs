//! The `zhengce` command line; all the work is in the library and `cli`.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
