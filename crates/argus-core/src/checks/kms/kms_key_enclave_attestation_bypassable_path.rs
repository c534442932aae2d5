//! Enclave keys have no Allow of a sensitive action that skips attestation without a Deny closing
//! the gap. Metadata: `checks/kms/kms_key_enclave_attestation_bypassable_path.toml`.

use super::enclave::{attestation_keys, covered_by_deny, each_enclave_key, label, sensitive_allows, sensitive_granted};
use super::key_label;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "kms_key_enclave_attestation_bypassable_path", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_enclave_key(ctx, out, |key, policy, r, out| {
        let bypasses: Vec<String> = sensitive_allows(policy)
            .filter(|(_, st)| attestation_keys(st).is_empty() && !covered_by_deny(policy, &sensitive_granted(st)))
            .map(|(i, st)| format!("{} ({})", label(i, st), sensitive_granted(st).join(", ")))
            .collect();
        if bypasses.is_empty() {
            out.pass(
                r,
                format_args!(
                    "Enclave key {} has no path around attestation: every Allow of a sensitive action requires it or a Deny does.",
                    key_label(key)
                ),
            );
        } else {
            out.fail(
                r,
                format_args!(
                    "Enclave key {} can be used without attestation through {}: no kms:RecipientAttestation condition and no Deny that requires one.",
                    key_label(key),
                    bypasses.join("; ")
                ),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::enclave::tests::PCR;
    use super::*;
    use crate::checks::kms::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Fetched;
    use crate::testing::*;

    fn enclave_key(id: &str, statements: &str) -> crate::snapshot::KmsKey {
        let mut k = key(id);
        k.aliases = vec![format!("alias/enclave-{id}")];
        k.policy = Some(Fetched::Ok(doc(&format!(r#"{{"Version":"2012-10-17","Statement":[{statements}]}}"#))));
        k
    }

    #[test]
    fn a_deny_requiring_attestation_closes_the_path() {
        let admin = format!(
            r#"{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}},"Action":"kms:*","Resource":"*"}}"#
        );
        let attested = format!(
            r#"{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{ACCOUNT}:role/parent"}},"Action":"kms:Decrypt","Resource":"*","Condition":{{"StringEquals":{{"kms:RecipientAttestation:PCR0":"{PCR}"}}}}}}"#
        );
        let deny_null = r#"{"Effect":"Deny","Principal":"*","Action":["kms:Decrypt","kms:GenerateDataKey*","kms:DeriveSharedSecret","kms:GenerateRandom"],"Resource":"*","Condition":{"Null":{"kms:RecipientAttestation:PCR0":"true"}}}"#;
        let deny_decrypt_only = r#"{"Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*","Condition":{"Null":{"kms:RecipientAttestation:PCR0":"true"}}}"#;
        let deny_if_exists = format!(
            r#"{{"Effect":"Deny","Principal":{{"AWS":"*"}},"NotAction":"kms:Describe*","Resource":"*","Condition":{{"StringNotEqualsIfExists":{{"kms:RecipientAttestation:PCR0":"{PCR}"}}}}}}"#
        );
        let mut unreadable = enclave_key("unreadable", &admin);
        unreadable.policy = Some(Fetched::Err(denied("kms", "GetKeyPolicy")));
        let mut s = snapshot();
        keys(&mut s).extend([
            enclave_key("attested", &attested),
            enclave_key("open", &format!("{admin},{attested}")),
            enclave_key("denied", &format!("{admin},{deny_null}")),
            enclave_key("half-denied", &format!("{admin},{deny_decrypt_only}")),
            enclave_key("denied-if-exists", &format!("{admin},{deny_if_exists}")),
            unreadable,
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "attested"), Status::Pass);
        assert_eq!(status_of(&f, "open"), Status::Fail);
        assert!(finding_message(&f, "open").contains("Statement[0] (kms:Decrypt"), "{f:#?}");
        assert_eq!(status_of(&f, "denied"), Status::Pass, "{f:#?}");
        assert_eq!(status_of(&f, "half-denied"), Status::Fail);
        assert_eq!(status_of(&f, "denied-if-exists"), Status::Pass, "{f:#?}");
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
    }
}
