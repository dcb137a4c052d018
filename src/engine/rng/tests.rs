use super::*;

/// Output of tests/fixtures/rng_reference.py (an independent Python implementation of the same
/// algorithms in Python integers and IEEE doubles). Floats are compared by their bits.
mod reference {
    pub const NEW_0: [u64; 5] =
        [0x99EC5F36CB75F2B4, 0xBF6E1F784956452A, 0x1A5F849D4933E6E0, 0x6AA594F1262D2D2C, 0xBBA5AD4A1F842E59];
    pub const NEW_1: [u64; 5] =
        [0xB3F2AF6D0FC710C5, 0x853B559647364CEA, 0x92F89756082A4514, 0x642E1C7BC266A3A7, 0xB27A48E29A233673];
    pub const STREAM_42_0: [u64; 3] = [0x4B1EDFE929D12BC8, 0x3DE46B385B906DBE, 0xF805FB10A38E1A75];
    pub const STREAM_42_1: [u64; 3] = [0x76377ABE998F51A3, 0x9450BFDF2DB7D08A, 0x83332CA6D09613C9];
    pub const STREAM_42_3_7: [u64; 3] = [0x6D9C195799132429, 0x9F821EF663D4BE78, 0xD8D4997D3AB5A4C8];
    pub const UNIFORM_1: [u64; 3] = [0x3FE67E55EDA1F8E2, 0x3FE0A76AB2C8E6C9, 0x3FE25F12EAC10548];
    pub const BELOW_10: [u64; 8] = [7, 5, 5, 3, 6, 1, 0, 3];
    pub const BELOW_3: [u64; 4] = [2, 1, 2, 2];
    pub const BELOW_HUGE: [u64; 3] = [742075105987018307, 4531995491836664855, 588214690273458903];
    pub const NORMAL: [u64; 4] = [0x3FE9356A7A1BBE22, 0xBFE45648F30D6B8E, 0x3FB430BD816B81EC, 0x3FC48298177B4179];
    pub const EXPONENTIAL_2: [u64; 4] =
        [0x3F9D64CF3594F14F, 0x3FE861395E6EE7BF, 0x3FA324F65C249033, 0x3FB646214090A367];
    pub const GAMMA_2_5_SCALE_2: [u64; 4] =
        [0x401C5CF8287775CF, 0x3FF187A2BBB2E5C7, 0x40134A1D59A0E8CA, 0x400609749FE4B8D3];
    pub const GAMMA_0_5: [u64; 4] = [0x3FF3CBA42FE0E279, 0x3F77F05F861772E3, 0x3FF8F79E53F6110C, 0x3FD2B150EE679C9B];
    pub const BETA_2_5: [u64; 4] = [0x3FE316AD0D68EAAB, 0x3FD693E96FE17866, 0x3FD468936619EC6F, 0x3FB99616E74C81F0];
    pub const LOGNORMAL_1_0_5: [u64; 4] =
        [0x40101F35E8FE6F9B, 0x3FFFA714F7EED78C, 0x40069EF5BCD16990, 0x40078F69E3459318];
    pub const POISSON_3_5: [u64; 8] = [1, 5, 1, 2, 5, 2, 3, 2];
    pub const POISSON_25: [u64; 8] = [16, 29, 23, 26, 32, 29, 30, 27];
    pub const POISSON_1000: [u64; 8] = [933, 942, 1027, 990, 1005, 1021, 1043, 1027];
    pub const WEIGHTED: [usize; 10] = [0, 3, 0, 0, 3, 1, 1, 1, 3, 0];
    /// ln(0.1), ln(123456.789), ln(1e-310), exp(-3.7), exp(12.5), exp(-740.0)
    pub const LN_EXP: [u64; 6] =
        [0xC0026BB1BBB55515, 0x40277281CAD8A844, 0xC0864E69394D9508, 0x3F99511FC6871044, 0x411060C52565BA66, 0x55];
}

fn take<T>(n: usize, mut draw: impl FnMut() -> T) -> Vec<T> {
    (0..n).map(|_| draw()).collect()
}

fn float_bits(values: Vec<f64>) -> Vec<u64> {
    values.into_iter().map(f64::to_bits).collect()
}

#[test]
fn xoshiro_core_matches_the_authors_test_vector() {
    // xoshiro256** from state [1, 2, 3, 4]: the published reference outputs (also in rand_xoshiro).
    let mut rng = Rng { state: [1, 2, 3, 4] };
    assert_eq!(
        take(6, || rng.next_u64()),
        [11520, 0, 1509978240, 1215971899390074240, 1216172134540287360, 607988272756665600]
    );
    // splitmix64's first output from state 0 is the well-known 0xE220A8397B1DCDAF.
    let mut sm = 0;
    assert_eq!(splitmix64_next(&mut sm), 0xE220_A839_7B1D_CDAF);
}

