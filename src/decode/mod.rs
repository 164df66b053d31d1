//! Stage 1: bytes to text.
//!
//! Detects the encoding (BOM, strict UTF-8, then `chardetng` for GB18030/GBK and friends),
//! recognises HTML pages and extracts their text with a real HTML parser, and refuses
//! inputs that hold no text (empty, binary, images) with a clear message. All later
//! offsets are code points into [`Decoded::text`].

mod docx;
mod pdf;

use crate::error::{DecodeErrorKind, Error, Result};
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// What kind of input the bytes are, from the file name or the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Plain text in any encoding.
    Text,
    /// An HTML page; its text is extracted with an HTML parser.
    Html,
    /// A PDF with a text layer.
    Pdf,
    /// A Word document (`.docx`).
    Docx,
}

impl InputKind {
    /// Every file extension read, lower case, with its kind. The one list: the CLI builds
    /// its default directory globs and their help text from it, so a new format is added
    /// here (and in [`decode`]) only.
    pub const EXTENSIONS: &'static [(&'static str, InputKind)] = &[
        ("txt", InputKind::Text),
        ("md", InputKind::Text),
        ("text", InputKind::Text),
        ("html", InputKind::Html),
        ("htm", InputKind::Html),
        ("xhtml", InputKind::Html),
        ("shtml", InputKind::Html),
        ("pdf", InputKind::Pdf),
        ("docx", InputKind::Docx),
    ];

    /// Guess from a path's extension; `None` when the extension says nothing.
    pub fn from_path(path: &str) -> Option<InputKind> {
        let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
        InputKind::EXTENSIONS.iter().find(|(e, _)| *e == ext).map(|&(_, kind)| kind)
    }
}

/// The decoded text of one input.
#[derive(Debug, Clone, Default)]
pub struct Decoded {
    /// The text all offsets refer to.
    pub text: String,
    /// Label of the source encoding (`utf-8`, `gb18030`, `utf-16le`, ...), or the container
    /// (`pdf`, `docx`) for binary formats.
    pub encoding: String,
    /// Non-fatal problems, e.g. invalid byte sequences that were replaced.
    pub errors: Vec<String>,
    /// For paged input: the code-point offset at which each page starts.
    pub pages: Vec<usize>,
}

/// Decode `bytes`. `path` is only used to pick the input kind; content sniffing wins
/// for PDF and ZIP containers.
pub fn decode(bytes: &[u8], path: &str) -> Result<Decoded> {
    if bytes.is_empty() {
        return Err(Error::decode(DecodeErrorKind::Empty));
    }
    let kind = sniff_container(bytes).or_else(|| InputKind::from_path(path));
    match kind {
        Some(InputKind::Pdf) => pdf::decode_pdf(bytes),
        Some(InputKind::Docx) => docx::decode_docx(bytes),
        _ => {
            if let Some(what) = sniff_binary(bytes) {
                return Err(Error::decode(DecodeErrorKind::Binary { what }));
            }
            finish_text(decode_text(bytes), kind)
        }
    }
}

/// Like [`decode`], taking the bytes: UTF-8 text without a byte-order mark becomes the
/// text without a copy, so a big file is held once, not twice.
pub fn decode_owned(bytes: Vec<u8>, path: &str) -> Result<Decoded> {
    let kind = sniff_container(&bytes).or_else(|| InputKind::from_path(path));
    let plain = !bytes.is_empty()
        && !matches!(kind, Some(InputKind::Pdf | InputKind::Docx))
        && bom(&bytes).is_none()
        && sniff_binary(&bytes).is_none();
    if !plain {
        return decode(&bytes, path);
    }
    match String::from_utf8(bytes) {
        Ok(text) => finish_text(Decoded { text, encoding: label(UTF_8), ..Default::default() }, kind),
        Err(e) => decode(e.as_bytes(), path),
    }
}

/// Line ends unified, HTML read as text, blank text refused.
fn finish_text(mut decoded: Decoded, kind: Option<InputKind>) -> Result<Decoded> {
    decoded.text = unify_line_ends(decoded.text);
    let is_html = kind == Some(InputKind::Html) || (kind.is_none() && looks_like_html(&decoded.text));
    if is_html {
        decoded.text = html_to_text(&decoded.text);
    }
    if decoded.text.trim().is_empty() {
        return Err(Error::decode(DecodeErrorKind::Blank));
    }
    Ok(decoded)
}

fn sniff_container(bytes: &[u8]) -> Option<InputKind> {
    if bytes.starts_with(b"%PDF-") {
        Some(InputKind::Pdf)
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some(InputKind::Docx)
    } else {
        None
    }
}

