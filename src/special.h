/* Digamma, trigamma and tetragamma (polygamma orders 0, 1, 2) of a real double.

   Pure functions of their argument (no globals, no errno), so kernels may call them without
   the GIL. Relative error is a few ulps everywhere except right at a zero of the function
   (the roots of digamma, the zeros of tetragamma just off negative half-integers), where it
   is the absolute error that stays tiny.
   Edge values, the same for all three unless stated:
     nan -> nan;  -inf -> nan (no limit: the poles accumulate there);
     poles x = +0, -0, -1, -2, ... -> nan (the infinity's sign depends on the side);
     +inf -> digamma +inf, trigamma +0, tetragamma -0 (the limits);
     tiny |x|: digamma ~ -1/x, trigamma ~ 1/x^2, tetragamma ~ -2/x^3, overflowing to +-inf
     only where the true value is beyond DBL_MAX; huge x: trigamma ~ 1/x, tetragamma ~ -1/x^2,
     which underflow (gradually) to 0 only where the true value does. */
#ifndef DUALNUM_SPECIAL_H
#define DUALNUM_SPECIAL_H
#include <math.h>

/* Positive root of digamma as hi + lo, so that digamma stays relatively accurate within
   a few ulps of it. */
#define DN__X0_HI 1.4616321449683622
#define DN__X0_LO 9.549995429965697e-17

/* sum_{k=1..8} c_k B_2k z^(k-1) in Horner form, c_k = 1/(2k), 1 or 2k+1 for orders 0, 1, 2:
   the tails of the asymptotic expansions in z = 1/x^2. Eight terms are enough because the
   callers only use them at x >= 10 (order 0), 12 (1), 13 (2) or 16 (long double), where the
   first omitted term is below 1e-17 (1e-20 at 16) relative to the result. */
static inline double dn__bernoulli_tail(double z, int order)
{
    static const double b2k[8] = {1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66,
                                  -691.0 / 2730, 7.0 / 6, -3617.0 / 510};
    double s = 0.0;
    int k;
    for (k = 8; k >= 1; k--)
        s = s * z + b2k[k - 1] * (order == 0 ? 0.5 / k : order == 1 ? 1.0 : 2.0 * k + 1.0);
    return s;
}

/* Digamma on [1, 2], which holds its positive root x0. Subtracting two O(1) numbers there
   would lose all relative accuracy, so the root is factored out:
       psi(x) = [psi(x + 3) - psi(x0 + 3)] + dx * sum_{j<3} 1/((x + j)(x0 + j)),  dx = x - x0,
   with the bracket as a Taylor series about x0 + 3. Peeling three poles moves the nearest
   singularity to -3, so 18 terms reach 1e-18 on all of [1, 2]. */
static inline double dn__digamma_12(double x, double xlo)   /* at x + xlo, |xlo| <= ulp */
{
    static const double c[18] = {   /* psi^(k)(x0 + 3) / k!, k = 1..18 */
        0.25110943691378529, -0.031368426333202831, 0.0051990695075836363,
        -0.00096482785117697159, 0.00019011692036200793, -3.8852687791919562e-05,
        8.1328175003001976e-06, -1.7309579123061582e-06, 3.7284423726304355e-07,
        -8.1022154019162769e-08, 1.7724257358006402e-08, -3.8970865664084828e-09,
        8.6024075257904053e-10, -1.904731766038606e-10, 4.2276329792680798e-11,
        -9.4013849017093567e-12, 2.0938607414220811e-12, -4.6690906967811103e-13};
    double dx = ((x - DN__X0_HI) + xlo) - DN__X0_LO;   /* x - X0_HI is exact (Sterbenz) */
    double q = c[17];
    int k;
    for (k = 16; k >= 0; k--) q = q * dx + c[k];
    return dx * (q + 1.0 / ((x + 2.0) * (DN__X0_HI + 2.0)) + 1.0 / ((x + 1.0) * (DN__X0_HI + 1.0))
                 + 1.0 / (x * DN__X0_HI));
}

/* Digamma for x > 0. Below 10 the recurrence moves x down into [1, 2] rather than up to 10:
   downwards every added 1/x is positive and psi on [1, 2] is small, whereas going up would
   subtract two sums of size ln 10 and lose up to 3 bits. */
static inline double dn__digamma_pos(double x)
{
    double s = 0.0, t, z;
    if (x < 1.0) {   /* x + 1 rounds; keep its error, as psi(x + 1) is steep near x0 */
        t = x + 1.0;
        return dn__digamma_12(t, (1.0 - t) + x) - 1.0 / x;
    }
    if (x < 10.0) {
        while (x > 2.0) { x -= 1.0; s += 1.0 / x; }   /* exact steps, smallest terms first */
        return dn__digamma_12(x, 0.0) + s;
    }
    t = 1.0 / x;
    z = t * t;
    return log(x) - (0.5 * t + z * dn__bernoulli_tail(z, 0));
}

/* Trigamma (order 1) and tetragamma (order 2) for x > 0: recurrence up to the asymptotic
   region. All terms share the result's sign, so nothing cancels; they are added smallest
   first, and 1/y^2, 1/y^3 are powers of 1/y so they overflow only when the true value does. */
