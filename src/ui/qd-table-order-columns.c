/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "qd-table-order-columns.h"
#include "qd-table-private.h"

static const char * const side_classes[] = { "buy", "sell", NULL };
static const char * const status_classes[] = {
  "status-working", "status-filled", "status-cancelled", "status-rejected", NULL
};

QdOrdersFilter
qd_table_order_bucket (QdOrder *order)
{
  QdOrderStatus status = qd_order_get_status (order);

  if (qd_order_status_is_working (status))
    return QD_ORDERS_FILTER_WORKING;
  if (status == QD_ORDER_STATUS_FILLED ||
      qd_decimal_sign (qd_order_get_filled_quantity (order)) > 0)
    return QD_ORDERS_FILTER_FILLED;
  return QD_ORDERS_FILTER_CANCELLED;
}

/* ---- cells ---------------------------------------------------------------------------- */

static void
fill_order_id (GtkWidget *cell,
               gpointer   item)
{
  qd_table_cell_set_text (cell, qd_order_get_order_id (item));
}

static char *
order_id_tooltip (gpointer item)
{
  const char *venue_order_id = qd_order_get_venue_order_id (item);

  if (venue_order_id == NULL)
    return NULL;
  /* Translators: %s is Interactive Brokers' own number for an order. */
  return g_strdup_printf (_("IB order %s"), venue_order_id);
}

static void
fill_time (GtkWidget *cell,
           gpointer   item)
{
  qd_table_cell_take_text (cell, qd_table_format_time (qd_order_get_created_time (item)));
}

static void
fill_symbol (GtkWidget *cell,
             gpointer   item)
{
  const char *symbol = qd_order_get_symbol (item);

  qd_table_cell_set_text (cell, symbol != NULL ? symbol : QD_TABLE_UNKNOWN);
}

static char *
instrument_tooltip (gpointer item)
{
  return g_strdup (qd_order_get_instrument_id (item));
}

static void
fill_action (GtkWidget *cell,
             gpointer   item)
{
  switch (qd_order_get_action (item))
    {
    case QD_ORDER_SIDE_BUY:
      qd_table_cell_set_text (cell, "BUY");
      qd_table_cell_set_class (cell, side_classes, "buy");
      break;

    case QD_ORDER_SIDE_SELL:
      qd_table_cell_set_text (cell, "SELL");
      qd_table_cell_set_class (cell, side_classes, "sell");
      break;

    case QD_ORDER_SIDE_NONE:
    default:
      qd_table_cell_set_text (cell, QD_TABLE_UNKNOWN);
      qd_table_cell_set_class (cell, side_classes, NULL);
      break;
    }
}

static void
fill_type (GtkWidget *cell,
           gpointer   item)
{
  QdOrderType type = qd_order_get_order_type (item);

  qd_table_cell_set_text (cell, type == QD_ORDER_TYPE_UNKNOWN ? QD_TABLE_UNKNOWN
                                                              : qd_order_type_to_ib (type));
}

static void
fill_quantity (GtkWidget *cell,
               gpointer   item)
{
  qd_table_cell_take_text (cell, qd_table_format_quantity (qd_order_get_total_quantity (item)));
}

static void
fill_filled (GtkWidget *cell,
             gpointer   item)
{
  qd_table_cell_take_text (cell, qd_table_format_quantity (qd_order_get_filled_quantity (item)));
}

static void
fill_remaining (GtkWidget *cell,
                gpointer   item)
{
  qd_table_cell_take_text (cell, qd_table_format_quantity (qd_order_get_remaining_quantity (item)));
}

static void
fill_limit (GtkWidget *cell,
            gpointer   item)
{
  qd_table_cell_take_text (cell, qd_table_format_price (qd_order_get_limit_price (item),
                                                        qd_order_get_price_precision (item)));
}

static void
fill_stop (GtkWidget *cell,
           gpointer   item)
{
  qd_table_cell_take_text (cell, qd_table_format_price (qd_order_get_stop_price (item),
                                                        qd_order_get_price_precision (item)));
}

/* IB's words: OPG for the opening auction; the close has no IB time in force of its own. */
static const char *
time_in_force_word (QdTimeInForce tif)
{
  switch (tif)
    {
    case QD_TIME_IN_FORCE_UNKNOWN:      return QD_TABLE_UNKNOWN;
    case QD_TIME_IN_FORCE_AT_THE_OPEN:  return "OPG";
    case QD_TIME_IN_FORCE_AT_THE_CLOSE: return "CLS";
    case QD_TIME_IN_FORCE_GTC:
    case QD_TIME_IN_FORCE_IOC:
    case QD_TIME_IN_FORCE_FOK:
    case QD_TIME_IN_FORCE_GTD:
    case QD_TIME_IN_FORCE_DAY:
    default:
      return qd_time_in_force_to_string (tif);
    }
}

