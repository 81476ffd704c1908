//! Eight bytes at a time: byte classes of a little-endian `u64` as the high bit of each
//! byte, exact per byte (no sum carries from one byte into the next).
//!
//! The tokenizers use them to find where a run of letters ends without a byte loop,
//! whose exit branch the CPU mispredicts once per word.

/// The high bit of every byte.
pub(crate) const HI: u64 = 0x8080_8080_8080_8080;
/// The seven low bits of every byte.
pub(crate) const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// The high bit of each byte of `w` that is an ASCII letter.
#[inline]
pub(crate) fn letter_bits(w: u64) -> u64 {
    // per byte: seven low bits with the case bit set; a letter is 0x61..=0x7a there and
    // has its high bit clear (no carry crosses a byte: 0x7f + 0x1f < 0x100)
    let h = (w | 0x2020_2020_2020_2020) & LO7;
    let ge_a = h.wrapping_add(0x1f1f_1f1f_1f1f_1f1f);
    let gt_z = h.wrapping_add(0x0505_0505_0505_0505);
    ge_a & !gt_z & !w & HI
}

/// The high bit of each byte of `w` that is an ASCII digit.
#[inline]
pub(crate) fn digit_bits(w: u64) -> u64 {
    let h = w & LO7;
    let ge_0 = h.wrapping_add(0x5050_5050_5050_5050);
    let gt_9 = h.wrapping_add(0x4646_4646_4646_4646);
    ge_0 & !gt_9 & !w & HI
}

/// The high bit of each byte of `w` that is an ASCII capital.
#[inline]
pub(crate) fn upper_bits(w: u64) -> u64 {
    let h = w & LO7;
    let ge_a = h.wrapping_add(0x3f3f_3f3f_3f3f_3f3f);
    let gt_z = h.wrapping_add(0x2525_2525_2525_2525);
    ge_a & !gt_z & !w & HI
}

/// The first byte from `i` on (or `b.len()`) where `stop_bits` (a byte class as the
/// high bit of each byte) sets the bit: eight bytes at a time, then byte by byte with
/// `is_stop` over the last few.
#[inline(always)]
fn run_end(
    b: &[u8],
    mut i: usize,
    stop_bits: impl Fn(u64) -> u64,
    is_stop: impl Fn(u8) -> bool,
) -> usize {
    while let Some(c) = b.get(i..).and_then(|r| r.first_chunk::<8>()) {
        let stop = stop_bits(u64::from_le_bytes(*c));
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while b.get(i).is_some_and(|&c| !is_stop(c)) {
        i += 1;
    }
    i.min(b.len())
}

/// Where the run of ASCII letters starting at byte `i` of `b` ends.
#[inline]
pub(crate) fn letters_end(b: &[u8], i: usize) -> usize {
    run_end(b, i, |w| !letter_bits(w) & HI, |c| !c.is_ascii_alphabetic())
}

/// Where the run of ASCII letters and digits starting at byte `i` of `b` ends.
#[inline]
pub(crate) fn alnum_end(b: &[u8], i: usize) -> usize {
    run_end(
        b,
        i,
        |w| !(letter_bits(w) | digit_bits(w)) & HI,
        |c| !c.is_ascii_alphanumeric(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_classes_match_std_for_every_byte_in_every_lane() {
        for v in 0..=255u8 {
            for lane in 0..8 {
                // the byte among neighbours of every kind, so a carry would show
                for fill in [0u8, b'z', b'Z', b'9', 0x7f, 0x80, 0xff] {
                    let mut bytes = [fill; 8];
                    bytes[lane] = v;
                    let w = u64::from_le_bytes(bytes);
                    let bit = |m: u64| m >> (8 * lane + 7) & 1 == 1;
                    assert_eq!(bit(letter_bits(w)), v.is_ascii_alphabetic(), "{v:#x}");
                    assert_eq!(bit(digit_bits(w)), v.is_ascii_digit(), "{v:#x}");
                    assert_eq!(bit(upper_bits(w)), v.is_ascii_uppercase(), "{v:#x}");
                }
            }
        }
    }

    #[test]
    fn run_ends_match_a_byte_loop() {
        let mut rng = crate::test_rng::Rng(0x2d4e_6f80_91a3_b5c7);
        const ALPHABET: &[u8] = b"abcxyzABCXYZaaaeee0919 .-'@[`{/:\x80\xc3\xff";
        let end = |b: &[u8], mut i: usize, f: fn(&u8) -> bool| {
            while i < b.len() && f(&b[i]) {
                i += 1;
            }
            i
        };
        for _ in 0..20_000 {
            let n = rng.below(40);
            let b: Vec<u8> = (0..n)
                .map(|_| ALPHABET[rng.below(ALPHABET.len())])
                .collect();
            for i in 0..=n + 1 {
                let want = end(&b, i, u8::is_ascii_alphabetic).min(n);
                assert_eq!(letters_end(&b, i), want, "{b:?} at {i}");
                let want = end(&b, i, u8::is_ascii_alphanumeric).min(n);
                assert_eq!(alnum_end(&b, i), want, "{b:?} at {i}");
            }
        }
    }
}
