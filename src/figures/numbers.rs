//! Numbers as written: digits with separators and decimals, glued suffixes ("14.2m",
//! "5%"), scale words ("1.5 million"), currency prefixes ("US$", "€", "RMB ") and
//! written-out numbers ("twenty-five", "a dozen", "two hundred thousand").

use super::lex::{self, Cur};
use super::text::Text;

/// A number with its scale and any currency written before it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num {
    /// Start of the currency prefix, or of the number.
    pub start: usize,
    /// First byte of the number itself.
    pub nstart: usize,
    /// One past the number, its glued suffix and its scale word.
    pub end: usize,
    /// Value before the scale.
    pub mant: f64,
    /// All digits as an integer (`3.41` → 341) and the number of decimals (2), for an exact product.
    pub digits_int: f64,
    /// Decimals written.
    pub decimals: i32,
    /// 1.0 when no scale word was written.
    pub scale: f64,
    /// Written out in words.
    pub written: bool,
    /// Bare digits: no thousands separator, no decimals, no scale.
    pub plain: bool,
    /// Number of integer digits (digits only).
    pub ndigits: usize,
    /// Starts with a zero and has more digits ("04", "01500").
    pub leading_zero: bool,
    /// Currency written before the number (or glued code).
    pub cur: Option<Cur>,
    /// `%` glued to the digits.
    pub pct: bool,
    /// A unit glued to the digits ("5kg").
    pub qty: Option<&'static str>,
}

impl Num {
    /// The value with the scale applied.
    pub fn value(&self) -> f64 {
        if self.decimals > 0 && self.digits_int * self.scale < 9.0e15 {
            // 3.41 bn = 341 × 1e9 / 100, without the rounding of 3.41 × 1e9
            self.digits_int * self.scale / 10f64.powi(self.decimals)
        } else {
            self.mant * self.scale
        }
    }
}

/// Why a position does not start a number: skip to this byte.
pub(crate) type Skip = usize;

/// Parses the number whose first digit or word starts at `i`.
pub(crate) fn parse(t: &Text, i: usize) -> Result<Num, Skip> {
    if i >= t.b.len() {
        return Err(i);
    }
    if t.b[i].is_ascii_digit() {
        parse_digits(t, i)
    } else {
        parse_written(t, i)
    }
}

/// The end of a token of digits, letters and inner separators: where to resume after a reject.
pub(crate) fn token_end(t: &Text, mut i: usize) -> usize {
    let b = t.b;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_alphanumeric()
            || (matches!(c, b',' | b'.' | b':' | b'/' | b'-')
                && i + 1 < b.len()
                && b[i + 1].is_ascii_digit())
        {
            i += 1;
        } else {
            break;
        }
    }
    i
}

fn parse_digits(t: &Text, i: usize) -> Result<Num, Skip> {
    let b = t.b;
    let n = b.len();
    let mut j = i;
    let mut int: f64 = 0.0;
    while j < n && b[j].is_ascii_digit() {
        int = int * 10.0 + f64::from(b[j] - b'0');
        j += 1;
    }
    let ndigits = j - i;
    let leading_zero = ndigits > 1 && b[i] == b'0';
    let mut plain = true;
    // thousands groups: ",ddd" not followed by another digit
    while j < n
        && b[j] == b','
        && b.get(j + 1..j + 4)
            .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
        && !b.get(j + 4).is_some_and(u8::is_ascii_digit)
    {
        for &d in &b[j + 1..j + 4] {
            int = int * 10.0 + f64::from(d - b'0');
        }
        j += 4;
        plain = false;
    }
    let mut value = int;
    let mut digits_int = int;
    let mut decimals = 0;
    if j + 1 < n && b[j] == b'.' && b[j + 1].is_ascii_digit() {
        let mut k = j + 1;
        while k < n && b[k].is_ascii_digit() {
            digits_int = digits_int * 10.0 + f64::from(b[k] - b'0');
            decimals += 1;
            k += 1;
        }
        value = digits_int / 10f64.powi(decimals);
        j = k;
        plain = false;
    }
    // what follows the digits
    if j + 1 < n && matches!(b[j], b'.' | b':' | b'/') && b[j + 1].is_ascii_digit() {
        return Err(token_end(t, j));
    }
    if j + 1 < n && b[j] == b',' && b[j + 1].is_ascii_digit() && !plain {
        // "1,2345" or "1,000,00": not a well-formed number
        return Err(token_end(t, j));
    }
    let (start, cur) = match currency_prefix(t, i) {
        Some((s, c)) => (s, Some(c)),
        None => (i, None),
    };
    let mut num = Num {
        start,
        nstart: i,
        end: j,
        mant: value,
        digits_int,
        decimals,
        scale: 1.0,
        written: false,
        plain,
        ndigits,
        leading_zero,
        cur,
        pct: false,
        qty: None,
    };
    // glued suffix
    if j < n && b[j].is_ascii_alphabetic() {
        let mut e = j;
        while e < n && b[e].is_ascii_alphanumeric() {
            e += 1;
        }
        let suf = &t.lc[j..e];
        // "8m wide", "200m long": metres, not millions (with no currency before)
        let metre = suf == b"m" && cur.is_none() && {
            let k = t.skip_sp(e);
            let (ws, we) = t.word_at(k);
            k > e
                && matches!(
                    &t.lc[ws..we],
                    b"long"
                        | b"wide"
                        | b"high"
                        | b"tall"
                        | b"deep"
                        | b"thick"
                        | b"above"
                        | b"below"
                        | b"away"
                        | b"across"
                        | b"in"
                )
        };
        if metre {
            num.qty = Some("m");
        } else if let Some(s) = lex::scale_suffix(suf) {
            num.scale = s;
            num.plain = false;
        } else if let Some(q) = lex::quantity_suffix(suf) {
            num.qty = Some(q);
        } else {
            return Err(token_end(t, e));
        }
        num.end = e;
        return Ok(num);
    }
    if j < n && b[j] == b'%' {
        num.pct = true;
        num.end = j + 1;
        return Ok(num);
    }
    // "$1.2-billion project"
    if j + 1 < n && b[j] == b'-' {
        let (ws, we) = t.word_at(j + 1);
        if we > ws {
            if let Some(s) = lex::scale_word(&t.lc[ws..we]) {
                if s >= 1e6 {
                    num.scale = s;
                    num.plain = false;
                    num.end = we;
                    return Ok(num);
                }
            }
        }
    }
    // scale word after a space: "1.5 million", "14.67 bn" (every scale word starts with
    // one of these letters)
    let k = t.skip_sp(j);
    if k > j && matches!(t.lc.get(k), Some(b'h' | b't' | b'm' | b'b' | b'd')) {
        let (ws, we) = t.word_at(k);
        if we > ws {
            if let Some(s) = lex::scale_word(&t.lc[ws..we]) {
                num.scale = s;
                num.plain = false;
                num.end = we;
            }
        }
    }
    Ok(num)
}

