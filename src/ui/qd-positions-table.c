/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qd-position-actions.h"
#include "qd-positions-table.h"
#include "qd-table-cells.h"
#include "qd-table-footer.h"
#include "qd-table-menu.h"
#include "qd-table-view.h"
#include "qd-table-mirror.h"
#include "qd-table-private.h"
#include "qd-table-rows.h"
#include "qd-table-totals.h"

struct _QdPositionsTable
{
  GtkWidget            parent_instance;

  QdIbService         *service;
  QdFrameCoalescer    *coalescer;
  QdTableRows         *rows;
  QdTableMirror       *mirror;
  QdTableTotals       *totals;
  gulong               position_updated_id;
  gulong               items_changed_id;
  gulong               currency_id;

  /* template */
  GtkStack            *stack;
  GtkColumnView       *column_view;
  GtkSingleSelection  *selection;
  GtkSortListModel    *sort_model;
  QdTableFooter       *footer;
  GtkColumnViewColumn *columns[QD_POSITIONS_N_COLUMNS];
  GtkColumnViewColumn *actions_column;
  GHashTable          *action_boxes;   /* QdPosition -> its bound actions cell */
  QdTableMenu         *menu;
};

G_DEFINE_FINAL_TYPE (QdPositionsTable, qd_positions_table, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- cells ---------------------------------------------------------------------------- */

static const char * const flat_classes[] = { "flat", NULL };

/* A closed position stays listed for its realized P&L, dimmed. */
static void
style_flat (GtkWidget  *cell,
            QdPosition *position)
{
  QdDecimal quantity = qd_position_get_position (position);

  qd_table_cell_set_class (cell, flat_classes, qd_decimal_is_zero (quantity) ? "flat" : NULL);
}

static void
fill_symbol (GtkWidget *cell,
             gpointer   item)
{
  QdPosition *position = item;

  qd_table_cell_set_text (cell, qd_position_get_symbol (position));
  style_flat (cell, position);
}

static char *
instrument_tooltip (gpointer item)
{
  return g_strdup (qd_position_get_instrument_id (item));
}

static void
fill_quantity (GtkWidget *cell,
               gpointer   item)
{
  qd_table_cell_take_text (cell, qd_table_format_quantity (qd_position_get_position (item)));
  style_flat (cell, item);
}

static void
fill_avg_cost (GtkWidget *cell,
               gpointer   item)
{
  qd_table_cell_take_text (cell, qd_table_format_price (qd_position_get_avg_cost (item),
                                                        qd_position_get_price_precision (item)));
  style_flat (cell, item);
}

static void
fill_market_price (GtkWidget *cell,
                   gpointer   item)
{
  qd_table_cell_take_text (cell, qd_table_format_price (qd_position_get_market_price (item),
                                                        qd_position_get_price_precision (item)));
  style_flat (cell, item);
}

static void
fill_market_value (GtkWidget *cell,
                   gpointer   item)
{
  qd_table_cell_take_text (cell, qd_table_format_money (qd_position_get_market_value (item)));
  style_flat (cell, item);
}

static void
fill_pnl (GtkWidget *cell,
          QdDecimal  pnl)
{
  gint sign;

  qd_table_cell_take_text (cell, qd_table_format_pnl (pnl, &sign));
  qd_table_cell_set_sign (cell, sign);
}

static void
fill_unrealized_pnl (GtkWidget *cell,
                     gpointer   item)
{
  fill_pnl (cell, qd_position_get_unrealized_pnl (item));
  style_flat (cell, item);
}

static void
fill_realized_pnl (GtkWidget *cell,
                   gpointer   item)
{
  fill_pnl (cell, qd_position_get_realized_pnl (item));
  style_flat (cell, item);
}

static void
fill_currency (GtkWidget *cell,
               gpointer   item)
{
  const char *currency = qd_position_get_currency (item);

  qd_table_cell_set_text (cell, currency != NULL && *currency ? currency : QD_TABLE_UNKNOWN);
  style_flat (cell, item);
}

/* ---- live sorting ------------------------------------------------------------------------ */

/* Equal keys fall back to the symbol, so rows never swap places at random. */
static int
tie_break (QdPosition *a,
           QdPosition *b)
{
  int result = g_strcmp0 (qd_position_get_symbol (a), qd_position_get_symbol (b));

  if (result == 0)
    result = g_strcmp0 (qd_position_get_position_id (a), qd_position_get_position_id (b));
  return result;
}

static int
by_symbol (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  return tie_break ((QdPosition *) a, (QdPosition *) b);
}

static int
by_currency (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  int result = g_strcmp0 (qd_position_get_currency ((QdPosition *) a),
                          qd_position_get_currency ((QdPosition *) b));

  return result != 0 ? result : tie_break ((QdPosition *) a, (QdPosition *) b);
}

/* Decimal columns compare exactly, never through double or text. */
#define DECIMAL_ORDER(name, getter)                                                      \
  static int                                                                             \
  name (gconstpointer a,                                                                 \
        gconstpointer b,                                                                 \
        gpointer      user_data)                                                         \
  {                                                                                      \
    int result = qd_decimal_compare (getter ((QdPosition *) a), getter ((QdPosition *) b)); \
                                                                                         \
    return result != 0 ? result : tie_break ((QdPosition *) a, (QdPosition *) b);        \
  }

DECIMAL_ORDER (by_position, qd_position_get_position)
DECIMAL_ORDER (by_avg_cost, qd_position_get_avg_cost)
DECIMAL_ORDER (by_market_price, qd_position_get_market_price)
DECIMAL_ORDER (by_market_value, qd_position_get_market_value)
DECIMAL_ORDER (by_unrealized_pnl, qd_position_get_unrealized_pnl)
DECIMAL_ORDER (by_realized_pnl, qd_position_get_realized_pnl)

static const QdTableColumnSpec column_specs[QD_POSITIONS_N_COLUMNS] = {
  [QD_POSITIONS_COLUMN_SYMBOL] =
    { QD_TABLE_CELL_TEXT, fill_symbol, by_symbol, instrument_tooltip },
  [QD_POSITIONS_COLUMN_POSITION] =
    { QD_TABLE_CELL_NUMERIC, fill_quantity, by_position },
  [QD_POSITIONS_COLUMN_AVG_COST] =
    { QD_TABLE_CELL_NUMERIC, fill_avg_cost, by_avg_cost },
  [QD_POSITIONS_COLUMN_MARKET_PRICE] =
    { QD_TABLE_CELL_NUMERIC, fill_market_price, by_market_price },
  [QD_POSITIONS_COLUMN_MARKET_VALUE] =
    { QD_TABLE_CELL_NUMERIC, fill_market_value, by_market_value },
  [QD_POSITIONS_COLUMN_UNREALIZED_PNL] =
    { QD_TABLE_CELL_NUMERIC, fill_unrealized_pnl, by_unrealized_pnl },
  [QD_POSITIONS_COLUMN_REALIZED_PNL] =
    { QD_TABLE_CELL_NUMERIC, fill_realized_pnl, by_realized_pnl },
  [QD_POSITIONS_COLUMN_CURRENCY] =
    { QD_TABLE_CELL_TEXT, fill_currency, by_currency },
};

/* The sorters read live values, but a sort model only re-sorts when told: once per flush. */
static void
resort (QdPositionsTable *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);

  if (gtk_sorter_get_order (sorter) != GTK_SORTER_ORDER_NONE)
    gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

/* ---- totals ------------------------------------------------------------------------------ */

/* The account's currency; without one, the currency most positions are in. */
static const char *
totals_currency (QdPositionsTable *self,
                 GStrv             currencies)
{
  const char *currency = NULL;
  const char *best = NULL;
  guint best_count = 0;

  if (self->service != NULL)
    currency = qd_account_get_currency (qd_ib_service_get_account (self->service));
  if (currency != NULL && *currency)
    return currency;

  for (guint i = 0; currencies[i] != NULL; i++)
    {
      QdTableTotal total;

      if (qd_table_totals_lookup (self->totals, currencies[i], &total) &&
          total.n_positions > best_count)
        {
          best = currencies[i];
          best_count = total.n_positions;
        }
    }
  return best;
}

/* Names the currencies left out of the totals ("EUR, JPY"), or NULL when there are none. */
static char *
excluded_currencies (GStrv       currencies,
                     const char *currency)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; currencies[i] != NULL; i++)
    {
      if (g_strcmp0 (currencies[i], currency) == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, *currencies[i] ? currencies[i] : QD_TABLE_UNKNOWN);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
show_total_label (QdPositionsTable *self,
                  const char       *currency,
                  const char       *excluded)
{
  GtkWidget *label = qd_positions_table_get_total_cell (self, QD_POSITIONS_COLUMN_SYMBOL);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  if (excluded != NULL && currency != NULL)
    {
      /* Translators: the totals row when positions are held in several currencies;
       * %s lists the currencies that are not summed, e.g. "EUR, JPY". */
      text = g_strdup_printf (_("Total · excl. %s"), excluded);
      /* Translators: the first %s is a currency (USD), the second a list (EUR, JPY). */
      tooltip = g_strdup_printf (_("Only positions in %s are summed; positions in %s are "
                                   "not converted and not included."), currency, excluded);
    }
  qd_table_cell_set_text (label, text != NULL ? text : _("Total"));
  /* Setting a tooltip queries the pointer: only when it changes. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (label), tooltip) != 0)
    gtk_widget_set_tooltip_text (label, tooltip);
}

static void
show_totals (QdPositionsTable *self)
{
  g_auto(GStrv) currencies = qd_table_totals_dup_currencies (self->totals);
  QdTableTotal total = { QD_DECIMAL_NONE, QD_DECIMAL_NONE, QD_DECIMAL_NONE, 0 };
  g_autofree char *excluded = NULL;
  const char *currency;

  currency = totals_currency (self, currencies);
  qd_table_totals_lookup (self->totals, currency, &total);
  excluded = excluded_currencies (currencies, currency);

  show_total_label (self, currency, excluded);
  qd_table_cell_take_text (qd_positions_table_get_total_cell (self,
                                                              QD_POSITIONS_COLUMN_MARKET_VALUE),
                           qd_table_format_money (total.market_value));
  fill_pnl (qd_positions_table_get_total_cell (self, QD_POSITIONS_COLUMN_UNREALIZED_PNL),
            total.unrealized_pnl);
  fill_pnl (qd_positions_table_get_total_cell (self, QD_POSITIONS_COLUMN_REALIZED_PNL),
            total.realized_pnl);
  qd_table_cell_set_text (qd_positions_table_get_total_cell (self, QD_POSITIONS_COLUMN_CURRENCY),
                          currency != NULL ? currency : QD_TABLE_UNKNOWN);
}

/* From scratch: at start, and when positions leave the list (their entries would be stale). */
static void
recount_totals (QdPositionsTable *self)
{
  GListModel *positions;
  guint n;

  qd_table_totals_clear (self->totals);
  if (self->service != NULL)
    {
      positions = qd_ib_service_get_positions (self->service);
      n = g_list_model_get_n_items (positions);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(QdPosition) position = g_list_model_get_item (positions, i);

          qd_table_totals_update (self->totals, position);
        }
    }
  show_totals (self);
}

/* ---- updates ----------------------------------------------------------------------------- */

static void
position_updated_cb (QdPositionsTable *self,
                     QdPosition       *position)
{
  qd_frame_coalescer_mark (self->coalescer, position);
}

static void
positions_changed_cb (QdPositionsTable *self,
                      guint             position,
                      guint             removed,
                      guint             added,
                      GListModel       *positions)
{
  qd_table_mirror_source_changed (self->mirror, positions, position, removed, added);
  if (removed > 0)
    {
      recount_totals (self);
      return;
    }
  /* A new position is shown and counted in the totals at the next flush. */
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(QdPosition) item = g_list_model_get_item (positions, position + i);

      qd_frame_coalescer_mark (self->coalescer, item);
    }
}

