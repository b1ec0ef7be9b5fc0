/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-test"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

/*
 * build-aux/nginx/quarterdeck.conf, run for real: a real nginx (temp prefix, free port, TLS
 * with a self-signed certificate made by openssl) in front of a real
 * `quarterdeck --headless --demo`; REST and the WebSocket are checked through it.
 */

typedef struct
{
  char            *root;
  GSubprocess     *quarterdeck;
  GSubprocess     *nginx;
  guint16          qd_port;
  guint16          nginx_port;
  char            *trader_token;
  char            *viewer_token;
  GTlsCertificate *certificate;
  SoupSession     *session;
} Proxy;

static Proxy proxy;

static guint16
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_nonnull (socket);
  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static char *
path_in_root (const char *name)
{
  return g_build_filename (proxy.root, name, NULL);
}

static gboolean
run_command (const char * const *argv,
             GError            **error)
{
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv,
                                                      G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                      G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                                      error);

  return process != NULL && g_subprocess_wait_check (process, NULL, error);
}

static gboolean
make_certificate (GError **error)
{
  g_autofree char *key = path_in_root ("key.pem");
  g_autofree char *cert = path_in_root ("cert.pem");
  const char *argv[] = {
    "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
    "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
    "-keyout", key, "-out", cert, NULL
  };

  if (!run_command (argv, error))
    return FALSE;
  proxy.certificate = g_tls_certificate_new_from_file (cert, error);
  return proxy.certificate != NULL;
}

/* Polls until something accepts connections on the port, or the process has died. */
static gboolean
wait_for_port (GSubprocess *process,
               guint16      port,
               GError     **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  gint64 until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < until)
    {
      g_autoptr(GSocketConnection) connection =
        g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);

      if (connection != NULL)
        return TRUE;
      /* Reaped (on GLib's worker thread) once it has exited. */
      if (g_subprocess_get_identifier (process) == NULL)
        break;
      g_usleep (G_USEC_PER_SEC / 10);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "nothing listens on port %u", port);
  return FALSE;
}

/* A failed assertion aborts the test: the servers must not outlive it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
start_quarterdeck (GError **error)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autofree char *server = NULL;
  g_autofree char *log = path_in_root ("quarterdeck.log");
  const char *binary = g_getenv ("QD_QUARTERDECK");
  const char *dirs[] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };

  proxy.qd_port = free_port ();
  server = g_strdup_printf ("--server=127.0.0.1:%u", proxy.qd_port);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = path_in_root (dirs[i]);
      g_subprocess_launcher_setenv (launcher, dirs[i], dir, TRUE);
    }
  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  proxy.quarterdeck = g_subprocess_launcher_spawn (launcher, error,
                                                   binary != NULL ? binary : "quarterdeck",
                                                   "--headless", "--demo", server,
                                                   "--demo-trade-interval=0",
                                                   "--summary-interval=3600", NULL);
  return proxy.quarterdeck != NULL && wait_for_port (proxy.quarterdeck, proxy.qd_port, error);
}

static char *
read_token (const char *role)
{
  g_autofree char *name = g_strdup_printf ("XDG_CONFIG_HOME/quarterdeck/%s-token", role);
  g_autofree char *path = path_in_root (name);
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return g_strdup (g_strstrip (contents));
}

/* The example file with this test's ports and certificate. */
static gboolean
write_site_config (GError **error)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "build-aux", "nginx",
                                                    "quarterdeck.conf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *cert = path_in_root ("cert.pem");
  g_autofree char *key = path_in_root ("key.pem");
  g_autofree char *upstream = g_strdup_printf ("server 127.0.0.1:%u;", proxy.qd_port);
  g_autofree char *listen = g_strdup_printf ("listen 127.0.0.1:%u ssl;", proxy.nginx_port);
  g_autofree char *site = path_in_root ("quarterdeck.conf");
  GString *conf;
  const char *edits[][2] = {
    { "server 127.0.0.1:8000;", upstream },
    { "listen 443 ssl;", listen },
    { "listen [::]:443 ssl;", "" },
    { "/etc/ssl/certs/quarterdeck.pem", cert },
    { "/etc/ssl/private/quarterdeck.key", key },
  };

  if (!g_file_get_contents (example, &text, NULL, error))
    return FALSE;
  conf = g_string_new (text);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    if (g_string_replace (conf, edits[i][0], edits[i][1], 0) != 1)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: no single “%s”", example, edits[i][0]);
        g_string_free (conf, TRUE);
        return FALSE;
      }
  {
    g_autofree char *done = g_string_free (conf, FALSE);
    return g_file_set_contents (site, done, -1, error);
  }
}

