/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * QdRateLimit: a token bucket per client for the trading endpoints: `burst` requests at
 * once, refilled at `per_second`. Buckets idle long enough to be full again are forgotten,
 * so the table stays as small as the set of active clients.
 */
typedef struct _QdRateLimit QdRateLimit;

QdRateLimit *qd_rate_limit_new   (guint        burst,
                                  double       per_second);
void         qd_rate_limit_free  (QdRateLimit *self);
/* TRUE when the client may go on (one token taken); else *retry_after_s is set. */
gboolean     qd_rate_limit_take  (QdRateLimit *self,
                                  const char  *client,
                                  gint64       now_us,
                                  guint       *retry_after_s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QdRateLimit, qd_rate_limit_free)

G_END_DECLS
