//! What both benchmark binaries share: argument reading and percentiles.

use std::time::Duration;

/// `--name N` from the command line, or `default`.
pub fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[allow(dead_code)] // not every bench times single runs
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[allow(dead_code)]
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = std::time::Instant::now();
    let v = f();
    (v, t.elapsed())
}

/// The `p` quantile (0..=1) of sorted durations.
#[allow(dead_code)] // not every bench takes percentiles
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}
