//! Which accounts a run scans: `--accounts` / `--exclude-accounts`, then `--shard INDEX/COUNT`.
//!
//! ## How accounts are split into shards
//!
//! An account belongs to shard `fnv1a64(account_id) % COUNT` (FNV-1a, 64-bit, over the 12 ASCII
//! digits of the id). The assignment depends on nothing but the account id and COUNT, so:
//!
//! - it is **deterministic and stable**: the same account lands in the same shard on every run, on every
//!   machine and in every argus version (the hash is fixed here, not `std`'s randomised hasher), so each
//!   shard's reports stay comparable over time (`argus diff`);
//! - shards **never overlap and never miss an account**, even when the shards list the organization at
//!   slightly different moments (Kubernetes pods or ECS tasks starting seconds apart) and an account is
//!   added in between — a position-based split of a sorted list would shift every later account;
//! - it is **balanced** statistically: FNV-1a spreads account ids uniformly, so each of COUNT shards gets
//!   N/COUNT ± about √(N/COUNT) accounts. For a handful of accounts per shard the split can be uneven;
//!   pick COUNT so that each shard has tens of accounts or more.
//!
//! Every shard of a run must use the same COUNT, the same `--accounts` / `--exclude-accounts`, and the
//! same `--role-name`; `argus merge` refuses inputs that scanned an account twice.

use std::fmt;
use std::str::FromStr;

/// `INDEX/COUNT`, 0-based: `0/3`, `1/3`, `2/3` together cover every account exactly once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// The shard of a job whose index comes from `JOB_COMPLETION_INDEX` (Kubernetes Indexed Job).
    pub fn from_env_index(count: u32, index: Option<&str>) -> Result<Shard, String> {
        let Some(index) = index else {
            return Err(
                "--shard-from-env: JOB_COMPLETION_INDEX is not set (it is set in Kubernetes Indexed Jobs)".into()
            );
        };
        format!("{}/{count}", index.trim()).parse().map_err(|e| format!("--shard-from-env: {e}"))
    }

    /// Whether this shard scans `account_id`.
    pub fn contains(&self, account_id: &str) -> bool {
        shard_of(account_id, self.count) == self.index
    }
}

impl FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("'{s}' is not a shard: expected INDEX/COUNT with 0 <= INDEX < COUNT, e.g. 0/4");
        let (i, n) = s.trim().split_once('/').ok_or_else(bad)?;
        let index: u32 = i.trim().parse().map_err(|_| bad())?;
        let count: u32 = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index >= count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The shard (`0..count`) an account belongs to: `fnv1a64(id) % count`.
pub fn shard_of(account_id: &str, count: u32) -> u32 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let hash = account_id.trim().bytes().fold(OFFSET, |h, b| (h ^ u64::from(b)).wrapping_mul(PRIME));
    (hash % u64::from(count.max(1))) as u32
}

/// A 12-digit AWS account id.
pub fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// Validates a list of account ids from the command line.
pub fn parse_account_list(flag: &str, ids: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for id in ids.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !is_account_id(id) {
            return Err(format!("{flag}: '{id}' is not a 12-digit AWS account id"));
        }
        out.push(id.to_string());
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Which of the organization's accounts this run scans.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only these (empty: all).
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub shard: Option<Shard>,
}

impl Selection {
    pub fn wants(&self, account_id: &str) -> bool {
        (self.include.is_empty() || self.include.iter().any(|a| a == account_id))
            && !self.exclude.iter().any(|a| a == account_id)
            && self.shard.is_none_or(|s| s.contains(account_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: u64) -> Vec<String> {
        // Spread like real account ids: not consecutive.
        (0..n).map(|i| format!("{:012}", (i * 7_919_993 + 104_729) % 1_000_000_000_000)).collect()
    }

    #[test]
    fn parses_and_rejects_shards() {
        assert_eq!("1/3".parse::<Shard>(), Ok(Shard { index: 1, count: 3 }));
        assert_eq!(" 0 / 1 ".parse::<Shard>(), Ok(Shard { index: 0, count: 1 }));
        for bad in ["3/3", "0/0", "-1/2", "1", "a/b", "1/2/3", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad} must be rejected");
        }
        assert_eq!(Shard::from_env_index(4, Some("2")), Ok(Shard { index: 2, count: 4 }));
        assert!(Shard::from_env_index(4, Some("4")).is_err());
        assert!(Shard::from_env_index(4, None).is_err());
    }

    #[test]
    fn every_account_is_in_exactly_one_shard() {
        let accounts = ids(500);
        for count in 1..=7 {
            for a in &accounts {
                let owners = (0..count).filter(|&index| Shard { index, count }.contains(a)).count();
                assert_eq!(owners, 1, "{a} with {count} shards");
            }
        }
    }

    #[test]
    fn assignment_is_fixed_forever() {
        // Pinned values (computed independently from the documented formula): changing the hash would
        // silently move accounts between the shards of a long-running deployment, so it must never change.
        let pinned: Vec<u32> = ["000000000000", "111122223333", "123456789012", "999999999999"]
            .iter()
            .map(|a| shard_of(a, 1000))
            .collect();
        assert_eq!(pinned, [45, 933, 431, 849]);
    }

    #[test]
    fn shards_are_balanced() {
        let accounts = ids(2000);
        for count in [2u32, 3, 8] {
            let mut sizes = vec![0usize; count as usize];
            for a in &accounts {
                sizes[shard_of(a, count) as usize] += 1;
            }
            let ideal = accounts.len() / count as usize;
            for s in &sizes {
                // Within 15 % of the ideal for 2000 accounts.
                assert!(s.abs_diff(ideal) * 100 <= ideal * 15, "sizes {sizes:?} for {count} shards");
            }
        }
    }

    #[test]
    fn selection_applies_lists_then_shard() {
        let sel = Selection { include: vec![], exclude: vec!["111111111111".into()], shard: None };
        assert!(sel.wants("222222222222"));
        assert!(!sel.wants("111111111111"));
        let only = Selection { include: vec!["222222222222".into()], ..Default::default() };
        assert!(!only.wants("333333333333"));
        assert!(parse_account_list("--accounts", &["12".into()]).is_err());
        assert_eq!(
            parse_account_list("--accounts", &["222222222222".into(), " 111111111111".into(), "222222222222".into()]),
            Ok(vec!["111111111111".to_string(), "222222222222".to_string()])
        );
    }
}
