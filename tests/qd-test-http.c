/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "qd-test-http.h"

void
qd_test_response_free (QdTestResponse *response)
{
  g_free (response->body);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_free (response);
}

static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  return TRUE;
}

SoupSession *
qd_test_session_new (void)
{
  return soup_session_new_with_options ("timeout", 30, "max-conns-per-host", 16, NULL);
}

/* Keeps the result of an async call, to finish it once the main loop has brought it. */
static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  QD_TEST_SPIN_UNTIL (*result != NULL, 20000);
  g_assert_nonnull (*result);
  return *result;
}

QdTestResponse *
qd_test_http (SoupSession        *session,
              const char         *method,
              const char         *url,
              const char         *token,
              const char         *body,
              const char * const *headers)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  SoupMessageHeaders *request_headers;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  QdTestResponse *response;
  guint i;

  g_assert_nonnull (msg);
  request_headers = soup_message_get_request_headers (msg);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), NULL);
  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (request_headers, "Authorization", bearer);
    }
  for (i = 0; headers != NULL && headers[i] != NULL; i += 2)
    soup_message_headers_replace (request_headers, headers[i], headers[i + 1]);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, result_cb, &result);
  answer = soup_session_send_and_read_finish (session, wait_result (&result), &error);
  g_assert_no_error (error);

  response = g_new0 (QdTestResponse, 1);
  response->status = soup_message_get_status (msg);
  response->body = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return response;
}

/* ---- WebSocket ---------------------------------------------------------------------- */

static void
ws_message_cb (SoupWebsocketConnection *connection,
               gint                     type,
               GBytes                  *message,
               QdTestWs                *ws)
{
  g_ptr_array_add (ws->messages, g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message)));
}

static void
ws_closed_cb (SoupWebsocketConnection *connection,
              QdTestWs                *ws)
{
  ws->closed = TRUE;
  ws->close_code = soup_websocket_connection_get_close_code (connection);
}

QdTestWs *
qd_test_ws_connect (SoupSession  *session,
                    const char   *url,
                    const char   *origin,
                    guint        *status,
                    GError      **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GAsyncResult) result = NULL;
  SoupWebsocketConnection *connection;
  QdTestWs *ws;

  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), NULL);
  soup_session_websocket_connect_async (session, msg, origin, NULL, G_PRIORITY_DEFAULT, NULL, result_cb, &result);
  connection = soup_session_websocket_connect_finish (session, wait_result (&result), error);
  if (status != NULL)
    *status = soup_message_get_status (msg);
  if (connection == NULL)
    return NULL;
  ws = g_new0 (QdTestWs, 1);
  ws->connection = connection;
  ws->messages = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (ws->connection, "message", G_CALLBACK (ws_message_cb), ws);
  g_signal_connect (ws->connection, "closed", G_CALLBACK (ws_closed_cb), ws);
  return ws;
}

void
qd_test_ws_free (QdTestWs *ws)
{
  g_signal_handlers_disconnect_by_data (ws->connection, ws);
  if (soup_websocket_connection_get_state (ws->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (ws->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_object_unref (ws->connection);
  g_ptr_array_unref (ws->messages);
  g_free (ws);
}

static gboolean
message_matches (const char *text,
                 const char *type,
                 const char *contains)
{
  g_autofree char *needle = g_strdup_printf ("\"type\":\"%s\"", type);

  return strstr (text, needle) != NULL && (contains == NULL || strstr (text, contains) != NULL);
}

gint
qd_test_ws_wait (QdTestWs   *ws,
                 guint       from,
                 const char *type,
                 const char *contains,
                 guint       timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * 1000;
  guint i = from;

  for (;;)
    {
      for (; i < ws->messages->len; i++)
        if (message_matches (g_ptr_array_index (ws->messages, i), type, contains))
          return (gint) i;
      if (g_get_monotonic_time () > deadline || ws->closed)
        return -1;
      qd_test_spin (10);
    }
}

guint
qd_test_ws_count (QdTestWs   *ws,
                  const char *type)
{
  guint n = 0, i;

  for (i = 0; i < ws->messages->len; i++)
    if (message_matches (g_ptr_array_index (ws->messages, i), type, NULL))
      n++;
  return n;
}

/* ---- a server under test ------------------------------------------------------------ */

static void
wait_for_market (QdRuntime *runtime)
{
  QdIbService *service = qd_runtime_get_service (runtime);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* The paper venue connects and quotes a moment after it starts. */
  while (g_get_monotonic_time () < deadline &&
         (g_list_model_get_n_items (qd_ib_service_get_quotes (service)) < 3 ||
          !qd_connection_status_get_connected (qd_ib_service_get_connection (service))))
    qd_test_spin (20);
  g_assert_true (qd_connection_status_get_connected (qd_ib_service_get_connection (service)));
}

QdTestServer *
qd_test_server_new (const QdServerConfig *config,
                    gboolean              with_runtime)
{
  QdTestServer *ts = g_new0 (QdTestServer, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *token_dir = NULL;
  QdServerConfig server_config = { .loopback_viewers = TRUE };

  ts->tmpdir = g_dir_make_tmp ("qd-server-XXXXXX", &error);
  g_assert_no_error (error);
  journal = g_build_filename (ts->tmpdir, "orders.jsonl", NULL);
  token_dir = g_build_filename (ts->tmpdir, "config", NULL);

  if (with_runtime)
    {
      QdRuntimeConfig runtime_config = {
        .demo = TRUE, .seed = 7, .quote_rate = 20, .trade_interval_ms = 0,
        .without_trader = TRUE, .journal_path = journal,
      };

      ts->runtime = qd_runtime_new (&runtime_config, &error);
      g_assert_no_error (error);
      qd_runtime_start (ts->runtime);
      wait_for_market (ts->runtime);
    }

  ts->tokens = qd_token_store_new (token_dir, &error);
  g_assert_no_error (error);
  if (config != NULL)
    server_config = *config;
  server_config.address = config && config->address ? config->address : "127.0.0.1";
  server_config.port = 0;
  server_config.tokens = ts->tokens;
  ts->server = qd_api_server_new (ts->runtime, &server_config, &error);
  g_assert_no_error (error);
  g_assert_true (qd_api_server_start (ts->server, &error));
  g_assert_no_error (error);

  ts->session = qd_test_session_new ();
  ts->base = qd_api_server_get_url (ts->server);
  ts->base[strlen (ts->base) - 1] = '\0';   /* no trailing '/' */
  return ts;
}

void
qd_test_server_free (QdTestServer *ts)
{
  qd_api_server_stop (ts->server);
  g_clear_object (&ts->session);
  g_clear_object (&ts->server);
  if (ts->runtime != NULL)
    qd_runtime_stop (ts->runtime);
  g_clear_object (&ts->runtime);
  g_clear_object (&ts->tokens);
  qd_test_spin (50);
  qd_test_remove_tree (ts->tmpdir);
  g_free (ts->tmpdir);
  g_free (ts->base);
  g_free (ts);
}

char *
qd_test_server_url (QdTestServer *ts,
                    const char   *path)
{
  return g_strconcat (ts->base, path, NULL);
}

const char *
qd_test_server_token (QdTestServer *ts,
                      QdApiRole     role)
{
  return qd_token_store_get_token (ts->tokens, role);
}