/// A currency symbol or code right before the digits at `i`: (start of prefix, currency).
fn currency_prefix(t: &Text, i: usize) -> Option<(usize, Cur)> {
    let b = t.b;
    // allow one space between a symbol and the digits ("US$ 5", "RMB 100")
    let k = if i > 0 && b[i - 1] == b' ' { i - 1 } else { i };
    if k > 0 && b[k - 1] == b'$' {
        let d = k - 1;
        let mut s = d;
        while s > 0 && (b[s - 1].is_ascii_alphabetic() || b[s - 1] == b'.') && d - s < 5 {
            s -= 1;
        }
        // letters must start a word
        if s > 0 && b[s - 1].is_ascii_alphanumeric() {
            return None;
        }
        // "US $3.2 billion"
        if s == d
            && d >= 3
            && b[d - 1] == b' '
            && &t.lc[d - 3..d - 1] == b"us"
            && (d < 4 || !b[d - 4].is_ascii_alphanumeric())
        {
            return Some((d - 3, Cur::Iso("USD")));
        }
        // the letters without dots (at most five), in a stack buffer
        let mut letters = [0u8; 5];
        let mut nl = 0;
        for &c in t.lc[s..d].iter().filter(|&&c| c != b'.') {
            if let Some(x) = letters.get_mut(nl) {
                *x = c;
                nl += 1;
            }
        }
        return lex::dollar_prefix(&letters[..nl]).map(|code| (s, Cur::Iso(code)));
    }
    // every symbol ends with a non-ASCII byte, every code with an upper-case letter
    let last = if k > 0 { b[k - 1] } else { 0 };
    if last < 0x80 && !last.is_ascii_uppercase() {
        return None;
    }
    let sym = |bytes: &[u8]| k >= bytes.len() && &b[k - bytes.len()..k] == bytes;
    for (bytes, cur) in [
        (&b"\xe2\x82\xac"[..], Cur::Iso("EUR")),
        (&b"\xc2\xa3"[..], Cur::Iso("GBP")),
        (&b"\xc2\xa5"[..], Cur::Iso("JPY")),
        (&b"\xe2\x82\xa9"[..], Cur::Won),
        (&b"\xe2\x82\xbd"[..], Cur::Iso("RUB")),
    ] {
        if sym(bytes) {
            return Some((k - bytes.len(), cur));
        }
    }
    // a glued upper-case code: "RMB100", "KRW1.2 trillion"
    if k == i && i >= 3 {
        let (ws, we) = t.word_before(i);
        if we - ws == 3 {
            if let Some(c) = lex::currency_code(&b[ws..we]) {
                return Some((ws, c));
            }
        }
    }
    // an upper-case code before a space: "RMB 100", "KPW 5,000"
    if k < i {
        let (ws, we) = t.word_before(k);
        if we > ws {
            if let Some(c) = lex::currency_code(&b[ws..we]) {
                return Some((ws, c));
            }
        }
    }
    None
}

