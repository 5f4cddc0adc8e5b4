/* generated from taylor_rules.h.in and tests/golden/table.py by src/generate.py: edit those, not this */
/* The Taylor kernels of the rule table, one per entry with a `taylor` field: the series of
   g(u) to order d from the series u (normalised coefficients, laid out as in taylor.h),
   compiled from the field by src/taylor_compile.py. Each returns 0, 1 where some element
   has no Taylor series at its point (NaN put in the coefficients that do not exist), or -1
   where memory ran out; *shortp is raised to the most orders of the input some element
   lacked (those coefficients NaN). Free of Python objects: callable without the GIL. */
#ifndef DUALNUM_TAYLOR_RULES_H
#define DUALNUM_TAYLOR_RULES_H
#include "rules.h"
#include "taylor.h"
#include "taylor_points.h"
#include "taylor_cauchy.h"

DN_TAYLOR_CLONES static int dn_taylor_rule_tanh(int d, dn_index n, const double *X, dn_index SX, double *out, dn_index so, double p, double q, int *shortp)
{
    const dn_index B = DN_TAYLOR_BLOCK, W = (dn_index)(d + 1) * B;
    const size_t size = (size_t)(2 + 0 * (d + 1)) * W + (size_t)6 * B;
    double *tmp = size ? (double *)malloc(sizeof(double) * size) : NULL;
    (void)p; (void)q; (void)shortp;
    if (size && tmp == NULL) return -1;
    DN_BLOCKS(n, {
        const double *x = X + i0;
        double *g = out + i0;
        if (d <= 2) {
            const dn_index M = (m + DN_TAYLOR_LANES - 1) / DN_TAYLOR_LANES * DN_TAYLOR_LANES;
            double *xp = tmp + (size_t)(2 + 0 * (d + 1)) * W + (size_t)(2 + 0) * B;
            double *gp = tmp + (size_t)(2 + 0 * (d + 1)) * W + (size_t)(2 + 1) * B;
            double *f1p = tmp + (size_t)(2 + 0 * (d + 1)) * W + (size_t)(2 + 2) * B;
            double *f2p = tmp + (size_t)(2 + 0 * (d + 1)) * W + (size_t)(2 + 3) * B;
            for (dn_index i = 0; i < M; i++) xp[i] = x[i < m ? i : m - 1];
            for (dn_index i = 0; i < M; i++) {
                const double x_i = xp[i];
                const dn_jet J = dn_rule_tanh(x_i, p, q);
                gp[i] = J.f0; f1p[i] = J.f1; f2p[i] = J.f2;
            }
            for (dn_index i = 0; i < m; i++) g[i] = gp[i];
            if (d >= 1)
                for (dn_index i = 0; i < m; i++)
                    g[so + i] = f1p[i] * x[SX + i];
            if (d == 2)
                for (dn_index i = 0; i < m; i++)
                    g[2 * so + i] = 0.5 * f2p[i] * x[SX + i] * x[SX + i] + f1p[i] * x[2 * SX + i];
            continue;
        }
        const int dx = dn__degree(d, m, x, SX);
        (void)dx;
        double *s0 = tmp + 0 * W;
        double *s1 = tmp + 1 * W;
        double *c0 = tmp + (size_t)(2 + 0 * (d + 1)) * W + 0 * B;
        double *c1 = tmp + (size_t)(2 + 0 * (d + 1)) * W + 1 * B;
        {
            const dn_index M = (m + DN_TAYLOR_LANES - 1) / DN_TAYLOR_LANES * DN_TAYLOR_LANES;
            double *xp = tmp + (size_t)(2 + 0 * (d + 1)) * W + (size_t)(2 + 0) * B;
            double *gp = tmp + (size_t)(2 + 0 * (d + 1)) * W + (size_t)(2 + 1) * B;
            for (dn_index i = 0; i < M; i++) xp[i] = x[i < m ? i : m - 1];
            {
                const double *x = xp; double *g = gp;
                for (dn_index i = 0; i < M; i++) {
                    const double x_i = x[i];
                    const dn_jet J1 = dn_rule_tanh(x_i, p, q);
                    g[i] = J1.f0;
                    c0[i] = J1.f2;
                    s0[i] = g[i] * g[i];
                    c1[i] = 1.0;
                    s1[i] = c1[i] - s0[i];
                    s1[i] = J1.f1;
                }
            }
            for (dn_index i = 0; i < m; i++) g[i] = gp[i];
        }
        for (int k = 1; k <= d; k++) {
            dn_tk_ode(k, m, x, SX, dx, s1, B, g, so);
            dn_tk_mul(k, m, g, so, d, g, so, d, s0, B);
            dn_tk_csub(k, m, c1, s0, B, s1, B); if (k == 1) { for (dn_index i = 0; i < m; i++) s1[k * B + i] = (c0[i]) * (x[1 * SX + i]); }
        }
    })
    free(tmp);
    dn__undefined(d, n, X, SX, NULL, 0, out, so);
    int broken = 0;
    return broken;
}