/* nginx in the foreground, one process, everything under the temp prefix. */
static gboolean
write_main_config (GError **error)
{
  g_autofree char *main_conf = path_in_root ("nginx.conf");
  g_autofree char *temp = path_in_root ("nginx-temp");
  g_autofree char *text = g_strdup_printf (
    "daemon off;\nmaster_process off;\nworker_processes 1;\n"
    "pid %1$s/nginx.pid;\nerror_log %1$s/nginx-error.log info;\n"
    "events { worker_connections 256; }\n"
    "http {\n"
    "  access_log %1$s/nginx-access.log;\n"
    "  client_body_temp_path %2$s/body;\n  proxy_temp_path %2$s/proxy;\n"
    "  fastcgi_temp_path %2$s/fastcgi;\n  uwsgi_temp_path %2$s/uwsgi;\n  scgi_temp_path %2$s/scgi;\n"
    "  include %1$s/quarterdeck.conf;\n"
    "}\n", proxy.root, temp);

  g_mkdir_with_parents (temp, 0700);
  return g_file_set_contents (main_conf, text, -1, error);
}

static const char *
nginx_path (void)
{
  static char *found;

  if (g_getenv ("QD_NGINX") != NULL)
    return g_getenv ("QD_NGINX");
  if (found == NULL)
    found = g_find_program_in_path ("nginx");
  return found != NULL ? found : "/usr/sbin/nginx";
}

static gboolean
start_nginx (GError **error)
{
  g_autofree char *prefix = g_strconcat (proxy.root, "/", NULL);
  g_autofree char *main_conf = path_in_root ("nginx.conf");
  g_autofree char *error_log = path_in_root ("nginx-error.log");
  g_autoptr(GSubprocessLauncher) launcher = NULL;

  proxy.nginx_port = free_port ();
  if (!write_site_config (error) || !write_main_config (error))
    return FALSE;
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  proxy.nginx = g_subprocess_launcher_spawn (launcher, error, nginx_path (), "-p", prefix, "-c", main_conf,
                                             "-e", error_log, NULL);
  return proxy.nginx != NULL && wait_for_port (proxy.nginx, proxy.nginx_port, error);
}

/* Only our own certificate is accepted. */
static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  return g_tls_certificate_is_same (certificate, proxy.certificate);
}

static SoupMessage *
proxy_message (const char *method,
               const char *path,
               const char *token)
{
  g_autofree char *url = g_strdup_printf ("https://127.0.0.1:%u%s", proxy.nginx_port, path);
  SoupMessage *msg = soup_message_new (method, url);

  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), NULL);
  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    }
  return msg;
}

/* The body as a string; status in *status. */
static char *
send_message (SoupMessage *msg,
              guint       *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read (proxy.session, msg, NULL, &error);

  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
test_page_over_tls (void)
{
  g_autoptr(SoupMessage) msg = proxy_message ("GET", "/", NULL);
  g_autoptr(SoupMessage) script = proxy_message ("GET", "/static/app.js", NULL);
  g_autofree char *body = NULL;
  g_autofree char *js = NULL;
  guint status = 0;

  body = send_message (msg, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (body, "<title>Quarterdeck</title>"));
  g_assert_nonnull (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                  "Content-Security-Policy"));
  g_assert_nonnull (soup_message_get_tls_peer_certificate (msg));
  js = send_message (script, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (js, "QdApp"));
}

static void
test_rest_with_token (void)
{
  g_autoptr(SoupMessage) msg = proxy_message ("GET", "/api/v1/ib/connection/status", proxy.viewer_token);
  g_autofree char *body = NULL;
  guint status = 0;

  body = send_message (msg, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (body, "\"connected\":true"));
  g_assert_nonnull (strstr (body, "\"account_id\""));
}

/* Through the proxy every request comes from loopback: it must not count as a local viewer. */
static void
test_forwarded_needs_token (void)
{
  g_autoptr(SoupMessage) msg = proxy_message ("GET", "/api/v1/ib/positions", NULL);
  g_autoptr(SoupMessage) wrong = proxy_message ("GET", "/api/v1/ib/positions", "not-a-token");
  g_autofree char *body = NULL;
  g_autofree char *body2 = NULL;
  guint status = 0;

  body = send_message (msg, &status);
  g_assert_cmpuint (status, ==, 401);
  g_assert_nonnull (strstr (body, "\"detail\""));
  body2 = send_message (wrong, &status);
  g_assert_cmpuint (status, ==, 401);
}

