/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "qd-demo-trader.h"
#include "qd-ib-dashboard-private.h"
#include "qd-memory-bus.h"
#include "qd-paper-venue.h"
#include "qd-test-ui.h"
#include "qd-test-util.h"

#define TRADER "TESTER-001"
#define COMMANDS "quarterdeck:commands:" TRADER
#define ACCOUNT_TOPIC "events.account.INTERACTIVE_BROKERS-DU1234567"
#define SYSTEM_TOPIC "events.system.INTERACTIVE_BROKERS"

/* spec/nautilus-bus.md §4.1, byte for byte (tests/fixtures/native/AccountState.json). */
#define ACCOUNT_STATE \
  "{\"type\":\"AccountState\",\"account_id\":\"INTERACTIVE_BROKERS-DU1234567\",\"account_type\":\"MARGIN\"," \
  "\"base_currency\":null,\"balances\":[{\"type\":\"AccountBalance\",\"total\":\"1012345.67\",\"locked\":\"18345.12\"," \
  "\"free\":\"994000.55\",\"currency\":\"USD\"}],\"margins\":[{\"type\":\"MarginBalance\",\"initial\":\"18345.12\"," \
  "\"maintenance\":\"16677.38\",\"currency\":\"USD\",\"instrument_id\":null}],\"reported\":true," \
  "\"info\":{\"TotalCashValue\":993512.4},\"event_id\":\"4c1f7a0e-6f2b-4b7e-9a55-2b0c1e8d9f31\"," \
  "\"ts_event\":\"1782916212004518221\",\"ts_init\":\"1782916212004518221\"}"

/* The same shape with a new total, free amount, event id and time. */
#define ACCOUNT_STATE_FORMAT \
  "{\"type\":\"AccountState\",\"account_id\":\"INTERACTIVE_BROKERS-DU1234567\",\"account_type\":\"MARGIN\"," \
  "\"base_currency\":null,\"balances\":[{\"type\":\"AccountBalance\",\"total\":\"%s\",\"locked\":\"18345.12\"," \
  "\"free\":\"%s\",\"currency\":\"USD\"}],\"margins\":[{\"type\":\"MarginBalance\",\"initial\":\"18345.12\"," \
  "\"maintenance\":\"16677.38\",\"currency\":\"USD\",\"instrument_id\":null}],\"reported\":true," \
  "\"info\":{\"TotalCashValue\":993512.4},\"event_id\":\"%s\"," \
  "\"ts_event\":\"%" G_GINT64_FORMAT "\",\"ts_init\":\"%" G_GINT64_FORMAT "\"}"

#define COMPONENT_FORMAT \
  "{\"type\":\"ComponentStateChanged\",\"trader_id\":\"TESTER-001\",\"component_id\":\"INTERACTIVE_BROKERS\"," \
  "\"component_type\":\"InteractiveBrokersExecutionClient\",\"state\":\"%s\",\"config\":{\"ibg_host\":\"127.0.0.1\"," \
  "\"ibg_port\":4002,\"ibg_client_id\":1,\"account_id\":\"DU1234567\"},\"event_id\":\"%s\"," \
  "\"ts_event\":\"1782916100000000000\",\"ts_init\":\"1782916100000000000\"}"

/* tests/fixtures/seed/connection-down.json */
#define CONNECTION_DOWN \
  "{\"connected\":false,\"gateway_type\":\"TWS\",\"host\":\"10.0.0.5\",\"port\":7496,\"client_id\":12," \
  "\"error_message\":\"Connectivity between IB and Trader Workstation has been lost (1100)\"}"

#define WAIT_FOR(cond, timeout_ms) \
  G_STMT_START { \
    guint wake_ = g_timeout_add (10, wake_cb, NULL); \
    gint64 end_ = g_get_monotonic_time () + (gint64) (timeout_ms) * 1000; \
    while (!(cond) && g_get_monotonic_time () < end_) \
      g_main_context_iteration (NULL, TRUE); \
    g_source_remove (wake_); \
  } G_STMT_END

typedef struct
{
  QdBus         *bus;
  QdIbService   *service;
  GtkWindow     *window;
  QdIbDashboard *dashboard;
} Fixture;

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* ---- a bus that is down: Redis unreachable ------------------------------------------- */

#define TEST_TYPE_DOWN_BUS (test_down_bus_get_type ())
G_DECLARE_FINAL_TYPE (TestDownBus, test_down_bus, TEST, DOWN_BUS, GObject)

