/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * QdIdempotency: what a POST/PUT with an Idempotency-Key answered, so that the same key
 * gets the same answer and places nothing new. Entries live 24 hours; at most `capacity`
 * are kept (the oldest go first). A key is scoped by the role's token and the route, and
 * remembers a digest of the body: the same key with another body is a client error.
 */
typedef struct _QdIdempotency QdIdempotency;

typedef enum
{
  QD_IDEMPOTENCY_NEW,        /* not seen: go on, then store the answer */
  QD_IDEMPOTENCY_REPLAY,     /* seen: answer with status and body */
  QD_IDEMPOTENCY_IN_FLIGHT,  /* the first request is still waiting for its answer */
  QD_IDEMPOTENCY_MISMATCH,   /* seen with another body */
} QdIdempotencyResult;

QdIdempotency      *qd_idempotency_new     (guint           capacity);
void                qd_idempotency_free    (QdIdempotency  *self);
/* A key is 1..128 printable ASCII characters. */
gboolean            qd_idempotency_key_is_valid (const char *key);
QdIdempotencyResult qd_idempotency_begin   (QdIdempotency  *self,
                                            const char     *scope,
                                            const char     *key,
                                            GBytes         *body,
                                            gint64          now_us,
                                            guint          *status,
                                            GBytes        **answer);
/* Stores the answer of a request begun as NEW; a status of 0 forgets the key (an answer
 * that must not be replayed, such as 503). */
void                qd_idempotency_finish  (QdIdempotency  *self,
                                            const char     *scope,
                                            const char     *key,
                                            guint           status,
                                            GBytes         *answer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QdIdempotency, qd_idempotency_free)

G_END_DECLS
