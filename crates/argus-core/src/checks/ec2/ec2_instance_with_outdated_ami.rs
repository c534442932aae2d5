//! EC2 instances launched from an Amazon AMI do not run on one whose deprecation time has passed.
//! Metadata: `checks/ec2/ec2_instance_with_outdated_ami.toml`.

use super::common::{each_region, instance_resource, live_instances};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::{Fetched, Image};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

pub const CHECK: Check = Check { id: "ec2_instance_with_outdated_ami", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_region(ctx, out, |region, ec2, out| {
        let Some(instances) = live_instances(ctx, region, ec2, out) else {
            return;
        };
        let looked_up: Result<HashMap<&str, &Image>, _> = match &ec2.instance_images {
            Fetched::Ok(images) => Ok(images.iter().map(|i| (i.id.as_str(), i)).collect()),
            Fetched::Err(e) => Err(e),
        };
        // The account's own AMIs are not Amazon's: the collector does not look them up again.
        let own: &[Image] = match &ec2.images {
            Fetched::Ok(images) => images,
            Fetched::Err(_) => &[],
        };
        for instance in instances {
            let r = instance_resource(ctx, region, instance);
            let id = &instance.id;
            let Some(ami) = instance.image_id.as_deref().map(str::trim).filter(|a| !a.is_empty()) else {
                out.error_message(
                    r,
                    format_args!("could not be evaluated: DescribeInstances returned no ImageId for instance {id}"),
                );
                continue;
            };
            if own.iter().any(|i| i.id == ami) {
                continue;
            }
            let image = match &looked_up {
                Ok(images) => images.get(ami),
                Err(e) => {
                    out.error(r, e);
                    continue;
                }
            };
            // Not found: the AMI was deregistered or is no longer visible to the account. Owned by
            // another account or the Marketplace: out of the check's scope (Amazon's AMIs only).
            let Some(image) = image.filter(|i| i.owner_alias.as_deref() == Some("amazon")) else {
                continue;
            };
            match image.deprecation_time.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                None => out.pass(r, format_args!("Instance {id} runs on Amazon AMI {ami}, which is not deprecated.")),
                Some(text) => match DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc)) {
                    Ok(t) if t <= ctx.now => out.fail(
                        r,
                        format_args!(
                            "Instance {id} runs on Amazon AMI {ami}, deprecated since {}.",
                            t.format("%Y-%m-%d")
                        ),
                    ),
                    Ok(t) => out.pass(
                        r,
                        format_args!(
                            "Instance {id} runs on Amazon AMI {ami}, which is deprecated only from {}.",
                            t.format("%Y-%m-%d")
                        ),
                    ),
                    Err(_) => out.error_message(
                        r,
                        format_args!(
                            "could not be evaluated: DescribeImages returned an unreadable DeprecationTime for AMI \
                             {ami} of instance {id}"
                        ),
                    ),
                },
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ec2::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::Instance;
    use crate::testing::*;

    fn on(id: &str, ami: &str) -> Instance {
        Instance { image_id: Some(ami.into()), ..instance(id) }
    }

    fn deprecated(id: &str, at: &str) -> Image {
        Image { deprecation_time: Some(at.into()), ..image(id) }
    }

    #[test]
    fn verdict_per_instance_on_an_amazon_ami() {
        let mut s = snapshot();
        list(&mut ec2(&mut s).instance_images).extend([
            image("ami-current"),
            deprecated("ami-old", "2025-07-01T00:00:00.000Z"),
            deprecated("ami-later", "2027-01-01T00:00:00.000Z"),
            deprecated("ami-garbled", "next tuesday"),
            Image { owner_alias: Some("aws-marketplace".into()), ..deprecated("ami-market", "2020-01-01T00:00:00Z") },
            Image { owner_alias: None, ..deprecated("ami-shared", "2020-01-01T00:00:00Z") },
        ]);
        list(&mut ec2(&mut s).images)
            .push(Image { owner_alias: None, ..deprecated("ami-own", "2020-01-01T00:00:00Z") });
        instances(&mut s).extend([
            on("i-current", "ami-current"),
            on("i-old", "ami-old"),
            Instance { state: Some("stopped".into()), ..on("i-old-stopped", "ami-old") },
            Instance { state: Some("terminated".into()), ..on("i-gone", "ami-old") },
            on("i-later", "ami-later"),
            on("i-garbled", "ami-garbled"),
            on("i-market", "ami-market"),
            on("i-shared", "ami-shared"),
            on("i-own", "ami-own"),
            on("i-deregistered", "ami-deregistered"),
            Instance { image_id: None, ..instance("i-unknown") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "i-current"), Status::Pass);
        assert_eq!(status_of(&f, "i-old"), Status::Fail);
        assert_eq!(status_of(&f, "i-old-stopped"), Status::Fail);
        assert_eq!(status_of(&f, "i-later"), Status::Pass);
        assert_eq!(status_of(&f, "i-garbled"), Status::Error);
        assert_eq!(status_of(&f, "i-unknown"), Status::Error);
        let judged: Vec<&str> = f.iter().map(|x| &*x.resource.id).collect();
        for skipped in ["i-gone", "i-market", "i-shared", "i-own", "i-deregistered"] {
            assert!(!judged.contains(&skipped), "{skipped} is outside the check's scope: {judged:?}");
        }
        let old = f.iter().find(|x| &*x.resource.id == "i-old").unwrap();
        assert!(old.message.contains("deprecated since 2025-07-01"), "{}", old.message);
    }

    #[test]
    fn an_unread_ami_lookup_is_an_error_for_each_instance_it_leaves_unjudged() {
        let mut s = snapshot();
        ec2(&mut s).instance_images = Fetched::Err(denied("ec2", "DescribeImages"));
        list(&mut ec2(&mut s).images).push(Image { owner_alias: None, ..image("ami-own") });
        instances(&mut s).extend([on("i-a", "ami-current"), on("i-own", "ami-own")]);
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![("i-a".to_string(), Status::Error)]);
        assert!(f[0].message.contains("ec2:DescribeImages"), "{}", f[0].message);
    }
}