struct _TestDownBus
{
  GObject parent_instance;
};

enum {
  DOWN_PROP_0,
  DOWN_PROP_STATE,
  DOWN_PROP_DESCRIPTION,
  DOWN_PROP_ERROR_MESSAGE,
};

static gboolean
down_bus_append (QdBus       *bus,
                 const char  *stream,
                 const char  *topic,
                 const char  *payload,
                 gssize       payload_len,
                 gsize        max_len,
                 char       **entry_id,
                 GError     **error)
{
  g_set_error (error, QD_BUS_ERROR, QD_BUS_ERROR_NOT_CONNECTED, "Connection refused");
  return FALSE;
}

static guint
down_bus_watch (QdBus            *bus,
                const char       *pattern,
                const char       *from_id,
                QdBusEntriesFunc  func,
                gpointer          user_data,
                GDestroyNotify    destroy)
{
  return 1;
}

static void
down_bus_unwatch (QdBus *bus,
                  guint  watch_id)
{
}

static void
test_down_bus_iface_init (QdBusInterface *iface)
{
  iface->append = down_bus_append;
  iface->watch = down_bus_watch;
  iface->unwatch = down_bus_unwatch;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestDownBus, test_down_bus, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (QD_TYPE_BUS, test_down_bus_iface_init))

static void
test_down_bus_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case DOWN_PROP_STATE:
      g_value_set_enum (value, QD_BUS_STATE_DISCONNECTED);
      break;
    case DOWN_PROP_DESCRIPTION:
      g_value_set_string (value, "redis://127.0.0.1:6379/0");
      break;
    case DOWN_PROP_ERROR_MESSAGE:
      g_value_set_string (value, "Connection refused");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_down_bus_class_init (TestDownBusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_down_bus_get_property;
  g_object_class_override_property (object_class, DOWN_PROP_STATE, "state");
  g_object_class_override_property (object_class, DOWN_PROP_DESCRIPTION, "description");
  g_object_class_override_property (object_class, DOWN_PROP_ERROR_MESSAGE, "error-message");
}

static void
test_down_bus_init (TestDownBus *self)
{
}

/* ---- fixture ------------------------------------------------------------------------- */

static char *
save_png (GtkWidget  *widget,
          const char *name);

static void
fixture_open (Fixture *f,
              QdBus   *bus,
              int      width,
              int      height)
{
  f->bus = bus;
  f->service = qd_ib_service_new (f->bus, TRADER);
  qd_ib_service_start (f->service);

  f->window = g_object_ref (GTK_WINDOW (gtk_window_new ()));
  gtk_window_set_default_size (f->window, width, height);
  f->dashboard = QD_IB_DASHBOARD (qd_ib_dashboard_new (f->service));
  gtk_window_set_child (f->window, GTK_WIDGET (f->dashboard));
  gtk_window_present (f->window);

  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->dashboard)), 5000);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->dashboard)));
  qd_test_ui_wait_frames (GTK_WIDGET (f->dashboard), 2);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fixture_open (f, qd_memory_bus_new (), 1400, 900);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->dashboard), (gpointer *) &f->dashboard);
  gtk_window_destroy (f->window);
  g_assert_finalize_object (f->window);
  g_assert_null (f->dashboard);

  qd_ib_service_stop (f->service);
  g_assert_finalize_object (f->service);
  g_assert_finalize_object (f->bus);
}

static void
feed (Fixture    *f,
      const char *topic,
      const char *payload)
{
  qd_test_ingest (f->service, topic, payload);
}

static void
feed_account (Fixture    *f,
              const char *total,
              const char *free_amount,
              const char *event_id,
              gint64      ts)
{
  g_autofree char *payload = g_strdup_printf (ACCOUNT_STATE_FORMAT, total, free_amount, event_id, ts, ts);

  feed (f, ACCOUNT_TOPIC, payload);
}

static void
feed_component (Fixture    *f,
                const char *state,
                const char *event_id)
{
  g_autofree char *payload = g_strdup_printf (COMPONENT_FORMAT, state, event_id);

  feed (f, SYSTEM_TOPIC, payload);
}

/* A node heartbeat stamped `seconds_ago` before now, as RFC 3339. */
static void
feed_heartbeat (Fixture *f,
                gint64   seconds_ago)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, (double) -seconds_ago);
  g_autofree char *stamp = g_date_time_format_iso8601 (then);

  feed (f, "health:heartbeat", stamp);
}

