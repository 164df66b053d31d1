//! Reading one numeral from the start of a string: Arabic digits with `,` groups and
//! decimals, Chinese numerals (小写, 大写, 两, 〇), and mixes (`1.2万`, `3千万`, `5亿1万4千6百`,
//! `一百九十万零三千`, `十余万`). One pass, no backtracking, so a run of a million digits
//! costs one scan.

/// Longest Arabic digit run read as a number; longer runs are consumed but not read.
const MAX_DIGITS: usize = 40;

/// A numeral read from the start of a string.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Numeral {
    /// Bytes consumed.
    pub len: usize,
    /// The full value (`12200000000` for `122亿`).
    pub value: f64,
    /// The value before a trailing magnitude (`122` for `122亿`); `value` without one.
    pub head: f64,
    /// The trailing magnitude as written, spaces and 余/多 dropped (`亿`, `千万`, `万亿`).
    pub mag: String,
    /// What the magnitude multiplies by (1 without one).
    pub mag_factor: f64,
    /// 余, 多 or 几 stood inside (`十余万`, `500多`): the true value is a bit more.
    pub more: bool,
    /// Contains Arabic digits.
    pub arabic: bool,
    /// Chinese digit characters (零 included).
    pub cn_digits: usize,
    /// Multiplier characters (十百千万亿兆).
    pub mults: usize,
    /// Starts with a multiplier (`十五`, `千亿`, `百三`).
    pub leading_mult: bool,
    /// Chinese digits in a row with no multiplier (`二〇二三`, `九九`): a code or a year.
    pub sequence: bool,
    /// An Arabic integer written with a leading zero (`02`, `05`): a code, not an amount.
    pub leading_zero: bool,
    /// Has a decimal part.
    pub decimal: bool,
    /// Upper end of a rough range written with two digits (`三五百` is 300 to 500).
    pub max: Option<f64>,
    /// Two neighbouring Chinese digits and nothing else (`两三`, `三五`): a rough range
    /// if a unit follows (`三五年`), else a code.
    pub pair: Option<(f64, f64)>,
    /// The number is a plain Arabic integer of this many digits (0 otherwise).
    pub int_digits: usize,
    /// The Arabic digit run was too long to be a quantity.
    pub too_long: bool,
}

/// Value of a Chinese digit character.
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '贰' | '貳' | '两' | '兩' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Value of 十, 百, 千 (and their 大写 forms).
pub fn small_mult(c: char) -> Option<f64> {
    match c {
        '十' | '拾' => Some(10.0),
        '百' | '佰' => Some(100.0),
        '千' | '仟' => Some(1000.0),
        _ => None,
    }
}

/// Value of 万, 亿, 兆.
pub fn big_mult(c: char) -> Option<f64> {
    match c {
        '万' | '萬' => Some(1e4),
        '亿' | '億' => Some(1e8),
        '兆' => Some(1e12),
        _ => None,
    }
}

/// Any character a numeral may start with.
pub fn starts_numeral(c: char) -> bool {
    c.is_ascii_digit() || cn_digit(c).is_some() || small_mult(c).is_some() || big_mult(c).is_some()
}

/// Rounds away binary noise (`1.5699999999` → `1.57`) by keeping 15 significant digits.
pub fn tidy(x: f64) -> f64 {
    // Whole numbers below 10^15 have no noise to round away (and are most values).
    if !x.is_finite() || x == 0.0 || (x.fract() == 0.0 && x.abs() < 1e15) {
        return x;
    }
    format!("{x:.14e}").parse().unwrap_or(x)
}

