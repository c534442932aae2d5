//! CloudWatch Logs metric filter patterns as users write them (untrusted text from the account):
//! parsing and evaluating against every monitoring control's events must never panic or overflow.
#![no_main]

use argus_core::monitoring::{coverage, Control, Pattern};
use libfuzzer_sys::fuzz_target;

const CONTROLS: [Control; 3] = [Control::UnauthorizedApiCalls, Control::RootUsage, Control::OrganizationsChanges];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(pattern) = Pattern::parse(&text) {
        for control in CONTROLS {
            let _ = coverage(&pattern, &control.required_events());
        }
    }
});
