//! Periods of trade observations: shapes, year resolution, labels and day ranges.
//!
//! A period is parsed from words (see [`super::words`]) into a [`Spec`] whose year may
//! be missing ("in September", "the first quarter"); [`Spec::resolve`] fills the year
//! from the sentence, the running context or the post's date, and [`Period`] renders
//! the DESIGN labels: `2022-09`, `2022-Q1`, `2017-H1`, `2014`, `2017-01..2017-06`.

use crate::model::Date;
use chrono::Datelike;

/// The shape of a period, independent of its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One month (1..=12).
    Month(u32),
    /// A run of months inside one year, as written ("January–June", "first five months").
    Months(u32, u32),
    /// A quarter (1..=4).
    Quarter(u32),
    /// A half year (1..=2).
    Half(u32),
    /// A calendar year.
    Year,
}

impl Shape {
    /// First month the shape covers.
    pub fn first_month(self) -> u32 {
        match self {
            Shape::Month(m) | Shape::Months(m, _) => m,
            Shape::Quarter(q) => 3 * q - 2,
            Shape::Half(h) => 6 * h - 5,
            Shape::Year => 1,
        }
    }

    /// Last month the shape covers.
    pub fn last_month(self) -> u32 {
        match self {
            Shape::Month(m) | Shape::Months(_, m) => m,
            Shape::Quarter(q) => 3 * q,
            Shape::Half(h) => 6 * h,
            Shape::Year => 12,
        }
    }
}

/// A resolved period: a shape in a given year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// Shape of the period.
    pub shape: Shape,
    /// Calendar year.
    pub year: i32,
}

impl Period {
    /// The DESIGN label (`2022-09`, `2022-Q1`, `2017-H1`, `2014`, `2017-01..2017-06`).
    pub fn label(&self) -> String {
        let y = self.year;
        let (four, two, one) = (|n: u32| n < 10_000, |n: u32| n < 100, |n: u32| n < 10);
        let fits = u32::try_from(y).is_ok_and(four)
            && match self.shape {
                Shape::Month(m) => two(m),
                Shape::Months(a, b) => two(a) && two(b),
                Shape::Quarter(n) | Shape::Half(n) => one(n),
                Shape::Year => true,
            };
        if !fits {
            return self.label_formatted();
        }
        // (The digits written by hand: `format!` cost more than the rest of a row.)
        let y = y.unsigned_abs();
        let mut out = String::with_capacity(16);
        let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
        let year = |out: &mut String| {
            for d in [1000, 100, 10, 1] {
                out.push(digit(y / d));
            }
        };
        let month = |out: &mut String, m: u32| {
            out.push('-');
            out.push(digit(m / 10));
            out.push(digit(m));
        };
        year(&mut out);
        match self.shape {
            Shape::Month(m) => month(&mut out, m),
            Shape::Months(a, b) if a == b => month(&mut out, a),
            Shape::Months(a, b) => {
                month(&mut out, a);
                out.push_str("..");
                year(&mut out);
                month(&mut out, b);
            }
            Shape::Quarter(q) => {
                out.push_str("-Q");
                out.push(digit(q));
            }
            Shape::Half(h) => {
                out.push_str("-H");
                out.push(digit(h));
            }
            Shape::Year => {}
        }
        out
    }

    /// [`Period::label`] through `format!`, for any year and numbers.
    fn label_formatted(&self) -> String {
        let y = self.year;
        match self.shape {
            Shape::Month(m) => format!("{y:04}-{m:02}"),
            Shape::Months(a, b) if a == b => format!("{y:04}-{a:02}"),
            Shape::Months(a, b) => format!("{y:04}-{a:02}..{y:04}-{b:02}"),
            Shape::Quarter(q) => format!("{y:04}-Q{q}"),
            Shape::Half(h) => format!("{y:04}-H{h}"),
            Shape::Year => format!("{y:04}"),
        }
    }

    /// First day of the period.
    pub fn first(&self) -> Option<Date> {
        Date::from_ymd_opt(self.year, self.shape.first_month(), 1)
    }

    /// Last day of the period.
    pub fn last(&self) -> Option<Date> {
        let m = self.shape.last_month();
        let (ny, nm) = if m == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, m + 1)
        };
        Date::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt())
    }

    /// The same period `years` years later (negative: earlier).
    pub fn shift_years(&self, years: i32) -> Period {
        Period {
            shape: self.shape,
            year: self.year + years,
        }
    }

    /// The previous month, when this period is one month.
    pub fn previous_month(&self) -> Option<Period> {
        match self.shape {
            Shape::Month(1) => Some(Period {
                shape: Shape::Month(12),
                year: self.year - 1,
            }),
            Shape::Month(m) => Some(Period {
                shape: Shape::Month(m - 1),
                year: self.year,
            }),
            _ => None,
        }
    }
}

/// How the year of a period expression is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSpec {
    /// Written out ("2017").
    Given(i32),
    /// "this year": the post's year.
    This,
    /// "last year": the year before the post's.
    Last,
    /// "of the year", "that year": the year of the running context.
    Context,
    /// Not said.
    Missing,
}

/// A period expression as written, before its year is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spec {
    /// A shape with a (maybe missing) year.
    Abs(Shape, YearSpec),
    /// "a year earlier", "the previous year": the reference period one year back.
    YearBack,
    /// "the previous month", "a month earlier": the reference month one month back.
    MonthBack,
    /// "the same period", "that month", "the month": the reference period itself.
    Same,
    /// "the same period of 2016" / "the same period last year": the reference shape in another year.
    SameIn(YearSpec),
    /// "last month" (-1), "this month" (0): a month counted from the post's date.
    PostMonth(i32),
}