static void
flush_cb (QdPositionsTable *self,
          GPtrArray        *dirty)
{
  gboolean totals_changed = FALSE;
  gboolean at_top = qd_table_view_is_at_top (self->column_view);

  for (guint i = 0; i < dirty->len; i++)
    {
      QdPosition *position = g_ptr_array_index (dirty, i);

      GtkWidget *box = g_hash_table_lookup (self->action_boxes, position);

      qd_table_rows_refill (self->rows, position);
      if (box != NULL)
        qd_position_actions_update (box, position);
      totals_changed |= qd_table_totals_update (self->totals, position);
    }
  qd_table_mirror_flush (self->mirror);

  if (totals_changed)
    show_totals (self);
  resort (self);
  /* A view at the top stays there as rows arrive and re-sort. */
  if (at_top)
    qd_table_view_scroll_to_top (self->column_view);
}

/* ---- service ----------------------------------------------------------------------------- */

static void
disconnect_service (QdPositionsTable *self)
{
  if (self->service == NULL)
    return;

  g_clear_signal_handler (&self->position_updated_id, self->service);
  g_clear_signal_handler (&self->items_changed_id, qd_ib_service_get_positions (self->service));
  g_clear_signal_handler (&self->currency_id, qd_ib_service_get_account (self->service));
  qd_table_mirror_reset (self->mirror, NULL);
  g_clear_object (&self->service);
}

