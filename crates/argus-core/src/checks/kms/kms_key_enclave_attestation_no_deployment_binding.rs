//! Enclave key statements that require attestation also bind where the image runs (PCR3, PCR4,
//! PCR8 or a pinned account). Metadata: `checks/kms/kms_key_enclave_attestation_no_deployment_binding.toml`.

use super::enclave::{attestation_keys, binds_deployment, each_enclave_key, label, sensitive_allows};
use super::key_label;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "kms_key_enclave_attestation_no_deployment_binding", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_enclave_key(ctx, out, |key, policy, r, out| {
        let attested: Vec<_> = sensitive_allows(policy).filter(|(_, st)| !attestation_keys(st).is_empty()).collect();
        // Without an attestation-bound statement there is no binding to judge:
        // kms_key_enclave_attestation_not_enforced reports such a key.
        if attested.is_empty() {
            return;
        }
        let unbound: Vec<String> =
            attested.iter().filter(|(_, st)| !binds_deployment(st)).map(|(i, st)| label(*i, st)).collect();
        if unbound.is_empty() {
            out.pass(
                r,
                format_args!(
                    "Enclave key {} binds every attestation-bound statement to a deployment (PCR3, PCR4, PCR8 or an account condition).",
                    key_label(key)
                ),
            );
        } else {
            out.fail(
                r,
                format_args!(
                    "Enclave key {} requires attestation but does not bind a deployment in {}: PCR0, PCR1 and PCR2 identify the image, which runs the same in any account or instance; add PCR3 (parent role), PCR4 (parent instance), PCR8 (signing certificate) or an account condition.",
                    key_label(key),
                    unbound.join(", ")
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

    fn enclave_key(id: &str, condition: &str) -> crate::snapshot::KmsKey {
        let mut k = key(id);
        k.policy = Some(Fetched::Ok(doc(&format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{ACCOUNT}:role/parent"}},"Action":"kms:Decrypt","Resource":"*","Condition":{condition}}}]}}"#
        ))));
        k
    }

    #[test]
    fn image_only_attestation_fails_deployment_bound_passes() {
        let image_only = format!(r#"{{"StringEquals":{{"kms:RecipientAttestation:PCR0":"{PCR}"}}}}"#);
        let with_role = format!(
            r#"{{"StringEquals":{{"kms:RecipientAttestation:PCR0":"{PCR}","kms:RecipientAttestation:PCR3":"{PCR}"}}}}"#
        );
        let mut unreadable = key("unreadable");
        unreadable.policy = Some(Fetched::Err(denied("kms", "GetKeyPolicy")));
        let mut unattested = key("unattested");
        unattested.aliases = vec!["alias/enclave-unattested".into()];
        let mut s = snapshot();
        keys(&mut s).extend([
            enclave_key("image-only", &image_only),
            enclave_key("bound", &with_role),
            unattested,
            unreadable,
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "image-only"), Status::Fail);
        assert!(finding_message(&f, "image-only").contains("Statement[0]"));
        assert_eq!(status_of(&f, "bound"), Status::Pass);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
        assert_eq!(f.len(), 3, "a key with no attestation-bound statement is left to attestation_not_enforced");
    }
}
