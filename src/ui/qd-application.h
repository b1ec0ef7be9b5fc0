/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qd-api-server.h"
#include "qd-runtime.h"

G_BEGIN_DECLS

#define QD_TYPE_APPLICATION (qd_application_get_type ())

G_DECLARE_FINAL_TYPE (QdApplication, qd_application, QD, APPLICATION, AdwApplication)

QdApplication *qd_application_new          (void);
/* The running bus, service and demo; NULL when none could be started (the window says why). */
QdRuntime     *qd_application_get_runtime  (QdApplication *self);
GSettings     *qd_application_get_settings (QdApplication *self);
/* The API server (see its "state", "error" and "url"), NULL when it is turned off. A new
 * one replaces it when the server settings change: "notify::server" says so. */
QdApiServer   *qd_application_get_server   (QdApplication *self);

G_END_DECLS
