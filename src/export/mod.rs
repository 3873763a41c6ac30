//! The corpus leaving shifr: JSON for scripts (json), citations (cite),
//! TEI in the Correspondence Metadata Interchange Format (cmif), a Markdown
//! dossier (dossier), and screens as SVG and text (svg). Every export is
//! deterministic: the same corpus gives the same bytes.

pub mod cite;
pub mod cmif;
pub mod dossier;
pub mod json;
pub mod svg;
