/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include "qd-table-cells.h"

#define MONEY_DECIMALS 2

static const char * const sign_classes[] = { "gain", "loss", NULL };

static GtkWidget *
inscription_new (gfloat xalign)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), xalign);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 1);
  return inscription;
}

GtkWidget *
qd_table_cell_new (QdTableCellKind kind)
{
  GtkWidget *box, *inscription;

  switch (kind)
    {
    case QD_TABLE_CELL_NUMERIC:
      inscription = inscription_new (1.0);
      gtk_widget_add_css_class (inscription, "numeric");
      return inscription;

    case QD_TABLE_CELL_IDENTIFIER:
      inscription = inscription_new (0.0);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                         GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_START);
      gtk_widget_add_css_class (inscription, "numeric");
      return inscription;

    case QD_TABLE_CELL_STATUS:
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (box), gtk_image_new ());
      inscription = inscription_new (0.0);
      gtk_widget_set_hexpand (inscription, TRUE);
      gtk_box_append (GTK_BOX (box), inscription);
      return box;

    case QD_TABLE_CELL_TEXT:
    default:
      return inscription_new (0.0);
    }
}

static GtkInscription *
cell_inscription (GtkWidget *cell)
{
  if (GTK_IS_INSCRIPTION (cell))
    return GTK_INSCRIPTION (cell);
  return GTK_INSCRIPTION (gtk_widget_get_last_child (cell));
}

void
qd_table_cell_set_text (GtkWidget  *cell,
                        const char *text)
{
  GtkInscription *inscription;

  g_return_if_fail (GTK_IS_WIDGET (cell));

  inscription = cell_inscription (cell);
  if (g_strcmp0 (gtk_inscription_get_text (inscription), text) != 0)
    gtk_inscription_set_text (inscription, text);
}

void
qd_table_cell_take_text (GtkWidget *cell,
                         char      *text)
{
  qd_table_cell_set_text (cell, text);
  g_free (text);
}

const char *
qd_table_cell_get_text (GtkWidget *cell)
{
  g_return_val_if_fail (GTK_IS_WIDGET (cell), NULL);

  return gtk_inscription_get_text (cell_inscription (cell));
}

void
qd_table_cell_set_icon (GtkWidget  *cell,
                        const char *icon_name)
{
  GtkWidget *image;

  g_return_if_fail (GTK_IS_BOX (cell));

  image = gtk_widget_get_first_child (cell);
  if (g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (image)), icon_name) != 0)
    gtk_image_set_from_icon_name (GTK_IMAGE (image), icon_name);
}

const char *
qd_table_cell_get_icon (GtkWidget *cell)
{
  g_return_val_if_fail (GTK_IS_BOX (cell), NULL);

  return gtk_image_get_icon_name (GTK_IMAGE (gtk_widget_get_first_child (cell)));
}

void
qd_table_cell_set_class (GtkWidget          *cell,
                         const char * const *group,
                         const char         *css_class)
{
  g_return_if_fail (GTK_IS_WIDGET (cell));

  /* Restyling is what costs, so touch the classes only when they change. */
  for (guint i = 0; group[i] != NULL; i++)
    if (g_strcmp0 (group[i], css_class) != 0 && gtk_widget_has_css_class (cell, group[i]))
      gtk_widget_remove_css_class (cell, group[i]);
  if (css_class != NULL && !gtk_widget_has_css_class (cell, css_class))
    gtk_widget_add_css_class (cell, css_class);
}

void
qd_table_cell_set_sign (GtkWidget *cell,
                        gint       sign)
{
  qd_table_cell_set_class (cell, sign_classes, sign > 0 ? "gain" : sign < 0 ? "loss" : NULL);
}

char *
qd_table_format_price (QdDecimal value,
                       gint      decimals)
{
  if (qd_decimal_is_none (value))
    return g_strdup (QD_TABLE_UNKNOWN);
  return qd_decimal_to_display (value, CLAMP (decimals, 0, QD_DECIMAL_MAX_SCALE), TRUE);
}

char *
qd_table_format_quantity (QdDecimal value)
{
  if (qd_decimal_is_none (value))
    return g_strdup (QD_TABLE_UNKNOWN);
  return qd_decimal_to_display (value, -1, TRUE);
}

char *
qd_table_format_money (QdDecimal value)
{
  if (qd_decimal_is_none (value))
    return g_strdup (QD_TABLE_UNKNOWN);
  return qd_decimal_to_display (value, MONEY_DECIMALS, TRUE);
}

char *
qd_table_format_pnl (QdDecimal  value,
                     gint      *sign)
{
  QdDecimal shown;
  char *text;

  *sign = 0;
  if (qd_decimal_is_none (value))
    return g_strdup (QD_TABLE_UNKNOWN);

  /* The colour follows what is shown: -0.004 is "0.00", neither gain nor loss. */
  if (!qd_decimal_rescale (value, MONEY_DECIMALS, QD_ROUND_HALF_EVEN, &shown, NULL))
    shown = value;
  *sign = qd_decimal_sign (shown);
  text = qd_decimal_to_display (value, MONEY_DECIMALS, TRUE);
  if (*sign > 0)
    {
      char *signed_text = g_strconcat ("+", text, NULL);

      g_free (text);
      return signed_text;
    }
  return text;
}

char *
qd_table_format_time (gint64 unix_ns)
{
  g_autoptr(GDateTime) local = NULL;

  if (unix_ns <= 0)
    return g_strdup (QD_TABLE_UNKNOWN);

  local = g_date_time_new_from_unix_local (unix_ns / G_GINT64_CONSTANT (1000000000));
  if (local == NULL)
    return g_strdup (QD_TABLE_UNKNOWN);
  return g_date_time_format (local, "%H:%M:%S");
}
