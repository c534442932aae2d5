//! Every EFS file system is encrypted at rest. Metadata: `checks/efs/efs_encryption_at_rest_enabled.toml`.

use super::each_file_system;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "efs_encryption_at_rest_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_file_system(ctx, out, |_, _, fs, r, out| {
        if fs.encrypted {
            match fs.kms_key_id.as_deref().filter(|k| !k.trim().is_empty()) {
                Some(key) => out.pass(r, format_args!("The file system is encrypted at rest with {key}.")),
                None => out.pass(r, "The file system is encrypted at rest."),
            }
        } else {
            out.fail(r, "The file system is not encrypted at rest.");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::efs::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{Fetched, FileSystem};
    use crate::testing::*;

    #[test]
    fn unencrypted_fails_encrypted_passes() {
        let mut s = snapshot();
        file_systems(&mut s).extend([
            file_system("fs-enc"),
            FileSystem { encrypted: false, kms_key_id: None, ..file_system("fs-plain") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "fs-enc"), Status::Pass);
        assert_eq!(status_of(&f, "fs-plain"), Status::Fail);
    }

    #[test]
    fn failed_listing_is_a_region_error() {
        let mut s = snapshot();
        region_mut(&mut s, REGION).efs.as_mut().unwrap().file_systems =
            Fetched::Err(denied("efs", "DescribeFileSystems"));
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
