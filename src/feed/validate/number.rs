//! Numbers as text without the standard library's float code: reading a decimal for a hint,
//! and writing a figure back into a message.

/// Text that reads as a decimal number: `76`, `-3.8`, `1e6`. (Not `str::parse::<f64>`: it
/// would bring the standard library's float parser and its 10 KB table into the page for one
/// hint.)
pub(super) fn is_plain_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut n = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        n += digits(&mut i);
    }
    if n == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// `x` rounded to one decimal, as `{:.1}` writes it (without the float formatting code that
/// brings into the page).
pub(super) fn one_decimal(x: f64) -> String {
    let tenths = (x * 10.0).round();
    let mut out = String::new();
    if tenths < 0.0 {
        out.push('-');
    }
    let t = tenths.abs() as u64;
    out.push_str(&(t / 10).to_string());
    out.push('.');
    out.push(char::from(b'0' + (t % 10) as u8));
    out
}

/// `10^n`, exact for `n <= 22`.
fn pow10(n: u32) -> f64 {
    let mut p = 1.0;
    for _ in 0..n {
        p *= 10.0;
    }
    p
}

/// A finite `x` in decimal, never with an exponent, exactly as `{x}` writes it when `x` was
/// written with up to 15 significant digits, as a feed's figures are. Not `{x}`: the standard
/// library's shortest-digits code was 5 KB gzip of the checker's page. A value that needs 16
/// or 17 digits may differ from `{x}` in its last digit; beyond 1e37 and below 1e-6, which no
/// figure reaches, about 14 digits are right.
pub(super) fn number(x: f64) -> String {
    let mut out = String::new();
    if x.is_sign_negative() {
        out.push('-');
    }
    // |x| is a × 10^q, with a in [1e-6, 1e37) (or 0), where powers of ten up to 10^22 are exact.
    let mut a = x.abs();
    let mut q: i32 = 0;
    while a >= 1e37 {
        a /= 1e22;
        q += 22;
    }
    while a > 0.0 && a < 1e-6 {
        a *= 1e22;
        q -= 22;
    }
    // The decimal exponent of a's first digit, give or take one.
    let mut e = 0i32;
    let mut t = a;
    while t >= 10.0 {
        t /= 10.0;
        e += 1;
    }
    while t > 0.0 && t < 1.0 {
        t *= 10.0;
        e -= 1;
    }
    // a × 10^k rounded, with k the decimal places that give 15 (else 16, else 17) digits:
    // n / 10^k is one correctly rounded operation, so it equals a only if the digits read back.
    let mut n = 0u64;
    let mut k = 0i32;
    // Scaled into range, `a` is not `x`'s own value: 15 digits then.
    let most = if q == 0 { 17 } else { 15 };
    for digits in 15..=most {
        k = digits - 1 - e;
        let p = pow10(k.unsigned_abs());
        let (scaled, back) = if k >= 0 {
            let n = (a * p).round();
            (n, n / p)
        } else {
            let n = (a / p).round();
            (n, n * p)
        };
        n = scaled as u64;
        if back == a {
            break;
        }
    }
    if n == 0 {
        out.push('0');
        return out;
    }
    q -= k;
    while q < 0 && n.is_multiple_of(10) {
        n /= 10;
        q += 1;
    }
    let digits = n.to_string();
    let places = q.unsigned_abs() as usize;
    if q >= 0 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', places));
    } else if let Some(whole) = digits.len().checked_sub(places).filter(|w| *w > 0) {
        let (int, frac) = digits.split_at(whole);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    } else {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', places - digits.len()));
        out.push_str(&digits);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn plain_numbers_and_one_decimal() {
        for yes in ["76", "-3.8", "+1", "1e6", "2.5E-3", ".5", "5."] {
            assert!(super::is_plain_number(yes), "{yes}");
        }
        for no in ["", "-", ".", "1e", "NaN", "1 638", "3,8", "12a", "e5"] {
            assert!(!super::is_plain_number(no), "{no}");
        }
        assert_eq!(super::one_decimal(-36.74), "-36.7");
        assert_eq!(super::one_decimal(5.0), "5.0");
        assert_eq!(super::one_decimal(0.04), "0.0");
        assert_eq!(super::one_decimal(12.96), "13.0");
    }

    #[test]
    fn numbers_read_as_rust_writes_them() {
        for x in [
            0.0,
            -0.0,
            12.5,
            -3.0,
            100.5,
            1e-7,
            0.1,
            0.30000000000000004,
            2.0000000000000004,
            4.35,
            1e20,
            123_456_789.123,
            2.5e15,
            9_007_199_254_740_993.0,
            -250.75,
            std::f64::consts::PI,
            1e-5,
            0.000123456,
            1e16,
            1e36,
            123.456e30,
        ] {
            assert_eq!(super::number(x), format!("{x}"));
        }
        // Every decimal of up to nine digits with up to eleven places, as a publisher writes it.
        let mut seed = 0x1234_5678_9abc_def0u64;
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let places = (seed >> 40) as i32 % 12;
            let x = (seed % 1_000_000_000) as f64 / 10f64.powi(places);
            assert_eq!(super::number(x), format!("{x}"));
        }
        // Sixteen or seventeen digits read back, though not always the ones `{x}` picks.
        for x in [
            1.2345678901234567e20,
            99.99999999999999,
            0.24813488304655687,
        ] {
            assert_eq!(super::number(x).parse::<f64>(), Ok(x));
        }
        // Far out of any figure's range the digits are only close.
        assert!(super::number(1.5e-300).starts_with("0.000"));
        assert!(super::number(-1e300).starts_with("-1000"));
    }
}