/// Names well-known binary formats, and any content with NUL bytes that is not UTF-16
/// (`a PNG image`).
fn sniff_binary(bytes: &[u8]) -> Option<String> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\xd0\xcf\x11\xe0", "an old Office (OLE) file such as .doc; save it as .docx"),
        (b"\x1f\x8b", "a gzip archive"),
        (b"Rar!", "a RAR archive"),
        (b"\x7fELF", "an executable"),
    ];
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(what.to_string());
        }
    }
    if bom(bytes).is_some() {
        return None;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let nul = head.iter().filter(|&&b| b == 0).count();
    if nul > 0 {
        return Some(format!("{nul} NUL bytes in the first {} bytes", head.len()));
    }
    None
}

fn bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// Decode text bytes. Never fails: invalid sequences become U+FFFD and are noted.
pub fn decode_text(bytes: &[u8]) -> Decoded {
    let mut errors = Vec::new();
    let (encoding, body) = match bom(bytes) {
        Some((enc, len)) => (enc, &bytes[len..]),
        None => (guess_encoding(bytes), bytes),
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        let n = text.chars().filter(|&c| c == '\u{fffd}').count();
        errors.push(format!("{n} invalid byte sequence(s) for {} replaced with U+FFFD", label(encoding)));
    }
    Decoded { text: text.into_owned(), encoding: label(encoding), errors, pages: Vec::new() }
}

/// CRLF and lone CR become LF, as Python's `open()` reads them, so that code-point offsets
/// agree with what most readers see (the offset contract is on this text).
pub fn unify_line_ends(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn label(enc: &'static Encoding) -> String {
    if enc == UTF_16LE {
        "utf-16le".into()
    } else if enc == UTF_16BE {
        "utf-16be".into()
    } else if enc == GB18030 || enc == encoding_rs::GBK {
        "gb18030".into()
    } else {
        enc.name().to_ascii_lowercase()
    }
}

/// Strict UTF-8 first; a file that is UTF-8 but for a few bad bytes (a truncated download)
/// stays UTF-8; otherwise ask `chardetng`, reading GBK as its superset GB18030.
fn guess_encoding(bytes: &[u8]) -> &'static Encoding {
    match std::str::from_utf8(bytes) {
        Ok(_) => return UTF_8,
        Err(e) if e.error_len().is_none() => return UTF_8, // cut inside the last character
        Err(_) => {}
    }
    let lossy = String::from_utf8_lossy(bytes);
    let bad = lossy.chars().filter(|&c| c == '\u{fffd}').count();
    let total = lossy.chars().count().max(1);
    if bad * 200 < total {
        return UTF_8;
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let enc = det.guess(Some(b"cn"), true);
    if enc == encoding_rs::GBK {
        GB18030
    } else {
        enc
    }
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text.chars().take(1024).collect::<String>().to_ascii_lowercase();
    let head = head.trim_start();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<') && (head.contains("<body") || head.contains("<head")))
}

/// Extracts the readable text of an HTML page: script, style and navigation dropped,
/// block elements as line breaks, table cells separated by tabs, entities decoded.
pub fn html_to_text(html: &str) -> String {
    use scraper::{Html, Node};
    // The HTML5 tree builder checks scopes by walking the stack of open elements, so a page
    // of thousands of unclosed elements costs quadratic time. No real page nests that deep;
    // such input gets a plain linear tag stripper instead.
    if nesting_depth(html) > MAX_HTML_DEPTH {
        return tidy_lines(&strip_tags(html));
    }
    let doc = Html::parse_document(html);
    let mut out = String::with_capacity(html.len() / 2);
    // Iterative walk: deeply nested pages must not overflow the stack.
    enum Step<'a> {
        Enter(ego_tree::NodeRef<'a, Node>),
        Leave(&'static str),
    }
    let mut stack = vec![Step::Enter(doc.tree.root())];
    let mut pre_depth = 0usize;
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave(end) => {
                if end == "pre" {
                    pre_depth = pre_depth.saturating_sub(1);
                } else {
                    push_break(&mut out, end);
                }
            }
            Step::Enter(node) => match node.value() {
                Node::Text(t) => {
                    if pre_depth > 0 {
                        out.push_str(&t[..]);
                    } else {
                        push_collapsed(&mut out, &t[..]);
                    }
                }
                Node::Element(el) => {
                    let name = el.name();
                    if SKIP.contains(&name) {
                        continue;
                    }
                    let end = if name == "pre" {
                        pre_depth += 1;
                        "pre"
                    } else if name == "td" || name == "th" {
                        "\t"
                    } else if name == "br" {
                        push_break(&mut out, "\n");
                        ""
                    } else if BLOCK.contains(&name) {
                        push_break(&mut out, "\n");
                        "\n"
                    } else {
                        ""
                    };
                    stack.push(Step::Leave(end));
                    let children: Vec<_> = node.children().collect();
                    for child in children.into_iter().rev() {
                        stack.push(Step::Enter(child));
                    }
                }
                Node::Document | Node::Fragment => {
                    let children: Vec<_> = node.children().collect();
                    for child in children.into_iter().rev() {
                        stack.push(Step::Enter(child));
                    }
                }
                _ => {}
            },
        }
    }
    tidy_lines(&out)
}

