//! Every audited region is covered by a logging trail: a multi-region trail that is logging (homed
//! in any audited region), or a logging trail homed in the region itself. Metadata:
//! `checks/cloudtrail/cloudtrail_multi_region_enabled.toml`.
//!
//! One finding per audited region, as Prowler reports it. Without a covering trail the verdict is
//! FAIL only when every region's trail listing (and the status of every candidate trail) was read;
//! otherwise the missing data could hold the covering trail and the region is an ERROR.

use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::{CollectionError, Fetched, Trail};

pub const CHECK: Check = Check { id: "cloudtrail_multi_region_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    // (listed in, trails) for every region where CloudTrail was collected.
    let listings: Vec<(&str, &Fetched<Vec<Trail>>)> = ctx
        .snapshot
        .regions
        .iter()
        .filter_map(|(region, data)| data.cloudtrail.as_ref().map(|ct| (region.as_str(), &ct.trails)))
        .collect();
    let all_trails: Vec<&Trail> = listings.iter().filter_map(|(_, l)| l.ok()).flatten().collect();
    let multi_region: Vec<&Trail> = all_trails.iter().copied().filter(|t| t.is_multi_region).collect();
    let logging = |t: &Trail| matches!(t.is_logging, Fetched::Ok(true));

    for (region, listing) in &listings {
        let r = ctx.region_resource(region);
        if let Some(t) = multi_region.iter().find(|t| logging(t)) {
            out.pass(
                r,
                format_args!(
                    "Multi-region trail {} (home region {}) is logging and covers {region}.",
                    t.name, t.home_region
                ),
            );
            continue;
        }
        let local: Vec<&Trail> = match listing {
            Fetched::Ok(trails) => trails.iter().filter(|t| !t.is_multi_region).collect(),
            Fetched::Err(e) => {
                out.error(r, e);
                continue;
            }
        };
        if let Some(t) = local.iter().find(|t| logging(t)) {
            out.pass(
                r,
                format_args!("Trail {} is logging in {region} (a single-region trail, not multi-region).", t.name),
            );
            continue;
        }
        // No covering trail among what was read: is anything unread that could cover the region?
        let unread_status: Option<&CollectionError> =
            multi_region.iter().chain(&local).find_map(|t| t.is_logging.err());
        if let Some(e) = unread_status {
            out.error(r, e);
            continue;
        }
        if let Some((other, e)) = listings.iter().find_map(|(reg, l)| l.err().map(|e| (reg, e))) {
            out.error_message(
                r,
                format_args!(
                    "could not be evaluated: no logging trail covering {region} was found, but trails could not be listed in {other} (a multi-region trail homed there would cover {region}): {e}"
                ),
            );
            continue;
        }
        let idle: Vec<&str> = multi_region.iter().chain(&local).map(|t| t.name.as_str()).collect();
        let idle = if idle.is_empty() {
            "no multi-region trail exists and no trail is homed there".to_string()
        } else {
            format!("trail(s) {} exist but are not logging", idle.join(", "))
        };
        out.fail(r, format_args!("No logging CloudTrail trail covers {region}: {idle}."));
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::testing::*;

    const EU: &str = "eu-west-1";

    fn message(f: &[crate::engine::Finding], id: &str) -> String {
        f.iter().find(|x| x.resource.id == id).map(|x| x.message.to_string()).unwrap_or_default()
    }

    #[test]
    fn a_logging_multi_region_trail_covers_every_region() {
        let mut s = snapshot();
        trails(&mut s, EU).push(Trail { is_multi_region: true, ..trail(EU, "org") });
        let f = run_check(CHECK, &s);
        assert_eq!(statuses(&f), vec![(EU.to_string(), Status::Pass), (REGION.to_string(), Status::Pass)]);
        assert!(message(&f, REGION).contains("Multi-region trail org (home region eu-west-1)"));
    }

    #[test]
    fn single_region_trails_cover_only_their_region() {
        let mut s = snapshot();
        trails(&mut s, REGION).push(trail(REGION, "local"));
        trails(&mut s, EU).push(Trail { is_logging: Fetched::Ok(false), ..trail(EU, "stopped") });
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, REGION), Status::Pass);
        assert_eq!(status_of(&f, EU), Status::Fail);
        assert_eq!(
            message(&f, EU),
            "No logging CloudTrail trail covers eu-west-1: trail(s) stopped exist but are not logging."
        );
    }

    #[test]
    fn stopped_multi_region_trail_does_not_cover() {
        let mut s = snapshot();
        trails(&mut s, REGION).push(Trail {
            is_multi_region: true,
            is_logging: Fetched::Ok(false),
            ..trail(REGION, "m")
        });
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, REGION), Status::Fail);
    }

    #[test]
    fn missing_data_is_an_error_not_a_fail() {
        // This region's listing failed.
        let mut s = snapshot();
        region_mut(&mut s, REGION).cloudtrail.as_mut().unwrap().trails =
            Fetched::Err(denied("cloudtrail", "DescribeTrails"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);

        // Another region's listing failed: it could hold a multi-region trail.
        trails(&mut s, EU);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, EU), Status::Error);
        assert!(message(&f, EU).contains("trails could not be listed in us-east-1"), "{}", message(&f, EU));

        // A candidate trail's status is unknown.
        let mut s = snapshot();
        trails(&mut s, REGION).push(Trail {
            is_logging: Fetched::Err(denied("cloudtrail", "GetTrailStatus")),
            ..trail(REGION, "unknown")
        });
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);

        // A logging multi-region trail elsewhere still proves coverage.
        let mut s = snapshot();
        region_mut(&mut s, REGION).cloudtrail.as_mut().unwrap().trails =
            Fetched::Err(denied("cloudtrail", "DescribeTrails"));
        trails(&mut s, EU).push(Trail { is_multi_region: true, ..trail(EU, "org") });
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Pass);
    }
}
