//! The settings file's part of the model: the layout the reader starts
//! with, whether the list marks what was read, and mouse capture, with
//! `M` to toggle it while reading.

use super::{App, Effect, HeaderMode, NotesAt};
use crate::config::{Annotations, Header, Settings};

impl App {
    /// Starts the reader as the settings say.
    pub fn apply_settings(&mut self, s: &Settings) {
        let l = &s.layout;
        self.panes.list_share = l.list_width.percent();
        self.header = match l.header {
            Header::Auto => HeaderMode::Auto,
            Header::Full => HeaderMode::Full,
            Header::Compact => HeaderMode::Compact,
        };
        self.panes.notes_at = match l.annotations {
            Annotations::Auto | Annotations::Hidden => NotesAt::Auto,
            Annotations::Right => NotesAt::Right,
            Annotations::Below => NotesAt::Below,
        };
        self.show_annotations = l.annotations != Annotations::Hidden;
        self.read_marks = l.read_marks;
        self.mouse_capture = s.mouse.capture;
    }

    /// `M`: the mouse to the terminal (so it selects text), or back.
    pub fn toggle_mouse(&mut self, effects: &mut Vec<Effect>) {
        self.mouse_capture = !self.mouse_capture;
        effects.push(Effect::MouseCapture(self.mouse_capture));
        self.say(if self.mouse_capture {
            "mouse capture on: the wheel scrolls, a click selects"
        } else {
            "mouse capture off: select text with the terminal"
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ListWidth;

    fn app() -> App {
        let corpus = std::sync::Arc::new(crate::corpus::Corpus::embedded().unwrap());
        App::new(corpus, crate::keymap::Keymap::defaults())
    }

    #[test]
    fn the_defaults_change_nothing() {
        let mut a = app();
        let (panes, header) = (a.panes, a.header);
        a.apply_settings(&Settings::default());
        assert_eq!((a.panes, a.header), (panes, header));
        assert!(a.show_annotations && a.read_marks && a.mouse_capture);
    }

    #[test]
    fn each_layout_setting_reaches_the_model() {
        let mut s = Settings::default();
        s.layout.list_width = ListWidth::Percent(25);
        s.layout.header = Header::Compact;
        s.layout.annotations = Annotations::Below;
        s.layout.read_marks = false;
        s.mouse.capture = false;
        let mut a = app();
        a.apply_settings(&s);
        assert_eq!(a.panes.list_share, Some(25));
        assert_eq!(a.header, HeaderMode::Compact);
        assert_eq!(a.panes.notes_at, NotesAt::Below);
        assert!(a.show_annotations);
        assert!(!a.read_marks && !a.mouse_capture);
        s.layout.header = Header::Full;
        s.layout.annotations = Annotations::Hidden;
        a.apply_settings(&s);
        assert_eq!(a.header, HeaderMode::Full);
        assert!(!a.show_annotations);
        assert_eq!(a.panes.notes_at, NotesAt::Auto);
        s.layout.annotations = Annotations::Right;
        a.apply_settings(&s);
        assert_eq!(a.panes.notes_at, NotesAt::Right);
    }

    #[test]
    fn m_toggles_capture_and_says_so() {
        let mut a = app();
        let mut fx = Vec::new();
        a.toggle_mouse(&mut fx);
        assert!(!a.mouse_capture);
        assert_eq!(fx, vec![Effect::MouseCapture(false)]);
        assert_eq!(
            a.flash.as_deref(),
            Some("mouse capture off: select text with the terminal")
        );
        a.toggle_mouse(&mut fx);
        assert!(a.mouse_capture);
        assert_eq!(fx.last(), Some(&Effect::MouseCapture(true)));
    }
}
