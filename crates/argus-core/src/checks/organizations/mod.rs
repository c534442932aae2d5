//! AWS Organizations checks (account-wide): how the organization the audited account belongs to
//! governs its accounts. An account outside any organization is judged (it has none of these
//! controls); a read the account may not make (a member account listing the organization's policies)
//! is an ERROR naming the call.

use crate::engine::{CheckContext, Findings, Resource, GLOBAL_REGION};
use crate::snapshot::{Fetched, Organization, OrganizationsSnapshot};
use std::sync::Arc;

#[cfg(test)]
pub(crate) mod fixtures;

// The check files of this folder, found by build.rs (see `checks/mod.rs`).
include!(concat!(env!("OUT_DIR"), "/checks_organizations.rs"));

/// The organization as a finding's resource.
pub(crate) fn organization_resource(o: &Organization) -> Arc<Resource> {
    Arc::new(Resource {
        id: o.id.as_str().into(),
        arn: o.arn.as_str().into(),
        name: o.id.as_str().into(),
        region: GLOBAL_REGION,
        tags: Default::default(),
    })
}

/// The audited account's organization data and organization, or `None` after writing the finding
/// that stands instead of a judgement: nothing when Organizations was not collected, an ERROR when
/// DescribeOrganization failed, and a FAIL on the account saying `standalone` when the account
/// belongs to no organization.
pub(crate) fn organization<'a>(
    ctx: &CheckContext<'a>,
    out: &mut Findings,
    standalone: &str,
) -> Option<(&'a OrganizationsSnapshot, &'a Organization)> {
    let data = ctx.snapshot.organizations.as_ref()?;
    match &data.organization {
        Fetched::Ok(Some(o)) => Some((data, o)),
        Fetched::Ok(None) => {
            out.fail(ctx.account_resource(), format_args!("The account belongs to no AWS organization: {standalone}."));
            None
        }
        Fetched::Err(e) => {
            out.error(ctx.account_resource(), e);
            None
        }
    }
}
