//! Prowler-format mutelist YAML (`--mutelist FILE`): any file is either a mutelist or an error with a
//! location, never a panic; a parsed mutelist is matched against a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    argus_core::mutelist::parse_for_fuzz(data);
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = argus_core::mutelist::Mutelist::from_yaml(text) {
            let _ = e.to_string();
        }
    }
});
