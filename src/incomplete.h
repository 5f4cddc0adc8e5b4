/* The regularised incomplete gamma and beta functions in x: P(a, x), Q(a, x) (DLMF 8.2.4)
   and I_x(a, b) (DLMF 8.17.2), with their first and second derivatives in x, which are
   their integrands: P' = -Q' = x^(a-1) e^(-x) / Gamma(a) (DLMF 8.8.13 with 8.2.1),
   P'' = P' ((a - 1)/x - 1); I' = x^(a-1) (1-x)^(b-1) / B(a, b) (DLMF 8.17.1),
   I'' = I' ((a - 1)/x - (b - 1)/(1 - x)). Values: our own for P and Q (dn_sp_gammainc_p,
   named dn_sp_ as it falls back on SciPy's kernel); SciPy's kernel (scipy_special.h) for I,
   but where it loses accuracy (see dn_sp_betainc). */
#ifndef DUALNUM_INCOMPLETE_H
#define DUALNUM_INCOMPLETE_H
#include <float.h>
#include <math.h>
#include "scipy_special.h"

/* log Gamma(a) in long double, without touching the global `signgam` (as dn_lgamma). */
static inline long double dn__lgammal(long double a)
{
#if defined(__GLIBC__)
    int sign;
    return lgammal_r(a, &sign);
#else
    return lgammal(a);
#endif
}

/* k log(t) for a power k = c - 1 or c - 2 of t, 0 for k = 0 also where t = 0 (log t = -inf):
   t^0 = 1 at the ends of the domain. */
static inline long double dn__times_log(double c, double minus, long double log_t)
{
    return c == minus ? 0.0L : ((long double)c - minus) * log_t;
}

/* The densities are exp of a sum of logarithms whose terms can be far larger than the sum
   (a = 50, x = 700: (a - 1) log x = 321, x = 700, lgamma(a) = 144), and the sum's rounding
   error is the relative error of the density: in long double (x87 or quad: 11+ spare bits)
   that stays below an ulp while the terms are below 2^11 times the sum's scale, which holds
   for parameters up to about a thousand (README, Limitations). The long double exponent
   range also keeps x^(a-1) and e^(-x), which may overflow or underflow apart, whole.
   Where long double is double (MSVC, Apple arm64) the error is an ulp of the terms. */

/* P'(x) and P''(x) of P(a, x). P'' = x^(a-2) e^(-x) (a - 1 - x) / Gamma(a), its own power
   of x (x^(a-1) may underflow where x^(a-2) does not), with a - 1 - x exact: (a - x) - 1
   with the rounding error of a - x put back (Knuth's two-sum), so that P'' keeps its ulps
   next to its zero x = a - 1. */
static inline void dn_gammainc_slopes(double a, double x, double *f1, double *f2)
{
    long double lx = logl(x), lg = dn__lgammal(a);
    double s = a - x, z = s - a, e = (a - (s - z)) + (-x - z);
    if (!(x >= 0.0) || isinf(x)) {  /* NaN outside the domain, as P; at infinity e^(-x) wins
                                       over every power */
        *f1 = *f2 = x == INFINITY ? 0.0 : NAN;
        return;
    }
    *f1 = (double)expl(dn__times_log(a, 1.0, lx) - x - lg);
    *f2 = a == 1.0 ? -*f1 : (double)(expl(dn__times_log(a, 2.0, lx) - x - lg)
                                     * ((long double)(s - 1.0) + e));
}

/* Own values of P and Q up to a = DN_GAMMAINC_OWN: SciPy's take x^a e^(-x) / Gamma(a) from
   its logarithm in double, with the rounding error of its terms (a log x, x): 75 ulps at
   P(0.5, 5e-324), 240 at P(50, 2), 578 at Q(0.5, 700). Here the same prefactor is taken in
   long double, as the derivative is (see above), times the series of P (DLMF 8.7.1, below
   x = a + 1, where its terms fall from the first) or the continued fraction of Q (DLMF
   8.9.2, Legendre's, from x = a + 1 on, where it converges within a hundred terms); the
   other function is the complement, which cancels by at most the factor 1/DN_GAMMAINC_KEEP
   of the long double's spare bits. Above DN_GAMMAINC_OWN both sums take O(sqrt(a)) terms
   next to x = a and the prefactor's terms outgrow the spare bits (README, Limitations),
   and SciPy's kernel uses Temme's uniform expansion there instead. */
#define DN_GAMMAINC_OWN 1000.0
#define DN_GAMMAINC_KEEP 0.125L
#define DN_GAMMAINC_TERMS 2000
#define DN_GAMMAINC_EPS 0x1p-66L

/* x^a e^(-x) / Gamma(a), 0 where it underflows the long double range (x > 11000). */
static inline long double dn__gammainc_prefactor(double a, double x)
{
    return expl(a * logl(x) - x - dn__lgammal(a));
}

/* P(a, x) for 0 < x < a + 1: sum of x^k / (a (a+1) ... (a+k)) times the prefactor. */
static inline long double dn__gammainc_series(double a, double x)
{
    long double term = 1.0L / a, sum = term, ak = a;
    int k;
    for (k = 0; k < DN_GAMMAINC_TERMS && term > sum * DN_GAMMAINC_EPS; k++) {
        ak += 1.0L;
        term *= x / ak;
        sum += term;
    }
    return sum * dn__gammainc_prefactor(a, x);
}

/* Q(a, x) for x >= a + 1: 1/(x+1-a- 1(1-a)/(x+3-a- 2(2-a)/(x+5-a- ...))) times the
   prefactor, by the modified Lentz method (no term's denominator is near 0 for x >= a + 1:
   each is x + 2k + 1 - a >= 2k + 2 before the partial numerators, which are below it). */