/// An Arabic number at the start of `s`: (bytes, digits without separators, decimal?).
fn arabic(s: &str) -> (usize, String, bool) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let mut digits = s[..i].to_string();
    // `,` groups of exactly three digits (`1,234,567`), only after a short first group.
    if i <= 3 {
        while i + 3 < b.len() + 1
            && b[i] == b','
            && b.get(i + 1..i + 4).is_some_and(|g| g.iter().all(u8::is_ascii_digit))
            && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
        {
            digits.push_str(&s[i + 1..i + 4]);
            i += 4;
        }
    }
    let mut decimal = false;
    // `5 . 5`: a decimal point set off by spaces, as some typesetting writes it.
    let spaces = |k: usize| b.get(k..).map_or(0, |r| r.iter().take_while(|&&c| c == b' ').count());
    let mut start = None;
    if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
        start = Some(i + 1);
    } else if spaces(i) > 0 && b.get(i + spaces(i)) == Some(&b'.') {
        let dot = i + spaces(i);
        let after = dot + 1 + spaces(dot + 1);
        if spaces(dot + 1) > 0 && b.get(after).is_some_and(u8::is_ascii_digit) {
            start = Some(after);
        }
    }
    if let Some(start) = start {
        decimal = true;
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        digits.push('.');
        digits.push_str(&s[start..i]);
    }
    (i, digits, decimal)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tok {
    None,
    Arabic,
    CnDigit,
    Zero,
    Small,
    Big,
    More,
    Frac,
}

