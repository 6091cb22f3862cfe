//! Links the `wengao` binary at a fixed address (not PIE) on Linux/glibc, for a faster start.

fn main() {
    // Most conversions take a few milliseconds, so program start-up is a large share of each.
    // As a position-independent executable this 14 MB binary spends about 0.4 ms of every run
    // on load-time relocations and the page faults they cause; linked at a fixed address, a
    // seed → HTML run takes ~18% less time (scripts/bench-anchors.py). The price is that the
    // executable's own image is not address-randomised (its libraries still are). Only the
    // binary is affected: the library, tests' helpers and proc macros are built as usual.
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