/// What a period expression is resolved against.
#[derive(Debug, Clone, Copy, Default)]
pub struct Anchor {
    /// The post's publication date.
    pub published: Option<Date>,
    /// A year written earlier in the same sentence.
    pub sentence_year: Option<i32>,
    /// The period of the running context (previous statements).
    pub context: Option<Period>,
    /// The period the expression is compared with (previous figure of the sentence), if any.
    pub reference: Option<Period>,
}

impl Spec {
    /// Resolves the expression to a period, or `None` when nothing gives the year.
    pub fn resolve(&self, a: &Anchor) -> Option<Period> {
        let reference = a.reference.or(a.context);
        match *self {
            Spec::Abs(shape, ys) => {
                let year = resolve_year(shape, ys, a)?;
                Some(Period { shape, year })
            }
            Spec::YearBack => reference.map(|p| p.shift_years(-1)),
            Spec::MonthBack => reference.and_then(|p| p.previous_month()),
            Spec::Same => reference,
            Spec::PostMonth(back) => {
                let d = a.published?;
                let idx = d.year() * 12 + d.month0() as i32 + back;
                Some(Period {
                    shape: Shape::Month(idx.rem_euclid(12) as u32 + 1),
                    year: idx.div_euclid(12),
                })
            }
            Spec::SameIn(ys) => {
                let r = reference?;
                let year = resolve_year(r.shape, ys, a)?;
                Some(Period {
                    shape: r.shape,
                    year,
                })
            }
        }
    }

    /// True for expressions that only make sense relative to another period.
    pub fn is_relative(&self) -> bool {
        !matches!(self, Spec::Abs(..) | Spec::PostMonth(_))
    }
}

fn resolve_year(shape: Shape, ys: YearSpec, a: &Anchor) -> Option<i32> {
    let post_year = a.published.map(|d| d.year());
    match ys {
        YearSpec::Given(y) => Some(y),
        YearSpec::This => post_year.or(a.context.map(|p| p.year)),
        YearSpec::Last => post_year.map(|y| y - 1),
        YearSpec::Context => a.context.map(|p| p.year).or(a.sentence_year).or(post_year),
        YearSpec::Missing => {
            if let Some(y) = a.sentence_year {
                return Some(y);
            }
            // The latest such period that has begun by the post's date.
            let by_post = a.published.map(|d| {
                if shape.first_month() <= d.month() {
                    d.year()
                } else {
                    d.year() - 1
                }
            });
            let by_context = a.context.map(|p| p.year);
            match (by_post, by_context) {
                (Some(p), Some(c)) => Some(p.min(c)),
                (p, c) => p.or(c),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn labels_match_the_formatted_ones() {
        let mut rng = crate::test_rng::Rng(0xd1b5_4a32_d192_ed03);
        for _ in 0..20000 {
            let mut n = || rng.below(14) as u32;
            let shape = match n() % 5 {
                0 => Shape::Month(n()),
                1 => Shape::Months(n(), n()),
                2 => Shape::Quarter(n()),
                3 => Shape::Half(n()),
                _ => Shape::Year,
            };
            let year = match rng.below(6) {
                0 => rng.below(30_000) as i32 - 15_000,
                1 => rng.below(200) as i32 - 100,
                _ => 1900 + rng.below(200) as i32,
            };
            let p = Period { shape, year };
            assert_eq!(p.label(), p.label_formatted(), "{p:?}");
        }
    }

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn labels_and_days() {
        let p = Period {
            shape: Shape::Months(1, 6),
            year: 2017,
        };
        assert_eq!(p.label(), "2017-01..2017-06");
        assert_eq!(p.last(), Some(d(2017, 6, 30)));
        let q = Period {
            shape: Shape::Quarter(4),
            year: 2022,
        };
        assert_eq!(q.label(), "2022-Q4");
        assert_eq!(q.first(), Some(d(2022, 10, 1)));
        assert_eq!(q.last(), Some(d(2022, 12, 31)));
        let m = Period {
            shape: Shape::Month(2),
            year: 2020,
        };
        assert_eq!(m.last(), Some(d(2020, 2, 29)));
        assert_eq!(
            Period {
                shape: Shape::Half(1),
                year: 2017
            }
            .label(),
            "2017-H1"
        );
    }

    #[test]
    fn month_without_year_takes_the_latest_before_the_post() {
        let a = Anchor {
            published: Some(d(2022, 10, 25)),
            ..Anchor::default()
        };
        let sep = Spec::Abs(Shape::Month(9), YearSpec::Missing).resolve(&a);
        assert_eq!(sep.map(|p| p.label()), Some("2022-09".to_string()));
        let dec = Spec::Abs(Shape::Month(12), YearSpec::Missing).resolve(&a);
        assert_eq!(dec.map(|p| p.label()), Some("2021-12".to_string()));
    }

    #[test]
    fn last_month_counts_from_the_post() {
        let a = Anchor {
            published: Some(d(2018, 1, 10)),
            ..Anchor::default()
        };
        assert_eq!(
            Spec::PostMonth(-1).resolve(&a).map(|p| p.label()),
            Some("2017-12".into())
        );
    }

    #[test]
    fn relative_periods_follow_the_reference() {
        let a = Anchor {
            published: Some(d(2013, 6, 17)),
            reference: Some(Period {
                shape: Shape::Month(4),
                year: 2013,
            }),
            ..Anchor::default()
        };
        assert_eq!(
            Spec::YearBack.resolve(&a).map(|p| p.label()),
            Some("2012-04".into())
        );
        assert_eq!(
            Spec::MonthBack.resolve(&a).map(|p| p.label()),
            Some("2013-03".into())
        );
    }
}
