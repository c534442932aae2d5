//! The IAM credential report CSV (GetCredentialReport's body): malformed content is an error naming
//! the line and column, never a panic.
#![no_main]

use argus_core::snapshot::credential_report;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(rows) = credential_report::parse(data) {
        // Whatever parsed must serialise (it goes into the snapshot).
        let _ = serde_json::to_string(&rows).expect("parsed rows serialise");
    }
});
