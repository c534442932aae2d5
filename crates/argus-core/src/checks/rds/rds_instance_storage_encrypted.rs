//! DB instances encrypt their storage at rest. Metadata: `checks/rds/rds_instance_storage_encrypted.toml`.

use super::{each_instance, instance_resource};
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "rds_instance_storage_encrypted", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_instance(ctx, out, |region, _, i, out| {
        let r = instance_resource(ctx, i, region);
        if i.storage_encrypted {
            let key = i.kms_key_id.as_deref().unwrap_or("the default RDS key");
            out.pass(r, format_args!("DB instance {} storage is encrypted with {key}.", i.id));
        } else {
            out.fail(r, format_args!("DB instance {} storage is not encrypted at rest.", i.id));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rds::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{DbInstance, Fetched};
    use crate::testing::*;

    #[test]
    fn encrypted_passes_plain_fails_unlisted_errors() {
        let mut s = snapshot();
        instances(&mut s).extend([instance("enc"), DbInstance { storage_encrypted: false, ..instance("plain") }]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "enc"), Status::Pass);
        assert_eq!(status_of(&f, "plain"), Status::Fail);

        rds(&mut s).instances = Fetched::Err(denied("rds", "DescribeDBInstances"));
        assert_eq!(status_of(&run_check(CHECK, &s), REGION), Status::Error);
    }
}