static void
flush (Fixture *f)
{
  qd_frame_coalescer_flush_now (qd_ib_dashboard_get_coalescer (f->dashboard));
}

static GtkWidget *
part (Fixture    *f,
      const char *id)
{
  GtkWidget *widget = _qd_ib_dashboard_get_part (f->dashboard, id);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
text_of (Fixture    *f,
         const char *id)
{
  return gtk_label_get_text (GTK_LABEL (part (f, id)));
}

static gboolean
visible (Fixture    *f,
         const char *id)
{
  return gtk_widget_get_visible (part (f, id));
}

static gboolean
has_class (Fixture    *f,
           const char *id,
           const char *css)
{
  return gtk_widget_has_css_class (part (f, id), css);
}

static const char *
stack_page (Fixture    *f,
            const char *id)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (part (f, id)));
}

/* What a mouse click does (gtk_widget_activate waits for the press animation). */
static void
click (Fixture    *f,
       const char *id)
{
  g_signal_emit_by_name (part (f, id), "clicked");
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

/* ---- tests --------------------------------------------------------------------------- */

static void
test_empty_state (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = NULL;

  flush (f);

  g_assert_cmpstr (stack_page (f, "account_stack"), ==, "empty");
  g_assert_cmpstr (text_of (f, "net_liquidation_value"), ==, "—");
  g_assert_cmpstr (text_of (f, "account_subtitle"), ==, "No account reported yet");

  g_assert_cmpstr (text_of (f, "connection_title"), ==, "Waiting for the node");
  g_assert_true (has_class (f, "connection_title", "stale"));
  g_assert_true (visible (f, "connection_hint"));
  assert_contains (text_of (f, "connection_hint"), "NautilusTrader node");
  assert_contains (text_of (f, "connection_hint"), TRADER);
  g_assert_cmpstr (text_of (f, "gateway_value"), ==, "—");
  g_assert_cmpstr (text_of (f, "heartbeat_value"), ==, "—");
  g_assert_cmpstr (text_of (f, "bus_value"), ==, "Connected · embedded");
  g_assert_false (visible (f, "mode_badge"));
  g_assert_false (visible (f, "error_value"));

  g_assert_cmpstr (stack_page (f, "account_refresh_stack"), ==, "icon");
  g_assert_true (gtk_widget_get_sensitive (part (f, "account_refresh_button")));

  qd_test_ui_wait_frames (GTK_WIDGET (f->dashboard), 2);
  path = save_png (GTK_WIDGET (f->window), "dashboard-empty.png");
}

static void
test_account_values (Fixture       *f,
                     gconstpointer  data)
{
  gint64 ts = G_GINT64_CONSTANT (1782916212004518221);

  feed (f, ACCOUNT_TOPIC, ACCOUNT_STATE);
  /* Labels change in the frame's flush, never in the event handler. */
  g_assert_cmpstr (text_of (f, "net_liquidation_value"), ==, "—");
  flush (f);

  g_assert_cmpstr (stack_page (f, "account_stack"), ==, "values");
  g_assert_cmpstr (text_of (f, "net_liquidation_value"), ==, "1,012,345.67");
  g_assert_cmpstr (text_of (f, "currency_value"), ==, "USD");
  g_assert_cmpstr (text_of (f, "total_cash_value"), ==, "993,512.40");
  g_assert_cmpstr (text_of (f, "available_funds_value"), ==, "994,000.55");
  g_assert_cmpstr (text_of (f, "buying_power_value"), ==, "3,976,002.20");
  g_assert_cmpstr (text_of (f, "initial_margin_value"), ==, "18,345.12");
  g_assert_cmpstr (text_of (f, "maintenance_margin_value"), ==, "16,677.38");
  g_assert_cmpstr (text_of (f, "excess_liquidity_value"), ==, "995,668.29");
  g_assert_cmpstr (text_of (f, "account_subtitle"), ==, "DU1234567 · MARGIN");
  g_assert_cmpstr (text_of (f, "account_updated"), ==, "Updated 2026-07-01 14:30:12 · amounts in USD");
  g_assert_true (has_class (f, "net_liquidation_value", "numeric"));
  g_assert_cmpfloat (gtk_label_get_xalign (GTK_LABEL (part (f, "total_cash_value"))), ==, 1.0);

  /* The day's first state is the baseline: no change yet, neither gain nor loss. */
  g_assert_cmpstr (text_of (f, "daily_change_value"), ==, "0.00 (0.00%)");
  g_assert_false (has_class (f, "daily_change_value", "gain"));
  g_assert_false (has_class (f, "daily_change_value", "loss"));

  feed_account (f, "1013345.67", "995000.55", "acct-2", ts + 60 * G_GINT64_CONSTANT (1000000000));
  flush (f);
  g_assert_cmpstr (text_of (f, "net_liquidation_value"), ==, "1,013,345.67");
  g_assert_cmpstr (text_of (f, "daily_change_value"), ==, "+1,000.00 (+0.10%)");
  g_assert_true (has_class (f, "daily_change_value", "gain"));
  g_assert_false (has_class (f, "daily_change_value", "loss"));

  feed_account (f, "1011345.67", "993000.55", "acct-3", ts + 120 * G_GINT64_CONSTANT (1000000000));
  flush (f);
  g_assert_cmpstr (text_of (f, "daily_change_value"), ==, "-1,000.00 (-0.10%)");
  g_assert_true (has_class (f, "daily_change_value", "loss"));
  g_assert_false (has_class (f, "daily_change_value", "gain"));
  g_assert_cmpstr (text_of (f, "available_funds_value"), ==, "993,000.55");
}

static gint64
heartbeat_age (Fixture *f)
{
  const char *text = text_of (f, "heartbeat_value");
  const char *dot = strstr (text, " · ");

  g_assert_nonnull (dot);
  g_assert_true (g_str_has_suffix (text, " s ago"));
  return g_ascii_strtoll (dot + strlen (" · "), NULL, 10);
}

static void
test_connection_running (Fixture       *f,
                         gconstpointer  data)
{
  gint64 age;

  feed_component (f, "RUNNING", "comp-1");
  feed_heartbeat (f, 3);
  flush (f);

  g_assert_cmpstr (text_of (f, "connection_title"), ==, "Connected");
  g_assert_true (has_class (f, "connection_title", "connected"));
  g_assert_true (has_class (f, "connection_icon", "connected"));
  g_assert_false (has_class (f, "connection_icon", "disconnected"));
  g_assert_cmpstr (text_of (f, "connection_subtitle"), ==, "IB Gateway · 127.0.0.1:4002");
  g_assert_false (visible (f, "connection_hint"));
  g_assert_cmpstr (text_of (f, "gateway_value"), ==, "IB Gateway (IBG)");
  g_assert_cmpstr (text_of (f, "address_value"), ==, "127.0.0.1:4002");
  g_assert_cmpstr (text_of (f, "client_id_value"), ==, "1");
  g_assert_cmpstr (text_of (f, "account_value"), ==, "DU1234567");
  g_assert_cmpstr (text_of (f, "node_state_value"), ==, "RUNNING");
  g_assert_true (visible (f, "mode_badge"));
  g_assert_cmpstr (text_of (f, "mode_badge"), ==, "PAPER");
  g_assert_true (has_class (f, "mode_badge", "paper"));
  g_assert_true (g_str_has_prefix (text_of (f, "connected_since_value"), "2026-07-01 14:28:20 ("));
  g_assert_false (visible (f, "error_value"));

  age = heartbeat_age (f);
  g_assert_cmpint (age, >=, 3);
  g_assert_cmpint (age, <=, 5);

  /* Nothing arrives, yet the age moves on by itself. */
  WAIT_FOR (heartbeat_age (f) > age, 4000);
  g_assert_cmpint (heartbeat_age (f), >, age);
}

static void
test_disconnected_after_faulted (Fixture       *f,
                                 gconstpointer  data)
{
  feed_component (f, "RUNNING", "comp-1");
  feed_heartbeat (f, 1);
  flush (f);
  g_assert_cmpstr (text_of (f, "connection_title"), ==, "Connected");

  feed_component (f, "FAULTED", "comp-2");
  flush (f);
  g_assert_cmpstr (text_of (f, "connection_title"), ==, "IB disconnected");
  g_assert_true (has_class (f, "connection_title", "disconnected"));
  g_assert_false (has_class (f, "connection_title", "connected"));
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (part (f, "connection_icon"))), ==,
                   "network-offline-symbolic");
  g_assert_true (visible (f, "connection_hint"));
  assert_contains (text_of (f, "connection_hint"), "IB client not running (FAULTED)");
  assert_contains (text_of (f, "connection_hint"), "TWS or IB Gateway");
  assert_contains (text_of (f, "connection_hint"), "127.0.0.1:4002");
  g_assert_cmpstr (text_of (f, "node_state_value"), ==, "FAULTED");
  g_assert_true (has_class (f, "node_state_value", "error"));

  /* The bridge's own status: its error is shown, and port 7496 is a live TWS. */
  feed (f, "adapter.interactive_brokers.connection", CONNECTION_DOWN);
  flush (f);
  g_assert_true (visible (f, "error_value"));
  g_assert_true (visible (f, "error_key"));
  g_assert_cmpstr (text_of (f, "error_value"), ==,
                   "Connectivity between IB and Trader Workstation has been lost (1100)");
  g_assert_cmpstr (text_of (f, "gateway_value"), ==, "Trader Workstation (TWS)");
  g_assert_cmpstr (text_of (f, "mode_badge"), ==, "LIVE");
  g_assert_true (has_class (f, "mode_badge", "live"));
  g_assert_false (has_class (f, "mode_badge", "paper"));
  assert_contains (text_of (f, "connection_hint"), "10.0.0.5:7496");
}

