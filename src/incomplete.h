/* The regularised incomplete gamma and beta functions in x: P(a, x), Q(a, x) (DLMF 8.2.4)
   and I_x(a, b) (DLMF 8.17.2), with their first and second derivatives in x, which are
   their integrands: P' = -Q' = x^(a-1) e^(-x) / Gamma(a) (DLMF 8.8.13 with 8.2.1),
   P'' = P' ((a - 1)/x - 1); I' = x^(a-1) (1-x)^(b-1) / B(a, b) (DLMF 8.17.1),
   I'' = I' ((a - 1)/x - (b - 1)/(1 - x)). Values: SciPy's kernels (scipy_special.h), but
   where they lose accuracy (see dn_betainc). */
#ifndef DUALNUM_INCOMPLETE_H
#define DUALNUM_INCOMPLETE_H
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
    if (isinf(x)) {  /* e^(-x) wins over every power */
        *f1 = *f2 = 0.0;
        return;
    }
    *f1 = (double)expl(dn__times_log(a, 1.0, lx) - x - lg);
    *f2 = a == 1.0 ? -*f1 : (double)(expl(dn__times_log(a, 2.0, lx) - x - lg)
                                     * ((long double)(s - 1.0) + e));
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
