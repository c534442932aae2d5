//! Lookups over one snapshot, built once per evaluation and shared by every check (and thread).
//!
//! Checks ask questions such as "which principals attach this policy", "which role has this ARN" or
//! "what does this IAM document parse to" once per resource; answering them by scanning the snapshot
//! made whole checks quadratic, and parsing the same document in every check that reads it multiplied
//! the parsing work by the number of checks reading it (every IAM policy check; four S3 checks per
//! bucket policy). The index is built lazily, on the first question.

use super::item_span::{ItemSpan, ItemSpans};
use crate::policy::Policy;
use crate::snapshot::{
    AuthorizationDetails, Bucket, ManagedPolicy, PolicyDocument, Role, SecurityGroup, Snapshot, User,
};
use std::cell::Cell;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

/// The index's maps are looked up once or more per resource per check: foldhash (seeded per process,
/// like std's SipHash) hashes their short keys several times faster.
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// A parsed IAM policy document, or why it could not be parsed (a short reason for a message).
pub type Parsed = Result<Policy, String>;

/// Parses a stored policy document; the error is a short reason for a message.
pub fn parse_document(doc: &PolicyDocument) -> Parsed {
    match &doc.json {
        Some(json) => Policy::parse_shared(json.shared()).map_err(|e| e.to_string()),
        None => Err(doc.parse_error.clone().unwrap_or_else(|| "the document is empty".to_string())),
    }
}

/// Lookups over the IAM authorization details and the regional data of one snapshot.
#[derive(Default)]
pub struct Index<'a> {
    policies_by_arn: FastMap<&'a str, &'a ManagedPolicy>,
    roles_by_arn: FastMap<&'a str, &'a Role>,
    users_by_name: FastMap<&'a str, &'a User>,
    /// Policy ARN → the principals attaching it, as (position, "user"|"group"|"role", name), users
    /// then groups then roles, each principal once.
    attachments: FastMap<&'a str, Vec<(usize, &'static str, &'a str)>>,
    /// (region, group id) → the security group.
    security_groups: FastMap<(&'a str, &'a str), &'a SecurityGroup>,
    /// The documents kept at one place in every item of a snapshot list (each bucket's policy, each
    /// role's trust policy): a document's position is found by arithmetic. Collected in `slotted`
    /// while the index is built.
    lists: ItemSpans<DocumentSlots>,
    slotted: Vec<(ItemSpan, DocumentSlots)>,
    /// Every other policy document of the snapshot (inline policies: a short list per principal), by
    /// address → its position in `documents` and `parsed`.
    document_at: FastMap<usize, u32>,
    documents: Vec<&'a PolicyDocument>,
    /// The parse of each of `documents`, made on first use.
    parsed: Vec<OnceLock<Parsed>>,
    /// Whether a worker has started parsing each of `documents` (see [`Index::parsed_at`]).
    claimed: Vec<AtomicBool>,
    /// Which list each of `documents` came from (`INLINE` for the address map's): a worker waiting for
    /// a document parses the next ones of its list, never another list's.
    group: Vec<u16>,
    /// The group of the last list added.
    last_group: u16,
    /// A hash of a document's JSON text → the position of the first document with that hash to be parsed.
    /// Equal documents share that parse (and what is worked out about it): accounts repeat documents
    /// (every EC2 or Lambda role's trust policy, the default key policy of every KMS key, policies
    /// from one template). One map per group (equal documents are of one kind: two trust policies, two
    /// key policies), so each is a fraction of the 400,000 documents of a million-resource account and
    /// its look-ups miss the cache less.
    first_with_content: Vec<Mutex<FastMap<u64, u32>>>,
    content_hasher: foldhash::fast::RandomState,
    /// The buckets by region, then name: the order their findings are reported in.
    buckets: Vec<&'a Bucket>,
}

/// S3 lists buckets by name across regions; judged in report order (region, then name), a check's
/// findings need no sorting afterwards (the engine only checks that they are in order).
///
/// Grouped by region in the listing's order, each region's run is sorted by name only if it is not
/// already: a listing sorted by name costs a pass, not a sort whose every comparison reads two
/// buckets' strings from memory (a quarter of a second at 250,000 buckets).
fn buckets_in_report_order(buckets: &[Bucket]) -> Vec<&Bucket> {
    let mut by_region: std::collections::BTreeMap<&str, Vec<&Bucket>> = Default::default();
    for b in buckets {
        by_region.entry(&b.region).or_default().push(b);
    }
    let mut sorted = Vec::with_capacity(buckets.len());
    for (_, mut group) in by_region {
        if !group.is_sorted_by(|a, b| a.name <= b.name) {
            group.sort_by(|a, b| a.name.cmp(&b.name));
        }
        sorted.extend(group);
    }
    sorted
}

