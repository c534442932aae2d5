//! Enclave keys require a kms:RecipientAttestation condition on every Allow of a sensitive action.
//! Metadata: `checks/kms/kms_key_enclave_attestation_not_enforced.toml`.

use super::enclave::{attestation_keys, each_enclave_key, label, sensitive_allows, sensitive_granted};
use super::key_label;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "kms_key_enclave_attestation_not_enforced", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_enclave_key(ctx, out, |key, policy, r, out| {
        let unbound: Vec<String> = sensitive_allows(policy)
            .filter(|(_, st)| attestation_keys(st).is_empty())
            .map(|(i, st)| format!("{} ({})", label(i, st), sensitive_granted(st).join(", ")))
            .collect();
        if unbound.is_empty() {
            out.pass(
                r,
                format_args!(
                    "Enclave key {} requires attestation on every Allow of a sensitive action.",
                    key_label(key)
                ),
            );
        } else {
            out.fail(
                r,
                format_args!(
                    "Enclave key {} allows sensitive actions without a kms:RecipientAttestation condition in {}.",
                    key_label(key),
                    unbound.join("; ")
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
        k.policy = Some(Fetched::Ok(doc(&format!(r#"{{"Version":"2012-10-17","Statement":[{statements}]}}"#))));
        k
    }

    #[test]
    fn unattested_sensitive_allows_fail_attested_ones_pass_other_keys_are_not_judged() {
        let attested = format!(
            r#"{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{ACCOUNT}:role/parent"}},"Action":"kms:Decrypt","Resource":"*","Condition":{{"StringEqualsIgnoreCase":{{"kms:RecipientAttestation:ImageSha384":"{PCR}"}}}}}}"#
        );
        let admin = format!(
            r#"{{"Sid":"Admin","Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}},"Action":"kms:*","Resource":"*"}}"#
        );
        let manage = format!(
            r#"{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}},"Action":["kms:Describe*","kms:Put*"],"Resource":"*"}}"#
        );
        let mut named = key("named");
        named.aliases = vec!["alias/payments-enclave".into()];
        let mut disabled = enclave_key("disabled", &admin);
        disabled.aliases = vec!["alias/enclave-old".into()];
        meta(&mut disabled).state = "Disabled".into();
        let mut s = snapshot();
        keys(&mut s).extend([
            enclave_key("strict", &format!("{attested},{manage}")),
            enclave_key("bypass", &format!("{attested},{admin}")),
            named,
            disabled,
            key("plain"),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "strict"), Status::Pass, "{f:#?}");
        assert_eq!(status_of(&f, "bypass"), Status::Fail);
        assert!(finding_message(&f, "bypass").contains("Statement[1] (Sid \"Admin\") (kms:Decrypt"), "{f:#?}");
        assert_eq!(status_of(&f, "named"), Status::Fail, "named an enclave key by its alias");
        assert_eq!(f.len(), 3, "disabled and non-enclave keys are not judged: {f:#?}");
    }

    #[test]
    fn an_unreadable_or_malformed_policy_is_an_error() {
        let mut unreadable = key("unreadable");
        unreadable.policy = Some(Fetched::Err(denied("kms", "GetKeyPolicy")));
        let mut broken = key("broken");
        broken.policy = Some(Fetched::Ok(doc("{")));
        let mut s = snapshot();
        keys(&mut s).extend([unreadable, broken]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
        assert_eq!(status_of(&f, "broken"), Status::Error);
    }
}
