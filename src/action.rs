//! Everything a key can do. `keymap.toml` names actions in snake_case; the
//! help overlay shows each one's description.

macro_rules! actions {
    ($($variant:ident = $name:literal : $desc:literal),+ $(,)?) => {
        /// One thing the user can ask the reader to do.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action { $($variant),+ }

        impl Action {
            /// Every action, in the order help lists them.
            pub const ALL: &'static [Action] = &[$(Action::$variant),+];

            /// The name `keymap.toml` uses.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name),+ }
            }

            /// One line for the help overlay.
            pub fn description(self) -> &'static str {
                match self { $(Action::$variant => $desc),+ }
            }
        }
    };
}

actions! {
    Quit = "quit": "quit shifr",
    Suspend = "suspend": "suspend shifr to the shell (fg brings it back)",
    ToggleMouse = "toggle_mouse": "mouse capture off (the terminal selects text) or on (wheel and clicks)",
    Help = "help": "show or hide this help",
    FocusNext = "focus_next": "focus the next pane",
    FocusPrev = "focus_prev": "focus the previous pane",
    Down = "down": "move down / scroll down",
    Up = "up": "move up / scroll up",
    Top = "top": "go to the first line",
    Bottom = "bottom": "go to the last line",
    HalfPageDown = "half_page_down": "move half a page down",
    HalfPageUp = "half_page_up": "move half a page up",
    PageDown = "page_down": "move a page down",
    PageUp = "page_up": "move a page up",
    Open = "open": "open the selected telegram",
    PrevTelegram = "prev_telegram": "open the previous telegram in the list",
    NextTelegram = "next_telegram": "open the next telegram in the list",
    ToggleGrouping = "toggle_grouping": "group by correspondents / flat chronological list",
    Filter = "filter": "filter the list by a person (again to clear)",
    ToggleAnnotations = "toggle_annotations": "show or hide the annotations pane",
    ToggleZoom = "toggle_zoom": "zoom the focused pane to the whole screen, and back",
    ToggleHeader = "toggle_header": "the message header in full, or in up to three lines",
    ListWider = "list_wider": "widen the list pane",
    ListNarrower = "list_narrower": "narrow the list pane",
    Cancel = "cancel": "take the passage cursor away, or clear the filter, or put the search highlights away",
    Close = "close": "close this overlay or view, back to the reader",
    Confirm = "confirm": "choose the selected entry",
    Compare = "compare": "compare the versions of this telegram side by side",
    ToggleSync = "toggle_sync": "scroll the two columns together / apart",
    SwitchSide = "switch_side": "make the other column the active one",
    SwapSides = "swap_sides": "swap the two columns",
    CycleWitnesses = "cycle_witnesses": "show the next pair of versions (three or more)",
    NextDivergent = "next_divergent": "jump to the next row where the versions diverge",
    PrevDivergent = "prev_divergent": "jump to the previous row where the versions diverge",
    NotesDown = "notes_down": "scroll the notes under the comparison down",
    NotesUp = "notes_up": "scroll the notes under the comparison up",
    Search = "search": "search the whole corpus",
    Find = "find": "find a word in the open text (the message, or both columns of the comparison)",
    SearchNext = "search_next": "go to the next hit of the last search",
    SearchPrev = "search_prev": "go to the previous hit of the last search",
    ClearInput = "clear_input": "clear what you have typed",
    AddNote = "add_note": "write a note on this telegram (or on the passage under the cursor)",
    EditNote = "edit_note": "edit the selected note of yours",
    DeleteNote = "delete_note": "delete the selected note of yours (asks first)",
    NextPassage = "next_passage": "put the cursor on the next passage (a then notes it)",
    PrevPassage = "prev_passage": "put the cursor on the previous passage",
    Save = "save": "save the note",
    CycleStance = "cycle_stance": "the note's stance in the debate: trigger, justification, other, or none",
    LineStart = "line_start": "to the start of the line",
    LineEnd = "line_end": "to the end of the line",
    WordBack = "word_back": "a word back",
    WordForward = "word_forward": "a word forward",
    DeleteWordBack = "delete_word_back": "delete the word before the cursor",
    DeleteToStart = "delete_to_start": "delete to the start of the line",
    DeleteToEnd = "delete_to_end": "delete to the end of the line",
    Yank = "yank": "copy a citation of this telegram (to the clipboard, by OSC 52)",
    YankPassage = "yank_passage": "copy the passage under the cursor: its words (quote or summary marked), its version, the citation",
    CopyShort = "copy_short": "copy the short form of the citation, for second references",
    Timeline = "timeline": "show the timeline: every telegram on its day, with the key events",
    Matrix = "matrix": "show who wrote to whom, how often, through which channel",
    Debate = "debate": "show the debate: who argues trigger, who justification, on what evidence",
    Apparatus = "apparatus": "show the paper's footnotes this telegram cites, and the sources",
    ToggleSources = "toggle_sources": "the bibliography, or the footnotes",
    AllFootnotes = "all_footnotes": "every footnote of the paper, or this telegram's",
    Left = "left": "move left (a day, or a column)",
    Right = "right": "move right (a day, or a column)",
    WeekBack = "week_back": "move a week back",
    WeekForward = "week_forward": "move a week forward",
    ZoomIn = "zoom_in": "zoom in (more room per day)",
    ZoomOut = "zoom_out": "zoom out (more days on screen)",
    JumpBack = "jump_back": "back to where you were before the last jump (the scroll too)",
    JumpForward = "jump_forward": "forward again, after jumping back",
    ToggleBookmark = "bookmark": "bookmark this telegram (or the passage under the cursor); again to remove",
    Bookmarks = "bookmarks": "list your bookmarks",
    RemoveBookmark = "remove_bookmark": "remove the selected bookmark",
    Yes = "yes": "yes",
    No = "no": "no",
}

impl Action {
    /// The action a keymap name stands for.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(*a));
            assert!(seen.insert(a.name()), "duplicate name {}", a.name());
            assert!(!a.description().is_empty());
        }
        assert_eq!(Action::from_name("nonsense"), None);
    }
}