fn address(doc: &PolicyDocument) -> usize {
    doc as *const PolicyDocument as usize
}

/// The documents of one snapshot list whose items each keep theirs at the same offset (a bucket's
/// policy, a role's trust policy): the document of item `i` lives at `start + i * item_size`
/// (`ItemSpan`).
///
/// Checks read a document once per check and resource; found by its address in a map of every
/// document (400,000 at a million resources), each read cost a cache miss. Found by arithmetic, checks
/// walking a list in order read its positions in order.
struct DocumentSlots {
    /// For each item, its document's position in `documents`, or `NO_DOCUMENT`.
    positions: Box<[u32]>,
}

thread_local! {
    /// The list this thread last found a document in (`ItemSpans::find`).
    static LAST_LIST: Cell<usize> = const { Cell::new(0) };
    /// The position after the document this thread last found by address (`position_by_address`).
    static NEXT_BY_ADDRESS: Cell<usize> = const { Cell::new(0) };
}

const NO_DOCUMENT: u32 = u32::MAX;

/// The group of documents found by address (inline policies); lists are numbered from 1.
const INLINE: u16 = 0;

impl<'a> Index<'a> {
    pub fn build(snapshot: &'a Snapshot) -> Index<'a> {
        let buckets = snapshot.s3.as_ref().and_then(|s3| s3.buckets.ok()).map(Vec::as_slice).unwrap_or_default();
        let mut index = Index { buckets: buckets_in_report_order(buckets), ..Index::default() };
        if let Some(details) = snapshot.iam.as_ref().and_then(|iam| iam.authorization_details.ok()) {
            index.add_iam(details);
        }
        // Resource policies: several checks read each one (S3: four).
        index.add_list(buckets, |b| b.policy.ok().and_then(Option::as_ref));
        for data in snapshot.regions.values() {
            if let Some(functions) = data.lambda.as_ref().and_then(|l| l.functions.ok()) {
                index.add_list(functions, |f| f.policy.ok().and_then(Option::as_ref));
            }
            if let Some(keys) = data.kms.as_ref().and_then(|k| k.keys.ok()) {
                index.add_list(keys, |k| k.policy.as_ref().and_then(|p| p.ok()));
            }
            if let Some(secrets) = data.secretsmanager.as_ref().and_then(|s| s.secrets.ok()) {
                index.add_list(secrets, |s| s.policy.ok().and_then(Option::as_ref));
            }
        }
        index.lists = ItemSpans::new(std::mem::take(&mut index.slotted));
        let regional_groups = || {
            snapshot.regions.iter().filter_map(|(region, data)| {
                Some((region, data.ec2.as_ref().and_then(|ec2| ec2.security_groups.ok())?))
            })
        };
        index.security_groups.reserve(regional_groups().map(|(_, groups)| groups.len()).sum());
        for (region, groups) in regional_groups() {
            for g in groups {
                // The first of duplicate ids wins, as a linear search would find it.
                index.security_groups.entry((region.as_str(), g.id.as_str())).or_insert(g);
            }
        }
        // Every document is hashed on its first parse: room for all of them, so no map (behind a lock
        // both workers take) ever rehashes.
        let mut per_group = vec![0usize; usize::from(index.last_group) + 1];
        for &group in &index.group {
            per_group[usize::from(group)] += 1;
        }
        index.first_with_content = per_group
            .into_iter()
            .map(|n| Mutex::new(FastMap::with_capacity_and_hasher(n, Default::default())))
            .collect();
        index
    }

    /// Gives `doc` the next position. Past `u32::MAX - 1` documents (never, in memory) the rest are
    /// parsed on every use instead.
    fn push_document(&mut self, doc: &'a PolicyDocument, group: u16) -> Option<u32> {
        let at = u32::try_from(self.documents.len()).ok().filter(|&at| at != NO_DOCUMENT)?;
        self.documents.push(doc);
        self.parsed.push(OnceLock::new());
        self.claimed.push(AtomicBool::new(false));
        self.group.push(group);
        Some(at)
    }

    /// Room for `n` more documents in the per-document lists, so that a large account's lists are
    /// not copied as they grow.
    fn reserve_documents(&mut self, n: usize) {
        self.documents.reserve(n);
        self.parsed.reserve(n);
        self.claimed.reserve(n);
        self.group.reserve(n);
    }

    /// A document found by its address (once, however often it is added).
    fn add_document(&mut self, doc: &'a PolicyDocument) {
        if self.document_at.contains_key(&address(doc)) {
            return;
        }
        if let Some(at) = self.push_document(doc, INLINE) {
            self.document_at.insert(address(doc), at);
        }
    }

    /// The documents of a snapshot list, `document_of` each item. Those kept at the same offset in
    /// their item as the first one (all of them, for a field of the item) are found by arithmetic;
    /// any other by address. `build` turns `slotted` into `lists` once every list is added.
    fn add_list<T>(&mut self, items: &'a [T], document_of: impl Fn(&'a T) -> Option<&'a PolicyDocument>) {
        let item_size = std::mem::size_of::<T>();
        if item_size == 0 {
            return;
        }
        self.reserve_documents(items.len());
        // More lists than groups (never: a snapshot has a few per region) share the last group.
        self.last_group = self.last_group.saturating_add(1);
        let group = self.last_group;
        let mut offset = None;
        let mut positions = Vec::with_capacity(items.len());
        for item in items {
            let Some(doc) = document_of(item) else {
                positions.push(NO_DOCUMENT);
                continue;
            };
            // Where the document lies in its item, if it lies wholly inside it.
            let in_item = address(doc)
                .checked_sub(item as *const T as usize)
                .filter(|o| o + std::mem::size_of::<PolicyDocument>() <= item_size);
            let fixed = in_item.is_some() && in_item == *offset.get_or_insert(in_item);
            match self.push_document(doc, group) {
                Some(at) if fixed => positions.push(at),
                Some(at) => {
                    positions.push(NO_DOCUMENT);
                    self.document_at.insert(address(doc), at);
                }
                None => positions.push(NO_DOCUMENT),
            }
        }
        if let Some(Some(offset)) = offset {
            if let Some(span) = ItemSpan::new(items.as_ptr() as usize + offset, items.len(), item_size) {
                self.slotted.push((span, DocumentSlots { positions: positions.into() }));
            }
        }
    }