/// Deepest element nesting handed to the HTML parser (real pages stay well under 100).
const MAX_HTML_DEPTH: usize = 512;

/// Elements that never hold children, or that close their open sibling (`<p>`, `<li>`), so
/// they do not deepen the stack of open elements.
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    "param", "frame", "basefont", "keygen", "p", "li", "td", "th", "tr", "option", "dt", "dd",
];

/// An upper estimate of element nesting: opening tags minus closing tags, in one pass.
fn nesting_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = memchr_lt(&b[i..]) {
        i += off + 1;
        let closing = b.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let end = b[start..].iter().position(|c| !c.is_ascii_alphanumeric()).map_or(b.len(), |p| start + p);
        if end == start {
            continue;
        }
        let name = html[start..end].to_ascii_lowercase();
        if FLAT.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            max = max.max(depth);
        }
        i = end;
    }
    max
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

/// Linear fallback for pathological pages: drops tags (and script/style bodies), breaks
/// lines at tags, decodes the common entities.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_entities(&mut out, &rest[..lt]);
        let tag = &rest[lt..];
        let lower: String = tag.chars().take(8).collect::<String>().to_ascii_lowercase();
        let skip_to =
            ["script", "style"].iter().find(|n| lower[1..].starts_with(*n)).map(|n| format!("</{n}"));
        let after = match skip_to {
            Some(close) => tag
                .as_bytes()
                .windows(close.len())
                .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
                .map_or(tag.len(), |p| p + close.len()),
            None => 0,
        };
        match tag[after..].find('>') {
            Some(gt) => rest = &tag[after + gt + 1..],
            None => {
                rest = "";
                break;
            }
        }
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    push_entities(&mut out, rest);
    out
}

fn push_entities(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let t = &rest[amp..];
        let known =
            [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&nbsp;", ' '), ("&#39;", '\'')];
        match known.iter().find(|(e, _)| t.starts_with(e)) {
            Some((e, c)) => {
                out.push(*c);
                rest = &t[e.len()..];
            }
            None => {
                out.push('&');
                rest = &t[1..];
            }
        }
    }
    out.push_str(rest);
}

const SKIP: &[&str] = &[
    "script", "style", "noscript", "nav", "head", "iframe", "svg", "template", "select", "button", "object",
    "embed", "canvas", "audio", "video", "map",
];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "tbody",
    "thead",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "main",
    "blockquote",
    "dd",
    "dt",
    "dl",
    "form",
    "figure",
    "figcaption",
    "hr",
    "address",
    "center",
    "title",
    "body",
];

fn push_break(out: &mut String, brk: &str) {
    match brk {
        "\n" => {
            while out.ends_with(' ') {
                out.pop();
            }
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
        }
        "\t" if !out.is_empty() && !out.ends_with('\n') && !out.ends_with('\t') => out.push('\t'),
        _ => {}
    }
}

fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{3000}' {
            if !(out.is_empty() || out.ends_with(' ') || out.ends_with('\n') || out.ends_with('\t')) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

