//! One `Resource` per snapshot object, shared by every check that judges it.
//!
//! Twenty S3 checks judge each bucket; building the bucket's resource (ARN, display name, tags) in each
//! of them made the engine spend most of its time allocating and freeing copies of the same strings.
//! The cache is keyed by the address and type of the snapshot object the resource describes: the
//! snapshot is borrowed immutably for the whole evaluation, so an address names one object for as long
//! as the cache lives.

use super::Resource;
use std::any::TypeId;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::Mutex;

/// Independent locks, so the engine's worker threads rarely wait for each other.
const SHARDS: usize = 64;

type Key = (usize, TypeId);

/// One lock's share of the cache.
type Shard = Mutex<BTreeMap<Key, Arc<Resource>>>;

pub(crate) struct ResourceCache {
    shards: Box<[Shard]>,
}

impl Default for ResourceCache {
    fn default() -> Self {
        ResourceCache { shards: (0..SHARDS).map(|_| Mutex::default()).collect() }
    }
}

impl ResourceCache {
    /// The resource describing `of`, built by `build` the first time it is asked for.
    pub(crate) fn get_or_build<T: 'static>(&self, of: &T, build: impl FnOnce() -> Resource) -> Arc<Resource> {
        let address = of as *const T as usize;
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
}
