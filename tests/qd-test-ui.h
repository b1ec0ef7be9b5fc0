/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "qd-window.h"

G_BEGIN_DECLS

/* gtk_test_init() and adw_init(), then the application's style sheet on the default display
 * as QdApplication loads it, so that widgets and renders show the real look. */
void  qd_test_ui_init                    (int         *argc,
                                          char      ***argv);

/* Lets `n` frames of `widget` pass (flushes, layout and drawing happen in frames); they
 * must within 20 s. */
void  qd_test_ui_wait_frames             (GtkWidget  *widget,
                                          guint       n);

/* Renders `widget` as last laid out and drawn to the PNG file `path`. */
void  qd_test_ui_render_png              (GtkWidget  *widget,
                                          const char *path);
/* Renders `widget` as it is on screen to `name` in the current directory; `what` names it
 * in the test log ("Window rendered to …"). */
void  qd_test_ui_save_png                (GtkWidget  *widget,
                                          const char *name,
                                          const char *what);

/* A fresh XDG_CONFIG_HOME so that the API tokens read and made are never the user's own;
 * remove it with qd_test_ui_remove_temporary_config(). */
char *qd_test_ui_use_temporary_config    (void);
void  qd_test_ui_remove_temporary_config (const char *dir);

/* The application with its runtime and a window on it, the order journal in a temporary
 * directory: never the user's own. */
typedef struct
{
  QdApplication *app;
  QdRuntime     *runtime;
  QdWindow      *window;
  char          *tmpdir;
} QdTestApp;

/* Registers a new application, starts a runtime on `config` (its journal_path set to a file
 * in a new temporary directory) and presents a window on it. */
void  qd_test_ui_app_open                (QdTestApp       *t,
                                          QdRuntimeConfig *config);
/* Stops the runtime, destroys the window, drops all and removes the temporary directory. */
void  qd_test_ui_app_close               (QdTestApp       *t);

G_END_DECLS
