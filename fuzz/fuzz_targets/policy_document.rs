//! Policy documents as argus receives them from AWS: plain JSON (resource policies) and IAM's
//! percent-encoded JSON (identity and trust policies). Parsing, and analysing whatever parses, must
//! never panic.
#![no_main]

use argus_core::policy::{
    analyse_resource_policy, denies_insecure_transport, detect_escalation, is_admin_statement, s3_public_actions,
    trust_allows_any_principal, trust_cross_account_without_external_id,
    trust_service_without_confused_deputy_protection, PermissionSet, Policy,
};
use argus_core::snapshot::PolicyDocument;
use libfuzzer_sys::fuzz_target;

const OWNER: &str = "123456789012";

fn exercise(policy: &Policy) {
    for statement in policy.statements.iter() {
        let _ = is_admin_statement(statement);
    }
    let _ = analyse_resource_policy(policy, OWNER);
    let _ = s3_public_actions(policy);
    let _ = denies_insecure_transport(policy);
    let _ = trust_allows_any_principal(policy);
    let _ = trust_cross_account_without_external_id(policy, OWNER);
    let _ = trust_service_without_confused_deputy_protection(policy);
    let permissions = PermissionSet::from_policy(policy);
    let _ = permissions.is_allowed("iam:PassRole", "arn:aws:iam::123456789012:role/x");
    let _ = permissions.has_full_admin();
    let _ = detect_escalation(&permissions);
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(policy) = Policy::parse_str(&text) {
        exercise(&policy);
    }
    if let Ok(policy) = Policy::parse_iam_encoded(&text) {
        exercise(&policy);
    }
    // What the collector stores: either valid JSON (as compact text), or the text and the parse error.
    let doc = PolicyDocument::from_iam_encoded(&text);
    assert!(doc.json.is_some() != doc.parse_error.is_some(), "exactly one of json / parse_error");
    if let Some(json) = &doc.json {
        if let Ok(policy) = Policy::parse_str(json.as_str()) {
            exercise(&policy);
        }
    }
    let _ = PolicyDocument::from_json_text(&text);
});
