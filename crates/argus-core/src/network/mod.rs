//! Network analysis over a region's EC2 / VPC snapshot data: which subnets route to the internet,
//! and which instances the internet can reach, hop by hop.

pub mod ports;
pub mod reachability;

pub use ports::{PortSpan, Transport};
pub use reachability::{
    Association, Blocked, InternetPath, IpFamily, MissingHop, NaclHop, PortExposure, PublicAddress, Reachability,
    RegionNetwork, RouteHop, Unreadable,
};
