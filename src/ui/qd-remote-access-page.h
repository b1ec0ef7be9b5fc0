/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "qd-api-server.h"
#include "qd-token-store.h"

G_BEGIN_DECLS

#define QD_TYPE_REMOTE_ACCESS_PAGE (qd_remote_access_page_get_type ())

G_DECLARE_FINAL_TYPE (QdRemoteAccessPage, qd_remote_access_page, QD, REMOTE_ACCESS_PAGE,
                      AdwPreferencesPage)

/*
 * The "Remote access" page of Preferences: serve the API or not, the bind address (with a
 * warning beyond loopback), the port, loopback viewers, other allowed origins, the URL to
 * open, and the viewer and trader tokens — masked until shown, copied to the clipboard,
 * regenerated after a confirmation. The tokens are those of `server` while one runs (so a
 * regenerated token applies at once), else the user's token store read from disk.
 */
GtkWidget    *qd_remote_access_page_new        (GSettings          *settings);
void          qd_remote_access_page_set_server (QdRemoteAccessPage *self,
                                                QdApiServer        *server);
QdApiServer  *qd_remote_access_page_get_server (QdRemoteAccessPage *self);
/* The token store the page shows, NULL when it could not be opened. */
QdTokenStore *qd_remote_access_page_get_tokens (QdRemoteAccessPage *self);

/* Tests: the rows and buttons as a user reaches them. */
AdwActionRow     *_qd_remote_access_page_get_token_row   (QdRemoteAccessPage *self,
                                                          QdApiRole           role);
GtkToggleButton  *_qd_remote_access_page_get_reveal      (QdRemoteAccessPage *self,
                                                          QdApiRole           role);
GtkButton        *_qd_remote_access_page_get_copy        (QdRemoteAccessPage *self,
                                                          QdApiRole           role);
GtkButton        *_qd_remote_access_page_get_regenerate  (QdRemoteAccessPage *self,
                                                          QdApiRole           role);
AdwMessageDialog *_qd_remote_access_page_get_dialog      (QdRemoteAccessPage *self);
AdwEntryRow      *_qd_remote_access_page_get_address_row (QdRemoteAccessPage *self);
gpointer          _qd_remote_access_page_get_part        (QdRemoteAccessPage *self,
                                                          const char         *id);

G_END_DECLS