/// Reads the numeral at the start of `s`, or `None` when `s` does not start with one.
pub fn read(s: &str) -> Option<Numeral> {
    let mut n = Numeral { mag_factor: 1.0, ..Default::default() };
    let mut pos = 0;
    let mut acc = 0.0f64; // completed sections (≥ 万)
    let mut scale = 1.0f64; // the big unit `acc` is counted in
    let mut sec = 0.0f64; // below the current big unit
    let mut pending: Option<f64> = None;
    let mut elide = false; // pending is one digit right after a multiplier (`一万三`)
    let mut last_mult = 0.0f64;
    let mut zero_gap = false;
    let mut last = Tok::None;
    let mut frac: Option<String> = None;
    let mut arabic_head: Option<String> = None; // the first token, when Arabic
    let mut only_arabic_head = false; // nothing but the Arabic head and multipliers so far
                                      // Trailing magnitude run: (byte start, value before it, a big unit came before it).
    let mut run: Option<(usize, f64, bool)> = None;
    let mut run_open = false;
    let mut big_seen = false;
    let mut pair: Option<(f64, f64)> = None; // two digits in a row (`三五`)
    let mut spread = 0.0f64; // value_max - value for `三五百`

    while pos < s.len() {
        let rest = &s[pos..];
        let c = rest.chars().next().unwrap_or('\0');
        if c.is_ascii_digit() {
            if matches!(last, Tok::Arabic | Tok::CnDigit | Tok::Frac)
                || (last == Tok::Zero && pending.is_some())
            {
                break;
            }
            let (len, digits, decimal) = arabic(rest);
            if digits.len() > 2 * MAX_DIGITS {
                n.too_long = true;
                n.len = pos + len;
                return Some(n);
            }
            let v: f64 = digits.parse().ok()?;
            let after_mult = matches!(last, Tok::Small | Tok::Big) && !zero_gap;
            if last == Tok::None {
                arabic_head = Some(digits.clone());
                only_arabic_head = true;
                n.leading_zero = !decimal && digits.len() > 1 && digits.starts_with('0');
                n.int_digits = if decimal { 0 } else { digits.len() };
            } else {
                n.int_digits = 0;
                only_arabic_head = false;
            }
            n.decimal |= decimal;
            n.arabic = true;
            elide = after_mult && !decimal && digits.len() == 1 && last_mult >= 10.0;
            pending = Some(v);
            run_open = false;
            last = Tok::Arabic;
            pos += len;
            continue;
        }
        if let Some(d) = cn_digit(c) {
            let d = f64::from(d);
            n.cn_digits += 1;
            only_arabic_head = false;
            n.int_digits = 0;
            if d == 0.0 && matches!(last, Tok::Small | Tok::Big | Tok::Zero) && pending.is_none() {
                zero_gap = true;
                last = Tok::Zero;
                pos += c.len_utf8();
                continue;
            }
            match last {
                Tok::CnDigit => {
                    pair = match (pending, n.sequence) {
                        (Some(a), false) if d > a && d - a <= 2.0 => Some((a, d)),
                        _ => None,
                    };
                    pending = Some(pending.unwrap_or(0.0) * 10.0 + d);
                    n.sequence = true;
                    elide = false;
                }
                Tok::Arabic | Tok::Frac => {
                    n.cn_digits -= 1;
                    break;
                }
                _ => {
                    elide = matches!(last, Tok::Small | Tok::Big) && !zero_gap && last_mult >= 10.0;
                    pending = Some(d);
                }
            }
            run_open = false;
            last = Tok::CnDigit;
            pos += c.len_utf8();
            continue;
        }
        if c == '点' || c == '點' {
            // A Chinese decimal point: only before digits, once.
            if frac.is_some() || matches!(last, Tok::None | Tok::More) {
                break;
            }
            let mut digits = String::new();
            let mut q = pos + c.len_utf8();
            while let Some(ch) = s[q..].chars().next() {
                if let Some(d) = cn_digit(ch) {
                    digits.push(char::from(b'0' + d as u8));
                } else if ch.is_ascii_digit() {
                    digits.push(ch);
                } else {
                    break;
                }
                q += ch.len_utf8();
                if digits.len() > MAX_DIGITS {
                    break;
                }
            }
            if digits.is_empty() {
                break;
            }
            // Close the integer part first (`两千三点一`: the 三 is 三百).
            if let Some(p) = pending.take() {
                sec += if elide { p * last_mult / 10.0 } else { p };
            }
            elide = false;
            frac = Some(digits);
            n.decimal = true;
            n.cn_digits += 1;
            only_arabic_head = false;
            run_open = false;
            last = Tok::Frac;
            pos = q;
            continue;
        }
        if let Some(m) = small_mult(c) {
            // 十 may follow 百/千 (`一百十一` is 一百一十一); other repeats end the numeral.
            if frac.is_some()
                || rest.starts_with("百分点")
                || last == Tok::More
                || (last == Tok::Small && m >= last_mult)
                // A bare multiplier right after 万/亿 starts a unit (`5万千瓦`), not a number.
                || (last == Tok::Big
                    && !rest[c.len_utf8()..].starts_with(|d: char| cn_digit(d).is_some() || d.is_ascii_digit()))
            {
                break;
            }
            if last == Tok::None {
                n.leading_mult = true;
            }
            if only_arabic_head && last == Tok::Arabic && run.is_none() {
                run = Some((pos, pending.unwrap_or(0.0), false));
                run_open = true;
            } else if !(only_arabic_head && run_open) {
                run_open = false;
            }
            if let (Some((a, b)), true) = (pair.take(), n.sequence) {
                // `三五百`, `四五千`: read as 三百 with 500 as the upper end.
                pending = Some(a);
                spread = (b - a) * m;
                n.sequence = false;
            }
            // A leading 零 before 十 is silent (`零十` is 10).
            sec += pending.take().filter(|p| *p != 0.0).unwrap_or(1.0) * m;
            last_mult = m;
            zero_gap = false;
            elide = false;
            n.mults += 1;
            last = Tok::Small;
            pos += c.len_utf8();
            continue;
        }
        if let Some(b) = big_mult(c) {
            // 兆 is 10^12 only between numerals; before a unit it is mega (`兆瓦`, `兆帕`).
            if c == '兆'
                && rest[c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(|d| !starts_numeral(d) && ('\u{4e00}'..='\u{9fff}').contains(&d))
            {
                break;
            }
            let mut cur = sec + pending.take().unwrap_or(0.0);
            if let Some(f) = frac.take() {
                cur += format!("0.{f}").parse::<f64>().unwrap_or(0.0);
            }
            if last == Tok::None {
                n.leading_mult = true;
                cur = 1.0;
            }
            let before = acc + cur;
            if !(run_open && matches!(last, Tok::Big | Tok::More | Tok::Small)) {
                run = Some((pos, before, big_seen));
                run_open = true;
            }
            if let (Some((a, hi)), true) = (pair.take(), n.sequence) {
                cur = a;
                spread = hi - a;
                n.sequence = false;
            }
            spread *= b;
            if b > scale || (b == scale && cur == 0.0 && matches!(last, Tok::Big | Tok::More)) {
                acc = (acc + cur) * b;
                scale *= b;
            } else {
                acc += cur * b;
            }
            sec = 0.0;
            last_mult = b;
            zero_gap = false;
            elide = false;
            big_seen = true;
            n.mults += 1;
            last = Tok::Big;
            pos += c.len_utf8();
            continue;
        }
        if c == '余' || c == '多' || c == '几' {
            let ok = match c {
                '几' => matches!(last, Tok::Small | Tok::Zero),
                _ => matches!(last, Tok::Arabic | Tok::CnDigit | Tok::Small | Tok::Big),
            };
            if !ok {
                break;
            }
            if let Some(p) = pending.take() {
                sec += if elide { p * last_mult / 10.0 } else { p };
            }
            elide = false;
            n.more = true;
            if c == '几' && last == Tok::Small {
                // `十几`, `二十几`: up to one more step of the multiplier.
                spread = last_mult;
            }
            pos += c.len_utf8();
            let next = s[pos..].trim_start_matches(' ').chars().next();
            if next.and_then(big_mult).is_some() {
                last = Tok::More;
                continue;
            }
            last = Tok::More;
            break;
        }
        if c == ' ' {
            let trimmed = rest.trim_start_matches(' ');
            let next = trimmed.chars().next().unwrap_or('\0');
            // `7万 5千 4百`: after a multiplier a space may stand before the next digit-and-multiplier.
            let run_end = trimmed
                .find(|d: char| !(d.is_ascii_digit() || cn_digit(d).is_some()))
                .unwrap_or(trimmed.len());
            let after_run = trimmed[run_end..].chars().next().unwrap_or('\0');
            let next_part = matches!(last, Tok::Big | Tok::Small)
                && run_end > 0
                && (small_mult(after_run).is_some() || big_mult(after_run).is_some());
            let joins = small_mult(next).is_some()
                || big_mult(next).is_some()
                || next == '余'
                || next == '多'
                || next_part;
            if joins && !matches!(last, Tok::None) && !trimmed.starts_with("百分点") {
                pos += rest.len() - trimmed.len();
                continue;
            }
            break;
        }
        break;
    }
    if last == Tok::None {
        return None;
    }
    // Trailing spaces are never part of the numeral.
    let mut end = pos;
    while end > 0 && s.as_bytes()[end - 1] == b' ' {
        end -= 1;
    }
    n.len = end;
    let tail = pending.map_or(0.0, |p| if elide { p * last_mult / 10.0 } else { p });
    let mut value = acc + sec + tail;
    if let Some(f) = &frac {
        value += format!("0.{f}").parse::<f64>().unwrap_or(0.0);
    }
    n.value = tidy(value);
    n.head = n.value;
    if spread > 0.0 {
        n.max = Some(tidy(value + spread));
    }
    if n.sequence && n.cn_digits == 2 && last == Tok::CnDigit {
        n.pair = pair;
    }
    if let Some((start, before, big_before)) = run {
        if run_open && !big_before && matches!(last, Tok::Big | Tok::Small | Tok::More) {
            let mag: String =
                s[start..end].chars().filter(|c| !matches!(c, ' ' | '余' | '多' | '几')).collect();
            let factor: f64 =
                mag.chars().map(|c| small_mult(c).or_else(|| big_mult(c)).unwrap_or(1.0)).product();
            if !mag.is_empty() && before != 0.0 {
                n.mag = mag;
                n.mag_factor = factor;
                n.head = tidy(before);
                // Exact decimal scaling for Arabic heads (`128.17亿`).
                if let (Some(h), true) = (&arabic_head, only_arabic_head) {
                    let exp = factor.log10().round() as i32;
                    if let Ok(v) = format!("{h}e{exp}").parse::<f64>() {
                        n.value = v;
                    }
                }
            }
        }
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> (f64, usize) {
        let n = read(s).unwrap_or_else(|| panic!("no numeral in {s}"));
        (n.value, n.len)
    }

    #[test]
    fn values() {
        let cases: &[(&str, f64)] = &[
            ("一百五十二", 152.0),
            ("两千四百五", 2450.0),
            ("一千零一", 1001.0),
            ("一百零一万一千", 1011000.0),
            ("五亿零六", 500000006.0),
            ("5亿1万4千6百", 500014600.0),
            ("一万三", 13000.0),
            ("九百万零四百", 9000400.0),
            ("四亿五千六百四十二万零一十五", 456420015.0),
            ("五兆六十二亿四万五千二", 5006200045200.0),
            ("四万万", 400000000.0),
            ("10万万", 1e9),
            ("一万五千亿", 1.5e12),
            ("三十万多亿", 3e13),
            ("十", 10.0),
            ("十五", 15.0),
            ("千三", 1300.0),
            ("百三", 130.0),
            ("两千万点五五四四", 20000000.5544),
            ("两千三点一", 2300.1),
            ("零点五", 0.5),
            ("1,050,000,000", 1050000000.0),
            ("10,000.233", 10000.233),
            ("3万4000", 34000.0),
            ("1百01", 101.0),
            ("200亿零四千230", 20000004230.0),
            ("一百二十万三", 1203000.0),
            ("十万零一千", 101000.0),
            ("一百九十万零三千九百七十一", 1903971.0),
            ("1.2万", 12000.0),
            ("128.17亿", 12817000000.0),
            ("4.78万亿", 4780000000000.0),
            ("十 余 万", 100000.0),
            ("一百十一", 111.0),
            ("7万 5千 4百", 75400.0),
            ("三五百", 300.0),
            ("一百零几万", 1000000.0),
            ("四千五百六十九万八千三百一十一亿四千八百七十二万五千三百八十二", 4569831148725382.0),
        ];
        for (s, want) in cases {
            let (got, len) = v(s);
            assert!((got - want).abs() <= want.abs() * 1e-12, "{s}: {got} != {want}");
            assert_eq!(len, s.len(), "{s} not read to the end");
        }
    }

    #[test]
    fn head_and_magnitude() {
        let cases: &[(&str, f64, &str)] = &[
            ("122亿", 122.0, "亿"),
            ("3千万", 3.0, "千万"),
            ("5000万", 5000.0, "万"),
            ("一百二十万", 120.0, "万"),
            ("十余万", 10.0, "万"),
            ("千亿", 1000.0, "亿"),
            ("两千万", 2000.0, "万"),
            ("25万6千", 256000.0, ""),
            ("1,200", 1200.0, ""),
        ];
        for (s, head, mag) in cases {
            let n = read(s).unwrap();
            assert_eq!((n.head, n.mag.as_str()), (*head, *mag), "{s}");
        }
    }

    #[test]
    fn stops_where_the_numeral_ends() {
        assert_eq!(v("30%以上").1, 2);
        assert_eq!(v("12个百分点").1, 2);
        assert_eq!(v("5百分点").1, 1);
        assert_eq!(v("三百余家").1, "三百余".len());
        assert_eq!(v("1.").1, 1);
        assert_eq!(v("12,13个").1, 2);
        assert!(read("个").is_none());
        assert!(read("二〇二三").unwrap().sequence);
        assert!(read("05").unwrap().leading_zero);
    }

    #[test]
    fn huge_runs_are_consumed_not_read() {
        let s = "9".repeat(1_000_000);
        let n = read(&s).unwrap();
        assert!(n.too_long);
        assert_eq!(n.len, s.len());
    }
}
