//! Macie is enabled (and not paused) in every audited region. Metadata: `checks/macie/macie_is_enabled.toml`.

use crate::engine::{Check, CheckContext, Findings};
use crate::snapshot::Fetched;

pub const CHECK: Check = Check { id: "macie_is_enabled", run };

fn run(ctx: &CheckContext<'_>, out: &mut Findings) {
    for (region, data) in &ctx.snapshot.regions {
        let Some(macie) = &data.macie else { continue };
        let r = ctx.region_resource(region);
        match &macie.status {
            Fetched::Ok(Some(status)) if status == "ENABLED" => {
                out.pass(r, format_args!("Macie is enabled in {region}."))
            }
            Fetched::Ok(Some(status)) if status == "PAUSED" => {
                out.fail(r, format_args!("Macie is suspended in {region}: it monitors and classifies nothing."))
            }
            Fetched::Ok(Some(status)) => {
                out.fail(r, format_args!("Macie is not enabled in {region} (status {status:?})."))
            }
            Fetched::Ok(None) => out.fail(r, format_args!("Macie is not enabled in {region}.")),
            Fetched::Err(e) => out.error(r, e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Status;
    use crate::snapshot::MacieRegion;
    use crate::testing::*;

    fn with_status(status: Fetched<Option<String>>) -> Vec<(String, Status)> {
        let mut s = snapshot();
        region_mut(&mut s, REGION).macie = Some(MacieRegion { status });
        statuses(&run_check(CHECK, &s))
    }

    #[test]
    fn enabled_passes_paused_and_off_fail() {
        assert_eq!(with_status(Fetched::Ok(Some("ENABLED".into()))), vec![(REGION.to_string(), Status::Pass)]);
        assert_eq!(with_status(Fetched::Ok(Some("PAUSED".into()))), vec![(REGION.to_string(), Status::Fail)]);
        assert_eq!(with_status(Fetched::Ok(None)), vec![(REGION.to_string(), Status::Fail)]);
    }

    #[test]
    fn a_denied_call_is_an_error() {
        assert_eq!(
            with_status(Fetched::Err(denied("macie2", "GetMacieSession"))),
            vec![(REGION.to_string(), Status::Error)]
        );
    }
}
