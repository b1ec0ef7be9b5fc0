/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* quarterdeck --headless: the service and the API server without a window. */
int qd_headless_run (int    argc,
                     char **argv);

G_END_DECLS
