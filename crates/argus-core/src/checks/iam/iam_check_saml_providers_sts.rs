//! The account federates access through a SAML identity provider.
//! Metadata: `checks/iam/iam_check_saml_providers_sts.toml`.

use crate::engine::{Check, CheckContext, Findings, Resource, GLOBAL_REGION};
use crate::snapshot::{Fetched, Tags};

pub const CHECK: Check = Check { id: "iam_check_saml_providers_sts", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let Some(iam) = &ctx.snapshot.iam else { return };
    let providers = match &iam.saml_providers {
        Fetched::Ok(p) => p,
        Fetched::Err(e) => return out.error(ctx.account_resource(), e),
    };
    if providers.is_empty() {
        return out.fail(
            ctx.account_resource(),
            format_args!("The account has no SAML identity provider (ListSAMLProviders is empty)."),
        );
    }
    for provider in providers {
        let name = &provider.name;
        let r = Resource::identified_by_name(name, &provider.arn, GLOBAL_REGION, &Tags::new());
        out.pass(r, format_args!("SAML identity provider {name} is configured."));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::{IamSnapshot, SamlProvider};
    use crate::testing::*;

    fn provider(name: &str) -> SamlProvider {
        SamlProvider {
            name: name.into(),
            arn: format!("arn:aws:iam::{ACCOUNT}:saml-provider/{name}"),
            valid_until: Some(days_ago(-365)),
            create_date: Some(days_ago(30)),
        }
    }

    #[test]
    fn each_provider_passes() {
        let mut s = snapshot();
        list(&mut iam(&mut s).saml_providers).extend([provider("okta"), provider("entra")]);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![("entra".to_string(), Status::Pass), ("okta".to_string(), Status::Pass)]);
        assert_eq!(&*f[1].resource.arn, format!("arn:aws:iam::{ACCOUNT}:saml-provider/okta"));
    }

    #[test]
    fn no_provider_fails_on_the_account() {
        let f = run_check(CHECK, &snapshot());
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Fail)]);
    }

    #[test]
    fn an_unread_list_is_an_account_error() {
        let mut s = snapshot();
        iam(&mut s).saml_providers = Fetched::Err(denied("iam", "ListSAMLProviders"));
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(ACCOUNT.to_string(), Status::Error)]);
        assert!(f[0].message.contains("iam:ListSAMLProviders"), "{}", f[0].message);
    }

    #[test]
    fn snapshots_from_before_the_saml_providers_load_with_them_not_collected() {
        let mut value = serde_json::to_value(snapshot().iam.expect("fixture has IAM")).unwrap();
        value.as_object_mut().unwrap().remove("saml_providers").expect("the field is serialised");
        let older: IamSnapshot = serde_json::from_value(value).unwrap();
        let e = older.saml_providers.err().expect("not collected");
        assert_eq!((e.operation.as_str(), e.code.as_str()), ("ListSAMLProviders", "NotCollected"));
    }
}
