//! `ceil` and `round`, which the clock and the page's module round with for
//! want of std's (they are `no_std` on wasm32), against std's.

#[test]
fn they_round_as_std_does() {
    let values = [
        0.0,
        0.25,
        0.49999999999999994,
        0.5,
        2.5,
        2.4999,
        1.0,
        1.5,
        2.000001,
        999.999,
        1e15 + 0.5,
        4503599627370495.5,
        4503599627370496.0,
        1e300,
        f64::INFINITY,
    ];
    for x in values.into_iter().flat_map(|x| [x, -x]) {
        // std's is −0 for (−1, −0]; this one is 0, which compares equal.
        assert_eq!(virtual_clock::ceil(x), x.ceil(), "ceil({x})");
        assert_eq!(virtual_clock::round(x), x.round(), "round({x})");
    }
    assert!(virtual_clock::ceil(f64::NAN).is_nan() && virtual_clock::round(f64::NAN).is_nan());
}
