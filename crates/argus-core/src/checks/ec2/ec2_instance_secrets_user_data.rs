//! No instance's user data holds a secret. Metadata: `checks/ec2/ec2_instance_secrets_user_data.toml`.
//!
//! Judged from the facts the collector kept of each instance's user data (`argus_core::user_data`):
//! a secret-looking item FAILs; user data that could not be scanned in full (not base64, beyond the
//! scan bound, corrupt gzip) without a secret in what was read is an ERROR, never a PASS. Messages
//! name the line, the variable or format, the detectors and a masked preview only.

use super::common::{each_region, instance_resource, live_instances};
use crate::checks::secret_findings::{SecretFilter, UserDataVerdict};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;
use std::collections::HashMap;

pub const CHECK: Check = Check { id: "ec2_instance_secrets_user_data", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    let filter = SecretFilter::new(ctx.config);
    each_region(ctx, out, |region, ec2, out| {
        let Some(instances) = live_instances(ctx, region, ec2, out) else {
            return;
        };
        let user_data: HashMap<&str, _> = match &ec2.instance_user_data {
            Fetched::Ok(list) => list.iter().map(|u| (u.instance_id.as_str(), &u.user_data)).collect(),
            Fetched::Err(e) => {
                if !instances.is_empty() {
                    out.error(ctx.region_resource(region), e);
                }
                return;
            }
        };
        for instance in instances {
            let r = instance_resource(ctx, region, instance);
            let id = &instance.id;
            match user_data.get(id.as_str()) {
                None => out.error_message(r, format_args!("The user data of instance {id} was not collected.")),
                Some(Fetched::Err(e)) => out.error(r, e),
                Some(Fetched::Ok(None)) => out.pass(r, format_args!("Instance {id} has no user data.")),
                Some(Fetched::Ok(Some(facts))) => {
                    let v = UserDataVerdict::of(&filter, facts);
                    let unscanned = v.unscanned.as_deref().map(|u| format!("; part of it was not scanned: {u}"));
                    if !v.secrets.is_empty() {
                        out.fail(
                            r,
                            format_args!(
                                "The user data of instance {id} holds {} secret-looking item(s): {}{}.",
                                v.secrets.len() + v.more,
                                v.listed(),
                                unscanned.unwrap_or_default()
                            ),
                        );
                    } else if let Some(reason) = &v.unscanned {
                        out.error_message(
                            r,
                            format_args!(
                                "The user data of instance {id} could not be scanned in full: {reason}; review it by hand."
                            ),
                        );
                    } else {
                        out.pass(
                            r,
                            format_args!(
                                "The user data of instance {id} ({} bytes{}) holds nothing that looks like a secret{}.",
                                facts.size,
                                if facts.gzipped { ", gzip" } else { "" },
                                v.ignored_note()
                            ),
                        );
                    }
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::checks::secret_findings::user_data_with;
    use crate::engine::Status;
    use crate::snapshot::{InstanceUserData, UserDataFacts};
    use crate::testing::*;

    fn with_user_data(s: &mut Snapshot, id: &str, user_data: Fetched<Option<UserDataFacts>>) {
        instances(s).push(instance(id));
        list(&mut ec2(s).instance_user_data).push(InstanceUserData { instance_id: id.into(), user_data });
    }

    use crate::snapshot::Snapshot;

    #[test]
    fn secrets_fail_with_line_name_and_preview_clean_and_empty_pass() {
        let mut s = snapshot();
        let leaky = user_data_with(&[
            (3, "DB_PASSWORD", "secret-name-literal", "hu****"),
            (7, "private-key", "private-key", "----****"),
        ]);
        with_user_data(&mut s, "i-leaky", Fetched::Ok(Some(leaky)));
        with_user_data(&mut s, "i-clean", Fetched::Ok(Some(user_data_with(&[]))));
        with_user_data(&mut s, "i-none", Fetched::Ok(None));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "i-leaky"), Status::Fail);
        assert_eq!(status_of(&f, "i-clean"), Status::Pass);
        assert_eq!(status_of(&f, "i-none"), Status::Pass);
        let msg = &f.iter().find(|x| x.resource.id == "i-leaky").unwrap().message;
        assert_eq!(
            msg.as_str(),
            "The user data of instance i-leaky holds 2 secret-looking item(s): \
             line 3: DB_PASSWORD (secret-name-literal, preview \"hu****\"); line 7: private-key (private-key, preview \"----****\")."
        );
    }

    #[test]
    fn unscanned_user_data_is_an_error_unless_a_secret_was_read() {
        let mut s = snapshot();
        let mut bomb = user_data_with(&[]);
        bomb.unscanned = Some("it expands beyond 1024 KiB; only the first 1024 KiB were scanned".into());
        let mut leaky_bomb = user_data_with(&[(1, "API_TOKEN", "github-token", "ghp_****")]);
        leaky_bomb.unscanned = bomb.unscanned.clone();
        with_user_data(&mut s, "i-bomb", Fetched::Ok(Some(bomb)));
        with_user_data(&mut s, "i-leaky-bomb", Fetched::Ok(Some(leaky_bomb)));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "i-bomb"), Status::Error);
        assert_eq!(status_of(&f, "i-leaky-bomb"), Status::Fail);
        assert!(f.iter().all(|x| x.message.contains("expands beyond")), "{f:?}");
    }

    #[test]
    fn config_patterns_silence_what_they_name() {
        let mut s = snapshot();
        let mut ud = user_data_with(&[
            (3, "DEMO_PASSWORD", "secret-name-literal", "hu****"),
            (4, "K", "aws-access-key-id", "AKIA****"),
        ]);
        ud.secrets[1].facts.value_ignored = true;
        with_user_data(&mut s, "i-1", Fetched::Ok(Some(ud)));
        let config = crate::engine::Config { secrets_ignore_names: vec!["demo_*".into()], ..Default::default() };
        let f = run_with(CHECK, &s, &config);
        assert_eq!(f[0].status, Status::Pass);
        assert!(
            f[0].message.ends_with(
                "(2 secret-looking item(s) ignored by the config's secrets_ignore_names/secrets_ignore_values)."
            ),
            "{}",
            f[0].message
        );
        assert_eq!(run_check(CHECK, &s)[0].status, Status::Fail);
    }

    #[test]
    fn failed_reads_are_errors_per_instance_or_region_and_terminated_instances_skipped() {
        let mut s = snapshot();
        with_user_data(&mut s, "i-denied", Fetched::Err(denied("ec2", "DescribeInstanceAttribute")));
        instances(&mut s).push(instance("i-missing"));
        let mut gone = instance("i-gone");
        gone.state = Some("terminated".into());
        instances(&mut s).push(gone);
        let f = run_check(CHECK, &s);
        assert_eq!(f.len(), 2);
        assert_eq!(status_of(&f, "i-denied"), Status::Error);
        assert_eq!(status_of(&f, "i-missing"), Status::Error);
        ec2(&mut s).instance_user_data = Fetched::Err(denied("ec2", "DescribeInstances"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
