/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-test"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <netinet/in.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "qd-memory-bus.h"
#include "qd-paper-venue.h"
#include "qd-public-json.h"
#include "qd-test-redis.h"
#include "qd-test-util.h"

struct _QdTestRedis
{
  char        *dir;
  char        *url;
  guint16      port;
  gboolean     aof;
  char        *socket;
  GStrv        args;
  GSubprocess *process;
};

gboolean
qd_test_redis_available (void)
{
  g_autofree char *path = g_find_program_in_path ("redis-server");
  return path != NULL;
}

void
qd_test_skip_no_redis (void)
{
  /* build-aux/test.sh installs it: there a missing server is a failure, not a skip. */
  if (g_getenv ("QD_REQUIRE_ALL") != NULL)
    {
      g_test_message ("redis-server is not installed, and QD_REQUIRE_ALL is set");
      g_test_fail ();
      return;
    }
  g_test_skip ("redis-server is not installed");
}

static guint16
free_port (void)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &addr, &len), ==, 0);
  close (fd);
  return ntohs (addr.sin_port);
}

QdTestRedis *
qd_test_redis_new (gboolean aof)
{
  QdTestRedis *self = g_new0 (QdTestRedis, 1);
  g_autoptr(GError) error = NULL;

  self->dir = g_dir_make_tmp ("qd-redis-XXXXXX", &error);
  g_assert_no_error (error);
  self->port = free_port ();
  self->aof = aof;
  self->url = g_strdup_printf ("redis://127.0.0.1:%u", self->port);
  self->socket = g_build_filename (self->dir, "redis.sock", NULL);
  return self;
}

QdTestRedis *
qd_test_redis_new_started (void)
{
  QdTestRedis *self;

  if (!qd_test_redis_available ())
    return NULL;
  self = qd_test_redis_new (FALSE);
  qd_test_redis_start (self);
  return self;
}

void
qd_test_child_setup (gpointer data)
{
  /* Never outlive the test, even when it aborts. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

void
qd_test_redis_set_args (QdTestRedis *self,
                        const char  *first,
                        ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *arg;
  va_list args;

  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_strv_builder_add (builder, arg);
  va_end (args);
  g_strfreev (self->args);
  self->args = g_strv_builder_end (builder);
}

const char *
qd_test_redis_get_socket (QdTestRedis *self)
{
  return self->socket;
}

static gboolean
answers_ping (QdTestRedis *self)
{
  struct timeval timeout = { 1, 0 };
  redisContext *c = redisConnectWithTimeout ("127.0.0.1", self->port, timeout);
  redisReply *reply = NULL;
  gboolean ok = FALSE;

  if (c != NULL && c->err == 0)
    reply = redisCommand (c, "PING");
  /* While it loads the AOF, Redis answers -LOADING; with a password, -NOAUTH means it is up. */
  ok = reply != NULL && (reply->type == REDIS_REPLY_STATUS ||
                         (reply->type == REDIS_REPLY_ERROR && g_str_has_prefix (reply->str, "NOAUTH")));
  if (reply != NULL)
    freeReplyObject (reply);
  if (c != NULL)
    redisFree (c);
  return ok;
}

void
qd_test_redis_start (QdTestRedis *self)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GError) error = NULL;
  g_autofree char *port = g_strdup_printf ("%u", self->port);
  g_autofree char *log = g_build_filename (self->dir, "redis.log", NULL);
  int i;

  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_auto(GStrv) args = NULL;

  g_assert_null (self->process);
  g_subprocess_launcher_set_child_setup (launcher, qd_test_child_setup, NULL, NULL);
  g_strv_builder_add_many (argv, "redis-server", "--port", port, "--bind", "127.0.0.1",
                           "--unixsocket", self->socket, "--unixsocketperm", "700",
                           "--dir", self->dir, "--save", "",
                           "--appendonly", self->aof ? "yes" : "no", "--appendfsync", "always",
                           "--logfile", log, "--daemonize", "no", NULL);
  if (self->args != NULL)
    g_strv_builder_addv (argv, (const char **) self->args);
  args = g_strv_builder_end (argv);
  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args, &error);
  g_assert_no_error (error);

  for (i = 0; i < 500; i++)
    {
      if (answers_ping (self))
        return;
      g_usleep (10 * 1000);
    }
  g_error ("redis-server did not start on port %u (see %s)", self->port, log);
}