/// Written numbers: "six", "twenty-five", "a hundred", "two dozen", "three hundred thousand".
fn parse_written(t: &Text, i: usize) -> Result<Num, Skip> {
    let (ws, we) = t.word_at(i);
    let first = &t.lc[ws..we];
    let mut total = 0.0f64;
    let mut cur = 0.0f64;
    let mut end;
    let mut pos;
    let mut last_small_tens = false;
    let mut last_hundred = false;
    if first == b"a" || first == b"an" {
        // only "a hundred", "a dozen", "a million" ... (every scale word starts with
        // one of these letters)
        let k = t.skip_sp(we);
        if k == we || !matches!(t.lc.get(k), Some(b'h' | b't' | b'm' | b'b' | b'd')) {
            return Err(we);
        }
        let (s2, e2) = t.word_at(k);
        if e2 == s2 {
            return Err(we);
        }
        let Some(sc) = lex::scale_word(&t.lc[s2..e2]) else {
            return Err(we);
        };
        if matches!(
            &t.lc[s2..e2],
            b"mn" | b"mln" | b"bn" | b"bln" | b"tn" | b"trn"
        ) {
            return Err(we);
        }
        if sc >= 1e3 {
            total = sc;
        } else {
            cur = sc;
            last_hundred = sc == 100.0;
        }
        end = e2;
        pos = e2;
    } else if let Some((v, tens)) = lex::small_number(first) {
        cur = v;
        end = we;
        pos = we;
        last_small_tens = tens;
        // "twenty-five"
        if tens && pos + 1 < t.b.len() && t.b[pos] == b'-' {
            let (s2, e2) = t.word_at(pos + 1);
            if let Some((u, false)) = lex::small_number(&t.lc[s2..e2]) {
                if (1.0..10.0).contains(&u) {
                    cur += u;
                    end = e2;
                    pos = e2;
                    last_small_tens = false;
                }
            }
        }
    } else {
        return Err(we);
    }
    // continuation: scale words, "and", more small numbers after a scale
    loop {
        let k = t.skip_sp(pos);
        if k == pos || k >= t.b.len() {
            break;
        }
        let (s2, e2) = t.word_at(k);
        if e2 == s2 {
            break;
        }
        let w = &t.lc[s2..e2];
        if let Some(sc) = lex::scale_word(w) {
            if matches!(w, b"mn" | b"mln" | b"bn" | b"bln" | b"tn" | b"trn") {
                // abbreviations after written numbers are unusual; still accept
            }
            if sc == 100.0 || sc == 12.0 {
                cur = if cur == 0.0 { 1.0 } else { cur } * sc;
                last_hundred = sc == 100.0;
            } else {
                total += if cur == 0.0 { 1.0 } else { cur } * sc;
                cur = 0.0;
                last_hundred = false;
            }
            last_small_tens = false;
            end = e2;
            pos = e2;
            continue;
        }
        if w == b"and" && last_hundred {
            let k2 = t.skip_sp(e2);
            let (s3, e3) = t.word_at(k2);
            if let Some((v, tens)) = lex::small_number(&t.lc[s3..e3]) {
                if v < 100.0 && v > 0.0 {
                    cur += v;
                    end = e3;
                    pos = e3;
                    last_small_tens = tens;
                    last_hundred = false;
                    continue;
                }
            }
            break;
        }
        if let Some((v, _)) = lex::small_number(w) {
            // "two hundred fifty", "thirty five"
            if (last_hundred && v < 100.0) || (last_small_tens && v < 10.0 && v > 0.0) {
                cur += v;
                end = e2;
                pos = e2;
                last_hundred = false;
                last_small_tens = false;
                continue;
            }
        }
        break;
    }
    let _ = last_small_tens;
    let value = total + cur;
    Ok(Num {
        start: i,
        nstart: i,
        end,
        mant: value,
        digits_int: value,
        decimals: 0,
        scale: 1.0,
        written: true,
        plain: false,
        ndigits: 0,
        leading_zero: false,
        cur: None,
        pct: false,
        qty: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str, at: usize) -> Result<Num, Skip> {
        let t = Text::new(s);
        parse(&t, at)
    }

    #[test]
    fn digits() {
        let n = num("1,234.5 tons", 0).ok().map(|n| n.value());
        assert_eq!(n, Some(1234.5));
        let n = num("US$6.39 billion", 3)
            .ok()
            .map(|n| (n.value(), n.start, n.end));
        assert_eq!(n, Some((6.39e9, 0, 15)));
        assert!(num("2010.7.26", 0).is_err());
        assert!(num("10:30", 0).is_err());
        assert!(num("2nd", 0).is_err());
        assert!(num("$14.2m", 1).is_ok_and(|n| (n.value() - 14.2e6).abs() < 1.0));
    }

    #[test]
    fn words() {
        assert_eq!(num("twenty-five", 0).ok().map(|n| n.value()), Some(25.0));
        assert_eq!(num("a dozen", 0).ok().map(|n| n.value()), Some(12.0));
        assert_eq!(num("two dozen", 0).ok().map(|n| n.value()), Some(24.0));
        assert_eq!(
            num("two hundred and fifty", 0).ok().map(|n| n.value()),
            Some(250.0)
        );
        assert_eq!(num("three million", 0).ok().map(|n| n.value()), Some(3e6));
        assert!(num("a few", 0).is_err());
    }
}
