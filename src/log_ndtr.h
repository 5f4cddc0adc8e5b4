/* log Phi(x), Phi the standard normal CDF, with its first two derivatives
   f1 = phi/Phi (phi the density; for x < 0 the inverse of Mills' ratio) and
   f2 = -f1 (x + f1), from phi' = -x phi (DLMF 7.18.2 relates Phi to erfc).

   x + f1 cancels for x << 0, where f1 ~ -x: in the lower tail every part comes from the tail
   c = f1 - |x| of Laplace's continued fraction of Mills' ratio, without the cancellation. */
#ifndef DUALNUM_LOG_NDTR_H
#define DUALNUM_LOG_NDTR_H
#include <math.h>
#include "helpers.h"

#define DN_LOG_SQRT_2PI 0.9189385332046728   /* log sqrt(2 pi) */
#define DN__LOG_NDTR_CF_FROM 8.0             /* the continued fraction from x = -8 down */

/* x >= 0: log Phi(x) = log1p(-q), q = Phi(-x) the upper tail, and f1 = phi/(1 - q),
   x + f1 > 0; phi, q and 1 - q divided by k (helpers.h: dn_normal_scaled), so that f1 and
   f2 keep their ulps down to their own underflow (x > 37.5, where phi is subnormal). */
static inline void dn__log_ndtr_upper(double x, double *f0, double *f1, double *f2)
{
    double cdf, pdf, k, w;
    dn_normal_scaled(-x, &cdf, &pdf, &k);
    w = 1.0 / k - cdf;   /* Phi(x) / k; 1/k is a power of two */
    *f0 = log1p(-cdf * k);
    *f1 = pdf / w;
    *f2 = pdf == 0.0 ? -0.0 : -((x + *f1) * pdf) / w;
}

/* -8 < x < 0: from erfc and exp in long double (x87 or quad: 11+ more bits), enough for
   x + f1, which cancels by a factor of at most 1 + x^2 = 65 here. Where long double is
   double (MSVC, Apple arm64) f2 is off by up to that many ulps. */
static inline void dn__log_ndtr_middle(double x, double *f0, double *f1, double *f2)
{
    long double cdf = 0.5L * erfcl(-(long double)x * 0.707106781186547524400844362104849039L);
    long double pdf = expl(-0.5L * ((long double)x * x)) * 0.398942280401432677939946059934381868L;
    long double f = pdf / cdf;
    *f0 = (double)logl(cdf);
    *f1 = (double)f;
    *f2 = (double)(-f * (x + f));
}

/* x <= -8, t = -x: Phi(x) = phi(t) R(t), Mills' ratio R(t) = 1/(t + c) with
   c = 1/(t + 2/(t + 3/(t + ...))) (Laplace's continued fraction, DLMF 7.9.2 of erfc), whose
   20 terms reach 2e-19 relatively at t = 8, less beyond. Then f1 = 1/R = t + c, x + f1 = c,
   f2 = -(t + c) c = -(t + c)/v (v = 1/c: c may be subnormal, v is not), and
   log Phi = -(x^2/2 + log sqrt(2 pi) + log(t + c)), terms of one sign, x^2/2 = h + l exactly
   (fma; x/2 first, so that only a true overflow of x^2/2 overflows). */
static inline void dn__log_ndtr_lower(double x, double *f0, double *f1, double *f2)
{
    double t = -x, v = t, h = (0.5 * x) * x, l = isinf(h) ? 0.0 : fma(0.5 * x, x, -h);
    int n;
    for (n = 20; n >= 2; n--) v = t + n / v;
    *f1 = t + 1.0 / v;
    *f2 = isinf(t) ? -1.0 : -*f1 / v;
    *f0 = -(h + ((l + log(*f1)) + DN_LOG_SQRT_2PI));
}

static inline void dn_log_ndtr_jet(double x, double *f0, double *f1, double *f2)
{
    if (!(x < 0.0)) {   /* NaN included */
        dn__log_ndtr_upper(x, f0, f1, f2);
    } else if (x > -DN__LOG_NDTR_CF_FROM) {
        dn__log_ndtr_middle(x, f0, f1, f2);
    } else {
        dn__log_ndtr_lower(x, f0, f1, f2);
    }
}

#endif
