/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qd-ib-dashboard-private.h"

/*
 * The connection and account cards of the Interactive Brokers tab. These run in the frame
 * coalescer's flush, once per frame at most, never per bus event.
 */

#define DASH "—"
#define NS_PER_SEC G_GINT64_CONSTANT (1000000000)

/* What the connection card says; each state tells the trader what to check. */
typedef enum
{
  LINK_CONNECTED,
  LINK_BUS_CONNECTING,
  LINK_BUS_DOWN,
  LINK_STALE,
  LINK_WAITING,      /* the bus is up but the node has said nothing yet */
  LINK_IB_DOWN,
} LinkState;

static const char * const link_classes[] = { "connected", "disconnected", "stale", NULL };
static const char * const mode_classes[] = { "paper", "live", "simulated", NULL };
static const char * const sign_classes[] = { "gain", "loss", NULL };
static const char * const status_classes[] = { "error", "warning", NULL };

/* ---- formatting --------------------------------------------------------------------- */

/* Exactly one class of `set` (or none when `want` is NULL) stays on the widget. */
static void
swap_class (GtkWidget         *widget,
            const char * const *set,
            const char         *want)
{
  for (guint i = 0; set[i] != NULL; i++)
    {
      if (g_strcmp0 (set[i], want) == 0)
        gtk_widget_add_css_class (widget, set[i]);
      else
        gtk_widget_remove_css_class (widget, set[i]);
    }
}

static void
set_text (GtkLabel   *label,
          const char *text)
{
  gtk_label_set_text (label, text != NULL && *text != '\0' ? text : DASH);
}

static void
set_money (GtkLabel  *label,
           QdDecimal  value)
{
  g_autofree char *text = NULL;

  if (!qd_decimal_is_none (value))
    text = qd_decimal_to_display (value, 2, TRUE);
  set_text (label, text);
}

static char *
format_duration (gint64 seconds)
{
  if (seconds < 60)
    return g_strdup_printf (_("%d s"), (int) seconds);
  if (seconds < 3600)
    return g_strdup_printf (_("%d min"), (int) (seconds / 60));
  if (seconds < 86400)
    return g_strdup_printf (_("%d h %d min"), (int) (seconds / 3600), (int) (seconds % 3600 / 60));
  return g_strdup_printf (_("%d d %d h"), (int) (seconds / 86400), (int) (seconds % 86400 / 3600));
}

/* Local wall-clock time; with the date when it is not today. NULL for unknown. */
static char *
format_clock (gint64 ns)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (ns <= 0 || (when = g_date_time_new_from_unix_local (ns / NS_PER_SEC)) == NULL)
    return NULL;

  now = g_date_time_new_now_local ();
  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    return g_date_time_format (when, "%H:%M:%S");
  return g_date_time_format (when, "%Y-%m-%d %H:%M:%S");
}

static gint64
seconds_since (gint64 ns)
{
  return (g_get_real_time () * 1000 - ns) / NS_PER_SEC;
}

/* "+1,234.50 (+0.12%)": the change of net liquidation since the day's first update. */
static char *
format_daily_change (QdDecimal change,
                     QdDecimal day_start)
{
  g_autofree char *amount = NULL;
  g_autofree char *percent_text = NULL;
  QdDecimal shown = change;
  QdDecimal scaled, percent;

  qd_decimal_rescale (change, 2, QD_ROUND_HALF_EVEN, &shown, NULL);
  amount = qd_decimal_to_display (shown, 2, TRUE);

  if (!qd_decimal_is_none (day_start) && !qd_decimal_is_zero (day_start) &&
      qd_decimal_mul (change, qd_decimal_from_int (100), change.scale, QD_ROUND_HALF_EVEN,
                      &scaled, NULL) &&
      qd_decimal_div (scaled, qd_decimal_abs (day_start), 2, QD_ROUND_HALF_EVEN, &percent, NULL))
    percent_text = qd_decimal_to_display (percent, 2, FALSE);

  if (percent_text == NULL)
    return g_strconcat (qd_decimal_sign (shown) > 0 ? "+" : "", amount, NULL);
  return g_strdup_printf ("%s%s (%s%s%%)", qd_decimal_sign (shown) > 0 ? "+" : "", amount,
                          qd_decimal_sign (percent) > 0 ? "+" : "", percent_text);
}

/* ---- connection card ---------------------------------------------------------------- */

