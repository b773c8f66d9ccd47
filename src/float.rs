//! What the crate rounds, for want of std's float methods: the page's
//! module is `no_std`, and core has no `round` or `ceil`.

/// Above this, every f64 is a whole number.
const WHOLE: f64 = 4_503_599_627_370_496.0; // 2^52

/// `x.round()`, for `x` ≥ 0: halves away from zero.
pub(crate) fn round(x: f64) -> f64 {
    if x >= WHOLE || x.is_nan() {
        return x;
    }
    let whole = x as u64 as f64;
    // Exact: both are below 2^52.
    if x - whole >= 0.5 {
        whole + 1.0
    } else {
        whole
    }
}

/// `x.ceil()`, for `x` ≥ 0.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn ceil(x: f64) -> f64 {
    if x >= WHOLE || x.is_nan() {
        return x;
    }
    let whole = x as u64 as f64;
    if whole < x {
        whole + 1.0
    } else {
        whole
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn they_round_as_std_does() {
        for x in
            [0.0, 0.25, 0.5, 0.49999999999999994, 1.5, 2.5, 2.4999, 3.0000001, 1e15 + 0.5, 4503599627370495.5, WHOLE, 1e300, f64::INFINITY]
        {
            assert_eq!(round(x), x.round(), "round({x})");
            assert_eq!(ceil(x), x.ceil(), "ceil({x})");
        }
        assert!(round(f64::NAN).is_nan() && ceil(f64::NAN).is_nan());
    }
}
