/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "qd-test-ui.h"
#include "qd-test-util.h"

void
qd_test_ui_init (int    *argc,
                 char ***argv)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/quarterdeck/Quarterdeck/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static gboolean
count_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

void
qd_test_ui_wait_frames (GtkWidget *widget,
                        guint      n)
{
  guint ticks = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_tick_cb, &ticks, NULL);

  QD_TEST_SPIN_UNTIL (ticks >= n, 20000);
  gtk_widget_remove_tick_callback (widget, id);
  g_assert_cmpuint (ticks, >=, n);
}

void
qd_test_ui_render_png (GtkWidget  *widget,
                       const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

void
qd_test_ui_save_png (GtkWidget  *widget,
                     const char *name,
                     const char *what)
{
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *path = g_build_filename (cwd, name, NULL);

  qd_test_ui_render_png (widget, path);
  g_test_message ("%s rendered to %s", what, path);
}

char *
qd_test_ui_use_temporary_config (void)
{
  char *dir = g_dir_make_tmp ("qd-config-XXXXXX", NULL);

  g_assert_nonnull (dir);
  g_setenv ("XDG_CONFIG_HOME", dir, TRUE);
  return dir;
}

void
qd_test_ui_remove_temporary_config (const char *dir)
{
  qd_test_remove_tree (dir);
}

void
qd_test_ui_app_open (QdTestApp       *t,
                     QdRuntimeConfig *config)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = NULL;

  t->app = qd_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (t->app), NULL, &error));
  g_assert_no_error (error);

  t->tmpdir = g_dir_make_tmp ("qd-app-XXXXXX", &error);
  g_assert_no_error (error);
  journal = g_build_filename (t->tmpdir, "orders.jsonl", NULL);
  config->journal_path = journal;

  t->runtime = qd_runtime_new (config, &error);
  config->journal_path = NULL;
  g_assert_no_error (error);
  qd_runtime_start (t->runtime);

  t->window = qd_window_new (t->app);
  qd_window_set_runtime (t->window, t->runtime);
  gtk_window_present (GTK_WINDOW (t->window));
}

void
qd_test_ui_app_close (QdTestApp *t)
{
  qd_runtime_stop (t->runtime);
  gtk_window_destroy (GTK_WINDOW (t->window));
  while (g_main_context_iteration (NULL, FALSE));
  t->window = NULL;
  g_clear_object (&t->runtime);
  g_clear_object (&t->app);
  qd_test_remove_tree (t->tmpdir);
  g_clear_pointer (&t->tmpdir, g_free);
}