static void
fill_time_in_force (GtkWidget *cell,
                    gpointer   item)
{
  qd_table_cell_set_text (cell, time_in_force_word (qd_order_get_time_in_force (item)));
}

static void
style_status (GtkWidget     *cell,
              QdOrderStatus  status)
{
  const char *css_class, *icon_name;

  switch (status)
    {
    case QD_ORDER_STATUS_FILLED:
      css_class = "status-filled";
      icon_name = "emblem-ok-symbolic";
      break;

    case QD_ORDER_STATUS_CANCELED:
    case QD_ORDER_STATUS_EXPIRED:
      css_class = "status-cancelled";
      icon_name = "process-stop-symbolic";
      break;

    case QD_ORDER_STATUS_REJECTED:
    case QD_ORDER_STATUS_DENIED:
      css_class = "status-rejected";
      icon_name = "dialog-error-symbolic";
      break;

    case QD_ORDER_STATUS_INITIALIZED:
    case QD_ORDER_STATUS_EMULATED:
    case QD_ORDER_STATUS_RELEASED:
    case QD_ORDER_STATUS_SUBMITTED:
    case QD_ORDER_STATUS_ACCEPTED:
    case QD_ORDER_STATUS_TRIGGERED:
    case QD_ORDER_STATUS_PENDING_UPDATE:
    case QD_ORDER_STATUS_PENDING_CANCEL:
    case QD_ORDER_STATUS_PARTIALLY_FILLED:
    default:
      css_class = "status-working";
      icon_name = "media-playback-start-symbolic";
      break;
    }
  qd_table_cell_set_class (cell, status_classes, css_class);
  qd_table_cell_set_icon (cell, icon_name);
}

static void
fill_status (GtkWidget *cell,
             gpointer   item)
{
  qd_table_cell_set_text (cell, qd_order_get_ib_status (item));
  style_status (cell, qd_order_get_status (item));
}

/* Why an order was rejected, denied or canceled, where the node said. */
static char *
status_tooltip (gpointer item)
{
  if (!qd_order_status_is_final (qd_order_get_status (item)))
    return NULL;
  return g_strdup (qd_order_get_reason (item));
}

static void
fill_avg_fill (GtkWidget *cell,
               gpointer   item)
{
  qd_table_cell_take_text (cell, qd_table_format_price (qd_order_get_avg_fill_price (item),
                                                        qd_order_get_price_precision (item)));
}

static void
fill_commission (GtkWidget *cell,
                 gpointer   item)
{
  qd_table_cell_take_text (cell, qd_table_format_money (qd_order_get_commission (item)));
}

static char *
commission_tooltip (gpointer item)
{
  return g_strdup (qd_order_get_commission_currency (item));
}

/* ---- live sorting ------------------------------------------------------------------------ */

/* Numbers inside ids compare as numbers: "O-…-9" before "O-…-10", IB id 998 before 1001. */
static int
compare_digits (const char **a,
                const char **b)
{
  const char *da = *a, *db = *b;
  gsize la, lb;

  while (*da == '0')
    da++;
  while (*db == '0')
    db++;
  for (*a = da; g_ascii_isdigit (**a); (*a)++)
    ;
  for (*b = db; g_ascii_isdigit (**b); (*b)++)
    ;
  la = *a - da;
  lb = *b - db;
  if (la != lb)
    return la < lb ? -1 : 1;
  return strncmp (da, db, la);
}

static int
natural_compare (const char *a,
                 const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);

  while (*a && *b)
    {
      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          int result = compare_digits (&a, &b);

          if (result != 0)
            return result;
          continue;
        }
      if (*a != *b)
        return (guchar) *a < (guchar) *b ? -1 : 1;
      a++;
      b++;
    }
  return (*a != '\0') - (*b != '\0');
}

/* Equal keys fall back to creation time, then the id, so rows never swap at random. */
static int
tie_break (QdOrder *a,
           QdOrder *b)
{
  gint64 ta = qd_order_get_created_time (a);
  gint64 tb = qd_order_get_created_time (b);

  if (ta != tb)
    return ta < tb ? -1 : 1;
  return natural_compare (qd_order_get_order_id (a), qd_order_get_order_id (b));
}

#define ORDER_BY(name, expression)                                            \
  static int                                                                  \
  name (gconstpointer pa,                                                     \
        gconstpointer pb,                                                     \
        gpointer      user_data)                                              \
  {                                                                           \
    QdOrder *a = (QdOrder *) pa, *b = (QdOrder *) pb;                         \
    int result = (expression);                                                \
                                                                              \
    return result != 0 ? result : tie_break (a, b);                           \
  }

