//! Largest-Triangle-Three-Buckets (Steinarsson, 2013): keeps `threshold` of a line's points so
//! that its shape survives. Used only to draw very long series; hit-testing and the tooltip
//! still use every point, so no value is lost to the reader.

/// Indices of the points to keep (always the first and the last), in order.
pub fn lttb(points: &[(f64, f64)], threshold: usize) -> Vec<usize> {
    let n = points.len();
    if threshold >= n || threshold < 3 {
        return (0..n).collect();
    }
    let mut keep = Vec::with_capacity(threshold);
    keep.push(0);
    let every = (n - 2) as f64 / (threshold - 2) as f64;
    let mut a = 0usize;
    for i in 0..threshold - 2 {
        // The next bucket's average is the third corner of the triangle.
        let next_start = ((i + 1) as f64 * every).floor() as usize + 1;
        let next_end = (((i + 2) as f64 * every).floor() as usize + 1).min(n);
        let span = next_end.saturating_sub(next_start).max(1) as f64;
        let (mut ax, mut ay) = (0.0, 0.0);
        for p in &points[next_start..next_end.max(next_start)] {
            ax += p.0;
            ay += p.1;
        }
        let (ax, ay) = (ax / span, ay / span);
        let start = (i as f64 * every).floor() as usize + 1;
        let end = (((i + 1) as f64 * every).floor() as usize + 1).min(n - 1);
        let (px, py) = points[a];
        let mut best = (start, -1.0);
        for (j, p) in points
            .iter()
            .enumerate()
            .take(end.max(start + 1))
            .skip(start)
        {
            let area = ((px - ax) * (p.1 - py) - (px - p.0) * (ay - py)).abs();
            if area > best.1 {
                best = (j, area);
            }
        }
        keep.push(best.0);
        a = best.0;
    }
    keep.push(n - 1);
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_ends_and_the_count_asked_for() {
        let pts: Vec<(f64, f64)> = (0..10_000)
            .map(|i| (f64::from(i), (f64::from(i) / 50.0).sin()))
            .collect();
        let keep = lttb(&pts, 500);
        assert_eq!(keep.len(), 500);
        assert_eq!(keep[0], 0);
        assert_eq!(*keep.last().unwrap(), 9_999);
        assert!(keep.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_lone_spike_survives_decimation() {
        let mut pts: Vec<(f64, f64)> = (0..1000).map(|i| (f64::from(i), 0.0)).collect();
        pts[567].1 = 100.0;
        assert!(lttb(&pts, 50).contains(&567));
    }

    #[test]
    fn short_series_are_kept_whole() {
        let pts = vec![(0.0, 1.0), (1.0, 2.0)];
        assert_eq!(lttb(&pts, 100), vec![0, 1]);
    }
}
