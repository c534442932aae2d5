//! DB instances' server certificates stay valid for at least 90 more days. Metadata:
//! `checks/rds/rds_instance_certificate_expiration.toml`.
//!
//! The expiry is the instance's own (CertificateDetails.ValidTill of DescribeDBInstances); where
//! that is not reported, its certificate authority's (DescribeCertificates).

use super::{each_instance, instance_resource};
use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "rds_instance_certificate_expiration", run };

/// Fewer days of validity left than this FAIL: rotating a certificate authority needs a
/// maintenance window and client trust-store updates.
const MIN_DAYS_LEFT: i64 = 90;

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    each_instance(ctx, out, |region, rds, i, out| {
        let r = instance_resource(ctx, i, region);
        let ca = i.ca_certificate_identifier.as_deref().unwrap_or("unknown");
        let (valid_till, what) = match i.certificate_valid_till {
            Some(t) => (t, format!("its server certificate (CA {ca})")),
            None => {
                let Some(ca) = i.ca_certificate_identifier.as_deref() else {
                    return out.error_message(
                        r,
                        "could not be evaluated: DescribeDBInstances returned neither CertificateDetails nor CACertificateIdentifier",
                    );
                };
                let certificates = match &rds.certificates {
                    Some(Fetched::Ok(c)) => c,
                    Some(Fetched::Err(e)) => return out.error(r, e),
                    None => {
                        return out
                            .error_message(r, "could not be evaluated: the certificate authorities were not read")
                    }
                };
                match certificates.iter().find(|c| c.id == ca).and_then(|c| c.valid_till) {
                    Some(t) => (t, format!("its certificate authority {ca}")),
                    None => {
                        return out.error_message(
                            r,
                            format_args!("could not be evaluated: DescribeCertificates gives no validity for {ca}"),
                        )
                    }
                }
            }
        };
        let days = (valid_till - ctx.now).num_days();
        let date = valid_till.format("%Y-%m-%d");
        if valid_till <= ctx.now {
            out.fail(r, format_args!("DB instance {}: {what} expired on {date}.", i.id));
        } else if days < MIN_DAYS_LEFT {
            out.fail(r, format_args!("DB instance {}: {what} expires on {date}, in {days} days.", i.id));
        } else {
            out.pass(r, format_args!("DB instance {}: {what} is valid until {date} ({days} days).", i.id));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rds::fixtures::*;
    use crate::engine::Status;
    use crate::snapshot::{DbInstance, RdsCertificate};
    use crate::testing::*;

    #[test]
    fn days_left_decide_and_the_authority_fills_in() {
        let mut s = snapshot();
        let no_details = |id: &str, ca: &str| DbInstance {
            certificate_valid_till: None,
            ca_certificate_identifier: Some(ca.into()),
            ..instance(id)
        };
        instances(&mut s).extend([
            instance("fresh"),
            DbInstance { certificate_valid_till: Some(days_ago(-30)), ..instance("soon") },
            DbInstance { certificate_valid_till: Some(days_ago(2)), ..instance("expired") },
            no_details("by-ca", "rds-ca-rsa2048-g1"),
            no_details("old-ca", "rds-ca-2019"),
            no_details("unknown-ca", "rds-ca-nosuch"),
            DbInstance { ca_certificate_identifier: None, ..no_details("bare", "x") },
        ]);
        rds(&mut s).certificates = Some(Fetched::Ok(vec![
            RdsCertificate { id: "rds-ca-rsa2048-g1".into(), valid_till: Some(days_ago(-3000)) },
            RdsCertificate { id: "rds-ca-2019".into(), valid_till: Some(days_ago(400)) },
        ]));
        let f = run_check(CHECK, &s);
        assert_eq!(status_of(&f, "fresh"), Status::Pass);
        assert_eq!(status_of(&f, "soon"), Status::Fail);
        assert!(finding_message(&f, "soon").contains("in 30 days"), "{}", finding_message(&f, "soon"));
        assert_eq!(status_of(&f, "expired"), Status::Fail);
        assert_eq!(status_of(&f, "by-ca"), Status::Pass);
        assert_eq!(status_of(&f, "old-ca"), Status::Fail);
        assert_eq!(status_of(&f, "unknown-ca"), Status::Error);
        assert_eq!(status_of(&f, "bare"), Status::Error);
    }

    #[test]
    fn unreadable_authorities_error() {
        let mut s = snapshot();
        instances(&mut s).push(DbInstance { certificate_valid_till: None, ..instance("db") });
        rds(&mut s).certificates = Some(Fetched::Err(denied("rds", "DescribeCertificates")));
        assert_eq!(status_of(&run_check(CHECK, &s), "db"), Status::Error);
    }
}