static void
test_stale_heartbeat (Fixture       *f,
                      gconstpointer  data)
{
  qd_ib_service_set_heartbeat_interval (f->service, 1);
  feed_component (f, "RUNNING", "comp-1");
  feed_heartbeat (f, 0);
  flush (f);
  g_assert_cmpstr (text_of (f, "connection_title"), ==, "Connected");

  /* Three missed intervals; the service's watchdog notices, the card follows by itself. */
  WAIT_FOR (g_strcmp0 (text_of (f, "connection_title"), "Node not responding") == 0, 8000);
  g_assert_cmpstr (text_of (f, "connection_title"), ==, "Node not responding");
  g_assert_true (has_class (f, "connection_title", "stale"));
  g_assert_true (visible (f, "connection_hint"));
  g_assert_true (g_str_has_prefix (text_of (f, "connection_hint"), "No heartbeat from the node for "));
  assert_contains (text_of (f, "connection_hint"),
                   "check that the NautilusTrader node is running and streaming to Redis");
}

static void
test_bus_down (void)
{
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  g_autofree char *status = NULL;

  fixture_open (f, g_object_new (TEST_TYPE_DOWN_BUS, NULL), 1400, 900);
  flush (f);

  g_assert_cmpstr (text_of (f, "connection_title"), ==, "MessageBus unreachable");
  g_assert_true (has_class (f, "connection_title", "disconnected"));
  assert_contains (text_of (f, "connection_hint"), "redis://127.0.0.1:6379/0");
  assert_contains (text_of (f, "connection_hint"), "check that Redis is running");
  g_assert_cmpstr (text_of (f, "bus_value"), ==, "Disconnected · redis://127.0.0.1:6379/0");

  /* Nothing can be sent: say so, and leave the button ready for another try. */
  click (f, "account_refresh_button");
  g_assert_true (visible (f, "account_refresh_status"));
  g_assert_true (g_str_has_prefix (text_of (f, "account_refresh_status"), "Not sent: "));
  assert_contains (text_of (f, "account_refresh_status"), "not connected");
  g_assert_true (has_class (f, "account_refresh_status", "error"));
  g_assert_cmpstr (stack_page (f, "account_refresh_stack"), ==, "icon");
  g_assert_true (gtk_widget_get_sensitive (part (f, "account_refresh_button")));

  fixture_teardown (f, NULL);
}

