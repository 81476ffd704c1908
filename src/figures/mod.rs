//! Figures: every number in a text as a typed, normalised [`Figure`].

use crate::model::Figure;

/// Options for figure extraction.
#[derive(Debug, Clone, Default)]
pub struct FigureOptions {}

/// Finds the figures in `text`, in order, non-overlapping, with byte offsets.
pub fn extract(text: &str, opts: &FigureOptions) -> Vec<Figure> {
    let _ = (text, opts);
    Vec::new()
}
