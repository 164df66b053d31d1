//! Stage 1 on arbitrary bytes: `decode` must return text or a typed error, never panic,
//! and the text it returns must be what the later stages can index (valid, non-blank);
//! `decode_owned` must agree with it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the file name, so the HTML and plain-text paths are both reached.
    let (name, bytes) = match data.split_first() {
        Some((b, rest)) => (["x.txt", "x.html", "-", "x.md"][(*b & 3) as usize], rest),
        None => ("x.txt", data),
    };
    let decoded = zhengce::decode::decode(bytes, name);
    // Handing the bytes over (what the command line does) decodes the same.
    match (&decoded, zhengce::decode::decode_owned(bytes.to_vec(), name)) {
        (Ok(a), Ok(b)) => assert!(a.text == b.text && a.encoding == b.encoding && a.errors == b.errors),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        (a, b) => panic!("borrowed {:?} but owned {:?}", a.is_ok(), b.is_ok()),
    }
    if let Ok(d) = decoded {
        assert!(!d.text.trim().is_empty(), "decode returned blank text");
        assert!(!d.encoding.is_empty());
        // The clean stage's offset tables must agree with the text.
        let t = zhengce::clean::Text::new(d.text);
        assert_eq!(t.norm().chars().count(), t.chars());
        assert_eq!(t.orig().chars().count(), t.chars());
    }
});