static SoupMessage *
json_message (const char *method,
              const char *path,
              const char *token,
              const char *json)
{
  SoupMessage *msg = proxy_message (method, path, token);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  return msg;
}

/* An order through the proxy fills on the paper venue; the same Idempotency-Key again
 * answers the first result and places nothing. */
static void
test_order_through_proxy (void)
{
  const char *order = "{\"symbol\":\"AAPL\",\"action\":\"BUY\",\"quantity\":1,"
                      "\"order_type\":\"MKT\",\"time_in_force\":\"DAY\"}";
  g_autoptr(SoupMessage) first = json_message ("POST", "/api/v1/ib/orders/place", proxy.trader_token, order);
  g_autoptr(SoupMessage) again = json_message ("POST", "/api/v1/ib/orders/place", proxy.trader_token, order);
  g_autoptr(SoupMessage) viewer = json_message ("POST", "/api/v1/ib/orders/place", proxy.viewer_token, order);
  g_autofree char *body1 = NULL;
  g_autofree char *body2 = NULL;
  g_autofree char *body3 = NULL;
  guint status = 0;

  soup_message_headers_replace (soup_message_get_request_headers (first), "Idempotency-Key", "nginx-test-1");
  soup_message_headers_replace (soup_message_get_request_headers (again), "Idempotency-Key", "nginx-test-1");
  body1 = send_message (first, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (body1, "\"order_id\""));
  body2 = send_message (again, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (body2, ==, body1);
  body3 = send_message (viewer, &status);
  g_assert_cmpuint (status, ==, 403);
}

/* nginx refuses a body over its client_max_body_size before Quarterdeck sees it. */
static void
test_body_limit (void)
{
  g_autofree char *big = g_strnfill (100 * 1024, ' ');
  g_autoptr(SoupMessage) msg = json_message ("POST", "/api/v1/ib/orders/place", proxy.trader_token, big);
  g_autofree char *body = NULL;
  guint status = 0;

  body = send_message (msg, &status);
  g_assert_cmpuint (status, ==, 413);
}

typedef struct
{
  GMainLoop               *loop;
  SoupWebsocketConnection *connection;
  GError                  *error;
  GHashTable              *types;   /* message type -> count */
  guint                    status;  /* of the handshake */
} WsClient;

static void
ws_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  WsClient *ws = user_data;

  ws->connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &ws->error);
  g_main_loop_quit (ws->loop);
}

static void
ws_message_cb (SoupWebsocketConnection *connection,
               gint                     type,
               GBytes                  *message,
               gpointer                 user_data)
{
  WsClient *ws = user_data;
  g_autofree char *text = g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message));
  const char *start = strstr (text, "\"type\":\"");
  const char *end;

  if (start == NULL)
    return;
  start += strlen ("\"type\":\"");
  end = strchr (start, '"');
  if (end != NULL)
    {
      char *name = g_strndup (start, end - start);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (ws->types, name));
      g_hash_table_replace (ws->types, name, GUINT_TO_POINTER (n + 1));
    }
}

static gboolean
ws_timeout_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
ws_connect (WsClient   *ws,
            const char *token)
{
  g_autofree char *path = token ? g_strdup_printf ("/ws?token=%s", token) : g_strdup ("/ws");
  g_autoptr(SoupMessage) msg = proxy_message ("GET", path, NULL);
  g_autofree char *origin = g_strdup_printf ("https://127.0.0.1:%u", proxy.nginx_port);
  guint timeout;

  ws->loop = g_main_loop_new (NULL, FALSE);
  ws->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  timeout = g_timeout_add_seconds (10, ws_timeout_cb, ws->loop);
  soup_session_websocket_connect_async (proxy.session, msg, origin, NULL, G_PRIORITY_DEFAULT, NULL,
                                        ws_connected_cb, ws);
  g_main_loop_run (ws->loop);
  g_source_remove (timeout);
  ws->status = soup_message_get_status (msg);
}

