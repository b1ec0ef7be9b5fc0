/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qd-api-server.h"
#include "qd-options.h"

G_BEGIN_DECLS

/* Whether to serve: not with --no-server, and (settings given) only with server-enabled. */
gboolean     qd_server_options_wanted    (const QdOptions  *options,
                                          GSettings        *settings);
/* A server from the command line first, then the settings (NULL: none), then defaults:
 * 127.0.0.1:8000, loopback viewers allowed, no other origins. */
QdApiServer *qd_server_options_new_server (QdRuntime       *runtime,
                                           const QdOptions *options,
                                           GSettings       *settings,
                                           GError         **error);

G_END_DECLS