void
qd_test_redis_kill (QdTestRedis *self)
{
  if (self->process == NULL)
    return;
  g_subprocess_send_signal (self->process, SIGKILL);
  g_subprocess_wait (self->process, NULL, NULL);
  g_clear_object (&self->process);
}

void
qd_test_redis_free (QdTestRedis *self)
{
  qd_test_redis_kill (self);
  qd_test_remove_tree (self->dir);
  g_free (self->dir);
  g_free (self->url);
  g_free (self->socket);
  g_strfreev (self->args);
  g_free (self);
}

const char *
qd_test_redis_get_url (QdTestRedis *self)
{
  return self->url;
}

guint16
qd_test_redis_get_port (QdTestRedis *self)
{
  return self->port;
}

redisContext *
qd_test_redis_connect (QdTestRedis *self)
{
  redisContext *c = redisConnect ("127.0.0.1", self->port);

  g_assert_nonnull (c);
  g_assert_cmpint (c->err, ==, 0);
  return c;
}

redisReply *
qd_test_redis_command (redisContext *c,
                       const char   *format,
                       ...)
{
  redisReply *reply;
  va_list args;

  va_start (args, format);
  reply = redisvCommand (c, format, args);
  va_end (args);

  g_assert_nonnull (reply);
  if (reply->type == REDIS_REPLY_ERROR)
    g_error ("Redis refused %s: %s", format, reply->str);
  return reply;
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
qd_test_wait_until (gboolean (*done) (gpointer),
                    gpointer   data,
                    guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint tick = g_timeout_add (5, tick_cb, NULL);
  gboolean ok;

  while (!(ok = done (data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return ok;
}

typedef struct
{
  QdIbService *service;
  guint64      n;
} WaitEntries;

static gboolean
has_entries (gpointer data)
{
  WaitEntries *w = data;

  return qd_ib_service_get_stats (w->service)->entries >= w->n;
}

gboolean
qd_test_wait_entries (QdIbService *service,
                      guint64      n,
                      guint        timeout_ms)
{
  WaitEntries w = { service, n };

  return qd_test_wait_until (has_entries, &w, timeout_ms);
}

/* ---- sessions ------------------------------------------------------------------------- */

#define SESSION_START_NS G_GINT64_CONSTANT (1782916200000000000)   /* 2026-07-01T14:30:00Z */
#define SEC G_GINT64_CONSTANT (1000000000)

static void
test_entry_free (gpointer data)
{
  QdTestEntry *e = data;

  g_free (e->stream);
  g_free (e->topic);
  g_free (e->payload);
  g_free (e);
}

static void
command (QdPaperVenue *venue,
         const char   *json)
{
  g_autoptr(GError) error = NULL;

  qd_paper_venue_handle_command (venue, json, strlen (json), &error);
}

static void
play_session (QdPaperVenue *venue,
              guint         seconds)
{
  guint s;

  qd_paper_venue_set_touch (venue, "AAPL.NASDAQ", "100.00", "100.01", "300", "300");
  command (venue, "{\"cmd\":\"submit\",\"request_id\":\"s1\",\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"BUY\",\"order_type\":\"MARKET\",\"quantity\":\"100\",\"time_in_force\":\"DAY\"}");
  command (venue, "{\"cmd\":\"submit\",\"request_id\":\"s2\",\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"BUY\",\"order_type\":\"LIMIT\",\"quantity\":\"50\",\"price\":\"90.00\",\"time_in_force\":\"GTC\"}");
  command (venue, "{\"cmd\":\"submit\",\"request_id\":\"s3\",\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"SELL\",\"order_type\":\"STOP_MARKET\",\"quantity\":\"20\",\"trigger_price\":\"80.00\",\"time_in_force\":\"GTC\"}");
  command (venue, "{\"cmd\":\"submit\",\"request_id\":\"s4\",\"instrument_id\":\"AAPL.NASDAQ\",\"side\":\"SELL\",\"order_type\":\"STOP_LIMIT\",\"quantity\":\"10\",\"price\":\"79.00\",\"trigger_price\":\"80.00\",\"time_in_force\":\"DAY\"}");
  command (venue, "{\"cmd\":\"submit\",\"request_id\":\"s5\",\"instrument_id\":\"MSFT.NASDAQ\",\"side\":\"SELL\",\"order_type\":\"LIMIT\",\"quantity\":\"30\",\"price\":\"1.00\",\"time_in_force\":\"DAY\"}");
  for (s = 0; s < seconds; s++)
    {
      qd_paper_venue_step (venue, SEC);
      if (s == seconds / 2)
        qd_paper_venue_set_touch (venue, "AAPL.NASDAQ", "101.00", "101.02", "500", "500");
    }
}

GPtrArray *
qd_test_session_entries (gboolean per_topic,
                         gboolean iso,
                         guint    quote_rate,
                         guint    seconds)
{
  g_autoptr(QdBus) bus = qd_memory_bus_new ();
  g_autoptr(QdPaperVenue) venue = qd_paper_venue_new (bus, "TESTER-001", 7);
  GPtrArray *entries = g_ptr_array_new_with_free_func (test_entry_free);
  g_auto(GStrv) streams = NULL;
  guint i, j;

  qd_paper_venue_set_manual_clock (venue, SESSION_START_NS);
  qd_paper_venue_set_quote_rate (venue, quote_rate);
  qd_paper_venue_set_per_topic (venue, per_topic);
  qd_paper_venue_set_iso_timestamps (venue, iso);
  qd_paper_venue_start (venue);
  play_session (venue, seconds);
  qd_paper_venue_stop (venue);

  streams = qd_memory_bus_list_streams (QD_MEMORY_BUS (bus));
  for (i = 0; streams[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) dump = NULL;

      if (g_str_has_prefix (streams[i], "quarterdeck:"))
        continue;
      dump = qd_memory_bus_dump_stream (QD_MEMORY_BUS (bus), streams[i]);
      for (j = 0; j < dump->len; j++)
        {
          const char *line = g_ptr_array_index (dump, j);
          const char *nl = strchr (line, '\n');
          QdTestEntry *e = g_new0 (QdTestEntry, 1);

          e->stream = g_strdup (streams[i]);
          e->topic = g_strndup (line, nl - line);
          e->payload = g_strdup (nl + 1);
          g_ptr_array_add (entries, e);
        }
    }
  return entries;
}

void
qd_test_write_entries (redisContext *c,
                       GPtrArray    *entries,
                       gboolean      legacy)
{
  guint i, sent = 0, done = 0;

  for (i = 0; i < entries->len; i++)
    {
      QdTestEntry *e = g_ptr_array_index (entries, i);

      if (legacy)
        redisAppendCommand (c, "XADD %s * topic %s payload %b", e->stream, e->topic,
                            e->payload, strlen (e->payload));
      else
        redisAppendCommand (c, "XADD %s * topic %s type %s payload %b encoding Json", e->stream,
                            e->topic, "", e->payload, strlen (e->payload));
      sent++;
      /* Read replies in chunks so neither side's buffer grows without bound. */
      while (sent - done > 1000 || (i + 1 == entries->len && done < sent))
        {
          redisReply *reply = NULL;

          g_assert_cmpint (redisGetReply (c, (void **) &reply), ==, REDIS_OK);
          g_assert_cmpint (reply->type, ==, REDIS_REPLY_STRING);
          freeReplyObject (reply);
          done++;
        }
    }
}

/* Same values, same text: 999996.40 and 999996.4 are one amount. */
static char *
normalize (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return json_to_string (node, FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char **) a, *(char **) b);
}

static void
add_sorted (GString    *digest,
            GListModel *model,
            char     *(*to_json) (gpointer))
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  guint i;

  for (i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *json = to_json (item);
      g_ptr_array_add (lines, normalize (json));
    }
  g_ptr_array_sort (lines, compare_strings);
  for (i = 0; i < lines->len; i++)
    g_string_append_printf (digest, "%s\n", (char *) g_ptr_array_index (lines, i));
}

char *
qd_test_service_digest (QdIbService *service)
{
  GString *digest = g_string_new (NULL);
  g_autofree char *raw = qd_account_to_json (qd_ib_service_get_account (service));
  g_autofree char *account = normalize (raw);

  g_string_append_printf (digest, "%s\n", account);
  add_sorted (digest, qd_ib_service_get_positions (service), (gpointer) qd_position_to_json);
  add_sorted (digest, qd_ib_service_get_orders (service), (gpointer) qd_order_to_json);
  return g_string_free (digest, FALSE);
}
