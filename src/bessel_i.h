/* The modified Bessel function I_nu of a real order nu, scaled: e^-a I_nu(a) at a > 0, in long
   double (x87 or quad: 11+ spare bits, and an exponent range in which (a/2)^nu of a
   subnormal a stays normal), so that the derivatives below, which combine two orders, keep
   double precision. SciPy's ive (AMOS) is off by up to 270 ulps (ive(10, 1e-20), ive(2.5,
   7.25): 22), too far for these rules. Where long double is double (MSVC, Apple arm64) the
   results are a few ulps less accurate. */
#ifndef DUALNUM_BESSEL_I_H
#define DUALNUM_BESSEL_I_H
#include <math.h>

/* Orders |nu| above DN_BESSEL_NU_MAX take SciPy's ive (special_scipy.h): the series below
   would need about nu^2 terms. */
#define DN_BESSEL_NU_MAX 40.0

/* e^-a I_nu(a), a > 0, |nu| <= DN_BESSEL_NU_MAX, nu not a negative integer:
   * a >= max(25, nu^2): the large-argument expansion (DLMF 10.40.1), (2 pi a)^(-1/2) times
     sum_k (-1)^k a_k(nu) / a^k, a_k / a_(k-1) = (4 nu^2 - (2k - 1)^2) / (8k); its terms
     fall to e^(-2a) (k = 2a), and the exponentially small part it leaves out (DLMF 10.40.5)
     is e^(-2a) relatively (below 2^-72);
   * below, the power series (DLMF 10.25.2), (a/2)^nu / Gamma(nu + 1) sum_k t^k / (k!
     (nu + 1)_k), t = a^2/4, summed until its terms fall below 2^-68 of the sum (and at
     least past k = -nu, where a negative order's factor nu + k is smallest). For nu > -1
     the terms have one sign; for a negative order they change sign only where
     nu + k does, and what cancels there is the value itself, next to its zero, which long
     double's spare bits absorb. */
static inline long double dn__ive_ld(long double nu, long double a)
{
    long double s = 1.0L, term = 1.0L, m = 4.0L * nu * nu, t = 0.25L * a * a;
    int k;
    if (a >= 25.0L && a >= nu * nu) {
        for (k = 1; k < 200 && fabsl(term) > 0x1p-68L * fabsl(s); k++) {
            term *= -(m - (2.0L * k - 1.0L) * (2.0L * k - 1.0L)) / (8.0L * k * a);
            s += term;
        }
        return s / sqrtl(2.0L * 3.14159265358979323846264338327950288L * a);
    }
    for (k = 1; k <= 1.0L - nu || fabsl(term) > 0x1p-68L * fabsl(s); k++) {
        term *= t / (k * (nu + k));
        s += term;
    }
    return s * powl(0.5L * a, nu) * expl(-a) / tgammal(nu + 1.0L);
}

/* h(a) = e^-a I_nu(a) and h'(a), h''(a) in the large-argument region (a >= max(25, nu^2)):
   the expansion of dn__ive_ld, (2 pi)^(-1/2) sum_k c_k a^(-k-1/2), differentiated term by
   term (DLMF 10.40.1): h' = -sum (k + 1/2) c_k a^(-k-3/2), h'' = sum (k + 1/2)(k + 3/2) c_k
   a^(-k-5/2). Taken as h's parts, I_nu' - I_nu would cancel: h'/h is -1/(2a) for nu = 0,
   h''/h 3/(4a^2). The sums stop where their terms fall below 2^-68 of the sum or start to
   grow (the expansion diverges; at a = 25 its smallest term is e^-50 = 2^-72 of h). */
static inline void dn__ive_expansion(long double nu, long double a, long double h[3])
{
    long double m = 4.0L * nu * nu, term = 1.0L, s0 = 1.0L, s1 = 0.5L, s2 = 0.75L, next;
    int k;
    for (k = 1; k < 200; k++) {
        next = term * -(m - (2.0L * k - 1.0L) * (2.0L * k - 1.0L)) / (8.0L * k * a);
        if (fabsl(next) > fabsl(term) || fabsl(next) * k * k <= 0x1p-68L * fabsl(s2)) break;
        term = next;
        s0 += term;
        s1 += (k + 0.5L) * term;
        s2 += (k + 0.5L) * (k + 1.5L) * term;
    }
    term = 1.0L / sqrtl(2.0L * 3.14159265358979323846264338327950288L * a);
    h[0] = s0 * term;
    h[1] = -s1 * term / a;
    h[2] = s2 * term / (a * a);
}

/* e^-|x| times I_nu(x), I_nu'(x), I_nu''(x), from e0 = e^-a I_nu(a) and e1 = e^-a
   I_(nu+1)(a), a = |x| > 0: I_nu' = I_(nu+1) + (nu/x) I_nu (DLMF 10.29.2), terms of one
   sign for nu >= 0, and from the modified Bessel equation (DLMF 10.25.1) I_nu'' = I_nu (1 +
   nu (nu - 1) / x^2) - I_(nu+1)/x, whose last term is below I_nu/(2 nu + 1) for nu >= 0
   (DLMF 10.37): they cancel only next to a zero of the part (I_nu'' for nu in (0, 1); the
   parts of a negative order), by bits that long double has to spare. For x < 0 (integer nu:
   I_nu(-x) = (-1)^nu I_nu(x), DLMF 10.25.2) the signs follow the parity. */
static inline void dn__bessel_i_jet(long double nu, double x, long double e0, long double e1,
                                    long double g[3])
{
    long double a = fabsl((long double)x);
    int odd = x < 0.0 && fmodl(nu, 2.0L) == 1.0L;
    g[0] = odd ? -e0 : e0;
    g[1] = (odd || x > 0.0 ? 1.0L : -1.0L) * (e1 + nu * e0 / a);
    g[2] = (odd ? -1.0L : 1.0L) * (e0 * (1.0L + nu * (nu - 1.0L) / (a * a)) - e1 / a);
}

/* The limit at x = 0+ of c x^power: 0, c or an infinity of c's sign; 0 where c = 0 (the
   next term of the series then has a positive power). */
static inline long double dn__limit_at_zero(long double c, long double power)
{
    return c == 0.0L || power > 0.0L ? 0.0L : (power == 0.0L ? c : copysignl(INFINITY, c));
}

/* I_nu(0), I_nu'(0), I_nu''(0), nu not a negative integer: the limits of the first term of
   the series, (x/2)^nu / Gamma(nu + 1), and of its derivatives; but I_0'' = 1/2, the second
   term's (I_0 = 1 + x^2/4 + ...). */
static inline void dn__bessel_i_at_zero(long double nu, long double g[3])
{
    long double c = 1.0L / tgammal(nu + 1.0L);
    g[0] = dn__limit_at_zero(c, nu);
    g[1] = dn__limit_at_zero(0.5L * nu * c, nu - 1.0L);
    g[2] = nu == 0.0L ? 0.5L : dn__limit_at_zero(0.25L * nu * (nu - 1.0L) * c, nu - 2.0L);
}

#endif