fn tidy_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.trim_matches(|c: char| c == ' ' || c == '\t');
        if line.is_empty() {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("七宝镇".as_bytes(), "a.txt").unwrap();
        assert_eq!((d.text.as_str(), d.encoding.as_str()), ("七宝镇", "utf-8"));
        let d = decode(b"\xef\xbb\xbf\xe4\xb8\x83", "a.txt").unwrap();
        assert_eq!(d.text, "七");
    }

    /// Taking the bytes changes nothing in what comes out, whatever the input.
    #[test]
    fn owned_bytes_decode_the_same() {
        let (gbk, _, _) = GB18030.encode("二〇二四年全县地区生产总值增长百分之六。");
        let inputs: [(&[u8], &str); 8] = [
            ("七宝镇\r\n第二行".as_bytes(), "a.txt"),
            (b"\xef\xbb\xbf\xe4\xb8\x83", "a.txt"),
            (&gbk, "a.txt"),
            (b"\xe4\xb8\x83\xe4\xb8", "a.txt"),
            ("<html><body><p>新建道路3公里</p></body></html>".as_bytes(), "a.html"),
            ("<p>新建道路</p>".as_bytes(), "-"),
            (b"", "a.txt"),
            (b" \n\t", "a.txt"),
        ];
        for (bytes, path) in inputs {
            let a = decode(bytes, path).map(|d| (d.text, d.encoding, d.errors));
            let b = decode_owned(bytes.to_vec(), path).map(|d| (d.text, d.encoding, d.errors));
            match (a, b) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{path} {bytes:?}"),
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                (a, b) => panic!("{path} {bytes:?}: {a:?} vs {b:?}"),
            }
        }
    }

    #[test]
    fn gbk_is_detected_without_a_marker() {
        let text = "全社会固定资产投资122亿元，社会消费品零售总额同比增长8%。责任单位：经发办。";
        let (bytes, _, _) = GB18030.encode(text);
        let d = decode(&bytes, "x.txt").unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "gb18030");
    }

    #[test]
    fn line_ends_become_lf() {
        let text = "第一行\r\n第二行\r第三行\n\r\n末行";
        let d = decode(text.as_bytes(), "x.txt").unwrap();
        assert_eq!(d.text, "第一行\n第二行\n第三行\n\n末行");
        let (bytes, _, _) = GB18030.encode("各位代表：\r\n现在，我代表区人民政府向大会报告工作。\r\n");
        let d = decode(&bytes, "x.txt").unwrap();
        assert_eq!(d.text, "各位代表：\n现在，我代表区人民政府向大会报告工作。\n");
    }

    /// A GBK/CRLF report of the shared series decodes to the text Python's `open()` gives,
    /// which the corpus keeps as its UTF-8/LF twin.
    #[test]
    fn gbk_crlf_series_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let path = root.join("../shared/wild/series/hailaer/hailaer_2014.txt");
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("skipped: {} is not here", path.display());
            return;
        };
        assert!(bytes.windows(2).any(|w| w == b"\r\n"), "the file has CRLF line ends");
        let d = decode(&bytes, "hailaer_2014.txt").unwrap();
        assert_eq!(d.encoding, "gb18030");
        let twin = std::fs::read_to_string(root.join("corpus/w11_hailaer_2014_zfgzbg.txt")).unwrap();
        assert_eq!(d.text.chars().count(), twin.chars().count());
        assert_eq!(d.text, twin);
    }

    #[test]
    fn utf16_with_bom() {
        let text = "牵头单位：区发改委";
        let mut le = vec![0xff, 0xfe];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le, "x.txt").unwrap();
        assert_eq!((d.text.as_str(), d.encoding.as_str()), (text, "utf-16le"));
        let mut be = vec![0xfe, 0xff];
        for u in text.encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be, "x.txt").unwrap().encoding, "utf-16be");
    }

    #[test]
    fn truncated_utf8_is_kept_and_noted() {
        let mut bytes = "全镇现有规上企业169家".repeat(20).into_bytes();
        bytes.extend_from_slice(&"镇".as_bytes()[..2]);
        bytes.extend_from_slice("完成".as_bytes());
        let d = decode(&bytes, "x.txt").unwrap();
        assert_eq!(d.encoding, "utf-8");
        assert!(d.text.contains('\u{fffd}'));
        assert_eq!(d.errors.len(), 1);
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert!(decode(b"", "x.txt").unwrap_err().to_string().contains("empty"));
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0", "x.txt").unwrap_err().to_string().contains("PNG"));
        assert!(decode(b"abc\0\0\0def", "x.txt").unwrap_err().to_string().contains("NUL"));
        assert!(matches!(decode(b"", "x.txt"), Err(Error::Decode { kind: DecodeErrorKind::Empty })));
        assert!(matches!(decode(b" \n\t", "x.txt"), Err(Error::Decode { kind: DecodeErrorKind::Blank })));
    }

    #[test]
    fn html_blocks_scripts_and_entities() {
        let html = "<html><head><title>T</title><script>var x='<p>no</p>';</script></head>\
            <body><nav>首页 | 关于</nav><h1>工作报告</h1><p>投资&amp;建设 <b>122</b>亿元</p>\
            <table><tr><td>1</td><td>任务</td><td>经发办</td></tr></table></body></html>";
        let text = decode(html.as_bytes(), "page.html").unwrap().text;
        assert_eq!(text, "工作报告\n投资&建设 122亿元\n1\t任务\t经发办\n");
    }

    #[test]
    fn deeply_nested_html_uses_the_linear_fallback() {
        let n = 5000;
        let html = format!(
            "<html><body><script>x='<p>no</p>'</script>{}投资&amp;建设{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        assert!(nesting_depth(&html) > MAX_HTML_DEPTH);
        assert_eq!(decode(html.as_bytes(), "x.html").unwrap().text, "投资&建设\n");
        // Balanced and flat pages stay with the real parser.
        assert!(nesting_depth(&"<p>a</p><div>b</div><br>".repeat(1000)) < 3);
    }

    #[test]
    fn html_is_sniffed_without_extension() {
        let d = decode(b"<!DOCTYPE html><html><body><p>a</p><p>b</p></body></html>", "-").unwrap();
        assert_eq!(d.text, "a\nb\n");
    }
}