#[test]
fn first_outputs_match_the_python_reference() {
    let mut rng = Rng::new(0);
    assert_eq!(take(5, || rng.next_u64()), reference::NEW_0);
    let mut rng = Rng::new(1);
    assert_eq!(take(5, || rng.next_u64()), reference::NEW_1);
    let mut rng = Rng::for_stream(42, 0);
    assert_eq!(take(3, || rng.next_u64()), reference::STREAM_42_0);
    let mut rng = Rng::for_stream(42, 1);
    assert_eq!(take(3, || rng.next_u64()), reference::STREAM_42_1);
    let mut rng = Rng::for_stream(42, 3 << 32 | 7);
    assert_eq!(take(3, || rng.next_u64()), reference::STREAM_42_3_7);
    let mut rng = Rng::new(1);
    assert_eq!(float_bits(take(3, || rng.uniform())), reference::UNIFORM_1);
    let mut rng = Rng::new(1);
    assert_eq!(take(8, || rng.below(10)), reference::BELOW_10);
    assert_eq!(take(4, || rng.below(3)), reference::BELOW_3);
    assert_eq!(take(3, || rng.below((1 << 63) + 1)), reference::BELOW_HUGE);
}

#[test]
fn distribution_draws_match_the_python_reference_bit_for_bit() {
    let fresh = || Rng::new(2024);
    let mut rng = fresh();
    assert_eq!(float_bits(take(4, || rng.normal())), reference::NORMAL);
    let mut rng = fresh();
    assert_eq!(float_bits(take(4, || rng.exponential(2.0))), reference::EXPONENTIAL_2);
    let mut rng = fresh();
    assert_eq!(float_bits(take(4, || rng.gamma(2.5, 2.0))), reference::GAMMA_2_5_SCALE_2);
    let mut rng = fresh();
    assert_eq!(float_bits(take(4, || rng.gamma(0.5, 1.0))), reference::GAMMA_0_5);
    let mut rng = fresh();
    assert_eq!(float_bits(take(4, || rng.beta(2.0, 5.0))), reference::BETA_2_5);
    let mut rng = fresh();
    assert_eq!(float_bits(take(4, || rng.lognormal(1.0, 0.5))), reference::LOGNORMAL_1_0_5);
    let mut rng = fresh();
    assert_eq!(take(8, || rng.poisson(3.5)), reference::POISSON_3_5);
    let mut rng = fresh();
    assert_eq!(take(8, || rng.poisson(25.0)), reference::POISSON_25);
    let mut rng = fresh();
    assert_eq!(take(8, || rng.poisson(1000.0)), reference::POISSON_1000);
    let mut rng = fresh();
    assert_eq!(take(10, || rng.weighted_index(&[1.0, 2.0, 0.0, 3.0])), reference::WEIGHTED);
    let ln_exp = [ln(0.1), ln(123456.789), ln(1e-310), exp(-3.7), exp(12.5), exp(-740.0)];
    assert_eq!(ln_exp.map(f64::to_bits), reference::LN_EXP);
}

const DRAWS: usize = 200_000;

/// Sample mean and (unbiased) variance.
fn moments(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0);
    (mean, variance)
}

/// Mean within 5 standard errors of theory; variance within `variance_tolerance` (relative), which
/// each caller sizes from the distribution's kurtosis: sd(sample var) = sigma^2 sqrt((kurt - 1)/n).
fn assert_moments(name: &str, values: &[f64], mean: f64, variance: f64, variance_tolerance: f64) {
    let (m, v) = moments(values);
    let standard_error = (variance / values.len() as f64).sqrt();
    assert!((m - mean).abs() < 5.0 * standard_error, "{name}: mean {m}, theory {mean} (se {standard_error})");
    assert!(
        ((v - variance) / variance).abs() < variance_tolerance,
        "{name}: variance {v}, theory {variance} (tolerance {variance_tolerance})"
    );
}

