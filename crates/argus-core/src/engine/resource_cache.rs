//! One `Resource` per snapshot object, shared by every check that judges it.
//!
//! Twenty S3 checks judge each bucket; building the bucket's resource (ARN, display name, tags) in each
//! of them made the engine spend most of its time allocating and freeing copies of the same strings.
//! The cache is keyed by the address and type of the snapshot object the resource describes: the
//! snapshot is borrowed immutably for the whole evaluation, so an address names one object for as long
//! as the cache lives.
//!
//! Almost every such object is an item of one of the snapshot's lists (buckets, security groups, users,
//! ...). Those lists get one slot per item, found from the item's address by arithmetic: no search, no
//! lock, and checks that walk a list in order walk its slots in order. Anything else falls back to a
//! B-tree keyed by address.

use super::item_span::{ItemSpan, ItemSpans};
use super::Resource;
use crate::snapshot::Snapshot;
use std::any::TypeId;
use std::cell::Cell;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

/// Independent locks, so the engine's worker threads rarely wait for each other.
const SHARDS: usize = 64;

type Key = (usize, TypeId);

/// One lock's share of the fallback.
type Shard = Mutex<BTreeMap<Key, Arc<Resource>>>;

/// The slots of one list of the snapshot (its items' type, and a slot per item).
struct Slots {
    item_type: TypeId,
    slots: Box<[OnceLock<Arc<Resource>>]>,
}

fn slots_of<T: 'static>(items: &[T]) -> Option<(ItemSpan, Slots)> {
    let span = ItemSpan::new(items.as_ptr() as usize, items.len(), std::mem::size_of::<T>())?;
    Some((span, Slots { item_type: TypeId::of::<T>(), slots: items.iter().map(|_| OnceLock::new()).collect() }))
}

thread_local! {
    /// The list this thread last found an object in (`ItemSpans::find`).
    static LAST_LIST: Cell<usize> = const { Cell::new(0) };
}

pub(crate) struct ResourceCache {
    /// The snapshot's lists of resources.
    lists: ItemSpans<Slots>,
    shards: Box<[Shard]>,
}

impl Default for ResourceCache {
    fn default() -> Self {
        ResourceCache { lists: ItemSpans::default(), shards: (0..SHARDS).map(|_| Mutex::default()).collect() }
    }
}