static void
ws_clear (WsClient *ws)
{
  if (ws->connection != NULL && soup_websocket_connection_get_state (ws->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (ws->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (&ws->connection);
  g_clear_error (&ws->error);
  g_clear_pointer (&ws->types, g_hash_table_unref);
  g_clear_pointer (&ws->loop, g_main_loop_unref);
}

static guint
ws_count (WsClient   *ws,
          const char *type)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (ws->types, type));
}

static gboolean
ws_check_cb (gpointer user_data)
{
  WsClient *ws = user_data;

  if (ws_count (ws, "ib_connection") > 0 && ws_count (ws, "ib_account") > 0 && ws_count (ws, "ib_quote") >= 20)
    g_main_loop_quit (ws->loop);
  return G_SOURCE_CONTINUE;
}

/* wss:// through nginx: the snapshot, then live quotes keep coming. */
static void
test_websocket_through_proxy (void)
{
  WsClient ws = { 0 };
  guint check, timeout;

  ws_connect (&ws, proxy.viewer_token);
  g_assert_no_error (ws.error);
  g_assert_nonnull (ws.connection);
  g_signal_connect (ws.connection, "message", G_CALLBACK (ws_message_cb), &ws);
  check = g_timeout_add (50, ws_check_cb, &ws);
  timeout = g_timeout_add_seconds (15, ws_timeout_cb, ws.loop);
  g_main_loop_run (ws.loop);
  g_source_remove (check);
  g_source_remove (timeout);
  g_assert_cmpuint (ws_count (&ws, "ib_connection"), >, 0);
  g_assert_cmpuint (ws_count (&ws, "ib_account"), >, 0);
  g_assert_cmpuint (ws_count (&ws, "ib_quote"), >=, 20);
  g_assert_cmpint (soup_websocket_connection_get_state (ws.connection), ==, SOUP_WEBSOCKET_STATE_OPEN);
  ws_clear (&ws);
}

static void
test_websocket_needs_token (void)
{
  WsClient ws = { 0 };

  ws_connect (&ws, NULL);
  g_assert_null (ws.connection);
  g_assert_nonnull (ws.error);
  g_assert_cmpuint (ws.status, ==, 401);
  ws_clear (&ws);
  ws_connect (&ws, "not-a-token");
  g_assert_null (ws.connection);
  g_assert_nonnull (ws.error);
  g_assert_cmpuint (ws.status, ==, 401);
  ws_clear (&ws);
}

static gboolean
set_up (GError **error)
{
  proxy.root = g_dir_make_tmp ("qd-nginx-XXXXXX", error);
  if (proxy.root == NULL || !make_certificate (error) || !start_quarterdeck (error))
    return FALSE;
  proxy.trader_token = read_token ("trader");
  proxy.viewer_token = read_token ("viewer");
  if (proxy.trader_token == NULL || proxy.viewer_token == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "quarterdeck wrote no tokens");
      return FALSE;
    }
  if (!start_nginx (error))
    return FALSE;
  proxy.session = soup_session_new ();
  return TRUE;
}

static void
stop_process (GSubprocess **process)
{
  if (*process == NULL)
    return;
  g_subprocess_send_signal (*process, SIGTERM);
  g_subprocess_wait (*process, NULL, NULL);
  g_clear_object (process);
}

static void
print_log (const char *name)
{
  g_autofree char *path = path_in_root (name);
  g_autofree char *text = NULL;

  if (g_file_get_contents (path, &text, NULL, NULL))
    g_printerr ("--- %s\n%s\n", name, text);
}

static void
tear_down (gboolean failed)
{
  g_autoptr(GFile) root = NULL;

  stop_process (&proxy.nginx);
  stop_process (&proxy.quarterdeck);
  if (proxy.root != NULL && failed)
    {
      print_log ("quarterdeck.log");
      print_log ("nginx-error.log");
    }
  if (proxy.root != NULL)
    {
      const char *argv[] = { "rm", "-rf", proxy.root, NULL };
      run_command (argv, NULL);
    }
  g_clear_object (&proxy.session);
  g_clear_object (&proxy.certificate);
  g_clear_pointer (&proxy.trader_token, g_free);
  g_clear_pointer (&proxy.viewer_token, g_free);
  g_clear_pointer (&proxy.root, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!set_up (&error))
    {
      g_printerr ("test-nginx-proxy: %s\n", error->message);
      tear_down (TRUE);
      return 1;
    }
  g_test_add_func ("/nginx/page-over-tls", test_page_over_tls);
  g_test_add_func ("/nginx/rest-with-token", test_rest_with_token);
  g_test_add_func ("/nginx/forwarded-needs-token", test_forwarded_needs_token);
  g_test_add_func ("/nginx/websocket", test_websocket_through_proxy);
  g_test_add_func ("/nginx/websocket-needs-token", test_websocket_needs_token);
  g_test_add_func ("/nginx/order-idempotent", test_order_through_proxy);
  g_test_add_func ("/nginx/body-limit", test_body_limit);
  status = g_test_run ();
  tear_down (status != 0);
  return status;
}