static void
connect_service (QdPositionsTable *self,
                 QdIbService      *service)
{
  GListModel *positions = qd_ib_service_get_positions (service);

  self->service = g_object_ref (service);
  self->position_updated_id =
    g_signal_connect_swapped (service, "position-updated", G_CALLBACK (position_updated_cb), self);
  self->items_changed_id =
    g_signal_connect_swapped (positions, "items-changed", G_CALLBACK (positions_changed_cb), self);
  self->currency_id =
    g_signal_connect_swapped (qd_ib_service_get_account (service), "notify::currency",
                              G_CALLBACK (show_totals), self);
  qd_table_mirror_reset (self->mirror, positions);
}

void
qd_positions_table_set_service (QdPositionsTable *self,
                                QdIbService      *service)
{
  g_return_if_fail (QD_IS_POSITIONS_TABLE (self));
  g_return_if_fail (service == NULL || QD_IS_IB_SERVICE (service));

  if (self->service == service)
    return;

  disconnect_service (self);
  if (service != NULL)
    connect_service (self, service);
  recount_totals (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVICE]);
}

QdIbService *
qd_positions_table_get_service (QdPositionsTable *self)
{
  g_return_val_if_fail (QD_IS_POSITIONS_TABLE (self), NULL);

  return self->service;
}

