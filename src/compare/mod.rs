//! Comparing divergent versions (witnesses) of one telegram: alignment by
//! align key, word diffs of same-language quotes, and the comparison as
//! plain text or JSON for `shifr compare`.

pub mod align;
pub mod diff;
pub mod export;

pub use align::{Row, RowRelation, align, pairs};