static int dn_taylor_rule_sqrt(int d, dn_index n, const double *X, dn_index SX, double *out, dn_index so, double p, double q, int *shortp)
{
    (void)p; (void)q; (void)shortp; (void)SX;
    const int status = dn_taylor_sqrt_full(d, n, X, SX, out, so, shortp);
    dn__undefined(d, n, X, SX, NULL, 0, out, so);
    return status;
}

DN_TAYLOR_CLONES static int dn_taylor_rule_erf(int d, dn_index n, const double *X, dn_index SX, double *out, dn_index so, double p, double q, int *shortp)
{
    const dn_index B = DN_TAYLOR_BLOCK, W = (dn_index)(d + 1) * B;
    const size_t size = (size_t)(4 + 0 * (d + 1)) * W + (size_t)6 * B;
    double *tmp = size ? (double *)malloc(sizeof(double) * size) : NULL;
    (void)p; (void)q; (void)shortp;
    if (size && tmp == NULL) return -1;
    DN_BLOCKS(n, {
        const double *x = X + i0;
        double *g = out + i0;
        if (d <= 2) {
            const dn_index M = (m + DN_TAYLOR_LANES - 1) / DN_TAYLOR_LANES * DN_TAYLOR_LANES;
            double *xp = tmp + (size_t)(4 + 0 * (d + 1)) * W + (size_t)(2 + 0) * B;
            double *gp = tmp + (size_t)(4 + 0 * (d + 1)) * W + (size_t)(2 + 1) * B;
            double *f1p = tmp + (size_t)(4 + 0 * (d + 1)) * W + (size_t)(2 + 2) * B;
            double *f2p = tmp + (size_t)(4 + 0 * (d + 1)) * W + (size_t)(2 + 3) * B;
            for (dn_index i = 0; i < M; i++) xp[i] = x[i < m ? i : m - 1];
            for (dn_index i = 0; i < M; i++) {
                const double x_i = xp[i];
                const dn_jet J = dn_rule_erf(x_i, p, q);
                gp[i] = J.f0; f1p[i] = J.f1; f2p[i] = J.f2;
            }
            for (dn_index i = 0; i < m; i++) g[i] = gp[i];
            if (d >= 1)
                for (dn_index i = 0; i < m; i++)
                    g[so + i] = f1p[i] * x[SX + i];
            if (d == 2)
                for (dn_index i = 0; i < m; i++)
                    g[2 * so + i] = 0.5 * f2p[i] * x[SX + i] * x[SX + i] + f1p[i] * x[2 * SX + i];
            continue;
        }
        const int dx = dn__degree(d, m, x, SX);
        (void)dx;
        double *s0 = tmp + 0 * W;
        double *s1 = tmp + 1 * W;
        double *s2 = tmp + 2 * W;
        double *s3 = tmp + 3 * W;
        double *c0 = tmp + (size_t)(4 + 0 * (d + 1)) * W + 0 * B;
        double *c1 = tmp + (size_t)(4 + 0 * (d + 1)) * W + 1 * B;
        {
            const dn_index M = (m + DN_TAYLOR_LANES - 1) / DN_TAYLOR_LANES * DN_TAYLOR_LANES;
            double *xp = tmp + (size_t)(4 + 0 * (d + 1)) * W + (size_t)(2 + 0) * B;
            double *gp = tmp + (size_t)(4 + 0 * (d + 1)) * W + (size_t)(2 + 1) * B;
            for (dn_index i = 0; i < M; i++) xp[i] = x[i < m ? i : m - 1];
            {
                const double *x = xp; double *g = gp;
                for (dn_index i = 0; i < M; i++) {
                    const double x_i = x[i];
                    const dn_jet J1 = dn_rule_erf(x_i, p, q);
                    g[i] = J1.f0;
                    c0[i] = J1.f2;
                    s0[i] = -x_i;
                    s1[i] = s0[i] * x_i;
                    s2[i] = exp(s1[i]);
                    c1[i] = DN_2_SQRTPI;
                    s3[i] = c1[i] * s2[i];
                    s3[i] = J1.f1;
                }
            }
            for (dn_index i = 0; i < m; i++) g[i] = gp[i];
        }
        for (int k = 1; k <= d; k++) {
            dn_tk_ode(k, m, x, SX, dx, s3, B, g, so);
            dn_tk_neg(k, m, x, SX, s0, B);
            dn_tk_mul(k, m, s0, B, dx, x, SX, dx, s1, B);
            dn_tk_exp(k, m, s1, B, DN__MIN(d, dx + dx), s2, B);
            dn_tk_scale(k, m, s2, B, c1, s3, B); if (k == 1) { for (dn_index i = 0; i < m; i++) s3[k * B + i] = (c0[i]) * (x[1 * SX + i]); }
        }
    })
    free(tmp);
    dn__undefined(d, n, X, SX, NULL, 0, out, so);
    int broken = 0;
    return broken;
}