QdFrameCoalescer *
qd_positions_table_get_coalescer (QdPositionsTable *self)
{
  g_return_val_if_fail (QD_IS_POSITIONS_TABLE (self), NULL);

  return self->coalescer;
}

/* ---- construction ------------------------------------------------------------------------ */

static char *
page_for_n_items (gpointer unused,
                  guint    n_items)
{
  return g_strdup (n_items > 0 ? "table" : "empty");
}

static void
add_total_cells (QdPositionsTable *self)
{
  static const QdPositionsColumn total_columns[] = {
    QD_POSITIONS_COLUMN_SYMBOL,
    QD_POSITIONS_COLUMN_MARKET_VALUE,
    QD_POSITIONS_COLUMN_UNREALIZED_PNL,
    QD_POSITIONS_COLUMN_REALIZED_PNL,
    QD_POSITIONS_COLUMN_CURRENCY,
  };

  for (guint i = 0; i < G_N_ELEMENTS (total_columns); i++)
    {
      QdPositionsColumn column = total_columns[i];

      qd_table_footer_set_cell (self->footer, self->columns[column],
                                qd_table_cell_new (column_specs[column].kind));
    }
}

static void
setup_columns (QdPositionsTable *self)
{
  self->rows = qd_table_rows_new (column_specs, QD_POSITIONS_N_COLUMNS);
  for (guint i = 0; i < QD_POSITIONS_N_COLUMNS; i++)
    {
      qd_table_rows_attach (self->rows, i, self->columns[i]);
      if (column_specs[i].kind == QD_TABLE_CELL_NUMERIC)
        qd_table_header_align_end (self->column_view, self->columns[i]);
    }
  add_total_cells (self);

  {
    g_autoptr(GtkListItemFactory) factory = qd_position_actions_factory_new (self->action_boxes);

    gtk_column_view_column_set_factory (self->actions_column, factory);
  }
}