    /// The position of `doc` in `documents`, when it is one of the snapshot's documents.
    fn position_of(&self, doc: &PolicyDocument) -> Option<u32> {
        let address = address(doc);
        let slotted = LAST_LIST.with(|hint| self.lists.find(address, hint));
        slotted
            .and_then(|(list, position)| list.positions.get(position).copied())
            .filter(|&at| at != NO_DOCUMENT)
            .or_else(|| self.position_by_address(address))
    }

    /// The position of a document found by address (inline policies). Checks read a principal's
    /// inline policies in the order they were added, so the document after the one this thread found
    /// last is tried first: a look-up in the map of every such document missed the cache each time
    /// (more than half of `Index::parse`'s own time at a million resources).
    fn position_by_address(&self, wanted: usize) -> Option<u32> {
        NEXT_BY_ADDRESS.with(|next| {
            let at = match self.documents.get(next.get()) {
                Some(&doc) if address(doc) == wanted => next.get() as u32,
                _ => *self.document_at.get(&wanted)?,
            };
            next.set(at as usize + 1);
            Some(at)
        })
    }

    fn add_iam(&mut self, details: &'a AuthorizationDetails) {
        let inline = details.users.iter().map(|u| u.inline_policies.len()).sum::<usize>()
            + details.groups.iter().map(|g| g.inline_policies.len()).sum::<usize>()
            + details.roles.iter().map(|r| r.inline_policies.len()).sum::<usize>();
        self.document_at.reserve(inline);
        self.reserve_documents(inline);
        self.policies_by_arn.reserve(details.policies.len());
        self.roles_by_arn.reserve(details.roles.len());
        self.users_by_name.reserve(details.users.len());
        for p in &details.policies {
            self.policies_by_arn.entry(p.arn.as_str()).or_insert(p);
        }
        self.add_list(&details.policies, |p| p.document.as_ref());
        let principals = details
            .users
            .iter()
            .map(|u| ("user", u.name.as_str(), &u.attached_policies, &u.inline_policies))
            .chain(details.groups.iter().map(|g| ("group", g.name.as_str(), &g.attached_policies, &g.inline_policies)))
            .chain(details.roles.iter().map(|r| ("role", r.name.as_str(), &r.attached_policies, &r.inline_policies)));
        for (n, (kind, name, attached, inline)) in principals.enumerate() {
            for a in attached {
                let list = self.attachments.entry(a.arn.as_str()).or_default();
                // A principal attaching the same ARN twice is listed once.
                if list.last().is_none_or(|(prev, _, _)| *prev != n) {
                    list.push((n, kind, name));
                }
            }
            for p in inline {
                self.add_document(&p.document);
            }
        }
        for u in &details.users {
            self.users_by_name.entry(u.name.as_str()).or_insert(u);
        }
        for r in &details.roles {
            self.roles_by_arn.entry(r.arn.as_str()).or_insert(r);
        }
        self.add_list(&details.roles, |r| r.trust_policy.as_ref());
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
        self.attachments.get(arn).into_iter().flatten().map(|(_, kind, name)| (*kind, *name))
    }

    /// The snapshot's buckets by region, then name (empty when the listing failed).
    pub fn buckets(&self) -> &[&'a Bucket] {
        &self.buckets
    }