static inline double dn__polygamma_pos(double x, int order)
{
    double lim = order == 1 ? 12.0 : 13.0, y, t, z, s;
    int n = x < lim ? (int)(lim - x) + 1 : 0, k;
    y = x + n;
    t = 1.0 / y;
    z = t * t;
    s = order == 1 ? t * (1.0 + (0.5 * t + z * dn__bernoulli_tail(z, 1)))
                   : -z * (1.0 + (t + z * dn__bernoulli_tail(z, 2)));
    for (k = n - 1; k >= 0; k--) {
        t = 1.0 / (x + k);
        s += order == 1 ? t * t : -2.0 * t * t * t;
    }
    return s;
}

/* psi_n(y), y >= 1, orders 0 and 2, in long double for the cancelling reflections below:
   x87 or quad long double has 11+ spare bits. Where long double is double (MSVC, Apple arm64)
   those degrade to an absolute error of about 1 ulp of the cancelling terms. */
static inline long double dn__polygamma_ld(long double y, int order)
{
    int n = y < 16.0L ? (int)(16.0L - y) + 1 : 0, k;
    long double s = 0.0L, t, z;
    for (k = n - 1; k >= 0; k--) {
        t = 1.0L / (y + k);
        s += order == 0 ? t : 2.0L * t * t * t;
    }
    y += n;
    t = 1.0L / y;
    z = t * t;   /* the Bernoulli tails are < 3e-4 of the result here: double is enough */
    if (order == 0) return (logl(y) - (0.5L * t + z * dn__bernoulli_tail((double)z, 0))) - s;
    return -z * (1.0L + (t + z * dn__bernoulli_tail((double)z, 2))) - s;
}

/* psi_n(x) for non-integer x < 0 from the reflection formulas
       psi(x) = psi(1-x) - pi cot(pi x),   psi1(x) = pi^2 / sin^2(pi x) - psi1(1-x),
       psi2(x) = psi2(1-x) - 2 pi^3 cos(pi x) / sin^3(pi x).
   sin/cos(pi x) come from r = x - round(x), which is exact, so they keep full accuracy even
   at x = -1e6 where pi * x itself would be off by 1e-10 (the signs that sin and cos pick up
   from round(x) cancel in every formula). cos goes through sin(pi (1/2 - |r|)), an exact
   subtraction, so that it is 0 at half-integers rather than cos(pi * 0.5) = 6e-17.
   The trigamma terms never cancel. For digamma and tetragamma the two terms agree to many
   digits near a zero of the result (both ~ ln|x| for digamma), so when the double difference
   would amplify their rounding errors past ~4 ulps (condition number 4 for digamma, 2 for
   tetragamma, whose trigonometric term carries more rounding) it is redone in long double. */
static inline double dn__reflect(double x, int order)
{
    const double pi = 3.14159265358979323846;   /* M_PI is not C99 */
    const long double pil = 3.14159265358979323846264338327950288L;
    double r = x - round(x), a = fabs(r), f, g, y = 1.0 - x, d = y - 1.0;
    double lo = (1.0 - (y - d)) + (-x - d);   /* 1 - x = y + lo exactly (2Sum) */
    double c = a <= 0.25 ? cos(pi * a) : sin(pi * (0.5 - a)), q = pi / sin(pi * r);
    long double cl, ql;
    if (order == 1) return q * q - dn__polygamma_pos(y, 1);
    /* psi_n(y + lo) to first order in lo; lo matters most where psi(y) is near its root */
    f = order == 2 ? dn__polygamma_pos(y, 2) + lo * (2.0 + 3.0 / y) / (y * y * y)
        : y <= 2.0 ? dn__digamma_12(y, lo) : dn__digamma_pos(y) + lo / y;
    g = order == 0 ? q * c : 2.0 * c * (q * q * q);
    if (fabs(f - g) >= (order == 0 ? 0.25 : 0.5) * (fabs(f) + fabs(g))) return f - g;
    cl = a <= 0.25 ? cosl(pil * a) : sinl(pil * (0.5L - a));
    ql = pil / sinl(pil * r);
    if (order == 0) return (double)(dn__polygamma_ld(1.0L - x, 0) - ql * cl);
    return (double)(dn__polygamma_ld(1.0L - x, 2) - 2.0L * cl * (ql * ql * ql));
}

/* Shared by all three: x <= 0 with x == floor(x) covers the poles, +-0 and -inf at once. */
static inline double dn_digamma(double x)
{
    if (isnan(x)) return x;
    if (x > 0.0) return dn__digamma_pos(x);
    if (x == floor(x)) return NAN;
    if (x > -1e-300) return -1.0 / x;   /* pi * x may be subnormal; -1/x is exact to 1e-300 */
    return dn__reflect(x, 0);
}

static inline double dn_trigamma(double x)
{
    if (isnan(x)) return x;
    if (x > 0.0) return dn__polygamma_pos(x, 1);
    if (x == floor(x)) return NAN;
    return dn__reflect(x, 1);
}

static inline double dn_tetragamma(double x)
{
    if (isnan(x)) return x;
    if (x > 0.0) return dn__polygamma_pos(x, 2);
    if (x == floor(x)) return NAN;
    return dn__reflect(x, 2);
}

#endif