static LinkState
link_state (QdConnectionStatus *conn)
{
  switch (qd_connection_status_get_bus_state (conn))
    {
    case QD_BUS_STATE_CONNECTED:
      break;
    case QD_BUS_STATE_CONNECTING:
      return LINK_BUS_CONNECTING;
    case QD_BUS_STATE_DISCONNECTED:
    case QD_BUS_STATE_ERROR:
    default:
      return LINK_BUS_DOWN;
    }

  if (qd_connection_status_get_stale (conn))
    return LINK_STALE;
  if (qd_connection_status_get_connected (conn))
    return LINK_CONNECTED;
  if (qd_connection_status_get_last_heartbeat (conn) == 0 &&
      qd_connection_status_get_node_state (conn) == NULL &&
      qd_connection_status_get_error_message (conn) == NULL)
    return LINK_WAITING;
  return LINK_IB_DOWN;
}

static const char *
gateway_name (const char *gateway_type)
{
  if (g_strcmp0 (gateway_type, "IBG") == 0)
    return _("IB Gateway");
  if (g_strcmp0 (gateway_type, "TWS") == 0)
    return _("Trader Workstation");
  return gateway_type;
}

/* "127.0.0.1:4002", or NULL when the node has not said. */
static char *
format_address (QdConnectionStatus *conn)
{
  const char *host = qd_connection_status_get_host (conn);
  gint port = qd_connection_status_get_port (conn);

  if (host == NULL && port < 0)
    return NULL;
  if (port < 0)
    return g_strdup (host);
  return g_strdup_printf ("%s:%d", host ? host : "?", port);
}

static char *
format_hint (QdConnectionStatus *conn,
             LinkState           state)
{
  const char *bus = qd_connection_status_get_bus_description (conn);
  const char *node_state = qd_connection_status_get_node_state (conn);
  g_autofree char *address = NULL;
  g_autofree char *age = NULL;
  gint64 last = qd_connection_status_get_last_heartbeat (conn);

  switch (state)
    {
    case LINK_BUS_CONNECTING:
      return g_strdup_printf (_("Connecting to the MessageBus at %s…"), bus ? bus : "Redis");
    case LINK_BUS_DOWN:
      return g_strdup_printf (_("Cannot reach the MessageBus at %s — check that Redis is running "
                                "and that the bus address in Preferences is right. Quarterdeck "
                                "keeps retrying."), bus ? bus : "Redis");
    case LINK_STALE:
      if (last > 0 && seconds_since (last) > 0)
        {
          age = format_duration (seconds_since (last));
          return g_strdup_printf (_("No heartbeat from the node for %s — check that the "
                                    "NautilusTrader node is running and streaming to Redis."), age);
        }
      return g_strdup (_("No recent heartbeat from the node — check that the NautilusTrader "
                         "node is running and streaming to Redis."));
    case LINK_WAITING:
      return g_strdup_printf (_("Nothing from the NautilusTrader node yet — check that it is "
                                "running with trader ID %s and streams its MessageBus to Redis."),
                              qd_connection_status_get_trader_id (conn));
    case LINK_IB_DOWN:
      address = format_address (conn);
      if (node_state != NULL && g_strcmp0 (node_state, "RUNNING") != 0)
        return g_strdup_printf (_("IB client not running (%s) — check that TWS or IB Gateway is "
                                  "running and accepts API connections on %s."),
                                node_state, address ? address : _("its API port"));
      return g_strdup_printf (_("IB client not connected — check that TWS or IB Gateway is "
                                "running and accepts API connections on %s."),
                              address ? address : _("its API port"));
    case LINK_CONNECTED:
    default:
      return NULL;
    }
}

static void
update_connection_header (QdIbDashboard      *self,
                          QdConnectionStatus *conn,
                          LinkState           state)
{
  static const struct { const char *title; const char *icon; const char *css; } looks[] = {
    [LINK_CONNECTED] = { N_("Connected"), "network-transmit-receive-symbolic", "connected" },
    [LINK_BUS_CONNECTING] = { N_("Connecting…"), "network-idle-symbolic", "stale" },
    [LINK_BUS_DOWN] = { N_("MessageBus unreachable"), "network-offline-symbolic", "disconnected" },
    [LINK_STALE] = { N_("Node not responding"), "dialog-warning-symbolic", "stale" },
    [LINK_WAITING] = { N_("Waiting for the node"), "network-idle-symbolic", "stale" },
    [LINK_IB_DOWN] = { N_("IB disconnected"), "network-offline-symbolic", "disconnected" },
  };
  const char *gateway = gateway_name (qd_connection_status_get_gateway_type (conn));
  g_autofree char *address = format_address (conn);
  g_autofree char *subtitle = NULL;

  gtk_label_set_text (self->connection_title, _(looks[state].title));
  gtk_image_set_from_icon_name (self->connection_icon, looks[state].icon);
  swap_class (GTK_WIDGET (self->connection_title), link_classes, looks[state].css);
  swap_class (GTK_WIDGET (self->connection_icon), link_classes, looks[state].css);

  if (gateway != NULL && address != NULL)
    subtitle = g_strdup_printf ("%s · %s", gateway, address);
  else if (gateway != NULL || address != NULL)
    subtitle = g_strdup (gateway ? gateway : address);
  else
    subtitle = g_strdup_printf (_("Trader %s"), qd_connection_status_get_trader_id (conn));
  gtk_label_set_text (self->connection_subtitle, subtitle);
}