static int dn_taylor_rule_absolute(int d, dn_index n, const double *X, dn_index SX, double *out, dn_index so, double p, double q, int *shortp)
{
    (void)p; (void)q; (void)shortp; (void)SX;
    return dn_taylor_kink(d, n, X, SX, -1.0, 1.0, out, so);
}

DN_TAYLOR_CLONES static int dn_taylor_rule_multiply(int d, dn_index n, const double *X, dn_index SX, const double *Y, dn_index SY, double *out, dn_index so, double p, double q, int *shortp)
{
    const dn_index B = DN_TAYLOR_BLOCK, W = (dn_index)(d + 1) * B;
    const size_t size = (size_t)(1 + 0 * (d + 1)) * W + (size_t)8 * B;
    double *tmp = size ? (double *)malloc(sizeof(double) * size) : NULL;
    (void)p; (void)q; (void)shortp;
    if (size && tmp == NULL) return -1;
    DN_BLOCKS(n, {
        const double *x = X + i0, *y = Y + i0;
        double *g = out + i0;
        const int dx = dn__degree(d, m, x, SX), dy = dn__degree(d, m, y, SY);
        (void)dx; (void)dy;
        double *s0 = tmp + 0 * W;
        double *c0 = tmp + (size_t)(1 + 0 * (d + 1)) * W + 0 * B;
        double *c1 = tmp + (size_t)(1 + 0 * (d + 1)) * W + 1 * B;
        double *c2 = tmp + (size_t)(1 + 0 * (d + 1)) * W + 2 * B;
        double *c3 = tmp + (size_t)(1 + 0 * (d + 1)) * W + 3 * B;
        double *c4 = tmp + (size_t)(1 + 0 * (d + 1)) * W + 4 * B;
        {
            const dn_index M = (m + DN_TAYLOR_LANES - 1) / DN_TAYLOR_LANES * DN_TAYLOR_LANES;
            double *xp = tmp + (size_t)(1 + 0 * (d + 1)) * W + (size_t)(5 + 0) * B;
            double *yp = tmp + (size_t)(1 + 0 * (d + 1)) * W + (size_t)(5 + 1) * B;
            double *gp = tmp + (size_t)(1 + 0 * (d + 1)) * W + (size_t)(5 + 2) * B;
            for (dn_index i = 0; i < M; i++) xp[i] = x[i < m ? i : m - 1];
            for (dn_index i = 0; i < M; i++) yp[i] = y[i < m ? i : m - 1];
            {
                const double *x = xp; const double *y = yp; double *g = gp;
                for (dn_index i = 0; i < M; i++) {
                    const double x_i = x[i];
                    const double y_i = y[i];
                    const dn_jet2 J1 = dn_rule_multiply(x_i, y_i);
                    c0[i] = J1.fx;
                    c1[i] = J1.fy;
                    c2[i] = J1.fxx;
                    c3[i] = J1.fxy;
                    c4[i] = J1.fyy;
                    s0[i] = x_i * y_i;
                    s0[i] = J1.f;
                    g[i] = s0[i];
                }
            }
            for (dn_index i = 0; i < m; i++) g[i] = gp[i];
        }
        for (int k = 1; k <= d; k++) {
            dn_tk_mul(k, m, x, SX, dx, y, SY, dy, s0, B); if (k == 1) { for (dn_index i = 0; i < m; i++) s0[k * B + i] = (c0[i]) * (x[1 * SX + i]) + (c1[i]) * (y[1 * SY + i]); } else if (k == 2) { for (dn_index i = 0; i < m; i++) s0[k * B + i] = 0.5 * ((c2[i]) * (x[1 * SX + i]) * (x[1 * SX + i]) + (2.0 * c3[i]) * (x[1 * SX + i]) * (y[1 * SY + i]) + (c4[i]) * (y[1 * SY + i]) * (y[1 * SY + i])) + (c0[i]) * (x[2 * SX + i]) + (c1[i]) * (y[2 * SY + i]); }
            dn_tk_copy(k, m, s0, B, g, so);
        }
    })
    free(tmp);
    dn__undefined(d, n, X, SX, Y, SY, out, so);
    int broken = 0;
    return broken;
}