/* Close / Add: the window opens a ticket prefilled from the position as it is now. */
static void
position_order_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  QdPositionsTable *self = QD_POSITIONS_TABLE (widget);
  g_autoptr(GVariant) order = NULL;

  if (self->service == NULL)
    return;
  order = qd_position_actions_order_for (self->service, g_variant_get_string (parameter, NULL),
                                         g_str_equal (action_name, "positions.close"));
  if (order != NULL)
    gtk_widget_activate_action_variant (widget, "win.new-order-prefilled", g_variant_ref_sink (order));
}

static void
qd_positions_table_dispose (GObject *object)
{
  QdPositionsTable *self = QD_POSITIONS_TABLE (object);
  GtkWidget *child;

  disconnect_service (self);
  g_clear_pointer (&self->menu, qd_table_menu_free);
  if (self->coalescer != NULL)
    g_signal_handlers_disconnect_by_func (self->coalescer, flush_cb, self);
  g_clear_object (&self->coalescer);

  gtk_widget_dispose_template (GTK_WIDGET (self), QD_TYPE_POSITIONS_TABLE);
  /* Template children without an id are left to the parent to drop. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (qd_positions_table_parent_class)->dispose (object);
}

static void
qd_positions_table_finalize (GObject *object)
{
  QdPositionsTable *self = QD_POSITIONS_TABLE (object);

  g_clear_pointer (&self->rows, qd_table_rows_unref);
  g_clear_pointer (&self->mirror, qd_table_mirror_free);
  g_clear_pointer (&self->totals, qd_table_totals_free);
  g_clear_pointer (&self->action_boxes, g_hash_table_unref);

  G_OBJECT_CLASS (qd_positions_table_parent_class)->finalize (object);
}

static void
qd_positions_table_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  QdPositionsTable *self = QD_POSITIONS_TABLE (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qd_positions_table_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  QdPositionsTable *self = QD_POSITIONS_TABLE (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      qd_positions_table_set_service (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_columns (GtkWidgetClass *widget_class)
{
  static const char * const ids[QD_POSITIONS_N_COLUMNS] = {
    "symbol_column", "position_column", "avg_cost_column", "market_price_column",
    "market_value_column", "unrealized_pnl_column", "realized_pnl_column", "currency_column",
  };

  for (guint i = 0; i < QD_POSITIONS_N_COLUMNS; i++)
    gtk_widget_class_bind_template_child_full (widget_class, ids[i], FALSE,
                                               G_STRUCT_OFFSET (QdPositionsTable, columns)
                                               + i * sizeof (GtkColumnViewColumn *));
}

static void
qd_positions_table_class_init (QdPositionsTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = qd_positions_table_dispose;
  object_class->finalize = qd_positions_table_finalize;
  object_class->get_property = qd_positions_table_get_property;
  object_class->set_property = qd_positions_table_set_property;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, QD_TYPE_IB_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (QD_TYPE_TABLE_FOOTER);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/quarterdeck/Quarterdeck/qd-positions-table.ui");
  gtk_widget_class_bind_template_child (widget_class, QdPositionsTable, stack);
  gtk_widget_class_bind_template_child (widget_class, QdPositionsTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, QdPositionsTable, selection);
  gtk_widget_class_bind_template_child (widget_class, QdPositionsTable, sort_model);
  gtk_widget_class_bind_template_child (widget_class, QdPositionsTable, footer);
  gtk_widget_class_bind_template_child (widget_class, QdPositionsTable, actions_column);
  gtk_widget_class_install_action (widget_class, "positions.close", "s", position_order_action);
  gtk_widget_class_install_action (widget_class, "positions.add", "s", position_order_action);
  bind_columns (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, page_for_n_items);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "positionstable");
}

static void
qd_positions_table_init (QdPositionsTable *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->action_boxes = g_hash_table_new (NULL, NULL);
  self->totals = qd_table_totals_new ();
  self->mirror = qd_table_mirror_new (QD_TYPE_POSITION);
  gtk_sort_list_model_set_model (self->sort_model, qd_table_mirror_get_model (self->mirror));
  self->coalescer = qd_frame_coalescer_new (GTK_WIDGET (self));
  g_signal_connect_swapped (self->coalescer, "flush", G_CALLBACK (flush_cb), self);

  setup_columns (self);
  self->menu = qd_table_menu_new (GTK_WIDGET (self), self->column_view, self->action_boxes,
                                  qd_position_actions_menu);
  show_totals (self);
}

GtkWidget *
qd_positions_table_new (QdIbService *service)
{
  g_return_val_if_fail (service == NULL || QD_IS_IB_SERVICE (service), NULL);

  return g_object_new (QD_TYPE_POSITIONS_TABLE, "service", service, NULL);
}

/* ---- test accessors ---------------------------------------------------------------------- */

GtkColumnView *
qd_positions_table_get_column_view (QdPositionsTable *self)
{
  g_return_val_if_fail (QD_IS_POSITIONS_TABLE (self), NULL);

  return self->column_view;
}

GtkSortListModel *
qd_positions_table_get_sort_model (QdPositionsTable *self)
{
  g_return_val_if_fail (QD_IS_POSITIONS_TABLE (self), NULL);

  return self->sort_model;
}

GtkColumnViewColumn *
qd_positions_table_get_column (QdPositionsTable  *self,
                               QdPositionsColumn  column)
{
  g_return_val_if_fail (QD_IS_POSITIONS_TABLE (self), NULL);
  g_return_val_if_fail (column < QD_POSITIONS_N_COLUMNS, NULL);

  return self->columns[column];
}

GtkWidget *
qd_positions_table_get_cell (QdPositionsTable  *self,
                             guint              row,
                             QdPositionsColumn  column)
{
  g_autoptr(GObject) item = NULL;

  g_return_val_if_fail (QD_IS_POSITIONS_TABLE (self), NULL);
  g_return_val_if_fail (column < QD_POSITIONS_N_COLUMNS, NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->selection), row);
  return item != NULL ? qd_table_rows_get_cell (self->rows, item, column) : NULL;
}

const char *
qd_positions_table_get_cell_text (QdPositionsTable  *self,
                                  guint              row,
                                  QdPositionsColumn  column)
{
  GtkWidget *cell = qd_positions_table_get_cell (self, row, column);

  return cell != NULL ? qd_table_cell_get_text (cell) : NULL;
}

GtkWidget *
qd_positions_table_get_total_cell (QdPositionsTable  *self,
                                   QdPositionsColumn  column)
{
  g_return_val_if_fail (QD_IS_POSITIONS_TABLE (self), NULL);
  g_return_val_if_fail (column < QD_POSITIONS_N_COLUMNS, NULL);

  return qd_table_footer_get_cell (self->footer, self->columns[column]);
}

const char *
qd_positions_table_get_page (QdPositionsTable *self)
{
  g_return_val_if_fail (QD_IS_POSITIONS_TABLE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkPopover *
qd_positions_table_popup_menu (QdPositionsTable *self,
                               QdPosition       *position)
{
  g_return_val_if_fail (QD_IS_POSITIONS_TABLE (self), NULL);
  g_return_val_if_fail (QD_IS_POSITION (position), NULL);

  return qd_table_menu_popup (self->menu, position);
}