/* The commands on the command stream, as JSON objects' "cmd" and "request_id". */
static GPtrArray *
sent_commands (Fixture    *f,
               GPtrArray **request_ids)
{
  g_autoptr(GPtrArray) entries = qd_memory_bus_dump_stream (QD_MEMORY_BUS (f->bus), COMMANDS);
  GPtrArray *cmds = g_ptr_array_new_with_free_func (g_free);

  *request_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      const char *entry = g_ptr_array_index (entries, i);
      JsonObject *object;

      g_assert_true (g_str_has_prefix (entry, "quarterdeck.commands\n"));
      g_assert_true (json_parser_load_from_data (parser, strchr (entry, '\n') + 1, -1, NULL));
      object = json_node_get_object (json_parser_get_root (parser));
      g_ptr_array_add (cmds, g_strdup (json_object_get_string_member (object, "cmd")));
      g_ptr_array_add (*request_ids, g_strdup (json_object_get_string_member (object, "request_id")));
    }
  return cmds;
}

static void
ack (Fixture    *f,
     const char *request_id,
     const char *error)
{
  g_autofree char *payload = NULL;

  if (error == NULL)
    payload = g_strdup_printf ("{\"request_id\":\"%s\",\"ok\":true}", request_id);
  else
    payload = g_strdup_printf ("{\"request_id\":\"%s\",\"ok\":false,\"error\":\"%s\"}", request_id, error);
  feed (f, "quarterdeck.acks", payload);
}

