//! The random stream of the randomized tests: xorshift64*, fixed seeds, no dependency,
//! the same sequence on every machine so that a failing case replays.

/// xorshift64* over a non-zero state.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    /// The next 64 random bits.
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One of `xs` (not empty).
    pub(crate) fn pick<'x>(&mut self, xs: &[&'x str]) -> &'x str {
        xs[self.below(xs.len())]
    }

    /// `n` pieces drawn from `pieces`, concatenated.
    pub(crate) fn text(&mut self, pieces: &[&str], n: usize) -> String {
        (0..n).map(|_| self.pick(pieces)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Rng;

    #[test]
    fn stream_is_fixed_and_spread() {
        let (mut a, mut b) = (Rng(42), Rng(42));
        let xs: Vec<u64> = (0..100).map(|_| a.next()).collect();
        assert!(xs.iter().all(|&x| x == b.next()));
        let mut seen = [0usize; 7];
        for _ in 0..7000 {
            seen[a.below(7)] += 1;
        }
        assert!(seen.iter().all(|&k| (800..1200).contains(&k)), "{seen:?}");
        let t = a.text(&["ab", "c"], 5);
        assert!((5..=10).contains(&t.len()) && t.chars().all(|c| "abc".contains(c)));
    }
}
