/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define QD_TYPE_TOKEN_STORE (qd_token_store_get_type ())

G_DECLARE_FINAL_TYPE (QdTokenStore, qd_token_store, QD, TOKEN_STORE, GObject)

typedef enum
{
  QD_API_ROLE_NONE,     /* no valid token */
  QD_API_ROLE_VIEWER,   /* read-only */
  QD_API_ROLE_TRADER,   /* read and trade */
} QdApiRole;

/*
 * QdTokenStore: the API server's two bearer tokens, `viewer-token` and `trader-token` (one
 * line each, mode 0600) in `dir` ($XDG_CONFIG_HOME/quarterdeck when NULL), generated from
 * the system's random source at first use. Tokens are compared in constant time and never
 * logged. "changed" is emitted after a regeneration.
 */
QdTokenStore *qd_token_store_new        (const char    *dir,
                                         GError       **error);
const char   *qd_token_store_get_dir    (QdTokenStore  *self);
/* Where a role's token file is (for people to find; the token itself is never shown). */
char         *qd_token_store_get_path   (QdTokenStore  *self,
                                         QdApiRole      role);
const char   *qd_token_store_get_token  (QdTokenStore  *self,
                                         QdApiRole      role);
/* The role a presented token grants; QD_API_ROLE_NONE for anything else. */
QdApiRole     qd_token_store_check      (QdTokenStore  *self,
                                         const char    *token);
gboolean      qd_token_store_regenerate (QdTokenStore  *self,
                                         QdApiRole      role,
                                         GError       **error);

/* "viewer", "trader", "none" */
const char   *qd_api_role_to_string     (QdApiRole      role);

G_END_DECLS
