/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "qd-api-server.h"
#include "qd-options.h"
#include "qd-test-http.h"
#include "qd-token-store.h"

/* ---- the token store --------------------------------------------------------------- */

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
changed_cb (QdTokenStore *store,
            guint        *count)
{
  (*count)++;
}

static void
test_token_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("qd-tokens-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (root, "quarterdeck", NULL);
  g_autofree char *viewer_path = g_build_filename (dir, "viewer-token", NULL);
  g_autofree char *trader_path = g_build_filename (dir, "trader-token", NULL);
  g_autoptr(QdTokenStore) store = qd_token_store_new (dir, &error);
  g_autoptr(QdTokenStore) again = NULL;
  g_autofree char *viewer = NULL;
  g_autofree char *trader = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *longer = NULL;
  guint changed = 0;

  g_assert_no_error (error);
  viewer = g_strdup (qd_token_store_get_token (store, QD_API_ROLE_VIEWER));
  trader = g_strdup (qd_token_store_get_token (store, QD_API_ROLE_TRADER));
  g_assert_cmpuint (strlen (viewer), ==, 64);
  g_assert_cmpstr (viewer, !=, trader);
  g_assert_cmpuint (file_mode (viewer_path), ==, 0600);
  g_assert_cmpuint (file_mode (trader_path), ==, 0600);
  g_assert_cmpuint (file_mode (dir), ==, 0700);
  g_assert_true (g_file_get_contents (trader_path, &contents, NULL, NULL));
  g_assert_cmpstr (g_strstrip (contents), ==, trader);

  g_assert_cmpint (qd_token_store_check (store, viewer), ==, QD_API_ROLE_VIEWER);
  g_assert_cmpint (qd_token_store_check (store, trader), ==, QD_API_ROLE_TRADER);
  g_assert_cmpint (qd_token_store_check (store, NULL), ==, QD_API_ROLE_NONE);
  g_assert_cmpint (qd_token_store_check (store, ""), ==, QD_API_ROLE_NONE);
  longer = g_strconcat (trader, "0", NULL);
  g_assert_cmpint (qd_token_store_check (store, longer), ==, QD_API_ROLE_NONE);
  longer[63] = '\0';
  g_assert_cmpint (qd_token_store_check (store, longer), ==, QD_API_ROLE_NONE);

  /* The same files next time. */
  again = qd_token_store_new (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (qd_token_store_get_token (again, QD_API_ROLE_TRADER), ==, trader);

  g_signal_connect (store, "changed", G_CALLBACK (changed_cb), &changed);
  g_assert_true (qd_token_store_regenerate (store, QD_API_ROLE_TRADER, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (qd_token_store_check (store, trader), ==, QD_API_ROLE_NONE);
  g_assert_cmpint (qd_token_store_check (store, viewer), ==, QD_API_ROLE_VIEWER);
  g_assert_cmpuint (file_mode (trader_path), ==, 0600);
  g_clear_object (&again);

  /* A damaged file is replaced; a readable one is made private again. */
  g_assert_true (g_file_set_contents (viewer_path, "short\n", -1, NULL));
  g_chmod (trader_path, 0644);
  again = qd_token_store_new (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (qd_token_store_get_token (again, QD_API_ROLE_VIEWER)), ==, 64);
  g_assert_cmpuint (file_mode (viewer_path), ==, 0600);
  g_assert_cmpuint (file_mode (trader_path), ==, 0600);

  qd_test_remove_tree (root);
}

/* ---- command line ------------------------------------------------------------------ */

static void
test_server_option (void)
{
  struct { const char *text; const char *address; guint16 port; } good[] = {
    { "127.0.0.1:8000", "127.0.0.1", 8000 },
    { "0.0.0.0:8443", "0.0.0.0", 8443 },
    { "[::1]:9000", "::1", 9000 },
    { "127.0.0.1:0", "127.0.0.1", 0 },
  };
  const char *bad[] = { "localhost:8000", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "::1:8000",
                        "[::1]8000", ":8000", "127.0.0.1:80x", "" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *address = NULL;
      guint16 port = 1;

      g_assert_true (qd_options_parse_server (good[i].text, &address, &port, NULL));
      g_assert_cmpstr (address, ==, good[i].address);
      g_assert_cmpuint (port, ==, good[i].port);
    }
  for (i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (qd_options_parse_server (bad[i], NULL, NULL, &error));
      g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
      g_assert_nonnull (strstr (error->message, "--server"));
    }
}

static void
test_server_flags_validated (void)
{
  QdOptions both = QD_OPTIONS_INIT;
  QdOptions half = QD_OPTIONS_INIT;
  QdOptions missing = QD_OPTIONS_INIT;
  QdOptions fine = QD_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;

  both.no_server = TRUE;
  both.server = g_strdup ("127.0.0.1:8000");
  g_assert_false (qd_options_validate (&both, &error));
  g_assert_nonnull (strstr (error->message, "--no-server"));
  g_clear_error (&error);

  half.tls_cert = g_strdup ("/etc/hostname");
  g_assert_false (qd_options_validate (&half, &error));
  g_assert_nonnull (strstr (error->message, "--tls-key"));
  g_clear_error (&error);

  missing.tls_cert = g_strdup ("/nonexistent/cert.pem");
  missing.tls_key = g_strdup ("/nonexistent/key.pem");
  g_assert_false (qd_options_validate (&missing, &error));
  g_assert_nonnull (strstr (error->message, "/nonexistent/cert.pem"));
  g_clear_error (&error);

  fine.server = g_strdup ("[::1]:8000");
  g_assert_true (qd_options_validate (&fine, &error));
  g_assert_no_error (error);

  qd_options_clear (&both);
  qd_options_clear (&half);
  qd_options_clear (&missing);
  qd_options_clear (&fine);
}

/* ---- TLS --------------------------------------------------------------------------- */

static gboolean
make_certificate (const char *dir,
                  char      **cert,
                  char      **key)
{
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = {
    "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-days", "1", "-subj", "/CN=localhost", "-keyout", NULL, "-out", NULL, NULL
  };

  *cert = g_build_filename (dir, "cert.pem", NULL);
  *key = g_build_filename (dir, "key.pem", NULL);
  argv[13] = *key;
  argv[15] = *cert;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

static void
test_tls (void)
{
  g_autofree char *dir = g_dir_make_tmp ("qd-tls-XXXXXX", NULL);
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autoptr(QdTestServer) ts = NULL;
  g_autoptr(QdTestResponse) status = NULL;
  g_autoptr(QdTestWs) ws = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *wss = NULL;
  QdServerConfig config = { .loopback_viewers = TRUE };

  g_assert_true (make_certificate (dir, &cert, &key));
  config.tls_cert_path = cert;
  config.tls_key_path = key;
  ts = qd_test_server_new (&config, TRUE);
  g_assert_true (g_str_has_prefix (ts->base, "https://127.0.0.1:"));

  url = qd_test_server_url (ts, "/api/v1/ib/connection/status");
  status = qd_test_http (ts->session, "GET", url, NULL, NULL, NULL);
  g_assert_cmpuint (status->status, ==, 200);
  g_assert_nonnull (strstr (status->body, "\"connected\":true"));

  wss = g_strconcat ("wss", ts->base + strlen ("https"), "/ws", NULL);
  ws = qd_test_ws_connect (ts->session, wss, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (qd_test_ws_wait (ws, 0, "ib_connection", NULL, 5000), ==, 0);

  g_clear_pointer (&ws, qd_test_ws_free);
  g_clear_pointer (&ts, qd_test_server_free);
  qd_test_remove_tree (dir);
}

/* ---- remote binding and raw requests ---------------------------------------------- */

static void
test_remote_binding_needs_tokens (void)
{
  QdServerConfig config = { .address = "0.0.0.0", .loopback_viewers = TRUE };
  g_autoptr(QdTestServer) ts = qd_test_server_new (&config, TRUE);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/api/v1/ib/account", qd_api_server_get_port (ts->server));
  g_autofree char *page = g_strdup_printf ("http://127.0.0.1:%u/", qd_api_server_get_port (ts->server));
  g_autoptr(QdTestResponse) anonymous = qd_test_http (ts->session, "GET", url, NULL, NULL, NULL);
  g_autoptr(QdTestResponse) viewer = qd_test_http (ts->session, "GET", url, qd_test_server_token (ts, QD_API_ROLE_VIEWER), NULL, NULL);
  g_autoptr(QdTestResponse) index = qd_test_http (ts->session, "GET", page, NULL, NULL, NULL);

  /* Listening beyond loopback: even a local read needs a token; the page does not. */
  g_assert_cmpuint (anonymous->status, ==, 401);
  g_assert_cmpuint (viewer->status, ==, 200);
  g_assert_cmpuint (index->status, ==, 200);
}

/* Sends raw HTTP and returns the status line. */
static char *
raw_request (guint16     port,
             const char *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GString) answer = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  char buf[1024];

  g_assert_true (g_socket_connect (socket, address, NULL, &error));
  g_socket_set_blocking (socket, FALSE);
  g_assert_cmpint (g_socket_send (socket, request, strlen (request), NULL, &error), ==, (gssize) strlen (request));
  while (strstr (answer->str, "\r\n") == NULL && g_get_monotonic_time () < deadline)
    {
      gssize n;

      qd_test_spin (10);
      n = g_socket_receive (socket, buf, sizeof buf, NULL, NULL);
      if (n > 0)
        g_string_append_len (answer, buf, n);
    }
  return g_strndup (answer->str, strcspn (answer->str, "\r"));
}

static void
test_raw_requests (void)
{
  g_autoptr(QdTestServer) ts = qd_test_server_new (NULL, TRUE);
  guint16 port = qd_api_server_get_port (ts->server);
  g_autofree char *chunked = g_strdup_printf ("POST /api/v1/ib/orders/place HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                              "Authorization: Bearer %s\r\nTransfer-Encoding: chunked\r\n\r\n",
                                              port, qd_test_server_token (ts, QD_API_ROLE_TRADER));
  g_autofree char *huge = g_strdup_printf ("POST /api/v1/ib/orders/place HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                           "Authorization: Bearer %s\r\nContent-Length: 100000000\r\n\r\n{",
                                           port, qd_test_server_token (ts, QD_API_ROLE_TRADER));
  g_autofree char *no_host = g_strdup ("GET /api/v1/ib/account HTTP/1.0\r\n\r\n");
  g_autofree char *head = g_strdup_printf ("HEAD / HTTP/1.1\r\nHost: localhost:%u\r\n\r\n", port);
  g_autofree char *a = raw_request (port, chunked);
  g_autofree char *b = raw_request (port, huge);
  g_autofree char *c = raw_request (port, no_host);
  g_autofree char *d = raw_request (port, head);

  g_assert_cmpstr (a, ==, "HTTP/1.1 411 Length Required");
  /* Refused from the headers alone: the 100 MB never has to arrive. */
  g_assert_cmpstr (b, ==, "HTTP/1.1 413 Request Entity Too Large");
  g_assert_cmpstr (c, ==, "HTTP/1.0 400 Bad Request");
  g_assert_cmpstr (d, ==, "HTTP/1.1 200 OK");
}

/* ---- quarterdeck --headless -------------------------------------------------------- */

static GSubprocess *
spawn_headless (const char  *home,
                const char  *server,
                GError     **error)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *server_arg = g_strconcat ("--server=", server, NULL);

  /* Never the user's own tokens or journal. */
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  return g_subprocess_launcher_spawn (launcher, error, g_getenv ("QD_QUARTERDECK"), "--headless", "--demo",
                                      "--demo-trade-interval=0", "--summary-interval=60", "--duration=20",
                                      server_arg, NULL);
}

static void
test_headless (void)
{
  g_autofree char *home = g_dir_make_tmp ("qd-headless-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(SoupSession) session = qd_test_session_new ();
  g_autoptr(QdTestResponse) status = NULL;
  g_autoptr(GString) printed = g_string_new (NULL);
  g_autofree char *url = NULL;
  g_autofree char *trader = NULL;
  g_autofree char *viewer = NULL;
  g_autofree char *trader_path = g_build_filename (home, "config", "quarterdeck", "trader-token", NULL);
  g_autofree char *viewer_path = g_build_filename (home, "config", "quarterdeck", "viewer-token", NULL);
  g_autofree char *second_stderr = NULL;
  char *line;

  if (g_getenv ("QD_QUARTERDECK") == NULL)
    {
      g_test_skip ("QD_QUARTERDECK not set");
      return;
    }
  first = spawn_headless (home, "127.0.0.1:0", &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (first));
  while (url == NULL && (line = g_data_input_stream_read_line (out, NULL, NULL, &error)) != NULL)
    {
      const char *at = strstr (line, "Serving the API and web page at ");

      g_string_append_printf (printed, "%s\n", line);
      if (at != NULL)
        url = g_strdup (at + strlen ("Serving the API and web page at "));
      g_free (line);
    }
  g_assert_nonnull (url);
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_nonnull (strstr (line, trader_path));
  g_string_append_printf (printed, "%s\n", line);
  g_free (line);

  /* Where the tokens are, never what they are. */
  g_assert_true (g_file_get_contents (trader_path, &trader, NULL, NULL));
  g_assert_true (g_file_get_contents (viewer_path, &viewer, NULL, NULL));
  g_assert_null (strstr (printed->str, g_strstrip (trader)));
  g_assert_null (strstr (printed->str, g_strstrip (viewer)));

  {
    g_autofree char *status_url = g_strconcat (url, "api/v1/ib/connection/status", NULL);

    status = qd_test_http (session, "GET", status_url, NULL, NULL, NULL);
    g_assert_cmpuint (status->status, ==, 200);
  }

  /* A second one on the same port says why it cannot serve, and stops. */
  {
    const char *port = strrchr (url, ':') + 1;
    g_autofree char *taken = g_strdup_printf ("127.0.0.1:%.*s", (int) strcspn (port, "/"), port);

    second = spawn_headless (home, taken, &error);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_communicate_utf8 (second, NULL, NULL, NULL, &second_stderr, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 1);
    g_assert_nonnull (strstr (second_stderr, "Cannot listen"));
  }

  g_subprocess_force_exit (first);
  g_subprocess_wait (first, NULL, NULL);
  qd_test_remove_tree (home);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-security/token-store", test_token_store);
  g_test_add_func ("/server-security/server-option", test_server_option);
  g_test_add_func ("/server-security/server-flags-validated", test_server_flags_validated);
  g_test_add_func ("/server-security/tls", test_tls);
  g_test_add_func ("/server-security/remote-binding-needs-tokens", test_remote_binding_needs_tokens);
  g_test_add_func ("/server-security/raw-requests", test_raw_requests);
  g_test_add_func ("/server-security/headless", test_headless);

  return g_test_run ();
}
