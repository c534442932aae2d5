//! Functions are attached to a VPC. Metadata: `checks/awslambda/awslambda_function_inside_vpc.toml`.

use super::lambda_common::each_function;
use crate::engine::{Check, CheckContext, Findings};

pub const CHECK: Check = Check { id: "awslambda_function_inside_vpc", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_function(ctx, out, |f, r, out| {
        let attached =
            f.vpc.as_ref().filter(|v| v.vpc_id.as_deref().is_some_and(|id| !id.is_empty()) || !v.subnet_ids.is_empty());
        match attached {
            Some(v) => out.pass(
                r,
                format_args!(
                    "Function {} is attached to VPC {} ({} subnet(s)).",
                    f.name,
                    v.vpc_id.as_deref().filter(|id| !id.is_empty()).unwrap_or("(id not reported)"),
                    v.subnet_ids.len()
                ),
            ),
            None => out.fail(r, format_args!("Function {} is not attached to a VPC.", f.name)),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::lambda_fixtures::*;
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::{Function, FunctionVpcConfig};
    use crate::testing::*;

    #[test]
    fn vpc_attachment_decides() {
        let mut s = snapshot();
        let empty = FunctionVpcConfig { vpc_id: Some(String::new()), subnet_ids: vec![], security_group_ids: vec![] };
        functions(&mut s).extend([
            function("in-vpc"),
            Function { vpc: None, ..function("no-config") },
            Function { vpc: Some(empty), ..function("empty-config") },
        ]);
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "in-vpc"), Status::Pass);
        assert_eq!(status_of(&f, "no-config"), Status::Fail);
        assert_eq!(status_of(&f, "empty-config"), Status::Fail);
    }

    #[test]
    fn listing_failure_errors() {
        let mut s = snapshot();
        fail_listing(&mut s);
        assert_eq!(statuses(&run_check(CHECK, &s)), vec![(REGION.to_string(), Status::Error)]);
    }
}
