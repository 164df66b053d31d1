//! Output formats beside the `zhengce/1` JSON (which is the serde form of [`crate::document`]).

pub mod csv;

/// A number as written in tables and comparisons: integers without `.0`, others in Rust's
/// shortest form.
pub fn num(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_without_trailing_zero() {
        assert_eq!(num(70.0), "70");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(-3.0), "-3");
    }
}