#define COMPARE_INT(x, y) (((x) > (y)) - ((x) < (y)))

/* Decimal columns compare exactly, never through double or text. */
#define DECIMAL_ORDER(name, getter) ORDER_BY (name, qd_decimal_compare (getter (a), getter (b)))

ORDER_BY (by_order_id, natural_compare (qd_order_get_order_id (a), qd_order_get_order_id (b)))
/* The tie-break is creation time already. */
ORDER_BY (by_time, 0)
ORDER_BY (by_symbol, g_strcmp0 (qd_order_get_symbol (a), qd_order_get_symbol (b)))
ORDER_BY (by_action, COMPARE_INT (qd_order_get_action (a), qd_order_get_action (b)))
ORDER_BY (by_type, g_strcmp0 (qd_order_type_to_ib (qd_order_get_order_type (a)),
                              qd_order_type_to_ib (qd_order_get_order_type (b))))
ORDER_BY (by_time_in_force, g_strcmp0 (time_in_force_word (qd_order_get_time_in_force (a)),
                                       time_in_force_word (qd_order_get_time_in_force (b))))
/* Working, filled, cancelled; within each, by IB's word. */
static int
status_rank (QdOrder *a,
             QdOrder *b)
{
  int result = COMPARE_INT (qd_table_order_bucket (a), qd_table_order_bucket (b));

  return result != 0 ? result : g_strcmp0 (qd_order_get_ib_status (a), qd_order_get_ib_status (b));
}

ORDER_BY (by_status, status_rank (a, b))
DECIMAL_ORDER (by_quantity, qd_order_get_total_quantity)
DECIMAL_ORDER (by_filled, qd_order_get_filled_quantity)
DECIMAL_ORDER (by_remaining, qd_order_get_remaining_quantity)
DECIMAL_ORDER (by_limit, qd_order_get_limit_price)
DECIMAL_ORDER (by_stop, qd_order_get_stop_price)
DECIMAL_ORDER (by_avg_fill, qd_order_get_avg_fill_price)
DECIMAL_ORDER (by_commission, qd_order_get_commission)

static const QdTableColumnSpec order_columns[QD_ORDERS_N_COLUMNS] = {
  [QD_ORDERS_COLUMN_ORDER_ID] =
    { QD_TABLE_CELL_IDENTIFIER, fill_order_id, by_order_id, order_id_tooltip },
  [QD_ORDERS_COLUMN_TIME] =
    { QD_TABLE_CELL_NUMERIC, fill_time, by_time },
  [QD_ORDERS_COLUMN_SYMBOL] =
    { QD_TABLE_CELL_TEXT, fill_symbol, by_symbol, instrument_tooltip },
  [QD_ORDERS_COLUMN_ACTION] =
    { QD_TABLE_CELL_TEXT, fill_action, by_action },
  [QD_ORDERS_COLUMN_TYPE] =
    { QD_TABLE_CELL_TEXT, fill_type, by_type },
  [QD_ORDERS_COLUMN_QUANTITY] =
    { QD_TABLE_CELL_NUMERIC, fill_quantity, by_quantity },
  [QD_ORDERS_COLUMN_FILLED] =
    { QD_TABLE_CELL_NUMERIC, fill_filled, by_filled },
  [QD_ORDERS_COLUMN_REMAINING] =
    { QD_TABLE_CELL_NUMERIC, fill_remaining, by_remaining },
  [QD_ORDERS_COLUMN_LIMIT] =
    { QD_TABLE_CELL_NUMERIC, fill_limit, by_limit },
  [QD_ORDERS_COLUMN_STOP] =
    { QD_TABLE_CELL_NUMERIC, fill_stop, by_stop },
  [QD_ORDERS_COLUMN_TIME_IN_FORCE] =
    { QD_TABLE_CELL_TEXT, fill_time_in_force, by_time_in_force },
  [QD_ORDERS_COLUMN_STATUS] =
    { QD_TABLE_CELL_STATUS, fill_status, by_status, status_tooltip },
  [QD_ORDERS_COLUMN_AVG_FILL] =
    { QD_TABLE_CELL_NUMERIC, fill_avg_fill, by_avg_fill },
  [QD_ORDERS_COLUMN_COMMISSION] =
    { QD_TABLE_CELL_NUMERIC, fill_commission, by_commission, commission_tooltip },
};

const QdTableColumnSpec *
qd_table_order_columns (void)
{
  return order_columns;
}