impl ResourceCache {
    /// A cache with slots for the items of every list of `snapshot` that findings are about.
    pub(crate) fn for_snapshot(snapshot: &Snapshot) -> ResourceCache {
        fn add<T: 'static>(lists: &mut Vec<(ItemSpan, Slots)>, items: Option<&Vec<T>>) {
            lists.extend(items.and_then(|items| slots_of(items)));
        }
        let mut lists = Vec::new();
        if let Some(iam) = &snapshot.iam {
            if let Some(details) = iam.authorization_details.ok() {
                add(&mut lists, Some(&details.users));
                add(&mut lists, Some(&details.groups));
                add(&mut lists, Some(&details.roles));
                add(&mut lists, Some(&details.policies));
            }
            add(&mut lists, iam.credential_report.ok().map(|r| &r.rows));
            add(&mut lists, iam.server_certificates.ok());
        }
        add(&mut lists, snapshot.s3.as_ref().and_then(|s3| s3.buckets.ok()));
        for region in snapshot.regions.values() {
            if let Some(ec2) = &region.ec2 {
                add(&mut lists, ec2.security_groups.ok());
                add(&mut lists, ec2.instances.ok());
                add(&mut lists, ec2.volumes.ok());
                add(&mut lists, ec2.snapshots.ok());
                add(&mut lists, ec2.network_acls.ok());
                add(&mut lists, ec2.vpcs.ok());
            }
            add(&mut lists, region.lambda.as_ref().and_then(|l| l.functions.ok()));
            add(&mut lists, region.kms.as_ref().and_then(|k| k.keys.ok()));
            add(&mut lists, region.secretsmanager.as_ref().and_then(|s| s.secrets.ok()));
            add(&mut lists, region.cloudtrail.as_ref().and_then(|t| t.trails.ok()));
            if let Some(rds) = &region.rds {
                add(&mut lists, rds.snapshots.ok());
                add(&mut lists, rds.cluster_snapshots.ok());
                add(&mut lists, rds.instances.ok());
                add(&mut lists, rds.clusters.ok());
            }
        }
        ResourceCache { lists: ItemSpans::new(lists), ..ResourceCache::default() }
    }

    /// The resource describing `of`, built by `build` the first time it is asked for.
    pub(crate) fn get_or_build<T: 'static>(&self, of: &T, build: impl FnOnce() -> Resource) -> Arc<Resource> {
        let address = of as *const T as usize;
        let found = LAST_LIST.with(|hint| self.lists.find(address, hint));
        if let Some((list, position)) = found.filter(|(list, _)| list.item_type == TypeId::of::<T>()) {
            if let Some(slot) = list.slots.get(position) {
                return slot.get_or_init(|| Arc::new(build())).clone();
            }
        }
        let key = (address, TypeId::of::<T>());
        // Snapshot objects are at least word-aligned: the low bits carry no information.
        let shard = &self.shards[(address >> 4) % SHARDS];
        if let Some(r) = shard.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
            return r.clone();
        }
        // Built outside the lock: two threads may build the same resource once each; both are equal.
        let built = Arc::new(build());
        shard.lock().unwrap_or_else(|p| p.into_inner()).entry(key).or_insert(built).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_each_object_once_and_tells_types_apart() {
        let cache = ResourceCache::default();
        let objects = [String::from("a"), String::from("b")];
        let builds = std::cell::Cell::new(0);
        let build = |id: &str| {
            builds.set(builds.get() + 1);
            Resource { id: id.into(), ..Default::default() }
        };
        for _ in 0..3 {
            assert_eq!(cache.get_or_build(&objects[0], || build("a")).id, "a");
            assert_eq!(cache.get_or_build(&objects[1], || build("b")).id, "b");
        }
        assert_eq!(builds.get(), 2);
        // A struct and its first field share an address; they are different objects.
        struct Outer {
            inner: String,
        }
        let outer = Outer { inner: "inner".into() };
        assert_eq!(cache.get_or_build(&outer, || build("outer")).id, "outer");
        assert_eq!(cache.get_or_build(&outer.inner, || build("inner")).id, "inner");
        assert_eq!(builds.get(), 4);
    }

    #[test]
    fn list_items_get_their_own_slots_and_other_objects_fall_back() {
        let mut snapshot = crate::testing::snapshot();
        let buckets = vec![crate::testing::bucket("a"), crate::testing::bucket("b"), crate::testing::bucket("c")];
        if let Some(s3) = snapshot.s3.as_mut() {
            s3.buckets = crate::snapshot::Fetched::Ok(buckets);
        }
        let cache = ResourceCache::for_snapshot(&snapshot);
        let listed = snapshot.s3.as_ref().and_then(|s3| s3.buckets.ok()).map(Vec::as_slice).unwrap_or_default();
        assert_eq!(cache.lists.len(), 1, "one non-empty list of resources in this snapshot");
        let builds = std::cell::Cell::new(0);
        let build = |id: &str| {
            builds.set(builds.get() + 1);
            Resource { id: id.into(), ..Default::default() }
        };
        for _ in 0..2 {
            for b in listed {
                assert_eq!(cache.get_or_build(b, || build(&b.name)).id, b.name.as_str());
            }
        }
        assert_eq!(builds.get(), 3, "each listed bucket built once");
        // A field at the start of an item is a different object (another type): the fallback.
        let first_name = &listed[0].name;
        let by_field = cache.get_or_build(first_name, || build("field"));
        assert_eq!(by_field.id, "field");
        // An equal bucket outside the snapshot's list is another object too.
        let outside = crate::testing::bucket("a");
        assert_eq!(cache.get_or_build(&outside, || build("outside")).id, "outside");
        assert_eq!(builds.get(), 5);
    }
}
