/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck"

#include "config.h"

#include <glib/gi18n.h>

#include "qd-summary.h"

static void
append_money (GString    *out,
              const char *label,
              QdDecimal   value)
{
  g_autofree char *text = qd_decimal_is_none (value) ? g_strdup ("—") : qd_decimal_to_display (value, 2, TRUE);

  g_string_append_printf (out, "  %s %s", label, text);
}

static char *
format_price (QdDecimal value,
              gint      precision)
{
  if (qd_decimal_is_none (value))
    return g_strdup ("—");
  return qd_decimal_to_display (value, precision, TRUE);
}

static char *
format_age (gint64 ts_ns)
{
  gint64 age;

  if (ts_ns == 0)
    return g_strdup (_("never"));
  age = (g_get_real_time () * 1000 - ts_ns) / 1000000000;
  return g_strdup_printf (_("%" G_GINT64_FORMAT " s ago"), MAX (age, 0));
}

static void
render_connection (GString            *out,
                   QdConnectionStatus *conn)
{
  g_autofree char *age = format_age (qd_connection_status_get_last_heartbeat (conn));
  const char *mode;

  switch (qd_connection_status_get_trading_mode (conn))
    {
    case QD_TRADING_MODE_PAPER: mode = "PAPER"; break;
    case QD_TRADING_MODE_LIVE:  mode = "LIVE"; break;
    case QD_TRADING_MODE_UNKNOWN:
    default:                    mode = "paper/live unknown"; break;
    }

  g_string_append_printf (out, "%s %s %s:%d client %d · account %s · %s%s · bus %s (%s) · heartbeat %s%s\n",
                          qd_connection_status_get_connected (conn) ? _("IB connected") : _("IB NOT connected"),
                          qd_connection_status_get_gateway_type (conn) ? qd_connection_status_get_gateway_type (conn) : "?",
                          qd_connection_status_get_host (conn) ? qd_connection_status_get_host (conn) : "?",
                          qd_connection_status_get_port (conn),
                          qd_connection_status_get_client_id (conn),
                          qd_connection_status_get_account_id (conn) ? qd_connection_status_get_account_id (conn) : "?",
                          mode,
                          qd_connection_status_get_simulated (conn) ? " · Simulated" : "",
                          qd_bus_state_to_string (qd_connection_status_get_bus_state (conn)),
                          qd_connection_status_get_bus_description (conn) ? qd_connection_status_get_bus_description (conn) : "",
                          age,
                          qd_connection_status_get_stale (conn) ? _(" (STALE)") : "");
  if (qd_connection_status_get_error_message (conn) != NULL)
    g_string_append_printf (out, "  %s %s\n", _("Last error:"), qd_connection_status_get_error_message (conn));
}

static void
render_account (GString   *out,
                QdAccount *account)
{
  g_string_append_printf (out, "%s %s (%s)", _("Account"),
                          qd_account_get_account_id (account) ? qd_account_get_account_id (account) : "—",
                          qd_account_get_currency (account) ? qd_account_get_currency (account) : "—");
  append_money (out, _("NetLiq"), qd_account_get_net_liquidation (account));
  append_money (out, _("Cash"), qd_account_get_total_cash_value (account));
  append_money (out, _("BuyPower"), qd_account_get_buying_power (account));
  append_money (out, _("InitMargin"), qd_account_get_initial_margin (account));
  append_money (out, _("MaintMargin"), qd_account_get_maintenance_margin (account));
  append_money (out, _("Excess"), qd_account_get_excess_liquidity (account));
  append_money (out, _("Day"), qd_account_get_daily_change (account));
  g_string_append_c (out, '\n');
}

static void
render_positions (GString    *out,
                  GListModel *positions)
{
  guint n = g_list_model_get_n_items (positions);
  guint i;

  g_string_append_printf (out, "%s (%u)\n", _("Positions"), n);
  g_string_append_printf (out, "  %-18s %10s %12s %12s %14s %12s %12s\n",
                          _("Symbol"), _("Position"), _("Avg cost"), _("Market"),
                          _("Mkt value"), _("Unreal P&L"), _("Real P&L"));
  for (i = 0; i < n; i++)
    {
      g_autoptr(QdPosition) p = g_list_model_get_item (positions, i);
      gint precision = qd_position_get_price_precision (p);
      g_autofree char *qty = format_price (qd_position_get_position (p), 0);
      g_autofree char *avg = format_price (qd_position_get_avg_cost (p), precision);
      g_autofree char *mkt = format_price (qd_position_get_market_price (p), precision);
      g_autofree char *value = format_price (qd_position_get_market_value (p), 2);
      g_autofree char *upnl = format_price (qd_position_get_unrealized_pnl (p), 2);
      g_autofree char *rpnl = format_price (qd_position_get_realized_pnl (p), 2);

      g_string_append_printf (out, "  %-18s %10s %12s %12s %14s %12s %12s\n",
                              qd_position_get_instrument_id (p), qty, avg, mkt, value, upnl, rpnl);
    }
}

static void
render_orders (GString    *out,
               GListModel *orders,
               guint       max_orders)
{
  guint n = g_list_model_get_n_items (orders);
  guint working = 0, shown = 0, i;

  for (i = 0; i < n; i++)
    {
      g_autoptr(QdOrder) o = g_list_model_get_item (orders, i);
      working += qd_order_get_is_working (o) ? 1 : 0;
    }

  g_string_append_printf (out, _("Orders (%u working, %u in all; newest first)\n"), working, n);
  for (i = n; i > 0 && shown < max_orders; i--, shown++)
    {
      g_autoptr(QdOrder) o = g_list_model_get_item (orders, i - 1);
      gint precision = qd_order_get_price_precision (o);
      g_autofree char *qty = format_price (qd_order_get_total_quantity (o), 0);
      g_autofree char *filled = format_price (qd_order_get_filled_quantity (o), 0);
      g_autofree char *limit = format_price (qd_order_get_limit_price (o), precision);
      g_autofree char *stop = format_price (qd_order_get_stop_price (o), precision);
      g_autofree char *avg = format_price (qd_order_get_avg_fill_price (o), precision);

      g_string_append_printf (out, "  %-28s %-4s %8s %-18s %-7s lmt %10s stp %10s %-3s %-13s filled %8s @ %10s%s%s\n",
                              qd_order_get_order_id (o),
                              qd_order_side_to_string (qd_order_get_action (o)), qty,
                              qd_order_get_instrument_id (o) ? qd_order_get_instrument_id (o) : "?",
                              qd_order_type_to_ib (qd_order_get_order_type (o)), limit, stop,
                              qd_time_in_force_to_string (qd_order_get_time_in_force (o)),
                              qd_order_get_ib_status (o), filled, avg,
                              qd_order_get_reason (o) ? " · " : "",
                              qd_order_get_reason (o) ? qd_order_get_reason (o) : "");
    }
}

char *
qd_summary_render (QdIbService *service,
                   guint        max_orders)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *clock = g_date_time_format (now, "%H:%M:%S");
  const QdIngestStats *stats = qd_ib_service_get_stats (service);

  g_string_append_printf (out, "── %s ── %" G_GUINT64_FORMAT " entries, %" G_GUINT64_FORMAT " duplicates dropped, %"
                          G_GUINT64_FORMAT " malformed skipped\n",
                          clock, stats->entries, stats->duplicates, stats->rejected);
  render_connection (out, qd_ib_service_get_connection (service));
  render_account (out, qd_ib_service_get_account (service));
  render_positions (out, qd_ib_service_get_positions (service));
  render_orders (out, qd_ib_service_get_orders (service), max_orders);

  return g_string_free (out, FALSE);
}
