//! No launch template's `$Latest` or `$Default` version has user data holding a secret. Metadata:
//! `checks/ec2/ec2_launch_template_no_secrets.toml`.
//!
//! One finding per template, judged from the facts the collector kept of each version's user data
//! (`argus_core::user_data`): a secret-looking item in either version FAILs; a version whose user data
//! could not be scanned in full, with no secret found, is an ERROR. Older versions are not read: the
//! latest and default versions are the ones instances launch from.

use super::launch_templates::{each_template, version_label, versions_read};
use crate::checks::secret_findings::{SecretFilter, UserDataVerdict};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "ec2_launch_template_no_secrets", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let filter = SecretFilter::new(ctx.config);
    each_template(ctx, out, |versions, _, r, out| {
        let name = &versions[0].name;
        let (mut leaks, mut unscanned, mut ignored) = (Vec::new(), Vec::new(), 0);
        for v in versions {
            let Some(facts) = &v.user_data else { continue };
            let verdict = UserDataVerdict::of(&filter, facts);
            ignored += verdict.ignored;
            if !verdict.secrets.is_empty() {
                leaks.push(format!("{}: {}", version_label(v), verdict.listed()));
            } else if let Some(reason) = &verdict.unscanned {
                unscanned.push(format!("{}: {reason}", version_label(v)));
            }
        }
        if !leaks.is_empty() {
            out.fail(r, format_args!("Launch template {name} has secret-looking user data in {}.", leaks.join("; ")));
        } else if !unscanned.is_empty() {
            out.error_message(
                r,
                format_args!(
                    "The user data of launch template {name} could not be scanned in full ({}); review it by hand.",
                    unscanned.join("; ")
                ),
            );
        } else {
            let note = match ignored {
                0 => String::new(),
                n => format!(
                    " ({n} secret-looking item(s) ignored by the config's secrets_ignore_names/secrets_ignore_values)"
                ),
            };
            out.pass(
                r,
                format_args!(
                    "No user data of launch template {name} looks like it holds a secret ({}){note}.",
                    versions_read(versions)
                ),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::secret_findings::user_data_with;
    use crate::engine::Status;
    use crate::testing::*;

    fn version(
        id: &str,
        number: i64,
        is_default: bool,
        user_data: Option<crate::snapshot::UserDataFacts>,
    ) -> crate::snapshot::LaunchTemplateVersion {
        crate::snapshot::LaunchTemplateVersion {
            user_data,
            ..super::super::launch_templates::template_version(id, number, is_default)
        }
    }

    #[test]
    fn a_secret_in_the_latest_or_default_version_fails_the_template() {
        let mut s = snapshot();
        list(&mut ec2(&mut s).launch_templates).extend([
            version("lt-leaky", 1, true, Some(user_data_with(&[]))),
            version(
                "lt-leaky",
                2,
                false,
                Some(user_data_with(&[(2, "AWS_ACCESS_KEY_ID", "aws-access-key-id", "AKIA****")])),
            ),
            version("lt-clean", 4, true, Some(user_data_with(&[]))),
            version("lt-bare", 1, true, None),
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(f.len(), 3);
        assert_eq!(status_of(&f, "lt-leaky"), Status::Fail);
        assert_eq!(status_of(&f, "lt-clean"), Status::Pass);
        assert_eq!(status_of(&f, "lt-bare"), Status::Pass);
        let leaky = f.iter().find(|x| x.resource.id == "lt-leaky").unwrap();
        assert_eq!(
            leaky.message.as_str(),
            "Launch template lt-leaky-name has secret-looking user data in version 2: \
             line 2: AWS_ACCESS_KEY_ID (aws-access-key-id, preview \"AKIA****\")."
        );
        assert_eq!(leaky.resource.name.as_str(), "lt-leaky-name");
    }

    #[test]
    fn unscanned_user_data_is_an_error_and_a_failed_listing_errors_the_region() {
        let mut s = snapshot();
        let mut bad = user_data_with(&[]);
        bad.unscanned = Some("it is not valid base64 (Invalid symbol 33, offset 3.)".into());
        list(&mut ec2(&mut s).launch_templates).push(version("lt-bad", 1, true, Some(bad)));
        let f = run_check(CHECK, &s);
        assert_eq!(f[0].status, Status::Error);
        assert!(f[0].message.contains("version 1 (default): it is not valid base64"), "{}", f[0].message);
        ec2(&mut s).launch_templates = crate::snapshot::Fetched::Err(denied("ec2", "DescribeLaunchTemplateVersions"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