static void
test_refresh_pending_until_ack (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) cmds = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  GtkWidget *button = part (f, "account_refresh_button");

  click (f, "account_refresh_button");
  cmds = sent_commands (f, &ids);
  g_assert_cmpuint (cmds->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (cmds, 0), ==, "refresh_account");

  g_assert_cmpstr (stack_page (f, "account_refresh_stack"), ==, "spinner");
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (part (f, "account_refresh_spinner"))));
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==,
                   "Waiting for the node to confirm the account request…");

  /* While one is outstanding, asking again sends nothing more. */
  gtk_widget_activate_action (GTK_WIDGET (f->dashboard), "dashboard.refresh-account", NULL);
  g_clear_pointer (&cmds, g_ptr_array_unref);
  g_clear_pointer (&ids, g_ptr_array_unref);
  cmds = sent_commands (f, &ids);
  g_assert_cmpuint (cmds->len, ==, 1);

  ack (f, g_ptr_array_index (ids, 0), NULL);
  g_assert_cmpstr (stack_page (f, "account_refresh_stack"), ==, "icon");
  g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (part (f, "account_refresh_spinner"))));
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_false (visible (f, "account_refresh_status"));

  /* A refusal stays visible next to the button. */
  click (f, "positions_refresh_button");
  g_clear_pointer (&cmds, g_ptr_array_unref);
  g_clear_pointer (&ids, g_ptr_array_unref);
  cmds = sent_commands (f, &ids);
  g_assert_cmpuint (cmds->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (cmds, 1), ==, "refresh_positions");
  g_assert_cmpstr (stack_page (f, "positions_refresh_stack"), ==, "spinner");
  ack (f, g_ptr_array_index (ids, 1), "IB is not connected");
  g_assert_cmpstr (stack_page (f, "positions_refresh_stack"), ==, "icon");
  g_assert_true (visible (f, "positions_refresh_status"));
  g_assert_cmpstr (text_of (f, "positions_refresh_status"), ==, "Refused: IB is not connected");
  g_assert_true (has_class (f, "positions_refresh_status", "error"));

  /* F5: all three, each shown pending. */
  gtk_widget_activate_action (GTK_WIDGET (f->dashboard), "dashboard.refresh-all", NULL);
  g_clear_pointer (&cmds, g_ptr_array_unref);
  g_clear_pointer (&ids, g_ptr_array_unref);
  cmds = sent_commands (f, &ids);
  g_assert_cmpuint (cmds->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (cmds, 2), ==, "refresh_account");
  g_assert_cmpstr (g_ptr_array_index (cmds, 3), ==, "refresh_positions");
  g_assert_cmpstr (g_ptr_array_index (cmds, 4), ==, "refresh_orders");
  g_assert_cmpstr (stack_page (f, "account_refresh_stack"), ==, "spinner");
  g_assert_cmpstr (stack_page (f, "positions_refresh_stack"), ==, "spinner");
  g_assert_cmpstr (stack_page (f, "orders_refresh_stack"), ==, "spinner");
  /* A new request clears the old refusal. */
  g_assert_false (visible (f, "positions_refresh_status"));

  ack (f, g_ptr_array_index (ids, 4), NULL);
  g_assert_cmpstr (stack_page (f, "orders_refresh_stack"), ==, "icon");
  g_assert_cmpstr (stack_page (f, "account_refresh_stack"), ==, "spinner");
}

static void
test_refresh_unanswered (Fixture       *f,
                         gconstpointer  data)
{
  qd_ib_service_set_command_timeout (f->service, 1);

  click (f, "orders_refresh_button");
  g_assert_cmpstr (stack_page (f, "orders_refresh_stack"), ==, "spinner");

  WAIT_FOR (visible (f, "orders_refresh_status"), 5000);
  g_assert_cmpstr (text_of (f, "orders_refresh_status"), ==, "No answer from the node");
  g_assert_true (has_class (f, "orders_refresh_status", "warning"));
  g_assert_cmpstr (stack_page (f, "orders_refresh_stack"), ==, "icon");
  g_assert_true (gtk_widget_get_sensitive (part (f, "orders_refresh_button")));
}

