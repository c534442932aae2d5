//! Lookups over one snapshot, built once per evaluation and shared by every check (and thread).
//!
//! Checks ask questions such as "which principals attach this policy", "which role has this ARN" or
//! "what does this IAM document parse to" once per resource; answering them by scanning the snapshot
//! made whole checks quadratic, and parsing the same document in every check that reads it multiplied
//! the parsing work by the number of checks reading it (every IAM policy check; four S3 checks per
//! bucket policy). So every policy document of the snapshot is parsed once, when the index is built,
//! and kept by its text: equal documents (every EC2 role's trust policy, the default key policy of
//! every KMS key) share one parse.

use crate::policy::Policy;
use crate::snapshot::{
    AuthorizationDetails, Bucket, JsonText, ManagedPolicy, PolicyDocument, Role, SecurityGroup, Snapshot, User,
};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;

/// The hash map of the checks' own look-ups (foldhash: seeded per process like std's, faster on
/// short keys).
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// A parsed IAM policy document, or why it could not be parsed (a short reason for a message).
pub type Parsed = Result<Policy, String>;

/// Parses a stored policy document; the error is a short reason for a message.
pub fn parse_document(doc: &PolicyDocument) -> Parsed {
    match &doc.json {
        Some(json) => json.policy().clone(),
        None => Err(doc.parse_error.clone().unwrap_or_else(|| "the document is empty".to_string())),
    }
}

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
        let mut documents: Vec<&'a PolicyDocument> = Vec::new();
        if let Some(details) = snapshot.iam.as_ref().and_then(|iam| iam.authorization_details.ok()) {
            index.add_iam(details, &mut documents);
        }
        documents.extend(buckets.iter().filter_map(|b| b.policy.ok().and_then(Option::as_ref)));
        for (region, data) in &snapshot.regions {
            if let Some(functions) = data.lambda.as_ref().and_then(|l| l.functions.ok()) {
                documents.extend(functions.iter().filter_map(|f| f.policy.ok().and_then(Option::as_ref)));
            }
            if let Some(keys) = data.kms.as_ref().and_then(|k| k.keys.ok()) {
                documents.extend(keys.iter().filter_map(|k| k.policy.as_ref().and_then(|p| p.ok())));
            }
            if let Some(secrets) = data.secretsmanager.as_ref().and_then(|s| s.secrets.ok()) {
                documents.extend(secrets.iter().filter_map(|s| s.policy.ok().and_then(Option::as_ref)));
            }
            for g in data.ec2.as_ref().and_then(|ec2| ec2.security_groups.ok()).into_iter().flatten() {
                // The first of duplicate ids wins, as a linear search would find it.
                index.security_groups.entry((region.as_str(), g.id.as_str())).or_insert(g);
            }
        }
        // Each distinct text is parsed once, in parallel; equal documents take that parse.
        let mut by_text: FastMap<&'a str, Vec<&'a JsonText>> = FastMap::default();
        for json in documents.iter().filter_map(|doc| doc.json.as_ref()) {
            by_text.entry(json.as_str()).or_default().push(json);
        }
        by_text.into_par_iter().for_each(|(_, equal)| equal[1..].iter().for_each(|json| json.share_policy(equal[0])));
        index
    }

    fn add_iam(&mut self, details: &'a AuthorizationDetails, documents: &mut Vec<&'a PolicyDocument>) {
        for p in &details.policies {
            self.policies_by_arn.entry(p.arn.as_str()).or_insert(p);
            documents.extend(&p.document);
        }
        let principals = details
            .users
            .iter()
            .map(|u| ("user", u.name.as_str(), &u.attached_policies, &u.inline_policies))
            .chain(details.groups.iter().map(|g| ("group", g.name.as_str(), &g.attached_policies, &g.inline_policies)))
            .chain(details.roles.iter().map(|r| ("role", r.name.as_str(), &r.attached_policies, &r.inline_policies)));
        for (kind, name, attached, inline) in principals {
            let mut seen: Vec<&str> = Vec::new();
            for a in attached {
                // A principal attaching the same ARN twice is listed once.
                if !seen.contains(&a.arn.as_str()) {
                    seen.push(&a.arn);
                    self.attachments.entry(a.arn.as_str()).or_default().push((kind, name));
                }
            }
            documents.extend(inline.iter().map(|p| &p.document));
        }
        for u in &details.users {
            self.users_by_name.entry(u.name.as_str()).or_insert(u);
        }
        for r in &details.roles {
            self.roles_by_arn.entry(r.arn.as_str()).or_insert(r);
            documents.extend(&r.trust_policy);
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

    /// `doc` parsed (once: the parse is kept beside its text).
    pub fn parse<'d>(&self, doc: &'d PolicyDocument) -> Cow<'d, Parsed> {
        match &doc.json {
            Some(json) => Cow::Borrowed(json.policy()),
            None => Cow::Owned(parse_document(doc)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::Fetched;
    use crate::testing::{bucket, buckets, doc, snapshot};

    fn with_bucket_policies(policies: &[&str]) -> crate::snapshot::Snapshot {
        let mut s = snapshot();
        *buckets(&mut s) = policies
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut b = bucket(&format!("b{i}"));
                b.policy = Fetched::Ok(Some(doc(p)));
                b
            })
            .collect();
        s
    }

    fn policy_of(index: &Index<'_>, b: &Bucket) -> Parsed {
        match &b.policy {
            Fetched::Ok(Some(d)) => index.parse(d).into_owned(),
            _ => Err("no policy".into()),
        }
    }

    #[test]
    fn equal_documents_share_one_parse() {
        let same = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}"#;
        let other = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"*"}]}"#;
        // Same content, other spacing and key order: equal JSON.
        let same_again = r#"{ "Statement": [{"Resource":"*","Action":"s3:GetObject","Principal":"*","Effect":"Allow"}], "Version": "2012-10-17" }"#;
        let s = with_bucket_policies(&[same, other, same_again]);
        let index = Index::build(&s);
        let list = index.buckets();
        let parses: Vec<Policy> = list.iter().map(|b| policy_of(&index, b).expect("valid")).collect();
        // Buckets come sorted by name: b0 (same), b1 (other), b2 (same_again).
        assert!(std::sync::Arc::ptr_eq(&parses[0].statements, &parses[2].statements), "shared");
        assert!(!std::sync::Arc::ptr_eq(&parses[0].statements, &parses[1].statements));
        assert_ne!(parses[0], parses[1]);
        assert_eq!(parses[0], Policy::parse_str(same).expect("valid"));
    }

    #[test]
    fn workers_reading_one_list_at_once_get_one_parse_of_each_document() {
        let texts: Vec<String> = (0..400)
            .map(|i| {
                format!(r#"{{"Statement":{{"Effect":"Allow","Principal":"*","Action":"s3:Get{i}","Resource":"*"}}}}"#)
            })
            .collect();
        let s = with_bucket_policies(&texts.iter().map(String::as_str).collect::<Vec<_>>());
        let index = Index::build(&s);
        let documents: Vec<&PolicyDocument> =
            index.buckets().iter().filter_map(|b| b.policy.ok().and_then(Option::as_ref)).collect();
        // Four workers walk the list from the start at once, then compare what they were given.
        let seen: Vec<Vec<usize>> = std::thread::scope(|scope| {
            let walks: Vec<_> = (0..4)
                .map(|_| {
                    scope
                        .spawn(|| documents.iter().map(|d| index.parse(d).as_ref() as *const Parsed as usize).collect())
                })
                .collect();
            walks.into_iter().filter_map(|w| w.join().ok()).collect()
        });
        assert_eq!(seen.len(), 4, "no worker panicked");
        assert!(seen.iter().all(|walk| walk == &seen[0]), "every worker got the one parse of each document");
        for d in &documents {
            assert_eq!(index.parse(d).as_ref(), &parse_document(d), "the document's own parse");
        }
    }

    #[test]
    fn each_snapshot_document_is_found_again_and_parsed_once_wherever_it_is_kept() {
        let policy = |action: &str| {
            doc(&format!(r#"{{"Statement":[{{"Effect":"Allow","Action":"{action}","Resource":"*"}}]}}"#))
        };
        let mut s = snapshot();
        // Every other bucket has a policy: items without one have no position.
        *buckets(&mut s) = (0..5)
            .map(|i| {
                let mut b = bucket(&format!("b{i}"));
                b.policy = Fetched::Ok((i % 2 == 0).then(|| policy(&format!("s3:Get{i}"))));
                b
            })
            .collect();
        // Trust policies are a list's documents; inline policies are kept inside a list's items.
        crate::testing::auth(&mut s).roles = (0..3)
            .map(|i| {
                let mut r = crate::checks::iam::policy_fixtures::role(&format!("r{i}"));
                r.trust_policy = Some(policy(&format!("sts:Assume{i}")));
                let document = policy(&format!("iam:Pass{i}"));
                r.inline_policies = vec![crate::snapshot::InlinePolicy { name: "inline".into(), document }];
                r
            })
            .collect();
        let index = Index::build(&s);
        let details = s.iam.as_ref().and_then(|i| i.authorization_details.ok()).expect("IAM");
        let bucket_policies = buckets_of(&s).iter().filter_map(|b| b.policy.ok()?.as_ref());
        let trust_policies = details.roles.iter().filter_map(|r| r.trust_policy.as_ref());
        let inline_policies = details.roles.iter().flat_map(|r| r.inline_policies.iter().map(|p| &p.document));
        let expected = ["s3:Get0", "s3:Get2", "s3:Get4", "sts:Assume0", "sts:Assume1", "sts:Assume2"]
            .into_iter()
            .chain(["iam:Pass0", "iam:Pass1", "iam:Pass2"]);
        let kept: Vec<(&PolicyDocument, &str)> =
            bucket_policies.chain(trust_policies).chain(inline_policies).zip(expected).collect();
        assert_eq!(kept.len(), 9);
        for &(document, action) in kept.iter().chain(kept.iter().rev()) {
            let std::borrow::Cow::Borrowed(parsed) = index.parse(document) else {
                panic!("{action}: not one of the index's documents")
            };
            assert!(std::ptr::eq(parsed, index.parse(document).as_ref()), "{action}: parsed once");
            let actions = &parsed.as_ref().expect("valid").statements[0].actions;
            assert!(matches!(actions, crate::policy::ActionSpec::Action(a) if a[0] == action), "{action}");
        }
        // A document outside the snapshot is parsed on first use and keeps its parse too.
        let outside = policy("s3:Get9");
        assert!(std::ptr::eq(index.parse(&outside).as_ref(), index.parse(&outside).as_ref()));
    }

    fn buckets_of(s: &crate::snapshot::Snapshot) -> &[Bucket] {
        s.s3.as_ref().and_then(|s3| s3.buckets.ok()).map(Vec::as_slice).unwrap_or_default()
    }

    #[test]
    fn a_document_equal_to_an_invalid_one_gets_the_same_error() {
        let invalid = r#"{"Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]}"#;
        let s = with_bucket_policies(&[invalid, invalid]);
        let index = Index::build(&s);
        let errors: Vec<String> = index.buckets().iter().map(|b| policy_of(&index, b).expect_err("invalid")).collect();
        assert_eq!(errors[0], errors[1]);
        assert!(errors[0].contains("Effect"), "{}", errors[0]);
    }

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
