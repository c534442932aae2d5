//! Lookups over one snapshot, built once per evaluation and shared by every check (and thread).
//!
//! Checks ask questions such as "which principals attach this policy" or "which role has this ARN"
//! once per resource; answering them by scanning the snapshot made whole checks quadratic. A policy
//! document is parsed once, on first use, and its parse kept beside its text (`JsonText::policy`).

use crate::snapshot::{AuthorizationDetails, Bucket, ManagedPolicy, Role, SecurityGroup, Snapshot, User};
use std::collections::HashMap;

/// The hash map of the checks' own look-ups (foldhash: seeded per process like std's, faster on
/// short keys).
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Lookups over the IAM authorization details and the regional data of one snapshot.
#[derive(Default)]
pub struct Index<'a> {
    policies_by_arn: FastMap<&'a str, &'a ManagedPolicy>,
    roles_by_arn: FastMap<&'a str, &'a Role>,
    users_by_name: FastMap<&'a str, &'a User>,
    /// Policy ARN → the principals attaching it, as ("user"|"group"|"role", name), users then groups
    /// then roles, each principal once.
    attachments: FastMap<&'a str, Vec<(&'static str, &'a str)>>,
    /// (region, group id) → the security group.
    security_groups: FastMap<(&'a str, &'a str), &'a SecurityGroup>,
    /// The buckets by region, then name: the order their findings are reported in.
    buckets: Vec<&'a Bucket>,
}

impl<'a> Index<'a> {
    pub fn build(snapshot: &'a Snapshot) -> Index<'a> {
        let buckets = snapshot.s3.as_ref().and_then(|s3| s3.buckets.ok()).map(Vec::as_slice).unwrap_or_default();
        let mut sorted: Vec<&Bucket> = buckets.iter().collect();
        sorted.sort_by(|a, b| (&a.region, &a.name).cmp(&(&b.region, &b.name)));
        let mut index = Index { buckets: sorted, ..Index::default() };
        if let Some(details) = snapshot.iam.as_ref().and_then(|iam| iam.authorization_details.ok()) {
            index.add_iam(details);
        }
        for (region, data) in &snapshot.regions {
            for g in data.ec2.as_ref().and_then(|ec2| ec2.security_groups.ok()).into_iter().flatten() {
                // The first of duplicate ids wins, as a linear search would find it.
                index.security_groups.entry((region.as_str(), g.id.as_str())).or_insert(g);
            }
        }
        index
    }

    fn add_iam(&mut self, details: &'a AuthorizationDetails) {
        for p in &details.policies {
            self.policies_by_arn.entry(p.arn.as_str()).or_insert(p);
        }
        let principals = details
            .users
            .iter()
            .map(|u| ("user", u.name.as_str(), &u.attached_policies))
            .chain(details.groups.iter().map(|g| ("group", g.name.as_str(), &g.attached_policies)))
            .chain(details.roles.iter().map(|r| ("role", r.name.as_str(), &r.attached_policies)));
        for (kind, name, attached) in principals {
            let mut seen: Vec<&str> = Vec::new();
            for a in attached {
                // A principal attaching the same ARN twice is listed once.
                if !seen.contains(&a.arn.as_str()) {
                    seen.push(&a.arn);
                    self.attachments.entry(a.arn.as_str()).or_default().push((kind, name));
                }
            }
        }
        for u in &details.users {
            self.users_by_name.entry(u.name.as_str()).or_insert(u);
        }
        for r in &details.roles {
            self.roles_by_arn.entry(r.arn.as_str()).or_insert(r);
        }
    }

    /// The managed policy with this ARN (the first, as a linear search would find it).
    pub fn policy(&self, arn: &str) -> Option<&'a ManagedPolicy> {
        self.policies_by_arn.get(arn).copied()
    }

    /// The IAM user with this name.
    pub fn user(&self, name: &str) -> Option<&'a User> {
        self.users_by_name.get(name).copied()
    }

    /// The role with this ARN.
    pub fn role(&self, arn: &str) -> Option<&'a Role> {
        self.roles_by_arn.get(arn).copied()
    }

    /// The principals attaching the policy `arn`: ("user"|"group"|"role", name).
    pub fn attached_to(&self, arn: &str) -> impl Iterator<Item = (&'static str, &'a str)> + '_ {
        self.attachments.get(arn).into_iter().flatten().copied()
    }

    /// The snapshot's buckets by region, then name (empty when the listing failed).
    pub fn buckets(&self) -> &[&'a Bucket] {
        &self.buckets
    }

    /// The security group `id` of `region`.
    pub fn security_group(&self, region: &str, id: &str) -> Option<&'a SecurityGroup> {
        self.security_groups.get(&(region, id)).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::Fetched;
    use crate::testing::{bucket, snapshot};

    #[test]
    fn buckets_come_in_report_order() {
        let mut s = snapshot();
        let mut west = bucket("a-west");
        west.region = "us-west-2".into();
        let east = [bucket("c-east"), bucket("b-east")];
        if let Some(s3) = s.s3.as_mut() {
            s3.buckets = Fetched::Ok([vec![west], east.to_vec()].concat());
        }
        let index = Index::build(&s);
        let order: Vec<(&str, &str)> = index.buckets().iter().map(|b| (b.region.as_str(), b.name.as_str())).collect();
        assert_eq!(order, [("us-east-1", "b-east"), ("us-east-1", "c-east"), ("us-west-2", "a-west")]);
    }

    #[test]
    fn a_listing_sorted_by_name_is_grouped_by_region_in_order() {
        let mut s = snapshot();
        let names = ["a", "b", "c", "d", "e"];
        let regions = ["us-west-2", "eu-west-1", "us-west-2", "us-east-1", "eu-west-1"];
        if let Some(s3) = s.s3.as_mut() {
            s3.buckets = Fetched::Ok(
                names
                    .iter()
                    .zip(regions)
                    .map(|(name, region)| {
                        let mut b = bucket(name);
                        b.region = region.into();
                        b
                    })
                    .collect(),
            );
        }
        let index = Index::build(&s);
        let order: Vec<&str> = index.buckets().iter().map(|b| b.name.as_str()).collect();
        assert_eq!(order, ["b", "e", "d", "a", "c"]);
    }
}
