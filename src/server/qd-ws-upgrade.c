/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-server"

#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>

#include "qd-api-server-private.h"
#include "qd-ws-stream.h"

/* Clients send us nothing of substance; anything big is abuse. */
#define MAX_INCOMING_PAYLOAD 4096

static void
upgrade_written_cb (SoupServerMessage *msg,
                    gpointer           user_data)
{
  QdApiServer *self = user_data;
  QdRequestInfo *info = _qd_api_get_info (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GSocket *socket = soup_server_message_get_socket (msg);
  g_autoptr(GIOStream) base = NULL;
  g_autoptr(QdWsStream) stream = NULL;
  g_autoptr(SoupWebsocketConnection) connection = NULL;

  /* Updates are small and must not wait for the client's delayed ACK (Nagle). */
  if (socket != NULL)
    g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
  base = soup_server_message_steal_connection (msg);
  if (base == NULL || self->hub == NULL)
    return;
  stream = qd_ws_stream_new (base);
  connection = g_object_new (SOUP_TYPE_WEBSOCKET_CONNECTION,
                             "io-stream", stream,
                             "uri", soup_server_message_get_uri (msg),
                             "connection-type", SOUP_WEBSOCKET_CONNECTION_SERVER,
                             "origin", soup_message_headers_get_one (headers, "Origin"),
                             "max-incoming-payload-size", (guint64) MAX_INCOMING_PAYLOAD,
                             NULL);
  qd_ws_hub_add_client (self->hub, connection, info->role);
}

void
_qd_api_handle_ws (QdApiServer       *self,
                   SoupServerMessage *msg,
                   QdRequestInfo     *info)
{
  g_autoptr(GError) error = NULL;

  /* No extensions: frames go out as we built them, so their sizes are known. */
  if (!soup_websocket_server_check_handshake (msg, NULL, NULL, NULL, &error))
    {
      _qd_api_respond_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
      return;
    }
  if (!soup_websocket_server_process_handshake (msg, NULL, NULL, NULL, NULL))
    return;
  g_signal_connect_object (msg, "wrote-informational", G_CALLBACK (upgrade_written_cb), self, 0);
}
