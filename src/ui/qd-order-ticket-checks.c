/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "quarterdeck-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "qd-order-ticket-internal.h"

/* The order ticket's findings: errors listed, warnings each with a confirmation, and
 * whether Submit may be pressed. */

static gboolean
all_confirmed (QdOrderTicket *self)
{
  guint i;

  for (i = 0; i < self->warning_checks->len; i++)
    if (!gtk_check_button_get_active (g_ptr_array_index (self->warning_checks, i)))
      return FALSE;
  if (gtk_widget_get_visible (GTK_WIDGET (self->live_check))
      && !gtk_check_button_get_active (self->live_check))
    return FALSE;
  return TRUE;
}

void
_qd_order_ticket_update_submit (QdOrderTicket *self)
{
  gboolean ok = self->request_id == NULL
                && self->findings != NULL
                && !qd_risk_findings_have_errors (self->findings)
                && all_confirmed (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->submit_button), ok);
}

static void
warning_toggled_cb (GtkCheckButton *check,
                    QdOrderTicket  *self)
{
  gpointer key = g_object_get_data (G_OBJECT (check), "qd-rule");

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->confirmed, key);
  else
    g_hash_table_remove (self->confirmed, key);
  _qd_order_ticket_update_submit (self);
}

static void
clear_findings_box (QdOrderTicket *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_box))) != NULL)
    gtk_box_remove (self->findings_box, child);
  g_ptr_array_set_size (self->warning_checks, 0);
}

static void
add_finding_row (QdOrderTicket       *self,
                 const QdRiskFinding *finding)
{
  GtkWidget *row;

  if (finding->severity == QD_RISK_ERROR)
    {
      row = gtk_label_new (finding->message);
      gtk_label_set_wrap (GTK_LABEL (row), TRUE);
      gtk_label_set_xalign (GTK_LABEL (row), 0);
      gtk_widget_add_css_class (row, "error");
    }
  else
    {
      gpointer key = GINT_TO_POINTER (finding->rule + 1);

      row = gtk_check_button_new_with_label (finding->message);
      gtk_widget_add_css_class (row, "warning");
      g_object_set_data (G_OBJECT (row), "qd-rule", key);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (row),
                                   g_hash_table_contains (self->confirmed, key));
      g_signal_connect (row, "toggled", G_CALLBACK (warning_toggled_cb), self);
      g_ptr_array_add (self->warning_checks, row);
    }
  gtk_box_append (self->findings_box, row);
}

static gboolean
same_findings (GPtrArray *a,
               GPtrArray *b)
{
  guint i;

  if (a == NULL || b == NULL || a->len != b->len)
    return FALSE;
  for (i = 0; i < a->len; i++)
    {
      QdRiskFinding *fa = g_ptr_array_index (a, i);
      QdRiskFinding *fb = g_ptr_array_index (b, i);

      if (fa->rule != fb->rule || g_strcmp0 (fa->message, fb->message) != 0)
        return FALSE;
    }
  return TRUE;
}

void
_qd_order_ticket_update_findings (QdOrderTicket        *self,
                                  const QdOrderRequest *request)
{
  GPtrArray *findings = qd_risk_check_evaluate (self->risk, request);
  guint i;

  /* Market-relative findings are evaluated on every quote: rows the user may be clicking
   * are only replaced when what they say changes. */
  if (same_findings (findings, self->findings))
    {
      g_ptr_array_unref (findings);
      return;
    }
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->findings = findings;

  clear_findings_box (self);
  for (i = 0; i < self->findings->len; i++)
    add_finding_row (self, g_ptr_array_index (self->findings, i));
  gtk_widget_set_visible (GTK_WIDGET (self->findings_box), self->findings->len > 0);
}
