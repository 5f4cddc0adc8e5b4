/* The Taylor coefficients of functions at a point, for the rules whose series are composed
   from them (the field "points: ..." of dualnum/rules.py, src/taylor_compile.py): each fills
   c[j * stride], j = 0..d, with f^(j)(x0) / j!. */
#ifndef DUALNUM_TAYLOR_POINTS_H
#define DUALNUM_TAYLOR_POINTS_H
#include <math.h>
#include <stddef.h>
#include "helpers.h"
#include "polygamma.h"

/* c_j = psi^(n + j)(x0) / j!, j = 0..d (polygamma.h gives three orders per call) */
static inline void dn__polygamma_points(double n, double x0, int d, double *c,
                                        ptrdiff_t stride)
{
    double factorial = 1.0;
    for (int j = 0; j <= d; j += 3) {
        double v[3];
        dn_polygamma_jet(n + j, x0, &v[0], &v[1], &v[2]);
        for (int i = 0; i < 3 && j + i <= d; i++) {
            if (j + i > 0) factorial *= j + i;
            c[(j + i) * stride] = v[i] / factorial;
        }
    }
}

/* polygamma(n, x) (n = p) */
static inline void dn_points_polygamma(double x0, double p, double q, int d, double *c,
                                       ptrdiff_t stride)
{
    (void)q;
    dn__polygamma_points(p, x0, d, c, stride);
}

/* digamma: polygamma of order 0 */
static inline void dn_points_digamma(double x0, double p, double q, int d, double *c,
                                     ptrdiff_t stride)
{
    (void)p;
    (void)q;
    dn__polygamma_points(0.0, x0, d, c, stride);
}

/* log |Gamma|: c_0 = lgamma(x0), c_j = psi^(j-1)(x0) / j! */
static inline void dn_points_lgamma(double x0, double p, double q, int d, double *c,
                                    ptrdiff_t stride)
{
    (void)p;
    (void)q;
    c[0] = dn_lgamma(x0);
    if (d > 0) dn__polygamma_points(0.0, x0, d - 1, c + stride, stride);
    for (int j = 1; j <= d; j++) c[j * stride] /= j;
}

#endif
