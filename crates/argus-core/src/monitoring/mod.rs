//! CloudWatch Logs metric filters judged against the CloudTrail events a monitoring control names.

mod controls;
pub mod pattern;

pub use controls::{Control, RequiredEvent};
pub use pattern::{Pattern, PatternError};

/// How much of a control's event list a filter pattern matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coverage {
    Complete,
    /// The first event (in the control's order) the pattern does not match, and how many it matches.
    Missed {
        label: String,
        matched: usize,
        of: usize,
    },
}

/// Evaluates `pattern` on every required event.
pub fn coverage(pattern: &Pattern, events: &[RequiredEvent]) -> Coverage {
    let mut first_missed = None;
    let mut matched = 0;
    for e in events {
        if pattern.matches(&e.event, &e.text) {
            matched += 1;
        } else if first_missed.is_none() {
            first_missed = Some(e.label.clone());
        }
    }
    match first_missed {
        None => Coverage::Complete,
        Some(label) => Coverage::Missed { label, matched, of: events.len() },
    }
}
