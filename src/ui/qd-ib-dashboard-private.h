/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "qd-ib-dashboard.h"

G_BEGIN_DECLS

/* The refresh buttons: account, positions, orders. */
typedef enum
{
  QD_REFRESH_ACCOUNT,
  QD_REFRESH_POSITIONS,
  QD_REFRESH_ORDERS,
  QD_N_REFRESH
} QdRefreshKind;

typedef struct
{
  GtkWidget  *button;
  GtkStack   *stack;
  GtkSpinner *spinner;
  GtkLabel   *status;
  char       *request_id;   /* the outstanding request; NULL when none */
} QdRefreshControl;

/* Shared by qd-ib-dashboard.c (the widget, refreshes, updates) and qd-ib-dashboard-cards.c. */
struct _QdIbDashboard
{
  GtkWidget           parent_instance;

  QdIbService        *service;
  QdConnectionStatus *connection;
  QdAccount          *account;
  QdFrameCoalescer   *coalescer;
  gulong              flush_handler;
  gulong              account_handler;
  gulong              connection_handler;
  gulong              request_handler;
  guint               clock_id;   /* ages tick every second while mapped */

  QdRefreshControl    refresh[QD_N_REFRESH];

  /* template */
  GtkWidget          *scroller;

  /* template: connection card */
  GtkImage           *connection_icon;
  GtkLabel           *connection_title;
  GtkLabel           *connection_subtitle;
  GtkLabel           *mode_badge;
  GtkLabel           *connection_hint;
  GtkLabel           *gateway_value;
  GtkLabel           *client_id_value;
  GtkLabel           *address_value;
  GtkLabel           *account_value;
  GtkLabel           *connected_since_value;
  GtkLabel           *node_state_value;
  GtkLabel           *heartbeat_value;
  GtkLabel           *trading_state_value;
  GtkLabel           *bus_value;
  GtkWidget          *error_key;
  GtkLabel           *error_value;

  /* template: account card */
  GtkLabel           *account_subtitle;
  GtkStack           *account_stack;
  GtkLabel           *net_liquidation_value;
  GtkLabel           *currency_value;
  GtkLabel           *daily_change_value;
  GtkLabel           *total_cash_value;
  GtkLabel           *buying_power_value;
  GtkLabel           *available_funds_value;
  GtkLabel           *initial_margin_value;
  GtkLabel           *maintenance_margin_value;
  GtkLabel           *excess_liquidity_value;
  GtkLabel           *account_updated;

  /* template: tables */
  GtkBox             *positions_section;
  GtkBox             *orders_section;
};

/* qd-ib-dashboard-cards.c: the connection and account cards, relabelled on flush. */
void       _qd_ib_dashboard_update_connection (QdIbDashboard *self);
void       _qd_ib_dashboard_update_account    (QdIbDashboard *self);

/* Tests: a named object of the template (a label, a button, a stack...). */
GtkWidget *_qd_ib_dashboard_get_part          (QdIbDashboard *self,
                                               const char    *id);

G_END_DECLS