DN_TAYLOR_CLONES static int dn_taylor_rule_hypot(int d, dn_index n, const double *X, dn_index SX, const double *Y, dn_index SY, double *out, dn_index so, double p, double q, int *shortp)
{
    const dn_index B = DN_TAYLOR_BLOCK, W = (dn_index)(d + 1) * B;
    const size_t size = (size_t)(2 + 0 * (d + 1)) * W + (size_t)6 * B;
    double *tmp = size ? (double *)malloc(sizeof(double) * size) : NULL;
    (void)p; (void)q; (void)shortp;
    if (size && tmp == NULL) return -1;
    DN_BLOCKS(n, {
        const double *x = X + i0, *y = Y + i0;
        double *g = out + i0;
        const int dx = dn__degree(d, m, x, SX), dy = dn__degree(d, m, y, SY);
        (void)dx; (void)dy;
        double *s0 = tmp + 0 * W;
        double *s1 = tmp + 1 * W;
        double *c0 = tmp + (size_t)(2 + 0 * (d + 1)) * W + 0 * B;
        double *c1 = tmp + (size_t)(2 + 0 * (d + 1)) * W + 1 * B;
        double *c2 = tmp + (size_t)(2 + 0 * (d + 1)) * W + 2 * B;
        {
            const dn_index M = (m + DN_TAYLOR_LANES - 1) / DN_TAYLOR_LANES * DN_TAYLOR_LANES;
            double *xp = tmp + (size_t)(2 + 0 * (d + 1)) * W + (size_t)(3 + 0) * B;
            double *yp = tmp + (size_t)(2 + 0 * (d + 1)) * W + (size_t)(3 + 1) * B;
            double *gp = tmp + (size_t)(2 + 0 * (d + 1)) * W + (size_t)(3 + 2) * B;
            for (dn_index i = 0; i < M; i++) xp[i] = x[i < m ? i : m - 1];
            for (dn_index i = 0; i < M; i++) yp[i] = y[i < m ? i : m - 1];
            {
                const double *x = xp; const double *y = yp; double *g = gp;
                for (dn_index i = 0; i < M; i++) {
                    const double x_i = x[i];
                    const double y_i = y[i];
                    const dn_jet2 J1 = dn_rule_hypot(x_i, y_i);
                    g[i] = J1.f;
                    c0[i] = J1.fxx;
                    c1[i] = J1.fxy;
                    c2[i] = J1.fyy;
                    s0[i] = x_i / g[i];
                    s0[i] = J1.fx;
                    s1[i] = y_i / g[i];
                    s1[i] = J1.fy;
                }
            }
            for (dn_index i = 0; i < m; i++) g[i] = gp[i];
        }
        for (int k = 1; k <= d; k++) {
            dn_tk_ode2(k, m, x, SX, dx, s0, B, y, SY, dy, s1, B, g, so);
            dn_tk_div(k, m, x, SX, NULL, g, so, d, s0, B); if (k == 1) { for (dn_index i = 0; i < m; i++) s0[k * B + i] = (c0[i]) * (x[1 * SX + i]) + (c1[i]) * (y[1 * SY + i]); }
            dn_tk_div(k, m, y, SY, NULL, g, so, d, s1, B); if (k == 1) { for (dn_index i = 0; i < m; i++) s1[k * B + i] = (c1[i]) * (x[1 * SX + i]) + (c2[i]) * (y[1 * SY + i]); }
        }
    })
    free(tmp);
    dn__undefined(d, n, X, SX, Y, SY, out, so);
    int broken = 0;
    return broken;
}