static void
update_mode_badge (QdIbDashboard      *self,
                   QdConnectionStatus *conn)
{
  const char *text = NULL;
  const char *css = NULL;

  switch (qd_connection_status_get_trading_mode (conn))
    {
    case QD_TRADING_MODE_PAPER:
      text = _("PAPER");
      css = "paper";
      break;
    case QD_TRADING_MODE_LIVE:
      text = _("LIVE");
      css = "live";
      break;
    case QD_TRADING_MODE_UNKNOWN:
    default:
      break;
    }

  /* The paper venue is never a real account, whatever its ids look like. */
  if (qd_connection_status_get_simulated (conn))
    {
      text = _("SIMULATED");
      css = "simulated";
    }

  gtk_widget_set_visible (GTK_WIDGET (self->mode_badge), text != NULL);
  if (text != NULL)
    gtk_label_set_text (self->mode_badge, text);
  swap_class (GTK_WIDGET (self->mode_badge), mode_classes, css);
}

static void
update_connection_times (QdIbDashboard      *self,
                         QdConnectionStatus *conn,
                         LinkState           state)
{
  gint64 since = qd_connection_status_get_connection_time (conn);
  gint64 beat = qd_connection_status_get_last_heartbeat (conn);
  g_autofree char *since_text = format_clock (since);
  g_autofree char *beat_text = format_clock (beat);
  g_autofree char *uptime = NULL;
  g_autofree char *age = NULL;
  g_autofree char *text = NULL;

  /* Only a live connection has a "since"; the time of a lost one would mislead. */
  if (since_text != NULL && state == LINK_CONNECTED)
    {
      uptime = format_duration (MAX (seconds_since (since), 0));
      text = g_strdup_printf (_("%s (%s)"), since_text, uptime);
    }
  set_text (self->connected_since_value, text);

  g_clear_pointer (&text, g_free);
  if (beat_text != NULL)
    {
      /* The node's clock may run a little ahead of ours. */
      if (seconds_since (beat) > 0)
        {
          age = format_duration (seconds_since (beat));
          text = g_strdup_printf (_("%s · %s ago"), beat_text, age);
        }
      else
        text = g_strdup_printf (_("%s · just now"), beat_text);
    }
  set_text (self->heartbeat_value, text);
}

static const char *
bus_state_name (QdBusState state)
{
  switch (state)
    {
    case QD_BUS_STATE_CONNECTED:
      return _("Connected");
    case QD_BUS_STATE_CONNECTING:
      return _("Connecting");
    case QD_BUS_STATE_ERROR:
      return _("Error");
    case QD_BUS_STATE_DISCONNECTED:
    default:
      return _("Disconnected");
    }
}

static void
update_connection_rows (QdIbDashboard      *self,
                        QdConnectionStatus *conn)
{
  const char *gateway_type = qd_connection_status_get_gateway_type (conn);
  const char *node_state = qd_connection_status_get_node_state (conn);
  const char *trading_state = qd_connection_status_get_trading_state (conn);
  const char *bus = qd_connection_status_get_bus_description (conn);
  const char *error = qd_connection_status_get_error_message (conn);
  gint client_id = qd_connection_status_get_client_id (conn);
  g_autofree char *gateway = NULL;
  g_autofree char *address = format_address (conn);
  g_autofree char *client = client_id >= 0 ? g_strdup_printf ("%d", client_id) : NULL;
  g_autofree char *bus_text = NULL;

  if (gateway_type != NULL && g_strcmp0 (gateway_name (gateway_type), gateway_type) != 0)
    gateway = g_strdup_printf ("%s (%s)", gateway_name (gateway_type), gateway_type);
  set_text (self->gateway_value, gateway ? gateway : gateway_type);
  set_text (self->address_value, address);
  set_text (self->client_id_value, client);
  set_text (self->account_value, qd_connection_status_get_account_id (conn));

  set_text (self->node_state_value, node_state);
  swap_class (GTK_WIDGET (self->node_state_value), status_classes,
              node_state == NULL || g_strcmp0 (node_state, "RUNNING") == 0 ? NULL :
              g_strcmp0 (node_state, "FAULTED") == 0 ? "error" : "warning");
  set_text (self->trading_state_value, trading_state);
  swap_class (GTK_WIDGET (self->trading_state_value), status_classes,
              g_strcmp0 (trading_state, "HALTED") == 0 ? "error" :
              g_strcmp0 (trading_state, "REDUCING") == 0 ? "warning" : NULL);

  bus_text = g_strdup_printf ("%s · %s", bus_state_name (qd_connection_status_get_bus_state (conn)),
                              bus ? bus : DASH);
  gtk_label_set_text (self->bus_value, bus_text);

  gtk_widget_set_visible (self->error_key, error != NULL && *error != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->error_value), error != NULL && *error != '\0');
  gtk_label_set_text (self->error_value, error ? error : "");
}

