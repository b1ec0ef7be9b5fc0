/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "qd-decimal.h"

G_BEGIN_DECLS

/*
 * Cells of the positions and orders tables, and the text they show.
 *
 * A cell is a GtkInscription (cheap to re-text: it never asks for a new size), or for a
 * status a box with an icon before the inscription. Numbers are right-aligned with tabular
 * figures; unknown values show an em dash.
 */

#define QD_TABLE_UNKNOWN "—"

typedef enum
{
  QD_TABLE_CELL_TEXT,
  QD_TABLE_CELL_IDENTIFIER,    /* long ids: cut at the start, their tail tells them apart */
  QD_TABLE_CELL_NUMERIC,
  QD_TABLE_CELL_STATUS,
} QdTableCellKind;

GtkWidget  *qd_table_cell_new             (QdTableCellKind  kind);
void        qd_table_cell_set_text        (GtkWidget       *cell,
                                           const char      *text);
/* Takes ownership of text. */
void        qd_table_cell_take_text       (GtkWidget       *cell,
                                           char            *text);
const char *qd_table_cell_get_text        (GtkWidget       *cell);
void        qd_table_cell_set_icon        (GtkWidget       *cell,
                                           const char      *icon_name);
const char *qd_table_cell_get_icon        (GtkWidget       *cell);
/* Adds css_class (may be NULL) and removes every other class of the NULL-terminated group. */
void        qd_table_cell_set_class       (GtkWidget          *cell,
                                           const char * const *group,
                                           const char         *css_class);
/* .gain for a positive sign, .loss for a negative one, neither for zero. */
void        qd_table_cell_set_sign        (GtkWidget       *cell,
                                           gint             sign);

/* Prices with `decimals` places (the instrument's price precision). */
char       *qd_table_format_price         (QdDecimal        value,
                                           gint             decimals);
/* Quantities at their own scale: "100", "1,500", "0.25". */
char       *qd_table_format_quantity      (QdDecimal        value);
/* Money with 2 decimals: "18,801.00". */
char       *qd_table_format_money         (QdDecimal        value);
/* Signed money ("+45.00", "-1.00", "0.00"); *sign is the sign of what is shown. */
char       *qd_table_format_pnl           (QdDecimal        value,
                                           gint            *sign);
/* Local wall-clock time of UNIX nanoseconds, HH:MM:SS; the dash for 0. */
char       *qd_table_format_time          (gint64           unix_ns);

G_END_DECLS