static inline long double dn__gammaincc_fraction(double a, double x)
{
    long double b = x + 1.0L - a, c = 1.0L / LDBL_MIN, d = 1.0L / b, h = d, an, delta;
    int k;
    for (k = 1; k <= DN_GAMMAINC_TERMS; k++) {
        an = -k * (k - (long double)a);
        b += 2.0L;
        d = an * d + b;
        c = b + an / c;
        d = 1.0L / d;
        delta = d * c;
        h *= delta;
        if (fabsl(delta - 1.0L) < DN_GAMMAINC_EPS) break;
    }
    return h * dn__gammainc_prefactor(a, x);
}

/* Whether P(a, x) and Q(a, x) are ours: 0 < a <= DN_GAMMAINC_OWN and 0 < x < inf (the
   ends are exact below, NaN and the rest SciPy's). */
static inline int dn__gammainc_own(double a, double x)
{
    return a > 0.0 && a <= DN_GAMMAINC_OWN && x > 0.0 && x < INFINITY;
}

/* P(a, x), the regularised lower incomplete gamma function. */
static inline double dn_sp_gammainc_p(double a, double x)
{
    long double q;
    if (!dn__gammainc_own(a, x))
        return a > 0.0 && x == 0.0 ? 0.0 : a > 0.0 && x == INFINITY ? 1.0 : dn_sp_gammainc(a, x);
    if (x < a + 1.0) return (double)dn__gammainc_series(a, x);
    q = dn__gammaincc_fraction(a, x);
    return (double)(1.0L - q);
}

/* Q(a, x), the regularised upper incomplete gamma function; below x = a + 1 the complement
   of P where P <= 1 - DN_GAMMAINC_KEEP, else SciPy's (small a: Q(1e-3, 1) = 2e-4, where
   1 - P would cancel 12 bits). */
static inline double dn_sp_gammainc_q(double a, double x)
{
    long double p;
    if (!dn__gammainc_own(a, x))
        return a > 0.0 && x == 0.0 ? 1.0 : a > 0.0 && x == INFINITY ? 0.0 : dn_sp_gammaincc(a, x);
    if (!(x < a + 1.0)) return (double)dn__gammaincc_fraction(a, x);
    p = dn__gammainc_series(a, x);
    return p <= 1.0L - DN_GAMMAINC_KEEP ? (double)(1.0L - p) : dn_sp_gammaincc(a, x);
}

/* log B(a, b) in long double. */
static inline long double dn__lbetal(double a, double b)
{
    return dn__lgammal(a) + dn__lgammal(b) - dn__lgammal((long double)a + b);
}

/* I'(x) and I''(x) of I_x(a, b). 1 - x is exact from x = 1/2 on (Sterbenz), log(1 - x) is
   log1p(-x) below. I'' = x^(a-2) (1-x)^(b-2) ((a-1)(1-x) - (b-1)x) / B(a, b), with its own
   powers; at a = 1 or b = 1 the factor x or 1 - x of the last term cancels a power, so that
   I'' is finite at the end where it is. */
static inline void dn_betainc_slopes(double a, double b, double x, double *f1, double *f2)
{
    long double lx = logl(x), ly = x < 0.5 ? log1pl(-x) : logl(1.0 - x), lb = dn__lbetal(a, b);
    long double y = 1.0L - x;
    if (!(x >= 0.0 && x <= 1.0)) {  /* NaN outside the domain, as I (t^0 = 1 below is not) */
        *f1 = *f2 = NAN;
        return;
    }
    *f1 = (double)expl(dn__times_log(a, 1.0, lx) + dn__times_log(b, 1.0, ly) - lb);
    if (a == 1.0)
        *f2 = (double)(-(b - 1.0L) * expl(dn__times_log(b, 2.0, ly) - lb));
    else if (b == 1.0)
        *f2 = (double)((a - 1.0L) * expl(dn__times_log(a, 2.0, lx) - lb));
    else
        *f2 = (double)(expl(dn__times_log(a, 2.0, lx) + dn__times_log(b, 2.0, ly) - lb)
                       * ((a - 1.0L) * y - (b - 1.0L) * x));
}

/* I_x(a, b) for x <= 1/2: SciPy's, but below x (a + b + 2) = 2^-30, where SciPy's is wrong
   at subnormal x (I_x(0.7, 10) at 5e-324 is 1e-226, SciPy gives 0), the hypergeometric
   series x^a (1-x)^b / (a B(a, b)) F(a + b, 1; a + 1; x) (DLMF 8.17.8) in its first three
   terms: the fourth is below 2^-90 relatively. */
static inline double dn__betainc_lower(double a, double b, double x)
{
    double t, u;
    if (!(x * (a + b + 2.0) < 0x1p-30) || x <= 0.0) return dn__sp3(DN_SP_BETAINC, a, b, x);
    t = (a + b) * x / (a + 1.0);
    u = (a + b + 1.0) * x / (a + 2.0);
    return (double)(expl(a * logl(x) + b * log1pl(-x) - dn__lbetal(a, b)) / a
                    * (1.0L + t * (1.0L + (long double)u)));
}

/* I_x(a, b): above x = 1/2 as 1 - I_(1-x)(b, a) (DLMF 8.17.4, 1 - x exact) where that
   complement is below 1/2, so that it keeps its ulps as I nears 1 (SciPy's own is off by
   2.5e7 ulps at I_x(0.5, 0.5), x = 1 - 2^-53). */
static inline double dn_sp_betainc(double a, double b, double x)
{
    double w;
    if (!(x > 0.5) || !(x <= 1.0)) return dn__betainc_lower(a, b, x);
    w = dn__betainc_lower(b, a, 1.0 - x);
    return w < 0.5 ? 1.0 - w : dn__betainc_lower(a, b, x);
}

#endif
