//! The corpus leaving shifr: JSON for scripts (and, in later modules,
//! citations, CMIF, a Markdown dossier and screenshots). Every export is
//! deterministic: the same corpus gives the same bytes.

pub mod cite;
pub mod json;
pub mod svg;