#[test]
fn uniform_below_and_bernoulli_moments() {
    let mut rng = Rng::new(11);
    let u = take(DRAWS, || rng.uniform());
    assert!(u.iter().all(|&x| (0.0..1.0).contains(&x)));
    assert_moments("uniform", &u, 0.5, 1.0 / 12.0, 0.02);

    let mut counts = [0usize; 10];
    for _ in 0..DRAWS {
        counts[rng.below(10) as usize] += 1;
    }
    // Each bucket: binomial(200k, 0.1), sd = sqrt(200k * 0.09) = 134; allow 5 sd.
    for (digit, &count) in counts.iter().enumerate() {
        assert!((count as f64 - 20_000.0).abs() < 670.0, "digit {digit}: {count}");
    }

    let hits = (0..DRAWS).filter(|_| rng.bernoulli(0.3)).count() as f64 / DRAWS as f64;
    // sd = sqrt(0.21 / 200k) = 0.001
    assert!((hits - 0.3).abs() < 0.005, "bernoulli(0.3): {hits}");
    assert!(!(0..1000).any(|_| rng.bernoulli(0.0)) && (0..1000).all(|_| rng.bernoulli(1.0)));
}

#[test]
fn normal_and_lognormal_moments() {
    let mut rng = Rng::new(12);
    let z = take(DRAWS, || rng.normal());
    // Normal kurtosis 3: sd(var) = sqrt(2/n) = 0.32 %.
    assert_moments("normal", &z, 0.0, 1.0, 0.016);
    let below_one = z.iter().filter(|&&x| x < 1.0).count() as f64 / DRAWS as f64;
    // Phi(1) = 0.8413447 (Python: 0.5 * (1 + erf(1 / sqrt(2)))); sd = sqrt(0.134/200k) = 0.0008.
    assert!((below_one - 0.841_344_7).abs() < 0.004, "P(Z < 1) = {below_one}");

    let x = take(DRAWS, || rng.lognormal(1.0, 0.5));
    // mean e^(mu + s^2/2) = e^1.125 = 3.0802168; var (e^(s^2) - 1) e^(2mu + s^2) = 2.6947581.
    // Excess kurtosis e^1 + 2e^0.75 + 3e^0.5 - 6 = 5.9, so sd(var) = sqrt(6.9/n) = 0.6 %.
    assert_moments("lognormal", &x, 3.080_216_848_918_031, 2.694_758_124_344_947, 0.03);
}

#[test]
fn exponential_gamma_and_beta_moments() {
    let mut rng = Rng::new(13);
    let x = take(DRAWS, || rng.exponential(2.0));
    // mean 1/rate, var 1/rate^2; kurtosis 9: sd(var) = sqrt(8/n) = 0.63 %.
    assert_moments("exponential(2)", &x, 0.5, 0.25, 0.035);

    let x = take(DRAWS, || rng.gamma(2.5, 2.0));
    // mean k theta = 5, var k theta^2 = 10; kurtosis 3 + 6/k = 5.4: sd(var) = 0.47 %.
    assert_moments("gamma(2.5, 2)", &x, 5.0, 10.0, 0.025);

    let x = take(DRAWS, || rng.gamma(0.5, 1.0));
    // mean 0.5, var 0.5; kurtosis 15: sd(var) = 0.84 %.
    assert_moments("gamma(0.5, 1)", &x, 0.5, 0.5, 0.045);
    // P(X < 0.1) for Gamma(1/2, 1) = erf(sqrt(0.1)) = 0.3452792 (Python math.erf); sd 0.0011.
    let below = x.iter().filter(|&&v| v < 0.1).count() as f64 / DRAWS as f64;
    assert!((below - 0.345_279_2).abs() < 0.006, "P(X < 0.1) = {below}");

    let x = take(DRAWS, || rng.gamma(30.0, 0.1));
    assert_moments("gamma(30, 0.1)", &x, 3.0, 0.3, 0.02);

    let x = take(DRAWS, || rng.beta(2.0, 5.0));
    // mean a/(a+b) = 2/7; var ab / ((a+b)^2 (a+b+1)) = 10 / (49 * 8) = 0.0255102.
    assert!(x.iter().all(|&v| (0.0..=1.0).contains(&v)));
    assert_moments("beta(2, 5)", &x, 2.0 / 7.0, 10.0 / 392.0, 0.02);

    let x = take(DRAWS, || rng.beta(0.5, 0.5));
    // Arcsine law: mean 1/2, var 1/8.
    assert_moments("beta(0.5, 0.5)", &x, 0.5, 0.125, 0.02);
}

