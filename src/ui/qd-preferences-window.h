/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qd-remote-access-page.h"

G_BEGIN_DECLS

#define QD_TYPE_PREFERENCES_WINDOW (qd_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (QdPreferencesWindow, qd_preferences_window, QD, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* The Preferences window over the io.github.quarterdeck.Quarterdeck settings; modal for
 * `parent` when one is given. */
GtkWidget *qd_preferences_window_new         (GtkWindow *parent);
/* The Remote Access page (it follows the parent's application "server" when it has one). */
QdRemoteAccessPage *qd_preferences_window_get_remote_access (QdPreferencesWindow *self);

/* Makes the application's style follow the "color-scheme" key, now and whenever it changes,
 * for as long as `settings` lives. */
void       qd_preferences_apply_color_scheme (GSettings *settings);

/* Sets an entry row's text without making it offer to apply it again. */
void       qd_preferences_set_row_text_quietly (AdwEntryRow *row,
                                                const char  *text);
/* The error of a field shows in its own row under it (`field`: an entry row or an entry);
 * a `message` of NULL hides it. */
void       qd_preferences_show_field_error   (gpointer      field,
                                              AdwActionRow *error_row,
                                              const char   *message);

G_END_DECLS
