//! Customer managed key policies do not let anyone use the key. Metadata:
//! `checks/kms/kms_key_not_publicly_accessible.toml`.
//!
//! A `*` principal pinned by a condition such as `kms:CallerAccount`, `aws:SourceAccount` or
//! `aws:PrincipalOrgID` is not public (see the policy module).

use super::{each_customer_key, judge_resource_policy, key_label, PolicyVerdict};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "kms_key_not_publicly_accessible", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_customer_key(ctx, out, |key, _, r, out| {
        let doc = match &key.policy {
            Some(Fetched::Ok(doc)) => doc,
            Some(Fetched::Err(e)) => return out.error(r, e),
            None => return out.error_message(r, "could not be evaluated: the key policy was not collected"),
        };
        match judge_resource_policy(doc, "the key policy", ctx.account_id()) {
            PolicyVerdict::Malformed(m) => out.error_message(r, m),
            PolicyVerdict::Public(m) => out.fail(r, format_args!("Key {}: {m}.", key_label(key))),
            PolicyVerdict::NotPublic(m) => out.pass(r, format_args!("Key {}: {m}.", key_label(key))),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::kms::fixtures::*;
    use crate::engine::Status;
    use crate::testing::*;

    fn with_policy(id: &str, json: &str) -> crate::snapshot::KmsKey {
        let mut k = key(id);
        k.policy = Some(Fetched::Ok(doc(json)));
        k
    }

    #[test]
    fn public_pinned_private_and_unreadable() {
        let mut s = snapshot();
        let open = r#"{"Statement":[{"Sid":"Everyone","Effect":"Allow","Principal":{"AWS":"*"},"Action":["kms:Encrypt","kms:Decrypt"],"Resource":"*"}]}"#;
        let pinned = format!(
            r#"{{"Statement":[{{"Effect":"Allow","Principal":{{"AWS":"*"}},"Action":"kms:Decrypt","Resource":"*",
            "Condition":{{"StringEquals":{{"kms:CallerAccount":"{ACCOUNT}","kms:ViaService":"s3.{REGION}.amazonaws.com"}}}}}}]}}"#
        );
        let mut unreadable = key("unreadable");
        unreadable.policy = Some(Fetched::Err(denied("kms", "GetKeyPolicy")));
        let mut uncollected = key("uncollected");
        uncollected.policy = None;
        keys(&mut s).extend([
            key("private"),
            with_policy("open", open),
            with_policy("pinned", &pinned),
            with_policy("broken", "{\"Statement\": ["),
            unreadable,
            uncollected,
            aws_managed_key("aws"),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "private"), Status::Pass);
        assert_eq!(status_of(&f, "open"), Status::Fail);
        assert_eq!(status_of(&f, "pinned"), Status::Pass);
        assert_eq!(status_of(&f, "broken"), Status::Error);
        assert_eq!(status_of(&f, "unreadable"), Status::Error);
        assert_eq!(status_of(&f, "uncollected"), Status::Error);
        assert!(f.iter().all(|x| x.resource.id != "aws"));
        let open_msg = &f.iter().find(|x| x.resource.id == "open").unwrap().message;
        assert!(open_msg.contains("statement \"Everyone\" allows anyone kms:Encrypt, kms:Decrypt"), "{open_msg}");
        let broken = &f.iter().find(|x| x.resource.id == "broken").unwrap().message;
        assert!(broken.starts_with("could not be evaluated: the key policy is malformed"), "{broken}");
    }
}
