//! Deterministic identifiers: `post_id`, `claim_id`, `figure_id`, `trade_id`.

use crate::model::Date;
use xxhash_rust::xxh3::xxh3_64;

/// Normalises a title for hashing: lowercase, quotes and apostrophes dropped,
/// every other run of non-alphanumeric characters turned into one space.
pub fn normalize_title(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut space = false;
    for c in title.chars() {
        // ASCII first (nearly every char of a title): no Unicode tables
        let alnum = if c.is_ascii() {
            if matches!(c, '\'' | '"' | '`') {
                continue;
            }
            c.is_ascii_alphanumeric()
        } else {
            if matches!(c, '‘' | '’' | '“' | '”' | '´') {
                continue;
            }
            c.is_alphanumeric()
        };
        if alnum {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            space = true;
        }
    }
    out
}

/// The post id: 16 lowercase hex digits of a 64-bit xxh3 hash of the normalised
/// title and the ISO publication date (empty when unknown).
///
/// # Examples
/// ```
/// use nkecon::ids::post_id;
/// let d = chrono::NaiveDate::from_ymd_opt(2022, 10, 25);
/// let a = post_id("North Korean trade with China", d);
/// assert_eq!(a, post_id("North Korean  trade with China ", d));
/// assert_eq!(a.len(), 16);
/// ```
pub fn post_id(title: &str, published: Option<Date>) -> String {
    use chrono::Datelike;
    let mut key = normalize_title(title);
    key.push('\u{1f}');
    if let Some(d) = published {
        // ISO date, as `d.format("%Y-%m-%d")` writes it, without the format parser
        let (y, m, day) = (d.year(), d.month(), d.day());
        if (0..=9999).contains(&y) {
            for v in [y as u32 / 100, y as u32 % 100, 100, m, 100, day] {
                if v == 100 {
                    key.push('-');
                } else {
                    key.push(char::from(b'0' + (v / 10) as u8));
                    key.push(char::from(b'0' + (v % 10) as u8));
                }
            }
        } else {
            key.push_str(&d.format("%Y-%m-%d").to_string());
        }
    }
    let h = xxh3_64(key.as_bytes());
    (0..16)
        .map(|i| char::from(b"0123456789abcdef"[((h >> (60 - 4 * i)) & 0xF) as usize]))
        .collect()
}

/// Appends the decimal digits of `n` to `s` (what `write!(s, "{n}")` does, without
/// the formatting machinery: ids are built for every claim and figure).
pub(crate) fn push_num(s: &mut String, mut n: usize) {
    // most ids hold small numbers (sentence and figure ordinals): one or two pushes
    if n < 10 {
        s.push(char::from(b'0' + n as u8));
        return;
    }
    if n < 100 {
        s.push(char::from(b'0' + (n / 10) as u8));
        s.push(char::from(b'0' + (n % 10) as u8));
        return;
    }
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &buf[i..] {
        s.push(char::from(d));
    }
}

/// `"{base}:{tag}{n}"` in one allocation.
fn suffixed(base: &str, tag: &str, n: usize) -> String {
    let mut s = String::with_capacity(base.len() + tag.len() + 12);
    s.push_str(base);
    s.push(':');
    s.push_str(tag);
    push_num(&mut s, n);
    s
}

/// `"{post_id}:{sentence}"`.
pub fn claim_id(post_id: &str, sentence: usize) -> String {
    suffixed(post_id, "", sentence)
}

/// `"{claim_id}:{k}"`, `k` the figure's ordinal within its sentence.
pub fn figure_id(claim_id: &str, k: usize) -> String {
    suffixed(claim_id, "", k)
}

/// `"{post_id}:t{n}"`, `n` the row's ordinal within the post.
pub fn trade_id(post_id: &str, n: usize) -> String {
    suffixed(post_id, "t", n)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The id as first written: `format!` all the way.
    fn post_id_plain(title: &str, published: Option<Date>) -> String {
        let mut norm = String::new();
        let mut space = false;
        for c in title.chars() {
            if matches!(c, '\'' | '"' | '‘' | '’' | '“' | '”' | '`' | '´') {
                continue;
            }
            if c.is_alphanumeric() {
                if space && !norm.is_empty() {
                    norm.push(' ');
                }
                space = false;
                norm.extend(c.to_lowercase());
            } else {
                space = true;
            }
        }
        let date = published
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let key = format!("{norm}\u{1f}{date}");
        format!("{:016x}", xxh3_64(key.as_bytes()))
    }

    #[test]
    fn post_id_matches_the_plain_format() {
        let pieces = [
            "North", " Korea", "’s", "'", "\"", "“", "”", "`", "´", "‘", " ", "  ", "-", "—", "$",
            "1.5", "É", "İ", "Ä", "ß", "Σ", "平壤", "\t", "KCNA", ":", "é", "\u{1f}", "ǅ",
        ];
        let dates = [
            None,
            chrono::NaiveDate::from_ymd_opt(2019, 3, 7),
            chrono::NaiveDate::from_ymd_opt(1, 12, 31),
            chrono::NaiveDate::from_ymd_opt(999, 1, 1),
            chrono::NaiveDate::from_ymd_opt(9999, 12, 31),
            chrono::NaiveDate::from_ymd_opt(-44, 3, 15),
            chrono::NaiveDate::from_ymd_opt(12_345, 6, 1),
            chrono::NaiveDate::from_ymd_opt(0, 1, 1),
        ];
        let mut rng = crate::test_rng::Rng(0x1d_5eed);
        for _ in 0..5_000 {
            let n = rng.below(12);
            let t = rng.text(&pieces, n);
            let d = dates[rng.below(dates.len())];
            assert_eq!(post_id(&t, d), post_id_plain(&t, d), "{t:?} {d:?}");
        }
    }

    #[test]
    fn ids_join_with_colons() {
        assert_eq!(claim_id("ab12", 0), "ab12:0");
        assert_eq!(figure_id(&claim_id("ab12", 37), 10), "ab12:37:10");
        assert_eq!(trade_id("ab12", 1234567890), "ab12:t1234567890");
        let mut s = String::new();
        push_num(&mut s, usize::MAX);
        assert_eq!(s, usize::MAX.to_string());
        for n in (0..1200).chain([9_999, 10_000, 123_456_789]) {
            s.clear();
            s.push('x');
            push_num(&mut s, n);
            assert_eq!(s, format!("x{n}"));
        }
    }
}