static void
count_flush_cb (QdFrameCoalescer *coalescer,
                GPtrArray        *dirty,
                guint            *count)
{
  (*count)++;
}

static void
test_flood_is_coalesced (Fixture       *f,
                         gconstpointer  data)
{
  QdFrameCoalescer *coalescer = qd_ib_dashboard_get_coalescer (f->dashboard);
  gint64 ts = G_GINT64_CONSTANT (1782916212000000000);
  g_autoptr(GDateTime) start = g_date_time_new_now_utc ();
  g_autofree char *last_stamp = NULL;
  g_autofree char *expected_beat = NULL;
  guint flushes = 0;
  gulong handler;
  const guint n_events = 10000;

  feed_component (f, "RUNNING", "comp-1");
  handler = g_signal_connect (coalescer, "flush", G_CALLBACK (count_flush_cb), &flushes);

  for (guint i = 0; i < n_events; i++)
    {
      if (i % 2 == 0)
        {
          g_autofree char *total = g_strdup_printf ("%u.%02u", 1000000 + i, i % 100);
          g_autofree char *event_id = g_strdup_printf ("flood-%u", i);

          feed_account (f, total, "994000.55", event_id, ts + i);
        }
      else
        {
          g_autoptr(GDateTime) beat = g_date_time_add_seconds (start, -30.0 + i / 1000.0);

          g_clear_pointer (&last_stamp, g_free);
          last_stamp = g_date_time_format_iso8601 (beat);
          feed (f, "health:heartbeat", last_stamp);
        }

      /* Let frames happen in the middle of the flood, as they would in the app. */
      if (i % 250 == 0)
        {
          while (g_main_context_iteration (NULL, FALSE))
            continue;
        }
    }

  /* 10 000 + 9 998 events: total "1009998.98" was the last account state. */
  WAIT_FOR (g_strcmp0 (text_of (f, "net_liquidation_value"), "1,009,998.98") == 0, 5000);
  g_assert_cmpstr (text_of (f, "net_liquidation_value"), ==, "1,009,998.98");

  {
    g_autoptr(GDateTime) beat = g_date_time_add_seconds (start, -30.0 + (n_events - 1) / 1000.0);
    g_autoptr(GDateTime) local = g_date_time_to_local (beat);

    expected_beat = g_date_time_format (local, "%H:%M:%S · ");
  }
  WAIT_FOR (g_str_has_prefix (text_of (f, "heartbeat_value"), expected_beat), 5000);
  g_assert_true (g_str_has_prefix (text_of (f, "heartbeat_value"), expected_beat));

  g_assert_cmpuint (qd_frame_coalescer_get_max_flushes_per_frame (coalescer), <=, 1);
  g_assert_cmpuint (flushes, >=, 1);
  /* One flush per frame at most: a few dozen frames, not thousands of relabels. */
  g_assert_cmpuint (flushes, <, n_events / 50);

  g_signal_handler_disconnect (coalescer, handler);
}

/* ---- the picture ------------------------------------------------------------------- */

static char *
save_png (GtkWidget  *widget,
          const char *name)
{
  char *path = g_build_filename (g_test_get_dir (G_TEST_BUILT), name, NULL);

  qd_test_ui_render_png (widget, path);
  g_test_message ("Saved %s", path);
  return path;
}

static void
allocation_of (Fixture         *f,
               const char      *id,
               graphene_rect_t *rect)
{
  g_assert_true (gtk_widget_compute_bounds (part (f, id), GTK_WIDGET (f->dashboard), rect));
}