void
_qd_ib_dashboard_update_connection (QdIbDashboard *self)
{
  QdConnectionStatus *conn = self->connection;
  LinkState state = link_state (conn);
  g_autofree char *hint = format_hint (conn, state);

  update_connection_header (self, conn, state);
  update_mode_badge (self, conn);

  gtk_widget_set_visible (GTK_WIDGET (self->connection_hint), hint != NULL);
  gtk_label_set_text (self->connection_hint, hint ? hint : "");
  swap_class (GTK_WIDGET (self->connection_hint), link_classes,
              state == LINK_BUS_DOWN || state == LINK_IB_DOWN ? "disconnected" : "stale");

  update_connection_rows (self, conn);
  update_connection_times (self, conn, state);
}

/* ---- account card ------------------------------------------------------------------- */

static void
update_daily_change (QdIbDashboard *self,
                     QdAccount     *account)
{
  QdDecimal change = qd_account_get_daily_change (account);
  QdDecimal shown;
  g_autofree char *text = NULL;
  gint sign = 0;

  if (!qd_decimal_is_none (change))
    {
      text = format_daily_change (change, qd_account_get_day_start_net_liquidation (account));
      /* A change that shows as 0.00 is neither a gain nor a loss. */
      if (qd_decimal_rescale (change, 2, QD_ROUND_HALF_EVEN, &shown, NULL))
        sign = qd_decimal_sign (shown);
    }
  set_text (self->daily_change_value, text);
  swap_class (GTK_WIDGET (self->daily_change_value), sign_classes,
              sign > 0 ? "gain" : sign < 0 ? "loss" : NULL);
}

static void
update_account_header (QdIbDashboard *self,
                       QdAccount     *account)
{
  const char *id = qd_account_get_account_id (account);
  const char *type = qd_account_get_account_type (account);
  g_autofree char *subtitle = NULL;

  if (id == NULL)
    id = qd_connection_status_get_account_id (self->connection);

  if (id != NULL && type != NULL)
    subtitle = g_strdup_printf ("%s · %s", id, type);
  else if (id != NULL)
    subtitle = g_strdup (id);
  else
    subtitle = g_strdup (_("No account reported yet"));
  gtk_label_set_text (self->account_subtitle, subtitle);
}

void
_qd_ib_dashboard_update_account (QdIbDashboard *self)
{
  QdAccount *account = self->account;
  const char *currency = qd_account_get_currency (account);
  g_autofree char *when = format_clock (qd_account_get_timestamp (account));
  g_autofree char *updated = NULL;
  gboolean have = qd_account_get_timestamp (account) != 0 ||
                  !qd_decimal_is_none (qd_account_get_net_liquidation (account));

  update_account_header (self, account);
  gtk_stack_set_visible_child_name (self->account_stack, have ? "values" : "empty");

  set_money (self->net_liquidation_value, qd_account_get_net_liquidation (account));
  gtk_label_set_text (self->currency_value, currency ? currency : "");
  update_daily_change (self, account);
  set_money (self->total_cash_value, qd_account_get_total_cash_value (account));
  set_money (self->buying_power_value, qd_account_get_buying_power (account));
  set_money (self->available_funds_value, qd_account_get_available_funds (account));
  set_money (self->initial_margin_value, qd_account_get_initial_margin (account));
  set_money (self->maintenance_margin_value, qd_account_get_maintenance_margin (account));
  set_money (self->excess_liquidity_value, qd_account_get_excess_liquidity (account));

  if (when != NULL && currency != NULL)
    updated = g_strdup_printf (_("Updated %s · amounts in %s"), when, currency);
  else if (when != NULL)
    updated = g_strdup_printf (_("Updated %s"), when);
  gtk_label_set_text (self->account_updated, updated ? updated : "");
}
