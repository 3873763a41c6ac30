//! The parts of a record a search term can be narrowed to, shared by the
//! query parser, the tokenizer and the index.

/// The parts of a record a term can be narrowed to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldKind {
    Title,
    From,
    To,
    Via,
    Date,
    Archive,
    Meta,
    Passage,
    Note,
    NoteBy,
    /// The reader's own note.
    MyNote,
}

impl FieldKind {
    /// A short field: a match there outranks a body match of equal score.
    pub fn is_short(self) -> bool {
        !matches!(
            self,
            FieldKind::Passage | FieldKind::Note | FieldKind::MyNote
        )
    }

    pub fn bit(self) -> u16 {
        1 << self as u16
    }

    /// What a result row calls the field its match is in.
    pub fn label(self) -> &'static str {
        match self {
            FieldKind::Title => "title",
            FieldKind::From => "from",
            FieldKind::To => "to",
            FieldKind::Via => "via",
            FieldKind::Date => "date",
            FieldKind::Archive => "archive",
            FieldKind::Meta => "kind",
            FieldKind::Passage => "text",
            FieldKind::Note => "note",
            FieldKind::NoteBy => "note by",
            FieldKind::MyNote => "your note",
        }
    }
}