    /// The security group `id` of `region`.
    pub fn security_group(&self, region: &str, id: &str) -> Option<&'a SecurityGroup> {
        self.security_groups.get(&(region, id)).copied()
    }

    /// Takes the parsed documents out (they own their data, so they can be freed on another thread).
    pub(crate) fn take_parsed(&mut self) -> Vec<OnceLock<Parsed>> {
        std::mem::take(&mut self.parsed)
    }

    /// `doc` parsed, once per evaluation when it is one of the snapshot's policy documents (any other
    /// document is parsed on every call).
    pub fn parse<'s>(&'s self, doc: &PolicyDocument) -> std::borrow::Cow<'s, Parsed> {
        match self.position_of(doc) {
            Some(at) => std::borrow::Cow::Borrowed(self.parsed_at(at)),
            None => std::borrow::Cow::Owned(parse_document(doc)),
        }
    }

    /// The parse of `documents[at]`, made by the first worker to ask.
    ///
    /// Two checks reading the same list (four S3 checks read every bucket policy) often walk it in
    /// step on the two workers: each document is parsed by one while the other sleeps until it is
    /// done, a futex wait and wake per document (6,600 of them at a million resources). A worker
    /// finding the document being parsed parses the next unstarted documents of the same list
    /// meanwhile: work one of them would do anyway. (The claims only steer who parses what, so they
    /// need no ordering: each cell's `OnceLock` publishes its parse, and a cell claimed by a worker
    /// that has not started yet is parsed by whoever asks first.)
    fn parsed_at(&self, at: u32) -> &Parsed {
        let cell = &self.parsed[at as usize];
        if let Some(parsed) = cell.get() {
            return parsed;
        }
        if self.claimed[at as usize].swap(true, Ordering::Relaxed) {
            let group = self.group[at as usize];
            let mut next = at as usize + 1;
            while cell.get().is_none() && self.group.get(next) == Some(&group) {
                let claimed = &self.claimed[next];
                if !claimed.load(Ordering::Relaxed) && !claimed.swap(true, Ordering::Relaxed) {
                    let next = next as u32;
                    self.parsed[next as usize].get_or_init(|| self.parse_at(next));
                }
                next += 1;
            }
        }
        cell.get_or_init(|| self.parse_at(at))
    }

    /// The parse of `documents[at]`: a copy of an equal document's parse when one was parsed first.
    fn parse_at(&self, at: u32) -> Parsed {
        let doc = self.documents[at as usize];
        let Some(json) = &doc.json else {
            return parse_document(doc);
        };
        let hash = self.content_hasher.hash_one(json.as_str());
        let Some(firsts) = self.first_with_content.get(usize::from(self.group[at as usize])) else {
            return parse_document(doc);
        };
        let first = *firsts.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).entry(hash).or_insert(at);
        let first_doc = self.documents[first as usize];
        if first != at && first_doc.json.as_ref() == Some(json) {
            // The first document's cell is filled by parsing it directly (never through here), so
            // no cell waits on another in a cycle.
            return self.parsed[first as usize].get_or_init(|| parse_document(first_doc)).clone();
        }
        parse_document(doc)
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
    fn workers_reading_one_list_in_step_get_one_parse_of_each_document() {
        let texts: Vec<String> = (0..400)
            .map(|i| {
                format!(r#"{{"Statement":{{"Effect":"Allow","Principal":"*","Action":"s3:Get{i}","Resource":"*"}}}}"#)
            })
            .collect();
        let s = with_bucket_policies(&texts.iter().map(String::as_str).collect::<Vec<_>>());
        let index = Index::build(&s);
        let documents: Vec<&PolicyDocument> =
            index.buckets().iter().filter_map(|b| b.policy.ok().and_then(Option::as_ref)).collect();
        // Four workers walk the list from the start at once (each waiting document sends the waiting
        // worker ahead to parse later ones), then compare what they were given.
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
        assert!(index.claimed.iter().all(|c| c.load(Ordering::Relaxed)), "each claimed once started");
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
        // Trust policies are a list's documents; inline policies are found by address.
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
        // In order, then backwards: a look-up does not depend on the one before (`position_by_address`
        // tries the next document first).
        for &(document, action) in kept.iter().chain(kept.iter().rev()) {
            let std::borrow::Cow::Borrowed(parsed) = index.parse(document) else {
                panic!("{action}: not one of the index's documents")
            };
            assert!(std::ptr::eq(parsed, index.parse(document).as_ref()), "{action}: parsed once");
            let actions = &parsed.as_ref().expect("valid").statements[0].actions;
            assert!(matches!(actions, crate::policy::ActionSpec::Action(a) if a[0] == action), "{action}");
        }
        // An equal document outside the snapshot is parsed on the spot.
        let outside = policy("s3:Get0");
        assert!(matches!(index.parse(&outside), std::borrow::Cow::Owned(Ok(_))));
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