static int dn_taylor_rule_maximum(int d, dn_index n, const double *X, dn_index SX, const double *Y, dn_index SY, double *out, dn_index so, double p, double q, int *shortp)
{
    (void)p; (void)q; (void)shortp; (void)SX;
    return dn_taylor_choose(d, n, X, SX, Y, SY, 1, out, so);
}

typedef int (*dn_taylor_unary_rule)(int d, dn_index n, const double *X, dn_index SX,
                                    double *out, dn_index so, double p, double q,
                                    int *shortp);
typedef int (*dn_taylor_binary_rule)(int d, dn_index n, const double *X, dn_index SX,
                                     const double *Y, dn_index SY, double *out, dn_index so,
                                     double p, double q, int *shortp);

static const dn_taylor_unary_rule dn_taylor_unary_rules[] = {
    dn_taylor_rule_tanh,
    dn_taylor_rule_sqrt,
    dn_taylor_rule_erf,
    dn_taylor_rule_absolute,
    NULL
};
static const char *const dn_taylor_unary_names[] = {
    "tanh",
    "sqrt",
    "erf",
    "absolute",
    NULL
};
/* 1 for a rule that calls SciPy's kernels (scipy_special.h), in its values or in its
   series (a points function dn_sp_*): load them first */
static const int dn_taylor_unary_scipy[] = {
    0,
    0,
    0,
    0,
    0
};
static const dn_taylor_binary_rule dn_taylor_binary_rules[] = {
    dn_taylor_rule_multiply,
    dn_taylor_rule_hypot,
    dn_taylor_rule_maximum,
    NULL
};
static const char *const dn_taylor_binary_names[] = {
    "multiply",
    "hypot",
    "maximum",
    NULL
};

#endif