#[test]
fn poisson_moments_on_both_sides_of_the_method_switch() {
    let mut rng = Rng::new(14);
    for lambda in [0.3, 3.5, 9.99, 10.0, 25.0, 1000.0] {
        let x: Vec<f64> = take(DRAWS, || rng.poisson(lambda) as f64);
        // Poisson: mean = var = lambda; kurtosis 3 + 1/lambda: sd(var) < sqrt(5.4/n) = 0.52 %.
        assert_moments(&format!("poisson({lambda})"), &x, lambda, lambda, 0.03);
    }
    let zeros = (0..DRAWS).filter(|_| rng.poisson(3.5) == 0).count() as f64 / DRAWS as f64;
    // P(0) = e^-3.5 = 0.0301974; sd = sqrt(0.029/200k) = 0.00038.
    assert!((zeros - 0.030_197_4).abs() < 0.002, "P(X = 0) = {zeros}");
    // P(X = 1000) for lambda 1000 = e^(-1000 + 1000 ln 1000 - ln 1000!) = 0.0126146 (Python).
    let modes = (0..DRAWS).filter(|_| rng.poisson(1000.0) == 1000).count() as f64 / DRAWS as f64;
    assert!((modes - 0.012_614_6).abs() < 0.0013, "P(X = 1000) = {modes}");
}

#[test]
fn weighted_index_frequencies() {
    let mut rng = Rng::new(15);
    let weights = [1.0, 2.0, 0.0, 3.0, -4.0, f64::NAN];
    let mut counts = [0usize; 6];
    for _ in 0..DRAWS {
        counts[rng.weighted_index(&weights)] += 1;
    }
    assert_eq!((counts[2], counts[4], counts[5]), (0, 0, 0), "zero, negative and NaN weights are never drawn");
    for (i, expected) in [(0, 1.0 / 6.0), (1, 2.0 / 6.0), (3, 3.0 / 6.0)] {
        let share = counts[i] as f64 / DRAWS as f64;
        assert!((share - expected).abs() < 0.005, "index {i}: {share} vs {expected}");
    }
    // No positive weight: uniform over all indices.
    let mut counts = [0usize; 3];
    for _ in 0..30_000 {
        counts[rng.weighted_index(&[0.0, 0.0, 0.0])] += 1;
    }
    assert!(counts.iter().all(|&c| (9_000..11_000).contains(&c)), "{counts:?}");
}

#[test]
fn invalid_parameters_give_nan_or_zero_instead_of_panicking() {
    let mut rng = Rng::new(16);
    assert!(rng.gamma(0.0, 1.0).is_nan());
    assert!(rng.gamma(-1.0, 1.0).is_nan());
    assert!(rng.gamma(1.0, f64::NAN).is_nan());
    assert!(rng.beta(0.0, 1.0).is_nan());
    assert!(rng.exponential(0.0).is_nan());
    assert_eq!(rng.poisson(0.0), 0);
    assert_eq!(rng.poisson(-3.0), 0);
    assert_eq!(rng.poisson(f64::NAN), 0);
    assert_eq!(rng.poisson(f64::INFINITY), u64::MAX);
    assert!(!rng.bernoulli(f64::NAN));
}

#[test]
fn same_seed_same_stream_and_clones_replay() {
    let mut a = Rng::new(99);
    let mut b = Rng::new(99);
    assert_eq!(take(1000, || a.next_u64()), take(1000, || b.next_u64()));
    let mut c = a.clone();
    assert_eq!(take(100, || a.gamma(0.7, 3.0).to_bits()), take(100, || c.gamma(0.7, 3.0).to_bits()));
    let mut d = Rng::for_stream(5, 17);
    let mut e = Rng::for_stream(5, 17);
    assert_eq!(take(100, || d.poisson(40.0)), take(100, || e.poisson(40.0)));
}

#[test]
fn different_streams_and_seeds_differ() {
    // First outputs of 10k streams of one seed and of 10k seeds of one stream (a stream outside
    // the first set, so no pair repeats) are all distinct.
    let mut firsts: Vec<u64> = (0..10_000).map(|s| Rng::for_stream(42, s).next_u64()).collect();
    firsts.extend((0..10_000).map(|seed| Rng::for_stream(seed, 1_000_003).next_u64()));
    firsts.extend((0..10_000).map(|seed| Rng::new(seed).next_u64()));
    let count = firsts.len();
    firsts.sort_unstable();
    firsts.dedup();
    assert_eq!(firsts.len(), count);

    // Adjacent streams are uncorrelated: Pearson r of 100k paired uniforms has sd 1/sqrt(n) = 0.003.
    for (s, t) in [(0, 1), (1, 2), (7, 1 << 32 | 7)] {
        let mut a = Rng::for_stream(3, s);
        let mut b = Rng::for_stream(3, t);
        let n = 100_000;
        let pairs: Vec<(f64, f64)> = (0..n).map(|_| (a.uniform() - 0.5, b.uniform() - 0.5)).collect();
        let covariance = pairs.iter().map(|(x, y)| x * y).sum::<f64>() / n as f64;
        let r = covariance * 12.0;
        assert!(r.abs() < 0.015, "streams {s} and {t}: r = {r}");
    }
}