static void
test_screenshot (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(QdPaperVenue) venue = qd_paper_venue_new (f->bus, TRADER, 7);
  g_autoptr(QdDemoTrader) trader = qd_demo_trader_new (f->service, 7);
  graphene_rect_t connection, account, positions, orders, fab;
  GtkAdjustment *vadj;
  g_autofree char *wide = NULL;
  g_autofree char *narrow = NULL;
  int height = gtk_widget_get_height (GTK_WIDGET (f->dashboard));

  /* A simulated node with the demo's opening portfolio: a realistic screen. */
  qd_ib_service_set_simulated (f->service, TRUE);
  qd_paper_venue_set_heartbeat_interval (venue, 1);
  qd_paper_venue_start (venue);
  qd_demo_trader_start (trader, 0);
  WAIT_FOR (g_list_model_get_n_items (qd_ib_service_get_positions (f->service)) >= 3 &&
            g_strcmp0 (text_of (f, "connection_title"), "Connected") == 0 &&
            g_strcmp0 (text_of (f, "heartbeat_value"), "—") != 0, 8000);
  qd_test_ui_wait_frames (GTK_WIDGET (f->dashboard), 3);

  g_assert_cmpstr (text_of (f, "connection_title"), ==, "Connected");
  g_assert_cmpstr (text_of (f, "mode_badge"), ==, "SIMULATED");
  g_assert_cmpstr (stack_page (f, "account_stack"), ==, "values");
  wide = save_png (GTK_WIDGET (f->window), "dashboard.png");
  g_assert_true (g_file_test (wide, G_FILE_TEST_EXISTS));

  /* Side by side on a wide window, and the tables get most of the height. */
  allocation_of (f, "connection_card", &connection);
  allocation_of (f, "account_card", &account);
  allocation_of (f, "positions_section", &positions);
  allocation_of (f, "orders_section", &orders);
  g_assert_cmpfloat (connection.origin.y, ==, account.origin.y);
  g_assert_cmpfloat (connection.size.height, ==, account.size.height);
  g_assert_cmpfloat (account.origin.x, >, connection.origin.x + connection.size.width);
  g_assert_cmpfloat (positions.size.height + orders.size.height, >, height / 2.0);
  g_assert_cmpfloat (positions.size.height + orders.size.height, >, 2 * connection.size.height);
  /* The floating New order button sits under the orders table, never over its last row. */
  allocation_of (f, "new_order_button", &fab);
  g_assert_cmpfloat (orders.origin.y + orders.size.height, <=, fab.origin.y);

  /* One above the other on a narrow one. */
  gtk_window_set_default_size (f->window, 760, 900);
  WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (f->dashboard)) <= 760, 5000);
  qd_test_ui_wait_frames (GTK_WIDGET (f->dashboard), 3);
  allocation_of (f, "connection_card", &connection);
  allocation_of (f, "account_card", &account);
  g_assert_cmpfloat (account.origin.y, >=, connection.origin.y + connection.size.height);
  /* Scrolled to the end, the orders still end above the button. */
  vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (part (f, "scroller")));
  gtk_adjustment_set_value (vadj, gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj));
  qd_test_ui_wait_frames (GTK_WIDGET (f->dashboard), 3);
  allocation_of (f, "orders_section", &orders);
  allocation_of (f, "new_order_button", &fab);
  g_assert_cmpfloat (orders.origin.y + orders.size.height, <=, fab.origin.y);
  narrow = save_png (GTK_WIDGET (f->window), "dashboard-narrow.png");

  qd_demo_trader_stop (trader);
  qd_paper_venue_stop (venue);
}

static void
test_screenshot_disconnected (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = NULL;

  feed_component (f, "RUNNING", "comp-1");
  feed_heartbeat (f, 20);
  feed_component (f, "FAULTED", "comp-2");
  feed (f, ACCOUNT_TOPIC, ACCOUNT_STATE);
  flush (f);
  qd_test_ui_wait_frames (GTK_WIDGET (f->dashboard), 3);
  path = save_png (GTK_WIDGET (f->window), "dashboard-disconnected.png");
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  /* Times on the cards are local: pin the zone so the expected texts hold anywhere. */
  g_setenv ("TZ", "UTC", TRUE);

  qd_test_ui_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/dashboard/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("empty-state", test_empty_state);
  ADD ("account-values", test_account_values);
  ADD ("connection-running", test_connection_running);
  ADD ("disconnected-after-faulted", test_disconnected_after_faulted);
  ADD ("stale-heartbeat", test_stale_heartbeat);
  g_test_add_func ("/dashboard/bus-down", test_bus_down);
  ADD ("refresh-pending-until-ack", test_refresh_pending_until_ack);
  ADD ("refresh-unanswered", test_refresh_unanswered);
  ADD ("flood-is-coalesced", test_flood_is_coalesced);
  ADD ("screenshot", test_screenshot);
  ADD ("screenshot-disconnected", test_screenshot_disconnected);

#undef ADD

  return g_test_run ();
}
